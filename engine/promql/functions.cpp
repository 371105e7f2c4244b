#include "promql/functions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace umg::promql {
namespace {

constexpr ValueType kScalar = ValueType::Scalar;
constexpr ValueType kVector = ValueType::InstantVector;
constexpr ValueType kRange = ValueType::RangeVector;

// Sorted by name so that supportedFunctionNames() needs no sort.
const std::vector<FunctionInfo>& functionTable()
{
    static const std::vector<FunctionInfo> table{
        {FunctionId::Abs, "abs", {kVector}, kVector},
        {FunctionId::Absent, "absent", {kVector}, kVector},
        {FunctionId::AvgOverTime, "avg_over_time", {kRange}, kVector},
        {FunctionId::Ceil, "ceil", {kVector}, kVector},
        {FunctionId::Clamp, "clamp", {kVector, kScalar, kScalar}, kVector},
        {FunctionId::ClampMax, "clamp_max", {kVector, kScalar}, kVector},
        {FunctionId::ClampMin, "clamp_min", {kVector, kScalar}, kVector},
        {FunctionId::CountOverTime, "count_over_time", {kRange}, kVector},
        {FunctionId::Delta, "delta", {kRange}, kVector},
        {FunctionId::Deriv, "deriv", {kRange}, kVector},
        {FunctionId::Floor, "floor", {kVector}, kVector},
        {FunctionId::HistogramQuantile, "histogram_quantile", {kScalar, kVector}, kVector},
        {FunctionId::Increase, "increase", {kRange}, kVector},
        {FunctionId::Irate, "irate", {kRange}, kVector},
        {FunctionId::MaxOverTime, "max_over_time", {kRange}, kVector},
        {FunctionId::MinOverTime, "min_over_time", {kRange}, kVector},
        {FunctionId::Rate, "rate", {kRange}, kVector},
        {FunctionId::Scalar, "scalar", {kVector}, kScalar},
        {FunctionId::SumOverTime, "sum_over_time", {kRange}, kVector},
        {FunctionId::Time, "time", {}, kScalar},
        {FunctionId::Vector, "vector", {kScalar}, kVector},
    };
    return table;
}

} // namespace

const FunctionInfo* findFunction(std::string_view name)
{
    for (const FunctionInfo& info : functionTable()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

std::vector<std::string_view> supportedFunctionNames()
{
    std::vector<std::string_view> names;
    for (const FunctionInfo& info : functionTable())
        names.push_back(info.name);
    return names;
}

namespace detail {

std::optional<double> extrapolatedRate(const std::vector<Sample>& samples, std::int64_t rangeStartMs,
                                       std::int64_t rangeEndMs, bool isCounter, bool isRate)
{
    if (samples.size() < 2)
        return std::nullopt;

    const Sample& first = samples.front();
    const Sample& last = samples.back();
    double result = last.value - first.value;
    if (isCounter) {
        // A drop means the counter was reset; the value before the drop was lost.
        double previous = 0;
        for (const Sample& sample : samples) {
            if (sample.value < previous)
                result += previous;
            previous = sample.value;
        }
    }

    double durationToStart = static_cast<double>(first.timestampMs - rangeStartMs) / 1000;
    double durationToEnd = static_cast<double>(rangeEndMs - last.timestampMs) / 1000;
    double sampledInterval = static_cast<double>(last.timestampMs - first.timestampMs) / 1000;
    double averageInterval = sampledInterval / static_cast<double>(samples.size() - 1);

    if (isCounter && result > 0 && first.value >= 0) {
        // A counter cannot go below zero, so extrapolate no further back than
        // the point where the observed slope would have reached zero.
        double durationToZero = sampledInterval * (first.value / result);
        if (durationToZero < durationToStart)
            durationToStart = durationToZero;
    }

    // Extrapolate to a window edge only when the edge lies within 1.1 average
    // intervals of the outermost sample. Otherwise the series is assumed to
    // start or end half an interval beyond that sample.
    double threshold = averageInterval * 1.1;
    double extrapolatedInterval = sampledInterval;
    extrapolatedInterval += durationToStart < threshold ? durationToStart : averageInterval / 2;
    extrapolatedInterval += durationToEnd < threshold ? durationToEnd : averageInterval / 2;

    double factor = extrapolatedInterval / sampledInterval;
    if (isRate)
        factor /= static_cast<double>(rangeEndMs - rangeStartMs) / 1000;
    return result * factor;
}

std::optional<double> instantRate(const std::vector<Sample>& samples)
{
    if (samples.size() < 2)
        return std::nullopt;
    const Sample& last = samples[samples.size() - 1];
    const Sample& previous = samples[samples.size() - 2];

    // After a counter reset the whole last value counts as the increase.
    double increase = last.value < previous.value ? last.value : last.value - previous.value;
    std::int64_t intervalMs = last.timestampMs - previous.timestampMs;
    if (intervalMs == 0)
        return std::nullopt;
    return increase / (static_cast<double>(intervalMs) / 1000);
}

void kahanAdd(double increment, double& sum, double& compensation)
{
    double total = sum + increment;
    // Neumaier's variant: take the rounding error from the smaller operand.
    if (std::fabs(sum) >= std::fabs(increment))
        compensation += (sum - total) + increment;
    else
        compensation += (increment - total) + sum;
    sum = total;
}

std::optional<double> derivative(const std::vector<Sample>& samples)
{
    if (samples.size() < 2)
        return std::nullopt;

    bool constant = std::all_of(samples.begin(), samples.end(),
                                [&samples](const Sample& s) { return s.value == samples.front().value; });
    if (constant)
        return std::isinf(samples.front().value) ? std::numeric_limits<double>::quiet_NaN() : 0.0;

    // Times are taken relative to the first sample to keep the sums small.
    double n = 0;
    double sumX = 0, compensationX = 0;
    double sumY = 0, compensationY = 0;
    double sumXY = 0, compensationXY = 0;
    double sumX2 = 0, compensationX2 = 0;
    for (const Sample& sample : samples) {
        double x = static_cast<double>(sample.timestampMs - samples.front().timestampMs) / 1e3;
        n += 1;
        kahanAdd(x, sumX, compensationX);
        kahanAdd(sample.value, sumY, compensationY);
        kahanAdd(x * sample.value, sumXY, compensationXY);
        kahanAdd(x * x, sumX2, compensationX2);
    }
    sumX += compensationX;
    sumY += compensationY;
    sumXY += compensationXY;
    sumX2 += compensationX2;

    double covarianceXY = sumXY - sumX * sumY / n;
    double varianceX = sumX2 - sumX * sumX / n;
    return covarianceXY / varianceX;
}

double sumOverTime(const std::vector<Sample>& samples)
{
    double sum = 0;
    double compensation = 0;
    for (const Sample& sample : samples)
        kahanAdd(sample.value, sum, compensation);
    return sum + compensation;
}

// A running mean, so that large values do not overflow a sum.
double averageOverTime(const std::vector<Sample>& samples)
{
    double mean = 0;
    double compensation = 0;
    double count = 0;
    for (const Sample& sample : samples) {
        count += 1;
        if (std::isinf(mean)) {
            // Inf - Inf would turn the mean into NaN; an infinite mean stays
            // unless a NaN or an infinity of the other sign arrives.
            if (std::isinf(sample.value) && (mean > 0) == (sample.value > 0))
                continue;
            if (!std::isinf(sample.value) && !std::isnan(sample.value))
                continue;
        }
        kahanAdd(sample.value / count - mean / count, mean, compensation);
    }
    if (std::isinf(mean))
        return mean;
    return mean + compensation;
}

double bucketQuantile(double q, std::vector<Bucket> buckets)
{
    if (std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();

    std::sort(buckets.begin(), buckets.end(), [](const Bucket& a, const Bucket& b) { return a.upperBound < b.upperBound; });
    if (buckets.empty() || !std::isinf(buckets.back().upperBound) || buckets.back().upperBound < 0)
        return std::numeric_limits<double>::quiet_NaN();

    // Buckets with the same bound (from series that differ only in other
    // labels) are added up.
    std::vector<Bucket> merged;
    for (const Bucket& bucket : buckets) {
        if (!merged.empty() && merged.back().upperBound == bucket.upperBound)
            merged.back().count += bucket.count;
        else
            merged.push_back(bucket);
    }

    // Counts of a cumulative histogram never decrease; scrapes that raced with
    // observations can break that, so lift every count to the largest before it.
    double maximum = -std::numeric_limits<double>::infinity();
    for (Bucket& bucket : merged) {
        if (bucket.count > maximum)
            maximum = bucket.count;
        else if (bucket.count < maximum)
            bucket.count = maximum;
    }

    if (merged.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    double observations = merged.back().count;
    if (observations == 0)
        return std::numeric_limits<double>::quiet_NaN();

    double rank = q * observations;
    std::size_t b = 0;
    while (b < merged.size() - 1 && merged[b].count < rank)
        ++b;

    if (b == merged.size() - 1)
        return merged[merged.size() - 2].upperBound;
    if (b == 0 && merged[0].upperBound <= 0)
        return merged[0].upperBound;

    double bucketStart = 0;
    double bucketEnd = merged[b].upperBound;
    double count = merged[b].count;
    if (b > 0) {
        bucketStart = merged[b - 1].upperBound;
        count -= merged[b - 1].count;
        rank -= merged[b - 1].count;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

} // namespace detail
} // namespace umg::promql
