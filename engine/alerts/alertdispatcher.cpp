#include "alerts/alertdispatcher.h"

#include <algorithm>

#include "model/timestamp.h"
#include "util/jsonwriter.h"

namespace umg::alerts {
namespace {

// Alertmanager keeps a firing alert active until endsAt; four resend
// periods let it survive two lost sends, as in Prometheus.
constexpr std::int64_t kValidityPeriods = 4;

void writeLabels(JsonWriter& json, std::string_view key, const promql::Labels& labels)
{
    json.key(key).beginObject();
    for (const promql::Label& label : labels)
        json.field(label.name, label.value);
    json.endObject();
}

} // namespace

AlertDispatcher::AlertDispatcher(NotificationOptions options) : m_options(std::move(options)) {}

promql::Labels AlertDispatcher::withExternalLabels(const promql::Labels& labels) const
{
    promql::Labels result = labels;
    for (const promql::Label& label : m_options.externalLabels) {
        if (!result.has(label.name))
            result.set(label.name, label.value);
    }
    return result;
}

bool AlertDispatcher::isDue(const Tracked& tracked, std::int64_t timeMs) const
{
    if (tracked.lastSentMs == 0)
        return true;
    if (tracked.resolvedAtMs > tracked.lastSentMs)
        return true;
    return timeMs - tracked.lastSentMs > m_options.resendDelay.count();
}

std::vector<OutgoingAlert> AlertDispatcher::update(const std::vector<Alert>& firing, std::int64_t timeMs)
{
    std::map<promql::Labels, const Alert*> current;
    for (const Alert& alert : firing)
        current.emplace(withExternalLabels(alert.labels), &alert);

    for (auto& [labels, tracked] : m_tracked) {
        if (tracked.resolvedAtMs == 0 && !current.count(labels)) {
            tracked.resolvedAtMs = timeMs;
            tracked.alert.resolved = true;
            tracked.alert.endsAtMs = timeMs;
        }
    }
    const std::int64_t validityMs =
        kValidityPeriods * std::max(m_options.resendDelay.count(), m_options.evaluationInterval.count());
    for (const auto& [labels, alert] : current) {
        Tracked& tracked = m_tracked[labels];
        if (tracked.resolvedAtMs != 0 || tracked.alert.labels.empty()) {
            // New, or firing again after it resolved: a new alert for Alertmanager.
            tracked = Tracked{};
            tracked.alert.labels = labels;
            tracked.alert.generatorUrl = m_options.generatorUrl;
        }
        tracked.alert.annotations = alert->annotations;
        tracked.alert.startsAtMs = alert->activeAtMs;
        tracked.alert.endsAtMs = timeMs + validityMs;
        tracked.alert.resolved = false;
    }

    std::vector<OutgoingAlert> due;
    for (auto it = m_tracked.begin(); it != m_tracked.end();) {
        const Tracked& tracked = it->second;
        if (tracked.resolvedAtMs != 0 && timeMs - tracked.resolvedAtMs > m_options.resolvedRetention.count()) {
            it = m_tracked.erase(it);
            continue;
        }
        if (isDue(tracked, timeMs))
            due.push_back(tracked.alert);
        ++it;
    }
    return due;
}

void AlertDispatcher::markSent(const std::vector<OutgoingAlert>& sent, std::int64_t timeMs)
{
    for (const OutgoingAlert& alert : sent) {
        auto it = m_tracked.find(alert.labels);
        // A resolved alert that fired again since is a new alert and still unsent.
        if (it != m_tracked.end() && it->second.alert.resolved == alert.resolved)
            it->second.lastSentMs = timeMs;
    }
}

std::vector<OutgoingAlert> AlertDispatcher::recentlyResolved() const
{
    std::vector<OutgoingAlert> resolved;
    for (const auto& [labels, tracked] : m_tracked) {
        if (tracked.resolvedAtMs != 0)
            resolved.push_back(tracked.alert);
    }
    std::sort(resolved.begin(), resolved.end(),
              [](const OutgoingAlert& a, const OutgoingAlert& b) { return a.endsAtMs > b.endsAtMs; });
    return resolved;
}

std::string renderAlertmanagerPayload(const std::vector<OutgoingAlert>& alerts)
{
    JsonWriter json;
    json.beginArray();
    for (const OutgoingAlert& alert : alerts) {
        json.beginObject();
        writeLabels(json, "labels", alert.labels);
        writeLabels(json, "annotations", alert.annotations);
        json.field("startsAt", formatRfc3339(alert.startsAtMs));
        json.field("endsAt", formatRfc3339(alert.endsAtMs));
        if (!alert.generatorUrl.empty())
            json.field("generatorURL", alert.generatorUrl);
        json.endObject();
    }
    json.endArray();
    return json.str();
}

} // namespace umg::alerts
