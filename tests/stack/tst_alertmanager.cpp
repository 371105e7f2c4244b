// `unmogrowp-node serve --alertmanager-url` evaluates alert rules over the
// node's own metrics and delivers firing and resolved alerts to Debian's
// Alertmanager (API v2), which the test starts on loopback with clustering
// disabled. GET /v1/alerts shows the states. Needs the
// prometheus-alertmanager package.

#include <QtTest>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

#include "alerts/catalogue.h"
#include "alerts/thresholds.h"
#include "eventsender.h"
#include "stackprocess.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

constexpr const char* kRuleName = "UmgTestEventsArriving";

// One rule that fires one second after events start to arrive and resolves
// about five seconds after they stop.
constexpr const char* kRuleFile = R"({"groups": [{"name": "test", "rules": [{
  "alert": "UmgTestEventsArriving",
  "expr": "sum(rate(attribution_events_processed_total[5s])) > 0",
  "for": "1s",
  "labels": {"severity": "warning"},
  "annotations": {
    "summary": "Events arriving",
    "description": "The node processes {{ $value | humanize }} events/s.",
    "runbook_url": "https://runbooks.unmogrowp.example/alerts/UmgTestEventsArriving"}}]}]})";

constexpr const char* kAlertmanagerConfig = R"(route:
  receiver: "nobody"
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: "nobody"
)";

QJsonObject findAlert(const QJsonArray& alerts, const QString& name)
{
    for (const QJsonValue& alert : alerts) {
        if (alert.toObject().value("labels").toObject().value("alertname").toString() == name)
            return alert.toObject();
    }
    return {};
}

} // namespace

class TestAlertmanager : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void alertFiresAndResolves();
    void catalogueEvaluatedNatively();
    void alertsRouteWithoutEvaluation();
    void invalidAlertOptionsRejected_data();
    void invalidAlertOptionsRejected();

private:
    QJsonArray alertmanagerAlerts();
    static QJsonObject nodeAlerts(const QUrl& node);

    QTemporaryDir m_dir;
    test::ServiceProcess m_alertmanager{QStringLiteral("alertmanager")};
    QUrl m_alertmanagerUrl;
};

void TestAlertmanager::initTestCase()
{
    if (test::nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    if (test::findProgram(QStringLiteral("prometheus-alertmanager")).isEmpty())
        QFAIL("prometheus-alertmanager not found on PATH; install Debian's prometheus-alertmanager package");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    const QString config = m_dir.filePath(QStringLiteral("alertmanager.yml"));
    QVERIFY(test::writeFile(config, kAlertmanagerConfig));
    m_alertmanagerUrl = test::startAlertmanager(m_alertmanager, config, m_dir.filePath(QStringLiteral("alertmanager")),
                                                test::freeLoopbackPort());
    QVERIFY2(m_alertmanagerUrl.isValid(), qPrintable(m_alertmanager.log()));
}

void TestAlertmanager::cleanupTestCase()
{
    m_alertmanager.stop();
}

QJsonArray TestAlertmanager::alertmanagerAlerts()
{
    return QJsonDocument::fromJson(test::httpGet(m_alertmanagerUrl.resolved(QUrl("/api/v2/alerts"))).body).array();
}

QJsonObject TestAlertmanager::nodeAlerts(const QUrl& node)
{
    return QJsonDocument::fromJson(test::httpGet(node.resolved(QUrl("/v1/alerts"))).body).object();
}

void TestAlertmanager::alertFiresAndResolves()
{
    const QString rules = m_dir.filePath(QStringLiteral("rules.json"));
    QVERIFY(test::writeFile(rules, kRuleFile));
    // The second Alertmanager does not exist: its failures are counted, and
    // delivery to the first one is enough.
    const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(test::freeLoopbackPort());
    test::ServiceProcess node(QStringLiteral("unmogrowp-node serve"));
    const QUrl nodeUrl = test::startNode(
        node, m_dir.filePath(QStringLiteral("fires.db")),
        {"--alertmanager-url", m_alertmanagerUrl.toString(), "--alertmanager-url", closed, "--alert-rules", rules,
         "--alert-interval", "1", "--alert-history", m_dir.filePath(QStringLiteral("fires.history"))});
    QVERIFY2(nodeUrl.isValid(), qPrintable(node.log()));

    test::EventSender sender(nodeUrl, test::generatedEvents(20'000, "fires", 11), 50, 250ms);
    sender.start();
    QJsonObject alert;
    const bool arrived = test::waitFor(
        [&] {
            alert = findAlert(alertmanagerAlerts(), kRuleName);
            return !alert.isEmpty();
        },
        60s);
    QVERIFY2(arrived, qPrintable(node.log() + m_alertmanager.log()));

    const QJsonObject labels = alert.value("labels").toObject();
    QCOMPARE(labels.value("severity").toString(), QStringLiteral("warning"));
    QCOMPARE(labels.value("instance").toString(), nodeUrl.authority());
    QCOMPARE(labels.value("job").toString(), QStringLiteral("unmogrowp"));
    QCOMPARE(alert.value("annotations").toObject().value("summary").toString(), QStringLiteral("Events arriving"));
    QVERIFY2(alert.value("annotations").toObject().value("description").toString().contains("events/s"),
             qPrintable(QJsonDocument(alert).toJson()));
    QCOMPARE(alert.value("generatorURL").toString(), nodeUrl.toString() + "/v1/alerts");
    QCOMPARE(alert.value("status").toObject().value("state").toString(), QStringLiteral("active"));
    const QDateTime startsAt = QDateTime::fromString(alert.value("startsAt").toString(), Qt::ISODateWithMs);
    const QDateTime endsAt = QDateTime::fromString(alert.value("endsAt").toString(), Qt::ISODateWithMs);
    QVERIFY2(startsAt.isValid() && endsAt > startsAt, qPrintable(QJsonDocument(alert).toJson()));

    const QJsonObject firing = nodeAlerts(nodeUrl);
    QCOMPARE(firing.value("evaluating").toBool(), true);
    QCOMPARE(firing.value("summary").toObject().value("rules").toInt(), 1);
    const QJsonArray deliveries = firing.value("alertmanagers").toArray();
    QCOMPARE(deliveries.size(), 2);
    QVERIFY(deliveries.at(0).toObject().value("sent_batches").toInt() >= 1);
    QCOMPARE(deliveries.at(0).toObject().value("last_error").toString(), QString());
    QVERIFY(deliveries.at(1).toObject().value("failed_batches").toInt() >= 1);
    QVERIFY(!deliveries.at(1).toObject().value("last_error").toString().isEmpty());

    // A firing alert is valid for four resend delays (4 minutes), so its
    // disappearance within a minute shows that the resolved alert arrived.
    sender.stop();
    const bool resolved = test::waitFor([&] { return findAlert(alertmanagerAlerts(), kRuleName).isEmpty(); }, 60s);
    QVERIFY2(resolved, qPrintable(node.log() + m_alertmanager.log()));

    const QJsonObject after = nodeAlerts(nodeUrl);
    QCOMPARE(after.value("summary").toObject().value("firing").toInt(), 0);
    const QJsonArray resolvedAlerts = after.value("resolved").toArray();
    QCOMPARE(resolvedAlerts.size(), 1);
    QCOMPARE(resolvedAlerts.at(0).toObject().value("rule").toString(), QString::fromLatin1(kRuleName));
    QVERIFY(!resolvedAlerts.at(0).toObject().value("resolved_at").toString().isEmpty());
    QCOMPARE(node.stop(), 0);
}

void TestAlertmanager::catalogueEvaluatedNatively()
{
    test::ServiceProcess node(QStringLiteral("unmogrowp-node serve"));
    const QUrl nodeUrl = test::startNode(node, m_dir.filePath(QStringLiteral("catalogue.db")),
                                         {"--evaluate-alerts", "--alert-interval", "1", "--threshold",
                                          "event_throughput_target=1e9"});
    QVERIFY2(nodeUrl.isValid(), qPrintable(node.log()));
    const test::HttpResult posted = test::httpPost(nodeUrl.resolved(QUrl("/v1/events")),
                                                   test::generatedEvents(1000, "catalogue", 5), "application/x-ndjson");
    QCOMPARE(posted.status, 200);

    // The throughput rule waits 5 minutes before it fires; pending shows
    // that it evaluates with the overridden threshold.
    QJsonObject status;
    const bool pending = test::waitFor(
        [&] {
            status = nodeAlerts(nodeUrl);
            return !findAlert(status.value("alerts").toArray(), "EventThroughputBelowTarget").isEmpty();
        },
        60s);
    QVERIFY2(pending, qPrintable(QJsonDocument(status).toJson() + node.log()));
    const QJsonObject alert = findAlert(status.value("alerts").toArray(), "EventThroughputBelowTarget");
    QCOMPARE(alert.value("state").toString(), QStringLiteral("pending"));
    QCOMPARE(alert.value("labels").toObject().value("severity").toString(), QStringLiteral("warning"));

    const QJsonArray rules = status.value("rules").toArray();
    QCOMPARE(rules.size(), static_cast<int>(alerts::buildAlertRules(alerts::Thresholds{}).size()));
    for (const QJsonValue& rule : rules)
        QVERIFY2(rule.toObject().value("health").toString() == QStringLiteral("ok"),
                 qPrintable(QJsonDocument(rule.toObject()).toJson()));
    // The node records `up` for itself, so the rule about a missing engine
    // target stays quiet, and ServiceDown cannot fire for the node itself.
    QVERIFY(findAlert(status.value("alerts").toArray(), "EngineTargetMissing").isEmpty());
    QVERIFY(findAlert(status.value("alerts").toArray(), "ServiceDown").isEmpty());
    QCOMPARE(status.value("alertmanagers").toArray().size(), 0);
    QCOMPARE(node.stop(), 0);
}

void TestAlertmanager::alertsRouteWithoutEvaluation()
{
    test::ServiceProcess node(QStringLiteral("unmogrowp-node serve"));
    const QUrl nodeUrl = test::startNode(node, m_dir.filePath(QStringLiteral("plain.db")));
    QVERIFY2(nodeUrl.isValid(), qPrintable(node.log()));
    const test::HttpResult response = test::httpGet(nodeUrl.resolved(QUrl("/v1/alerts")));
    QCOMPARE(response.status, 200);
    const QJsonObject status = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(status.value("evaluating").toBool(true), false);
    QVERIFY(status.value("reason").toString().contains(QStringLiteral("--alertmanager-url")));
    QCOMPARE(node.stop(), 0);
}

void TestAlertmanager::invalidAlertOptionsRejected_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("interval without alerting") << QStringList{"--alert-interval", "5"} << "needs --alertmanager-url";
    QTest::newRow("alertmanager URL without scheme") << QStringList{"--alertmanager-url", "127.0.0.1:9093"}
                                                     << "use Alertmanager's URL";
    QTest::newRow("interval too short") << QStringList{"--evaluate-alerts", "--alert-interval", "0.01"}
                                        << "--alert-interval";
    QTest::newRow("unknown threshold") << QStringList{"--evaluate-alerts", "--threshold", "no_such_threshold=1"}
                                       << "no_such_threshold";
    QTest::newRow("rule file not JSON") << QStringList{"--alert-rules", "DIR/rules.yml"} << "not valid JSON";
    QTest::newRow("rule file and threshold") << QStringList{"--alert-rules", "DIR/rules.yml", "--threshold",
                                                            "connections_max=1"}
                                             << "apply to the built-in rules";
}

void TestAlertmanager::invalidAlertOptionsRejected()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("rules.yml")), "groups:\n  - name: x\n"));
    options.replaceInStrings(QStringLiteral("DIR/"), m_dir.path() + "/");

    QProcess node;
    node.start(test::nodeBinary(), QStringList{"serve", "--listen", "127.0.0.1:0", "--db",
                                               m_dir.filePath(QStringLiteral("rejected.db"))}
                                       + options);
    QVERIFY(node.waitForFinished(30'000));
    const QString output = QString::fromUtf8(node.readAllStandardError());
    QCOMPARE(node.exitCode(), 2);
    QVERIFY2(output.contains(message), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestAlertmanager)
#include "tst_alertmanager.moc"
