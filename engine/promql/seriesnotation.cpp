#include "promql/seriesnotation.h"

#include "promql/parser.h"
#include "promql/seriessource.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace umg::promql {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads a signed number at the front of `text` (leaving the rest in `text`),
// or returns nullopt.
std::optional<double> readNumber(std::string_view& text)
{
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }

    auto startsWithWord = [&](std::string_view word) {
        if (text.size() - pos < word.size())
            return false;
        for (std::size_t i = 0; i < word.size(); ++i) {
            char c = text[pos + i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word[i])
                return false;
        }
        return true;
    };
    if (startsWithWord("inf")) {
        text.remove_prefix(pos + 3);
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    }
    if (startsWithWord("nan")) {
        text.remove_prefix(pos + 3);
        return std::numeric_limits<double>::quiet_NaN();
    }

    std::size_t start = pos;
    while (pos < text.size() && (isDigit(text[pos]) || text[pos] == '.'))
        ++pos;
    if (pos == start)
        return std::nullopt;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        std::size_t exponent = pos + 1;
        if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-'))
            ++exponent;
        if (exponent < text.size() && isDigit(text[exponent])) {
            pos = exponent;
            while (pos < text.size() && isDigit(text[pos]))
                ++pos;
        }
    }

    double value = 0;
    auto result = std::from_chars(text.data() + start, text.data() + pos, value);
    if (result.ec != std::errc() || result.ptr != text.data() + pos)
        return std::nullopt;
    text.remove_prefix(pos);
    return negative ? -value : value;
}

// Reads `xN` at the front of `text`, or returns nullopt.
std::optional<std::size_t> readRepeat(std::string_view& text)
{
    if (text.empty() || text.front() != 'x')
        return std::nullopt;
    std::size_t count = 0;
    auto result = std::from_chars(text.data() + 1, text.data() + text.size(), count);
    if (result.ec != std::errc() || result.ptr == text.data() + 1)
        return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(result.ptr - text.data()));
    return count;
}

[[noreturn]] void failItem(std::string_view item)
{
    throw std::invalid_argument("invalid series value \"" + std::string(item)
                                + "\"; expected a number, a+bxn, axn, _, _xn or stale");
}

void expandItem(std::string_view item, std::vector<std::optional<double>>& values)
{
    if (item == "stale") {
        values.emplace_back(staleMarker());
        return;
    }
    std::string_view rest = item;
    if (rest.front() == '_') {
        rest.remove_prefix(1);
        std::size_t count = 1;
        if (!rest.empty()) {
            std::optional<std::size_t> repeat = readRepeat(rest);
            if (!repeat || !rest.empty())
                failItem(item);
            count = *repeat;
        }
        values.insert(values.end(), count, std::nullopt);
        return;
    }

    std::optional<double> start = readNumber(rest);
    if (!start)
        failItem(item);
    if (rest.empty()) {
        values.emplace_back(*start);
        return;
    }

    double increment = 0;
    if (rest.front() == '+' || rest.front() == '-') {
        std::optional<double> step = readNumber(rest);
        if (!step)
            failItem(item);
        increment = *step;
    }
    std::optional<std::size_t> repeat = readRepeat(rest);
    if (!repeat || !rest.empty())
        failItem(item);

    // Added up step by step like promtool, which matters for fractional increments.
    double value = *start;
    for (std::size_t i = 0; i <= *repeat; ++i) {
        values.emplace_back(value);
        value += increment;
    }
}

} // namespace

std::vector<std::optional<double>> expandSeriesValues(std::string_view notation)
{
    std::vector<std::optional<double>> values;
    std::size_t pos = 0;
    while (pos < notation.size()) {
        while (pos < notation.size() && (notation[pos] == ' ' || notation[pos] == '\t'))
            ++pos;
        std::size_t end = pos;
        while (end < notation.size() && notation[end] != ' ' && notation[end] != '\t')
            ++end;
        if (end > pos)
            expandItem(notation.substr(pos, end - pos), values);
        pos = end;
    }
    return values;
}

Labels parseSeriesLabels(std::string_view notation)
{
    ExprPtr expr;
    try {
        expr = parseExpression(notation);
    } catch (const std::exception& error) {
        throw std::invalid_argument("invalid series \"" + std::string(notation) + "\": " + error.what());
    }
    if (expr->kind != ExprKind::VectorSelector)
        throw std::invalid_argument("invalid series \"" + std::string(notation) + "\": expected name{label=\"value\", ...}");

    const auto& selector = static_cast<const VectorSelector&>(*expr);
    std::vector<Label> labels;
    for (const LabelMatcher& matcher : selector.matchers) {
        if (matcher.type() != MatchType::Equal)
            throw std::invalid_argument("invalid series \"" + std::string(notation) + "\": label \"" + matcher.name()
                                        + "\" must use =");
        labels.push_back(Label{matcher.name(), matcher.value()});
    }
    if (selector.offsetMs != 0)
        throw std::invalid_argument("invalid series \"" + std::string(notation) + "\": offset is not allowed");
    try {
        return Labels(std::move(labels));
    } catch (const std::invalid_argument& error) {
        throw std::invalid_argument("invalid series \"" + std::string(notation) + "\": " + error.what());
    }
}

} // namespace umg::promql
