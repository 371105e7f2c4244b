#include "node/commands.h"

#include <pthread.h>
#include <signal.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <set>

#include "metrics/metricsserver.h"
#include "node/arguments.h"
#include "node/kafkainput.h"
#include "node/servealerts.h"
#include "runtime/engine.h"
#include "server/httpserver.h"
#include "util/log.h"

namespace umg::node {
namespace {

// Blocks SIGINT and SIGTERM in the calling thread and in every thread it
// starts afterwards, so that the engine's and the server's threads never
// receive them and the main thread takes them with sigtimedwait().
class TerminationSignals {
public:
    TerminationSignals()
    {
        sigemptyset(&m_signals);
        sigaddset(&m_signals, SIGINT);
        sigaddset(&m_signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
    }
    ~TerminationSignals() { pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }
    TerminationSignals(const TerminationSignals&) = delete;
    TerminationSignals& operator=(const TerminationSignals&) = delete;

    /// Waits up to one second; returns the signal number, or 0.
    int waitOneSecond() const
    {
        const timespec timeout{1, 0};
        const int received = sigtimedwait(&m_signals, nullptr, &timeout);
        return received > 0 ? received : 0;
    }

private:
    sigset_t m_signals;
    sigset_t m_previous;
};

HttpServerOptions serverOptionsFrom(const Arguments& arguments)
{
    HttpServerOptions options;
    options.listenAddress = *arguments.value("--listen");
    if (auto tokenFile = arguments.value("--token-file")) {
        try {
            options.token = BearerToken::fromFile(*tokenFile);
        } catch (const std::runtime_error& error) {
            throw UsageError(error.what());
        }
    }
    options.tlsCertificateFile = arguments.value("--tls-cert").value_or("");
    options.tlsKeyFile = arguments.value("--tls-key").value_or("");
    options.maxBodyBytes = static_cast<std::size_t>(
        arguments.integer("--max-body-bytes", static_cast<long long>(options.maxBodyBytes), 1024, 1LL << 30));
    options.maxHeaderBytes = static_cast<std::size_t>(
        arguments.integer("--max-header-bytes", static_cast<long long>(options.maxHeaderBytes), 1024, 1 << 20));
    options.parseLimits.maxLineBytes = static_cast<std::size_t>(arguments.integer(
        "--max-line-bytes", static_cast<long long>(options.parseLimits.maxLineBytes), 256, 16 << 20));
    options.readTimeout = std::chrono::seconds(arguments.integer("--read-timeout", options.readTimeout.count(), 1, 3600));
    options.requestTimeout =
        std::chrono::seconds(arguments.integer("--request-timeout", options.requestTimeout.count(), 1, 86400));
    const double ackSeconds =
        arguments.number("--ack-timeout", static_cast<double>(options.ackTimeout.count()) / 1000.0, 0.001, 3600);
    options.ackTimeout = std::chrono::milliseconds(static_cast<std::int64_t>(ackSeconds * 1000.0));
    options.threads = static_cast<unsigned>(arguments.integer("--http-threads", options.threads, 1, 1024));

    options.configurationSummary = {
        {"database", *arguments.value("--db")},
        {"config_file", arguments.value("--config").value_or("")},
        {"metrics_listen", arguments.value("--metrics-listen").value_or("")},
    };
    return options;
}

std::unique_ptr<MetricsServer> startMetricsServer(const Arguments& arguments, Engine& engine)
{
    const auto address = arguments.value("--metrics-listen");
    if (!address)
        return nullptr;
    std::string host;
    int port = 0;
    if (splitHostPort(*address, host, port) && !isLoopbackHost(host)) {
        log::warning("node", "the metrics exposer takes no token; anyone who can reach it can read the metrics",
                     {{"address", *address}});
    }
    return std::make_unique<MetricsServer>(*address, engine.metrics().collectable());
}

} // namespace

int runServe(const std::vector<std::string>& args)
{
    std::set<std::string> valued{"--listen", "--db", "--metrics-listen", "--token-file", "--tls-cert", "--tls-key",
                                 "--max-body-bytes", "--max-header-bytes", "--max-line-bytes", "--read-timeout",
                                 "--request-timeout", "--ack-timeout", "--http-threads", "--config", "--threads",
                                 "--max-label-values", "--log-level"};
    valued.insert(kafkaServeOptions().begin(), kafkaServeOptions().end());
    const Arguments arguments(args, withAlertingOptions(std::move(valued)), alertingSwitches());
    if (!arguments.positional().empty())
        throw UsageError("serve takes no file arguments; \"" + arguments.positional().front() + "\" is not an option");
    if (!arguments.value("--listen"))
        throw UsageError("serve needs --listen HOST:PORT, for example --listen 127.0.0.1:8080");
    if (!arguments.value("--db"))
        throw UsageError("serve needs --db PATH: acknowledged events are committed to that SQLite database");

    HttpServerOptions serverOptions = serverOptionsFrom(arguments);
    try {
        validateServerOptions(serverOptions);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    const EngineOptions engineOptions = engineOptionsFrom(arguments);
    const std::unique_ptr<KafkaInput> kafka = KafkaInput::fromArguments(arguments);
    const std::unique_ptr<ServeAlerting> alerting = ServeAlerting::create(arguments);
    if (kafka)
        serverOptions.statusExtension = [&kafka](JsonWriter& json) { kafka->writeStatus(json); };

    const TerminationSignals signals;
    if (kafka)
        kafka->prepareDatabase(engineOptions.databasePath);
    Engine engine(engineOptions);
    const std::unique_ptr<MetricsServer> metricsServer = startMetricsServer(arguments, engine);
    HttpServer server(engine, std::move(serverOptions));
    registerAlertsRoute(server.router(), alerting.get());
    server.start();
    if (alerting)
        alerting->start(engine, server.boundAddress(), server.usesTls());
    if (kafka)
        kafka->start(engine);

    int received = 0;
    while (received == 0 && server.listening() && (!kafka || kafka->running()))
        received = signals.waitOneSecond();
    const bool listenerFailed = received == 0 && !server.listening();
    const bool kafkaFailed = received == 0 && !listenerFailed;
    std::string reason = strsignal(received);
    if (listenerFailed)
        reason = "the listening socket failed";
    else if (kafkaFailed)
        reason = "the Kafka consumer stopped";
    log::info("node", "draining: no new connections; finishing the requests in progress", {{"reason", reason}});

    if (kafka)
        kafka->stop();
    server.stop();
    if (alerting)
        alerting->stop();
    engine.stop();
    const EngineSnapshot afterStop = engine.snapshot(false);
    if (afterStop.storage.errors > 0) {
        log::warning("storage", "the database reported errors while the node ran",
                     {{"errors", afterStop.storage.errors}, {"last_error", afterStop.storage.lastError}});
    }
    log::info("node", "stopped", {{"committed_events", afterStop.storage.committedEvents},
                                  {"batches", afterStop.submittedBatches}});
    return listenerFailed || kafkaFailed ? 1 : 0;
}

} // namespace umg::node
