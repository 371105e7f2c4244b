#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "ingest/rejection.h"

namespace umg {

class Engine;

/// Per-customer values that come from the pilot-customer records rather
/// than from the engine (satisfaction, cost savings, success flags).
struct CustomerRecordMetrics {
    std::string customerId;
    std::string companyName;
    double satisfactionScore = 0; ///< latest survey, 0 to 100
    bool hasSatisfaction = false;
    double costSavingsPercent = 0;
    bool hasCostSavings = false;
    bool successful = false;      ///< technical and business success flags both set
};

/// The engine's Prometheus registry: every family of docs/METRICS.md.
///
/// Workers never touch it: they keep plain counters, and update() adds the
/// increase since the previous update to the prometheus-cpp metrics, so label
/// lookups happen once per scrape and label set, never per event. The
/// collectable() runs update() before each scrape. Thread-safe.
class EngineMetrics {
public:
    /// Upper bounds (seconds) of attribution_event_processing_duration_seconds,
    /// chosen around the 100 ms (P95) and 200 ms (P99) targets.
    static constexpr std::array<double, 16> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                              0.05,   0.075, 0.1,    0.125, 0.15, 0.2,
                                                              0.25,   0.5,   1.0,    2.5};
    static constexpr std::size_t kLatencyBucketCount = kLatencyBounds.size() + 1;

    /// Upper bounds (seconds) of SQLite transaction and HTTP request times.
    static constexpr std::array<double, 12> kRequestBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                              0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
    static constexpr std::size_t kRequestBucketCount = kRequestBounds.size() + 1;

    /// Index of the bucket that counts `seconds` (the last one is +Inf).
    static std::size_t latencyBucketOf(double seconds)
    {
        std::size_t i = 0;
        while (i < kLatencyBounds.size() && seconds > kLatencyBounds[i])
            ++i;
        return i;
    }
    static std::size_t requestBucketOf(double seconds)
    {
        std::size_t i = 0;
        while (i < kRequestBounds.size() && seconds > kRequestBounds[i])
            ++i;
        return i;
    }

    explicit EngineMetrics(Engine& engine);
    ~EngineMetrics();

    const std::shared_ptr<prometheus::Registry>& registry() const { return m_registry; }

    /// A collectable for prometheus::Exposer that brings every metric up to
    /// date and then collects the registry.
    std::shared_ptr<prometheus::Collectable> collectable() { return m_collectable; }

    /// Brings the metrics up to date with the engine.
    void update();

    void countRejections(const std::vector<Rejection>& rejections);
    void setCustomerRecords(const std::vector<CustomerRecordMetrics>& records);
    void setActiveConnections(double connections);

    // Families that other subsystems (HTTP API, Kafka, load tester) update.
    prometheus::Family<prometheus::Counter>& httpRequests() { return *m_httpRequests; }
    prometheus::Family<prometheus::Histogram>& httpRequestDuration() { return *m_httpDuration; }
    prometheus::Family<prometheus::Gauge>& kafkaConsumerLag() { return *m_kafkaLag; }
    prometheus::Family<prometheus::Counter>& kafkaMessagesConsumed() { return *m_kafkaConsumed; }
    prometheus::Family<prometheus::Counter>& kafkaMalformedMessages() { return *m_kafkaMalformed; }
    prometheus::Family<prometheus::Counter>& kafkaRebalances() { return *m_kafkaRebalances; }
    prometheus::Gauge& kafkaBrokersUp() { return *m_kafkaBrokersUp; }
    prometheus::Gauge& loadTestRunning() { return *m_loadTestRunning; }
    prometheus::Gauge& loadTestTargetRate() { return *m_loadTestTarget; }
    prometheus::Counter& loadTestEventsSent() { return *m_loadTestSent; }
    prometheus::Counter& loadTestErrors() { return *m_loadTestErrors; }

    /// Buckets for request-duration histograms (seconds).
    static prometheus::Histogram::BucketBoundaries requestBuckets();

private:
    class Collectable;
    struct State;

    Engine& m_engine;
    std::shared_ptr<prometheus::Registry> m_registry;
    std::shared_ptr<prometheus::Collectable> m_collectable;
    std::mutex m_mutex;
    std::unique_ptr<State> m_state;

    prometheus::Family<prometheus::Counter>* m_httpRequests = nullptr;
    prometheus::Family<prometheus::Histogram>* m_httpDuration = nullptr;
    prometheus::Family<prometheus::Gauge>* m_kafkaLag = nullptr;
    prometheus::Family<prometheus::Counter>* m_kafkaConsumed = nullptr;
    prometheus::Family<prometheus::Counter>* m_kafkaMalformed = nullptr;
    prometheus::Family<prometheus::Counter>* m_kafkaRebalances = nullptr;
    prometheus::Gauge* m_kafkaBrokersUp = nullptr;
    prometheus::Gauge* m_loadTestRunning = nullptr;
    prometheus::Gauge* m_loadTestTarget = nullptr;
    prometheus::Counter* m_loadTestSent = nullptr;
    prometheus::Counter* m_loadTestErrors = nullptr;
};

} // namespace umg
