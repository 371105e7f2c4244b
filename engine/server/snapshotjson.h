#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "metrics/enginemetrics.h"
#include "runtime/engine.h"
#include "server/snapshothistory.h"

namespace umg {

/// Estimates the `quantile` (0 to 1) of the processing latency, in
/// milliseconds, from counts in EngineMetrics::kLatencyBounds buckets, by
/// linear interpolation inside the bucket as Prometheus' histogram_quantile()
/// does. Returns NaN (written as JSON null) when the buckets are empty, and
/// the largest finite bound when the quantile falls into the +Inf bucket.
double bucketQuantileMs(const std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount>& counts, double quantile);

/// Builds the document of `GET /v1/snapshot`: current engine counters, rates,
/// latency, queues, storage and HTTP figures, per-customer and per-campaign
/// rows, and time series over `range` computed from `window`. `now` is a
/// sample taken with `snapshot`. docs/HTTP-API.md describes every field.
std::string snapshotJson(const EngineSnapshot& snapshot, const HistorySample& now, TimeRange range,
                         const HistoryWindow& window);

} // namespace umg
