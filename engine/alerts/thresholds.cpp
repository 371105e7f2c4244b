#include "alerts/thresholds.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace umg::alerts {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// Sorted by name; the message for an unknown name lists them in this order.
const std::vector<ThresholdDefinition> kDefinitions{
    {"attribution_accuracy_target_percent", 99, 0, 100, "percent",
     "attribution accuracy per customer below which CustomerAttributionAccuracyLow fires"},
    {"backpressure_waits_max_per_second", 100, 0, kUnbounded, "waits/s",
     "rate of submissions waiting for queue space above which BackpressureWaitsHigh fires"},
    {"connections_max", 5000, 0, kUnbounded, "connections",
     "open client connections above which ConnectionPoolExhaustion fires"},
    {"cost_savings_target_percent", 30, 0, 100, "percent",
     "cost saving per customer below which CustomerCostSavingsBelowTarget fires"},
    {"cpu_usage_max_ratio", 0.85, 0, 1, "ratio (0-1)", "busy CPU share per host above which HighCPUUsage fires"},
    {"customer_latency_sla_ms", 100, 0, kUnbounded, "milliseconds",
     "P95 latency per customer above which CustomerLatencyAboveSLA fires"},
    {"customer_satisfaction_target_score", 90, 0, 100, "score (0-100)",
     "satisfaction score below which CustomerSatisfactionBelowTarget fires"},
    {"database_size_max_bytes", 50e9, 0, kUnbounded, "bytes",
     "database and write-ahead log size above which DatabaseSizeLarge fires"},
    {"disk_free_critical_ratio", 0.05, 0, 1, "ratio (0-1)", "free disk share below which DiskSpaceCritical fires"},
    {"disk_free_min_ratio", 0.15, 0, 1, "ratio (0-1)", "free disk share below which LowDiskSpace fires"},
    {"duplicate_events_max_ratio", 0.05, 0, 1, "ratio (0-1)",
     "share of duplicate events above which DuplicateEventsHigh fires"},
    {"error_rate_max_ratio", 0.001, 0, 1, "ratio (0-1)", "share of rejected events above which HighErrorRate fires"},
    {"error_rate_spike_ratio", 0.01, 0, 1, "ratio (0-1)",
     "share of rejected events over 2 minutes above which ErrorRateSpike fires"},
    {"event_throughput_critical_fraction", 0.5, 0, 1, "fraction of the target",
     "share of the throughput target below which EventThroughputCriticallyLow fires"},
    {"event_throughput_target", 1e6, 0, kUnbounded, "events/s",
     "processed events per second below which EventThroughputBelowTarget fires"},
    {"fd_usage_critical_ratio", 0.95, 0, 1, "ratio (0-1)",
     "open file descriptors over the limit above which FileDescriptorsExhausted fires"},
    {"fd_usage_warning_ratio", 0.8, 0, 1, "ratio (0-1)",
     "open file descriptors over the limit above which FileDescriptorsNearLimit fires"},
    {"fraud_flag_max_ratio", 0.2, 0, kUnbounded, "flags per install",
     "fraud flags per decided install, per app and reason, above which FraudFlagSpike fires"},
    {"fraud_rejected_max_ratio", 0.1, 0, 1, "ratio (0-1)",
     "share of installs rejected as fraud per app above which FraudRejectedInstallsHigh fires"},
    {"http_error_rate_max_ratio", 0.01, 0, 1, "ratio (0-1)",
     "share of HTTP 5xx responses per route above which HTTPErrorRateHigh fires"},
    {"http_p95_latency_max_seconds", 0.5, 0, kUnbounded, "seconds",
     "P95 HTTP request time per route above which HTTPLatencyHigh fires"},
    {"kafka_lag_growth_max_per_second", 1000, 0, kUnbounded, "messages/s",
     "growth of the consumer lag per partition above which KafkaConsumerLagGrowing fires"},
    {"kafka_lag_max_messages", 1e6, 0, kUnbounded, "messages",
     "consumer lag per topic above which KafkaConsumerLagHigh fires"},
    {"kafka_malformed_max_ratio", 0.01, 0, 1, "ratio (0-1)",
     "share of malformed Kafka messages per topic above which KafkaMalformedMessages fires"},
    {"kafka_rebalances_max", 10, 0, kUnbounded, "rebalances per 15 minutes",
     "consumer-group rebalances above which KafkaRebalanceStorm fires"},
    {"late_events_max_ratio", 0.01, 0, 1, "ratio (0-1)",
     "share of events beyond the allowed lateness above which LateEventsHigh fires"},
    {"latency_degradation_factor", 1.5, 1, kUnbounded, "factor",
     "growth of the P95 latency against 15 minutes earlier above which LatencyDegrading fires"},
    {"latency_degradation_floor_seconds", 0.05, 0, kUnbounded, "seconds",
     "P95 latency below which LatencyDegrading stays quiet however fast it grows"},
    {"loadtest_error_rate_max_ratio", 0.001, 0, 1, "ratio (0-1)",
     "share of load-test events not accepted above which LoadTestErrorRateHigh fires"},
    {"loadtest_throughput_min_fraction", 0.95, 0, 1, "fraction of the load-test target",
     "processed rate over the load test's target rate below which LoadTestThroughputFailure fires"},
    {"memory_growth_max_bytes_per_second", 1048576, 0, kUnbounded, "bytes/s",
     "growth of a process's resident memory over 30 minutes above which ProcessMemoryGrowing fires"},
    {"memory_usage_max_bytes", 7e9, 0, kUnbounded, "bytes", "engine memory above which HighMemoryUsage fires"},
    {"node_memory_available_min_ratio", 0.1, 0, 1, "ratio (0-1)",
     "available host memory share below which NodeMemoryAvailableLow fires"},
    {"organic_share_max_ratio", 0.95, 0, 1, "ratio (0-1)",
     "share of organic installs per app above which OrganicInstallShareHigh fires"},
    {"p95_latency_target_seconds", 0.1, 0, kUnbounded, "seconds",
     "P95 processing latency above which P95LatencyAboveTarget and LoadTestLatencyFailure fire"},
    {"p99_latency_target_seconds", 0.2, 0, kUnbounded, "seconds",
     "P99 processing latency above which P99LatencyCritical fires"},
    {"pilot_customers_target", 5, 0, kUnbounded, "customers",
     "pilot customers on record below which PilotCustomerCountLow fires"},
    {"queue_full_ratio", 0.99, 0, 1, "ratio (0-1)", "queue fill level at or above which WorkerQueueFull fires"},
    {"queue_saturation_ratio", 0.8, 0, 1, "ratio (0-1)", "queue fill level above which WorkerQueueSaturated fires"},
    {"reference_disagreement_max_ratio", 0.01, 0, 1, "ratio (0-1)",
     "share of installs disagreeing with the reference attribution above which ReferenceAttributionDisagreement fires"},
    {"rejected_events_min_per_second", 1, 0, kUnbounded, "events/s",
     "rejection rate per reason below which RejectedEventsSpike stays quiet"},
    {"rejected_events_spike_factor", 3, 1, kUnbounded, "factor",
     "5-minute rejection rate over the 1-hour rate, per reason, above which RejectedEventsSpike fires"},
    {"revisions_max_ratio", 0.05, 0, kUnbounded, "revisions per install",
     "revised decisions per decided install above which AttributionRevisionsHigh fires"},
    {"storage_pending_outputs_max", 100000, 0, kUnbounded, "decisions",
     "decisions waiting for the writer above which StoragePendingOutputsHigh fires"},
    {"storage_write_p99_max_seconds", 0.5, 0, kUnbounded, "seconds",
     "P99 SQLite transaction time per operation above which StorageWriteLatencyHigh fires"},
    {"successful_customers_min_ratio", 0.6, 0, 1, "ratio (0-1)",
     "share of successful pilot customers below which SuccessfulCustomerRateLow fires"},
    {"touch_evictions_max_per_second", 10, 0, kUnbounded, "evictions/s",
     "touches dropped at the per-device cap above which TouchEvictionsHigh fires"},
    {"uptime_target_ratio", 0.999, 0, 1, "ratio (0-1)",
     "share of successful engine scrapes over one day below which UptimeBelow99_9 fires"},
};

std::string validNames()
{
    std::string names;
    for (const ThresholdDefinition& definition : kDefinitions) {
        if (!names.empty())
            names += ", ";
        names += definition.name;
    }
    return names;
}

const ThresholdDefinition& requireDefinition(std::string_view name)
{
    const ThresholdDefinition* definition = findThreshold(name);
    if (!definition)
        throw std::invalid_argument("unknown threshold \"" + std::string(name) + "\"; valid names: " + validNames());
    return *definition;
}

std::string formatValue(double value)
{
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

} // namespace

const std::vector<ThresholdDefinition>& thresholdDefinitions()
{
    return kDefinitions;
}

const ThresholdDefinition* findThreshold(std::string_view name)
{
    auto it = std::find_if(kDefinitions.begin(), kDefinitions.end(),
                           [name](const ThresholdDefinition& d) { return d.name == name; });
    return it == kDefinitions.end() ? nullptr : &*it;
}

Thresholds::Thresholds()
{
    for (const ThresholdDefinition& definition : kDefinitions)
        m_values.emplace(std::string(definition.name), definition.defaultValue);
}

double Thresholds::value(std::string_view name) const
{
    requireDefinition(name);
    return m_values.find(name)->second;
}

void Thresholds::set(std::string_view name, double value)
{
    const ThresholdDefinition& definition = requireDefinition(name);
    if (!std::isfinite(value))
        throw std::invalid_argument("invalid value " + formatValue(value) + " for threshold \"" + std::string(name)
                                    + "\": expected a finite number");
    if (value < definition.minimum || value > definition.maximum) {
        std::string range = std::isinf(definition.maximum)
            ? "at least " + formatValue(definition.minimum)
            : "between " + formatValue(definition.minimum) + " and " + formatValue(definition.maximum);
        throw std::invalid_argument("invalid value " + formatValue(value) + " for threshold \"" + std::string(name)
                                    + "\" (" + std::string(definition.unit) + "): expected " + range);
    }
    m_values.find(name)->second = value;
}

void Thresholds::set(std::string_view name, std::string_view text)
{
    requireDefinition(name);
    std::string_view trimmed = trim(text);
    double value = 0;
    auto result = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    if (trimmed.empty() || result.ec != std::errc() || result.ptr != trimmed.data() + trimmed.size())
        throw std::invalid_argument("invalid value \"" + std::string(text) + "\" for threshold \"" + std::string(name)
                                    + "\": expected a number such as 0.25 or 1e6");
    set(name, value);
}

void Thresholds::applyAssignment(std::string_view assignment)
{
    std::size_t equals = assignment.find('=');
    if (equals == std::string_view::npos)
        throw std::invalid_argument("invalid threshold assignment \"" + std::string(assignment)
                                    + "\": expected NAME=VALUE");
    set(trim(assignment.substr(0, equals)), assignment.substr(equals + 1));
}

void Thresholds::loadFile(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw std::runtime_error("cannot read thresholds file " + path);

    std::string line;
    int lineNumber = 0;
    while (std::getline(file, line)) {
        ++lineNumber;
        std::string_view content = trim(line);
        if (content.empty() || content.front() == '#')
            continue;
        try {
            applyAssignment(content);
        } catch (const std::invalid_argument& error) {
            throw std::invalid_argument(path + ":" + std::to_string(lineNumber) + ": " + error.what());
        }
    }
    if (file.bad())
        throw std::runtime_error("reading thresholds file " + path + " failed");
}

std::map<std::string, double> Thresholds::overrides() const
{
    std::map<std::string, double> changed;
    for (const ThresholdDefinition& definition : kDefinitions) {
        double current = m_values.find(definition.name)->second;
        if (current != definition.defaultValue)
            changed.emplace(std::string(definition.name), current);
    }
    return changed;
}

} // namespace umg::alerts
