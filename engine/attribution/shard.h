#pragma once

#include <array>
#include <functional>
#include <deque>
#include <map>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "attribution/compactvector.h"
#include "attribution/decision.h"
#include "attribution/dedupset.h"
#include "attribution/idarena.h"
#include "attribution/routedevent.h"
#include "attribution/rules.h"

namespace umg {

class LabelRegistry;

/// Outcome of an event at a worker, for the `status` metric label.
enum class EventStatus : std::uint8_t { Accepted, Duplicate, Rejected, Count };
std::string_view toString(EventStatus status);

/// Running totals of one aggregate row (all days together), kept in memory
/// for snapshots. Revisions move counts between rows.
struct AggregateTotals {
    std::int64_t clicks = 0;
    std::int64_t impressions = 0;
    std::int64_t installs = 0;
    std::int64_t reinstalls = 0;
    std::int64_t organicInstalls = 0;
    std::int64_t attributedInstalls = 0;
    std::int64_t fraudFlaggedInstalls = 0;
    std::int64_t fraudRejectedInstalls = 0;
    std::int64_t inAppEvents = 0;
    double revenue = 0.0; ///< sum over currencies; see the revenue rows for each currency
    std::array<double, kCreditModelCount> credits{};

    void add(const AggregateTotals& other);
};

/// Per-customer results of one worker.
struct CustomerCounters {
    std::int64_t events = 0;
    std::int64_t installs = 0;
    std::int64_t attributedInstalls = 0;
    std::int64_t organicInstalls = 0;
    std::int64_t fraudFlaggedInstalls = 0;
    std::int64_t referenceInstalls = 0;
    std::int64_t referenceAgreements = 0;
    double revenue = 0.0;

    void add(const CustomerCounters& other);
};

/// Monotonic counters in the label space of the exported metrics. The
/// first index of each array is the app's label slot (see LabelRegistry).
struct MetricCounts {
    explicit MetricCounts(std::size_t appSlots = 0);

    std::size_t appSlots = 0;
    /// [app][type][platform][status]
    std::vector<std::uint64_t> events;
    /// [app][kind][method]
    std::vector<std::uint64_t> installs;
    std::vector<std::uint64_t> attributed; ///< [app]
    std::vector<std::uint64_t> organic;    ///< [app]
    std::vector<std::uint64_t> fraudRejected; ///< [app]
    /// [app][flag bit]
    std::vector<std::uint64_t> fraudFlags;
    /// [app][attributed 0/1]
    std::vector<std::uint64_t> inAppEvents;
    /// Revenue by (app slot, currency slot).
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> revenue;

    std::size_t eventIndex(std::size_t app, EventType type, Platform platform, EventStatus status) const
    {
        return ((app * 4 + static_cast<std::size_t>(type)) * 2 + static_cast<std::size_t>(platform)) * 3
            + static_cast<std::size_t>(status);
    }
    std::size_t installIndex(std::size_t app, InstallKind kind, MatchMethod method) const
    {
        return (app * 2 + static_cast<std::size_t>(kind)) * 3 + static_cast<std::size_t>(method);
    }
};

/// Everything a worker reports about its state. Counters marked current can
/// go down when a decision is revised; the others only grow.
struct ShardStats {
    std::array<std::array<std::int64_t, 3>, 4> events{}; ///< [type][status]
    std::int64_t lateEvents = 0;
    std::int64_t revisions = 0;
    std::int64_t touchEvictions = 0;
    // Current decision counts.
    std::array<std::int64_t, 2> installsByKind{};
    std::array<std::int64_t, 3> installsByMethod{};
    std::array<std::int64_t, 3> installsByStatus{};
    std::array<std::int64_t, kFraudFlagCount> fraudFlags{};
    std::int64_t referenceInstalls = 0;
    std::int64_t referenceAgreements = 0;
    std::int64_t inAppAttributed = 0;
    std::int64_t inAppUnattributed = 0;
    // Gauges.
    std::int64_t trackedDevices = 0;
    std::int64_t storedTouches = 0;
    std::int64_t dedupEntries = 0;
    std::int64_t newestEventMs = 0;
    std::int64_t stateBytes = 0;
};

/// The attribution state and rules of one worker: every device whose key
/// maps to this shard. Processing is single-threaded; the worker that owns
/// the shard is the only caller. Deterministic: the same events in the same
/// order give the same decisions.
class AttributionShard {
public:
    AttributionShard(const EngineConfig& config, LabelRegistry& labels);
    ~AttributionShard();
    AttributionShard(const AttributionShard&) = delete;
    AttributionShard& operator=(const AttributionShard&) = delete;

    /// Applies one event. `watermarkMs` is the newest event time the engine
    /// had seen when the event's batch was submitted; it decides `too_old`.
    /// With `emitOutputs` false (restoring state from the journal) the event
    /// updates state but produces no output and no counts.
    EventStatus process(const RoutedBatch& batch, const RoutedEvent& event, std::int64_t watermarkMs,
                        bool emitOutputs);

    /// Starts loading the memory that process() will touch for `event`, so
    /// that the worker can overlap cache misses of upcoming events.
    void prefetch(const RoutedEvent& event) const;

    /// Seeds the last known install of a device from storage, so that
    /// reinstalls are recognised across restarts.
    void seedInstall(std::uint64_t deviceKey, std::string_view customerId, std::string_view appId,
                     std::string_view installEventId, std::int64_t installTimeMs, bool keyedByAdvertisingId);

    /// Moves the outputs produced since the last call into `out`.
    void takeOutput(std::uint64_t batchId, ShardOutput& out);

    /// Drops expired touches, devices and duplicate-detection entries.
    /// Cost grows with the number of devices; the worker calls it rarely.
    void sweep(std::int64_t watermarkMs);

    const ShardStats& stats() const { return m_stats; }
    /// Refreshes the gauges of stats() (devices, duplicate-detection entries,
    /// memory estimate). Cheap; the worker calls it before publishing.
    void updateGauges();
    const MetricCounts& metricCounts() const { return m_metrics; }

    /// Current aggregate totals by (customer, app, media source, campaign).
    void collectAggregates(
        const std::function<void(const std::string& customerId, const std::string& appId,
                                 const std::string& mediaSource, const std::string& campaign,
                                 const AggregateTotals&)>& visit) const;
    /// Current per-customer counters, by customer id.
    void collectCustomers(const std::function<void(const std::string& customerId, const CustomerCounters&)>& visit) const;
    /// Index of `customerId` among this shard's customers, or -1.
    int customerIndex(std::string_view customerId) const;

    /// Customer index of the most recently processed event (for latency
    /// accounting by the worker).
    std::uint32_t lastCustomerIndex() const { return m_lastCustomer; }
    std::size_t customerCount() const { return m_customers.size(); }
    const std::string& customerName(std::size_t index) const { return m_customers[index]; }

    struct Touch;

private:
    struct Install;
    struct InAppEntry;
    struct Device;
    struct DeviceHistory;
    struct CustomerApp;
    struct Decision;
    struct Credit;

    std::uint32_t internCustomerApp(std::string_view customerId, std::string_view appId);
    std::uint32_t internField(std::size_t field, std::string_view value);
    std::uint32_t internAttributes(const RoutedBatch& batch, const RoutedEvent& event);
    TouchAttributes attributesOf(std::uint32_t index) const;
    std::uint32_t internCurrency(std::string_view currency);
    std::uint32_t storeId(std::string_view id);
    std::string_view idAt(std::uint32_t offset, std::uint16_t length) const;
    void releaseId(std::uint16_t length) { m_idGarbage += length; }
    void compactIds();

    void handleTouch(Device& device, const RoutedBatch& batch, const RoutedEvent& event, bool withinLateness);
    void handleInstall(Device& device, const RoutedBatch& batch, const RoutedEvent& event, bool withinLateness);
    void handleInApp(Device& device, const RoutedBatch& batch, const RoutedEvent& event);
    void prune(Device& device);
    Decision decide(const Device& device, std::uint32_t installIndex, std::vector<Credit>& credits) const;
    void applyDecision(Device& device, std::uint32_t installIndex, const Decision& decision,
                       const std::vector<Credit>& credits, bool firstDecision);
    void reviseFrom(Device& device, std::int64_t fromMs);
    std::uint32_t inAppAttributes(const Device& device, std::int64_t timestampMs) const;
    void creditInApp(const Device& device, const InAppEntry& entry, int sign);

    void addInstallContribution(const Device& device, const Install& install, int sign);
    std::uint32_t campaignOf(std::uint32_t attributes) const;
    AggregateTotals& totalsFor(std::uint32_t customerApp, std::uint32_t attributes);
    AggregateDelta& deltaFor(std::uint32_t customerApp, std::uint32_t attributes, std::int64_t day);
    void emitInstallRow(const Device& device, const Install& install);

    const EngineConfig& m_config;
    LabelRegistry& m_labels;
    bool m_emit = true;
    std::uint64_t m_currentDeviceKey = 0; // key of the device being processed

    absl::flat_hash_map<std::uint64_t, Device> m_devices;
    detail::DedupSet m_dedup;

    std::vector<CustomerApp> m_customerApps;
    absl::flat_hash_map<std::uint64_t, std::uint32_t> m_customerAppIndex;
    // Touch attributes: media source, campaign, campaign id, ad set, ad,
    // channel and site id, each interned in its own pool; a tuple is the
    // seven ids.
    static constexpr std::size_t kAttributeFieldCount = 7;
    using AttributeIds = std::array<std::uint32_t, kAttributeFieldCount>;
    struct FieldPool {
        static constexpr std::size_t kCacheSize = 256;
        std::vector<std::string> values;
        absl::flat_hash_map<std::uint64_t, std::uint32_t> index; // value hash -> id
        std::array<std::uint32_t, kCacheSize> cache{};           // id + 1 of a recent value
    };
    std::array<FieldPool, kAttributeFieldCount> m_fieldPools;
    std::vector<AttributeIds> m_attributes;
    absl::flat_hash_map<std::uint64_t, std::uint32_t> m_attributeIndex;
    std::vector<std::uint32_t> m_campaignOf; // (media source, campaign) row of each tuple
    std::vector<std::pair<std::string, std::string>> m_campaigns;
    absl::flat_hash_map<std::uint64_t, std::uint32_t> m_campaignIndex;
    std::vector<std::string> m_currencies;
    std::vector<std::uint32_t> m_currencySlots; // label slot of each currency
    absl::flat_hash_map<std::string, std::uint32_t> m_currencyIndex;
    std::vector<std::string> m_customers;
    absl::flat_hash_map<std::string, std::uint32_t> m_customerIndex;
    std::vector<CustomerCounters> m_customerCounters;
    std::uint32_t m_lastCustomer = 0;

    detail::IdArena m_ids;
    std::size_t m_idGarbage = 0;

    // Snapshot totals by (customer app, campaign row); organic uses kOrganic.
    absl::flat_hash_map<std::uint64_t, AggregateTotals> m_totals;

    // Outputs since the last takeOutput().
    std::vector<InstallRow> m_pendingInstalls;
    absl::flat_hash_map<std::uint64_t, std::size_t> m_pendingInstallIndex;
    struct PendingDelta {
        std::uint32_t customerApp;
        std::uint32_t attributes;
        std::int64_t day;
        AggregateDelta delta;
    };
    std::vector<PendingDelta> m_pendingDeltas;
    AggregateDelta m_discardedDelta; // target of deltaFor() while outputs are off
    absl::flat_hash_map<std::uint64_t, std::size_t> m_pendingDeltaIndex;
    struct PendingRevenue {
        std::uint32_t customerApp;
        std::uint32_t attributes;
        std::int64_t day;
        std::uint32_t currency;
        std::int64_t events;
        double revenue;
    };
    std::vector<PendingRevenue> m_pendingRevenue;
    absl::flat_hash_map<std::uint64_t, std::size_t> m_pendingRevenueIndex;

    std::vector<Credit> m_scratchCredits;
    ShardStats m_stats;
    MetricCounts m_metrics;
};

} // namespace umg
