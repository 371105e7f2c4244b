#include "promql/duration.h"

#include <array>
#include <limits>

namespace umg::promql {
namespace {

struct DurationUnit {
    std::string_view suffix;
    std::int64_t millis;
    bool onlyWhenExact;
};

constexpr std::int64_t kDayMillis = 24LL * 60 * 60 * 1000;

// Largest first; parseDuration requires this order in the text.
constexpr std::array<DurationUnit, 7> kUnits{{
    {"y", 365 * kDayMillis, true},
    {"w", 7 * kDayMillis, true},
    {"d", kDayMillis, false},
    {"h", 60LL * 60 * 1000, false},
    {"m", 60LL * 1000, false},
    {"s", 1000, false},
    {"ms", 1, false},
}};

} // namespace

std::optional<std::int64_t> parseDuration(std::string_view text)
{
    if (text.empty())
        return std::nullopt;

    std::int64_t total = 0;
    std::size_t nextUnit = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::int64_t number = 0;
        std::size_t digitsStart = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (number > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
                return std::nullopt;
            number = number * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == digitsStart)
            return std::nullopt;

        // "ms" must win over "m" followed by garbage, so try the longer suffix first.
        std::size_t unitIndex = kUnits.size();
        if (text.substr(pos, 2) == "ms") {
            unitIndex = kUnits.size() - 1;
        } else {
            for (std::size_t i = 0; i + 1 < kUnits.size(); ++i) {
                if (text.substr(pos, 1) == kUnits[i].suffix) {
                    unitIndex = i;
                    break;
                }
            }
        }
        if (unitIndex == kUnits.size() || unitIndex < nextUnit)
            return std::nullopt;

        const DurationUnit& unit = kUnits[unitIndex];
        if (number > std::numeric_limits<std::int64_t>::max() / unit.millis)
            return std::nullopt;
        std::int64_t part = number * unit.millis;
        if (total > std::numeric_limits<std::int64_t>::max() - part)
            return std::nullopt;
        total += part;
        pos += unit.suffix.size();
        nextUnit = unitIndex + 1;
    }
    return total;
}

std::string formatDuration(std::int64_t millis)
{
    if (millis == 0)
        return "0s";

    std::string out;
    if (millis < 0) {
        out += '-';
        millis = -millis;
    }
    for (const DurationUnit& unit : kUnits) {
        if (unit.onlyWhenExact && millis % unit.millis != 0)
            continue;
        std::int64_t count = millis / unit.millis;
        if (count > 0) {
            out += std::to_string(count);
            out += unit.suffix;
            millis -= count * unit.millis;
        }
    }
    return out;
}

} // namespace umg::promql
