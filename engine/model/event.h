#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace umg {

/// Kind of an ingested event.
enum class EventType : std::uint8_t { Click, Impression, Install, InAppEvent, Count };

/// Mobile platform of the device that produced an event.
enum class Platform : std::uint8_t { Android, Ios, Count };

std::string_view toString(EventType type);
std::string_view toString(Platform platform);
std::optional<EventType> parseEventType(std::string_view text);
std::optional<Platform> parsePlatform(std::string_view text);

inline bool isTouch(EventType type) { return type == EventType::Click || type == EventType::Impression; }

/// The string fields of an event, in schema order. Their wire names (NDJSON
/// keys and CSV header columns) are given by fieldName().
enum class Field : std::uint8_t {
    EventId,
    CustomerId,
    AppId,
    AdvertisingId,
    Idfv,
    Ip,
    UserAgent,
    MediaSource,
    Campaign,
    CampaignId,
    Adset,
    Ad,
    Channel,
    SiteId,
    EventName,
    Currency,
    /// Touch event id that a reference attribution credits for an install
    /// (TalkingData's own credit, or the load generator's ground truth).
    ReferenceTouchId,
    Count
};
inline constexpr std::size_t kStringFieldCount = static_cast<std::size_t>(Field::Count);

std::string_view fieldName(Field field);

/// A string stored in an EventBatch's arena.
struct StringRef {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
};

/// One validated event. Its strings live in the arena of the EventBatch that
/// holds it, so a batch of events needs no allocation per event.
struct EventRecord {
    std::int64_t timestampMs = 0; ///< UTC, milliseconds since the Unix epoch
    double revenue = 0.0;         ///< in-app events only; never negative
    EventType type = EventType::Click;
    Platform platform = Platform::Android;
    bool hasRevenue = false;
    /// True when the input named a reference attribution, even an empty one
    /// (an empty ReferenceTouchId then means "organic").
    bool hasReference = false;
    std::array<StringRef, kStringFieldCount> strings{};
};

/// An owning, easy-to-build event, for tests, the load generator and tools.
/// The hot path uses EventBatch instead.
struct Event {
    std::string eventId;
    EventType type = EventType::Click;
    std::int64_t timestampMs = 0;
    std::string customerId;
    std::string appId;
    Platform platform = Platform::Android;
    std::string advertisingId;
    std::string idfv;
    std::string ip;
    std::string userAgent;
    std::string mediaSource;
    std::string campaign;
    std::string campaignId;
    std::string adset;
    std::string ad;
    std::string channel;
    std::string siteId;
    std::string eventName;
    std::optional<double> revenue;
    std::string currency;
    std::optional<std::string> referenceTouchId;

    const std::string& string(Field field) const;
    std::string& string(Field field);
};

/// A batch of events whose strings share one arena. Not thread-safe; a batch
/// is filled by one thread and then handed over whole.
class EventBatch {
public:
    EventBatch() = default;

    std::size_t size() const { return m_events.size(); }
    bool empty() const { return m_events.empty(); }
    const EventRecord& operator[](std::size_t index) const { return m_events[index]; }
    EventRecord& operator[](std::size_t index) { return m_events[index]; }
    const std::vector<EventRecord>& events() const { return m_events; }

    /// Returns the string `field` of `event`, which must belong to this batch.
    std::string_view string(const EventRecord& event, Field field) const
    {
        const StringRef ref = event.strings[static_cast<std::size_t>(field)];
        return std::string_view(m_arena.data() + ref.offset, ref.length);
    }

    /// Copies `value` into the arena and stores it as `field` of `event`.
    void setString(EventRecord& event, Field field, std::string_view value);

    /// Appends an empty record and returns it; set its strings with setString().
    EventRecord& addRecord() { return m_events.emplace_back(); }

    /// Removes the last record (its arena bytes stay until clear()).
    void dropLast() { m_events.pop_back(); }

    /// Appends a copy of `event`, which may come from another batch.
    void append(const EventBatch& from, const EventRecord& event);
    void append(const Event& event);

    /// Rebuilds the owning form of record `index`.
    Event toEvent(std::size_t index) const;

    /// Bytes held by the arena; a rough measure of the batch's payload.
    std::size_t arenaBytes() const { return m_arena.size(); }

    void reserve(std::size_t events, std::size_t arenaBytes)
    {
        m_events.reserve(events);
        m_arena.reserve(arenaBytes);
    }
    void clear()
    {
        m_events.clear();
        m_arena.clear();
    }

private:
    std::vector<EventRecord> m_events;
    std::string m_arena;
};

} // namespace umg
