// The files of `unmogrowp-node export stack`: Prometheus's and
// Alertmanager's own checkers accept them, Alertmanager routes each severity
// to its receiver, and the Grafana dashboards carry the panels and queries
// of the console's dashboards. Needs promtool and amtool (Debian packages
// prometheus and prometheus-alertmanager) and fails without them.

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "alerts/catalogue.h"
#include "alerts/rulefilereader.h"
#include "alerts/thresholds.h"
#include "dashboards/dashboardpanels.h"
#include "promql/parser.h"
#include "stack/stackfiles.h"
#include "stackprocess.h"

using namespace umg;

namespace {

struct ToolRun {
    int exitCode = -1;
    QString output;
};

// Runs a tool. `output` contains stdout, and stderr too unless `stdoutOnly` is set.
ToolRun runTool(const QString& program, const QStringList& arguments, bool stdoutOnly = false)
{
    QProcess process;
    process.setProcessChannelMode(stdoutOnly ? QProcess::SeparateChannels : QProcess::MergedChannels);
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted(10'000) || !process.waitForFinished(120'000)) {
        run.output = program + " did not run: " + process.errorString();
        return run;
    }
    run.output = QString::fromUtf8(process.readAllStandardOutput());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestStackFiles : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void exportWritesEveryFile();
    void promtoolAcceptsConfig();
    void promtoolAcceptsTokenAndPaths();
    void relativeTokenFileMadeAbsolute();
    void amtoolAcceptsConfig();
    void severityRoutes_data();
    void severityRoutes();
    void prometheusConfigNamesTargets();
    void invalidUsageRejected_data();
    void invalidUsageRejected();
    void grafanaDashboards_data();
    void grafanaDashboards();
    void grafanaQueriesParse();
    void grafanaLegends_data();
    void grafanaLegends();
    void jsonRuleFileReadByBoth();

private:
    int exportStack(const QString& folder, const QStringList& options);

    QString m_promtool;
    QString m_amtool;
    QTemporaryDir m_dir;
    QString m_stack;
};

int TestStackFiles::exportStack(const QString& folder, const QStringList& options)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(test::nodeBinary(), QStringList{"export", "stack", folder} + options);
    if (!process.waitForFinished(60'000))
        return -1;
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestStackFiles::initTestCase()
{
    if (test::nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    m_promtool = test::findProgram(QStringLiteral("promtool"));
    m_amtool = test::findProgram(QStringLiteral("amtool"));
    if (m_promtool.isEmpty() || m_amtool.isEmpty())
        QFAIL("promtool or amtool not found on PATH; install Debian's prometheus and prometheus-alertmanager");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    m_stack = m_dir.filePath(QStringLiteral("stack"));
    QCOMPARE(exportStack(m_stack, {"--node", "http://127.0.0.1:9464", "--node", "http://127.0.0.1:9465",
                                   "--alertmanager", "127.0.0.1:9093", "--kafka", "127.0.0.1:9308",
                                   "--clickhouse", "127.0.0.1:9363", "--node-exporter", "127.0.0.1:9100",
                                   "--scrape-interval", "5s"}),
             0);
}

void TestStackFiles::exportWritesEveryFile()
{
    for (const char* file : {"prometheus.yml", "rules/unmogrowp-alerts.yml", "alertmanager.yml",
                             "grafana/unmogrowp-performance.json", "grafana/unmogrowp-customer-success.json",
                             "grafana/unmogrowp-load-testing.json", "grafana/unmogrowp-customer-onboarding.json"}) {
        const QString path = m_stack + "/" + file;
        QVERIFY2(QFileInfo(path).size() > 0, qPrintable(path + " is missing or empty"));
    }
    const QStringList leftovers = QDir(m_stack).entryList({QStringLiteral("*.tmp.*")}, QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(", ")));
}

void TestStackFiles::promtoolAcceptsConfig()
{
    const ToolRun run = runTool(m_promtool, {"check", "config", m_stack + "/prometheus.yml"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    const std::size_t rules = alerts::buildAlertRules(alerts::Thresholds{}).size();
    QVERIFY2(run.output.contains(QStringLiteral("SUCCESS: %1 rules found").arg(rules)), qPrintable(run.output));
}

void TestStackFiles::promtoolAcceptsTokenAndPaths()
{
    const QString tokenFile = m_dir.filePath(QStringLiteral("node.token"));
    QVERIFY(test::writeFile(tokenFile, "0123456789abcdef0123456789abcdef\n"));
    const QString folder = m_dir.filePath(QStringLiteral("with-token"));
    QCOMPARE(exportStack(folder, {"--node", "https://127.0.0.1:8443/metrics", "--node", "http://[::1]:8080",
                                  "--node", "http://127.0.0.1:9000/custom/metrics", "--node-token-file", tokenFile,
                                  "--threshold", "event_throughput_target=5000"}),
             0);
    const ToolRun run = runTool(m_promtool, {"check", "config", folder + "/prometheus.yml"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    const QString config = QString::fromUtf8(readFile(folder + "/prometheus.yml"));
    QVERIFY2(config.contains(QStringLiteral("__scheme__: \"https\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("__metrics_path__: \"/custom/metrics\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("\"[::1]:8080\"")), qPrintable(config));
    QVERIFY2(config.contains("credentials_file: \"" + tokenFile + "\""), qPrintable(config));
    const QString rules = QString::fromUtf8(readFile(folder + "/rules/unmogrowp-alerts.yml"));
    QVERIFY2(rules.contains(QStringLiteral("< 5000")), "the threshold override is missing from the rules");
}

void TestStackFiles::relativeTokenFileMadeAbsolute()
{
    // Prometheus resolves a relative credentials_file against the folder of
    // prometheus.yml, so the export writes the path the user meant.
    QVERIFY(test::writeFile(m_dir.filePath(QStringLiteral("relative.token")), "0123456789abcdef0123456789abcdef\n"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    process.start(test::nodeBinary(), {"export", "stack", "relative-stack", "--node", "http://127.0.0.1:9464",
                                       "--node-token-file", "relative.token"});
    QVERIFY(process.waitForFinished(60'000));
    QVERIFY2(process.exitCode() == 0, process.readAll().constData());

    const QString config = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("relative-stack/prometheus.yml"))));
    const QString absolute = QFileInfo(m_dir.filePath(QStringLiteral("relative.token"))).canonicalFilePath();
    QVERIFY2(config.contains("credentials_file: \"" + absolute + "\""), qPrintable(config));
}

void TestStackFiles::amtoolAcceptsConfig()
{
    const ToolRun run = runTool(m_amtool, {"check-config", m_stack + "/alertmanager.yml"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("SUCCESS")), qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("4 receivers")), qPrintable(run.output));

    const QString config = QString::fromUtf8(readFile(m_stack + "/alertmanager.yml"));
    QVERIFY2(config.contains(QStringLiteral("PLACEHOLDER")), "the receivers are not marked as placeholders");
    // Placeholder receivers send no notification: no URL or address outside comments.
    for (const QString& line : config.split('\n')) {
        if (line.trimmed().startsWith('#'))
            continue;
        QVERIFY2(!line.contains(QStringLiteral("://")) && !line.contains('@'), qPrintable(line));
    }
}

void TestStackFiles::severityRoutes_data()
{
    QTest::addColumn<QString>("labels");
    QTest::addColumn<QString>("receiver");
    QTest::newRow("critical") << "alertname=ServiceDown severity=critical" << "unmogrowp-critical";
    QTest::newRow("warning") << "alertname=HighErrorRate severity=warning" << "unmogrowp-warning";
    QTest::newRow("info") << "alertname=EngineRestarted severity=info" << "unmogrowp-info";
    QTest::newRow("no severity") << "alertname=Custom" << "unmogrowp-default";
}

void TestStackFiles::severityRoutes()
{
    QFETCH(QString, labels);
    QFETCH(QString, receiver);
    const ToolRun run = runTool(m_amtool, QStringList{"config", "routes", "test",
                                                      "--config.file=" + m_stack + "/alertmanager.yml"}
                                              + labels.split(' '),
                                true);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QCOMPARE(run.output.trimmed(), receiver);
}

void TestStackFiles::prometheusConfigNamesTargets()
{
    const QString config = QString::fromUtf8(readFile(m_stack + "/prometheus.yml"));
    QVERIFY2(config.contains(QStringLiteral("job_name: \"unmogrowp\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("targets: [\"127.0.0.1:9464\", \"127.0.0.1:9465\"]")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("targets: [\"127.0.0.1:9093\"]")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("job_name: \"kafka\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("job_name: \"clickhouse\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("job_name: \"node\"")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("scrape_interval: 5s")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("scrape_timeout: 5s")), qPrintable(config));
    QVERIFY2(config.contains(QStringLiteral("\"rules/unmogrowp-alerts.yml\"")), qPrintable(config));
}

void TestStackFiles::invalidUsageRejected_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("no node") << QStringList{};
    QTest::newRow("node without scheme") << QStringList{"--node", "127.0.0.1:9464"};
    QTest::newRow("node with query") << QStringList{"--node", "http://127.0.0.1:9464/metrics?x=1"};
    QTest::newRow("alertmanager without port") << QStringList{"--node", "http://127.0.0.1:9464", "--alertmanager",
                                                              "127.0.0.1"};
    QTest::newRow("scrape interval too long") << QStringList{"--node", "http://127.0.0.1:9464", "--scrape-interval",
                                                             "5m"};
    QTest::newRow("scrape interval not a duration") << QStringList{"--node", "http://127.0.0.1:9464",
                                                                   "--scrape-interval", "fast"};
    QTest::newRow("unknown option") << QStringList{"--node", "http://127.0.0.1:9464", "--grafana", "x"};
    QTest::newRow("missing token file") << QStringList{"--node", "http://127.0.0.1:9464", "--node-token-file",
                                                       m_dir.filePath(QStringLiteral("absent.token"))};
    QTest::newRow("token file is a folder") << QStringList{"--node", "http://127.0.0.1:9464", "--node-token-file",
                                                           m_dir.path()};
    QTest::newRow("unknown threshold") << QStringList{"--node", "http://127.0.0.1:9464", "--threshold", "bogus=1"};
}

void TestStackFiles::invalidUsageRejected()
{
    QFETCH(QStringList, options);
    QCOMPARE(exportStack(m_dir.filePath(QStringLiteral("rejected")), options), 2);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("rejected/prometheus.yml"))));
}

void TestStackFiles::grafanaDashboards_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("panels");
    QTest::newRow("performance") << "performance" << 12;
    QTest::newRow("customer success") << "customer-success" << 10;
    QTest::newRow("load testing") << "load-testing" << 9;
    QTest::newRow("customer onboarding") << "customer-onboarding" << 11;
}

void TestStackFiles::grafanaDashboards()
{
    QFETCH(QString, key);
    QFETCH(int, panels);
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(readFile(m_stack + "/grafana/unmogrowp-" + key + ".json"), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject dashboard = document.object();
    QCOMPARE(dashboard.value("uid").toString(), "unmogrowp-" + key);
    const QJsonArray panelArray = dashboard.value("panels").toArray();
    QCOMPARE(panelArray.size(), panels);

    const dashboards::Dashboard* definition = dashboards::findDashboard(key.toStdString());
    QVERIFY(definition);
    QSet<int> ids;
    for (int i = 0; i < panelArray.size(); ++i) {
        const QJsonObject panel = panelArray.at(i).toObject();
        const dashboards::Panel& expected = definition->panels[static_cast<std::size_t>(i)];
        QCOMPARE(panel.value("title").toString().toStdString(), expected.title);
        ids.insert(panel.value("id").toInt());
        const QJsonObject grid = panel.value("gridPos").toObject();
        QVERIFY(grid.value("w").toInt() > 0 && grid.value("x").toInt() + grid.value("w").toInt() <= 24);

        const QJsonArray targets = panel.value("targets").toArray();
        if (expected.queries.empty()) {
            QCOMPARE(panel.value("type").toString(), QStringLiteral("text"));
            QVERIFY(targets.isEmpty());
            continue;
        }
        QCOMPARE(targets.size(), static_cast<int>(expected.queries.size()));
        for (int q = 0; q < targets.size(); ++q) {
            const QJsonObject target = targets.at(q).toObject();
            const dashboards::PanelQuery& query = expected.queries[static_cast<std::size_t>(q)];
            QCOMPARE(target.value("expr").toString().toStdString(), query.expression);
            QCOMPARE(target.value("instant").toBool(), query.kind == dashboards::QueryKind::Instant);
            QCOMPARE(target.value("datasource").toObject().value("uid").toString(), QStringLiteral("${datasource}"));
        }
    }
    QCOMPARE(ids.size(), panels);
}

void TestStackFiles::grafanaQueriesParse()
{
    int checked = 0;
    for (const dashboards::Dashboard& dashboard : dashboards::allDashboards()) {
        for (const dashboards::Panel& panel : dashboard.panels) {
            for (const dashboards::PanelQuery& query : panel.queries) {
                const std::string expression = dashboards::expandQueryVariables(query.expression, "1h", "1m");
                try {
                    promql::parseExpression(expression);
                } catch (const std::exception& error) {
                    QFAIL(qPrintable(QString::fromStdString(dashboard.id + "/" + panel.id + ": " + error.what())));
                }
                ++checked;
            }
        }
    }
    QVERIFY(checked > 40);
}

void TestStackFiles::grafanaLegends_data()
{
    QTest::addColumn<QString>("legend");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("label") << "{event_type}" << "sum by (event_type) (x)" << "{{event_type}}";
    QTest::newRow("customer by app") << "{customer}" << "sum by (app_id) (x)" << "{{app_id}}";
    QTest::newRow("customer by customer id") << "{customer}" << "attribution_accuracy_percent" << "{{customer_id}}";
    QTest::newRow("plain text") << "P95" << "x" << "P95";
    QTest::newRow("unclosed brace") << "P{95" << "x" << "P{95";
}

void TestStackFiles::grafanaLegends()
{
    QFETCH(QString, legend);
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(stack::grafanaLegend(legend.toStdString(), expression.toStdString())), expected);
}

// The JSON form of a rule file that `serve --alert-rules` reads is one that
// promtool reads as well.
void TestStackFiles::jsonRuleFileReadByBoth()
{
    const QString path = m_dir.filePath(QStringLiteral("rules.json"));
    QVERIFY(test::writeFile(path, R"json({"groups": [{"name": "example", "rules": [
  {"alert": "EventsArriving", "expr": "sum(rate(attribution_events_processed_total[1m])) > 0",
   "for": "1m", "labels": {"severity": "info"},
   "annotations": {"summary": "Events arriving", "description": "{{ $value | humanize }} events/s"}}]}]})json"));
    const ToolRun run = runTool(m_promtool, {"check", "rules", path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("SUCCESS: 1 rules found")), qPrintable(run.output));
    QCOMPARE(alerts::loadRuleFileJson(path.toStdString()).size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestStackFiles)
#include "tst_stackfiles.moc"
