#include "attribution/shard.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "metrics/labelregistry.h"
#include "model/timestamp.h"
#include "util/hash.h"
#include "util/log.h"

namespace umg {
namespace {

constexpr std::uint32_t kOrganic = std::numeric_limits<std::uint32_t>::max();

// Never 0 for a present IDFV, whose hash has its low bit set.
std::uint32_t idfvTag(std::uint64_t idfvHash) { return static_cast<std::uint32_t>(idfvHash); }
constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min() / 4;

// Attribute tuples and customer-app pairs are interned per shard. A flood of
// distinct campaign names is bounded here, because every tuple stays in
// memory for the life of the engine.
constexpr std::size_t kMaxInternedAttributes = 4'000'000;

} // namespace

std::string_view toString(EventStatus status)
{
    switch (status) {
    case EventStatus::Accepted: return "accepted";
    case EventStatus::Duplicate: return "duplicate";
    case EventStatus::Rejected: return "rejected";
    case EventStatus::Count: break;
    }
    return "unknown";
}

void AggregateTotals::add(const AggregateTotals& other)
{
    clicks += other.clicks;
    impressions += other.impressions;
    installs += other.installs;
    reinstalls += other.reinstalls;
    organicInstalls += other.organicInstalls;
    attributedInstalls += other.attributedInstalls;
    fraudFlaggedInstalls += other.fraudFlaggedInstalls;
    fraudRejectedInstalls += other.fraudRejectedInstalls;
    inAppEvents += other.inAppEvents;
    revenue += other.revenue;
    for (std::size_t i = 0; i < kCreditModelCount; ++i)
        credits[i] += other.credits[i];
}

void CustomerCounters::add(const CustomerCounters& other)
{
    events += other.events;
    installs += other.installs;
    attributedInstalls += other.attributedInstalls;
    organicInstalls += other.organicInstalls;
    fraudFlaggedInstalls += other.fraudFlaggedInstalls;
    referenceInstalls += other.referenceInstalls;
    referenceAgreements += other.referenceAgreements;
    revenue += other.revenue;
}

MetricCounts::MetricCounts(std::size_t slots)
    : appSlots(slots)
    , events(slots * 4 * 2 * 3, 0)
    , installs(slots * 2 * 3, 0)
    , attributed(slots, 0)
    , organic(slots, 0)
    , fraudRejected(slots, 0)
    , fraudFlags(slots * kFraudFlagCount, 0)
    , inAppEvents(slots * 2, 0)
{
}

// 32 bytes: millions of these stay in memory.
struct AttributionShard::Touch {
    std::int64_t timestampMs;
    std::uint64_t idHash;
    /// Low 32 bits of the IDFV hash (0: none). It only has to tell the IDFVs
    /// of one device's few touches apart.
    std::uint32_t idfvTag;
    std::uint32_t idOffset;
    std::uint32_t attributes;
    std::uint16_t idLength;
    EventType type;
};
static_assert(sizeof(AttributionShard::Touch) == 32);

struct AttributionShard::Decision {
    InstallKind kind = InstallKind::New;
    MatchMethod method = MatchMethod::None;
    InstallStatus status = InstallStatus::Organic;
    std::uint8_t flags = 0;
    EventType touchType = EventType::Click;
    std::int64_t touchTimeMs = 0;
    std::uint64_t touchIdHash = 0;
    std::uint32_t touchIdOffset = 0;
    std::uint16_t touchIdLength = 0;
    std::uint32_t touchAttributes = kOrganic;

    bool hasTouch() const { return method != MatchMethod::None; }
    bool sameAs(const Decision& o) const
    {
        return kind == o.kind && method == o.method && status == o.status && flags == o.flags
            && touchIdHash == o.touchIdHash;
    }
};

struct AttributionShard::Credit {
    std::uint32_t attributes;
    std::array<float, kCreditModelCount> weights;
};

struct AttributionShard::Install {
    std::int64_t timestampMs = 0;
    std::uint64_t idHash = 0;
    std::uint64_t idfvHash = 0;
    std::uint64_t referenceHash = 0;
    std::uint32_t idOffset = 0;
    std::uint32_t referenceOffset = 0;
    std::uint16_t idLength = 0;
    std::uint16_t referenceLength = 0;
    Platform platform = Platform::Android;
    bool hasReference = false;
    bool decided = false;
    /// Loaded from storage: its results are already on disk, so it only
    /// serves to recognise reinstalls.
    bool seeded = false;
    std::uint32_t revision = 0;
    Decision decision;
    std::vector<Credit> credits;
};

struct AttributionShard::InAppEntry {
    std::int64_t timestampMs;
    std::uint64_t idHash;
    double revenue;
    std::uint32_t currency;
    /// Aggregate row the event is currently counted in (kOrganic or an
    /// attribute tuple).
    std::uint32_t creditedAttributes;
};

// Installs and recent in-app events live in a separate allocation that
// only devices with an install get, so that the many devices with touches
// alone stay small in the device table.
struct AttributionShard::DeviceHistory {
    std::vector<Install> installs;
    detail::CompactVector<InAppEntry> recentInApp;
};

struct AttributionShard::Device {
    std::int64_t newestMs = kNoTime;
    std::uint32_t customerApp = 0;
    bool keyedByAdvertisingId = false;
    detail::CompactVector<Touch> touches;
    std::unique_ptr<DeviceHistory> history;

    // Read access never allocates; the non-const overloads create the
    // history on first use.
    const std::vector<Install>& installs() const { return history ? history->installs : s_noInstalls; }
    std::vector<Install>& installs() { return ensureHistory().installs; }
    const detail::CompactVector<InAppEntry>& recentInApp() const
    {
        return history ? history->recentInApp : s_noInApp;
    }
    detail::CompactVector<InAppEntry>& recentInApp() { return ensureHistory().recentInApp; }

private:
    DeviceHistory& ensureHistory()
    {
        if (!history)
            history = std::make_unique<DeviceHistory>();
        return *history;
    }
    static const std::vector<Install> s_noInstalls;
    static const detail::CompactVector<InAppEntry> s_noInApp;
};

const std::vector<AttributionShard::Install> AttributionShard::Device::s_noInstalls;
const detail::CompactVector<AttributionShard::InAppEntry> AttributionShard::Device::s_noInApp;

struct AttributionShard::CustomerApp {
    std::string customerId;
    std::string appId;
    std::uint32_t customerIndex = 0;
    std::uint32_t appSlot = 0;
    const AttributionRules* rules = nullptr;
};

AttributionShard::AttributionShard(const EngineConfig& config, LabelRegistry& labels)
    : m_config(config)
    , m_labels(labels)
    , m_metrics(labels.slotCount())
{
}

AttributionShard::~AttributionShard() = default;

std::uint32_t AttributionShard::internCustomerApp(std::string_view customerId, std::string_view appId)
{
    const std::uint64_t key = hashCombine(hash64(customerId), hash64(appId, 1));
    if (auto it = m_customerAppIndex.find(key); it != m_customerAppIndex.end())
        return it->second;

    CustomerApp entry;
    entry.customerId = std::string(customerId);
    entry.appId = std::string(appId);
    entry.rules = &m_config.rulesFor(appId);
    entry.appSlot = m_labels.slot(LabelRegistry::App, appId);
    auto [customer, inserted] = m_customerIndex.try_emplace(entry.customerId, static_cast<std::uint32_t>(m_customers.size()));
    if (inserted) {
        m_customers.push_back(entry.customerId);
        m_customerCounters.emplace_back();
    }
    entry.customerIndex = customer->second;
    const auto index = static_cast<std::uint32_t>(m_customerApps.size());
    m_customerApps.push_back(std::move(entry));
    m_customerAppIndex.emplace(key, index);
    return index;
}

std::uint32_t AttributionShard::internField(std::size_t field, std::string_view value)
{
    // Keyed by a 64-bit hash: pools hold few distinct values, so a
    // collision is far less likely than one in a billion.
    FieldPool& pool = m_fieldPools[field];
    // A direct-mapped cache on length and end bytes answers most lookups
    // with one comparison, before any hashing.
    const std::size_t slot = value.empty()
        ? 0
        : (value.size() * 31 + static_cast<unsigned char>(value.front()) * 7 + static_cast<unsigned char>(value.back()))
            & (FieldPool::kCacheSize - 1);
    const std::uint32_t cached = pool.cache[slot];
    if (cached != 0 && pool.values[cached - 1] == value)
        return cached - 1;
    const std::uint64_t key = hash64(value, field);
    auto [it, inserted] = pool.index.try_emplace(key, static_cast<std::uint32_t>(pool.values.size()));
    if (inserted)
        pool.values.emplace_back(value);
    pool.cache[slot] = it->second + 1;
    return it->second;
}

std::uint32_t AttributionShard::internAttributes(const RoutedBatch& batch, const RoutedEvent& event)
{
    // Each field is interned on its own (few distinct values each), and the
    // tuple is keyed by the field ids, so no tuple string is built or hashed.
    static constexpr RoutedField kFields[kAttributeFieldCount] = {
        RoutedField::MediaSource, RoutedField::Campaign, RoutedField::CampaignId, RoutedField::Adset,
        RoutedField::Ad,          RoutedField::Channel,  RoutedField::SiteId};
    AttributeIds ids{};
    std::uint64_t key = 0x51ed270b27ab3f1dULL;
    for (std::size_t i = 0; i < kAttributeFieldCount; ++i) {
        ids[i] = internField(i, batch.string(event, kFields[i]));
        key = hashCombine(key, (std::uint64_t{ids[i]} << 3) | i);
    }
    if (auto it = m_attributeIndex.find(key); it != m_attributeIndex.end())
        return it->second;
    if (m_attributes.size() >= kMaxInternedAttributes) {
        static log::RateLimiter limiter;
        if (limiter.allow())
            log::warning("attribution", "too many distinct touch attribute combinations; new ones share the last one",
                         {{"limit", kMaxInternedAttributes}, {"occurrences", limiter.count()}});
        return static_cast<std::uint32_t>(m_attributes.size() - 1);
    }
    // Aggregates break results down by media source and campaign only, so
    // each tuple also maps to its (media source, campaign) row.
    const std::uint64_t campaignKey = (std::uint64_t{ids[0]} << 32) | ids[1];
    auto [campaign, inserted] = m_campaignIndex.try_emplace(campaignKey, static_cast<std::uint32_t>(m_campaigns.size()));
    if (inserted)
        m_campaigns.emplace_back(m_fieldPools[0].values[ids[0]], m_fieldPools[1].values[ids[1]]);
    const auto index = static_cast<std::uint32_t>(m_attributes.size());
    m_attributes.push_back(ids);
    m_campaignOf.push_back(campaign->second);
    m_attributeIndex.emplace(key, index);
    return index;
}

TouchAttributes AttributionShard::attributesOf(std::uint32_t index) const
{
    const AttributeIds& ids = m_attributes[index];
    auto value = [&](std::size_t field) { return m_fieldPools[field].values[ids[field]]; };
    return TouchAttributes{value(0), value(1), value(2), value(3), value(4), value(5), value(6)};
}

std::uint32_t AttributionShard::internCurrency(std::string_view currency)
{
    auto [it, inserted] = m_currencyIndex.try_emplace(std::string(currency), static_cast<std::uint32_t>(m_currencies.size()));
    if (inserted) {
        m_currencies.emplace_back(currency);
        m_currencySlots.push_back(m_labels.slot(LabelRegistry::Currency, currency));
    }
    return it->second;
}

std::uint32_t AttributionShard::storeId(std::string_view id)
{
    if (m_idGarbage > (64u << 20) && m_idGarbage * 2 > m_ids.usedBytes())
        compactIds();
    return m_ids.store(id);
}

std::string_view AttributionShard::idAt(std::uint32_t offset, std::uint16_t length) const
{
    return m_ids.at(offset, length);
}

void AttributionShard::compactIds()
{
    detail::IdArena ids;
    auto move = [&](std::uint32_t& offset, std::uint16_t length) { offset = ids.store(m_ids.at(offset, length)); };
    for (auto& [key, device] : m_devices) {
        for (Touch& touch : device.touches)
            move(touch.idOffset, touch.idLength);
        if (!device.history)
            continue;
        for (Install& install : device.installs()) {
            move(install.idOffset, install.idLength);
            move(install.referenceOffset, install.referenceLength);
            move(install.decision.touchIdOffset, install.decision.touchIdLength);
        }
    }
    m_ids.swap(ids);
    m_idGarbage = 0;
}

EventStatus AttributionShard::process(const RoutedBatch& batch, const RoutedEvent& event, std::int64_t watermarkMs,
                                      bool emitOutputs)
{
    m_emit = emitOutputs;
    const std::uint32_t customerApp =
        internCustomerApp(batch.string(event, RoutedField::CustomerId), batch.string(event, RoutedField::AppId));
    const CustomerApp& owner = m_customerApps[customerApp];
    m_lastCustomer = owner.customerIndex;

    EventStatus status = EventStatus::Accepted;
    if (event.timestampMs < watermarkMs - m_config.retentionMs)
        status = EventStatus::Rejected;
    else if (!m_dedup.insert(event.eventIdHash, event.timestampMs))
        status = EventStatus::Duplicate;

    if (emitOutputs) {
        m_stats.events[static_cast<std::size_t>(event.type)][static_cast<std::size_t>(status)] += 1;
        m_metrics.events[m_metrics.eventIndex(owner.appSlot, event.type, event.platform, status)] += 1;
        if (status == EventStatus::Accepted)
            m_customerCounters[owner.customerIndex].events += 1;
    }
    if (status != EventStatus::Accepted)
        return status;

    auto [it, created] = m_devices.try_emplace(event.deviceKey);
    Device& device = it->second;
    if (created) {
        device.customerApp = customerApp;
        device.keyedByAdvertisingId = event.keyedByAdvertisingId;
    }
    m_currentDeviceKey = event.deviceKey;
    const bool withinLateness = event.timestampMs >= device.newestMs - m_config.allowedLatenessMs;
    if (!withinLateness && emitOutputs)
        m_stats.lateEvents += 1;
    if (event.timestampMs > device.newestMs) {
        device.newestMs = event.timestampMs;
        prune(device);
    }
    m_stats.newestEventMs = std::max(m_stats.newestEventMs, event.timestampMs);

    switch (event.type) {
    case EventType::Click:
    case EventType::Impression:
        handleTouch(device, batch, event, withinLateness);
        break;
    case EventType::Install:
        handleInstall(device, batch, event, withinLateness);
        break;
    case EventType::InAppEvent:
        handleInApp(device, batch, event);
        break;
    case EventType::Count:
        break;
    }
    return status;
}

void AttributionShard::prune(Device& device)
{
    const AttributionRules& rules = *m_customerApps[device.customerApp].rules;
    const std::int64_t touchCutoff = device.newestMs - rules.maxLookbackMs() - m_config.allowedLatenessMs;
    std::uint32_t expired = 0;
    while (expired < device.touches.size() && device.touches[expired].timestampMs < touchCutoff) {
        releaseId(device.touches[expired].idLength);
        ++expired;
    }
    if (expired > 0) {
        device.touches.erase(0, expired);
        m_stats.storedTouches -= expired;
    }

    if (!device.history)
        return;
    // Installs newer than the lateness horizon may still be revised; of the
    // older ones only the newest matters, to recognise a later reinstall.
    std::vector<Install>& installs = device.installs();
    detail::CompactVector<InAppEntry>& recentInApp = device.recentInApp();
    const std::int64_t revisable = device.newestMs - m_config.allowedLatenessMs;
    std::size_t firstRevisable = 0;
    while (firstRevisable < installs.size() && installs[firstRevisable].timestampMs < revisable)
        ++firstRevisable;
    if (firstRevisable > 1) {
        for (std::size_t i = 0; i + 1 < firstRevisable; ++i)
            releaseId(installs[i].idLength + installs[i].referenceLength);
        installs.erase(installs.begin(), installs.begin() + static_cast<std::ptrdiff_t>(firstRevisable - 1));
        firstRevisable = 1;
    }
    if (firstRevisable == 1 && installs.front().timestampMs < revisable - rules.reattributionWindowMs) {
        releaseId(installs.front().idLength + installs.front().referenceLength);
        installs.erase(installs.begin());
    }

    std::uint32_t stale = 0;
    while (stale < recentInApp.size() && recentInApp[stale].timestampMs < revisable)
        ++stale;
    if (stale > 0)
        recentInApp.erase(0, stale);
    if (installs.empty() && recentInApp.empty())
        device.history.reset();
}

void AttributionShard::handleTouch(Device& device, const RoutedBatch& batch, const RoutedEvent& event,
                                   bool withinLateness)
{
    const std::string_view id = batch.string(event, RoutedField::EventId);
    Touch touch{};
    touch.timestampMs = event.timestampMs;
    touch.idHash = event.eventIdHash;
    touch.idfvTag = idfvTag(event.idfvHash);
    touch.idLength = static_cast<std::uint16_t>(std::min<std::size_t>(id.size(), 0xffff));
    touch.idOffset = storeId(id.substr(0, touch.idLength));
    touch.attributes = internAttributes(batch, event);
    touch.type = event.type;

    std::uint32_t position = device.touches.size();
    while (position > 0 && device.touches[position - 1].timestampMs > touch.timestampMs)
        --position;
    device.touches.insert(position, touch);
    m_stats.storedTouches += 1;
    if (device.touches.size() > m_config.maxTouchesPerDevice) {
        releaseId(device.touches[0].idLength);
        device.touches.erase(0);
        m_stats.storedTouches -= 1;
        m_stats.touchEvictions += 1;
    }

    AggregateDelta& delta = deltaFor(device.customerApp, touch.attributes, utcDayNumber(touch.timestampMs));
    AggregateTotals& totals = totalsFor(device.customerApp, touch.attributes);
    if (touch.type == EventType::Click) {
        delta.clicks += 1;
        totals.clicks += 1;
    } else {
        delta.impressions += 1;
        totals.impressions += 1;
    }

    const std::vector<Install>& installs = std::as_const(device).installs();
    if (withinLateness && !installs.empty() && installs.back().timestampMs >= touch.timestampMs)
        reviseFrom(device, touch.timestampMs);
}

void AttributionShard::handleInstall(Device& device, const RoutedBatch& batch, const RoutedEvent& event,
                                     bool withinLateness)
{
    const std::string_view id = batch.string(event, RoutedField::EventId);
    const std::string_view reference = batch.string(event, RoutedField::ReferenceTouchId);
    Install install;
    install.timestampMs = event.timestampMs;
    install.idHash = event.eventIdHash;
    install.idfvHash = event.idfvHash;
    install.platform = event.platform;
    install.idLength = static_cast<std::uint16_t>(std::min<std::size_t>(id.size(), 0xffff));
    install.idOffset = storeId(id.substr(0, install.idLength));
    install.hasReference = event.hasReference;
    if (event.hasReference && !reference.empty()) {
        install.referenceHash = eventIdHash(batch.string(event, RoutedField::AppId), reference);
        install.referenceLength = static_cast<std::uint16_t>(std::min<std::size_t>(reference.size(), 0xffff));
        install.referenceOffset = storeId(reference.substr(0, install.referenceLength));
    }

    // Installs are ordered by time, then by event id, so that equal times
    // give the same order whatever the arrival order.
    std::vector<Install>& installs = device.installs();
    std::size_t position = installs.size();
    while (position > 0) {
        const Install& before = installs[position - 1];
        if (before.timestampMs < install.timestampMs
            || (before.timestampMs == install.timestampMs && idAt(before.idOffset, before.idLength) <= id))
            break;
        --position;
    }
    installs.insert(installs.begin() + static_cast<std::ptrdiff_t>(position), std::move(install));

    if (withinLateness) {
        reviseFrom(device, event.timestampMs);
    } else {
        // Too late to revise the decisions after it: decide this one alone.
        const auto index = static_cast<std::uint32_t>(position);
        const Decision decision = decide(device, index, m_scratchCredits);
        applyDecision(device, index, decision, m_scratchCredits, true);
    }
}

void AttributionShard::handleInApp(Device& device, const RoutedBatch& batch, const RoutedEvent& event)
{
    InAppEntry entry{};
    entry.timestampMs = event.timestampMs;
    entry.idHash = event.eventIdHash;
    entry.revenue = event.hasRevenue ? event.revenue : 0.0;
    entry.currency = internCurrency(batch.string(event, RoutedField::Currency));
    entry.creditedAttributes = inAppAttributes(device, entry.timestampMs);
    creditInApp(device, entry, +1);

    if (m_emit) {
        const bool attributed = entry.creditedAttributes != kOrganic;
        const std::uint32_t app = m_customerApps[device.customerApp].appSlot;
        m_metrics.inAppEvents[app * 2 + (attributed ? 1 : 0)] += 1;
        if (entry.revenue > 0)
            m_metrics.revenue[{app, m_currencySlots[entry.currency]}] += entry.revenue;
    }
    if (event.timestampMs >= device.newestMs - m_config.allowedLatenessMs) {
        detail::CompactVector<InAppEntry>& recent = device.recentInApp();
        std::uint32_t position = recent.size();
        while (position > 0 && recent[position - 1].timestampMs > entry.timestampMs)
            --position;
        recent.insert(position, entry);
    }
}

std::uint32_t AttributionShard::inAppAttributes(const Device& device, std::int64_t timestampMs) const
{
    // An in-app event inherits the attribution of the newest install at or
    // before it. Without such an install, or when it is not attributed, the
    // event counts as organic.
    const std::vector<Install>& installs = device.installs();
    for (std::size_t i = installs.size(); i > 0; --i) {
        const Install& install = installs[i - 1];
        if (install.timestampMs <= timestampMs) {
            return install.decided && install.decision.status == InstallStatus::Attributed
                ? install.decision.touchAttributes
                : kOrganic;
        }
    }
    return kOrganic;
}

void AttributionShard::creditInApp(const Device& device, const InAppEntry& entry, int sign)
{
    const std::uint32_t attributes = entry.creditedAttributes;
    const std::int64_t day = utcDayNumber(entry.timestampMs);
    deltaFor(device.customerApp, attributes, day).inAppEvents += sign;
    AggregateTotals& totals = totalsFor(device.customerApp, attributes);
    totals.inAppEvents += sign;
    totals.revenue += sign * entry.revenue;
    if (attributes == kOrganic)
        m_stats.inAppUnattributed += sign;
    else
        m_stats.inAppAttributed += sign;
    m_customerCounters[m_customerApps[device.customerApp].customerIndex].revenue += sign * entry.revenue;

    if (!m_emit)
        return;
    const std::uint32_t campaign = campaignOf(attributes);
    const std::tuple<std::uint32_t, std::uint32_t, std::int64_t, std::uint32_t> key{device.customerApp, campaign, day,
                                                                                   entry.currency};
    auto [it, inserted] = m_pendingRevenueIndex.try_emplace(absl::HashOf(key), m_pendingRevenue.size());
    if (inserted)
        m_pendingRevenue.push_back({device.customerApp, campaign, day, entry.currency, 0, 0.0});
    PendingRevenue& pending = m_pendingRevenue[it->second];
    pending.events += sign;
    pending.revenue += sign * entry.revenue;
}

void AttributionShard::reviseFrom(Device& device, std::int64_t fromMs)
{
    if (!device.history)
        return;
    std::vector<Credit>& credits = m_scratchCredits;
    for (std::size_t i = 0; i < device.installs().size(); ++i) {
        if (device.installs()[i].timestampMs < fromMs || device.installs()[i].seeded)
            continue;
        const auto index = static_cast<std::uint32_t>(i);
        const Decision current = decide(device, index, credits);
        Install& install = device.installs()[i];
        if (!install.decided) {
            applyDecision(device, index, current, credits, true);
            continue;
        }
        // The winner may stay while a new touch changes the multi-touch credits.
        const bool creditsChanged = credits.size() != install.credits.size()
            || !std::equal(credits.begin(), credits.end(), install.credits.begin(), [](const Credit& a, const Credit& b) {
                   return a.attributes == b.attributes && a.weights == b.weights;
               });
        if (!install.decision.sameAs(current) || creditsChanged)
            applyDecision(device, index, current, credits, false);
    }

    for (InAppEntry& entry : device.recentInApp()) {
        if (entry.timestampMs < fromMs)
            continue;
        const std::uint32_t target = inAppAttributes(device, entry.timestampMs);
        if (target == entry.creditedAttributes)
            continue;
        creditInApp(device, entry, -1);
        entry.creditedAttributes = target;
        creditInApp(device, entry, +1);
    }
}

AttributionShard::Decision AttributionShard::decide(const Device& device, std::uint32_t installIndex,
                                                    std::vector<Credit>& credits) const
{
    const Install& install = device.installs()[installIndex];
    const AttributionRules& rules = *m_customerApps[device.customerApp].rules;
    Decision decision;

    std::int64_t notAtOrBefore = kNoTime;
    if (installIndex > 0) {
        const Install& previous = device.installs()[installIndex - 1];
        if (install.timestampMs - previous.timestampMs <= rules.reattributionWindowMs) {
            decision.kind = InstallKind::Reinstall;
            notAtOrBefore = previous.timestampMs;
        }
    }

    auto eligible = [&](const Touch& touch, bool fingerprint) {
        if (touch.timestampMs > install.timestampMs || touch.timestampMs <= notAtOrBefore)
            return false;
        std::int64_t window = touch.type == EventType::Click ? rules.clickLookbackMs : rules.impressionLookbackMs;
        if (fingerprint)
            window = std::min(window, rules.fingerprintWindowMs);
        return install.timestampMs - touch.timestampMs <= window;
    };
    // Later by time, then by event id.
    auto later = [&](const Touch& a, const Touch& b) {
        if (a.timestampMs != b.timestampMs)
            return a.timestampMs > b.timestampMs;
        return idAt(a.idOffset, a.idLength) > idAt(b.idOffset, b.idLength);
    };
    auto pickWinner = [&](auto&& inTier, bool fingerprint) -> const Touch* {
        const Touch* bestClick = nullptr;
        const Touch* bestImpression = nullptr;
        for (const Touch& touch : device.touches) {
            if (!inTier(touch) || !eligible(touch, fingerprint))
                continue;
            const Touch*& best = touch.type == EventType::Click ? bestClick : bestImpression;
            if (!best || later(touch, *best))
                best = &touch;
        }
        return bestClick ? bestClick : bestImpression;
    };

    const Touch* winner = nullptr;
    bool fingerprintTier = false;
    auto sameIdfv = [&](const Touch& touch) {
        return install.idfvHash != 0 && touch.idfvTag == idfvTag(install.idfvHash);
    };
    auto any = [](const Touch&) { return true; };
    if (device.keyedByAdvertisingId) {
        winner = pickWinner(any, false);
        if (winner)
            decision.method = MatchMethod::DeviceId;
    } else {
        winner = pickWinner(sameIdfv, false);
        if (winner) {
            decision.method = MatchMethod::DeviceId;
        } else {
            winner = pickWinner(any, true);
            if (winner) {
                decision.method = MatchMethod::Fingerprint;
                fingerprintTier = true;
            }
        }
    }

    credits.clear();
    if (!winner) {
        decision.status = InstallStatus::Organic;
        return decision;
    }

    decision.touchType = winner->type;
    decision.touchTimeMs = winner->timestampMs;
    decision.touchIdHash = winner->idHash;
    decision.touchIdOffset = winner->idOffset;
    decision.touchIdLength = winner->idLength;
    decision.touchAttributes = winner->attributes;

    if (winner->type == EventType::Click && install.timestampMs - winner->timestampMs < rules.minimumCtitMs)
        decision.flags |= static_cast<std::uint8_t>(FraudFlag::CtitTooShort);
    std::int32_t recentClicks = 0;
    for (const Touch& touch : device.touches) {
        if (touch.type == EventType::Click && touch.timestampMs <= install.timestampMs
            && install.timestampMs - touch.timestampMs <= rules.floodingWindowMs)
            ++recentClicks;
    }
    if (recentClicks > rules.floodingClickThreshold)
        decision.flags |= static_cast<std::uint8_t>(FraudFlag::ClickFlooding);

    decision.status = decision.flags != 0 && rules.fraudPolicy == FraudPolicy::Reject ? InstallStatus::FraudRejected
                                                                                      : InstallStatus::Attributed;
    if (decision.status != InstallStatus::Attributed)
        return decision;

    // Multi-touch credits over the eligible touches of the winning tier,
    // in time order.
    std::vector<const Touch*> path;
    for (const Touch& touch : device.touches) {
        const bool inTier = fingerprintTier || device.keyedByAdvertisingId || sameIdfv(touch);
        if (inTier && eligible(touch, fingerprintTier))
            path.push_back(&touch);
    }
    std::stable_sort(path.begin(), path.end(), [&](const Touch* a, const Touch* b) { return later(*b, *a); });
    const std::size_t n = path.size();
    std::vector<std::array<double, kCreditModelCount>> weights(n, std::array<double, kCreditModelCount>{});
    double decayTotal = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        weights[i][static_cast<std::size_t>(CreditModel::LastTouch)] = path[i] == winner ? 1.0 : 0.0;
        weights[i][static_cast<std::size_t>(CreditModel::FirstTouch)] = i == 0 ? 1.0 : 0.0;
        weights[i][static_cast<std::size_t>(CreditModel::Linear)] = 1.0 / static_cast<double>(n);
        const double age = static_cast<double>(install.timestampMs - path[i]->timestampMs);
        const double decay = std::exp2(-age / static_cast<double>(rules.timeDecayHalfLifeMs));
        weights[i][static_cast<std::size_t>(CreditModel::TimeDecay)] = decay;
        decayTotal += decay;
        double position = 0.0;
        if (n == 1)
            position = 1.0;
        else if (n == 2)
            position = 0.5;
        else if (i == 0 || i == n - 1)
            position = 0.4;
        else
            position = 0.2 / static_cast<double>(n - 2);
        weights[i][static_cast<std::size_t>(CreditModel::PositionBased)] = position;
    }
    for (std::size_t i = 0; i < n; ++i) {
        weights[i][static_cast<std::size_t>(CreditModel::TimeDecay)] /= decayTotal;
        auto found = std::find_if(credits.begin(), credits.end(),
                                  [&](const Credit& c) { return c.attributes == path[i]->attributes; });
        if (found == credits.end()) {
            credits.push_back(Credit{path[i]->attributes, {}});
            found = credits.end() - 1;
        }
        for (std::size_t m = 0; m < kCreditModelCount; ++m)
            found->weights[m] += static_cast<float>(weights[i][m]);
    }
    return decision;
}

void AttributionShard::applyDecision(Device& device, std::uint32_t installIndex, const Decision& decision,
                                     const std::vector<Credit>& credits, bool firstDecision)
{
    Install& install = device.installs()[installIndex];
    if (!firstDecision) {
        addInstallContribution(device, install, -1);
        install.revision += 1;
        m_stats.revisions += 1;
    }
    install.decision = decision;
    install.credits = credits;
    install.decided = true;
    addInstallContribution(device, install, +1);
    emitInstallRow(device, install);
    if (!firstDecision || !m_emit)
        return;

    // Exported counters count first decisions; revisions have their own counter.
    const std::uint32_t app = m_customerApps[device.customerApp].appSlot;
    m_metrics.installs[m_metrics.installIndex(app, decision.kind, decision.method)] += 1;
    if (decision.status == InstallStatus::Attributed)
        m_metrics.attributed[app] += 1;
    else if (decision.status == InstallStatus::Organic)
        m_metrics.organic[app] += 1;
    else
        m_metrics.fraudRejected[app] += 1;
    for (int bit = 0; bit < kFraudFlagCount; ++bit) {
        if (decision.flags & (1u << bit))
            m_metrics.fraudFlags[app * kFraudFlagCount + static_cast<std::size_t>(bit)] += 1;
    }
}

void AttributionShard::addInstallContribution(const Device& device, const Install& install, int sign)
{
    const Decision& d = install.decision;
    const std::int64_t day = utcDayNumber(install.timestampMs);
    const std::uint32_t attributes = d.status == InstallStatus::Organic ? kOrganic : d.touchAttributes;
    AggregateDelta& delta = deltaFor(device.customerApp, attributes, day);
    AggregateTotals& totals = totalsFor(device.customerApp, attributes);
    const bool reinstall = d.kind == InstallKind::Reinstall;
    const bool organic = d.status == InstallStatus::Organic;
    const bool attributed = d.status == InstallStatus::Attributed;
    const bool rejected = d.status == InstallStatus::FraudRejected;
    const bool flagged = d.flags != 0;
    delta.installs += sign;
    delta.reinstalls += sign * reinstall;
    delta.organicInstalls += sign * organic;
    delta.attributedInstalls += sign * attributed;
    delta.fraudFlaggedInstalls += sign * flagged;
    delta.fraudRejectedInstalls += sign * rejected;
    totals.installs += sign;
    totals.reinstalls += sign * reinstall;
    totals.organicInstalls += sign * organic;
    totals.attributedInstalls += sign * attributed;
    totals.fraudFlaggedInstalls += sign * flagged;
    totals.fraudRejectedInstalls += sign * rejected;

    if (attributed) {
        for (const Credit& credit : install.credits) {
            AggregateDelta& creditDelta = deltaFor(device.customerApp, credit.attributes, day);
            AggregateTotals& creditTotals = totalsFor(device.customerApp, credit.attributes);
            for (std::size_t m = 0; m < kCreditModelCount; ++m) {
                creditDelta.credits[m] += sign * static_cast<double>(credit.weights[m]);
                creditTotals.credits[m] += sign * static_cast<double>(credit.weights[m]);
            }
        }
    }

    m_stats.installsByKind[static_cast<std::size_t>(d.kind)] += sign;
    m_stats.installsByMethod[static_cast<std::size_t>(d.method)] += sign;
    m_stats.installsByStatus[static_cast<std::size_t>(d.status)] += sign;
    for (int bit = 0; bit < kFraudFlagCount; ++bit) {
        if (d.flags & (1u << bit))
            m_stats.fraudFlags[static_cast<std::size_t>(bit)] += sign;
    }
    CustomerCounters& customer = m_customerCounters[m_customerApps[device.customerApp].customerIndex];
    customer.installs += sign;
    customer.attributedInstalls += sign * attributed;
    customer.organicInstalls += sign * organic;
    customer.fraudFlaggedInstalls += sign * flagged;
    if (install.hasReference) {
        const bool agrees = install.referenceLength == 0 ? !d.hasTouch()
                                                         : d.hasTouch() && d.touchIdHash == install.referenceHash;
        m_stats.referenceInstalls += sign;
        m_stats.referenceAgreements += sign * agrees;
        customer.referenceInstalls += sign;
        customer.referenceAgreements += sign * agrees;
    }
}

std::uint32_t AttributionShard::campaignOf(std::uint32_t attributes) const
{
    return attributes == kOrganic ? kOrganic : m_campaignOf[attributes];
}

AggregateTotals& AttributionShard::totalsFor(std::uint32_t customerApp, std::uint32_t attributes)
{
    return m_totals[(static_cast<std::uint64_t>(customerApp) << 32) | campaignOf(attributes)];
}

AggregateDelta& AttributionShard::deltaFor(std::uint32_t customerApp, std::uint32_t attributes, std::int64_t day)
{
    if (!m_emit) {
        // Restoring from the journal: these results are already stored.
        m_discardedDelta = AggregateDelta{};
        return m_discardedDelta;
    }
    attributes = campaignOf(attributes);
    const std::tuple<std::uint32_t, std::uint32_t, std::int64_t> key{customerApp, attributes, day};
    auto [it, inserted] = m_pendingDeltaIndex.try_emplace(absl::HashOf(key), m_pendingDeltas.size());
    if (inserted)
        m_pendingDeltas.push_back({customerApp, attributes, day, AggregateDelta{}});
    return m_pendingDeltas[it->second].delta;
}

void AttributionShard::emitInstallRow(const Device& device, const Install& install)
{
    if (!m_emit)
        return;
    auto [it, inserted] = m_pendingInstallIndex.try_emplace(install.idHash, m_pendingInstalls.size());
    if (inserted)
        m_pendingInstalls.emplace_back();
    InstallRow& row = m_pendingInstalls[it->second];
    const CustomerApp& owner = m_customerApps[device.customerApp];
    const Decision& d = install.decision;
    row.installEventId = idAt(install.idOffset, install.idLength);
    row.customerId = owner.customerId;
    row.appId = owner.appId;
    row.installTimeMs = install.timestampMs;
    row.deviceKey = m_currentDeviceKey;
    row.keyedByAdvertisingId = device.keyedByAdvertisingId;
    row.platform = install.platform;
    row.kind = d.kind;
    row.status = d.status;
    row.matchMethod = d.method;
    row.fraudFlags = d.flags;
    row.hasReference = install.hasReference;
    row.referenceTouchId = idAt(install.referenceOffset, install.referenceLength);
    row.revision = install.revision;
    if (d.hasTouch()) {
        row.touchEventId = idAt(d.touchIdOffset, d.touchIdLength);
        row.touchType = d.touchType;
        row.touchTimeMs = d.touchTimeMs;
        row.touch = attributesOf(d.touchAttributes);
        row.ctitMs = install.timestampMs - d.touchTimeMs;
    } else {
        row.touchEventId.clear();
        row.touchTimeMs = 0;
        row.touch = TouchAttributes{};
        row.ctitMs = 0;
    }
}

void AttributionShard::seedInstall(std::uint64_t deviceKey, std::string_view customerId, std::string_view appId,
                                   std::string_view installEventId, std::int64_t installTimeMs,
                                   bool keyedByAdvertisingId)
{
    const std::uint32_t customerApp = internCustomerApp(customerId, appId);
    auto [it, created] = m_devices.try_emplace(deviceKey);
    Device& device = it->second;
    if (created) {
        device.customerApp = customerApp;
        device.keyedByAdvertisingId = keyedByAdvertisingId;
    }
    Install install;
    install.timestampMs = installTimeMs;
    install.idLength = static_cast<std::uint16_t>(std::min<std::size_t>(installEventId.size(), 0xffff));
    install.idOffset = storeId(installEventId.substr(0, install.idLength));
    install.decided = true;
    install.seeded = true;
    std::vector<Install>& installs = device.installs();
    std::size_t position = installs.size();
    while (position > 0 && installs[position - 1].timestampMs > installTimeMs)
        --position;
    installs.insert(installs.begin() + static_cast<std::ptrdiff_t>(position), std::move(install));
    device.newestMs = std::max(device.newestMs, installTimeMs);
}

void AttributionShard::takeOutput(std::uint64_t batchId, ShardOutput& out)
{
    out.batchId = batchId;
    out.installs.clear();
    out.aggregates.clear();
    out.revenue.clear();
    for (InstallRow& row : m_pendingInstalls) {
        row.batchId = batchId;
        out.installs.push_back(std::move(row));
    }
    m_pendingInstalls.clear();
    m_pendingInstallIndex.clear();

    auto keyOf = [&](std::uint32_t customerApp, std::uint32_t campaign, std::int64_t day) {
        const CustomerApp& owner = m_customerApps[customerApp];
        AggregateKey key;
        key.customerId = owner.customerId;
        key.appId = owner.appId;
        if (campaign == kOrganic) {
            key.mediaSource = "organic";
        } else {
            key.mediaSource = m_campaigns[campaign].first;
            key.campaign = m_campaigns[campaign].second;
        }
        key.day = day;
        return key;
    };
    for (PendingDelta& pending : m_pendingDeltas) {
        AggregateDelta delta = pending.delta;
        delta.key = keyOf(pending.customerApp, pending.attributes, pending.day);
        out.aggregates.push_back(std::move(delta));
    }
    m_pendingDeltas.clear();
    m_pendingDeltaIndex.clear();
    for (const PendingRevenue& pending : m_pendingRevenue) {
        if (pending.events == 0 && pending.revenue == 0.0)
            continue;
        RevenueDelta delta;
        delta.key = keyOf(pending.customerApp, pending.attributes, pending.day);
        delta.currency = m_currencies[pending.currency];
        delta.events = pending.events;
        delta.revenue = pending.revenue;
        out.revenue.push_back(std::move(delta));
    }
    m_pendingRevenue.clear();
    m_pendingRevenueIndex.clear();
}

void AttributionShard::sweep(std::int64_t watermarkMs)
{
    const std::int64_t cutoff = watermarkMs - m_config.retentionMs;
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        Device& device = it->second;
        const AttributionRules& rules = *m_customerApps[device.customerApp].rules;
        std::uint32_t expired = 0;
        while (expired < device.touches.size() && device.touches[expired].timestampMs < cutoff) {
            releaseId(device.touches[expired].idLength);
            ++expired;
        }
        if (expired > 0) {
            device.touches.erase(0, expired);
            m_stats.storedTouches -= expired;
        }
        const std::vector<Install>& installs = std::as_const(device).installs();
        const bool installsExpired = installs.empty()
            || installs.back().timestampMs < watermarkMs - rules.reattributionWindowMs - m_config.allowedLatenessMs;
        if (device.touches.empty() && installsExpired && device.newestMs < cutoff) {
            for (const Install& install : installs)
                releaseId(install.idLength + install.referenceLength);
            m_devices.erase(it++);
        } else {
            ++it;
        }
    }
    m_dedup.dropOlderThan(cutoff);
    m_stats.trackedDevices = static_cast<std::int64_t>(m_devices.size());
    m_stats.dedupEntries = static_cast<std::int64_t>(m_dedup.size());
}

void AttributionShard::prefetch(const RoutedEvent& event) const
{
    m_devices.prefetch(event.deviceKey);
    m_dedup.prefetch(event.eventIdHash);
}

void AttributionShard::updateGauges()
{
    m_stats.trackedDevices = static_cast<std::int64_t>(m_devices.size());
    m_stats.dedupEntries = static_cast<std::int64_t>(m_dedup.size());
    m_stats.stateBytes = static_cast<std::int64_t>(m_devices.capacity() * (sizeof(Device) + sizeof(std::uint64_t) + 1)
                                                   + m_dedup.memoryBytes() + m_ids.bytes());
}

void AttributionShard::collectAggregates(
    const std::function<void(const std::string&, const std::string&, const std::string&, const std::string&,
                             const AggregateTotals&)>& visit) const
{
    static const std::string kOrganicSource = "organic";
    static const std::string kNone;
    for (const auto& [key, totals] : m_totals) {
        const auto customerApp = static_cast<std::uint32_t>(key >> 32);
        const auto campaign = static_cast<std::uint32_t>(key & 0xffffffffu);
        const CustomerApp& owner = m_customerApps[customerApp];
        if (campaign == kOrganic)
            visit(owner.customerId, owner.appId, kOrganicSource, kNone, totals);
        else
            visit(owner.customerId, owner.appId, m_campaigns[campaign].first, m_campaigns[campaign].second, totals);
    }
}

void AttributionShard::collectCustomers(
    const std::function<void(const std::string&, const CustomerCounters&)>& visit) const
{
    for (std::size_t i = 0; i < m_customers.size(); ++i)
        visit(m_customers[i], m_customerCounters[i]);
}

int AttributionShard::customerIndex(std::string_view customerId) const
{
    auto it = m_customerIndex.find(std::string(customerId));
    return it == m_customerIndex.end() ? -1 : static_cast<int>(it->second);
}

} // namespace umg
