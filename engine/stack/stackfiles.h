#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alerts/catalogue.h"
#include "dashboards/dashboardpanels.h"

/// The configuration files of a Prometheus + Alertmanager + Grafana stack
/// that watches UnMoGrowP nodes, as `unmogrowp-node export stack` writes them.
namespace umg::stack {

/// Job name of the engine targets; the alert rules and dashboards select
/// `up{job="unmogrowp"}`, so it is fixed.
inline constexpr const char* kEngineJob = "unmogrowp";

/// Path of the rule file relative to the folder of prometheus.yml.
inline constexpr const char* kRuleFilePath = "rules/unmogrowp-alerts.yml";

struct StackOptions {
    /// Metrics URLs of the nodes: `http://HOST:PORT` (path `/metrics`) or
    /// with another path. Each node's `--metrics-listen` exposer, or its HTTP
    /// API when Prometheus can send the API token (see nodeTokenFile).
    std::vector<std::string> nodeUrls;
    /// File with the bearer token Prometheus sends to the nodes; empty sends none.
    std::string nodeTokenFile;
    /// Address of the Alertmanager that receives Prometheus's alerts, as `HOST:PORT`.
    std::string alertmanagerAddress = "127.0.0.1:9093";
    /// Further scrape jobs, each a list of `HOST:PORT` targets. The jobs
    /// `kafka` and `clickhouse` feed the KafkaDown and ClickHouseDown rules,
    /// `node` (node_exporter) the host rules such as HighCPUUsage.
    std::vector<std::string> kafkaTargets;
    std::vector<std::string> clickhouseTargets;
    std::vector<std::string> nodeExporterTargets;
    /// Prometheus's scrape and rule evaluation intervals, in milliseconds.
    std::int64_t scrapeIntervalMs = 15'000;
    std::int64_t evaluationIntervalMs = 15'000;
};

/// One file to write, with its path relative to the output folder.
struct StackFile {
    std::string relativePath;
    std::string content;
};

/// Checks `options`: at least one node URL, every URL an http(s) URL with
/// a host, every address `HOST:PORT`, intervals of at least one second and a
/// scrape interval no longer than the shortest rate window of the rules (2 m).
/// Throws std::invalid_argument naming the value and the fix.
void validateStackOptions(const StackOptions& options);

/// Renders prometheus.yml: global intervals, the rule file, the Alertmanager
/// and one scrape job per kind of target. Calls validateStackOptions().
std::string renderPrometheusConfig(const StackOptions& options);

/// Renders alertmanager.yml: routing by `severity` (critical, warning, info)
/// to one receiver each, inhibition of the warning-level rules by their
/// critical counterparts, and receivers marked as placeholders, which send no
/// notification until an operator fills them in.
std::string renderAlertmanagerConfig();

/// Renders one dashboard as Grafana dashboard JSON (schema version 37,
/// Grafana 9 and later) with a `datasource` variable for the Prometheus
/// data source. Panels that show pilot-customer records become text panels,
/// because Prometheus has no series for them.
std::string renderGrafanaDashboard(const dashboards::Dashboard& dashboard);

/// Returns the Grafana legend format for a console legend: `{label}` becomes
/// `{{label}}`, and `{customer}` becomes `{{app_id}}` when `expression`
/// groups by app and `{{customer_id}}` otherwise.
std::string grafanaLegend(const std::string& legend, const std::string& expression);

/// Returns every file of the stack: prometheus.yml, the rule file rendered
/// from `rules`, alertmanager.yml and one Grafana dashboard per dashboard.
/// Throws std::invalid_argument like validateStackOptions().
std::vector<StackFile> renderStackFiles(const StackOptions& options, const std::vector<alerts::AlertRule>& rules,
                                        const std::map<std::string, double>& thresholdOverrides);

} // namespace umg::stack
