#include "alerts/catalogue.h"

// The rule catalogue. Metric names follow docs/METRICS.md; infrastructure
// rules use node_exporter's names and the `up` series of Prometheus's scrapes.
// Every rule needs a fixture in tests/alerts/fixtures that makes it fire and
// one that keeps it quiet just short of its threshold.

namespace umg::alerts {
namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 60 * kMinute;

constexpr std::string_view kPerformance = "unmogrowp.performance";
constexpr std::string_view kCustomers = "unmogrowp.customers";
constexpr std::string_view kLoadTest = "unmogrowp.loadtest";
constexpr std::string_view kInfrastructure = "unmogrowp.infrastructure";
constexpr std::string_view kPipeline = "unmogrowp.pipeline";
constexpr std::string_view kAttribution = "unmogrowp.attribution";
constexpr std::string_view kKafka = "unmogrowp.kafka";
constexpr std::string_view kStorage = "unmogrowp.storage";
constexpr std::string_view kApi = "unmogrowp.api";

// Rules that fire when a rate is too low wait (`for`) at least as long as their
// rate window. While a series is younger than the window, for example after an
// engine or Prometheus restart, rate() covers only part of it and reads low.
const std::vector<RuleDefinition> kRules{
    // --- performance -------------------------------------------------------
    {kPerformance, "EventThroughputBelowTarget",
     "sum(rate(attribution_events_processed_total[5m])) < ${event_throughput_target}",
     5 * kMinute, Severity::Warning,
     "Event throughput below target",
     "The engines process {{ $value | humanize }} events/s, below the target of ${event_throughput_target} events/s."},
    {kPerformance, "EventThroughputCriticallyLow",
     "sum(rate(attribution_events_processed_total[5m])) < ${event_throughput_target} * ${event_throughput_critical_fraction}",
     5 * kMinute, Severity::Critical,
     "Event throughput critically low",
     "The engines process {{ $value | humanize }} events/s, less than ${event_throughput_critical_fraction:percent} "
     "of the target of ${event_throughput_target} events/s."},
    {kPerformance, "P95LatencyAboveTarget",
     "histogram_quantile(0.95, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[5m])))"
     " > ${p95_latency_target_seconds}",
     3 * kMinute, Severity::Warning,
     "P95 processing latency above target",
     "P95 processing latency is {{ $value | humanizeDuration }}, above the target of ${p95_latency_target_seconds} s."},
    {kPerformance, "P99LatencyCritical",
     "histogram_quantile(0.99, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[5m])))"
     " > ${p99_latency_target_seconds}",
     2 * kMinute, Severity::Critical,
     "P99 processing latency critical",
     "P99 processing latency is {{ $value | humanizeDuration }}, above the limit of ${p99_latency_target_seconds} s."},
    {kPerformance, "LatencyDegrading",
     "histogram_quantile(0.95, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[5m])))"
     " > ${latency_degradation_factor}"
     " * histogram_quantile(0.95, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[5m] offset 15m)))"
     " and histogram_quantile(0.95, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[5m])))"
     " > ${latency_degradation_floor_seconds}",
     5 * kMinute, Severity::Warning,
     "Processing latency rising fast",
     "P95 processing latency rose to {{ $value | humanizeDuration }}, more than ${latency_degradation_factor} times "
     "its value 15 minutes earlier."},
    {kPerformance, "ServiceDown",
     "up == 0",
     1 * kMinute, Severity::Critical,
     "Service {{ $labels.job }} down",
     "Prometheus has failed to scrape {{ $labels.job }} at {{ $labels.instance }} for more than a minute."},
    {kPerformance, "UptimeBelow99_9",
     R"(avg_over_time(up{job="unmogrowp"}[1d]) < ${uptime_target_ratio})",
     5 * kMinute, Severity::Warning,
     "Engine uptime below ${uptime_target_ratio:percent}",
     "The engine at {{ $labels.instance }} answered {{ $value | humanizePercentage }} of its scrapes over the last "
     "day, below the target of ${uptime_target_ratio:percent}."},
    {kPerformance, "HighErrorRate",
     R"(sum(rate(attribution_events_processed_total{status="rejected"}[5m])) / sum(rate(attribution_events_processed_total[5m])))"
     " > ${error_rate_max_ratio}",
     5 * kMinute, Severity::Warning,
     "High event error rate",
     "{{ $value | humanizePercentage }} of incoming events were rejected over 5 minutes, above the limit of "
     "${error_rate_max_ratio:percent}."},
    {kPerformance, "ErrorRateSpike",
     R"(sum(rate(attribution_events_processed_total{status="rejected"}[2m])) / sum(rate(attribution_events_processed_total[2m])))"
     " > ${error_rate_spike_ratio}",
     1 * kMinute, Severity::Critical,
     "Event error rate spike",
     "{{ $value | humanizePercentage }} of incoming events were rejected over 2 minutes, above "
     "${error_rate_spike_ratio:percent}."},
    {kPerformance, "DuplicateEventsHigh",
     R"(sum(rate(attribution_events_processed_total{status="duplicate"}[10m])) / sum(rate(attribution_events_processed_total[10m])))"
     " > ${duplicate_events_max_ratio}",
     15 * kMinute, Severity::Info,
     "Many duplicate events",
     "{{ $value | humanizePercentage }} of incoming events repeat an event id seen before; a sender may be retrying "
     "whole batches."},
    // NOTE: during the first hour of a reason's history the 1-hour baseline is
    // incomplete, so a steady rejection rate above the minimum can fire this rule.
    {kPerformance, "RejectedEventsSpike",
     "sum by (reason) (rate(attribution_events_rejected_total[5m]))"
     " > ${rejected_events_spike_factor} * sum by (reason) (rate(attribution_events_rejected_total[1h]))"
     " and sum by (reason) (rate(attribution_events_rejected_total[5m])) > ${rejected_events_min_per_second}",
     5 * kMinute, Severity::Warning,
     "Spike of events rejected as {{ $labels.reason }}",
     "Input lines rejected as {{ $labels.reason }} arrive at {{ $value | humanize }}/s, more than "
     "${rejected_events_spike_factor} times their rate over the last hour."},
    {kPerformance, "EngineTargetMissing",
     R"(absent(up{job="unmogrowp"}))",
     5 * kMinute, Severity::Warning,
     "No engine scrape target",
     R"(Prometheus has no scrape target with job="unmogrowp", so no engine metrics arrive.)"},

    // --- customer success ----------------------------------------------------
    {kCustomers, "CustomerSatisfactionBelowTarget",
     "customer_satisfaction_score < ${customer_satisfaction_target_score}",
     10 * kMinute, Severity::Warning,
     "Satisfaction of {{ $labels.company_name }} below target",
     "The satisfaction score of {{ $labels.company_name }} ({{ $labels.customer_id }}) is {{ $value }}, below the "
     "target of ${customer_satisfaction_target_score}."},
    {kCustomers, "CustomerAttributionAccuracyLow",
     "attribution_accuracy_percent < ${attribution_accuracy_target_percent}",
     15 * kMinute, Severity::Warning,
     "Attribution accuracy low for customer {{ $labels.customer_id }}",
     R"(Attribution accuracy for customer {{ $labels.customer_id }} is {{ $value | printf "%.2f" }}%, below the )"
     "target of ${attribution_accuracy_target_percent}%."},
    {kCustomers, "CustomerLatencyAboveSLA",
     R"(customer_api_latency_ms{percentile="p95"} > ${customer_latency_sla_ms})",
     10 * kMinute, Severity::Warning,
     "Latency above SLA for customer {{ $labels.customer_id }}",
     "P95 latency of the events of customer {{ $labels.customer_id }} is {{ $value }} ms, above the SLA of "
     "${customer_latency_sla_ms} ms."},
    {kCustomers, "PilotCustomerCountLow",
     "total_pilot_customers < ${pilot_customers_target}",
     1 * kHour, Severity::Info,
     "Fewer pilot customers than planned",
     "{{ $value }} pilot customers are on record, fewer than the target of ${pilot_customers_target}."},
    {kCustomers, "SuccessfulCustomerRateLow",
     "successful_pilot_customers / total_pilot_customers < ${successful_customers_min_ratio}",
     30 * kMinute, Severity::Warning,
     "Too few successful pilot customers",
     "{{ $value | humanizePercentage }} of pilot customers have both success flags set, below "
     "${successful_customers_min_ratio:percent}."},
    {kCustomers, "CustomerCostSavingsBelowTarget",
     "customer_cost_savings_percent < ${cost_savings_target_percent}",
     1 * kHour, Severity::Info,
     "Cost savings below target for customer {{ $labels.customer_id }}",
     R"(Customer {{ $labels.customer_id }} saves {{ $value | printf "%.1f" }}% against its baseline cost, below )"
     "the target of ${cost_savings_target_percent}%."},

    // --- load testing --------------------------------------------------------
    {kLoadTest, "LoadTestThroughputFailure",
     "sum(rate(attribution_events_processed_total[2m]))"
     " < ${loadtest_throughput_min_fraction} * max(attribution_loadtest_target_events_per_second)"
     " and on () max(attribution_loadtest_running) == 1",
     2 * kMinute, Severity::Warning,
     "Load test throughput below its target",
     "During the load test the engines process {{ $value | humanize }} events/s, below "
     "${loadtest_throughput_min_fraction:percent} of the test's target rate."},
    {kLoadTest, "LoadTestLatencyFailure",
     "histogram_quantile(0.95, sum by (le) (rate(attribution_event_processing_duration_seconds_bucket[2m])))"
     " > ${p95_latency_target_seconds}"
     " and on () max(attribution_loadtest_running) == 1",
     2 * kMinute, Severity::Warning,
     "Load test latency above target",
     "During the load test P95 processing latency is {{ $value | humanizeDuration }}, above the target of "
     "${p95_latency_target_seconds} s."},
    {kLoadTest, "LoadTestErrorRateHigh",
     "sum(rate(attribution_loadtest_errors_total[2m])) / sum(rate(attribution_loadtest_events_sent_total[2m]))"
     " > ${loadtest_error_rate_max_ratio}"
     " and on () max(attribution_loadtest_running) == 1",
     2 * kMinute, Severity::Warning,
     "Load test error rate high",
     "The target did not accept {{ $value | humanizePercentage }} of the load-test events, above "
     "${loadtest_error_rate_max_ratio:percent}."},
    {kLoadTest, "LoadTestStalled",
     "sum(rate(attribution_loadtest_events_sent_total[2m])) == 0"
     " and on () max(attribution_loadtest_running) == 1",
     2 * kMinute, Severity::Warning,
     "Load test sends no events",
     "A load test is running but has sent no events for 2 minutes."},

    // --- infrastructure ------------------------------------------------------
    {kInfrastructure, "HighCPUUsage",
     R"(1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > ${cpu_usage_max_ratio})",
     10 * kMinute, Severity::Warning,
     "High CPU usage on {{ $labels.instance }}",
     "The CPUs of {{ $labels.instance }} are {{ $value | humanizePercentage }} busy, above "
     "${cpu_usage_max_ratio:percent}."},
    {kInfrastructure, "HighMemoryUsage",
     "attribution_memory_usage_bytes > ${memory_usage_max_bytes}",
     5 * kMinute, Severity::Warning,
     "High engine memory usage",
     "The engine uses {{ $value | humanize }}B of memory, above ${memory_usage_max_bytes} bytes."},
    {kInfrastructure, "NodeMemoryAvailableLow",
     "node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes < ${node_memory_available_min_ratio}",
     5 * kMinute, Severity::Warning,
     "Little memory available on {{ $labels.instance }}",
     "{{ $labels.instance }} has {{ $value | humanizePercentage }} of its memory available, below "
     "${node_memory_available_min_ratio:percent}."},
    {kInfrastructure, "LowDiskSpace",
     R"(node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"})"
     R"( / node_filesystem_size_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"} < ${disk_free_min_ratio})",
     5 * kMinute, Severity::Warning,
     "Low disk space on {{ $labels.instance }}",
     "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} free space left, "
     "below ${disk_free_min_ratio:percent}."},
    {kInfrastructure, "DiskSpaceCritical",
     R"(node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"})"
     R"( / node_filesystem_size_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs"} < ${disk_free_critical_ratio})",
     2 * kMinute, Severity::Critical,
     "Disk almost full on {{ $labels.instance }}",
     "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} free space left, "
     "below ${disk_free_critical_ratio:percent}; SQLite writes fail when it is full."},
    {kInfrastructure, "ConnectionPoolExhaustion",
     "attribution_active_connections > ${connections_max}",
     2 * kMinute, Severity::Critical,
     "Too many client connections",
     "The engine holds {{ $value }} open client connections, above the limit of ${connections_max}."},
    {kInfrastructure, "ClickHouseDown",
     R"(up{job="clickhouse"} == 0)",
     2 * kMinute, Severity::Critical,
     "ClickHouse down",
     "Prometheus has failed to scrape ClickHouse at {{ $labels.instance }} for more than 2 minutes."},
    {kInfrastructure, "KafkaDown",
     R"(up{job="kafka"} == 0)",
     2 * kMinute, Severity::Critical,
     "Kafka down",
     "Prometheus has failed to scrape Kafka at {{ $labels.instance }} for more than 2 minutes."},
    {kInfrastructure, "FileDescriptorsNearLimit",
     "process_open_fds / process_max_fds > ${fd_usage_warning_ratio}",
     10 * kMinute, Severity::Warning,
     "File descriptors near the limit",
     "{{ $labels.job }} at {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its file descriptor "
     "limit."},
    {kInfrastructure, "FileDescriptorsExhausted",
     "process_open_fds / process_max_fds > ${fd_usage_critical_ratio}",
     2 * kMinute, Severity::Critical,
     "File descriptors almost exhausted",
     "{{ $labels.job }} at {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its file descriptor "
     "limit; new connections and files will fail."},
    {kInfrastructure, "ProcessMemoryGrowing",
     "deriv(process_resident_memory_bytes[30m]) > ${memory_growth_max_bytes_per_second}",
     30 * kMinute, Severity::Warning,
     "Process memory keeps growing",
     "Resident memory of {{ $labels.job }} at {{ $labels.instance }} grew by {{ $value | humanize1024 }}B/s over "
     "30 minutes, which suggests a leak."},
    {kInfrastructure, "EngineRestarted",
     "max_over_time(process_start_time_seconds[30m]) > min_over_time(process_start_time_seconds[30m])",
     0, Severity::Info,
     "Process restarted",
     "{{ $labels.job }} at {{ $labels.instance }} restarted within the last 30 minutes."},
    {kInfrastructure, "BuildVersionMismatch",
     "count(count by (version) (attribution_build_info)) > 1",
     1 * kHour, Severity::Info,
     "Engines run different versions",
     "{{ $value }} engine versions have run side by side for an hour."},

    // --- event pipeline ------------------------------------------------------
    {kPipeline, "WorkerQueueSaturated",
     "attribution_queue_depth / attribution_queue_capacity > ${queue_saturation_ratio}",
     5 * kMinute, Severity::Warning,
     "Worker queue {{ $labels.shard }} saturated",
     "Worker queue {{ $labels.shard }} is {{ $value | humanizePercentage }} full, above "
     "${queue_saturation_ratio:percent}."},
    {kPipeline, "WorkerQueueFull",
     "attribution_queue_depth / attribution_queue_capacity >= ${queue_full_ratio}",
     1 * kMinute, Severity::Critical,
     "Worker queue {{ $labels.shard }} full",
     "Worker queue {{ $labels.shard }} is {{ $value | humanizePercentage }} full; submissions wait or are "
     "rejected as busy."},
    {kPipeline, "BackpressureWaitsHigh",
     "rate(attribution_backpressure_waits_total[5m]) > ${backpressure_waits_max_per_second}",
     10 * kMinute, Severity::Warning,
     "Submissions wait for queue space",
     "{{ $value | humanize }} submissions per second wait for queue space, above "
     "${backpressure_waits_max_per_second}/s."},
    {kPipeline, "SubmissionsRejectedBusy",
     "rate(attribution_busy_rejections_total[5m]) > 0",
     5 * kMinute, Severity::Warning,
     "Submissions rejected as busy",
     "{{ $value | humanize }} submissions per second are answered busy because the worker queues are full."},
    {kPipeline, "WorkerThreadsMissing",
     "attribution_worker_threads < 1",
     1 * kMinute, Severity::Critical,
     "No attribution worker threads",
     "The engine reports no attribution worker threads, so no events are attributed."},
    {kPipeline, "LateEventsHigh",
     "sum(rate(attribution_late_events_total[10m])) / sum(rate(attribution_events_processed_total[10m]))"
     " > ${late_events_max_ratio}",
     15 * kMinute, Severity::Warning,
     "Many late events",
     "{{ $value | humanizePercentage }} of incoming events arrive later than the allowed lateness and are not "
     "attributed."},
    {kPipeline, "AttributionRevisionsHigh",
     "sum(rate(attribution_revisions_total[15m])) / sum(rate(attribution_installs_total[15m]))"
     " > ${revisions_max_ratio}",
     15 * kMinute, Severity::Info,
     "Many revised attribution decisions",
     "Late events revise {{ $value | humanizePercentage }} of attribution decisions, above "
     "${revisions_max_ratio:percent}."},
    {kPipeline, "TouchEvictionsHigh",
     "rate(attribution_touch_evictions_total[15m]) > ${touch_evictions_max_per_second}",
     15 * kMinute, Severity::Info,
     "Touches evicted at the device cap",
     "{{ $value | humanize }} touches per second are dropped because devices exceed their touch cap; click "
     "flooding is likely."},

    // --- attribution quality -------------------------------------------------
    {kAttribution, "ReferenceAttributionDisagreement",
     R"(sum(rate(attribution_reference_installs_total{outcome="disagree"}[30m])))"
     " / sum(rate(attribution_reference_installs_total[30m])) > ${reference_disagreement_max_ratio}",
     30 * kMinute, Severity::Warning,
     "Attribution disagrees with the reference",
     "{{ $value | humanizePercentage }} of installs with a reference attribution were attributed differently, "
     "above ${reference_disagreement_max_ratio:percent}."},
    {kAttribution, "FraudFlagSpike",
     "sum by (app_id, reason) (rate(attribution_fraud_flags_total[10m]))"
     " / on (app_id) group_left sum by (app_id) (rate(attribution_installs_total[10m]))"
     " > ${fraud_flag_max_ratio}",
     10 * kMinute, Severity::Warning,
     "Fraud flags spike for {{ $labels.app_id }}",
     "App {{ $labels.app_id }} raises {{ $value | printf \"%.2f\" }} {{ $labels.reason }} fraud flags per install, "
     "above ${fraud_flag_max_ratio}."},
    {kAttribution, "FraudRejectedInstallsHigh",
     "sum by (app_id) (rate(attribution_installs_fraud_rejected_total[15m]))"
     " / sum by (app_id) (rate(attribution_installs_total[15m])) > ${fraud_rejected_max_ratio}",
     15 * kMinute, Severity::Info,
     "Many installs rejected as fraud for {{ $labels.app_id }}",
     "The fraud policy of app {{ $labels.app_id }} rejects {{ $value | humanizePercentage }} of its installs."},
    {kAttribution, "OrganicInstallShareHigh",
     "sum by (app_id) (rate(attribution_installs_organic_total[1h]))"
     " / sum by (app_id) (rate(attribution_installs_total[1h])) > ${organic_share_max_ratio}",
     1 * kHour, Severity::Info,
     "Almost no attributed installs for {{ $labels.app_id }}",
     "{{ $value | humanizePercentage }} of the installs of app {{ $labels.app_id }} are organic; its clicks or "
     "impressions may not reach the engine."},

    // --- Kafka input ---------------------------------------------------------
    {kKafka, "KafkaConsumerLagHigh",
     "sum by (topic) (attribution_kafka_consumer_lag) > ${kafka_lag_max_messages}",
     10 * kMinute, Severity::Warning,
     "Kafka consumer lag high on {{ $labels.topic }}",
     "The engine is {{ $value | humanize }} messages behind on topic {{ $labels.topic }}."},
    {kKafka, "KafkaConsumerLagGrowing",
     "deriv(attribution_kafka_consumer_lag[15m]) > ${kafka_lag_growth_max_per_second}",
     15 * kMinute, Severity::Warning,
     "Kafka consumer lag growing on {{ $labels.topic }}",
     "The lag on partition {{ $labels.partition }} of {{ $labels.topic }} grows by {{ $value | humanize }} "
     "messages/s."},
    {kKafka, "KafkaMalformedMessages",
     "sum by (topic) (rate(attribution_kafka_malformed_messages_total[5m]))"
     " / sum by (topic) (rate(attribution_kafka_messages_consumed_total[5m])) > ${kafka_malformed_max_ratio}",
     10 * kMinute, Severity::Warning,
     "Malformed Kafka messages on {{ $labels.topic }}",
     "{{ $value | humanizePercentage }} of the messages on {{ $labels.topic }} contain rejected events."},
    {kKafka, "KafkaRebalanceStorm",
     "sum(increase(attribution_kafka_rebalances_total[15m])) > ${kafka_rebalances_max}",
     5 * kMinute, Severity::Warning,
     "Frequent Kafka rebalances",
     "The consumer group rebalanced {{ $value | printf \"%.0f\" }} times in 15 minutes."},
    {kKafka, "KafkaBrokersDisconnected",
     "attribution_kafka_brokers_up == 0 and on () sum(attribution_kafka_messages_consumed_total) > 0",
     2 * kMinute, Severity::Critical,
     "Engine lost its Kafka brokers",
     "The engine's Kafka consumer is connected to no broker."},

    // --- storage -------------------------------------------------------------
    {kStorage, "StorageErrors",
     "sum by (operation) (increase(attribution_storage_errors_total[5m])) > 0",
     0, Severity::Critical,
     "SQLite {{ $labels.operation }} operations failing",
     "{{ $value | printf \"%.0f\" }} SQLite {{ $labels.operation }} operations failed in 5 minutes."},
    {kStorage, "StorageWriteLatencyHigh",
     "histogram_quantile(0.99, sum by (operation, le) (rate(attribution_storage_write_duration_seconds_bucket[5m])))"
     " > ${storage_write_p99_max_seconds}",
     10 * kMinute, Severity::Warning,
     "Slow SQLite {{ $labels.operation }} writes",
     "P99 SQLite {{ $labels.operation }} transaction time is {{ $value | humanizeDuration }}, above "
     "${storage_write_p99_max_seconds} s."},
    {kStorage, "StoragePendingOutputsHigh",
     "attribution_storage_pending_outputs > ${storage_pending_outputs_max}",
     10 * kMinute, Severity::Warning,
     "Decisions pile up before the writer",
     "{{ $value }} attribution decisions wait for the SQLite writer thread."},
    {kStorage, "StorageCommitsStalled",
     "sum(rate(attribution_storage_committed_events_total[10m])) == 0"
     R"( and on () sum(rate(attribution_events_processed_total{status="accepted"}[10m])) > 0)",
     5 * kMinute, Severity::Critical,
     "Journal commits stalled",
     "The engine accepts events but has committed none to the journal for 10 minutes."},
    {kStorage, "DatabaseSizeLarge",
     "attribution_storage_database_size_bytes > ${database_size_max_bytes}",
     1 * kHour, Severity::Info,
     "Large attribution database",
     "The database and its write-ahead log take {{ $value | humanize }}B."},

    // --- HTTP API ------------------------------------------------------------
    {kApi, "HTTPErrorRateHigh",
     R"(sum by (path) (rate(attribution_http_requests_total{code=~"5.."}[5m])))"
     " / sum by (path) (rate(attribution_http_requests_total[5m])) > ${http_error_rate_max_ratio}",
     5 * kMinute, Severity::Warning,
     "HTTP errors on {{ $labels.path }}",
     "{{ $value | humanizePercentage }} of requests to {{ $labels.path }} fail with a 5xx status."},
    {kApi, "HTTPLatencyHigh",
     "histogram_quantile(0.95, sum by (path, le) (rate(attribution_http_request_duration_seconds_bucket[5m])))"
     " > ${http_p95_latency_max_seconds}",
     10 * kMinute, Severity::Warning,
     "Slow HTTP requests on {{ $labels.path }}",
     "P95 request time on {{ $labels.path }} is {{ $value | humanizeDuration }}, above "
     "${http_p95_latency_max_seconds} s."},
};

} // namespace

const std::vector<RuleDefinition>& ruleDefinitions()
{
    return kRules;
}

} // namespace umg::alerts
