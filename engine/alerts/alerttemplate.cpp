#include "alerts/alerttemplate.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <variant>
#include <vector>

namespace umg::alerts {
namespace {

// Go prints special values as +Inf, -Inf and NaN where C prints inf and nan.
std::optional<std::string> goSpecialValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    return std::nullopt;
}

// Go's %.Ng and C's %.Ng agree for finite values: both round the exact
// binary value to N significant digits and drop trailing zeros.
std::string formatG(double value, int precision)
{
    if (auto special = goSpecialValue(value))
        return *special;
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision);
    return std::string(buffer, result.ptr);
}

std::string formatFixed(double value, int precision)
{
    if (auto special = goSpecialValue(value))
        return *special;
    char buffer[512];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, precision);
    return std::string(buffer, result.ptr);
}

std::string formatExponent(double value, int precision)
{
    if (auto special = goSpecialValue(value))
        return *special;
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, precision);
    return std::string(buffer, result.ptr);
}

using TemplateValue = std::variant<double, std::string>;

struct Command {
    std::vector<std::string> words; // a function name or operand, then arguments; strings keep their quotes
};

std::string unquote(const std::string& word)
{
    std::string out;
    for (std::size_t i = 1; i + 1 < word.size(); ++i) {
        char c = word[i];
        if (c == '\\' && i + 2 < word.size()) {
            char e = word[++i];
            switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            default: out += e;
            }
        } else {
            out += c;
        }
    }
    return out;
}

// Splits the inside of one {{ }} action into commands separated by `|`.
std::vector<Command> splitPipeline(std::string_view action)
{
    std::vector<Command> commands(1);
    std::size_t pos = 0;
    while (pos < action.size()) {
        char c = action[pos];
        if (c == ' ' || c == '\t') {
            ++pos;
        } else if (c == '|') {
            commands.emplace_back();
            ++pos;
        } else if (c == '"') {
            std::size_t end = pos + 1;
            while (end < action.size() && action[end] != '"') {
                if (action[end] == '\\')
                    ++end;
                ++end;
            }
            if (end >= action.size())
                throw AlertTemplateError("unterminated string in template action \"" + std::string(action) + "\"");
            commands.back().words.emplace_back(action.substr(pos, end + 1 - pos));
            pos = end + 1;
        } else {
            std::size_t end = pos;
            while (end < action.size() && action[end] != ' ' && action[end] != '\t' && action[end] != '|')
                ++end;
            commands.back().words.emplace_back(action.substr(pos, end - pos));
            pos = end;
        }
    }
    for (const Command& command : commands) {
        if (command.words.empty())
            throw AlertTemplateError("empty command in template action \"" + std::string(action) + "\"");
    }
    return commands;
}

class ActionEvaluator {
public:
    ActionEvaluator(std::string_view action, const promql::Labels* labels, double value)
        : m_action(action), m_labels(labels), m_value(value)
    {
    }

    std::string run()
    {
        std::vector<Command> commands = splitPipeline(m_action);
        std::optional<TemplateValue> piped;
        for (const Command& command : commands)
            piped = runCommand(command, piped);
        return toText(*piped);
    }

private:
    [[noreturn]] void fail(const std::string& message) const
    {
        throw AlertTemplateError(message + " in template action {{" + std::string(m_action) + "}}");
    }

    std::optional<TemplateValue> operand(const std::string& word) const
    {
        if (word == "$value" || word == ".Value")
            return TemplateValue{m_value};
        for (std::string_view prefix : {std::string_view("$labels."), std::string_view(".Labels.")}) {
            if (word.size() > prefix.size() && word.compare(0, prefix.size(), prefix) == 0) {
                std::string name = word.substr(prefix.size());
                return TemplateValue{m_labels ? std::string(m_labels->get(name)) : std::string()};
            }
        }
        if (word.size() >= 2 && word.front() == '"' && word.back() == '"')
            return TemplateValue{unquote(word)};
        return std::nullopt;
    }

    TemplateValue runCommand(const Command& command, const std::optional<TemplateValue>& piped) const
    {
        const std::string& head = command.words.front();
        if (auto value = operand(head)) {
            if (command.words.size() > 1 || piped)
                fail("unexpected argument after \"" + head + "\"");
            return *value;
        }

        std::vector<TemplateValue> args;
        for (std::size_t i = 1; i < command.words.size(); ++i) {
            auto value = operand(command.words[i]);
            if (!value)
                fail("unsupported argument \"" + command.words[i] + "\"");
            args.push_back(*value);
        }
        if (piped)
            args.push_back(*piped);
        return callFunction(head, args);
    }

    double numberArgument(const std::string& function, const std::vector<TemplateValue>& args) const
    {
        if (args.size() != 1)
            fail("function " + function + " expects one argument");
        const double* number = std::get_if<double>(&args[0]);
        if (!number)
            fail("function " + function + " expects $value, not a label");
        return *number;
    }

    TemplateValue callFunction(const std::string& function, const std::vector<TemplateValue>& args) const
    {
        if (function == "humanize")
            return humanize(numberArgument(function, args));
        if (function == "humanize1024")
            return humanize1024(numberArgument(function, args));
        if (function == "humanizePercentage")
            return humanizePercentage(numberArgument(function, args));
        if (function == "humanizeDuration")
            return humanizeDuration(numberArgument(function, args));
        if (function == "printf")
            return printf(args);
        fail("unsupported function \"" + function + "\"");
    }

    std::string printf(const std::vector<TemplateValue>& args) const
    {
        if (args.size() != 2 || !std::holds_alternative<std::string>(args[0]))
            fail("printf expects a format string and one argument");
        const std::string& format = std::get<std::string>(args[0]);
        const TemplateValue& argument = args[1];

        std::size_t percent = format.find('%');
        while (percent != std::string::npos && percent + 1 < format.size() && format[percent + 1] == '%')
            percent = format.find('%', percent + 2);
        if (percent == std::string::npos)
            fail("printf format \"" + format + "\" has no verb");

        std::size_t pos = percent + 1;
        std::optional<int> precision;
        if (pos < format.size() && format[pos] == '.') {
            std::size_t digitsStart = ++pos;
            while (pos < format.size() && format[pos] >= '0' && format[pos] <= '9')
                ++pos;
            if (pos == digitsStart || pos - digitsStart > 2)
                fail("unsupported printf precision in \"" + format + "\"");
            precision = std::stoi(format.substr(digitsStart, pos - digitsStart));
        }
        if (pos >= format.size())
            fail("printf format \"" + format + "\" ends inside a verb");
        char verb = format[pos];

        std::string formatted;
        if (const double* number = std::get_if<double>(&argument)) {
            switch (verb) {
            case 'f': formatted = formatFixed(*number, precision.value_or(6)); break;
            case 'e': formatted = formatExponent(*number, precision.value_or(6)); break;
            case 'g': formatted = precision ? formatG(*number, *precision) : formatGoValue(*number); break;
            case 'v': formatted = formatGoValue(*number); break;
            default: fail("printf verb %" + std::string(1, verb) + " is not supported for $value");
            }
        } else {
            if ((verb != 's' && verb != 'v') || precision)
                fail("printf verb for a label must be %s or %v");
            formatted = std::get<std::string>(argument);
        }

        return unescapePercent(format.substr(0, percent), format) + formatted
            + unescapePercent(format.substr(pos + 1), format);
    }

    // Turns `%%` into `%`; any other `%` would be a second verb.
    std::string unescapePercent(const std::string& text, const std::string& format) const
    {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%') {
                if (i + 1 >= text.size() || text[i + 1] != '%')
                    fail("printf format \"" + format + "\" has more than one verb");
                ++i;
            }
            out += text[i];
        }
        return out;
    }

    static std::string toText(const TemplateValue& value)
    {
        if (const double* number = std::get_if<double>(&value))
            return formatGoValue(*number);
        return std::get<std::string>(value);
    }

    std::string_view m_action;
    const promql::Labels* m_labels;
    double m_value;
};

std::string expand(std::string_view text, const promql::Labels* labels, double value)
{
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            out += text.substr(pos);
            break;
        }
        out += text.substr(pos, open - pos);
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos)
            throw AlertTemplateError("unclosed action in template \"" + std::string(text) + "\"");
        std::string_view action = text.substr(open + 2, close - open - 2);
        if (!action.empty() && (action.front() == '-' || action.back() == '-'))
            throw AlertTemplateError("trim markers {{- -}} are not supported in template \"" + std::string(text) + "\"");
        out += ActionEvaluator(action, labels, value).run();
        pos = close + 2;
    }
    return out;
}

std::string withPrefixes(double value, double base, const std::array<std::string_view, 8>& prefixes)
{
    std::string_view prefix;
    for (std::string_view candidate : prefixes) {
        if (std::fabs(value) < base)
            break;
        prefix = candidate;
        value /= base;
    }
    return formatG(value, 4) + std::string(prefix);
}

constexpr std::array<std::string_view, 8> kSmallPrefixes{"m", "u", "n", "p", "f", "a", "z", "y"};

} // namespace

std::string expandAlertTemplate(std::string_view text, const promql::Labels& labels, double value)
{
    return expand(text, &labels, value);
}

void validateAlertTemplate(std::string_view text)
{
    expand(text, nullptr, 1.0);
}

std::string formatGoValue(double value)
{
    if (auto special = goSpecialValue(value))
        return *special;
    if (value == 0)
        return std::signbit(value) ? "-0" : "0";

    char buffer[64];
    auto scientific = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    std::string text(buffer, scientific.ptr);
    int exponent = std::stoi(text.substr(text.find('e') + 1));
    if (exponent < -4 || exponent >= 6)
        return text;
    auto fixed = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return std::string(buffer, fixed.ptr);
}

std::string humanize(double value)
{
    if (value == 0 || std::isnan(value) || std::isinf(value))
        return formatG(value, 4);
    if (std::fabs(value) >= 1)
        return withPrefixes(value, 1000, {"k", "M", "G", "T", "P", "E", "Z", "Y"});

    std::string_view prefix;
    for (std::string_view candidate : kSmallPrefixes) {
        if (std::fabs(value) >= 1)
            break;
        prefix = candidate;
        value *= 1000;
    }
    return formatG(value, 4) + std::string(prefix);
}

std::string humanize1024(double value)
{
    if (std::fabs(value) <= 1 || std::isnan(value) || std::isinf(value))
        return formatG(value, 4);
    return withPrefixes(value, 1024, {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"});
}

std::string humanizePercentage(double value)
{
    return formatG(value * 100, 4) + "%";
}

std::string humanizeDuration(double seconds)
{
    if (std::isnan(seconds) || std::isinf(seconds))
        return formatG(seconds, 4);
    if (seconds == 0)
        return formatG(seconds, 4) + "s";

    if (std::fabs(seconds) >= 1) {
        std::string sign = seconds < 0 ? "-" : "";
        double magnitude = std::fabs(seconds);
        auto whole = static_cast<std::int64_t>(magnitude);
        std::int64_t secs = whole % 60;
        std::int64_t minutes = (whole / 60) % 60;
        std::int64_t hours = (whole / 3600) % 24;
        std::int64_t days = whole / 86400;
        if (days != 0)
            return sign + std::to_string(days) + "d " + std::to_string(hours) + "h " + std::to_string(minutes) + "m "
                + std::to_string(secs) + "s";
        if (hours != 0)
            return sign + std::to_string(hours) + "h " + std::to_string(minutes) + "m " + std::to_string(secs) + "s";
        if (minutes != 0)
            return sign + std::to_string(minutes) + "m " + std::to_string(secs) + "s";
        return sign + formatG(magnitude, 4) + "s";
    }

    std::string_view prefix;
    for (std::string_view candidate : kSmallPrefixes) {
        if (std::fabs(seconds) >= 1)
            break;
        prefix = candidate;
        seconds *= 1000;
    }
    return formatG(seconds, 4) + std::string(prefix) + "s";
}

} // namespace umg::alerts
