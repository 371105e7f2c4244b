#pragma once

#include "promql/labels.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace umg::promql {

/// One sample: a time in milliseconds since the Unix epoch and a value.
struct Sample {
    std::int64_t timestampMs = 0;
    double value = 0;

    friend bool operator==(const Sample&, const Sample&) = default;
};

/// A series with its samples in ascending time order.
struct Series {
    Labels labels;
    std::vector<Sample> samples;
};

/// The bit pattern Prometheus writes as a staleness marker when a series
/// disappears. An instant selector that reaches a marker returns no value.
inline constexpr std::uint64_t kStaleMarkerBits = 0x7ff0000000000002ULL;

inline double staleMarker()
{
    return std::bit_cast<double>(kStaleMarkerBits);
}

inline bool isStaleMarker(double value)
{
    return std::bit_cast<std::uint64_t>(value) == kStaleMarkerBits;
}

/// Read access to stored samples, the one thing the PromQL evaluator needs
/// from a metric store. The console's SQLite history and MemorySeriesSource
/// implement it.
class SeriesSource {
public:
    virtual ~SeriesSource() = default;

    /// Returns every series whose labels (metric name in `__name__`) satisfy all
    /// `matchers`, each with its samples in [minTimeMs, maxTimeMs] in ascending
    /// time order. A series with no sample in that range may be left out.
    /// Staleness markers (see isStaleMarker) are returned like other samples.
    /// Implementations must allow concurrent calls from several threads and may
    /// throw std::runtime_error when the store cannot be read.
    virtual std::vector<Series> select(const std::vector<LabelMatcher>& matchers, std::int64_t minTimeMs,
                                       std::int64_t maxTimeMs) const = 0;
};

} // namespace umg::promql
