#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attribution/routedevent.h"
#include "attribution/rules.h"
#include "attribution/shard.h"
#include "ingest/rejection.h"
#include "model/event.h"
#include "metrics/enginemetrics.h"
#include "runtime/storagewriter.h"

namespace prometheus {
class Registry;
}

namespace umg {

/// Options of one batch: how the workers treat its events, and what the
/// journal stores with it.
struct BatchOptions {
    /// The events only rebuild attribution state (touches, installs,
    /// decisions and duplicate detection). They are not counted and produce
    /// no results, also when the batch is restored from the journal. The
    /// Kafka consumer re-reads a partition it takes over this way.
    bool stateOnly = false;
    /// The workers wait for Engine::activate() or Engine::cancel() before
    /// they process the batch (see Engine::submit()).
    bool deferred = false;
    /// Stored with the batch in the journal (JournalBatchInfo::origin).
    std::string origin;
};

/// Events split per worker, with their journal blob; built by
/// Engine::prepare() on any thread and handed to Engine::submit().
struct PreparedBatch {
    std::vector<RoutedBatch> shards;
    std::string journal;
    std::int64_t maxEventMs = 0;
    std::uint32_t events = 0;
    bool stateOnly = false;
    bool deferred = false;
};

struct EngineOptions {
    EngineConfig config;
    /// SQLite database for the journal and results; empty keeps results in
    /// memory only (no durability, no restart).
    std::string databasePath;
};

/// Latency percentiles in milliseconds.
struct LatencySummary {
    double p50 = 0, p75 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
    std::uint64_t count = 0;
};
LatencySummary summarize(const LatencyHistogram& histogram);

struct CustomerSnapshot {
    std::string customerId;
    CustomerCounters counters;
    LatencySummary latency;
};

struct AggregateRow {
    std::string customerId;
    std::string appId;
    std::string mediaSource;
    std::string campaign;
    AggregateTotals totals;
};

struct QueueSnapshot {
    std::uint64_t depth = 0;
    std::uint64_t capacity = 0;
};

/// A consistent-enough view of the engine for dashboards and reports: each
/// worker's part is at most about 100 ms old (aggregates and customers about
/// one second).
struct EngineSnapshot {
    std::int64_t takenAtMs = 0;   ///< wall clock, UTC
    double uptimeSeconds = 0;
    ShardStats totals;            ///< summed over workers
    std::array<std::int64_t, kRejectReasonCount> rejectedByReason{};
    std::int64_t rejectedLines = 0; ///< lines rejected before reaching a worker
    std::int64_t eventsAccepted = 0;
    std::int64_t eventsDuplicate = 0;
    std::int64_t eventsTooOld = 0;
    std::uint64_t eventsProcessed = 0; ///< all events the workers handled
    double eventsPerSecond = 0;  ///< over the last second or so
    LatencySummary latency;      ///< since the engine started
    std::vector<CustomerSnapshot> customers;
    std::vector<AggregateRow> aggregates;
    std::vector<QueueSnapshot> queues;
    std::uint64_t backpressureWaits = 0;
    std::uint64_t busyRejections = 0;
    std::uint64_t submittedBatches = 0;
    StorageStats storage;
    bool persistent = false;
    std::uint32_t workers = 0;
    std::int64_t watermarkMs = 0;
    /// Monotonic counters in metric-label space, summed over workers.
    MetricCounts metricCounts;
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> latencyBuckets{};
    double latencySumSeconds = 0;
};

/// The attribution engine: worker threads sharded by device key, bounded
/// queues with backpressure, a storage writer thread and a snapshot API.
///
/// Thread safety: prepare(), submit(), recordRejections(), snapshot() and
/// flush() may be called from any thread at the same time.
class Engine {
public:
    /// Starts the workers and, with a database, restores state from its
    /// journal. Throws std::invalid_argument for an invalid configuration and
    /// StoreError when the database cannot be opened or read.
    explicit Engine(EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    std::uint32_t workerCount() const { return static_cast<std::uint32_t>(m_workers.size()); }
    const EngineConfig& config() const { return m_options.config; }
    bool persistent() const { return m_writer != nullptr; }
    /// Whether the database failed with an error that retrying cannot fix,
    /// such as a file that became read-only. The engine then stores nothing
    /// more, flush() and waitDurable() return false, and the snapshot's
    /// StorageStats::fatalError names the error. Thread-safe.
    bool storageFailed() const { return m_writer && m_writer->failed(); }

    /// Splits `events` per worker and encodes their journal blob. Pure and
    /// thread-safe; call it on parsing threads to keep submit() short.
    PreparedBatch prepare(const EventBatch& events, const BatchOptions& options = {}) const;

    enum class SubmitMode {
        Wait,    ///< block while the worker queues are full
        TryOnce, ///< return 0 at once when the queues are full
    };

    /// Queues a prepared batch for the workers and the journal. Returns its
    /// batch id (> 0), or 0 in TryOnce mode when the queues are full, in
    /// which case nothing was queued. A batch larger than a queue's capacity
    /// is still accepted when that queue is empty. Throws std::logic_error
    /// after stop().
    ///
    /// A deferred batch is written to the journal at once, but the workers
    /// process neither it nor any later batch before activate() or cancel()
    /// names it. Until a worker takes it, its events do not count against the
    /// queue capacity, so the submitter must bound how many it keeps waiting.
    /// stop() leaves a batch that was never released, and every later one,
    /// unprocessed in the journal.
    std::uint64_t submit(PreparedBatch&& batch, SubmitMode mode = SubmitMode::Wait);

    /// Lets the workers process deferred batch `batchId`. Ignores other ids.
    void activate(std::uint64_t batchId);
    /// Drops deferred batch `batchId`: the workers skip it, and it is deleted
    /// from the journal no later than the results of the batches after it
    /// are committed, so a restart does not restore it. Ignores other ids.
    void cancel(std::uint64_t batchId);

    /// Waits until batch `batchId` is in the journal on disk, so that it
    /// survives a crash. Returns true at once without a database; false on
    /// timeout.
    bool waitDurable(std::uint64_t batchId, std::chrono::milliseconds timeout);

    /// Waits until every batch submitted so far is processed and, with a
    /// database, its results are committed. Returns false on timeout.
    bool flush(std::chrono::milliseconds timeout = std::chrono::hours(24));

    /// Counts rejected input lines and stores them with the results.
    void recordRejections(std::vector<Rejection> rejections);

    /// Merges what the workers last published. With `withAggregates` false
    /// the per-campaign rows are left out, which keeps frequent calls cheap.
    EngineSnapshot snapshot(bool withAggregates = true) const;

    /// Label values of the bounded metric dimensions (see LabelRegistry).
    std::vector<std::string> labelNames(int dimension) const;
    /// The exported label value for `value`: itself while the dimension has
    /// room, else `other`; `unknown` for an empty value.
    std::string labelValue(int dimension, std::string_view value) const;

    /// The engine's metric registry, with every exported family. Valid for
    /// the engine's lifetime.
    EngineMetrics& metrics() { return *m_metrics; }

    /// Processes everything queued, commits it and stops all threads.
    /// Idempotent; the destructor calls it.
    void stop();

private:
    class Worker;

    struct DeferredGate;

    void restore(Store& store, std::uint64_t outputsThrough);
    void release(std::uint64_t batchId, bool process);
    void sampleRate() const;
    void notifySpace();

    EngineOptions m_options;
    std::unique_ptr<LabelRegistry> m_labels;
    std::unique_ptr<EngineMetrics> m_metrics;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::unique_ptr<StorageWriter> m_writer;

    mutable std::mutex m_submitMutex;
    std::condition_variable m_spaceAvailable;
    std::uint64_t m_nextBatchId = 1;
    std::int64_t m_watermarkMs = 0;
    bool m_stopped = false;
    /// Deferred batches not yet activated or cancelled (under m_submitMutex).
    std::map<std::uint64_t, std::shared_ptr<DeferredGate>> m_deferred;

    std::atomic<std::uint64_t> m_backpressureWaits{0};
    std::atomic<std::uint64_t> m_busyRejections{0};
    std::array<std::atomic<std::int64_t>, kRejectReasonCount> m_rejected{};
    std::chrono::steady_clock::time_point m_started;

    mutable std::mutex m_rateMutex;
    mutable std::vector<std::pair<std::chrono::steady_clock::time_point, std::uint64_t>> m_rateSamples;

    friend class EngineMetrics;
};

} // namespace umg
