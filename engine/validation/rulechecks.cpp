// Checks of the section "Alert rules": the catalogue is loaded into
// Prometheus, evaluates, carries severities and annotations, and what fires.

#include "validation/checkcontext.h"

#include <algorithm>
#include <set>

#include "alerts/catalogue.h"
#include "promql/duration.h"

namespace umg::validation::detail {
namespace {

constexpr std::int64_t kStaleEvaluationIntervals = 3;

Outcome catalogueLoaded(CheckContext& context)
{
    std::set<std::string> loaded;
    for (const RuleInfo& rule : context.rules().rules) {
        if (rule.type == "alerting")
            loaded.insert(rule.name);
    }
    std::vector<std::string> missing;
    const std::vector<alerts::RuleDefinition>& catalogue = alerts::ruleDefinitions();
    for (const alerts::RuleDefinition& definition : catalogue) {
        if (!loaded.count(std::string(definition.name)))
            missing.emplace_back(definition.name);
    }
    const std::string counts = std::to_string(catalogue.size() - missing.size()) + " of "
        + std::to_string(catalogue.size()) + " catalogue rules loaded";
    if (missing.empty())
        return {CheckStatus::Pass, counts + " (" + std::to_string(loaded.size()) + " alerting rules in all)", {}};
    return {CheckStatus::Fail, counts + "; missing " + listSome(missing),
            "Write the rule file with `unmogrowp-node export rules --out FILE`, list it under rule_files in "
            "prometheus.yml and reload Prometheus."};
}

Outcome rulesHealthy(CheckContext& context)
{
    std::vector<std::string> failing;
    std::vector<std::string> unevaluated;
    const std::vector<RuleInfo>& rules = context.rules().rules;
    for (const RuleInfo& rule : rules) {
        if (rule.health == "err")
            failing.push_back(rule.name + " (" + rule.lastError + ")");
        else if (rule.health != "ok")
            unevaluated.push_back(rule.name);
    }
    if (rules.empty())
        throw NotChecked("not checked, because Prometheus has no rules");
    if (!failing.empty()) {
        return {CheckStatus::Fail, std::to_string(failing.size()) + " failing: " + listSome(failing, 3),
                "A failing rule never fires; the error above says why. Re-export the rules with this version "
                "of unmogrowp-node."};
    }
    if (!unevaluated.empty()) {
        return {CheckStatus::Warning, std::to_string(unevaluated.size()) + " not evaluated yet",
                "Wait one evaluation interval after a reload, then validate again."};
    }
    return {CheckStatus::Pass, "all " + std::to_string(rules.size()) + " rules evaluate", {}};
}

Outcome labelsAndAnnotations(CheckContext& context)
{
    static const std::set<std::string> kSeverities{"critical", "warning", "info"};
    std::vector<std::string> incomplete;
    std::size_t alerting = 0;
    for (const RuleInfo& rule : context.rules().rules) {
        if (rule.type != "alerting")
            continue;
        ++alerting;
        std::vector<std::string> missing;
        auto severity = rule.labels.find("severity");
        if (severity == rule.labels.end() || !kSeverities.count(severity->second))
            missing.emplace_back("severity");
        for (const char* annotation : {"summary", "description", "runbook_url"}) {
            if (!rule.annotations.count(annotation))
                missing.emplace_back(annotation);
        }
        if (!missing.empty())
            incomplete.push_back(rule.name + " lacks " + listSome(missing));
    }
    if (alerting == 0)
        throw NotChecked("not checked, because Prometheus has no alerting rules");
    if (incomplete.empty())
        return {CheckStatus::Pass, "all " + std::to_string(alerting) + " alerting rules complete", {}};
    return {CheckStatus::Fail, listSome(incomplete, 3),
            "Alertmanager routes by the severity label (critical, warning, info) and people read the "
            "annotations; add them to these rules."};
}

Outcome evaluatedRecently(CheckContext& context)
{
    const RulesInfo& rules = context.rules();
    if (rules.groups.empty())
        throw NotChecked("not checked, because Prometheus has no rule groups");
    const std::int64_t now = context.prometheusNowMs();
    std::vector<std::string> stale;
    std::int64_t oldest = 0;
    for (const RuleGroupInfo& group : rules.groups) {
        if (group.lastEvaluationMs == 0) {
            stale.push_back(group.name + " (never)");
            continue;
        }
        const std::int64_t age = std::max<std::int64_t>(0, now - group.lastEvaluationMs);
        oldest = std::max(oldest, age);
        if (age > kStaleEvaluationIntervals * std::max<std::int64_t>(group.intervalMs, 1000))
            stale.push_back(group.name + " (" + promql::formatDuration(age) + " ago)");
    }
    if (stale.empty()) {
        return {CheckStatus::Pass,
                std::to_string(rules.groups.size()) + " groups, oldest evaluation " + promql::formatDuration(oldest)
                    + " ago",
                {}};
    }
    return {CheckStatus::Fail, "not evaluated recently: " + listSome(stale, 3),
            "Prometheus's rule manager is behind; check its log and its CPU use."};
}

Outcome firingAlerts(CheckContext& context)
{
    context.requirePrometheus();
    std::vector<std::string> critical;
    std::vector<std::string> other;
    std::size_t pending = 0;
    for (const ActiveAlertInfo& alert : context.prometheus.alerts()) {
        if (alert.state != "firing") {
            ++pending;
            continue;
        }
        auto name = alert.labels.find("alertname");
        auto severity = alert.labels.find("severity");
        const std::string text = (name != alert.labels.end() ? name->second : std::string("unnamed"))
            + (severity != alert.labels.end() ? " (" + severity->second + ")" : "");
        (severity != alert.labels.end() && severity->second == "critical" ? critical : other).push_back(text);
    }
    const std::string pendingText = std::to_string(pending) + " pending";
    if (!critical.empty()) {
        std::vector<std::string> all = critical;
        all.insert(all.end(), other.begin(), other.end());
        return {CheckStatus::Fail, std::to_string(all.size()) + " firing: " + listSome(all) + "; " + pendingText,
                "Follow each alert's runbook_url; the Alertmanager lists them with their descriptions."};
    }
    if (!other.empty()) {
        return {CheckStatus::Warning, std::to_string(other.size()) + " firing: " + listSome(other) + "; " + pendingText,
                "Follow each alert's runbook_url."};
    }
    return {CheckStatus::Pass, "none firing; " + pendingText, {}};
}

} // namespace

const std::vector<CheckEntry>& alertRuleChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::AlertRules, "rules.catalogue_loaded", "Catalogue rules loaded",
          "every rule of `unmogrowp-node export rules`"},
         catalogueLoaded},
        {{Section::AlertRules, "rules.healthy", "Rules evaluate without errors", "health ok for every rule"},
         rulesHealthy},
        {{Section::AlertRules, "rules.labels_annotations", "Severity labels and annotations",
          "severity critical, warning or info; summary, description and runbook_url"},
         labelsAndAnnotations},
        {{Section::AlertRules, "rules.evaluated_recently", "Rule groups evaluated recently",
          "within 3 evaluation intervals"},
         evaluatedRecently},
        {{Section::AlertRules, "rules.firing", "Firing alerts", "no critical alert firing"}, firingAlerts},
    };
    return checks;
}

} // namespace umg::validation::detail
