// Checks of the sections "Performance metrics", "Customer metrics" and
// "Goal validation".

#include "validation/checkcontext.h"

#include <cmath>

namespace umg::validation::detail {
namespace {

// Status of a presence check whose metric is absent: some series exist from
// the engine's start, others only once events or customer records arrive.
enum class WhenAbsent { Fail, Warn };

CheckFunction metricPresent(std::string series, WhenAbsent whenAbsent, std::string adviceWhenAbsent)
{
    return [series, whenAbsent, adviceWhenAbsent](CheckContext& context) -> Outcome {
        context.requirePrometheus();
        const std::optional<double> count = context.prometheus.queryValue("count(" + series + ")");
        if (count && *count > 0)
            return {CheckStatus::Pass, formatNumber(*count) + " series", {}};
        return {whenAbsent == WhenAbsent::Fail ? CheckStatus::Fail : CheckStatus::Warning,
                series + " is absent", adviceWhenAbsent};
    };
}

const std::string kEngineAbsent =
    "Every engine exports this from its start; check that the engine targets are up and are UnMoGrowP nodes of "
    "this version.";
const std::string kCustomerAbsent =
    "The series appears once the node has pilot-customer records; add them in the console's Customers view.";

// Comparison of a goal's value with its target.
enum class Goal { AtLeast, Above, Below, Within };

struct GoalSpec {
    std::string expression;
    Goal goal;
    double low;
    double high; // Within only
    int decimals;
    std::string unit;
    std::string whenNoData;  // measured text when the query returns nothing
    std::string adviceNoData;
    std::string adviceMissed;
};

bool goalMet(const GoalSpec& spec, double value)
{
    switch (spec.goal) {
    case Goal::AtLeast: return value >= spec.low;
    case Goal::Above: return value > spec.low;
    case Goal::Below: return value < spec.low;
    case Goal::Within: return value >= spec.low && value <= spec.high;
    }
    return false;
}

CheckFunction goalCheck(GoalSpec spec)
{
    return [spec](CheckContext& context) -> Outcome {
        context.requirePrometheus();
        const std::optional<double> value = context.prometheus.queryValue(spec.expression);
        if (!value || !std::isfinite(*value))
            return {CheckStatus::Warning, spec.whenNoData, spec.adviceNoData};
        const std::string measured = formatNumber(*value, spec.decimals) + (spec.unit.empty() ? "" : " " + spec.unit);
        if (goalMet(spec, *value))
            return {CheckStatus::Pass, measured, {}};
        return {context.options.strictGoals ? CheckStatus::Fail : CheckStatus::Warning, measured + ", goal not met",
                spec.adviceMissed};
    };
}

const std::string kNoEvents = "no events in the last 5 minutes";
const std::string kSendEvents = "Send events to the nodes (or run a load test) and validate again.";
const std::string kNoCustomers = "no pilot-customer records";
const std::string kAddCustomers = "Add the pilot customers' records in the console's Customers view.";

} // namespace

const std::vector<CheckEntry>& performanceMetricChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::PerformanceMetrics, "metrics.events_processed", "attribution_events_processed_total",
          "present"},
         metricPresent("attribution_events_processed_total", WhenAbsent::Warn,
                       "The counter appears with the first event; send events to a node or replay a file.")},
        {{Section::PerformanceMetrics, "metrics.processing_duration",
          "attribution_event_processing_duration_seconds", "present"},
         metricPresent("attribution_event_processing_duration_seconds_bucket", WhenAbsent::Fail, kEngineAbsent)},
        {{Section::PerformanceMetrics, "metrics.active_connections", "attribution_active_connections", "present"},
         metricPresent("attribution_active_connections", WhenAbsent::Fail, kEngineAbsent)},
        {{Section::PerformanceMetrics, "metrics.memory_usage", "attribution_memory_usage_bytes", "present"},
         metricPresent("attribution_memory_usage_bytes", WhenAbsent::Fail, kEngineAbsent)},
        {{Section::PerformanceMetrics, "metrics.queue_depth", "attribution_queue_depth", "present"},
         metricPresent("attribution_queue_depth", WhenAbsent::Fail, kEngineAbsent)},
        {{Section::PerformanceMetrics, "metrics.worker_threads", "attribution_worker_threads", "present"},
         metricPresent("attribution_worker_threads", WhenAbsent::Fail, kEngineAbsent)},
    };
    return checks;
}

const std::vector<CheckEntry>& customerMetricChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::CustomerMetrics, "metrics.customer_satisfaction", "customer_satisfaction_score", "present"},
         metricPresent("customer_satisfaction_score", WhenAbsent::Warn, kCustomerAbsent)},
        {{Section::CustomerMetrics, "metrics.attribution_accuracy", "attribution_accuracy_percent", "present"},
         metricPresent("attribution_accuracy_percent", WhenAbsent::Warn, kCustomerAbsent)},
        {{Section::CustomerMetrics, "metrics.customer_latency", "customer_api_latency_ms", "present"},
         metricPresent("customer_api_latency_ms", WhenAbsent::Warn, kCustomerAbsent)},
        {{Section::CustomerMetrics, "metrics.cost_savings", "customer_cost_savings_percent", "present"},
         metricPresent("customer_cost_savings_percent", WhenAbsent::Warn, kCustomerAbsent)},
        {{Section::CustomerMetrics, "metrics.total_pilots", "total_pilot_customers", "present"},
         metricPresent("total_pilot_customers", WhenAbsent::Fail, kEngineAbsent)},
        {{Section::CustomerMetrics, "metrics.successful_pilots", "successful_pilot_customers", "present"},
         metricPresent("successful_pilot_customers", WhenAbsent::Fail, kEngineAbsent)},
    };
    return checks;
}

const std::vector<CheckEntry>& goalChecks()
{
    static const std::vector<CheckEntry> checks{
        {{Section::GoalValidation, "goals.throughput", "Event throughput", "at least 1,000,000 events/s"},
         goalCheck({"sum(rate(attribution_events_processed_total[5m]))", Goal::AtLeast, 1e6, 0, 0, "events/s",
                    kNoEvents, kSendEvents,
                    "Add worker threads (--threads) or nodes; the throughput goal holds under full load only."})},
        {{Section::GoalValidation, "goals.p95_latency", "P95 processing latency", "under 100 ms"},
         goalCheck({"1000 * histogram_quantile(0.95, sum by (le) "
                    "(rate(attribution_event_processing_duration_seconds_bucket[5m])))",
                    Goal::Below, 100, 0, 1, "ms", kNoEvents, kSendEvents,
                    "Check queue depth and CPU use; latency includes the time an event waits in a full queue."})},
        {{Section::GoalValidation, "goals.p99_latency", "P99 processing latency", "under 200 ms"},
         goalCheck({"1000 * histogram_quantile(0.99, sum by (le) "
                    "(rate(attribution_event_processing_duration_seconds_bucket[5m])))",
                    Goal::Below, 200, 0, 1, "ms", kNoEvents, kSendEvents,
                    "Check queue depth, CPU use and storage write latency."})},
        {{Section::GoalValidation, "goals.uptime", "Engine uptime over 1 day", "above 99.9 %"},
         goalCheck({"100 * avg(avg_over_time(up{job=\"unmogrowp\"}[1d]))", Goal::Above, 99.9, 0, 3, "%",
                    "no engine scrapes recorded", "Check the scrape targets above.",
                    "Find the outages in the Performance dashboard's uptime panel and in the nodes' logs."})},
        {{Section::GoalValidation, "goals.accuracy", "Attribution accuracy over 1 day", "above 99 %"},
         goalCheck({"100 * sum(increase(attribution_reference_installs_total{outcome=\"agree\"}[1d]))"
                    " / sum(increase(attribution_reference_installs_total[1d]))",
                    Goal::Above, 99, 0, 2, "%", "no installs with a reference attribution in the last day",
                    "Accuracy is measured on installs that carry a reference attribution, such as a replay of "
                    "TalkingData clicks.",
                    "Compare the disagreeing installs with the reference (replay --installs-csv) and check the "
                    "attribution windows."})},
        {{Section::GoalValidation, "goals.error_rate", "Error rate", "below 0.1 %"},
         goalCheck({"100 * (sum(rate(attribution_events_processed_total{status=\"rejected\"}[5m])) or vector(0))"
                    " / sum(rate(attribution_events_processed_total[5m]))",
                    Goal::Below, 0.1, 0, 3, "%", kNoEvents, kSendEvents,
                    "See attribution_events_rejected_total by reason for what the senders get wrong."})},
        {{Section::GoalValidation, "goals.pilot_customers", "Pilot customers", "at least 5"},
         goalCheck({"max(total_pilot_customers)", Goal::AtLeast, 5, 0, 0, "", kNoCustomers, kAddCustomers,
                    "The pilot programme plans five customers; add the missing ones."})},
        {{Section::GoalValidation, "goals.satisfaction", "Customer satisfaction", "above 90 %"},
         goalCheck({"avg(customer_satisfaction_score)", Goal::Above, 90, 0, 1, "%", "no satisfaction surveys recorded",
                    kAddCustomers, "Review the low scores in the Customer success dashboard with each customer."})},
        {{Section::GoalValidation, "goals.cost_savings", "Customer cost savings", "30 to 50 %"},
         goalCheck({"avg(customer_cost_savings_percent)", Goal::Within, 30, 50, 1, "%", "no cost savings recorded",
                    kAddCustomers, "Check each customer's baseline cost in the customer records."})},
        {{Section::GoalValidation, "goals.successful_pilots", "Successful pilot customers", "above 80 %"},
         goalCheck({"100 * max(successful_pilot_customers) / max(total_pilot_customers)", Goal::Above, 80, 0, 0, "%",
                    kNoCustomers, kAddCustomers,
                    "Set the technical and business success flags as customers reach them; below 60 % the "
                    "SuccessfulCustomerRateLow alert fires."})},
    };
    return checks;
}

} // namespace umg::validation::detail
