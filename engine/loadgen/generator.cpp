#include "loadgen/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "model/timestamp.h"
#include "util/jsonwriter.h"

namespace umg {
namespace {

constexpr std::int64_t kClickLookbackMs = 7 * kMillisPerDay;
constexpr std::int64_t kImpressionLookbackMs = 24 * kMillisPerHour;
constexpr std::int64_t kFingerprintWindowMs = 24 * kMillisPerHour;
constexpr std::int64_t kReattributionMs = 90 * kMillisPerDay;
constexpr std::size_t kRingSize = 1 << 16;

std::uint64_t splitmix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void formatUuid(std::uint64_t a, std::uint64_t b, std::string& out)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                  static_cast<unsigned>((b >> 48) & 0xfff), static_cast<unsigned long long>(b & 0xffffffffffffULL));
    out.assign(buffer);
}

const char* const kCampaigns[] = {"summer_sale", "retargeting_q4", "new_users_broad", "lookalike_payers",
                                  "brand_awareness", "holiday_push"};
const char* const kEventNames[] = {"tutorial_complete", "level_complete", "purchase", "subscription_start",
                                   "add_to_cart"};
const char* const kDeviceModels[] = {"SM-G991B", "Pixel 7", "M2101K6G", "CPH2219", "SM-A536B",
                                     "iPhone14,5", "iPhone15,2", "iPad13,1"};

} // namespace

const std::vector<PilotCustomer>& demoCustomers()
{
    static const std::vector<PilotCustomer> customers = {
        {"acme-games", "Acme Games", {"com.acmegames.puzzle", "id1450001001"}},
        {"northwind-retail", "Northwind Retail", {"com.northwind.shop", "id1450002002"}},
        {"globex-fintech", "Globex Fintech", {"com.globex.wallet"}},
        {"initech-health", "Initech Health", {"com.initech.fit", "id1450004004"}},
        {"umbrella-travel", "Umbrella Travel", {"com.umbrella.trips"}},
    };
    return customers;
}

const std::vector<std::string>& demoMediaSources()
{
    static const std::vector<std::string> sources = {"google_ads", "meta_ads", "tiktok_ads",
                                                     "unity_ads",  "applovin", "ironsource"};
    return sources;
}

void WorkloadProfile::validate() const
{
    const std::pair<const char*, double> shares[] = {
        {"click share", clickShare},         {"impression share", impressionShare},
        {"install share", installShare},     {"in-app share", inAppShare},
        {"organic share", organicShare},     {"fraud share", fraudShare},
        {"out-of-order share", outOfOrderShare}, {"fingerprint share", fingerprintShare},
        {"revenue share", revenueShare},
    };
    for (const auto& [name, value] : shares) {
        if (!(value >= 0.0 && value <= 1.0))
            throw std::invalid_argument(std::string(name) + " is " + std::to_string(value) + "; it must be between 0 and 1");
    }
    const double mix = clickShare + impressionShare + installShare + inAppShare;
    if (std::abs(mix - 1.0) > 1e-6)
        throw std::invalid_argument("the traffic mix (clicks, impressions, installs, in-app events) sums to "
                                    + std::to_string(mix) + "; it must sum to 1");
    if (devices < 100 || devices > (1ULL << 24))
        throw std::invalid_argument("device population is " + std::to_string(devices) + "; it must be between 100 and 16777216");
    if (!(eventsPerEventSecond > 0))
        throw std::invalid_argument("event-time rate must be positive");
    if (maxDelayMs < 0 || maxDelayMs > 60'000)
        throw std::invalid_argument("maximum delay must be between 0 and 60000 ms");
    if (idPrefix.empty())
        throw std::invalid_argument("the event id prefix must not be empty");
}

WorkloadGenerator::WorkloadGenerator(WorkloadProfile profile)
    : m_profile(std::move(profile))
    , m_random(m_profile.seed)
    , m_nowMs(m_profile.startMs)
{
    m_profile.validate();
    m_devices.resize(m_profile.devices);
    m_recentTouched.assign(kRingSize, 0);
    m_recentInstalled.assign(kRingSize, 0);
}

void WorkloadGenerator::setCurrentTimeMs(std::int64_t nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
}

void WorkloadGenerator::setEventsPerEventSecond(double rate)
{
    if (rate > 0)
        m_profile.eventsPerEventSecond = rate;
}

void WorkloadGenerator::flushDelayed(EventBatch& batch)
{
    releaseDelayed(batch, true);
}

void WorkloadGenerator::tick()
{
    m_timeCarry += 1000.0 / m_profile.eventsPerEventSecond;
    const auto whole = static_cast<std::int64_t>(m_timeCarry);
    m_nowMs += whole;
    m_timeCarry -= static_cast<double>(whole);
}

std::string WorkloadGenerator::touchId(bool click, std::uint64_t seq) const
{
    // Zero-padded so that ids order like their sequence numbers, which
    // keeps the engine's tie-break (the greater event id) and the truth in step.
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s-%c-%012llu", m_profile.idPrefix.c_str(), click ? 'c' : 'v',
                  static_cast<unsigned long long>(seq));
    return buffer;
}

void WorkloadGenerator::fillDevice(std::uint64_t device, Event& event)
{
    const std::uint64_t h = splitmix(device ^ (m_profile.seed << 32));
    std::size_t appCount = 0;
    for (const PilotCustomer& customer : demoCustomers())
        appCount += customer.appIds.size();
    std::size_t app = device % appCount;
    for (const PilotCustomer& customer : demoCustomers()) {
        if (app < customer.appIds.size()) {
            event.customerId = customer.customerId;
            event.appId = customer.appIds[app];
            break;
        }
        app -= customer.appIds.size();
    }
    // Apps with an App Store id (idNNN) are iOS apps.
    const bool ios = event.appId.rfind("id", 0) == 0;
    const bool fingerprint = static_cast<double>((h >> 10) % 1000) < m_profile.fingerprintShare * 1000.0;
    event.platform = ios ? Platform::Ios : Platform::Android;
    event.advertisingId.clear();
    event.idfv.clear();
    if (!fingerprint)
        formatUuid(splitmix(h + 1), splitmix(h + 2), event.advertisingId);
    char ip[24];
    std::snprintf(ip, sizeof ip, "10.%u.%u.%u", static_cast<unsigned>((device >> 16) & 0xff),
                  static_cast<unsigned>((device >> 8) & 0xff), static_cast<unsigned>(device & 0xff));
    event.ip = ip;
    const char* model = kDeviceModels[(h >> 20) % (ios ? 3 : 5) + (ios ? 5 : 0)];
    char agent[160];
    if (ios)
        std::snprintf(agent, sizeof agent, "Mozilla/5.0 (%s; CPU OS 17_%u like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
                      model, static_cast<unsigned>((h >> 30) % 5));
    else
        std::snprintf(agent, sizeof agent, "Mozilla/5.0 (Linux; Android 1%u; %s) AppleWebKit/537.36 Chrome/120.0 Mobile",
                      static_cast<unsigned>((h >> 30) % 4), model);
    event.userAgent = agent;
}

void WorkloadGenerator::emitEvent(EventBatch& batch, const Event& event)
{
    // Only events of the current moment are held back; back-dated ones (the
    // injected and flooded clicks) would otherwise arrive later than the
    // allowed lateness.
    if (m_profile.outOfOrderShare > 0 && event.timestampMs >= m_nowMs && m_unit(m_random) < m_profile.outOfOrderShare
        && m_delayed.size() < 100000) {
        m_delayed.push_back(event);
        m_truth.delayedEvents += 1;
        return;
    }
    batch.append(event);
}

void WorkloadGenerator::releaseDelayed(EventBatch& batch, bool all)
{
    // A delayed event is released once event time has passed its own time
    // by a random delay of at most maxDelayMs.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_delayed.size(); ++i) {
        Event& event = m_delayed[i];
        const auto delay = static_cast<std::int64_t>(splitmix(event.timestampMs ^ m_seq)
                                                     % static_cast<std::uint64_t>(m_profile.maxDelayMs + 1));
        if (all || m_nowMs >= event.timestampMs + delay) {
            batch.append(event);
            continue;
        }
        if (kept != i)
            m_delayed[kept] = std::move(event);
        ++kept;
    }
    m_delayed.resize(kept);
}

std::uint64_t WorkloadGenerator::paidDevice()
{
    const auto paid = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(static_cast<double>(m_profile.devices) * (1.0 - m_profile.organicShare)));
    return m_random() % paid;
}

std::uint64_t WorkloadGenerator::touchedDevice()
{
    // Installs follow their touch by minutes rather than milliseconds: the
    // newest eighth of the ring of touched devices is left out.
    const std::size_t filled = std::min<std::size_t>(kRingSize, m_recentTouchedNext);
    if (filled < 16)
        return paidDevice();
    const std::size_t age = filled / 8 + m_random() % (filled - filled / 8);
    const std::uint64_t slot = m_recentTouched[(m_recentTouchedNext - 1 - age) % kRingSize];
    return slot ? slot - 1 : paidDevice();
}

std::uint64_t WorkloadGenerator::organicDevice()
{
    const auto paid = static_cast<std::uint64_t>(static_cast<double>(m_profile.devices) * (1.0 - m_profile.organicShare));
    if (paid >= m_profile.devices)
        return m_random() % m_profile.devices;
    return paid + m_random() % (m_profile.devices - paid);
}

void WorkloadGenerator::addTouch(EventBatch& batch, std::uint64_t device, EventType type, std::int64_t timeMs)
{
    DeviceState& state = m_devices[device];
    // A touch in the same millisecond as the device's install would count
    // for it or not depending on arrival order; keep the workload unambiguous.
    if (timeMs == state.lastInstallMs)
        timeMs += 1;
    const bool click = type == EventType::Click;
    const std::uint64_t seq = ++m_seq;
    Event event;
    fillDevice(device, event);
    event.eventId = touchId(click, seq);
    event.type = type;
    event.timestampMs = timeMs;
    const std::uint64_t h = splitmix(seq);
    event.mediaSource = demoMediaSources()[h % demoMediaSources().size()];
    event.campaign = kCampaigns[(h >> 8) % std::size(kCampaigns)];
    event.campaignId = "cmp-" + std::to_string((h >> 8) % std::size(kCampaigns) + 100);
    event.adset = "adset-" + std::to_string((h >> 16) % 4);
    event.ad = "ad-" + std::to_string((h >> 24) % 8);
    event.channel = (h >> 32) % 2 ? "video" : "display";
    event.siteId = "site-" + std::to_string((h >> 40) % 20);
    emitEvent(batch, event);

    if (click) {
        if (timeMs >= state.lastClickMs) {
            state.lastClickMs = timeMs;
            state.lastClickSeq = seq;
        }
        m_truth.clicks += 1;
    } else {
        if (timeMs >= state.lastImpressionMs) {
            state.lastImpressionMs = timeMs;
            state.lastImpressionSeq = seq;
        }
        m_truth.impressions += 1;
    }
    m_recentTouched[m_recentTouchedNext++ % kRingSize] = device + 1;
}

void WorkloadGenerator::addInstall(EventBatch& batch, std::uint64_t device)
{
    DeviceState& state = m_devices[device];
    const std::int64_t now = m_nowMs;
    const bool reinstall = state.lastInstallMs != 0 && now - state.lastInstallMs <= kReattributionMs;
    const std::int64_t notAtOrBefore = reinstall ? state.lastInstallMs : std::numeric_limits<std::int64_t>::min();

    Event event;
    fillDevice(device, event);
    const bool fingerprint = event.advertisingId.empty();
    const std::int64_t clickWindow = fingerprint ? std::min(kClickLookbackMs, kFingerprintWindowMs) : kClickLookbackMs;
    const std::int64_t impressionWindow = fingerprint ? std::min(kImpressionLookbackMs, kFingerprintWindowMs)
                                                      : kImpressionLookbackMs;
    // The true source follows the platform's rules over the touches this
    // generator emitted for the device: the latest eligible click, else the
    // latest eligible impression, else organic.
    std::string truth;
    if (state.lastClickSeq != 0 && state.lastClickMs > notAtOrBefore && state.lastClickMs <= now
        && now - state.lastClickMs <= clickWindow)
        truth = touchId(true, state.lastClickSeq);
    else if (state.lastImpressionSeq != 0 && state.lastImpressionMs > notAtOrBefore && state.lastImpressionMs <= now
             && now - state.lastImpressionMs <= impressionWindow)
        truth = touchId(false, state.lastImpressionSeq);

    char id[48];
    std::snprintf(id, sizeof id, "%s-i-%012llu", m_profile.idPrefix.c_str(), static_cast<unsigned long long>(++m_seq));
    event.eventId = id;
    event.type = EventType::Install;
    event.timestampMs = now;
    if (event.platform == Platform::Ios && event.advertisingId.empty()) {
        const std::uint64_t h = splitmix(device * 31 + m_profile.seed);
        formatUuid(h, splitmix(h), event.idfv);
    }
    event.referenceTouchId = truth;
    emitEvent(batch, event);

    state.lastInstallMs = now;
    m_truth.installs += 1;
    m_truth.reinstalls += reinstall;
    if (truth.empty())
        m_truth.organicInstalls += 1;
    else
        m_truth.attributedInstalls += 1;
    m_recentInstalled[m_recentInstalledNext++ % kRingSize] = device + 1;
}

void WorkloadGenerator::addFraud(EventBatch& batch)
{
    // A device without recent activity, so that the injected clicks are the
    // newest events of its stream.
    std::uint64_t device = paidDevice();
    for (int attempt = 0; attempt < 8; ++attempt) {
        const DeviceState& state = m_devices[device];
        if (state.lastClickMs < m_nowMs - 120'000 && state.lastImpressionMs < m_nowMs - 120'000
            && state.lastInstallMs < m_nowMs - 120'000)
            break;
        device = paidDevice();
    }
    if (m_unit(m_random) < 0.5) {
        // Click injection: a click a few seconds before the install.
        addTouch(batch, device, EventType::Click, m_nowMs - 1000 - static_cast<std::int64_t>(m_random() % 7000));
    } else {
        // Click flooding: 55 clicks over the minute before the install.
        for (int i = 0; i < 55; ++i)
            addTouch(batch, device, EventType::Click, m_nowMs - 80'000 + i * 1000);
    }
    m_truth.injectedFraud += 1;
    addInstall(batch, device);
}

void WorkloadGenerator::addInApp(EventBatch& batch)
{
    const std::uint64_t slot = m_recentInstalled[m_random() % std::min<std::size_t>(kRingSize, std::max<std::size_t>(1, m_recentInstalledNext))];
    if (slot == 0) {
        addInstall(batch, organicDevice());
        return;
    }
    const std::uint64_t device = slot - 1;
    Event event;
    fillDevice(device, event);
    char id[48];
    std::snprintf(id, sizeof id, "%s-e-%012llu", m_profile.idPrefix.c_str(), static_cast<unsigned long long>(++m_seq));
    event.eventId = id;
    event.type = EventType::InAppEvent;
    // Never before the install it follows, whatever the clock rounding.
    event.timestampMs = std::max(m_nowMs, m_devices[device].lastInstallMs);
    const std::uint64_t h = splitmix(m_seq);
    event.eventName = kEventNames[h % std::size(kEventNames)];
    if (m_unit(m_random) < m_profile.revenueShare) {
        event.revenue = static_cast<double>((h >> 8) % 5000 + 99) / 100.0;
        event.currency = (h >> 20) % 4 == 0 ? "EUR" : "USD";
    }
    emitEvent(batch, event);
    m_truth.inAppEvents += 1;
}

void WorkloadGenerator::generate(std::size_t count, EventBatch& batch)
{
    const std::size_t target = batch.size() + count;
    const double touchEnd = m_profile.clickShare + m_profile.impressionShare;
    const double installEnd = touchEnd + m_profile.installShare;
    while (batch.size() < target) {
        tick();
        const double r = m_unit(m_random);
        if (r < m_profile.clickShare) {
            addTouch(batch, paidDevice(), EventType::Click, m_nowMs);
        } else if (r < touchEnd) {
            addTouch(batch, paidDevice(), EventType::Impression, m_nowMs);
        } else if (r < installEnd) {
            const double kind = m_unit(m_random);
            if (kind < m_profile.fraudShare) {
                addFraud(batch);
            } else if (kind < m_profile.fraudShare + m_profile.organicShare) {
                addInstall(batch, organicDevice());
            } else {
                addInstall(batch, touchedDevice());
            }
        } else {
            addInApp(batch);
        }
        if (!m_delayed.empty() && (m_seq & 63) == 0)
            releaseDelayed(batch, false);
    }
    m_truth.events = m_truth.clicks + m_truth.impressions + m_truth.installs + m_truth.inAppEvents;
}

void appendNdjson(const EventBatch& batch, const EventRecord& event, std::string& out)
{
    out += "{\"event_id\":\"";
    JsonWriter::appendEscaped(out, batch.string(event, Field::EventId));
    out += "\",\"type\":\"";
    out += toString(event.type);
    out += "\",\"timestamp\":\"";
    out += formatRfc3339(event.timestampMs);
    out += "\",\"platform\":\"";
    out += toString(event.platform);
    out += '"';
    for (std::size_t i = 0; i < kStringFieldCount; ++i) {
        const auto field = static_cast<Field>(i);
        if (field == Field::EventId || field == Field::ReferenceTouchId)
            continue;
        const std::string_view value = batch.string(event, field);
        if (value.empty())
            continue;
        out += ",\"";
        out += fieldName(field);
        out += "\":\"";
        JsonWriter::appendEscaped(out, value);
        out += '"';
    }
    if (event.hasRevenue) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, ",\"revenue\":%.2f", event.revenue);
        out += buffer;
    }
    if (event.hasReference) {
        out += ",\"reference_touch_id\":\"";
        JsonWriter::appendEscaped(out, batch.string(event, Field::ReferenceTouchId));
        out += '"';
    }
    out += "}\n";
}

} // namespace umg
