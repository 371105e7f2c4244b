#pragma once

#include <array>
#include <string>
#include <string_view>

namespace umg {

/// The shared secret that API clients present as `Authorization: Bearer
/// TOKEN`. Only its SHA-256 digest is kept, and matches() compares digests
/// in constant time, so that neither the memory image nor response timing
/// reveals the token. Thread-safe after construction.
class BearerToken {
public:
    /// Fewer bytes than this are rejected: a token must not be guessable.
    static constexpr std::size_t kMinimumBytes = 16;

    /// Takes the token itself. Throws std::invalid_argument when it is
    /// shorter than kMinimumBytes or contains whitespace, control bytes or `%`.
    explicit BearerToken(std::string_view secret);

    /// Reads the token from the first line of `path` (trailing whitespace
    /// removed). Throws std::runtime_error naming the file when it cannot be
    /// read or contains no valid token.
    static BearerToken fromFile(const std::string& path);

    /// Whether `presented` is the token. Its running time depends only on
    /// the length of `presented`.
    bool matches(std::string_view presented) const;

private:
    std::array<unsigned char, 32> m_digest{};
};

/// Outcome of checking an `Authorization` header.
enum class Authorization { Granted, Missing, Invalid };

/// Checks the value of an `Authorization` header (the scheme `Bearer` is
/// case-insensitive) against `token`.
Authorization checkAuthorization(const BearerToken& token, std::string_view header);

} // namespace umg
