#include "server/snapshothistory.h"

namespace umg {
namespace {

struct RangeInfo {
    std::string_view name;
    std::int64_t durationMs;
    std::size_t tier;
};

constexpr std::int64_t kMinute = 60'000;

constexpr std::array<RangeInfo, static_cast<std::size_t>(TimeRange::Count)> kRanges = {{
    {"5m", 5 * kMinute, 0},
    {"15m", 15 * kMinute, 0},
    {"1h", 60 * kMinute, 1},
    {"6h", 360 * kMinute, 1},
    {"24h", 1440 * kMinute, 2},
    {"7d", 7 * 1440 * kMinute, 3},
}};

const RangeInfo& info(TimeRange range) { return kRanges[static_cast<std::size_t>(range)]; }

} // namespace

std::optional<TimeRange> parseTimeRange(std::string_view text)
{
    for (std::size_t i = 0; i < kRanges.size(); ++i) {
        if (kRanges[i].name == text)
            return static_cast<TimeRange>(i);
    }
    return std::nullopt;
}

std::string_view toString(TimeRange range) { return info(range).name; }

std::int64_t durationMs(TimeRange range) { return info(range).durationMs; }

void SnapshotHistory::add(const HistorySample& sample)
{
    std::lock_guard lock(m_mutex);
    for (std::size_t t = 0; t < kTiers.size(); ++t) {
        std::deque<HistorySample>& tier = m_tiers[t];
        const std::int64_t interval = kTiers[t].intervalMs;
        // A coarser tier keeps the newest sample of each of its intervals:
        // a sample in the same interval as the tier's last one replaces it.
        // The tier's first sample stays, so that a coarse range has a point
        // (from that sample to now) before its first interval has passed.
        if (t > 0 && tier.size() > 1 && tier.back().timeMs / interval == sample.timeMs / interval) {
            tier.back() = sample;
            continue;
        }
        tier.push_back(sample);
        while (tier.size() > kTiers[t].capacity)
            tier.pop_front();
    }
}

HistoryWindow SnapshotHistory::window(TimeRange range, std::int64_t nowMs) const
{
    const RangeInfo& rangeInfo = info(range);
    const std::int64_t startMs = nowMs - rangeInfo.durationMs;
    HistoryWindow window;
    window.intervalMs = kTiers[rangeInfo.tier].intervalMs;

    std::lock_guard lock(m_mutex);
    const std::deque<HistorySample>& tier = m_tiers[rangeInfo.tier];
    std::size_t first = tier.size();
    while (first > 0 && tier[first - 1].timeMs >= startMs)
        --first;
    if (first > 0)
        --first; // the baseline sample before the range
    window.samples.assign(tier.begin() + static_cast<std::ptrdiff_t>(first), tier.end());
    return window;
}

std::array<std::size_t, SnapshotHistory::kTiers.size()> SnapshotHistory::sizes() const
{
    std::lock_guard lock(m_mutex);
    std::array<std::size_t, kTiers.size()> sizes{};
    for (std::size_t t = 0; t < kTiers.size(); ++t)
        sizes[t] = m_tiers[t].size();
    return sizes;
}

} // namespace umg
