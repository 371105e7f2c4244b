// Measures how long a 7-day chart takes to load from the metric history.
// The chart is a range query of 800 points over one series with 600,000
// samples spread over 7 days. The baseline is a plain SELECT of all 600,000
// raw rows of the same database. Prints the median of several runs.
//
// Usage: bench_history [runs]

#include "history/metrichistory.h"
#include "history/rangequery.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace umg;

namespace {

constexpr std::int64_t kSamples = 600'000;
constexpr std::int64_t kDayMs = 24 * 3600 * 1000;
constexpr std::int64_t kRangeMs = 7 * kDayMs;
constexpr std::int64_t kPoints = 800;
constexpr std::int64_t kStartMs = 1'793'491'200'000; // 2026-11-01T00:00:00Z

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double timeRuns(int runs, const std::function<void()>& body)
{
    std::vector<double> times;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        body();
        times.push_back(millisecondsSince(start));
    }
    return median(times);
}

std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    }
    return "unknown CPU";
}

/// Reads one history tier whatever the range, to time a chart without rollups.
class TierSource final : public promql::SeriesSource {
public:
    TierSource(const MetricHistory& history, std::size_t tier) : m_history(history), m_tier(tier) {}
    std::vector<promql::Series> select(const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
                                       std::int64_t maxTimeMs) const override
    {
        return m_history.selectTier(m_tier, matchers, minTimeMs, maxTimeMs);
    }

private:
    const MetricHistory& m_history;
    std::size_t m_tier;
};

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;

    char folderTemplate[] = "/tmp/bench_history.XXXXXX";
    if (!mkdtemp(folderTemplate)) {
        std::perror("cannot create a temporary folder");
        return 1;
    }
    const std::filesystem::path folder(folderTemplate);
    const std::string path = (folder / "history.db").string();

    std::int64_t now = kStartMs + kRangeMs;
    MetricHistoryOptions options;
    options.clock = [&now] { return now; };
    // Keep every raw sample for the baseline: no compaction runs here.
    auto owner = std::make_unique<MetricHistory>(path, options);
    MetricHistory& history = *owner;

    // One counter, 600,000 samples evenly over 7 days (one every 1.008 s).
    const promql::Labels labels{{"__name__", "attribution_events_processed_total"}, {"app_id", "com.acmegames.puzzle"}};
    const auto loadStart = std::chrono::steady_clock::now();
    constexpr std::int64_t kBatch = 10'000;
    for (std::int64_t first = 0; first < kSamples; first += kBatch) {
        promql::Series batch{labels, {}};
        for (std::int64_t i = first; i < std::min(first + kBatch, kSamples); ++i) {
            const std::int64_t t = kStartMs + i * kRangeMs / kSamples;
            batch.samples.push_back({t, 1000.0 * static_cast<double>(i) + 50.0 * std::sin(static_cast<double>(i))});
        }
        history.append({batch});
    }
    const double loadMs = millisecondsSince(loadStart);
    const HistoryStats stats = history.stats();

    // Baseline: read every raw row with a plain SELECT on its own connection.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "cannot open %s: %s\n", path.c_str(), sqlite3_errmsg(db));
        return 1;
    }
    std::int64_t baselineRows = 0;
    const double baselineMs = timeRuns(runs, [&] {
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT time_ms, value FROM history_raw", -1, &statement, nullptr);
        double checksum = 0;
        baselineRows = 0;
        while (sqlite3_step(statement) == SQLITE_ROW) {
            checksum += static_cast<double>(sqlite3_column_int64(statement, 0)) + sqlite3_column_double(statement, 1);
            ++baselineRows;
        }
        sqlite3_finalize(statement);
        if (checksum == 0)
            std::puts("");
    });
    sqlite3_close(db);

    const std::int64_t start = now - kRangeMs;
    const std::int64_t step = kRangeMs / (kPoints - 1);
    RangeQueryResult chart;
    const double gaugeMs = timeRuns(runs, [&] {
        chart = evaluateRange(history, "attribution_events_processed_total", start, now, step);
    });
    RangeQueryResult rateChart;
    const double rateMs = timeRuns(runs, [&] {
        rateChart = evaluateRange(history, "sum(rate(attribution_events_processed_total[$__rate_interval]))", start,
                                  now, step);
    });
    TierSource rawTier(history, 0);
    RangeQueryResult rawChart;
    const double rawRangeMs = timeRuns(runs, [&] {
        rawChart = evaluateRange(rawTier, "attribution_events_processed_total", start, now, step);
    });

    std::printf("bench_history: 7-day chart of one series, %lld samples, %lld points, median of %d runs\n",
                static_cast<long long>(kSamples), static_cast<long long>(kPoints), runs);
    std::printf("machine: %s, %u hardware threads\n", cpuModel().c_str(), std::thread::hardware_concurrency());
    std::printf("load (append in batches of %lld, raw + 2 rollup tiers): %.0f ms (%.0f samples/s)\n",
                static_cast<long long>(kBatch), loadMs, static_cast<double>(kSamples) / (loadMs / 1000.0));
    std::printf("stored samples per tier: raw %lld, 1-minute %lld, 10-minute %lld; database %.1f MB\n",
                static_cast<long long>(stats.samplesPerTier[0]), static_cast<long long>(stats.samplesPerTier[1]),
                static_cast<long long>(stats.samplesPerTier[2]), static_cast<double>(stats.databaseBytes) / 1e6);
    std::printf("baseline, plain SELECT of all raw rows (%lld rows):  %8.2f ms\n",
                static_cast<long long>(baselineRows), baselineMs);
    std::printf("range query, selector (tier %zu, %zu series, %lld steps): %8.2f ms\n", chart.tier,
                chart.series.size(), static_cast<long long>(chart.steps), gaugeMs);
    std::printf("range query, sum(rate([$__rate_interval])) (tier %zu):   %8.2f ms\n", rateChart.tier, rateMs);
    std::printf("range query, selector over the raw tier (no rollups):  %8.2f ms\n", rawRangeMs);
    std::printf("speed-up of the rollup range query over the baseline: %.1fx\n", baselineMs / gaugeMs);

    owner.reset();
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
    return 0;
}
