#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/event.h"

namespace umg {

/// The strings a worker keeps from an event; device identifiers travel only
/// as hashes.
enum class RoutedField : std::uint8_t {
    EventId,
    CustomerId,
    AppId,
    MediaSource,
    Campaign,
    CampaignId,
    Adset,
    Ad,
    Channel,
    SiteId,
    EventName,
    Currency,
    ReferenceTouchId,
    Count
};
inline constexpr std::size_t kRoutedFieldCount = static_cast<std::size_t>(RoutedField::Count);

/// An event prepared for its attribution worker: the routing key and the
/// device identifiers are reduced to hashes, so that the journal and the
/// workers never hold raw advertising ids, IPs or user agents.
struct RoutedEvent {
    std::int64_t timestampMs = 0;
    double revenue = 0.0;
    /// Hash of (app id, advertising id); without one, of (app id, IP, user
    /// agent); without those, of (app id, IDFV). Events with equal keys
    /// belong to one device partition and are matched only with each other.
    std::uint64_t deviceKey = 0;
    std::uint64_t idfvHash = 0; ///< 0 when the event has no IDFV
    std::uint64_t eventIdHash = 0;
    EventType type = EventType::Click;
    Platform platform = Platform::Android;
    bool hasRevenue = false;
    bool hasReference = false;
    /// True when deviceKey comes from an advertising id.
    bool keyedByAdvertisingId = false;
    std::array<StringRef, kRoutedFieldCount> strings{};
};

/// Events for one worker, with their own string arena.
class RoutedBatch {
public:
    std::size_t size() const { return m_events.size(); }
    bool empty() const { return m_events.empty(); }
    const std::vector<RoutedEvent>& events() const { return m_events; }
    const RoutedEvent& operator[](std::size_t i) const { return m_events[i]; }

    std::string_view string(const RoutedEvent& event, RoutedField field) const
    {
        const StringRef ref = event.strings[static_cast<std::size_t>(field)];
        return std::string_view(m_arena.data() + ref.offset, ref.length);
    }

    RoutedEvent& add() { return m_events.emplace_back(); }
    void setString(RoutedEvent& event, RoutedField field, std::string_view value)
    {
        StringRef& ref = event.strings[static_cast<std::size_t>(field)];
        ref.offset = static_cast<std::uint32_t>(m_arena.size());
        ref.length = static_cast<std::uint32_t>(value.size());
        m_arena.append(value);
    }
    void reserve(std::size_t events, std::size_t bytes)
    {
        m_events.reserve(events);
        m_arena.reserve(bytes);
    }
    void clear()
    {
        m_events.clear();
        m_arena.clear();
    }
    std::size_t arenaBytes() const { return m_arena.size(); }

private:
    std::vector<RoutedEvent> m_events;
    std::string m_arena;
};

/// Hash that identifies an event for duplicate detection and for matching
/// a reference attribution to a touch: the app id and the event id.
std::uint64_t eventIdHash(std::string_view appId, std::string_view eventId);

/// Device partition of an event: its key and whether the key comes from an
/// advertising id. Thread-safe.
struct DeviceKey {
    std::uint64_t key = 0;
    bool byAdvertisingId = false;
    std::uint64_t appHash = 0; ///< hash of the app id, reused for the event-id hash
};
DeviceKey deviceKeyOf(const EventBatch& from, const EventRecord& event);

/// Appends the routed form of `event` (from `from`) with device key `device`
/// to `to`. Thread-safe.
void routeEvent(const EventBatch& from, const EventRecord& event, DeviceKey device, RoutedBatch& to);

inline void routeEvent(const EventBatch& from, const EventRecord& event, RoutedBatch& to)
{
    routeEvent(from, event, deviceKeyOf(from, event), to);
}

/// Worker index for a device key among `shardCount` workers.
inline std::uint32_t shardOf(std::uint64_t deviceKey, std::uint32_t shardCount)
{
    // The high bits of the key pick the shard; the hash tables inside a
    // shard use the low bits, so the two choices stay independent.
    return static_cast<std::uint32_t>(((deviceKey >> 32) * shardCount) >> 32);
}

} // namespace umg
