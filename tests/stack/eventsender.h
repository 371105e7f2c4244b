#pragma once

#include <QByteArray>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace umg::test {

/// Posts NDJSON batches to a node's `POST /v1/events` at a steady pace on
/// its own thread: batch i goes out at start + i x period, so a slow
/// request delays the following ones only until the sender has caught up.
/// Every event id is used once.
class EventSender {
public:
    /// `events` contains NDJSON lines, `eventsPerBatch` of them per batch.
    EventSender(QUrl node, const QByteArray& events, int eventsPerBatch, std::chrono::milliseconds period);
    ~EventSender();
    EventSender(const EventSender&) = delete;
    EventSender& operator=(const EventSender&) = delete;

    void start();
    /// Stops after the request in progress.
    void stop();

    /// Events of batches the node acknowledged with 200.
    std::uint64_t acknowledged() const { return m_acknowledged.load(); }
    /// Batches that failed or got another status.
    std::uint64_t failures() const { return m_failures.load(); }
    /// True once every batch was sent.
    bool exhausted() const { return m_exhausted.load(); }

private:
    void run();

    QUrl m_node;
    std::vector<std::string> m_batches;
    std::chrono::milliseconds m_period;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_exhausted{false};
    std::atomic<std::uint64_t> m_acknowledged{0};
    std::atomic<std::uint64_t> m_failures{0};
};

} // namespace umg::test
