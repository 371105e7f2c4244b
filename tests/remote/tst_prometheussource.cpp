// The Prometheus data source against a real Prometheus server (Debian's
// `prometheus`) that scrapes a real `unmogrowp-node serve` every second, both
// started by the test on loopback ports with temporary storage.

#include "remote/prometheusdatasource.h"

#include "dashboards/dashboardcatalogue.h"

#include "remotetesthelpers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <map>

using namespace umg;
using umg::test::NodeProcess;

namespace {

// QTRY waits up to three times this long before it fails, which must stay
// below Qt Test's limit of 300 s per test function.
constexpr int kLongWaitMs = 60'000;
// Prometheus scrapes the node this often (the generated configuration's scrape_interval).
constexpr int kScrapeIntervalSeconds = 1;

QueryResult evaluateOnWorker(const DashboardDataSource &source, const QueryRequest &request)
{
    // Data sources are called on worker threads, never on the GUI thread.
    return std::async(std::launch::async, [&] { return source.evaluate(request); }).get();
}

QueryRequest instantRequest(const QString &expression)
{
    QueryRequest request;
    request.expression = expression;
    request.kind = QueryRequest::Kind::Instant;
    request.endMs = QDateTime::currentMSecsSinceEpoch();
    request.rangeMs = 5 * 60 * 1000;
    return request;
}

// Sums every series of an instant result; NaN when the query failed or matched nothing.
double summedValue(const QueryResult &result)
{
    if (!result.ok() || result.series.isEmpty())
        return qQNaN();
    double sum = 0;
    for (const QuerySeries &series : result.series)
        sum += series.points.isEmpty() ? qQNaN() : series.points.front().y();
    return sum;
}

// Accepted events per series (app, event type, platform) in a node's /metrics.
std::map<QString, double> acceptedSeries(const QByteArray &metrics)
{
    std::map<QString, double> series;
    for (const QByteArray &line : metrics.split('\n')) {
        if (!line.startsWith("attribution_events_processed_total{") || !line.contains("status=\"accepted\""))
            continue;
        const int space = line.lastIndexOf(' ');
        series[QString::fromUtf8(line.left(space))] = line.mid(space + 1).toDouble();
    }
    return series;
}

QString panelQuery(const QString &panelId)
{
    for (const DashboardDefinition &dashboard : DashboardCatalogue::all()) {
        for (const PanelDefinition &panel : dashboard.panels) {
            if (panel.id == panelId && !panel.queries.isEmpty())
                return panel.queries.front().expression;
        }
    }
    return {};
}

} // namespace

class TestPrometheusSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rawCounterMatchesNode();
    void panelIncreaseMatchesNodeCounters();
    void rangeQueryReturnsSeries();
    void invalidQueryReportsError();
    void unreachableServerReportsError();

private:
    QByteArray nodeMetrics() const;

    QTemporaryDir m_dir;
    std::unique_ptr<NodeProcess> m_node;
    QProcess m_prometheus;
    std::unique_ptr<PrometheusDataSource> m_source;
    QUrl m_prometheusUrl;
    std::map<QString, double> m_firstBatch;
    QElapsedTimer m_sinceFirstMatch;
};

void TestPrometheusSource::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("UMG_NODE_BINARY"))
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    const QString prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
    if (prometheus.isEmpty())
        QSKIP("prometheus is not installed (Debian package prometheus)");
    QVERIFY(m_dir.isValid());

    m_node = std::make_unique<NodeProcess>(m_dir.path(), QStringLiteral("node"));
    QVERIFY2(m_node->start(), qPrintable(m_node->log()));
    const test::HttpReply fed = test::request("POST", m_node->url().resolved(QUrl(QStringLiteral("v1/events"))), {},
                                              test::generatedEvents(2000, "prom-a", 21));
    QCOMPARE(fed.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(test::metricSum(nodeMetrics(), "attribution_events_processed_total") >= 2000, 30'000);

    const int port = test::freeLoopbackPort();
    QVERIFY(port > 0);
    QFile config(m_dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("global:\n"
                                "  scrape_interval: %1s\n"
                                "  evaluation_interval: %1s\n"
                                "scrape_configs:\n"
                                "  - job_name: unmogrowp\n"
                                "    static_configs:\n"
                                "      - targets: ['127.0.0.1:%2']\n")
                     .arg(kScrapeIntervalSeconds)
                     .arg(m_node->port())
                     .toUtf8());
    config.close();

    m_prometheus.setProcessChannelMode(QProcess::MergedChannels);
    test::stopWithParent(m_prometheus);
    m_prometheus.start(prometheus, {QStringLiteral("--config.file=%1").arg(config.fileName()),
                                    QStringLiteral("--storage.tsdb.path=%1").arg(m_dir.filePath(QStringLiteral("tsdb"))),
                                    QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                                    QStringLiteral("--log.level=warn")});
    QVERIFY(m_prometheus.waitForStarted(10'000));
    m_prometheusUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    QTRY_COMPARE_WITH_TIMEOUT(test::request("GET", m_prometheusUrl.resolved(QUrl(QStringLiteral("-/ready")))).status,
                              200, kLongWaitMs);

    PrometheusEndpoint endpoint;
    endpoint.url = m_prometheusUrl;
    endpoint.scrapeIntervalSeconds = kScrapeIntervalSeconds;
    m_source = std::make_unique<PrometheusDataSource>(endpoint);
    QTRY_COMPARE_WITH_TIMEOUT(summedValue(evaluateOnWorker(*m_source, instantRequest(QStringLiteral("up{job=\"unmogrowp\"}")))),
                              1.0, kLongWaitMs);
}

void TestPrometheusSource::cleanupTestCase()
{
    if (m_prometheus.state() != QProcess::NotRunning) {
        m_prometheus.terminate();
        if (!m_prometheus.waitForFinished(30'000)) {
            m_prometheus.kill();
            m_prometheus.waitForFinished(10'000);
        }
    }
    if (m_node)
        QVERIFY(m_node->terminate());
}

QByteArray TestPrometheusSource::nodeMetrics() const
{
    return test::request("GET", m_node->url().resolved(QUrl(QStringLiteral("metrics")))).body;
}

void TestPrometheusSource::rawCounterMatchesNode()
{
    const QByteArray metrics = nodeMetrics();
    const double expected = test::metricSum(metrics, "attribution_events_processed_total");
    QTRY_COMPARE_WITH_TIMEOUT(summedValue(evaluateOnWorker(
                                  *m_source, instantRequest(QStringLiteral("sum(attribution_events_processed_total)")))),
                              expected, kLongWaitMs);
    m_sinceFirstMatch.start();
    m_firstBatch = acceptedSeries(metrics);
    QVERIFY(!m_firstBatch.empty());
}

// The panel "Event volume per customer" computes increase() over the
// dashboard's range. Prometheus extrapolates increase() by up to half a
// scrape interval before the first sample and by less than 1.1 intervals
// after the last one (extrapolatedRate() in promql/functions.go of
// Prometheus 2.x). Over samples that span S seconds, the result therefore
// lies between the true increase and that increase times
// (1 + 1.6 x interval / S). A series that first appears after the first
// scrape has no earlier sample to increase from, so the expected value
// counts only the series of the first batch.
void TestPrometheusSource::panelIncreaseMatchesNodeCounters()
{
    QVERIFY(!m_firstBatch.empty());
    const test::HttpReply fed = test::request("POST", m_node->url().resolved(QUrl(QStringLiteral("v1/events"))), {},
                                              test::generatedEvents(3000, "prom-b", 22));
    QCOMPARE(fed.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(test::metricSum(nodeMetrics(), "attribution_events_processed_total") >= 5000, 30'000);
    const QByteArray metrics = nodeMetrics();
    QTRY_COMPARE_WITH_TIMEOUT(summedValue(evaluateOnWorker(
                                  *m_source, instantRequest(QStringLiteral("sum(attribution_events_processed_total)")))),
                              test::metricSum(metrics, "attribution_events_processed_total"), kLongWaitMs);

    double expected = 0;
    for (const auto &[series, value] : acceptedSeries(metrics)) {
        const auto first = m_firstBatch.find(series);
        if (first != m_firstBatch.end())
            expected += value - first->second;
    }
    QVERIFY(expected > 1000);

    // Let the samples span at least 30 s so that the extrapolation stays within about 5 %.
    QTRY_VERIFY_WITH_TIMEOUT(m_sinceFirstMatch.elapsed() > 32'000, kLongWaitMs);
    const QString query = panelQuery(QStringLiteral("event-volume-per-customer"));
    QVERIFY(!query.isEmpty());
    const QueryResult result = evaluateOnWorker(*m_source, instantRequest(query));
    QVERIFY2(result.ok(), qPrintable(result.error));
    const double actual = summedValue(result);
    const double spanSeconds = double(m_sinceFirstMatch.elapsed()) / 1000.0 - 2.0 * kScrapeIntervalSeconds;
    const double upperBound = expected * (1.0 + 1.6 * kScrapeIntervalSeconds / spanSeconds);
    qInfo() << "panel" << actual << "node counters" << expected << "upper bound" << upperBound;
    QVERIFY2(actual >= expected - 1e-6,
             qPrintable(QStringLiteral("panel %1, node counters %2").arg(actual).arg(expected)));
    QVERIFY2(actual <= upperBound,
             qPrintable(QStringLiteral("panel %1, upper bound %2").arg(actual).arg(upperBound)));
}

void TestPrometheusSource::rangeQueryReturnsSeries()
{
    QueryRequest request;
    request.expression = QStringLiteral("sum(rate(attribution_events_processed_total[$__rate_interval]))");
    request.kind = QueryRequest::Kind::Range;
    request.endMs = QDateTime::currentMSecsSinceEpoch();
    request.fromMs = request.endMs - 60'000;
    request.stepMs = 5000;
    request.rangeMs = 60'000;
    QCOMPARE(PrometheusDataSource::expandPlaceholders(request, 1000),
             QStringLiteral("sum(rate(attribution_events_processed_total[6s]))"));

    const QueryResult result = evaluateOnWorker(*m_source, request);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.series.size(), 1);
    QVERIFY(result.series.front().points.size() >= 2);
    for (const QPointF &point : result.series.front().points) {
        QVERIFY(point.x() >= double(request.fromMs));
        QVERIFY(point.x() <= double(request.endMs));
    }
}

void TestPrometheusSource::invalidQueryReportsError()
{
    const QueryResult result = evaluateOnWorker(*m_source, instantRequest(QStringLiteral("sum(")));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(QStringLiteral("Prometheus rejected the query:")), qPrintable(result.error));
}

void TestPrometheusSource::unreachableServerReportsError()
{
    PrometheusEndpoint endpoint;
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::freeLoopbackPort()));
    const PrometheusDataSource unreachable(endpoint);
    const QueryResult result = evaluateOnWorker(unreachable, instantRequest(QStringLiteral("up")));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(QStringLiteral("refused the connection")), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestPrometheusSource)
#include "tst_prometheussource.moc"
