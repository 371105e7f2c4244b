// Checks of the sections "Stack health" and "Scrape targets".

#include "validation/checkcontext.h"

#include <algorithm>
#include <cstdio>

#include "promql/duration.h"
#include "stack/stackfiles.h"

namespace umg::validation::detail {
namespace {

// The dashboards' 1-minute rates need two samples per minute; the alert
// rules' shortest windows (2 minutes) need two samples in two minutes.
constexpr std::int64_t kDashboardScrapeIntervalMs = 30'000;
constexpr std::int64_t kRuleScrapeIntervalMs = 60'000;
constexpr std::int64_t kStaleScrapeIntervals = 3;

std::string instanceOf(const ScrapeTargetInfo& target)
{
    auto instance = target.labels.find("instance");
    return instance != target.labels.end() ? instance->second : target.scrapeUrl;
}

std::string describeDown(const ScrapeTargetInfo& target)
{
    std::string text = instanceOf(target);
    auto job = target.labels.find("job");
    if (job != target.labels.end() && job->second != stack::kEngineJob)
        text = job->second + " at " + text;
    if (!target.lastError.empty())
        text += " (" + target.lastError + ")";
    return text;
}

std::string seconds(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, value < 10 ? "%.3f s" : "%.0f s", value);
    return buffer;
}

// --- stack health ------------------------------------------------------------

Outcome prometheusReachable(CheckContext& context)
{
    const HttpResponse response = context.prometheus.get("/-/healthy");
    if (!response.error.empty()) {
        return {CheckStatus::Fail, "no response: " + response.error,
                "Start Prometheus, or pass its URL with --prometheus (tried "
                    + context.prometheus.baseUrl().toString() + ")."};
    }
    if (response.status != 200) {
        return {CheckStatus::Fail, "HTTP status " + std::to_string(response.status) + " from /-/healthy",
                "Check that --prometheus names Prometheus itself and not a proxy or another service."};
    }
    context.prometheusResponded = true;
    std::string version;
    try {
        version = context.prometheus.version();
    } catch (const ApiError&) {
        version = "version unknown";
    }
    return {CheckStatus::Pass, "Prometheus " + version + " is healthy", {}};
}

Outcome prometheusReady(CheckContext& context)
{
    context.requirePrometheus();
    const HttpResponse response = context.prometheus.get("/-/ready");
    if (response.status == 200)
        return {CheckStatus::Pass, "ready to serve queries", {}};
    return {CheckStatus::Fail,
            response.error.empty() ? "HTTP status " + std::to_string(response.status) : response.error,
            "Prometheus is still starting (replaying its write-ahead log); run the validation again in a minute."};
}

Outcome prometheusConfig(CheckContext& context)
{
    const RuntimeInfo& runtime = context.runtime();
    if (runtime.reloadConfigSuccess)
        return {CheckStatus::Pass, "the last configuration reload succeeded", {}};
    return {CheckStatus::Fail, "the last configuration reload failed",
            "Run `promtool check config` on Prometheus's configuration file, fix what it reports and reload; "
            "Prometheus runs the previous configuration until then."};
}

Outcome prometheusStorage(CheckContext& context)
{
    context.requirePrometheus();
    const std::int64_t series = context.prometheus.headSeries();
    if (series > 0)
        return {CheckStatus::Pass, formatNumber(static_cast<double>(series)) + " series in the head block", {}};
    return {CheckStatus::Fail, "no series stored",
            "Prometheus has scraped nothing yet; check its scrape targets below."};
}

Outcome alertmanagerConfigured(CheckContext& context)
{
    context.requirePrometheus();
    const std::vector<std::string> urls = context.prometheus.alertmanagers();
    if (!urls.empty())
        return {CheckStatus::Pass, std::to_string(urls.size()) + " active: " + listSome(urls), {}};
    return {CheckStatus::Fail, "no active Alertmanager",
            "Add an alerting section to prometheus.yml (`unmogrowp-node export stack` writes one); until then "
            "firing alerts reach nobody."};
}

Outcome alertmanagerReady(CheckContext& context)
{
    const std::vector<std::string>& bases = context.alertmanagerBaseUrls();
    if (bases.empty())
        throw NotChecked("not checked, because Prometheus has no Alertmanager");
    std::vector<std::string> failing;
    for (const std::string& base : bases) {
        HttpRequest request;
        request.url = base + "/-/ready";
        request.timeout = context.options.requestTimeout;
        const HttpResponse response = context.http.send(request);
        if (response.status != 200)
            failing.push_back(base + " (" + (response.error.empty() ? "HTTP status " + std::to_string(response.status)
                                                                    : response.error)
                              + ")");
    }
    if (failing.empty())
        return {CheckStatus::Pass, std::to_string(bases.size()) + " of " + std::to_string(bases.size()) + " ready", {}};
    return {CheckStatus::Fail, "not ready: " + listSome(failing),
            "Start Alertmanager (prometheus-alertmanager) at that address, or correct the address in prometheus.yml."};
}

// --- scrape targets ----------------------------------------------------------

Outcome engineJob(CheckContext& context)
{
    const std::size_t count = context.engineTargets().size();
    if (count > 0)
        return {CheckStatus::Pass, std::to_string(count) + (count == 1 ? " target" : " targets"), {}};
    return {CheckStatus::Fail, "no target with job=\"" + std::string(stack::kEngineJob) + "\"",
            "Add a scrape job named " + std::string(stack::kEngineJob)
                + " with the nodes' metrics addresses (`unmogrowp-node export stack --node URL` writes it); the "
                  "alert rules and dashboards select that job."};
}

Outcome engineUp(CheckContext& context)
{
    const std::vector<const ScrapeTargetInfo*> engine = context.engineTargets();
    if (engine.empty())
        throw NotChecked("not checked, because there are no engine targets");
    std::vector<std::string> down;
    for (const ScrapeTargetInfo* target : engine) {
        if (target->health != "up")
            down.push_back(describeDown(*target) + (target->health == "unknown" ? " (not scraped yet)" : ""));
    }
    const std::string counts = std::to_string(engine.size() - down.size()) + " of " + std::to_string(engine.size())
        + " up";
    if (down.empty())
        return {CheckStatus::Pass, counts, {}};
    return {CheckStatus::Fail, counts + "; down: " + listSome(down),
            "Start the node or correct its address in the scrape configuration; the error above is what "
            "Prometheus saw. ServiceDown fires after one minute down."};
}

Outcome nodesScraped(CheckContext& context)
{
    const std::vector<NodeProbe>& nodes = context.nodes();
    if (nodes.empty()) {
        return {CheckStatus::Warning, "no --node given",
                "Pass --node URL for each node to check that Prometheus scrapes every one of them."};
    }
    context.requirePrometheus();
    std::vector<std::string> missing;
    std::vector<std::string> unidentified;
    for (const NodeProbe& node : nodes) {
        if (context.targetOf(node))
            continue;
        if (node.reachable)
            missing.push_back(node.url);
        else
            unidentified.push_back(node.url);
    }
    const std::size_t found = nodes.size() - missing.size() - unidentified.size();
    const std::string counts = std::to_string(found) + " of " + std::to_string(nodes.size()) + " found among the targets";
    if (!missing.empty()) {
        return {CheckStatus::Fail, counts + "; not scraped: " + listSome(missing),
                "Add each node's metrics address to the " + std::string(stack::kEngineJob)
                    + " job (`unmogrowp-node export stack --node URL`) and reload Prometheus."};
    }
    if (!unidentified.empty()) {
        return {CheckStatus::Warning, counts + "; not identified because they do not respond: " + listSome(unidentified),
                "Start those nodes; see the integration checks below."};
    }
    return {CheckStatus::Pass, counts, {}};
}

Outcome otherTargetsUp(CheckContext& context)
{
    std::size_t others = 0;
    std::vector<std::string> down;
    for (const ScrapeTargetInfo& target : context.targets()) {
        auto job = target.labels.find("job");
        if (job != target.labels.end() && job->second == stack::kEngineJob)
            continue;
        ++others;
        if (target.health != "up")
            down.push_back(describeDown(target));
    }
    if (others == 0)
        return {CheckStatus::Pass, "no other targets", {}};
    const std::string counts = std::to_string(others - down.size()) + " of " + std::to_string(others) + " up";
    if (down.empty())
        return {CheckStatus::Pass, counts, {}};
    return {CheckStatus::Fail, counts + "; down: " + listSome(down),
            "Start the service or correct its address; ServiceDown, KafkaDown and ClickHouseDown fire for it."};
}

Outcome scrapeInterval(CheckContext& context)
{
    if (context.engineTargets().empty())
        throw NotChecked("not checked, because there are no engine targets");
    const std::int64_t interval = context.engineScrapeIntervalMs();
    const std::string measured = promql::formatDuration(interval);
    if (interval > kRuleScrapeIntervalMs) {
        return {CheckStatus::Fail, measured,
                "Scrape the engines at least once a minute: the alert rules' 2-minute rate windows need two "
                "samples."};
    }
    if (interval > kDashboardScrapeIntervalMs) {
        return {CheckStatus::Warning, measured,
                "Scrape the engines every 30 s or more often: the dashboards' 1-minute rates need two samples."};
    }
    return {CheckStatus::Pass, measured, {}};
}

Outcome scrapeDuration(CheckContext& context)
{
    const std::vector<const ScrapeTargetInfo*> engine = context.engineTargets();
    if (engine.empty())
        throw NotChecked("not checked, because there are no engine targets");
    const ScrapeTargetInfo* slowest = engine.front();
    for (const ScrapeTargetInfo* target : engine) {
        if (target->lastScrapeDurationSeconds > slowest->lastScrapeDurationSeconds)
            slowest = target;
    }
    const std::string measured = "slowest " + seconds(slowest->lastScrapeDurationSeconds) + " (" + instanceOf(*slowest)
        + ")";
    const double timeoutSeconds = static_cast<double>(slowest->scrapeTimeoutMs) / 1000.0;
    if (timeoutSeconds > 0 && slowest->lastScrapeDurationSeconds >= timeoutSeconds / 2) {
        return {CheckStatus::Warning, measured + " of a " + seconds(timeoutSeconds) + " timeout",
                "Slow scrapes come close to the timeout, after which the node counts as down; check the node's "
                "load and the number of label values (--max-label-values)."};
    }
    return {CheckStatus::Pass, measured, {}};
}

Outcome freshSamples(CheckContext& context)
{
    const std::vector<const ScrapeTargetInfo*> engine = context.engineTargets();
    if (engine.empty())
        throw NotChecked("not checked, because there are no engine targets");
    const std::int64_t now = context.prometheusNowMs();
    std::vector<std::string> stale;
    std::vector<std::string> never;
    std::int64_t oldest = 0;
    for (const ScrapeTargetInfo* target : engine) {
        if (target->lastScrapeMs == 0) {
            never.push_back(instanceOf(*target));
            continue;
        }
        const std::int64_t age = std::max<std::int64_t>(0, now - target->lastScrapeMs);
        oldest = std::max(oldest, age);
        if (age > kStaleScrapeIntervals * std::max<std::int64_t>(target->scrapeIntervalMs, 1000))
            stale.push_back(instanceOf(*target) + " (" + promql::formatDuration(age) + " ago)");
    }
    if (!stale.empty()) {
        return {CheckStatus::Fail, "no recent scrape of " + listSome(stale),
                "Prometheus has stopped scraping these targets; check its log for scrape-loop errors and its "
                "load."};
    }
    if (!never.empty()) {
        return {CheckStatus::Warning, "not scraped yet: " + listSome(never),
                "Wait one scrape interval after adding a target, then run the validation again."};
    }
    return {CheckStatus::Pass, "oldest last scrape " + promql::formatDuration(oldest) + " ago", {}};
}

Outcome nodeExporter(CheckContext& context)
{
    context.requirePrometheus();
    const std::optional<double> count = context.prometheus.queryValue("count(node_cpu_seconds_total)");
    if (count)
        return {CheckStatus::Pass, formatNumber(*count) + " CPU series", {}};
    return {CheckStatus::Warning, "node_cpu_seconds_total is absent",
            "Run node_exporter on the engine hosts and scrape it (`export stack --node-exporter HOST:PORT`); "
            "without it HighCPUUsage, LowDiskSpace and NodeMemoryAvailableLow cannot fire."};
}

} // namespace

const std::vector<CheckEntry>& stackHealthChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::StackHealth, "stack.prometheus_reachable", "Prometheus responds", "HTTP 200 from /-/healthy"},
         prometheusReachable},
        {{Section::StackHealth, "stack.prometheus_ready", "Prometheus is ready", "HTTP 200 from /-/ready"},
         prometheusReady},
        {{Section::StackHealth, "stack.prometheus_config", "Prometheus configuration loaded",
          "the last reload succeeded"},
         prometheusConfig},
        {{Section::StackHealth, "stack.prometheus_storage", "Prometheus stores samples", "at least 1 series"},
         prometheusStorage},
        {{Section::StackHealth, "stack.alertmanager_configured", "Alertmanager configured in Prometheus",
          "at least 1 active Alertmanager"},
         alertmanagerConfigured},
        {{Section::StackHealth, "stack.alertmanager_ready", "Alertmanager is ready", "HTTP 200 from /-/ready"},
         alertmanagerReady},
    };
    return checks;
}

const std::vector<CheckEntry>& scrapeTargetChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::ScrapeTargets, "targets.engine_job", "Engine scrape job", "at least 1 target with job=\"unmogrowp\""},
         engineJob},
        {{Section::ScrapeTargets, "targets.engine_up", "Engine targets up", "every engine target up"}, engineUp},
        {{Section::ScrapeTargets, "targets.nodes_scraped", "Given nodes are scrape targets",
          "every --node among the engine targets"},
         nodesScraped},
        {{Section::ScrapeTargets, "targets.other_up", "Other targets up", "every other target up"}, otherTargetsUp},
        {{Section::ScrapeTargets, "targets.scrape_interval", "Engine scrape interval", "30 s or shorter"},
         scrapeInterval},
        {{Section::ScrapeTargets, "targets.scrape_duration", "Engine scrape duration",
          "under half the scrape timeout"},
         scrapeDuration},
        {{Section::ScrapeTargets, "targets.fresh_samples", "Engine targets scraped recently",
          "last scrape within 3 scrape intervals"},
         freshSamples},
        {{Section::ScrapeTargets, "targets.node_exporter", "Host metrics from node_exporter",
          "node_cpu_seconds_total present"},
         nodeExporter},
    };
    return checks;
}

} // namespace umg::validation::detail
