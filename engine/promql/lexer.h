#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace umg::promql {

enum class TokenKind {
    End,
    Identifier,   // metric names, label names, keywords and function names
    Number,       // 1, 2.5, 1e3, 0x1f, Inf, NaN
    Duration,     // 5m, 1h30m
    String,       // "a", 'a' or `a`; the token's text is the unescaped value
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    At,
    Assign,        // =
    Equal,         // ==
    NotEqual,      // !=
    RegexMatch,    // =~
    RegexNoMatch,  // !~
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::string text;       // the source text, or the unescaped value of a string
    std::size_t position = 0; // byte offset of the token in the expression
};

/// A syntax error in a PromQL expression. what() names the line and column,
/// the token found there and what was expected.
class ParseError : public std::runtime_error {
public:
    ParseError(std::string_view expression, std::size_t position, std::string token, const std::string& message);

    /// Byte offset of the offending token in the expression.
    std::size_t position() const { return m_position; }
    /// 1-based line and column of the offending token.
    std::size_t line() const { return m_line; }
    std::size_t column() const { return m_column; }
    /// The offending token as written, or "end of input".
    const std::string& token() const { return m_token; }
    /// The description without position and token.
    const std::string& message() const { return m_message; }

private:
    std::size_t m_position;
    std::size_t m_line;
    std::size_t m_column;
    std::string m_token;
    std::string m_message;
};

/// Splits a PromQL expression into tokens, the last one of kind End.
/// Throws ParseError for an unknown character, an unterminated string or a
/// malformed number or duration.
std::vector<Token> tokenize(std::string_view expression);

/// Returns a printable name of a token kind for error messages.
std::string_view tokenKindName(TokenKind kind);

} // namespace umg::promql
