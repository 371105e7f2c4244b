#include "ingest/eventparser.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <stdexcept>
#include <vector>

#include <simdjson.h>

#include "model/timestamp.h"

namespace umg {

static_assert(kParsePadding >= simdjson::SIMDJSON_PADDING, "lines need the JSON parser's padding");

namespace {

// The message for a timestamp outside kEarliestTimestampMs..kLatestTimestampMs.
// A value that reads as seconds or microseconds in those years gets a hint.
std::string outOfRangeDetail(std::int64_t timestampMs)
{
    constexpr std::int64_t kYear10000Ms = 253402300800000LL;
    const bool readsAsSeconds = timestampMs >= kEarliestTimestampMs / 1000 && timestampMs < kLatestTimestampMs / 1000;
    const bool readsAsMicroseconds =
        timestampMs >= kEarliestTimestampMs && timestampMs / 1000 >= kEarliestTimestampMs
        && timestampMs / 1000 < kLatestTimestampMs;
    const bool printable = timestampMs >= 0 && timestampMs < kYear10000Ms && !readsAsSeconds;
    std::string detail = "timestamp "
        + (printable ? formatRfc3339(timestampMs) : std::to_string(timestampMs) + " ms")
        + " is outside the years 2000 to 2099";
    if (readsAsSeconds)
        detail += "; it reads as seconds, but integer timestamps count milliseconds since 1970";
    else if (readsAsMicroseconds)
        detail += "; it reads as microseconds, but integer timestamps count milliseconds since 1970";
    return detail;
}

// Milliseconds since the Unix epoch from the coarse real-time clock, which
// costs a few nanoseconds per call through the vDSO.
std::int64_t wallClockMs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME_COARSE, &now);
    return std::int64_t{now.tv_sec} * 1000 + now.tv_nsec / 1'000'000;
}

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// Columns that are not string fields of EventRecord.
enum class Column : std::uint8_t { StringField, Type, Timestamp, Platform, Revenue, Ignored };

struct ColumnSpec {
    Column column = Column::Ignored;
    Field field = Field::Count;
};

template <std::size_t N>
bool equals(std::string_view name, const char (&literal)[N])
{
    // N - 1 is a constant, so the compiler inlines the comparison.
    return __builtin_memcmp(name.data(), literal, N - 1) == 0;
}

ColumnSpec lookupColumn(std::string_view name)
{
    // Called for every key of every NDJSON line: the length picks a handful
    // of candidates, and each comparison has a constant size.
    auto text = [](Field field) { return ColumnSpec{Column::StringField, field}; };
    switch (name.size()) {
    case 2:
        if (equals(name, "ad"))
            return text(Field::Ad);
        if (equals(name, "ip"))
            return text(Field::Ip);
        break;
    case 4:
        if (equals(name, "type"))
            return {Column::Type, Field::Count};
        if (equals(name, "idfv"))
            return text(Field::Idfv);
        break;
    case 5:
        if (equals(name, "adset"))
            return text(Field::Adset);
        break;
    case 6:
        if (equals(name, "app_id"))
            return text(Field::AppId);
        break;
    case 7:
        if (equals(name, "channel"))
            return text(Field::Channel);
        if (equals(name, "site_id"))
            return text(Field::SiteId);
        if (equals(name, "revenue"))
            return {Column::Revenue, Field::Count};
        break;
    case 8:
        if (equals(name, "event_id"))
            return text(Field::EventId);
        if (equals(name, "campaign"))
            return text(Field::Campaign);
        if (equals(name, "currency"))
            return text(Field::Currency);
        if (equals(name, "platform"))
            return {Column::Platform, Field::Count};
        break;
    case 9:
        if (equals(name, "timestamp"))
            return {Column::Timestamp, Field::Count};
        break;
    case 10:
        if (equals(name, "user_agent"))
            return text(Field::UserAgent);
        if (equals(name, "event_name"))
            return text(Field::EventName);
        break;
    case 11:
        if (equals(name, "customer_id"))
            return text(Field::CustomerId);
        if (equals(name, "campaign_id"))
            return text(Field::CampaignId);
        break;
    case 12:
        if (equals(name, "media_source"))
            return text(Field::MediaSource);
        break;
    case 14:
        if (equals(name, "advertising_id"))
            return text(Field::AdvertisingId);
        break;
    case 18:
        if (equals(name, "reference_touch_id"))
            return text(Field::ReferenceTouchId);
        break;
    default:
        break;
    }
    return {};
}

std::string quoted(std::string_view value, std::size_t limit = 60)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < value.size() && i < limit; ++i) {
        const char c = value[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += '?';
        } else {
            out += c;
        }
    }
    if (value.size() > limit)
        out += "...";
    out += '"';
    return out;
}

void reject(Rejection& rejection, RejectReason reason, std::string detail)
{
    rejection.reason = reason;
    rejection.detail = std::move(detail);
}

bool parseTimestampText(std::string_view text, std::int64_t& out)
{
    if (auto ms = parseRfc3339(text)) {
        out = *ms;
        return true;
    }
    if (auto ms = parseEpochMillis(text)) {
        out = *ms;
        return true;
    }
    return false;
}

bool isCurrencyCode(std::string_view text)
{
    if (text.size() != 3)
        return false;
    for (char c : text) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

// Checks dotted-quad IPv4 without a system call; the common case.
bool isDottedQuad(std::string_view text)
{
    int parts = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t digits = 0;
        unsigned value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && digits < 4) {
            value = value * 10 + static_cast<unsigned>(text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[pos - digits] == '0'))
            return false;
        ++parts;
        if (pos == text.size())
            return parts == 4;
        if (text[pos] != '.' || parts == 4)
            return false;
        ++pos;
    }
    return false;
}

bool isValidIp(std::string_view text)
{
    if (isDottedQuad(text))
        return true;
    if (text.size() >= INET6_ADDRSTRLEN)
        return false;
    char buffer[INET6_ADDRSTRLEN];
    text.copy(buffer, text.size());
    buffer[text.size()] = '\0';
    unsigned char address[sizeof(in6_addr)];
    return inet_pton(AF_INET, buffer, address) == 1 || inet_pton(AF_INET6, buffer, address) == 1;
}

bool isAllZeroId(std::string_view id)
{
    if (id.empty())
        return false;
    for (char c : id) {
        if (c != '0' && c != '-')
            return false;
    }
    return true;
}

// ---------------------------------------------------------------- NDJSON

class NdjsonParser final : public LineParser {
public:
    explicit NdjsonParser(const ParseLimits& limits) : m_limits(limits) {}

    bool parseLine(std::string_view line, std::size_t capacity, EventBatch& out, Rejection& rejection) override
    {
        // Editors on Windows start UTF-8 files with a byte-order mark, which
        // is not JSON. It can only start a line, so it is dropped there.
        if (line.starts_with(kUtf8ByteOrderMark)) {
            line.remove_prefix(kUtf8ByteOrderMark.size());
            capacity -= kUtf8ByteOrderMark.size();
        }
        EventRecord& event = out.addRecord();
        if (!parseInto(line, capacity, out, event, rejection)
            || !validateEvent(out, event, m_limits, true, rejection)) {
            if (rejection.appId.empty())
                rejection.appId = std::string(out.string(event, Field::AppId));
            out.dropLast();
            return false;
        }
        return true;
    }

private:
    static RejectReason reasonFor(simdjson::error_code error)
    {
        return error == simdjson::UTF8_ERROR ? RejectReason::InvalidUtf8 : RejectReason::InvalidJson;
    }

    bool parseInto(std::string_view line, std::size_t capacity, EventBatch& out, EventRecord& event,
                   Rejection& rejection)
    {
        using namespace simdjson;
        ondemand::document document;
        if (auto error = m_parser.iterate(line.data(), line.size(), capacity).get(document)) {
            reject(rejection, reasonFor(error), std::string("the line is not JSON: ") + error_message(error));
            return false;
        }
        ondemand::object object;
        if (auto error = document.get_object().get(object)) {
            reject(rejection, reasonFor(error), "the line is not a JSON object");
            return false;
        }
        bool hasType = false;
        bool hasTimestamp = false;
        bool hasPlatform = false;
        for (auto field : object) {
            std::string_view key;
            if (auto error = field.unescaped_key().get(key)) {
                reject(rejection, reasonFor(error), std::string("invalid object key: ") + error_message(error));
                return false;
            }
            const ColumnSpec spec = lookupColumn(key);
            if (spec.column == Column::Ignored)
                continue; // unknown keys are skipped by the iteration
            ondemand::value value;
            if (auto error = field.value().get(value)) {
                reject(rejection, reasonFor(error), "invalid value of field \"" + std::string(key) + "\"");
                return false;
            }
            if (spec.column == Column::StringField) {
                // Most keys are strings: try that first and look at the
                // type only when it fails.
                std::string_view text;
                if (value.get_string().get(text)) {
                    bool isNull = false;
                    if (!value.is_null().get(isNull) && isNull)
                        continue;
                    reject(rejection, RejectReason::WrongType, "field \"" + std::string(key) + "\" must be a string");
                    return false;
                }
                out.setString(event, spec.field, text);
                if (spec.field == Field::ReferenceTouchId)
                    event.hasReference = true;
                continue;
            }
            ondemand::json_type jsonType;
            if (auto error = value.type().get(jsonType)) {
                reject(rejection, reasonFor(error), "invalid value of field \"" + std::string(key) + "\"");
                return false;
            }
            if (jsonType == ondemand::json_type::null)
                continue;
            switch (spec.column) {
            case Column::StringField: {
                std::string_view text;
                if (jsonType != ondemand::json_type::string || value.get_string().get(text)) {
                    reject(rejection, RejectReason::WrongType, "field \"" + std::string(key) + "\" must be a string");
                    return false;
                }
                out.setString(event, spec.field, text);
                if (spec.field == Field::ReferenceTouchId)
                    event.hasReference = true;
                break;
            }
            case Column::Type: {
                std::string_view text;
                if (jsonType != ondemand::json_type::string || value.get_string().get(text)) {
                    reject(rejection, RejectReason::WrongType, "field \"type\" must be a string");
                    return false;
                }
                auto type = parseEventType(text);
                if (!type) {
                    reject(rejection, RejectReason::UnknownEventType,
                           "field \"type\" is " + quoted(text) + "; use click, impression, install or in_app_event");
                    return false;
                }
                event.type = *type;
                rejection.type = *type;
                hasType = true;
                break;
            }
            case Column::Timestamp: {
                if (jsonType == ondemand::json_type::string) {
                    std::string_view text;
                    if (value.get_string().get(text) || !parseTimestampText(text, event.timestampMs)) {
                        reject(rejection, RejectReason::InvalidTimestamp,
                               "field \"timestamp\" is " + quoted(text)
                                   + "; use RFC 3339 with an offset (2026-11-01T12:00:00.250Z) or integer milliseconds");
                        return false;
                    }
                } else if (jsonType == ondemand::json_type::number) {
                    std::int64_t millis = 0;
                    if (value.get_int64().get(millis)) {
                        reject(rejection, RejectReason::WrongType,
                               "field \"timestamp\" must be whole milliseconds since the Unix epoch");
                        return false;
                    }
                    event.timestampMs = millis;
                } else {
                    reject(rejection, RejectReason::WrongType,
                           "field \"timestamp\" must be an RFC 3339 string or integer milliseconds");
                    return false;
                }
                hasTimestamp = true;
                break;
            }
            case Column::Platform: {
                std::string_view text;
                if (jsonType != ondemand::json_type::string || value.get_string().get(text)) {
                    reject(rejection, RejectReason::WrongType, "field \"platform\" must be a string");
                    return false;
                }
                auto platform = parsePlatform(text);
                if (!platform) {
                    reject(rejection, RejectReason::InvalidValue,
                           "field \"platform\" is " + quoted(text) + "; use android or ios");
                    return false;
                }
                event.platform = *platform;
                hasPlatform = true;
                break;
            }
            case Column::Revenue: {
                double amount = 0.0;
                if (jsonType != ondemand::json_type::number || value.get_double().get(amount)) {
                    reject(rejection, RejectReason::WrongType, "field \"revenue\" must be a number");
                    return false;
                }
                event.revenue = amount;
                event.hasRevenue = true;
                break;
            }
            case Column::Ignored:
                break;
            }
        }
        // After the object, the iterator must be past the end of the line.
        const char* trailing = nullptr;
        if (!document.current_location().get(trailing)) {
            reject(rejection, RejectReason::InvalidJson, "unexpected characters after the JSON object");
            return false;
        }
        if (!hasType) {
            reject(rejection, RejectReason::MissingField, "field \"type\" is missing");
            return false;
        }
        if (!hasTimestamp) {
            reject(rejection, RejectReason::MissingField, "field \"timestamp\" is missing");
            return false;
        }
        if (!hasPlatform) {
            reject(rejection, RejectReason::MissingField, "field \"platform\" is missing; use android or ios");
            return false;
        }
        return true;
    }

    ParseLimits m_limits;
    simdjson::ondemand::parser m_parser;
};

// ---------------------------------------------------------------- CSV

// Splits one CSV record (RFC 4180 quoting, no line breaks inside fields)
// into `cells`. Returns false for an unterminated or misplaced quote.
bool splitCsv(std::string_view line, std::vector<std::string_view>& cells, std::string& unescaped,
              std::vector<std::pair<std::size_t, std::size_t>>& unescapedRanges)
{
    cells.clear();
    unescaped.clear();
    unescapedRanges.clear();
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    std::size_t pos = 0;
    while (true) {
        if (pos < line.size() && line[pos] == '"') {
            // Quoted cell: collect into `unescaped`, doubling "" to ".
            const std::size_t start = unescaped.size();
            ++pos;
            bool closed = false;
            while (pos < line.size()) {
                if (line[pos] == '"') {
                    if (pos + 1 < line.size() && line[pos + 1] == '"') {
                        unescaped += '"';
                        pos += 2;
                        continue;
                    }
                    closed = true;
                    ++pos;
                    break;
                }
                unescaped += line[pos++];
            }
            if (!closed || (pos < line.size() && line[pos] != ','))
                return false;
            unescapedRanges.emplace_back(cells.size(), start);
            cells.emplace_back(); // filled in below, once `unescaped` stops growing
            cells.back() = std::string_view(nullptr, unescaped.size() - start);
        } else {
            const std::size_t end = line.find(',', pos);
            const std::string_view cell = line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
            if (cell.find('"') != std::string_view::npos)
                return false;
            cells.push_back(cell);
            pos = end == std::string_view::npos ? line.size() : end;
        }
        if (pos >= line.size())
            break;
        ++pos; // the comma
        if (pos == line.size()) {
            cells.emplace_back(); // trailing empty cell
            break;
        }
    }
    for (const auto& [cellIndex, start] : unescapedRanges)
        cells[cellIndex] = std::string_view(unescaped.data() + start, cells[cellIndex].size());
    return true;
}

class CsvParser final : public LineParser {
public:
    CsvParser(std::string_view headerLine, const ParseLimits& limits) : m_limits(limits)
    {
        std::vector<std::string_view> names;
        if (!splitCsv(headerLine, names, m_unescaped, m_ranges))
            throw std::invalid_argument("the CSV header has an unterminated quote");
        std::vector<std::string> owned(names.begin(), names.end());
        for (std::size_t i = 0; i < owned.size(); ++i) {
            const ColumnSpec spec = lookupColumn(owned[i]);
            for (std::size_t j = 0; j < i; ++j) {
                if (spec.column != Column::Ignored && owned[j] == owned[i])
                    throw std::invalid_argument("the CSV header names column \"" + owned[i] + "\" twice");
            }
            m_columns.push_back(spec);
        }
        for (const char* required : {"event_id", "type", "timestamp", "customer_id", "app_id", "platform"}) {
            bool found = false;
            for (const std::string& name : owned)
                found = found || name == required;
            if (!found) {
                throw std::invalid_argument(std::string("the CSV header has no \"") + required
                                            + "\" column; the header must name the event fields (event_id, type, "
                                              "timestamp, customer_id, app_id, platform, ...)");
            }
        }
    }

    bool parseLine(std::string_view line, std::size_t, EventBatch& out, Rejection& rejection) override
    {
        if (!splitCsv(line, m_cells, m_unescaped, m_ranges)) {
            reject(rejection, RejectReason::InvalidValue,
                   "unterminated or misplaced quote (line breaks inside CSV fields are not supported)");
            return false;
        }
        if (m_cells.size() != m_columns.size()) {
            reject(rejection, RejectReason::WrongFieldCount,
                   "the row has " + std::to_string(m_cells.size()) + " fields; the header has "
                       + std::to_string(m_columns.size()));
            return false;
        }
        EventRecord& event = out.addRecord();
        if (!fill(out, event, rejection) || !validateEvent(out, event, m_limits, true, rejection)) {
            if (rejection.appId.empty())
                rejection.appId = std::string(out.string(event, Field::AppId));
            out.dropLast();
            return false;
        }
        return true;
    }

private:
    bool fill(EventBatch& out, EventRecord& event, Rejection& rejection)
    {
        bool hasType = false;
        bool hasTimestamp = false;
        bool hasPlatform = false;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const std::string_view cell = m_cells[i];
            const ColumnSpec& spec = m_columns[i];
            if (cell.empty() && spec.field != Field::ReferenceTouchId)
                continue;
            switch (spec.column) {
            case Column::StringField:
                out.setString(event, spec.field, cell);
                if (spec.field == Field::ReferenceTouchId)
                    event.hasReference = true;
                break;
            case Column::Type: {
                auto type = parseEventType(cell);
                if (!type) {
                    reject(rejection, RejectReason::UnknownEventType,
                           "field \"type\" is " + quoted(cell) + "; use click, impression, install or in_app_event");
                    return false;
                }
                event.type = *type;
                rejection.type = *type;
                hasType = true;
                break;
            }
            case Column::Timestamp:
                if (!parseTimestampText(cell, event.timestampMs)) {
                    reject(rejection, RejectReason::InvalidTimestamp,
                           "field \"timestamp\" is " + quoted(cell)
                               + "; use RFC 3339 with an offset (2026-11-01T12:00:00.250Z) or integer milliseconds");
                    return false;
                }
                hasTimestamp = true;
                break;
            case Column::Platform: {
                auto platform = parsePlatform(cell);
                if (!platform) {
                    reject(rejection, RejectReason::InvalidValue,
                           "field \"platform\" is " + quoted(cell) + "; use android or ios");
                    return false;
                }
                event.platform = *platform;
                hasPlatform = true;
                break;
            }
            case Column::Revenue: {
                double amount = 0.0;
                const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), amount);
                if (error != std::errc() || end != cell.data() + cell.size()) {
                    reject(rejection, RejectReason::WrongType,
                           "field \"revenue\" is " + quoted(cell) + "; it must be a number");
                    return false;
                }
                event.revenue = amount;
                event.hasRevenue = true;
                break;
            }
            case Column::Ignored:
                break;
            }
        }
        if (!hasType || !hasTimestamp || !hasPlatform) {
            reject(rejection, RejectReason::MissingField,
                   std::string("field \"") + (!hasType ? "type" : !hasTimestamp ? "timestamp" : "platform")
                       + "\" is empty");
            return false;
        }
        return true;
    }

    ParseLimits m_limits;
    std::vector<ColumnSpec> m_columns;
    std::vector<std::string_view> m_cells;
    std::string m_unescaped;
    std::vector<std::pair<std::size_t, std::size_t>> m_ranges;
};

// ---------------------------------------------------------------- TalkingData

constexpr std::string_view kTalkingDataHeader = "ip,app,device,os,channel,click_time,attributed_time,is_attributed";

// TalkingData rows carry anonymised integer codes. Each row becomes a click
// of customer `talkingdata`. Because ip + device + os form the fingerprint,
// the user agent is built from device and os. Ids derive from the line number.
class TalkingDataParser final : public LineParser {
public:
    explicit TalkingDataParser(const ParseLimits& limits) : m_limits(limits) {}

    bool parseLine(std::string_view line, std::size_t, EventBatch& out, Rejection& rejection) override
    {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        std::array<std::string_view, 8> cells;
        std::size_t count = 0;
        std::size_t pos = 0;
        while (count < cells.size()) {
            const std::size_t end = line.find(',', pos);
            cells[count++] = line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
            if (end == std::string_view::npos)
                break;
            pos = end + 1;
            if (count == cells.size()) {
                count = 9; // more fields than the header
                break;
            }
        }
        if (count != cells.size()) {
            const auto fields = std::count(line.begin(), line.end(), ',') + 1;
            reject(rejection, RejectReason::WrongFieldCount,
                   "a TalkingData row has 8 fields (" + std::string(kTalkingDataHeader) + "); this one has "
                       + std::to_string(fields));
            return false;
        }
        const auto [ip, app, device, os, channel, clickTime, attributedTime, isAttributed] = cells;
        for (const auto& [name, value] : {std::pair{"ip", ip}, std::pair{"app", app}, std::pair{"device", device},
                                          std::pair{"os", os}, std::pair{"channel", channel}}) {
            if (value.empty() || value.find_first_not_of("0123456789") != std::string_view::npos) {
                reject(rejection, RejectReason::InvalidValue,
                       std::string("field \"") + name + "\" is " + quoted(value) + "; TalkingData codes are integers");
                return false;
            }
        }
        auto clickMs = parseUtcDateTime(clickTime);
        if (!clickMs) {
            reject(rejection, RejectReason::InvalidTimestamp,
                   "field \"click_time\" is " + quoted(clickTime) + "; expected YYYY-MM-DD HH:MM:SS (UTC)");
            return false;
        }
        std::optional<std::int64_t> installMs;
        if (!attributedTime.empty()) {
            installMs = parseUtcDateTime(attributedTime);
            if (!installMs) {
                reject(rejection, RejectReason::InvalidTimestamp,
                       "field \"attributed_time\" is " + quoted(attributedTime)
                           + "; expected YYYY-MM-DD HH:MM:SS (UTC) or empty");
                return false;
            }
        }
        if (isAttributed != (installMs ? "1" : "0")) {
            reject(rejection, RejectReason::InvalidValue,
                   "field \"is_attributed\" is " + quoted(isAttributed) + " but attributed_time is "
                       + (installMs ? "set" : "empty") + "; it must be 1 exactly when attributed_time is set");
            return false;
        }

        m_appId.assign("td-app-").append(app);
        m_userAgent.assign("device/").append(device).append(" os/").append(os);
        m_mediaSource.assign("td-channel-").append(channel);
        m_clickId.assign("td-click-").append(std::to_string(m_lineNumber));
        rejection.appId = m_appId;

        const std::size_t first = out.size();
        auto addEvent = [&](EventType type, std::int64_t timestampMs, const std::string& id) -> EventRecord& {
            EventRecord& event = out.addRecord();
            event.type = type;
            event.timestampMs = timestampMs;
            event.platform = Platform::Android;
            out.setString(event, Field::EventId, id);
            out.setString(event, Field::CustomerId, "talkingdata");
            out.setString(event, Field::AppId, m_appId);
            out.setString(event, Field::Ip, ip);
            out.setString(event, Field::UserAgent, m_userAgent);
            return event;
        };
        EventRecord& click = addEvent(EventType::Click, *clickMs, m_clickId);
        out.setString(click, Field::MediaSource, m_mediaSource);
        out.setString(click, Field::Channel, channel);
        if (!validateEvent(out, click, m_limits, false, rejection)) {
            while (out.size() > first)
                out.dropLast();
            return false;
        }
        if (installMs) {
            const std::string installId = "td-install-" + std::to_string(m_lineNumber);
            EventRecord& install = addEvent(EventType::Install, *installMs, installId);
            install.hasReference = true;
            out.setString(install, Field::ReferenceTouchId, m_clickId);
            if (!validateEvent(out, install, m_limits, false, rejection)) {
                while (out.size() > first)
                    out.dropLast();
                return false;
            }
        }
        return true;
    }

private:
    ParseLimits m_limits;
    std::string m_appId;
    std::string m_userAgent;
    std::string m_mediaSource;
    std::string m_clickId;
};

} // namespace

std::string_view toString(InputFormat format)
{
    switch (format) {
    case InputFormat::Ndjson: return "ndjson";
    case InputFormat::Csv: return "csv";
    case InputFormat::TalkingData: return "talkingdata";
    }
    return "ndjson";
}

std::optional<InputFormat> parseInputFormat(std::string_view text)
{
    if (text == "ndjson")
        return InputFormat::Ndjson;
    if (text == "csv")
        return InputFormat::Csv;
    if (text == "talkingdata")
        return InputFormat::TalkingData;
    return std::nullopt;
}

std::unique_ptr<LineParser> makeParser(InputFormat format, const ParseLimits& limits)
{
    switch (format) {
    case InputFormat::Ndjson: return std::make_unique<NdjsonParser>(limits);
    case InputFormat::TalkingData: return std::make_unique<TalkingDataParser>(limits);
    case InputFormat::Csv: break;
    }
    throw std::invalid_argument("a CSV parser needs the header row: use makeCsvParser()");
}

std::unique_ptr<LineParser> makeCsvParser(std::string_view headerLine, const ParseLimits& limits)
{
    return std::make_unique<CsvParser>(headerLine, limits);
}

std::optional<DetectedFormat> detectFormat(std::string_view firstLine)
{
    if (!firstLine.empty() && firstLine.back() == '\r')
        firstLine.remove_suffix(1);
    std::size_t start = firstLine.starts_with(kUtf8ByteOrderMark) ? kUtf8ByteOrderMark.size() : 0;
    while (start < firstLine.size() && (firstLine[start] == ' ' || firstLine[start] == '\t'))
        ++start;
    if (start < firstLine.size() && firstLine[start] == '{')
        return DetectedFormat{InputFormat::Ndjson, 0};

    // A header may follow a short prefix of bytes that are not letters: a
    // UTF-8 byte-order mark, or stray bytes left by an export tool.
    std::size_t prefix = 0;
    while (prefix < firstLine.size() && prefix <= kMaxHeaderPrefix) {
        const char c = firstLine[prefix];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            break;
        ++prefix;
    }
    if (prefix > kMaxHeaderPrefix)
        return std::nullopt;
    const std::string_view header = firstLine.substr(prefix);
    if (header == kTalkingDataHeader)
        return DetectedFormat{InputFormat::TalkingData, prefix};
    if (header.find("event_id") != std::string_view::npos && header.find(',') != std::string_view::npos)
        return DetectedFormat{InputFormat::Csv, prefix};
    return std::nullopt;
}

bool validateEvent(EventBatch& batch, EventRecord& event, const ParseLimits& limits, bool checkIp,
                   Rejection& rejection)
{
    for (std::size_t i = 0; i < kStringFieldCount; ++i) {
        const auto field = static_cast<Field>(i);
        if (event.strings[i].length > limits.maxFieldBytes) {
            reject(rejection, RejectReason::InvalidValue,
                   "field \"" + std::string(fieldName(field)) + "\" is " + std::to_string(event.strings[i].length)
                       + " bytes; the limit is " + std::to_string(limits.maxFieldBytes));
            return false;
        }
    }
    auto text = [&](Field field) { return batch.string(event, field); };
    for (Field required : {Field::EventId, Field::CustomerId, Field::AppId}) {
        if (text(required).empty()) {
            reject(rejection, RejectReason::MissingField,
                   "field \"" + std::string(fieldName(required)) + "\" is missing or empty");
            return false;
        }
    }
    if (event.timestampMs < kEarliestTimestampMs || event.timestampMs >= kLatestTimestampMs) {
        reject(rejection, RejectReason::InvalidTimestamp, outOfRangeDetail(event.timestampMs));
        return false;
    }
    if (limits.maxFutureMs > 0) {
        const std::int64_t nowMs = wallClockMs();
        if (event.timestampMs - nowMs > limits.maxFutureMs) {
            reject(rejection, RejectReason::InvalidTimestamp,
                   "timestamp " + formatRfc3339(event.timestampMs) + " is more than "
                       + std::to_string(limits.maxFutureMs / kMillisPerHour) + " hours after this machine's clock ("
                       + formatRfc3339(nowMs) + "); check the clock of the device or server that sent it");
            return false;
        }
    }
    if (isTouch(event.type) && text(Field::MediaSource).empty()) {
        reject(rejection, RejectReason::MissingField, "field \"media_source\" is required on clicks and impressions");
        return false;
    }
    if (event.type == EventType::InAppEvent && text(Field::EventName).empty()) {
        reject(rejection, RejectReason::MissingField, "field \"event_name\" is required on in-app events");
        return false;
    }
    if (event.hasRevenue) {
        if (!std::isfinite(event.revenue)) {
            reject(rejection, RejectReason::InvalidValue, "field \"revenue\" must be a finite number");
            return false;
        }
        if (event.revenue < 0) {
            reject(rejection, RejectReason::NegativeRevenue,
                   "field \"revenue\" is " + std::to_string(event.revenue) + "; revenue cannot be negative");
            return false;
        }
    }
    const std::string_view currency = text(Field::Currency);
    if (!currency.empty() && !isCurrencyCode(currency)) {
        reject(rejection, RejectReason::InvalidValue,
               "field \"currency\" is " + quoted(currency) + "; use a three-letter ISO 4217 code such as USD");
        return false;
    }
    if (event.type == EventType::InAppEvent && currency.empty())
        batch.setString(event, Field::Currency, "USD");

    if (isAllZeroId(text(Field::AdvertisingId)))
        batch.setString(event, Field::AdvertisingId, {}); // limited ad tracking sends zeros
    const std::string_view ip = text(Field::Ip);
    if (checkIp && !ip.empty() && !isValidIp(ip)) {
        reject(rejection, RejectReason::InvalidValue, "field \"ip\" is " + quoted(ip) + "; use an IPv4 or IPv6 address");
        return false;
    }
    const bool hasDeviceId = !text(Field::AdvertisingId).empty() || !text(Field::Idfv).empty();
    const bool hasFingerprint = !ip.empty() && !text(Field::UserAgent).empty();
    if (!hasDeviceId && !hasFingerprint) {
        reject(rejection, RejectReason::MissingField,
               "no device identifier: the event needs advertising_id, idfv, or both ip and user_agent");
        return false;
    }
    return true;
}

} // namespace umg
