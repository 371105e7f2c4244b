#include "alerts/catalogue.h"

#include "alerts/alerttemplate.h"
#include "promql/ast.h"
#include "promql/parser.h"

#include <charconv>
#include <stdexcept>

namespace umg::alerts {
namespace {

std::string formatPercent(double ratio)
{
    char buffer[64];
    // Six significant digits hide binary noise such as 99.899999999999991.
    auto result = std::to_chars(buffer, buffer + sizeof buffer, ratio * 100, std::chars_format::general, 6);
    return std::string(buffer, result.ptr) + "%";
}

std::string runbookBase(const CatalogueOptions& options)
{
    std::string base = options.runbookBaseUrl;
    while (!base.empty() && base.back() == '/')
        base.pop_back();
    bool isHttp = base.rfind("http://", 0) == 0 || base.rfind("https://", 0) == 0;
    if (!isHttp || base.find_first_of(" \t\n\"") != std::string::npos)
        throw std::invalid_argument("invalid runbook base URL \"" + options.runbookBaseUrl
                                    + "\": expected an http:// or https:// URL without spaces");
    return base;
}

AlertRule buildRule(const RuleDefinition& definition, const Thresholds& thresholds, const std::string& runbookBaseUrl)
{
    AlertRule rule;
    rule.group = definition.group;
    rule.name = definition.name;
    rule.forMs = definition.forSeconds * 1000;
    rule.labels.set("severity", severityName(definition.severity));

    try {
        rule.expression = substituteThresholds(definition.expression, thresholds);
        rule.parsedExpression = promql::parseExpression(rule.expression);
        std::string summary = substituteThresholds(definition.summary, thresholds);
        std::string description = substituteThresholds(definition.description, thresholds);
        validateAlertTemplate(summary);
        validateAlertTemplate(description);
        rule.annotations.set("summary", summary);
        rule.annotations.set("description", description);
    } catch (const std::exception& error) {
        throw std::logic_error("alert rule " + rule.name + " in the catalogue is invalid: " + error.what());
    }

    promql::ValueType type = rule.parsedExpression->type();
    if (type != promql::ValueType::InstantVector && type != promql::ValueType::Scalar)
        throw std::logic_error("alert rule " + rule.name + " must evaluate to an instant vector or a scalar");
    rule.annotations.set("runbook_url", runbookBaseUrl + "/" + rule.name);
    return rule;
}

} // namespace

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return "critical";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    }
    return "warning";
}

std::string substituteThresholds(std::string_view text, const Thresholds& thresholds)
{
    std::string out;
    std::size_t pos = 0;
    while (true) {
        std::size_t open = text.find("${", pos);
        if (open == std::string_view::npos) {
            out += text.substr(pos);
            return out;
        }
        out += text.substr(pos, open - pos);
        std::size_t close = text.find('}', open + 2);
        if (close == std::string_view::npos)
            throw std::invalid_argument("unclosed threshold placeholder in \"" + std::string(text) + "\"");

        std::string_view placeholder = text.substr(open + 2, close - open - 2);
        bool percent = false;
        if (std::size_t colon = placeholder.find(':'); colon != std::string_view::npos) {
            if (placeholder.substr(colon + 1) != "percent")
                throw std::invalid_argument("unknown threshold format \"" + std::string(placeholder.substr(colon + 1))
                                            + "\"; the only format is percent");
            percent = true;
            placeholder = placeholder.substr(0, colon);
        }
        double value = thresholds.value(placeholder);
        out += percent ? formatPercent(value) : promql::formatNumber(value);
        pos = close + 1;
    }
}

std::vector<AlertRule> buildAlertRules(const Thresholds& thresholds, const CatalogueOptions& options)
{
    std::string base = runbookBase(options);
    std::vector<AlertRule> rules;
    rules.reserve(ruleDefinitions().size());
    for (const RuleDefinition& definition : ruleDefinitions())
        rules.push_back(buildRule(definition, thresholds, base));
    return rules;
}

} // namespace umg::alerts
