#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "alerts/alertservice.h"
#include "node/httplibclient.h"

namespace umg {

class Engine;
class Router;

namespace node {

class Arguments;

/// Adds the options of `serve` that configure native alerting to `valued`
/// (options with a value) and returns the result.
std::set<std::string> withAlertingOptions(std::set<std::string> valued);
/// The switches of `serve` that configure native alerting.
std::set<std::string> alertingSwitches();

/// Native alerting of `unmogrowp-node serve`: the node evaluates the alert
/// rules over its own metrics (alerts::AlertService) and sends firing and
/// resolved alerts to the Alertmanagers of --alertmanager-url.
///
/// create() checks the options before the engine starts. start() opens the
/// history and starts evaluating once the API's address is known, because
/// that address becomes the alerts' `instance` label. statusJson() may be
/// called from any thread.
class ServeAlerting {
public:
    /// Returns nullptr unless --alertmanager-url, --evaluate-alerts or
    /// --alert-rules is given. Throws UsageError for invalid options and
    /// std::runtime_error when the rule file cannot be read.
    static std::unique_ptr<ServeAlerting> create(const Arguments& arguments);

    /// Starts evaluating over `engine`'s metrics. `apiAddress` is the bound
    /// HOST:PORT of the HTTP API. Throws StoreError when the history cannot
    /// be opened.
    void start(Engine& engine, const std::string& apiAddress, bool tls);
    /// Stops evaluating; call it before the engine stops.
    void stop();

    /// The JSON of `GET /v1/alerts`.
    std::string statusJson() const;

private:
    ServeAlerting() = default;

    std::vector<alerts::AlertRule> m_rules;
    alerts::AlertServiceOptions m_options;
    HttplibClient m_http;
    mutable std::mutex m_mutex; // guards m_service against statusJson() during start() and stop()
    std::unique_ptr<alerts::AlertService> m_service;
};

/// Registers `GET /v1/alerts` on `router`: the rule states, active and
/// recently resolved alerts and Alertmanager deliveries of `alerting`, or
/// `{"evaluating": false, ...}` when it is null or not started.
void registerAlertsRoute(Router& router, const ServeAlerting* alerting);

} // namespace node
} // namespace umg
