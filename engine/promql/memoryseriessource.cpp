#include "promql/memoryseriessource.h"

#include <algorithm>
#include <mutex>

namespace umg::promql {

void MemorySeriesSource::append(const Labels& labels, std::int64_t timestampMs, double value)
{
    std::unique_lock lock(m_mutex);
    appendLocked(labels, timestampMs, value);
}

void MemorySeriesSource::append(const Series& series)
{
    std::unique_lock lock(m_mutex);
    for (const Sample& sample : series.samples)
        appendLocked(series.labels, sample.timestampMs, sample.value);
}

void MemorySeriesSource::appendLocked(const Labels& labels, std::int64_t timestampMs, double value)
{
    std::vector<Sample>& samples = m_series[labels];
    if (samples.empty() || samples.back().timestampMs < timestampMs) {
        samples.push_back({timestampMs, value});
        return;
    }
    auto it = std::lower_bound(samples.begin(), samples.end(), timestampMs,
                               [](const Sample& s, std::int64_t t) { return s.timestampMs < t; });
    if (it != samples.end() && it->timestampMs == timestampMs)
        it->value = value;
    else
        samples.insert(it, Sample{timestampMs, value});
}

void MemorySeriesSource::removeBefore(std::int64_t minTimeMs)
{
    std::unique_lock lock(m_mutex);
    for (auto it = m_series.begin(); it != m_series.end();) {
        std::vector<Sample>& samples = it->second;
        auto firstKept = std::lower_bound(samples.begin(), samples.end(), minTimeMs,
                                          [](const Sample& s, std::int64_t t) { return s.timestampMs < t; });
        samples.erase(samples.begin(), firstKept);
        it = samples.empty() ? m_series.erase(it) : std::next(it);
    }
}

void MemorySeriesSource::clear()
{
    std::unique_lock lock(m_mutex);
    m_series.clear();
}

std::size_t MemorySeriesSource::seriesCount() const
{
    std::shared_lock lock(m_mutex);
    return m_series.size();
}

std::vector<Series> MemorySeriesSource::select(const std::vector<LabelMatcher>& matchers, std::int64_t minTimeMs,
                                               std::int64_t maxTimeMs) const
{
    std::shared_lock lock(m_mutex);
    std::vector<Series> result;
    for (const auto& [labels, samples] : m_series) {
        if (!matchesAll(matchers, labels))
            continue;
        auto first = std::lower_bound(samples.begin(), samples.end(), minTimeMs,
                                      [](const Sample& s, std::int64_t t) { return s.timestampMs < t; });
        auto last = std::upper_bound(first, samples.end(), maxTimeMs,
                                     [](std::int64_t t, const Sample& s) { return t < s.timestampMs; });
        if (first == last)
            continue;
        result.push_back(Series{labels, std::vector<Sample>(first, last)});
    }
    return result;
}

} // namespace umg::promql
