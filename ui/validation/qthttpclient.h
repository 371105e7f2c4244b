#pragma once

#include "net/httpclient.h"

namespace umg {

/// HttpClient on QNetworkAccessManager for the engine components that the
/// console runs on worker threads, such as the stack validation. Each
/// send() creates its own manager and waits for the reply in a local event
/// loop, so calls from several threads at once are safe. It blocks, so
/// never call it on the GUI thread. Like the node's HttplibClient, it uses no proxy, follows
/// no redirect and verifies HTTPS certificates.
class QtHttpClient final : public HttpClient
{
public:
    HttpResponse send(const HttpRequest &request) override;
};

} // namespace umg
