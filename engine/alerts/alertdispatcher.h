#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "alerts/ruleevaluator.h"
#include "promql/labels.h"

namespace umg::alerts {

/// Settings for sending alerts to Alertmanager. The defaults are those of
/// Prometheus 2.x: a --rules.alert.resend-delay of 1 minute, and resolved
/// alerts kept (and resent) for 15 minutes (rules/alerting.go).
struct NotificationOptions {
    /// A firing alert is sent again after this delay, so that Alertmanager
    /// keeps it active; a resolved one as long as it is kept.
    std::chrono::milliseconds resendDelay{60'000};
    /// How long a resolved alert is kept and resent.
    std::chrono::milliseconds resolvedRetention{15 * 60'000};
    /// Time between two rule evaluations; with resendDelay it sets how long
    /// Alertmanager keeps a firing alert without news (see AlertDispatcher).
    std::chrono::milliseconds evaluationInterval{15'000};
    /// Labels added to every alert that does not have them, like
    /// Prometheus's external_labels (for example the node's `instance`).
    promql::Labels externalLabels;
    /// The `generatorURL` of every alert: a page that shows the alert's source.
    std::string generatorUrl;
};

/// One alert in the form of Alertmanager's API v2 (`POST /api/v2/alerts`).
struct OutgoingAlert {
    promql::Labels labels;
    promql::Labels annotations;
    std::int64_t startsAtMs = 0; ///< when the alert became active (pending)
    /// For a firing alert, when Alertmanager should consider it resolved if
    /// nothing more arrives; for a resolved alert, when it resolved.
    std::int64_t endsAtMs = 0;
    bool resolved = false;
    std::string generatorUrl;
};

/// Decides which alerts go to Alertmanager after each rule evaluation, with
/// the rules of Prometheus 2.x. A firing alert is sent at once and then each
/// time more than one resend delay has passed. Its `endsAt` lies four resend
/// delays (or evaluation intervals, if longer) ahead, so that it stays active
/// through two failed sends. An alert that stops firing is sent at once with
/// `endsAt` set to the time it resolved, and resent on the same schedule
/// until the retention ends. Pending alerts are never sent.
///
/// Times are milliseconds since the Unix epoch from the caller's clock. Not
/// thread-safe.
class AlertDispatcher {
public:
    explicit AlertDispatcher(NotificationOptions options = {});

    /// Takes the firing alerts of an evaluation at `timeMs` (see
    /// RuleEvaluator::firingAlerts): alerts that fired before and are absent
    /// now count as resolved. Returns the alerts due for sending now.
    std::vector<OutgoingAlert> update(const std::vector<Alert>& firing, std::int64_t timeMs);

    /// Records that `sent` (from update() at `timeMs`) reached an
    /// Alertmanager. Alerts not marked are due again at the next update().
    void markSent(const std::vector<OutgoingAlert>& sent, std::int64_t timeMs);

    /// Alerts that resolved within the retention, newest first.
    std::vector<OutgoingAlert> recentlyResolved() const;

    const NotificationOptions& options() const { return m_options; }

private:
    struct Tracked {
        OutgoingAlert alert;
        std::int64_t resolvedAtMs = 0; // 0 while firing
        std::int64_t lastSentMs = 0;   // 0 before the first successful send
    };

    promql::Labels withExternalLabels(const promql::Labels& labels) const;
    bool isDue(const Tracked& tracked, std::int64_t timeMs) const;

    NotificationOptions m_options;
    std::map<promql::Labels, Tracked> m_tracked;
};

/// Renders alerts as the JSON body of `POST /api/v2/alerts`: an array of
/// objects with labels, annotations, startsAt, endsAt (RFC 3339, UTC) and
/// generatorURL.
std::string renderAlertmanagerPayload(const std::vector<OutgoingAlert>& alerts);

} // namespace umg::alerts
