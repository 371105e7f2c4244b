#include "node/exportstackcommand.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

#include "alerts/catalogue.h"
#include "alerts/thresholds.h"
#include "node/arguments.h"
#include "node/validatecommand.h"
#include "promql/duration.h"
#include "stack/stackfiles.h"
#include "util/filewrite.h"

namespace umg::node {

const char* const kExportStackUsage = R"(usage: unmogrowp-node export stack DIR --node URL [--node URL]... [options]

Writes the configuration of a Prometheus + Alertmanager + Grafana stack that
watches UnMoGrowP nodes:
  DIR/prometheus.yml                      scrape jobs, rule file, Alertmanager
  DIR/rules/unmogrowp-alerts.yml          the alerting rules (as `export rules`)
  DIR/alertmanager.yml                    routing by severity; placeholder receivers
  DIR/grafana/unmogrowp-*.json            the four dashboards for Grafana 9 or later

  --node URL                  metrics URL of a node, such as http://10.0.0.5:9464 (its
                              --metrics-listen exposer) or http://10.0.0.5:8080/metrics
                              (its HTTP API); path /metrics unless given; repeatable, required
  --node-token-file FILE      Prometheus sends the token in FILE to the nodes
                              (needed to scrape the HTTP API of a node with --token-file);
                              FILE must be readable, and its absolute path is written
  --alertmanager HOST:PORT    Alertmanager that Prometheus sends alerts to
                              (default 127.0.0.1:9093)
  --kafka HOST:PORT           a Kafka metrics target, job "kafka"; repeatable
  --clickhouse HOST:PORT      a ClickHouse metrics target, job "clickhouse"; repeatable
  --node-exporter HOST:PORT   a node_exporter target, job "node"; repeatable
  --scrape-interval DURATION  how often Prometheus scrapes, 1s to 1m (default 15s)
  --evaluation-interval DURATION
                              how often Prometheus evaluates the rules (default 15s)
  --threshold NAME=VALUE      set one alert threshold; repeatable
  --thresholds-file FILE      read NAME=VALUE lines; --threshold wins
  --runbook-base-url URL      runbook links become URL/<RuleName>
  Exit status: 0 when the files were written, 1 on failure, 2 for invalid usage.
)";

namespace {

std::int64_t durationOption(const Arguments& arguments, const std::string& name, std::int64_t fallbackMs)
{
    const auto text = arguments.value(name);
    if (!text)
        return fallbackMs;
    const auto ms = promql::parseDuration(*text);
    if (!ms)
        throw UsageError("option " + name + " is \"" + *text + "\"; use a duration such as 15s or 1m");
    return *ms;
}

void writeFileAtomically(const std::filesystem::path& path, const std::string& content)
{
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error)
        throw std::runtime_error("cannot create folder " + path.parent_path().string() + ": " + error.message());
    writeFileReplacing(path, content);
}

} // namespace

int runExportStack(const std::vector<std::string>& args)
{
    const Arguments arguments(args,
                              {"--node", "--node-token-file", "--alertmanager", "--kafka", "--clickhouse",
                               "--node-exporter", "--scrape-interval", "--evaluation-interval", "--threshold",
                               "--thresholds-file", "--runbook-base-url"},
                              {});
    if (arguments.positional().size() != 1)
        throw UsageError("export stack needs one output folder: unmogrowp-node export stack DIR --node URL");
    const std::filesystem::path folder = arguments.positional().front();

    stack::StackOptions options;
    options.nodeUrls = arguments.values("--node");
    if (auto tokenFile = arguments.value("--node-token-file")) {
        // Prometheus resolves a relative credentials_file against the folder
        // of prometheus.yml, so the file is checked here and written absolute.
        try {
            readTokenFile(*tokenFile);
        } catch (const std::runtime_error& error) {
            throw UsageError(std::string("option --node-token-file: ") + error.what());
        }
        options.nodeTokenFile = std::filesystem::absolute(*tokenFile).lexically_normal().string();
    }
    options.alertmanagerAddress = arguments.value("--alertmanager").value_or(options.alertmanagerAddress);
    options.kafkaTargets = arguments.values("--kafka");
    options.clickhouseTargets = arguments.values("--clickhouse");
    options.nodeExporterTargets = arguments.values("--node-exporter");
    options.scrapeIntervalMs = durationOption(arguments, "--scrape-interval", options.scrapeIntervalMs);
    options.evaluationIntervalMs = durationOption(arguments, "--evaluation-interval", options.evaluationIntervalMs);
    try {
        stack::validateStackOptions(options);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }

    alerts::Thresholds thresholds;
    alerts::CatalogueOptions catalogueOptions;
    if (auto file = arguments.value("--thresholds-file"))
        thresholds.loadFile(*file);
    try {
        for (const std::string& assignment : arguments.values("--threshold"))
            thresholds.applyAssignment(assignment);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    if (auto url = arguments.value("--runbook-base-url"))
        catalogueOptions.runbookBaseUrl = *url;

    const std::vector<alerts::AlertRule> rules = alerts::buildAlertRules(thresholds, catalogueOptions);
    for (const stack::StackFile& file : stack::renderStackFiles(options, rules, thresholds.overrides())) {
        const std::filesystem::path path = folder / file.relativePath;
        writeFileAtomically(path, file.content);
        std::printf("wrote %s\n", path.c_str());
    }
    return 0;
}

} // namespace umg::node
