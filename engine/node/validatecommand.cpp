#include "node/validatecommand.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "node/arguments.h"
#include "node/httplibclient.h"
#include "promql/duration.h"
#include "validation/validation.h"

namespace umg::node {

const char* const kValidateUsage = R"(usage: unmogrowp-node validate --prometheus URL [--node URL]... [options]

Checks a running stack (Prometheus, Alertmanager and the UnMoGrowP nodes) in
eight sections: stack health, scrape targets, performance metrics, customer
metrics, goal validation, dashboards, alert rules and integration. Each check
prints pass, warning or fail with the measured value, the target and what to do.

  --prometheus URL          Prometheus's URL, such as http://127.0.0.1:9090 (required)
  --node URL                a node's HTTP API (serve --listen) or metrics exposer
                            (--metrics-listen) URL, to compare with Prometheus's targets;
                            repeatable
  --node-token-file FILE    send the bearer token in FILE to the nodes
  --alertmanager URL        check this Alertmanager instead of those Prometheus uses
  --range DURATION          time range of the dashboard queries (default 1h)
  --timeout SECONDS         limit for each HTTP request (default 10)
  --strict-goals            a goal that is not met fails instead of warning
  --json                    print the report as JSON
  Exit status: 0 when no check failed, 1 when at least one failed, 2 for invalid usage.
)";

std::string readTokenFile(const std::string& path)
{
    std::ifstream file(path);
    std::string line;
    if (!file || !std::getline(file, line))
        throw std::runtime_error("cannot read the token file " + path + "; check that it exists and is readable");
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.pop_back();
    if (line.empty())
        throw std::runtime_error("the token file " + path + " has an empty first line; put the token there");
    return line;
}

int runValidate(const std::vector<std::string>& args)
{
    const Arguments arguments(args,
                              {"--prometheus", "--node", "--node-token-file", "--alertmanager", "--range", "--timeout"},
                              {"--json", "--strict-goals"});
    if (!arguments.positional().empty())
        throw UsageError("validate takes no positional arguments; \"" + arguments.positional().front()
                         + "\" is not an option");
    const auto prometheus = arguments.value("--prometheus");
    if (!prometheus)
        throw UsageError("validate needs --prometheus URL, for example --prometheus http://127.0.0.1:9090");

    validation::ValidationOptions options;
    options.prometheusUrl = *prometheus;
    options.nodeUrls = arguments.values("--node");
    options.alertmanagerUrl = arguments.value("--alertmanager").value_or("");
    options.strictGoals = arguments.has("--strict-goals");
    options.requestTimeout = std::chrono::seconds(arguments.integer("--timeout", 10, 1, 600));
    if (auto range = arguments.value("--range")) {
        if (!promql::parseDuration(*range))
            throw UsageError("option --range is \"" + *range + "\"; use a duration such as 1h or 30m");
        options.dashboardRange = *range;
    }
    if (auto tokenFile = arguments.value("--node-token-file"))
        options.nodeToken = readTokenFile(*tokenFile);

    HttplibClient http;
    validation::ValidationReport report;
    try {
        report = validation::runValidation(http, options);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    const std::string text = arguments.has("--json") ? validation::formatReportJson(report)
                                                     : validation::formatReportText(report);
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
    return report.passed() ? 0 : 1;
}

} // namespace umg::node
