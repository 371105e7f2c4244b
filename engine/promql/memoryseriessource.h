#pragma once

#include "promql/seriessource.h"

#include <map>
#include <shared_mutex>

namespace umg::promql {

/// A SeriesSource that keeps every sample in memory, for tests, replays and
/// short histories. All member functions are thread-safe: appends take an
/// exclusive lock, reads a shared one.
class MemorySeriesSource final : public SeriesSource {
public:
    /// Appends one sample to the series `labels`, creating the series. A sample
    /// at an existing timestamp replaces the old value; out-of-order samples are
    /// inserted in time order.
    void append(const Labels& labels, std::int64_t timestampMs, double value);

    /// Appends a whole series, merging it with stored samples as append() does.
    void append(const Series& series);

    /// Drops every sample older than `minTimeMs` and series left empty.
    void removeBefore(std::int64_t minTimeMs);

    void clear();
    std::size_t seriesCount() const;

    std::vector<Series> select(const std::vector<LabelMatcher>& matchers, std::int64_t minTimeMs,
                               std::int64_t maxTimeMs) const override;

private:
    void appendLocked(const Labels& labels, std::int64_t timestampMs, double value);

    mutable std::shared_mutex m_mutex;
    std::map<Labels, std::vector<Sample>> m_series;
};

} // namespace umg::promql
