// The parts of alert delivery and stack validation that need no external
// service: when alerts go to Alertmanager and in what form, the native
// alert service over a fake HTTP client, rule files in JSON form, URL
// parsing and the validation's check list and report formats.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <mutex>

#include "alerts/alertdispatcher.h"
#include "alerts/alertservice.h"
#include "alerts/rulefilereader.h"
#include "net/httpclient.h"
#include "net/url.h"
#include "promql/parser.h"
#include "validation/validation.h"

using namespace umg;

namespace {

constexpr std::int64_t kStart = 1'800'000'000'000; // 2027-01-15, ms since the Unix epoch
constexpr std::int64_t kMinute = 60'000;

alerts::Alert firingAlert(const std::string& name, std::int64_t activeAtMs)
{
    alerts::Alert alert;
    alert.ruleName = name;
    alert.labels = promql::Labels{{"alertname", name}, {"severity", "warning"}};
    alert.annotations = promql::Labels{{"summary", name + " fired"}};
    alert.state = alerts::AlertState::Firing;
    alert.activeAtMs = activeAtMs;
    alert.firedAtMs = activeAtMs;
    return alert;
}

alerts::NotificationOptions notificationOptions()
{
    alerts::NotificationOptions options;
    options.externalLabels = promql::Labels{{"instance", "127.0.0.1:8080"}, {"severity", "ignored"}};
    options.generatorUrl = "http://127.0.0.1:8080/v1/alerts";
    return options;
}

// Records every request and responds with a fixed status, or with a
// transport error when `status` is 0.
class FakeHttpClient final : public HttpClient {
public:
    HttpResponse send(const HttpRequest& request) override
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
        HttpResponse response;
        response.status = m_status;
        if (m_status == 0)
            response.error = "connection failed (refused, or the host is unreachable)";
        return response;
    }

    void setStatus(int status) { m_status = status; }
    std::vector<HttpRequest> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
    int m_status = 200;
};

QJsonArray payloadOf(const HttpRequest& request)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(request.body)).array();
}

} // namespace

class TestAlertDispatch : public QObject {
    Q_OBJECT

private slots:
    void firingSentAtOnce();
    void firingResentAfterDelay();
    void unsentAlertRetried();
    void resolvedSentWithEndTime();
    void resolvedDroppedAfterRetention();
    void firingAgainIsNewAlert();
    void payloadHasApiFields();

    void serviceDeliversFireAndResolve();
    void serviceCountsFailedDelivery();

    void ruleFileParses();
    void ruleFileRejected_data();
    void ruleFileRejected();

    void urlParsing_data();
    void urlParsing();

    void checkListCoversSections();
    void unreachableServicesReported();
    void reportFormats();
};

void TestAlertDispatch::firingSentAtOnce()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    const std::vector<alerts::OutgoingAlert> due = dispatcher.update({firingAlert("A", kStart - 5000)}, kStart);
    QCOMPARE(due.size(), std::size_t(1));
    QCOMPARE(due[0].resolved, false);
    QCOMPARE(due[0].startsAtMs, kStart - 5000);
    // Four resend delays of one minute.
    QCOMPARE(due[0].endsAtMs, kStart + 4 * kMinute);
    QCOMPARE(std::string(due[0].labels.get("instance")), std::string("127.0.0.1:8080"));
    QCOMPARE(std::string(due[0].labels.get("severity")), std::string("warning"));
    QCOMPARE(due[0].generatorUrl, std::string("http://127.0.0.1:8080/v1/alerts"));
}

void TestAlertDispatch::firingResentAfterDelay()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    const std::vector<alerts::Alert> firing{firingAlert("A", kStart)};
    dispatcher.markSent(dispatcher.update(firing, kStart), kStart);
    QCOMPARE(dispatcher.update(firing, kStart + 30'000).size(), std::size_t(0));
    // Like Prometheus, resent once more than the delay has passed.
    QCOMPARE(dispatcher.update(firing, kStart + kMinute).size(), std::size_t(0));
    const std::vector<alerts::OutgoingAlert> due = dispatcher.update(firing, kStart + kMinute + 1);
    QCOMPARE(due.size(), std::size_t(1));
    QCOMPARE(due[0].endsAtMs, kStart + kMinute + 1 + 4 * kMinute);
}

void TestAlertDispatch::unsentAlertRetried()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    const std::vector<alerts::Alert> firing{firingAlert("A", kStart)};
    QCOMPARE(dispatcher.update(firing, kStart).size(), std::size_t(1));
    QCOMPARE(dispatcher.update(firing, kStart + 15'000).size(), std::size_t(1));
}

void TestAlertDispatch::resolvedSentWithEndTime()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    dispatcher.markSent(dispatcher.update({firingAlert("A", kStart)}, kStart), kStart);
    const std::vector<alerts::OutgoingAlert> due = dispatcher.update({}, kStart + 15'000);
    QCOMPARE(due.size(), std::size_t(1));
    QCOMPARE(due[0].resolved, true);
    QCOMPARE(due[0].endsAtMs, kStart + 15'000);
    QCOMPARE(due[0].startsAtMs, kStart);
    QCOMPARE(dispatcher.recentlyResolved().size(), std::size_t(1));
}

void TestAlertDispatch::resolvedDroppedAfterRetention()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    dispatcher.markSent(dispatcher.update({firingAlert("A", kStart)}, kStart), kStart);
    const std::int64_t resolvedAt = kStart + 15'000;
    dispatcher.markSent(dispatcher.update({}, resolvedAt), resolvedAt);
    QCOMPARE(dispatcher.update({}, resolvedAt + 30'000).size(), std::size_t(0));
    // Resolved alerts are resent every resend delay while they are kept.
    QCOMPARE(dispatcher.update({}, resolvedAt + kMinute + 1).size(), std::size_t(1));
    QCOMPARE(dispatcher.update({}, resolvedAt + 15 * kMinute + 1).size(), std::size_t(0));
    QCOMPARE(dispatcher.recentlyResolved().size(), std::size_t(0));
}

void TestAlertDispatch::firingAgainIsNewAlert()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    dispatcher.markSent(dispatcher.update({firingAlert("A", kStart)}, kStart), kStart);
    dispatcher.markSent(dispatcher.update({}, kStart + 15'000), kStart + 15'000);
    const std::vector<alerts::OutgoingAlert> due = dispatcher.update({firingAlert("A", kStart + 30'000)}, kStart + 30'000);
    QCOMPARE(due.size(), std::size_t(1));
    QCOMPARE(due[0].resolved, false);
    QCOMPARE(due[0].startsAtMs, kStart + 30'000);
}

void TestAlertDispatch::payloadHasApiFields()
{
    alerts::AlertDispatcher dispatcher(notificationOptions());
    const QJsonArray payload = QJsonDocument::fromJson(QByteArray::fromStdString(
                                                           alerts::renderAlertmanagerPayload(dispatcher.update(
                                                               {firingAlert("A", kStart)}, kStart))))
                                   .array();
    QCOMPARE(payload.size(), 1);
    const QJsonObject alert = payload.at(0).toObject();
    QCOMPARE(alert.value("labels").toObject().value("alertname").toString(), QStringLiteral("A"));
    QCOMPARE(alert.value("annotations").toObject().value("summary").toString(), QStringLiteral("A fired"));
    QCOMPARE(alert.value("startsAt").toString(), QStringLiteral("2027-01-15T08:00:00.000Z"));
    QCOMPARE(alert.value("endsAt").toString(), QStringLiteral("2027-01-15T08:04:00.000Z"));
    QCOMPARE(alert.value("generatorURL").toString(), QStringLiteral("http://127.0.0.1:8080/v1/alerts"));
}

void TestAlertDispatch::serviceDeliversFireAndResolve()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::Gauge& signal =
        prometheus::BuildGauge().Name("umg_test_signal").Help("test input").Register(*registry).Add({});
    alerts::AlertRule rule;
    rule.group = "test";
    rule.name = "SignalRaised";
    rule.expression = "umg_test_signal > 0";
    rule.parsedExpression = promql::parseExpression(rule.expression);
    rule.labels = promql::Labels{{"severity", "critical"}};
    rule.annotations = promql::Labels{{"summary", "signal at {{ $value }}"}};

    FakeHttpClient http;
    alerts::AlertServiceOptions options;
    options.alertmanagerUrls = {"http://127.0.0.1:9093/"};
    options.interval = std::chrono::milliseconds(1000);
    options.historyPath = dir.filePath(QStringLiteral("history.sqlite")).toStdString();
    alerts::AlertService service(registry, {rule}, http, options);
    service.setIdentity(promql::Labels{{"job", "unmogrowp"}, {"instance", "node1:8080"}},
                        promql::Labels{{"instance", "node1:8080"}}, "http://node1:8080/v1/alerts");

    signal.Set(3);
    service.runCycle();
    QCOMPARE(http.requests().size(), std::size_t(1));
    const HttpRequest fired = http.requests().back();
    QCOMPARE(fired.method, std::string("POST"));
    QCOMPARE(fired.url, std::string("http://127.0.0.1:9093/api/v2/alerts"));
    QCOMPARE(fired.contentType, std::string("application/json"));
    const QJsonObject firedAlert = payloadOf(fired).at(0).toObject();
    QCOMPARE(firedAlert.value("labels").toObject().value("alertname").toString(), QStringLiteral("SignalRaised"));
    QCOMPARE(firedAlert.value("labels").toObject().value("instance").toString(), QStringLiteral("node1:8080"));
    QCOMPARE(firedAlert.value("annotations").toObject().value("summary").toString(), QStringLiteral("signal at 3"));

    // Each cycle records a scrape at the history's clock; two scrapes in the
    // same millisecond would share a timestamp.
    QTest::qWait(20);
    service.runCycle();
    QCOMPARE(http.requests().size(), std::size_t(1)); // not due again before the resend delay

    signal.Set(0);
    QTest::qWait(20);
    service.runCycle();
    QCOMPARE(http.requests().size(), std::size_t(2));
    const QJsonObject resolvedAlert = payloadOf(http.requests().back()).at(0).toObject();
    const QDateTime endsAt = QDateTime::fromString(resolvedAlert.value("endsAt").toString(), Qt::ISODateWithMs);
    QVERIFY2(endsAt <= QDateTime::currentDateTimeUtc(), qPrintable(resolvedAlert.value("endsAt").toString()));

    const alerts::AlertServiceStatus status = service.status();
    QCOMPARE(status.evaluations, std::uint64_t(3));
    QCOMPARE(status.resolvedAlerts.size(), std::size_t(1));
    QCOMPARE(status.alertmanagers.at(0).sentBatches, std::uint64_t(2));
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(alerts::renderAlertStatusJson(status))).object();
    QCOMPARE(json.value("summary").toObject().value("resolved_recently").toInt(), 1);
    QCOMPARE(json.value("rules").toArray().at(0).toObject().value("health").toString(), QStringLiteral("ok"));
}

void TestAlertDispatch::serviceCountsFailedDelivery()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::BuildGauge().Name("umg_test_signal").Help("test input").Register(*registry).Add({}).Set(1);
    alerts::AlertRule rule;
    rule.group = "test";
    rule.name = "SignalRaised";
    rule.expression = "umg_test_signal > 0";
    rule.parsedExpression = promql::parseExpression(rule.expression);

    FakeHttpClient http;
    http.setStatus(0);
    alerts::AlertServiceOptions options;
    options.alertmanagerUrls = {"http://127.0.0.1:9093"};
    options.historyPath = dir.filePath(QStringLiteral("history.sqlite")).toStdString();
    alerts::AlertService service(registry, {rule}, http, options);
    service.runCycle();
    QTest::qWait(20);
    service.runCycle();
    // An undelivered alert is due again at every evaluation.
    QCOMPARE(http.requests().size(), std::size_t(2));
    const alerts::AlertmanagerDelivery delivery = service.status().alertmanagers.at(0);
    QCOMPARE(delivery.failedBatches, std::uint64_t(2));
    QCOMPARE(delivery.sentBatches, std::uint64_t(0));
    QVERIFY(delivery.lastError.find("connection failed") != std::string::npos);
}

void TestAlertDispatch::ruleFileParses()
{
    const std::vector<alerts::AlertRule> rules = alerts::parseRuleFileJson(
        R"json({"groups": [{"name": "g", "rules": [
            {"alert": "A", "expr": "up == 0", "for": "1m30s", "labels": {"severity": "critical"},
             "annotations": {"summary": "{{ $labels.instance }} down"}},
            {"alert": "B", "expr": "vector(1)"}]}]})json",
        "test.json");
    QCOMPARE(rules.size(), std::size_t(2));
    QCOMPARE(rules[0].group, std::string("g"));
    QCOMPARE(rules[0].name, std::string("A"));
    QCOMPARE(rules[0].forMs, std::int64_t(90'000));
    QCOMPARE(std::string(rules[0].labels.get("severity")), std::string("critical"));
    QVERIFY(rules[0].parsedExpression);
    QCOMPARE(rules[1].forMs, std::int64_t(0));
}

void TestAlertDispatch::ruleFileRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("YAML") << "groups:\n  - name: g\n" << "not valid JSON";
    QTest::newRow("no groups") << R"json({"rules": []})json" << "\"groups\" array";
    QTest::newRow("recording rule") << R"json({"groups": [{"name": "g", "rules": [{"record": "r", "expr": "up"}]}]})json"
                                    << "recording rules are not supported";
    QTest::newRow("invalid expression") << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up =="}]}]})json"
                                        << "group g, rule 1 (A): invalid expr";
    QTest::newRow("range vector") << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up[5m]"}]}]})json"
                                  << "instant vector or a scalar";
    QTest::newRow("invalid for") << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up", "for": "soon"}]}]})json"
                                 << "\"for\" is \"soon\"";
    QTest::newRow("unknown rule field")
        << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up", "keep_firing_for": "1m"}]}]})json"
        << "unsupported field \"keep_firing_for\"";
    QTest::newRow("group interval") << R"json({"groups": [{"name": "g", "interval": "1m", "rules": []}]})json"
                                    << "unsupported field \"interval\"";
    QTest::newRow("duplicate group")
        << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up"}]}, {"name": "g", "rules": []}]})json"
        << "used twice";
    QTest::newRow("unsupported template")
        << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up", "annotations": {"summary": "{{ range . }}"}}]}]})json"
        << "summary";
    QTest::newRow("label not a string")
        << R"json({"groups": [{"name": "g", "rules": [{"alert": "A", "expr": "up", "labels": {"severity": 1}}]}]})json"
        << "labels.severity must be a string";
    QTest::newRow("no rules") << R"json({"groups": []})json" << "contains no alerting rule";
}

void TestAlertDispatch::ruleFileRejected()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        alerts::parseRuleFileJson(text.toStdString(), "test.json");
        QFAIL("the rule file was accepted");
    } catch (const std::invalid_argument& error) {
        const QString what = QString::fromUtf8(error.what());
        QVERIFY2(what.startsWith(QStringLiteral("test.json: ")), qPrintable(what));
        QVERIFY2(what.contains(message), qPrintable(what));
    }
}

void TestAlertDispatch::urlParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("hostPort");
    QTest::addColumn<QString>("path");
    QTest::newRow("host and port") << "http://127.0.0.1:9090" << true << "127.0.0.1:9090" << "/";
    QTest::newRow("default http port") << "http://prometheus.internal" << true << "prometheus.internal:80" << "/";
    QTest::newRow("default https port") << "HTTPS://node.example/metrics" << true << "node.example:443" << "/metrics";
    QTest::newRow("IPv6") << "http://[::1]:8080/v1/status" << true << "[::1]:8080" << "/v1/status";
    QTest::newRow("query without path") << "http://h:1?a=b" << true << "h:1" << "/?a=b";
    QTest::newRow("no scheme") << "127.0.0.1:9090" << false << "" << "";
    QTest::newRow("other scheme") << "ftp://h:21" << false << "" << "";
    QTest::newRow("user information") << "http://user:secret@h:80" << false << "" << "";
    QTest::newRow("port zero") << "http://h:0" << false << "" << "";
    QTest::newRow("port too large") << "http://h:65536" << false << "" << "";
    QTest::newRow("empty port") << "http://h:" << false << "" << "";
    QTest::newRow("space") << "http://h:80/a b" << false << "" << "";
    QTest::newRow("fragment") << "http://h:80/#x" << false << "" << "";
    QTest::newRow("no host") << "http://:80" << false << "" << "";
}

void TestAlertDispatch::urlParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, hostPort);
    QFETCH(QString, path);
    const std::optional<Url> url = Url::parse(text.toStdString());
    QCOMPARE(url.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(QString::fromStdString(url->hostPort()), hostPort);
    QCOMPARE(QString::fromStdString(url->path), path);
}

void TestAlertDispatch::checkListCoversSections()
{
    const std::vector<validation::CheckDefinition>& checks = validation::checkDefinitions();
    QVERIFY(checks.size() >= 30);
    QSet<QString> ids;
    int section = 0;
    std::array<int, static_cast<std::size_t>(validation::Section::Count)> perSection{};
    for (const validation::CheckDefinition& check : checks) {
        // Sections come in order, each as one block.
        QVERIFY(static_cast<int>(check.section) >= section);
        section = static_cast<int>(check.section);
        ++perSection[static_cast<std::size_t>(section)];
        QVERIFY2(!ids.contains(QString::fromUtf8(check.id.data(), static_cast<int>(check.id.size()))),
                 check.id.data());
        ids.insert(QString::fromUtf8(check.id.data(), static_cast<int>(check.id.size())));
        QVERIFY(!check.name.empty());
        QVERIFY(!check.target.empty());
    }
    for (int count : perSection)
        QVERIFY(count >= 3);
}

void TestAlertDispatch::unreachableServicesReported()
{
    FakeHttpClient http;
    http.setStatus(0);
    validation::ValidationOptions options;
    options.prometheusUrl = "http://127.0.0.1:9090";
    options.nodeUrls = {"http://127.0.0.1:8080"};
    const validation::ValidationReport report = validation::runValidation(http, options);
    QCOMPARE(report.checks.size(), validation::checkDefinitions().size());
    QVERIFY(!report.passed());
    QCOMPARE(report.checks.front().status, validation::CheckStatus::Fail);
    QVERIFY(report.checks.front().measured.find("no response") != std::string::npos);
    // The checks that need Prometheus warn with the reason instead of failing again.
    for (const validation::CheckResult& check : report.checks) {
        if (check.id == "stack.prometheus_reachable" || check.id == "integration.nodes_reachable")
            QCOMPARE(check.status, validation::CheckStatus::Fail);
        else if (check.status != validation::CheckStatus::Warning)
            QFAIL(qPrintable(QString::fromStdString(check.id + ": " + check.measured)));
    }
    QCOMPARE(report.count(validation::CheckStatus::Fail), std::size_t(2));
}

void TestAlertDispatch::reportFormats()
{
    validation::ValidationReport report;
    report.prometheusUrl = "http://127.0.0.1:9090";
    report.checks.push_back({validation::Section::StackHealth, "stack.prometheus_reachable", "Prometheus responds",
                             validation::CheckStatus::Pass, "healthy", "HTTP 200", ""});
    report.checks.push_back({validation::Section::GoalValidation, "goals.p95_latency", "P95 processing latency",
                             validation::CheckStatus::Fail, "120.0 ms, goal not met", "under 100 ms", "Check \"queues\"."});

    const QString text = QString::fromStdString(validation::formatReportText(report));
    QVERIFY2(text.contains(QStringLiteral("\nStack health\n  [PASS] Prometheus responds: healthy\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[FAIL] P95 processing latency: 120.0 ms, goal not met")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("target: under 100 ms")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("2 checks: 1 passed, 0 warnings, 1 failed")), qPrintable(text));

    QJsonParseError error;
    const QJsonObject json =
        QJsonDocument::fromJson(QByteArray::fromStdString(validation::formatReportJson(report)), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.value("passed").toBool(true), false);
    QCOMPARE(json.value("summary").toObject().value("fail").toInt(), 1);
    const QJsonObject failed = json.value("checks").toArray().at(1).toObject();
    QCOMPARE(failed.value("section").toString(), QStringLiteral("Goal validation"));
    QCOMPARE(failed.value("status").toString(), QStringLiteral("fail"));
    QCOMPARE(failed.value("advice").toString(), QStringLiteral("Check \"queues\"."));
}

QTEST_GUILESS_MAIN(TestAlertDispatch)
#include "tst_alertdispatch.moc"
