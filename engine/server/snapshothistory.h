#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "metrics/enginemetrics.h"

namespace umg {

/// Time ranges of `GET /v1/snapshot?range=...`, the ranges of the console's
/// dashboards.
enum class TimeRange : std::uint8_t { Minutes5, Minutes15, Hour1, Hours6, Hours24, Days7, Count };

/// Parses `5m`, `15m`, `1h`, `6h`, `24h` or `7d`.
std::optional<TimeRange> parseTimeRange(std::string_view text);
std::string_view toString(TimeRange range);
std::int64_t durationMs(TimeRange range);

/// The engine and HTTP counters at one moment. Counters are cumulative since
/// the process started, so the difference of two samples gives the activity
/// between them whatever their spacing. Gauges are the values at that moment.
struct HistorySample {
    std::int64_t timeMs = 0; ///< wall clock, UTC

    // Counters.
    std::uint64_t eventsProcessed = 0;
    std::int64_t eventsAccepted = 0;
    std::int64_t eventsDuplicate = 0;
    std::int64_t eventsRejected = 0; ///< rejected lines plus events too old to attribute
    std::int64_t installs = 0;       ///< current decisions; a revision can lower it
    std::int64_t installsAttributed = 0;
    /// Processing latencies in EngineMetrics::kLatencyBounds buckets.
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> latencyBuckets{};
    std::uint64_t committedEvents = 0;
    std::uint64_t storageErrors = 0;
    std::uint64_t httpRequests = 0;
    std::uint64_t httpServerErrors = 0; ///< responses with a 5xx status

    // Gauges.
    std::uint64_t queueDepth = 0;    ///< events waiting, all workers
    std::uint64_t queueCapacity = 0; ///< capacity, all workers
    std::int64_t activeConnections = 0;
    std::int64_t residentBytes = 0;
    std::uint64_t pendingOutputs = 0;
};

/// Samples of one resolution that cover a time range.
struct HistoryWindow {
    std::int64_t intervalMs = 0; ///< nominal spacing of the samples
    /// Oldest first. The first sample is the newest one taken before the
    /// range starts (when there is one), so that rates can be computed for
    /// the whole range.
    std::vector<HistorySample> samples;
};

/// An in-memory ring of periodic samples for time series charts. Samples are
/// kept at four resolutions: every sample for 15 minutes, one per 10 s for
/// 6 hours, one per minute for 24 hours and one per 10 minutes for 7 days
/// (about 5,500 samples, about 1.5 MB). Because samples hold cumulative
/// counters, a coarser tier only has to keep the last sample of each of its
/// intervals. Thread-safe.
class SnapshotHistory {
public:
    struct Tier {
        std::int64_t intervalMs;
        std::size_t capacity;
    };
    static constexpr std::array<Tier, 4> kTiers = {{{1000, 900}, {10'000, 2160}, {60'000, 1440}, {600'000, 1008}}};

    /// Adds a sample; samples must come in time order, about once a second.
    void add(const HistorySample& sample);

    /// The samples of the finest tier that spans `range`, ending at the
    /// newest sample; `nowMs` is the end of the range.
    HistoryWindow window(TimeRange range, std::int64_t nowMs) const;

    /// Number of samples held by each tier.
    std::array<std::size_t, kTiers.size()> sizes() const;

private:
    mutable std::mutex m_mutex;
    std::array<std::deque<HistorySample>, kTiers.size()> m_tiers;
};

} // namespace umg
