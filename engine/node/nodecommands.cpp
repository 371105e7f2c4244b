#include "node/nodecommands.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include "metrics/metricsserver.h"
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

constexpr const char* kOverview = R"(usage: unmogrowp-node COMMAND [OPTIONS]

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
  --help               print this help; COMMAND --help prints the help of one command

Options take their value as --name VALUE or --name=VALUE. Exit status: 0 on success,
1 when the command failed, 2 for invalid usage; some commands add their own.
)";

// The help of each command, in the order of the overview.
std::vector<std::pair<std::string, std::string>> commandHelps()
{
    return {
        {"replay", kReplayUsage},
        {"generate", kGenerateUsage},
        {"serve", kServeUsage},
        {"produce", kProduceUsage},
        {"export rules", kExportRulesUsage},
        {"export stack", kExportStackUsage},
        {"validate", kValidateUsage},
        {"loadtest", kLoadTestUsage},
        {"report", reports::reportUsage()},
    };
}

// The overview followed by the help of every command.
std::string fullHelp()
{
    std::string text = kOverview;
    for (const auto& [command, help] : commandHelps())
        text += "\n" + help;
    return text;
}

// The help of `command` ("export" prints both export commands), or an empty
// string for an unknown command.
std::string helpOf(const std::string& command)
{
    std::string text;
    for (const auto& [name, help] : commandHelps()) {
        if (name == command || name.rfind(command + " ", 0) == 0)
            text += (text.empty() ? "" : "\n") + help;
    }
    return text;
}

// Returns whether `args` contain --help or -h before any "--".
bool asksForHelp(const std::vector<std::string>& args)
{
    for (const std::string& arg : args) {
        if (arg == "--")
            return false;
        if (arg == "--help" || arg == "-h")
            return true;
    }
    return false;
}

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

void checkListenAddress(const Arguments& arguments, const std::string& option)
{
    const auto address = arguments.value(option);
    std::string host;
    int port = 0;
    if (address && !splitHostPort(*address, host, port)) {
        throw UsageError("option " + option + " is \"" + *address
                         + "\"; use HOST:PORT with a port from 0 to 65535, such as 127.0.0.1:9464 or [::1]:9464");
    }
}

void checkOutputFile(const Arguments& arguments, const std::string& option)
{
    const auto value = arguments.value(option);
    if (!value)
        return;
    const std::filesystem::path path(*value);
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        throw UsageError("option " + option + " is \"" + *value + "\", a folder; give the path of a file");
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(folder, error)) {
        throw UsageError("option " + option + " is \"" + *value + "\", but the folder " + folder.string()
                         + " does not exist; create it or choose another path");
    }
    if (::access(folder.c_str(), W_OK) != 0) {
        throw UsageError("option " + option + " is \"" + *value + "\", but the folder " + folder.string()
                         + " is not writable for this user; choose another path");
    }
}

int run(const std::vector<std::string>& args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(fullHelp().c_str(), args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("unmogrowp-node %s\n", UMG_VERSION);
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (asksForHelp(rest)) {
        const bool exportSubject = command == "export" && !rest.empty() && (rest[0] == "rules" || rest[0] == "stack");
        const std::string help = helpOf(exportSubject ? command + " " + rest[0] : command);
        if (!help.empty()) {
            std::fputs(help.c_str(), stdout);
            return 0;
        }
    }
    try {
        if (command == "replay")
            return runReplay(rest);
        if (command == "loadtest")
            return runLoadTest(rest);
        if (command == "generate")
            return runGenerate(rest);
        if (command == "produce")
            return runProduce(rest);
        if (command == "serve")
            return runServe(rest);
        if (command == "validate")
            return runValidate(rest);
        if (command == "report")
            return reports::runReportCommand(rest);
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
