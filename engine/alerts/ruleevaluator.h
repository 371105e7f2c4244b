#pragma once

#include "alerts/catalogue.h"
#include "promql/evaluator.h"
#include "promql/seriessource.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace umg::alerts {

enum class AlertState { Inactive, Pending, Firing };

/// Returns "inactive", "pending" or "firing".
std::string_view alertStateName(AlertState state);

/// One alert: a label set that a rule's expression returned.
struct Alert {
    std::string ruleName;
    /// The series labels without `__name__`, then the rule's labels (which win
    /// on conflict), then `alertname`, as Prometheus builds them.
    promql::Labels labels;
    /// Annotations expanded with this alert's labels and latest value.
    promql::Labels annotations;
    AlertState state = AlertState::Inactive;
    std::int64_t activeAtMs = 0; // first evaluation that returned this label set
    std::int64_t firedAtMs = 0;  // evaluation that moved it to firing; 0 while pending
    double value = 0;            // expression value at the latest evaluation
};

/// One transition of one alert, in the order the evaluator produced them; the
/// console stores these as alert history.
struct AlertStateChange {
    std::int64_t timeMs = 0;
    std::string ruleName;
    promql::Labels labels;
    promql::Labels annotations;
    AlertState previousState = AlertState::Inactive;
    AlertState newState = AlertState::Inactive;
    std::int64_t activeAtMs = 0;
    double value = 0;
};

/// Health of one rule after its latest evaluation.
struct RuleStatus {
    std::string ruleName;
    std::string group;
    bool healthy = true;
    std::string lastError; // empty while healthy
    std::int64_t lastEvaluationMs = 0;
    std::size_t pendingCount = 0;
    std::size_t firingCount = 0;
};

/// Evaluates alert rules over a SeriesSource with Prometheus's alerting
/// semantics. Per rule and label set an alert goes inactive -> pending when
/// the expression returns the label set, pending -> firing once it has been
/// returned for the rule's `for` duration (at once when `for` is zero), and
/// back to inactive when an evaluation no longer returns it. A failed
/// evaluation (query error, or two results with the same labels after
/// the rule labels are added) leaves the rule's alerts unchanged and marks
/// the rule unhealthy.
///
/// Not thread-safe: call evaluate() and the accessors from one thread, or
/// guard the object. The SeriesSource is only read.
class RuleEvaluator {
public:
    explicit RuleEvaluator(std::vector<AlertRule> rules, promql::EvaluationOptions options = {});

    /// Evaluates every rule at `timeMs` (milliseconds since the Unix epoch) and
    /// returns the state changes in rule order. Call it with increasing times
    /// at a fixed interval, as Prometheus evaluates a rule group; `for` is
    /// measured between evaluation times.
    std::vector<AlertStateChange> evaluate(const promql::SeriesSource& source, std::int64_t timeMs);

    /// Returns the pending and firing alerts, ordered by rule and labels.
    std::vector<Alert> activeAlerts() const;
    /// Returns the firing alerts of `ruleName`, or of every rule when it is empty.
    std::vector<Alert> firingAlerts(std::string_view ruleName = {}) const;

    std::vector<RuleStatus> ruleStatuses() const;
    const std::vector<AlertRule>& rules() const { return m_rules; }

    /// Forgets all alert state, as after a restart.
    void reset();

private:
    struct RuleState {
        std::map<promql::Labels, Alert> alerts; // keyed by alert labels
        RuleStatus status;
    };

    void evaluateRule(const AlertRule& rule, RuleState& state, const promql::Evaluator& evaluator,
                      std::int64_t timeMs, std::vector<AlertStateChange>& changes);

    std::vector<AlertRule> m_rules;
    std::vector<RuleState> m_states;
    promql::EvaluationOptions m_options;
};

} // namespace umg::alerts
