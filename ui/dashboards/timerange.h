#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace umg {

/// Time ranges a dashboard can show, each ending now.
enum class TimeRange { Last5Minutes, Last15Minutes, LastHour, Last6Hours, Last24Hours, Last7Days, Count };

/// How often a dashboard reevaluates its queries.
enum class RefreshInterval { Off, Every1Second, Every5Seconds, Every10Seconds, Every30Seconds, EveryMinute, Count };

class TimeRanges
{
    Q_DECLARE_TR_FUNCTIONS(umg::TimeRanges)

public:
    static qint64 durationMs(TimeRange range);
    /// Translated menu text, such as "Last 15 minutes".
    static QString text(TimeRange range);
    /// Stable key for settings, such as "15m".
    static QString key(TimeRange range);
    static std::optional<TimeRange> fromKey(const QString &key);

    /// Interval in milliseconds, 0 for Off.
    static qint64 intervalMs(RefreshInterval interval);
    static QString text(RefreshInterval interval);
    static QString key(RefreshInterval interval);
    static std::optional<RefreshInterval> refreshFromKey(const QString &key);

    /// Step of a range query over `rangeMs`: about 600 points per chart,
    /// at least one second (the scrape interval) and a whole number of seconds.
    static qint64 stepMs(qint64 rangeMs);
};

} // namespace umg
