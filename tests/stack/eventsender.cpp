#include "eventsender.h"

#include <httplib.h>

#include <algorithm>

namespace umg::test {

EventSender::EventSender(QUrl node, const QByteArray& events, int eventsPerBatch, std::chrono::milliseconds period)
    : m_node(std::move(node)), m_period(period)
{
    std::string batch;
    int inBatch = 0;
    for (const QByteArray& line : events.split('\n')) {
        if (line.isEmpty())
            continue;
        batch += line.toStdString();
        batch += '\n';
        if (++inBatch == eventsPerBatch) {
            m_batches.push_back(std::move(batch));
            batch.clear();
            inBatch = 0;
        }
    }
}

EventSender::~EventSender()
{
    stop();
}

void EventSender::start()
{
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void EventSender::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

void EventSender::run()
{
    httplib::Client client(m_node.host().toStdString(), m_node.port());
    client.set_read_timeout(std::chrono::seconds(30));
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < m_batches.size() && !m_stop; ++i) {
        std::this_thread::sleep_until(start + i * m_period);
        const httplib::Result result = client.Post("/v1/events", m_batches[i], "application/x-ndjson");
        if (result && result->status == 200)
            m_acknowledged += static_cast<std::uint64_t>(std::count(m_batches[i].begin(), m_batches[i].end(), '\n'));
        else
            ++m_failures;
    }
    m_exhausted = true;
}

} // namespace umg::test
