#include "server/apiroutes.h"

#include <httplib.h>

#include <memory>

#include "server/eventsendpoint.h"
#include "server/httpserver.h"
#include "server/router.h"
#include "server/statusendpoints.h"

namespace umg {

void registerApiRoutes(Router& router, HttpServer& server)
{
    auto ingest = std::make_shared<EventIngest>(server.engine(), server.options());
    router.postStreaming("/v1/events", [ingest](const httplib::Request& request, httplib::Response& response,
                                                const httplib::ContentReader& reader) {
        ingest->handle(request, response, reader);
    });

    router.get("/v1/status", [&server](const httplib::Request& request, httplib::Response& response) {
        handleStatus(server, request, response);
    });
    router.get("/v1/snapshot", [&server](const httplib::Request& request, httplib::Response& response) {
        handleSnapshot(server, request, response);
    });

    // The console's customer and alert views (/v1/customers, /v1/alerts)
    // are registered here once their handlers exist.

    router.get("/metrics", [&server](const httplib::Request& request, httplib::Response& response) {
        handleMetrics(server.engine(), request, response);
    });
    router.get(
        "/healthz",
        [&server](const httplib::Request& request, httplib::Response& response) {
            handleHealth(server, request, response);
        },
        Router::Access::Open);
}

} // namespace umg
