#include "server/bearertoken.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <fstream>
#include <stdexcept>

namespace umg {
namespace {

std::array<unsigned char, 32> sha256(std::string_view text)
{
    std::array<unsigned char, 32> digest{};
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1
        || length != digest.size())
        throw std::runtime_error("OpenSSL could not compute a SHA-256 digest");
    return digest;
}

bool isTokenByte(unsigned char c) { return c > 0x20 && c != 0x7f; }

} // namespace

BearerToken::BearerToken(std::string_view secret)
{
    if (secret.size() < kMinimumBytes) {
        throw std::invalid_argument("the token has " + std::to_string(secret.size()) + " bytes; use at least "
                                    + std::to_string(kMinimumBytes)
                                    + " random bytes, for example from `openssl rand -hex 32`");
    }
    for (char c : secret) {
        if (!isTokenByte(static_cast<unsigned char>(c)))
            throw std::invalid_argument("the token contains whitespace or a control byte; use printable characters only");
        // cpp-httplib 0.11 percent-decodes header values, so a client could
        // never present a token that contains `%` as it is written.
        if (c == '%')
            throw std::invalid_argument("the token contains %; use letters, digits and punctuation other than %");
    }
    m_digest = sha256(secret);
}

BearerToken BearerToken::fromFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read the token file " + path + ": check that it exists and is readable");
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.pop_back();
    try {
        return BearerToken(line);
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error("invalid token in " + path + ": " + error.what());
    }
}

bool BearerToken::matches(std::string_view presented) const
{
    const auto digest = sha256(presented);
    return CRYPTO_memcmp(digest.data(), m_digest.data(), digest.size()) == 0;
}

Authorization checkAuthorization(const BearerToken& token, std::string_view header)
{
    if (header.empty())
        return Authorization::Missing;
    constexpr std::string_view kScheme = "bearer ";
    if (header.size() <= kScheme.size())
        return Authorization::Invalid;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        const char c = header[i];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != kScheme[i])
            return Authorization::Invalid;
    }
    std::string_view presented = header.substr(kScheme.size());
    while (!presented.empty() && presented.front() == ' ')
        presented.remove_prefix(1);
    return token.matches(presented) ? Authorization::Granted : Authorization::Invalid;
}

} // namespace umg
