#include "node/exportrulescommand.h"

#include "alerts/catalogue.h"
#include "alerts/rulefile.h"
#include "alerts/thresholds.h"
#include "promql/ast.h"
#include "util/filewrite.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace umg::node {

const char* const kExportRulesUsage =
    "usage: unmogrowp-node export rules [--out FILE] [--threshold NAME=VALUE]...\n"
    "                                   [--thresholds-file FILE] [--runbook-base-url URL]\n"
    "       unmogrowp-node export rules --list-thresholds\n"
    "\n"
    "Writes the alerting rules as a Prometheus rule file.\n"
    "\n"
    "  --out FILE               write to FILE (replaced atomically) instead of stdout\n"
    "  --threshold NAME=VALUE   set one threshold; repeat for more\n"
    "  --thresholds-file FILE   read NAME=VALUE lines (# starts a comment); --threshold wins\n"
    "  --runbook-base-url URL   runbook links become URL/<RuleName>\n"
    "                           (default https://runbooks.unmogrowp.example/alerts)\n"
    "  --list-thresholds        print every threshold with its default and unit\n"
    "  Exit status: 0 when the rules were written, 1 on failure, 2 for invalid usage.\n";

namespace {

constexpr std::string_view kCommand = "unmogrowp-node export rules";

struct Options {
    std::optional<std::string> outPath;
    std::vector<std::string> thresholdAssignments;
    std::optional<std::string> thresholdsFile;
    std::optional<std::string> runbookBaseUrl;
    bool listThresholds = false;
    bool help = false;
};

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Accepts `--name VALUE` and `--name=VALUE`.
std::optional<std::string> optionValue(const std::vector<std::string>& args, std::size_t& index, std::string_view name)
{
    const std::string& arg = args[index];
    if (arg == name) {
        const bool optionFollows = index + 1 < args.size() && args[index + 1].size() > 2
            && args[index + 1].compare(0, 2, "--") == 0;
        if (index + 1 >= args.size() || optionFollows)
            throw UsageError("option " + std::string(name) + " needs a value");
        return args[++index];
    }
    if (arg.size() > name.size() && arg.compare(0, name.size(), name) == 0 && arg[name.size()] == '=')
        return arg.substr(name.size() + 1);
    return std::nullopt;
}

Options parseOptions(const std::vector<std::string>& args)
{
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            options.help = true;
        } else if (args[i] == "--list-thresholds") {
            options.listThresholds = true;
        } else if (auto out = optionValue(args, i, "--out")) {
            options.outPath = *out;
        } else if (auto assignment = optionValue(args, i, "--threshold")) {
            options.thresholdAssignments.push_back(*assignment);
        } else if (auto file = optionValue(args, i, "--thresholds-file")) {
            options.thresholdsFile = *file;
        } else if (auto url = optionValue(args, i, "--runbook-base-url")) {
            options.runbookBaseUrl = *url;
        } else {
            throw UsageError("unknown argument \"" + args[i] + "\"");
        }
    }
    if (options.outPath && options.outPath->empty())
        throw UsageError("option --out needs a file name");
    return options;
}

void printThresholds()
{
    for (const alerts::ThresholdDefinition& definition : alerts::thresholdDefinitions()) {
        std::printf("%s = %s (%s)\n    %s\n", std::string(definition.name).c_str(),
                    promql::formatNumber(definition.defaultValue).c_str(), std::string(definition.unit).c_str(),
                    std::string(definition.description).c_str());
    }
}

void writeStdout(const std::string& content)
{
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
        throw std::runtime_error(std::string("writing the rule file to stdout failed: ") + std::strerror(errno));
}

int fail(const std::string& message)
{
    std::fprintf(stderr, "%s: %s\n", std::string(kCommand).c_str(), message.c_str());
    return 1;
}

int usageFailure(const std::string& message)
{
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options.\n", std::string(kCommand).c_str(), message.c_str(),
                 std::string(kCommand).c_str());
    return 2;
}

} // namespace

int runExportRules(const std::vector<std::string>& args)
{
    Options options;
    try {
        options = parseOptions(args);
    } catch (const UsageError& error) {
        return usageFailure(error.what());
    }
    if (options.help) {
        std::fputs(kExportRulesUsage, stdout);
        return 0;
    }
    if (options.listThresholds) {
        printThresholds();
        return 0;
    }

    alerts::Thresholds thresholds;
    alerts::CatalogueOptions catalogueOptions;
    try {
        if (options.thresholdsFile)
            thresholds.loadFile(*options.thresholdsFile);
    } catch (const std::exception& error) {
        return fail(error.what());
    }
    // An invalid --threshold is invalid usage; an invalid line of the
    // thresholds file is a failure to read that file.
    try {
        for (const std::string& assignment : options.thresholdAssignments)
            thresholds.applyAssignment(assignment);
    } catch (const std::invalid_argument& error) {
        return usageFailure(error.what());
    }
    if (options.runbookBaseUrl)
        catalogueOptions.runbookBaseUrl = *options.runbookBaseUrl;

    try {
        std::vector<alerts::AlertRule> rules = alerts::buildAlertRules(thresholds, catalogueOptions);
        std::string content = alerts::renderPrometheusRuleFile(rules, thresholds.overrides());
        if (options.outPath)
            writeFileReplacing(*options.outPath, content);
        else
            writeStdout(content);
    } catch (const std::exception& error) {
        return fail(error.what());
    }
    return 0;
}

} // namespace umg::node
