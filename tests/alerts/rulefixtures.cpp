#include "rulefixtures.h"

#include "alerts/rulefile.h"
#include "promql/duration.h"
#include "promql/seriesnotation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace umg::test {
namespace {

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

class FixtureParser {
public:
    explicit FixtureParser(std::string file) : m_file(std::move(file)) {}

    void parse(std::vector<RuleFixture>& fixtures)
    {
        std::ifstream in(m_file);
        if (!in)
            throw std::runtime_error("cannot read fixture file " + m_file);
        std::string raw;
        while (std::getline(in, raw)) {
            ++m_line;
            std::string_view line = trim(raw);
            if (line.empty() || line.front() == '#')
                continue;
            std::size_t space = line.find_first_of(" \t");
            std::string_view keyword = line.substr(0, space);
            std::string_view argument = space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
            handle(keyword, argument, fixtures);
        }
        finishRule(fixtures);
    }

private:
    [[noreturn]] void fail(const std::string& message) const
    {
        throw std::runtime_error(m_file + ":" + std::to_string(m_line) + ": " + message);
    }

    std::int64_t duration(std::string_view text) const
    {
        std::optional<std::int64_t> value = promql::parseDuration(text);
        if (!value)
            fail("invalid duration \"" + std::string(text) + "\"");
        return *value;
    }

    FixtureCase& currentCase()
    {
        if (!m_rule || m_rule->cases.empty())
            fail("this line must follow `firing` or `quiet`");
        return m_rule->cases.back();
    }

    void handle(std::string_view keyword, std::string_view argument, std::vector<RuleFixture>& fixtures)
    {
        if (keyword == "rule") {
            finishRule(fixtures);
            m_rule = RuleFixture{};
            m_rule->ruleName = std::string(argument);
            m_rule->file = m_file;
            m_rule->line = m_line;
        } else if (!m_rule) {
            fail("expected `rule NAME` first");
        } else if (keyword == "interval") {
            if (!m_rule->cases.empty())
                fail("`interval` must come before the cases");
            m_rule->intervalMs = duration(argument);
        } else if (keyword == "firing" || keyword == "quiet") {
            bool firing = keyword == "firing";
            if (firing != m_rule->cases.empty())
                fail(firing ? "a rule has exactly one `firing` case, written first" : "`quiet` must follow `firing`");
            FixtureCase fixtureCase;
            fixtureCase.firing = firing;
            fixtureCase.line = m_line;
            m_rule->cases.push_back(fixtureCase);
        } else if (keyword == "active") {
            if (!currentCase().firing)
                fail("`active` belongs to the firing case");
            currentCase().activeMs = duration(argument);
        } else if (keyword == "from") {
            if (currentCase().firing)
                fail("`from` belongs to a quiet case");
            currentCase().fromMs = duration(argument);
        } else if (keyword == "end") {
            currentCase().endMs = duration(argument);
        } else if (keyword == "series") {
            currentCase().series.push_back(parseSeries(argument));
        } else if (keyword == "alert") {
            if (!currentCase().firing)
                fail("`alert` belongs to the firing case");
            try {
                currentCase().expectedAlerts.push_back(promql::parseSeriesLabels("alert" + std::string(argument)).withoutMetricName());
            } catch (const std::invalid_argument& error) {
                fail(error.what());
            }
        } else {
            fail("unknown keyword \"" + std::string(keyword) + "\"");
        }
    }

    FixtureSeries parseSeries(std::string_view argument) const
    {
        std::size_t brace = argument.find('{');
        std::size_t space = argument.find_first_of(" \t");
        std::size_t selectorEnd = space;
        if (brace != std::string_view::npos && brace < space) {
            std::size_t close = argument.find('}', brace);
            if (close == std::string_view::npos)
                fail("unclosed { in series");
            selectorEnd = close + 1;
        }
        if (selectorEnd == std::string_view::npos || selectorEnd >= argument.size())
            fail("`series` needs a series and its values");

        FixtureSeries series{std::string(argument.substr(0, selectorEnd)), std::string(trim(argument.substr(selectorEnd)))};
        try {
            promql::parseSeriesLabels(series.series);
            promql::expandSeriesValues(series.values);
        } catch (const std::invalid_argument& error) {
            fail(error.what());
        }
        return series;
    }

    void finishRule(std::vector<RuleFixture>& fixtures)
    {
        if (!m_rule)
            return;
        if (m_rule->cases.size() < 2)
            fail("rule " + m_rule->ruleName + " needs a `firing` and at least one `quiet` case");
        if (m_rule->firingCase().expectedAlerts.empty())
            fail("the firing case of rule " + m_rule->ruleName + " lists no `alert`");
        fixtures.push_back(std::move(*m_rule));
        m_rule.reset();
    }

    std::string m_file;
    int m_line = 0;
    std::optional<RuleFixture> m_rule;
};

std::string formatValue(double value)
{
    if (std::isnan(value))
        return ".nan";
    if (std::isinf(value))
        return value > 0 ? ".inf" : "-.inf";
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

void appendMap(std::ostringstream& out, const std::string& indent, const std::string& key, const promql::Labels& labels)
{
    if (labels.empty()) {
        out << indent << key << ": {}\n";
        return;
    }
    out << indent << key << ":\n";
    for (const promql::Label& label : labels)
        out << indent << "  " << label.name << ": " << alerts::quoteYaml(label.value) << "\n";
}

} // namespace

std::vector<RuleFixture> loadRuleFixtures(const std::string& directory)
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.path().extension() == ".fixtures")
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());

    std::vector<RuleFixture> fixtures;
    for (const std::string& file : files)
        FixtureParser(file).parse(fixtures);
    return fixtures;
}

std::int64_t caseEndMs(const RuleFixture& fixture, const FixtureCase& fixtureCase, std::int64_t forMs)
{
    if (fixtureCase.endMs)
        return *fixtureCase.endMs;
    const FixtureCase& firing = fixture.firingCase();
    if (!fixtureCase.firing && firing.endMs)
        return *firing.endMs;
    return firing.activeMs + forMs + 3 * fixture.intervalMs;
}

void loadCaseSeries(const RuleFixture& fixture, const FixtureCase& fixtureCase, promql::MemorySeriesSource& source)
{
    for (const FixtureSeries& series : fixtureCase.series) {
        promql::Labels labels = promql::parseSeriesLabels(series.series);
        std::vector<std::optional<double>> values = promql::expandSeriesValues(series.values);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i])
                source.append(labels, static_cast<std::int64_t>(i) * fixture.intervalMs, *values[i]);
        }
    }
}

std::vector<NativeStep> runNativeGrid(const std::vector<alerts::AlertRule>& rules,
                                      const promql::SeriesSource& source, std::int64_t intervalMs,
                                      std::int64_t endMs)
{
    alerts::RuleEvaluator evaluator(rules);
    std::vector<NativeStep> steps;
    for (std::int64_t time = 0; time <= endMs; time += intervalMs) {
        evaluator.evaluate(source, time);
        steps.push_back(NativeStep{time, evaluator.firingAlerts(), evaluator.activeAlerts(), evaluator.ruleStatuses()});
    }
    return steps;
}

std::vector<alerts::Alert> alertsOfRule(const std::vector<alerts::Alert>& alerts, const std::string& ruleName)
{
    std::vector<alerts::Alert> selected;
    for (const alerts::Alert& alert : alerts) {
        if (alert.ruleName == ruleName)
            selected.push_back(alert);
    }
    return selected;
}

promql::Labels expectedAlertLabels(const alerts::AlertRule& rule, const promql::Labels& seriesLabels)
{
    promql::Labels labels = seriesLabels;
    for (const promql::Label& label : rule.labels)
        labels.set(label.name, label.value);
    labels.set("alertname", rule.name);
    return labels;
}

std::vector<PromtoolAlert> toPromtoolAlerts(const std::vector<alerts::Alert>& alerts)
{
    std::vector<PromtoolAlert> converted;
    for (const alerts::Alert& alert : alerts)
        converted.push_back(PromtoolAlert{alert.labels, alert.annotations});
    return converted;
}

std::string renderPromtoolTestFile(const std::string& ruleFile, std::int64_t evaluationIntervalMs,
                                   const std::vector<PromtoolTestGroup>& groups)
{
    std::ostringstream out;
    out << "rule_files:\n  - " << alerts::quoteYaml(ruleFile) << "\n";
    out << "evaluation_interval: " << promql::formatDuration(evaluationIntervalMs) << "\n";
    out << "tests:\n";
    for (const PromtoolTestGroup& group : groups) {
        out << "  - name: " << alerts::quoteYaml(group.name) << "\n";
        out << "    interval: " << promql::formatDuration(group.intervalMs) << "\n";
        out << "    input_series:";
        out << (group.series.empty() ? " []\n" : "\n");
        for (const FixtureSeries& series : group.series) {
            out << "      - series: " << alerts::quoteYaml(series.series) << "\n";
            out << "        values: " << alerts::quoteYaml(series.values) << "\n";
        }

        if (!group.alertChecks.empty())
            out << "    alert_rule_test:\n";
        for (const PromtoolAlertCheck& check : group.alertChecks) {
            out << "      - eval_time: " << promql::formatDuration(check.evalTimeMs) << "\n";
            out << "        alertname: " << alerts::quoteYaml(check.alertName) << "\n";
            if (check.alerts.empty()) {
                out << "        exp_alerts: []\n";
                continue;
            }
            out << "        exp_alerts:\n";
            for (const PromtoolAlert& alert : check.alerts) {
                promql::Labels labels = alert.labels;
                labels.remove("alertname"); // promtool adds it itself
                out << "          -\n";
                appendMap(out, "            ", "exp_labels", labels);
                appendMap(out, "            ", "exp_annotations", alert.annotations);
            }
        }

        if (!group.exprChecks.empty())
            out << "    promql_expr_test:\n";
        for (const PromtoolExprCheck& check : group.exprChecks) {
            out << "      - expr: " << alerts::quoteYaml(check.expression) << "\n";
            out << "        eval_time: " << promql::formatDuration(check.evalTimeMs) << "\n";
            out << "        exp_samples:";
            out << (check.samples.empty() ? " []\n" : "\n");
            for (const PromtoolSample& sample : check.samples) {
                out << "          - labels: " << alerts::quoteYaml(sample.labels.toString()) << "\n";
                out << "            value: " << formatValue(sample.value) << "\n";
            }
        }
    }
    return out.str();
}

} // namespace umg::test
