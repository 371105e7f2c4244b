#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "net/url.h"
#include "validation/prometheusclient.h"
#include "validation/validation.h"

/// The machinery behind runValidation(): the state the checks share and
/// the check tables of each section. Internal to the validation.
namespace umg::validation::detail {

/// Thrown by a check that cannot run because a check it depends on failed;
/// the runner turns it into a warning with this message.
class NotChecked : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Result of one check, before the runner adds its definition.
struct Outcome {
    CheckStatus status = CheckStatus::Pass;
    std::string measured;
    std::string advice;
};

/// Probe result of one node (one --node URL).
struct NodeProbe {
    std::string url;  ///< as given
    Url parsed;
    bool reachable = false;
    std::string problem; ///< why it is not reachable
    std::optional<double> startTimeSeconds; ///< process_start_time_seconds
    std::string version;                    ///< attribution_build_info's version label
    /// The `--metrics-listen` address from the node's /v1/status, when the
    /// URL is a node's HTTP API and the address names a fixed port.
    std::string metricsListen;
};

/// State shared by the checks of one run: the options, the Prometheus
/// client, and responses fetched once and reused by several checks.
class CheckContext {
public:
    CheckContext(HttpClient& http, const ValidationOptions& options);

    HttpClient& http;
    const ValidationOptions& options;
    PrometheusClient prometheus;

    /// Set by the first check: whether Prometheus responded at all.
    bool prometheusResponded = false;

    /// Throws NotChecked unless Prometheus responded.
    void requirePrometheus() const;

    const std::vector<ScrapeTargetInfo>& targets();
    /// Active targets of the engine job.
    std::vector<const ScrapeTargetInfo*> engineTargets();
    const RulesInfo& rules();
    const RuntimeInfo& runtime();
    /// Prometheus's current time in ms, from the query `time()`, so that
    /// age checks do not depend on this machine's clock.
    std::int64_t prometheusNowMs();
    /// The maximum scrape interval of the engine targets, or 15 s without any.
    std::int64_t engineScrapeIntervalMs();
    /// Base URLs of the Alertmanagers to check: ValidationOptions::alertmanagerUrl,
    /// or those Prometheus sends alerts to.
    const std::vector<std::string>& alertmanagerBaseUrls();
    /// Probes every --node URL once.
    const std::vector<NodeProbe>& nodes();
    /// The engine target that is `node`, or nullptr: matched by address, by
    /// the node's metrics address, or by its process start time.
    const ScrapeTargetInfo* targetOf(const NodeProbe& node);

    /// Sends a GET to a node with its token.
    HttpResponse getFromNode(const std::string& url) const;

private:
    std::optional<std::vector<ScrapeTargetInfo>> m_targets;
    std::optional<RulesInfo> m_rules;
    std::optional<RuntimeInfo> m_runtime;
    std::optional<std::vector<std::string>> m_alertmanagers;
    std::optional<std::vector<NodeProbe>> m_nodes;
    std::optional<std::vector<QuerySample>> m_startTimes;
};

using CheckFunction = std::function<Outcome(CheckContext&)>;

/// A check definition with the function that runs it.
struct CheckEntry {
    CheckDefinition definition;
    CheckFunction run;
};

// The checks of each section, in report order.
const std::vector<CheckEntry>& stackHealthChecks();
const std::vector<CheckEntry>& scrapeTargetChecks();
const std::vector<CheckEntry>& performanceMetricChecks();
const std::vector<CheckEntry>& customerMetricChecks();
const std::vector<CheckEntry>& goalChecks();
const std::vector<CheckEntry>& dashboardChecks();
const std::vector<CheckEntry>& alertRuleChecks();
const std::vector<CheckEntry>& integrationChecks();

// Formatting shared by the checks.

/// `1,234,567` with `decimals` digits after the point.
std::string formatNumber(double value, int decimals = 0);
/// Lists at most `shown` items, then "and N more".
std::string listSome(const std::vector<std::string>& items, std::size_t shown = 5);
/// The value of the first sample line of `name` in a /metrics body whose
/// labels contain `labelFilter` (empty: any), or nullopt.
std::optional<double> findMetricValue(std::string_view body, std::string_view name, std::string_view labelFilter = {});
/// The value of label `label` on the first sample line of `name`, or "".
std::string findLabelValue(std::string_view body, std::string_view name, std::string_view label);
/// Whether a /metrics body has a sample or a TYPE line of `name`.
bool hasMetric(std::string_view body, std::string_view name);

} // namespace umg::validation::detail
