#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace umg {

/// One HTTP request for an HttpClient.
struct HttpRequest {
    std::string method = "GET"; ///< `GET` or `POST`
    std::string url;            ///< absolute http:// or https:// URL (see Url::parse)
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;           ///< sent with POST
    std::string contentType;    ///< Content-Type of `body`
    /// Limit for connecting and for each read or write; a response that
    /// takes longer fails with an `error`.
    std::chrono::milliseconds timeout{10'000};
    /// Largest response body in bytes. A larger body fails with the `error`
    /// of responseTooLargeError(), so that a misbehaving server cannot
    /// exhaust the caller's memory.
    std::size_t maxResponseBytes = kDefaultMaxResponseBytes;

    static constexpr std::size_t kDefaultMaxResponseBytes = 8u << 20;
};

/// The HttpResponse::error for a response from `url` whose body exceeds
/// `maxBytes`: "the response from URL is larger than 8 MiB".
std::string responseTooLargeError(const std::string& url, std::size_t maxBytes);

/// The outcome of one request: a response with a status, or a transport
/// failure in `error`.
struct HttpResponse {
    int status = 0;          ///< HTTP status code; 0 when no response arrived
    std::string body;
    std::string contentType; ///< Content-Type of the response, if any
    std::string error;       ///< why no response arrived (refused, timed out, invalid URL, ...)

    /// True for a response with a 2xx status.
    bool succeeded() const { return error.empty() && status >= 200 && status < 300; }
};

/// Sends HTTP requests for the engine's components that talk to other
/// services: the stack validation (Prometheus, Alertmanager, nodes) and the
/// alert notifier (Alertmanager). The components call send() from their own
/// worker thread and block until it returns, so a GUI runs them off its GUI
/// thread. An implementation may wait for an asynchronous client inside
/// send(), such as QNetworkAccessManager in a local event loop.
///
/// The node program uses HttplibClient (engine/node/httplibclient.h).
class HttpClient {
public:
    virtual ~HttpClient() = default;

    /// Sends `request` and returns the response. Implementations report
    /// network failures, timeouts and invalid URLs in HttpResponse::error
    /// instead of throwing, and must allow calls from several threads at once.
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

} // namespace umg
