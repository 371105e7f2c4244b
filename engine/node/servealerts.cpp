#include "node/servealerts.h"

#include <httplib.h>

#include "alerts/catalogue.h"
#include "alerts/rulefilereader.h"
#include "alerts/thresholds.h"
#include "metrics/enginemetrics.h"
#include "net/url.h"
#include "node/arguments.h"
#include "runtime/engine.h"
#include "server/responses.h"
#include "server/router.h"
#include "stack/stackfiles.h"
#include "util/jsonwriter.h"

namespace umg::node {
namespace {

std::string disabledJson()
{
    JsonWriter json;
    json.beginObject();
    json.field("evaluating", false);
    json.field("reason", "the node evaluates the alert rules only when started with --alertmanager-url URL, "
                         "--evaluate-alerts or --alert-rules FILE");
    json.endObject();
    return json.str();
}

std::vector<alerts::AlertRule> rulesFrom(const Arguments& arguments)
{
    const bool customizesCatalogue = arguments.has("--threshold") || arguments.has("--thresholds-file")
        || arguments.has("--runbook-base-url");
    if (auto file = arguments.value("--alert-rules")) {
        if (customizesCatalogue)
            throw UsageError("--threshold, --thresholds-file and --runbook-base-url apply to the built-in rules; "
                             "leave them out with --alert-rules, whose file sets its own thresholds");
        try {
            return alerts::loadRuleFileJson(*file);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
    }
    alerts::Thresholds thresholds;
    alerts::CatalogueOptions catalogueOptions;
    try {
        if (auto file = arguments.value("--thresholds-file"))
            thresholds.loadFile(*file);
        for (const std::string& assignment : arguments.values("--threshold"))
            thresholds.applyAssignment(assignment);
        if (auto url = arguments.value("--runbook-base-url"))
            catalogueOptions.runbookBaseUrl = *url;
        return alerts::buildAlertRules(thresholds, catalogueOptions);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
}

} // namespace

std::set<std::string> withAlertingOptions(std::set<std::string> valued)
{
    valued.insert({"--alertmanager-url", "--alert-rules", "--alert-interval", "--alert-history", "--threshold",
                   "--thresholds-file", "--runbook-base-url"});
    return valued;
}

std::set<std::string> alertingSwitches()
{
    return {"--evaluate-alerts"};
}

std::unique_ptr<ServeAlerting> ServeAlerting::create(const Arguments& arguments)
{
    const bool enabled =
        arguments.has("--alertmanager-url") || arguments.has("--evaluate-alerts") || arguments.has("--alert-rules");
    if (!enabled) {
        for (const char* option : {"--alert-interval", "--alert-history", "--threshold", "--thresholds-file",
                                   "--runbook-base-url"}) {
            if (arguments.has(option))
                throw UsageError(std::string(option) + " needs --alertmanager-url URL or --evaluate-alerts");
        }
        return nullptr;
    }

    std::unique_ptr<ServeAlerting> alerting(new ServeAlerting());
    alerting->m_rules = rulesFrom(arguments);
    alerts::AlertServiceOptions& options = alerting->m_options;
    options.alertmanagerUrls = arguments.values("--alertmanager-url");
    for (const std::string& url : options.alertmanagerUrls) {
        const std::optional<Url> parsed = Url::parse(url);
        if (!parsed || parsed->path.find('?') != std::string::npos)
            throw UsageError("option --alertmanager-url is \"" + url + "\"; use Alertmanager's URL, such as "
                             "http://127.0.0.1:9093");
    }
    const double intervalSeconds = arguments.number("--alert-interval", 15, 0.1, 3600);
    options.interval = std::chrono::milliseconds(static_cast<std::int64_t>(intervalSeconds * 1000));
    options.historyPath = arguments.value("--alert-history").value_or(*arguments.value("--db") + ".alert-history");
    return alerting;
}

void ServeAlerting::start(Engine& engine, const std::string& apiAddress, bool tls)
{
    const std::string origin = (tls ? "https://" : "http://") + apiAddress;
    const promql::Labels identity{{"job", stack::kEngineJob}, {"instance", apiAddress}};
    auto service = std::make_unique<alerts::AlertService>(engine.metrics().collectable(), m_rules, m_http, m_options);
    service->setIdentity(identity, identity, origin + "/v1/alerts");
    service->start();
    std::lock_guard lock(m_mutex);
    m_service = std::move(service);
}

void ServeAlerting::stop()
{
    std::unique_ptr<alerts::AlertService> service;
    {
        std::lock_guard lock(m_mutex);
        service = std::move(m_service);
    }
    if (service)
        service->stop();
}

std::string ServeAlerting::statusJson() const
{
    std::lock_guard lock(m_mutex);
    if (!m_service)
        return disabledJson();
    return alerts::renderAlertStatusJson(m_service->status());
}

void registerAlertsRoute(Router& router, const ServeAlerting* alerting)
{
    router.get("/v1/alerts", [alerting](const httplib::Request&, httplib::Response& response) {
        sendJson(response, 200, alerting ? alerting->statusJson() : disabledJson());
    });
}

} // namespace umg::node
