#include "dashboards/timerange.h"

#include <algorithm>

namespace umg {
namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

// Points per chart: more than the pixel width of a panel, which the chart
// decimates, and few enough that a 7-day range stays a cheap query.
constexpr qint64 kPointsPerChart = 600;

} // namespace

qint64 TimeRanges::durationMs(TimeRange range)
{
    switch (range) {
    case TimeRange::Last5Minutes:
        return 5 * kMinute;
    case TimeRange::Last15Minutes:
        return 15 * kMinute;
    case TimeRange::LastHour:
        return kHour;
    case TimeRange::Last6Hours:
        return 6 * kHour;
    case TimeRange::Last24Hours:
        return kDay;
    case TimeRange::Last7Days:
        return 7 * kDay;
    case TimeRange::Count:
        break;
    }
    return 15 * kMinute;
}

QString TimeRanges::text(TimeRange range)
{
    switch (range) {
    case TimeRange::Last5Minutes:
        return tr("Last 5 minutes");
    case TimeRange::Last15Minutes:
        return tr("Last 15 minutes");
    case TimeRange::LastHour:
        return tr("Last hour");
    case TimeRange::Last6Hours:
        return tr("Last 6 hours");
    case TimeRange::Last24Hours:
        return tr("Last 24 hours");
    case TimeRange::Last7Days:
        return tr("Last 7 days");
    case TimeRange::Count:
        break;
    }
    return {};
}

QString TimeRanges::key(TimeRange range)
{
    static const char *const kKeys[] = {"5m", "15m", "1h", "6h", "24h", "7d"};
    const auto index = static_cast<std::size_t>(range);
    return index < std::size(kKeys) ? QString::fromLatin1(kKeys[index]) : QString();
}

std::optional<TimeRange> TimeRanges::fromKey(const QString &key)
{
    for (int i = 0; i < int(TimeRange::Count); ++i) {
        if (TimeRanges::key(TimeRange(i)) == key)
            return TimeRange(i);
    }
    return std::nullopt;
}

qint64 TimeRanges::intervalMs(RefreshInterval interval)
{
    switch (interval) {
    case RefreshInterval::Off:
        return 0;
    case RefreshInterval::Every1Second:
        return kSecond;
    case RefreshInterval::Every5Seconds:
        return 5 * kSecond;
    case RefreshInterval::Every10Seconds:
        return 10 * kSecond;
    case RefreshInterval::Every30Seconds:
        return 30 * kSecond;
    case RefreshInterval::EveryMinute:
        return kMinute;
    case RefreshInterval::Count:
        break;
    }
    return 0;
}

QString TimeRanges::text(RefreshInterval interval)
{
    switch (interval) {
    case RefreshInterval::Off:
        return tr("Off");
    case RefreshInterval::Every1Second:
        return tr("Every second");
    case RefreshInterval::Every5Seconds:
        return tr("Every 5 seconds");
    case RefreshInterval::Every10Seconds:
        return tr("Every 10 seconds");
    case RefreshInterval::Every30Seconds:
        return tr("Every 30 seconds");
    case RefreshInterval::EveryMinute:
        return tr("Every minute");
    case RefreshInterval::Count:
        break;
    }
    return {};
}

QString TimeRanges::key(RefreshInterval interval)
{
    static const char *const kKeys[] = {"off", "1s", "5s", "10s", "30s", "1m"};
    const auto index = static_cast<std::size_t>(interval);
    return index < std::size(kKeys) ? QString::fromLatin1(kKeys[index]) : QString();
}

std::optional<RefreshInterval> TimeRanges::refreshFromKey(const QString &key)
{
    for (int i = 0; i < int(RefreshInterval::Count); ++i) {
        if (TimeRanges::key(RefreshInterval(i)) == key)
            return RefreshInterval(i);
    }
    return std::nullopt;
}

qint64 TimeRanges::stepMs(qint64 rangeMs)
{
    const qint64 step = std::max<qint64>(kSecond, rangeMs / kPointsPerChart);
    return (step + kSecond - 1) / kSecond * kSecond;
}

} // namespace umg
