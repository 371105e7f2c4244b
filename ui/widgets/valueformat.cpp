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

} // namespace umg
