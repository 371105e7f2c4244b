#include "promql/evaluator.h"

#include "promql/functions.h"
#include "promql/parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace umg::promql {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const Expr& unwrapParens(const Expr& expr)
{
    const Expr* current = &expr;
    while (current->kind == ExprKind::Paren)
        current = static_cast<const ParenExpr*>(current)->expr.get();
    return *current;
}

void requireUniqueLabelSets(const InstantVector& vector)
{
    std::set<Labels> seen;
    for (const VectorSample& sample : vector) {
        if (!seen.insert(sample.labels).second)
            throw EvaluationError("vector cannot contain metrics with the same labelset: " + sample.labels.toString());
    }
}

// Parses a float the way Go's strconv.ParseFloat does for bucket bounds:
// decimal or hexadecimal notation, an optional sign, Inf/Infinity and NaN in
// any case.
std::optional<double> parseBound(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    bool negative = false;
    std::string_view body = text;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    std::string lowered(body);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    if (lowered == "inf" || lowered == "infinity")
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (lowered == "nan")
        return kNaN;

    double value = 0;
    std::from_chars_result result{};
    if (lowered.size() > 2 && lowered[0] == '0' && lowered[1] == 'x')
        result = std::from_chars(lowered.data() + 2, lowered.data() + lowered.size(), value, std::chars_format::hex);
    else
        result = std::from_chars(lowered.data(), lowered.data() + lowered.size(), value);
    if (result.ec != std::errc() || result.ptr != lowered.data() + lowered.size())
        return std::nullopt;
    return negative ? -value : value;
}

// Labels that `absent()` gives its result: the equality matchers of a plain
// selector argument, except labels matched more than once or by other
// operators.
Labels absentLabels(const Expr& argument)
{
    const Expr& inner = unwrapParens(argument);
    const VectorSelector* selector = nullptr;
    if (inner.kind == ExprKind::VectorSelector)
        selector = static_cast<const VectorSelector*>(&inner);
    else if (inner.kind == ExprKind::MatrixSelector)
        selector = static_cast<const MatrixSelector*>(&inner)->selector.get();
    if (!selector)
        return {};

    Labels labels;
    std::vector<std::string> dropped;
    for (const LabelMatcher& matcher : selector->matchers) {
        if (matcher.name() == kMetricNameLabel)
            continue;
        if (matcher.type() == MatchType::Equal && !labels.has(matcher.name()))
            labels.set(matcher.name(), matcher.value());
        else
            dropped.push_back(matcher.name());
    }
    labels.removeAll(dropped);
    return labels;
}

double applyArithmetic(BinaryOp op, double lhs, double rhs)
{
    switch (op) {
    case BinaryOp::Add: return lhs + rhs;
    case BinaryOp::Sub: return lhs - rhs;
    case BinaryOp::Mul: return lhs * rhs;
    case BinaryOp::Div: return lhs / rhs;
    case BinaryOp::Mod: return std::fmod(lhs, rhs);
    case BinaryOp::Pow: return std::pow(lhs, rhs);
    default: return kNaN;
    }
}

bool compare(BinaryOp op, double lhs, double rhs)
{
    switch (op) {
    case BinaryOp::Equal: return lhs == rhs;
    case BinaryOp::NotEqual: return lhs != rhs;
    case BinaryOp::Greater: return lhs > rhs;
    case BinaryOp::Less: return lhs < rhs;
    case BinaryOp::GreaterEqual: return lhs >= rhs;
    case BinaryOp::LessEqual: return lhs <= rhs;
    default: return false;
    }
}

// Returns the value and whether the element is kept. Comparisons keep the
// left value and drop the element when false.
std::pair<double, bool> applyElementOp(BinaryOp op, double lhs, double rhs)
{
    if (isComparison(op))
        return {lhs, compare(op, lhs, rhs)};
    return {applyArithmetic(op, lhs, rhs), true};
}

bool dropsMetricName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add:
    case BinaryOp::Sub:
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod:
    case BinaryOp::Pow:
        return true;
    default:
        return false;
    }
}

// The labels two vector elements must share to match.
Labels matchSignature(const Labels& labels, const VectorMatching& matching)
{
    Labels signature = labels;
    if (matching.on) {
        signature.keepOnly(matching.labels);
    } else {
        signature.remove(kMetricNameLabel);
        signature.removeAll(matching.labels);
    }
    return signature;
}

class Evaluation {
public:
    Evaluation(const SeriesSource& source, const EvaluationOptions& options, std::int64_t timeMs)
        : m_source(source), m_options(options), m_time(timeMs)
    {
    }

    Value eval(const Expr& expr)
    {
        switch (expr.kind) {
        case ExprKind::NumberLiteral: return static_cast<const NumberLiteral&>(expr).value;
        case ExprKind::StringLiteral: return static_cast<const StringLiteral&>(expr).value;
        case ExprKind::Paren: return eval(*static_cast<const ParenExpr&>(expr).expr);
        case ExprKind::VectorSelector: return selectInstant(static_cast<const VectorSelector&>(expr));
        case ExprKind::MatrixSelector: return selectRange(static_cast<const MatrixSelector&>(expr));
        case ExprKind::Unary: return evalUnary(static_cast<const UnaryExpr&>(expr));
        case ExprKind::Call: return evalCall(static_cast<const Call&>(expr));
        case ExprKind::Aggregate: return evalAggregate(static_cast<const AggregateExpr&>(expr));
        case ExprKind::Binary: return evalBinary(static_cast<const BinaryExpr&>(expr));
        }
        throw EvaluationError("unknown expression node");
    }

private:
    double evalScalar(const Expr& expr) { return std::get<double>(eval(expr)); }
    InstantVector evalVector(const Expr& expr) { return std::get<InstantVector>(eval(expr)); }

    // --- selectors -----------------------------------------------------------

    std::vector<Series> select(const VectorSelector& selector, std::int64_t minTime, std::int64_t maxTime)
    {
        try {
            return m_source.select(selector.matchers, minTime, maxTime);
        } catch (const std::exception& error) {
            throw EvaluationError("reading series for " + selector.toString() + " failed: " + error.what());
        }
    }

    InstantVector selectInstant(const VectorSelector& selector)
    {
        std::int64_t reference = m_time - selector.offsetMs;
        InstantVector result;
        for (Series& series : select(selector, reference - m_options.lookbackDeltaMs, reference)) {
            // The latest sample within the lookback window counts, unless it marks the series as stale.
            auto latest = std::find_if(series.samples.rbegin(), series.samples.rend(),
                                       [reference](const Sample& s) { return s.timestampMs <= reference; });
            if (latest == series.samples.rend())
                continue;
            if (latest->timestampMs < reference - m_options.lookbackDeltaMs || isStaleMarker(latest->value))
                continue;
            result.push_back(VectorSample{std::move(series.labels), latest->value});
        }
        return result;
    }

    RangeVector selectRange(const MatrixSelector& matrix)
    {
        std::int64_t end = m_time - matrix.selector->offsetMs;
        std::int64_t start = end - matrix.rangeMs;
        RangeVector result;
        for (Series& series : select(*matrix.selector, start, end)) {
            std::erase_if(series.samples, [start, end](const Sample& s) {
                return isStaleMarker(s.value) || s.timestampMs < start || s.timestampMs > end;
            });
            if (!series.samples.empty())
                result.push_back(std::move(series));
        }
        return result;
    }

    // --- unary minus and functions -------------------------------------------

    Value evalUnary(const UnaryExpr& unary)
    {
        Value operand = eval(*unary.expr);
        if (double* scalar = std::get_if<double>(&operand))
            return -*scalar;
        InstantVector vector = std::get<InstantVector>(std::move(operand));
        for (VectorSample& sample : vector) {
            sample.labels.remove(kMetricNameLabel);
            sample.value = -sample.value;
        }
        requireUniqueLabelSets(vector);
        return vector;
    }

    Value evalCall(const Call& call)
    {
        switch (call.function.id) {
        case FunctionId::Time:
            return static_cast<double>(m_time) / 1000;
        case FunctionId::Vector:
            return InstantVector{VectorSample{Labels{}, evalScalar(*call.args[0])}};
        case FunctionId::Scalar: {
            InstantVector vector = evalVector(*call.args[0]);
            return vector.size() == 1 ? vector.front().value : kNaN;
        }
        case FunctionId::Absent: {
            InstantVector vector = evalVector(*call.args[0]);
            if (!vector.empty())
                return InstantVector{};
            return InstantVector{VectorSample{absentLabels(*call.args[0]), 1}};
        }
        case FunctionId::HistogramQuantile:
            return histogramQuantile(evalScalar(*call.args[0]), evalVector(*call.args[1]));
        case FunctionId::Abs: return mapValues(call, [](double v) { return std::fabs(v); });
        case FunctionId::Ceil: return mapValues(call, [](double v) { return std::ceil(v); });
        case FunctionId::Floor: return mapValues(call, [](double v) { return std::floor(v); });
        case FunctionId::ClampMin: {
            double minimum = evalScalar(*call.args[1]);
            return mapValues(call, [minimum](double v) { return std::isnan(v) ? v : std::max(minimum, v); });
        }
        case FunctionId::ClampMax: {
            double maximum = evalScalar(*call.args[1]);
            return mapValues(call, [maximum](double v) { return std::isnan(v) ? v : std::min(maximum, v); });
        }
        case FunctionId::Clamp: {
            double minimum = evalScalar(*call.args[1]);
            double maximum = evalScalar(*call.args[2]);
            if (maximum < minimum)
                return InstantVector{};
            return mapValues(call, [minimum, maximum](double v) {
                return std::isnan(v) ? v : std::max(minimum, std::min(maximum, v));
            });
        }
        default:
            return evalRangeFunction(call);
        }
    }

    template <typename Function>
    InstantVector mapValues(const Call& call, Function function)
    {
        InstantVector vector = evalVector(*call.args[0]);
        for (VectorSample& sample : vector) {
            sample.labels.remove(kMetricNameLabel);
            sample.value = function(sample.value);
        }
        requireUniqueLabelSets(vector);
        return vector;
    }

    InstantVector evalRangeFunction(const Call& call)
    {
        const auto& matrix = static_cast<const MatrixSelector&>(unwrapParens(*call.args[0]));
        std::int64_t rangeEnd = m_time - matrix.selector->offsetMs;
        std::int64_t rangeStart = rangeEnd - matrix.rangeMs;

        InstantVector result;
        for (Series& series : selectRange(matrix)) {
            std::optional<double> value = applyRangeFunction(call.function.id, series.samples, rangeStart, rangeEnd);
            if (!value)
                continue;
            series.labels.remove(kMetricNameLabel);
            result.push_back(VectorSample{std::move(series.labels), *value});
        }
        requireUniqueLabelSets(result);
        return result;
    }

    static std::optional<double> applyRangeFunction(FunctionId id, const std::vector<Sample>& samples,
                                                    std::int64_t rangeStart, std::int64_t rangeEnd)
    {
        switch (id) {
        case FunctionId::Rate: return detail::extrapolatedRate(samples, rangeStart, rangeEnd, true, true);
        case FunctionId::Increase: return detail::extrapolatedRate(samples, rangeStart, rangeEnd, true, false);
        case FunctionId::Delta: return detail::extrapolatedRate(samples, rangeStart, rangeEnd, false, false);
        case FunctionId::Irate: return detail::instantRate(samples);
        case FunctionId::Deriv: return detail::derivative(samples);
        case FunctionId::AvgOverTime: return detail::averageOverTime(samples);
        case FunctionId::SumOverTime: return detail::sumOverTime(samples);
        case FunctionId::CountOverTime: return static_cast<double>(samples.size());
        case FunctionId::MinOverTime: {
            double minimum = samples.front().value;
            for (const Sample& sample : samples) {
                if (sample.value < minimum || std::isnan(minimum))
                    minimum = sample.value;
            }
            return minimum;
        }
        case FunctionId::MaxOverTime: {
            double maximum = samples.front().value;
            for (const Sample& sample : samples) {
                if (sample.value > maximum || std::isnan(maximum))
                    maximum = sample.value;
            }
            return maximum;
        }
        default:
            throw EvaluationError("function is not a range function");
        }
    }

    InstantVector histogramQuantile(double q, const InstantVector& input)
    {
        struct Group {
            Labels labels;
            std::vector<detail::Bucket> buckets;
        };
        std::map<Labels, Group> groups;
        for (const VectorSample& sample : input) {
            std::optional<double> bound = parseBound(sample.labels.get("le"));
            if (!bound)
                continue; // not a bucket series
            Labels key = sample.labels;
            key.remove(kMetricNameLabel);
            key.remove("le");
            Group& group = groups[key];
            group.labels = key;
            group.buckets.push_back({*bound, sample.value});
        }

        InstantVector result;
        for (auto& [key, group] : groups)
            result.push_back(VectorSample{group.labels, detail::bucketQuantile(q, std::move(group.buckets))});
        return result;
    }

    // --- aggregation ---------------------------------------------------------

    InstantVector evalAggregate(const AggregateExpr& aggregate)
    {
        struct Group {
            Labels labels;
            double value = 0;
            double mean = 0;
            std::size_t count = 0;
        };
        std::map<Labels, std::size_t> indexByKey;
        std::vector<Group> groups;

        for (const VectorSample& sample : evalVector(*aggregate.expr)) {
            Labels key = sample.labels;
            if (aggregate.without) {
                key.removeAll(aggregate.grouping);
                key.remove(kMetricNameLabel);
            } else {
                key.keepOnly(aggregate.grouping);
            }

            auto [it, inserted] = indexByKey.try_emplace(key, groups.size());
            if (inserted) {
                groups.push_back(Group{key, sample.value, sample.value, 1});
                continue;
            }
            addToGroup(aggregate.op, groups[it->second], sample.value);
        }

        InstantVector result;
        for (const Group& group : groups) {
            double value = group.value;
            if (aggregate.op == AggregateOp::Avg)
                value = group.mean;
            else if (aggregate.op == AggregateOp::Count)
                value = static_cast<double>(group.count);
            result.push_back(VectorSample{group.labels, value});
        }
        return result;
    }

    template <typename Group>
    static void addToGroup(AggregateOp op, Group& group, double value)
    {
        group.count += 1;
        switch (op) {
        case AggregateOp::Sum:
            group.value += value;
            break;
        case AggregateOp::Avg: {
            if (std::isinf(group.mean)) {
                if (std::isinf(value) && (group.mean > 0) == (value > 0))
                    break;
                if (!std::isinf(value) && !std::isnan(value))
                    break;
            }
            double n = static_cast<double>(group.count);
            group.mean += value / n - group.mean / n;
            break;
        }
        case AggregateOp::Min:
            if (group.value > value || std::isnan(group.value))
                group.value = value;
            break;
        case AggregateOp::Max:
            if (group.value < value || std::isnan(group.value))
                group.value = value;
            break;
        case AggregateOp::Count:
            break;
        }
    }

    // --- binary operators ----------------------------------------------------

    Value evalBinary(const BinaryExpr& binary)
    {
        Value lhs = eval(*binary.lhs);
        Value rhs = eval(*binary.rhs);

        double* lhsScalar = std::get_if<double>(&lhs);
        double* rhsScalar = std::get_if<double>(&rhs);
        if (lhsScalar && rhsScalar) {
            if (isComparison(binary.op))
                return compare(binary.op, *lhsScalar, *rhsScalar) ? 1.0 : 0.0;
            return applyArithmetic(binary.op, *lhsScalar, *rhsScalar);
        }

        InstantVector result;
        if (rhsScalar)
            result = vectorScalarOp(binary, std::get<InstantVector>(std::move(lhs)), *rhsScalar, false);
        else if (lhsScalar)
            result = vectorScalarOp(binary, std::get<InstantVector>(std::move(rhs)), *lhsScalar, true);
        else if (binary.op == BinaryOp::And)
            result = vectorAnd(std::get<InstantVector>(lhs), std::get<InstantVector>(rhs), binary.matching);
        else if (binary.op == BinaryOp::Or)
            result = vectorOr(std::get<InstantVector>(lhs), std::get<InstantVector>(rhs), binary.matching);
        else if (binary.op == BinaryOp::Unless)
            result = vectorUnless(std::get<InstantVector>(lhs), std::get<InstantVector>(rhs), binary.matching);
        else
            result = vectorVectorOp(binary, std::get<InstantVector>(std::move(lhs)), std::get<InstantVector>(std::move(rhs)));
        requireUniqueLabelSets(result);
        return result;
    }

    // `scalarOnLeft` means the scalar was the left operand, as in `2 * x`.
    static InstantVector vectorScalarOp(const BinaryExpr& binary, InstantVector vector, double scalar, bool scalarOnLeft)
    {
        InstantVector result;
        for (VectorSample& sample : vector) {
            double left = scalarOnLeft ? scalar : sample.value;
            double right = scalarOnLeft ? sample.value : scalar;
            auto [value, keep] = applyElementOp(binary.op, left, right);
            // A comparison always yields the vector element's value, whichever side it was on.
            if (isComparison(binary.op) && scalarOnLeft)
                value = right;
            if (binary.returnBool) {
                value = keep ? 1.0 : 0.0;
                keep = true;
            }
            if (!keep)
                continue;
            if (dropsMetricName(binary.op) || binary.returnBool)
                sample.labels.remove(kMetricNameLabel);
            sample.value = value;
            result.push_back(std::move(sample));
        }
        return result;
    }

    static InstantVector vectorAnd(const InstantVector& lhs, const InstantVector& rhs, const VectorMatching& matching)
    {
        std::set<Labels> rightSignatures;
        for (const VectorSample& sample : rhs)
            rightSignatures.insert(matchSignature(sample.labels, matching));
        InstantVector result;
        for (const VectorSample& sample : lhs) {
            if (rightSignatures.count(matchSignature(sample.labels, matching)))
                result.push_back(sample);
        }
        return result;
    }

    static InstantVector vectorOr(const InstantVector& lhs, const InstantVector& rhs, const VectorMatching& matching)
    {
        std::set<Labels> leftSignatures;
        InstantVector result;
        for (const VectorSample& sample : lhs) {
            leftSignatures.insert(matchSignature(sample.labels, matching));
            result.push_back(sample);
        }
        for (const VectorSample& sample : rhs) {
            if (!leftSignatures.count(matchSignature(sample.labels, matching)))
                result.push_back(sample);
        }
        return result;
    }

    static InstantVector vectorUnless(const InstantVector& lhs, const InstantVector& rhs, const VectorMatching& matching)
    {
        std::set<Labels> rightSignatures;
        for (const VectorSample& sample : rhs)
            rightSignatures.insert(matchSignature(sample.labels, matching));
        InstantVector result;
        for (const VectorSample& sample : lhs) {
            if (!rightSignatures.count(matchSignature(sample.labels, matching)))
                result.push_back(sample);
        }
        return result;
    }

    static InstantVector vectorVectorOp(const BinaryExpr& binary, InstantVector lhs, InstantVector rhs)
    {
        const VectorMatching& matching = binary.matching;
        if (lhs.empty() || rhs.empty())
            return {};

        // group_right is group_left with the sides swapped; the values swap back below.
        bool swapped = matching.cardinality == MatchCardinality::OneToMany;
        if (swapped)
            std::swap(lhs, rhs);

        std::map<Labels, const VectorSample*> oneSide;
        for (const VectorSample& sample : rhs) {
            Labels signature = matchSignature(sample.labels, matching);
            auto [it, inserted] = oneSide.emplace(signature, &sample);
            if (!inserted)
                throw EvaluationError("found duplicate series for the match group " + signature.toString() + " on the "
                                      + (swapped ? "left" : "right") + " hand-side of the operation: ["
                                      + sample.labels.toString() + ", " + it->second->labels.toString()
                                      + "]; many-to-many matching not allowed: matching labels must be unique on one side");
        }

        // For one-to-one matching, each signature may match once; for
        // many-to-one, each result label set may occur once per signature.
        std::map<Labels, std::set<Labels>> matched;
        InstantVector result;
        for (const VectorSample& sample : lhs) {
            Labels signature = matchSignature(sample.labels, matching);
            auto partner = oneSide.find(signature);
            if (partner == oneSide.end())
                continue;

            double left = sample.value;
            double right = partner->second->value;
            if (swapped)
                std::swap(left, right);
            auto [value, keep] = applyElementOp(binary.op, left, right);
            if (binary.returnBool) {
                value = keep ? 1.0 : 0.0;
            } else if (!keep) {
                continue;
            }

            Labels labels = resultLabels(sample.labels, partner->second->labels, binary.op, matching);
            if (binary.returnBool)
                labels.remove(kMetricNameLabel);

            auto [entry, firstMatch] = matched.try_emplace(signature);
            if (matching.cardinality == MatchCardinality::OneToOne) {
                if (!firstMatch)
                    throw EvaluationError("multiple matches for labels: many-to-one matching must be explicit "
                                          "(group_left/group_right)");
            } else if (!entry->second.insert(labels).second) {
                throw EvaluationError("multiple matches for labels: grouping labels must ensure unique matches");
            }
            result.push_back(VectorSample{std::move(labels), value});
        }
        return result;
    }

    static Labels resultLabels(const Labels& many, const Labels& one, BinaryOp op, const VectorMatching& matching)
    {
        Labels labels = many;
        if (dropsMetricName(op))
            labels.remove(kMetricNameLabel);
        if (matching.cardinality == MatchCardinality::OneToOne) {
            if (matching.on)
                labels.keepOnly(matching.labels);
            else
                labels.removeAll(matching.labels);
        }
        // Labels listed in group_left/group_right come from the "one" side.
        for (const std::string& name : matching.include)
            labels.set(name, one.get(name));
        return labels;
    }

    const SeriesSource& m_source;
    const EvaluationOptions& m_options;
    std::int64_t m_time;
};

} // namespace

Evaluator::Evaluator(const SeriesSource& source, EvaluationOptions options) : m_source(source), m_options(options)
{
}

Value Evaluator::evaluate(const Expr& expr, std::int64_t timeMs) const
{
    Evaluation evaluation(m_source, m_options, timeMs);
    return evaluation.eval(expr);
}

Value evaluateQuery(const SeriesSource& source, std::string_view expression, std::int64_t timeMs,
                    EvaluationOptions options)
{
    ExprPtr expr = parseExpression(expression);
    return Evaluator(source, options).evaluate(*expr, timeMs);
}

} // namespace umg::promql
