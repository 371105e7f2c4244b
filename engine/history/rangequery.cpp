#include "history/rangequery.h"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>

#include "history/metrichistory.h"
#include "promql/duration.h"
#include "promql/lexer.h"
#include "promql/memoryseriessource.h"
#include "promql/parser.h"

namespace umg {

namespace {

using Fetch = std::function<std::vector<promql::Series>(const std::vector<promql::LabelMatcher>&, std::int64_t,
                                                        std::int64_t)>;

/// A selector of the expression and the time span it reads over the whole range.
struct SelectorWindow {
    const promql::VectorSelector* selector = nullptr;
    std::int64_t minTimeMs = 0;
    std::int64_t maxTimeMs = 0;
};

void replaceAll(std::string& text, std::string_view from, std::string_view to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// Collects every selector of `expr` with the span of time that evaluating
// at each step of [startMs, endMs] reads through it.
void collectSelectors(const promql::Expr& expr, std::int64_t startMs, std::int64_t endMs,
                      std::int64_t lookbackMs, std::vector<SelectorWindow>& out)
{
    using promql::ExprKind;
    switch (expr.kind) {
    case ExprKind::NumberLiteral:
    case ExprKind::StringLiteral:
        return;
    case ExprKind::VectorSelector: {
        const auto& selector = static_cast<const promql::VectorSelector&>(expr);
        out.push_back({&selector, startMs - selector.offsetMs - lookbackMs, endMs - selector.offsetMs});
        return;
    }
    case ExprKind::MatrixSelector: {
        const auto& matrix = static_cast<const promql::MatrixSelector&>(expr);
        const std::int64_t offset = matrix.selector->offsetMs;
        out.push_back({matrix.selector.get(), startMs - offset - matrix.rangeMs, endMs - offset});
        return;
    }
    case ExprKind::Call:
        for (const promql::ExprPtr& argument : static_cast<const promql::Call&>(expr).args)
            collectSelectors(*argument, startMs, endMs, lookbackMs, out);
        return;
    case ExprKind::Aggregate:
        collectSelectors(*static_cast<const promql::AggregateExpr&>(expr).expr, startMs, endMs, lookbackMs, out);
        return;
    case ExprKind::Binary: {
        const auto& binary = static_cast<const promql::BinaryExpr&>(expr);
        collectSelectors(*binary.lhs, startMs, endMs, lookbackMs, out);
        collectSelectors(*binary.rhs, startMs, endMs, lookbackMs, out);
        return;
    }
    case ExprKind::Unary:
        collectSelectors(*static_cast<const promql::UnaryExpr&>(expr).expr, startMs, endMs, lookbackMs, out);
        return;
    case ExprKind::Paren:
        collectSelectors(*static_cast<const promql::ParenExpr&>(expr).expr, startMs, endMs, lookbackMs, out);
        return;
    }
}

// Reads every sample the selectors reach, once per distinct selector, into
// `memory`. Series read by several selectors are merged first, so that the
// in-memory source receives each series in time order.
void prefetch(const std::vector<SelectorWindow>& windows, const Fetch& fetch, promql::MemorySeriesSource& memory)
{
    std::map<std::string, SelectorWindow> distinct;
    for (const SelectorWindow& window : windows) {
        std::string key;
        for (const promql::LabelMatcher& matcher : window.selector->matchers)
            key += matcher.toString() + ",";
        auto [it, inserted] = distinct.emplace(key, window);
        if (!inserted) {
            it->second.minTimeMs = std::min(it->second.minTimeMs, window.minTimeMs);
            it->second.maxTimeMs = std::max(it->second.maxTimeMs, window.maxTimeMs);
        }
    }

    std::map<promql::Labels, std::vector<promql::Sample>> merged;
    for (const auto& [key, window] : distinct) {
        for (promql::Series& series : fetch(window.selector->matchers, window.minTimeMs, window.maxTimeMs)) {
            std::vector<promql::Sample>& samples = merged[series.labels];
            if (samples.empty())
                samples = std::move(series.samples);
            else
                samples.insert(samples.end(), series.samples.begin(), series.samples.end());
        }
    }

    for (auto& [labels, samples] : merged) {
        std::stable_sort(samples.begin(), samples.end(),
                         [](const promql::Sample& a, const promql::Sample& b) { return a.timestampMs < b.timestampMs; });
        samples.erase(std::unique(samples.begin(), samples.end(),
                                  [](const promql::Sample& a, const promql::Sample& b) {
                                      return a.timestampMs == b.timestampMs;
                                  }),
                      samples.end());
        memory.append(promql::Series{labels, std::move(samples)});
    }
}

RangeQueryResult evaluateWith(const Fetch& fetch, std::string_view expression, std::int64_t startMs,
                              std::int64_t endMs, std::int64_t stepMs, const RangeQueryOptions& options)
{
    if (stepMs <= 0)
        throw std::invalid_argument("range query step is " + std::to_string(stepMs) + " ms; it must be positive");
    if (endMs < startMs) {
        throw std::invalid_argument("range query ends at " + std::to_string(endMs) + " ms, before its start at "
                                    + std::to_string(startMs) + " ms; swap start and end");
    }
    const std::int64_t steps = (endMs - startMs) / stepMs + 1;
    if (steps > kMaxRangeSteps) {
        throw std::invalid_argument("range query needs " + std::to_string(steps) + " steps, more than the limit of "
                                    + std::to_string(kMaxRangeSteps) + "; use a longer step");
    }

    const std::int64_t sampleInterval = options.sampleIntervalMs > 0 ? options.sampleIntervalMs : stepMs;
    const std::int64_t rateInterval = std::max(stepMs + sampleInterval, 4 * sampleInterval);
    std::string text(expression);
    replaceAll(text, "$__rate_interval", promql::formatDuration(rateInterval));
    replaceAll(text, "$__interval", promql::formatDuration(stepMs));

    promql::ExprPtr expr = promql::parseExpression(text);
    if (expr->type() != promql::ValueType::Scalar && expr->type() != promql::ValueType::InstantVector) {
        throw promql::ParseError(text, 0, text,
                                 "a range query needs an expression of type instant vector or scalar, not "
                                     + std::string(promql::valueTypeName(expr->type())));
    }

    std::vector<SelectorWindow> windows;
    collectSelectors(*expr, startMs, endMs, options.evaluation.lookbackDeltaMs, windows);
    promql::MemorySeriesSource memory;
    prefetch(windows, fetch, memory);

    const promql::Evaluator evaluator(memory, options.evaluation);
    std::map<promql::Labels, std::vector<promql::Sample>> collected;
    for (std::int64_t step = 0; step < steps; ++step) {
        const std::int64_t timeMs = startMs + step * stepMs;
        promql::Value value = evaluator.evaluate(*expr, timeMs);
        if (const double* scalar = std::get_if<double>(&value)) {
            collected[promql::Labels()].push_back({timeMs, *scalar});
        } else if (auto* vector = std::get_if<promql::InstantVector>(&value)) {
            for (promql::VectorSample& sample : *vector)
                collected[std::move(sample.labels)].push_back({timeMs, sample.value});
        }
    }

    RangeQueryResult result;
    result.steps = steps;
    result.resolutionMs = options.sampleIntervalMs;
    result.series.reserve(collected.size());
    for (auto& [labels, samples] : collected)
        result.series.push_back({labels, std::move(samples)});
    return result;
}

} // namespace

RangeQueryResult evaluateRange(const promql::SeriesSource& source, std::string_view expression,
                               std::int64_t startMs, std::int64_t endMs, std::int64_t stepMs,
                               RangeQueryOptions options)
{
    const Fetch fetch = [&source](const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
                                  std::int64_t maxTimeMs) { return source.select(matchers, minTimeMs, maxTimeMs); };
    return evaluateWith(fetch, expression, startMs, endMs, stepMs, options);
}

RangeQueryResult evaluateRange(const MetricHistory& history, std::string_view expression, std::int64_t startMs,
                               std::int64_t endMs, std::int64_t stepMs, RangeQueryOptions options)
{
    const std::size_t tier = history.tierFor(startMs);
    const std::int64_t resolution = history.resolutionOf(tier);
    options.evaluation.lookbackDeltaMs = std::max(options.evaluation.lookbackDeltaMs, 2 * resolution);
    options.sampleIntervalMs = resolution;

    const Fetch fetch = [&history, tier](const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
                                         std::int64_t maxTimeMs) {
        return history.selectTier(tier, matchers, minTimeMs, maxTimeMs);
    };
    RangeQueryResult result = evaluateWith(fetch, expression, startMs, endMs, stepMs, options);
    result.tier = tier;
    return result;
}

} // namespace umg
