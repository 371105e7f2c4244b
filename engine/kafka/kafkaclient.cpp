#include "kafka/kafkaclient.h"

#include <librdkafka/rdkafka.h>

#include <stdexcept>

namespace umg {

std::pair<std::string, std::string> parseKafkaProperty(std::string_view text)
{
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0) {
        throw std::invalid_argument("Kafka property \"" + std::string(text.substr(0, text.find('=')))
                                    + "\" is not KEY=VALUE, for example session.timeout.ms=10000");
    }
    return {std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

void validateKafkaName(std::string_view kind, std::string_view name)
{
    if (name.empty())
        throw std::invalid_argument("the Kafka " + std::string(kind) + " is empty");
    if (name.size() > 249)
        throw std::invalid_argument("the Kafka " + std::string(kind) + " is longer than 249 characters");
    if (name.find_first_of("\t\r\n") != std::string_view::npos) {
        throw std::invalid_argument("the Kafka " + std::string(kind) + " \"" + std::string(name)
                                    + "\" contains a tab or a line break");
    }
}

std::int32_t partitionForDevice(std::uint64_t deviceKey, std::int32_t partitions)
{
    // A multiplicative hash mixes every bit of the key into the high word.
    const std::uint64_t mixed = deviceKey * 0x9E3779B97F4A7C15ULL;
    return static_cast<std::int32_t>(((mixed >> 32) * static_cast<std::uint64_t>(partitions)) >> 32);
}

namespace detail {

void KafkaHandleDeleter::operator()(rd_kafka_s* handle) const
{
    if (handle)
        rd_kafka_destroy(handle);
}

rd_kafka_conf_s* makeKafkaConf(const KafkaClientOptions& options,
                               const std::vector<std::pair<std::string, std::string>>& defaults)
{
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    auto set = [&](const std::string& key, const std::string& value) {
        char reason[512];
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), reason, sizeof reason) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            throw std::invalid_argument("invalid Kafka client property " + key + ": " + reason);
        }
    };
    for (const auto& [key, value] : defaults)
        set(key, value);
    set("bootstrap.servers", options.brokers);
    for (const auto& [key, value] : options.properties)
        set(key, value);
    return conf;
}

KafkaHandle makeKafkaHandle(int type, rd_kafka_conf_s* conf)
{
    char reason[512];
    rd_kafka_t* handle = rd_kafka_new(static_cast<rd_kafka_type_t>(type), conf, reason, sizeof reason);
    if (!handle) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error(std::string("cannot create the Kafka client: ") + reason);
    }
    return KafkaHandle(handle);
}

std::int32_t partitionCount(rd_kafka_s* handle, const std::string& topic, const std::string& brokers, int timeoutMs)
{
    rd_kafka_topic_t* topicHandle = rd_kafka_topic_new(handle, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t error = rd_kafka_metadata(handle, 0, topicHandle, &metadata, timeoutMs);
    rd_kafka_topic_destroy(topicHandle);
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw std::runtime_error("cannot read the metadata of Kafka topic " + topic + " from " + brokers + ": "
                                 + rd_kafka_err2str(error) + "; check --kafka-brokers and that the brokers run");
    }
    std::int32_t partitions = 0;
    rd_kafka_resp_err_t topicError = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
    if (metadata->topic_cnt == 1) {
        partitions = metadata->topics[0].partition_cnt;
        topicError = metadata->topics[0].err;
    }
    rd_kafka_metadata_destroy(metadata);
    if (topicError != RD_KAFKA_RESP_ERR_NO_ERROR || partitions <= 0) {
        throw std::runtime_error("Kafka topic " + topic + " is not available on " + brokers + ": "
                                 + rd_kafka_err2str(topicError) + "; create the topic first");
    }
    return partitions;
}

} // namespace detail
} // namespace umg
