#include "promql/lexer.h"

#include "promql/duration.h"

#include <algorithm>
#include <cctype>

namespace umg::promql {
namespace {

bool isIdentifierStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool isIdentifierChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':';
}

// Characters that may not directly follow a number or duration.
bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isDurationUnitChar(char c)
{
    return c == 's' || c == 'm' || c == 'h' || c == 'd' || c == 'w' || c == 'y';
}

void appendUtf8(std::string& out, unsigned long codePoint)
{
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view input) : m_input(input) {}

    std::vector<Token> run()
    {
        std::vector<Token> tokens;
        while (true) {
            skipSpaceAndComments();
            if (m_pos >= m_input.size()) {
                tokens.push_back(Token{TokenKind::End, "", m_input.size()});
                return tokens;
            }
            tokens.push_back(next());
        }
    }

private:
    [[noreturn]] void fail(std::size_t position, std::size_t length, const std::string& message) const
    {
        throw ParseError(m_input, position, std::string(m_input.substr(position, length)), message);
    }

    void skipSpaceAndComments()
    {
        while (m_pos < m_input.size()) {
            char c = m_input[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '#') {
                while (m_pos < m_input.size() && m_input[m_pos] != '\n')
                    ++m_pos;
            } else {
                return;
            }
        }
    }

    Token make(TokenKind kind, std::size_t start, std::size_t length)
    {
        m_pos = start + length;
        return Token{kind, std::string(m_input.substr(start, length)), start};
    }

    Token next()
    {
        std::size_t start = m_pos;
        char c = m_input[m_pos];
        char following = m_pos + 1 < m_input.size() ? m_input[m_pos + 1] : '\0';

        switch (c) {
        case '(': return make(TokenKind::LeftParen, start, 1);
        case ')': return make(TokenKind::RightParen, start, 1);
        case '{': return make(TokenKind::LeftBrace, start, 1);
        case '}': return make(TokenKind::RightBrace, start, 1);
        case '[':
            ++m_bracketDepth;
            return make(TokenKind::LeftBracket, start, 1);
        case ']':
            m_bracketDepth = std::max(0, m_bracketDepth - 1);
            return make(TokenKind::RightBracket, start, 1);
        case ',': return make(TokenKind::Comma, start, 1);
        case '@': return make(TokenKind::At, start, 1);
        case '+': return make(TokenKind::Add, start, 1);
        case '-': return make(TokenKind::Sub, start, 1);
        case '*': return make(TokenKind::Mul, start, 1);
        case '/': return make(TokenKind::Div, start, 1);
        case '%': return make(TokenKind::Mod, start, 1);
        case '^': return make(TokenKind::Pow, start, 1);
        case '=':
            if (following == '=')
                return make(TokenKind::Equal, start, 2);
            if (following == '~')
                return make(TokenKind::RegexMatch, start, 2);
            return make(TokenKind::Assign, start, 1);
        case '!':
            if (following == '=')
                return make(TokenKind::NotEqual, start, 2);
            if (following == '~')
                return make(TokenKind::RegexNoMatch, start, 2);
            fail(start, 1, "unexpected character '!'; expected \"!=\" or \"!~\"");
        case '<':
            if (following == '=')
                return make(TokenKind::LessEqual, start, 2);
            return make(TokenKind::Less, start, 1);
        case '>':
            if (following == '=')
                return make(TokenKind::GreaterEqual, start, 2);
            return make(TokenKind::Greater, start, 1);
        case '"':
        case '\'':
            return lexQuotedString(c);
        case '`':
            return lexRawString();
        case ':':
            if (m_bracketDepth > 0)
                return make(TokenKind::Colon, start, 1);
            return lexIdentifier();
        default:
            break;
        }

        if (isDigit(c) || (c == '.' && isDigit(following)))
            return lexNumberOrDuration();
        if (isIdentifierStart(c))
            return lexIdentifier();
        fail(start, 1, "unexpected character '" + std::string(1, c) + "'");
    }

    Token lexIdentifier()
    {
        std::size_t start = m_pos;
        std::size_t end = m_pos;
        while (end < m_input.size() && isIdentifierChar(m_input[end]))
            ++end;
        Token token = make(TokenKind::Identifier, start, end - start);

        std::string lower = token.text;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (lower == "inf" || lower == "nan")
            token.kind = TokenKind::Number;
        return token;
    }

    Token lexNumberOrDuration()
    {
        std::size_t start = m_pos;
        std::size_t end = m_pos;

        if (m_input[end] == '0' && end + 1 < m_input.size() && (m_input[end + 1] == 'x' || m_input[end + 1] == 'X')) {
            end += 2;
            std::size_t digitsStart = end;
            while (end < m_input.size() && std::isxdigit(static_cast<unsigned char>(m_input[end])))
                ++end;
            if (end == digitsStart)
                fail(start, end - start, "invalid hexadecimal number");
            return finishNumber(start, end);
        }

        while (end < m_input.size() && isDigit(m_input[end]))
            ++end;

        // An integer directly followed by a unit letter is a duration such as 5m or 1h30m.
        if (end > start && end < m_input.size() && isDurationUnitChar(m_input[end])) {
            while (end < m_input.size() && (isDigit(m_input[end]) || isDurationUnitChar(m_input[end])))
                ++end;
            std::string_view text = m_input.substr(start, end - start);
            if (!parseDuration(text) || (end < m_input.size() && isWordChar(m_input[end])))
                fail(start, end - start, "invalid duration \"" + std::string(text) + "\"; expected a form like 30s, 5m or 1h30m");
            return make(TokenKind::Duration, start, end - start);
        }

        if (end < m_input.size() && m_input[end] == '.') {
            ++end;
            while (end < m_input.size() && isDigit(m_input[end]))
                ++end;
        }
        if (end < m_input.size() && (m_input[end] == 'e' || m_input[end] == 'E')) {
            std::size_t exponent = end + 1;
            if (exponent < m_input.size() && (m_input[exponent] == '+' || m_input[exponent] == '-'))
                ++exponent;
            if (exponent < m_input.size() && isDigit(m_input[exponent])) {
                end = exponent;
                while (end < m_input.size() && isDigit(m_input[end]))
                    ++end;
            }
        }
        return finishNumber(start, end);
    }

    Token finishNumber(std::size_t start, std::size_t end)
    {
        if (end < m_input.size() && (isWordChar(m_input[end]) || m_input[end] == '.')) {
            std::size_t badEnd = end;
            while (badEnd < m_input.size() && (isWordChar(m_input[badEnd]) || m_input[badEnd] == '.'))
                ++badEnd;
            fail(start, badEnd - start, "invalid number or duration \"" + std::string(m_input.substr(start, badEnd - start)) + "\"");
        }
        return make(TokenKind::Number, start, end - start);
    }

    Token lexQuotedString(char quote)
    {
        std::size_t start = m_pos;
        std::size_t pos = m_pos + 1;
        std::string value;
        while (true) {
            if (pos >= m_input.size() || m_input[pos] == '\n')
                fail(start, pos - start, "unterminated string");
            char c = m_input[pos];
            if (c == quote)
                break;
            if (c != '\\') {
                value += c;
                ++pos;
                continue;
            }
            pos = readEscape(start, pos, quote, value);
        }
        m_pos = pos + 1;
        return Token{TokenKind::String, value, start};
    }

    // Reads the escape sequence at `pos` (a backslash) into `value` and returns
    // the position after it. Follows Go's strconv.Unquote, as Prometheus does.
    std::size_t readEscape(std::size_t start, std::size_t pos, char quote, std::string& value)
    {
        if (pos + 1 >= m_input.size())
            fail(start, pos - start, "unterminated string");
        char e = m_input[pos + 1];
        switch (e) {
        case 'a': value += '\a'; return pos + 2;
        case 'b': value += '\b'; return pos + 2;
        case 'f': value += '\f'; return pos + 2;
        case 'n': value += '\n'; return pos + 2;
        case 'r': value += '\r'; return pos + 2;
        case 't': value += '\t'; return pos + 2;
        case 'v': value += '\v'; return pos + 2;
        case '\\': value += '\\'; return pos + 2;
        case 'x':
        case 'u':
        case 'U': {
            std::size_t digits = 8; // \U
            if (e == 'x')
                digits = 2;
            else if (e == 'u')
                digits = 4;
            std::size_t first = pos + 2;
            if (first + digits > m_input.size())
                fail(pos, m_input.size() - pos, "invalid escape sequence in string");
            unsigned long code = 0;
            for (std::size_t i = first; i < first + digits; ++i) {
                char h = m_input[i];
                if (!std::isxdigit(static_cast<unsigned char>(h)))
                    fail(pos, i + 1 - pos, "invalid escape sequence in string");
                code = code * 16 + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
            }
            if (e == 'x')
                value += static_cast<char>(code);
            else
                appendUtf8(value, code);
            return first + digits;
        }
        default:
            if (e == quote) {
                value += e;
                return pos + 2;
            }
            if (e >= '0' && e <= '7') {
                if (pos + 4 > m_input.size())
                    fail(pos, m_input.size() - pos, "invalid escape sequence in string");
                unsigned code = 0;
                for (std::size_t i = pos + 1; i < pos + 4; ++i) {
                    if (m_input[i] < '0' || m_input[i] > '7')
                        fail(pos, i + 1 - pos, "invalid escape sequence in string");
                    code = code * 8 + static_cast<unsigned>(m_input[i] - '0');
                }
                if (code > 255)
                    fail(pos, 4, "invalid escape sequence in string");
                value += static_cast<char>(code);
                return pos + 4;
            }
            fail(pos, 2, "invalid escape sequence in string");
        }
    }

    Token lexRawString()
    {
        std::size_t start = m_pos;
        std::size_t end = m_input.find('`', start + 1);
        if (end == std::string_view::npos)
            fail(start, m_input.size() - start, "unterminated raw string");
        m_pos = end + 1;
        return Token{TokenKind::String, std::string(m_input.substr(start + 1, end - start - 1)), start};
    }

    std::string_view m_input;
    std::size_t m_pos = 0;
    int m_bracketDepth = 0;
};

std::string describeToken(std::string token)
{
    if (token.size() > 40)
        token = token.substr(0, 40) + "...";
    return token;
}

struct SourcePosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

SourcePosition locate(std::string_view expression, std::size_t position)
{
    SourcePosition where;
    for (std::size_t i = 0; i < position && i < expression.size(); ++i) {
        if (expression[i] == '\n') {
            ++where.line;
            where.column = 1;
        } else {
            ++where.column;
        }
    }
    return where;
}

std::string formatParseError(SourcePosition where, const std::string& token, const std::string& message)
{
    std::string place = where.line == 1
        ? "column " + std::to_string(where.column)
        : "line " + std::to_string(where.line) + ", column " + std::to_string(where.column);
    std::string near = token.empty() ? "at end of input" : "near \"" + token + "\"";
    return "parse error at " + place + " " + near + ": " + message;
}

} // namespace

ParseError::ParseError(std::string_view expression, std::size_t position, std::string token, const std::string& message)
    : std::runtime_error(formatParseError(locate(expression, position), describeToken(token), message)),
      m_position(position), m_line(locate(expression, position).line), m_column(locate(expression, position).column),
      m_token(token.empty() ? std::string("end of input") : describeToken(std::move(token))), m_message(message)
{
}

std::vector<Token> tokenize(std::string_view expression)
{
    return Lexer(expression).run();
}

std::string_view tokenKindName(TokenKind kind)
{
    switch (kind) {
    case TokenKind::End: return "end of input";
    case TokenKind::Identifier: return "identifier";
    case TokenKind::Number: return "number";
    case TokenKind::Duration: return "duration";
    case TokenKind::String: return "string";
    case TokenKind::LeftParen: return "\"(\"";
    case TokenKind::RightParen: return "\")\"";
    case TokenKind::LeftBrace: return "\"{\"";
    case TokenKind::RightBrace: return "\"}\"";
    case TokenKind::LeftBracket: return "\"[\"";
    case TokenKind::RightBracket: return "\"]\"";
    case TokenKind::Comma: return "\",\"";
    case TokenKind::Colon: return "\":\"";
    case TokenKind::At: return "\"@\"";
    case TokenKind::Assign: return "\"=\"";
    case TokenKind::Equal: return "\"==\"";
    case TokenKind::NotEqual: return "\"!=\"";
    case TokenKind::RegexMatch: return "\"=~\"";
    case TokenKind::RegexNoMatch: return "\"!~\"";
    case TokenKind::Less: return "\"<\"";
    case TokenKind::LessEqual: return "\"<=\"";
    case TokenKind::Greater: return "\">\"";
    case TokenKind::GreaterEqual: return "\">=\"";
    case TokenKind::Add: return "\"+\"";
    case TokenKind::Sub: return "\"-\"";
    case TokenKind::Mul: return "\"*\"";
    case TokenKind::Div: return "\"/\"";
    case TokenKind::Mod: return "\"%\"";
    case TokenKind::Pow: return "\"^\"";
    }
    return "token";
}

} // namespace umg::promql
