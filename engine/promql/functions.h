#pragma once

#include "promql/ast.h"
#include "promql/seriessource.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace umg::promql {

enum class FunctionId {
    Abs,
    Absent,
    AvgOverTime,
    Ceil,
    Clamp,
    ClampMax,
    ClampMin,
    CountOverTime,
    Delta,
    Deriv,
    Floor,
    HistogramQuantile,
    Increase,
    Irate,
    MaxOverTime,
    MinOverTime,
    Rate,
    Scalar,
    SumOverTime,
    Time,
    Vector,
};

/// Signature of one supported PromQL function.
struct FunctionInfo {
    FunctionId id;
    std::string_view name;
    std::vector<ValueType> argTypes;
    ValueType returnType;
};

/// Returns the function called `name` (case-sensitive, as in PromQL), or
/// nullptr when this evaluator does not support it.
const FunctionInfo* findFunction(std::string_view name);

/// Returns the names of all supported functions, sorted.
std::vector<std::string_view> supportedFunctionNames();

namespace detail {

/// Computes rate(), increase() or delta() over the samples of one series in
/// the window [rangeStartMs, rangeEndMs], extrapolating to the window edges
/// the way Prometheus 2.x does. Returns nullopt for fewer than two samples.
std::optional<double> extrapolatedRate(const std::vector<Sample>& samples, std::int64_t rangeStartMs,
                                       std::int64_t rangeEndMs, bool isCounter, bool isRate);

/// Computes irate() from the last two samples; nullopt when there are fewer.
std::optional<double> instantRate(const std::vector<Sample>& samples);

/// Adds `increment` to `sum` with Neumaier's compensated summation; the
/// caller adds `compensation` to `sum` at the end.
void kahanAdd(double increment, double& sum, double& compensation);

/// Returns the least-squares slope per second of the samples (deriv()),
/// with compensated sums like Prometheus.
std::optional<double> derivative(const std::vector<Sample>& samples);

/// Returns the compensated sum of the sample values (sum_over_time()).
double sumOverTime(const std::vector<Sample>& samples);

/// Returns the compensated running mean of the sample values (avg_over_time()).
double averageOverTime(const std::vector<Sample>& samples);

struct Bucket {
    double upperBound;
    double count;
};

/// Interpolates the q-quantile from cumulative histogram buckets like
/// Prometheus's histogram_quantile(), linearly within the bucket that contains
/// the rank. The first bucket starts at 0. Returns NaN without a +Inf bucket,
/// with fewer than two buckets or with no observations.
double bucketQuantile(double q, std::vector<Bucket> buckets);

} // namespace detail

} // namespace umg::promql
