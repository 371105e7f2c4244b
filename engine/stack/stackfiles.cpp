#include "stack/stackfiles.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "alerts/rulefile.h"
#include "metrics/metricsserver.h"
#include "net/url.h"
#include "promql/duration.h"

namespace umg::stack {
namespace {

constexpr std::int64_t kMaxScrapeTimeoutMs = 10'000;
// The shortest rate window of the alert rules is 2 minutes; rate() needs two
// samples inside it.
constexpr std::int64_t kMaxScrapeIntervalMs = 60'000;

void requireAddress(const std::string& address, const std::string& option)
{
    std::string host;
    int port = 0;
    if (!splitHostPort(address, host, port) || port == 0) {
        throw std::invalid_argument(option + " is \"" + address
                                    + "\"; use HOST:PORT with a port from 1 to 65535, such as 127.0.0.1:9093");
    }
}

// Scrape targets of the engine job grouped by scheme and metrics path, which
// Prometheus sets per group through the __scheme__ and __metrics_path__ labels.
struct TargetGroup {
    std::string scheme;
    std::string metricsPath;
    std::vector<std::string> targets;
};

std::vector<TargetGroup> engineTargetGroups(const std::vector<std::string>& nodeUrls)
{
    std::vector<TargetGroup> groups;
    for (const std::string& text : nodeUrls) {
        const std::optional<Url> url = Url::parse(text);
        const std::string path = url->path == "/" ? "/metrics" : url->path;
        auto group = std::find_if(groups.begin(), groups.end(), [&](const TargetGroup& candidate) {
            return candidate.scheme == url->scheme && candidate.metricsPath == path;
        });
        if (group == groups.end())
            group = groups.insert(groups.end(), TargetGroup{url->scheme, path, {}});
        if (std::find(group->targets.begin(), group->targets.end(), url->hostPort()) == group->targets.end())
            group->targets.push_back(url->hostPort());
    }
    return groups;
}

std::string quotedList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += alerts::quoteYaml(items[i]);
    }
    return out + "]";
}

void appendStaticJob(std::string& out, const std::string& job, const std::vector<std::string>& targets,
                     const std::string& comment)
{
    if (targets.empty())
        return;
    out += "  # " + comment + "\n";
    out += "  - job_name: " + alerts::quoteYaml(job) + "\n";
    out += "    static_configs:\n";
    out += "      - targets: " + quotedList(targets) + "\n";
}

} // namespace

void validateStackOptions(const StackOptions& options)
{
    if (options.nodeUrls.empty())
        throw std::invalid_argument("no node to scrape; pass --node URL for each node, such as "
                                    "--node http://127.0.0.1:9464");
    for (const std::string& text : options.nodeUrls) {
        const std::optional<Url> url = Url::parse(text);
        if (!url) {
            throw std::invalid_argument("--node is \"" + text
                                        + "\"; use the node's metrics URL, such as http://127.0.0.1:9464 or "
                                          "https://node1.example:8080/metrics");
        }
        if (url->path.find('?') != std::string::npos)
            throw std::invalid_argument("--node \"" + text + "\" has a query string; give the URL without one");
    }
    requireAddress(options.alertmanagerAddress, "--alertmanager");
    for (const std::string& target : options.kafkaTargets)
        requireAddress(target, "--kafka");
    for (const std::string& target : options.clickhouseTargets)
        requireAddress(target, "--clickhouse");
    for (const std::string& target : options.nodeExporterTargets)
        requireAddress(target, "--node-exporter");
    if (options.scrapeIntervalMs < 1000 || options.scrapeIntervalMs > kMaxScrapeIntervalMs) {
        throw std::invalid_argument("the scrape interval is " + promql::formatDuration(options.scrapeIntervalMs)
                                    + "; use 1s to 1m, because the 2-minute rate windows of the alert rules "
                                      "need two samples");
    }
    if (options.evaluationIntervalMs < 1000)
        throw std::invalid_argument("the evaluation interval is "
                                    + promql::formatDuration(options.evaluationIntervalMs) + "; use 1s or more");
    if (options.nodeTokenFile.find_first_of("\n\r") != std::string::npos)
        throw std::invalid_argument("--node-token-file contains a line break; give a plain file path");
}

std::string renderPrometheusConfig(const StackOptions& options)
{
    validateStackOptions(options);
    const std::int64_t timeoutMs = std::min(options.scrapeIntervalMs, kMaxScrapeTimeoutMs);

    std::string out;
    out += "# Prometheus configuration for UnMoGrowP nodes, written by `unmogrowp-node export stack`.\n";
    out += "# Relative paths are resolved from the folder of this file.\n";
    out += "global:\n";
    out += "  scrape_interval: " + promql::formatDuration(options.scrapeIntervalMs) + "\n";
    out += "  scrape_timeout: " + promql::formatDuration(timeoutMs) + "\n";
    out += "  evaluation_interval: " + promql::formatDuration(options.evaluationIntervalMs) + "\n";
    out += "\n";
    out += "rule_files:\n";
    out += "  - " + alerts::quoteYaml(kRuleFilePath) + "\n";
    out += "\n";
    out += "alerting:\n";
    out += "  alertmanagers:\n";
    out += "    - static_configs:\n";
    out += "        - targets: " + quotedList({options.alertmanagerAddress}) + "\n";
    out += "\n";
    out += "scrape_configs:\n";
    out += "  # The attribution engines. Alert rules and dashboards select job=\"" + std::string(kEngineJob)
        + "\".\n";
    out += "  - job_name: " + alerts::quoteYaml(kEngineJob) + "\n";
    if (!options.nodeTokenFile.empty()) {
        out += "    authorization:\n";
        out += "      type: \"Bearer\"\n";
        out += "      credentials_file: " + alerts::quoteYaml(options.nodeTokenFile) + "\n";
    }
    out += "    static_configs:\n";
    for (const TargetGroup& group : engineTargetGroups(options.nodeUrls)) {
        out += "      - targets: " + quotedList(group.targets) + "\n";
        if (group.scheme != "http" || group.metricsPath != "/metrics") {
            out += "        labels:\n";
            out += "          __scheme__: " + alerts::quoteYaml(group.scheme) + "\n";
            out += "          __metrics_path__: " + alerts::quoteYaml(group.metricsPath) + "\n";
        }
    }
    appendStaticJob(out, "kafka", options.kafkaTargets, "Kafka brokers' metrics exporters (rule KafkaDown).");
    appendStaticJob(out, "clickhouse", options.clickhouseTargets, "ClickHouse servers (rule ClickHouseDown).");
    appendStaticJob(out, "node", options.nodeExporterTargets,
                    "node_exporter on the engine hosts (rules HighCPUUsage, LowDiskSpace, NodeMemoryAvailableLow).");
    return out;
}

std::string renderAlertmanagerConfig()
{
    return R"(# Alertmanager configuration for UnMoGrowP alerts, written by
# `unmogrowp-node export stack`.
#
# PLACEHOLDER RECEIVERS: the four receivers at the end notify nobody yet.
# Add the notification settings of your team (email_configs, slack_configs,
# pagerduty_configs, webhook_configs, ...) to each before relying on them.
route:
  receiver: "unmogrowp-default"
  group_by: ["alertname", "job", "instance"]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 4h
  routes:
    - matchers: ['severity="critical"']
      receiver: "unmogrowp-critical"
      group_wait: 10s
      repeat_interval: 1h
    - matchers: ['severity="warning"']
      receiver: "unmogrowp-warning"
    - matchers: ['severity="info"']
      receiver: "unmogrowp-info"
      repeat_interval: 24h

# A critical alert silences the warning about the same condition.
inhibit_rules:
  - source_matchers: ['alertname="EventThroughputCriticallyLow"']
    target_matchers: ['alertname="EventThroughputBelowTarget"']
    equal: ["instance"]
  - source_matchers: ['alertname="DiskSpaceCritical"']
    target_matchers: ['alertname="LowDiskSpace"']
    equal: ["instance", "mountpoint"]
  - source_matchers: ['alertname="FileDescriptorsExhausted"']
    target_matchers: ['alertname="FileDescriptorsNearLimit"']
    equal: ["job", "instance"]
  - source_matchers: ['alertname="WorkerQueueFull"']
    target_matchers: ['alertname="WorkerQueueSaturated"']
    equal: ["instance", "shard"]

receivers:
  # PLACEHOLDER: alerts without a severity label.
  - name: "unmogrowp-default"
  # PLACEHOLDER: critical alerts should page the on-call engineer, for example
  #   pagerduty_configs:
  #     - routing_key: "..."
  - name: "unmogrowp-critical"
  # PLACEHOLDER: warnings go to the operations channel, for example
  #   slack_configs:
  #     - api_url: "https://hooks.slack.com/services/..."
  #       channel: "#unmogrowp-ops"
  - name: "unmogrowp-warning"
  # PLACEHOLDER: info alerts suit a daily digest, for example
  #   email_configs:
  #     - to: "unmogrowp-ops@example.com"
  - name: "unmogrowp-info"
)";
}

std::vector<StackFile> renderStackFiles(const StackOptions& options, const std::vector<alerts::AlertRule>& rules,
                                        const std::map<std::string, double>& thresholdOverrides)
{
    std::vector<StackFile> files;
    files.push_back({"prometheus.yml", renderPrometheusConfig(options)});
    files.push_back({kRuleFilePath, alerts::renderPrometheusRuleFile(rules, thresholdOverrides)});
    files.push_back({"alertmanager.yml", renderAlertmanagerConfig()});
    for (const dashboards::Dashboard& dashboard : dashboards::allDashboards())
        files.push_back({"grafana/unmogrowp-" + dashboard.id + ".json", renderGrafanaDashboard(dashboard)});
    return files;
}

} // namespace umg::stack
