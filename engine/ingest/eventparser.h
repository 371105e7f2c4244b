#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/rejection.h"
#include "model/event.h"

namespace umg {

/// Input formats the engine reads.
enum class InputFormat : std::uint8_t {
    Ndjson,      ///< one JSON object per line
    Csv,         ///< a header row with the event field names, then one event per row
    TalkingData, ///< TalkingData AdTracking click rows (`ip,app,device,os,channel,click_time,...`)
};

std::string_view toString(InputFormat format);
std::optional<InputFormat> parseInputFormat(std::string_view text);

/// Bytes that must be readable after the end of every line handed to a
/// parser (the JSON parser reads ahead in SIMD blocks).
inline constexpr std::size_t kParsePadding = 64;

/// Event timestamps must lie in [kEarliestTimestampMs, kLatestTimestampMs),
/// the years 2000 to 2099 (UTC ms); the parsers reject others with
/// `invalid_timestamp`. Values outside are almost certainly unit mistakes
/// (seconds instead of milliseconds, or microseconds).
inline constexpr std::int64_t kEarliestTimestampMs = 946684800000LL; // 2000-01-01
inline constexpr std::int64_t kLatestTimestampMs = 4102444800000LL;  // 2100-01-01

struct ParseLimits {
    /// Longer lines are rejected with `line_too_long` without being parsed.
    std::size_t maxLineBytes = 64 * 1024;
    /// Longer string values are rejected with `invalid_value`.
    std::size_t maxFieldBytes = 2048;
    /// Events whose timestamp lies further than this after the machine's
    /// clock are rejected with `invalid_timestamp`. One such event would
    /// otherwise move the engine's watermark ahead and age out every other
    /// event as `too_old`. 0 turns the check off, for example to replay a
    /// file generated with event times ahead of the clock.
    std::int64_t maxFutureMs = 24 * 60 * 60 * 1000;
};

/// Parses lines of one format into events. Each instance is used by one
/// thread at a time; create one per thread.
class LineParser {
public:
    virtual ~LineParser() = default;

    /// Parses `line` (without its line break), whose bytes stay readable up
    /// to `capacity` bytes from its start; `capacity` must be at least
    /// `line.size() + kParsePadding`. Appends the line's events to `out`
    /// (TalkingData rows give one or two) and returns true, or appends
    /// nothing, fills `rejection.reason`, `detail` and what it could read of
    /// `appId` and `type`, and returns false.
    virtual bool parseLine(std::string_view line, std::size_t capacity, EventBatch& out, Rejection& rejection) = 0;

    /// Number of the line being parsed, for event ids derived from
    /// positions (TalkingData rows have no ids of their own).
    void setLineNumber(std::uint64_t line) { m_lineNumber = line; }

protected:
    std::uint64_t m_lineNumber = 0;
};

/// Creates a parser for NDJSON or TalkingData input. Throws
/// std::invalid_argument for Csv, which needs its header: use makeCsvParser.
std::unique_ptr<LineParser> makeParser(InputFormat format, const ParseLimits& limits = {});

/// Creates a CSV parser for the columns of `headerLine`. Throws
/// std::invalid_argument naming a missing required column
/// (event_id, type, timestamp, customer_id, app_id, platform) or a repeated one.
std::unique_ptr<LineParser> makeCsvParser(std::string_view headerLine, const ParseLimits& limits = {});

/// The format of a file, read off its first line.
struct DetectedFormat {
    InputFormat format = InputFormat::Ndjson;
    /// Bytes before the header that are not part of it (a byte-order mark
    /// or stray bytes such as the two dots that start TalkingData's
    /// published sample). At most kMaxHeaderPrefix bytes are skipped.
    std::size_t prefixBytes = 0;
};
inline constexpr std::size_t kMaxHeaderPrefix = 16;

/// Detects the format from the first line: a JSON object is NDJSON; a line
/// that contains the TalkingData header is TalkingData; a line that contains
/// an `event_id` column is CSV. A header may be preceded by up to
/// kMaxHeaderPrefix bytes that are not letters, which are then skipped.
/// Returns nullopt when nothing matches.
std::optional<DetectedFormat> detectFormat(std::string_view firstLine);

/// Checks the fields of a parsed event against the schema (required fields,
/// device identifiers, lengths, currency and IP syntax) and normalises an
/// all-zero advertising id to none. Returns false and fills `rejection` on
/// the first problem. `checkIp` is off for TalkingData, whose IPs are codes.
bool validateEvent(EventBatch& batch, EventRecord& event, const ParseLimits& limits, bool checkIp,
                   Rejection& rejection);

} // namespace umg
