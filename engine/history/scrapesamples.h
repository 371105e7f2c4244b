#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <prometheus/metric_family.h>

#include "promql/labels.h"

/// The series a Prometheus scrape becomes in the metric history, and the
/// stored form of their label sets. Internal to the history.
namespace umg::detail {

/// One sample of a scrape, with its series' labels.
struct ScrapeSample {
    promql::Labels labels;
    double value = 0;
    bool counter = false;
};

/// Appends to `out` the series Prometheus stores for `families`. A counter,
/// gauge or untyped metric becomes one series. A histogram becomes
/// `_bucket{le="..."}` series (with a `+Inf` bucket added if missing),
/// `_sum` and `_count`, and a summary `{quantile="..."}` series, `_sum` and
/// `_count`. A metric with invalid labels is skipped with a rate-limited warning.
void flattenFamilies(const std::vector<prometheus::MetricFamily>& families, std::vector<ScrapeSample>& out);

/// Returns whether a series name follows the Prometheus naming of counters
/// (`_total`, `_count`, `_sum`, `_bucket`).
bool nameLooksLikeCounter(std::string_view name);

/// Encodes a label set as `<length>:<name><length>:<value>` for each
/// label, so that any name and value round-trip.
std::string encodeLabels(const promql::Labels& labels);
/// Decodes encodeLabels() output. Throws std::runtime_error for malformed text.
promql::Labels decodeLabels(std::string_view text);

} // namespace umg::detail
