#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "ingest/eventparser.h"
#include "server/bearertoken.h"
#include "server/router.h"
#include "server/snapshothistory.h"

namespace httplib {
class Server;
}

namespace umg {

class Engine;
class JsonWriter;
struct EngineSnapshot;

/// Settings of the HTTP API. Sizes are in bytes.
struct HttpServerOptions {
    /// `HOST:PORT`, IPv6 hosts in brackets (`[::1]:8080`); port 0 picks a
    /// free port (see HttpServer::port()).
    std::string listenAddress = "127.0.0.1:8080";
    /// Required unless the host is a loopback address.
    std::optional<BearerToken> token;
    /// PEM certificate chain and private key; both empty serves plain HTTP.
    std::string tlsCertificateFile;
    std::string tlsKeyFile;
    /// Largest request body. Larger bodies get 413, from Content-Length
    /// before anything is read, or as soon as a chunked body exceeds it.
    std::size_t maxBodyBytes = 8u << 20;
    /// Largest request line plus headers; larger ones get 431. cpp-httplib
    /// itself responds 400 to a single header line over 8 KiB.
    std::size_t maxHeaderBytes = 16u << 10;
    /// A connection that sends nothing for this long while a request is
    /// being read is dropped; also the socket write timeout.
    std::chrono::seconds readTimeout{10};
    /// A request body must arrive completely within this time (408 otherwise),
    /// however steadily it trickles in.
    std::chrono::seconds requestTimeout{60};
    /// How long `POST /v1/events` waits for its batch to be committed to the
    /// journal before it responds 503.
    std::chrono::milliseconds ackTimeout{10'000};
    /// Threads that serve connections. A connection occupies one thread
    /// while it is served, and further connections wait for a free thread.
    unsigned threads = 16;
    /// Limits of the NDJSON parser for `POST /v1/events`.
    ParseLimits parseLimits;
    /// Spacing of the samples kept for `GET /v1/snapshot` time series.
    std::chrono::milliseconds sampleInterval{1000};
    /// Name and value pairs shown under `configuration` in `GET /v1/status`
    /// (database path, configuration file, ...), in this order.
    std::vector<std::pair<std::string, std::string>> configurationSummary;
    /// Writes further members of the `GET /v1/status` object, such as the
    /// node's Kafka consumer; called on request threads.
    std::function<void(JsonWriter&)> statusExtension;
};

/// Checks `options` before anything starts. Throws std::invalid_argument
/// naming the value and the fix for an address that is not HOST:PORT, a
/// non-loopback address without a token, only one of the TLS files, or a
/// zero limit.
void validateServerOptions(const HttpServerOptions& options);

/// Sets the options of a listening socket: SO_REUSEADDR, so that a restarted
/// server can bind while connections of its predecessor are in TIME_WAIT,
/// but not SO_REUSEPORT, which cpp-httplib 0.11 sets by default on Linux.
/// With SO_REUSEPORT a second server could bind the same address, and the
/// kernel would split the connections between the two. Without it, that bind
/// fails with EADDRINUSE. Pass it to httplib::Server::set_socket_options().
void setListenSocketOptions(int socket);

/// Counters of the HTTP layer, for snapshots and time series.
struct HttpCounters {
    std::uint64_t requests = 0;
    std::uint64_t serverErrors = 0; ///< responses with a 5xx status
    std::int64_t activeConnections = 0;
};

/// The node's HTTP API on cpp-httplib: the routes of registerApiRoutes(),
/// bearer-token authentication, request limits, the HTTP metrics of
/// docs/METRICS.md and a sampler thread that feeds the snapshot history.
///
/// Every request passes one admission check before its body is read: the
/// header size, the route (404, or 405 with `Allow`), the token (401) and the
/// declared body size (413). A response that leaves request bytes unread
/// closes the connection, so that those bytes are never parsed as another
/// request.
///
/// Thread safety: start() and stop() are called from one thread; the
/// accessors may be called from any thread, including request handlers.
class HttpServer {
public:
    /// Validates `options` (see validateServerOptions) and registers the API
    /// routes; nothing listens yet. Throws std::invalid_argument for invalid
    /// options and std::runtime_error when the TLS files cannot be loaded.
    HttpServer(Engine& engine, HttpServerOptions options);
    /// Stops the server if it runs.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds the listening socket and starts serving on a background thread.
    /// Throws std::runtime_error naming the address when it cannot be bound.
    void start();

    /// Marks the node as shutting down: `/healthz` responds 503 from now on.
    void beginDrain();

    /// Stops accepting connections and waits until every request in progress
    /// has its response; an idle keep-alive connection closes within the
    /// keep-alive timeout of 5 s. Then stops the sampler. Idempotent.
    void stop();

    /// The port bound by start() (useful with port 0).
    int port() const { return m_port; }
    /// `HOST:PORT` with the bound port.
    std::string boundAddress() const;
    bool usesTls() const { return !m_options.tlsCertificateFile.empty(); }
    /// False once the listening socket has failed or stop() was called.
    bool listening() const;
    bool draining() const { return m_draining.load(); }

    Engine& engine() { return m_engine; }
    const HttpServerOptions& options() const { return m_options; }
    SnapshotHistory& history() { return m_history; }
    HttpCounters counters() const;
    /// Wall-clock time (UTC ms) at which the server was created.
    std::int64_t startedAtMs() const { return m_startedAtMs; }
    /// A sample of the engine and HTTP counters taken now.
    HistorySample takeSample();
    /// A sample with the engine figures of `snapshot` and the current HTTP counters.
    HistorySample sampleOf(const EngineSnapshot& snapshot) const;

    /// The route table. Routes may be added before start().
    Router& router() { return m_router; }

private:
    class ConnectionQueue;

    void configure();
    void installRoutes();
    int admit(const httplib::Request& request, httplib::Response& response);
    void recordResponse(const httplib::Request& request, const httplib::Response& response);
    void connectionsChanged(int delta);
    void runSampler();

    Engine& m_engine;
    HttpServerOptions m_options;
    std::string m_host;
    int m_port = 0;
    std::int64_t m_startedAtMs = 0;
    Router m_router;
    SnapshotHistory m_history;
    std::unique_ptr<httplib::Server> m_http;
    std::thread m_listenThread;
    bool m_running = false;
    std::atomic<bool> m_draining{false};

    std::atomic<std::uint64_t> m_requests{0};
    std::atomic<std::uint64_t> m_serverErrors{0};
    std::atomic<std::int64_t> m_activeConnections{0};

    std::mutex m_samplerMutex;
    std::condition_variable m_samplerWake;
    bool m_samplerStop = false;
    std::thread m_samplerThread;
};

} // namespace umg
