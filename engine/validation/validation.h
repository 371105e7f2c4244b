#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "net/httpclient.h"

/// Validation of a running stack: Prometheus, its Alertmanager, the
/// UnMoGrowP nodes it scrapes, the alert rules and the dashboards' queries,
/// against the targets the platform is held to. `unmogrowp-node validate`
/// prints the report; the console's Validation view runs the same checks.
namespace umg::validation {

/// The eight sections of the report, in order.
enum class Section {
    StackHealth,
    ScrapeTargets,
    PerformanceMetrics,
    CustomerMetrics,
    GoalValidation,
    Dashboards,
    AlertRules,
    Integration,
    Count
};

/// Outcome of one check. A warning needs attention but does not make the
/// validation fail: a goal not met under the current load, a metric that
/// appears only once data arrives, or a check skipped because an earlier
/// one failed.
enum class CheckStatus { Pass, Warning, Fail, Count };

/// Returns the section's title, such as "Stack health".
std::string_view sectionTitle(Section section);
/// Returns "pass", "warning" or "fail".
std::string_view statusName(CheckStatus status);

/// One check as listed before it runs, so that a view can show every row
/// with its target at once.
struct CheckDefinition {
    Section section;
    std::string_view id;     ///< stable identifier, such as `targets.engine_up`
    std::string_view name;   ///< one line for people
    std::string_view target; ///< what passes, such as "≥ 1,000,000 events/s"
};

/// Returns every check in report order: at least 30, in the eight sections.
const std::vector<CheckDefinition>& checkDefinitions();

/// The result of one check.
struct CheckResult {
    Section section = Section::StackHealth;
    std::string id;
    std::string name;
    CheckStatus status = CheckStatus::Fail;
    /// The measured value with its unit, or what was found instead.
    std::string measured;
    /// The target from CheckDefinition::target.
    std::string target;
    /// Advice for a warning or failure; empty when the check passed.
    std::string advice;
};

struct ValidationOptions {
    /// Prometheus's URL, such as http://127.0.0.1:9090. Required.
    std::string prometheusUrl;
    /// Nodes to compare with Prometheus's targets: each node's HTTP API
    /// (`serve --listen`) or metrics exposer (`--metrics-listen`) URL.
    std::vector<std::string> nodeUrls;
    /// Bearer token sent to the nodes; empty sends none. Never logged.
    std::string nodeToken;
    /// Alertmanager URL; empty checks the Alertmanagers that Prometheus uses.
    std::string alertmanagerUrl;
    /// Limit for each HTTP request.
    std::chrono::milliseconds requestTimeout{10'000};
    /// When set, a goal that is not met fails instead of warning.
    bool strictGoals = false;
    /// Range of the dashboards' `$__range` queries, a PromQL duration.
    std::string dashboardRange = "1h";
};

struct ValidationReport {
    std::string prometheusUrl;
    std::int64_t startedAtMs = 0;  ///< wall clock, ms since the Unix epoch
    std::int64_t finishedAtMs = 0;
    /// Results in the order of checkDefinitions(); fewer when the run was stopped.
    std::vector<CheckResult> checks;
    bool stopped = false;

    std::size_t count(CheckStatus status) const;
    /// True when no check failed and the run was not stopped.
    bool passed() const;
};

/// Receives each result as soon as its check has run, on the thread that
/// runs runValidation().
using ResultCallback = std::function<void(const CheckResult&)>;

/// Runs every check of checkDefinitions() in order over `http` and returns
/// the report. Blocks for the duration of the requests (a few seconds, at
/// most one request timeout per unreachable service), so a GUI runs it on a
/// worker thread and forwards `onResult` to its GUI thread. A stop request
/// ends the run before the next check. When Prometheus does not respond,
/// its first check fails and the checks that need it are warnings that name
/// the reason. Throws std::invalid_argument for an invalid Prometheus or node URL;
/// network failures become check results, never exceptions.
///
/// Thread-safe if `http` is: each call keeps its own state.
ValidationReport runValidation(HttpClient& http, const ValidationOptions& options,
                               const ResultCallback& onResult = {}, std::stop_token stop = {});

/// Formats the report for a terminal: one line per check with its status,
/// name and measured value, the target and advice below a failed or
/// warning check, sections as headings, and a summary line.
std::string formatReportText(const ValidationReport& report);

/// Formats the report as JSON: `passed`, `summary` counts, and `checks`
/// with section, id, name, status, measured, target and advice.
std::string formatReportJson(const ValidationReport& report);

} // namespace umg::validation
