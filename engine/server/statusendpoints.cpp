#include "server/statusendpoints.h"

#include <httplib.h>
#include <prometheus/text_serializer.h>

#include <algorithm>

#include "model/timestamp.h"
#include "runtime/engine.h"
#include "server/httpserver.h"
#include "server/responses.h"
#include "server/snapshotjson.h"
#include "util/jsonwriter.h"

namespace umg {
namespace {

// Storage errors within this window make the node `degraded`.
constexpr std::int64_t kStorageErrorWindowMs = 60'000;
// Worker queues fuller than this get a warning.
constexpr double kQueueWarningFill = 0.9;

std::uint64_t storageErrorsSince(HttpServer& server, const EngineSnapshot& snapshot, std::int64_t sinceMs)
{
    const HistoryWindow window = server.history().window(TimeRange::Minutes5, snapshot.takenAtMs);
    const auto first = std::find_if(window.samples.begin(), window.samples.end(),
                                    [&](const HistorySample& sample) { return sample.timeMs >= sinceMs; });
    if (first == window.samples.end())
        return 0;
    return snapshot.storage.errors > first->storageErrors ? snapshot.storage.errors - first->storageErrors : 0;
}

double maxQueueFill(const EngineSnapshot& snapshot)
{
    double fullest = 0;
    for (const QueueSnapshot& queue : snapshot.queues) {
        if (queue.capacity > 0)
            fullest = std::max(fullest, static_cast<double>(queue.depth) / static_cast<double>(queue.capacity));
    }
    return fullest;
}

void writeConfiguration(JsonWriter& json, HttpServer& server)
{
    const HttpServerOptions& options = server.options();
    const EngineConfig& config = server.engine().config();
    json.key("configuration").beginObject();
    for (const auto& [name, value] : options.configurationSummary)
        json.field(name, value);
    json.field("worker_threads", server.engine().workerCount());
    json.field("queue_capacity_events", config.queueCapacityEvents);
    json.field("allowed_lateness_ms", config.allowedLatenessMs);
    json.field("retention_ms", config.retentionMs);
    json.field("max_label_values", config.maxLabelValues);
    json.field("http_threads", options.threads);
    json.field("max_body_bytes", static_cast<std::uint64_t>(options.maxBodyBytes));
    json.field("max_header_bytes", static_cast<std::uint64_t>(options.maxHeaderBytes));
    json.field("max_line_bytes", static_cast<std::uint64_t>(options.parseLimits.maxLineBytes));
    json.field("read_timeout_seconds", static_cast<std::int64_t>(options.readTimeout.count()));
    json.field("request_timeout_seconds", static_cast<std::int64_t>(options.requestTimeout.count()));
    json.field("ack_timeout_ms", static_cast<std::int64_t>(options.ackTimeout.count()));
    json.endObject();
}

void writeHealth(JsonWriter& json, HttpServer& server, const EngineSnapshot& snapshot)
{
    const NodeHealth health = assessHealth(server, snapshot);
    std::uint64_t queued = 0;
    for (const QueueSnapshot& queue : snapshot.queues)
        queued += queue.depth;
    json.key("health").beginObject();
    json.field("status", health.status);
    json.key("problems").beginArray();
    for (const std::string& problem : health.problems)
        json.value(problem);
    json.endArray();
    json.key("warnings").beginArray();
    for (const std::string& warning : health.warnings)
        json.value(warning);
    json.endArray();
    json.field("storage_errors", snapshot.storage.errors);
    json.field("storage_errors_last_minute",
               storageErrorsSince(server, snapshot, snapshot.takenAtMs - kStorageErrorWindowMs));
    json.field("storage_last_error", snapshot.storage.lastError);
    json.field("storage_pending_outputs", snapshot.storage.pendingOutputs);
    json.field("queued_events", queued);
    json.field("queue_max_fill_percent", 100.0 * maxQueueFill(snapshot));
    json.field("busy_rejections", snapshot.busyRejections);
    json.endObject();
}

} // namespace

NodeHealth assessHealth(HttpServer& server, const EngineSnapshot& snapshot)
{
    NodeHealth health;
    if (server.draining()) {
        health.status = "draining";
        health.problems.push_back("the node is shutting down and finishes the requests in progress");
    }
    const std::uint64_t recentErrors =
        storageErrorsSince(server, snapshot, snapshot.takenAtMs - kStorageErrorWindowMs);
    if (recentErrors > 0) {
        if (health.status == "ok")
            health.status = "degraded";
        health.problems.push_back("the database reported " + std::to_string(recentErrors)
                                  + " errors in the last minute; batches may not be acknowledged");
    }
    const double fill = maxQueueFill(snapshot);
    if (fill >= kQueueWarningFill) {
        health.warnings.push_back("a worker queue is " + std::to_string(static_cast<int>(fill * 100))
                                  + " % full; further batches may get 503");
    }
    return health;
}

void handleStatus(HttpServer& server, const httplib::Request&, httplib::Response& response)
{
    const EngineSnapshot snapshot = server.engine().snapshot(false);
    const HttpCounters http = server.counters();
    JsonWriter json;
    json.beginObject();
    json.field("service", "unmogrowp-node");
    json.field("version", UMG_VERSION);
    json.field("started_at", formatRfc3339(server.startedAtMs()));
    json.field("uptime_seconds", snapshot.uptimeSeconds);
    json.field("listen", server.boundAddress());
    json.field("tls", server.usesTls());
    json.field("token_required", server.options().token.has_value());
    writeConfiguration(json, server);
    writeHealth(json, server, snapshot);
    json.key("http").beginObject();
    json.field("requests", http.requests);
    json.field("server_errors", http.serverErrors);
    json.field("active_connections", http.activeConnections);
    json.endObject();
    if (server.options().statusExtension)
        server.options().statusExtension(json);
    json.endObject();
    sendJson(response, 200, json.str());
}

void handleHealth(HttpServer& server, const httplib::Request&, httplib::Response& response)
{
    const NodeHealth health = assessHealth(server, server.engine().snapshot(false));
    JsonWriter json;
    json.beginObject();
    json.field("status", health.status);
    if (!health.problems.empty()) {
        json.key("problems").beginArray();
        for (const std::string& problem : health.problems)
            json.value(problem);
        json.endArray();
    }
    json.endObject();
    sendJson(response, health.status == "ok" ? 200 : 503, json.str());
}

void handleSnapshot(HttpServer& server, const httplib::Request& request, httplib::Response& response)
{
    const std::string rangeText = request.has_param("range") ? request.get_param_value("range") : "5m";
    const auto range = parseTimeRange(rangeText);
    if (!range) {
        sendError(response, 400, "range \"" + rangeText.substr(0, 40) + "\" is invalid; use 5m, 15m, 1h, 6h, 24h or 7d");
        return;
    }
    const EngineSnapshot snapshot = server.engine().snapshot(true);
    const HistorySample now = server.sampleOf(snapshot);
    const HistoryWindow window = server.history().window(*range, now.timeMs);
    sendJson(response, 200, snapshotJson(snapshot, now, *range, window));
}

void handleMetrics(Engine& engine, const httplib::Request&, httplib::Response& response)
{
    const prometheus::TextSerializer serializer;
    response.status = 200;
    response.set_content(serializer.Serialize(engine.metrics().collectable()->Collect()),
                         "text/plain; version=0.0.4; charset=utf-8");
}

} // namespace umg
