#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "attribution/decision.h"
#include "metrics/enginemetrics.h"
#include "ingest/rejection.h"
#include "util/latencyhistogram.h"

namespace umg {

class Store;

/// Counters of the writer thread, for snapshots and metrics.
struct StorageStats {
    std::uint64_t committedEvents = 0;
    std::uint64_t committedBatches = 0;
    std::uint64_t journalThrough = 0;
    std::uint64_t outputsThrough = 0;
    std::uint64_t pendingOutputs = 0;
    std::uint64_t errors = 0;
    std::int64_t databaseBytes = 0;
    std::string lastError;
    /// Set when a commit failed with an error that retrying cannot fix (see
    /// StorageWriter); the writer has stopped and commits nothing more.
    std::string fatalError;
    /// Transaction times in EngineMetrics::kRequestBounds buckets: commits
    /// that wrote journal batches, and commits that wrote only outputs.
    std::array<std::uint64_t, EngineMetrics::kRequestBucketCount> journalWriteBuckets{};
    std::array<std::uint64_t, EngineMetrics::kRequestBucketCount> outputWriteBuckets{};
    double journalWriteSeconds = 0;
    double outputWriteSeconds = 0;
};

/// The thread that owns the read-write Store. It commits journal batches as
/// soon as they arrive, so that a submitted batch can be acknowledged as
/// durable, and commits worker outputs only up to the newest batch that every
/// worker has finished. The database therefore always holds the complete
/// results of a prefix of the journal, and the meta key `outputs_through`
/// names that prefix; a restart re-processes only the rest.
///
/// A failed commit is logged, counted and retried with back-off; nothing that
/// was handed over is dropped while the writer runs. An error that retrying
/// cannot fix (a read-only or damaged database) stops the writer instead:
/// failed() becomes true, the waits return false, and what was not committed
/// is lost. After stop() the writer retries for about 10 s more, then gives
/// up. All public functions are thread-safe.
class StorageWriter {
public:
    StorageWriter(std::unique_ptr<Store> store, std::uint32_t shardCount, std::uint64_t outputsThrough,
                  std::int64_t retentionMs);
    ~StorageWriter();
    StorageWriter(const StorageWriter&) = delete;
    StorageWriter& operator=(const StorageWriter&) = delete;

    void start();
    /// Commits everything handed over, then stops the thread.
    void stop();

    void addJournal(std::uint64_t batchId, std::int64_t watermarkMs, std::uint32_t events, std::string blob);
    void addOutput(std::uint32_t shard, ShardOutput output);
    void addRejections(std::vector<Rejection> rejections);
    /// Deletes journal batch `batchId` with the next commit, at the latest
    /// with the commit that writes the outputs of that batch.
    void removeJournal(std::uint64_t batchId);

    /// Waits until the journal contains batch `batchId`. Returns false on
    /// timeout, and at once when the writer has failed.
    bool waitJournal(std::uint64_t batchId, std::chrono::milliseconds timeout);
    /// Waits until the outputs of every batch up to `batchId` are committed.
    /// Returns false on timeout, and at once when the writer has failed.
    bool waitOutputs(std::uint64_t batchId, std::chrono::milliseconds timeout);

    /// Whether a commit failed with an error that retrying cannot fix
    /// (StorageStats::fatalError names it); the writer then commits nothing.
    bool failed() const { return m_failed.load(); }

    StorageStats stats() const;

private:
    struct JournalItem {
        std::uint64_t batchId;
        std::int64_t watermarkMs;
        std::uint32_t events;
        std::string blob;
    };

    void run();
    bool commitOnce(std::vector<JournalItem>& journal, std::vector<Rejection>& rejections,
                    std::vector<std::uint64_t>& removals);

    std::unique_ptr<Store> m_store;
    const std::uint32_t m_shardCount;
    const std::int64_t m_retentionMs;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_committed;
    std::deque<JournalItem> m_journal;
    std::vector<std::deque<ShardOutput>> m_outputs; // per shard, in batch order
    std::vector<std::uint64_t> m_receivedThrough;   // per shard: newest batch whose output arrived
    std::vector<Rejection> m_rejections;
    std::vector<std::uint64_t> m_journalRemovals;
    bool m_stopping = false;
    std::atomic<bool> m_failed{false};
    std::thread m_thread;

    StorageStats m_stats;
    std::int64_t m_watermarkMs = 0;
    std::chrono::steady_clock::time_point m_lastPrune;
};

} // namespace umg
