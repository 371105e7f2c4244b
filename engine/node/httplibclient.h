#pragma once

#include "net/httpclient.h"

namespace umg {

/// HttpClient on cpp-httplib's blocking client. Each request opens its own
/// connection, so calls from several threads at once are safe. HTTPS keeps
/// cpp-httplib's default of verifying the server certificate. Redirects are
/// not followed.
class HttplibClient final : public HttpClient {
public:
    HttpResponse send(const HttpRequest& request) override;
};

} // namespace umg
