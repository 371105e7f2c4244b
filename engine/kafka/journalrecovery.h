#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "kafka/kafkaclient.h"

namespace umg {

/// Outcome of recoverKafkaJournal().
struct KafkaJournalRecovery {
    /// Identifies this database's node in the ownership history that offset
    /// commits carry (CommitMetadata), 16 hexadecimal digits.
    std::string instanceId;
    /// Kafka batches whose results were not yet stored and whose offsets
    /// were committed: the engine restores and processes them.
    std::uint64_t keptBatches = 0;
    /// Kafka batches whose offsets were never committed: deleted, because
    /// the consumer group delivers them again, to this node or another.
    std::uint64_t removedBatches = 0;
};

/// Reconciles a node's journal with its consumer groups before the engine
/// opens the database.
///
/// The consumer journals a Kafka batch, then commits its offsets, then lets
/// the workers process it (KafkaIngest). A crash between the journal write
/// and the commit's reply leaves batches whose commit is unknown. For each,
/// this reads the committed offset and its ownership history from the
/// group's coordinator and keeps the batch only when its offsets were
/// committed (offsetsWereCommitted()). It also reads or creates the node's
/// instance id. Contacts the brokers only when such batches exist.
///
/// Throws StoreError for database failures and std::runtime_error when the
/// committed offsets cannot be read within `timeout`. Not thread-safe; call
/// it before an Engine opens `databasePath`.
KafkaJournalRecovery recoverKafkaJournal(const std::string& databasePath, const KafkaClientOptions& client,
                                         std::chrono::milliseconds timeout);

} // namespace umg
