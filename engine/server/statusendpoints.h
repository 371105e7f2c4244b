#pragma once

#include <string>
#include <vector>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace umg {

class Engine;
class HttpServer;
struct EngineSnapshot;

/// Health of a node as `/healthz` and `/v1/status` report it.
struct NodeHealth {
    /// `ok`; `degraded` when the database reported errors in the last
    /// minute; `draining` while the node shuts down.
    std::string status = "ok";
    /// Reasons why the status is not `ok`, one sentence each.
    std::vector<std::string> problems;
    /// Conditions that do not make the node unhealthy but that an operator
    /// should see (nearly full queues).
    std::vector<std::string> warnings;
};

NodeHealth assessHealth(HttpServer& server, const EngineSnapshot& snapshot);

/// `GET /v1/status`: version, uptime, configuration summary and health.
void handleStatus(HttpServer& server, const httplib::Request& request, httplib::Response& response);

/// `GET /healthz`: 200 with `{"status": "ok"}`, or 503 with the status and
/// problems. Needs no token, so it carries no details beyond those.
void handleHealth(HttpServer& server, const httplib::Request& request, httplib::Response& response);

/// `GET /v1/snapshot?range=5m|15m|1h|6h|24h|7d` (default 5m).
void handleSnapshot(HttpServer& server, const httplib::Request& request, httplib::Response& response);

/// `GET /metrics`: the engine's registry in the Prometheus text format, the
/// same text the metrics exposer serves.
void handleMetrics(Engine& engine, const httplib::Request& request, httplib::Response& response);

} // namespace umg
