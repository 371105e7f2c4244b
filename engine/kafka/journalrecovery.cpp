#include "kafka/journalrecovery.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <vector>

#include "kafka/ownership.h"
#include "storage/journal.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg {
namespace {

constexpr std::string_view kInstanceKey = "kafka_instance_id";

std::string hexId(std::int64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

std::string readOrCreateInstanceId(Store& store)
{
    if (auto existing = store.meta(kInstanceKey))
        return hexId(*existing);
    std::random_device entropy;
    std::mt19937_64 random((static_cast<std::uint64_t>(entropy()) << 32) ^ entropy());
    const auto id = static_cast<std::int64_t>(random() >> 1);
    store.begin();
    store.setMeta(kInstanceKey, id);
    store.commit();
    return hexId(id);
}

struct PendingBatch {
    std::uint64_t batchId;
    KafkaBatchOrigin origin;
};

struct CommittedPosition {
    std::int64_t offset = RD_KAFKA_OFFSET_INVALID;
    std::optional<CommitMetadata> metadata;
};

using PartitionKey = std::tuple<std::string, std::string, std::int32_t>; // group, topic, partition

// Reads the committed offsets of `partitions` of one group, retrying until
// `deadline`. Throws std::runtime_error when every attempt failed.
std::map<PartitionKey, CommittedPosition> readCommitted(const KafkaClientOptions& client, const std::string& group,
                                                        const std::vector<std::pair<std::string, std::int32_t>>& partitions,
                                                        std::chrono::steady_clock::time_point deadline)
{
    detail::KafkaHandle consumer = detail::makeKafkaHandle(
        RD_KAFKA_CONSUMER, detail::makeKafkaConf(client, {{"group.id", group}, {"client.id", "unmogrowp-node-recovery"}}));
    std::string lastError = "no attempt";
    while (std::chrono::steady_clock::now() < deadline) {
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
        for (const auto& [topic, partition] : partitions)
            rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        const rd_kafka_resp_err_t error =
            rd_kafka_committed(consumer.get(), list, static_cast<int>(std::max<std::int64_t>(1000, remaining.count())));
        bool complete = error == RD_KAFKA_RESP_ERR_NO_ERROR;
        lastError = rd_kafka_err2str(error);
        std::map<PartitionKey, CommittedPosition> positions;
        for (int i = 0; complete && i < list->cnt; ++i) {
            const rd_kafka_topic_partition_t& element = list->elems[i];
            if (element.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                complete = false;
                lastError = std::string(element.topic) + " [" + std::to_string(element.partition)
                    + "]: " + rd_kafka_err2str(element.err);
                break;
            }
            CommittedPosition& position = positions[{group, element.topic, element.partition}];
            position.offset = element.offset;
            if (element.metadata && element.metadata_size > 0)
                position.metadata = CommitMetadata::parse(
                    std::string_view(static_cast<const char*>(element.metadata), element.metadata_size));
        }
        rd_kafka_topic_partition_list_destroy(list);
        if (complete)
            return positions;
        log::warning("kafka", "cannot read committed offsets yet; retrying",
                     {{"group", group}, {"brokers", client.brokers}, {"error", lastError}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    throw std::runtime_error("cannot read the committed offsets of Kafka consumer group " + group + " from "
                             + client.brokers + " (" + lastError
                             + "); the journal holds batches whose offset commit was not confirmed, so the node "
                               "cannot start until the brokers are reachable");
}

} // namespace

KafkaJournalRecovery recoverKafkaJournal(const std::string& databasePath, const KafkaClientOptions& client,
                                         std::chrono::milliseconds timeout)
{
    KafkaJournalRecovery result;
    Store store(databasePath);
    result.instanceId = readOrCreateInstanceId(store);

    // Batches up to `outputs_through` have stored results, which the workers
    // produce only after the offsets were committed.
    const auto outputsThrough = static_cast<std::uint64_t>(store.meta("outputs_through").value_or(0));
    std::vector<PendingBatch> pending;
    store.forEachJournalBatch(outputsThrough, [&](std::uint64_t batchId, std::int64_t, std::string_view blob) {
        JournalBatchInfo info;
        try {
            info = readJournalBatchInfo(blob);
        } catch (const JournalFormatError&) {
            return; // the engine reports a damaged batch when it restores it
        }
        if (info.stateOnly)
            return;
        if (auto origin = KafkaBatchOrigin::parse(info.origin))
            pending.push_back(PendingBatch{batchId, std::move(*origin)});
    });
    if (pending.empty())
        return result;

    std::map<std::string, std::vector<std::pair<std::string, std::int32_t>>> partitionsByGroup;
    for (const PendingBatch& batch : pending) {
        auto& partitions = partitionsByGroup[batch.origin.group];
        const std::pair<std::string, std::int32_t> partition{batch.origin.topic, batch.origin.partition};
        if (std::find(partitions.begin(), partitions.end(), partition) == partitions.end())
            partitions.push_back(partition);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::map<PartitionKey, CommittedPosition> committed;
    for (const auto& [group, partitions] : partitionsByGroup)
        committed.merge(readCommitted(client, group, partitions, deadline));

    std::vector<std::uint64_t> removals;
    for (const PendingBatch& batch : pending) {
        const CommittedPosition& position = committed[{batch.origin.group, batch.origin.topic, batch.origin.partition}];
        if (offsetsWereCommitted(batch.origin, result.instanceId, position.offset, position.metadata)) {
            ++result.keptBatches;
        } else {
            removals.push_back(batch.batchId);
            log::info("kafka", "removing a journal batch whose offsets were not committed",
                      {{"batch", batch.batchId},
                       {"topic", batch.origin.topic},
                       {"partition", batch.origin.partition},
                       {"first_offset", batch.origin.firstOffset},
                       {"last_offset", batch.origin.lastOffset},
                       {"committed_offset", position.offset}});
        }
    }
    if (!removals.empty()) {
        store.begin();
        for (std::uint64_t batchId : removals)
            store.deleteJournalBatch(batchId);
        store.commit();
    }
    result.removedBatches = removals.size();
    log::info("kafka", "reconciled the journal with the committed offsets",
              {{"database", databasePath}, {"kept_batches", result.keptBatches}, {"removed_batches", result.removedBatches}});
    return result;
}

} // namespace umg
