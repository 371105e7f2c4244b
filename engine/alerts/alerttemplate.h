#pragma once

#include "promql/labels.h"

#include <stdexcept>
#include <string>
#include <string_view>

/// Expansion of alert annotation templates: the part of Go's text/template
/// and Prometheus's template functions that the rule catalogue uses, with
/// output identical to Prometheus 2.x so that promtool and the native
/// evaluator produce the same annotation text.
namespace umg::alerts {

/// A template that uses syntax or functions outside the supported subset.
class AlertTemplateError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Expands `{{ ... }}` actions in `text` for one alert. Supported actions:
///   `$value` or `.Value`, `$labels.NAME` or `.Labels.NAME` (empty when the
///   label is absent), optionally piped into `humanize`, `humanize1024`,
///   `humanizePercentage`, `humanizeDuration` or `printf "FORMAT"`, where
///   FORMAT contains one verb out of %f, %.Nf, %g, %.Ng, %e, %v and %s.
/// `printf "FORMAT" ARG` and `humanize ARG` call forms work as well.
/// Throws AlertTemplateError for anything else. Thread-safe.
std::string expandAlertTemplate(std::string_view text, const promql::Labels& labels, double value);

/// Checks that `text` uses only the supported subset; throws AlertTemplateError.
void validateAlertTemplate(std::string_view text);

/// Formats a float like Go's fmt %v: the shortest digits that read back
/// exactly, with an exponent (`1e+06`, `1e-05`) when the decimal exponent is
/// below -4 or at least 6; `+Inf`, `-Inf` and `NaN` as Go spells them.
std::string formatGoValue(double value);

/// Prometheus's humanize: SI prefixes (k, M, G, ... and m, u, n, ...) with four significant digits.
std::string humanize(double value);
/// Prometheus's humanize1024: binary prefixes (ki, Mi, Gi, ...) with four significant digits.
std::string humanize1024(double value);
/// Prometheus's humanizePercentage: the value times 100 with four significant digits and `%`.
std::string humanizePercentage(double value);
/// Prometheus's humanizeDuration: seconds as `1d 2h 3m 4s`, `1.5s` or `150ms`.
std::string humanizeDuration(double seconds);

} // namespace umg::alerts
