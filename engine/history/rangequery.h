#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "promql/evaluator.h"
#include "promql/seriessource.h"

namespace umg {

class MetricHistory;

/// Most steps one range query may evaluate, the limit Prometheus applies to
/// its query_range API (11,000 points per series).
inline constexpr std::int64_t kMaxRangeSteps = 11'000;

struct RangeQueryOptions {
    promql::EvaluationOptions evaluation;
    /// Spacing of the source samples in milliseconds, used to size
    /// `$__rate_interval`. The MetricHistory overload fills it in from the
    /// tier it reads; 0 means unknown and counts as one step.
    std::int64_t sampleIntervalMs = 0;
};

/// The result of a range query, shaped like the matrix of Prometheus'
/// query_range API.
struct RangeQueryResult {
    /// One series per label set that had a value at some step, with one
    /// sample per step where it had one, sorted by labels. A scalar result
    /// is one series without labels.
    std::vector<promql::Series> series;
    /// Number of evaluated steps.
    std::int64_t steps = 0;
    /// Tier of the MetricHistory that was read (0 for other sources).
    std::size_t tier = 0;
    /// Spacing of the samples that were read, in milliseconds (0 if unknown).
    std::int64_t resolutionMs = 0;
};

/// Evaluates `expression` at startMs, startMs + stepMs, ... up to endMs
/// (milliseconds since the Unix epoch). Every sample the expression can
/// reach is read from `source` once, one select() per selector, into an
/// in-memory copy; each step is then evaluated against that copy.
///
/// Before parsing, `$__interval` is replaced by the step and
/// `$__rate_interval` by max(step + sample interval, 4 x sample interval),
/// the shortest window in which rate() still finds two samples at every step.
///
/// Throws std::invalid_argument when endMs < startMs, stepMs <= 0 or the
/// range needs more than kMaxRangeSteps steps, promql::ParseError for an
/// invalid expression or one that returns a string or range vector,
/// promql::EvaluationError and StoreError from the source. Thread-safe if the
/// source is.
RangeQueryResult evaluateRange(const promql::SeriesSource& source, std::string_view expression,
                               std::int64_t startMs, std::int64_t endMs, std::int64_t stepMs,
                               RangeQueryOptions options = {});

/// Evaluates a range query over the history tier that covers the range
/// (see MetricHistory::tierFor). The lookback of instant selectors is
/// raised to at least twice the tier's resolution so that rollup tiers show
/// no gaps between their samples; `sampleIntervalMs` is the tier's resolution.
/// Throws like the general overload.
RangeQueryResult evaluateRange(const MetricHistory& history, std::string_view expression, std::int64_t startMs,
                               std::int64_t endMs, std::int64_t stepMs, RangeQueryOptions options = {});

} // namespace umg
