// `unmogrowp-node validate` and the validation library against a real
// stack on loopback: two nodes, Debian's Prometheus and Alertmanager with
// the configuration of `export stack`. On the healthy stack every check
// passes or warns. With one node stopped, the checks that cover it fail and
// the exit status is 1. Needs the prometheus and prometheus-alertmanager
// packages.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <httplib.h>

#include <stop_token>
#include <thread>

#include "node/httplibclient.h"
#include "server/httpserver.h"
#include "stackprocess.h"
#include "validation/validation.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

struct ValidateRun {
    int exitCode = -1;
    QByteArray output;
    QJsonObject report;
};

ValidateRun runValidate(const QStringList& arguments)
{
    QProcess process;
    process.start(test::nodeBinary(), QStringList{"validate"} + arguments);
    ValidateRun run;
    if (!process.waitForFinished(120'000))
        return run;
    run.output = process.readAllStandardOutput();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (arguments.contains(QStringLiteral("--json")))
        run.report = QJsonDocument::fromJson(run.output).object();
    if (run.exitCode == 2)
        run.output += process.readAllStandardError();
    return run;
}

QJsonObject checkById(const QJsonObject& report, const QString& id)
{
    for (const QJsonValue& check : report.value("checks").toArray()) {
        if (check.toObject().value("id").toString() == id)
            return check.toObject();
    }
    return {};
}

QStringList idsWithStatus(const QJsonObject& report, const QString& status)
{
    QStringList ids;
    for (const QJsonValue& check : report.value("checks").toArray()) {
        if (check.toObject().value("status").toString() == status)
            ids << check.toObject().value("id").toString();
    }
    return ids;
}

// An HTTP server on a free loopback port that responds to every GET with a body
// of `bodyBytes` bytes: with Content-Length for most paths, and chunked
// without a declared length for paths that start with /chunked.
class OversizeServer {
public:
    explicit OversizeServer(std::size_t bodyBytes) : m_body(bodyBytes, 'x')
    {
        m_server.set_socket_options(setListenSocketOptions);
        m_server.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            if (request.path.rfind("/chunked", 0) != 0) {
                response.set_content(m_body, "text/plain");
                return;
            }
            response.set_chunked_content_provider("text/plain", [this](std::size_t, httplib::DataSink& sink) {
                sink.write(m_body.data(), m_body.size());
                sink.done();
                return true;
            });
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        if (m_port > 0)
            m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~OversizeServer()
    {
        m_server.stop();
        if (m_thread.joinable())
            m_thread.join();
    }

    /// The base URL, or an empty string when no port could be bound.
    std::string url() const { return m_port > 0 ? "http://127.0.0.1:" + std::to_string(m_port) : std::string(); }
    bool running() const { return m_server.is_running(); }

private:
    std::string m_body;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
};

} // namespace

class TestValidate : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void healthyStackPasses();
    void textReportHasSections();
    void libraryReportsEachResult();
    void libraryStopsOnRequest();
    void unreachablePrometheusFails();
    void oversizeResponseRejected();
    void oversizePrometheusResponseFails();
    void invalidUsageRejected_data();
    void invalidUsageRejected();
    void stoppedNodeFails();

private:
    QStringList stackArguments() const;

    QTemporaryDir m_dir;
    test::ServiceProcess m_nodeA{QStringLiteral("node A")};
    test::ServiceProcess m_nodeB{QStringLiteral("node B")};
    test::ServiceProcess m_alertmanager{QStringLiteral("alertmanager")};
    test::ServiceProcess m_prometheus{QStringLiteral("prometheus")};
    QUrl m_nodeAUrl;
    QUrl m_nodeBUrl;
    QUrl m_prometheusUrl;
};

QStringList TestValidate::stackArguments() const
{
    return {"--prometheus", m_prometheusUrl.toString(), "--node", m_nodeAUrl.toString(), "--node",
            m_nodeBUrl.toString()};
}

void TestValidate::initTestCase()
{
    if (test::nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    if (test::findProgram(QStringLiteral("prometheus")).isEmpty()
        || test::findProgram(QStringLiteral("prometheus-alertmanager")).isEmpty())
        QFAIL("prometheus or prometheus-alertmanager not found on PATH; install the Debian packages");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    m_nodeAUrl = test::startNode(m_nodeA, m_dir.filePath(QStringLiteral("a.db")));
    QVERIFY2(m_nodeAUrl.isValid(), qPrintable(m_nodeA.log()));
    m_nodeBUrl = test::startNode(m_nodeB, m_dir.filePath(QStringLiteral("b.db")));
    QVERIFY2(m_nodeBUrl.isValid(), qPrintable(m_nodeB.log()));

    const quint16 alertmanagerPort = test::freeLoopbackPort();
    const QString stack = m_dir.filePath(QStringLiteral("stack"));
    QProcess exporter;
    exporter.setProcessChannelMode(QProcess::MergedChannels);
    exporter.start(test::nodeBinary(), {"export", "stack", stack, "--node", m_nodeAUrl.toString(), "--node",
                                        m_nodeBUrl.toString(), "--alertmanager",
                                        QStringLiteral("127.0.0.1:%1").arg(alertmanagerPort), "--scrape-interval",
                                        "1s", "--evaluation-interval", "1s"});
    QVERIFY(exporter.waitForFinished(60'000));
    QVERIFY2(exporter.exitCode() == 0, exporter.readAll().constData());

    QVERIFY2(test::startAlertmanager(m_alertmanager, stack + "/alertmanager.yml", m_dir.filePath("alertmanager"),
                                     alertmanagerPort)
                 .isValid(),
             qPrintable(m_alertmanager.log()));
    m_prometheusUrl = test::startPrometheus(m_prometheus, stack + "/prometheus.yml", m_dir.filePath("prometheus"));
    QVERIFY2(m_prometheusUrl.isValid(), qPrintable(m_prometheus.log()));

    // Events create the labelled counters that the checks look for.
    for (const QUrl& node : {m_nodeAUrl, m_nodeBUrl}) {
        const test::HttpResult posted =
            test::httpPost(node.resolved(QUrl("/v1/events")), test::generatedEvents(500, node.toString().toStdString(), 3),
                           "application/x-ndjson");
        QVERIFY2(posted.status == 200, posted.body.constData());
    }
}

void TestValidate::cleanupTestCase()
{
    m_prometheus.stop();
    m_alertmanager.stop();
    m_nodeA.stop();
    m_nodeB.stop();
}

void TestValidate::healthyStackPasses()
{
    // Right after the start, targets and rules may not have been scraped or
    // evaluated once; the validation passes as soon as they have.
    ValidateRun run;
    test::waitFor(
        [&] {
            run = runValidate(stackArguments() << "--json");
            return run.exitCode == 0;
        },
        90s);
    QVERIFY2(run.exitCode == 0, run.output.constData());

    const QJsonObject& report = run.report;
    QCOMPARE(report.value("passed").toBool(), true);
    const QJsonArray checks = report.value("checks").toArray();
    QVERIFY(checks.size() >= 30);
    QCOMPARE(checks.size(), static_cast<int>(validation::checkDefinitions().size()));
    QCOMPARE(report.value("summary").toObject().value("fail").toInt(), 0);

    QStringList sections;
    for (const QJsonValue& value : checks) {
        const QJsonObject check = value.toObject();
        const QString section = check.value("section").toString();
        if (sections.isEmpty() || sections.last() != section)
            sections << section;
        QVERIFY2(!check.value("measured").toString().isEmpty(), qPrintable(check.value("id").toString()));
        QVERIFY2(!check.value("target").toString().isEmpty(), qPrintable(check.value("id").toString()));
        if (check.value("status").toString() == QStringLiteral("warning"))
            QVERIFY2(!check.value("advice").toString().isEmpty(), qPrintable(check.value("id").toString()));
    }
    QCOMPARE(sections, (QStringList{"Stack health", "Scrape targets", "Performance metrics", "Customer metrics",
                                    "Goal validation", "Dashboards", "Alert rules", "Integration"}));

    for (const char* id : {"stack.prometheus_reachable", "stack.alertmanager_ready", "targets.engine_up",
                           "targets.nodes_scraped", "rules.catalogue_loaded", "rules.labels_annotations",
                           "integration.nodes_reachable", "integration.node_identity",
                           "integration.alertmanager_routing"}) {
        const QJsonObject check = checkById(report, QString::fromLatin1(id));
        QVERIFY2(check.value("status").toString() == QStringLiteral("pass"),
                 qPrintable(QString::fromLatin1(id) + ": " + check.value("measured").toString()));
    }
    QVERIFY2(checkById(report, "targets.engine_up").value("measured").toString().startsWith("2 of 2 up"),
             qPrintable(checkById(report, "targets.engine_up").value("measured").toString()));
}

void TestValidate::textReportHasSections()
{
    const ValidateRun run = runValidate(stackArguments());
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.output);
    for (const char* title : {"Stack health", "Scrape targets", "Performance metrics", "Customer metrics",
                              "Goal validation", "Dashboards", "Alert rules", "Integration"})
        QVERIFY2(text.contains(QString::fromLatin1(title) + "\n"), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("[PASS] Engine targets up: 2 of 2 up")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(" 0 failed")), qPrintable(text));
}

void TestValidate::libraryReportsEachResult()
{
    HttplibClient http;
    validation::ValidationOptions options;
    options.prometheusUrl = m_prometheusUrl.toString().toStdString();
    options.nodeUrls = {m_nodeAUrl.toString().toStdString(), m_nodeBUrl.toString().toStdString()};
    std::vector<std::string> seen;
    const validation::ValidationReport report = validation::runValidation(
        http, options, [&seen](const validation::CheckResult& result) { seen.push_back(result.id); });

    QVERIFY2(report.passed(), validation::formatReportText(report).c_str());
    QCOMPARE(seen.size(), validation::checkDefinitions().size());
    for (std::size_t i = 0; i < seen.size(); ++i)
        QCOMPARE(seen[i], std::string(validation::checkDefinitions()[i].id));
}

void TestValidate::libraryStopsOnRequest()
{
    HttplibClient http;
    validation::ValidationOptions options;
    options.prometheusUrl = m_prometheusUrl.toString().toStdString();
    std::stop_source stop;
    std::size_t seen = 0;
    const validation::ValidationReport report = validation::runValidation(
        http, options,
        [&](const validation::CheckResult&) {
            if (++seen == 3)
                stop.request_stop();
        },
        stop.get_token());
    QCOMPARE(report.checks.size(), std::size_t(3));
    QVERIFY(report.stopped);
    QVERIFY(!report.passed());
}

void TestValidate::unreachablePrometheusFails()
{
    const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(test::freeLoopbackPort());
    const ValidateRun run = runValidate({"--prometheus", closed, "--json", "--timeout", "2"});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(idsWithStatus(run.report, "fail"), QStringList{"stack.prometheus_reachable"});
    QVERIFY2(checkById(run.report, "targets.engine_up").value("measured").toString().contains("did not respond"),
             run.output.constData());
    QCOMPARE(run.report.value("passed").toBool(), false);
}

void TestValidate::oversizeResponseRejected()
{
    OversizeServer server(100 * 1024);
    QVERIFY(!server.url().empty());
    QTRY_VERIFY(server.running());

    HttplibClient http;
    for (const std::string path : {"/declared", "/chunked"}) {
        HttpRequest request;
        request.url = server.url() + path;
        request.maxResponseBytes = 64 * 1024;
        const HttpResponse response = http.send(request);
        QCOMPARE(response.error, "the response from " + request.url + " is larger than 64 KiB");
        QCOMPARE(response.status, 0);
        QVERIFY(response.body.empty());

        // The same body within the limit arrives whole.
        request.maxResponseBytes = 100 * 1024;
        const HttpResponse whole = http.send(request);
        QVERIFY2(whole.succeeded(), whole.error.c_str());
        QCOMPARE(whole.body.size(), std::size_t(100 * 1024));
    }
}

void TestValidate::oversizePrometheusResponseFails()
{
    // A body just over the default limit must fail the check instead of
    // being read into memory.
    OversizeServer server(HttpRequest::kDefaultMaxResponseBytes + 1);
    QVERIFY(!server.url().empty());
    QTRY_VERIFY(server.running());

    const ValidateRun run = runValidate({"--prometheus", QString::fromStdString(server.url()), "--json"});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject reachable = checkById(run.report, "stack.prometheus_reachable");
    QCOMPARE(reachable.value("status").toString(), QStringLiteral("fail"));
    QVERIFY2(reachable.value("measured").toString().contains("is larger than 8 MiB"), run.output.constData());
}

void TestValidate::invalidUsageRejected_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no prometheus") << QStringList{"--node", "http://127.0.0.1:8080"};
    QTest::newRow("node without scheme") << QStringList{"--prometheus", "http://127.0.0.1:9090", "--node",
                                                        "127.0.0.1:8080"};
    QTest::newRow("prometheus without scheme") << QStringList{"--prometheus", "127.0.0.1:9090"};
    QTest::newRow("range not a duration") << QStringList{"--prometheus", "http://127.0.0.1:9090", "--range", "a day"};
    QTest::newRow("unknown option") << QStringList{"--prometheus", "http://127.0.0.1:9090", "--grafana", "x"};
}

void TestValidate::invalidUsageRejected()
{
    QFETCH(QStringList, arguments);
    const ValidateRun run = runValidate(arguments);
    QVERIFY2(run.exitCode == 2, run.output.constData());
}

void TestValidate::stoppedNodeFails()
{
    QCOMPARE(m_nodeB.stop(), 0);
    const QString instance = m_nodeBUrl.authority();
    const bool down = test::waitFor(
        [&] {
            const QJsonArray result = test::prometheusQuery(m_prometheusUrl, "up{instance=\"" + instance + "\"}")
                                          .object().value("data").toObject().value("result").toArray();
            return result.size() == 1
                && result.at(0).toObject().value("value").toArray().at(1).toString() == QStringLiteral("0");
        },
        60s);
    QVERIFY2(down, qPrintable(m_prometheus.log()));

    const ValidateRun run = runValidate(stackArguments() << "--json");
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.report.value("passed").toBool(), false);
    const QStringList failed = idsWithStatus(run.report, "fail");
    QVERIFY2(failed.contains("targets.engine_up"), qPrintable(failed.join(", ")));
    QVERIFY2(failed.contains("integration.nodes_reachable"), qPrintable(failed.join(", ")));
    QVERIFY2(checkById(run.report, "targets.engine_up").value("measured").toString().contains(instance),
             run.output.constData());
    QVERIFY2(checkById(run.report, "integration.nodes_reachable").value("measured").toString().contains(
                 m_nodeBUrl.toString()),
             run.output.constData());
    QVERIFY(!checkById(run.report, "targets.engine_up").value("advice").toString().isEmpty());
    // The running node still checks out.
    QCOMPARE(checkById(run.report, "integration.node_identity").value("status").toString(), QStringLiteral("pass"));
}

QTEST_GUILESS_MAIN(TestValidate)
#include "tst_validate.moc"
