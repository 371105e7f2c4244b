#include "node/kafkainput.h"

#include <stdexcept>

#include "kafka/journalrecovery.h"
#include "node/arguments.h"
#include "promql/duration.h"
#include "util/jsonwriter.h"

namespace umg::node {
namespace {

// The node waits this long for the brokers at start when its journal contains
// batches whose offset commit is unconfirmed.
constexpr auto kRecoveryTimeout = std::chrono::seconds(120);

} // namespace

const std::set<std::string>& kafkaServeOptions()
{
    static const std::set<std::string> options{"--kafka-brokers", "--kafka-topic", "--kafka-group", "--kafka-option",
                                               "--kafka-batch-events", "--kafka-rewind"};
    return options;
}

std::unique_ptr<KafkaInput> KafkaInput::fromArguments(const Arguments& arguments)
{
    bool any = false;
    for (const std::string& option : kafkaServeOptions())
        any = any || arguments.has(option);
    if (!any)
        return nullptr;
    for (const char* required : {"--kafka-brokers", "--kafka-topic", "--kafka-group"}) {
        if (!arguments.value(required)) {
            throw UsageError(std::string("Kafka input needs --kafka-brokers HOST:PORT[,...], --kafka-topic TOPIC and "
                                         "--kafka-group GROUP; ")
                             + required + " is missing");
        }
    }

    auto input = std::make_unique<KafkaInput>();
    KafkaIngestOptions& options = input->m_options;
    options.client.brokers = *arguments.value("--kafka-brokers");
    options.topic = *arguments.value("--kafka-topic");
    options.group = *arguments.value("--kafka-group");
    try {
        validateKafkaName("topic", options.topic);
        validateKafkaName("consumer group", options.group);
        for (const std::string& property : arguments.values("--kafka-option"))
            options.client.properties.push_back(parseKafkaProperty(property));
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    options.maxBatchEvents = static_cast<std::size_t>(
        arguments.integer("--kafka-batch-events", static_cast<long long>(options.maxBatchEvents), 1, 1 << 24));
    options.parseLimits.maxLineBytes = static_cast<std::size_t>(arguments.integer(
        "--max-line-bytes", static_cast<long long>(options.parseLimits.maxLineBytes), 256, 16 << 20));
    if (auto rewind = arguments.value("--kafka-rewind")) {
        const auto millis = promql::parseDuration(*rewind);
        if (!millis || *millis <= 0)
            throw UsageError("option --kafka-rewind is \"" + *rewind + "\"; use a duration such as 8d or 12h");
        options.rewindWindowMs = *millis;
    }
    return input;
}

void KafkaInput::prepareDatabase(const std::string& databasePath)
{
    const KafkaJournalRecovery recovery = recoverKafkaJournal(databasePath, m_options.client, kRecoveryTimeout);
    m_options.instanceId = recovery.instanceId;
}

void KafkaInput::start(Engine& engine)
{
    m_ingest = std::make_unique<KafkaIngest>(engine, m_options);
    m_ingest->start();
}

void KafkaInput::stop()
{
    if (m_ingest)
        m_ingest->stop();
}

bool KafkaInput::running() const { return m_ingest && m_ingest->running(); }

void KafkaInput::writeStatus(JsonWriter& json) const
{
    if (!m_ingest)
        return;
    json.key("kafka").beginObject();
    writeKafkaStatusJson(m_ingest->status(), json);
    json.endObject();
}

} // namespace umg::node
