#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ingest/eventparser.h"
#include "kafka/kafkaclient.h"

namespace umg {

class Engine;
class JsonWriter;

/// Settings of KafkaIngest.
struct KafkaIngestOptions {
    KafkaClientOptions client;
    std::string topic;
    std::string group;
    /// This node's id in the partitions' ownership history, from
    /// recoverKafkaJournal().
    std::string instanceId;
    /// Event time, in milliseconds, that a node re-reads when it takes over
    /// a partition, behind the partition's newest event. 0 uses the engine's
    /// retention, which covers every lookback window, the allowed lateness
    /// and duplicate detection.
    std::int64_t rewindWindowMs = 0;
    /// Maximum events per engine batch. A batch never splits a message.
    std::size_t maxBatchEvents = 1 << 16;
    /// Maximum messages taken from the client per commit cycle.
    std::size_t maxMessagesPerCycle = 20'000;
    ParseLimits parseLimits;
};

/// One assigned partition, as KafkaIngest::status() reports it.
struct KafkaPartitionStatus {
    std::int32_t partition = 0;
    /// Offset of the next message to process; every offset before it is
    /// committed (-1 before the first commit of an unconsumed partition).
    std::int64_t committedOffset = -1;
    /// The partition's high watermark as last fetched (-1 unknown).
    std::int64_t highWatermark = -1;
    /// Messages behind the high watermark (-1 unknown).
    std::int64_t lag = -1;
    /// While the node re-reads the partition to rebuild attribution state,
    /// the offset where normal consumption starts; -1 otherwise.
    std::int64_t rereadUntil = -1;
};

/// Counters and state of KafkaIngest for status reports.
struct KafkaIngestStatus {
    std::string brokers;
    std::string topic;
    std::string group;
    std::string instanceId;
    bool running = false;
    std::string lastError;
    std::int64_t brokersUp = 0;
    std::vector<KafkaPartitionStatus> partitions;
    std::uint64_t messagesConsumed = 0;  ///< messages whose events were processed after their commit
    std::uint64_t malformedMessages = 0; ///< of those, messages with at least one rejected line
    std::uint64_t eventsConsumed = 0;
    std::uint64_t messagesReread = 0;    ///< messages re-read to rebuild state after an assignment
    std::uint64_t rebalances = 0;
    std::uint64_t commits = 0;
    std::uint64_t cancelledBatches = 0;  ///< batches dropped because their offsets were not committed
};

/// Consumes NDJSON events from a Kafka topic as a member of a consumer group
/// and feeds them to an Engine, with at-least-once delivery and an
/// exactly-once effect on the stored results.
///
/// Each cycle takes up to maxMessagesPerCycle messages, parses them into one
/// engine batch per partition and submits the batches deferred. The journal
/// stores them first, then the consumer commits their offsets (manual commit,
/// with CommitMetadata), and only then do the workers process them
/// (Engine::activate()). A batch whose commit failed is cancelled and consumed
/// again from the committed offset, so attribution state never contains
/// events whose offsets another node may process. A crash between the journal
/// write and the commit's reply is settled on the next start by
/// recoverKafkaJournal().
///
/// On assignment the consumer reads the partition's committed offset. Unless
/// its own state already reaches that offset, it first re-reads the partition
/// from the metadata's rewind offset as state-only batches, which rebuild
/// touches, installs and duplicate detection without counting anything, and
/// then continues from the committed offset.
///
/// Malformed lines are rejected as events (source `kafka:TOPIC/PARTITION`,
/// line = offset, one record per message) and never stop the partition.
///
/// Thread safety: start(), stop() and the destructor are called from one
/// thread; running() and status() from any thread.
class KafkaIngest {
public:
    /// Validates `options`; throws std::invalid_argument naming the value.
    KafkaIngest(Engine& engine, KafkaIngestOptions options);
    /// Stops consuming (see stop()).
    ~KafkaIngest();
    KafkaIngest(const KafkaIngest&) = delete;
    KafkaIngest& operator=(const KafkaIngest&) = delete;

    /// Creates the consumer, subscribes to the topic and starts the consumer
    /// thread. Throws std::invalid_argument for an invalid client property.
    void start();
    /// Finishes the cycle in progress, leaves the group and joins the
    /// thread. Idempotent.
    void stop();
    /// False once the consumer stopped after an error it cannot recover from
    /// (see KafkaIngestStatus::lastError), or after stop().
    bool running() const;
    KafkaIngestStatus status() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Writes `status` as the members of a JSON object (the `kafka` section of
/// the node's `GET /v1/status`).
void writeKafkaStatusJson(const KafkaIngestStatus& status, JsonWriter& json);

} // namespace umg
