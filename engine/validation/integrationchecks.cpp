// Checks of the section "Integration": the nodes, Prometheus and
// Alertmanager agree with each other.

#include "validation/checkcontext.h"

#include <simdjson.h>

#include <cmath>
#include <set>

#include "stack/stackfiles.h"

namespace umg::validation::detail {
namespace {

constexpr double kStartTimeToleranceSeconds = 1e-3;

std::string instanceOf(const ScrapeTargetInfo& target)
{
    auto instance = target.labels.find("instance");
    return instance != target.labels.end() ? instance->second : target.scrapeUrl;
}

Outcome nodesReachable(CheckContext& context)
{
    const std::vector<NodeProbe>& nodes = context.nodes();
    if (nodes.empty()) {
        return {CheckStatus::Warning, "no --node given",
                "Pass --node URL for each node so that the validation can compare it with Prometheus."};
    }
    std::vector<std::string> failing;
    for (const NodeProbe& node : nodes) {
        if (!node.reachable)
            failing.push_back(node.url + " (" + node.problem + ")");
    }
    const std::string counts = std::to_string(nodes.size() - failing.size()) + " of " + std::to_string(nodes.size())
        + " respond";
    if (failing.empty())
        return {CheckStatus::Pass, counts, {}};
    return {CheckStatus::Fail, counts + "; " + listSome(failing, 3),
            "Start the node (unmogrowp-node serve) or correct the URL; a node with --token-file needs "
            "--node-token-file."};
}

Outcome nodeIdentity(CheckContext& context)
{
    const std::vector<NodeProbe>& nodes = context.nodes();
    if (nodes.empty())
        throw NotChecked("not checked, because no --node was given");
    context.requirePrometheus();

    std::size_t compared = 0;
    std::vector<std::string> mismatched;
    for (const NodeProbe& node : nodes) {
        if (!node.reachable || !node.startTimeSeconds)
            continue;
        const ScrapeTargetInfo* target = context.targetOf(node);
        if (!target)
            continue;
        const std::string instance = instanceOf(*target);
        const std::optional<double> scraped = context.prometheus.queryValue(
            "max(process_start_time_seconds{job=\"" + std::string(stack::kEngineJob) + "\", instance=\"" + instance
            + "\"})");
        ++compared;
        if (!scraped || std::fabs(*scraped - *node.startTimeSeconds) > kStartTimeToleranceSeconds)
            mismatched.push_back(node.url + " vs target " + instance);
    }
    if (compared == 0)
        throw NotChecked("not checked, because no node could be matched with a scrape target");
    if (mismatched.empty())
        return {CheckStatus::Pass, std::to_string(compared) + " of " + std::to_string(nodes.size())
                                       + " nodes match their target's process start time",
                {}};
    return {CheckStatus::Fail, "different processes: " + listSome(mismatched, 3),
            "Prometheus scrapes another process at that address than the node responding at the URL (a "
            "restart within the last scrape interval also shows here); check for a second node on the same "
            "port and validate again."};
}

Outcome singleVersion(CheckContext& context)
{
    context.requirePrometheus();
    std::set<std::string> versions;
    for (const QuerySample& sample : context.prometheus.query("count by (version) (attribution_build_info)")) {
        auto version = sample.labels.find("version");
        if (version != sample.labels.end())
            versions.insert(version->second);
    }
    for (const NodeProbe& node : context.nodes()) {
        if (node.reachable && !node.version.empty())
            versions.insert(node.version);
    }
    if (versions.empty()) {
        return {CheckStatus::Warning, "no attribution_build_info series",
                "Check that the engine targets are up and are UnMoGrowP nodes."};
    }
    const std::vector<std::string> list(versions.begin(), versions.end());
    if (list.size() == 1)
        return {CheckStatus::Pass, "version " + list.front(), {}};
    return {CheckStatus::Warning, std::to_string(list.size()) + " versions: " + listSome(list),
            "Upgrade the remaining nodes; mixed versions can disagree on metrics and rules."};
}

// Reads config.original (the YAML text Alertmanager loaded) from /api/v2/status.
std::optional<std::string> alertmanagerConfig(CheckContext& context, const std::string& base, std::string& problem)
{
    HttpRequest request;
    request.url = base + "/api/v2/status";
    request.timeout = context.options.requestTimeout;
    const HttpResponse response = context.http.send(request);
    if (!response.succeeded()) {
        problem = response.error.empty() ? "HTTP status " + std::to_string(response.status) : response.error;
        return std::nullopt;
    }
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    std::string_view original;
    if (parser.parse(response.body).get(document) != simdjson::SUCCESS
        || document["config"]["original"].get_string().get(original) != simdjson::SUCCESS) {
        problem = "/api/v2/status returned no configuration";
        return std::nullopt;
    }
    return std::string(original);
}

// Whether a line of the configuration text matches on `severity` and `value`,
// in any of Alertmanager's matcher forms (matchers, match, match_re).
bool routesSeverity(const std::string& config, const std::string& value)
{
    std::size_t start = 0;
    while (start < config.size()) {
        std::size_t end = config.find('\n', start);
        if (end == std::string::npos)
            end = config.size();
        const std::string_view line(config.data() + start, end - start);
        if (line.find("severity") != std::string_view::npos && line.find(value) != std::string_view::npos)
            return true;
        start = end + 1;
    }
    return false;
}

Outcome alertmanagerRouting(CheckContext& context)
{
    const std::vector<std::string>& bases = context.alertmanagerBaseUrls();
    if (bases.empty())
        throw NotChecked("not checked, because Prometheus has no Alertmanager");
    std::vector<std::string> problems;
    for (const std::string& base : bases) {
        std::string problem;
        const std::optional<std::string> config = alertmanagerConfig(context, base, problem);
        if (!config) {
            problems.push_back(base + " (" + problem + ")");
            continue;
        }
        std::vector<std::string> unrouted;
        for (const char* severity : {"critical", "warning", "info"}) {
            if (!routesSeverity(*config, severity))
                unrouted.emplace_back(severity);
        }
        if (!unrouted.empty())
            problems.push_back(base + " has no route for severity " + listSome(unrouted));
    }
    if (problems.empty())
        return {CheckStatus::Pass, "routes for critical, warning and info", {}};
    return {CheckStatus::Warning, listSome(problems, 3),
            "Route each severity to its own receiver (`unmogrowp-node export stack` writes alertmanager.yml with "
            "such routes); otherwise every alert reaches the default receiver."};
}

// Adds up every sample line of `name` in a /metrics body.
double sumSamples(const std::string& body, std::string_view name)
{
    double total = 0;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string::npos)
            end = body.size();
        const std::string line = body.substr(start, end - start);
        if (line.compare(0, name.size(), name) == 0 && line.size() > name.size()
            && (line[name.size()] == '{' || line[name.size()] == ' ')) {
            if (const std::optional<double> value = findMetricValue(line, name))
                total += *value;
        }
        start = end + 1;
    }
    return total;
}

Outcome alertDelivery(CheckContext& context)
{
    context.requirePrometheus();
    const HttpResponse response = context.prometheus.get("/metrics");
    if (!response.succeeded())
        throw ApiError("Prometheus's own /metrics: "
                       + (response.error.empty() ? "HTTP status " + std::to_string(response.status) : response.error));
    const double sent = sumSamples(response.body, "prometheus_notifications_sent_total");
    const double errors = sumSamples(response.body, "prometheus_notifications_errors_total");
    const double dropped = sumSamples(response.body, "prometheus_notifications_dropped_total");
    const std::string measured = formatNumber(sent) + " alerts sent, " + formatNumber(errors) + " send errors, "
        + formatNumber(dropped) + " dropped since Prometheus started";
    if (errors > 0 || dropped > 0) {
        return {CheckStatus::Warning, measured,
                "Prometheus failed to deliver some alerts; its log names the Alertmanager and the error. Errors "
                "from before Alertmanager started also count here."};
    }
    return {CheckStatus::Pass, measured, {}};
}

} // namespace

const std::vector<CheckEntry>& integrationChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::Integration, "integration.nodes_reachable", "Nodes respond", "every --node serves its metrics"},
         nodesReachable},
        {{Section::Integration, "integration.node_identity", "Prometheus scrapes the same processes",
          "each node's process start time equals its target's"},
         nodeIdentity},
        {{Section::Integration, "integration.versions", "One engine version", "every node on the same version"},
         singleVersion},
        {{Section::Integration, "integration.alertmanager_routing", "Alertmanager routes by severity",
          "routes for critical, warning and info"},
         alertmanagerRouting},
        {{Section::Integration, "integration.alert_delivery", "Prometheus delivers alerts",
          "no failed or dropped notifications"},
         alertDelivery},
    };
    return checks;
}

} // namespace umg::validation::detail
