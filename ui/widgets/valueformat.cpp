#include "widgets/valueformat.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace umg {

QString formatValue(double value, int decimals, const QString &unit)
{
    if (!std::isfinite(value))
        return QCoreApplication::translate("umg::ValueFormat", "No data");

    const QString number = QLocale().toString(value, 'f', decimals);
    if (unit.isEmpty())
        return number;
    return QCoreApplication::translate("umg::ValueFormat", "%1 %2", "value and unit")
        .arg(number, unit);
}

QString formatCount(qint64 count)
{
    return QLocale().toString(count);
}

QString formatPercent(double ratio, int decimals)
{
    if (!std::isfinite(ratio))
        return QStringLiteral("—");
    return QCoreApplication::translate("umg::ValueFormat", "%1 %", "percentage")
        .arg(QLocale().toString(ratio * 100.0, 'f', decimals));
}

QString formatDate(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}

QString formatTime(const QTime &time)
{
    // The long time format is the locale's one with seconds. Its time zone
    // fields ("t") are dropped, because the console shows local times.
    QString format = QLocale().timeFormat(QLocale::LongFormat);
    format.remove(QLatin1Char('t'));
    return QLocale().toString(time, format.trimmed());
}

QString formatDateTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("—");
    const QDateTime local = time.toLocalTime();
    return QCoreApplication::translate("umg::ValueFormat", "%1 %2", "date and time")
        .arg(formatDate(local.date()), formatTime(local.time()));
}

} // namespace umg
