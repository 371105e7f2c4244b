#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/event.h"

namespace umg {

/// Why an input line or message was rejected. The names are the values of
/// the `reason` metric label.
enum class RejectReason : std::uint8_t {
    InvalidJson,
    WrongFieldCount,
    InvalidTimestamp,
    UnknownEventType,
    NegativeRevenue,
    LineTooLong,
    InvalidUtf8,
    WrongType,
    MissingField,
    InvalidValue,
    TooOld,
    Count
};
inline constexpr std::size_t kRejectReasonCount = static_cast<std::size_t>(RejectReason::Count);

std::string_view toString(RejectReason reason);

/// A rejected line: where it was, why, and what to fix. `appId` and `type`
/// are filled when the line got far enough to read them.
struct Rejection {
    std::string source; ///< file path, `http`, or `kafka:topic/partition`
    std::uint64_t line = 0; ///< 1-based line number (or message offset)
    RejectReason reason = RejectReason::InvalidJson;
    std::string detail;
    std::string appId;
    std::optional<EventType> type;

    /// `source:line: reason: detail`, the form printed to users.
    std::string describe() const;
};

} // namespace umg
