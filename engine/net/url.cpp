#include "net/url.h"

#include <cctype>
#include <charconv>

namespace umg {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i])
            return false;
    }
    return true;
}

} // namespace

std::optional<Url> Url::parse(std::string_view text)
{
    Url url;
    if (startsWithNoCase(text, "http://")) {
        url.scheme = "http";
        url.port = 80;
        text.remove_prefix(7);
    } else if (startsWithNoCase(text, "https://")) {
        url.scheme = "https";
        url.port = 443;
        text.remove_prefix(8);
    } else {
        return std::nullopt;
    }
    for (char c : text) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '#')
            return std::nullopt;
    }

    const std::size_t slash = text.find_first_of("/?");
    std::string_view authority = text.substr(0, slash);
    url.path = slash == std::string_view::npos ? "/" : std::string(text.substr(slash));
    if (url.path.front() == '?')
        url.path.insert(url.path.begin(), '/');
    if (authority.empty() || authority.find('@') != std::string_view::npos)
        return std::nullopt;

    std::string_view portText;
    if (authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos || close == 1)
            return std::nullopt;
        url.host = std::string(authority.substr(1, close - 1));
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return std::nullopt;
            portText = rest.substr(1);
            if (portText.empty())
                return std::nullopt;
        }
    } else {
        const std::size_t colon = authority.find(':');
        url.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            portText = authority.substr(colon + 1);
            if (portText.empty() || portText.find(':') != std::string_view::npos)
                return std::nullopt;
        }
    }
    if (url.host.empty())
        return std::nullopt;
    if (!portText.empty()) {
        int port = 0;
        const auto [end, error] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (error != std::errc() || end != portText.data() + portText.size() || port < 1 || port > 65535)
            return std::nullopt;
        url.port = port;
    }
    return url;
}

std::string Url::hostPort() const
{
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::origin() const
{
    return scheme + "://" + hostPort();
}

std::string Url::withPath(std::string_view newPath) const
{
    return origin() + std::string(newPath);
}

std::string encodeQueryValue(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0f];
        }
    }
    return out;
}

} // namespace umg
