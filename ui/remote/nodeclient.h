#pragma once

#include "remote/endpoints.h"
#include "remote/httpfetch.h"
#include "remote/nodestatus.h"
#include "remote/scraperecorder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace umg {

/// Health of a node as the fleet view shows it.
enum class NodeHealth {
    /// No poll has finished yet, or the token is still being read.
    Connecting,
    Up,
    /// The node runs, but its database reported errors in the last minute.
    Degraded,
    /// The node received SIGTERM and finishes its work before it exits.
    Draining,
    /// Neither the status nor the metrics request succeeded.
    Down,
    /// The node rejected the token (HTTP 401).
    Unauthorized,
    Count
};

/// Returns the translated name of a health value.
QString nodeHealthText(NodeHealth health);
/// Returns whether the node responded to its last poll.
bool nodeAnswers(NodeHealth health);

/// Latest known state of one node.
struct NodeState
{
    NodeHealth health = NodeHealth::Connecting;
    QString version;
    std::optional<double> uptimeSeconds;
    /// Events processed per second between the last two scrapes.
    std::optional<double> eventsPerSecond;
    /// Total of attribution_events_processed_total at the last scrape.
    std::optional<double> eventsProcessed;
    std::optional<double> queueDepth;
    /// Present only for nodes that consume from Kafka.
    std::optional<double> kafkaLag;
    /// Translated sentence of the last failure or warning; empty when all is well.
    QString lastError;
    /// When the node last became reachable or unreachable.
    QDateTime since;
    /// When the last poll that reached the node finished.
    QDateTime lastContact;
    /// Polls in a row that did not reach the node.
    int failures = 0;
    /// Delay before the next poll, in milliseconds.
    int nextPollMs = 0;
    /// Malformed lines in the last metrics response.
    quint64 rejectedLines = 0;
};

/// Timing and size limits of a NodeClient.
struct NodeClientOptions
{
    /// Time between two polls of a reachable node.
    int pollIntervalMs = 2000;
    /// Deadline of each request.
    int requestTimeoutMs = 5000;
    /// Maximum delay between polls of an unreachable node. The delay doubles
    /// from pollIntervalMs with each failed poll up to this value.
    int maxBackoffMs = 30'000;
    qint64 maxStatusBytes = 1024 * 1024;
    qint64 maxMetricsBytes = 16 * 1024 * 1024;
};

/// Polls one node: `GET /v1/status` and `GET /metrics` at the same time,
/// every poll interval. The metrics go into the metric history through the
/// ScrapeRecorder. A node that stops answering is marked down after the
/// first failed poll and polled again with exponential backoff (with 10 %
/// jitter), so it recovers by itself when it comes back.
///
/// All requests are asynchronous with a deadline, so the GUI thread never
/// waits on the network. Lives on the GUI thread.
class NodeClient : public QObject
{
    Q_OBJECT

public:
    NodeClient(const NodeEndpoint &endpoint, QNetworkAccessManager *network, ScrapeRecorder *recorder,
               const NodeClientOptions &options, QObject *parent = nullptr);
    ~NodeClient() override;

    const NodeEndpoint &endpoint() const { return m_endpoint; }
    QString instance() const { return m_endpoint.instance(); }
    const NodeState &state() const { return m_state; }
    const NodeClientOptions &options() const { return m_options; }
    bool isRunning() const { return m_running; }

    /// Starts polling at once. Does nothing if it runs.
    void start();
    /// Stops polling and cancels the requests in flight.
    void stop();
    /// Replaces the endpoint (after an edit), resets the state and polls at once.
    void setEndpoint(const NodeEndpoint &endpoint);
    /// Polls at once instead of waiting for the backoff delay.
    void pollNow();

    /// Sets the message shown while the node waits, such as "Reading the
    /// token from the keychain"; cleared by the next poll.
    void setWaitingMessage(const QString &message);

Q_SIGNALS:
    void stateChanged();

private:
    struct Poll
    {
        quint64 generation = 0;
        int pending = 0;
        std::optional<NodeStatusReport> status;
        FetchResult statusFetch;
        FetchResult metricsFetch;
        std::optional<ScrapeSummary> scrape;
        QString statusError;
    };

    void poll();
    void onStatus(quint64 generation, const FetchResult &result);
    void onMetrics(quint64 generation, const FetchResult &result);
    void finishRequest(quint64 generation);
    void finishPoll();
    void updateThroughput(const ScrapeSummary &scrape);
    void scheduleNext(int delayMs);
    int backoffDelayMs() const;
    void logProblems(const ScrapeSummary &scrape);
    void cancelRequests();
    FetchOptions fetchOptions(qint64 maxBytes, const QByteArray &accept) const;

    NodeEndpoint m_endpoint;
    QNetworkAccessManager *m_network = nullptr;
    ScrapeRecorder *m_recorder = nullptr;
    NodeClientOptions m_options;
    QTimer *m_timer = nullptr;
    QPointer<HttpFetch> m_statusRequest;
    QPointer<HttpFetch> m_metricsRequest;
    Poll m_poll;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_polling = false;
    NodeState m_state;
    QElapsedTimer m_clock;
    std::optional<double> m_lastEvents;
    qint64 m_lastEventsMs = 0;
    qint64 m_lastProblemLogMs = -1;
};

} // namespace umg
