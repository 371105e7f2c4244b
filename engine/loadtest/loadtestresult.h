#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loadtest/loadtestprofile.h"
#include "metrics/enginemetrics.h"

namespace umg {

/// The measured figures of a load test. Rates are per second, latencies in
/// milliseconds, shares in percent, memory in bytes. Counts are numbers of
/// events unless the name says otherwise.
enum class Figure {
    SendSeconds,            ///< time spent sending, ramp-up included
    OfferedRate,            ///< events sent per second of sending
    Throughput,             ///< events the target processed per second after the ramp-up
    PeakThroughput,         ///< highest processing rate over one sampling interval
    LatencyP50,             ///< processing latency percentiles over the run
    LatencyP75,
    LatencyP90,
    LatencyP95,
    LatencyP99,
    SuccessRate,            ///< events the target processed without rejecting them, of all it processed
    ErrorRate,              ///< events sent that the target did not accept (rejected or failed), of all sent
    Accuracy,               ///< installs attributed to their true source, of installs with a known source
    Availability,           ///< sampling intervals in which the target responded
    CpuCores,               ///< average CPU use of the target's process, in cores
    PeakCpuCores,           ///< highest CPU use over one sampling interval
    TesterCpuCores,         ///< average CPU use of the process that runs the load test
    BaselineResidentBytes,  ///< resident memory of the target's process at the start
    PeakResidentBytes,      ///< highest resident memory sampled during the run
    ResidentGrowthBytes,    ///< peak minus baseline
    TrackedDevices,         ///< devices with attribution state in the target at the end
    PeakBytesPerMillionDevices, ///< peak resident memory per million tracked devices
    MaxQueueDepth,          ///< most events waiting in the target's worker queues at a sample
    QueueCapacity,          ///< capacity of those queues
    BackpressureWaits,      ///< submissions that waited for queue space in the target
    BusyResponses,          ///< busy responses (HTTP 503) the load test received and retried
    EventsSent,             ///< events in batches sent at least once
    EventsAccepted,         ///< events the target acknowledged as accepted
    EventsDuplicate,        ///< events acknowledged as repeats within their request
    EventsRejected,         ///< events the target received and rejected as invalid
    EventsFailed,           ///< events whose batch never got an acknowledgement
    EventsBehindSchedule,   ///< events left out because sending fell more than a second behind the rate
    TargetEventsProcessed,  ///< increase of the target's own processed counter
    TargetEventsAccepted,   ///< increase of the target's accepted counter
    TargetEventsRejected,   ///< increase of the target's rejected counter
    InstallsSent,           ///< installs in acknowledged batches
    TargetInstalls,         ///< increase of the target's install decisions
    ReferenceInstalls,      ///< increase of the target's installs with a reference attribution
    ReferenceAgreements,    ///< of those, the ones whose decision agrees with it
    Count
};
inline constexpr std::size_t kFigureCount = static_cast<std::size_t>(Figure::Count);

/// Direction in which a figure improves, for comparisons.
enum class Better { Higher, Lower, Neither };

/// Name, unit and format of a figure.
struct FigureInfo {
    Figure figure;
    std::string_view key;   ///< snake_case: JSON key and database column
    std::string_view name;  ///< English label for the command line
    std::string_view unit;  ///< `events/s`, `ms`, `%`, `cores`, `bytes` or `events`
    int decimals;
    Better better;
};

/// Returns the description of `figure`.
const FigureInfo& figureInfo(Figure figure);

/// All figures of a run; NaN marks a figure that could not be measured.
class LoadTestFigures {
public:
    LoadTestFigures() { m_values.fill(std::nan("")); }
    double& operator[](Figure figure) { return m_values[static_cast<std::size_t>(figure)]; }
    double operator[](Figure figure) const { return m_values[static_cast<std::size_t>(figure)]; }

private:
    std::array<double, kFigureCount> m_values;
};

/// The platform's targets that a load test validates.
enum class Check { Throughput, LatencyP95, LatencyP99, ErrorRate, SuccessRate, Accuracy, Availability, Count };
inline constexpr std::size_t kCheckCount = static_cast<std::size_t>(Check::Count);

enum class Comparison {
    AtLeast, ///< measured >= target
    Below,   ///< measured < target
    Above,   ///< measured > target
};

struct CheckInfo {
    Check check;
    std::string_view key;
    std::string_view name;
    Figure figure;
    Comparison comparison;
    double target;
};

/// Returns the target of `check`: throughput at least 1,000,000 events/s,
/// P95 below 100 ms, P99 below 200 ms, error rate below 0.1 %, success rate
/// at least 99.9 %, attribution accuracy above 99 %, availability at least 99.9 %.
const CheckInfo& checkInfo(Check check);

/// Returns `≥ 1,000,000 events/s`-like text for a check's target.
std::string targetText(const CheckInfo& info);

/// One row of a validation summary.
struct CheckResult {
    Check check = Check::Throughput;
    double measured = std::nan("");
    /// False when the target was missed or the figure could not be measured.
    bool passed = false;
};

/// Evaluates every check against `figures`.
std::vector<CheckResult> evaluateChecks(const LoadTestFigures& figures);

/// Outcome of a run.
enum class LoadTestOutcome {
    Completed, ///< ran for its whole duration
    Stopped,   ///< stopped early on request
    Failed,    ///< could not start, or the target failed under it
    Count
};
std::string_view toString(LoadTestOutcome outcome);
/// Parses the text toString() writes; Failed for anything else.
LoadTestOutcome parseOutcome(std::string_view text);

/// Figures of one sampling interval, for progress displays and charts.
struct LoadTestSample {
    double elapsedSeconds = 0;
    double scheduledRate = 0;       ///< rate the schedule asked for at this moment
    double sentPerSecond = 0;       ///< over the interval
    double processedPerSecond = 0;  ///< by the target, over the interval; NaN when it did not respond
    /// Processing latency over the run so far; NaN before the first event.
    double latencyP50Ms = std::nan("");
    double latencyP75Ms = std::nan("");
    double latencyP90Ms = std::nan("");
    double latencyP95Ms = std::nan("");
    double latencyP99Ms = std::nan("");
    /// Over the run so far, as the figures of the same names.
    double successRatePercent = std::nan("");
    double errorRatePercent = std::nan("");
    double cpuCores = std::nan("");
    double residentBytes = std::nan("");
    double queueDepth = std::nan("");
    /// The target's backpressure waits and busy rejections per second.
    double backpressurePerSecond = 0;
    bool targetAvailable = false;
};

/// A finished load test: its effective settings, outcome, figures, checks
/// and samples.
struct LoadTestResult {
    /// Row id in a LoadTestStore; 0 until stored.
    std::int64_t id = 0;
    /// The settings as run: a seed of 0 is replaced by the seed used.
    LoadTestProfile profile;
    std::string targetDescription;
    std::int64_t startedAtMs = 0;  ///< UTC, ms since the Unix epoch
    std::int64_t finishedAtMs = 0;
    LoadTestOutcome outcome = LoadTestOutcome::Failed;
    /// Summary of what happened, in one or two sentences.
    std::string message;
    /// Source of the latency percentiles: `engine histogram` when the target
    /// counted only this run's events, else `interpolated buckets` (as
    /// Prometheus' histogram_quantile() estimates them).
    std::string latencyMethod;
    LoadTestFigures figures;
    std::vector<CheckResult> checks;
    std::vector<LoadTestSample> samples;

    /// True when the run completed and every check passed.
    bool passed() const;
};

/// The `--summary-json` document: run, settings, checks and figures.
std::string summaryJson(const LoadTestResult& result);

/// The validation summary and the main figures as aligned plain text.
std::string summaryTable(const LoadTestResult& result);

/// Formats `value` with `decimals` decimals and thousands separators.
std::string formatFigure(double value, int decimals);

/// One figure of two runs side by side.
struct ComparisonRow {
    Figure figure = Figure::Count;
    double first = std::nan("");
    double second = std::nan("");
    /// second - first; NaN when either is missing.
    double difference = std::nan("");
    /// difference relative to first, in percent; NaN when first is 0 or missing.
    double changePercent = std::nan("");
    /// -1 when the first run is better, 1 when the second is, 0 when equal or
    /// the figure has no better direction.
    int better = 0;
};

/// Compares every figure of two runs.
std::vector<ComparisonRow> compareResults(const LoadTestResult& first, const LoadTestResult& second);

/// Estimates the `quantile` (0..1) of a latency histogram with per-bucket
/// counts and bounds EngineMetrics::kLatencyBounds, in milliseconds, by
/// linear interpolation inside the bucket as Prometheus'
/// histogram_quantile() does. NaN for an empty histogram.
double latencyQuantileMs(const std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount>& buckets,
                        double quantile);

} // namespace umg
