#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <prometheus/collectable.h>

#include "alerts/alertdispatcher.h"
#include "alerts/catalogue.h"
#include "alerts/ruleevaluator.h"

namespace umg {

class HttpClient;

namespace alerts {

struct AlertServiceOptions {
    /// Alertmanager base URLs (such as http://127.0.0.1:9093); alerts are
    /// posted to `<url>/api/v2/alerts`. Empty evaluates without sending.
    std::vector<std::string> alertmanagerUrls;
    /// Time between two scrapes of the metrics, each followed by one
    /// evaluation of every rule, like Prometheus's scrape and evaluation
    /// intervals.
    std::chrono::milliseconds interval{15'000};
    /// Resend delay, retention of resolved alerts, external labels and
    /// generator URL of the alerts sent; evaluationInterval is set from `interval`.
    NotificationOptions notification;
    /// SQLite file of the metric history the rules are evaluated over.
    std::string historyPath;
    /// Labels of the `up` series recorded with every scrape, such as
    /// job="unmogrowp" and instance="10.0.0.5:8080" (see AlertService).
    promql::Labels upLabels;
    /// Limit of each request to an Alertmanager.
    std::chrono::milliseconds sendTimeout{10'000};
    /// Time between two compactions of the history.
    std::chrono::milliseconds compactionInterval{10 * 60'000};
};

/// Delivery statistics of one Alertmanager.
struct AlertmanagerDelivery {
    std::string url;
    std::uint64_t sentBatches = 0;
    std::uint64_t failedBatches = 0;
    std::uint64_t sentAlerts = 0;
    std::int64_t lastSuccessMs = 0; ///< 0 before the first success
    std::string lastError;          ///< empty after a success
};

/// State of the service after its latest evaluation.
struct AlertServiceStatus {
    bool running = false;
    std::int64_t intervalMs = 0;
    std::uint64_t evaluations = 0;
    std::int64_t lastEvaluationMs = 0; ///< 0 before the first evaluation
    std::vector<RuleStatus> rules;
    /// Pending and firing alerts with their rule's severity in `labels`.
    std::vector<Alert> activeAlerts;
    /// Alerts that resolved within the notification retention.
    std::vector<OutgoingAlert> resolvedAlerts;
    std::vector<AlertmanagerDelivery> alertmanagers;
    std::string historyError; ///< latest failure to scrape or read the history, empty if none
};

/// Native alerting for a process that hosts an engine: every interval it
/// scrapes `metrics` into a MetricHistory (with a HistoryRecorder), evaluates
/// the rules over that history with a RuleEvaluator, and sends firing and
/// resolved alerts to Alertmanager through an AlertDispatcher.
///
/// Each scrape also records the series `up` with `upLabels` and the value 1,
/// so that the rules built on Prometheus's `up` see this process as a target
/// that is up. EngineTargetMissing therefore stays quiet, and UptimeBelow99_9
/// reads the share of intervals in which the process ran. ServiceDown,
/// KafkaDown and ClickHouseDown cannot fire here, because a process cannot
/// record its own failed scrape, so they stay with Prometheus. Rules on
/// node_exporter series find no data and stay quiet.
///
/// start() and stop() are called from one thread; status() and statusJson()
/// from any thread. The collectable and the HTTP client must outlive stop().
class AlertService {
public:
    /// Opens the history at options.historyPath. Throws std::invalid_argument
    /// for an interval under 100 ms or an invalid Alertmanager URL, and
    /// StoreError when the history cannot be opened.
    AlertService(std::shared_ptr<prometheus::Collectable> metrics, std::vector<AlertRule> rules, HttpClient& http,
                 AlertServiceOptions options);
    /// Stops the thread.
    ~AlertService();
    AlertService(const AlertService&) = delete;
    AlertService& operator=(const AlertService&) = delete;

    /// Starts the thread, which runs a cycle at once and then every interval.
    void start();
    /// Stops the thread after the cycle in progress. Firing alerts are not
    /// resolved: Alertmanager resolves them at their endsAt unless another
    /// evaluator keeps them active.
    void stop();

    /// Runs one scrape, evaluation and send on the calling thread. For
    /// tests; do not call it while the thread runs.
    void runCycle();

    AlertServiceStatus status() const;

    /// Sets the labels of the `up` series and the external labels and
    /// generator URL of the alerts, for a host that learns its address
    /// only after it started listening. Call it before start().
    void setIdentity(const promql::Labels& upLabels, const promql::Labels& externalLabels,
                     const std::string& generatorUrl);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Renders `status` as the JSON of the node's `GET /v1/alerts`.
std::string renderAlertStatusJson(const AlertServiceStatus& status);

} // namespace alerts
} // namespace umg
