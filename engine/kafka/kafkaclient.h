#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct rd_kafka_s;
struct rd_kafka_conf_s;

namespace umg {

/// Connection settings shared by the Kafka consumer and producer.
struct KafkaClientOptions {
    /// Bootstrap brokers, `HOST:PORT[,HOST:PORT...]`. There is no default, so
    /// that a client never contacts a broker that was not configured.
    std::string brokers;
    /// Further librdkafka configuration properties, applied after the
    /// client's own settings (security, timeouts, assignment strategy). Values
    /// may be secrets and are never logged.
    std::vector<std::pair<std::string, std::string>> properties;
};

/// Parses `KEY=VALUE` (a librdkafka property). Throws std::invalid_argument
/// naming the text when it has no `=` or an empty key.
std::pair<std::string, std::string> parseKafkaProperty(std::string_view text);

/// Checks a topic name or consumer group id: not empty, at most 249
/// characters, and without tabs or line breaks (the journal stores both in a
/// tab-separated origin). Throws std::invalid_argument naming `kind`
/// (`topic`, `consumer group`).
void validateKafkaName(std::string_view kind, std::string_view name);

/// Partition of a device key among `partitions` partitions. The producer
/// publishes every event of a device to this partition, so that one consumer
/// receives all of a device's events, in order. It uses other bits of the key
/// than the engine's worker choice (shardOf), so that the devices of one
/// partition still spread over all workers. Thread-safe.
std::int32_t partitionForDevice(std::uint64_t deviceKey, std::int32_t partitions);

namespace detail {

struct KafkaHandleDeleter {
    void operator()(rd_kafka_s* handle) const;
};
/// A librdkafka client handle; destroying it destroys the client.
using KafkaHandle = std::unique_ptr<rd_kafka_s, KafkaHandleDeleter>;

/// Builds a librdkafka configuration: `defaults` first, then
/// `options.brokers`, then `options.properties`. Throws std::invalid_argument
/// naming the property (not its value) and librdkafka's reason.
rd_kafka_conf_s* makeKafkaConf(const KafkaClientOptions& options,
                               const std::vector<std::pair<std::string, std::string>>& defaults);

/// Creates a client of `type` (RD_KAFKA_CONSUMER or RD_KAFKA_PRODUCER) from
/// `conf`, which it takes over. Throws std::runtime_error with librdkafka's
/// reason.
KafkaHandle makeKafkaHandle(int type, rd_kafka_conf_s* conf);

/// Number of partitions of `topic`, read from the cluster's metadata.
/// Throws std::runtime_error naming the topic and brokers when the metadata
/// cannot be read within `timeoutMs` or the topic does not exist.
std::int32_t partitionCount(rd_kafka_s* handle, const std::string& topic, const std::string& brokers, int timeoutMs);

} // namespace detail
} // namespace umg
