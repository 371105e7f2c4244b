#include "alerts/ruleevaluator.h"

#include "alerts/alerttemplate.h"
#include "util/log.h"

#include <variant>

namespace umg::alerts {
namespace {

constexpr std::string_view kLogCategory = "alerts";

struct Candidate {
    promql::Labels labels;
    promql::Labels annotations;
    double value;
};

std::string expandOrExplain(std::string_view text, const promql::Labels& seriesLabels, double value)
{
    try {
        return expandAlertTemplate(text, seriesLabels, value);
    } catch (const AlertTemplateError& error) {
        // Prometheus puts the failure into the text as well, so the alert still goes out.
        return "<error expanding template: " + std::string(error.what()) + ">";
    }
}

promql::InstantVector resultVector(promql::Value value)
{
    if (const double* scalar = std::get_if<double>(&value))
        return promql::InstantVector{promql::VectorSample{promql::Labels{}, *scalar}};
    if (auto* vector = std::get_if<promql::InstantVector>(&value))
        return std::move(*vector);
    throw promql::EvaluationError("rule expression did not return an instant vector or a scalar");
}

// Builds the alert labels and annotations for each result sample. Throws
// EvaluationError when two samples end up with the same alert labels.
std::map<promql::Labels, Candidate> buildCandidates(const AlertRule& rule, const promql::InstantVector& samples)
{
    std::map<promql::Labels, Candidate> candidates;
    for (const promql::VectorSample& sample : samples) {
        promql::Labels labels = sample.labels.withoutMetricName();
        for (const promql::Label& label : rule.labels)
            labels.set(label.name, expandOrExplain(label.value, sample.labels, sample.value));
        labels.set("alertname", rule.name);

        promql::Labels annotations;
        for (const promql::Label& annotation : rule.annotations)
            annotations.set(annotation.name, expandOrExplain(annotation.value, sample.labels, sample.value));

        if (candidates.count(labels))
            throw promql::EvaluationError("vector contains metrics with the same labelset after applying alert labels: "
                                          + labels.toString());
        candidates.emplace(labels, Candidate{labels, std::move(annotations), sample.value});
    }
    return candidates;
}

AlertStateChange makeChange(std::int64_t timeMs, const Alert& alert, AlertState previous, AlertState next)
{
    return AlertStateChange{timeMs, alert.ruleName, alert.labels, alert.annotations, previous, next,
                            alert.activeAtMs, alert.value};
}

} // namespace

std::string_view alertStateName(AlertState state)
{
    switch (state) {
    case AlertState::Inactive: return "inactive";
    case AlertState::Pending: return "pending";
    case AlertState::Firing: return "firing";
    }
    return "inactive";
}

RuleEvaluator::RuleEvaluator(std::vector<AlertRule> rules, promql::EvaluationOptions options)
    : m_rules(std::move(rules)), m_states(m_rules.size()), m_options(options)
{
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        m_states[i].status.ruleName = m_rules[i].name;
        m_states[i].status.group = m_rules[i].group;
    }
}

std::vector<AlertStateChange> RuleEvaluator::evaluate(const promql::SeriesSource& source, std::int64_t timeMs)
{
    promql::Evaluator evaluator(source, m_options);
    std::vector<AlertStateChange> changes;
    for (std::size_t i = 0; i < m_rules.size(); ++i)
        evaluateRule(m_rules[i], m_states[i], evaluator, timeMs, changes);
    return changes;
}

void RuleEvaluator::evaluateRule(const AlertRule& rule, RuleState& state, const promql::Evaluator& evaluator,
                                 std::int64_t timeMs, std::vector<AlertStateChange>& changes)
{
    state.status.lastEvaluationMs = timeMs;

    std::map<promql::Labels, Candidate> candidates;
    try {
        candidates = buildCandidates(rule, resultVector(evaluator.evaluate(*rule.parsedExpression, timeMs)));
    } catch (const promql::EvaluationError& error) {
        if (state.status.healthy)
            log::warning(kLogCategory, "alert rule evaluation failed", {{"rule", rule.name}, {"error", error.what()}});
        state.status.healthy = false;
        state.status.lastError = error.what();
        return;
    }
    if (!state.status.healthy)
        log::info(kLogCategory, "alert rule evaluates again", {{"rule", rule.name}});
    state.status.healthy = true;
    state.status.lastError.clear();

    // Alerts whose label set is gone resolve; pending ones simply disappear.
    for (auto it = state.alerts.begin(); it != state.alerts.end();) {
        if (candidates.count(it->first)) {
            ++it;
            continue;
        }
        changes.push_back(makeChange(timeMs, it->second, it->second.state, AlertState::Inactive));
        it = state.alerts.erase(it);
    }

    for (auto& [labels, candidate] : candidates) {
        auto [it, isNew] = state.alerts.try_emplace(labels);
        Alert& alert = it->second;
        alert.annotations = std::move(candidate.annotations);
        alert.value = candidate.value;
        if (isNew) {
            alert.ruleName = rule.name;
            alert.labels = labels;
            alert.state = AlertState::Pending;
            alert.activeAtMs = timeMs;
        }

        AlertState previous = isNew ? AlertState::Inactive : alert.state;
        if (alert.state == AlertState::Pending && timeMs - alert.activeAtMs >= rule.forMs) {
            alert.state = AlertState::Firing;
            alert.firedAtMs = timeMs;
        }
        if (alert.state != previous)
            changes.push_back(makeChange(timeMs, alert, previous, alert.state));
    }

    state.status.pendingCount = 0;
    state.status.firingCount = 0;
    for (const auto& [labels, alert] : state.alerts) {
        if (alert.state == AlertState::Firing)
            ++state.status.firingCount;
        else
            ++state.status.pendingCount;
    }
}

std::vector<Alert> RuleEvaluator::activeAlerts() const
{
    std::vector<Alert> alerts;
    for (const RuleState& state : m_states) {
        for (const auto& [labels, alert] : state.alerts)
            alerts.push_back(alert);
    }
    return alerts;
}

std::vector<Alert> RuleEvaluator::firingAlerts(std::string_view ruleName) const
{
    std::vector<Alert> alerts;
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        if (!ruleName.empty() && m_rules[i].name != ruleName)
            continue;
        for (const auto& [labels, alert] : m_states[i].alerts) {
            if (alert.state == AlertState::Firing)
                alerts.push_back(alert);
        }
    }
    return alerts;
}

std::vector<RuleStatus> RuleEvaluator::ruleStatuses() const
{
    std::vector<RuleStatus> statuses;
    for (const RuleState& state : m_states)
        statuses.push_back(state.status);
    return statuses;
}

void RuleEvaluator::reset()
{
    for (RuleState& state : m_states) {
        state.alerts.clear();
        state.status.healthy = true;
        state.status.lastError.clear();
        state.status.pendingCount = 0;
        state.status.firingCount = 0;
        state.status.lastEvaluationMs = 0;
    }
}

} // namespace umg::alerts
