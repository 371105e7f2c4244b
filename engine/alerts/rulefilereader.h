#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "alerts/catalogue.h"

namespace umg::alerts {

/// Parses alerting rules from a Prometheus rule file written as JSON, the
/// subset of YAML that Prometheus and `promtool check rules` read as well:
///
///     {"groups": [{"name": "G", "rules": [{"alert": "A", "expr": "...",
///       "for": "30s", "labels": {...}, "annotations": {...}}]}]}
///
/// Every rule is checked as Prometheus checks it: a parsable expression that
/// returns an instant vector or a scalar, a valid `for` duration, and
/// annotation templates within the subset the native evaluator expands (see
/// alerttemplate.h). Recording rules and the group fields `interval` and
/// `limit` are rejected, because the node evaluates every rule at one fixed
/// interval. `sourceName` names the input in messages. Throws
/// std::invalid_argument naming the group, the rule and the field.
std::vector<AlertRule> parseRuleFileJson(std::string_view text, const std::string& sourceName);

/// Reads and parses the file at `path` (see parseRuleFileJson). Throws
/// std::runtime_error when it cannot be read.
std::vector<AlertRule> loadRuleFileJson(const std::string& path);

} // namespace umg::alerts
