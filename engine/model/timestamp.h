#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace umg {

inline constexpr std::int64_t kMillisPerSecond = 1000;
inline constexpr std::int64_t kMillisPerMinute = 60 * kMillisPerSecond;
inline constexpr std::int64_t kMillisPerHour = 60 * kMillisPerMinute;
inline constexpr std::int64_t kMillisPerDay = 24 * kMillisPerHour;

/// Parses an RFC 3339 date-time with a UTC offset (`2026-11-01T12:00:00.250Z`,
/// `2026-11-01T14:00:00+02:00`; `T` may be a space, fractions up to
/// nanoseconds are truncated to milliseconds) into UTC milliseconds since
/// the Unix epoch. Returns nullopt for anything else, including a missing
/// offset and out-of-range fields.
std::optional<std::int64_t> parseRfc3339(std::string_view text);

/// Parses `YYYY-MM-DD HH:MM:SS` with no offset, read as UTC (the TalkingData
/// click format).
std::optional<std::int64_t> parseUtcDateTime(std::string_view text);

/// Parses a decimal integer of milliseconds since the Unix epoch.
std::optional<std::int64_t> parseEpochMillis(std::string_view text);

/// Formats UTC milliseconds as `2026-11-01T12:00:00.250Z`.
std::string formatRfc3339(std::int64_t utcMillis);

/// Formats the UTC day of `utcMillis` as `2026-11-01`.
std::string formatUtcDay(std::int64_t utcMillis);

/// Days since the Unix epoch of the UTC day containing `utcMillis`.
inline std::int64_t utcDayNumber(std::int64_t utcMillis)
{
    return utcMillis >= 0 ? utcMillis / kMillisPerDay : (utcMillis - kMillisPerDay + 1) / kMillisPerDay;
}

/// Parses a duration such as `250ms`, `10s`, `5m`, `24h`, `7d` into milliseconds.
std::optional<std::int64_t> parseDuration(std::string_view text);

/// Formats milliseconds as the shortest exact duration (`7d`, `90m`, `250ms`).
std::string formatDuration(std::int64_t millis);

} // namespace umg
