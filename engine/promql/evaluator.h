#pragma once

#include "promql/ast.h"
#include "promql/seriessource.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace umg::promql {

/// One element of an instant vector.
struct VectorSample {
    Labels labels;
    double value = 0;
};

using InstantVector = std::vector<VectorSample>;
using RangeVector = std::vector<Series>;

/// The result of an evaluation: a scalar, an instant vector, a range vector
/// (only for a bare range selector) or a string.
using Value = std::variant<double, InstantVector, RangeVector, std::string>;

/// A failure while evaluating a well-formed expression: conflicting vector
/// matches, duplicate label sets or a SeriesSource that could not be read.
class EvaluationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct EvaluationOptions {
    /// How far back an instant selector looks for the latest sample, in
    /// milliseconds. Prometheus defaults to 5 minutes.
    std::int64_t lookbackDeltaMs = 5 * 60 * 1000;
};

/// Evaluates parsed PromQL expressions as instant queries over a
/// SeriesSource, with the semantics of Prometheus 2.x (checked against
/// promtool 2.42). Instant selectors look back over [t - lookback, t] and
/// range selectors cover the closed window [t - range, t]. Staleness markers,
/// rate extrapolation, vector matching of binary operators and the bucket
/// interpolation of histogram_quantile() follow Prometheus as well.
///
/// evaluate() only reads the source, so one Evaluator may serve several
/// threads if the source allows concurrent select() calls.
class Evaluator {
public:
    explicit Evaluator(const SeriesSource& source, EvaluationOptions options = {});

    /// Evaluates `expr` at `timeMs` (milliseconds since the Unix epoch).
    /// Throws EvaluationError.
    Value evaluate(const Expr& expr, std::int64_t timeMs) const;

private:
    const SeriesSource& m_source;
    EvaluationOptions m_options;
};

/// Parses `expression` and evaluates it at `timeMs`. Throws ParseError or
/// EvaluationError.
Value evaluateQuery(const SeriesSource& source, std::string_view expression, std::int64_t timeMs,
                    EvaluationOptions options = {});

} // namespace umg::promql
