#include "validation/prometheusclient.h"

#include <simdjson.h>

#include <cstdlib>

#include "model/timestamp.h"
#include "promql/duration.h"

namespace umg::validation {
namespace {

std::string_view stringField(simdjson::dom::element object, std::string_view key)
{
    std::string_view text;
    if (object[key].get_string().get(text) != simdjson::SUCCESS)
        return {};
    return text;
}

LabelMap labelMap(simdjson::dom::element object, std::string_view key)
{
    LabelMap labels;
    simdjson::dom::object map;
    if (object[key].get_object().get(map) != simdjson::SUCCESS)
        return labels;
    for (auto field : map) {
        std::string_view value;
        if (field.value.get_string().get(value) == simdjson::SUCCESS)
            labels.emplace(std::string(field.key), std::string(value));
    }
    return labels;
}

double parseSampleValue(std::string_view text)
{
    const std::string copy(text);
    char* end = nullptr;
    const double value = std::strtod(copy.c_str(), &end);
    if (end == copy.c_str())
        throw ApiError("Prometheus returned the sample value \"" + copy + "\", which is not a number");
    return value;
}

std::int64_t timeField(simdjson::dom::element object, std::string_view key)
{
    const std::optional<std::int64_t> ms = parseRfc3339(stringField(object, key));
    // Prometheus writes Go's zero time (year 1) for "never".
    return ms && *ms > 0 ? *ms : 0;
}

std::int64_t durationField(simdjson::dom::element object, std::string_view key)
{
    return promql::parseDuration(stringField(object, key)).value_or(0);
}

// Parses a response of the form {"status": "success", "data": ...} and
// returns `data`. The parser must outlive the returned element.
simdjson::dom::element envelopeData(simdjson::dom::parser& parser, const std::string& body, const std::string& url)
{
    simdjson::dom::element document;
    if (parser.parse(body).get(document) != simdjson::SUCCESS)
        throw ApiError(url + " did not return JSON");
    const std::string_view status = stringField(document, "status");
    if (status != "success") {
        const std::string_view type = stringField(document, "errorType");
        const std::string_view message = stringField(document, "error");
        throw ApiError(url + " returned an error: " + std::string(type) + ": " + std::string(message));
    }
    simdjson::dom::element data;
    if (document["data"].get(data) != simdjson::SUCCESS)
        throw ApiError(url + " returned no data");
    return data;
}

} // namespace

PrometheusClient::PrometheusClient(HttpClient& http, const std::string& baseUrl, std::chrono::milliseconds timeout)
    : m_http(http), m_timeout(timeout)
{
    const std::optional<Url> url = Url::parse(baseUrl);
    if (!url)
        throw std::invalid_argument("invalid Prometheus URL \"" + baseUrl + "\"; use http://HOST:PORT");
    m_base = *url;
    while (!m_base.path.empty() && m_base.path.back() == '/')
        m_base.path.pop_back();
}

HttpResponse PrometheusClient::get(std::string_view path) const
{
    HttpRequest request;
    request.url = m_base.withPath(m_base.path + std::string(path));
    request.timeout = m_timeout;
    return m_http.send(request);
}

std::string PrometheusClient::fetchData(std::string_view path) const
{
    const std::string url = m_base.withPath(m_base.path + std::string(path));
    HttpResponse response = get(path);
    if (!response.error.empty())
        throw ApiError("no response from " + url + ": " + response.error);
    // Query errors come with status 400 or 422 and a JSON body that names them.
    if (response.status != 200 && response.body.find("\"errorType\"") == std::string::npos)
        throw ApiError(url + " returned HTTP status " + std::to_string(response.status));
    return std::move(response.body);
}

std::vector<QuerySample> PrometheusClient::query(std::string_view expression) const
{
    const std::string path = "/api/v1/query?query=" + encodeQueryValue(expression);
    const std::string body = fetchData(path);
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "the query " + std::string(expression));

    std::vector<QuerySample> samples;
    const std::string_view type = stringField(data, "resultType");
    simdjson::dom::array result;
    if (data["result"].get_array().get(result) != simdjson::SUCCESS)
        throw ApiError("the query " + std::string(expression) + " returned no result");
    if (type == "scalar") {
        std::string_view value;
        if (result.at(1).get_string().get(value) != simdjson::SUCCESS)
            throw ApiError("the query " + std::string(expression) + " returned a malformed scalar");
        samples.push_back({{}, parseSampleValue(value)});
        return samples;
    }
    if (type != "vector")
        throw ApiError("the query " + std::string(expression) + " returned a " + std::string(type)
                       + " instead of an instant vector");
    for (simdjson::dom::element item : result) {
        std::string_view value;
        if (item["value"].at(1).get_string().get(value) != simdjson::SUCCESS)
            throw ApiError("the query " + std::string(expression) + " returned a sample without a value");
        samples.push_back({labelMap(item, "metric"), parseSampleValue(value)});
    }
    return samples;
}

std::optional<double> PrometheusClient::queryValue(std::string_view expression) const
{
    const std::vector<QuerySample> samples = query(expression);
    if (samples.empty())
        return std::nullopt;
    if (samples.size() > 1)
        throw ApiError("the query " + std::string(expression) + " returned " + std::to_string(samples.size())
                       + " series where one was expected");
    return samples.front().value;
}

std::vector<ScrapeTargetInfo> PrometheusClient::activeTargets() const
{
    const std::string body = fetchData("/api/v1/targets?state=active");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/targets");
    std::vector<ScrapeTargetInfo> targets;
    simdjson::dom::array active;
    if (data["activeTargets"].get_array().get(active) != simdjson::SUCCESS)
        return targets;
    for (simdjson::dom::element item : active) {
        ScrapeTargetInfo target;
        target.labels = labelMap(item, "labels");
        target.scrapeUrl = stringField(item, "scrapeUrl");
        target.health = stringField(item, "health");
        target.lastError = stringField(item, "lastError");
        target.lastScrapeMs = timeField(item, "lastScrape");
        double duration = 0;
        if (item["lastScrapeDuration"].get_double().get(duration) == simdjson::SUCCESS)
            target.lastScrapeDurationSeconds = duration;
        target.scrapeIntervalMs = durationField(item, "scrapeInterval");
        target.scrapeTimeoutMs = durationField(item, "scrapeTimeout");
        targets.push_back(std::move(target));
    }
    return targets;
}

RulesInfo PrometheusClient::rules() const
{
    const std::string body = fetchData("/api/v1/rules");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/rules");
    RulesInfo info;
    simdjson::dom::array groups;
    if (data["groups"].get_array().get(groups) != simdjson::SUCCESS)
        return info;
    for (simdjson::dom::element group : groups) {
        RuleGroupInfo groupInfo;
        groupInfo.name = stringField(group, "name");
        double intervalSeconds = 0;
        if (group["interval"].get_double().get(intervalSeconds) == simdjson::SUCCESS)
            groupInfo.intervalMs = static_cast<std::int64_t>(intervalSeconds * 1000);
        groupInfo.lastEvaluationMs = timeField(group, "lastEvaluation");
        info.groups.push_back(groupInfo);

        simdjson::dom::array rules;
        if (group["rules"].get_array().get(rules) != simdjson::SUCCESS)
            continue;
        for (simdjson::dom::element rule : rules) {
            RuleInfo ruleInfo;
            ruleInfo.group = groupInfo.name;
            ruleInfo.name = stringField(rule, "name");
            ruleInfo.type = stringField(rule, "type");
            ruleInfo.health = stringField(rule, "health");
            ruleInfo.lastError = stringField(rule, "lastError");
            ruleInfo.labels = labelMap(rule, "labels");
            ruleInfo.annotations = labelMap(rule, "annotations");
            info.rules.push_back(std::move(ruleInfo));
        }
    }
    return info;
}

std::vector<ActiveAlertInfo> PrometheusClient::alerts() const
{
    const std::string body = fetchData("/api/v1/alerts");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/alerts");
    std::vector<ActiveAlertInfo> alerts;
    simdjson::dom::array items;
    if (data["alerts"].get_array().get(items) != simdjson::SUCCESS)
        return alerts;
    for (simdjson::dom::element item : items)
        alerts.push_back({labelMap(item, "labels"), std::string(stringField(item, "state"))});
    return alerts;
}

std::vector<std::string> PrometheusClient::alertmanagers() const
{
    const std::string body = fetchData("/api/v1/alertmanagers");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/alertmanagers");
    std::vector<std::string> urls;
    simdjson::dom::array items;
    if (data["activeAlertmanagers"].get_array().get(items) != simdjson::SUCCESS)
        return urls;
    for (simdjson::dom::element item : items)
        urls.emplace_back(stringField(item, "url"));
    return urls;
}

RuntimeInfo PrometheusClient::runtimeInfo() const
{
    const std::string body = fetchData("/api/v1/status/runtimeinfo");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/status/runtimeinfo");
    RuntimeInfo info;
    bool success = false;
    if (data["reloadConfigSuccess"].get_bool().get(success) == simdjson::SUCCESS)
        info.reloadConfigSuccess = success;
    info.storageRetention = stringField(data, "storageRetention");
    return info;
}

std::string PrometheusClient::version() const
{
    const std::string body = fetchData("/api/v1/status/buildinfo");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/status/buildinfo");
    return std::string(stringField(data, "version"));
}

std::int64_t PrometheusClient::headSeries() const
{
    const std::string body = fetchData("/api/v1/status/tsdb");
    simdjson::dom::parser parser;
    const simdjson::dom::element data = envelopeData(parser, body, "/api/v1/status/tsdb");
    std::int64_t series = 0;
    if (data["headStats"]["numSeries"].get_int64().get(series) != simdjson::SUCCESS)
        throw ApiError("/api/v1/status/tsdb returned no head statistics");
    return series;
}

} // namespace umg::validation
