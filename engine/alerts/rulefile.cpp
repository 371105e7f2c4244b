#include "alerts/rulefile.h"

#include "promql/ast.h"
#include "promql/duration.h"

#include <algorithm>
#include <cstdio>

namespace umg::alerts {
namespace {

void appendEntry(std::string& out, std::string_view name, std::string_view value)
{
    out += "          ";
    out += name;
    out += ": ";
    out += quoteYaml(value);
    out += '\n';
}

// Writes `summary`, `description` and `runbook_url` first, in reading order,
// then any other entries by name.
void appendMap(std::string& out, std::string_view key, const promql::Labels& entries)
{
    if (entries.empty())
        return;
    out += "        ";
    out += key;
    out += ":\n";
    constexpr std::string_view kLeading[] = {"summary", "description", "runbook_url"};
    for (std::string_view name : kLeading) {
        if (entries.has(name))
            appendEntry(out, name, entries.get(name));
    }
    for (const promql::Label& entry : entries) {
        if (std::find(std::begin(kLeading), std::end(kLeading), entry.name) == std::end(kLeading))
            appendEntry(out, entry.name, entry.value);
    }
}

} // namespace

std::string quoteYaml(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (byte < 0x20 || byte == 0x7f) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
                out += escaped;
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

std::string renderPrometheusRuleFile(const std::vector<AlertRule>& rules,
                                     const std::map<std::string, double>& thresholdOverrides)
{
    std::string out;
    out += "# Alerting rules of UnMoGrowP, written by `unmogrowp-node export rules`.\n";
    out += "# Change thresholds with --threshold NAME=VALUE instead of editing this file.\n";
    if (thresholdOverrides.empty()) {
        out += "# All thresholds have their default values.\n";
    } else {
        out += "# Thresholds that differ from the defaults:\n";
        for (const auto& [name, value] : thresholdOverrides)
            out += "#   " + name + " = " + promql::formatNumber(value) + "\n";
    }
    out += "groups:\n";

    std::vector<std::string> groupOrder;
    for (const AlertRule& rule : rules) {
        if (std::find(groupOrder.begin(), groupOrder.end(), rule.group) == groupOrder.end())
            groupOrder.push_back(rule.group);
    }

    for (const std::string& group : groupOrder) {
        out += "  - name: " + quoteYaml(group) + "\n";
        out += "    rules:\n";
        for (const AlertRule& rule : rules) {
            if (rule.group != group)
                continue;
            out += "      - alert: " + quoteYaml(rule.name) + "\n";
            out += "        expr: " + quoteYaml(rule.expression) + "\n";
            if (rule.forMs > 0)
                out += "        for: " + promql::formatDuration(rule.forMs) + "\n";
            appendMap(out, "labels", rule.labels);
            appendMap(out, "annotations", rule.annotations);
        }
    }
    return out;
}

} // namespace umg::alerts
