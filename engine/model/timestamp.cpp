#include "model/timestamp.h"

#include <cstdio>

namespace umg {
namespace {

// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
constexpr std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day)
{
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(year - era * 400);
    const unsigned dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

struct CivilDate {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

constexpr CivilDate civilFromDays(std::int64_t days)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2), month, day};
}

bool isLeapYear(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

unsigned daysInMonth(std::int64_t year, unsigned month)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Reads exactly `count` decimal digits at `pos`.
bool readDigits(std::string_view text, std::size_t pos, std::size_t count, unsigned& value)
{
    if (pos + count > text.size())
        return false;
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return true;
}

// Parses `YYYY-MM-DD?HH:MM:SS` at the start of `text` (`?` is `T`, `t` or a
// space) and returns the UTC milliseconds of that wall time.
std::optional<std::int64_t> parseDateTimePrefix(std::string_view text)
{
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 19 || !readDigits(text, 0, 4, year) || text[4] != '-' || !readDigits(text, 5, 2, month)
        || text[7] != '-' || !readDigits(text, 8, 2, day)
        || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !readDigits(text, 11, 2, hour)
        || text[13] != ':' || !readDigits(text, 14, 2, minute) || text[16] != ':'
        || !readDigits(text, 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59
        || second > 60)
        return std::nullopt;
    if (second == 60)
        second = 59; // a leap second is read as the second before it
    const std::int64_t days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * kMillisPerMinute + second * kMillisPerSecond;
}

} // namespace

std::optional<std::int64_t> parseRfc3339(std::string_view text)
{
    auto base = parseDateTimePrefix(text);
    if (!base)
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        if (pos == start || pos - start > 9)
            return std::nullopt;
        while (digits < 3) {
            millis *= 10;
            ++digits;
        }
    }
    if (pos >= text.size())
        return std::nullopt; // RFC 3339 requires an offset
    std::int64_t offsetMillis = 0;
    const char sign = text[pos];
    if (sign == 'Z' || sign == 'z') {
        ++pos;
    } else if (sign == '+' || sign == '-') {
        unsigned hours = 0, minutes = 0;
        if (!readDigits(text, pos + 1, 2, hours) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !readDigits(text, pos + 4, 2, minutes) || hours > 23 || minutes > 59)
            return std::nullopt;
        offsetMillis = (static_cast<std::int64_t>(hours) * 60 + minutes) * kMillisPerMinute;
        if (sign == '-')
            offsetMillis = -offsetMillis;
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    return *base + millis - offsetMillis;
}

std::optional<std::int64_t> parseUtcDateTime(std::string_view text)
{
    if (text.size() != 19)
        return std::nullopt;
    return parseDateTimePrefix(text);
}

std::optional<std::int64_t> parseEpochMillis(std::string_view text)
{
    if (text.empty() || text.size() > 16)
        return std::nullopt;
    std::size_t pos = 0;
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        pos = 1;
        if (text.size() == 1)
            return std::nullopt;
    }
    std::int64_t value = 0;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

std::string formatRfc3339(std::int64_t utcMillis)
{
    const std::int64_t days = utcDayNumber(utcMillis);
    const std::int64_t inDay = utcMillis - days * kMillisPerDay;
    const CivilDate date = civilFromDays(days);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<long long>(date.year), date.month, date.day,
                  static_cast<int>(inDay / kMillisPerHour), static_cast<int>(inDay / kMillisPerMinute % 60),
                  static_cast<int>(inDay / kMillisPerSecond % 60), static_cast<int>(inDay % 1000));
    return buffer;
}

std::string formatUtcDay(std::int64_t utcMillis)
{
    const CivilDate date = civilFromDays(utcDayNumber(utcMillis));
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(date.year), date.month,
                  date.day);
    return buffer;
}

std::optional<std::int64_t> parseDuration(std::string_view text)
{
    std::size_t pos = 0;
    std::int64_t value = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (value > (std::int64_t{1} << 40))
            return std::nullopt;
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    if (pos == 0)
        return std::nullopt;
    const std::string_view unit = text.substr(pos);
    if (unit == "ms")
        return value;
    if (unit == "s")
        return value * kMillisPerSecond;
    if (unit == "m")
        return value * kMillisPerMinute;
    if (unit == "h")
        return value * kMillisPerHour;
    if (unit == "d")
        return value * kMillisPerDay;
    return std::nullopt;
}

std::string formatDuration(std::int64_t millis)
{
    struct Unit {
        std::int64_t size;
        const char* suffix;
    };
    static constexpr Unit kUnits[] = {{kMillisPerDay, "d"},
                                      {kMillisPerHour, "h"},
                                      {kMillisPerMinute, "m"},
                                      {kMillisPerSecond, "s"}};
    if (millis != 0) {
        for (const Unit& unit : kUnits) {
            if (millis % unit.size == 0)
                return std::to_string(millis / unit.size) + unit.suffix;
        }
    }
    return std::to_string(millis) + "ms";
}

} // namespace umg
