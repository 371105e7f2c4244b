#include "loadtest/loadtestresult.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "model/timestamp.h"
#include "util/jsonwriter.h"

namespace umg {
namespace {

constexpr std::array<FigureInfo, kFigureCount> kFigures = {{
    {Figure::SendSeconds, "send_seconds", "Sending time", "s", 1, Better::Neither},
    {Figure::OfferedRate, "offered_rate", "Offered rate", "events/s", 0, Better::Neither},
    {Figure::Throughput, "throughput", "Event throughput", "events/s", 0, Better::Higher},
    {Figure::PeakThroughput, "peak_throughput", "Peak throughput", "events/s", 0, Better::Higher},
    {Figure::LatencyP50, "latency_p50_ms", "P50 processing latency", "ms", 2, Better::Lower},
    {Figure::LatencyP75, "latency_p75_ms", "P75 processing latency", "ms", 2, Better::Lower},
    {Figure::LatencyP90, "latency_p90_ms", "P90 processing latency", "ms", 2, Better::Lower},
    {Figure::LatencyP95, "latency_p95_ms", "P95 processing latency", "ms", 2, Better::Lower},
    {Figure::LatencyP99, "latency_p99_ms", "P99 processing latency", "ms", 2, Better::Lower},
    {Figure::SuccessRate, "success_rate_percent", "Success rate", "%", 3, Better::Higher},
    {Figure::ErrorRate, "error_rate_percent", "Error rate", "%", 3, Better::Lower},
    {Figure::Accuracy, "accuracy_percent", "Attribution accuracy", "%", 3, Better::Higher},
    {Figure::Availability, "availability_percent", "Target availability", "%", 2, Better::Higher},
    {Figure::CpuCores, "cpu_cores", "CPU use of the target", "cores", 2, Better::Lower},
    {Figure::PeakCpuCores, "peak_cpu_cores", "Peak CPU use of the target", "cores", 2, Better::Lower},
    {Figure::TesterCpuCores, "tester_cpu_cores", "CPU use of the load test process", "cores", 2, Better::Neither},
    {Figure::BaselineResidentBytes, "baseline_resident_bytes", "Resident memory at the start", "bytes", 0,
     Better::Neither},
    {Figure::PeakResidentBytes, "peak_resident_bytes", "Peak resident memory", "bytes", 0, Better::Lower},
    {Figure::ResidentGrowthBytes, "resident_growth_bytes", "Resident memory growth", "bytes", 0, Better::Lower},
    {Figure::TrackedDevices, "tracked_devices", "Tracked devices", "devices", 0, Better::Neither},
    {Figure::PeakBytesPerMillionDevices, "peak_bytes_per_million_devices", "Peak memory per million devices",
     "bytes", 0, Better::Lower},
    {Figure::MaxQueueDepth, "max_queue_depth", "Deepest worker queues", "events", 0, Better::Lower},
    {Figure::QueueCapacity, "queue_capacity", "Queue capacity", "events", 0, Better::Neither},
    {Figure::BackpressureWaits, "backpressure_waits", "Backpressure waits", "submissions", 0, Better::Lower},
    {Figure::BusyResponses, "busy_responses", "Busy responses retried", "responses", 0, Better::Lower},
    {Figure::EventsSent, "events_sent", "Events sent", "events", 0, Better::Neither},
    {Figure::EventsAccepted, "events_accepted", "Events accepted", "events", 0, Better::Neither},
    {Figure::EventsDuplicate, "events_duplicate", "Events repeated within a request", "events", 0,
     Better::Neither},
    {Figure::EventsRejected, "events_rejected", "Events rejected", "events", 0, Better::Lower},
    {Figure::EventsFailed, "events_failed", "Events failed", "events", 0, Better::Lower},
    {Figure::EventsBehindSchedule, "events_behind_schedule", "Events behind schedule", "events", 0, Better::Lower},
    {Figure::TargetEventsProcessed, "target_events_processed", "Events processed (target's count)", "events", 0,
     Better::Neither},
    {Figure::TargetEventsAccepted, "target_events_accepted", "Events accepted (target's count)", "events", 0,
     Better::Neither},
    {Figure::TargetEventsRejected, "target_events_rejected", "Events rejected (target's count)", "events", 0,
     Better::Lower},
    {Figure::InstallsSent, "installs_sent", "Installs sent", "installs", 0, Better::Neither},
    {Figure::TargetInstalls, "target_installs", "Installs decided (target's count)", "installs", 0,
     Better::Neither},
    {Figure::ReferenceInstalls, "reference_installs", "Installs with a known source", "installs", 0,
     Better::Neither},
    {Figure::ReferenceAgreements, "reference_agreements", "Installs credited to their source", "installs", 0,
     Better::Neither},
}};

constexpr std::array<CheckInfo, kCheckCount> kChecks = {{
    {Check::Throughput, "throughput", "Event throughput", Figure::Throughput, Comparison::AtLeast, 1'000'000},
    {Check::LatencyP95, "latency_p95", "P95 processing latency", Figure::LatencyP95, Comparison::Below, 100},
    {Check::LatencyP99, "latency_p99", "P99 processing latency", Figure::LatencyP99, Comparison::Below, 200},
    {Check::ErrorRate, "error_rate", "Error rate", Figure::ErrorRate, Comparison::Below, 0.1},
    {Check::SuccessRate, "success_rate", "Success rate", Figure::SuccessRate, Comparison::AtLeast, 99.9},
    {Check::Accuracy, "accuracy", "Attribution accuracy", Figure::Accuracy, Comparison::Above, 99},
    {Check::Availability, "availability", "Target availability", Figure::Availability, Comparison::AtLeast, 99.9},
}};

constexpr bool tablesInOrder()
{
    for (std::size_t i = 0; i < kFigures.size(); ++i) {
        if (static_cast<std::size_t>(kFigures[i].figure) != i)
            return false;
    }
    for (std::size_t i = 0; i < kChecks.size(); ++i) {
        if (static_cast<std::size_t>(kChecks[i].check) != i)
            return false;
    }
    return true;
}
static_assert(tablesInOrder(), "kFigures and kChecks must list their enumerators in order");

std::string_view comparisonKey(Comparison comparison)
{
    switch (comparison) {
    case Comparison::AtLeast:
        return "at_least";
    case Comparison::Below:
        return "below";
    case Comparison::Above:
        return "above";
    }
    return "";
}

std::string_view comparisonWords(Comparison comparison)
{
    switch (comparison) {
    case Comparison::AtLeast:
        return "at least";
    case Comparison::Below:
        return "below";
    case Comparison::Above:
        return "above";
    }
    return "";
}

// A figure with its unit, memory in MiB.
std::string figureText(const FigureInfo& info, double value)
{
    if (std::isnan(value))
        return "not measured";
    if (info.unit == "bytes")
        return formatFigure(value / 1048576.0, 1) + " MiB";
    return formatFigure(value, info.decimals) + (info.unit.empty() ? "" : " " + std::string(info.unit));
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

} // namespace

const FigureInfo& figureInfo(Figure figure)
{
    if (figure == Figure::Count)
        throw std::out_of_range("Figure::Count names no figure");
    return kFigures[static_cast<std::size_t>(figure)];
}

const CheckInfo& checkInfo(Check check)
{
    if (check == Check::Count)
        throw std::out_of_range("Check::Count names no check");
    return kChecks[static_cast<std::size_t>(check)];
}

std::string targetText(const CheckInfo& info)
{
    const FigureInfo& figure = figureInfo(info.figure);
    const int decimals = info.target == std::floor(info.target) ? 0 : 1;
    return std::string(comparisonWords(info.comparison)) + " " + formatFigure(info.target, decimals) + " "
        + std::string(figure.unit);
}

std::vector<CheckResult> evaluateChecks(const LoadTestFigures& figures)
{
    std::vector<CheckResult> results;
    for (const CheckInfo& info : kChecks) {
        CheckResult result;
        result.check = info.check;
        result.measured = figures[info.figure];
        // NaN compares false, so a figure that was not measured fails.
        switch (info.comparison) {
        case Comparison::AtLeast:
            result.passed = result.measured >= info.target;
            break;
        case Comparison::Below:
            result.passed = result.measured < info.target;
            break;
        case Comparison::Above:
            result.passed = result.measured > info.target;
            break;
        }
        results.push_back(result);
    }
    return results;
}

std::string_view toString(LoadTestOutcome outcome)
{
    switch (outcome) {
    case LoadTestOutcome::Completed:
        return "completed";
    case LoadTestOutcome::Stopped:
        return "stopped";
    case LoadTestOutcome::Failed:
        return "failed";
    case LoadTestOutcome::Count:
        break;
    }
    return "failed";
}

LoadTestOutcome parseOutcome(std::string_view text)
{
    if (text == "completed")
        return LoadTestOutcome::Completed;
    if (text == "stopped")
        return LoadTestOutcome::Stopped;
    return LoadTestOutcome::Failed;
}

bool LoadTestResult::passed() const
{
    if (outcome != LoadTestOutcome::Completed || checks.empty())
        return false;
    return std::all_of(checks.begin(), checks.end(), [](const CheckResult& check) { return check.passed; });
}

std::string formatFigure(double value, int decimals)
{
    if (std::isnan(value))
        return "-";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::max(decimals, 0), std::abs(value));
    std::string digits(buffer);
    const std::size_t point = digits.find('.');
    std::string whole = digits.substr(0, point);
    const std::string fraction = point == std::string::npos ? std::string() : digits.substr(point);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3)
        whole.insert(static_cast<std::size_t>(i), ",");
    const bool negative = value < 0 && digits.find_first_of("123456789") != std::string::npos;
    return (negative ? "-" : "") + whole + fraction;
}

std::string summaryJson(const LoadTestResult& result)
{
    JsonWriter json(true);
    json.beginObject();
    if (result.id > 0)
        json.key("id").value(result.id);
    json.key("profile");
    writeProfileJson(json, result.profile);
    json.key("target").value(result.targetDescription);
    json.key("started_at").value(formatRfc3339(result.startedAtMs));
    json.key("finished_at").value(formatRfc3339(result.finishedAtMs));
    json.key("outcome").value(toString(result.outcome));
    json.key("message").value(result.message);
    json.key("passed").value(result.passed());
    json.key("latency_method").value(result.latencyMethod);

    json.key("checks").beginArray();
    for (const CheckResult& check : result.checks) {
        const CheckInfo& info = checkInfo(check.check);
        json.beginObject();
        json.key("check").value(info.key);
        json.key("name").value(info.name);
        json.key("figure").value(figureInfo(info.figure).key);
        json.key("comparison").value(comparisonKey(info.comparison));
        json.key("target").value(info.target);
        json.key("measured").value(check.measured);
        json.key("unit").value(figureInfo(info.figure).unit);
        json.key("passed").value(check.passed);
        json.endObject();
    }
    json.endArray();

    json.key("figures").beginObject();
    for (const FigureInfo& info : kFigures)
        json.key(info.key).value(result.figures[info.figure]);
    json.endObject();
    json.endObject();
    return json.str() + "\n";
}

std::string summaryTable(const LoadTestResult& result)
{
    std::string out;
    out += "Load test \"" + result.profile.name + "\" against " + result.targetDescription + ": "
        + std::string(toString(result.outcome)) + "\n";
    if (!result.message.empty())
        out += result.message + "\n";
    out += "\n";

    constexpr std::size_t kNameWidth = 34;
    constexpr std::size_t kTargetWidth = 30;
    constexpr std::size_t kMeasuredWidth = 24;
    out += padded("Target", kNameWidth) + padded("Required", kTargetWidth) + padded("Measured", kMeasuredWidth)
        + "Result\n";
    for (const CheckResult& check : result.checks) {
        const CheckInfo& info = checkInfo(check.check);
        out += padded(std::string(info.name), kNameWidth) + padded(targetText(info), kTargetWidth)
            + padded(figureText(figureInfo(info.figure), check.measured), kMeasuredWidth)
            + (check.passed ? "pass" : "FAIL") + "\n";
    }
    out += "\n";

    bool isCheckFigure[kFigureCount] = {};
    for (const CheckInfo& info : kChecks)
        isCheckFigure[static_cast<std::size_t>(info.figure)] = true;
    for (const FigureInfo& info : kFigures) {
        if (isCheckFigure[static_cast<std::size_t>(info.figure)])
            continue;
        out += padded(std::string(info.name), kNameWidth) + figureText(info, result.figures[info.figure]) + "\n";
    }
    if (!result.latencyMethod.empty())
        out += padded("Latency percentiles from", kNameWidth) + result.latencyMethod + "\n";
    return out;
}

std::vector<ComparisonRow> compareResults(const LoadTestResult& first, const LoadTestResult& second)
{
    std::vector<ComparisonRow> rows;
    for (const FigureInfo& info : kFigures) {
        ComparisonRow row;
        row.figure = info.figure;
        row.first = first.figures[info.figure];
        row.second = second.figures[info.figure];
        row.difference = row.second - row.first;
        if (!std::isnan(row.first) && row.first != 0)
            row.changePercent = 100.0 * row.difference / std::abs(row.first);
        if (!std::isnan(row.difference) && row.difference != 0) {
            if (info.better == Better::Higher)
                row.better = row.difference > 0 ? 1 : -1;
            else if (info.better == Better::Lower)
                row.better = row.difference < 0 ? 1 : -1;
        }
        rows.push_back(row);
    }
    return rows;
}

double latencyQuantileMs(const std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount>& buckets,
                        double quantile)
{
    std::uint64_t total = 0;
    for (const std::uint64_t count : buckets)
        total += count;
    if (total == 0)
        return std::nan("");
    const double rank = std::clamp(quantile, 0.0, 1.0) * static_cast<double>(total);
    const auto& bounds = EngineMetrics::kLatencyBounds;
    double below = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const double count = static_cast<double>(buckets[i]);
        if (count == 0 || below + count < rank) {
            below += count;
            continue;
        }
        // Like histogram_quantile(), a rank in the +Inf bucket returns the
        // highest finite bound.
        if (i == bounds.size())
            return bounds.back() * 1000.0;
        const double lower = i == 0 ? 0.0 : bounds[i - 1];
        const double upper = bounds[i];
        return 1000.0 * (lower + (upper - lower) * (rank - below) / count);
    }
    return bounds.back() * 1000.0;
}

} // namespace umg
