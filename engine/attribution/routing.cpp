#include "attribution/routedevent.h"

#include "util/hash.h"

namespace umg {
namespace {

// Seeds keep hashes of different identifier kinds apart, so that an IDFV
// can never collide with an advertising id of the same text.
constexpr std::uint64_t kAdvertisingIdSeed = 0xa1;
constexpr std::uint64_t kFingerprintSeed = 0xf1;
constexpr std::uint64_t kIdfvSeed = 0x1d;
constexpr std::uint64_t kEventIdSeed = 7;

constexpr RoutedField kCopied[] = {
    RoutedField::EventId,  RoutedField::CustomerId, RoutedField::AppId,     RoutedField::MediaSource,
    RoutedField::Campaign, RoutedField::CampaignId, RoutedField::Adset,     RoutedField::Ad,
    RoutedField::Channel,  RoutedField::SiteId,     RoutedField::EventName, RoutedField::Currency,
    RoutedField::ReferenceTouchId,
};
constexpr Field kSource[] = {
    Field::EventId,  Field::CustomerId, Field::AppId,     Field::MediaSource, Field::Campaign,
    Field::CampaignId, Field::Adset,    Field::Ad,        Field::Channel,     Field::SiteId,
    Field::EventName, Field::Currency,  Field::ReferenceTouchId,
};

} // namespace

std::uint64_t eventIdHash(std::string_view appId, std::string_view eventId)
{
    return hashCombine(hash64(appId), hash64(eventId, kEventIdSeed));
}

namespace {
std::uint64_t eventIdHashWithApp(std::uint64_t appHash, std::string_view eventId)
{
    return hashCombine(appHash, hash64(eventId, kEventIdSeed));
}
} // namespace

DeviceKey deviceKeyOf(const EventBatch& from, const EventRecord& event)
{
    const std::uint64_t appHash = hash64(from.string(event, Field::AppId));
    const std::string_view advertisingId = from.string(event, Field::AdvertisingId);
    if (!advertisingId.empty())
        return {hashCombine(appHash, hash64(advertisingId, kAdvertisingIdSeed)), true, appHash};
    const std::string_view ip = from.string(event, Field::Ip);
    const std::string_view userAgent = from.string(event, Field::UserAgent);
    if (!ip.empty() && !userAgent.empty()) {
        const std::uint64_t fingerprint =
            hashCombine(hash64(ip, kFingerprintSeed), hash64(userAgent, kFingerprintSeed + 1));
        return {hashCombine(appHash, fingerprint), false, appHash};
    }
    // Validation guarantees an IDFV when there is neither an advertising id
    // nor a complete fingerprint.
    return {hashCombine(appHash, hash64(from.string(event, Field::Idfv), kIdfvSeed)), false, appHash};
}

void routeEvent(const EventBatch& from, const EventRecord& event, DeviceKey device, RoutedBatch& to)
{
    RoutedEvent& routed = to.add();
    routed.timestampMs = event.timestampMs;
    routed.revenue = event.revenue;
    routed.type = event.type;
    routed.platform = event.platform;
    routed.hasRevenue = event.hasRevenue;
    routed.hasReference = event.hasReference;
    routed.deviceKey = device.key;
    routed.keyedByAdvertisingId = device.byAdvertisingId;

    const std::string_view idfv = from.string(event, Field::Idfv);
    routed.idfvHash = idfv.empty() ? 0 : hash64(idfv, kIdfvSeed) | 1;
    routed.eventIdHash = eventIdHashWithApp(device.appHash, from.string(event, Field::EventId));

    for (std::size_t i = 0; i < std::size(kCopied); ++i)
        to.setString(routed, kCopied[i], from.string(event, kSource[i]));
}

} // namespace umg
