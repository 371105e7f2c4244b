#include "node/nodecommands.h"

#include <cstdio>
#include <exception>

#include "node/arguments.h"
#include "node/commands.h"
#include "node/exportrulescommand.h"
#include "node/loadtestcommand.h"
#include "node/exportstackcommand.h"
#include "node/validatecommand.h"
#include "reports/reportcommand.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg::node {
namespace {

constexpr const char* kUsage = R"(usage: unmogrowp-node COMMAND [OPTIONS]

The UnMoGrowP attribution engine without a display.

Commands:
  replay FILE...       replay event files (NDJSON, CSV or TalkingData) and print a summary
  generate             write a generated NDJSON workload with known attribution
  serve                run the engine with the HTTP API until SIGTERM or SIGINT
  produce FILE...      publish NDJSON events to a Kafka topic
  export rules         write the Prometheus alerting rules
  export stack DIR     write Prometheus, Alertmanager and Grafana configuration for the nodes
  validate             check a running Prometheus stack and its nodes (about 50 checks)
  loadtest             load-test an engine, node or Kafka topic and check the performance targets
  report               write a dashboard, load-test, customer or goal report as PDF, HTML or CSV
  --version            print the version
  --help               print this help; COMMAND --help prints the command's options

Replay options:
  --format ndjson|csv|talkingdata   input format (default: detected from line 1)
  --order auto|file|time            event order (default auto: time for TalkingData)
  --db PATH                         SQLite database for the journal and results
                                    (default: a temporary database, removed afterwards)
  --threads N                       attribution worker threads (default: one per core)
  --config FILE                     attribution rules and limits as JSON
  --metrics-listen HOST:PORT        serve Prometheus /metrics while running
  --installs-csv PATH               write one row per install in the database
  --summary-json PATH               write the summary as JSON
  --rate EVENTS_PER_SECOND          replay no faster than this
  --max-line-bytes N                reject longer lines (default 65536)
  --max-label-values N              distinct app and customer label values per metric (default 200)
  --log-level debug|info|warning|error
  --quiet                           print no summary or progress
  --no-progress                     print no progress line

Serve options (docs/HTTP-API.md describes the API):
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
  Exit status: 0 after a drain on SIGTERM or SIGINT, 1 on failure, 2 for invalid usage.

Serve options for Kafka input (all three of brokers, topic and group, or none):
  --kafka-brokers HOST:PORT[,...]   bootstrap brokers of the cluster to consume from
  --kafka-topic TOPIC               topic with NDJSON events, one or more per message
  --kafka-group GROUP               consumer group; the group's nodes share the partitions
  --kafka-option KEY=VALUE          librdkafka property, repeatable (security, timeouts);
                                    values are never logged
  --kafka-batch-events N            maximum events per engine batch (default 65536)
  --kafka-rewind DURATION           event time re-read when taking over a partition, to
                                    rebuild attribution state (default: the retention, 8d)

Serve options for alerting (docs/STACK.md describes them):
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

Validate options: unmogrowp-node validate --help

Report options: unmogrowp-node report --help

Produce options:
  --kafka-brokers HOST:PORT[,...]   bootstrap brokers (required)
  --kafka-topic TOPIC               topic to publish to (required)
  --batch-events N                  events per message (default 500)
  --kafka-option KEY=VALUE          librdkafka property, repeatable
  --max-line-bytes N                leave out longer lines (default 65536)
  --quiet                           print no summary
)";

} // namespace

EngineOptions engineOptionsFrom(const Arguments& arguments)
{
    EngineOptions options;
    if (auto level = arguments.value("--log-level")) {
        log::Level parsed;
        if (!log::parseLevel(*level, parsed))
            throw UsageError("option --log-level is \"" + *level + "\"; use debug, info, warning or error");
        log::setMinimumLevel(parsed);
    }
    if (auto config = arguments.value("--config"))
        options.config = loadEngineConfig(*config);
    options.config.workerThreads = static_cast<unsigned>(arguments.integer("--threads", 0, 1, 256));
    options.config.maxLabelValues =
        static_cast<std::uint32_t>(arguments.integer("--max-label-values", options.config.maxLabelValues, 1, 100000));
    if (auto db = arguments.value("--db"))
        options.databasePath = *db;
    return options;
}

int run(const std::vector<std::string>& args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        std::fputs(kLoadTestUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("unmogrowp-node %s\n", UMG_VERSION);
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const bool wantsHelp = !rest.empty() && (rest[0] == "--help" || rest[0] == "-h");
    try {
        if (command == "replay") {
            if (wantsHelp) {
                std::fputs(kUsage, stdout);
                return 0;
            }
            return runReplay(rest);
        }
        if (command == "loadtest") {
            if (wantsHelp) {
                std::fputs(kLoadTestUsage, stdout);
                return 0;
            }
            return runLoadTest(rest);
        }
        if (command == "generate")
            return runGenerate(rest);
        if (command == "produce") {
            if (wantsHelp) {
                std::fputs(kUsage, stdout);
                return 0;
            }
            return runProduce(rest);
        }
        if (command == "serve") {
            if (wantsHelp) {
                std::fputs(kUsage, stdout);
                return 0;
            }
            return runServe(rest);
        }
        if (command == "validate")
            return runValidate(rest);
        if (command == "report") {
            if (wantsHelp) {
                std::fputs(reports::reportUsage().c_str(), stdout);
                return 0;
            }
            return reports::runReportCommand(rest);
        }
        if (command == "export") {
            if (!rest.empty() && rest[0] == "rules")
                return runExportRules(std::vector<std::string>(rest.begin() + 1, rest.end()));
            if (!rest.empty() && rest[0] == "stack")
                return runExportStack(std::vector<std::string>(rest.begin() + 1, rest.end()));
            throw UsageError("export needs a subject: unmogrowp-node export rules [--out FILE], or "
                             "unmogrowp-node export stack DIR --node URL");
        }
        throw UsageError("unknown command \"" + command + "\"; see unmogrowp-node --help");
    } catch (const UsageError& error) {
        std::fprintf(stderr, "unmogrowp-node %s: %s\n", command.c_str(), error.what());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "unmogrowp-node %s: %s\n", command.c_str(), error.what());
        return 1;
    }
}

} // namespace umg::node
