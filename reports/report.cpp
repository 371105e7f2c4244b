#include "reports/report.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace umg::reports {

void Report::addFact(const QString &key, const QString &label, const QString &text, double number)
{
    if (facts.columns.isEmpty()) {
        facts.key = QStringLiteral("facts");
        facts.columns = {Column{QStringLiteral("name"), ReportText::tr("Item"), false},
                         Column{QStringLiteral("value"), ReportText::tr("Value"), false}};
    }
    Cell value = textCell(text);
    value.number = number;
    facts.rows.append(Row{key, {textCell(label), value}});
}

QString ReportText::number(double value, int decimals)
{
    if (!std::isfinite(value))
        return tr("No data");
    // Avoid "-0" for values that round to zero.
    const double rounded = std::round(value * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    return QLocale().toString(rounded == 0.0 ? 0.0 : value, 'f', std::max(decimals, 0));
}

QString ReportText::value(double value, int decimals, const QString &unit)
{
    const QString text = number(value, decimals);
    if (unit.isEmpty() || !std::isfinite(value))
        return text;
    return text + QLatin1Char(' ') + unit;
}

QString ReportText::state(TargetState state)
{
    switch (state) {
    case TargetState::Pass:
        return tr("Pass");
    case TargetState::Near:
        return tr("Near target");
    case TargetState::Fail:
        return tr("Fail");
    case TargetState::None:
    case TargetState::Count:
        break;
    }
    return {};
}

QString ReportText::yesNo(bool value)
{
    return value ? tr("Yes") : tr("No");
}

QString ReportText::time(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc());
    // The locale's long time format has seconds; its time zone fields ("t")
    // would name the local zone, so the text appends UTC itself.
    QString timeFormat = QLocale().timeFormat(QLocale::LongFormat);
    timeFormat.remove(QLatin1Char('t'));
    return tr("%1 %2 UTC", "date and time")
        .arg(day(msSinceEpoch), QLocale().toString(time.time(), timeFormat.trimmed()));
}

QString ReportText::day(qint64 msSinceEpoch)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc()).date(),
                              QLocale::ShortFormat);
}

QString ReportText::duration(qint64 milliseconds)
{
    constexpr qint64 kMinute = 60'000;
    constexpr qint64 kHour = 60 * kMinute;
    constexpr qint64 kDay = 24 * kHour;
    // Explicit singular and plural forms, because "%n" plurals need a loaded
    // translation even for English.
    if (milliseconds >= kDay && milliseconds % kDay == 0) {
        const qint64 days = milliseconds / kDay;
        return days == 1 ? tr("1 day") : tr("%1 days").arg(days);
    }
    if (milliseconds >= kHour && milliseconds % kHour == 0) {
        const qint64 hours = milliseconds / kHour;
        return hours == 1 ? tr("1 hour") : tr("%1 hours").arg(hours);
    }
    if (milliseconds >= kMinute && milliseconds % kMinute == 0) {
        const qint64 minutes = milliseconds / kMinute;
        return minutes == 1 ? tr("1 minute") : tr("%1 minutes").arg(minutes);
    }
    const qint64 seconds = milliseconds / 1000;
    return seconds == 1 ? tr("1 second") : tr("%1 seconds").arg(seconds);
}

QString ReportText::target(const dashboards::Target &target, const QString &unit, int decimals)
{
    switch (target.direction) {
    case dashboards::TargetDirection::HigherIsBetter:
        return tr("≥ %1").arg(value(target.low, decimals, unit));
    case dashboards::TargetDirection::LowerIsBetter:
        return tr("≤ %1").arg(value(target.low, decimals, unit));
    case dashboards::TargetDirection::WithinRange:
        return tr("%1–%2", "range of values; the second value carries the unit")
            .arg(number(target.low, decimals), value(target.high, decimals, unit));
    case dashboards::TargetDirection::None:
        break;
    }
    return {};
}

TargetState evaluateTarget(const dashboards::Target &target, double value)
{
    using dashboards::TargetDirection;
    if (target.direction == TargetDirection::None)
        return TargetState::None;
    if (!std::isfinite(value))
        return TargetState::Fail;

    const double margin = target.nearMargin;
    switch (target.direction) {
    case TargetDirection::HigherIsBetter:
        if (value < target.low)
            return TargetState::Fail;
        return value < target.low + margin ? TargetState::Near : TargetState::Pass;
    case TargetDirection::LowerIsBetter:
        if (value > target.low)
            return TargetState::Fail;
        return value > target.low - margin ? TargetState::Near : TargetState::Pass;
    case TargetDirection::WithinRange:
        if (value < target.low || value > target.high)
            return TargetState::Fail;
        return value < target.low + margin || value > target.high - margin ? TargetState::Near : TargetState::Pass;
    case TargetDirection::None:
        break;
    }
    return TargetState::None;
}

Cell textCell(const QString &text, TargetState state)
{
    Cell cell;
    cell.text = text;
    cell.state = state;
    return cell;
}

Cell numberCell(double value, int decimals, const QString &unit, TargetState state)
{
    Cell cell;
    cell.text = ReportText::value(value, decimals, unit);
    cell.number = std::isfinite(value) ? value : qQNaN();
    cell.unit = unit;
    cell.state = state;
    return cell;
}

Cell stateCell(TargetState state)
{
    Cell cell = textCell(ReportText::state(state), state);
    if (state == TargetState::Pass || state == TargetState::Near)
        cell.number = 1;
    else if (state == TargetState::Fail)
        cell.number = 0;
    return cell;
}

} // namespace umg::reports
