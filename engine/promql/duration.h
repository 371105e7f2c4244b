#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace umg::promql {

/// Parses a Prometheus duration such as `5m`, `1h30m`, `250ms` or `2w` into
/// milliseconds. Units go from largest to smallest, each at most once:
/// y (365 days), w, d, h, m, s, ms. Returns nullopt for anything else,
/// including an empty string and an overflowing value.
std::optional<std::int64_t> parseDuration(std::string_view text);

/// Formats milliseconds the way Prometheus prints durations: `0s`, `5m`,
/// `1h30m`, `90d`. Years and weeks appear only when they divide the value.
/// Negative values get a leading minus.
std::string formatDuration(std::int64_t millis);

} // namespace umg::promql
