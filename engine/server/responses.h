#pragma once

#include <string>
#include <string_view>

namespace httplib {
struct Response;
}

namespace umg {

/// Media type of every JSON response of the API.
inline constexpr const char* kJsonContentType = "application/json";

/// Sets `status` and a JSON `body`.
void sendJson(httplib::Response& response, int status, std::string body);

/// Sets `status` and the body `{"error": message}`.
void sendError(httplib::Response& response, int status, std::string_view message);

/// Makes the server close the connection once `response` is sent. Use it
/// when request bytes were left unread (a body that was rejected before or
/// while it was read), because cpp-httplib 0.11 would parse them as the next
/// request. The body must already be set and not be empty.
void closeAfterResponse(httplib::Response& response);

} // namespace umg
