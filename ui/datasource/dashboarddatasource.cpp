#include "datasource/dashboarddatasource.h"

namespace umg {

QString promqlDuration(qint64 milliseconds)
{
    struct Unit
    {
        qint64 milliseconds;
        const char *suffix;
    };
    static constexpr Unit kUnits[] = {
        {7LL * 24 * 3600 * 1000, "w"}, {24LL * 3600 * 1000, "d"}, {3600LL * 1000, "h"}, {60LL * 1000, "m"}, {1000, "s"},
    };
    if (milliseconds <= 0)
        return QStringLiteral("0s");
    for (const Unit &unit : kUnits) {
        if (milliseconds % unit.milliseconds == 0)
            return QString::number(milliseconds / unit.milliseconds) + QLatin1String(unit.suffix);
    }
    return QString::number(milliseconds) + QStringLiteral("ms");
}

QString expandRange(const QString &expression, qint64 rangeMs)
{
    QString expanded = expression;
    expanded.replace(QStringLiteral("$__range"), promqlDuration(rangeMs));
    return expanded;
}

} // namespace umg
