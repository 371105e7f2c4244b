#include "kafka/kafkaingest.h"

#include <librdkafka/rdkafka.h>
#include <pthread.h>
#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "kafka/ownership.h"
#include "kafka/rewindtracker.h"
#include "runtime/engine.h"
#include "util/jsonwriter.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPollTimeoutMs = 200;
// Poll timeout while batches wait for their commit, which an idle poll delays.
constexpr int kPendingPollTimeoutMs = 10;
// Once a message arrived, a cycle collects more for at most this long, so
// that cycles (and with them offset commits and journal transactions) stay
// few while messages flow.
constexpr auto kCycleCollectTime = std::chrono::milliseconds(50);
// A cycle also ends once its messages contain this many payload bytes.
constexpr std::size_t kMaxBytesPerCycle = 16u << 20;
constexpr auto kDurableTimeout = std::chrono::seconds(10);
constexpr int kCommittedTimeoutMs = 10'000;
constexpr auto kStatusInterval = std::chrono::milliseconds(250);
constexpr std::int64_t kNoEvent = std::numeric_limits<std::int64_t>::min();

// Ownership of one partition during the current assignment.
struct AssignedPartition {
    /// Committed offset when the partition was assigned (RD_KAFKA_OFFSET_INVALID
    /// when the group had none); the start of this node's ownership period.
    std::int64_t assignedAt = RD_KAFKA_OFFSET_INVALID;
    /// Offset after the last message whose commit succeeded.
    std::int64_t committedOffset = RD_KAFKA_OFFSET_INVALID;
    /// Offsets below this are re-read as state-only batches; -1 when done.
    std::int64_t rereadUntil = -1;
    /// Messages below this offset are stale (fetched before a seek) and dropped.
    std::int64_t nextOffset = -1;
    /// First offset this node consumed in the period, for the ownership
    /// history when the group had no committed offset.
    std::int64_t firstConsumed = -1;
    /// Commit metadata as read at assignment, then as last committed.
    std::optional<CommitMetadata> metadata;
    std::int64_t highWatermark = -1;
    prometheus::Gauge* lagGauge = nullptr;
};

// Facts about a partition that outlive one assignment.
struct PartitionHistory {
    /// The engine's state contains every event of the partition before this
    /// offset (-1: unknown).
    std::int64_t stateThrough = -1;
    RewindTracker tracker;
};

// One message's contribution to a batch.
struct MessageMark {
    std::int64_t offset;
    std::int64_t newestEventMs;
};

// Events of consecutive messages of one partition, built into one engine batch.
struct BatchBuilder {
    bool stateOnly = false;
    EventBatch events;
    std::vector<MessageMark> messages;
    std::vector<Rejection> rejections;
    std::uint64_t malformedMessages = 0;
};

// A submitted deferred batch waiting for its offset commit.
struct PendingBatch {
    std::int32_t partition = 0;
    std::uint64_t batchId = 0;
    std::int64_t firstOffset = 0;
    std::int64_t lastOffset = 0;
    std::uint64_t events = 0;
    std::vector<MessageMark> messages;
    std::vector<Rejection> rejections;
    std::uint64_t malformedMessages = 0;
};

struct PartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

PartitionList newPartitionList(int capacity) { return PartitionList(rd_kafka_topic_partition_list_new(capacity)); }

std::optional<CommitMetadata> metadataOf(const rd_kafka_topic_partition_t& element)
{
    if (!element.metadata || element.metadata_size == 0)
        return std::nullopt;
    return CommitMetadata::parse(std::string_view(static_cast<const char*>(element.metadata), element.metadata_size));
}

std::int64_t brokersUpFromStatistics(std::string_view json)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS)
        return -1;
    simdjson::dom::object brokers;
    if (root["brokers"].get(brokers) != simdjson::SUCCESS)
        return -1;
    std::int64_t up = 0;
    for (auto [name, broker] : brokers) {
        std::int64_t node = -1;
        std::string_view source;
        std::string_view state;
        // The client also lists its internal broker (no node id) and logical
        // brokers such as GroupCoordinator, which repeat a real broker.
        if (broker["nodeid"].get(node) == simdjson::SUCCESS && node >= 0
            && broker["source"].get(source) == simdjson::SUCCESS && source != "logical"
            && broker["state"].get(state) == simdjson::SUCCESS && state == "UP")
            ++up;
    }
    return up;
}

} // namespace

class KafkaIngest::Impl {
public:
    Impl(Engine& engine, KafkaIngestOptions options)
        : m_engine(engine)
        , m_options(std::move(options))
    {
        validateKafkaName("topic", m_options.topic);
        validateKafkaName("consumer group", m_options.group);
        if (m_options.client.brokers.empty())
            throw std::invalid_argument("the Kafka broker list is empty; pass HOST:PORT[,HOST:PORT...]");
        if (m_options.instanceId.empty())
            throw std::invalid_argument("the Kafka instance id is empty; take it from recoverKafkaJournal()");
        if (m_options.rewindWindowMs < 0)
            throw std::invalid_argument("the Kafka rewind window is negative");
        if (m_options.rewindWindowMs == 0)
            m_options.rewindWindowMs = m_engine.config().retentionMs;
        m_options.maxBatchEvents = std::max<std::size_t>(1, m_options.maxBatchEvents);
        m_options.maxMessagesPerCycle = std::max<std::size_t>(1, m_options.maxMessagesPerCycle);
        m_parser = makeParser(InputFormat::Ndjson, m_options.parseLimits);
        m_source = "kafka:" + m_options.topic + "/";

        EngineMetrics& metrics = m_engine.metrics();
        m_messagesConsumed = &metrics.kafkaMessagesConsumed().Add({{"topic", m_options.topic}});
        m_malformedMessages = &metrics.kafkaMalformedMessages().Add({{"topic", m_options.topic}});
        m_assignRebalances = &metrics.kafkaRebalances().Add({{"type", "assign"}});
        m_revokeRebalances = &metrics.kafkaRebalances().Add({{"type", "revoke"}});

        m_status.brokers = m_options.client.brokers;
        m_status.topic = m_options.topic;
        m_status.group = m_options.group;
        m_status.instanceId = m_options.instanceId;
    }

    ~Impl() { stop(); }

    void start()
    {
        rd_kafka_conf_t* conf = detail::makeKafkaConf(m_options.client,
                                                      {{"group.id", m_options.group},
                                                       {"client.id", "unmogrowp-node"},
                                                       {"enable.auto.commit", "false"},
                                                       {"enable.auto.offset.store", "false"},
                                                       {"auto.offset.reset", "earliest"},
                                                       {"enable.partition.eof", "false"},
                                                       {"partition.assignment.strategy", "range,roundrobin"},
                                                       {"statistics.interval.ms", "5000"}});
        rd_kafka_conf_set_opaque(conf, this);
        rd_kafka_conf_set_rebalance_cb(conf, [](rd_kafka_t* handle, rd_kafka_resp_err_t error,
                                                rd_kafka_topic_partition_list_t* partitions, void* opaque) {
            static_cast<Impl*>(opaque)->onRebalance(handle, error, partitions);
        });
        rd_kafka_conf_set_stats_cb(conf, [](rd_kafka_t*, char* json, size_t length, void* opaque) {
            static_cast<Impl*>(opaque)->onStatistics(std::string_view(json, length));
            return 0;
        });
        m_consumer = detail::makeKafkaHandle(RD_KAFKA_CONSUMER, conf);
        rd_kafka_poll_set_consumer(m_consumer.get());

        PartitionList topics = newPartitionList(1);
        rd_kafka_topic_partition_list_add(topics.get(), m_options.topic.c_str(), RD_KAFKA_PARTITION_UA);
        if (const rd_kafka_resp_err_t error = rd_kafka_subscribe(m_consumer.get(), topics.get()))
            throw std::runtime_error("cannot subscribe to Kafka topic " + m_options.topic + ": " + rd_kafka_err2str(error));

        m_running.store(true);
        {
            std::lock_guard lock(m_statusMutex);
            m_status.running = true;
        }
        log::info("kafka", "consuming",
                  {{"brokers", m_options.client.brokers},
                   {"topic", m_options.topic},
                   {"group", m_options.group},
                   {"instance", m_options.instanceId},
                   {"rewind_window_ms", m_options.rewindWindowMs}});
        m_thread = std::thread([this] {
            pthread_setname_np(pthread_self(), "umg-kafka");
            run();
        });
    }

    void stop()
    {
        m_stopRequested.store(true);
        if (m_thread.joinable())
            m_thread.join();
        m_running.store(false);
    }

    bool running() const { return m_running.load(); }

    KafkaIngestStatus status() const
    {
        std::lock_guard lock(m_statusMutex);
        return m_status;
    }

private:
    void run()
    {
        try {
            while (!m_stopRequested.load()) {
                consumeCycle();
                if (const std::string fatal = fatalError(); !fatal.empty()) {
                    fail("the Kafka client reported a fatal error: " + fatal);
                    break;
                }
            }
        } catch (const std::exception& error) {
            fail(error.what());
        }
        try {
            commitPending();
        } catch (const std::exception& error) {
            fail(error.what());
        }
        // Batches still pending stay deferred, and the next start settles them.
        log::info("kafka", "leaving the consumer group", {{"group", m_options.group}});
        rd_kafka_consumer_close(m_consumer.get());
        m_consumer.reset();
        m_running.store(false);
        std::lock_guard lock(m_statusMutex);
        m_status.running = false;
        m_status.partitions.clear();
    }

    void fail(const std::string& message)
    {
        log::error("kafka", "the Kafka consumer stopped", {{"error", message}});
        std::lock_guard lock(m_statusMutex);
        m_status.lastError = message;
    }

    std::string fatalError()
    {
        char reason[512];
        if (rd_kafka_fatal_error(m_consumer.get(), reason, sizeof reason) == RD_KAFKA_RESP_ERR_NO_ERROR)
            return {};
        return reason;
    }

    // One cycle: take messages, commit the batches submitted in the previous
    // cycle and release them, parse the messages, then submit this cycle's
    // batches deferred. The journal therefore stores one cycle's batches
    // while the next cycle's messages are taken.
    void consumeCycle()
    {
        m_rewound.clear();
        std::vector<rd_kafka_message_t*> messages;
        std::size_t bytes = 0;
        std::uint64_t version = m_assignmentVersion;
        rd_kafka_message_t* message =
            rd_kafka_consumer_poll(m_consumer.get(), m_pending.empty() ? kPollTimeoutMs : kPendingPollTimeoutMs);
        const Clock::time_point collectUntil = Clock::now() + kCycleCollectTime;
        while (message) {
            // A rebalance ran inside this poll. The messages taken before it
            // belong to partitions that this node gave up or that restart
            // from their committed offset, so they are dropped. The message
            // that the poll returned already follows the new assignment.
            if (version != m_assignmentVersion) {
                for (rd_kafka_message_t* stale : messages)
                    rd_kafka_message_destroy(stale);
                messages.clear();
                bytes = 0;
                version = m_assignmentVersion;
            }
            messages.push_back(message);
            bytes += message->len;
            if (messages.size() >= m_options.maxMessagesPerCycle || bytes >= kMaxBytesPerCycle)
                break;
            const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(collectUntil - Clock::now());
            message = rd_kafka_consumer_poll(m_consumer.get(), static_cast<int>(std::max<std::int64_t>(0, remaining.count())));
        }
        if (version != m_assignmentVersion) {
            for (rd_kafka_message_t* stale : messages)
                rd_kafka_message_destroy(stale);
            messages.clear();
        }

        // The workers process the batches released here while this cycle's
        // messages are parsed.
        commitPending();
        for (rd_kafka_message_t* taken : messages) {
            handleMessage(*taken);
            rd_kafka_message_destroy(taken);
        }
        for (auto& [partition, builder] : m_builders) {
            if (!builder.messages.empty())
                submitBuilder(partition, builder);
        }
        if (Clock::now() - m_lastStatus >= kStatusInterval)
            publishStatus();
    }

    void handleMessage(const rd_kafka_message_t& message)
    {
        if (message.err) {
            if (message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
                return;
            const std::string reason = rd_kafka_message_errstr(&message);
            if (m_errorLimiter.allow()) {
                log::warning("kafka", "the consumer reported an error",
                             {{"topic", m_options.topic}, {"partition", message.partition}, {"error", reason},
                              {"occurrences", m_errorLimiter.count()}});
            }
            std::lock_guard lock(m_statusMutex);
            m_status.lastError = reason;
            return;
        }
        const auto found = m_assigned.find(message.partition);
        if (found == m_assigned.end() || m_rewound.count(message.partition))
            return;
        AssignedPartition& partition = found->second;
        if (message.offset < partition.nextOffset)
            return;
        if (partition.nextOffset >= 0 && message.offset > partition.nextOffset && m_gapLimiter.allow()) {
            // Compacted or transactional topics have such gaps; the node's
            // own producer never leaves one.
            log::warning("kafka", "offsets were skipped in a partition",
                         {{"topic", m_options.topic}, {"partition", message.partition},
                          {"expected_offset", partition.nextOffset}, {"offset", message.offset},
                          {"occurrences", m_gapLimiter.count()}});
        }
        partition.nextOffset = message.offset + 1;

        const bool reread = partition.rereadUntil >= 0 && message.offset < partition.rereadUntil;
        if (!reread && partition.rereadUntil >= 0)
            partition.rereadUntil = -1;
        BatchBuilder& builder = m_builders[message.partition];
        if (!builder.messages.empty() && builder.stateOnly != reread)
            submitBuilder(message.partition, builder);
        builder.stateOnly = reread;
        if (!reread && partition.firstConsumed < 0)
            partition.firstConsumed = message.offset;

        parseMessage(message, builder);
        if (builder.events.size() >= m_options.maxBatchEvents)
            submitBuilder(message.partition, builder);
        if (m_rewound.count(message.partition))
            return;

        if (reread && message.offset + 1 >= partition.rereadUntil) {
            log::info("kafka", "re-read the partition; consuming from the committed offset",
                      {{"topic", m_options.topic}, {"partition", message.partition}, {"offset", partition.rereadUntil}});
            partition.rereadUntil = -1;
        }
    }

    // Parses the message's lines into `builder`. Every rejected line is one
    // rejection with line = the message's offset, so the database keeps one
    // record per message and the metrics count every line.
    void parseMessage(const rd_kafka_message_t& message, BatchBuilder& builder)
    {
        m_payload.assign(static_cast<const char*>(message.payload), message.len);
        const std::size_t length = m_payload.size();
        m_payload.append(kParsePadding, '\0');

        std::int64_t newestEventMs = kNoEvent;
        std::uint64_t rejectedLines = 0;
        std::size_t lineNumber = 0;
        std::size_t position = 0;
        Rejection rejection;
        auto reject = [&](Rejection&& rejected, std::size_t number) {
            ++rejectedLines;
            if (builder.stateOnly)
                return;
            rejected.source = m_source + std::to_string(message.partition);
            rejected.line = static_cast<std::uint64_t>(message.offset);
            rejected.detail = "message line " + std::to_string(number) + ": " + rejected.detail;
            builder.rejections.push_back(std::move(rejected));
        };
        while (position < length) {
            const void* found = std::memchr(m_payload.data() + position, '\n', length - position);
            const std::size_t lineEnd = found ? static_cast<std::size_t>(static_cast<const char*>(found) - m_payload.data())
                                              : length;
            std::string_view line(m_payload.data() + position, lineEnd - position);
            ++lineNumber;
            const std::size_t capacity = m_payload.size() - position;
            position = lineEnd + 1;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            if (line.size() > m_options.parseLimits.maxLineBytes) {
                Rejection tooLong;
                tooLong.reason = RejectReason::LineTooLong;
                tooLong.detail = "the line is longer than " + std::to_string(m_options.parseLimits.maxLineBytes) + " bytes";
                reject(std::move(tooLong), lineNumber);
                continue;
            }
            const std::size_t before = builder.events.size();
            if (!m_parser->parseLine(line, capacity, builder.events, rejection)) {
                reject(std::move(rejection), lineNumber);
                rejection = Rejection{};
                continue;
            }
            for (std::size_t i = before; i < builder.events.size(); ++i)
                newestEventMs = std::max(newestEventMs, builder.events[i].timestampMs);
        }
        if (lineNumber == 0 || (rejectedLines == 0 && newestEventMs == kNoEvent)) {
            Rejection empty;
            empty.reason = RejectReason::InvalidJson;
            empty.detail = "the message holds no event";
            reject(std::move(empty), 1);
        }
        if (rejectedLines > 0)
            ++builder.malformedMessages;
        builder.messages.push_back(MessageMark{message.offset, newestEventMs});
    }

    void submitBuilder(std::int32_t partition, BatchBuilder& builder)
    {
        // A partition moved back to a cancelled batch drops what it parsed
        // after that batch.
        if (m_rewound.count(partition)) {
            clearBuilder(builder);
            return;
        }
        BatchOptions options;
        options.stateOnly = builder.stateOnly;
        options.deferred = !builder.stateOnly;
        KafkaBatchOrigin origin{m_options.group, m_options.topic, partition, builder.messages.front().offset,
                                builder.messages.back().offset};
        if (!builder.stateOnly)
            options.origin = origin.format();
        PreparedBatch prepared = m_engine.prepare(builder.events, options);
        const std::uint64_t batchId = submitWithRoom(std::move(prepared), partition);

        if (batchId == 0) {
            // Making room cancelled an earlier batch of this partition, which
            // is consumed again from there, so this later one goes too.
        } else if (builder.stateOnly) {
            PartitionHistory& history = m_history[partition];
            for (const MessageMark& mark : builder.messages)
                history.tracker.add(mark.offset, mark.newestEventMs);
            history.stateThrough = origin.lastOffset + 1;
            std::lock_guard lock(m_statusMutex);
            m_status.messagesReread += builder.messages.size();
        } else {
            PendingBatch pending;
            pending.partition = partition;
            pending.batchId = batchId;
            pending.firstOffset = origin.firstOffset;
            pending.lastOffset = origin.lastOffset;
            pending.events = builder.events.size();
            pending.messages = std::move(builder.messages);
            pending.rejections = std::move(builder.rejections);
            pending.malformedMessages = builder.malformedMessages;
            m_pending.push_back(std::move(pending));
        }
        clearBuilder(builder);
    }

    static void clearBuilder(BatchBuilder& builder)
    {
        builder.events.clear();
        builder.messages.clear();
        builder.rejections.clear();
        builder.malformedMessages = 0;
    }

    // A full queue may be waiting behind this node's pending batches, so they
    // are released before submit() waits for room. Returns 0 without
    // submitting when that cancelled a batch of `partition`.
    std::uint64_t submitWithRoom(PreparedBatch&& prepared, std::int32_t partition)
    {
        const std::uint64_t batchId = m_engine.submit(std::move(prepared), Engine::SubmitMode::TryOnce);
        if (batchId != 0)
            return batchId;
        commitPending();
        if (m_rewound.count(partition))
            return 0;
        return m_engine.submit(std::move(prepared), Engine::SubmitMode::Wait);
    }

    // Waits until the pending batches are in the journal, commits their
    // offsets and activates the batches whose offsets were committed.
    void commitPending()
    {
        if (m_pending.empty())
            return;
        const std::uint64_t lastBatch = m_pending.back().batchId;
        while (!m_engine.waitDurable(lastBatch, kDurableTimeout)) {
            log::warning("kafka", "the journal has not stored the consumed batches yet; offsets stay uncommitted",
                         {{"batch", lastBatch}});
            if (m_stopRequested.load())
                return;
        }

        // One commit per cycle: each partition's offset after its last batch.
        std::map<std::int32_t, std::int64_t> commitOffsets;
        for (const PendingBatch& batch : m_pending)
            commitOffsets[batch.partition] = batch.lastOffset + 1;
        std::map<std::int32_t, CommitMetadata> metadata;
        PartitionList offsets = newPartitionList(static_cast<int>(commitOffsets.size()));
        for (const auto& [partition, offset] : commitOffsets) {
            metadata[partition] = metadataForCommit(partition);
            const std::string text = metadata[partition].format();
            rd_kafka_topic_partition_t* element =
                rd_kafka_topic_partition_list_add(offsets.get(), m_options.topic.c_str(), partition);
            element->offset = offset;
            element->metadata = std::malloc(text.size());
            std::memcpy(element->metadata, text.data(), text.size());
            element->metadata_size = text.size();
        }
        const rd_kafka_resp_err_t error = rd_kafka_commit(m_consumer.get(), offsets.get(), 0);

        std::map<std::int32_t, bool> committed;
        std::vector<std::int32_t> unknown;
        for (int i = 0; i < offsets->cnt; ++i) {
            const rd_kafka_topic_partition_t& element = offsets->elems[i];
            const bool ok = error == RD_KAFKA_RESP_ERR_NO_ERROR && element.err == RD_KAFKA_RESP_ERR_NO_ERROR;
            committed[element.partition] = ok;
            if (!ok)
                unknown.push_back(element.partition);
        }
        if (!unknown.empty()) {
            log::warning("kafka", "offset commit failed; checking which offsets the group stored",
                         {{"error", rd_kafka_err2str(error)}, {"partitions", unknown.size()}});
            if (!settleCommits(unknown, committed))
                return; // stopping: the next start settles the pending batches
        }
        {
            std::lock_guard lock(m_statusMutex);
            m_status.commits += 1;
        }

        std::map<std::int32_t, std::int64_t> seekTo;
        for (PendingBatch& batch : m_pending) {
            if (committed[batch.partition] && !seekTo.count(batch.partition)) {
                m_engine.activate(batch.batchId);
                completeBatch(batch, metadata[batch.partition]);
                continue;
            }
            // Later batches of a partition follow the first cancelled one, so
            // that no offset is skipped.
            m_engine.cancel(batch.batchId);
            seekTo.try_emplace(batch.partition, batch.firstOffset);
            std::lock_guard lock(m_statusMutex);
            m_status.cancelledBatches += 1;
        }
        m_pending.clear();
        for (const auto& [partition, offset] : seekTo)
            rewindTo(partition, offset);
    }

    CommitMetadata metadataForCommit(std::int32_t partition)
    {
        // Pending batches are settled before a partition is given up, so it
        // is still assigned here.
        const AssignedPartition& assigned = m_assigned.at(partition);
        CommitMetadata metadata = assigned.metadata.value_or(CommitMetadata{});
        const std::int64_t since = assigned.assignedAt >= 0 ? assigned.assignedAt : assigned.firstConsumed;
        metadata.appendOwner(m_options.instanceId, std::max<std::int64_t>(0, since));
        // The rewind offset must cover the batches being committed, which the
        // tracker itself learns only once they are activated.
        RewindTracker tracker = m_history[partition].tracker;
        for (const PendingBatch& batch : m_pending) {
            if (batch.partition != partition)
                continue;
            for (const MessageMark& mark : batch.messages)
                tracker.add(mark.offset, mark.newestEventMs);
        }
        metadata.rewindOffset = std::max<std::int64_t>(0, tracker.rewindOffset());
        return metadata;
    }

    // Reads the committed offsets of `partitions` after a failed commit and
    // decides for each whether this node's commit was stored. Returns false
    // when the node stops before the coordinator replied.
    bool settleCommits(const std::vector<std::int32_t>& partitions, std::map<std::int32_t, bool>& committed)
    {
        while (true) {
            PartitionList list = newPartitionList(static_cast<int>(partitions.size()));
            for (std::int32_t partition : partitions)
                rd_kafka_topic_partition_list_add(list.get(), m_options.topic.c_str(), partition);
            const rd_kafka_resp_err_t error = rd_kafka_committed(m_consumer.get(), list.get(), kCommittedTimeoutMs);
            bool complete = error == RD_KAFKA_RESP_ERR_NO_ERROR;
            for (int i = 0; complete && i < list->cnt; ++i)
                complete = list->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
            if (complete) {
                for (int i = 0; i < list->cnt; ++i) {
                    const rd_kafka_topic_partition_t& element = list->elems[i];
                    // Every pending batch of the partition ends at or before
                    // its last one, which decides for all of them.
                    KafkaBatchOrigin last{m_options.group, m_options.topic, element.partition, 0, 0};
                    for (const PendingBatch& batch : m_pending) {
                        if (batch.partition == element.partition) {
                            last.firstOffset = batch.firstOffset;
                            last.lastOffset = batch.lastOffset;
                        }
                    }
                    committed[element.partition] =
                        offsetsWereCommitted(last, m_options.instanceId, element.offset, metadataOf(element));
                }
                return true;
            }
            log::warning("kafka", "cannot read the committed offsets; retrying", {{"error", rd_kafka_err2str(error)}});
            if (m_stopRequested.load())
                return false;
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }
    }

    void completeBatch(PendingBatch& batch, const CommitMetadata& metadata)
    {
        AssignedPartition& assigned = m_assigned.at(batch.partition);
        assigned.committedOffset = batch.lastOffset + 1;
        assigned.metadata = metadata;
        PartitionHistory& history = m_history[batch.partition];
        for (const MessageMark& mark : batch.messages)
            history.tracker.add(mark.offset, mark.newestEventMs);
        history.stateThrough = batch.lastOffset + 1;

        if (!batch.rejections.empty())
            m_engine.recordRejections(std::move(batch.rejections));
        m_messagesConsumed->Increment(static_cast<double>(batch.messages.size()));
        m_malformedMessages->Increment(static_cast<double>(batch.malformedMessages));
        std::lock_guard lock(m_statusMutex);
        m_status.messagesConsumed += batch.messages.size();
        m_status.malformedMessages += batch.malformedMessages;
        m_status.eventsConsumed += batch.events;
    }

    // Moves the fetch position of `partition` back to `offset`, the first
    // message of a cancelled batch.
    void rewindTo(std::int32_t partition, std::int64_t offset)
    {
        // A partition being revoked restarts from its committed offset
        // wherever it is assigned next.
        if (m_revoking.count(partition))
            return;
        m_rewound.insert(partition);
        const auto found = m_assigned.find(partition);
        if (found == m_assigned.end())
            return;
        found->second.nextOffset = offset;
        PartitionList list = newPartitionList(1);
        rd_kafka_topic_partition_list_add(list.get(), m_options.topic.c_str(), partition)->offset = offset;
        if (rd_kafka_error_t* error = rd_kafka_seek_partitions(m_consumer.get(), list.get(), kCommittedTimeoutMs)) {
            log::warning("kafka", "cannot move back to the first uncommitted message",
                         {{"partition", partition}, {"offset", offset}, {"error", rd_kafka_error_string(error)}});
            rd_kafka_error_destroy(error);
        }
        log::info("kafka", "consuming uncommitted messages again",
                  {{"topic", m_options.topic}, {"partition", partition}, {"offset", offset}});
    }

    void onRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t error, rd_kafka_topic_partition_list_t* partitions)
    {
        try {
            handleRebalance(handle, error, partitions);
        } catch (const std::exception& failure) {
            // Without the committed offsets the node cannot tell where its
            // state starts, so it takes no partition and stops.
            fail(std::string("cannot take the assigned partitions: ") + failure.what());
            m_stopRequested.store(true);
            rd_kafka_assign(handle, nullptr);
        }
    }

    void handleRebalance(rd_kafka_t* handle, rd_kafka_resp_err_t error, rd_kafka_topic_partition_list_t* partitions)
    {
        ++m_assignmentVersion;
        // Batches of the previous cycle are settled first: the commit decides
        // which node processes their messages, and an assignment starts from
        // this node's settled state.
        m_revoking.clear();
        if (error != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            for (int i = 0; i < partitions->cnt; ++i)
                m_revoking.insert(partitions->elems[i].partition);
        }
        commitPending();
        m_revoking.clear();

        const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(handle), "COOPERATIVE") == 0;
        if (error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            m_assignRebalances->Increment();
            planAssignment(partitions);
            if (cooperative) {
                if (rd_kafka_error_t* failure = rd_kafka_incremental_assign(handle, partitions)) {
                    log::error("kafka", "cannot take the assigned partitions", {{"error", rd_kafka_error_string(failure)}});
                    rd_kafka_error_destroy(failure);
                }
            } else {
                rd_kafka_assign(handle, partitions);
            }
        } else {
            m_revokeRebalances->Increment();
            const bool lost = rd_kafka_assignment_lost(handle);
            for (int i = 0; i < partitions->cnt; ++i)
                forgetPartition(partitions->elems[i].partition);
            log::info("kafka", lost ? "lost the partitions" : "gave up the partitions",
                      {{"topic", m_options.topic}, {"partitions", partitions->cnt}});
            if (cooperative) {
                if (rd_kafka_error_t* failure = rd_kafka_incremental_unassign(handle, partitions))
                    rd_kafka_error_destroy(failure);
            } else {
                rd_kafka_assign(handle, nullptr);
            }
        }
        std::lock_guard lock(m_statusMutex);
        m_status.rebalances += 1;
    }

    // Reads the committed offsets of newly assigned partitions and sets each
    // one's start: the committed offset when this node's state reaches it,
    // else the rewind offset with a re-read up to the committed offset.
    void planAssignment(rd_kafka_topic_partition_list_t* partitions)
    {
        PartitionList committed(rd_kafka_topic_partition_list_copy(partitions));
        while (true) {
            const rd_kafka_resp_err_t error = rd_kafka_committed(m_consumer.get(), committed.get(), kCommittedTimeoutMs);
            bool complete = error == RD_KAFKA_RESP_ERR_NO_ERROR;
            for (int i = 0; complete && i < committed->cnt; ++i)
                complete = committed->elems[i].err == RD_KAFKA_RESP_ERR_NO_ERROR;
            if (complete)
                break;
            log::warning("kafka", "cannot read the committed offsets of the assigned partitions; retrying",
                         {{"error", rd_kafka_err2str(error)}});
            if (m_stopRequested.load())
                throw std::runtime_error("stopped while reading the committed offsets of the assigned partitions");
            std::this_thread::sleep_for(std::chrono::seconds(1));
        }

        for (int i = 0; i < committed->cnt; ++i) {
            const rd_kafka_topic_partition_t& element = committed->elems[i];
            const std::int32_t partition = element.partition;
            AssignedPartition assigned;
            assigned.assignedAt = element.offset;
            assigned.committedOffset = element.offset;
            assigned.metadata = metadataOf(element);
            PartitionHistory& history = m_history.try_emplace(partition, PartitionHistory{-1, RewindTracker(m_options.rewindWindowMs)}).first->second;

            std::int64_t start = element.offset;
            if (element.offset < 0) {
                // No committed offset: nothing was consumed before, so there
                // is no state to rebuild.
                start = RD_KAFKA_OFFSET_BEGINNING;
                history.tracker.reset(0);
                history.stateThrough = -1;
            } else if (history.stateThrough == element.offset) {
                // This node's own state reaches the committed offset.
            } else {
                const std::int64_t rewind = assigned.metadata ? assigned.metadata->rewindOffset : 0;
                if (rewind < element.offset) {
                    start = rewind;
                    assigned.rereadUntil = element.offset;
                    log::info("kafka", "re-reading the partition to rebuild attribution state",
                              {{"topic", m_options.topic},
                               {"partition", partition},
                               {"from_offset", rewind},
                               {"to_offset", element.offset},
                               {"history", assigned.metadata ? "commit metadata" : "none: from the earliest offset"}});
                }
                history.tracker.reset(std::min(rewind, element.offset));
            }
            assigned.nextOffset = start >= 0 ? start : -1;
            partitions->elems[i].offset = start;
            forgetPartition(partition);
            m_rewound.erase(partition);
            assigned.lagGauge = &m_engine.metrics().kafkaConsumerLag().Add(
                {{"topic", m_options.topic}, {"partition", std::to_string(partition)}});
            m_assigned.emplace(partition, std::move(assigned));
            log::info("kafka", "assigned a partition",
                      {{"topic", m_options.topic}, {"partition", partition}, {"committed_offset", element.offset},
                       {"start_offset", start}});
        }
    }

    void forgetPartition(std::int32_t partition)
    {
        m_builders.erase(partition);
        const auto found = m_assigned.find(partition);
        if (found == m_assigned.end())
            return;
        if (found->second.lagGauge)
            m_engine.metrics().kafkaConsumerLag().Remove(found->second.lagGauge);
        m_assigned.erase(found);
    }

    void onStatistics(std::string_view json)
    {
        const std::int64_t up = brokersUpFromStatistics(json);
        if (up < 0)
            return;
        m_engine.metrics().kafkaBrokersUp().Set(static_cast<double>(up));
        std::lock_guard lock(m_statusMutex);
        m_status.brokersUp = up;
    }

    // Updates the lag gauges and the partition list of status().
    void publishStatus()
    {
        m_lastStatus = Clock::now();
        std::vector<KafkaPartitionStatus> partitions;
        for (auto& [partition, assigned] : m_assigned) {
            std::int64_t low = -1;
            std::int64_t high = -1;
            if (rd_kafka_get_watermark_offsets(m_consumer.get(), m_options.topic.c_str(), partition, &low, &high)
                == RD_KAFKA_RESP_ERR_NO_ERROR)
                assigned.highWatermark = high;
            KafkaPartitionStatus status;
            status.partition = partition;
            status.committedOffset = assigned.committedOffset >= 0 ? assigned.committedOffset : -1;
            status.highWatermark = assigned.highWatermark;
            if (assigned.highWatermark >= 0) {
                const std::int64_t position = assigned.committedOffset >= 0 ? assigned.committedOffset : std::max<std::int64_t>(low, 0);
                status.lag = std::max<std::int64_t>(0, assigned.highWatermark - position);
                assigned.lagGauge->Set(static_cast<double>(status.lag));
            }
            status.rereadUntil = assigned.rereadUntil;
            partitions.push_back(status);
        }
        std::lock_guard lock(m_statusMutex);
        m_status.partitions = std::move(partitions);
    }

    Engine& m_engine;
    KafkaIngestOptions m_options;
    std::unique_ptr<LineParser> m_parser;
    std::string m_source;
    std::string m_payload;
    detail::KafkaHandle m_consumer;
    std::thread m_thread;
    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_running{false};
    log::RateLimiter m_errorLimiter;
    log::RateLimiter m_gapLimiter;

    // Consumer thread only.
    std::uint64_t m_assignmentVersion = 0;
    std::map<std::int32_t, AssignedPartition> m_assigned;
    std::map<std::int32_t, PartitionHistory> m_history;
    std::map<std::int32_t, BatchBuilder> m_builders;
    std::vector<PendingBatch> m_pending;
    /// Partitions moved back to a cancelled batch in this cycle; their further
    /// messages in the cycle are dropped.
    std::set<std::int32_t> m_rewound;
    /// Partitions of the revoke callback in progress.
    std::set<std::int32_t> m_revoking;
    Clock::time_point m_lastStatus;

    prometheus::Counter* m_messagesConsumed = nullptr;
    prometheus::Counter* m_malformedMessages = nullptr;
    prometheus::Counter* m_assignRebalances = nullptr;
    prometheus::Counter* m_revokeRebalances = nullptr;

    mutable std::mutex m_statusMutex;
    KafkaIngestStatus m_status;
};

KafkaIngest::KafkaIngest(Engine& engine, KafkaIngestOptions options)
    : m_impl(std::make_unique<Impl>(engine, std::move(options)))
{
}

KafkaIngest::~KafkaIngest() = default;

void KafkaIngest::start() { m_impl->start(); }

void KafkaIngest::stop() { m_impl->stop(); }

bool KafkaIngest::running() const { return m_impl->running(); }

KafkaIngestStatus KafkaIngest::status() const { return m_impl->status(); }

void writeKafkaStatusJson(const KafkaIngestStatus& status, JsonWriter& json)
{
    json.field("brokers", status.brokers);
    json.field("topic", status.topic);
    json.field("group", status.group);
    json.field("instance_id", status.instanceId);
    json.field("running", status.running);
    json.field("last_error", status.lastError);
    json.field("brokers_up", status.brokersUp);
    json.field("messages_consumed", status.messagesConsumed);
    json.field("malformed_messages", status.malformedMessages);
    json.field("events_consumed", status.eventsConsumed);
    json.field("messages_reread", status.messagesReread);
    json.field("rebalances", status.rebalances);
    json.field("commits", status.commits);
    json.field("cancelled_batches", status.cancelledBatches);
    std::int64_t totalLag = 0;
    json.key("partitions").beginArray();
    for (const KafkaPartitionStatus& partition : status.partitions) {
        json.beginObject();
        json.field("partition", partition.partition);
        json.field("committed_offset", partition.committedOffset);
        json.field("high_watermark", partition.highWatermark);
        json.field("lag", partition.lag);
        json.field("rereading", partition.rereadUntil >= 0);
        json.field("reread_until", partition.rereadUntil);
        json.endObject();
        totalLag += std::max<std::int64_t>(0, partition.lag);
    }
    json.endArray();
    json.field("total_lag", totalLag);
}

} // namespace umg
