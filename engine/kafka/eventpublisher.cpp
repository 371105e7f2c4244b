#include "kafka/eventpublisher.h"

#include <librdkafka/rdkafka.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace umg {
namespace {

constexpr int kMetadataTimeoutMs = 30'000;

} // namespace

EventPublisher::EventPublisher(EventPublisherOptions options)
    : m_options(std::move(options))
{
    validateKafkaName("topic", m_options.topic);
    if (m_options.client.brokers.empty())
        throw std::invalid_argument("the Kafka broker list is empty; pass HOST:PORT[,HOST:PORT...]");
    if (m_options.batchEvents == 0)
        throw std::invalid_argument("events per Kafka message must be at least 1");

    rd_kafka_conf_t* conf = detail::makeKafkaConf(m_options.client,
                                                  {{"client.id", "unmogrowp-node-producer"},
                                                   {"enable.idempotence", "true"},
                                                   {"linger.ms", "20"},
                                                   {"batch.size", "1000000"},
                                                   {"compression.type", "lz4"},
                                                   {"queue.buffering.max.kbytes", "262144"}});
    rd_kafka_conf_set_opaque(conf, this);
    rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
        PublishCounts& counts = static_cast<EventPublisher*>(opaque)->m_counts;
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++counts.deliveredMessages;
            return;
        }
        ++counts.failedMessages;
        if (counts.firstFailure.empty())
            counts.firstFailure = rd_kafka_err2str(message->err);
    });
    m_producer = detail::makeKafkaHandle(RD_KAFKA_PRODUCER, conf);
    m_partitions = detail::partitionCount(m_producer.get(), m_options.topic, m_options.client.brokers, kMetadataTimeoutMs);
    m_pending = std::make_unique<Pending[]>(static_cast<std::size_t>(m_partitions));
}

EventPublisher::~EventPublisher() = default;

void EventPublisher::add(std::uint64_t deviceKey, std::string_view line)
{
    const std::int32_t partition = partitionForDevice(deviceKey, m_partitions);
    Pending& pending = m_pending[static_cast<std::size_t>(partition)];
    if (!pending.payload.empty() && pending.payload.size() + line.size() + 1 > m_options.maxMessageBytes)
        send(partition);
    pending.payload.append(line);
    pending.payload.push_back('\n');
    ++pending.events;
    ++m_counts.events;
    if (pending.events >= m_options.batchEvents)
        send(partition);
}

void EventPublisher::send(std::int32_t partition)
{
    Pending& pending = m_pending[static_cast<std::size_t>(partition)];
    if (pending.events == 0)
        return;
    // librdkafka takes over the buffer (RD_KAFKA_MSG_F_FREE) and frees it
    // with free() once the message is acknowledged.
    const std::size_t length = pending.payload.size();
    void* buffer = std::malloc(length);
    if (!buffer)
        throw std::bad_alloc();
    std::memcpy(buffer, pending.payload.data(), length);
    while (true) {
        const rd_kafka_resp_err_t error =
            rd_kafka_producev(m_producer.get(), RD_KAFKA_V_TOPIC(m_options.topic.c_str()), RD_KAFKA_V_PARTITION(partition),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_FREE), RD_KAFKA_V_VALUE(buffer, length), RD_KAFKA_V_END);
        if (error == RD_KAFKA_RESP_ERR_NO_ERROR)
            break;
        if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            std::free(buffer);
            throw std::runtime_error("cannot publish to Kafka topic " + m_options.topic + ": " + rd_kafka_err2str(error));
        }
        // The local queue is full: serve delivery reports until it drains.
        rd_kafka_poll(m_producer.get(), 100);
    }
    ++m_counts.messages;
    m_counts.bytes += length;
    pending.payload.clear();
    pending.events = 0;
    rd_kafka_poll(m_producer.get(), 0);
}

bool EventPublisher::flush(std::chrono::milliseconds timeout)
{
    for (std::int32_t partition = 0; partition < m_partitions; ++partition)
        send(partition);
    const bool done = rd_kafka_flush(m_producer.get(), static_cast<int>(timeout.count())) == RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_poll(m_producer.get(), 0);
    return done;
}

} // namespace umg
