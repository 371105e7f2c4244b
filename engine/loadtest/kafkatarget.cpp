#include "loadtest/kafkatarget.h"

#include <mutex>
#include <stdexcept>
#include <vector>

#include "attribution/routedevent.h"
#include "kafka/eventpublisher.h"
#include "loadgen/generator.h"
#include "loadtest/httptarget.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

// LoadTarget that produces to a Kafka topic and reads the node that
// consumes it. Each sender borrows its own EventPublisher, because a
// publisher is not thread-safe. It flushes the publisher after every batch,
// so that the batch's outcome is known when send() returns.
class KafkaTarget final : public LoadTarget {
public:
    KafkaTarget(const LoadTargetAddress& address, const LoadTestProfile& profile, const std::string& token)
        : m_address(address)
        , m_status(normalizedStatusUrl(profile.statusUrl), token, 1)
    {
        m_options.client.brokers = address.endpoint;
        m_options.topic = address.topic;
        // One message per batch and partition at most, as produce's default.
        m_options.batchEvents = std::max<std::size_t>(1, profile.batchSize);
    }

    std::string describe() const override
    {
        return "Kafka topic " + m_address.topic + " at " + m_address.endpoint + ", counted by the " + m_status.describe();
    }

    void open() override
    {
        m_status.open();
        // Connects and reads the topic's partitions, so that a wrong broker
        // or topic fails here rather than in the first batch.
        returnPublisher(makePublisher());
    }

    SendOutcome send(const EventBatch& batch, Clock::time_point deadline) override
    {
        SendOutcome outcome;
        std::unique_ptr<EventPublisher> publisher;
        try {
            publisher = borrowPublisher();
        } catch (const std::exception& error) {
            outcome.failed = batch.size();
            outcome.fatalError = error.what();
            return outcome;
        }
        const PublishCounts before = publisher->counts();
        thread_local std::string line;
        for (const EventRecord& event : batch.events()) {
            line.clear();
            appendNdjson(batch, event, line);
            line.pop_back(); // the line break; messages separate lines themselves
            publisher->add(deviceKeyOf(batch, event).key, line);
        }
        const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        const bool flushed = publisher->flush(std::max(timeout, std::chrono::milliseconds(1)));
        const PublishCounts after = publisher->counts();
        // NOTE: the counts are per message, not per event, so a batch with
        // one failed message counts as failed as a whole, although the
        // consumer may still count the events of its delivered messages.
        if (flushed && after.failedMessages == before.failedMessages) {
            outcome.accepted = batch.size();
        } else {
            outcome.failed = batch.size();
            log::warning("loadtest", "a batch was not acknowledged by Kafka",
                         {{"topic", m_address.topic}, {"flushed", flushed ? "yes" : "no"},
                          {"failed_messages", after.failedMessages - before.failedMessages},
                          {"reason", after.firstFailure}});
        }
        returnPublisher(std::move(publisher));
        return outcome;
    }

    TargetReading read() override { return m_status.read(); }

    bool finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout) override
    {
        return m_status.finish(processedAtLeast, timeout);
    }

private:
    static std::string normalizedStatusUrl(const std::string& url)
    {
        const LoadTargetAddress status = LoadTargetAddress::parse(url);
        if (status.kind != LoadTargetKind::Http)
            throw std::runtime_error("status_url \"" + url + "\" is not an http:// or https:// address");
        return status.endpoint;
    }

    std::unique_ptr<EventPublisher> makePublisher() const
    {
        try {
            return std::make_unique<EventPublisher>(m_options);
        } catch (const std::exception& error) {
            throw std::runtime_error("cannot publish to Kafka topic " + m_address.topic + " at " + m_address.endpoint
                                     + ": " + error.what() + "; check the brokers and that the topic exists");
        }
    }

    std::unique_ptr<EventPublisher> borrowPublisher()
    {
        {
            std::lock_guard lock(m_poolMutex);
            if (!m_pool.empty()) {
                auto publisher = std::move(m_pool.back());
                m_pool.pop_back();
                return publisher;
            }
        }
        return makePublisher();
    }

    void returnPublisher(std::unique_ptr<EventPublisher> publisher)
    {
        std::lock_guard lock(m_poolMutex);
        m_pool.push_back(std::move(publisher));
    }

    LoadTargetAddress m_address;
    EventPublisherOptions m_options;
    HttpTarget m_status;
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<EventPublisher>> m_pool;
};

} // namespace

std::unique_ptr<LoadTarget> makeKafkaTarget(const LoadTargetAddress& address, const LoadTestProfile& profile,
                                            const std::string& token)
{
    return std::make_unique<KafkaTarget>(address, profile, token);
}

} // namespace umg
