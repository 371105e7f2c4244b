// Checks the exported rule file with Prometheus's own tools: `promtool check
// rules` must accept it, `promtool test rules` must confirm every rule's
// fixtures, and promtool must agree with the native evaluator on every
// alert state and on expression values. Needs promtool on PATH (Debian
// package prometheus) and fails without it.

#include "rulefixtures.h"

#include "alerts/catalogue.h"
#include "alerts/thresholds.h"
#include "node/exportrulescommand.h"
#include "promql/duration.h"
#include "promql/parser.h"

#include <QtTest>

using namespace umg;

namespace {

constexpr int kPromtoolTimeoutMs = 300'000;

QString at(std::int64_t timeMs)
{
    return QString::fromStdString(promql::formatDuration(timeMs));
}

QString tail(const QString& text, int length = 6000)
{
    return text.size() <= length ? text : "..." + text.right(length);
}

} // namespace

class PromtoolRulesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void exportedRulesPassCheck();
    void overriddenRulesPassCheck();
    void nodeProgramExportsRules();
    void ruleFiresAndStaysQuiet_data();
    void ruleFiresAndStaysQuiet();
    void nativeAgreesWithPromtool_data();
    void nativeAgreesWithPromtool();
    void expressionValuesAgree_data();
    void expressionValuesAgree();

private:
    struct PromtoolRun {
        int exitCode = -1;
        QString output;
    };

    PromtoolRun runPromtool(const QStringList& arguments);
    void runRuleTests(const QString& fileName, const std::string& content);
    const alerts::AlertRule& rule(const std::string& name) const;
    std::vector<test::PromtoolExprCheck> expressionChecks(const alerts::AlertRule& rule,
                                                          const promql::SeriesSource& source,
                                                          const std::vector<std::int64_t>& times) const;

    QString m_promtool;
    QTemporaryDir m_dir;
    QString m_rulesPath;
    std::vector<alerts::AlertRule> m_rules;
    std::vector<test::RuleFixture> m_fixtures;
};

void PromtoolRulesTest::initTestCase()
{
    m_promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (m_promtool.isEmpty())
        QFAIL("promtool not found on PATH; install Debian's prometheus package, which provides /usr/bin/promtool");
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));

    m_rulesPath = m_dir.filePath(QStringLiteral("rules.yml"));
    QCOMPARE(node::runExportRules({"--out", m_rulesPath.toStdString()}), 0);

    m_rules = alerts::buildAlertRules(alerts::Thresholds{});
    m_fixtures = test::loadRuleFixtures(UMG_SOURCE_DIR "/tests/alerts/fixtures");
    QCOMPARE(m_fixtures.size(), m_rules.size());
}

PromtoolRulesTest::PromtoolRun PromtoolRulesTest::runPromtool(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_dir.path());
    process.start(m_promtool, arguments);
    PromtoolRun run;
    if (!process.waitForStarted()) {
        run.output = "promtool did not start: " + process.errorString();
        return run;
    }
    if (!process.waitForFinished(kPromtoolTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.output = "promtool timed out after " + QString::number(kPromtoolTimeoutMs / 1000) + " s";
        return run;
    }
    run.output = QString::fromUtf8(process.readAll());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

// Writes a promtool unit-test file and runs it. A failing file stays in the
// kept temporary directory for inspection.
void PromtoolRulesTest::runRuleTests(const QString& fileName, const std::string& content)
{
    QString path = m_dir.filePath(fileName);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
    file.write(content.data(), static_cast<qint64>(content.size()));
    file.close();

    PromtoolRun run = runPromtool({QStringLiteral("test"), QStringLiteral("rules"), fileName});
    if (run.exitCode != 0)
        m_dir.setAutoRemove(false);
    QVERIFY2(run.exitCode == 0, qPrintable("promtool test rules " + path + " failed:\n" + tail(run.output)));
}

const alerts::AlertRule& PromtoolRulesTest::rule(const std::string& name) const
{
    auto it = std::find_if(m_rules.begin(), m_rules.end(), [&name](const alerts::AlertRule& r) { return r.name == name; });
    if (it == m_rules.end())
        throw std::runtime_error("no catalogue rule " + name);
    return *it;
}

void PromtoolRulesTest::exportedRulesPassCheck()
{
    PromtoolRun run = runPromtool({QStringLiteral("check"), QStringLiteral("rules"), m_rulesPath});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("SUCCESS: %1 rules found").arg(m_rules.size())), qPrintable(run.output));
}

void PromtoolRulesTest::overriddenRulesPassCheck()
{
    QString thresholdsPath = m_dir.filePath(QStringLiteral("thresholds.conf"));
    QFile thresholds(thresholdsPath);
    QVERIFY(thresholds.open(QIODevice::WriteOnly));
    thresholds.write("# staging limits\nevent_throughput_target = 250000\np95_latency_target_seconds=0.25\n");
    thresholds.close();

    QString outPath = m_dir.filePath(QStringLiteral("staging-rules.yml"));
    int status = node::runExportRules({"--thresholds-file", thresholdsPath.toStdString(), "--threshold",
                                       "p95_latency_target_seconds=0.15", "--runbook-base-url",
                                       "https://wiki.example.org/runbooks/", "--out", outPath.toStdString()});
    QCOMPARE(status, 0);

    PromtoolRun run = runPromtool({QStringLiteral("check"), QStringLiteral("rules"), outPath});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));

    QFile output(outPath);
    QVERIFY(output.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(output.readAll());
    QVERIFY(text.contains(QStringLiteral("sum(rate(attribution_events_processed_total[5m])) < 250000")));
    QVERIFY(text.contains(QStringLiteral("> 0.15\"")));
    QVERIFY(text.contains(QStringLiteral("\"https://wiki.example.org/runbooks/ServiceDown\"")));
    QVERIFY(text.contains(QStringLiteral("#   p95_latency_target_seconds = 0.15")));
}

// Runs the built program, as the server stack's deployment does.
void PromtoolRulesTest::nodeProgramExportsRules()
{
    QString program = qEnvironmentVariable("UMG_NODE_BINARY");
    if (program.isEmpty() || !QFileInfo(program).isExecutable())
        QFAIL(qPrintable("unmogrowp-node not found at \"" + program + "\"; build the unmogrowp-node target first"));

    QString outPath = m_dir.filePath(QStringLiteral("node-rules.yml"));
    QProcess exporter;
    exporter.start(program, {"export", "rules", "--out", outPath});
    QVERIFY(exporter.waitForFinished(60'000));
    QCOMPARE(exporter.exitCode(), 0);
    PromtoolRun check = runPromtool({QStringLiteral("check"), QStringLiteral("rules"), outPath});
    QVERIFY2(check.exitCode == 0, qPrintable(check.output));

    QProcess badThreshold;
    badThreshold.start(program, {"export", "rules", "--threshold", "connections_max=many"});
    QVERIFY(badThreshold.waitForFinished(60'000));
    QCOMPARE(badThreshold.exitCode(), 2);
    QString error = QString::fromUtf8(badThreshold.readAllStandardError());
    QVERIFY2(error.contains("invalid value \"many\" for threshold \"connections_max\""), qPrintable(error));
    QVERIFY2(error.contains("Run 'unmogrowp-node export rules --help' for the options."), qPrintable(error));
    QCOMPARE(error.count('\n'), 2);
    QVERIFY(badThreshold.readAllStandardOutput().isEmpty());

    QProcess badUsage;
    badUsage.start(program, {"export", "rules", "--out"});
    QVERIFY(badUsage.waitForFinished(60'000));
    QCOMPARE(badUsage.exitCode(), 2);
}

void PromtoolRulesTest::ruleFiresAndStaysQuiet_data()
{
    QTest::addColumn<int>("fixtureIndex");
    for (std::size_t i = 0; i < m_fixtures.size(); ++i)
        QTest::newRow(m_fixtures[i].ruleName.c_str()) << static_cast<int>(i);
}

// The expectations here are the fixture's own: no alert before active + for,
// then exactly the listed labels. Only the annotation text, which promtool
// compares as well, comes from the native evaluator.
void PromtoolRulesTest::ruleFiresAndStaysQuiet()
{
    QFETCH(int, fixtureIndex);
    const test::RuleFixture& fixture = m_fixtures[static_cast<std::size_t>(fixtureIndex)];
    const alerts::AlertRule& alertRule = rule(fixture.ruleName);
    std::vector<test::PromtoolTestGroup> groups;

    const test::FixtureCase& firing = fixture.firingCase();
    promql::MemorySeriesSource firingSource;
    test::loadCaseSeries(fixture, firing, firingSource);
    std::int64_t firesAt = firing.activeMs + alertRule.forMs;
    std::int64_t firingEnd = test::caseEndMs(fixture, firing, alertRule.forMs);
    std::vector<test::NativeStep> steps = test::runNativeGrid({alertRule}, firingSource, fixture.intervalMs, firingEnd);

    test::PromtoolTestGroup firingGroup{"firing", fixture.intervalMs, firing.series, {}, {}};
    for (const test::NativeStep& step : steps) {
        test::PromtoolAlertCheck check{step.timeMs, alertRule.name, {}};
        if (step.timeMs >= firesAt) {
            for (const promql::Labels& seriesLabels : firing.expectedAlerts) {
                promql::Labels labels = test::expectedAlertLabels(alertRule, seriesLabels);
                auto native = std::find_if(step.firing.begin(), step.firing.end(),
                                           [&labels](const alerts::Alert& a) { return a.labels == labels; });
                QVERIFY2(native != step.firing.end(),
                         qPrintable("the native evaluator does not fire " + QString::fromStdString(labels.toString())
                                    + " at " + at(step.timeMs) + ", so its annotations are unknown (see tst_rulefixtures)"));
                check.alerts.push_back(test::PromtoolAlert{labels, native->annotations});
            }
        }
        firingGroup.alertChecks.push_back(check);
    }
    groups.push_back(firingGroup);

    for (std::size_t c = 1; c < fixture.cases.size(); ++c) {
        const test::FixtureCase& quiet = fixture.cases[c];
        test::PromtoolTestGroup quietGroup{"quiet " + std::to_string(c), fixture.intervalMs, quiet.series, {}, {}};
        std::int64_t end = test::caseEndMs(fixture, quiet, alertRule.forMs);
        for (std::int64_t time = quiet.fromMs; time <= end; time += fixture.intervalMs)
            quietGroup.alertChecks.push_back(test::PromtoolAlertCheck{time, alertRule.name, {}});
        groups.push_back(quietGroup);
    }

    runRuleTests(QString::fromStdString(fixture.ruleName + ".fixture.test.yml"),
                 test::renderPromtoolTestFile("rules.yml", fixture.intervalMs, groups));
}

void PromtoolRulesTest::nativeAgreesWithPromtool_data()
{
    ruleFiresAndStaysQuiet_data();
}

// Every rule of the catalogue is checked at every evaluation of every case of
// the fixture: the firing alerts, their labels and annotations must be the
// ones the native evaluator produced. The fixture rule's expression values
// are compared at a few times as well, bit for bit, which is why fixtures
// never aggregate series in an order-dependent way (see expressionValuesAgree).
void PromtoolRulesTest::nativeAgreesWithPromtool()
{
    QFETCH(int, fixtureIndex);
    const test::RuleFixture& fixture = m_fixtures[static_cast<std::size_t>(fixtureIndex)];
    const alerts::AlertRule& alertRule = rule(fixture.ruleName);
    std::vector<test::PromtoolTestGroup> groups;

    int firingChecks = 0;
    for (std::size_t c = 0; c < fixture.cases.size(); ++c) {
        const test::FixtureCase& fixtureCase = fixture.cases[c];
        promql::MemorySeriesSource source;
        test::loadCaseSeries(fixture, fixtureCase, source);
        std::int64_t end = test::caseEndMs(fixture, fixtureCase, alertRule.forMs);

        test::PromtoolTestGroup group{"case " + std::to_string(c), fixture.intervalMs, fixtureCase.series, {}, {}};
        for (const test::NativeStep& step : test::runNativeGrid(m_rules, source, fixture.intervalMs, end)) {
            for (const alerts::RuleStatus& status : step.statuses)
                QVERIFY2(status.healthy, qPrintable(QString::fromStdString(status.ruleName + ": " + status.lastError)));
            for (const alerts::AlertRule& any : m_rules) {
                std::vector<alerts::Alert> firing = test::alertsOfRule(step.firing, any.name);
                firingChecks += static_cast<int>(firing.size());
                group.alertChecks.push_back(
                    test::PromtoolAlertCheck{step.timeMs, any.name, test::toPromtoolAlerts(firing)});
            }
        }

        std::int64_t middle = (end / 2) / fixture.intervalMs * fixture.intervalMs;
        group.exprChecks = expressionChecks(alertRule, source, {fixtureCase.firing ? fixtureCase.activeMs : middle, end});
        groups.push_back(group);
    }
    QVERIFY2(firingChecks > 0, "the fixture makes nothing fire, so the comparison would prove little");

    runRuleTests(QString::fromStdString(fixture.ruleName + ".agreement.test.yml"),
                 test::renderPromtoolTestFile("rules.yml", fixture.intervalMs, groups));
}

std::vector<test::PromtoolExprCheck> PromtoolRulesTest::expressionChecks(const alerts::AlertRule& rule,
                                                                         const promql::SeriesSource& source,
                                                                         const std::vector<std::int64_t>& times) const
{
    std::vector<test::PromtoolExprCheck> checks;
    promql::Evaluator evaluator(source);
    for (std::int64_t time : times) {
        test::PromtoolExprCheck check{rule.expression, time, {}};
        promql::Value value = evaluator.evaluate(*rule.parsedExpression, time);
        for (const promql::VectorSample& sample : std::get<promql::InstantVector>(value))
            check.samples.push_back(test::PromtoolSample{sample.labels, sample.value});
        checks.push_back(check);
    }
    return checks;
}

void PromtoolRulesTest::expressionValuesAgree_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<int>("seconds");

    QTest::newRow("rate over a full window") << "rate(c[5m])" << 10 << 0;
    QTest::newRow("rate between samples") << "rate(c[5m])" << 7 << 30;
    QTest::newRow("rate with a far window start") << "rate(sparse[5m])" << 8 << 0;
    QTest::newRow("increase at the zero point") << "increase(late[10m])" << 7 << 0;
    QTest::newRow("rate with offset") << "rate(c[5m] offset 2m)" << 10 << 0;
    QTest::newRow("increase across a reset") << "increase(reset[4m])" << 4 << 0;
    QTest::newRow("rate across a reset") << "rate(reset[10m])" << 10 << 0;
    QTest::newRow("irate") << "irate(reset[5m])" << 4 << 0;
    QTest::newRow("irate after a reset") << "irate(reset[5m])" << 3 << 0;
    QTest::newRow("delta") << "delta(g[3m])" << 4 << 0;
    QTest::newRow("deriv") << "deriv(g[5m])" << 6 << 0;
    QTest::newRow("avg_over_time") << "avg_over_time(g[4m])" << 7 << 0;
    QTest::newRow("min_over_time") << "min_over_time(g[5m])" << 7 << 0;
    QTest::newRow("max_over_time") << "max_over_time(g[5m])" << 7 << 0;
    QTest::newRow("lookback at exactly 5 minutes") << "once" << 5 << 0;
    QTest::newRow("lookback after 5 minutes") << "once" << 5 << 1;
    QTest::newRow("histogram_quantile") << "histogram_quantile(0.9, rate(h_bucket[5m]))" << 10 << 0;
    QTest::newRow("histogram_quantile summed by le") << "histogram_quantile(0.5, sum by (le) (rate(h_bucket[5m])))" << 10 << 0;
    QTest::newRow("histogram_quantile in the +Inf bucket") << "histogram_quantile(0.99, rate(h_bucket[5m]))" << 10 << 0;
    QTest::newRow("sum by") << "sum by (job) (rate(http[5m]))" << 10 << 0;
    QTest::newRow("avg without") << "avg without (path) (req)" << 10 << 0;
    QTest::newRow("count and max") << "count(http) + max(http)" << 10 << 0;
    QTest::newRow("ignoring") << "errors / ignoring (code) total" << 10 << 0;
    QTest::newRow("on") << "errors / on (job) total" << 10 << 0;
    QTest::newRow("group_left") << "req * on (job) group_left (version) info" << 10 << 0;
    QTest::newRow("comparison filter") << "g > 4" << 7 << 0;
    QTest::newRow("comparison bool") << "g > bool 4" << 7 << 0;
    QTest::newRow("scalar on the left") << "4 < g" << 7 << 0;
    QTest::newRow("vector comparison") << "up == 0" << 10 << 0;
    QTest::newRow("and on") << "c and on (job) (up == 1)" << 10 << 0;
    QTest::newRow("or") << "up or c" << 10 << 0;
    QTest::newRow("unless") << "up unless on (job) c" << 10 << 0;
    QTest::newRow("absent") << R"(absent(nope{job="x",env=~"p.*"}))" << 10 << 0;
    QTest::newRow("vector and scalar") << "vector(scalar(sum(up)) * 2)" << 10 << 0;
    QTest::newRow("time") << "time() - 60" << 10 << 0;
    QTest::newRow("clamp") << "clamp_min(g, 3) + clamp_max(g, 5) + abs(-g)" << 7 << 0;
    // Values far apart in magnitude: over-time functions use compensated sums.
    // NOTE: sum() over three or more series and avg() over differing values
    // are left out on purpose. promtool loads series in random order, and the
    // rounding of these aggregations depends on the order, so their last bit
    // is not reproducible.
    QTest::newRow("sum_over_time compensated") << "sum_over_time(cancel[5m])" << 3 << 0;
    QTest::newRow("avg_over_time compensated") << "avg_over_time(cancel[5m])" << 3 << 0;
    QTest::newRow("deriv compensated") << "deriv(large[5m])" << 4 << 0;
    QTest::newRow("avg_over_time of tenths") << "avg_over_time(tenths[10m])" << 6 << 0;
}

void PromtoolRulesTest::expressionValuesAgree()
{
    QFETCH(QString, expression);
    QFETCH(int, minutes);
    QFETCH(int, seconds);

    const std::vector<test::FixtureSeries> series{
        {R"(c{job="a"})", "0+60x20"},
        {R"(sparse{job="a"})", "_x4 100 160 220"},
        {R"(late{job="a"})", "_x2 10+60x5"},
        {R"(reset{job="a"})", "0 10 20 5 15 25 35 45 55 65 75"},
        {R"(g{job="a"})", "1 5 3 8 2 9 4 7 6 1"},
        {R"(once{job="a"})", "7"},
        {R"(h_bucket{le="0.1"})", "0+50x20"},
        {R"(h_bucket{le="0.2"})", "0+80x20"},
        {R"(h_bucket{le="0.5"})", "0+95x20"},
        {R"(h_bucket{le="+Inf"})", "0+100x20"},
        {R"(http{code="200",job="a"})", "0+600x20"},
        {R"(http{code="500",job="a"})", "0+7x20"},
        {R"(http{code="200",job="b"})", "0+90x20"},
        {R"(errors{code="500",job="a"})", "5x20"},
        {R"(total{job="a"})", "300x20"},
        {R"(req{job="a",path="/x"})", "10x20"},
        {R"(req{job="a",path="/y"})", "30x20"},
        {R"(info{job="a",version="1.2"})", "1x20"},
        {R"(up{instance="i1",job="a"})", "1x20"},
        {R"(up{instance="i2",job="b"})", "1x5 0x15"},
        {"cancel", "10000000000000000 1 -10000000000000000 3"},
        {"large", "1000000000000000.1 1000000000000000.3 1000000000000000.2 1000000000000000.7 1000000000000000.9"},
        {"tenths", "0.1 0.2 0.3 0.4 0.5 0.6 0.7"},
    };

    test::RuleFixture fixture;
    test::FixtureCase fixtureCase;
    fixtureCase.series = series;
    promql::MemorySeriesSource source;
    test::loadCaseSeries(fixture, fixtureCase, source);

    std::int64_t time = (minutes * 60 + seconds) * std::int64_t(1000);
    test::PromtoolExprCheck check{expression.toStdString(), time, {}};
    promql::Value value = promql::evaluateQuery(source, check.expression, time);
    if (const double* scalar = std::get_if<double>(&value)) {
        check.samples.push_back(test::PromtoolSample{promql::Labels{}, *scalar});
    } else {
        for (const promql::VectorSample& sample : std::get<promql::InstantVector>(value))
            check.samples.push_back(test::PromtoolSample{sample.labels, sample.value});
    }

    // An expression that returns nothing proves little unless it is meant to.
    bool emptyExpected = expression == "once" && seconds > 0;
    QVERIFY2(check.samples.empty() == emptyExpected, qPrintable("native result has " + QString::number(check.samples.size()) + " samples"));

    test::PromtoolTestGroup group{"expressions", 60'000, series, {}, {check}};
    QString fileName = "expression-" + QString::number(QTest::currentDataTag() ? qHash(QString::fromUtf8(QTest::currentDataTag())) : 0) + ".test.yml";
    runRuleTests(fileName, test::renderPromtoolTestFile("rules.yml", 60'000, {group}));
}

QTEST_GUILESS_MAIN(PromtoolRulesTest)
#include "tst_promtoolrules.moc"
