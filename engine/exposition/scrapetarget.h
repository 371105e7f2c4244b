#pragma once

#include <cstddef>
#include <vector>

#include <prometheus/metric_family.h>

#include "exposition/textparser.h"
#include "promql/labels.h"

namespace umg::exposition {

/// Converts the samples of one scrape into metric families for
/// MetricHistory::recordScrape(), with `targetLabels` (such as `job` and
/// `instance`) added to every series. A sample label that has the name of a
/// target label is renamed to `exported_<name>`, as Prometheus does without
/// `honor_labels`. Counters become Counter families and other samples Gauge
/// families, so that the history stores them with the right rollup.
/// Explicit sample timestamps are ignored because the history records a
/// scrape at one time. Thread-safe.
std::vector<prometheus::MetricFamily> toMetricFamilies(const std::vector<Sample>& samples,
                                                        const promql::Labels& targetLabels);

/// The series Prometheus records about each scrape itself:
/// `up` (1 for a successful scrape, 0 for a failed one),
/// `scrape_duration_seconds` and `scrape_samples_scraped`, each with
/// `targetLabels`. Thread-safe.
std::vector<prometheus::MetricFamily> scrapeHealthFamilies(bool up, double durationSeconds, std::size_t samples,
                                                            const promql::Labels& targetLabels);

} // namespace umg::exposition
