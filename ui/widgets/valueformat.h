#pragma once

#include <QDateTime>
#include <QString>

namespace umg {

/// Formats a measured value for display with the current locale, followed by
/// a space and the unit when the unit is not empty. NaN and infinite values
/// read as the translated "No data".
QString formatValue(double value, int decimals, const QString &unit);

/// Formats a count with the current locale's digit grouping ("12,345").
QString formatCount(qint64 count);

/// Formats a ratio (0.25) as a percentage ("25.0 %"). NaN reads as "—".
QString formatPercent(double ratio, int decimals = 1);

/// Formats a date in the current locale's short form ("1/2/26", "02.01.26").
QString formatDate(const QDate &date);

/// Formats a time of day with seconds in the current locale's form
/// ("3:04:05 PM", "15:04:05"), without a time zone.
QString formatTime(const QTime &time);

/// Formats a local date and time as formatDate() and formatTime() do. An
/// invalid time reads as "—".
QString formatDateTime(const QDateTime &time);

} // namespace umg
