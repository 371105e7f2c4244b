// Debian's Prometheus scrapes a running `unmogrowp-node serve` through the
// configuration of `unmogrowp-node export stack`, and PromQL over its HTTP
// API returns what the node itself reports. Needs the prometheus package;
// fails without it. Takes about two minutes: rate()[1m] needs a full minute
// of samples.

#include <QtTest>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <memory>

#include "eventsender.h"
#include "stackprocess.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

// The node receives 10 batches of 50 events per second.
constexpr int kEventsPerBatch = 50;
constexpr auto kBatchPeriod = 100ms;
// Enough events for the sender to keep going for about four minutes.
constexpr std::size_t kEventCount = 120'000;
// Time between reading the node's counter and comparing it with Prometheus:
// longer than the 1-minute rate window, so that the window lies entirely
// within the steady stream.
constexpr auto kMeasurement = 62s;

// rate() over a minute of 1-second scrapes of a steady stream differs from
// the node's own rate by the extrapolation at the window's two ends (at
// most about one scrape interval of events, 1/60 = 1.7 %) and by the pacing
// of the sender, whose short stalls fall differently into the two windows,
// which are offset by up to a few seconds (about 1.7 % per second of stall).
// 10 % covers both and still catches a wrong unit, a double count or a
// missing series.
constexpr double kRateTolerance = 0.10;

double sampleValue(const QJsonObject& sample)
{
    return sample.value("value").toArray().at(1).toString().toDouble();
}

QJsonArray resultOf(const QJsonDocument& response)
{
    return response.object().value("data").toObject().value("result").toArray();
}

} // namespace

class TestPrometheusScrape : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void upIsOne();
    void rateMatchesNode();
    void p95LatencyInRange();
    void panelQueriesAccepted_data();
    void panelQueriesAccepted();

private:
    QJsonDocument query(const QString& expression, std::optional<double> time = std::nullopt)
    {
        return test::prometheusQuery(m_prometheusUrl, expression, time);
    }
    double nodeProcessedEvents();

    QTemporaryDir m_dir;
    test::ServiceProcess m_node{QStringLiteral("unmogrowp-node serve")};
    test::ServiceProcess m_prometheus{QStringLiteral("prometheus")};
    std::unique_ptr<test::EventSender> m_sender;
    QUrl m_nodeUrl;
    QString m_metricsAddress;
    QUrl m_prometheusUrl;
    QString m_stack;
};

void TestPrometheusScrape::initTestCase()
{
    if (test::nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    if (test::findProgram(QStringLiteral("prometheus")).isEmpty())
        QFAIL("prometheus not found on PATH; install Debian's prometheus package");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    m_nodeUrl = test::startNode(m_node, m_dir.filePath(QStringLiteral("node.db")),
                                {"--metrics-listen", "127.0.0.1:0"});
    QVERIFY2(m_nodeUrl.isValid(), qPrintable(m_node.log()));
    m_metricsAddress = m_node.waitForOutput(QStringLiteral("serving /metrics\" address=(127\\.0\\.0\\.1:\\d+)"));
    QVERIFY2(!m_metricsAddress.isEmpty(), qPrintable(m_node.log()));

    // Nothing listens on the Alertmanager port; no rule fires within the test.
    m_stack = m_dir.filePath(QStringLiteral("stack"));
    QProcess exporter;
    exporter.setProcessChannelMode(QProcess::MergedChannels);
    exporter.start(test::nodeBinary(),
                   {"export", "stack", m_stack, "--node", "http://" + m_metricsAddress, "--alertmanager",
                    QStringLiteral("127.0.0.1:%1").arg(test::freeLoopbackPort()), "--scrape-interval", "1s",
                    "--evaluation-interval", "1s"});
    QVERIFY(exporter.waitForFinished(60'000));
    QVERIFY2(exporter.exitCode() == 0, exporter.readAll().constData());

    m_prometheusUrl = test::startPrometheus(m_prometheus, m_stack + "/prometheus.yml", m_dir.filePath("prometheus"));
    QVERIFY2(m_prometheusUrl.isValid(), qPrintable(m_prometheus.log()));
}

void TestPrometheusScrape::cleanupTestCase()
{
    if (m_sender)
        m_sender->stop();
    m_prometheus.stop();
    m_node.stop();
}

double TestPrometheusScrape::nodeProcessedEvents()
{
    const test::HttpResult metrics = test::httpGet(QUrl("http://" + m_metricsAddress + "/metrics"));
    if (metrics.status != 200)
        return std::nan("");
    return test::sumMetric(metrics.body, "attribution_events_processed_total");
}

void TestPrometheusScrape::upIsOne()
{
    QJsonArray result;
    const bool scraped = test::waitFor(
        [&] {
            result = resultOf(query(QStringLiteral("up{job=\"unmogrowp\"}")));
            return result.size() == 1 && sampleValue(result.at(0).toObject()) == 1;
        },
        60s);
    QVERIFY2(scraped, qPrintable(QJsonDocument(result).toJson() + m_prometheus.log()));
    const QJsonObject labels = result.at(0).toObject().value("metric").toObject();
    QCOMPARE(labels.value("instance").toString(), m_metricsAddress);
    QCOMPARE(sampleValue(result.at(0).toObject()), 1.0);
}

void TestPrometheusScrape::rateMatchesNode()
{
    m_sender = std::make_unique<test::EventSender>(m_nodeUrl, test::generatedEvents(kEventCount, "scrape", 7),
                                                   kEventsPerBatch, kBatchPeriod);
    m_sender->start();
    QTest::qWait(5000);

    QElapsedTimer clock;
    const double before = nodeProcessedEvents();
    clock.start();
    QTest::qWait(static_cast<int>(std::chrono::milliseconds(kMeasurement).count()));
    const double after = nodeProcessedEvents();
    const double nodeRate = (after - before) / (static_cast<double>(clock.elapsed()) / 1000.0);
    // The query is evaluated at the latest scrape rather than now, because on
    // a busy machine that scrape can be seconds old. rate() extrapolates a
    // window that ends before the evaluation time by only half a scrape
    // interval, so it would undercount by the age of that scrape.
    const QJsonArray latest = resultOf(query(QStringLiteral("max(timestamp(attribution_events_processed_total))")));
    QCOMPARE(latest.size(), 1);
    const double latestScrape = sampleValue(latest.at(0).toObject());
    const QJsonArray result =
        resultOf(query(QStringLiteral("sum(rate(attribution_events_processed_total[1m]))"), latestScrape));

    QVERIFY2(!m_sender->exhausted(), "the sender ran out of events before the measurement ended");
    QCOMPARE(m_sender->failures(), std::uint64_t(0));
    QVERIFY2(nodeRate > 0, qPrintable(m_node.log()));
    QCOMPARE(result.size(), 1);
    const double prometheusRate = sampleValue(result.at(0).toObject());
    const QString message = QStringLiteral("Prometheus %1 events/s, node %2 events/s").arg(prometheusRate).arg(nodeRate);
    qInfo("%s", qPrintable(message));
    QVERIFY2(std::fabs(prometheusRate - nodeRate) <= kRateTolerance * nodeRate, qPrintable(message));
}

void TestPrometheusScrape::p95LatencyInRange()
{
    const QJsonArray result = resultOf(query(QStringLiteral(
        "histogram_quantile(0.95, sum(rate(attribution_event_processing_duration_seconds_bucket[1m])) by (le))")));
    QCOMPARE(result.size(), 1);
    const double p95 = sampleValue(result.at(0).toObject());
    // histogram_quantile interpolates within the buckets, so a finite result
    // lies between 0 and the largest finite bound, 2.5 s.
    QVERIFY2(std::isfinite(p95), qPrintable(QString::number(p95)));
    QVERIFY2(p95 > 0, qPrintable(QString::number(p95)));
    QVERIFY2(p95 <= 2.5, qPrintable(QString::number(p95)));
}

void TestPrometheusScrape::panelQueriesAccepted_data()
{
    QTest::addColumn<QString>("expression");
    const QStringList files = QDir(m_stack + "/grafana").entryList({QStringLiteral("*.json")}, QDir::Files);
    QCOMPARE(files.size(), 4);
    int rows = 0;
    for (const QString& name : files) {
        QFile file(m_stack + "/grafana/" + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray panels = QJsonDocument::fromJson(file.readAll()).object().value("panels").toArray();
        for (const QJsonValue& panel : panels) {
            const QJsonArray targets = panel.toObject().value("targets").toArray();
            for (int i = 0; i < targets.size(); ++i) {
                QString expression = targets.at(i).toObject().value("expr").toString();
                expression.replace(QStringLiteral("$__rate_interval"), QStringLiteral("1m"));
                expression.replace(QStringLiteral("$__range"), QStringLiteral("5m"));
                const QString row = name + " / " + panel.toObject().value("title").toString() + " / "
                    + QString(QChar('A' + i));
                QTest::newRow(qPrintable(row)) << expression;
                ++rows;
            }
        }
    }
    QVERIFY(rows > 40);
}

void TestPrometheusScrape::panelQueriesAccepted()
{
    QFETCH(QString, expression);
    const QJsonObject response = query(expression).object();
    QVERIFY2(response.value("status").toString() == QStringLiteral("success"),
             qPrintable(expression + ": " + response.value("error").toString()));
    const QString type = response.value("data").toObject().value("resultType").toString();
    QVERIFY2(type == QStringLiteral("vector") || type == QStringLiteral("scalar"), qPrintable(type));
}

QTEST_GUILESS_MAIN(TestPrometheusScrape)
#include "tst_prometheusscrape.moc"
