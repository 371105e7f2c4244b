#pragma once

#include "alerts/thresholds.h"
#include "promql/ast.h"
#include "promql/labels.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

/// The alert-rule catalogue: every rule exists once here, renders to a
/// Prometheus rule file and evaluates natively with the same semantics.
namespace umg::alerts {

enum class Severity { Critical, Warning, Info };

/// Returns "critical", "warning" or "info", the value of the `severity` label.
std::string_view severityName(Severity severity);

/// One rule as written in the catalogue. `expression`, `summary` and
/// `description` may contain `${threshold_name}`, replaced by the threshold's
/// value, or `${threshold_name:percent}`, replaced by the value times 100
/// with a percent sign. `summary` and `description` are alert templates (see
/// expandAlertTemplate) that Prometheus and the native evaluator expand per
/// alert.
struct RuleDefinition {
    std::string_view group;
    std::string_view name;
    std::string_view expression;
    std::int64_t forSeconds; // how long the expression must hold before the alert fires
    Severity severity;
    std::string_view summary;
    std::string_view description;
};

/// Returns the catalogue in rendering order, grouped by `group`.
const std::vector<RuleDefinition>& ruleDefinitions();

struct CatalogueOptions {
    /// Runbook links are `<runbookBaseUrl>/<RuleName>`; a trailing slash is ignored.
    std::string runbookBaseUrl = "https://runbooks.unmogrowp.example/alerts";
};

/// A rule ready to render and evaluate: thresholds filled in, expression parsed.
struct AlertRule {
    std::string group;
    std::string name;
    std::string expression;
    std::shared_ptr<const promql::Expr> parsedExpression;
    std::int64_t forMs = 0;
    promql::Labels labels;      // added to every alert of the rule; contains `severity`
    promql::Labels annotations; // `summary`, `description` (templates) and `runbook_url`
};

/// Builds every catalogue rule with the given thresholds. Throws
/// std::invalid_argument when the runbook base URL is not an http(s) URL,
/// and std::logic_error when a catalogue entry does not parse (a bug in the
/// catalogue, caught by the tests).
std::vector<AlertRule> buildAlertRules(const Thresholds& thresholds, const CatalogueOptions& options = {});

/// Replaces `${name}` and `${name:percent}` in `text` with threshold values.
/// Throws std::invalid_argument for an unknown name or an unclosed placeholder.
std::string substituteThresholds(std::string_view text, const Thresholds& thresholds);

} // namespace umg::alerts
