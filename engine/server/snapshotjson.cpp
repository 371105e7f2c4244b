#include "server/snapshotjson.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/timestamp.h"
#include "util/jsonwriter.h"

namespace umg {
namespace {

constexpr double kNoData = std::numeric_limits<double>::quiet_NaN();

using Buckets = std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount>;

template <typename Number>
double increase(Number newer, Number older)
{
    return newer > older ? static_cast<double>(newer - older) : 0.0;
}

Buckets bucketIncrease(const Buckets& newer, const Buckets& older)
{
    Buckets counts{};
    for (std::size_t i = 0; i < counts.size(); ++i)
        counts[i] = newer[i] > older[i] ? newer[i] - older[i] : 0;
    return counts;
}

double percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : kNoData; }

void writeCounters(JsonWriter& json, const EngineSnapshot& s)
{
    const ShardStats& t = s.totals;
    json.key("counters").beginObject();
    json.field("events_processed", s.eventsProcessed);
    json.field("events_accepted", s.eventsAccepted);
    json.field("events_duplicate", s.eventsDuplicate);
    json.field("events_rejected", s.rejectedLines + s.eventsTooOld);
    json.key("rejected_by_reason").beginObject();
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason)
        json.field(toString(static_cast<RejectReason>(reason)), s.rejectedByReason[reason]);
    json.endObject();
    json.key("events_by_type").beginObject();
    for (std::size_t type = 0; type < 4; ++type)
        json.field(toString(static_cast<EventType>(type)), t.events[type][0]);
    json.endObject();
    json.field("installs", t.installsByKind[0] + t.installsByKind[1]);
    json.field("installs_new", t.installsByKind[0]);
    json.field("installs_reinstall", t.installsByKind[1]);
    json.field("installs_attributed", t.installsByStatus[static_cast<std::size_t>(InstallStatus::Attributed)]);
    json.field("installs_organic", t.installsByStatus[static_cast<std::size_t>(InstallStatus::Organic)]);
    json.field("installs_fraud_rejected", t.installsByStatus[static_cast<std::size_t>(InstallStatus::FraudRejected)]);
    json.key("installs_by_match_method").beginObject();
    for (std::size_t method = 0; method < 3; ++method)
        json.field(toString(static_cast<MatchMethod>(method)), t.installsByMethod[method]);
    json.endObject();
    json.key("fraud_flags").beginObject();
    for (int bit = 0; bit < kFraudFlagCount; ++bit)
        json.field(fraudFlagName(bit), t.fraudFlags[static_cast<std::size_t>(bit)]);
    json.endObject();
    json.field("reference_installs", t.referenceInstalls);
    json.field("reference_agreements", t.referenceAgreements);
    json.field("attribution_accuracy_percent",
               percent(static_cast<double>(t.referenceAgreements), static_cast<double>(t.referenceInstalls)));
    json.field("in_app_events_attributed", t.inAppAttributed);
    json.field("in_app_events_unattributed", t.inAppUnattributed);
    json.field("revisions", t.revisions);
    json.field("late_events", t.lateEvents);
    json.field("touch_evictions", t.touchEvictions);
    json.field("tracked_devices", t.trackedDevices);
    json.field("stored_touches", t.storedTouches);
    json.field("dedup_entries", t.dedupEntries);
    json.field("watermark_ms", s.watermarkMs);
    json.field("submitted_batches", s.submittedBatches);
    json.field("backpressure_waits", s.backpressureWaits);
    json.field("busy_rejections", s.busyRejections);
    json.endObject();
}

void writeLatency(JsonWriter& json, const LatencySummary& latency)
{
    json.beginObject();
    json.field("p50", latency.p50);
    json.field("p75", latency.p75);
    json.field("p90", latency.p90);
    json.field("p95", latency.p95);
    json.field("p99", latency.p99);
    json.field("max", latency.max);
    json.field("mean", latency.mean);
    json.field("count", latency.count);
    json.endObject();
}

void writeRangeFigures(JsonWriter& json, const HistorySample& now, const HistoryWindow& window)
{
    const HistorySample* first = window.samples.empty() ? &now : &window.samples.front();
    const double seconds = static_cast<double>(now.timeMs - first->timeMs) / 1000.0;
    auto perSecond = [&](double amount) { return seconds > 0 ? amount / seconds : kNoData; };
    const double accepted = increase(now.eventsAccepted, first->eventsAccepted);
    const double duplicates = increase(now.eventsDuplicate, first->eventsDuplicate);
    const double rejected = increase(now.eventsRejected, first->eventsRejected);

    json.key("rates").beginObject();
    json.field("range_seconds", seconds);
    json.field("events_per_second", perSecond(increase(now.eventsProcessed, first->eventsProcessed)));
    json.field("accepted_per_second", perSecond(accepted));
    json.field("rejected_per_second", perSecond(rejected));
    json.field("error_rate_percent", percent(rejected, accepted + duplicates + rejected));
    json.field("installs_per_second", perSecond(increase(now.installs, first->installs)));
    json.field("http_requests_per_second", perSecond(increase(now.httpRequests, first->httpRequests)));
    json.endObject();

    const Buckets counts = bucketIncrease(now.latencyBuckets, first->latencyBuckets);
    json.key("range_latency_ms").beginObject();
    json.field("p50", bucketQuantileMs(counts, 0.50));
    json.field("p95", bucketQuantileMs(counts, 0.95));
    json.field("p99", bucketQuantileMs(counts, 0.99));
    json.endObject();
}

void writeQueuesAndStorage(JsonWriter& json, const EngineSnapshot& s)
{
    std::uint64_t depth = 0;
    std::uint64_t capacity = 0;
    double fullest = 0;
    json.key("queues").beginObject();
    json.key("workers").beginArray();
    for (const QueueSnapshot& queue : s.queues) {
        json.beginObject().field("depth", queue.depth).field("capacity", queue.capacity).endObject();
        depth += queue.depth;
        capacity += queue.capacity;
        if (queue.capacity > 0)
            fullest = std::max(fullest, static_cast<double>(queue.depth) / static_cast<double>(queue.capacity));
    }
    json.endArray();
    json.field("depth", depth);
    json.field("capacity", capacity);
    json.field("max_fill_percent", 100.0 * fullest);
    json.endObject();

    const StorageStats& storage = s.storage;
    json.key("storage").beginObject();
    json.field("persistent", s.persistent);
    json.field("committed_events", storage.committedEvents);
    json.field("committed_batches", storage.committedBatches);
    json.field("journal_through_batch", storage.journalThrough);
    json.field("outputs_through_batch", storage.outputsThrough);
    json.field("pending_outputs", storage.pendingOutputs);
    json.field("errors", storage.errors);
    json.field("last_error", storage.lastError);
    json.field("database_bytes", storage.databaseBytes);
    json.endObject();
}

void writeCustomers(JsonWriter& json, const EngineSnapshot& s)
{
    json.key("customers").beginArray();
    for (const CustomerSnapshot& customer : s.customers) {
        const CustomerCounters& c = customer.counters;
        json.beginObject();
        json.field("customer_id", customer.customerId);
        json.field("events", c.events);
        json.field("installs", c.installs);
        json.field("attributed_installs", c.attributedInstalls);
        json.field("organic_installs", c.organicInstalls);
        json.field("fraud_flagged_installs", c.fraudFlaggedInstalls);
        json.field("reference_installs", c.referenceInstalls);
        json.field("reference_agreements", c.referenceAgreements);
        json.field("attribution_accuracy_percent",
                   percent(static_cast<double>(c.referenceAgreements), static_cast<double>(c.referenceInstalls)));
        json.field("revenue", c.revenue);
        json.key("latency_ms");
        writeLatency(json, customer.latency);
        json.endObject();
    }
    json.endArray();
}

void writeCampaigns(JsonWriter& json, const EngineSnapshot& s)
{
    json.key("campaigns").beginArray();
    for (const AggregateRow& row : s.aggregates) {
        const AggregateTotals& t = row.totals;
        json.beginObject();
        json.field("customer_id", row.customerId);
        json.field("app_id", row.appId);
        json.field("media_source", row.mediaSource);
        json.field("campaign", row.campaign);
        json.field("clicks", t.clicks);
        json.field("impressions", t.impressions);
        json.field("installs", t.installs);
        json.field("reinstalls", t.reinstalls);
        json.field("organic_installs", t.organicInstalls);
        json.field("attributed_installs", t.attributedInstalls);
        json.field("fraud_flagged_installs", t.fraudFlaggedInstalls);
        json.field("fraud_rejected_installs", t.fraudRejectedInstalls);
        json.field("in_app_events", t.inAppEvents);
        json.field("revenue", t.revenue);
        json.key("credits").beginObject();
        for (std::size_t model = 0; model < kCreditModelCount; ++model)
            json.field(toString(static_cast<CreditModel>(model)), t.credits[model]);
        json.endObject();
        json.endObject();
    }
    json.endArray();
}

// One array per quantity, each value computed from a sample and the one
// before it, so a series of n + 1 samples gives n points.
void writeSeries(JsonWriter& json, const HistoryWindow& window)
{
    const std::vector<HistorySample>& samples = window.samples;
    const std::size_t points = samples.size() > 1 ? samples.size() - 1 : 0;
    auto series = [&](std::string_view name, auto&& valueAt) {
        json.key(name).beginArray();
        for (std::size_t i = 1; i <= points; ++i)
            json.value(valueAt(samples[i - 1], samples[i]));
        json.endArray();
    };
    auto rate = [](double amount, const HistorySample& older, const HistorySample& newer) {
        const double seconds = static_cast<double>(newer.timeMs - older.timeMs) / 1000.0;
        return seconds > 0 ? amount / seconds : kNoData;
    };

    json.key("series").beginObject();
    json.field("interval_seconds", static_cast<double>(window.intervalMs) / 1000.0);
    json.field("points", static_cast<std::uint64_t>(points));
    series("timestamps_ms", [](const HistorySample&, const HistorySample& b) { return b.timeMs; });
    series("events_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.eventsProcessed, a.eventsProcessed), a, b);
    });
    series("accepted_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.eventsAccepted, a.eventsAccepted), a, b);
    });
    series("duplicates_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.eventsDuplicate, a.eventsDuplicate), a, b);
    });
    series("rejected_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.eventsRejected, a.eventsRejected), a, b);
    });
    series("error_rate_percent", [&](const HistorySample& a, const HistorySample& b) {
        const double rejected = increase(b.eventsRejected, a.eventsRejected);
        return percent(rejected, increase(b.eventsAccepted, a.eventsAccepted)
                                     + increase(b.eventsDuplicate, a.eventsDuplicate) + rejected);
    });
    series("installs_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.installs, a.installs), a, b);
    });
    constexpr std::array<std::pair<std::string_view, double>, 3> kQuantiles = {
        {{"latency_p50_ms", 0.50}, {"latency_p95_ms", 0.95}, {"latency_p99_ms", 0.99}}};
    for (const auto& [name, quantile] : kQuantiles) {
        series(name, [quantile = quantile](const HistorySample& a, const HistorySample& b) {
            return bucketQuantileMs(bucketIncrease(b.latencyBuckets, a.latencyBuckets), quantile);
        });
    }
    series("committed_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.committedEvents, a.committedEvents), a, b);
    });
    series("storage_errors", [](const HistorySample& a, const HistorySample& b) {
        return increase(b.storageErrors, a.storageErrors);
    });
    series("http_requests_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.httpRequests, a.httpRequests), a, b);
    });
    series("http_server_errors_per_second", [&](const HistorySample& a, const HistorySample& b) {
        return rate(increase(b.httpServerErrors, a.httpServerErrors), a, b);
    });
    series("queue_depth", [](const HistorySample&, const HistorySample& b) { return b.queueDepth; });
    series("queue_fill_percent", [](const HistorySample&, const HistorySample& b) {
        return percent(static_cast<double>(b.queueDepth), static_cast<double>(b.queueCapacity));
    });
    series("active_connections", [](const HistorySample&, const HistorySample& b) { return b.activeConnections; });
    series("resident_bytes", [](const HistorySample&, const HistorySample& b) { return b.residentBytes; });
    series("pending_outputs", [](const HistorySample&, const HistorySample& b) { return b.pendingOutputs; });
    json.endObject();
}

} // namespace

double bucketQuantileMs(const Buckets& counts, double quantile)
{
    std::uint64_t total = 0;
    for (std::uint64_t count : counts)
        total += count;
    if (total == 0)
        return kNoData;
    const double rank = quantile * static_cast<double>(total);
    const auto& bounds = EngineMetrics::kLatencyBounds;
    std::uint64_t below = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const std::uint64_t inBucket = counts[i];
        if (static_cast<double>(below + inBucket) >= rank && inBucket > 0) {
            const double lower = i == 0 ? 0.0 : bounds[i - 1];
            const double share = (rank - static_cast<double>(below)) / static_cast<double>(inBucket);
            return 1000.0 * (lower + (bounds[i] - lower) * std::clamp(share, 0.0, 1.0));
        }
        below += inBucket;
    }
    return 1000.0 * bounds.back();
}

std::string snapshotJson(const EngineSnapshot& snapshot, const HistorySample& now, TimeRange range,
                         const HistoryWindow& window)
{
    JsonWriter json;
    json.beginObject();
    json.field("taken_at", formatRfc3339(snapshot.takenAtMs));
    json.field("taken_at_ms", snapshot.takenAtMs);
    json.field("uptime_seconds", snapshot.uptimeSeconds);
    json.field("range", toString(range));
    json.field("worker_threads", snapshot.workers);
    writeCounters(json, snapshot);
    json.field("events_per_second", snapshot.eventsPerSecond);
    writeRangeFigures(json, now, window);
    json.key("latency_ms");
    writeLatency(json, snapshot.latency);
    writeQueuesAndStorage(json, snapshot);
    json.key("http").beginObject();
    json.field("requests", now.httpRequests);
    json.field("server_errors", now.httpServerErrors);
    json.field("active_connections", now.activeConnections);
    json.endObject();
    json.field("resident_bytes", now.residentBytes);
    writeCustomers(json, snapshot);
    writeCampaigns(json, snapshot);
    writeSeries(json, window);
    json.endObject();
    return json.str();
}

} // namespace umg
