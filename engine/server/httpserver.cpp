#include "server/httpserver.h"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "metrics/enginemetrics.h"
#include "metrics/metricsserver.h"
#include "metrics/processmetrics.h"
#include "runtime/engine.h"
#include "server/apiroutes.h"
#include "server/responses.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr time_t kKeepAliveTimeoutSeconds = 5;
constexpr std::size_t kKeepAliveMaxRequests = 1000;
// Maximum bytes of a request path in the debug log.
constexpr std::size_t kLoggedPathBytes = 200;

// Start of the request that this connection thread is serving, for the
// duration histogram. Requests that cpp-httplib rejects before admission
// (a malformed request line, for example) have none.
thread_local std::optional<Clock::time_point> t_requestStarted;

log::RateLimiter s_authFailureLog(20, 1000);
log::RateLimiter s_handlerErrorLog(20, 1000);

std::string hostPort(const std::string& host, int port)
{
    return host.find(':') != std::string::npos ? "[" + host + "]:" + std::to_string(port)
                                                : host + ":" + std::to_string(port);
}

std::string shortened(std::string_view text, std::size_t maxBytes)
{
    if (text.size() <= maxBytes)
        return std::string(text);
    return std::string(text.substr(0, maxBytes)) + "...";
}

// Messages for the error responses that cpp-httplib sends by itself.
std::string_view libraryErrorMessage(int status)
{
    switch (status) {
    case 400:
        return "malformed request: the request line or a header is invalid, or a header line is longer than 8192 bytes";
    case 413:
        return "the request body is larger than the maximum body size";
    case 414:
        return "the request target is longer than 8192 bytes";
    case 416:
        return "the Range header is invalid";
    default:
        return status >= 500 ? "internal server error" : "the request was rejected";
    }
}

bool isChunked(const httplib::Request& request)
{
    return strcasecmp(request.get_header_value("Transfer-Encoding").c_str(), "chunked") == 0;
}

// Whether the request has Content-Length headers with different values.
// RFC 9112 section 6.3 makes such a request invalid, because a proxy in front
// of the node could take another of the values and split the stream into
// requests differently (request smuggling). Repeated equal values are allowed.
bool hasConflictingContentLengths(const httplib::Request& request)
{
    const std::size_t count = request.get_header_value_count("Content-Length");
    const std::string first = request.get_header_value("Content-Length");
    for (std::size_t i = 1; i < count; ++i) {
        if (request.get_header_value("Content-Length", i) != first)
            return true;
    }
    return false;
}

// Bytes of the request line and headers as the client sent them, roughly:
// cpp-httplib adds REMOTE_ADDR and REMOTE_PORT, which are not counted.
std::size_t headerBytes(const httplib::Request& request)
{
    std::size_t bytes = request.method.size() + request.target.size() + request.version.size() + 4;
    for (const auto& [name, value] : request.headers) {
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT")
            continue;
        bytes += name.size() + value.size() + 4;
    }
    return bytes;
}

std::string openSslError()
{
    const unsigned long code = ERR_get_error();
    if (code == 0)
        return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

void checkReadable(const std::string& path, const char* what)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error(std::string("cannot read the TLS ") + what + " " + path
                                 + ": check that it exists and is readable");
}

} // namespace

void setListenSocketOptions(int socket)
{
    const int enabled = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &enabled, sizeof enabled);
}

void validateServerOptions(const HttpServerOptions& options)
{
    std::string host;
    int port = 0;
    if (!splitHostPort(options.listenAddress, host, port)) {
        throw std::invalid_argument("the listen address \"" + options.listenAddress
                                    + "\" is invalid; use HOST:PORT such as 127.0.0.1:8080 or [::1]:8080");
    }
    if (!isLoopbackHost(host) && !options.token) {
        throw std::invalid_argument("listening on " + options.listenAddress
                                    + " (not a loopback address) requires a token; pass --token-file FILE "
                                      "or listen on 127.0.0.1 or [::1]");
    }
    if (options.tlsCertificateFile.empty() != options.tlsKeyFile.empty())
        throw std::invalid_argument("TLS needs both a certificate and a key; pass --tls-cert FILE and --tls-key FILE");
    if (options.maxBodyBytes == 0 || options.maxHeaderBytes == 0 || options.threads == 0
        || options.readTimeout.count() <= 0 || options.requestTimeout.count() <= 0
        || options.ackTimeout.count() <= 0 || options.sampleInterval.count() <= 0)
        throw std::invalid_argument("HTTP limits, timeouts and the thread count must be greater than 0");
}

/// Runs connections on a fixed pool of threads and counts the open ones
/// (accepted, waiting for a thread or being served).
class HttpServer::ConnectionQueue : public httplib::TaskQueue {
public:
    ConnectionQueue(HttpServer& server, std::size_t threads)
        : m_server(server)
        , m_pool(threads)
    {
    }

    void enqueue(std::function<void()> connection) override
    {
        m_server.connectionsChanged(+1);
        m_pool.enqueue([this, connection = std::move(connection)] {
            connection();
            m_server.connectionsChanged(-1);
        });
    }

    void shutdown() override { m_pool.shutdown(); }

private:
    HttpServer& m_server;
    httplib::ThreadPool m_pool;
};

HttpServer::HttpServer(Engine& engine, HttpServerOptions options)
    : m_engine(engine)
    , m_options(std::move(options))
    , m_startedAtMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count())
{
    validateServerOptions(m_options);
    splitHostPort(m_options.listenAddress, m_host, m_port);

    if (usesTls()) {
        checkReadable(m_options.tlsCertificateFile, "certificate");
        checkReadable(m_options.tlsKeyFile, "key");
        ERR_clear_error();
        auto server = std::make_unique<httplib::SSLServer>(m_options.tlsCertificateFile.c_str(),
                                                           m_options.tlsKeyFile.c_str());
        if (!server->is_valid()) {
            throw std::runtime_error("cannot load the TLS certificate " + m_options.tlsCertificateFile + " and key "
                                     + m_options.tlsKeyFile + ": " + openSslError()
                                     + "; check that both are PEM files and that the key belongs to the certificate");
        }
        SSL_CTX_set_min_proto_version(server->ssl_context(), TLS1_2_VERSION);
        m_http = std::move(server);
    } else {
        m_http = std::make_unique<httplib::Server>();
    }

    registerApiRoutes(m_router, *this);
    configure();
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::configure()
{
    httplib::Server& http = *m_http;
    // NOTE: cpp-httplib 0.11 reads the request line and headers before any
    // of our code runs, bounded only by this per-read timeout. A client that
    // sends a header byte every few seconds keeps its connection thread, and
    // the request timeout applies to bodies only.
    http.set_read_timeout(m_options.readTimeout);
    http.set_write_timeout(m_options.readTimeout);
    http.set_keep_alive_timeout(kKeepAliveTimeoutSeconds);
    http.set_keep_alive_max_count(kKeepAliveMaxRequests);
    http.set_payload_max_length(m_options.maxBodyBytes);
    http.set_tcp_nodelay(true);
    http.set_socket_options(setListenSocketOptions);
    const std::size_t threads = m_options.threads;
    http.new_task_queue = [this, threads] { return new ConnectionQueue(*this, threads); };

    http.set_expect_100_continue_handler([this](const httplib::Request& request, httplib::Response& response) {
        t_requestStarted = Clock::now();
        const int status = admit(request, response);
        return status == 0 ? 100 : status;
    });
    http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        if (!t_requestStarted)
            t_requestStarted = Clock::now();
        return admit(request, response) == 0 ? httplib::Server::HandlerResponse::Unhandled
                                             : httplib::Server::HandlerResponse::Handled;
    });
    // Called for every response with status >= 400. Returning Handled also
    // makes cpp-httplib set Content-Length on error responses that it would
    // otherwise send without one.
    const httplib::Server::HandlerWithResponse fillErrorBody = [](const httplib::Request&,
                                                                 httplib::Response& response) {
        if (!response.has_header("Content-Type"))
            sendError(response, response.status, libraryErrorMessage(response.status));
        return httplib::Server::HandlerResponse::Handled;
    };
    http.set_error_handler(fillErrorBody);
    http.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                  std::exception_ptr error) {
        std::string message = "unknown exception";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& exception) {
            message = exception.what();
        } catch (...) {
        }
        if (s_handlerErrorLog.allow()) {
            log::error("http", "a request handler failed",
                       {{"method", request.method}, {"path", shortened(request.path, kLoggedPathBytes)},
                        {"error", message}, {"occurrences", s_handlerErrorLog.count()}});
        }
        sendError(response, 500, "internal server error: " + message);
    });
    http.set_post_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
        recordResponse(request, response);
    });
}

void HttpServer::installRoutes()
{
    // cpp-httplib matches patterns as regular expressions. The admission
    // check has already matched the exact path, so each route is registered
    // under its path with regex metacharacters escaped.
    auto pattern = [](const std::string& path) {
        std::string escaped;
        for (char c : path) {
            if (std::strchr(".^$|()[]{}*+?\\", c))
                escaped += '\\';
            escaped += c;
        }
        return escaped;
    };
    for (const Router::Route& route : m_router.routes()) {
        if (route.method == "GET") {
            m_http->Get(pattern(route.path), route.handler);
        } else if (route.bodyHandler) {
            m_http->Post(pattern(route.path), route.bodyHandler);
        } else {
            m_http->Post(pattern(route.path), route.handler);
        }
    }
}

int HttpServer::admit(const httplib::Request& request, httplib::Response& response)
{
    const bool chunked = isChunked(request);
    const std::string lengthText = request.get_header_value("Content-Length");
    const std::string transferEncoding = request.get_header_value("Transfer-Encoding");
    const bool sendsBody = !transferEncoding.empty() || (!lengthText.empty() && lengthText != "0");
    auto reject = [&](int status, std::string_view message) {
        sendError(response, status, message);
        if (sendsBody)
            closeAfterResponse(response);
        return status;
    };

    if (hasConflictingContentLengths(request)) {
        // The body's length is unknown, so the connection is closed even when
        // the first value is 0.
        sendError(response, 400, "the request has Content-Length headers with different values; send one");
        closeAfterResponse(response);
        return 400;
    }

    const std::size_t headers = headerBytes(request);
    if (headers > m_options.maxHeaderBytes) {
        return reject(431, "the request line and headers are " + std::to_string(headers) + " bytes; the limit is "
                               + std::to_string(m_options.maxHeaderBytes) + " bytes");
    }

    const Router::Route* route = m_router.find(request.method, request.path);
    if (!route) {
        if (!m_router.hasPath(request.path))
            return reject(404, "no API route has the path " + shortened(request.path, kLoggedPathBytes));
        response.set_header("Allow", m_router.allowedMethods(request.path));
        return reject(405, request.method + " is not allowed on " + request.path + "; use "
                               + m_router.allowedMethods(request.path));
    }

    if (route->access == Router::Access::Token && m_options.token) {
        const Authorization result = checkAuthorization(*m_options.token, request.get_header_value("Authorization"));
        if (result != Authorization::Granted) {
            if (result == Authorization::Invalid && s_authFailureLog.allow()) {
                log::warning("http", "rejected a request with an invalid token",
                             {{"remote", request.remote_addr}, {"path", route->path},
                              {"occurrences", s_authFailureLog.count()}});
            }
            response.set_header("WWW-Authenticate", "Bearer realm=\"unmogrowp\"");
            return reject(401, result == Authorization::Missing
                                   ? "missing token; send the header Authorization: Bearer TOKEN"
                                   : "invalid token");
        }
    }

    if (!transferEncoding.empty() && !chunked)
        return reject(501, "Transfer-Encoding " + transferEncoding + " is not supported; use chunked or Content-Length");
    if (!lengthText.empty() && lengthText.find_first_not_of("0123456789") != std::string::npos)
        return reject(400, "the Content-Length header \"" + shortened(lengthText, 40) + "\" is not a number");

    if (route->method == "GET") {
        if (sendsBody)
            return reject(400, request.method + " requests take no body");
        return 0;
    }
    if (!chunked && lengthText.empty())
        return reject(411, "the request needs a Content-Length header or chunked Transfer-Encoding");
    if (!lengthText.empty() && !chunked) {
        errno = 0;
        const unsigned long long length = std::strtoull(lengthText.c_str(), nullptr, 10);
        if (errno == ERANGE || length > m_options.maxBodyBytes) {
            return reject(413, "the request body is " + lengthText + " bytes; the limit is "
                                   + std::to_string(m_options.maxBodyBytes) + " bytes; send smaller batches");
        }
    }
    // cpp-httplib would parse a multipart body itself. Other media types are
    // accepted as they are, because curl --data-binary labels NDJSON as a form.
    if (request.is_multipart_form_data())
        return reject(415, "send the body as NDJSON (Content-Type application/x-ndjson), not as multipart form data");
    return 0;
}

void HttpServer::recordResponse(const httplib::Request& request, const httplib::Response& response)
{
    const std::string path(m_router.metricPath(request.path));
    const std::string code = std::to_string(response.status);
    EngineMetrics& metrics = m_engine.metrics();
    metrics.httpRequests().Add({{"path", path}, {"code", code}}).Increment();
    m_requests.fetch_add(1, std::memory_order_relaxed);
    if (response.status >= 500)
        m_serverErrors.fetch_add(1, std::memory_order_relaxed);

    double milliseconds = 0;
    if (t_requestStarted) {
        const double seconds = std::chrono::duration<double>(Clock::now() - *t_requestStarted).count();
        metrics.httpRequestDuration().Add({{"path", path}}, EngineMetrics::requestBuckets()).Observe(seconds);
        milliseconds = seconds * 1000.0;
        t_requestStarted.reset();
    }
    if (log::minimumLevel() == log::Level::Debug) {
        char duration[32];
        std::snprintf(duration, sizeof duration, "%.3f", milliseconds);
        const std::string requestId = response.get_header_value("X-Request-Id");
        if (requestId.empty()) {
            log::debug("http", "request",
                       {{"method", request.method}, {"path", shortened(request.path, kLoggedPathBytes)},
                        {"status", response.status}, {"ms", duration}, {"remote", request.remote_addr}});
        } else {
            log::debug("http", "request",
                       {{"method", request.method}, {"path", shortened(request.path, kLoggedPathBytes)},
                        {"status", response.status}, {"ms", duration}, {"remote", request.remote_addr},
                        {"request_id", requestId}});
        }
    }
}

void HttpServer::connectionsChanged(int delta)
{
    const std::int64_t open = m_activeConnections.fetch_add(delta) + delta;
    m_engine.metrics().setActiveConnections(static_cast<double>(open));
}

void HttpServer::start()
{
    if (m_running)
        return;
    // Installed here rather than in the constructor, so that routes added
    // through router() after construction are served too.
    installRoutes();
    int port = 0;
    splitHostPort(m_options.listenAddress, m_host, port);
    errno = 0;
    m_port = port == 0 ? m_http->bind_to_any_port(m_host) : (m_http->bind_to_port(m_host, port) ? port : -1);
    if (m_port <= 0) {
        const std::string reason = errno != 0 ? std::strerror(errno) : "the address could not be bound";
        throw std::runtime_error("cannot listen on " + m_options.listenAddress + ": " + reason
                                 + "; the port may be in use by another process, or the host is not an address "
                                   "of this machine");
    }
    m_listenThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "umg-http-listen");
        if (!m_http->listen_after_bind())
            log::error("http", "the listening socket failed; no further connections are accepted",
                       {{"address", boundAddress()}});
    });
    // stop() only takes effect once the listening loop runs.
    while (!m_http->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));

    {
        std::lock_guard lock(m_samplerMutex);
        m_samplerStop = false;
    }
    m_samplerThread = std::thread([this] {
        pthread_setname_np(pthread_self(), "umg-http-sample");
        runSampler();
    });
    m_running = true;
    log::info("http", "serving the HTTP API",
              {{"address", boundAddress()},
               {"tls", usesTls() ? "on" : "off"},
               {"token", m_options.token ? "required" : "not required"},
               {"threads", m_options.threads},
               {"max_body_bytes", static_cast<std::uint64_t>(m_options.maxBodyBytes)}});
}

void HttpServer::beginDrain()
{
    m_draining.store(true);
}

void HttpServer::stop()
{
    if (!m_running)
        return;
    m_draining.store(true);
    m_http->stop();
    if (m_listenThread.joinable())
        m_listenThread.join();
    {
        std::lock_guard lock(m_samplerMutex);
        m_samplerStop = true;
    }
    m_samplerWake.notify_all();
    if (m_samplerThread.joinable())
        m_samplerThread.join();
    m_running = false;
    log::info("http", "the HTTP API stopped", {{"address", boundAddress()}, {"requests", m_requests.load()}});
}

bool HttpServer::listening() const { return m_running && m_http->is_running(); }

std::string HttpServer::boundAddress() const { return hostPort(m_host, m_port); }

HttpCounters HttpServer::counters() const
{
    HttpCounters counters;
    counters.requests = m_requests.load(std::memory_order_relaxed);
    counters.serverErrors = m_serverErrors.load(std::memory_order_relaxed);
    counters.activeConnections = m_activeConnections.load(std::memory_order_relaxed);
    return counters;
}

HistorySample HttpServer::takeSample() { return sampleOf(m_engine.snapshot(false)); }

HistorySample HttpServer::sampleOf(const EngineSnapshot& snapshot) const
{
    const ShardStats& totals = snapshot.totals;
    HistorySample sample;
    sample.timeMs = snapshot.takenAtMs;
    sample.eventsProcessed = snapshot.eventsProcessed;
    sample.eventsAccepted = snapshot.eventsAccepted;
    sample.eventsDuplicate = snapshot.eventsDuplicate;
    sample.eventsRejected = snapshot.rejectedLines + snapshot.eventsTooOld;
    sample.installs = totals.installsByKind[0] + totals.installsByKind[1];
    sample.installsAttributed = totals.installsByStatus[static_cast<std::size_t>(InstallStatus::Attributed)];
    sample.latencyBuckets = snapshot.latencyBuckets;
    sample.committedEvents = snapshot.storage.committedEvents;
    sample.storageErrors = snapshot.storage.errors;
    sample.pendingOutputs = snapshot.storage.pendingOutputs;
    for (const QueueSnapshot& queue : snapshot.queues) {
        sample.queueDepth += queue.depth;
        sample.queueCapacity += queue.capacity;
    }
    const HttpCounters http = counters();
    sample.httpRequests = http.requests;
    sample.httpServerErrors = http.serverErrors;
    sample.activeConnections = http.activeConnections;
    sample.residentBytes = ProcessMetrics::read().residentBytes;
    return sample;
}

void HttpServer::runSampler()
{
    std::unique_lock lock(m_samplerMutex);
    while (!m_samplerStop) {
        lock.unlock();
        m_history.add(takeSample());
        lock.lock();
        m_samplerWake.wait_for(lock, m_options.sampleInterval, [this] { return m_samplerStop; });
    }
}

} // namespace umg
