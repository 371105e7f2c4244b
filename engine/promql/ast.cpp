#include "promql/ast.h"

#include "promql/duration.h"
#include "promql/functions.h"

#include <charconv>
#include <cmath>

namespace umg::promql {
namespace {

std::string joinNames(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += names[i];
    }
    return out;
}

} // namespace

std::string_view valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::Scalar: return "scalar";
    case ValueType::InstantVector: return "instant vector";
    case ValueType::RangeVector: return "range vector";
    case ValueType::String: return "string";
    }
    return "unknown";
}

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";

    char buffer[64];
    double magnitude = std::fabs(value);
    auto format = (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) ? std::chars_format::fixed
                                                                               : std::chars_format::general;
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
    return std::string(buffer, result.ptr);
}

std::string NumberLiteral::toString() const
{
    return formatNumber(value);
}

std::string StringLiteral::toString() const
{
    return "\"" + escapeLabelValue(value) + "\"";
}

std::string VectorSelector::toString() const
{
    std::string out = metricName;
    std::string inner;
    for (const LabelMatcher& matcher : matchers) {
        if (!metricName.empty() && matcher.name() == kMetricNameLabel && matcher.type() == MatchType::Equal)
            continue;
        if (!inner.empty())
            inner += ", ";
        inner += matcher.toString();
    }
    if (!inner.empty() || metricName.empty())
        out += "{" + inner + "}";
    if (offsetMs != 0)
        out += " offset " + formatDuration(offsetMs);
    return out;
}

std::string MatrixSelector::toString() const
{
    // The offset follows the range: `x[5m] offset 1h`.
    VectorSelector copy(selector->position);
    copy.metricName = selector->metricName;
    copy.matchers = selector->matchers;
    std::string out = copy.toString() + "[" + formatDuration(rangeMs) + "]";
    if (selector->offsetMs != 0)
        out += " offset " + formatDuration(selector->offsetMs);
    return out;
}

ValueType Call::type() const
{
    return function.returnType;
}

std::string Call::toString() const
{
    std::string out(function.name);
    out += '(';
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += args[i]->toString();
    }
    out += ')';
    return out;
}

std::string_view aggregateOpName(AggregateOp op)
{
    switch (op) {
    case AggregateOp::Sum: return "sum";
    case AggregateOp::Avg: return "avg";
    case AggregateOp::Min: return "min";
    case AggregateOp::Max: return "max";
    case AggregateOp::Count: return "count";
    }
    return "sum";
}

std::string AggregateExpr::toString() const
{
    std::string out(aggregateOpName(op));
    if (hasGrouping)
        out += std::string(without ? " without (" : " by (") + joinNames(grouping) + ") ";
    out += "(" + expr->toString() + ")";
    return out;
}

std::string_view binaryOpName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "^";
    case BinaryOp::Equal: return "==";
    case BinaryOp::NotEqual: return "!=";
    case BinaryOp::Greater: return ">";
    case BinaryOp::Less: return "<";
    case BinaryOp::GreaterEqual: return ">=";
    case BinaryOp::LessEqual: return "<=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
    case BinaryOp::Unless: return "unless";
    }
    return "+";
}

bool isComparison(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Equal:
    case BinaryOp::NotEqual:
    case BinaryOp::Greater:
    case BinaryOp::Less:
    case BinaryOp::GreaterEqual:
    case BinaryOp::LessEqual:
        return true;
    default:
        return false;
    }
}

bool isSetOperator(BinaryOp op)
{
    return op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Unless;
}

ValueType BinaryExpr::type() const
{
    if (lhs->type() == ValueType::Scalar && rhs->type() == ValueType::Scalar)
        return ValueType::Scalar;
    return ValueType::InstantVector;
}

std::string BinaryExpr::toString() const
{
    std::string out = lhs->toString() + " " + std::string(binaryOpName(op));
    if (returnBool)
        out += " bool";
    if (matching.hasModifier)
        out += std::string(matching.on ? " on (" : " ignoring (") + joinNames(matching.labels) + ")";
    if (matching.cardinality == MatchCardinality::ManyToOne)
        out += " group_left (" + joinNames(matching.include) + ")";
    else if (matching.cardinality == MatchCardinality::OneToMany)
        out += " group_right (" + joinNames(matching.include) + ")";
    out += " " + rhs->toString();
    return out;
}

std::string UnaryExpr::toString() const
{
    return "-" + expr->toString();
}

std::string ParenExpr::toString() const
{
    return "(" + expr->toString() + ")";
}

} // namespace umg::promql
