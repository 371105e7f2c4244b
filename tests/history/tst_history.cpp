// Tests of the SQLite metric history: scrape recording and reopening,
// rollup tiers and retention, PromQL over the history against the same
// samples in memory, histograms, bounded growth, the series limit and the
// scrape recorder. Every database is a file in a temporary folder, and time
// comes from a fake clock, so no check depends on how fast the machine is.

#include "history/historyrecorder.h"
#include "history/metrichistory.h"
#include "history/rangequery.h"
#include "promql/evaluator.h"
#include "promql/memoryseriessource.h"
#include "history/sqlitedatabase.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <memory>
#include <thread>

using namespace umg;
using umg::promql::Labels;
using umg::promql::LabelMatcher;
using umg::promql::MatchType;

namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// 2026-11-01T00:00:00Z, a whole multiple of every bucket width used here.
constexpr std::int64_t kStartMs = 1'793'491'200'000;

/// A clock the test moves by hand.
struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kStartMs);

    std::function<std::int64_t()> function() const
    {
        return [now = now] { return now->load(); };
    }
    void set(std::int64_t timeMs) { now->store(timeMs); }
    std::int64_t get() const { return now->load(); }
};

std::vector<LabelMatcher> nameIs(const std::string& name)
{
    return {LabelMatcher(MatchType::Equal, "__name__", name)};
}

// Returns the single value of an instant-vector or scalar result, or NaN
// when the vector is empty.
double singleValue(const promql::Value& value)
{
    if (const double* scalar = std::get_if<double>(&value))
        return *scalar;
    const auto& vector = std::get<promql::InstantVector>(value);
    return vector.empty() ? std::nan("") : vector.front().value;
}

// Formats a result as sorted "labels value" lines.
QStringList describe(const promql::Value& value)
{
    QStringList lines;
    if (const double* scalar = std::get_if<double>(&value)) {
        lines << QStringLiteral("scalar %1").arg(*scalar, 0, 'g', 17);
    } else if (const auto* vector = std::get_if<promql::InstantVector>(&value)) {
        for (const promql::VectorSample& sample : *vector)
            lines << QString::fromStdString(sample.labels.toString()) + " " + QString::number(sample.value, 'g', 17);
    }
    lines.sort();
    return lines;
}

QStringList describe(const RangeQueryResult& result)
{
    QStringList lines;
    for (const promql::Series& series : result.series) {
        QString line = QString::fromStdString(series.labels.toString());
        for (const promql::Sample& sample : series.samples)
            line += QStringLiteral(" %1=%2").arg(sample.timestampMs).arg(sample.value, 0, 'g', 17);
        lines << line;
    }
    return lines;
}

/// Opens histories in a temporary folder.
class HistoryFixture {
public:
    std::string path(const char* name = "history.db") const { return m_dir.filePath(name).toStdString(); }

    std::unique_ptr<MetricHistory> open(const FakeClock& clock, MetricHistoryOptions options = {},
                                        const char* name = "history.db") const
    {
        options.clock = clock.function();
        return std::make_unique<MetricHistory>(path(name), std::move(options));
    }

private:
    QTemporaryDir m_dir;
};

// Returns the value of a linear counter that grows 5 per second from
// kStartMs and resets to 0 at `resetMs`.
double counterValue(std::int64_t timeMs, std::int64_t resetMs)
{
    const std::int64_t since = timeMs < resetMs ? timeMs - kStartMs : timeMs - resetMs;
    return 5.0 * static_cast<double>(since) / 1000.0;
}

} // namespace

class HistoryTest : public QObject {
    Q_OBJECT

private slots:
    void scrapeRoundTrip_data();
    void scrapeRoundTrip();
    void histogramLeLabels();
    void staleSeriesGetMarker();
    void nanValueRoundTrip();
    void invalidLabelsSkipped();

    void tiersAfterEightDays();
    void rollupRateMatchesRaw_data();
    void rollupRateMatchesRaw();
    void bandsKeepMinAndMax();

    void promqlMatchesMemorySource_data();
    void promqlMatchesMemorySource();
    void rangeQueryMatchesMemorySource_data();
    void rangeQueryMatchesMemorySource();
    void rangeQueryRateInterval();
    void rangeQueryRejectsBadRange_data();
    void rangeQueryRejectsBadRange();
    void histogramQuantileOverHistory_data();
    void histogramQuantileOverHistory();

    void growthStopsAtRetention();
    void seriesLimitDropsNewSeries();
    void invalidOptionsRejected_data();
    void invalidOptionsRejected();
    void appendRequiresMetricName();

    void readersRunDuringWrites();
    void recorderScrapesOnItsThread();
    void recorderCountsFailures();
};

// --- recording ----------------------------------------------------------------

void HistoryTest::scrapeRoundTrip_data()
{
    QTest::addColumn<QString>("series");
    QTest::addColumn<double>("expected");

    QTest::newRow("counter") << R"(requests_total{path="/events", code="200"})" << 42.0;
    QTest::newRow("counter second label set") << R"(requests_total{path="/events", code="500"})" << 3.0;
    QTest::newRow("gauge") << "queue_depth" << 17.5;
    QTest::newRow("histogram bucket") << R"(latency_seconds_bucket{le="0.1"})" << 2.0;
    QTest::newRow("histogram +Inf bucket") << R"(latency_seconds_bucket{le="+Inf"})" << 3.0;
    QTest::newRow("histogram sum") << "latency_seconds_sum" << 0.85;
    QTest::newRow("histogram count") << "latency_seconds_count" << 3.0;
}

void HistoryTest::scrapeRoundTrip()
{
    QFETCH(QString, series);
    QFETCH(double, expected);

    HistoryFixture fixture;
    FakeClock clock;
    auto registry = std::make_shared<prometheus::Registry>();
    auto& requests = prometheus::BuildCounter().Name("requests_total").Help("requests").Register(*registry);
    requests.Add({{"path", "/events"}, {"code", "200"}}).Increment(42);
    requests.Add({{"path", "/events"}, {"code", "500"}}).Increment(3);
    prometheus::BuildGauge().Name("queue_depth").Help("depth").Register(*registry).Add({}).Set(17.5);
    auto& latency = prometheus::BuildHistogram().Name("latency_seconds").Help("latency").Register(*registry).Add(
        {}, prometheus::Histogram::BucketBoundaries{0.1, 0.5});
    latency.Observe(0.05);
    latency.Observe(0.1);
    latency.Observe(0.7);

    {
        auto history = fixture.open(clock);
        const std::size_t written = history->recordScrape(registry->Collect(), kStartMs);
        // 2 counters + 1 gauge + 3 buckets + sum + count
        QCOMPARE(written, std::size_t{8});
    }

    auto reopened = fixture.open(clock);
    const promql::Value value = promql::evaluateQuery(*reopened, series.toStdString(), kStartMs);
    QCOMPARE(describe(value).size(), 1);
    QCOMPARE(singleValue(value), expected);
    QCOMPARE(reopened->stats().series, std::size_t{8});
}

void HistoryTest::histogramLeLabels()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::BuildHistogram().Name("h").Help("h").Register(*registry).Add(
        {{"path", "/a"}}, prometheus::Histogram::BucketBoundaries{0.0005, 0.1, 2.5});
    auto history = fixture.open(clock);
    history->recordScrape(registry->Collect(), kStartMs);

    QStringList les;
    for (const Labels& labels : history->seriesLabels(nameIs("h_bucket")))
        les << QString::fromStdString(std::string(labels.get("le")));
    les.sort();
    QCOMPARE(les, (QStringList{"+Inf", "0.0005", "0.1", "2.5"}));
    QVERIFY(history->metricNames() == (std::vector<std::string>{"h_bucket", "h_count", "h_sum"}));
}

void HistoryTest::staleSeriesGetMarker()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto registry = std::make_shared<prometheus::Registry>();
    auto& family = prometheus::BuildGauge().Name("workers").Help("workers").Register(*registry);
    family.Add({{"pool", "a"}}).Set(1);
    prometheus::Gauge& leaving = family.Add({{"pool", "b"}});
    leaving.Set(2);

    auto history = fixture.open(clock);
    history->recordScrape(registry->Collect(), kStartMs);
    family.Remove(&leaving);
    history->recordScrape(registry->Collect(), kStartMs + kSecond);

    const promql::Value before = promql::evaluateQuery(*history, "workers", kStartMs);
    const promql::Value after = promql::evaluateQuery(*history, "workers", kStartMs + kSecond);
    QCOMPARE(describe(before), (QStringList{R"(workers{pool="a"} 1)", R"(workers{pool="b"} 2)"}));
    QCOMPARE(describe(after), (QStringList{R"(workers{pool="a"} 1)"}));

    const std::vector<promql::Series> raw =
        history->selectTier(0, {LabelMatcher(MatchType::Equal, "pool", "b")}, kStartMs, kStartMs + kSecond);
    QCOMPARE(raw.size(), std::size_t{1});
    QCOMPARE(raw[0].samples.size(), std::size_t{2});
    QVERIFY(promql::isStaleMarker(raw[0].samples[1].value));
}

void HistoryTest::nanValueRoundTrip()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    const Labels labels{{"__name__", "ratio"}};
    history->append({promql::Series{labels, {{kStartMs, std::nan("")}, {kStartMs + kSecond, 0.5}}}});

    const std::vector<promql::Series> raw = history->selectTier(0, nameIs("ratio"), kStartMs, kStartMs + kSecond);
    QCOMPARE(raw.size(), std::size_t{1});
    QCOMPARE(raw[0].samples.size(), std::size_t{2});
    QVERIFY(std::isnan(raw[0].samples[0].value));
    QVERIFY(!promql::isStaleMarker(raw[0].samples[0].value));
    QCOMPARE(raw[0].samples[1].value, 0.5);

    // A rollup bucket is read once it is complete.
    clock.set(kStartMs + kMinute - 1);
    QVERIFY(history->selectTier(1, nameIs("ratio"), kStartMs, kStartMs + kSecond).empty());

    // NaN is kept out of rollup buckets, so the 1-minute bucket has only 0.5.
    clock.set(kStartMs + kMinute);
    const std::vector<promql::Series> rollup = history->selectTier(1, nameIs("ratio"), kStartMs, kStartMs + kSecond);
    QCOMPARE(rollup.size(), std::size_t{1});
    QCOMPARE(rollup[0].samples.size(), std::size_t{1});
    QCOMPARE(rollup[0].samples[0].value, 0.5);
}

void HistoryTest::invalidLabelsSkipped()
{
    // A histogram with its own "le" label cannot be stored as Prometheus
    // series; its metric is skipped and the rest of the scrape is kept.
    prometheus::MetricFamily histogram;
    histogram.name = "clashing_seconds";
    histogram.type = prometheus::MetricType::Histogram;
    prometheus::ClientMetric clashing;
    clashing.label = {{"le", "mine"}};
    clashing.histogram.sample_count = 1;
    clashing.histogram.bucket = {{1, 0.5}};
    histogram.metric.push_back(clashing);

    prometheus::MetricFamily gauge;
    gauge.name = "fine";
    gauge.type = prometheus::MetricType::Gauge;
    prometheus::ClientMetric value;
    value.gauge.value = 3;
    gauge.metric.push_back(value);

    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    QCOMPARE(history->recordScrape({histogram, gauge}, kStartMs), std::size_t{1});
    QVERIFY(history->metricNames() == std::vector<std::string>{"fine"});
}

// --- tiers and rollups ----------------------------------------------------------

namespace {

constexpr std::int64_t kFeedIntervalMs = 10 * kSecond;

/// An 8-day history of a counter (5 per second, reset about 17 minutes
/// before the end) and a gauge (a sine wave), one sample every 10 s, compacted
/// every simulated hour as the recorder would.
struct EightDayHistory {
    HistoryFixture fixture;
    FakeClock clock;
    std::unique_ptr<MetricHistory> history;
    std::int64_t endMs = kStartMs + 8 * kDay;
    std::int64_t resetMs = endMs - 17 * kMinute - 30 * kSecond + 3 * kSecond;

    EightDayHistory()
    {
        history = fixture.open(clock);
        const Labels counter{{"__name__", "events_total"}, {"app", "demo"}};
        const Labels gauge{{"__name__", "temperature"}};
        for (std::int64_t hourStart = kStartMs; hourStart < endMs; hourStart += kHour) {
            promql::Series counterSeries{counter, {}};
            promql::Series gaugeSeries{gauge, {}};
            for (std::int64_t t = hourStart + kFeedIntervalMs; t <= hourStart + kHour; t += kFeedIntervalMs) {
                counterSeries.samples.push_back({t, counterValue(t, resetMs)});
                gaugeSeries.samples.push_back({t, 20 + 5 * std::sin(static_cast<double>(t) / 600'000.0)});
            }
            clock.set(hourStart + kHour);
            history->append({counterSeries, gaugeSeries});
            history->compact();
        }
    }
};

EightDayHistory& eightDayHistory()
{
    static EightDayHistory data;
    return data;
}

std::int64_t oldestSample(const MetricHistory& history, std::size_t tier, const std::string& name, std::int64_t endMs)
{
    const std::vector<promql::Series> series = history.selectTier(tier, nameIs(name), 0, endMs);
    return series.empty() || series[0].samples.empty() ? -1 : series[0].samples.front().timestampMs;
}

} // namespace

void HistoryTest::tiersAfterEightDays()
{
    EightDayHistory& data = eightDayHistory();
    const MetricHistory& history = *data.history;
    const std::int64_t end = data.endMs;

    // Raw samples older than 1 hour (plus the 15-minute margin) are gone.
    const std::int64_t oldestRaw = oldestSample(history, 0, "events_total", end);
    QVERIFY(oldestRaw > 0);
    QVERIFY(oldestRaw >= end - kHour - 15 * kMinute);
    QVERIFY(oldestRaw <= end - kHour);

    // The 1-minute tier reaches back 24 hours and no further.
    const std::int64_t oldestMinute = oldestSample(history, 1, "events_total", end);
    QVERIFY(oldestMinute >= end - kDay - 15 * kMinute - kMinute);
    QVERIFY(oldestMinute <= end - kDay);

    // The 10-minute tier reaches back 7 days; the first day is gone.
    const std::int64_t oldestTenMinutes = oldestSample(history, 2, "events_total", end);
    QVERIFY(oldestTenMinutes >= end - 7 * kDay - 20 * kMinute - 10 * kMinute);
    QVERIFY(oldestTenMinutes <= end - 7 * kDay);

    QCOMPARE(history.tierFor(end - 5 * kMinute), std::size_t{0});
    QCOMPARE(history.tierFor(end - 6 * kHour), std::size_t{1});
    QCOMPARE(history.tierFor(end - 7 * kDay), std::size_t{2});

    // A 7-day chart of 800 points reads the 10-minute tier and has a value at every step.
    const std::int64_t step = 7 * kDay / 800;
    const RangeQueryResult chart = evaluateRange(history, "temperature", end - 7 * kDay, end, step);
    QCOMPARE(chart.tier, std::size_t{2});
    QCOMPARE(chart.resolutionMs, 10 * kMinute);
    QCOMPARE(chart.series.size(), std::size_t{1});
    QCOMPARE(static_cast<std::int64_t>(chart.series[0].samples.size()), chart.steps);
    QCOMPARE(chart.steps, std::int64_t{801});
}

void HistoryTest::rollupRateMatchesRaw_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("tier");

    QTest::newRow("1-minute tier, 30m rate") << "rate(events_total[30m])" << 1;
    QTest::newRow("1-minute tier, 1h rate") << "rate(events_total[1h])" << 1;
    QTest::newRow("1-minute tier, 1h increase") << "increase(events_total[1h])" << 1;
    QTest::newRow("10-minute tier, 1h rate") << "rate(events_total[1h])" << 2;
    QTest::newRow("10-minute tier, 1h increase") << "increase(events_total[1h])" << 2;
}

void HistoryTest::rollupRateMatchesRaw()
{
    QFETCH(QString, expression);
    QFETCH(int, tier);

    EightDayHistory& data = eightDayHistory();
    const std::int64_t end = data.endMs;
    const std::vector<LabelMatcher> matchers = nameIs("events_total");

    promql::MemorySeriesSource raw;
    for (const promql::Series& series : data.history->selectTier(0, matchers, end - 2 * kHour, end))
        raw.append(series);
    promql::MemorySeriesSource rollup;
    for (const promql::Series& series :
         data.history->selectTier(static_cast<std::size_t>(tier), matchers, end - 2 * kHour, end))
        rollup.append(series);

    const double rawValue = singleValue(promql::evaluateQuery(raw, expression.toStdString(), end));
    const double rollupValue = singleValue(promql::evaluateQuery(rollup, expression.toStdString(), end));
    QVERIFY2(std::isfinite(rawValue), qPrintable(QString::number(rawValue)));
    QVERIFY2(std::abs(rollupValue - rawValue) <= 0.01 * std::abs(rawValue),
             qPrintable(QStringLiteral("rollup %1, raw %2").arg(rollupValue).arg(rawValue)));

    // The counter grows 5 per second; the reset inside the window loses at
    // most one 10-second step of growth.
    const bool isRate = expression.startsWith("rate");
    const double perSecond = isRate ? rawValue : rawValue / 3600.0;
    QVERIFY2(perSecond > 4.95 && perSecond <= 5.0 + 1e-9, qPrintable(QString::number(perSecond)));
}

void HistoryTest::bandsKeepMinAndMax()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    const Labels gauge{{"__name__", "cpu"}};
    history->append({promql::Series{gauge,
                                    {{kStartMs + 1 * kSecond, 4},
                                     {kStartMs + 20 * kSecond, 9},
                                     {kStartMs + 40 * kSecond, 1},
                                     {kStartMs + 59 * kSecond, 6}}}});
    clock.set(kStartMs + 2 * kDay);

    const std::vector<BandSeries> bands = history->selectBands(nameIs("cpu"), kStartMs, kStartMs + kMinute);
    QCOMPARE(bands.size(), std::size_t{1});
    QCOMPARE(bands[0].samples.size(), std::size_t{1});
    const BandSample& bucket = bands[0].samples[0];
    QCOMPARE(bucket.timestampMs, kStartMs + 59 * kSecond);
    QCOMPARE(bucket.value, 6.0);
    QCOMPARE(bucket.min, 1.0);
    QCOMPARE(bucket.max, 9.0);
}

// --- PromQL over the history ----------------------------------------------------

namespace {

/// The same samples in a history (raw tier) and in memory: request
/// counters by path and code, a gauge and a latency histogram, one sample
/// every 15 s for 40 minutes.
struct TwinSources {
    HistoryFixture fixture;
    FakeClock clock;
    std::unique_ptr<MetricHistory> history;
    promql::MemorySeriesSource memory;
    std::int64_t endMs = kStartMs + 40 * kMinute;

    TwinSources()
    {
        history = fixture.open(clock);
        clock.set(endMs);
        std::vector<promql::Series> all;
        const char* paths[] = {"/events", "/batch"};
        const char* codes[] = {"200", "500"};
        for (int p = 0; p < 2; ++p) {
            for (int c = 0; c < 2; ++c) {
                all.push_back({Labels{{"__name__", "requests_total"}, {"path", paths[p]}, {"code", codes[c]}}, {}});
            }
        }
        all.push_back({Labels{{"__name__", "queue_depth"}}, {}});
        const char* bounds[] = {"0.05", "0.1", "0.25", "+Inf"};
        for (const char* le : bounds)
            all.push_back({Labels{{"__name__", "latency_seconds_bucket"}, {"le", le}}, {}});

        for (std::int64_t t = kStartMs; t <= endMs; t += 15 * kSecond) {
            const double minutes = static_cast<double>(t - kStartMs) / kMinute;
            for (int i = 0; i < 4; ++i) {
                // Path /batch code 500 restarts from zero after 25 minutes.
                double value = (i + 1) * 7.0 * minutes;
                if (i == 3 && minutes >= 25)
                    value = 28.0 * (minutes - 25);
                all[static_cast<std::size_t>(i)].samples.push_back({t, value});
            }
            all[4].samples.push_back({t, 50 + 30 * std::sin(minutes / 3)});
            const double cumulative[] = {60 * minutes, 90 * minutes, 99 * minutes, 100 * minutes};
            for (int b = 0; b < 4; ++b)
                all[5 + static_cast<std::size_t>(b)].samples.push_back({t, cumulative[b]});
        }
        // The gauge disappears for 10 minutes with a staleness marker.
        all[4].samples.push_back({kStartMs + 20 * kMinute + 5 * kSecond, promql::staleMarker()});
        std::erase_if(all[4].samples, [](const promql::Sample& s) {
            return s.timestampMs > kStartMs + 20 * kMinute + 5 * kSecond && s.timestampMs < kStartMs + 30 * kMinute;
        });
        std::sort(all[4].samples.begin(), all[4].samples.end(),
                  [](const auto& a, const auto& b) { return a.timestampMs < b.timestampMs; });

        history->append(all);
        for (const promql::Series& series : all)
            memory.append(series);
    }
};

void addExpressionRows()
{
    QTest::addColumn<QString>("expression");

    QTest::newRow("selector") << "requests_total";
    QTest::newRow("regex matcher") << R"(requests_total{code=~"5.."})";
    QTest::newRow("rate by path") << "sum by (path) (rate(requests_total[5m]))";
    QTest::newRow("rate across reset") << R"(rate(requests_total{path="/batch", code="500"}[10m]))";
    QTest::newRow("error ratio") << R"(sum(rate(requests_total{code="500"}[5m])) / sum(rate(requests_total[5m])))";
    QTest::newRow("gauge with staleness") << "queue_depth";
    QTest::newRow("max over time") << "max_over_time(queue_depth[10m])";
    QTest::newRow("offset") << "requests_total offset 10m";
    QTest::newRow("histogram quantile") << "histogram_quantile(0.95, sum by (le) (rate(latency_seconds_bucket[5m])))";
    QTest::newRow("scalar arithmetic") << "scalar(sum(requests_total)) * 2";
}

} // namespace

void HistoryTest::promqlMatchesMemorySource_data()
{
    addExpressionRows();
}

void HistoryTest::promqlMatchesMemorySource()
{
    QFETCH(QString, expression);
    static TwinSources sources;

    for (std::int64_t t = kStartMs + 5 * kMinute; t <= sources.endMs; t += 7 * kMinute + 5 * kSecond) {
        const QStringList fromHistory = describe(promql::evaluateQuery(*sources.history, expression.toStdString(), t));
        const QStringList fromMemory = describe(promql::evaluateQuery(sources.memory, expression.toStdString(), t));
        QCOMPARE(fromHistory, fromMemory);
    }
}

void HistoryTest::rangeQueryMatchesMemorySource_data()
{
    addExpressionRows();
}

void HistoryTest::rangeQueryMatchesMemorySource()
{
    QFETCH(QString, expression);
    static TwinSources sources;

    const std::int64_t start = kStartMs + 2 * kMinute;
    const RangeQueryResult fromHistory =
        evaluateRange(*sources.history, expression.toStdString(), start, sources.endMs, 30 * kSecond);
    const RangeQueryResult fromMemory =
        evaluateRange(sources.memory, expression.toStdString(), start, sources.endMs, 30 * kSecond);
    QCOMPARE(fromHistory.tier, std::size_t{0});
    QCOMPARE(fromHistory.steps, fromMemory.steps);
    QVERIFY(!fromHistory.series.empty());
    QCOMPARE(describe(fromHistory), describe(fromMemory));

    // Each step of the range query equals an instant query at that time.
    const std::int64_t probe = start + 17 * 30 * kSecond;
    const promql::Value instantValue = promql::evaluateQuery(sources.memory, expression.toStdString(), probe);
    const bool scalar = std::holds_alternative<double>(instantValue);
    const QStringList instant = describe(instantValue);
    QStringList atProbe;
    for (const promql::Series& series : fromHistory.series) {
        for (const promql::Sample& sample : series.samples) {
            if (sample.timestampMs == probe) {
                const QString labels =
                    scalar ? QStringLiteral("scalar") : QString::fromStdString(series.labels.toString());
                atProbe << labels + " " + QString::number(sample.value, 'g', 17);
            }
        }
    }
    atProbe.sort();
    QCOMPARE(atProbe, instant);
}

void HistoryTest::rangeQueryRateInterval()
{
    TwinSources sources;
    RangeQueryOptions options;
    options.sampleIntervalMs = 15 * kSecond;
    // Step 30 s: $__rate_interval is max(30 s + 15 s, 4 x 15 s) = 1 minute.
    const RangeQueryResult withPlaceholder = evaluateRange(sources.memory, "rate(requests_total[$__rate_interval])",
                                                           kStartMs + 5 * kMinute, sources.endMs, 30 * kSecond, options);
    const RangeQueryResult written = evaluateRange(sources.memory, "rate(requests_total[1m])", kStartMs + 5 * kMinute,
                                                   sources.endMs, 30 * kSecond, options);
    QCOMPARE(describe(withPlaceholder), describe(written));

    const RangeQueryResult interval =
        evaluateRange(sources.memory, "count_over_time(queue_depth[$__interval])", kStartMs + 5 * kMinute,
                      kStartMs + 10 * kMinute, 30 * kSecond, options);
    QCOMPARE(interval.series.size(), std::size_t{1});
    // A closed 30-second window contains three 15-second samples.
    QCOMPARE(interval.series[0].samples.front().value, 3.0);
}

void HistoryTest::rangeQueryRejectsBadRange_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("end before start") << "queue_depth" << qint64(kStartMs + kHour) << qint64(kStartMs) << qint64(kSecond)
                                      << "before its start";
    QTest::newRow("zero step") << "queue_depth" << qint64(kStartMs) << qint64(kStartMs + kHour) << qint64(0)
                               << "must be positive";
    QTest::newRow("too many steps") << "queue_depth" << qint64(kStartMs) << qint64(kStartMs + kDay) << qint64(kSecond)
                                    << "use a longer step";
    QTest::newRow("range vector result") << "queue_depth[5m]" << qint64(kStartMs) << qint64(kStartMs + kHour)
                                         << qint64(kMinute) << "range vector";
    QTest::newRow("syntax error") << "sum(" << qint64(kStartMs) << qint64(kStartMs + kHour) << qint64(kMinute) << "";
}

void HistoryTest::rangeQueryRejectsBadRange()
{
    QFETCH(QString, expression);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(qint64, step);
    QFETCH(QString, messagePart);

    promql::MemorySeriesSource memory;
    try {
        evaluateRange(memory, expression.toStdString(), start, end, step);
        QFAIL("the range query was accepted");
    } catch (const std::exception& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(messagePart), error.what());
    }
}

void HistoryTest::histogramQuantileOverHistory_data()
{
    QTest::addColumn<double>("quantile");
    QTest::addColumn<double>("expected");

    // 100 observations: 50 in (0, 0.1], 30 in (0.1, 0.2], 20 in (0.2, 0.5].
    QTest::newRow("median") << 0.5 << 0.1;
    QTest::newRow("p75") << 0.75 << 0.1 + 0.1 * 25.0 / 30.0;
    QTest::newRow("p90") << 0.9 << 0.2 + 0.3 * 10.0 / 20.0;
    QTest::newRow("p99") << 0.99 << 0.2 + 0.3 * 19.0 / 20.0;
}

void HistoryTest::histogramQuantileOverHistory()
{
    QFETCH(double, quantile);
    QFETCH(double, expected);

    HistoryFixture fixture;
    FakeClock clock;
    auto registry = std::make_shared<prometheus::Registry>();
    auto& latency = prometheus::BuildHistogram()
                        .Name("attribution_event_processing_duration_seconds")
                        .Help("latency")
                        .Register(*registry)
                        .Add({}, prometheus::Histogram::BucketBoundaries{0.1, 0.2, 0.5, 1.0});
    auto history = fixture.open(clock);
    HistoryRecorder recorder(*history, {registry});

    recorder.scrapeOnce();
    for (int i = 0; i < 50; ++i)
        latency.Observe(0.05);
    for (int i = 0; i < 30; ++i)
        latency.Observe(0.15);
    for (int i = 0; i < 20; ++i)
        latency.Observe(0.3);
    clock.set(kStartMs + kMinute);
    recorder.scrapeOnce();

    const std::string expression = "histogram_quantile(" + std::to_string(quantile)
        + ", sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[2m])))";
    const double value = singleValue(promql::evaluateQuery(*history, expression, kStartMs + kMinute));
    QVERIFY2(std::abs(value - expected) < 1e-9, qPrintable(QStringLiteral("got %1, expected %2").arg(value).arg(expected)));

    const double count =
        singleValue(promql::evaluateQuery(*history, "attribution_event_processing_duration_seconds_count", kStartMs + kMinute));
    QCOMPARE(count, 100.0);
}

// --- growth and limits -----------------------------------------------------------

void HistoryTest::growthStopsAtRetention()
{
    HistoryFixture fixture;
    FakeClock clock;
    MetricHistoryOptions options;
    options.tiers = {{0, 10 * kMinute}, {kMinute, kHour}, {10 * kMinute, 6 * kHour}};
    options.scrapeIntervalMs = 10 * kSecond;
    auto history = fixture.open(clock, options);

    // Two steady series, and one short-lived series per hour (a label value
    // that comes and goes) whose rows must disappear with the retention.
    std::vector<HistoryStats> hourly;
    for (int hour = 0; hour < 14; ++hour) {
        for (int tick = 1; tick <= 360; ++tick) {
            const std::int64_t t = kStartMs + hour * kHour + tick * 10 * kSecond;
            std::vector<promql::Series> batch = {
                {Labels{{"__name__", "events_total"}}, {{t, 5.0 * static_cast<double>(t - kStartMs) / 1000.0}}},
                {Labels{{"__name__", "memory_bytes"}}, {{t, 1e9 + static_cast<double>(tick)}}},
                {Labels{{"__name__", "batch_progress"}, {"batch", std::to_string(hour)}}, {{t, static_cast<double>(tick)}}},
            };
            clock.set(t);
            history->append(batch);
            if (tick % 60 == 0)
                history->compact();
        }
        hourly.push_back(history->stats());
    }

    // Retention is full after 6 hours + 20 minutes of margin; from hour 8 on,
    // every hourly snapshot has the same rows.
    const HistoryStats& full = hourly[7];
    for (std::size_t hour = 8; hour < hourly.size(); ++hour) {
        QVERIFY2(hourly[hour].samplesPerTier == full.samplesPerTier,
                 qPrintable(QStringLiteral("hour %1: raw %2, 1-minute %3, 10-minute %4 samples")
                                .arg(hour)
                                .arg(hourly[hour].samplesPerTier[0])
                                .arg(hourly[hour].samplesPerTier[1])
                                .arg(hourly[hour].samplesPerTier[2])));
        QCOMPARE(hourly[hour].series, full.series);
        QVERIFY2(hourly[hour].usedPages <= full.usedPages + full.usedPages / 4,
                 qPrintable(QStringLiteral("hour %1: %2 pages in use, %3 at hour 7")
                                .arg(hour)
                                .arg(hourly[hour].usedPages)
                                .arg(full.usedPages)));
    }
    // Raw: 10 minutes + 15 minutes of margin, both ends included, for 3 series.
    QCOMPARE(full.samplesPerTier[0], std::int64_t{3 * (25 * 6 + 1)});
    // The two steady series and the 7 latest hourly batches, whose last
    // 10-minute bucket is still inside 6 hours + 20 minutes of margin.
    QCOMPARE(full.series, std::size_t{2 + 7});
}

void HistoryTest::seriesLimitDropsNewSeries()
{
    HistoryFixture fixture;
    FakeClock clock;
    MetricHistoryOptions options;
    options.maxSeries = 3;
    auto history = fixture.open(clock, options);

    auto registry = std::make_shared<prometheus::Registry>();
    auto& family = prometheus::BuildCounter().Name("events_total").Help("events").Register(*registry);
    for (int app = 0; app < 5; ++app)
        family.Add({{"app_id", "app" + std::to_string(app)}}).Increment(app + 1);

    const std::size_t written = history->recordScrape(registry->Collect(), kStartMs);
    QCOMPARE(written, std::size_t{3});
    const HistoryStats stats = history->stats();
    QCOMPARE(stats.series, std::size_t{3});
    QCOMPARE(stats.droppedSamples, std::uint64_t{2});

    // Stored series keep recording.
    QCOMPARE(history->recordScrape(registry->Collect(), kStartMs + kSecond), std::size_t{3});
}

void HistoryTest::invalidOptionsRejected_data()
{
    QTest::addColumn<int>("problem");
    QTest::newRow("no tiers") << 0;
    QTest::newRow("first tier not raw") << 1;
    QTest::newRow("tier not coarser") << 2;
    QTest::newRow("retention not longer") << 3;
    QTest::newRow("zero series limit") << 4;
}

void HistoryTest::invalidOptionsRejected()
{
    QFETCH(int, problem);
    MetricHistoryOptions options;
    switch (problem) {
    case 0: options.tiers.clear(); break;
    case 1: options.tiers = {{kMinute, kHour}}; break;
    case 2: options.tiers = {{0, kHour}, {kMinute, kDay}, {kMinute, 7 * kDay}}; break;
    case 3: options.tiers = {{0, kHour}, {kMinute, kHour}}; break;
    case 4: options.maxSeries = 0; break;
    }
    HistoryFixture fixture;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MetricHistory(fixture.path(), options));
}

void HistoryTest::appendRequiresMetricName()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    const std::vector<promql::Series> batch = {
        {Labels{{"__name__", "fine"}}, {{kStartMs, 1}}},
        {Labels{{"job", "x"}}, {{kStartMs, 1}}},
    };
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, history->append(batch));
    // Nothing of the rejected batch was written.
    QCOMPARE(history->stats().series, std::size_t{0});
}

// --- threads ---------------------------------------------------------------------

void HistoryTest::readersRunDuringWrites()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    clock.set(kStartMs + kHour);

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::atomic<std::int64_t> reads{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < 3; ++i) {
        readers.emplace_back([&] {
            while (!done.load()) {
                try {
                    evaluateRange(*history, "sum(rate(events_total[1m]))", kStartMs, kStartMs + kHour, kMinute);
                    ++reads;
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (int second = 1; second <= 600; ++second) {
        const std::int64_t t = kStartMs + second * kSecond;
        std::vector<promql::Series> batch;
        for (int app = 0; app < 20; ++app)
            batch.push_back({Labels{{"__name__", "events_total"}, {"app", std::to_string(app)}}, {{t, second * 1.0}}});
        history->append(batch);
    }
    // Keep writing until every reader has finished at least a few reads.
    while (reads.load() < 6)
        history->append({{Labels{{"__name__", "events_total"}, {"app", "0"}}, {{kStartMs + 601 * kSecond, 601}}}});
    done = true;
    for (std::thread& reader : readers)
        reader.join();

    QCOMPARE(failures.load(), 0);
    const RangeQueryResult result =
        evaluateRange(*history, "sum(rate(events_total[1m]))", kStartMs + 5 * kMinute, kStartMs + 9 * kMinute, kMinute);
    QCOMPARE(result.series.size(), std::size_t{1});
    // 20 series each growing 1 per second.
    QVERIFY(std::abs(result.series[0].samples.front().value - 20.0) < 1e-9);
}

void HistoryTest::recorderScrapesOnItsThread()
{
    HistoryFixture fixture;
    auto history = std::make_unique<MetricHistory>(fixture.path());
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::Counter& counter =
        prometheus::BuildCounter().Name("ticks_total").Help("ticks").Register(*registry).Add({});
    counter.Increment(5);

    HistoryRecorderOptions options;
    options.scrapeInterval = std::chrono::milliseconds(20);
    options.compactionInterval = std::chrono::milliseconds(50);
    HistoryRecorder recorder(*history, {registry}, options);
    QVERIFY(!recorder.isRunning());
    recorder.start();
    QVERIFY(recorder.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(recorder.stats().scrapes >= 3 && recorder.stats().compactions >= 1, 30'000);
    recorder.stop();
    QVERIFY(!recorder.isRunning());

    const HistoryRecorderStats stats = recorder.stats();
    QCOMPARE(stats.failures, std::uint64_t{0});
    QCOMPARE(stats.samples, stats.scrapes);
    QVERIFY(stats.lastError.empty());

    const std::vector<promql::Series> series =
        history->selectTier(0, nameIs("ticks_total"), 0, std::numeric_limits<std::int64_t>::max());
    QCOMPARE(series.size(), std::size_t{1});
    QCOMPARE(static_cast<std::uint64_t>(series[0].samples.size()), stats.scrapes);
    QCOMPARE(series[0].samples.back().value, 5.0);

    // Stopping twice and restarting are both allowed.
    recorder.stop();
    recorder.start();
    QVERIFY(recorder.isRunning());
}

void HistoryTest::recorderCountsFailures()
{
    HistoryFixture fixture;
    FakeClock clock;
    auto history = fixture.open(clock);
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::BuildGauge().Name("g").Help("g").Register(*registry).Add({}).Set(1);

    // A second connection holds the write lock, so the recorder's write fails after the busy timeout.
    HistoryRecorderOptions options;
    options.scrapeInterval = std::chrono::milliseconds(10);
    HistoryRecorder recorder(*history, {registry}, options);
    detail::SqliteDatabase blocker(fixture.path());
    blocker.begin();
    recorder.start();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.stats().failures >= 1, 60'000);
    blocker.rollback();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.stats().scrapes >= 1, 60'000);
    recorder.stop();

    const HistoryRecorderStats stats = recorder.stats();
    QVERIFY(stats.lastError.find("history.db") != std::string::npos);
    QVERIFY(history->selectTier(0, nameIs("g"), 0, kStartMs).size() == 1);
}

QTEST_GUILESS_MAIN(HistoryTest)
#include "tst_history.moc"
