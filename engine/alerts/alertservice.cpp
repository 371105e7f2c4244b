#include "alerts/alertservice.h"

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <prometheus/metric_family.h>

#include "history/historyrecorder.h"
#include "history/metrichistory.h"
#include "model/timestamp.h"
#include "net/httpclient.h"
#include "net/url.h"
#include "util/jsonwriter.h"
#include "util/log.h"

namespace umg::alerts {
namespace {

constexpr std::string_view kLogCategory = "alerts";
constexpr std::int64_t kMinimumIntervalMs = 100;
// Maximum number of bytes of an Alertmanager error response quoted in the log.
constexpr std::size_t kQuotedBodyBytes = 200;

// The series `up` with fixed labels and the value 1.
class UpCollectable final : public prometheus::Collectable {
public:
    void setLabels(const promql::Labels& labels)
    {
        std::lock_guard lock(m_mutex);
        m_labels = labels;
    }

    std::vector<prometheus::MetricFamily> Collect() const override
    {
        prometheus::MetricFamily family;
        family.name = "up";
        family.help = "1 while the process runs; recorded for the rules that use Prometheus's up series";
        family.type = prometheus::MetricType::Gauge;
        prometheus::ClientMetric metric;
        {
            std::lock_guard lock(m_mutex);
            for (const promql::Label& label : m_labels)
                metric.label.push_back({label.name, label.value});
        }
        metric.gauge.value = 1;
        family.metric.push_back(std::move(metric));
        return {family};
    }

private:
    mutable std::mutex m_mutex;
    promql::Labels m_labels;
};

MetricHistoryOptions historyOptions(const AlertServiceOptions& options)
{
    MetricHistoryOptions history;
    history.scrapeIntervalMs = options.interval.count();
    return history;
}

std::vector<std::string> alertsEndpoints(const std::vector<std::string>& urls)
{
    std::vector<std::string> endpoints;
    for (const std::string& text : urls) {
        const std::optional<Url> url = Url::parse(text);
        if (!url || url->path.find('?') != std::string::npos)
            throw std::invalid_argument("invalid Alertmanager URL \"" + text + "\"; use http://HOST:PORT");
        std::string path = url->path;
        while (!path.empty() && path.back() == '/')
            path.pop_back();
        endpoints.push_back(url->withPath(path + "/api/v2/alerts"));
    }
    return endpoints;
}

void logChange(const AlertStateChange& change)
{
    const std::string labels = change.labels.toString();
    if (change.newState == AlertState::Firing)
        log::info(kLogCategory, "alert firing", {{"rule", change.ruleName}, {"labels", labels}});
    else if (change.previousState == AlertState::Firing)
        log::info(kLogCategory, "alert resolved", {{"rule", change.ruleName}, {"labels", labels}});
    else
        log::debug(kLogCategory, "alert state changed",
                   {{"rule", change.ruleName}, {"labels", labels}, {"state", alertStateName(change.newState)}});
}

void writeLabels(JsonWriter& json, std::string_view key, const promql::Labels& labels)
{
    json.key(key).beginObject();
    for (const promql::Label& label : labels)
        json.field(label.name, label.value);
    json.endObject();
}

void writeTime(JsonWriter& json, std::string_view key, std::int64_t ms)
{
    json.key(key);
    if (ms > 0)
        json.value(formatRfc3339(ms));
    else
        json.null();
}

} // namespace

struct AlertService::Private {
    Private(std::shared_ptr<prometheus::Collectable> m, std::vector<AlertRule> rules, HttpClient& client,
            AlertServiceOptions o)
        : metrics(std::move(m))
        , up(std::make_shared<UpCollectable>())
        , http(client)
        , options(std::move(o))
        , endpoints(alertsEndpoints(options.alertmanagerUrls))
        , history(options.historyPath, historyOptions(options))
        , recorder(history, {metrics, up}, HistoryRecorderOptions{options.interval, options.compactionInterval, "local"})
        , evaluator(std::move(rules))
        , dispatcher(options.notification)
    {
        up->setLabels(options.upLabels);
        for (const std::string& url : options.alertmanagerUrls)
            deliveries.push_back(AlertmanagerDelivery{url, 0, 0, 0, 0, {}});
    }

    void cycle();
    void send(const std::vector<OutgoingAlert>& due, std::int64_t timeMs);
    void run();

    std::shared_ptr<prometheus::Collectable> metrics;
    std::shared_ptr<UpCollectable> up;
    HttpClient& http;
    AlertServiceOptions options;
    std::vector<std::string> endpoints;
    MetricHistory history;
    HistoryRecorder recorder;
    log::RateLimiter historyWarnings{5, 100};
    log::RateLimiter sendWarnings{5, 100};

    // Guards the evaluator, the dispatcher and the status fields below.
    mutable std::mutex stateMutex;
    RuleEvaluator evaluator;
    AlertDispatcher dispatcher;
    std::vector<AlertmanagerDelivery> deliveries;
    std::uint64_t evaluations = 0;
    std::int64_t lastEvaluationMs = 0;
    std::int64_t lastCompactionMs = 0;
    std::string historyError;

    std::mutex controlMutex;
    std::condition_variable wake;
    bool stopRequested = false;
    bool running = false;
    std::thread thread;
};

void AlertService::Private::cycle()
{
    std::string scrapeError;
    try {
        recorder.scrapeOnce();
    } catch (const std::exception& error) {
        scrapeError = error.what();
        if (historyWarnings.allow())
            log::warning(kLogCategory, "recording the metrics for alert evaluation failed",
                         {{"error", scrapeError}, {"occurrences", historyWarnings.count()}});
    }

    const std::int64_t now = history.nowMs();
    std::vector<OutgoingAlert> due;
    {
        std::lock_guard lock(stateMutex);
        for (const AlertStateChange& change : evaluator.evaluate(history, now))
            logChange(change);
        due = dispatcher.update(evaluator.firingAlerts(), now);
        ++evaluations;
        lastEvaluationMs = now;
        historyError = scrapeError;
    }
    if (!due.empty() && !endpoints.empty())
        send(due, now);

    if (now - lastCompactionMs >= options.compactionInterval.count()) {
        lastCompactionMs = now;
        try {
            history.compact();
        } catch (const std::exception& error) {
            if (historyWarnings.allow())
                log::warning(kLogCategory, "compacting the alert history failed", {{"error", error.what()}});
        }
    }
}

void AlertService::Private::send(const std::vector<OutgoingAlert>& due, std::int64_t timeMs)
{
    const std::string body = renderAlertmanagerPayload(due);
    bool delivered = false;
    for (std::size_t i = 0; i < endpoints.size(); ++i) {
        HttpRequest request;
        request.method = "POST";
        request.url = endpoints[i];
        request.body = body;
        request.contentType = "application/json";
        request.timeout = options.sendTimeout;
        const HttpResponse response = http.send(request);

        std::string problem;
        if (!response.error.empty())
            problem = response.error;
        else if (!response.succeeded())
            problem = "HTTP status " + std::to_string(response.status) + ": "
                + response.body.substr(0, kQuotedBodyBytes);
        if (problem.empty())
            delivered = true;
        else if (sendWarnings.allow())
            log::warning(kLogCategory, "sending alerts to Alertmanager failed; they are sent again next interval",
                         {{"url", endpoints[i]}, {"alerts", due.size()}, {"error", problem},
                          {"occurrences", sendWarnings.count()}});

        std::lock_guard lock(stateMutex);
        AlertmanagerDelivery& delivery = deliveries[i];
        if (problem.empty()) {
            ++delivery.sentBatches;
            delivery.sentAlerts += due.size();
            delivery.lastSuccessMs = timeMs;
            delivery.lastError.clear();
        } else {
            ++delivery.failedBatches;
            delivery.lastError = problem;
        }
    }
    // Like Prometheus, one Alertmanager that took the alerts is enough.
    if (delivered) {
        std::lock_guard lock(stateMutex);
        dispatcher.markSent(due, timeMs);
    }
}

void AlertService::Private::run()
{
    auto next = std::chrono::steady_clock::now();
    std::unique_lock lock(controlMutex);
    while (!stopRequested) {
        lock.unlock();
        cycle();
        lock.lock();
        next += options.interval;
        const auto now = std::chrono::steady_clock::now();
        if (next < now)
            next = now; // a slow cycle delays the next one instead of bunching them up
        wake.wait_until(lock, next, [this] { return stopRequested; });
    }
}

AlertService::AlertService(std::shared_ptr<prometheus::Collectable> metrics, std::vector<AlertRule> rules,
                           HttpClient& http, AlertServiceOptions options)
{
    if (!metrics)
        throw std::invalid_argument("the alert service needs a metrics collectable");
    if (options.interval.count() < kMinimumIntervalMs)
        throw std::invalid_argument("the alert evaluation interval is " + std::to_string(options.interval.count())
                                    + " ms; use 100 ms or more");
    options.notification.evaluationInterval = options.interval;
    d = std::make_unique<Private>(std::move(metrics), std::move(rules), http, std::move(options));
}

AlertService::~AlertService()
{
    stop();
}

void AlertService::start()
{
    std::lock_guard lock(d->controlMutex);
    if (d->running)
        return;
    d->stopRequested = false;
    d->running = true;
    d->thread = std::thread([this] { d->run(); });
    log::info(kLogCategory, "evaluating alert rules",
              {{"rules", d->evaluator.rules().size()}, {"interval_ms", d->options.interval.count()},
               {"alertmanagers", d->endpoints.size()}, {"history", d->options.historyPath}});
}

void AlertService::stop()
{
    {
        std::lock_guard lock(d->controlMutex);
        if (!d->running)
            return;
        d->stopRequested = true;
    }
    d->wake.notify_all();
    d->thread.join();
    std::lock_guard lock(d->controlMutex);
    d->running = false;
    log::info(kLogCategory, "stopped evaluating alert rules", {{"evaluations", d->evaluations}});
}

void AlertService::runCycle()
{
    d->cycle();
}

void AlertService::setIdentity(const promql::Labels& upLabels, const promql::Labels& externalLabels,
                               const std::string& generatorUrl)
{
    d->up->setLabels(upLabels);
    NotificationOptions notification = d->options.notification;
    notification.externalLabels = externalLabels;
    notification.generatorUrl = generatorUrl;
    std::lock_guard lock(d->stateMutex);
    d->options.notification = notification;
    d->dispatcher = AlertDispatcher(notification);
}

AlertServiceStatus AlertService::status() const
{
    AlertServiceStatus status;
    {
        std::lock_guard lock(d->controlMutex);
        status.running = d->running;
    }
    std::lock_guard lock(d->stateMutex);
    status.intervalMs = d->options.interval.count();
    status.evaluations = d->evaluations;
    status.lastEvaluationMs = d->lastEvaluationMs;
    status.rules = d->evaluator.ruleStatuses();
    status.activeAlerts = d->evaluator.activeAlerts();
    status.resolvedAlerts = d->dispatcher.recentlyResolved();
    status.alertmanagers = d->deliveries;
    status.historyError = d->historyError;
    return status;
}

std::string renderAlertStatusJson(const AlertServiceStatus& status)
{
    JsonWriter json;
    json.beginObject();
    json.field("evaluating", status.running);
    json.field("interval_ms", status.intervalMs);
    json.field("evaluations", status.evaluations);
    writeTime(json, "last_evaluation", status.lastEvaluationMs);
    json.field("history_error", status.historyError);

    std::size_t firing = 0;
    for (const Alert& alert : status.activeAlerts)
        firing += alert.state == AlertState::Firing ? 1 : 0;
    json.key("summary").beginObject();
    json.field("rules", static_cast<std::uint64_t>(status.rules.size()));
    json.field("pending", static_cast<std::uint64_t>(status.activeAlerts.size() - firing));
    json.field("firing", static_cast<std::uint64_t>(firing));
    json.field("resolved_recently", static_cast<std::uint64_t>(status.resolvedAlerts.size()));
    json.endObject();

    json.key("alerts").beginArray();
    for (const Alert& alert : status.activeAlerts) {
        json.beginObject();
        json.field("rule", alert.ruleName);
        json.field("state", alertStateName(alert.state));
        writeLabels(json, "labels", alert.labels);
        writeLabels(json, "annotations", alert.annotations);
        writeTime(json, "active_at", alert.activeAtMs);
        writeTime(json, "fired_at", alert.firedAtMs);
        json.field("value", alert.value);
        json.endObject();
    }
    json.endArray();

    json.key("resolved").beginArray();
    for (const OutgoingAlert& alert : status.resolvedAlerts) {
        json.beginObject();
        json.field("rule", alert.labels.get("alertname"));
        writeLabels(json, "labels", alert.labels);
        writeTime(json, "active_at", alert.startsAtMs);
        writeTime(json, "resolved_at", alert.endsAtMs);
        json.endObject();
    }
    json.endArray();

    json.key("rules").beginArray();
    for (const RuleStatus& rule : status.rules) {
        json.beginObject();
        json.field("name", rule.ruleName);
        json.field("group", rule.group);
        json.field("health", rule.healthy ? "ok" : "err");
        json.field("last_error", rule.lastError);
        json.field("pending", static_cast<std::uint64_t>(rule.pendingCount));
        json.field("firing", static_cast<std::uint64_t>(rule.firingCount));
        json.endObject();
    }
    json.endArray();

    json.key("alertmanagers").beginArray();
    for (const AlertmanagerDelivery& delivery : status.alertmanagers) {
        json.beginObject();
        json.field("url", delivery.url);
        json.field("sent_batches", delivery.sentBatches);
        json.field("failed_batches", delivery.failedBatches);
        json.field("sent_alerts", delivery.sentAlerts);
        writeTime(json, "last_success", delivery.lastSuccessMs);
        json.field("last_error", delivery.lastError);
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.str();
}

} // namespace umg::alerts
