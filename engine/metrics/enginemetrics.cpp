#include "metrics/enginemetrics.h"

#include <map>

#include "attribution/decision.h"
#include "metrics/labelregistry.h"
#include "metrics/processmetrics.h"
#include "runtime/engine.h"

namespace umg {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

namespace {

// A counter fed from a monotonic source: adds what the source gained.
struct CounterFeed {
    Counter* counter = nullptr;
    double last = 0;

    void advance(double current)
    {
        if (counter && current > last) {
            counter->Increment(current - last);
            last = current;
        }
    }
};

// A histogram fed from monotonic bucket counts and sum.
struct HistogramFeed {
    Histogram* histogram = nullptr;
    std::vector<double> last;
    double lastSum = 0;

    template <typename Buckets>
    void advance(const Buckets& buckets, double sum)
    {
        if (!histogram)
            return;
        if (last.size() != buckets.size())
            last.assign(buckets.size(), 0.0);
        std::vector<double> increments(buckets.size(), 0.0);
        bool any = false;
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            const auto value = static_cast<double>(buckets[i]);
            if (value > last[i]) {
                increments[i] = value - last[i];
                last[i] = value;
                any = true;
            }
        }
        if (any) {
            histogram->ObserveMultiple(increments, sum > lastSum ? sum - lastSum : 0.0);
            lastSum = std::max(sum, lastSum);
        }
    }
};

prometheus::Histogram::BucketBoundaries toBoundaries(const auto& bounds)
{
    return prometheus::Histogram::BucketBoundaries(bounds.begin(), bounds.end());
}

} // namespace

prometheus::Histogram::BucketBoundaries EngineMetrics::requestBuckets() { return toBoundaries(kRequestBounds); }

struct EngineMetrics::State {
    Family<Counter>* events = nullptr;
    Family<Counter>* rejected = nullptr;
    Family<Counter>* installs = nullptr;
    Family<Counter>* attributed = nullptr;
    Family<Counter>* organic = nullptr;
    Family<Counter>* fraudFlags = nullptr;
    Family<Counter>* fraudRejected = nullptr;
    Family<Counter>* referenceInstalls = nullptr;
    Family<Counter>* inAppEvents = nullptr;
    Family<Counter>* revenue = nullptr;
    Family<Gauge>* queueDepth = nullptr;
    Family<Gauge>* queueCapacity = nullptr;
    Family<Gauge>* satisfaction = nullptr;
    Family<Gauge>* accuracy = nullptr;
    Family<Gauge>* customerLatency = nullptr;
    Family<Gauge>* costSavings = nullptr;
    Family<Histogram>* storageWrites = nullptr;

    HistogramFeed processing;
    HistogramFeed journalWrites;
    HistogramFeed outputWrites;
    std::vector<CounterFeed> eventFeeds;
    std::vector<CounterFeed> installFeeds;
    std::vector<CounterFeed> attributedFeeds;
    std::vector<CounterFeed> organicFeeds;
    std::vector<CounterFeed> fraudRejectedFeeds;
    std::vector<CounterFeed> fraudFlagFeeds;
    std::vector<CounterFeed> inAppFeeds;
    std::map<std::pair<std::uint32_t, std::uint32_t>, CounterFeed> revenueFeeds;
    std::array<CounterFeed, kRejectReasonCount> tooOld{};
    CounterFeed revisions, late, evictions, agree, disagree, backpressure, busy, storageErrors, committed, cpu;
    std::map<std::string, Gauge*> accuracyGauges;
    std::map<std::pair<std::string, std::string>, Gauge*> latencyGauges;

    Gauge* activeConnections = nullptr;
    Gauge* memory = nullptr;
    Gauge* totalCustomers = nullptr;
    Gauge* successfulCustomers = nullptr;
    Gauge* trackedDevices = nullptr;
    Gauge* touchpoints = nullptr;
    Gauge* dedup = nullptr;
    Gauge* watermark = nullptr;
    Gauge* workers = nullptr;
    Gauge* pendingOutputs = nullptr;
    Gauge* databaseBytes = nullptr;
    Gauge* uptime = nullptr;
    Gauge* resident = nullptr;
    Gauge* virtualMemory = nullptr;
    Gauge* openFds = nullptr;
    Gauge* maxFds = nullptr;
    Gauge* startTime = nullptr;
    std::vector<Gauge*> queueDepthGauges;
};

class EngineMetrics::Collectable : public prometheus::Collectable {
public:
    explicit Collectable(EngineMetrics& metrics) : m_metrics(metrics) {}
    std::vector<prometheus::MetricFamily> Collect() const override
    {
        m_metrics.update();
        return m_metrics.m_registry->Collect();
    }

private:
    EngineMetrics& m_metrics;
};

EngineMetrics::EngineMetrics(Engine& engine)
    : m_engine(engine)
    , m_registry(std::make_shared<prometheus::Registry>())
    , m_state(std::make_unique<State>())
{
    prometheus::Registry& r = *m_registry;
    State& s = *m_state;
    auto counter = [&](const char* name, const char* help) -> Family<Counter>& {
        return prometheus::BuildCounter().Name(name).Help(help).Register(r);
    };
    auto gauge = [&](const char* name, const char* help) -> Family<Gauge>& {
        return prometheus::BuildGauge().Name(name).Help(help).Register(r);
    };
    auto histogram = [&](const char* name, const char* help) -> Family<Histogram>& {
        return prometheus::BuildHistogram().Name(name).Help(help).Register(r);
    };

    s.events = &counter("attribution_events_processed_total", "Events taken in, by outcome (status accepted, rejected or duplicate).");
    s.processing.histogram = &histogram("attribution_event_processing_duration_seconds",
                                        "Time from acceptance by the engine to the attribution decision.")
                                  .Add({}, toBoundaries(kLatencyBounds));
    s.activeConnections = &gauge("attribution_active_connections", "Open client connections (HTTP clients and Kafka consumers).").Add({});
    s.memory = &gauge("attribution_memory_usage_bytes", "Resident memory of the engine process.").Add({});
    s.satisfaction = &gauge("customer_satisfaction_score", "Latest satisfaction survey result of a pilot customer, 0 to 100.");
    s.accuracy = &gauge("attribution_accuracy_percent", "Agreement of attributed installs with the reference attribution, in percent.");
    s.customerLatency = &gauge("customer_api_latency_ms", "Processing latency of a customer's events, in milliseconds.");
    s.costSavings = &gauge("customer_cost_savings_percent", "Cost saving of a pilot customer against its baseline cost, in percent.");
    s.totalCustomers = &gauge("total_pilot_customers", "Pilot customers on record.").Add({});
    s.successfulCustomers = &gauge("successful_pilot_customers", "Pilot customers with both success flags set.").Add({});

    s.rejected = &counter("attribution_events_rejected_total", "Rejected input lines by reason.");
    // Every reason exists from the start, so that increase() sees the first rejection.
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason)
        s.rejected->Add({{"reason", std::string(toString(static_cast<RejectReason>(reason)))}});
    s.installs = &counter("attribution_installs_total", "Installs decided, by kind and match method (first decisions).");
    s.attributed = &counter("attribution_installs_attributed_total", "Installs credited to a touch (first decisions).");
    s.organic = &counter("attribution_installs_organic_total", "Installs with no eligible touch (first decisions).");
    s.fraudFlags = &counter("attribution_fraud_flags_total", "Fraud flags raised, by reason.");
    s.fraudRejected = &counter("attribution_installs_fraud_rejected_total", "Flagged installs that the app's policy rejects.");
    s.revisions.counter = &counter("attribution_revisions_total", "Decisions revised because a late event arrived within the allowed lateness.").Add({});
    s.late.counter = &counter("attribution_late_events_total", "Events older than the allowed lateness for their device.").Add({});
    s.evictions.counter = &counter("attribution_touch_evictions_total", "Touches dropped because a device exceeded its touch cap.").Add({});
    s.referenceInstalls = &counter("attribution_reference_installs_total", "Installs that carry a reference attribution, by agreement.");
    s.agree.counter = &s.referenceInstalls->Add({{"outcome", "agree"}});
    s.disagree.counter = &s.referenceInstalls->Add({{"outcome", "disagree"}});
    s.inAppEvents = &counter("attribution_in_app_events_total", "In-app events by inherited attribution.");
    s.revenue = &counter("attribution_revenue_total", "In-app revenue, in the event's currency.");
    s.queueDepth = &gauge("attribution_queue_depth", "Events waiting in each worker queue.");
    s.queueCapacity = &gauge("attribution_queue_capacity", "Capacity of each worker queue, in events.");
    s.backpressure.counter = &counter("attribution_backpressure_waits_total", "Submissions that waited for queue space.").Add({});
    s.busy.counter = &counter("attribution_busy_rejections_total", "Submissions answered busy because the queues were full.").Add({});
    s.trackedDevices = &gauge("attribution_tracked_devices", "Devices with attribution state in memory.").Add({});
    s.touchpoints = &gauge("attribution_touchpoints_stored", "Clicks and impressions held for matching.").Add({});
    s.dedup = &gauge("attribution_dedup_entries", "Event ids remembered for duplicate detection.").Add({});
    s.watermark = &gauge("attribution_watermark_timestamp_seconds", "Newest event time seen, in Unix seconds.").Add({});
    s.workers = &gauge("attribution_worker_threads", "Attribution worker threads.").Add({});
    s.storageWrites = &histogram("attribution_storage_write_duration_seconds", "SQLite transaction time.");
    s.journalWrites.histogram = &s.storageWrites->Add({{"operation", "journal"}}, requestBuckets());
    s.outputWrites.histogram = &s.storageWrites->Add({{"operation", "outputs"}}, requestBuckets());
    s.storageErrors.counter = &counter("attribution_storage_errors_total", "Failed SQLite operations.").Add({{"operation", "commit"}});
    s.pendingOutputs = &gauge("attribution_storage_pending_outputs", "Decisions waiting for the writer thread.").Add({});
    s.committed.counter = &counter("attribution_storage_committed_events_total", "Events durably written to the journal.").Add({});
    s.databaseBytes = &gauge("attribution_storage_database_size_bytes", "Size of the database file and its write-ahead log.").Add({});

    m_httpRequests = &counter("attribution_http_requests_total", "HTTP API requests by route and status code.");
    m_httpDuration = &histogram("attribution_http_request_duration_seconds", "HTTP API request time.");
    m_kafkaLag = &gauge("attribution_kafka_consumer_lag", "Messages behind the partition's high watermark.");
    m_kafkaConsumed = &counter("attribution_kafka_messages_consumed_total", "Kafka messages consumed.");
    m_kafkaMalformed = &counter("attribution_kafka_malformed_messages_total", "Kafka messages with at least one rejected event.");
    m_kafkaRebalances = &counter("attribution_kafka_rebalances_total", "Consumer-group rebalances.");
    m_kafkaBrokersUp = &gauge("attribution_kafka_brokers_up", "Brokers the Kafka client is connected to.").Add({});
    m_loadTestRunning = &gauge("attribution_loadtest_running", "1 while a load test runs.").Add({});
    m_loadTestTarget = &gauge("attribution_loadtest_target_events_per_second", "Target rate of the running load test.").Add({});
    m_loadTestSent = &counter("attribution_loadtest_events_sent_total", "Events sent by the load tester.").Add({});
    m_loadTestErrors = &counter("attribution_loadtest_errors_total", "Load-test events the target did not accept.").Add({});

    gauge("attribution_build_info", "Build information; always 1.").Add({{"version", UMG_VERSION}}).Set(1);
    s.uptime = &gauge("attribution_uptime_seconds", "Seconds since the engine started.").Add({});
    s.cpu.counter = &counter("process_cpu_seconds_total", "User and system CPU time of the process, in seconds.").Add({});
    s.resident = &gauge("process_resident_memory_bytes", "Resident set size in bytes.").Add({});
    s.virtualMemory = &gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.").Add({});
    s.openFds = &gauge("process_open_fds", "Open file descriptors.").Add({});
    s.maxFds = &gauge("process_max_fds", "File descriptor limit.").Add({});
    s.startTime = &gauge("process_start_time_seconds", "Start time of the process, in Unix seconds.").Add({});

    m_collectable = std::make_shared<Collectable>(*this);
}

EngineMetrics::~EngineMetrics() = default;

void EngineMetrics::countRejections(const std::vector<Rejection>& rejections)
{
    if (rejections.empty())
        return;
    std::map<std::tuple<std::string, std::string, std::string>, double> byLabels;
    std::array<double, kRejectReasonCount> byReason{};
    for (const Rejection& rejection : rejections) {
        const std::string app = m_engine.labelValue(LabelRegistry::App, rejection.appId);
        const std::string type = rejection.type ? std::string(toString(*rejection.type)) : "unknown";
        byLabels[{app, type, "unknown"}] += 1;
        byReason[static_cast<std::size_t>(rejection.reason)] += 1;
    }
    std::lock_guard lock(m_mutex);
    for (const auto& [labels, count] : byLabels) {
        m_state->events
            ->Add({{"app_id", std::get<0>(labels)},
                   {"event_type", std::get<1>(labels)},
                   {"platform", std::get<2>(labels)},
                   {"status", "rejected"}})
            .Increment(count);
    }
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason) {
        if (byReason[reason] > 0)
            m_state->rejected->Add({{"reason", std::string(toString(static_cast<RejectReason>(reason)))}}).Increment(byReason[reason]);
    }
}

void EngineMetrics::setCustomerRecords(const std::vector<CustomerRecordMetrics>& records)
{
    std::lock_guard lock(m_mutex);
    State& s = *m_state;
    double successful = 0;
    for (const CustomerRecordMetrics& record : records) {
        const std::string customer = m_engine.labelValue(LabelRegistry::Customer, record.customerId);
        if (record.hasSatisfaction)
            s.satisfaction->Add({{"customer_id", customer}, {"company_name", customer == "other" ? "other" : record.companyName}})
                .Set(record.satisfactionScore);
        if (record.hasCostSavings)
            s.costSavings->Add({{"customer_id", customer}}).Set(record.costSavingsPercent);
        successful += record.successful ? 1 : 0;
    }
    s.totalCustomers->Set(static_cast<double>(records.size()));
    s.successfulCustomers->Set(successful);
}

void EngineMetrics::setActiveConnections(double connections)
{
    m_state->activeConnections->Set(connections);
}

void EngineMetrics::update()
{
    const EngineSnapshot snapshot = m_engine.snapshot(false);
    const ProcessMetrics process = ProcessMetrics::read();
    const std::vector<std::string> apps = m_engine.labelNames(LabelRegistry::App);
    const std::vector<std::string> currencies = m_engine.labelNames(LabelRegistry::Currency);

    std::lock_guard lock(m_mutex);
    State& s = *m_state;
    const MetricCounts& counts = snapshot.metricCounts;
    auto appName = [&](std::size_t slot) { return slot < apps.size() ? apps[slot] : std::string("other"); };

    // attribution_events_processed_total from [app][type][platform][status].
    if (s.eventFeeds.size() != counts.events.size())
        s.eventFeeds.resize(counts.events.size());
    for (std::size_t i = 0; i < counts.events.size(); ++i) {
        if (counts.events[i] == 0)
            continue;
        CounterFeed& feed = s.eventFeeds[i];
        if (!feed.counter) {
            const std::size_t status = i % 3;
            const std::size_t platform = (i / 3) % 2;
            const std::size_t type = (i / 6) % 4;
            const std::size_t app = i / 24;
            feed.counter = &s.events->Add({{"app_id", appName(app)},
                                           {"event_type", std::string(toString(static_cast<EventType>(type)))},
                                           {"platform", std::string(toString(static_cast<Platform>(platform)))},
                                           {"status", std::string(toString(static_cast<EventStatus>(status)))}});
        }
        feed.advance(static_cast<double>(counts.events[i]));
    }

    if (s.installFeeds.size() != counts.installs.size())
        s.installFeeds.resize(counts.installs.size());
    for (std::size_t i = 0; i < counts.installs.size(); ++i) {
        if (counts.installs[i] == 0)
            continue;
        CounterFeed& feed = s.installFeeds[i];
        if (!feed.counter) {
            const std::size_t method = i % 3;
            const std::size_t kind = (i / 3) % 2;
            feed.counter = &s.installs->Add({{"app_id", appName(i / 6)},
                                             {"kind", std::string(toString(static_cast<InstallKind>(kind)))},
                                             {"match_method", std::string(toString(static_cast<MatchMethod>(method)))}});
        }
        feed.advance(static_cast<double>(counts.installs[i]));
    }

    auto perApp = [&](std::vector<CounterFeed>& feeds, const std::vector<std::uint64_t>& values, Family<Counter>* family) {
        if (feeds.size() != values.size())
            feeds.resize(values.size());
        for (std::size_t app = 0; app < values.size(); ++app) {
            if (values[app] == 0)
                continue;
            if (!feeds[app].counter)
                feeds[app].counter = &family->Add({{"app_id", appName(app)}});
            feeds[app].advance(static_cast<double>(values[app]));
        }
    };
    perApp(s.attributedFeeds, counts.attributed, s.attributed);
    perApp(s.organicFeeds, counts.organic, s.organic);
    perApp(s.fraudRejectedFeeds, counts.fraudRejected, s.fraudRejected);

    if (s.fraudFlagFeeds.size() != counts.fraudFlags.size())
        s.fraudFlagFeeds.resize(counts.fraudFlags.size());
    for (std::size_t i = 0; i < counts.fraudFlags.size(); ++i) {
        if (counts.fraudFlags[i] == 0)
            continue;
        if (!s.fraudFlagFeeds[i].counter) {
            s.fraudFlagFeeds[i].counter = &s.fraudFlags->Add(
                {{"app_id", appName(i / kFraudFlagCount)}, {"reason", std::string(fraudFlagName(static_cast<int>(i % kFraudFlagCount)))}});
        }
        s.fraudFlagFeeds[i].advance(static_cast<double>(counts.fraudFlags[i]));
    }
    if (s.inAppFeeds.size() != counts.inAppEvents.size())
        s.inAppFeeds.resize(counts.inAppEvents.size());
    for (std::size_t i = 0; i < counts.inAppEvents.size(); ++i) {
        if (counts.inAppEvents[i] == 0)
            continue;
        if (!s.inAppFeeds[i].counter)
            s.inAppFeeds[i].counter =
                &s.inAppEvents->Add({{"app_id", appName(i / 2)}, {"attributed", i % 2 ? "true" : "false"}});
        s.inAppFeeds[i].advance(static_cast<double>(counts.inAppEvents[i]));
    }
    for (const auto& [key, amount] : counts.revenue) {
        CounterFeed& feed = s.revenueFeeds[key];
        if (!feed.counter) {
            const std::string currency = key.second < currencies.size() ? currencies[key.second] : "other";
            feed.counter = &s.revenue->Add({{"app_id", appName(key.first)}, {"currency", currency}});
        }
        feed.advance(amount);
    }

    s.processing.advance(snapshot.latencyBuckets, snapshot.latencySumSeconds);
    s.revisions.advance(static_cast<double>(snapshot.totals.revisions));
    s.late.advance(static_cast<double>(snapshot.totals.lateEvents));
    s.evictions.advance(static_cast<double>(snapshot.totals.touchEvictions));
    s.agree.advance(static_cast<double>(snapshot.totals.referenceAgreements));
    s.disagree.advance(static_cast<double>(snapshot.totals.referenceInstalls - snapshot.totals.referenceAgreements));
    s.backpressure.advance(static_cast<double>(snapshot.backpressureWaits));
    s.busy.advance(static_cast<double>(snapshot.busyRejections));
    const auto tooOld = static_cast<std::size_t>(RejectReason::TooOld);
    if (snapshot.eventsTooOld > 0) {
        if (!s.tooOld[tooOld].counter)
            s.tooOld[tooOld].counter = &s.rejected->Add({{"reason", "too_old"}});
        s.tooOld[tooOld].advance(static_cast<double>(snapshot.eventsTooOld));
    }

    if (s.queueDepthGauges.size() != snapshot.queues.size()) {
        s.queueDepthGauges.clear();
        for (std::size_t i = 0; i < snapshot.queues.size(); ++i) {
            const std::string shard = std::to_string(i);
            s.queueDepthGauges.push_back(&s.queueDepth->Add({{"shard", shard}}));
            s.queueCapacity->Add({{"shard", shard}}).Set(static_cast<double>(snapshot.queues[i].capacity));
        }
    }
    for (std::size_t i = 0; i < snapshot.queues.size(); ++i)
        s.queueDepthGauges[i]->Set(static_cast<double>(snapshot.queues[i].depth));

    for (const CustomerSnapshot& customer : snapshot.customers) {
        const std::string label = m_engine.labelValue(LabelRegistry::Customer, customer.customerId);
        if (customer.counters.referenceInstalls > 0) {
            Gauge*& gauge = s.accuracyGauges[label];
            if (!gauge)
                gauge = &s.accuracy->Add({{"customer_id", label}});
            gauge->Set(100.0 * static_cast<double>(customer.counters.referenceAgreements)
                       / static_cast<double>(customer.counters.referenceInstalls));
        }
        if (customer.latency.count > 0) {
            for (const auto& [name, value] : {std::pair{"p50", customer.latency.p50}, std::pair{"p95", customer.latency.p95},
                                              std::pair{"p99", customer.latency.p99}}) {
                Gauge*& gauge = s.latencyGauges[{label, name}];
                if (!gauge)
                    gauge = &s.customerLatency->Add({{"customer_id", label}, {"percentile", name}});
                gauge->Set(value);
            }
        }
    }

    s.trackedDevices->Set(static_cast<double>(snapshot.totals.trackedDevices));
    s.touchpoints->Set(static_cast<double>(snapshot.totals.storedTouches));
    s.dedup->Set(static_cast<double>(snapshot.totals.dedupEntries));
    s.watermark->Set(static_cast<double>(snapshot.watermarkMs) / 1000.0);
    s.workers->Set(snapshot.workers);
    s.journalWrites.advance(snapshot.storage.journalWriteBuckets, snapshot.storage.journalWriteSeconds);
    s.outputWrites.advance(snapshot.storage.outputWriteBuckets, snapshot.storage.outputWriteSeconds);
    s.storageErrors.advance(static_cast<double>(snapshot.storage.errors));
    s.committed.advance(static_cast<double>(snapshot.storage.committedEvents));
    s.pendingOutputs->Set(static_cast<double>(snapshot.storage.pendingOutputs));
    s.databaseBytes->Set(static_cast<double>(snapshot.storage.databaseBytes));

    s.uptime->Set(snapshot.uptimeSeconds);
    s.memory->Set(static_cast<double>(process.residentBytes));
    s.cpu.advance(process.cpuSeconds);
    s.resident->Set(static_cast<double>(process.residentBytes));
    s.virtualMemory->Set(static_cast<double>(process.virtualBytes));
    s.openFds->Set(static_cast<double>(process.openFds));
    s.maxFds->Set(static_cast<double>(process.maxFds));
    s.startTime->Set(process.startTimeSeconds);
}

} // namespace umg
