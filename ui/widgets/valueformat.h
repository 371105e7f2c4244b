#pragma once

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

} // namespace umg
