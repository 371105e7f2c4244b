#include "runtime/engine.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <limits>
#include <map>
#include <stdexcept>
#include <thread>

#include <pthread.h>

#include "metrics/enginemetrics.h"
#include "metrics/labelregistry.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kPublishInterval = std::chrono::milliseconds(100);
constexpr auto kSlowPublishInterval = std::chrono::milliseconds(1000);
// Latency is measured once per this many events, at the end of each run.
constexpr std::size_t kLatencyChunk = 64;
// How many events ahead a worker prefetches device state.
constexpr std::size_t kPrefetchDistance = 6;
// Expired state is swept when event time has moved on this much.
constexpr std::int64_t kSweepEveryMs = kMillisPerHour;

double toMillis(std::uint64_t micros) { return static_cast<double>(micros) / 1000.0; }

} // namespace

LatencySummary summarize(const LatencyHistogram& histogram)
{
    LatencySummary summary;
    summary.count = histogram.count();
    summary.p50 = toMillis(histogram.quantileMicros(0.50));
    summary.p75 = toMillis(histogram.quantileMicros(0.75));
    summary.p90 = toMillis(histogram.quantileMicros(0.90));
    summary.p95 = toMillis(histogram.quantileMicros(0.95));
    summary.p99 = toMillis(histogram.quantileMicros(0.99));
    summary.max = toMillis(histogram.maxMicros());
    summary.mean = histogram.meanMicros() / 1000.0;
    return summary;
}

/// The release state of a deferred batch, shared by the engine and the
/// items of that batch in every worker queue.
struct Engine::DeferredGate {
    enum State : int { Waiting, Activated, Cancelled };
    std::atomic<int> state{Waiting};
};

/// One attribution worker: a queue of batches and the shard it owns.
class Engine::Worker {
public:
    /// The state a worker last published for snapshots and metrics.
    struct Published {
        ShardStats stats;
        MetricCounts metrics;
        LatencyHistogram latency;
        std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> latencyBuckets{};
        double latencySumSeconds = 0;
        std::uint64_t processedEvents = 0;
        std::vector<std::pair<std::string, LatencyHistogram>> customerLatency;
        std::vector<std::pair<std::string, CustomerCounters>> customers;
        std::vector<AggregateRow> aggregates;
    };

    Worker(Engine& engine, std::uint32_t index)
        : m_engine(engine)
        , m_index(index)
        , m_shard(engine.m_options.config, *engine.m_labels)
    {
        m_published.metrics = MetricCounts(engine.m_labels->slotCount());
    }

    AttributionShard& shard() { return m_shard; }

    void start()
    {
        m_thread = std::thread([this] {
            pthread_setname_np(pthread_self(), ("umg-worker-" + std::to_string(m_index)).c_str());
            run();
        });
    }

    void stopAndJoin()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
    }

    std::uint64_t queuedEvents() const { return m_queuedEvents.load(std::memory_order_relaxed); }
    /// Queued events of deferred batches the worker has not taken yet.
    std::uint64_t deferredEvents() const { return m_deferredEvents.load(std::memory_order_relaxed); }
    std::uint64_t processedThrough() const { return m_processedThrough.load(std::memory_order_acquire); }

    void push(std::uint64_t batchId, std::int64_t watermarkMs, RoutedBatch&& events, Clock::time_point submitted,
              bool stateOnly, std::shared_ptr<DeferredGate> gate)
    {
        m_queuedEvents.fetch_add(events.size(), std::memory_order_relaxed);
        if (gate)
            m_deferredEvents.fetch_add(events.size(), std::memory_order_relaxed);
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(Item{batchId, watermarkMs, std::move(events), submitted, stateOnly, std::move(gate)});
        }
        m_wake.notify_one();
    }

    /// Wakes the worker after a deferred batch was activated or cancelled.
    void wake()
    {
        {
            std::lock_guard lock(m_mutex);
        }
        m_wake.notify_one();
    }

    Published published() const
    {
        std::lock_guard lock(m_publishMutex);
        return m_published;
    }

    template <typename Visit>
    void withPublished(Visit&& visit) const
    {
        std::lock_guard lock(m_publishMutex);
        visit(m_published);
    }

    /// Re-applies one journal batch while the engine starts; outputs are
    /// produced only for batches whose results were not yet committed.
    void restoreBatch(const RoutedBatch& batch, const std::vector<std::uint32_t>& mine, std::int64_t watermarkMs,
                      bool emitOutputs, std::uint64_t batchId)
    {
        for (std::uint32_t index : mine)
            m_shard.process(batch, batch[index], watermarkMs, emitOutputs);
        if (emitOutputs) {
            ShardOutput output;
            m_shard.takeOutput(batchId, output);
            m_restoredOutputs.push_back(std::move(output));
        }
        m_processedThrough.store(batchId, std::memory_order_release);
        maybeSweep(watermarkMs);
    }

    /// Marks every batch up to `batchId` as processed after a restore, also
    /// ids missing from the journal, so that flush() and the writer's
    /// `outputs_through` do not wait for them.
    void completeRestoreThrough(std::uint64_t batchId, std::uint64_t outputsThrough)
    {
        if (batchId <= m_processedThrough.load(std::memory_order_acquire))
            return;
        m_processedThrough.store(batchId, std::memory_order_release);
        if (batchId > outputsThrough) {
            ShardOutput marker;
            marker.batchId = batchId;
            m_restoredOutputs.push_back(std::move(marker));
        }
    }

    std::vector<ShardOutput> takeRestoredOutputs() { return std::move(m_restoredOutputs); }

    void publish(bool includeSlow)
    {
        m_shard.updateGauges();
        std::lock_guard lock(m_publishMutex);
        m_published.stats = m_shard.stats();
        m_published.metrics = m_shard.metricCounts();
        m_published.latency = m_latency;
        m_published.latencyBuckets = m_latencyBuckets;
        m_published.latencySumSeconds = m_latencySumSeconds;
        m_published.processedEvents = m_processedEvents;
        if (!includeSlow)
            return;
        m_published.customerLatency.clear();
        for (std::size_t i = 0; i < m_customerLatency.size() && i < m_shard.customerCount(); ++i)
            m_published.customerLatency.emplace_back(m_shard.customerName(i), m_customerLatency[i]);
        m_published.customers.clear();
        m_shard.collectCustomers([&](const std::string& id, const CustomerCounters& counters) {
            m_published.customers.emplace_back(id, counters);
        });
        m_published.aggregates.clear();
        m_shard.collectAggregates([&](const std::string& customer, const std::string& app, const std::string& source,
                                      const std::string& campaign, const AggregateTotals& totals) {
            m_published.aggregates.push_back(AggregateRow{customer, app, source, campaign, totals});
        });
    }

private:
    struct Item {
        std::uint64_t batchId;
        std::int64_t watermarkMs;
        RoutedBatch events;
        Clock::time_point submitted;
        bool stateOnly = false;
        std::shared_ptr<DeferredGate> gate; ///< set for a deferred batch
    };

    // Whether the first queued batch may be processed (under m_mutex).
    bool frontReady() const
    {
        return !m_queue.empty()
            && (!m_queue.front().gate || m_queue.front().gate->state.load() != DeferredGate::Waiting);
    }

    void run()
    {
        Clock::time_point lastPublish = Clock::now();
        Clock::time_point lastSlowPublish = lastPublish;
        while (true) {
            Item item;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, kPublishInterval, [&] { return m_stop || frontReady(); });
                if (!frontReady()) {
                    // On stop, a deferred batch that was never released and
                    // the batches after it stay in the journal unprocessed.
                    if (m_stop)
                        break;
                    lock.unlock();
                    const auto now = Clock::now();
                    const bool slow = now - lastSlowPublish >= kSlowPublishInterval;
                    publish(slow);
                    lastPublish = now;
                    if (slow)
                        lastSlowPublish = now;
                    continue;
                }
                item = std::move(m_queue.front());
                m_queue.pop_front();
            }
            if (item.gate)
                m_deferredEvents.fetch_sub(item.events.size(), std::memory_order_relaxed);
            process(item);
            m_queuedEvents.fetch_sub(item.events.size(), std::memory_order_relaxed);
            m_engine.notifySpace();

            const auto now = Clock::now();
            if (now - lastPublish >= kPublishInterval) {
                const bool slow = now - lastSlowPublish >= kSlowPublishInterval;
                publish(slow);
                lastPublish = now;
                if (slow)
                    lastSlowPublish = now;
            }
        }
        publish(true);
    }

    void process(Item& item)
    {
        if (item.gate && item.gate->state.load() == DeferredGate::Cancelled) {
            completeBatch(item);
            return;
        }
        if (item.stateOnly) {
            for (const RoutedEvent& event : item.events.events())
                m_shard.process(item.events, event, item.watermarkMs, false);
            m_processedEvents += item.events.size();
            completeBatch(item);
            return;
        }
        const RoutedBatch& events = item.events;
        std::array<std::uint32_t, kLatencyChunk> customers{};
        for (std::size_t start = 0; start < events.size(); start += kLatencyChunk) {
            const std::size_t end = std::min(events.size(), start + kLatencyChunk);
            for (std::size_t i = start; i < end; ++i) {
                // Device state of a later event is fetched while this one runs.
                if (i + kPrefetchDistance < events.size())
                    m_shard.prefetch(events[i + kPrefetchDistance]);
                m_shard.process(events, events[i], item.watermarkMs, true);
                customers[i - start] = m_shard.lastCustomerIndex();
            }
            const auto micros = static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - item.submitted).count());
            const std::uint64_t count = end - start;
            m_latency.record(micros, count);
            const double seconds = static_cast<double>(micros) / 1e6;
            m_latencyBuckets[EngineMetrics::latencyBucketOf(seconds)] += count;
            m_latencySumSeconds += seconds * static_cast<double>(count);
            if (m_customerLatency.size() < m_shard.customerCount())
                m_customerLatency.resize(m_shard.customerCount());
            for (std::size_t i = 0; i < count; ++i)
                m_customerLatency[customers[i]].record(micros);
        }
        m_processedEvents += events.size();
        completeBatch(item);
    }

    // Hands the batch's outputs (empty for a state-only or cancelled batch,
    // which every worker still reports) to the writer.
    void completeBatch(const Item& item)
    {
        if (m_engine.m_writer) {
            ShardOutput output;
            m_shard.takeOutput(item.batchId, output);
            m_engine.m_writer->addOutput(m_index, std::move(output));
        } else {
            ShardOutput discarded;
            m_shard.takeOutput(item.batchId, discarded);
        }
        m_processedThrough.store(item.batchId, std::memory_order_release);
        maybeSweep(item.watermarkMs);
    }

    void maybeSweep(std::int64_t watermarkMs)
    {
        if (m_lastSweepMs == 0)
            m_lastSweepMs = watermarkMs;
        if (watermarkMs - m_lastSweepMs < kSweepEveryMs)
            return;
        m_shard.sweep(watermarkMs);
        m_lastSweepMs = watermarkMs;
    }

    Engine& m_engine;
    const std::uint32_t m_index;
    AttributionShard m_shard;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Item> m_queue;
    bool m_stop = false;
    std::atomic<std::uint64_t> m_queuedEvents{0};
    std::atomic<std::uint64_t> m_deferredEvents{0};
    std::atomic<std::uint64_t> m_processedThrough{0};
    std::thread m_thread;

    LatencyHistogram m_latency;
    std::vector<LatencyHistogram> m_customerLatency;
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> m_latencyBuckets{};
    double m_latencySumSeconds = 0;
    std::uint64_t m_processedEvents = 0;
    std::int64_t m_lastSweepMs = 0;
    std::vector<ShardOutput> m_restoredOutputs;

    mutable std::mutex m_publishMutex;
    Published m_published;
};

Engine::Engine(EngineOptions options)
    : m_options(std::move(options))
    , m_started(Clock::now())
{
    EngineConfig& config = m_options.config;
    config.validate();
    if (config.workerThreads == 0)
        config.workerThreads = std::max(1u, std::thread::hardware_concurrency());

    m_labels = std::make_unique<LabelRegistry>(config.maxLabelValues);
    for (std::uint32_t i = 0; i < config.workerThreads; ++i)
        m_workers.push_back(std::make_unique<Worker>(*this, i));

    if (!m_options.databasePath.empty()) {
        auto store = std::make_unique<Store>(m_options.databasePath);
        const auto outputsThrough = static_cast<std::uint64_t>(store->meta("outputs_through").value_or(0));
        const auto journalThrough = static_cast<std::uint64_t>(store->meta("journal_through").value_or(0));
        m_nextBatchId = std::max(outputsThrough, journalThrough) + 1;
        m_watermarkMs = store->meta("watermark_ms").value_or(0);
        restore(*store, outputsThrough);
        m_writer = std::make_unique<StorageWriter>(std::move(store), workerCount(), outputsThrough, config.retentionMs);
        for (std::uint32_t i = 0; i < workerCount(); ++i) {
            for (ShardOutput& output : m_workers[i]->takeRestoredOutputs())
                m_writer->addOutput(i, std::move(output));
        }
        m_writer->start();
    }

    m_metrics = std::make_unique<EngineMetrics>(*this);
    for (auto& worker : m_workers)
        worker->start();
    log::info("engine", "engine started",
              {{"workers", workerCount()},
               {"database", m_options.databasePath.empty() ? std::string("none") : m_options.databasePath}});
}

Engine::~Engine() { stop(); }

void Engine::restore(Store& store, std::uint64_t outputsThrough)
{
    const auto started = Clock::now();
    const std::uint64_t firstBatch = store.firstJournalBatch().value_or(m_nextBatchId);

    // Installs older than the journal are seeded so that reinstalls are
    // still recognised. The journal then rebuilds touches, decisions and
    // duplicate detection exactly as the workers built them the first time.
    std::int64_t longestWindow = m_options.config.defaultRules.reattributionWindowMs;
    for (const auto& [app, rules] : m_options.config.appRules)
        longestWindow = std::max(longestWindow, rules.reattributionWindowMs);
    std::uint64_t seeded = 0;
    store.forEachSeedInstall(firstBatch, m_watermarkMs - longestWindow - m_options.config.allowedLatenessMs,
                             [&](std::uint64_t deviceKey, std::string_view customer, std::string_view app,
                                 std::string_view id, std::int64_t installMs, bool keyedByAdvertisingId) {
                                 const std::uint32_t shard = shardOf(deviceKey, workerCount());
                                 m_workers[shard]->shard().seedInstall(deviceKey, customer, app, id, installMs,
                                                                       keyedByAdvertisingId);
                                 ++seeded;
                             });

    std::uint64_t batches = 0;
    std::uint64_t events = 0;
    RoutedBatch batch;
    std::vector<std::vector<std::uint32_t>> perShard(workerCount());
    store.forEachJournalBatch(0, [&](std::uint64_t batchId, std::int64_t watermarkMs, std::string_view blob) {
        batch.clear();
        JournalBatchInfo info;
        try {
            decodeJournal(blob, batch, &info);
        } catch (const JournalFormatError& error) {
            throw StoreError("database " + store.path() + ": journal batch " + std::to_string(batchId)
                             + " is damaged (" + error.what() + "); restore the database from a backup");
        }
        for (auto& indices : perShard)
            indices.clear();
        for (std::uint32_t i = 0; i < batch.size(); ++i)
            perShard[shardOf(batch[i].deviceKey, workerCount())].push_back(i);
        const bool emit = batchId > outputsThrough && !info.stateOnly;
        for (std::uint32_t shard = 0; shard < workerCount(); ++shard)
            m_workers[shard]->restoreBatch(batch, perShard[shard], watermarkMs, emit, batchId);
        m_watermarkMs = std::max(m_watermarkMs, watermarkMs);
        m_nextBatchId = std::max(m_nextBatchId, batchId + 1);
        ++batches;
        events += batch.size();
    });
    // Cancelled batches are deleted from the journal, so its ids may have gaps.
    for (auto& worker : m_workers)
        worker->completeRestoreThrough(m_nextBatchId - 1, outputsThrough);
    for (auto& worker : m_workers)
        worker->publish(true);
    if (batches > 0 || seeded > 0) {
        const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
        log::info("engine", "restored state from the database",
                  {{"database", store.path()},
                   {"journal_batches", batches},
                   {"events", events},
                   {"seeded_installs", seeded},
                   {"reprocessed_after_batch", outputsThrough},
                   {"milliseconds", millis}});
    }
}

PreparedBatch Engine::prepare(const EventBatch& events, const BatchOptions& options) const
{
    PreparedBatch prepared;
    prepared.stateOnly = options.stateOnly;
    prepared.deferred = options.deferred;
    const std::uint32_t workers = workerCount();
    prepared.shards.resize(workers);
    const std::size_t perShard = events.size() / workers + 16;
    for (RoutedBatch& shard : prepared.shards)
        shard.reserve(perShard, events.arenaBytes() / workers + 256);
    prepared.maxEventMs = std::numeric_limits<std::int64_t>::min();
    JournalEncoder journal;
    for (const EventRecord& event : events.events()) {
        const DeviceKey device = deviceKeyOf(events, event);
        routeEvent(events, event, device, prepared.shards[shardOf(device.key, workers)]);
        prepared.maxEventMs = std::max(prepared.maxEventMs, event.timestampMs);
    }
    // The journal keeps the per-worker order, which is all that restoring
    // the workers' state needs.
    if (persistent()) {
        journal.setBatchInfo(JournalBatchInfo{options.stateOnly, options.origin});
        for (const RoutedBatch& shard : prepared.shards) {
            for (const RoutedEvent& event : shard.events())
                journal.append(shard, event);
        }
        prepared.journal = journal.finish();
    }
    prepared.events = static_cast<std::uint32_t>(events.size());
    return prepared;
}

void Engine::notifySpace()
{
    {
        std::lock_guard lock(m_submitMutex);
    }
    m_spaceAvailable.notify_all();
}

std::uint64_t Engine::submit(PreparedBatch&& batch, SubmitMode mode)
{
    std::unique_lock lock(m_submitMutex);
    if (m_stopped)
        throw std::logic_error("Engine::submit() called after stop()");
    if (batch.shards.size() != workerCount())
        throw std::invalid_argument("Engine::submit(): batch was prepared for another engine");

    const std::uint64_t capacity = m_options.config.queueCapacityEvents;
    auto fits = [&] {
        for (std::uint32_t i = 0; i < workerCount(); ++i) {
            // Deferred batches wait for their submitter, which bounds them,
            // so they do not hold back the batches submitted behind them. A
            // worker lowers the deferred count before the queued one, and
            // pushes happen under m_submitMutex, so the difference never wraps.
            const std::uint64_t queued = m_workers[i]->queuedEvents() - m_workers[i]->deferredEvents();
            if (queued > 0 && queued + batch.shards[i].size() > capacity)
                return false;
        }
        return true;
    };
    if (!fits()) {
        if (mode == SubmitMode::TryOnce) {
            m_busyRejections.fetch_add(1, std::memory_order_relaxed);
            return 0;
        }
        m_backpressureWaits.fetch_add(1, std::memory_order_relaxed);
        while (!fits() && !m_stopped)
            m_spaceAvailable.wait_for(lock, std::chrono::milliseconds(50));
        if (m_stopped)
            throw std::logic_error("Engine::submit(): the engine stopped while waiting for queue space");
    }

    const std::uint64_t batchId = m_nextBatchId++;
    if (batch.events > 0)
        m_watermarkMs = std::max(m_watermarkMs, batch.maxEventMs);
    if (m_writer)
        m_writer->addJournal(batchId, m_watermarkMs, batch.events, std::move(batch.journal));
    std::shared_ptr<DeferredGate> gate;
    if (batch.deferred) {
        gate = std::make_shared<DeferredGate>();
        m_deferred.emplace(batchId, gate);
    }
    const auto now = Clock::now();
    for (std::uint32_t i = 0; i < workerCount(); ++i)
        m_workers[i]->push(batchId, m_watermarkMs, std::move(batch.shards[i]), now, batch.stateOnly, gate);
    return batchId;
}

void Engine::activate(std::uint64_t batchId) { release(batchId, true); }

void Engine::cancel(std::uint64_t batchId) { release(batchId, false); }

void Engine::release(std::uint64_t batchId, bool process)
{
    std::shared_ptr<DeferredGate> gate;
    {
        std::lock_guard lock(m_submitMutex);
        const auto found = m_deferred.find(batchId);
        if (found == m_deferred.end())
            return;
        gate = std::move(found->second);
        m_deferred.erase(found);
    }
    // The removal reaches the writer before any worker reports the batch.
    if (!process && m_writer)
        m_writer->removeJournal(batchId);
    gate->state.store(process ? DeferredGate::Activated : DeferredGate::Cancelled);
    for (auto& worker : m_workers)
        worker->wake();
}

bool Engine::waitDurable(std::uint64_t batchId, std::chrono::milliseconds timeout)
{
    return !m_writer || m_writer->waitJournal(batchId, timeout);
}

bool Engine::flush(std::chrono::milliseconds timeout)
{
    std::uint64_t last = 0;
    {
        std::lock_guard lock(m_submitMutex);
        last = m_nextBatchId - 1;
    }
    const auto deadline = Clock::now() + timeout;
    for (auto& worker : m_workers) {
        while (worker->processedThrough() < last) {
            if (Clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    for (auto& worker : m_workers)
        worker->publish(true);
    if (!m_writer)
        return true;
    const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return m_writer->waitJournal(last, remaining) && m_writer->waitOutputs(last, remaining);
}

void Engine::recordRejections(std::vector<Rejection> rejections)
{
    for (const Rejection& rejection : rejections)
        m_rejected[static_cast<std::size_t>(rejection.reason)].fetch_add(1, std::memory_order_relaxed);
    m_metrics->countRejections(rejections);
    if (m_writer && !rejections.empty())
        m_writer->addRejections(std::move(rejections));
}

void Engine::sampleRate() const
{
    std::uint64_t processed = 0;
    for (const auto& worker : m_workers)
        worker->withPublished([&](const Worker::Published& published) { processed += published.processedEvents; });
    const auto now = Clock::now();
    std::lock_guard lock(m_rateMutex);
    m_rateSamples.emplace_back(now, processed);
    while (m_rateSamples.size() > 2 && now - m_rateSamples[1].first > std::chrono::milliseconds(1500))
        m_rateSamples.erase(m_rateSamples.begin());
}

std::vector<std::string> Engine::labelNames(int dimension) const
{
    return m_labels->names(static_cast<LabelRegistry::Dimension>(dimension));
}

std::string Engine::labelValue(int dimension, std::string_view value) const
{
    const auto kind = static_cast<LabelRegistry::Dimension>(dimension);
    const std::uint32_t slot = m_labels->slot(kind, value);
    return m_labels->names(kind).at(slot);
}

EngineSnapshot Engine::snapshot(bool withAggregates) const
{
    EngineSnapshot snapshot;
    snapshot.takenAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    snapshot.uptimeSeconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    snapshot.persistent = persistent();
    snapshot.workers = workerCount();
    snapshot.metricCounts = MetricCounts(m_labels->slotCount());

    LatencyHistogram latency;
    std::map<std::string, CustomerSnapshot> customers;
    std::map<std::string, LatencyHistogram> customerLatency;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, AggregateTotals> aggregates;
    for (const auto& worker : m_workers) {
        worker->withPublished([&](const Worker::Published& published) {
            const ShardStats& s = published.stats;
            ShardStats& t = snapshot.totals;
            for (std::size_t type = 0; type < 4; ++type) {
                for (std::size_t status = 0; status < 3; ++status)
                    t.events[type][status] += s.events[type][status];
            }
            t.lateEvents += s.lateEvents;
            t.revisions += s.revisions;
            t.touchEvictions += s.touchEvictions;
            for (std::size_t i = 0; i < 2; ++i)
                t.installsByKind[i] += s.installsByKind[i];
            for (std::size_t i = 0; i < 3; ++i) {
                t.installsByMethod[i] += s.installsByMethod[i];
                t.installsByStatus[i] += s.installsByStatus[i];
            }
            for (std::size_t i = 0; i < kFraudFlagCount; ++i)
                t.fraudFlags[i] += s.fraudFlags[i];
            t.referenceInstalls += s.referenceInstalls;
            t.referenceAgreements += s.referenceAgreements;
            t.inAppAttributed += s.inAppAttributed;
            t.inAppUnattributed += s.inAppUnattributed;
            t.trackedDevices += s.trackedDevices;
            t.storedTouches += s.storedTouches;
            t.dedupEntries += s.dedupEntries;
            t.newestEventMs = std::max(t.newestEventMs, s.newestEventMs);
            latency.merge(published.latency);
            snapshot.eventsProcessed += published.processedEvents;
            for (std::size_t i = 0; i < published.latencyBuckets.size(); ++i)
                snapshot.latencyBuckets[i] += published.latencyBuckets[i];
            snapshot.latencySumSeconds += published.latencySumSeconds;
            MetricCounts& counts = snapshot.metricCounts;
            const MetricCounts& from = published.metrics;
            auto addAll = [](std::vector<std::uint64_t>& into, const std::vector<std::uint64_t>& values) {
                for (std::size_t i = 0; i < into.size() && i < values.size(); ++i)
                    into[i] += values[i];
            };
            addAll(counts.events, from.events);
            addAll(counts.installs, from.installs);
            addAll(counts.attributed, from.attributed);
            addAll(counts.organic, from.organic);
            addAll(counts.fraudRejected, from.fraudRejected);
            addAll(counts.fraudFlags, from.fraudFlags);
            addAll(counts.inAppEvents, from.inAppEvents);
            for (const auto& [key, amount] : from.revenue)
                counts.revenue[key] += amount;
            for (const auto& [id, histogram] : published.customerLatency)
                customerLatency[id].merge(histogram);
            for (const auto& [id, counters] : published.customers) {
                CustomerSnapshot& customer = customers[id];
                customer.customerId = id;
                customer.counters.add(counters);
            }
            if (withAggregates) {
                for (const AggregateRow& row : published.aggregates)
                    aggregates[{row.customerId, row.appId, row.mediaSource, row.campaign}].add(row.totals);
            }
        });
        snapshot.queues.push_back({worker->queuedEvents(), m_options.config.queueCapacityEvents});
    }
    snapshot.latency = summarize(latency);
    for (auto& [id, customer] : customers) {
        customer.latency = summarize(customerLatency[id]);
        snapshot.customers.push_back(std::move(customer));
    }
    for (const auto& [key, totals] : aggregates)
        snapshot.aggregates.push_back(
            AggregateRow{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), totals});
    for (std::size_t type = 0; type < 4; ++type) {
        snapshot.eventsAccepted += snapshot.totals.events[type][0];
        snapshot.eventsDuplicate += snapshot.totals.events[type][1];
        snapshot.eventsTooOld += snapshot.totals.events[type][2];
    }
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason) {
        snapshot.rejectedByReason[reason] = m_rejected[reason].load(std::memory_order_relaxed);
        snapshot.rejectedLines += snapshot.rejectedByReason[reason];
    }
    snapshot.rejectedByReason[static_cast<std::size_t>(RejectReason::TooOld)] += snapshot.eventsTooOld;
    snapshot.backpressureWaits = m_backpressureWaits.load(std::memory_order_relaxed);
    snapshot.busyRejections = m_busyRejections.load(std::memory_order_relaxed);
    {
        std::lock_guard lock(m_submitMutex);
        snapshot.submittedBatches = m_nextBatchId - 1;
        snapshot.watermarkMs = m_watermarkMs;
    }
    if (m_writer)
        snapshot.storage = m_writer->stats();

    sampleRate();
    {
        std::lock_guard lock(m_rateMutex);
        if (m_rateSamples.size() >= 2) {
            const auto& [firstTime, firstCount] = m_rateSamples.front();
            const auto& [lastTime, lastCount] = m_rateSamples.back();
            const double seconds = std::chrono::duration<double>(lastTime - firstTime).count();
            if (seconds > 0.05)
                snapshot.eventsPerSecond = static_cast<double>(lastCount - firstCount) / seconds;
        }
    }
    return snapshot;
}

void Engine::stop()
{
    {
        std::lock_guard lock(m_submitMutex);
        if (m_stopped)
            return;
        m_stopped = true;
    }
    m_spaceAvailable.notify_all();
    for (auto& worker : m_workers)
        worker->stopAndJoin();
    if (m_writer)
        m_writer->stop();
    log::info("engine", "engine stopped", {{"batches", m_nextBatchId - 1}});
}

} // namespace umg
