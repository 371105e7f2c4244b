#include "validation/checkcontext.h"

#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "metrics/metricsserver.h"
#include "stack/stackfiles.h"

namespace umg::validation::detail {
namespace {

constexpr std::int64_t kDefaultScrapeIntervalMs = 15'000;

// Prometheus lists each Alertmanager by the URL it posts alerts to.
std::string alertmanagerBase(const std::string& alertsUrl)
{
    for (std::string_view suffix : {"/api/v2/alerts", "/api/v1/alerts"}) {
        if (alertsUrl.size() >= suffix.size() && alertsUrl.compare(alertsUrl.size() - suffix.size(), suffix.size(),
                                                                   suffix) == 0)
            return alertsUrl.substr(0, alertsUrl.size() - suffix.size());
    }
    return alertsUrl;
}

// Reads configuration.metrics_listen from a node's /v1/status body. Returns
// "" when it is absent or names port 0, because then the bound port is unknown.
std::string metricsListenFromStatus(const std::string& body)
{
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    if (parser.parse(body).get(document) != simdjson::SUCCESS)
        return {};
    std::string_view address;
    if (document["configuration"]["metrics_listen"].get_string().get(address) != simdjson::SUCCESS)
        return {};
    std::string host;
    int port = 0;
    if (!splitHostPort(std::string(address), host, port) || port == 0)
        return {};
    return std::string(address);
}

// Returns the sample lines of `name` (exact name, followed by `{` or a space).
std::vector<std::string_view> sampleLines(std::string_view body, std::string_view name)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos)
            end = body.size();
        const std::string_view line = body.substr(start, end - start);
        if (line.size() > name.size() && line.compare(0, name.size(), name) == 0
            && (line[name.size()] == '{' || line[name.size()] == ' '))
            lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::optional<double> lineValue(std::string_view line)
{
    // The value follows the closing brace of the labels, or the name.
    std::size_t position = line.rfind('}');
    position = position == std::string_view::npos ? line.find(' ') : line.find(' ', position);
    if (position == std::string_view::npos)
        return std::nullopt;
    const std::string rest(line.substr(position + 1));
    char* end = nullptr;
    const double value = std::strtod(rest.c_str(), &end);
    if (end == rest.c_str())
        return std::nullopt;
    return value;
}

} // namespace

CheckContext::CheckContext(HttpClient& httpClient, const ValidationOptions& validationOptions)
    : http(httpClient)
    , options(validationOptions)
    , prometheus(httpClient, validationOptions.prometheusUrl, validationOptions.requestTimeout)
{
}

void CheckContext::requirePrometheus() const
{
    if (!prometheusResponded)
        throw NotChecked("not checked, because Prometheus did not respond");
}

const std::vector<ScrapeTargetInfo>& CheckContext::targets()
{
    requirePrometheus();
    if (!m_targets)
        m_targets = prometheus.activeTargets();
    return *m_targets;
}

std::vector<const ScrapeTargetInfo*> CheckContext::engineTargets()
{
    std::vector<const ScrapeTargetInfo*> engine;
    for (const ScrapeTargetInfo& target : targets()) {
        auto job = target.labels.find("job");
        if (job != target.labels.end() && job->second == stack::kEngineJob)
            engine.push_back(&target);
    }
    return engine;
}

const RulesInfo& CheckContext::rules()
{
    requirePrometheus();
    if (!m_rules)
        m_rules = prometheus.rules();
    return *m_rules;
}

const RuntimeInfo& CheckContext::runtime()
{
    requirePrometheus();
    if (!m_runtime)
        m_runtime = prometheus.runtimeInfo();
    return *m_runtime;
}

std::int64_t CheckContext::prometheusNowMs()
{
    requirePrometheus();
    const std::optional<double> seconds = prometheus.queryValue("time()");
    if (!seconds)
        throw ApiError("the query time() returned nothing");
    return static_cast<std::int64_t>(std::llround(*seconds * 1000));
}

std::int64_t CheckContext::engineScrapeIntervalMs()
{
    std::int64_t longest = 0;
    for (const ScrapeTargetInfo* target : engineTargets())
        longest = std::max(longest, target->scrapeIntervalMs);
    return longest > 0 ? longest : kDefaultScrapeIntervalMs;
}

const std::vector<std::string>& CheckContext::alertmanagerBaseUrls()
{
    if (m_alertmanagers)
        return *m_alertmanagers;
    std::vector<std::string> urls;
    if (!options.alertmanagerUrl.empty()) {
        urls.push_back(options.alertmanagerUrl);
    } else {
        requirePrometheus();
        for (const std::string& url : prometheus.alertmanagers())
            urls.push_back(alertmanagerBase(url));
    }
    for (std::string& url : urls) {
        while (!url.empty() && url.back() == '/')
            url.pop_back();
    }
    m_alertmanagers = std::move(urls);
    return *m_alertmanagers;
}

HttpResponse CheckContext::getFromNode(const std::string& url) const
{
    HttpRequest request;
    request.url = url;
    request.timeout = options.requestTimeout;
    if (!options.nodeToken.empty())
        request.headers.emplace_back("Authorization", "Bearer " + options.nodeToken);
    return http.send(request);
}

const std::vector<NodeProbe>& CheckContext::nodes()
{
    if (m_nodes)
        return *m_nodes;
    std::vector<NodeProbe> probes;
    for (const std::string& text : options.nodeUrls) {
        NodeProbe probe;
        probe.url = text;
        probe.parsed = *Url::parse(text); // runValidation() checked every node URL
        const bool isApiBase = probe.parsed.path == "/";
        const std::string metricsUrl = isApiBase ? probe.parsed.withPath("/metrics") : probe.parsed.toString();

        const HttpResponse metrics = getFromNode(metricsUrl);
        if (!metrics.error.empty()) {
            probe.problem = metrics.error;
        } else if (metrics.status != 200) {
            probe.problem = "HTTP status " + std::to_string(metrics.status) + " from " + metricsUrl
                + (metrics.status == 401 ? " (pass the node's token with --node-token-file)" : "");
        } else if (!hasMetric(metrics.body, "attribution_build_info")) {
            probe.problem = metricsUrl + " serves no attribution_build_info; it is not an UnMoGrowP node";
        } else {
            probe.reachable = true;
            probe.startTimeSeconds = findMetricValue(metrics.body, "process_start_time_seconds");
            probe.version = findLabelValue(metrics.body, "attribution_build_info", "version");
        }

        if (probe.reachable && isApiBase) {
            const HttpResponse status = getFromNode(probe.parsed.withPath("/v1/status"));
            if (status.succeeded())
                probe.metricsListen = metricsListenFromStatus(status.body);
        }
        probes.push_back(std::move(probe));
    }
    m_nodes = std::move(probes);
    return *m_nodes;
}

const ScrapeTargetInfo* CheckContext::targetOf(const NodeProbe& node)
{
    const std::vector<const ScrapeTargetInfo*> engine = engineTargets();
    for (const ScrapeTargetInfo* target : engine) {
        auto instance = target->labels.find("instance");
        if (instance == target->labels.end())
            continue;
        if (instance->second == node.parsed.hostPort()
            || (!node.metricsListen.empty() && instance->second == node.metricsListen))
            return target;
    }
    if (!node.startTimeSeconds)
        return nullptr;

    // A node behind another address (a proxy, a host name) is recognised by
    // its process start time, which Prometheus scraped from it.
    if (!m_startTimes)
        m_startTimes = prometheus.query("process_start_time_seconds{job=\"" + std::string(stack::kEngineJob) + "\"}");
    for (const QuerySample& sample : *m_startTimes) {
        if (std::fabs(sample.value - *node.startTimeSeconds) > 1e-3)
            continue;
        auto instance = sample.labels.find("instance");
        for (const ScrapeTargetInfo* target : engine) {
            auto targetInstance = target->labels.find("instance");
            if (instance != sample.labels.end() && targetInstance != target->labels.end()
                && targetInstance->second == instance->second)
                return target;
        }
    }
    return nullptr;
}

std::string formatNumber(double value, int decimals)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string digits(buffer);
    std::string sign;
    if (!digits.empty() && digits.front() == '-') {
        sign = "-";
        digits.erase(0, 1);
    }
    const std::size_t point = digits.find('.');
    const std::string whole = digits.substr(0, point);
    const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0)
            grouped += ',';
        grouped += whole[i];
    }
    return sign + grouped + fraction;
}

std::string listSome(const std::vector<std::string>& items, std::size_t shown)
{
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i) {
        if (i > 0)
            text += ", ";
        text += items[i];
    }
    if (items.size() > shown)
        text += " and " + std::to_string(items.size() - shown) + " more";
    return text;
}

std::optional<double> findMetricValue(std::string_view body, std::string_view name, std::string_view labelFilter)
{
    for (std::string_view line : sampleLines(body, name)) {
        if (!labelFilter.empty() && line.find(labelFilter) == std::string_view::npos)
            continue;
        if (auto value = lineValue(line))
            return value;
    }
    return std::nullopt;
}

std::string findLabelValue(std::string_view body, std::string_view name, std::string_view label)
{
    const std::string key = std::string(label) + "=\"";
    for (std::string_view line : sampleLines(body, name)) {
        const std::size_t start = line.find(key);
        if (start == std::string_view::npos)
            continue;
        const std::size_t valueStart = start + key.size();
        const std::size_t end = line.find('"', valueStart);
        if (end != std::string_view::npos)
            return std::string(line.substr(valueStart, end - valueStart));
    }
    return {};
}

bool hasMetric(std::string_view body, std::string_view name)
{
    if (!sampleLines(body, name).empty())
        return true;
    const std::string typeLine = "# TYPE " + std::string(name) + " ";
    return body.find(typeLine) != std::string_view::npos;
}

} // namespace umg::validation::detail
