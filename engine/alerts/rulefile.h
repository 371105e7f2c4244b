#pragma once

#include "alerts/catalogue.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace umg::alerts {

/// Renders rules as a Prometheus rule file (YAML), one group per distinct
/// `group` in order of first appearance. `thresholdOverrides` are listed in
/// the header comment so that a reader sees which values differ from the
/// defaults. Every string is written double-quoted and escaped.
std::string renderPrometheusRuleFile(const std::vector<AlertRule>& rules,
                                     const std::map<std::string, double>& thresholdOverrides = {});

/// Quotes `text` as a YAML double-quoted scalar, escaping backslashes, quotes
/// and control characters. UTF-8 text passes through unchanged.
std::string quoteYaml(std::string_view text);

} // namespace umg::alerts
