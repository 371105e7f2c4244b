#include "validation/validation.h"

#include <chrono>
#include <stdexcept>

#include "net/url.h"
#include "util/jsonwriter.h"
#include "validation/checkcontext.h"

namespace umg::validation {
namespace {

std::int64_t wallClockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const std::vector<detail::CheckEntry>& allEntries()
{
    static const std::vector<detail::CheckEntry> entries = [] {
        std::vector<detail::CheckEntry> all;
        for (const auto* section :
             {&detail::stackHealthChecks(), &detail::scrapeTargetChecks(), &detail::performanceMetricChecks(),
              &detail::customerMetricChecks(), &detail::goalChecks(), &detail::dashboardChecks(),
              &detail::alertRuleChecks(), &detail::integrationChecks()})
            all.insert(all.end(), section->begin(), section->end());
        return all;
    }();
    return entries;
}

CheckResult runOne(const detail::CheckEntry& entry, detail::CheckContext& context)
{
    CheckResult result;
    result.section = entry.definition.section;
    result.id = entry.definition.id;
    result.name = entry.definition.name;
    result.target = entry.definition.target;
    try {
        detail::Outcome outcome = entry.run(context);
        result.status = outcome.status;
        result.measured = std::move(outcome.measured);
        result.advice = std::move(outcome.advice);
    } catch (const detail::NotChecked& reason) {
        result.status = CheckStatus::Warning;
        result.measured = reason.what();
        result.advice = "Fix the failed checks above, then run the validation again.";
    } catch (const std::exception& error) {
        result.status = CheckStatus::Fail;
        result.measured = std::string("request failed: ") + error.what();
        result.advice = "Check that the service responds at that address and read its log.";
    }
    return result;
}

std::string_view statusLabel(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return "PASS";
    case CheckStatus::Warning: return "WARN";
    case CheckStatus::Fail: return "FAIL";
    case CheckStatus::Count: break;
    }
    return "FAIL";
}

} // namespace

std::string_view sectionTitle(Section section)
{
    switch (section) {
    case Section::StackHealth: return "Stack health";
    case Section::ScrapeTargets: return "Scrape targets";
    case Section::PerformanceMetrics: return "Performance metrics";
    case Section::CustomerMetrics: return "Customer metrics";
    case Section::GoalValidation: return "Goal validation";
    case Section::Dashboards: return "Dashboards";
    case Section::AlertRules: return "Alert rules";
    case Section::Integration: return "Integration";
    case Section::Count: break;
    }
    return "Unknown section";
}

std::string_view statusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return "pass";
    case CheckStatus::Warning: return "warning";
    case CheckStatus::Fail: return "fail";
    case CheckStatus::Count: break;
    }
    return "fail";
}

const std::vector<CheckDefinition>& checkDefinitions()
{
    static const std::vector<CheckDefinition> definitions = [] {
        std::vector<CheckDefinition> list;
        for (const detail::CheckEntry& entry : allEntries())
            list.push_back(entry.definition);
        return list;
    }();
    return definitions;
}

std::size_t ValidationReport::count(CheckStatus status) const
{
    std::size_t n = 0;
    for (const CheckResult& check : checks)
        n += check.status == status ? 1 : 0;
    return n;
}

bool ValidationReport::passed() const
{
    return !stopped && count(CheckStatus::Fail) == 0;
}

ValidationReport runValidation(HttpClient& http, const ValidationOptions& options, const ResultCallback& onResult,
                               std::stop_token stop)
{
    for (const std::string& node : options.nodeUrls) {
        const std::optional<Url> url = Url::parse(node);
        if (!url || url->path.find('?') != std::string::npos)
            throw std::invalid_argument("invalid node URL \"" + node
                                        + "\"; use the node's API or metrics URL, such as http://127.0.0.1:8080");
    }
    if (!options.alertmanagerUrl.empty() && !Url::parse(options.alertmanagerUrl))
        throw std::invalid_argument("invalid Alertmanager URL \"" + options.alertmanagerUrl
                                    + "\"; use http://HOST:PORT");
    detail::CheckContext context(http, options);

    ValidationReport report;
    report.prometheusUrl = options.prometheusUrl;
    report.startedAtMs = wallClockMs();
    for (const detail::CheckEntry& entry : allEntries()) {
        if (stop.stop_requested()) {
            report.stopped = true;
            break;
        }
        report.checks.push_back(runOne(entry, context));
        if (onResult)
            onResult(report.checks.back());
    }
    report.finishedAtMs = wallClockMs();
    return report;
}

std::string formatReportText(const ValidationReport& report)
{
    std::string out = "Validation of the stack at " + report.prometheusUrl + "\n";
    Section current = Section::Count;
    for (const CheckResult& check : report.checks) {
        if (check.section != current) {
            current = check.section;
            out += "\n" + std::string(sectionTitle(current)) + "\n";
        }
        out += "  [" + std::string(statusLabel(check.status)) + "] " + check.name + ": " + check.measured + "\n";
        if (check.status != CheckStatus::Pass) {
            out += "         target: " + check.target + "\n";
            if (!check.advice.empty())
                out += "         to do:  " + check.advice + "\n";
        }
    }
    out += "\n" + std::to_string(report.checks.size()) + " checks: " + std::to_string(report.count(CheckStatus::Pass))
        + " passed, " + std::to_string(report.count(CheckStatus::Warning)) + " warnings, "
        + std::to_string(report.count(CheckStatus::Fail)) + " failed";
    if (report.stopped)
        out += "; stopped before the last checks";
    out += "\n";
    return out;
}

std::string formatReportJson(const ValidationReport& report)
{
    JsonWriter json(true);
    json.beginObject();
    json.field("prometheus", report.prometheusUrl);
    json.field("passed", report.passed());
    json.field("stopped", report.stopped);
    json.field("started_at_ms", report.startedAtMs);
    json.field("finished_at_ms", report.finishedAtMs);
    json.key("summary").beginObject();
    json.field("checks", static_cast<std::uint64_t>(report.checks.size()));
    json.field("pass", static_cast<std::uint64_t>(report.count(CheckStatus::Pass)));
    json.field("warning", static_cast<std::uint64_t>(report.count(CheckStatus::Warning)));
    json.field("fail", static_cast<std::uint64_t>(report.count(CheckStatus::Fail)));
    json.endObject();
    json.key("checks").beginArray();
    for (const CheckResult& check : report.checks) {
        json.beginObject();
        json.field("section", sectionTitle(check.section));
        json.field("id", check.id);
        json.field("name", check.name);
        json.field("status", statusName(check.status));
        json.field("measured", check.measured);
        json.field("target", check.target);
        json.field("advice", check.advice);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.str() + "\n";
}

} // namespace umg::validation
