#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "net/httpclient.h"
#include "net/url.h"

namespace umg::validation {

using LabelMap = std::map<std::string, std::string>;

/// A request to Prometheus or another service that failed: no response, an
/// error status, or a body that is not the expected JSON. The message names
/// the URL and the cause.
class ApiError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One element of an instant query result; a scalar result is one sample
/// without labels.
struct QuerySample {
    LabelMap labels;
    double value = 0;
};

/// One active scrape target of /api/v1/targets.
struct ScrapeTargetInfo {
    LabelMap labels;         ///< target labels after relabelling (`job`, `instance`, ...)
    std::string scrapeUrl;
    std::string health;      ///< `up`, `down` or `unknown`
    std::string lastError;
    std::int64_t lastScrapeMs = 0;   ///< 0 before the first scrape
    double lastScrapeDurationSeconds = 0;
    std::int64_t scrapeIntervalMs = 0;
    std::int64_t scrapeTimeoutMs = 0;
};

/// One rule of /api/v1/rules.
struct RuleInfo {
    std::string group;
    std::string name;
    std::string type;   ///< `alerting` or `recording`
    std::string health; ///< `ok`, `err` or `unknown` (not evaluated yet)
    std::string lastError;
    LabelMap labels;
    LabelMap annotations;
};

struct RuleGroupInfo {
    std::string name;
    std::int64_t intervalMs = 0;
    std::int64_t lastEvaluationMs = 0; ///< 0 before the first evaluation
};

struct RulesInfo {
    std::vector<RuleGroupInfo> groups;
    std::vector<RuleInfo> rules;
};

/// One pending or firing alert of /api/v1/alerts.
struct ActiveAlertInfo {
    LabelMap labels;
    std::string state; ///< `pending` or `firing`
};

/// The parts of /api/v1/status/runtimeinfo that the checks read.
struct RuntimeInfo {
    bool reloadConfigSuccess = false;
    std::string storageRetention; ///< such as `15d`, or `15d or 10GiB`
};

/// A client for the parts of Prometheus's HTTP API v1 that the validation
/// uses, over an HttpClient. Every call blocks for one request. Throws
/// ApiError for a failed request or an unexpected response.
class PrometheusClient {
public:
    /// `baseUrl` is Prometheus's external URL, such as http://127.0.0.1:9090;
    /// a path prefix is kept. Throws std::invalid_argument for an invalid URL.
    PrometheusClient(HttpClient& http, const std::string& baseUrl, std::chrono::milliseconds timeout);

    /// GET of `path` (with query) below the base URL; the raw response.
    HttpResponse get(std::string_view path) const;

    /// Evaluates `expression` at Prometheus's current time.
    std::vector<QuerySample> query(std::string_view expression) const;
    /// The value of a query that returns at most one sample, or nullopt when
    /// it returns none.
    std::optional<double> queryValue(std::string_view expression) const;

    std::vector<ScrapeTargetInfo> activeTargets() const;
    RulesInfo rules() const;
    std::vector<ActiveAlertInfo> alerts() const;
    /// URLs of the active Alertmanagers, such as http://127.0.0.1:9093/api/v2/alerts.
    std::vector<std::string> alertmanagers() const;
    RuntimeInfo runtimeInfo() const;
    /// Prometheus's version from /api/v1/status/buildinfo.
    std::string version() const;
    /// Series in the head block, from /api/v1/status/tsdb.
    std::int64_t headSeries() const;

    const Url& baseUrl() const { return m_base; }

private:
    std::string fetchData(std::string_view path) const;

    HttpClient& m_http;
    Url m_base;
    std::chrono::milliseconds m_timeout;
};

} // namespace umg::validation
