#pragma once

#include "alerts/catalogue.h"
#include "alerts/ruleevaluator.h"
#include "promql/evaluator.h"
#include "promql/memoryseriessource.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Per-rule fixtures for the alert tests, and the promtool unit-test files
// built from them.
//
// A fixture file (tests/alerts/fixtures/*.fixtures) holds one block per rule:
//
//   rule NAME               starts the fixture of the catalogue rule NAME
//   interval DURATION       sample spacing and evaluation interval (default 1m),
//                           written before the first case
//   firing                  starts the case in which the rule must fire (exactly one)
//   quiet                   starts a case in which the rule must stay quiet (one or more)
//   active DURATION         firing: first evaluation at which the expression
//                           returns the expected alerts; they must fire from
//                           active + for on and not fire before
//   from DURATION           quiet: first evaluation the check covers (default 0)
//   end DURATION            last evaluation; the default is active + for + 3
//                           intervals, and a quiet case takes the firing case's end
//   series SERIES VALUES    one input series: promtool series notation and values
//                           notation (see promql/seriesnotation.h)
//   alert {LABELS}          firing: the labels of one expected alert, without
//                           alertname and the rule's own labels
//
// Blank lines and lines starting with `#` are skipped; indentation is free.
namespace umg::test {

struct FixtureSeries {
    std::string series; // `name{label="value"}`
    std::string values; // `0+10x30 _ 5`
};

struct FixtureCase {
    bool firing = false;
    int line = 0;
    std::int64_t activeMs = 0;
    std::int64_t fromMs = 0;
    std::optional<std::int64_t> endMs;
    std::vector<FixtureSeries> series;
    std::vector<promql::Labels> expectedAlerts;
};

struct RuleFixture {
    std::string ruleName;
    std::string file;
    int line = 0;
    std::int64_t intervalMs = 60'000;
    std::vector<FixtureCase> cases; // the firing case first

    const FixtureCase& firingCase() const { return cases.front(); }
};

/// Reads every `*.fixtures` file in `directory`. Throws std::runtime_error
/// naming the file and line of a malformed entry.
std::vector<RuleFixture> loadRuleFixtures(const std::string& directory);

/// Returns the last evaluation time of `fixtureCase` for a rule with the given `for`.
std::int64_t caseEndMs(const RuleFixture& fixture, const FixtureCase& fixtureCase, std::int64_t forMs);

/// Expands the case's series into `source` at the fixture's interval from time 0.
void loadCaseSeries(const RuleFixture& fixture, const FixtureCase& fixtureCase, promql::MemorySeriesSource& source);

/// One evaluation of all rules at one grid time.
struct NativeStep {
    std::int64_t timeMs = 0;
    std::vector<alerts::Alert> firing;
    std::vector<alerts::Alert> active;
    std::vector<alerts::RuleStatus> statuses;
};

/// Evaluates `rules` at 0, interval, 2 * interval, ... up to `endMs`.
std::vector<NativeStep> runNativeGrid(const std::vector<alerts::AlertRule>& rules,
                                      const promql::SeriesSource& source, std::int64_t intervalMs,
                                      std::int64_t endMs);

/// Returns the alerts of `ruleName` among `alerts`.
std::vector<alerts::Alert> alertsOfRule(const std::vector<alerts::Alert>& alerts, const std::string& ruleName);

/// Builds the full label set Prometheus gives an alert of `rule` for series labels `seriesLabels`.
promql::Labels expectedAlertLabels(const alerts::AlertRule& rule, const promql::Labels& seriesLabels);

// --- promtool unit-test files ---------------------------------------------

struct PromtoolAlert {
    promql::Labels labels; // alertname may be included; it is left out of the file
    promql::Labels annotations;
};

struct PromtoolAlertCheck {
    std::int64_t evalTimeMs = 0;
    std::string alertName;
    std::vector<PromtoolAlert> alerts; // the firing alerts; empty means none fires
};

struct PromtoolSample {
    promql::Labels labels;
    double value = 0;
};

struct PromtoolExprCheck {
    std::string expression;
    std::int64_t evalTimeMs = 0;
    std::vector<PromtoolSample> samples;
};

struct PromtoolTestGroup {
    std::string name;
    std::int64_t intervalMs = 60'000;
    std::vector<FixtureSeries> series;
    std::vector<PromtoolAlertCheck> alertChecks;
    std::vector<PromtoolExprCheck> exprChecks;
};

/// Renders a `promtool test rules` file that loads `ruleFile` (a path
/// relative to the test file or absolute).
std::string renderPromtoolTestFile(const std::string& ruleFile, std::int64_t evaluationIntervalMs,
                                   const std::vector<PromtoolTestGroup>& groups);

/// Converts the firing alerts of a native step into promtool expectations.
std::vector<PromtoolAlert> toPromtoolAlerts(const std::vector<alerts::Alert>& alerts);

} // namespace umg::test
