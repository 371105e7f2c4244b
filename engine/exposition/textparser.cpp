#include "exposition/textparser.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "promql/ast.h"

namespace umg::exposition {

namespace {

constexpr std::size_t kExcerptBytes = 80;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isMetricNameChar(char c, bool first)
{
    return isLetter(c) || c == '_' || c == ':' || (!first && isDigit(c));
}

bool isLabelNameChar(char c, bool first)
{
    return isLetter(c) || c == '_' || (!first && isDigit(c));
}

bool isValidMetricName(std::string_view name)
{
    if (name.empty())
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (!isMetricNameChar(name[i], i == 0))
            return false;
    }
    return true;
}

bool equalsIgnoringCase(std::string_view text, std::string_view lower)
{
    if (text.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i])
            return false;
    }
    return true;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Checks well-formed UTF-8 as Go's utf8.ValidString does: no overlong
// forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(std::string_view text)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0;
            else if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        if (size - i < length)
            return false;
        if (bytes[i + 1] < low || bytes[i + 1] > high)
            return false;
        for (std::size_t k = 2; k < length; ++k) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF)
                return false;
        }
        i += length;
    }
    return true;
}

// Parses a float the way Prometheus reads sample values: decimal or
// scientific notation, `Inf` or `Infinity` with an optional sign and `NaN`,
// the last two in any case.
std::optional<double> parseFloat(std::string_view text)
{
    bool negative = false;
    std::string_view digits = text;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        negative = digits.front() == '-';
        digits.remove_prefix(1);
    }
    if (equalsIgnoringCase(digits, "inf") || equalsIgnoringCase(digits, "infinity"))
        return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (digits.size() == text.size() && equalsIgnoringCase(digits, "nan"))
        return std::numeric_limits<double>::quiet_NaN();
    // from_chars would also take "inf" and "nan" spellings, hence the check
    // that a number starts here.
    if (digits.empty() || !(isDigit(digits.front()) || digits.front() == '.'))
        return std::nullopt;

    double value = 0;
    const char* end = digits.data() + digits.size();
    const auto [stop, error] = std::from_chars(digits.data(), end, value, std::chars_format::general);
    if (error != std::errc() || stop != end)
        return std::nullopt;
    return negative ? -value : value;
}

std::optional<std::int64_t> parseTimestamp(std::string_view text)
{
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || stop != end)
        return std::nullopt;
    return value;
}

std::string excerptOf(std::string_view line)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string excerpt;
    for (char c : line.substr(0, kExcerptBytes)) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            excerpt += c;
        } else {
            excerpt += "\\x";
            excerpt += kHex[byte >> 4];
            excerpt += kHex[byte & 0x0F];
        }
    }
    if (line.size() > kExcerptBytes)
        excerpt += "...";
    return excerpt;
}

// A cursor over one line.
class LineReader {
public:
    explicit LineReader(std::string_view line) : m_line(line) {}

    bool atEnd() const { return m_pos >= m_line.size(); }
    char peek() const { return atEnd() ? '\0' : m_line[m_pos]; }
    void advance() { ++m_pos; }

    void skipBlanks()
    {
        while (!atEnd() && isBlank(m_line[m_pos]))
            ++m_pos;
    }

    /// Reads up to the next blank or the end of the line.
    std::string_view readToken()
    {
        const std::size_t start = m_pos;
        while (!atEnd() && !isBlank(m_line[m_pos]))
            ++m_pos;
        return m_line.substr(start, m_pos - start);
    }

    std::string_view readWhile(bool (*accept)(char, bool))
    {
        const std::size_t start = m_pos;
        while (!atEnd() && accept(m_line[m_pos], m_pos == start))
            ++m_pos;
        return m_line.substr(start, m_pos - start);
    }

    std::string_view rest() const { return atEnd() ? std::string_view() : m_line.substr(m_pos); }

private:
    std::string_view m_line;
    std::size_t m_pos = 0;
};

struct RawLabel {
    std::string name;
    std::string value;
};

// The state of one parse: families seen so far and the series already taken.
class Parser {
public:
    Parser(const ParseLimits& limits, ParseResult& result) : m_limits(limits), m_result(result) {}

    void parseLine(std::string_view line, std::size_t number);

private:
    void reject(Problem problem, std::string_view line, std::size_t number);
    void parseComment(LineReader& reader, std::string_view line, std::size_t number);
    void parseSample(LineReader& reader, std::string_view line, std::size_t number);
    std::optional<Problem> readLabels(LineReader& reader, std::vector<RawLabel>& labels) const;

    Family& familyNamed(const std::string& name);
    /// Returns the family whose series `name` is, if it has a `# TYPE` line.
    const Family* familyOfSeries(std::string_view name) const;

    const ParseLimits& m_limits;
    ParseResult& m_result;
    std::unordered_map<std::string, std::size_t> m_familyIndex;
    std::unordered_set<std::string> m_typedFamilies;
    std::unordered_set<std::string> m_sampledFamilies;
    std::unordered_set<std::string> m_seriesKeys;
};

void Parser::reject(Problem problem, std::string_view line, std::size_t number)
{
    ++m_result.problemCounts[static_cast<std::size_t>(problem)];
    if (m_result.problems.size() < m_limits.maxListedProblems)
        m_result.problems.push_back({number, problem, excerptOf(line)});
}

Family& Parser::familyNamed(const std::string& name)
{
    const auto [it, inserted] = m_familyIndex.try_emplace(name, m_result.families.size());
    if (inserted)
        m_result.families.push_back({name, MetricType::Untyped, {}});
    return m_result.families[it->second];
}

const Family* Parser::familyOfSeries(std::string_view name) const
{
    const auto typedFamily = [this](std::string_view candidate) -> const Family* {
        const auto it = m_familyIndex.find(std::string(candidate));
        if (it == m_familyIndex.end() || !m_typedFamilies.contains(it->first))
            return nullptr;
        return &m_result.families[it->second];
    };
    if (const Family* family = typedFamily(name))
        return family;
    for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
        if (!endsWith(name, suffix))
            continue;
        const Family* family = typedFamily(name.substr(0, name.size() - suffix.size()));
        if (family && (family->type == MetricType::Histogram || (family->type == MetricType::Summary && suffix != "_bucket")))
            return family;
    }
    return nullptr;
}

void Parser::parseLine(std::string_view line, std::size_t number)
{
    if (line.size() > m_limits.maxLineBytes) {
        reject(Problem::LineTooLong, line, number);
        return;
    }
    if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
        reject(Problem::InvalidCharacter, line, number);
        return;
    }
    LineReader reader(line);
    reader.skipBlanks();
    if (reader.atEnd())
        return;
    if (reader.peek() == '#')
        parseComment(reader, line, number);
    else
        parseSample(reader, line, number);
}

void Parser::parseComment(LineReader& reader, std::string_view line, std::size_t number)
{
    reader.advance();
    reader.skipBlanks();
    const std::string_view keyword = reader.readToken();
    if (keyword != "HELP" && keyword != "TYPE")
        return;

    reader.skipBlanks();
    const std::string_view name = reader.readToken();
    if (!isValidMetricName(name)) {
        reject(keyword == "HELP" ? Problem::InvalidHelpLine : Problem::InvalidTypeLine, line, number);
        return;
    }

    if (keyword == "HELP") {
        // Only the first blank separates the name from the text.
        if (!reader.atEnd())
            reader.advance();
        const std::string_view text = reader.rest();
        std::string help;
        help.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
                help += text[i + 1] == 'n' ? '\n' : '\\';
                ++i;
            } else {
                help += text[i];
            }
        }
        Family& family = familyNamed(std::string(name));
        if (family.help.empty())
            family.help = std::move(help);
        return;
    }

    reader.skipBlanks();
    const std::string_view typeText = reader.readToken();
    reader.skipBlanks();
    std::optional<MetricType> type;
    for (int i = 0; i < static_cast<int>(MetricType::Count); ++i) {
        if (typeText == typeName(static_cast<MetricType>(i)))
            type = static_cast<MetricType>(i);
    }
    if (!type || !reader.atEnd()) {
        reject(Problem::InvalidTypeLine, line, number);
        return;
    }
    const std::string familyName(name);
    if (m_typedFamilies.contains(familyName) || m_sampledFamilies.contains(familyName)) {
        reject(Problem::DuplicateType, line, number);
        return;
    }
    m_typedFamilies.insert(familyName);
    familyNamed(familyName).type = *type;
}

std::optional<Problem> Parser::readLabels(LineReader& reader, std::vector<RawLabel>& labels) const
{
    reader.advance(); // '{'
    while (true) {
        reader.skipBlanks();
        if (reader.atEnd())
            return Problem::InvalidLabelSyntax;
        if (reader.peek() == '}') {
            reader.advance();
            return std::nullopt;
        }

        const std::string_view name = reader.readWhile(isLabelNameChar);
        if (name.empty())
            return reader.peek() == '"' || reader.peek() == '=' || reader.peek() == ',' ? Problem::InvalidLabelSyntax
                                                                                         : Problem::InvalidLabelName;
        if (name.starts_with("__"))
            return Problem::InvalidLabelName;
        reader.skipBlanks();
        if (reader.peek() != '=')
            return isBlank(reader.peek()) || reader.atEnd() || reader.peek() == '"' ? Problem::InvalidLabelSyntax
                                                                                    : Problem::InvalidLabelName;
        reader.advance();
        reader.skipBlanks();
        if (reader.peek() != '"')
            return Problem::InvalidLabelSyntax;
        reader.advance();

        std::string value;
        bool closed = false;
        while (!reader.atEnd()) {
            const char c = reader.peek();
            reader.advance();
            if (c == '"') {
                closed = true;
                break;
            }
            if (c != '\\') {
                value += c;
                continue;
            }
            const char escaped = reader.peek();
            if (escaped != '\\' && escaped != '"' && escaped != 'n')
                return Problem::InvalidEscape;
            reader.advance();
            value += escaped == 'n' ? '\n' : escaped;
        }
        if (!closed)
            return Problem::InvalidLabelSyntax;
        if (!isValidUtf8(value))
            return Problem::InvalidUtf8;
        for (const RawLabel& label : labels) {
            if (label.name == name)
                return Problem::DuplicateLabel;
        }
        if (labels.size() >= m_limits.maxLabels)
            return Problem::TooManyLabels;
        labels.push_back({std::string(name), std::move(value)});

        reader.skipBlanks();
        if (reader.peek() == ',') {
            reader.advance();
            continue;
        }
        if (reader.peek() != '}')
            return Problem::InvalidLabelSyntax;
    }
}

void Parser::parseSample(LineReader& reader, std::string_view line, std::size_t number)
{
    const std::string_view name = reader.readWhile(isMetricNameChar);
    if (name.empty() || !(reader.atEnd() || reader.peek() == '{' || isBlank(reader.peek()))) {
        reject(Problem::InvalidMetricName, line, number);
        return;
    }

    std::vector<RawLabel> labels;
    reader.skipBlanks();
    if (reader.peek() == '{') {
        if (const std::optional<Problem> problem = readLabels(reader, labels)) {
            reject(*problem, line, number);
            return;
        }
    }

    reader.skipBlanks();
    if (reader.atEnd()) {
        reject(Problem::MissingValue, line, number);
        return;
    }
    const std::optional<double> value = parseFloat(reader.readToken());
    if (!value) {
        reject(Problem::InvalidValue, line, number);
        return;
    }
    reader.skipBlanks();
    std::optional<std::int64_t> timestamp;
    if (!reader.atEnd()) {
        timestamp = parseTimestamp(reader.readToken());
        if (!timestamp) {
            reject(Problem::InvalidTimestamp, line, number);
            return;
        }
        reader.skipBlanks();
        if (!reader.atEnd()) {
            reject(Problem::TrailingCharacters, line, number);
            return;
        }
    }

    const Family* family = familyOfSeries(name);
    const MetricType type = family ? family->type : MetricType::Untyped;
    std::string_view boundaryLabel;
    if (type == MetricType::Histogram && endsWith(name, "_bucket"))
        boundaryLabel = "le";
    else if (type == MetricType::Summary && family->name == name)
        boundaryLabel = "quantile";
    if (!boundaryLabel.empty()) {
        for (RawLabel& label : labels) {
            if (label.name != boundaryLabel)
                continue;
            const std::optional<double> boundary = parseFloat(label.value);
            if (!boundary) {
                reject(Problem::InvalidBoundary, line, number);
                return;
            }
            label.value = promql::formatNumber(*boundary);
        }
    }

    std::vector<promql::Label> pairs;
    pairs.reserve(labels.size() + 1);
    pairs.push_back({std::string(promql::kMetricNameLabel), std::string(name)});
    for (RawLabel& label : labels)
        pairs.push_back({std::move(label.name), std::move(label.value)});
    promql::Labels labelSet(std::move(pairs));

    if (m_result.samples.size() >= m_limits.maxSamples) {
        ++m_result.droppedSamples;
        return;
    }
    std::string key;
    for (const promql::Label& label : labelSet) {
        key += label.name;
        key += '\0';
        key += label.value;
        key += '\0';
    }
    if (!m_seriesKeys.insert(std::move(key)).second) {
        reject(Problem::DuplicateSeries, line, number);
        return;
    }

    bool counter = false;
    switch (type) {
    case MetricType::Counter:
    case MetricType::Histogram:
        counter = true;
        break;
    case MetricType::Summary:
        counter = family->name != name;
        break;
    case MetricType::Gauge:
        break;
    case MetricType::Untyped:
    case MetricType::Count:
        // The naming convention MetricHistory::append() applies to series
        // without a type.
        for (std::string_view suffix : {"_total", "_count", "_sum", "_bucket"})
            counter = counter || endsWith(name, suffix);
        break;
    }
    m_sampledFamilies.insert(family ? family->name : std::string(name));
    m_result.samples.push_back({std::move(labelSet), *value, timestamp, counter});
}

} // namespace

std::string_view problemName(Problem problem)
{
    switch (problem) {
    case Problem::LineTooLong: return "line_too_long";
    case Problem::InvalidCharacter: return "invalid_character";
    case Problem::InvalidMetricName: return "invalid_metric_name";
    case Problem::InvalidLabelName: return "invalid_label_name";
    case Problem::InvalidLabelSyntax: return "invalid_label_syntax";
    case Problem::InvalidEscape: return "invalid_escape";
    case Problem::InvalidUtf8: return "invalid_utf8";
    case Problem::DuplicateLabel: return "duplicate_label";
    case Problem::TooManyLabels: return "too_many_labels";
    case Problem::InvalidBoundary: return "invalid_boundary";
    case Problem::MissingValue: return "missing_value";
    case Problem::InvalidValue: return "invalid_value";
    case Problem::InvalidTimestamp: return "invalid_timestamp";
    case Problem::TrailingCharacters: return "trailing_characters";
    case Problem::DuplicateSeries: return "duplicate_series";
    case Problem::InvalidTypeLine: return "invalid_type_line";
    case Problem::DuplicateType: return "duplicate_type";
    case Problem::InvalidHelpLine: return "invalid_help_line";
    case Problem::Count: break;
    }
    return "unknown";
}

std::string_view typeName(MetricType type)
{
    switch (type) {
    case MetricType::Untyped: return "untyped";
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
    case MetricType::Summary: return "summary";
    case MetricType::Count: break;
    }
    return "untyped";
}

std::uint64_t ParseResult::rejectedLines() const
{
    std::uint64_t total = 0;
    for (std::uint64_t count : problemCounts)
        total += count;
    return total;
}

ParseResult parse(std::string_view body, const ParseLimits& limits)
{
    ParseResult result;
    if (body.size() > limits.maxBodyBytes) {
        result.bodyTooLarge = true;
        return result;
    }

    Parser parser(limits, result);
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos)
            end = body.size();
        std::string_view line = body.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ++result.lines;
        parser.parseLine(line, result.lines);
        start = end + 1;
    }
    return result;
}

} // namespace umg::exposition
