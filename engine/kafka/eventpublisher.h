#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kafka/kafkaclient.h"

namespace umg {

/// Settings of EventPublisher.
struct EventPublisherOptions {
    KafkaClientOptions client;
    std::string topic;
    /// Events per message (newline-separated NDJSON).
    std::size_t batchEvents = 500;
    /// A message is also sent once its payload reaches this many bytes, which
    /// stays below librdkafka's default message.max.bytes (1,000,000).
    std::size_t maxMessageBytes = 900 * 1024;
};

/// Counters of EventPublisher.
struct PublishCounts {
    std::uint64_t events = 0;
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;          ///< payload bytes before compression
    std::uint64_t deliveredMessages = 0;
    std::uint64_t failedMessages = 0;
    std::string firstFailure;         ///< librdkafka's reason for the first failed message
};

/// Publishes NDJSON event lines to a Kafka topic, several events per message.
/// Each event goes to the partition of its device key (partitionForDevice()),
/// so that a device's events stay in one partition, in the order added.
/// The producer batches messages (linger 20 ms, LZ4 compression) and is
/// idempotent, so retries neither duplicate nor reorder messages.
///
/// Not thread-safe: one thread adds and flushes.
class EventPublisher {
public:
    /// Connects and reads the topic's partition count. Throws
    /// std::invalid_argument for an invalid option and std::runtime_error
    /// when the topic's metadata cannot be read within 30 s.
    explicit EventPublisher(EventPublisherOptions options);
    /// Destroys the producer; messages not yet acknowledged are lost, so
    /// call flush() first.
    ~EventPublisher();
    EventPublisher(const EventPublisher&) = delete;
    EventPublisher& operator=(const EventPublisher&) = delete;

    std::int32_t partitions() const { return m_partitions; }

    /// Adds one event line (without its line break) of the device with
    /// `deviceKey`, and sends its partition's message when it is full.
    /// Waits while the producer's queue is full.
    void add(std::uint64_t deviceKey, std::string_view line);

    /// Sends the partly filled messages and waits until every message is
    /// acknowledged or failed. Returns false when `timeout` passed first.
    bool flush(std::chrono::milliseconds timeout);

    PublishCounts counts() const { return m_counts; }

private:
    struct Pending {
        std::string payload;
        std::size_t events = 0;
    };

    void send(std::int32_t partition);

    EventPublisherOptions m_options;
    detail::KafkaHandle m_producer;
    std::int32_t m_partitions = 0;
    std::unique_ptr<Pending[]> m_pending;
    PublishCounts m_counts;
};

} // namespace umg
