#include "runtime/storagewriter.h"

#include <algorithm>
#include <optional>
#include <pthread.h>
#include <sqlite3.h>
#include <unordered_map>

#include "storage/store.h"
#include "util/log.h"

namespace umg {
namespace {

constexpr auto kCommitInterval = std::chrono::milliseconds(50);
constexpr auto kPruneInterval = std::chrono::seconds(60);
constexpr auto kMaxBackoff = std::chrono::milliseconds(5000);
// How long failing commits are retried after stop() before the writer gives up.
constexpr auto kRetryAfterStop = std::chrono::seconds(10);

// Whether retrying a commit that failed with `sqliteCode` cannot succeed.
// SQLITE_READONLY: the connection was opened read-only, or the file was
// moved or replaced; the same connection never gains write access again.
// SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged, and every retry
// reads the same damaged pages. Everything else is retried: SQLITE_BUSY and
// SQLITE_LOCKED end when the other connection finishes, SQLITE_FULL when disk
// space is freed, and SQLITE_IOERR and SQLITE_CANTOPEN can be passing
// conditions (a network file system, too many open files).
bool isPermanentFailure(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return true;
    default:
        return false;
    }
}

struct AggregateKeyHash {
    std::size_t operator()(const AggregateKey& key) const
    {
        std::size_t h = std::hash<std::string>()(key.customerId);
        for (const std::string* part : {&key.appId, &key.mediaSource, &key.campaign})
            h = h * 31 + std::hash<std::string>()(*part);
        return h * 31 + std::hash<std::int64_t>()(key.day);
    }
};

// Sums deltas with equal keys, so that one commit writes each row once.
std::vector<AggregateDelta> mergeAggregates(std::vector<AggregateDelta>& deltas)
{
    std::unordered_map<AggregateKey, std::size_t, AggregateKeyHash> index;
    std::vector<AggregateDelta> merged;
    merged.reserve(deltas.size());
    for (AggregateDelta& delta : deltas) {
        auto [it, inserted] = index.try_emplace(delta.key, merged.size());
        if (inserted) {
            merged.push_back(std::move(delta));
            continue;
        }
        AggregateDelta& into = merged[it->second];
        into.clicks += delta.clicks;
        into.impressions += delta.impressions;
        into.installs += delta.installs;
        into.reinstalls += delta.reinstalls;
        into.organicInstalls += delta.organicInstalls;
        into.attributedInstalls += delta.attributedInstalls;
        into.fraudFlaggedInstalls += delta.fraudFlaggedInstalls;
        into.fraudRejectedInstalls += delta.fraudRejectedInstalls;
        into.inAppEvents += delta.inAppEvents;
        for (std::size_t m = 0; m < kCreditModelCount; ++m)
            into.credits[m] += delta.credits[m];
    }
    return merged;
}

// Sums revenue deltas with equal keys and currency.
std::vector<RevenueDelta> mergeRevenue(std::vector<RevenueDelta>& deltas)
{
    struct KeyHash {
        std::size_t operator()(const std::pair<AggregateKey, std::string>& key) const
        {
            return AggregateKeyHash()(key.first) * 31 + std::hash<std::string>()(key.second);
        }
    };
    std::unordered_map<std::pair<AggregateKey, std::string>, std::size_t, KeyHash> index;
    std::vector<RevenueDelta> merged;
    merged.reserve(deltas.size());
    for (RevenueDelta& delta : deltas) {
        auto [it, inserted] = index.try_emplace({delta.key, delta.currency}, merged.size());
        if (inserted) {
            merged.push_back(std::move(delta));
            continue;
        }
        merged[it->second].events += delta.events;
        merged[it->second].revenue += delta.revenue;
    }
    return merged;
}

} // namespace

StorageWriter::StorageWriter(std::unique_ptr<Store> store, std::uint32_t shardCount, std::uint64_t outputsThrough,
                             std::int64_t retentionMs)
    : m_store(std::move(store))
    , m_shardCount(shardCount)
    , m_retentionMs(retentionMs)
    , m_outputs(shardCount)
    , m_receivedThrough(shardCount, outputsThrough)
{
    m_stats.outputsThrough = outputsThrough;
    m_stats.journalThrough = outputsThrough;
    m_watermarkMs = m_store->meta("watermark_ms").value_or(0);
    if (auto journalThrough = m_store->meta("journal_through"))
        m_stats.journalThrough = static_cast<std::uint64_t>(*journalThrough);
    m_stats.databaseBytes = m_store->databaseBytes();
    m_lastPrune = std::chrono::steady_clock::now();
}

StorageWriter::~StorageWriter() { stop(); }

void StorageWriter::start()
{
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "umg-writer");
        run();
    });
}

void StorageWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void StorageWriter::addJournal(std::uint64_t batchId, std::int64_t watermarkMs, std::uint32_t events, std::string blob)
{
    {
        std::lock_guard lock(m_mutex);
        m_journal.push_back({batchId, watermarkMs, events, std::move(blob)});
    }
    m_wake.notify_one();
}

void StorageWriter::addOutput(std::uint32_t shard, ShardOutput output)
{
    std::lock_guard lock(m_mutex);
    m_receivedThrough[shard] = output.batchId;
    m_stats.pendingOutputs += output.installs.size() + output.aggregates.size() + output.revenue.size();
    m_outputs[shard].push_back(std::move(output));
}

void StorageWriter::removeJournal(std::uint64_t batchId)
{
    {
        std::lock_guard lock(m_mutex);
        m_journalRemovals.push_back(batchId);
    }
    m_wake.notify_one();
}

void StorageWriter::addRejections(std::vector<Rejection> rejections)
{
    {
        std::lock_guard lock(m_mutex);
        m_rejections.insert(m_rejections.end(), std::make_move_iterator(rejections.begin()),
                            std::make_move_iterator(rejections.end()));
    }
    m_wake.notify_one();
}

bool StorageWriter::waitJournal(std::uint64_t batchId, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    m_committed.wait_for(lock, timeout, [&] { return m_stats.journalThrough >= batchId || m_failed.load(); });
    return m_stats.journalThrough >= batchId;
}

bool StorageWriter::waitOutputs(std::uint64_t batchId, std::chrono::milliseconds timeout)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stats.outputsThrough >= batchId)
            return true;
    }
    m_wake.notify_one();
    std::unique_lock lock(m_mutex);
    m_committed.wait_for(lock, timeout, [&] { return m_stats.outputsThrough >= batchId || m_failed.load(); });
    return m_stats.outputsThrough >= batchId;
}

StorageStats StorageWriter::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void StorageWriter::run()
{
    std::vector<JournalItem> journal;
    std::vector<Rejection> rejections;
    std::vector<std::uint64_t> removals;
    auto backoff = std::chrono::milliseconds(100);
    std::optional<std::chrono::steady_clock::time_point> giveUpAt;
    while (true) {
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, kCommitInterval, [&] { return m_stopping || !m_journal.empty(); });
            stopping = m_stopping;
            if (stopping && !giveUpAt)
                giveUpAt = std::chrono::steady_clock::now() + kRetryAfterStop;
            while (!m_journal.empty()) {
                journal.push_back(std::move(m_journal.front()));
                m_journal.pop_front();
            }
            rejections.insert(rejections.end(), std::make_move_iterator(m_rejections.begin()),
                              std::make_move_iterator(m_rejections.end()));
            m_rejections.clear();
        }
        const bool committed = commitOnce(journal, rejections, removals);
        if (!committed) {
            if (m_failed.load()) {
                log::error("storage", "the database cannot be written; storage stopped and results not yet written are lost",
                           {{"database", m_store->path()}, {"error", m_stats.fatalError}});
                m_committed.notify_all();
                return;
            }
            if (stopping && std::chrono::steady_clock::now() >= *giveUpAt) {
                log::error("storage", "giving up on the database after repeated failures; results not yet written are lost",
                           {{"database", m_store->path()}, {"error", m_stats.lastError}});
                return;
            }
            // Waiting on m_wake lets stop() end the back-off at once.
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, backoff, [&] { return m_stopping && !stopping; });
            backoff = std::min(backoff * 2, kMaxBackoff);
            continue;
        }
        backoff = std::chrono::milliseconds(100);
        if (stopping) {
            std::lock_guard lock(m_mutex);
            bool drained = m_journal.empty() && m_rejections.empty() && m_journalRemovals.empty();
            for (const auto& outputs : m_outputs)
                drained = drained && outputs.empty();
            if (drained)
                return;
        }
    }
}

bool StorageWriter::commitOnce(std::vector<JournalItem>& journal, std::vector<Rejection>& rejections,
                               std::vector<std::uint64_t>& removals)
{
    // Outputs are committed up to the newest batch every worker has finished.
    std::vector<ShardOutput> outputs;
    std::uint64_t through = 0;
    {
        std::lock_guard lock(m_mutex);
        through = *std::min_element(m_receivedThrough.begin(), m_receivedThrough.end());
        for (auto& queue : m_outputs) {
            while (!queue.empty() && queue.front().batchId <= through) {
                outputs.push_back(std::move(queue.front()));
                queue.pop_front();
            }
        }
        // Removals are taken under the same lock as the outputs: a cancelled
        // batch is removed before its (empty) outputs arrive, so the commit
        // that moves `outputs_through` past it also deletes it.
        removals.insert(removals.end(), m_journalRemovals.begin(), m_journalRemovals.end());
        m_journalRemovals.clear();
        if (journal.empty() && rejections.empty() && removals.empty() && outputs.empty()
            && through <= m_stats.outputsThrough)
            return true;
    }

    std::vector<InstallRow> installs;
    std::vector<AggregateDelta> aggregates;
    std::vector<RevenueDelta> revenue;
    std::uint64_t pendingDone = 0;
    std::sort(outputs.begin(), outputs.end(),
              [](const ShardOutput& a, const ShardOutput& b) { return a.batchId < b.batchId; });
    for (ShardOutput& output : outputs) {
        pendingDone += output.installs.size() + output.aggregates.size() + output.revenue.size();
        std::move(output.installs.begin(), output.installs.end(), std::back_inserter(installs));
        std::move(output.aggregates.begin(), output.aggregates.end(), std::back_inserter(aggregates));
        std::move(output.revenue.begin(), output.revenue.end(), std::back_inserter(revenue));
    }
    const std::vector<AggregateDelta> mergedAggregates = mergeAggregates(aggregates);
    std::vector<RevenueDelta> mergedRevenue = mergeRevenue(revenue);

    std::uint64_t journalThrough = 0;
    std::uint64_t journalEvents = 0;
    for (const JournalItem& item : journal) {
        journalThrough = std::max(journalThrough, item.batchId);
        journalEvents += item.events;
        m_watermarkMs = std::max(m_watermarkMs, item.watermarkMs);
    }

    const auto started = std::chrono::steady_clock::now();
    try {
        m_store->begin();
        for (const JournalItem& item : journal)
            m_store->insertJournal(item.batchId, item.watermarkMs, item.events, item.blob);
        for (std::uint64_t batchId : removals)
            m_store->deleteJournalBatch(batchId);
        m_store->upsertInstalls(installs);
        m_store->addAggregates(mergedAggregates);
        m_store->addRevenue(mergedRevenue);
        m_store->insertRejections(rejections);
        if (!journal.empty()) {
            m_store->setMeta("journal_through", static_cast<std::int64_t>(journalThrough));
            m_store->setMeta("watermark_ms", m_watermarkMs);
        }
        m_store->setMeta("outputs_through", static_cast<std::int64_t>(through));
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastPrune > kPruneInterval) {
            m_store->pruneJournal(m_watermarkMs - m_retentionMs, through);
            m_lastPrune = now;
        }
        m_store->commit();
    } catch (const std::exception& error) {
        m_store->rollback();
        const auto* storeError = dynamic_cast<const StoreError*>(&error);
        const bool permanent = storeError && isPermanentFailure(storeError->sqliteCode());
        // Put the outputs back in front, so the next attempt writes them again.
        std::lock_guard lock(m_mutex);
        m_stats.errors += 1;
        m_stats.lastError = error.what();
        if (permanent) {
            m_stats.fatalError = error.what();
            m_failed.store(true);
        } else {
            log::error("storage", "database commit failed; retrying",
                       {{"database", m_store->path()}, {"error", error.what()}, {"failures", m_stats.errors}});
        }
        // The taken outputs go back as one item at the front of a queue. The
        // next commit takes that item again, because its batch id is already
        // covered. Journal items and rejections stay in the caller's vectors.
        ShardOutput replay;
        replay.batchId = through;
        replay.installs = std::move(installs);
        replay.aggregates = mergedAggregates;
        replay.revenue = std::move(mergedRevenue);
        m_outputs[0].push_front(std::move(replay));
        return false;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::size_t bucket = EngineMetrics::requestBucketOf(seconds);

    {
        std::lock_guard lock(m_mutex);
        if (!journal.empty()) {
            m_stats.journalThrough = std::max(m_stats.journalThrough, journalThrough);
            m_stats.journalWriteBuckets[bucket] += 1;
            m_stats.journalWriteSeconds += seconds;
        } else {
            m_stats.outputWriteBuckets[bucket] += 1;
            m_stats.outputWriteSeconds += seconds;
        }
        m_stats.committedEvents += journalEvents;
        m_stats.committedBatches += journal.size();
        m_stats.outputsThrough = std::max(m_stats.outputsThrough, through);
        m_stats.pendingOutputs -= std::min(m_stats.pendingOutputs, pendingDone);
        m_stats.databaseBytes = m_store->databaseBytes();
    }
    journal.clear();
    rejections.clear();
    removals.clear();
    m_committed.notify_all();
    return true;
}

} // namespace umg
