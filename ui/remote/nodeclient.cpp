#include "remote/nodeclient.h"

#include "remote/remotelog.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <cmath>

namespace umg {
namespace {

// Shortest time between two warnings about malformed metrics of one node.
constexpr qint64 kProblemLogIntervalMs = 60'000;

const QByteArray kStatusAccept = "application/json";
const QByteArray kMetricsAccept = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

} // namespace

QString nodeHealthText(NodeHealth health)
{
    switch (health) {
    case NodeHealth::Connecting:
        return NodeClient::tr("Connecting");
    case NodeHealth::Up:
        return NodeClient::tr("Up");
    case NodeHealth::Degraded:
        return NodeClient::tr("Degraded");
    case NodeHealth::Draining:
        return NodeClient::tr("Draining");
    case NodeHealth::Down:
        return NodeClient::tr("Down");
    case NodeHealth::Unauthorized:
        return NodeClient::tr("Token rejected");
    case NodeHealth::Count:
        break;
    }
    return {};
}

bool nodeAnswers(NodeHealth health)
{
    return health == NodeHealth::Up || health == NodeHealth::Degraded || health == NodeHealth::Draining;
}

NodeClient::NodeClient(const NodeEndpoint &endpoint, QNetworkAccessManager *network, ScrapeRecorder *recorder,
                       const NodeClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_network(network)
    , m_recorder(recorder)
    , m_options(options)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &NodeClient::poll);
    m_clock.start();
}

NodeClient::~NodeClient()
{
    stop();
}

void NodeClient::start()
{
    if (m_running)
        return;
    m_running = true;
    poll();
}

void NodeClient::stop()
{
    m_running = false;
    m_polling = false;
    ++m_generation;
    m_timer->stop();
    cancelRequests();
}

void NodeClient::setEndpoint(const NodeEndpoint &endpoint)
{
    const bool wasRunning = m_running;
    stop();
    m_endpoint = endpoint;
    m_state = NodeState{};
    m_lastEvents.reset();
    Q_EMIT stateChanged();
    if (wasRunning)
        start();
}

void NodeClient::pollNow()
{
    if (!m_running || m_polling)
        return;
    m_timer->stop();
    poll();
}

void NodeClient::setWaitingMessage(const QString &message)
{
    m_state.lastError = message;
    Q_EMIT stateChanged();
}

FetchOptions NodeClient::fetchOptions(qint64 maxBytes, const QByteArray &accept) const
{
    FetchOptions options;
    options.maxBytes = maxBytes;
    options.timeoutMs = m_options.requestTimeoutMs;
    options.verifyTls = m_endpoint.verifyTls;
    options.accept = accept;
    if (!m_endpoint.token.isEmpty())
        options.authorization = "Bearer " + m_endpoint.token.toUtf8();
    return options;
}

void NodeClient::cancelRequests()
{
    if (m_statusRequest)
        m_statusRequest->cancel();
    if (m_metricsRequest)
        m_metricsRequest->cancel();
}

void NodeClient::poll()
{
    if (!m_running || m_polling)
        return;
    m_polling = true;
    m_poll = Poll{};
    m_poll.generation = ++m_generation;
    m_poll.pending = 2;
    const quint64 generation = m_poll.generation;

    m_statusRequest = HttpFetch::get(m_network, m_endpoint.url.resolved(QUrl(QStringLiteral("v1/status"))),
                                     fetchOptions(m_options.maxStatusBytes, kStatusAccept), this);
    connect(m_statusRequest, &HttpFetch::finished, this,
            [this, generation](const FetchResult &result) { onStatus(generation, result); });
    m_metricsRequest = HttpFetch::get(m_network, m_endpoint.url.resolved(QUrl(QStringLiteral("metrics"))),
                                      fetchOptions(m_options.maxMetricsBytes, kMetricsAccept), this);
    connect(m_metricsRequest, &HttpFetch::finished, this,
            [this, generation](const FetchResult &result) { onMetrics(generation, result); });
}

void NodeClient::onStatus(quint64 generation, const FetchResult &result)
{
    if (generation != m_poll.generation)
        return;
    m_poll.statusFetch = result;
    if (result.ok())
        m_poll.status = NodeStatusParser::parse(result.body, &m_poll.statusError);
    m_poll.statusFetch.body.clear();
    finishRequest(generation);
}

void NodeClient::onMetrics(quint64 generation, const FetchResult &result)
{
    if (generation != m_poll.generation)
        return;
    m_poll.metricsFetch = result;
    m_poll.metricsFetch.body.clear();
    const double seconds = double(result.elapsedMs) / 1000.0;
    if (result.ok()) {
        m_recorder->record(instance(), result.body, seconds, this, [this, generation](const ScrapeSummary &scrape) {
            if (generation != m_poll.generation)
                return;
            m_poll.scrape = scrape;
            finishRequest(generation);
        });
    } else {
        m_recorder->recordFailure(instance(), seconds, this, [this, generation] { finishRequest(generation); });
    }
}

void NodeClient::finishRequest(quint64 generation)
{
    if (generation != m_poll.generation || !m_polling)
        return;
    if (--m_poll.pending == 0)
        finishPoll();
}

void NodeClient::finishPoll()
{
    m_polling = false;
    const Poll &poll = m_poll;
    const NodeHealth previous = m_state.health;
    const bool statusOk = poll.status.has_value();
    const bool metricsOk = poll.metricsFetch.ok();
    const bool answers = statusOk || metricsOk;

    NodeHealth health = NodeHealth::Up;
    if (!answers) {
        const bool rejected = poll.statusFetch.httpStatus == 401 || poll.metricsFetch.httpStatus == 401;
        health = rejected ? NodeHealth::Unauthorized : NodeHealth::Down;
    } else if (statusOk && poll.status->health == QLatin1String("degraded")) {
        health = NodeHealth::Degraded;
    } else if (statusOk && poll.status->health == QLatin1String("draining")) {
        health = NodeHealth::Draining;
    }
    m_state.health = health;

    if (statusOk) {
        m_state.version = poll.status->version;
        m_state.uptimeSeconds = poll.status->uptimeSeconds;
    } else {
        m_state.uptimeSeconds.reset();
    }
    m_state.queueDepth.reset();
    m_state.kafkaLag.reset();
    m_state.rejectedLines = 0;
    if (statusOk) {
        m_state.queueDepth = poll.status->queuedEvents;
        m_state.kafkaLag = poll.status->kafkaLag;
    }
    if (poll.scrape && poll.scrape->recorded) {
        updateThroughput(*poll.scrape);
        if (!m_state.queueDepth)
            m_state.queueDepth = poll.scrape->queueDepth;
        if (!m_state.kafkaLag)
            m_state.kafkaLag = poll.scrape->kafkaLag;
        m_state.rejectedLines = poll.scrape->rejectedLines;
        logProblems(*poll.scrape);
    } else {
        m_state.eventsPerSecond.reset();
        m_lastEvents.reset();
    }

    QString error;
    if (!poll.statusFetch.ok())
        error = poll.statusFetch.error;
    else if (!poll.statusError.isEmpty())
        error = poll.statusError;
    else if (!poll.metricsFetch.ok())
        error = poll.metricsFetch.error;
    else if (poll.scrape && !poll.scrape->error.isEmpty())
        error = poll.scrape->error;
    else if (poll.scrape && poll.scrape->rejectedLines > 0)
        error = tr("%n malformed line(s) of the metrics response were skipped; the first is %1.", "",
                   int(std::min<quint64>(poll.scrape->rejectedLines, INT_MAX)))
                    .arg(poll.scrape->firstProblem);
    else if (poll.scrape && poll.scrape->droppedSamples > 0)
        error = tr("%n sample(s) over the limit per scrape were not recorded.", "",
                   int(std::min<quint64>(poll.scrape->droppedSamples, INT_MAX)));
    else if (statusOk && !poll.status->problems.isEmpty())
        error = poll.status->problems.join(QStringLiteral("; "));
    else if (statusOk && !poll.status->warnings.isEmpty())
        error = poll.status->warnings.join(QStringLiteral("; "));
    else if (statusOk && !poll.status->kafkaError.isEmpty())
        error = tr("Kafka: %1").arg(poll.status->kafkaError);
    m_state.lastError = error;

    const QDateTime now = QDateTime::currentDateTime();
    if (answers)
        m_state.lastContact = now;
    if (previous == NodeHealth::Connecting || nodeAnswers(previous) != answers) {
        m_state.since = now;
        if (answers)
            qCInfo(lcRemote) << "node" << instance() << "answers; version" << m_state.version;
        else
            qCWarning(lcRemote) << "node" << instance() << "does not answer:" << error;
    }

    m_state.failures = answers ? 0 : m_state.failures + 1;
    scheduleNext(answers ? m_options.pollIntervalMs : backoffDelayMs());
    Q_EMIT stateChanged();
}

void NodeClient::updateThroughput(const ScrapeSummary &scrape)
{
    if (!scrape.eventsProcessed) {
        m_state.eventsProcessed.reset();
        m_state.eventsPerSecond.reset();
        m_lastEvents.reset();
        return;
    }
    const qint64 nowMs = m_clock.elapsed();
    const double events = *scrape.eventsProcessed;
    if (m_lastEvents && events >= *m_lastEvents && nowMs > m_lastEventsMs)
        m_state.eventsPerSecond = (events - *m_lastEvents) * 1000.0 / double(nowMs - m_lastEventsMs);
    else
        m_state.eventsPerSecond.reset(); // first scrape, or the node restarted and its counters began again
    m_state.eventsProcessed = events;
    m_lastEvents = events;
    m_lastEventsMs = nowMs;
}

int NodeClient::backoffDelayMs() const
{
    const int doublings = std::clamp(m_state.failures - 1, 0, 20);
    const double delay = std::min(double(m_options.pollIntervalMs) * std::pow(2.0, doublings),
                                  double(m_options.maxBackoffMs));
    // Jitter keeps several consoles from retrying a recovering node in step.
    const double jitter = 0.9 + 0.2 * QRandomGenerator::global()->generateDouble();
    return int(std::clamp(delay * jitter, double(m_options.pollIntervalMs) / 2, double(m_options.maxBackoffMs)));
}

void NodeClient::scheduleNext(int delayMs)
{
    m_state.nextPollMs = delayMs;
    if (m_running)
        m_timer->start(delayMs);
}

void NodeClient::logProblems(const ScrapeSummary &scrape)
{
    if (scrape.rejectedLines == 0 && scrape.droppedSamples == 0)
        return;
    const qint64 nowMs = m_clock.elapsed();
    if (m_lastProblemLogMs >= 0 && nowMs - m_lastProblemLogMs < kProblemLogIntervalMs)
        return;
    m_lastProblemLogMs = nowMs;
    qCWarning(lcRemote) << "node" << instance() << "sent" << scrape.rejectedLines << "malformed metrics lines and"
                        << scrape.droppedSamples << "samples over the limit; first problem:" << scrape.firstProblem;
}

} // namespace umg
