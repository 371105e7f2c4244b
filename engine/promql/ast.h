#pragma once

#include "promql/labels.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

/// Syntax tree of a parsed PromQL expression. Nodes are immutable after
/// parsing, so one tree may be evaluated from several threads at once.
namespace umg::promql {

enum class ValueType { Scalar, InstantVector, RangeVector, String };

/// Returns "scalar", "instant vector", "range vector" or "string".
std::string_view valueTypeName(ValueType type);

struct Expr;
using ExprPtr = std::unique_ptr<const Expr>;

enum class ExprKind { NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, Call, Aggregate, Binary, Unary, Paren };

/// Base of all nodes. `position` is the byte offset where the node starts in
/// the expression text.
struct Expr {
    explicit Expr(ExprKind k, std::size_t pos) : kind(k), position(pos) {}
    virtual ~Expr() = default;

    /// The type of the value the node evaluates to.
    virtual ValueType type() const = 0;
    /// Formats the node as PromQL text that parses back to an equal tree.
    virtual std::string toString() const = 0;

    const ExprKind kind;
    const std::size_t position;
};

struct NumberLiteral final : Expr {
    NumberLiteral(std::size_t pos, double v) : Expr(ExprKind::NumberLiteral, pos), value(v) {}
    ValueType type() const override { return ValueType::Scalar; }
    std::string toString() const override;

    double value;
};

struct StringLiteral final : Expr {
    StringLiteral(std::size_t pos, std::string v) : Expr(ExprKind::StringLiteral, pos), value(std::move(v)) {}
    ValueType type() const override { return ValueType::String; }
    std::string toString() const override;

    std::string value;
};

/// An instant selector such as `up{job="kafka"} offset 5m`. `matchers`
/// includes the metric name as a `__name__` matcher when one is given.
struct VectorSelector final : Expr {
    explicit VectorSelector(std::size_t pos) : Expr(ExprKind::VectorSelector, pos) {}
    ValueType type() const override { return ValueType::InstantVector; }
    std::string toString() const override;

    std::string metricName;
    std::vector<LabelMatcher> matchers;
    std::int64_t offsetMs = 0;
};

/// A range selector such as `requests_total[5m]`.
struct MatrixSelector final : Expr {
    MatrixSelector(std::size_t pos, std::unique_ptr<const VectorSelector> s, std::int64_t range)
        : Expr(ExprKind::MatrixSelector, pos), selector(std::move(s)), rangeMs(range) {}
    ValueType type() const override { return ValueType::RangeVector; }
    std::string toString() const override;

    std::unique_ptr<const VectorSelector> selector;
    std::int64_t rangeMs;
};

struct FunctionInfo;

struct Call final : Expr {
    Call(std::size_t pos, const FunctionInfo& f) : Expr(ExprKind::Call, pos), function(f) {}
    ValueType type() const override;
    std::string toString() const override;

    const FunctionInfo& function;
    std::vector<ExprPtr> args;
};

enum class AggregateOp { Sum, Avg, Min, Max, Count };

std::string_view aggregateOpName(AggregateOp op);

/// `sum by (a) (expr)` and its relatives. With `without`, `grouping` lists
/// the labels to drop; otherwise the labels to keep.
struct AggregateExpr final : Expr {
    AggregateExpr(std::size_t pos, AggregateOp o) : Expr(ExprKind::Aggregate, pos), op(o) {}
    ValueType type() const override { return ValueType::InstantVector; }
    std::string toString() const override;

    AggregateOp op;
    bool without = false;
    bool hasGrouping = false; // a `by ()` or `without ()` clause was written
    std::vector<std::string> grouping;
    ExprPtr expr;
};

enum class BinaryOp {
    Add, Sub, Mul, Div, Mod, Pow,
    Equal, NotEqual, Greater, Less, GreaterEqual, LessEqual,
    And, Or, Unless,
};

std::string_view binaryOpName(BinaryOp op);
bool isComparison(BinaryOp op);
bool isSetOperator(BinaryOp op);

enum class MatchCardinality { OneToOne, ManyToOne, OneToMany, ManyToMany };

/// Matching rules for the two sides of a vector/vector operation.
struct VectorMatching {
    MatchCardinality cardinality = MatchCardinality::OneToOne;
    bool on = false;                  // `on (...)`; otherwise `ignoring (...)` or nothing
    bool hasModifier = false;         // an `on` or `ignoring` clause was written
    std::vector<std::string> labels;  // labels of `on` or `ignoring`
    std::vector<std::string> include; // extra labels of group_left/group_right
};

struct BinaryExpr final : Expr {
    BinaryExpr(std::size_t pos, BinaryOp o) : Expr(ExprKind::Binary, pos), op(o) {}
    ValueType type() const override;
    std::string toString() const override;

    BinaryOp op;
    ExprPtr lhs;
    ExprPtr rhs;
    bool returnBool = false;
    VectorMatching matching;
};

/// Unary minus (unary plus is dropped by the parser).
struct UnaryExpr final : Expr {
    UnaryExpr(std::size_t pos, ExprPtr e) : Expr(ExprKind::Unary, pos), expr(std::move(e)) {}
    ValueType type() const override { return expr->type(); }
    std::string toString() const override;

    ExprPtr expr;
};

struct ParenExpr final : Expr {
    ParenExpr(std::size_t pos, ExprPtr e) : Expr(ExprKind::Paren, pos), expr(std::move(e)) {}
    ValueType type() const override { return expr->type(); }
    std::string toString() const override;

    ExprPtr expr;
};

/// Formats a number the way PromQL reads it back exactly: shortest
/// round-trip decimal, `+Inf`, `-Inf` or `NaN`.
std::string formatNumber(double value);

} // namespace umg::promql
