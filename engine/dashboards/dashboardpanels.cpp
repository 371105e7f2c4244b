#include "dashboards/dashboardpanels.h"

#include <utility>

namespace umg::dashboards {
namespace {

// Targets the platform is held to.
constexpr double kThroughputTarget = 1'000'000; // events/s
constexpr double kP95TargetMs = 100;
constexpr double kP99TargetMs = 200;
constexpr double kUptimeTarget = 99.9;          // %
constexpr double kAccuracyTarget = 99;          // %
constexpr double kErrorRateTarget = 0.1;        // %
constexpr double kSuccessRateTarget = 99.9;     // % of events accepted under load
constexpr double kPilotCustomerTarget = 5;
constexpr double kSatisfactionTarget = 90;      // %
constexpr double kCostSavingsLow = 30;          // %
constexpr double kCostSavingsHigh = 50;         // %
constexpr double kTimeToLaunchTargetDays = 14;
constexpr double kSuccessfulPilotsTarget = 80;  // % of pilot customers
constexpr double kHealthyScore = 70;            // health score 0..100
constexpr double kConnectionLimit = 5000;       // alert ConnectionPoolExhaustion

const std::string kEventRate = "sum(rate(attribution_events_processed_total[1m]))";
const std::string kEventRateOverRange = "sum(rate(attribution_events_processed_total[$__rate_interval]))";
const std::string kUptime = "100 * avg_over_time(up{job=\"unmogrowp\"}[$__range])";
const std::string kAccuracy = "100 * sum(increase(attribution_reference_installs_total{outcome=\"agree\"}[$__range]))"
                              " / sum(increase(attribution_reference_installs_total[$__range]))";
const std::string kSuccessfulPilots = "100 * successful_pilot_customers / total_pilot_customers";

// Percentage of processed events with status "rejected" over `window`. The
// `or vector(0)` keeps the rate at 0 before the first rejection creates the series.
std::string errorRate(const std::string& window)
{
    return "100 * (sum(rate(attribution_events_processed_total{status=\"rejected\"}[" + window
        + "])) or vector(0)) / sum(rate(attribution_events_processed_total[" + window + "]))";
}

// Processing latency quantile in milliseconds over `window`; `quantile` is
// written as PromQL text ("0.95").
std::string latencyQuantile(const std::string& quantile, const std::string& window)
{
    return "1000 * histogram_quantile(" + quantile
        + ", sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[" + window + "])))";
}

PanelQuery instant(std::string expression, std::string legend = {})
{
    PanelQuery query;
    query.expression = std::move(expression);
    query.kind = QueryKind::Instant;
    query.legend = std::move(legend);
    return query;
}

PanelQuery range(std::string expression, std::string legend = {})
{
    PanelQuery query = instant(std::move(expression), std::move(legend));
    query.kind = QueryKind::Range;
    return query;
}

PanelQuery row(std::string name, std::string expression, Target target, std::string unit, int decimals)
{
    PanelQuery query = instant(std::move(expression), std::move(name));
    query.target = target;
    query.unit = std::move(unit);
    query.decimals = decimals;
    return query;
}

Panel panel(std::string id, PanelKind kind, std::string title, std::string description)
{
    Panel definition;
    definition.id = std::move(id);
    definition.kind = kind;
    definition.title = std::move(title);
    definition.description = std::move(description);
    return definition;
}

Dashboard performance()
{
    Dashboard dashboard{"performance", "Performance", {}};

    Panel rate = panel("event-rate", PanelKind::Gauge, "Event processing rate",
                       "Events the engine processed per second over the last minute, against the target of "
                       "1,000,000 events/s.");
    rate.queries = {instant(kEventRate)};
    rate.unit = "events/s";
    rate.decimals = 0;
    rate.target = Target::higherIsBetter(kThroughputTarget, 100'000);
    rate.maximum = 1'200'000;
    dashboard.panels.push_back(rate);

    Panel p95 = panel("p95-latency", PanelKind::Gauge, "P95 processing latency",
                      "95th percentile of the time from acceptance to the attribution decision over the last "
                      "minute, against the target of 100 ms.");
    p95.queries = {instant(latencyQuantile("0.95", "1m"))};
    p95.unit = "ms";
    p95.decimals = 1;
    p95.target = Target::lowerIsBetter(kP95TargetMs, 20);
    p95.maximum = 250;
    dashboard.panels.push_back(p95);

    Panel uptime = panel("uptime", PanelKind::Stat, "Uptime",
                         "Share of the time range in which the engine was up, against the target of 99.9 %.");
    uptime.queries = {instant(kUptime), range("100 * up{job=\"unmogrowp\"}")};
    uptime.unit = "%";
    uptime.decimals = 2;
    uptime.target = Target::higherIsBetter(kUptimeTarget, 0.05);
    dashboard.panels.push_back(uptime);

    Panel accuracy = panel("accuracy", PanelKind::Gauge, "Attribution accuracy",
                           "Installs whose attribution agrees with their reference attribution, over the time "
                           "range, against the target of 99 %.");
    accuracy.queries = {instant(kAccuracy)};
    accuracy.unit = "%";
    accuracy.decimals = 2;
    accuracy.target = Target::higherIsBetter(kAccuracyTarget, 0.5);
    accuracy.minimum = 90;
    accuracy.maximum = 100;
    dashboard.panels.push_back(accuracy);

    Panel throughput = panel("throughput", PanelKind::TimeSeries, "Throughput over time",
                             "Events processed per second by event type. The 1,000,000 events/s target is on the "
                             "rate gauge, so that this chart keeps its detail.");
    throughput.queries = {
        range("sum by (event_type) (rate(attribution_events_processed_total[$__rate_interval]))", "{event_type}")};
    throughput.unit = "events/s";
    throughput.decimals = 0;
    throughput.columnSpan = 2;
    dashboard.panels.push_back(throughput);

    Panel latency = panel("latency-percentiles", PanelKind::TimeSeries, "Latency percentiles over time",
                          "P50, P95 and P99 processing latency, against the P95 target of 100 ms.");
    latency.queries = {range(latencyQuantile("0.5", "$__rate_interval"), "P50"),
                       range(latencyQuantile("0.95", "$__rate_interval"), "P95"),
                       range(latencyQuantile("0.99", "$__rate_interval"), "P99")};
    latency.unit = "ms";
    latency.decimals = 2;
    latency.target = Target::lowerIsBetter(kP95TargetMs);
    latency.columnSpan = 2;
    dashboard.panels.push_back(latency);

    Panel errors = panel("error-rate", PanelKind::TimeSeries, "Error rate",
                         "Share of processed events that were rejected, against the target of 0.1 %.");
    errors.queries = {range(errorRate("$__rate_interval"), "Rejected")};
    errors.unit = "%";
    errors.decimals = 3;
    errors.target = Target::lowerIsBetter(kErrorRateTarget);
    errors.columnSpan = 2;
    dashboard.panels.push_back(errors);

    Panel memory = panel("memory", PanelKind::TimeSeries, "Memory",
                         "Resident memory of the engine process and the size of its database.");
    memory.queries = {range("attribution_memory_usage_bytes / 1048576", "Resident memory"),
                      range("attribution_storage_database_size_bytes / 1048576", "Database")};
    memory.unit = "MiB";
    memory.decimals = 1;
    memory.columnSpan = 2;
    dashboard.panels.push_back(memory);

    Panel connections = panel("active-connections", PanelKind::Stat, "Active connections",
                              "Open HTTP clients and Kafka consumers; more than 5,000 exhausts the connection "
                              "pool.");
    connections.queries = {range("attribution_active_connections")};
    connections.decimals = 0;
    connections.target = Target::lowerIsBetter(kConnectionLimit, 1000);
    dashboard.panels.push_back(connections);

    Panel services = panel("service-health", PanelKind::Table, "Service health",
                           "1 means healthy. Services that this setup does not run are left out.");
    const Target healthy = Target::higherIsBetter(1);
    services.queries = {
        row("Attribution engine", "up{job=\"unmogrowp\"}", healthy, {}, 0),
        row("Attribution workers", "attribution_worker_threads > bool 0", healthy, {}, 0),
        row("Storage writer", "sum(increase(attribution_storage_errors_total[5m])) == bool 0", healthy, {}, 0),
        row("Worker queues below 90 %", "max(attribution_queue_depth / attribution_queue_capacity) < bool 0.9",
            healthy, {}, 0),
        row("Kafka", "up{job=\"kafka\"}", healthy, {}, 0),
        row("ClickHouse", "up{job=\"clickhouse\"}", healthy, {}, 0),
    };
    services.queries[4].hideWhenEmpty = true;
    services.queries[5].hideWhenEmpty = true;
    services.decimals = 0;
    dashboard.panels.push_back(services);

    Panel outcomes = panel("install-outcomes", PanelKind::Bars, "Installs by outcome",
                           "Installs decided in the time range: credited to a touch, organic, or rejected by an "
                           "app's fraud policy.");
    outcomes.queries = {
        instant("sum(increase(attribution_installs_attributed_total[$__range])) or vector(0)", "Attributed"),
        instant("sum(increase(attribution_installs_organic_total[$__range])) or vector(0)", "Organic"),
        instant("sum(increase(attribution_installs_fraud_rejected_total[$__range])) or vector(0)",
                "Rejected as fraud"),
    };
    outcomes.unit = "installs";
    outcomes.decimals = 0;
    dashboard.panels.push_back(outcomes);

    Panel fraud = panel("fraud-flags", PanelKind::Bars, "Fraud flags by reason",
                        "Fraud flags raised in the time range: click-to-install time too short, or click "
                        "flooding.");
    fraud.queries = {instant("sum by (reason) (increase(attribution_fraud_flags_total[$__range]))", "{reason}")};
    fraud.unit = "flags";
    fraud.decimals = 0;
    dashboard.panels.push_back(fraud);

    return dashboard;
}

Dashboard customerSuccess()
{
    Dashboard dashboard{"customer-success", "Customer success", {}};

    Panel pilots = panel("pilot-customers", PanelKind::Stat, "Pilot customers",
                         "Pilot customers on record, against the target of 5.");
    pilots.queries = {range("total_pilot_customers")};
    pilots.decimals = 0;
    pilots.target = Target::higherIsBetter(kPilotCustomerTarget);
    dashboard.panels.push_back(pilots);

    Panel satisfaction = panel("satisfaction", PanelKind::Gauge, "Customer satisfaction",
                               "Mean of each customer's latest satisfaction survey, against the target of 90 %.");
    satisfaction.queries = {instant("avg(customer_satisfaction_score)")};
    satisfaction.unit = "%";
    satisfaction.target = Target::higherIsBetter(kSatisfactionTarget, 3);
    dashboard.panels.push_back(satisfaction);

    Panel successRate = panel("success-rate", PanelKind::Gauge, "Successful pilot customers",
                              "Pilot customers with both success flags set, against the target of 80 %; an alert "
                              "fires below 60 %.");
    successRate.queries = {instant(kSuccessfulPilots)};
    successRate.unit = "%";
    successRate.decimals = 0;
    successRate.target = Target::higherIsBetter(kSuccessfulPilotsTarget);
    dashboard.panels.push_back(successRate);

    Panel mrr = panel("estimated-mrr", PanelKind::Stat, "Estimated monthly recurring revenue",
                      "Sum of the monthly recurring revenue of all pilot-customer records.");
    mrr.records = RecordSource::EstimatedMrr;
    mrr.unit = "per month";
    mrr.decimals = 0;
    dashboard.panels.push_back(mrr);

    Panel accuracy = panel("accuracy-per-customer", PanelKind::Bars, "Attribution accuracy per customer",
                           "Agreement of each customer's attributed installs with the reference attribution, "
                           "against the target of 99 %.");
    accuracy.queries = {instant("attribution_accuracy_percent", "{customer}")};
    accuracy.unit = "%";
    accuracy.decimals = 2;
    accuracy.target = Target::higherIsBetter(kAccuracyTarget, 0.5);
    accuracy.minimum = 90;
    accuracy.maximum = 100;
    accuracy.fixedScale = true;
    accuracy.columnSpan = 2;
    dashboard.panels.push_back(accuracy);

    Panel savings = panel("cost-savings", PanelKind::Bars, "Cost savings per customer",
                          "Saving against each customer's cost before the pilot, against the target range of "
                          "30–50 %.");
    savings.queries = {instant("customer_cost_savings_percent", "{customer}")};
    savings.unit = "%";
    savings.target = Target::withinRange(kCostSavingsLow, kCostSavingsHigh, 2);
    savings.columnSpan = 2;
    dashboard.panels.push_back(savings);

    Panel impact = panel("business-impact", PanelKind::Bars, "Business impact: attributed installs",
                         "Installs credited to a paid touch in the time range, per customer.");
    impact.queries = {
        instant("sum by (app_id) (increase(attribution_installs_attributed_total[$__range]))", "{customer}")};
    impact.unit = "installs";
    impact.decimals = 0;
    impact.columnSpan = 2;
    dashboard.panels.push_back(impact);

    Panel latency = panel("latency-per-customer", PanelKind::Bars, "P95 latency per customer",
                          "95th percentile processing latency of each customer's events, against the SLA of "
                          "100 ms.");
    latency.queries = {instant("customer_api_latency_ms{percentile=\"p95\"}", "{customer}")};
    latency.unit = "ms";
    latency.decimals = 2;
    latency.target = Target::lowerIsBetter(kP95TargetMs, 20);
    latency.columnSpan = 2;
    dashboard.panels.push_back(latency);

    Panel revenue = panel("revenue-per-customer", PanelKind::Bars, "In-app revenue per customer",
                          "In-app revenue in the time range, all currencies added up.");
    revenue.queries = {instant("sum by (app_id) (increase(attribution_revenue_total[$__range]))", "{customer}")};
    revenue.decimals = 0;
    revenue.columnSpan = 2;
    dashboard.panels.push_back(revenue);

    Panel accuracyOverTime = panel("accuracy-over-time", PanelKind::TimeSeries, "Attribution accuracy over time",
                                   "Each customer's attribution accuracy, against the target of 99 %.");
    accuracyOverTime.queries = {range("attribution_accuracy_percent", "{customer}")};
    accuracyOverTime.unit = "%";
    accuracyOverTime.decimals = 2;
    accuracyOverTime.target = Target::higherIsBetter(kAccuracyTarget);
    accuracyOverTime.columnSpan = 2;
    dashboard.panels.push_back(accuracyOverTime);

    return dashboard;
}

Dashboard loadTesting()
{
    Dashboard dashboard{"load-testing", "Load testing", {}};

    Panel current = panel("current-throughput", PanelKind::Gauge, "Current throughput",
                          "Events processed per second over the last minute, against the target of 1,000,000 "
                          "events/s.");
    current.queries = {instant(kEventRate)};
    current.unit = "events/s";
    current.decimals = 0;
    current.target = Target::higherIsBetter(kThroughputTarget, 100'000);
    current.maximum = 1'200'000;
    dashboard.panels.push_back(current);

    Panel success = panel("success-rate", PanelKind::Gauge, "Success rate",
                          "Share of events processed without rejection over the last minute, against the target "
                          "of 99.9 %.");
    success.queries = {instant("100 - " + errorRate("1m"))};
    success.unit = "%";
    success.decimals = 2;
    success.target = Target::higherIsBetter(kSuccessRateTarget, 0.05);
    success.minimum = 95;
    success.maximum = 100;
    dashboard.panels.push_back(success);

    Panel distribution = panel("latency-distribution", PanelKind::Bars, "Latency distribution",
                               "Processing latency percentiles over the time range, against the P95 target of "
                               "100 ms.");
    for (const auto& [quantile, name] : {std::pair{"0.5", "P50"}, std::pair{"0.75", "P75"}, std::pair{"0.9", "P90"},
                                         std::pair{"0.95", "P95"}, std::pair{"0.99", "P99"}})
        distribution.queries.push_back(instant(latencyQuantile(quantile, "$__range"), name));
    distribution.unit = "ms";
    distribution.decimals = 2;
    distribution.target = Target::lowerIsBetter(kP95TargetMs);
    distribution.columnSpan = 2;
    dashboard.panels.push_back(distribution);

    Panel throughput = panel("throughput-over-time", PanelKind::TimeSeries, "Throughput over time",
                             "Events processed per second, against the target of 1,000,000 events/s.");
    throughput.queries = {range(kEventRateOverRange, "Processed")};
    throughput.unit = "events/s";
    throughput.decimals = 0;
    throughput.target = Target::higherIsBetter(kThroughputTarget);
    throughput.columnSpan = 2;
    dashboard.panels.push_back(throughput);

    Panel errors = panel("error-rate-during-test", PanelKind::TimeSeries, "Error rate during the test",
                         "Share of processed events that were rejected, against the target of 0.1 %.");
    errors.queries = {range(errorRate("$__rate_interval"), "Rejected")};
    errors.unit = "%";
    errors.decimals = 3;
    errors.target = Target::lowerIsBetter(kErrorRateTarget);
    errors.columnSpan = 2;
    dashboard.panels.push_back(errors);

    Panel cpu = panel("cpu-under-load", PanelKind::TimeSeries, "CPU use under load",
                      "CPU time the console process used per second, in cores.");
    cpu.queries = {range("rate(process_cpu_seconds_total[$__rate_interval])", "CPU")};
    cpu.unit = "cores";
    cpu.decimals = 2;
    cpu.columnSpan = 2;
    dashboard.panels.push_back(cpu);

    Panel memory = panel("memory-under-load", PanelKind::TimeSeries, "Memory under load",
                         "Resident set size of the console process.");
    memory.queries = {range("process_resident_memory_bytes / 1048576", "Resident memory")};
    memory.unit = "MiB";
    memory.decimals = 1;
    memory.columnSpan = 2;
    dashboard.panels.push_back(memory);

    Panel queues = panel("queue-depth", PanelKind::TimeSeries, "Queue depth and backpressure",
                         "Events waiting in the worker queues, and submissions per second that had to wait for "
                         "queue space.");
    queues.queries = {range("sum(attribution_queue_depth)", "Queued events"),
                      range("sum(rate(attribution_backpressure_waits_total[$__rate_interval]))",
                            "Backpressure waits per second")};
    queues.decimals = 0;
    queues.columnSpan = 2;
    dashboard.panels.push_back(queues);

    Panel summary = panel("validation-summary", PanelKind::Table, "Validation summary",
                          "Each target of the platform with the value measured over the time range.");
    summary.queries = {
        row("Event throughput", kEventRate, Target::higherIsBetter(kThroughputTarget), "events/s", 0),
        row("P95 processing latency", latencyQuantile("0.95", "$__range"), Target::lowerIsBetter(kP95TargetMs), "ms",
            2),
        row("P99 processing latency", latencyQuantile("0.99", "$__range"), Target::lowerIsBetter(kP99TargetMs), "ms",
            2),
        row("Uptime", kUptime, Target::higherIsBetter(kUptimeTarget), "%", 2),
        row("Attribution accuracy", kAccuracy, Target::higherIsBetter(kAccuracyTarget), "%", 2),
        row("Error rate", errorRate("$__range"), Target::lowerIsBetter(kErrorRateTarget), "%", 3),
        row("Pilot customers", "total_pilot_customers", Target::higherIsBetter(kPilotCustomerTarget), {}, 0),
        row("Customer satisfaction", "avg(customer_satisfaction_score)", Target::higherIsBetter(kSatisfactionTarget),
            "%", 1),
        row("Customer cost savings", "avg(customer_cost_savings_percent)",
            Target::withinRange(kCostSavingsLow, kCostSavingsHigh), "%", 1),
        row("Successful pilot customers", kSuccessfulPilots, Target::higherIsBetter(kSuccessfulPilotsTarget), "%", 0),
    };
    // The time-to-launch row comes from the customer records.
    summary.records = RecordSource::AverageTimeToLaunch;
    summary.columnSpan = 4;
    dashboard.panels.push_back(summary);

    return dashboard;
}

Dashboard customerOnboarding()
{
    Dashboard dashboard{"customer-onboarding", "Customer onboarding", {}};

    Panel funnel = panel("onboarding-funnel", PanelKind::Funnel, "Onboarding pipeline",
                         "Customers that reached each stage: Discovery, Setup, Integration, Launch.");
    funnel.records = RecordSource::OnboardingFunnel;
    funnel.columnSpan = 2;
    dashboard.panels.push_back(funnel);

    Panel progress = panel("pilot-progress", PanelKind::Gauge, "Pilot programme progress",
                           "Onboarding stages reached by the pilot customers, of all stages for the five pilot "
                           "places.");
    progress.records = RecordSource::PilotProgress;
    progress.unit = "%";
    progress.decimals = 0;
    dashboard.panels.push_back(progress);

    Panel averageLaunch = panel("average-time-to-launch", PanelKind::Stat, "Average time to launch",
                                "Mean days from Discovery to Launch of the launched customers, against the target "
                                "of 14 days.");
    averageLaunch.records = RecordSource::AverageTimeToLaunch;
    averageLaunch.unit = "days";
    averageLaunch.decimals = 1;
    averageLaunch.target = Target::lowerIsBetter(kTimeToLaunchTargetDays, 2);
    dashboard.panels.push_back(averageLaunch);

    Panel launch = panel("time-to-launch", PanelKind::Bars, "Time to launch",
                         "Days from Discovery to Launch per customer; customers not launched yet count the days "
                         "so far. Target: under 14 days.");
    launch.records = RecordSource::TimeToLaunch;
    launch.unit = "days";
    launch.decimals = 0;
    launch.target = Target::lowerIsBetter(kTimeToLaunchTargetDays, 2);
    launch.columnSpan = 2;
    dashboard.panels.push_back(launch);

    Panel tickets = panel("support-tickets", PanelKind::Bars, "Open support tickets",
                          "Support tickets open today per customer.");
    tickets.records = RecordSource::OpenTickets;
    tickets.unit = "tickets";
    tickets.decimals = 0;
    tickets.columnSpan = 2;
    dashboard.panels.push_back(tickets);

    Panel health = panel("health-score", PanelKind::Bars, "Customer health score",
                         "Health score per customer, 0 to 100; 70 or more is healthy. The customers view shows the "
                         "formula.");
    health.records = RecordSource::HealthScores;
    health.decimals = 1;
    health.target = Target::higherIsBetter(kHealthyScore, 10);
    health.minimum = 0;
    health.maximum = 100;
    health.fixedScale = true;
    health.columnSpan = 2;
    dashboard.panels.push_back(health);

    Panel healthHistory = panel("health-over-time", PanelKind::TimeSeries, "Customer health score over time",
                                "Daily health score per customer over the last 30 days, whatever the time range; "
                                "70 or more is healthy.");
    healthHistory.records = RecordSource::HealthHistory;
    healthHistory.decimals = 1;
    healthHistory.target = Target::higherIsBetter(kHealthyScore);
    healthHistory.minimum = 0;
    healthHistory.maximum = 100;
    healthHistory.fixedScale = true;
    healthHistory.columnSpan = 2;
    dashboard.panels.push_back(healthHistory);

    Panel flags = panel("success-flags", PanelKind::Flags, "Technical and business success",
                        "Success flags of each pilot customer; a pilot succeeds with both.");
    flags.records = RecordSource::SuccessFlags;
    flags.columnSpan = 2;
    dashboard.panels.push_back(flags);

    Panel volume = panel("event-volume-per-customer", PanelKind::Bars, "Event volume per customer",
                         "Events accepted in the time range, per customer.");
    volume.queries = {instant("sum by (app_id) (increase(attribution_events_processed_total{status=\"accepted\"}"
                              "[$__range]))",
                              "{customer}")};
    volume.unit = "events";
    volume.decimals = 0;
    volume.columnSpan = 2;
    dashboard.panels.push_back(volume);

    Panel peak = panel("peak-throughput", PanelKind::Stat, "Peak throughput",
                       "Highest event rate in the time range, against the target of 1,000,000 events/s.");
    peak.queries = {range(kEventRateOverRange)};
    peak.reduction = Reduction::Max;
    peak.unit = "events/s";
    peak.decimals = 0;
    peak.target = Target::higherIsBetter(kThroughputTarget);
    dashboard.panels.push_back(peak);

    Panel volumeOverTime = panel("event-rate-per-customer", PanelKind::TimeSeries, "Event rate per customer",
                                 "Events accepted per second, per customer.");
    volumeOverTime.queries = {range("sum by (app_id) (rate(attribution_events_processed_total"
                                    "{status=\"accepted\"}[$__rate_interval]))",
                                    "{customer}")};
    volumeOverTime.unit = "events/s";
    volumeOverTime.decimals = 1;
    volumeOverTime.columnSpan = 2;
    dashboard.panels.push_back(volumeOverTime);

    return dashboard;
}

void replaceAll(std::string& text, std::string_view from, std::string_view to)
{
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
}

} // namespace

Target Target::higherIsBetter(double target, double nearMargin)
{
    return Target{TargetDirection::HigherIsBetter, target, target, nearMargin};
}

Target Target::lowerIsBetter(double target, double nearMargin)
{
    return Target{TargetDirection::LowerIsBetter, target, target, nearMargin};
}

Target Target::withinRange(double low, double high, double nearMargin)
{
    return Target{TargetDirection::WithinRange, low, high, nearMargin};
}

const std::vector<Dashboard>& allDashboards()
{
    static const std::vector<Dashboard> dashboards{performance(), customerSuccess(), loadTesting(),
                                                   customerOnboarding()};
    return dashboards;
}

const Dashboard* findDashboard(std::string_view id)
{
    for (const Dashboard& dashboard : allDashboards()) {
        if (dashboard.id == id)
            return &dashboard;
    }
    return nullptr;
}

std::string expandQueryVariables(std::string_view expression, std::string_view range, std::string_view rateInterval)
{
    std::string text(expression);
    replaceAll(text, "$__rate_interval", rateInterval);
    replaceAll(text, "$__range", range);
    return text;
}

std::string_view panelKindName(PanelKind kind)
{
    switch (kind) {
    case PanelKind::Gauge: return "gauge";
    case PanelKind::Stat: return "stat";
    case PanelKind::TimeSeries: return "timeseries";
    case PanelKind::Bars: return "bars";
    case PanelKind::Funnel: return "funnel";
    case PanelKind::Table: return "table";
    case PanelKind::Flags: return "flags";
    case PanelKind::Count: break;
    }
    return "stat";
}

} // namespace umg::dashboards
