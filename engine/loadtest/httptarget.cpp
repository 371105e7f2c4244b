#include "loadtest/httptarget.h"

#include <httplib.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "loadgen/generator.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kConnectTimeout = std::chrono::seconds(5);
// Longer than the node's default acknowledgement timeout (10 s), so that a
// slow commit comes back as the node's 503 rather than as a client timeout.
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr auto kFirstPause = std::chrono::milliseconds(100);
constexpr auto kLongestPause = std::chrono::milliseconds(2000);
constexpr auto kFinishPollInterval = std::chrono::milliseconds(200);

log::RateLimiter s_retryLog;

httplib::Headers authorization(const std::string& token)
{
    httplib::Headers headers;
    if (!token.empty())
        headers.emplace("Authorization", "Bearer " + token);
    return headers;
}

// Seconds of a `Retry-After: N` header; 1 when it is missing or not a
// small whole number.
std::chrono::milliseconds retryAfter(const httplib::Response& response)
{
    const std::string text = response.get_header_value("Retry-After");
    int seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 0 || seconds > 60)
        seconds = 1;
    return std::chrono::seconds(seconds);
}

// The `error` text of a node's error document, or the start of the body.
std::string errorText(const std::string& body)
{
    simdjson::dom::parser parser;
    std::string_view text;
    simdjson::dom::element root;
    if (!parser.parse(simdjson::padded_string(body)).get(root) && !root["error"].get_string().get(text))
        return std::string(text);
    return body.substr(0, 200);
}

std::int64_t integerAt(simdjson::dom::element object, std::string_view key)
{
    std::int64_t value = 0;
    if (object[key].get_int64().get(value))
        return 0;
    return value;
}

double numberAt(simdjson::dom::element object, std::string_view key)
{
    double value = 0;
    if (object[key].get_double().get(value))
        return 0;
    return value;
}

// Parses `text` as a sample value, which may be `+Inf`, `NaN` or use
// an exponent.
bool parseSampleValue(std::string_view text, double& value)
{
    if (text == "+Inf" || text == "Inf") {
        value = HUGE_VAL;
        return true;
    }
    const std::string copy(text);
    char* end = nullptr;
    value = std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size() && !copy.empty();
}

} // namespace

HttpTarget::HttpTarget(std::string endpoint, std::string token, unsigned connections)
    : m_endpoint(std::move(endpoint))
    , m_token(std::move(token))
{
    for (unsigned i = 0; i < std::max(1u, connections); ++i)
        m_pool.push_back(makeClient());
    m_reader = makeClient();
}

HttpTarget::~HttpTarget() = default;

std::unique_ptr<httplib::Client> HttpTarget::makeClient() const
{
    auto client = std::make_unique<httplib::Client>(m_endpoint);
    client->set_keep_alive(true);
    client->set_connection_timeout(kConnectTimeout);
    client->set_read_timeout(kRequestTimeout);
    client->set_write_timeout(kRequestTimeout);
    client->set_follow_location(false);
    return client;
}

std::unique_ptr<httplib::Client> HttpTarget::borrowClient()
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            auto client = std::move(m_pool.back());
            m_pool.pop_back();
            return client;
        }
    }
    // More senders than connections: the extra one gets its own client.
    return makeClient();
}

void HttpTarget::returnClient(std::unique_ptr<httplib::Client> client)
{
    std::lock_guard lock(m_poolMutex);
    m_pool.push_back(std::move(client));
}

std::string HttpTarget::describe() const
{
    return "node at " + m_endpoint + (m_token.empty() ? "" : " (with a bearer token)");
}

void HttpTarget::open()
{
    if (!m_reader->is_valid())
        throw std::runtime_error("cannot create an HTTP client for " + m_endpoint + "; check the address");
    const httplib::Result health = m_reader->Get("/healthz");
    if (!health) {
        throw std::runtime_error("cannot reach the node at " + m_endpoint + ": " + httplib::to_string(health.error())
                                 + "; check that `unmogrowp-node serve` runs there");
    }
    if (health->status != 200) {
        throw std::runtime_error("the node at " + m_endpoint + " is not ready (GET /healthz responded with "
                                 + std::to_string(health->status) + ": " + health->body.substr(0, 200)
                                 + "); wait until it reports ok");
    }
    const httplib::Result status = m_reader->Get("/v1/status", authorization(m_token));
    if (!status)
        throw std::runtime_error("cannot read /v1/status of " + m_endpoint + ": " + httplib::to_string(status.error()));
    if (status->status == 401) {
        throw std::runtime_error("the node at " + m_endpoint
                                 + " rejected the request for a missing or invalid token (401); pass its token file "
                                   "with --token-file");
    }
    if (status->status != 200) {
        throw std::runtime_error("GET /v1/status of " + m_endpoint + " responded with " + std::to_string(status->status)
                                 + ": " + errorText(status->body));
    }
}

SendOutcome HttpTarget::send(const EventBatch& batch, Clock::time_point deadline)
{
    SendOutcome outcome;
    thread_local std::string body;
    body.clear();
    for (const EventRecord& event : batch.events())
        appendNdjson(batch, event, body);

    std::unique_ptr<httplib::Client> client = borrowClient();
    const httplib::Headers headers = authorization(m_token);
    auto pause = kFirstPause;
    for (int attempt = 0;; ++attempt) {
        if (attempt > 0)
            outcome.retries += 1;
        const httplib::Result result = client->Post("/v1/events", headers, body, "application/x-ndjson");

        std::chrono::milliseconds wait = pause;
        std::string problem;
        if (!result) {
            problem = httplib::to_string(result.error());
            pause = std::min(pause * 2, kLongestPause);
        } else if (result->status == 200) {
            simdjson::dom::parser parser;
            simdjson::dom::element root;
            if (parser.parse(simdjson::padded_string(result->body)).get(root)) {
                outcome.failed = batch.size();
                outcome.fatalError = "the node at " + m_endpoint + " responded with 200 and a body that is not JSON";
                break;
            }
            outcome.accepted = static_cast<std::uint64_t>(integerAt(root, "accepted"));
            outcome.duplicates = static_cast<std::uint64_t>(integerAt(root, "duplicates"));
            outcome.rejected = static_cast<std::uint64_t>(integerAt(root, "rejected"));
            break;
        } else if (result->status == 503) {
            // Either the queues were full (nothing taken) or the commit was
            // slow (taken, maybe not durable). In both cases the same batch
            // is sent again.
            outcome.busyResponses += 1;
            wait = retryAfter(*result);
            problem = "503 " + errorText(result->body);
        } else if (result->status == 408 || result->status >= 500) {
            problem = std::to_string(result->status) + " " + errorText(result->body);
            pause = std::min(pause * 2, kLongestPause);
        } else {
            outcome.failed = batch.size();
            if (result->status == 401) {
                outcome.fatalError = "the node at " + m_endpoint
                    + " rejected the token (401); pass its token file with --token-file";
            } else if (result->status == 413) {
                outcome.fatalError = "the node at " + m_endpoint
                    + " rejected a request as too large (413); lower batch_size or raise the node's --max-body-bytes";
            } else {
                outcome.fatalError = "the node at " + m_endpoint + " rejected a batch with "
                    + std::to_string(result->status) + ": " + errorText(result->body);
            }
            break;
        }

        if (Clock::now() + wait > deadline) {
            outcome.failed = batch.size();
            log::warning("loadtest", "giving up a batch after retries", {{"target", m_endpoint},
                                                                           {"attempts", attempt + 1},
                                                                           {"last_problem", problem},
                                                                           {"events", batch.size()}});
            break;
        }
        if (s_retryLog.allow()) {
            log::debug("loadtest", "sending a batch again", {{"target", m_endpoint}, {"problem", problem},
                                                             {"occurrences", s_retryLog.count()}});
        }
        std::this_thread::sleep_for(wait);
    }
    returnClient(std::move(client));
    return outcome;
}

TargetReading HttpTarget::read()
{
    TargetReading reading;
    const httplib::Headers headers = authorization(m_token);
    const httplib::Result snapshot = m_reader->Get("/v1/snapshot?range=5m", headers);
    if (!snapshot) {
        reading.error = "GET /v1/snapshot failed: " + httplib::to_string(snapshot.error());
        return reading;
    }
    if (snapshot->status != 200) {
        reading.error = "GET /v1/snapshot responded with " + std::to_string(snapshot->status) + ": "
            + errorText(snapshot->body);
        return reading;
    }
    if (!readSnapshotJson(snapshot->body, reading))
        return reading;

    const httplib::Result metrics = m_reader->Get("/metrics", headers);
    if (metrics && metrics->status == 200)
        readMetricsText(metrics->body, reading);
    reading.available = true;
    return reading;
}

bool HttpTarget::finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const TargetReading reading = read();
        if (reading.available && reading.eventsProcessed >= processedAtLeast)
            return true;
        if (Clock::now() + kFinishPollInterval > deadline)
            return false;
        std::this_thread::sleep_for(kFinishPollInterval);
    }
}

bool readSnapshotJson(std::string_view body, TargetReading& reading)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::element counters;
    if (parser.parse(simdjson::padded_string(body)).get(root) || root["counters"].get(counters)) {
        reading.error = "GET /v1/snapshot did not return a snapshot document";
        return false;
    }
    reading.eventsProcessed = static_cast<std::uint64_t>(integerAt(counters, "events_processed"));
    reading.eventsAccepted = integerAt(counters, "events_accepted");
    reading.eventsDuplicate = integerAt(counters, "events_duplicate");
    reading.eventsRejected = integerAt(counters, "events_rejected");
    reading.installs = integerAt(counters, "installs");
    reading.referenceInstalls = integerAt(counters, "reference_installs");
    reading.referenceAgreements = integerAt(counters, "reference_agreements");
    reading.trackedDevices = integerAt(counters, "tracked_devices");
    reading.backpressureWaits = static_cast<std::uint64_t>(integerAt(counters, "backpressure_waits"));
    reading.busyRejections = static_cast<std::uint64_t>(integerAt(counters, "busy_rejections"));

    simdjson::dom::element latency;
    if (!root["latency_ms"].get(latency)) {
        LatencySummary& summary = reading.latencySinceStart;
        summary.p50 = numberAt(latency, "p50");
        summary.p75 = numberAt(latency, "p75");
        summary.p90 = numberAt(latency, "p90");
        summary.p95 = numberAt(latency, "p95");
        summary.p99 = numberAt(latency, "p99");
        summary.max = numberAt(latency, "max");
        summary.mean = numberAt(latency, "mean");
        summary.count = static_cast<std::uint64_t>(integerAt(latency, "count"));
    }
    simdjson::dom::element queues;
    if (!root["queues"].get(queues)) {
        reading.queueDepth = static_cast<std::uint64_t>(integerAt(queues, "depth"));
        reading.queueCapacity = static_cast<std::uint64_t>(integerAt(queues, "capacity"));
    }
    std::int64_t resident = 0;
    if (!root["resident_bytes"].get_int64().get(resident) && resident > 0) {
        reading.hasProcess = true;
        reading.residentBytes = resident;
    }
    return true;
}

void readMetricsText(std::string_view body, TargetReading& reading)
{
    static constexpr std::string_view kBucket = "attribution_event_processing_duration_seconds_bucket{";
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> cumulative{};
    bool haveBuckets = false;

    std::size_t start = 0;
    while (start < body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos)
            end = body.size();
        const std::string_view line = body.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line.front() == '#')
            continue;
        const std::size_t space = line.rfind(' ');
        if (space == std::string_view::npos)
            continue;
        double value = 0;
        if (!parseSampleValue(line.substr(space + 1), value))
            continue;
        const std::string_view series = line.substr(0, space);

        if (series.rfind(kBucket, 0) == 0) {
            const std::size_t le = series.find("le=\"");
            const std::size_t close = le == std::string_view::npos ? le : series.find('"', le + 4);
            double bound = 0;
            if (close == std::string_view::npos || !parseSampleValue(series.substr(le + 4, close - le - 4), bound))
                continue;
            // Bounds are matched within a relative 1e-9, because the exporter
            // may print them with a different number of digits.
            for (std::size_t i = 0; i < cumulative.size(); ++i) {
                const bool infinite = i + 1 == cumulative.size();
                const bool matches = infinite ? std::isinf(bound)
                                              : std::abs(bound - EngineMetrics::kLatencyBounds[i])
                                                    <= 1e-9 * EngineMetrics::kLatencyBounds[i];
                if (matches) {
                    cumulative[i] = static_cast<std::uint64_t>(value);
                    haveBuckets = true;
                }
            }
        } else if (series == "process_cpu_seconds_total") {
            reading.cpuSeconds = value;
            reading.hasProcess = true;
        } else if (series == "process_resident_memory_bytes") {
            reading.residentBytes = static_cast<std::int64_t>(value);
            reading.hasProcess = true;
        }
    }
    if (!haveBuckets)
        return;
    std::uint64_t below = 0;
    for (std::size_t i = 0; i < cumulative.size(); ++i) {
        const std::uint64_t total = std::max(cumulative[i], below);
        reading.latencyBuckets[i] = total - below;
        below = total;
    }
}

} // namespace umg
