#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <prometheus/metric_family.h>

#include "promql/seriessource.h"

namespace umg {

/// One resolution level of the metric history.
struct HistoryTier {
    /// Width of a rollup bucket in milliseconds; 0 keeps every sample as
    /// recorded (full resolution).
    std::int64_t resolutionMs = 0;
    /// How far back from the current time the tier covers, in milliseconds.
    /// Compaction keeps a margin beyond it (see MetricHistory::compact) so
    /// that lookback and rate windows at the start of a range find samples.
    std::int64_t retentionMs = 0;
};

struct MetricHistoryOptions {
    /// Tiers from the finest to the coarsest. The first must have resolution
    /// 0; each later one a coarser resolution and a longer retention.
    std::vector<HistoryTier> tiers = defaultTiers();
    /// Spacing of full-resolution samples in milliseconds, used as the
    /// resolution of tier 0 when a range query sizes `$__rate_interval`.
    std::int64_t scrapeIntervalMs = 1000;
    /// Maximum number of stored series. Samples of further series are
    /// dropped with a rate-limited warning.
    std::size_t maxSeries = 20'000;
    /// Current time in milliseconds since the Unix epoch. Empty means the
    /// system clock; tests pass a fake clock. Called from several threads.
    std::function<std::int64_t()> clock;

    /// Full resolution for 1 hour, 1-minute buckets for 24 hours and
    /// 10-minute buckets for 7 days.
    static std::vector<HistoryTier> defaultTiers();
};

/// A sample of a rollup bucket: the last value in the bucket at the time
/// of that last sample, with the smallest and largest value of the bucket.
/// Full-resolution samples have min == max == value.
struct BandSample {
    std::int64_t timestampMs = 0;
    double value = 0;
    double min = 0;
    double max = 0;
};

struct BandSeries {
    promql::Labels labels;
    std::vector<BandSample> samples;
};

/// Sizes of the history, for status displays and tests.
struct HistoryStats {
    std::size_t series = 0;
    /// Stored samples per tier, in the order of MetricHistoryOptions::tiers.
    std::vector<std::int64_t> samplesPerTier;
    /// Samples dropped because the series limit was reached.
    std::uint64_t droppedSamples = 0;
    /// Size of the database file plus its write-ahead log, in bytes.
    std::int64_t databaseBytes = 0;
    /// Pages in use by the database; freed pages are reused before the file grows.
    std::int64_t usedPages = 0;
};

/// Samples and series deleted by one compaction.
struct CompactionResult {
    /// Deleted samples per tier.
    std::vector<std::int64_t> deletedSamples;
    /// Series removed because no tier contains a sample of them any more.
    std::size_t deletedSeries = 0;
};

/// The console's local metric history in SQLite (WAL mode), read by the
/// dashboards and alert evaluation.
///
/// Every recorded sample goes to the full-resolution tier and, in the same
/// transaction, into the current bucket of each rollup tier. A rollup bucket
/// keeps the last sample (value and time) and the minimum and maximum.
/// Counter series (counters, and the `_bucket`, `_sum` and `_count` series
/// of histograms and summaries) are stored reset-adjusted in the rollup
/// tiers: after a counter reset the tier continues from the previous value,
/// so rate() and increase() over a rollup tier agree with the full-resolution
/// tier even when a reset falls inside a bucket. Staleness markers and NaN
/// values are stored only at full resolution. Reads of a rollup tier return
/// completed buckets only (those that end at or before the history's clock),
/// so the newest rollup sample is up to one bucket width old.
///
/// compact() deletes samples older than each tier's retention and series
/// without samples, so the database stops growing once the longest tier is
/// full. select() reads the finest tier that covers the requested range.
///
/// All member functions are thread-safe. Writes are serialised on one
/// connection; reads use a pool of read-only connections and run in
/// parallel with writes.
class MetricHistory final : public promql::SeriesSource {
public:
    /// Opens or creates the history at `path` and migrates its schema. The
    /// file may be shared with other UnMoGrowP data (customer records, the
    /// engine's store); the history keeps to its own tables. Throws
    /// std::invalid_argument for invalid tiers and StoreError (storage/store.h)
    /// when the database cannot be opened, created or migrated.
    explicit MetricHistory(const std::string& path, MetricHistoryOptions options = {});
    ~MetricHistory() override;
    MetricHistory(const MetricHistory&) = delete;
    MetricHistory& operator=(const MetricHistory&) = delete;

    const std::string& path() const;
    const MetricHistoryOptions& options() const;
    /// Current time of the history's clock, in milliseconds since the Unix epoch.
    std::int64_t nowMs() const;

    /// Records one complete scrape of `target` taken at `timestampMs`, in one
    /// transaction. Counters and gauges become one series each; histograms
    /// become `<name>_bucket{le="..."}`, `<name>_sum` and `<name>_count`
    /// series and summaries `<name>{quantile="..."}`, `<name>_sum` and
    /// `<name>_count`, as Prometheus stores them. Series of the previous
    /// scrape of the same target that are missing now get a staleness marker.
    /// Returns the number of samples written. Throws StoreError.
    std::size_t recordScrape(const std::vector<prometheus::MetricFamily>& families, std::int64_t timestampMs,
                             std::string_view target = "local");

    /// Appends samples of any series in one transaction, for example those
    /// received from a remote node. The series' `__name__` label is required.
    /// Names ending in `_total`, `_count`, `_sum` or `_bucket` are treated as
    /// counters in the rollup tiers, others as gauges. Returns the number of
    /// samples written. Throws std::invalid_argument for a series without a
    /// name (before anything is written) and StoreError.
    std::size_t append(const std::vector<promql::Series>& series);

    /// Deletes samples older than each tier's retention plus its margin of
    /// max(15 minutes, 2 x resolution), then series left without samples.
    /// The recorder runs it periodically. Throws StoreError.
    CompactionResult compact();

    /// Returns the index of the finest tier whose retention plus margin
    /// reaches back to `minTimeMs`, or the coarsest tier when none does.
    std::size_t tierFor(std::int64_t minTimeMs) const;

    /// Returns the sample spacing of `tier` in milliseconds: the scrape
    /// interval for tier 0, the bucket width otherwise.
    std::int64_t resolutionOf(std::size_t tier) const;

    /// Reads the tier tierFor(minTimeMs). See promql::SeriesSource::select.
    /// Throws StoreError when the database cannot be read.
    std::vector<promql::Series> select(const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
                                       std::int64_t maxTimeMs) const override;

    /// Reads one tier. Throws std::out_of_range for an unknown tier and StoreError.
    std::vector<promql::Series> selectTier(std::size_t tier, const std::vector<promql::LabelMatcher>& matchers,
                                           std::int64_t minTimeMs, std::int64_t maxTimeMs) const;

    /// Like select(), with each bucket's minimum and maximum, for charts that
    /// draw a band around the line. Throws StoreError.
    std::vector<BandSeries> selectBands(const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
                                        std::int64_t maxTimeMs) const;

    /// Returns the label sets of the stored series that satisfy `matchers`
    /// (every series for an empty list), sorted.
    std::vector<promql::Labels> seriesLabels(const std::vector<promql::LabelMatcher>& matchers = {}) const;

    /// Returns the distinct metric names, sorted.
    std::vector<std::string> metricNames() const;

    /// Counts series and samples. Throws StoreError.
    HistoryStats stats() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace umg
