#include "promql/parser.h"

#include "promql/duration.h"
#include "promql/functions.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace umg::promql {
namespace {

std::string toLower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return out;
}

// Keywords are case-insensitive in PromQL and cannot name a metric.
constexpr std::array<std::string_view, 12> kKeywords{
    "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
};

constexpr std::array<std::string_view, 7> kUnsupportedAggregations{
    "topk", "bottomk", "quantile", "count_values", "stddev", "stdvar", "group",
};

bool isKeyword(std::string_view lowered)
{
    return std::find(kKeywords.begin(), kKeywords.end(), lowered) != kKeywords.end();
}

std::optional<AggregateOp> aggregateOp(std::string_view lowered)
{
    if (lowered == "sum")
        return AggregateOp::Sum;
    if (lowered == "avg")
        return AggregateOp::Avg;
    if (lowered == "min")
        return AggregateOp::Min;
    if (lowered == "max")
        return AggregateOp::Max;
    if (lowered == "count")
        return AggregateOp::Count;
    return std::nullopt;
}

struct OperatorInfo {
    BinaryOp op;
    int precedence;
};

// Precedence from lowest to highest: or; and, unless; comparisons; + -; * / %; ^.
std::optional<OperatorInfo> binaryOperator(const Token& token)
{
    switch (token.kind) {
    case TokenKind::Add: return OperatorInfo{BinaryOp::Add, 4};
    case TokenKind::Sub: return OperatorInfo{BinaryOp::Sub, 4};
    case TokenKind::Mul: return OperatorInfo{BinaryOp::Mul, 5};
    case TokenKind::Div: return OperatorInfo{BinaryOp::Div, 5};
    case TokenKind::Mod: return OperatorInfo{BinaryOp::Mod, 5};
    case TokenKind::Pow: return OperatorInfo{BinaryOp::Pow, 6};
    case TokenKind::Equal: return OperatorInfo{BinaryOp::Equal, 3};
    case TokenKind::NotEqual: return OperatorInfo{BinaryOp::NotEqual, 3};
    case TokenKind::Greater: return OperatorInfo{BinaryOp::Greater, 3};
    case TokenKind::Less: return OperatorInfo{BinaryOp::Less, 3};
    case TokenKind::GreaterEqual: return OperatorInfo{BinaryOp::GreaterEqual, 3};
    case TokenKind::LessEqual: return OperatorInfo{BinaryOp::LessEqual, 3};
    case TokenKind::Identifier: {
        std::string lowered = toLower(token.text);
        if (lowered == "and")
            return OperatorInfo{BinaryOp::And, 2};
        if (lowered == "unless")
            return OperatorInfo{BinaryOp::Unless, 2};
        if (lowered == "or")
            return OperatorInfo{BinaryOp::Or, 1};
        return std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

constexpr int kPowerPrecedence = 6;

const Expr& unwrapParens(const Expr& expr)
{
    const Expr* current = &expr;
    while (current->kind == ExprKind::Paren)
        current = static_cast<const ParenExpr*>(current)->expr.get();
    return *current;
}

class Parser {
public:
    explicit Parser(std::string_view input) : m_input(input), m_tokens(tokenize(input)) {}

    ExprPtr run()
    {
        ExprPtr expr = parseExpr(0);
        if (peek().kind != TokenKind::End)
            failAt(peek(), "unexpected " + describe(peek()) + " after the end of the expression");
        return expr;
    }

private:
    const Token& peek(std::size_t ahead = 0) const
    {
        std::size_t index = std::min(m_index + ahead, m_tokens.size() - 1);
        return m_tokens[index];
    }

    const Token& consume()
    {
        const Token& token = m_tokens[m_index];
        if (m_index + 1 < m_tokens.size())
            ++m_index;
        return token;
    }

    bool peekKeyword(std::string_view keyword, std::size_t ahead = 0) const
    {
        const Token& token = peek(ahead);
        return token.kind == TokenKind::Identifier && toLower(token.text) == keyword;
    }

    std::string tokenText(const Token& token) const
    {
        if (token.kind == TokenKind::End)
            return {};
        if (token.kind == TokenKind::String) {
            // Show the string as written, quotes included.
            std::size_t end = token.position + 1;
            char quote = m_input[token.position];
            while (end < m_input.size() && m_input[end] != quote) {
                if (m_input[end] == '\\' && quote != '`')
                    ++end;
                ++end;
            }
            return std::string(m_input.substr(token.position, std::min(end + 1, m_input.size()) - token.position));
        }
        return token.text;
    }

    std::string describe(const Token& token) const
    {
        if (token.kind == TokenKind::End)
            return "end of input";
        if (token.kind == TokenKind::Identifier || token.kind == TokenKind::Number || token.kind == TokenKind::Duration
            || token.kind == TokenKind::String)
            return std::string(tokenKindName(token.kind)) + " \"" + tokenText(token) + "\"";
        return std::string(tokenKindName(token.kind));
    }

    [[noreturn]] void failAt(const Token& token, const std::string& message) const
    {
        throw ParseError(m_input, token.position, tokenText(token), message);
    }

    // Reports the error at the first token of `node`.
    [[noreturn]] void failAtNode(const Expr& node, const std::string& message) const
    {
        for (const Token& token : m_tokens) {
            if (token.position == node.position)
                failAt(token, message);
        }
        throw ParseError(m_input, node.position, std::string(), message);
    }

    const Token& expect(TokenKind kind, std::string_view context)
    {
        if (peek().kind != kind)
            failAt(peek(), "expected " + std::string(tokenKindName(kind)) + " " + std::string(context) + ", found "
                               + describe(peek()));
        return consume();
    }

    // --- expressions -------------------------------------------------------

    ExprPtr parseExpr(int minPrecedence)
    {
        ExprPtr lhs = parseUnary();
        while (true) {
            std::optional<OperatorInfo> info = binaryOperator(peek());
            if (!info || info->precedence < minPrecedence)
                return lhs;
            const Token& opToken = consume();

            auto binary = std::make_unique<BinaryExpr>(lhs->position, info->op);
            parseBinaryModifiers(*binary, opToken);

            // ^ is right-associative, every other operator left-associative.
            int nextPrecedence = info->op == BinaryOp::Pow ? info->precedence : info->precedence + 1;
            binary->lhs = std::move(lhs);
            binary->rhs = parseExpr(nextPrecedence);
            checkBinary(*binary, opToken);
            lhs = std::move(binary);
        }
    }

    void parseBinaryModifiers(BinaryExpr& binary, const Token& opToken)
    {
        if (peekKeyword("bool")) {
            const Token& boolToken = consume();
            if (!isComparison(binary.op))
                failAt(boolToken, "bool modifier can only be used on comparison operators, not on \"" + opToken.text + "\"");
            binary.returnBool = true;
        }
        if (isSetOperator(binary.op))
            binary.matching.cardinality = MatchCardinality::ManyToMany;

        if (peekKeyword("on") || peekKeyword("ignoring")) {
            binary.matching.on = peekKeyword("on");
            binary.matching.hasModifier = true;
            consume();
            binary.matching.labels = parseLabelList("after on/ignoring");
        }
        if (peekKeyword("group_left") || peekKeyword("group_right")) {
            const Token& groupToken = consume();
            if (isSetOperator(binary.op))
                failAt(groupToken, "no grouping allowed for \"" + opToken.text + "\" operation");
            if (!binary.matching.hasModifier)
                failAt(groupToken, "group_left and group_right need an on (...) or ignoring (...) clause before them");
            binary.matching.cardinality =
                toLower(groupToken.text) == "group_left" ? MatchCardinality::ManyToOne : MatchCardinality::OneToMany;
            if (peek().kind == TokenKind::LeftParen)
                binary.matching.include = parseLabelList("after group_left/group_right");
            if (binary.matching.on) {
                for (const std::string& name : binary.matching.include) {
                    if (std::find(binary.matching.labels.begin(), binary.matching.labels.end(), name)
                        != binary.matching.labels.end())
                        failAt(groupToken, "label \"" + name + "\" must not occur in on and group clause at once");
                }
            }
        }
    }

    void checkBinary(const BinaryExpr& binary, const Token& opToken) const
    {
        ValueType lhsType = binary.lhs->type();
        ValueType rhsType = binary.rhs->type();
        auto allowed = [](ValueType t) { return t == ValueType::Scalar || t == ValueType::InstantVector; };
        if (!allowed(lhsType))
            failAtNode(*binary.lhs, "binary expression must contain only scalar and instant vector types, found "
                                        + std::string(valueTypeName(lhsType)));
        if (!allowed(rhsType))
            failAtNode(*binary.rhs, "binary expression must contain only scalar and instant vector types, found "
                                        + std::string(valueTypeName(rhsType)));

        bool bothVectors = lhsType == ValueType::InstantVector && rhsType == ValueType::InstantVector;
        if (isSetOperator(binary.op) && !bothVectors)
            failAt(opToken, "set operator \"" + opToken.text + "\" needs instant vectors on both sides");
        if (isComparison(binary.op) && !binary.returnBool && lhsType == ValueType::Scalar && rhsType == ValueType::Scalar)
            failAt(opToken, "comparisons between scalars must use the bool modifier");
        if (!bothVectors && (binary.matching.hasModifier || !binary.matching.include.empty()))
            failAt(opToken, "vector matching (on, ignoring, group_left, group_right) is only allowed between instant vectors");
    }

    ExprPtr parseUnary()
    {
        if (peek().kind == TokenKind::Add || peek().kind == TokenKind::Sub) {
            const Token& sign = consume();
            ExprPtr operand = parseExpr(kPowerPrecedence);
            ValueType type = operand->type();
            if (type != ValueType::Scalar && type != ValueType::InstantVector)
                failAt(sign, "unary expression only allowed on expressions of type scalar or instant vector, found "
                                 + std::string(valueTypeName(type)));
            if (sign.kind == TokenKind::Add)
                return operand;
            return std::make_unique<UnaryExpr>(sign.position, std::move(operand));
        }
        return parsePrimary();
    }

    ExprPtr parsePrimary()
    {
        const Token& token = peek();
        switch (token.kind) {
        case TokenKind::Number: {
            consume();
            return rejectModifiers(std::make_unique<NumberLiteral>(token.position, parseNumber(token)));
        }
        case TokenKind::String: {
            consume();
            return rejectModifiers(std::make_unique<StringLiteral>(token.position, token.text));
        }
        case TokenKind::LeftParen: {
            consume();
            ExprPtr inner = parseExpr(0);
            expect(TokenKind::RightParen, "to close the parenthesis");
            return rejectModifiers(std::make_unique<ParenExpr>(token.position, std::move(inner)));
        }
        case TokenKind::LeftBrace:
            return parseSelector(std::string(), token.position);
        case TokenKind::Identifier:
            return parseIdentifierExpr();
        case TokenKind::Duration:
            failAt(token, "unexpected duration; durations belong in [ ] or after offset");
        default:
            failAt(token, "unexpected " + describe(token) + "; expected an expression");
        }
    }

    ExprPtr parseIdentifierExpr()
    {
        const Token& token = peek();
        std::string lowered = toLower(token.text);

        if (std::optional<AggregateOp> op = aggregateOp(lowered);
            op && (peek(1).kind == TokenKind::LeftParen || peekKeyword("by", 1) || peekKeyword("without", 1)))
            return parseAggregate(*op);
        if (std::find(kUnsupportedAggregations.begin(), kUnsupportedAggregations.end(), lowered)
                != kUnsupportedAggregations.end()
            && (peek(1).kind == TokenKind::LeftParen || peekKeyword("by", 1) || peekKeyword("without", 1)))
            failAt(token, "aggregation \"" + token.text + "\" is not supported by this evaluator");

        if (peek(1).kind == TokenKind::LeftParen) {
            const FunctionInfo* function = findFunction(token.text);
            if (!function)
                failAt(token, "unknown or unsupported function \"" + token.text + "\"");
            return rejectModifiers(parseCall(*function));
        }
        if (isKeyword(lowered))
            failAt(token, "unexpected keyword \"" + token.text + "\"; expected an expression");

        consume();
        return parseSelector(token.text, token.position);
    }

    // Literals, calls, aggregations and parentheses take neither a range nor an offset.
    ExprPtr rejectModifiers(ExprPtr expr)
    {
        if (peek().kind == TokenKind::LeftBracket) {
            if (peek(2).kind == TokenKind::Colon || peek(1).kind == TokenKind::Colon)
                failAt(peek(), "subqueries are not supported by this evaluator");
            failAt(peek(), "ranges are only allowed after a metric selector");
        }
        if (peekKeyword("offset"))
            failAt(peek(), "offset is only allowed after a metric selector");
        if (peek().kind == TokenKind::At)
            failAt(peek(), "the @ modifier is not supported by this evaluator");
        return expr;
    }

    double parseNumber(const Token& token) const
    {
        std::string lowered = toLower(token.text);
        if (lowered == "inf")
            return std::numeric_limits<double>::infinity();
        if (lowered == "nan")
            return std::numeric_limits<double>::quiet_NaN();

        double value = 0;
        const char* first = token.text.data();
        const char* last = first + token.text.size();
        std::from_chars_result result{};
        if (lowered.size() > 2 && lowered[0] == '0' && lowered[1] == 'x')
            result = std::from_chars(first + 2, last, value, std::chars_format::hex);
        else
            result = std::from_chars(first, last, value);
        if (result.ec == std::errc::result_out_of_range)
            value = lowered.find("e-") != std::string::npos ? 0.0 : std::numeric_limits<double>::infinity();
        else if (result.ec != std::errc() || result.ptr != last)
            failAt(token, "invalid number \"" + token.text + "\"");
        return value;
    }

    // --- selectors ---------------------------------------------------------

    ExprPtr parseSelector(std::string metricName, std::size_t position)
    {
        auto selector = std::make_unique<VectorSelector>(position);
        selector->metricName = metricName;
        const Token& start = peek();
        if (!metricName.empty())
            selector->matchers.emplace_back(MatchType::Equal, std::string(kMetricNameLabel), metricName);
        if (peek().kind == TokenKind::LeftBrace)
            parseMatchers(*selector);

        bool hasNonEmptyMatcher = std::any_of(selector->matchers.begin(), selector->matchers.end(),
                                              [](const LabelMatcher& m) { return !m.matches(std::string_view()); });
        if (!hasNonEmptyMatcher)
            failAt(start, "vector selector must contain at least one matcher that does not match the empty string");

        std::optional<std::int64_t> range;
        if (peek().kind == TokenKind::LeftBracket) {
            consume();
            const Token& duration = expect(TokenKind::Duration, "as the range of a range selector");
            range = *parseDuration(duration.text);
            if (*range <= 0)
                failAt(duration, "range must be greater than zero");
            if (peek().kind == TokenKind::Colon)
                failAt(peek(), "subqueries are not supported by this evaluator");
            expect(TokenKind::RightBracket, "to close the range");
        }
        if (peekKeyword("offset")) {
            consume();
            if (peek().kind == TokenKind::Sub)
                failAt(peek(), "negative offsets are not supported by this evaluator");
            const Token& duration = expect(TokenKind::Duration, "after offset");
            selector->offsetMs = *parseDuration(duration.text);
        }
        if (peek().kind == TokenKind::At)
            failAt(peek(), "the @ modifier is not supported by this evaluator");
        if (peek().kind == TokenKind::LeftBracket)
            failAt(peek(), range ? "a selector takes only one range" : "a range must come before offset");
        if (peekKeyword("offset"))
            failAt(peek(), "offset may not be set multiple times");

        if (range)
            return std::make_unique<MatrixSelector>(position, std::move(selector), *range);
        return selector;
    }

    void parseMatchers(VectorSelector& selector)
    {
        expect(TokenKind::LeftBrace, "to open the label matchers");
        while (peek().kind != TokenKind::RightBrace) {
            const Token& name = peek();
            if (name.kind != TokenKind::Identifier)
                failAt(name, "expected a label name in the label matchers, found " + describe(name));
            consume();

            MatchType type;
            switch (peek().kind) {
            case TokenKind::Assign: type = MatchType::Equal; break;
            case TokenKind::NotEqual: type = MatchType::NotEqual; break;
            case TokenKind::RegexMatch: type = MatchType::RegexMatch; break;
            case TokenKind::RegexNoMatch: type = MatchType::RegexNoMatch; break;
            default:
                failAt(peek(), "expected a label match operator (=, !=, =~, !~) after \"" + name.text + "\", found "
                                   + describe(peek()));
            }
            consume();
            const Token& value = expect(TokenKind::String, "as the label value");

            if (name.text == kMetricNameLabel && !selector.metricName.empty())
                failAt(name, "metric name must not be set twice: \"" + selector.metricName + "\" and a __name__ matcher");
            try {
                selector.matchers.emplace_back(type, name.text, value.text);
            } catch (const std::invalid_argument& error) {
                failAt(value, error.what());
            }

            if (peek().kind == TokenKind::Comma) {
                consume();
                continue;
            }
            if (peek().kind != TokenKind::RightBrace)
                failAt(peek(), "expected \",\" or \"}\" in the label matchers, found " + describe(peek()));
        }
        consume();
    }

    std::vector<std::string> parseLabelList(std::string_view context)
    {
        expect(TokenKind::LeftParen, context);
        std::vector<std::string> labels;
        while (peek().kind != TokenKind::RightParen) {
            const Token& name = peek();
            if (name.kind != TokenKind::Identifier || name.text.find(':') != std::string::npos)
                failAt(name, "expected a label name in the label list, found " + describe(name));
            labels.push_back(consume().text);
            if (peek().kind == TokenKind::Comma) {
                consume();
                continue;
            }
            if (peek().kind != TokenKind::RightParen)
                failAt(peek(), "expected \",\" or \")\" in the label list, found " + describe(peek()));
        }
        consume();
        return labels;
    }

    // --- calls and aggregations ----------------------------------------------

    ExprPtr parseCall(const FunctionInfo& function)
    {
        const Token& nameToken = consume();
        auto call = std::make_unique<Call>(nameToken.position, function);
        expect(TokenKind::LeftParen, "after the function name");
        while (peek().kind != TokenKind::RightParen) {
            call->args.push_back(parseExpr(0));
            if (peek().kind == TokenKind::Comma) {
                consume();
                continue;
            }
            if (peek().kind != TokenKind::RightParen)
                failAt(peek(), "expected \",\" or \")\" in the call of " + std::string(function.name) + ", found "
                                   + describe(peek()));
        }
        const Token& closing = consume();

        if (call->args.size() != function.argTypes.size())
            failAt(closing, "function \"" + std::string(function.name) + "\" expects "
                                + std::to_string(function.argTypes.size()) + " argument(s), got "
                                + std::to_string(call->args.size()));
        for (std::size_t i = 0; i < call->args.size(); ++i) {
            ValueType expected = function.argTypes[i];
            ValueType actual = call->args[i]->type();
            if (actual != expected)
                failAtNode(*call->args[i], "expected type " + std::string(valueTypeName(expected))
                                               + " in call to function \"" + std::string(function.name) + "\", got "
                                               + std::string(valueTypeName(actual)));
            if (expected == ValueType::RangeVector && unwrapParens(*call->args[i]).kind != ExprKind::MatrixSelector)
                failAtNode(*call->args[i], "expected a range selector such as x[5m] in call to function \""
                                               + std::string(function.name) + "\"");
        }
        return call;
    }

    ExprPtr parseAggregate(AggregateOp op)
    {
        const Token& opToken = consume();
        auto aggregate = std::make_unique<AggregateExpr>(opToken.position, op);
        parseGrouping(*aggregate);

        expect(TokenKind::LeftParen, "after the aggregation");
        if (peek().kind == TokenKind::RightParen)
            failAt(peek(), "aggregation \"" + opToken.text + "\" expects one argument, got none");
        aggregate->expr = parseExpr(0);
        if (peek().kind == TokenKind::Comma)
            failAt(peek(), "aggregation \"" + opToken.text + "\" expects one argument, got more");
        expect(TokenKind::RightParen, "to close the aggregation");

        if (peekKeyword("by") || peekKeyword("without")) {
            if (aggregate->hasGrouping)
                failAt(peek(), "an aggregation takes only one by or without clause");
            parseGrouping(*aggregate);
        }
        if (aggregate->expr->type() != ValueType::InstantVector)
            failAtNode(*aggregate->expr, "expected type instant vector in aggregation expression, got "
                                             + std::string(valueTypeName(aggregate->expr->type())));
        return rejectModifiers(std::move(aggregate));
    }

    void parseGrouping(AggregateExpr& aggregate)
    {
        if (!peekKeyword("by") && !peekKeyword("without"))
            return;
        aggregate.without = peekKeyword("without");
        aggregate.hasGrouping = true;
        consume();
        aggregate.grouping = parseLabelList("after by/without");
    }

    std::string_view m_input;
    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
};

} // namespace

ExprPtr parseExpression(std::string_view expression)
{
    return Parser(expression).run();
}

} // namespace umg::promql
