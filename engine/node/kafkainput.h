#pragma once

#include <memory>
#include <set>
#include <string>

#include "kafka/kafkaingest.h"

namespace umg {
class Engine;
class JsonWriter;
} // namespace umg

namespace umg::node {

class Arguments;

/// The `serve` options that configure Kafka consumption.
const std::set<std::string>& kafkaServeOptions();

/// The Kafka input of `serve`: the --kafka-* options, the journal
/// reconciliation before the engine opens the database, and the consumer.
///
/// Used from the thread that runs `serve`; writeStatus() may be called from
/// HTTP threads.
class KafkaInput {
public:
    /// Reads the --kafka-* options. Returns nullptr when none is given.
    /// Throws UsageError when only some of --kafka-brokers, --kafka-topic and
    /// --kafka-group are given or a value is invalid.
    static std::unique_ptr<KafkaInput> fromArguments(const Arguments& arguments);

    /// Reconciles the journal of `databasePath` with the consumer group's
    /// committed offsets (recoverKafkaJournal()). Call before the engine
    /// opens the database.
    void prepareDatabase(const std::string& databasePath);
    /// Starts consuming into `engine`.
    void start(Engine& engine);
    /// Leaves the consumer group. Call before the engine stops.
    void stop();
    /// False once the consumer stopped after an error it cannot recover from.
    bool running() const;
    /// Writes the `kafka` member of `GET /v1/status`.
    void writeStatus(JsonWriter& json) const;

private:
    KafkaIngestOptions m_options;
    std::unique_ptr<KafkaIngest> m_ingest;
};

} // namespace umg::node
