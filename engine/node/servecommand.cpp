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

const char* const kServeUsage = R"(usage: unmogrowp-node serve --listen HOST:PORT --db PATH [options]

Runs the engine with the HTTP API (docs/HTTP-API.md) until SIGTERM or SIGINT, then drains.

  --listen HOST:PORT                address of the HTTP API, such as 127.0.0.1:8080 or
                                    [::1]:8080; port 0 picks a free port (required)
  --db PATH                         SQLite database; events are acknowledged once
                                    committed to it (required)
  --token-file FILE                 require Authorization: Bearer TOKEN with the token
                                    in FILE; required unless HOST is a loopback address
  --tls-cert FILE --tls-key FILE    serve HTTPS with this PEM certificate chain and key
  --metrics-listen HOST:PORT        also serve /metrics without a token on this address
  --max-body-bytes N                larger request bodies get 413 (default 8388608)
  --max-header-bytes N              larger request headers get 431 (default 16384)
  --max-line-bytes N                reject longer NDJSON lines (default 65536)
  --read-timeout SECONDS            drop a client that sends nothing this long (default 10)
  --request-timeout SECONDS         a request body must arrive within this time (default 60)
  --ack-timeout SECONDS             wait this long for a batch to be committed before
                                    answering 503 (default 10)
  --http-threads N                  threads serving connections (default 16)
  --threads N, --config FILE, --max-label-values N, --log-level LEVEL
                                    as for replay

Kafka input (all three of brokers, topic and group, or none):
  --kafka-brokers HOST:PORT[,...]   bootstrap brokers of the cluster to consume from
  --kafka-topic TOPIC               topic with NDJSON events, one or more per message
  --kafka-group GROUP               consumer group; the group's nodes share the partitions
  --kafka-option KEY=VALUE          librdkafka property, repeatable (security, timeouts);
                                    values are never logged
  --kafka-batch-events N            maximum events per engine batch (default 65536)
  --kafka-rewind DURATION           event time re-read when taking over a partition, to
                                    rebuild attribution state (default: the retention, 8d)

Alerting (docs/STACK.md describes it):
  --alertmanager-url URL            evaluate the alert rules over the node's own metrics and
                                    send firing and resolved alerts to this Alertmanager;
                                    repeatable
  --evaluate-alerts                 evaluate the alert rules without sending them; either
                                    way GET /v1/alerts lists their states
  --alert-rules FILE                evaluate the rules of this Prometheus rule file in JSON
                                    form instead of the built-in ones
  --alert-interval SECONDS          time between two evaluations (default 15)
  --alert-history PATH              SQLite file of the metric history the rules read
                                    (default: the --db path with .alert-history appended)
  --threshold NAME=VALUE, --thresholds-file FILE, --runbook-base-url URL
                                    adjust the built-in rules, as for export rules
  Exit status: 0 after a drain on SIGTERM or SIGINT, 1 on failure, 2 for invalid usage.
)";

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
    checkListenAddress(arguments, "--metrics-listen");
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
    while (received == 0 && server.listening() && (!kafka || kafka->running()) && !engine.storageFailed())
        received = signals.waitOneSecond();
    const bool storageFailed = received == 0 && engine.storageFailed();
    const bool listenerFailed = received == 0 && !storageFailed && !server.listening();
    const bool kafkaFailed = received == 0 && !storageFailed && !listenerFailed;
    std::string reason = strsignal(received);
    if (storageFailed)
        reason = "the database cannot be written";
    else if (listenerFailed)
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
    return storageFailed || listenerFailed || kafkaFailed ? 1 : 0;
}

} // namespace umg::node
