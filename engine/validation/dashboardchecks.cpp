// Checks of the section "Dashboards": every panel query of the four
// dashboards runs against Prometheus, and the retention covers their
// longest time range.

#include "validation/checkcontext.h"

#include <algorithm>

#include "dashboards/dashboardpanels.h"
#include "promql/duration.h"

namespace umg::validation::detail {
namespace {

// The dashboards' longest time range.
constexpr std::int64_t kLongestRangeMs = 7LL * 24 * 60 * 60 * 1000;
// Grafana's $__rate_interval is at least four scrape intervals; a minute is
// the shortest window the dashboards read without it.
constexpr std::int64_t kMinimumRateIntervalMs = 60'000;

CheckFunction dashboardQueries(std::string dashboardId)
{
    return [dashboardId](CheckContext& context) -> Outcome {
        context.requirePrometheus();
        const dashboards::Dashboard* dashboard = dashboards::findDashboard(dashboardId);
        const std::string rateInterval = promql::formatDuration(
            std::max(kMinimumRateIntervalMs, 4 * context.engineScrapeIntervalMs()));

        std::size_t queries = 0;
        std::size_t recordPanels = 0;
        std::vector<std::string> rejected;
        std::vector<std::string> empty;
        for (const dashboards::Panel& panel : dashboard->panels) {
            if (panel.queries.empty()) {
                ++recordPanels;
                continue;
            }
            bool panelEmpty = true;
            for (const dashboards::PanelQuery& query : panel.queries) {
                ++queries;
                const std::string expression =
                    dashboards::expandQueryVariables(query.expression, context.options.dashboardRange, rateInterval);
                try {
                    if (!context.prometheus.query(expression).empty() || query.hideWhenEmpty)
                        panelEmpty = false;
                } catch (const ApiError& error) {
                    rejected.push_back(panel.id + " (" + error.what() + ")");
                    panelEmpty = false;
                }
            }
            if (panelEmpty)
                empty.push_back(panel.id);
        }

        std::string measured = std::to_string(dashboard->panels.size()) + " panels, " + std::to_string(queries)
            + " queries";
        if (recordPanels > 0)
            measured += ", " + std::to_string(recordPanels) + (recordPanels == 1 ? " panel" : " panels")
                + " from customer records";
        if (!rejected.empty()) {
            return {CheckStatus::Fail, measured + "; rejected: " + listSome(rejected, 3),
                    "Prometheus rejects these queries; check that it is version 2.x and that the metric names "
                    "match docs/METRICS.md."};
        }
        if (!empty.empty()) {
            return {CheckStatus::Warning, measured + "; no data for " + listSome(empty),
                    "These panels stay empty until the engines see that kind of data (events, customer records, "
                    "load tests) within " + context.options.dashboardRange + "."};
        }
        return {CheckStatus::Pass, measured + "; every panel has data", {}};
    };
}

// Reads the time part of a retention such as "15d" or "15d or 10GiB".
std::optional<std::int64_t> retentionTime(const std::string& text)
{
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        if (auto ms = promql::parseDuration(std::string_view(text).substr(start, end - start)))
            return ms;
        start = end + 1;
    }
    return std::nullopt;
}

Outcome retention(CheckContext& context)
{
    const std::string& text = context.runtime().storageRetention;
    const std::optional<std::int64_t> ms = retentionTime(text);
    if (!ms) {
        return {CheckStatus::Warning, "retention \"" + text + "\" has no time limit",
                "Make sure the size limit holds at least 7 days of samples, the dashboards' longest time range."};
    }
    if (*ms >= kLongestRangeMs)
        return {CheckStatus::Pass, "retention " + text, {}};
    return {CheckStatus::Warning, "retention " + text,
            "Set --storage.tsdb.retention.time to 7d or more so that the dashboards' 7-day range has data."};
}

} // namespace

const std::vector<CheckEntry>& dashboardChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::Dashboards, "dashboards.performance", "Performance dashboard queries",
          "every query accepted, every panel with data"},
         dashboardQueries("performance")},
        {{Section::Dashboards, "dashboards.customer_success", "Customer success dashboard queries",
          "every query accepted, every panel with data"},
         dashboardQueries("customer-success")},
        {{Section::Dashboards, "dashboards.load_testing", "Load testing dashboard queries",
          "every query accepted, every panel with data"},
         dashboardQueries("load-testing")},
        {{Section::Dashboards, "dashboards.customer_onboarding", "Customer onboarding dashboard queries",
          "every query accepted, every panel with data"},
         dashboardQueries("customer-onboarding")},
        {{Section::Dashboards, "dashboards.retention", "Retention covers the 7-day range", "at least 7 days"},
         retention},
    };
    return checks;
}

} // namespace umg::validation::detail
