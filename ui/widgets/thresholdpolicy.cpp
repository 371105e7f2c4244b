#include "widgets/thresholdpolicy.h"

#include "widgets/valueformat.h"

#include <QPalette>

#include <cmath>
#include <stdexcept>
#include <string>

namespace umg {

namespace {

void requireFinite(double value, const char *name)
{
    if (!std::isfinite(value))
        throw std::invalid_argument(std::string("ThresholdPolicy: ") + name
                                    + " must be a finite number, got " + std::to_string(value));
}

void requireMargin(double nearMargin)
{
    requireFinite(nearMargin, "nearMargin");
    if (nearMargin < 0.0)
        throw std::invalid_argument("ThresholdPolicy: nearMargin must be zero or positive, got "
                                    + std::to_string(nearMargin));
}

} // namespace

ThresholdPolicy::ThresholdPolicy(ThresholdDirection direction, double low, double high,
                                 double nearMargin)
    : m_direction(direction)
    , m_low(low)
    , m_high(high)
    , m_nearMargin(nearMargin)
{
}

ThresholdPolicy ThresholdPolicy::higherIsBetter(double target, double nearMargin)
{
    requireFinite(target, "target");
    requireMargin(nearMargin);
    return ThresholdPolicy(ThresholdDirection::HigherIsBetter, target, target, nearMargin);
}

ThresholdPolicy ThresholdPolicy::lowerIsBetter(double target, double nearMargin)
{
    requireFinite(target, "target");
    requireMargin(nearMargin);
    return ThresholdPolicy(ThresholdDirection::LowerIsBetter, target, target, nearMargin);
}

ThresholdPolicy ThresholdPolicy::withinRange(double low, double high, double nearMargin)
{
    requireFinite(low, "low");
    requireFinite(high, "high");
    requireMargin(nearMargin);
    if (low > high)
        throw std::invalid_argument("ThresholdPolicy: low (" + std::to_string(low)
                                    + ") must not be greater than high (" + std::to_string(high)
                                    + "); swap the bounds");
    return ThresholdPolicy(ThresholdDirection::WithinRange, low, high, nearMargin);
}

ThresholdState ThresholdPolicy::evaluate(double value) const
{
    if (!std::isfinite(value))
        return ThresholdState::Breach;

    switch (m_direction) {
    case ThresholdDirection::HigherIsBetter:
        if (value < m_low)
            return ThresholdState::Breach;
        return value < m_low + m_nearMargin ? ThresholdState::Near : ThresholdState::Ok;
    case ThresholdDirection::LowerIsBetter:
        if (value > m_low)
            return ThresholdState::Breach;
        return value > m_low - m_nearMargin ? ThresholdState::Near : ThresholdState::Ok;
    case ThresholdDirection::WithinRange:
        if (value < m_low || value > m_high)
            return ThresholdState::Breach;
        if (value < m_low + m_nearMargin || value > m_high - m_nearMargin)
            return ThresholdState::Near;
        return ThresholdState::Ok;
    case ThresholdDirection::Count:
        break;
    }
    return ThresholdState::Breach;
}

QString ThresholdPolicy::targetText(const QString &unit, int decimals) const
{
    switch (m_direction) {
    case ThresholdDirection::HigherIsBetter:
        return tr("≥ %1").arg(formatValue(m_low, decimals, unit));
    case ThresholdDirection::LowerIsBetter:
        return tr("≤ %1").arg(formatValue(m_low, decimals, unit));
    case ThresholdDirection::WithinRange:
        return tr("%1–%2", "range of values; the second value carries the unit")
            .arg(formatValue(m_low, decimals, QString()), formatValue(m_high, decimals, unit));
    case ThresholdDirection::Count:
        break;
    }
    return QString();
}

ThresholdPalette ThresholdPalette::light()
{
    ThresholdPalette palette;
    palette.m_ok = QColor(0x2e, 0x7d, 0x32);
    palette.m_near = QColor(0xa6, 0x5f, 0x00);
    palette.m_breach = QColor(0xc6, 0x28, 0x28);
    palette.m_neutral = QColor(0x15, 0x65, 0xc0);
    palette.m_dark = false;
    return palette;
}

ThresholdPalette ThresholdPalette::dark()
{
    ThresholdPalette palette;
    palette.m_ok = QColor(0x66, 0xbb, 0x6a);
    palette.m_near = QColor(0xff, 0xb7, 0x4d);
    palette.m_breach = QColor(0xef, 0x53, 0x50);
    palette.m_neutral = QColor(0x64, 0xb5, 0xf6);
    palette.m_dark = true;
    return palette;
}

ThresholdPalette ThresholdPalette::forPalette(const QPalette &palette)
{
    const bool darkWindow = palette.color(QPalette::Window).lightnessF() < 0.5;
    ThresholdPalette result = darkWindow ? dark() : light();
    const QColor highlight = palette.color(QPalette::Highlight);
    if (highlight.isValid())
        result.m_neutral = highlight;
    return result;
}

QColor ThresholdPalette::color(ThresholdState state) const
{
    switch (state) {
    case ThresholdState::Ok:
        return m_ok;
    case ThresholdState::Near:
        return m_near;
    case ThresholdState::Breach:
    case ThresholdState::Count:
        break;
    }
    return m_breach;
}

QString thresholdStateText(ThresholdState state)
{
    switch (state) {
    case ThresholdState::Ok:
        return QCoreApplication::translate("umg::ThresholdPolicy", "Pass");
    case ThresholdState::Near:
        return QCoreApplication::translate("umg::ThresholdPolicy", "Near target");
    case ThresholdState::Breach:
    case ThresholdState::Count:
        break;
    }
    return QCoreApplication::translate("umg::ThresholdPolicy", "Fail");
}

} // namespace umg
