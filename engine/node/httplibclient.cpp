#include "node/httplibclient.h"

#include <httplib.h>

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

    httplib::Headers headers;
    for (const auto& [name, value] : request.headers)
        headers.emplace(name, value);

    httplib::Result result = request.method == "GET"
        ? client.Get(url->path, headers)
        : client.Post(url->path, headers, request.body, request.contentType);
    if (!result) {
        response.error = describe(result.error()) + " (" + url->origin() + ")";
        return response;
    }
    response.status = result->status;
    response.body = std::move(result->body);
    response.contentType = result->get_header_value("Content-Type");
    return response;
}

} // namespace umg
