// Tests of the alert-rule catalogue without external tools: the rules the
// product specification names, thresholds and their validation, annotation
// templates, the rendered rule file, the alert state machine and the
// `export rules` command.

#include "alerts/alerttemplate.h"
#include "alerts/catalogue.h"
#include "alerts/ruleevaluator.h"
#include "alerts/rulefile.h"
#include "alerts/thresholds.h"
#include "node/exportrulescommand.h"
#include "promql/memoryseriessource.h"
#include "promql/parser.h"

#include <QtTest>

#include <cstdio>
#include <sys/stat.h>
#include <fcntl.h>
#include <set>
#include <unistd.h>

using namespace umg;

namespace {

constexpr std::int64_t kMinute = 60'000;

const alerts::AlertRule* findRule(const std::vector<alerts::AlertRule>& rules, const QString& name)
{
    for (const alerts::AlertRule& rule : rules) {
        if (QString::fromStdString(rule.name) == name)
            return &rule;
    }
    return nullptr;
}

// Collects the metric names of all selectors in an expression.
void collectMetricNames(const promql::Expr& expr, std::set<std::string>& names)
{
    using promql::ExprKind;
    switch (expr.kind) {
    case ExprKind::VectorSelector:
        names.insert(static_cast<const promql::VectorSelector&>(expr).metricName);
        break;
    case ExprKind::MatrixSelector:
        collectMetricNames(*static_cast<const promql::MatrixSelector&>(expr).selector, names);
        break;
    case ExprKind::Call:
        for (const promql::ExprPtr& arg : static_cast<const promql::Call&>(expr).args)
            collectMetricNames(*arg, names);
        break;
    case ExprKind::Aggregate:
        collectMetricNames(*static_cast<const promql::AggregateExpr&>(expr).expr, names);
        break;
    case ExprKind::Binary:
        collectMetricNames(*static_cast<const promql::BinaryExpr&>(expr).lhs, names);
        collectMetricNames(*static_cast<const promql::BinaryExpr&>(expr).rhs, names);
        break;
    case ExprKind::Unary:
        collectMetricNames(*static_cast<const promql::UnaryExpr&>(expr).expr, names);
        break;
    case ExprKind::Paren:
        collectMetricNames(*static_cast<const promql::ParenExpr&>(expr).expr, names);
        break;
    case ExprKind::NumberLiteral:
    case ExprKind::StringLiteral:
        break;
    }
}

// Reads the metric names that docs/METRICS.md documents: the table rows
// (histograms with their _bucket, _sum and _count series), the node_exporter
// names and `up`.
std::set<std::string> documentedMetricNames()
{
    QFile file(QStringLiteral(UMG_SOURCE_DIR "/docs/METRICS.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::set<std::string> names{"up"};
    static const QRegularExpression row(QStringLiteral(R"(^\| `([a-z_:]+)` \| (\w+) \|)"));
    static const QRegularExpression nodeName(QStringLiteral(R"(`(node_[A-Za-z_]+)`)"));
    for (const QString& line : QString::fromUtf8(file.readAll()).split('\n')) {
        QRegularExpressionMatch match = row.match(line);
        if (match.hasMatch()) {
            std::string name = match.captured(1).toStdString();
            names.insert(name);
            if (match.captured(2) == QStringLiteral("histogram")) {
                names.insert(name + "_bucket");
                names.insert(name + "_sum");
                names.insert(name + "_count");
            }
        }
        for (auto it = nodeName.globalMatch(line); it.hasNext();)
            names.insert(it.next().captured(1).toStdString());
    }
    return names;
}

alerts::AlertRule customRule(const std::string& name, const std::string& expression, std::int64_t forMs)
{
    alerts::AlertRule rule;
    rule.group = "test";
    rule.name = name;
    rule.expression = expression;
    rule.parsedExpression = promql::parseExpression(expression);
    rule.forMs = forMs;
    rule.labels.set("severity", "warning");
    rule.annotations.set("summary", "load {{ $value }} on {{ $labels.host }}");
    return rule;
}

// Redirects stdout and stderr of this process into files while alive.
class OutputCapture {
public:
    OutputCapture()
    {
        std::fflush(stdout);
        std::fflush(stderr);
        m_savedOut = ::dup(1);
        m_savedErr = ::dup(2);
        m_out = std::tmpfile();
        m_err = std::tmpfile();
        ::dup2(::fileno(m_out), 1);
        ::dup2(::fileno(m_err), 2);
    }

    ~OutputCapture()
    {
        restore();
        std::fclose(m_out);
        std::fclose(m_err);
    }

    void restore()
    {
        if (m_savedOut < 0)
            return;
        std::fflush(stdout);
        std::fflush(stderr);
        ::dup2(m_savedOut, 1);
        ::dup2(m_savedErr, 2);
        ::close(m_savedOut);
        ::close(m_savedErr);
        m_savedOut = m_savedErr = -1;
    }

    QString out() { return read(m_out); }
    QString err() { return read(m_err); }

private:
    static QString read(std::FILE* file)
    {
        std::fflush(file);
        std::rewind(file);
        QByteArray data;
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, file))
            data.append(buffer, static_cast<qsizetype>(n));
        return QString::fromUtf8(data);
    }

    int m_savedOut = -1;
    int m_savedErr = -1;
    std::FILE* m_out = nullptr;
    std::FILE* m_err = nullptr;
};

} // namespace

class AlertRulesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void catalogueHasDistinctRules();
    void everyRuleHasSeverityAndAnnotations();
    void specifiedRules_data();
    void specifiedRules();
    void rulesUseDocumentedMetrics();
    void runbookBaseUrlIsConfigurable();
    void invalidRunbookBaseUrlRejected();

    void thresholdOverrideChangesRules_data();
    void thresholdOverrideChangesRules();
    void unknownThresholdListsValidNames();
    void nonNumericThresholdNamesIt();
    void thresholdOutOfRangeRejected();
    void thresholdsFileApplied();
    void thresholdsFileErrorNamesLine();
    void everyThresholdIsUsed();

    void templateExpansion_data();
    void templateExpansion();
    void templateRejectsUnsupported_data();
    void templateRejectsUnsupported();

    void yamlQuoting_data();
    void yamlQuoting();
    void ruleFileListsEveryRule();

    void alertGoesPendingThenFiring();
    void pendingAlertVanishesWhenConditionClears();
    void firingAlertResolves();
    void zeroForFiresAtOnce();
    void alertLabelsCombineSeriesAndRule();
    void returningAlertStartsAgain();
    void duplicateLabelSetsFailRule();
    void scalarResultMakesOneAlert();

    void exportWritesFile();
    void exportWritesStdout();
    void exportRejectsUnknownThreshold();
    void exportRejectsUnwritablePath();
    void exportKeepsSpecialFilesAndLinks();
    void exportUsageErrors_data();
    void exportUsageErrors();
    void exportListsThresholds();

private:
    std::vector<alerts::AlertRule> m_rules;
};

void AlertRulesTest::initTestCase()
{
    m_rules = alerts::buildAlertRules(alerts::Thresholds{});
}

// --- catalogue ------------------------------------------------------------------

void AlertRulesTest::catalogueHasDistinctRules()
{
    QVERIFY2(m_rules.size() >= 45, qPrintable(QString::number(m_rules.size())));
    std::set<std::string> names;
    for (const alerts::AlertRule& rule : m_rules)
        QVERIFY2(names.insert(rule.name).second, rule.name.c_str());
}

void AlertRulesTest::everyRuleHasSeverityAndAnnotations()
{
    const std::set<std::string_view> severities{"critical", "warning", "info"};
    for (const alerts::AlertRule& rule : m_rules) {
        QVERIFY2(severities.count(rule.labels.get("severity")), rule.name.c_str());
        QVERIFY2(!rule.annotations.get("summary").empty(), rule.name.c_str());
        QVERIFY2(!rule.annotations.get("description").empty(), rule.name.c_str());
        QCOMPARE(std::string(rule.annotations.get("runbook_url")),
                 "https://runbooks.unmogrowp.example/alerts/" + rule.name);
        QVERIFY2(rule.group.rfind("unmogrowp.", 0) == 0, rule.name.c_str());
    }
}

void AlertRulesTest::specifiedRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("forMinutes");
    QTest::addColumn<QString>("expressionPart");

    QTest::newRow("EventThroughputBelowTarget") << "EventThroughputBelowTarget" << "warning" << 5 << "< 1000000";
    QTest::newRow("EventThroughputCriticallyLow") << "EventThroughputCriticallyLow" << "critical" << 5 << "< 1000000 * 0.5";
    QTest::newRow("P95LatencyAboveTarget") << "P95LatencyAboveTarget" << "warning" << 3 << "histogram_quantile(0.95,";
    QTest::newRow("P99LatencyCritical") << "P99LatencyCritical" << "critical" << 2 << "))) > 0.2";
    QTest::newRow("LatencyDegrading") << "LatencyDegrading" << "warning" << 5 << "offset 15m";
    QTest::newRow("ServiceDown") << "ServiceDown" << "critical" << 1 << "up == 0";
    QTest::newRow("UptimeBelow99_9") << "UptimeBelow99_9" << "warning" << 5 << "< 0.999";
    QTest::newRow("HighErrorRate") << "HighErrorRate" << "warning" << 5 << "> 0.001";
    QTest::newRow("ErrorRateSpike") << "ErrorRateSpike" << "critical" << 1 << "> 0.01";
    QTest::newRow("CustomerSatisfactionBelowTarget") << "CustomerSatisfactionBelowTarget" << "warning" << 10 << "< 90";
    QTest::newRow("CustomerAttributionAccuracyLow") << "CustomerAttributionAccuracyLow" << "warning" << 15 << "< 99";
    QTest::newRow("CustomerLatencyAboveSLA") << "CustomerLatencyAboveSLA" << "warning" << 10 << "> 100";
    QTest::newRow("PilotCustomerCountLow") << "PilotCustomerCountLow" << "info" << 60 << "< 5";
    QTest::newRow("SuccessfulCustomerRateLow") << "SuccessfulCustomerRateLow" << "warning" << 30 << "< 0.6";
    QTest::newRow("LoadTestThroughputFailure") << "LoadTestThroughputFailure" << "warning" << 2 << "< 0.95 *";
    QTest::newRow("LoadTestLatencyFailure") << "LoadTestLatencyFailure" << "warning" << 2 << "> 0.1";
    QTest::newRow("LoadTestErrorRateHigh") << "LoadTestErrorRateHigh" << "warning" << 2 << "> 0.001";
    QTest::newRow("HighCPUUsage") << "HighCPUUsage" << "warning" << 10 << "> 0.85";
    QTest::newRow("HighMemoryUsage") << "HighMemoryUsage" << "warning" << 5 << "> 7000000000";
    QTest::newRow("LowDiskSpace") << "LowDiskSpace" << "warning" << 5 << "< 0.15";
    QTest::newRow("ConnectionPoolExhaustion") << "ConnectionPoolExhaustion" << "critical" << 2 << "> 5000";
    QTest::newRow("ClickHouseDown") << "ClickHouseDown" << "critical" << 2 << R"(up{job="clickhouse"} == 0)";
    QTest::newRow("KafkaDown") << "KafkaDown" << "critical" << 2 << R"(up{job="kafka"} == 0)";
}

void AlertRulesTest::specifiedRules()
{
    QFETCH(QString, name);
    QFETCH(QString, severity);
    QFETCH(int, forMinutes);
    QFETCH(QString, expressionPart);

    const alerts::AlertRule* rule = findRule(m_rules, name);
    QVERIFY2(rule, qPrintable("no rule " + name));
    QCOMPARE(QString::fromStdString(std::string(rule->labels.get("severity"))), severity);
    QCOMPARE(rule->forMs, forMinutes * kMinute);
    QVERIFY2(QString::fromStdString(rule->expression).contains(expressionPart), rule->expression.c_str());
}

void AlertRulesTest::rulesUseDocumentedMetrics()
{
    std::set<std::string> documented = documentedMetricNames();
    QVERIFY2(documented.size() > 40, "docs/METRICS.md was not read");
    for (const alerts::AlertRule& rule : m_rules) {
        std::set<std::string> used;
        collectMetricNames(*rule.parsedExpression, used);
        QVERIFY2(!used.empty(), rule.name.c_str());
        for (const std::string& name : used)
            QVERIFY2(documented.count(name), qPrintable(QString::fromStdString(rule.name + " uses undocumented metric " + name)));
    }
}

void AlertRulesTest::runbookBaseUrlIsConfigurable()
{
    alerts::CatalogueOptions options;
    options.runbookBaseUrl = "http://wiki.internal/runbooks//";
    std::vector<alerts::AlertRule> rules = alerts::buildAlertRules(alerts::Thresholds{}, options);
    QCOMPARE(std::string(rules.front().annotations.get("runbook_url")), "http://wiki.internal/runbooks/" + rules.front().name);
}

void AlertRulesTest::invalidRunbookBaseUrlRejected()
{
    alerts::CatalogueOptions options;
    options.runbookBaseUrl = "wiki/runbooks";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alerts::buildAlertRules(alerts::Thresholds{}, options));
}

// --- thresholds -----------------------------------------------------------------

void AlertRulesTest::thresholdOverrideChangesRules_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("expressionPart");
    QTest::addColumn<QString>("descriptionPart");

    QTest::newRow("throughput target") << "event_throughput_target=250000" << "EventThroughputBelowTarget" << "< 250000"
                                       << "target of 250000 events/s";
    QTest::newRow("percent in description") << "error_rate_max_ratio=0.005" << "HighErrorRate" << "> 0.005"
                                            << "limit of 0.5%";
    QTest::newRow("spaces around the value") << "cpu_usage_max_ratio = 0.9 " << "HighCPUUsage" << "> 0.9" << "above 90%";
    QTest::newRow("exponent notation") << "memory_usage_max_bytes=8e9" << "HighMemoryUsage" << "> 8000000000"
                                       << "above 8000000000 bytes";
}

void AlertRulesTest::thresholdOverrideChangesRules()
{
    QFETCH(QString, assignment);
    QFETCH(QString, rule);
    QFETCH(QString, expressionPart);
    QFETCH(QString, descriptionPart);

    alerts::Thresholds thresholds;
    thresholds.applyAssignment(assignment.toStdString());
    std::vector<alerts::AlertRule> rules = alerts::buildAlertRules(thresholds);
    const alerts::AlertRule* changed = findRule(rules, rule);
    QVERIFY(changed);
    QVERIFY2(QString::fromStdString(changed->expression).contains(expressionPart), changed->expression.c_str());
    QString description = QString::fromStdString(std::string(changed->annotations.get("description")));
    QVERIFY2(description.contains(descriptionPart), qPrintable(description));
    QCOMPARE(thresholds.overrides().size(), std::size_t(1));
}

void AlertRulesTest::unknownThresholdListsValidNames()
{
    alerts::Thresholds thresholds;
    try {
        thresholds.applyAssignment("cpu_limit=0.5");
        QFAIL("expected an error");
    } catch (const std::invalid_argument& error) {
        QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains("unknown threshold \"cpu_limit\""), error.what());
        QVERIFY2(message.contains("cpu_usage_max_ratio"), error.what());
        QVERIFY2(message.contains("uptime_target_ratio"), error.what());
    }
}

void AlertRulesTest::nonNumericThresholdNamesIt()
{
    alerts::Thresholds thresholds;
    try {
        thresholds.applyAssignment("p95_latency_target_seconds=100ms");
        QFAIL("expected an error");
    } catch (const std::invalid_argument& error) {
        QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains("\"100ms\""), error.what());
        QVERIFY2(message.contains("\"p95_latency_target_seconds\""), error.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, thresholds.applyAssignment("p95_latency_target_seconds"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, thresholds.applyAssignment("p95_latency_target_seconds="));
    QCOMPARE(thresholds.value("p95_latency_target_seconds"), 0.1);
}

void AlertRulesTest::thresholdOutOfRangeRejected()
{
    alerts::Thresholds thresholds;
    try {
        thresholds.set("cpu_usage_max_ratio", 85.0);
        QFAIL("expected an error");
    } catch (const std::invalid_argument& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains("between 0 and 1"), error.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, thresholds.set("connections_max", -1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, thresholds.set("connections_max", std::numeric_limits<double>::infinity()));
}

void AlertRulesTest::thresholdsFileApplied()
{
    QTemporaryDir dir;
    QString path = dir.filePath("thresholds.conf");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# lower targets for the demo machine\n\nevent_throughput_target=5000\n  connections_max = 200\n");
    file.close();

    alerts::Thresholds thresholds;
    thresholds.loadFile(path.toStdString());
    QCOMPARE(thresholds.value("event_throughput_target"), 5000.0);
    QCOMPARE(thresholds.value("connections_max"), 200.0);
}

void AlertRulesTest::thresholdsFileErrorNamesLine()
{
    QTemporaryDir dir;
    QString path = dir.filePath("thresholds.conf");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("event_throughput_target=5000\n# comment\nconnection_max=200\n");
    file.close();

    alerts::Thresholds thresholds;
    try {
        thresholds.loadFile(path.toStdString());
        QFAIL("expected an error");
    } catch (const std::invalid_argument& error) {
        QVERIFY2(QString::fromUtf8(error.what()).startsWith(path + ":3: unknown threshold \"connection_max\""), error.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, thresholds.loadFile(dir.filePath("missing.conf").toStdString()));
}

void AlertRulesTest::everyThresholdIsUsed()
{
    for (const alerts::ThresholdDefinition& definition : alerts::thresholdDefinitions()) {
        std::string placeholder = "${" + std::string(definition.name);
        bool used = std::any_of(alerts::ruleDefinitions().begin(), alerts::ruleDefinitions().end(),
                                [&placeholder](const alerts::RuleDefinition& rule) {
                                    return rule.expression.find(placeholder) != std::string_view::npos;
                                });
        QVERIFY2(used, std::string(definition.name).c_str());
        QVERIFY2(definition.defaultValue >= definition.minimum && definition.defaultValue <= definition.maximum,
                 std::string(definition.name).c_str());
    }
}

// --- templates ------------------------------------------------------------------

void AlertRulesTest::templateExpansion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain text") << "no actions" << 1.0 << "no actions";
    QTest::newRow("label") << "job {{ $labels.job }}" << 1.0 << "job api";
    QTest::newRow("label through .Labels") << "{{ .Labels.job }}" << 1.0 << "api";
    QTest::newRow("missing label is empty") << "[{{ $labels.nope }}]" << 1.0 << "[]";
    QTest::newRow("integer value") << "{{ $value }}" << 85.0 << "85";
    QTest::newRow("fraction") << "{{ .Value }}" << 0.25 << "0.25";
    QTest::newRow("large value uses an exponent") << "{{ $value }}" << 1234567.0 << "1.234567e+06";
    QTest::newRow("below the exponent limit") << "{{ $value }}" << 123456.0 << "123456";
    QTest::newRow("tiny value") << "{{ $value }}" << 0.00001 << "1e-05";
    QTest::newRow("humanize millions") << "{{ $value | humanize }}" << 1234567.0 << "1.235M";
    QTest::newRow("humanize small") << "{{ $value | humanize }}" << 0.00123 << "1.23m";
    QTest::newRow("humanize zero") << "{{ $value | humanize }}" << 0.0 << "0";
    QTest::newRow("humanize call form") << "{{ humanize $value }}" << 2500.0 << "2.5k";
    QTest::newRow("humanize1024") << "{{ $value | humanize1024 }}B" << 7e9 << "6.519GiB";
    QTest::newRow("humanizePercentage") << "{{ $value | humanizePercentage }}" << 0.0123 << "1.23%";
    QTest::newRow("humanizeDuration milliseconds") << "{{ $value | humanizeDuration }}" << 0.175 << "175ms";
    QTest::newRow("humanizeDuration seconds") << "{{ $value | humanizeDuration }}" << 5.5 << "5.5s";
    QTest::newRow("humanizeDuration minutes") << "{{ $value | humanizeDuration }}" << 125.0 << "2m 5s";
    QTest::newRow("humanizeDuration days") << "{{ $value | humanizeDuration }}" << 90061.0 << "1d 1h 1m 1s";
    QTest::newRow("printf fixed") << R"({{ $value | printf "%.2f" }}%)" << 98.5 << "98.50%";
    QTest::newRow("printf call form with text") << R"({{ printf "%.0f errors" $value }})" << 3.0 << "3 errors";
    QTest::newRow("printf label") << R"({{ printf "<%s>" $labels.job }})" << 1.0 << "<api>";
    QTest::newRow("printf percent sign") << R"({{ $value | printf "%.1f%%" }})" << 12.34 << "12.3%";
    QTest::newRow("infinity") << "{{ $value | humanize }}" << std::numeric_limits<double>::infinity() << "+Inf";
}

void AlertRulesTest::templateExpansion()
{
    QFETCH(QString, text);
    QFETCH(double, value);
    QFETCH(QString, expected);

    promql::Labels labels{{"__name__", "up"}, {"job", "api"}};
    QCOMPARE(QString::fromStdString(alerts::expandAlertTemplate(text.toStdString(), labels, value)), expected);
}

void AlertRulesTest::templateRejectsUnsupported_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("unknown function") << "{{ $value | title }}";
    QTest::newRow("control structure") << "{{ if $value }}x{{ end }}";
    QTest::newRow("unclosed action") << "{{ $value";
    QTest::newRow("trim marker") << "{{- $value }}";
    QTest::newRow("integer verb for a float") << R"({{ $value | printf "%d" }})";
    QTest::newRow("two verbs") << R"({{ printf "%f %f" $value }})";
    QTest::newRow("humanize of a label") << "{{ $labels.job | humanize }}";
}

void AlertRulesTest::templateRejectsUnsupported()
{
    QFETCH(QString, text);
    QVERIFY_THROWS_EXCEPTION(alerts::AlertTemplateError, alerts::validateAlertTemplate(text.toStdString()));
}

// --- rule file ------------------------------------------------------------------

void AlertRulesTest::yamlQuoting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("plain") << "abc" << R"("abc")";
    QTest::newRow("double quotes") << R"(job="a")" << R"("job=\"a\"")";
    QTest::newRow("backslash") << R"(a\b)" << R"("a\\b")";
    QTest::newRow("newline and tab") << "a\nb\tc" << R"("a\nb\tc")";
    QTest::newRow("control character") << QString::fromLatin1("a\x01") << R"("a\x01")";
    QTest::newRow("template braces and colon") << "{{ $value }}: x #1" << R"("{{ $value }}: x #1")";
    QTest::newRow("UTF-8 passes through") << QString::fromUtf8("caf\xc3\xa9") << QString::fromUtf8("\"caf\xc3\xa9\"");
}

void AlertRulesTest::yamlQuoting()
{
    QFETCH(QString, text);
    QFETCH(QString, quoted);
    QCOMPARE(QString::fromStdString(alerts::quoteYaml(text.toStdString())), quoted);
}

void AlertRulesTest::ruleFileListsEveryRule()
{
    QString file = QString::fromStdString(alerts::renderPrometheusRuleFile(m_rules));
    QVERIFY(file.startsWith("# Alerting rules of UnMoGrowP"));
    QVERIFY(file.contains("\ngroups:\n"));
    for (const alerts::AlertRule& rule : m_rules)
        QCOMPARE(file.count(QString::fromStdString("      - alert: \"" + rule.name + "\"\n")), 1);

    std::set<std::string> groups;
    for (const alerts::AlertRule& rule : m_rules)
        groups.insert(rule.group);
    QCOMPARE(file.count("  - name: \"unmogrowp."), static_cast<int>(groups.size()));

    // A rule with a zero `for` has no `for` line.
    int forLines = file.count(QRegularExpression("\n        for: "));
    int zeroFor = static_cast<int>(std::count_if(m_rules.begin(), m_rules.end(), [](const alerts::AlertRule& r) { return r.forMs == 0; }));
    QCOMPARE(forLines, static_cast<int>(m_rules.size()) - zeroFor);
}

// --- rule state machine ---------------------------------------------------------

void AlertRulesTest::alertGoesPendingThenFiring()
{
    promql::MemorySeriesSource source;
    promql::Labels series{{"__name__", "load"}, {"host", "a"}};
    source.append(series, 0, 1);
    for (int minute = 1; minute <= 5; ++minute)
        source.append(series, minute * kMinute, 10 + minute);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", 2 * kMinute)});
    QVERIFY(evaluator.evaluate(source, 0).empty());

    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, kMinute);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].previousState, alerts::AlertState::Inactive);
    QCOMPARE(changes[0].newState, alerts::AlertState::Pending);
    QCOMPARE(changes[0].activeAtMs, kMinute);
    QCOMPARE(changes[0].value, 11.0);

    QVERIFY(evaluator.evaluate(source, 2 * kMinute).empty()); // one minute of two
    changes = evaluator.evaluate(source, 3 * kMinute);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].previousState, alerts::AlertState::Pending);
    QCOMPARE(changes[0].newState, alerts::AlertState::Firing);
    QCOMPARE(changes[0].timeMs, 3 * kMinute);

    std::vector<alerts::Alert> firing = evaluator.firingAlerts("LoadHigh");
    QCOMPARE(firing.size(), std::size_t(1));
    QCOMPARE(firing[0].activeAtMs, kMinute);
    QCOMPARE(firing[0].firedAtMs, 3 * kMinute);
    QCOMPARE(firing[0].value, 13.0);
    QCOMPARE(std::string(firing[0].annotations.get("summary")), std::string("load 13 on a"));

    evaluator.evaluate(source, 4 * kMinute);
    firing = evaluator.firingAlerts();
    QCOMPARE(firing[0].value, 14.0);
    QCOMPARE(std::string(firing[0].annotations.get("summary")), std::string("load 14 on a"));
    QCOMPARE(evaluator.ruleStatuses()[0].firingCount, std::size_t(1));
}

void AlertRulesTest::pendingAlertVanishesWhenConditionClears()
{
    promql::MemorySeriesSource source;
    promql::Labels series{{"__name__", "load"}, {"host", "a"}};
    source.append(series, 0, 10);
    source.append(series, kMinute, 1);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", 5 * kMinute)});
    QCOMPARE(evaluator.evaluate(source, 0).size(), std::size_t(1));
    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, kMinute);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].previousState, alerts::AlertState::Pending);
    QCOMPARE(changes[0].newState, alerts::AlertState::Inactive);
    QVERIFY(evaluator.activeAlerts().empty());
}

void AlertRulesTest::firingAlertResolves()
{
    promql::MemorySeriesSource source;
    promql::Labels series{{"__name__", "load"}, {"host", "a"}};
    source.append(series, 0, 10);
    source.append(series, kMinute, 10);
    source.append(series, 2 * kMinute, 1);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", kMinute)});
    evaluator.evaluate(source, 0);
    QCOMPARE(evaluator.evaluate(source, kMinute)[0].newState, alerts::AlertState::Firing);
    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, 2 * kMinute);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].previousState, alerts::AlertState::Firing);
    QCOMPARE(changes[0].newState, alerts::AlertState::Inactive);
    QVERIFY(evaluator.firingAlerts().empty());
}

void AlertRulesTest::zeroForFiresAtOnce()
{
    promql::MemorySeriesSource source;
    source.append(promql::Labels{{"__name__", "load"}, {"host", "a"}}, 0, 10);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", 0)});
    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, 0);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].previousState, alerts::AlertState::Inactive);
    QCOMPARE(changes[0].newState, alerts::AlertState::Firing);
}

void AlertRulesTest::alertLabelsCombineSeriesAndRule()
{
    promql::MemorySeriesSource source;
    source.append(promql::Labels{{"__name__", "load"}, {"host", "a"}, {"severity", "low"}}, 0, 10);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", 0)});
    evaluator.evaluate(source, 0);
    std::vector<alerts::Alert> firing = evaluator.firingAlerts();
    QCOMPARE(firing.size(), std::size_t(1));
    promql::Labels expected{{"alertname", "LoadHigh"}, {"host", "a"}, {"severity", "warning"}};
    QCOMPARE(QString::fromStdString(firing[0].labels.toString()), QString::fromStdString(expected.toString()));
}

void AlertRulesTest::returningAlertStartsAgain()
{
    promql::MemorySeriesSource source;
    promql::Labels series{{"__name__", "load"}, {"host", "a"}};
    source.append(series, 0, 10);
    source.append(series, kMinute, 1);
    source.append(series, 2 * kMinute, 10);

    alerts::RuleEvaluator evaluator({customRule("LoadHigh", "load > 5", 5 * kMinute)});
    evaluator.evaluate(source, 0);
    evaluator.evaluate(source, kMinute);
    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, 2 * kMinute);
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(changes[0].newState, alerts::AlertState::Pending);
    QCOMPARE(changes[0].activeAtMs, 2 * kMinute);
}

void AlertRulesTest::duplicateLabelSetsFailRule()
{
    promql::MemorySeriesSource source;
    source.append(promql::Labels{{"__name__", "a"}, {"host", "x"}}, 0, 10);
    source.append(promql::Labels{{"__name__", "b"}, {"host", "x"}}, 0, 10);
    source.append(promql::Labels{{"__name__", "b"}, {"host", "x"}}, kMinute, 10);

    alerts::RuleEvaluator evaluator({customRule("Twice", R"({__name__=~"a|b"} > 5)", 0)});
    QVERIFY(evaluator.evaluate(source, 0).empty());
    alerts::RuleStatus status = evaluator.ruleStatuses()[0];
    QVERIFY(!status.healthy);
    QVERIFY2(QString::fromStdString(status.lastError).contains("same labelset"), status.lastError.c_str());

    // Once `a` has left the lookback window only `b` remains and the rule recovers.
    std::vector<alerts::AlertStateChange> changes = evaluator.evaluate(source, 6 * kMinute - 1);
    QVERIFY(evaluator.ruleStatuses()[0].healthy);
    QCOMPARE(changes.size(), std::size_t(1));
}

void AlertRulesTest::scalarResultMakesOneAlert()
{
    promql::MemorySeriesSource source;
    alerts::RuleEvaluator evaluator({customRule("Always", "1 > bool 0", 0)});
    evaluator.evaluate(source, 0);
    std::vector<alerts::Alert> firing = evaluator.firingAlerts();
    QCOMPARE(firing.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(firing[0].labels.toString()), QStringLiteral(R"({alertname="Always", severity="warning"})"));
}

// --- export command -------------------------------------------------------------

void AlertRulesTest::exportWritesFile()
{
    QTemporaryDir dir;
    QString path = dir.filePath("rules.yml");
    QCOMPARE(node::runExportRules({"--out", path.toStdString(), "--threshold", "connections_max=8000"}), 0);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains("attribution_active_connections > 8000"));
    QVERIFY(text.contains("#   connections_max = 8000"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"rules.yml"}); // no temporary file left
}

void AlertRulesTest::exportWritesStdout()
{
    OutputCapture capture;
    int status = node::runExportRules({});
    capture.restore();
    QCOMPARE(status, 0);
    QString expected = QString::fromStdString(alerts::renderPrometheusRuleFile(m_rules));
    QCOMPARE(capture.out(), expected);
    QCOMPARE(capture.err(), QString());
}

void AlertRulesTest::exportRejectsUnknownThreshold()
{
    QTemporaryDir dir;
    QString path = dir.filePath("rules.yml");
    OutputCapture capture;
    int status = node::runExportRules({"--out", path.toStdString(), "--threshold", "latency=1"});
    capture.restore();
    // An unknown threshold name is a usage error.
    QCOMPARE(status, 2);
    QString error = capture.err();
    QVERIFY2(error.startsWith("unmogrowp-node export rules: unknown threshold \"latency\"; valid names: "), qPrintable(error));
    QVERIFY2(error.endsWith("Run 'unmogrowp-node export rules --help' for the options.\n"), qPrintable(error));
    QCOMPARE(error.count('\n'), 2);
    QVERIFY(!QFile::exists(path));
}

void AlertRulesTest::exportRejectsUnwritablePath()
{
    QTemporaryDir dir;
    QString path = dir.filePath("missing-directory/rules.yml");
    OutputCapture capture;
    int status = node::runExportRules({"--out", path.toStdString()});
    capture.restore();
    QCOMPARE(status, 1);
    QString error = capture.err();
    QVERIFY2(error.startsWith("unmogrowp-node export rules: cannot write " + path + ": "), qPrintable(error));
    QCOMPARE(error.count('\n'), 1);

    // A directory in place of the file is rejected and no temporary file stays.
    OutputCapture second;
    status = node::runExportRules({"--out", dir.path().toStdString()});
    second.restore();
    QCOMPARE(status, 1);
    QVERIFY2(second.err().contains("is not a regular file"), qPrintable(second.err()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{});
}

void AlertRulesTest::exportKeepsSpecialFilesAndLinks()
{
    QTemporaryDir dir;

    // A FIFO (like a device node) is never replaced by a regular file.
    const QString fifo = dir.filePath("rules.fifo");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    OutputCapture capture;
    int status = node::runExportRules({"--out", fifo.toStdString()});
    capture.restore();
    QCOMPARE(status, 1);
    QVERIFY2(capture.err().contains(fifo + " exists and is not a regular file"), qPrintable(capture.err()));
    QVERIFY(QFileInfo(fifo).exists());
    QVERIFY(!QFileInfo(fifo).isFile());

    // A symbolic link stays a link, and its target gets the rules.
    const QString target = dir.filePath("target.yml");
    const QString link = dir.filePath("link.yml");
    QVERIFY(QFile(target).open(QIODevice::WriteOnly));
    QVERIFY(QFile::link(target, link));
    OutputCapture second;
    status = node::runExportRules({"--out", link.toStdString()});
    second.restore();
    QCOMPARE(status, 0);
    QVERIFY(QFileInfo(link).isSymLink());
    QFile written(target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().contains("groups:"));
}

void AlertRulesTest::exportUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown option") << QStringList{"--output", "x"} << "unknown argument \"--output\"";
    QTest::newRow("missing value") << QStringList{"--threshold"} << "option --threshold needs a value";
    QTest::newRow("empty file name") << QStringList{"--out="} << "option --out needs a file name";
}

void AlertRulesTest::exportUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    std::vector<std::string> args;
    for (const QString& argument : arguments)
        args.push_back(argument.toStdString());
    OutputCapture capture;
    int status = node::runExportRules(args);
    capture.restore();
    QCOMPARE(status, 2);
    QVERIFY2(capture.err().contains(message), qPrintable(capture.err()));
}

void AlertRulesTest::exportListsThresholds()
{
    OutputCapture capture;
    int status = node::runExportRules({"--list-thresholds"});
    capture.restore();
    QCOMPARE(status, 0);
    QString out = capture.out();
    for (const alerts::ThresholdDefinition& definition : alerts::thresholdDefinitions())
        QVERIFY2(out.contains(QString::fromUtf8(definition.name.data(), static_cast<qsizetype>(definition.name.size())) + " = "),
                 std::string(definition.name).c_str());
    QVERIFY(out.contains("event_throughput_target = 1000000 (events/s)"));
}

QTEST_GUILESS_MAIN(AlertRulesTest)
#include "tst_alertrules.moc"
