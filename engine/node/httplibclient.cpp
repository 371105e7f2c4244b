#include "node/httplibclient.h"

#include <httplib.h>

#include <cstdint>
#include <cstdlib>

#include "net/url.h"

namespace umg {
namespace {

std::string describe(httplib::Error error)
{
    switch (error) {
    case httplib::Error::Connection: return "connection failed (refused, or the host is unreachable)";
    case httplib::Error::ConnectionTimeout: return "connecting timed out";
    case httplib::Error::Read: return "reading the response failed or timed out";
    case httplib::Error::Write: return "sending the request failed or timed out";
    case httplib::Error::SSLConnection: return "the TLS handshake failed";
    case httplib::Error::SSLServerVerification: return "the server's TLS certificate is not trusted";
    default: return "request failed: " + httplib::to_string(error);
    }
}

} // namespace

HttpResponse HttplibClient::send(const HttpRequest& request)
{
    HttpResponse response;
    const std::optional<Url> url = Url::parse(request.url);
    if (!url) {
        response.error = "invalid URL \"" + request.url + "\"; expected http://HOST:PORT/PATH or https://...";
        return response;
    }
    if (request.method != "GET" && request.method != "POST") {
        response.error = "unsupported HTTP method " + request.method;
        return response;
    }

    httplib::Client client(url->origin());
    if (!client.is_valid()) {
        response.error = "cannot create an HTTP client for " + url->origin();
        return response;
    }
    client.set_connection_timeout(request.timeout);
    client.set_read_timeout(request.timeout);
    client.set_write_timeout(request.timeout);
    client.set_follow_location(false);

    httplib::Request outgoing;
    outgoing.method = request.method;
    outgoing.path = url->path;
    for (const auto& [name, value] : request.headers)
        outgoing.headers.emplace(name, value);
    if (request.method == "POST") {
        outgoing.body = request.body;
        if (!request.contentType.empty())
            outgoing.set_header("Content-Type", request.contentType);
    }

    // The body is collected here rather than by cpp-httplib, which would
    // read any amount into memory.
    const std::size_t maxBytes = request.maxResponseBytes;
    bool tooLarge = false;
    std::string body;
    outgoing.response_handler = [&](const httplib::Response& head) {
        const std::string declared = head.get_header_value("Content-Length");
        if (!declared.empty() && std::strtoull(declared.c_str(), nullptr, 10) > maxBytes) {
            tooLarge = true;
            return false;
        }
        return true;
    };
    outgoing.content_receiver = [&](const char* data, std::size_t length, std::uint64_t, std::uint64_t) {
        if (length > maxBytes - body.size()) {
            tooLarge = true;
            return false;
        }
        body.append(data, length);
        return true;
    };

    httplib::Result result = client.send(outgoing);
    if (tooLarge) {
        response.error = responseTooLargeError(request.url, maxBytes);
        return response;
    }
    if (!result) {
        response.error = describe(result.error()) + " (" + url->origin() + ")";
        return response;
    }
    response.status = result->status;
    response.body = std::move(body);
    response.contentType = result->get_header_value("Content-Type");
    return response;
}

} // namespace umg
