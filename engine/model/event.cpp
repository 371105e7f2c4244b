#include "model/event.h"

#include <stdexcept>

namespace umg {

std::string_view toString(EventType type)
{
    switch (type) {
    case EventType::Click: return "click";
    case EventType::Impression: return "impression";
    case EventType::Install: return "install";
    case EventType::InAppEvent: return "in_app_event";
    case EventType::Count: break;
    }
    return "unknown";
}

std::string_view toString(Platform platform)
{
    switch (platform) {
    case Platform::Android: return "android";
    case Platform::Ios: return "ios";
    case Platform::Count: break;
    }
    return "unknown";
}

std::optional<EventType> parseEventType(std::string_view text)
{
    if (text == "click")
        return EventType::Click;
    if (text == "impression")
        return EventType::Impression;
    if (text == "install")
        return EventType::Install;
    if (text == "in_app_event")
        return EventType::InAppEvent;
    return std::nullopt;
}

std::optional<Platform> parsePlatform(std::string_view text)
{
    if (text == "android")
        return Platform::Android;
    if (text == "ios")
        return Platform::Ios;
    return std::nullopt;
}

std::string_view fieldName(Field field)
{
    switch (field) {
    case Field::EventId: return "event_id";
    case Field::CustomerId: return "customer_id";
    case Field::AppId: return "app_id";
    case Field::AdvertisingId: return "advertising_id";
    case Field::Idfv: return "idfv";
    case Field::Ip: return "ip";
    case Field::UserAgent: return "user_agent";
    case Field::MediaSource: return "media_source";
    case Field::Campaign: return "campaign";
    case Field::CampaignId: return "campaign_id";
    case Field::Adset: return "adset";
    case Field::Ad: return "ad";
    case Field::Channel: return "channel";
    case Field::SiteId: return "site_id";
    case Field::EventName: return "event_name";
    case Field::Currency: return "currency";
    case Field::ReferenceTouchId: return "reference_touch_id";
    case Field::Count: break;
    }
    return "";
}

const std::string& Event::string(Field field) const
{
    return const_cast<Event*>(this)->string(field);
}

std::string& Event::string(Field field)
{
    switch (field) {
    case Field::EventId: return eventId;
    case Field::CustomerId: return customerId;
    case Field::AppId: return appId;
    case Field::AdvertisingId: return advertisingId;
    case Field::Idfv: return idfv;
    case Field::Ip: return ip;
    case Field::UserAgent: return userAgent;
    case Field::MediaSource: return mediaSource;
    case Field::Campaign: return campaign;
    case Field::CampaignId: return campaignId;
    case Field::Adset: return adset;
    case Field::Ad: return ad;
    case Field::Channel: return channel;
    case Field::SiteId: return siteId;
    case Field::EventName: return eventName;
    case Field::Currency: return currency;
    case Field::ReferenceTouchId:
        if (!referenceTouchId)
            referenceTouchId.emplace();
        return *referenceTouchId;
    case Field::Count: break;
    }
    throw std::invalid_argument("Event::string: Field::Count is not a field");
}

void EventBatch::setString(EventRecord& event, Field field, std::string_view value)
{
    StringRef& ref = event.strings[static_cast<std::size_t>(field)];
    if (value.empty()) {
        ref = {};
        return;
    }
    ref.offset = static_cast<std::uint32_t>(m_arena.size());
    ref.length = static_cast<std::uint32_t>(value.size());
    m_arena.append(value);
}

void EventBatch::append(const EventBatch& from, const EventRecord& event)
{
    EventRecord& copy = m_events.emplace_back(event);
    for (std::size_t i = 0; i < kStringFieldCount; ++i)
        setString(copy, static_cast<Field>(i), from.string(event, static_cast<Field>(i)));
}

void EventBatch::append(const Event& event)
{
    EventRecord& record = m_events.emplace_back();
    record.timestampMs = event.timestampMs;
    record.type = event.type;
    record.platform = event.platform;
    record.hasRevenue = event.revenue.has_value();
    record.revenue = event.revenue.value_or(0.0);
    record.hasReference = event.referenceTouchId.has_value();
    for (std::size_t i = 0; i < kStringFieldCount; ++i) {
        const auto field = static_cast<Field>(i);
        if (field == Field::ReferenceTouchId) {
            setString(record, field, event.referenceTouchId.value_or(std::string()));
            continue;
        }
        setString(record, field, event.string(field));
    }
}

Event EventBatch::toEvent(std::size_t index) const
{
    const EventRecord& record = m_events.at(index);
    Event event;
    event.timestampMs = record.timestampMs;
    event.type = record.type;
    event.platform = record.platform;
    if (record.hasRevenue)
        event.revenue = record.revenue;
    for (std::size_t i = 0; i < kStringFieldCount; ++i) {
        const auto field = static_cast<Field>(i);
        if (field == Field::ReferenceTouchId) {
            if (record.hasReference)
                event.referenceTouchId = std::string(string(record, field));
            continue;
        }
        event.string(field) = std::string(string(record, field));
    }
    return event;
}

} // namespace umg
