#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace umg {

/// An absolute http:// or https:// URL split into the parts an HTTP client
/// needs. User information (`user:password@`) and fragments are not
/// supported, because a credential in a URL would end up in logs.
struct Url {
    std::string scheme; ///< `http` or `https`
    std::string host;   ///< without the brackets of an IPv6 address
    int port = 0;       ///< explicit port, or 80 / 443 from the scheme
    std::string path;   ///< path and query, starting with `/`; `/` when the URL has none

    /// Parses `text`. Returns nullopt for anything but an http(s) URL with
    /// a host, for user information, a fragment, whitespace or a port
    /// outside 1 to 65535.
    static std::optional<Url> parse(std::string_view text);

    /// `host:port`, with an IPv6 host in brackets: the form of a Prometheus
    /// target and of its `instance` label.
    std::string hostPort() const;
    /// `scheme://host:port`, without a path.
    std::string origin() const;
    /// The URL with `path` (which starts with `/`) in place of its own path.
    std::string withPath(std::string_view newPath) const;
    /// The whole URL.
    std::string toString() const { return origin() + path; }
};

/// Percent-encodes `text` for a query-string value (RFC 3986 unreserved
/// characters stay as they are).
std::string encodeQueryValue(std::string_view text);

} // namespace umg
