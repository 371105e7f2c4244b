#include "node/nodecommands.h"

#include <cstdio>
#include <exception>

#include "node/arguments.h"
#include "node/commands.h"
#include "node/exportrulescommand.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg::node {
namespace {

constexpr const char* kUsage = R"(usage: unmogrowp-node COMMAND [OPTIONS]

The UnMoGrowP attribution engine without a display.

Commands:
  replay FILE...       replay event files (NDJSON, CSV or TalkingData) and print a summary
  generate             write a generated NDJSON workload with known attribution
  export rules         write the Prometheus alerting rules
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
        if (command == "generate")
            return runGenerate(rest);
        if (command == "export") {
            if (!rest.empty() && rest[0] == "rules")
                return runExportRules(std::vector<std::string>(rest.begin() + 1, rest.end()));
            throw UsageError("export needs a subject: unmogrowp-node export rules [--out FILE]");
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
