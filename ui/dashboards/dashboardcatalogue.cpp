#include "dashboards/dashboardcatalogue.h"

namespace umg {
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

const QString kEventRate = QStringLiteral("sum(rate(attribution_events_processed_total[1m]))");
const QString kEventRateOverRange = QStringLiteral("sum(rate(attribution_events_processed_total[$__rate_interval]))");

// Percentage of processed events with status "rejected" over `window`. The
// `or vector(0)` keeps the rate at 0 before the first rejection creates the series.
QString errorRate(const QString &window)
{
    return QStringLiteral("100 * (sum(rate(attribution_events_processed_total{status=\"rejected\"}[%1])) or vector(0))"
                          " / sum(rate(attribution_events_processed_total[%1]))")
        .arg(window);
}

// Processing latency quantile `quantile` in milliseconds over `window`.
QString latencyQuantile(double quantile, const QString &window)
{
    return QStringLiteral("1000 * histogram_quantile(%1, sum by (le) "
                          "(rate(attribution_event_processing_duration_seconds_bucket[%2])))")
        .arg(quantile)
        .arg(window);
}

const QString kUptime = QStringLiteral("100 * avg_over_time(up{job=\"unmogrowp\"}[$__range])");
const QString kAccuracy = QStringLiteral(
    "100 * sum(increase(attribution_reference_installs_total{outcome=\"agree\"}[$__range]))"
    " / sum(increase(attribution_reference_installs_total[$__range]))");
const QString kSuccessfulPilots = QStringLiteral("100 * successful_pilot_customers / total_pilot_customers");

PanelQuery instant(const QString &expression, const QString &legend = {})
{
    PanelQuery query;
    query.expression = expression;
    query.kind = QueryRequest::Kind::Instant;
    query.legend = legend;
    return query;
}

PanelQuery range(const QString &expression, const QString &legend = {})
{
    PanelQuery query = instant(expression, legend);
    query.kind = QueryRequest::Kind::Range;
    return query;
}

PanelQuery row(const QString &name, const QString &expression, const ThresholdPolicy &policy, const QString &unit,
               int decimals)
{
    PanelQuery query = instant(expression, name);
    query.policy = policy;
    query.unit = unit;
    query.decimals = decimals;
    return query;
}

PanelDefinition panel(const QString &id, PanelKind kind, const QString &title, const QString &description)
{
    PanelDefinition definition;
    definition.id = id;
    definition.kind = kind;
    definition.title = title;
    definition.description = description;
    return definition;
}

} // namespace

QString DashboardCatalogue::key(DashboardId id)
{
    switch (id) {
    case DashboardId::Performance:
        return QStringLiteral("performance");
    case DashboardId::CustomerSuccess:
        return QStringLiteral("customer-success");
    case DashboardId::LoadTesting:
        return QStringLiteral("load-testing");
    case DashboardId::CustomerOnboarding:
        return QStringLiteral("customer-onboarding");
    case DashboardId::Count:
        break;
    }
    return {};
}

DashboardDefinition DashboardCatalogue::dashboard(DashboardId id)
{
    switch (id) {
    case DashboardId::Performance:
        return performance();
    case DashboardId::CustomerSuccess:
        return customerSuccess();
    case DashboardId::LoadTesting:
        return loadTesting();
    case DashboardId::CustomerOnboarding:
        return customerOnboarding();
    case DashboardId::Count:
        break;
    }
    return {};
}

QList<DashboardDefinition> DashboardCatalogue::all()
{
    QList<DashboardDefinition> dashboards;
    for (int i = 0; i < int(DashboardId::Count); ++i)
        dashboards.append(dashboard(DashboardId(i)));
    return dashboards;
}

DashboardDefinition DashboardCatalogue::performance()
{
    DashboardDefinition dashboard;
    dashboard.id = key(DashboardId::Performance);
    dashboard.title = tr("Performance");

    PanelDefinition rate = panel(QStringLiteral("event-rate"), PanelKind::Gauge, tr("Event processing rate"),
                                 tr("Events the engine processed per second over the last minute, against the "
                                    "target of 1,000,000 events/s."));
    rate.queries = {instant(kEventRate)};
    rate.unit = tr("events/s");
    rate.decimals = 0;
    rate.policy = ThresholdPolicy::higherIsBetter(kThroughputTarget, 100'000);
    rate.maximum = 1'200'000;
    dashboard.panels.append(rate);

    PanelDefinition p95 = panel(QStringLiteral("p95-latency"), PanelKind::Gauge, tr("P95 processing latency"),
                                tr("95th percentile of the time from acceptance to the attribution decision over "
                                   "the last minute, against the target of 100 ms."));
    p95.queries = {instant(latencyQuantile(0.95, QStringLiteral("1m")))};
    p95.unit = tr("ms");
    p95.decimals = 1;
    p95.policy = ThresholdPolicy::lowerIsBetter(kP95TargetMs, 20);
    p95.maximum = 250;
    dashboard.panels.append(p95);

    PanelDefinition uptime = panel(QStringLiteral("uptime"), PanelKind::Stat, tr("Uptime"),
                                   tr("Share of the time range in which the engine was up, against the target of "
                                      "99.9 %."));
    uptime.queries = {instant(kUptime), range(QStringLiteral("100 * up{job=\"unmogrowp\"}"))};
    uptime.unit = QStringLiteral("%");
    uptime.decimals = 2;
    uptime.policy = ThresholdPolicy::higherIsBetter(kUptimeTarget, 0.05);
    dashboard.panels.append(uptime);

    PanelDefinition accuracy = panel(QStringLiteral("accuracy"), PanelKind::Gauge, tr("Attribution accuracy"),
                                     tr("Installs whose attribution agrees with their reference attribution, over "
                                        "the time range, against the target of 99 %."));
    accuracy.queries = {instant(kAccuracy)};
    accuracy.unit = QStringLiteral("%");
    accuracy.decimals = 2;
    accuracy.policy = ThresholdPolicy::higherIsBetter(kAccuracyTarget, 0.5);
    accuracy.minimum = 90;
    accuracy.maximum = 100;
    dashboard.panels.append(accuracy);

    PanelDefinition throughput = panel(QStringLiteral("throughput"), PanelKind::TimeSeries, tr("Throughput over time"),
                                       tr("Events processed per second by event type. The 1,000,000 events/s "
                                          "target is on the rate gauge, so that this chart keeps its detail."));
    throughput.queries = {range(QStringLiteral("sum by (event_type) "
                                               "(rate(attribution_events_processed_total[$__rate_interval]))"),
                                QStringLiteral("{event_type}"))};
    throughput.unit = tr("events/s");
    throughput.decimals = 0;
    throughput.columnSpan = 2;
    dashboard.panels.append(throughput);

    PanelDefinition latency = panel(QStringLiteral("latency-percentiles"), PanelKind::TimeSeries,
                                    tr("Latency percentiles over time"),
                                    tr("P50, P95 and P99 processing latency, against the P95 target of 100 ms."));
    latency.queries = {range(latencyQuantile(0.5, QStringLiteral("$__rate_interval")), tr("P50")),
                       range(latencyQuantile(0.95, QStringLiteral("$__rate_interval")), tr("P95")),
                       range(latencyQuantile(0.99, QStringLiteral("$__rate_interval")), tr("P99"))};
    latency.unit = tr("ms");
    latency.decimals = 2;
    latency.policy = ThresholdPolicy::lowerIsBetter(kP95TargetMs);
    latency.columnSpan = 2;
    dashboard.panels.append(latency);

    PanelDefinition errors = panel(QStringLiteral("error-rate"), PanelKind::TimeSeries, tr("Error rate"),
                                   tr("Share of processed events that were rejected, against the target of 0.1 %."));
    errors.queries = {range(errorRate(QStringLiteral("$__rate_interval")), tr("Rejected"))};
    errors.unit = QStringLiteral("%");
    errors.decimals = 3;
    errors.policy = ThresholdPolicy::lowerIsBetter(kErrorRateTarget);
    errors.columnSpan = 2;
    dashboard.panels.append(errors);

    PanelDefinition memory = panel(QStringLiteral("memory"), PanelKind::TimeSeries, tr("Memory"),
                                   tr("Resident memory of the engine process and the size of its database."));
    memory.queries = {range(QStringLiteral("attribution_memory_usage_bytes / 1048576"), tr("Resident memory")),
                      range(QStringLiteral("attribution_storage_database_size_bytes / 1048576"), tr("Database"))};
    memory.unit = tr("MiB");
    memory.decimals = 1;
    memory.columnSpan = 2;
    dashboard.panels.append(memory);

    PanelDefinition connections = panel(QStringLiteral("active-connections"), PanelKind::Stat, tr("Active connections"),
                                        tr("Open HTTP clients and Kafka consumers; more than 5,000 exhausts the "
                                           "connection pool."));
    connections.queries = {range(QStringLiteral("attribution_active_connections"))};
    connections.decimals = 0;
    connections.policy = ThresholdPolicy::lowerIsBetter(kConnectionLimit, 1000);
    dashboard.panels.append(connections);

    PanelDefinition services = panel(QStringLiteral("service-health"), PanelKind::Table, tr("Service health"),
                                     tr("1 means healthy. Services that this setup does not run are left out."));
    const ThresholdPolicy healthy = ThresholdPolicy::higherIsBetter(1);
    services.queries = {
        row(tr("Attribution engine"), QStringLiteral("up{job=\"unmogrowp\"}"), healthy, {}, 0),
        row(tr("Attribution workers"), QStringLiteral("attribution_worker_threads > bool 0"), healthy, {}, 0),
        row(tr("Storage writer"), QStringLiteral("sum(increase(attribution_storage_errors_total[5m])) == bool 0"),
            healthy, {}, 0),
        row(tr("Worker queues below 90 %"),
            QStringLiteral("max(attribution_queue_depth / attribution_queue_capacity) < bool 0.9"), healthy, {}, 0),
        row(tr("Kafka"), QStringLiteral("up{job=\"kafka\"}"), healthy, {}, 0),
        row(tr("ClickHouse"), QStringLiteral("up{job=\"clickhouse\"}"), healthy, {}, 0),
    };
    services.queries[4].hideWhenEmpty = true;
    services.queries[5].hideWhenEmpty = true;
    services.decimals = 0;
    dashboard.panels.append(services);

    PanelDefinition outcomes = panel(QStringLiteral("install-outcomes"), PanelKind::Bars, tr("Installs by outcome"),
                                     tr("Installs decided in the time range: credited to a touch, organic, or "
                                        "rejected by an app's fraud policy."));
    outcomes.queries = {
        instant(QStringLiteral("sum(increase(attribution_installs_attributed_total[$__range])) or vector(0)"),
                tr("Attributed")),
        instant(QStringLiteral("sum(increase(attribution_installs_organic_total[$__range])) or vector(0)"),
                tr("Organic")),
        instant(QStringLiteral("sum(increase(attribution_installs_fraud_rejected_total[$__range])) or vector(0)"),
                tr("Rejected as fraud")),
    };
    outcomes.unit = tr("installs");
    outcomes.decimals = 0;
    dashboard.panels.append(outcomes);

    PanelDefinition fraud = panel(QStringLiteral("fraud-flags"), PanelKind::Bars, tr("Fraud flags by reason"),
                                  tr("Fraud flags raised in the time range: click-to-install time too short, or "
                                     "click flooding."));
    fraud.queries = {instant(QStringLiteral("sum by (reason) (increase(attribution_fraud_flags_total[$__range]))"),
                             QStringLiteral("{reason}"))};
    fraud.unit = tr("flags");
    fraud.decimals = 0;
    dashboard.panels.append(fraud);

    return dashboard;
}

DashboardDefinition DashboardCatalogue::customerSuccess()
{
    DashboardDefinition dashboard;
    dashboard.id = key(DashboardId::CustomerSuccess);
    dashboard.title = tr("Customer success");

    PanelDefinition pilots = panel(QStringLiteral("pilot-customers"), PanelKind::Stat, tr("Pilot customers"),
                                   tr("Pilot customers on record, against the target of 5."));
    pilots.queries = {range(QStringLiteral("total_pilot_customers"))};
    pilots.decimals = 0;
    pilots.policy = ThresholdPolicy::higherIsBetter(kPilotCustomerTarget);
    dashboard.panels.append(pilots);

    PanelDefinition satisfaction = panel(QStringLiteral("satisfaction"), PanelKind::Gauge, tr("Customer satisfaction"),
                                         tr("Mean of each customer's latest satisfaction survey, against the target "
                                            "of 90 %."));
    satisfaction.queries = {instant(QStringLiteral("avg(customer_satisfaction_score)"))};
    satisfaction.unit = QStringLiteral("%");
    satisfaction.policy = ThresholdPolicy::higherIsBetter(kSatisfactionTarget, 3);
    dashboard.panels.append(satisfaction);

    PanelDefinition successRate = panel(QStringLiteral("success-rate"), PanelKind::Gauge,
                                        tr("Successful pilot customers"),
                                        tr("Pilot customers with both success flags set, against the target of "
                                           "80 %; an alert fires below 60 %."));
    successRate.queries = {instant(kSuccessfulPilots)};
    successRate.unit = QStringLiteral("%");
    successRate.decimals = 0;
    successRate.policy = ThresholdPolicy::higherIsBetter(kSuccessfulPilotsTarget);
    dashboard.panels.append(successRate);

    PanelDefinition mrr = panel(QStringLiteral("estimated-mrr"), PanelKind::Stat,
                                tr("Estimated monthly recurring revenue"),
                                tr("Sum of the monthly recurring revenue of all pilot-customer records."));
    mrr.records = RecordSource::EstimatedMrr;
    mrr.unit = tr("per month");
    mrr.decimals = 0;
    dashboard.panels.append(mrr);

    PanelDefinition accuracy = panel(QStringLiteral("accuracy-per-customer"), PanelKind::Bars,
                                     tr("Attribution accuracy per customer"),
                                     tr("Agreement of each customer's attributed installs with the reference "
                                        "attribution, against the target of 99 %."));
    accuracy.queries = {instant(QStringLiteral("attribution_accuracy_percent"), QStringLiteral("{customer}"))};
    accuracy.unit = QStringLiteral("%");
    accuracy.decimals = 2;
    accuracy.policy = ThresholdPolicy::higherIsBetter(kAccuracyTarget, 0.5);
    accuracy.minimum = 90;
    accuracy.maximum = 100;
    accuracy.fixedScale = true;
    accuracy.columnSpan = 2;
    dashboard.panels.append(accuracy);

    PanelDefinition savings = panel(QStringLiteral("cost-savings"), PanelKind::Bars, tr("Cost savings per customer"),
                                    tr("Saving against each customer's cost before the pilot, against the target "
                                       "range of 30–50 %."));
    savings.queries = {instant(QStringLiteral("customer_cost_savings_percent"), QStringLiteral("{customer}"))};
    savings.unit = QStringLiteral("%");
    savings.policy = ThresholdPolicy::withinRange(kCostSavingsLow, kCostSavingsHigh, 2);
    savings.columnSpan = 2;
    dashboard.panels.append(savings);

    PanelDefinition impact = panel(QStringLiteral("business-impact"), PanelKind::Bars,
                                   tr("Business impact: attributed installs"),
                                   tr("Installs credited to a paid touch in the time range, per customer."));
    impact.queries = {instant(QStringLiteral("sum by (app_id) "
                                             "(increase(attribution_installs_attributed_total[$__range]))"),
                              QStringLiteral("{customer}"))};
    impact.unit = tr("installs");
    impact.decimals = 0;
    impact.columnSpan = 2;
    dashboard.panels.append(impact);

    PanelDefinition latency = panel(QStringLiteral("latency-per-customer"), PanelKind::Bars,
                                    tr("P95 latency per customer"),
                                    tr("95th percentile processing latency of each customer's events, against the "
                                       "SLA of 100 ms."));
    latency.queries = {instant(QStringLiteral("customer_api_latency_ms{percentile=\"p95\"}"),
                               QStringLiteral("{customer}"))};
    latency.unit = tr("ms");
    latency.decimals = 2;
    latency.policy = ThresholdPolicy::lowerIsBetter(kP95TargetMs, 20);
    latency.columnSpan = 2;
    dashboard.panels.append(latency);

    PanelDefinition revenue = panel(QStringLiteral("revenue-per-customer"), PanelKind::Bars,
                                    tr("In-app revenue per customer"),
                                    tr("In-app revenue in the time range, all currencies added up."));
    revenue.queries = {instant(QStringLiteral("sum by (app_id) (increase(attribution_revenue_total[$__range]))"),
                               QStringLiteral("{customer}"))};
    revenue.decimals = 0;
    revenue.columnSpan = 2;
    dashboard.panels.append(revenue);

    PanelDefinition accuracyOverTime = panel(QStringLiteral("accuracy-over-time"), PanelKind::TimeSeries,
                                             tr("Attribution accuracy over time"),
                                             tr("Each customer's attribution accuracy, against the target of 99 %."));
    accuracyOverTime.queries = {range(QStringLiteral("attribution_accuracy_percent"), QStringLiteral("{customer}"))};
    accuracyOverTime.unit = QStringLiteral("%");
    accuracyOverTime.decimals = 2;
    accuracyOverTime.policy = ThresholdPolicy::higherIsBetter(kAccuracyTarget);
    accuracyOverTime.columnSpan = 2;
    dashboard.panels.append(accuracyOverTime);

    return dashboard;
}

DashboardDefinition DashboardCatalogue::loadTesting()
{
    DashboardDefinition dashboard;
    dashboard.id = key(DashboardId::LoadTesting);
    dashboard.title = tr("Load testing");

    PanelDefinition current = panel(QStringLiteral("current-throughput"), PanelKind::Gauge, tr("Current throughput"),
                                    tr("Events processed per second over the last minute, against the target of "
                                       "1,000,000 events/s."));
    current.queries = {instant(kEventRate)};
    current.unit = tr("events/s");
    current.decimals = 0;
    current.policy = ThresholdPolicy::higherIsBetter(kThroughputTarget, 100'000);
    current.maximum = 1'200'000;
    dashboard.panels.append(current);

    PanelDefinition success = panel(QStringLiteral("success-rate"), PanelKind::Gauge, tr("Success rate"),
                                    tr("Share of events processed without rejection over the last minute, against "
                                       "the target of 99.9 %."));
    success.queries = {instant(QStringLiteral("100 - ") + errorRate(QStringLiteral("1m")))};
    success.unit = QStringLiteral("%");
    success.decimals = 2;
    success.policy = ThresholdPolicy::higherIsBetter(kSuccessRateTarget, 0.05);
    success.minimum = 95;
    success.maximum = 100;
    dashboard.panels.append(success);

    PanelDefinition distribution = panel(QStringLiteral("latency-distribution"), PanelKind::Bars,
                                         tr("Latency distribution"),
                                         tr("Processing latency percentiles over the time range, against the P95 "
                                            "target of 100 ms."));
    for (const auto &[quantile, name] : {std::pair{0.5, QStringLiteral("P50")}, std::pair{0.75, QStringLiteral("P75")},
                                         std::pair{0.9, QStringLiteral("P90")}, std::pair{0.95, QStringLiteral("P95")},
                                         std::pair{0.99, QStringLiteral("P99")}})
        distribution.queries.append(instant(latencyQuantile(quantile, QStringLiteral("$__range")), name));
    distribution.unit = tr("ms");
    distribution.decimals = 2;
    distribution.policy = ThresholdPolicy::lowerIsBetter(kP95TargetMs);
    distribution.columnSpan = 2;
    dashboard.panels.append(distribution);

    PanelDefinition throughput = panel(QStringLiteral("throughput-over-time"), PanelKind::TimeSeries,
                                       tr("Throughput over time"),
                                       tr("Events processed per second, against the target of 1,000,000 events/s."));
    throughput.queries = {range(kEventRateOverRange, tr("Processed"))};
    throughput.unit = tr("events/s");
    throughput.decimals = 0;
    throughput.policy = ThresholdPolicy::higherIsBetter(kThroughputTarget);
    throughput.columnSpan = 2;
    dashboard.panels.append(throughput);

    PanelDefinition errors = panel(QStringLiteral("error-rate-during-test"), PanelKind::TimeSeries,
                                   tr("Error rate during the test"),
                                   tr("Share of processed events that were rejected, against the target of 0.1 %."));
    errors.queries = {range(errorRate(QStringLiteral("$__rate_interval")), tr("Rejected"))};
    errors.unit = QStringLiteral("%");
    errors.decimals = 3;
    errors.policy = ThresholdPolicy::lowerIsBetter(kErrorRateTarget);
    errors.columnSpan = 2;
    dashboard.panels.append(errors);

    PanelDefinition cpu = panel(QStringLiteral("cpu-under-load"), PanelKind::TimeSeries, tr("CPU use under load"),
                                tr("CPU time the console process used per second, in cores."));
    cpu.queries = {range(QStringLiteral("rate(process_cpu_seconds_total[$__rate_interval])"), tr("CPU"))};
    cpu.unit = tr("cores");
    cpu.decimals = 2;
    cpu.columnSpan = 2;
    dashboard.panels.append(cpu);

    PanelDefinition memory = panel(QStringLiteral("memory-under-load"), PanelKind::TimeSeries,
                                   tr("Memory under load"), tr("Resident set size of the console process."));
    memory.queries = {range(QStringLiteral("process_resident_memory_bytes / 1048576"), tr("Resident memory"))};
    memory.unit = tr("MiB");
    memory.decimals = 1;
    memory.columnSpan = 2;
    dashboard.panels.append(memory);

    PanelDefinition queues = panel(QStringLiteral("queue-depth"), PanelKind::TimeSeries,
                                   tr("Queue depth and backpressure"),
                                   tr("Events waiting in the worker queues, and submissions per second that had to "
                                      "wait for queue space."));
    queues.queries = {range(QStringLiteral("sum(attribution_queue_depth)"), tr("Queued events")),
                      range(QStringLiteral("sum(rate(attribution_backpressure_waits_total[$__rate_interval]))"),
                            tr("Backpressure waits per second"))};
    queues.decimals = 0;
    queues.columnSpan = 2;
    dashboard.panels.append(queues);

    PanelDefinition summary = panel(QStringLiteral("validation-summary"), PanelKind::Table, tr("Validation summary"),
                                    tr("Each target of the platform with the value measured over the time range."));
    summary.queries = {
        row(tr("Event throughput"), kEventRate, ThresholdPolicy::higherIsBetter(kThroughputTarget), tr("events/s"), 0),
        row(tr("P95 processing latency"), latencyQuantile(0.95, QStringLiteral("$__range")),
            ThresholdPolicy::lowerIsBetter(kP95TargetMs), tr("ms"), 2),
        row(tr("P99 processing latency"), latencyQuantile(0.99, QStringLiteral("$__range")),
            ThresholdPolicy::lowerIsBetter(kP99TargetMs), tr("ms"), 2),
        row(tr("Uptime"), kUptime, ThresholdPolicy::higherIsBetter(kUptimeTarget), QStringLiteral("%"), 2),
        row(tr("Attribution accuracy"), kAccuracy, ThresholdPolicy::higherIsBetter(kAccuracyTarget),
            QStringLiteral("%"), 2),
        row(tr("Error rate"), errorRate(QStringLiteral("$__range")), ThresholdPolicy::lowerIsBetter(kErrorRateTarget),
            QStringLiteral("%"), 3),
        row(tr("Pilot customers"), QStringLiteral("total_pilot_customers"),
            ThresholdPolicy::higherIsBetter(kPilotCustomerTarget), {}, 0),
        row(tr("Customer satisfaction"), QStringLiteral("avg(customer_satisfaction_score)"),
            ThresholdPolicy::higherIsBetter(kSatisfactionTarget), QStringLiteral("%"), 1),
        row(tr("Customer cost savings"), QStringLiteral("avg(customer_cost_savings_percent)"),
            ThresholdPolicy::withinRange(kCostSavingsLow, kCostSavingsHigh), QStringLiteral("%"), 1),
        row(tr("Successful pilot customers"), kSuccessfulPilots,
            ThresholdPolicy::higherIsBetter(kSuccessfulPilotsTarget), QStringLiteral("%"), 0),
    };
    // The time-to-launch row comes from the customer records.
    summary.records = RecordSource::AverageTimeToLaunch;
    summary.columnSpan = 4;
    dashboard.panels.append(summary);

    return dashboard;
}

DashboardDefinition DashboardCatalogue::customerOnboarding()
{
    DashboardDefinition dashboard;
    dashboard.id = key(DashboardId::CustomerOnboarding);
    dashboard.title = tr("Customer onboarding");

    PanelDefinition funnel = panel(QStringLiteral("onboarding-funnel"), PanelKind::Funnel, tr("Onboarding pipeline"),
                                   tr("Customers that reached each stage: Discovery, Setup, Integration, Launch."));
    funnel.records = RecordSource::OnboardingFunnel;
    funnel.columnSpan = 2;
    dashboard.panels.append(funnel);

    PanelDefinition progress = panel(QStringLiteral("pilot-progress"), PanelKind::Gauge, tr("Pilot programme progress"),
                                     tr("Onboarding stages reached by the pilot customers, of all stages for the "
                                        "five pilot places."));
    progress.records = RecordSource::PilotProgress;
    progress.unit = QStringLiteral("%");
    progress.decimals = 0;
    dashboard.panels.append(progress);

    PanelDefinition averageLaunch = panel(QStringLiteral("average-time-to-launch"), PanelKind::Stat,
                                          tr("Average time to launch"),
                                          tr("Mean days from Discovery to Launch of the launched customers, against "
                                             "the target of 14 days."));
    averageLaunch.records = RecordSource::AverageTimeToLaunch;
    averageLaunch.unit = tr("days");
    averageLaunch.decimals = 1;
    averageLaunch.policy = ThresholdPolicy::lowerIsBetter(kTimeToLaunchTargetDays, 2);
    dashboard.panels.append(averageLaunch);

    PanelDefinition launch = panel(QStringLiteral("time-to-launch"), PanelKind::Bars, tr("Time to launch"),
                                   tr("Days from Discovery to Launch per customer; customers not launched yet count "
                                      "the days so far. Target: under 14 days."));
    launch.records = RecordSource::TimeToLaunch;
    launch.unit = tr("days");
    launch.decimals = 0;
    launch.policy = ThresholdPolicy::lowerIsBetter(kTimeToLaunchTargetDays, 2);
    launch.columnSpan = 2;
    dashboard.panels.append(launch);

    PanelDefinition tickets = panel(QStringLiteral("support-tickets"), PanelKind::Bars, tr("Open support tickets"),
                                    tr("Support tickets open today per customer."));
    tickets.records = RecordSource::OpenTickets;
    tickets.unit = tr("tickets");
    tickets.decimals = 0;
    tickets.columnSpan = 2;
    dashboard.panels.append(tickets);

    PanelDefinition health = panel(QStringLiteral("health-score"), PanelKind::Bars, tr("Customer health score"),
                                   tr("Health score per customer, 0 to 100; 70 or more is healthy. The customers "
                                      "view shows the formula."));
    health.records = RecordSource::HealthScores;
    health.decimals = 1;
    health.policy = ThresholdPolicy::higherIsBetter(kHealthyScore, 10);
    health.minimum = 0;
    health.maximum = 100;
    health.fixedScale = true;
    health.columnSpan = 2;
    dashboard.panels.append(health);

    PanelDefinition healthHistory = panel(QStringLiteral("health-over-time"), PanelKind::TimeSeries,
                                          tr("Customer health score over time"),
                                          tr("Daily health score per customer over the last 30 days, whatever the "
                                             "time range; 70 or more is healthy."));
    healthHistory.records = RecordSource::HealthHistory;
    healthHistory.decimals = 1;
    healthHistory.policy = ThresholdPolicy::higherIsBetter(kHealthyScore);
    healthHistory.minimum = 0;
    healthHistory.maximum = 100;
    healthHistory.fixedScale = true;
    healthHistory.columnSpan = 2;
    dashboard.panels.append(healthHistory);

    PanelDefinition flags = panel(QStringLiteral("success-flags"), PanelKind::Flags,
                                  tr("Technical and business success"),
                                  tr("Success flags of each pilot customer; a pilot succeeds with both."));
    flags.records = RecordSource::SuccessFlags;
    flags.columnSpan = 2;
    dashboard.panels.append(flags);

    PanelDefinition volume = panel(QStringLiteral("event-volume-per-customer"), PanelKind::Bars,
                                   tr("Event volume per customer"),
                                   tr("Events accepted in the time range, per customer."));
    volume.queries = {instant(QStringLiteral("sum by (app_id) "
                                             "(increase(attribution_events_processed_total{status=\"accepted\"}"
                                             "[$__range]))"),
                              QStringLiteral("{customer}"))};
    volume.unit = tr("events");
    volume.decimals = 0;
    volume.columnSpan = 2;
    dashboard.panels.append(volume);

    PanelDefinition peak = panel(QStringLiteral("peak-throughput"), PanelKind::Stat, tr("Peak throughput"),
                                 tr("Highest event rate in the time range, against the target of 1,000,000 "
                                    "events/s."));
    peak.queries = {range(kEventRateOverRange)};
    peak.reduction = Reduction::Max;
    peak.unit = tr("events/s");
    peak.decimals = 0;
    peak.policy = ThresholdPolicy::higherIsBetter(kThroughputTarget);
    dashboard.panels.append(peak);

    PanelDefinition volumeOverTime = panel(QStringLiteral("event-rate-per-customer"), PanelKind::TimeSeries,
                                           tr("Event rate per customer"),
                                           tr("Events accepted per second, per customer."));
    volumeOverTime.queries = {range(QStringLiteral("sum by (app_id) (rate(attribution_events_processed_total"
                                                   "{status=\"accepted\"}[$__rate_interval]))"),
                                    QStringLiteral("{customer}"))};
    volumeOverTime.unit = tr("events/s");
    volumeOverTime.decimals = 1;
    volumeOverTime.columnSpan = 2;
    dashboard.panels.append(volumeOverTime);

    return dashboard;
}

} // namespace umg
