#include "server/responses.h"

#include <httplib.h>

#include <memory>

#include "util/jsonwriter.h"

namespace umg {

void sendJson(httplib::Response& response, int status, std::string body)
{
    response.status = status;
    body += '\n';
    response.set_content(body, kJsonContentType);
}

void sendError(httplib::Response& response, int status, std::string_view message)
{
    JsonWriter json;
    json.beginObject().field("error", message).endObject();
    sendJson(response, status, json.str());
}

void closeAfterResponse(httplib::Response& response)
{
    // cpp-httplib 0.11 keeps a connection open unless the request asked to
    // close it, and gives handlers no access to the socket. It does drop
    // the connection when a content provider fails, after whatever the
    // provider wrote. So the body is sent from a provider that writes all
    // of it and then reports failure.
    // NOTE: cpp-httplib skips content providers once the server is
    // stopping, so during a drain these responses arrive without a body.
    auto body = std::make_shared<std::string>(std::move(response.body));
    response.body.clear();
    std::string contentType = response.get_header_value("Content-Type");
    response.headers.erase("Content-Type");
    response.set_header("Connection", "close");
    response.set_content_provider(body->size(), contentType,
                                  [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                      sink.write(body->data() + offset, length);
                                      return false;
                                  });
}

} // namespace umg
