#include "widgets/gaugewidget.h"

#include "widgets/valueformat.h"
#include "widgets/widgetslog.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace umg {

namespace {

// The arc opens downwards: it starts at 210° (lower left) and runs 240°
// clockwise to -30° (lower right). Qt measures angles counter-clockwise
// from 3 o'clock.
constexpr double kStartAngle = 210.0;
constexpr double kSpanAngle = 240.0;

QPointF pointOnCircle(const QPointF &center, double radius, double angleDegrees)
{
    const double radians = qDegreesToRadians(angleDegrees);
    return center + QPointF(radius * std::cos(radians), -radius * std::sin(radians));
}

} // namespace

GaugeWidget::GaugeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    updateAccessibleText();
}

void GaugeWidget::setRange(double minimum, double maximum)
{
    if (!(minimum < maximum) || !std::isfinite(minimum) || !std::isfinite(maximum)) {
        qCWarning(lcWidgets) << "GaugeWidget: ignored range" << minimum << "to" << maximum
                             << "because the minimum must be less than the maximum";
        return;
    }
    if (minimum == m_minimum && maximum == m_maximum)
        return;
    m_minimum = minimum;
    m_maximum = maximum;
    update();
}

void GaugeWidget::setValue(double value)
{
    if (value == m_value)
        return;
    m_value = value;
    updateAccessibleText();
    update();
}

void GaugeWidget::setUnit(const QString &unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    updateAccessibleText();
    update();
}

void GaugeWidget::setDecimals(int decimals)
{
    decimals = std::clamp(decimals, 0, 10);
    if (decimals == m_decimals)
        return;
    m_decimals = decimals;
    updateAccessibleText();
    update();
}

void GaugeWidget::setThresholdPolicy(const ThresholdPolicy &policy)
{
    if (m_policy == policy)
        return;
    m_policy = policy;
    update();
}

void GaugeWidget::clearThresholdPolicy()
{
    if (!m_policy)
        return;
    m_policy.reset();
    update();
}

QColor GaugeWidget::valueColor() const
{
    const ThresholdPalette colors = ThresholdPalette::forPalette(palette());
    return m_policy ? colors.color(m_policy->evaluate(m_value)) : colors.neutral();
}

QSize GaugeWidget::sizeHint() const
{
    return QSize(200, 170);
}

QSize GaugeWidget::minimumSizeHint() const
{
    return QSize(100, 90);
}

double GaugeWidget::angleFor(double value) const
{
    const double fraction = std::clamp((value - m_minimum) / (m_maximum - m_minimum), 0.0, 1.0);
    return kStartAngle - fraction * kSpanAngle;
}

void GaugeWidget::updateAccessibleText()
{
    setAccessibleDescription(formatValue(m_value, m_decimals, m_unit));
}

void GaugeWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    // The arc's bounding square is as wide as the widget allows, and its
    // height is trimmed because the open bottom needs only about 80 % of it.
    const QRectF area = QRectF(rect()).adjusted(6, 6, -6, -6);
    const double side = std::min(area.width(), area.height() / 0.82);
    if (side <= 10.0)
        return;
    const double thickness = std::max(4.0, side * 0.09);
    const QRectF square(area.center().x() - side / 2.0, area.top(), side, side);
    const QRectF arcRect = square.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2);
    const QPointF center = arcRect.center();
    const double radius = arcRect.width() / 2.0;

    QPen trackPen(palette().color(QPalette::Mid), thickness, Qt::SolidLine, Qt::FlatCap);
    painter.setPen(trackPen);
    painter.drawArc(arcRect, int(kStartAngle * 16), int(-kSpanAngle * 16));

    const QColor color = valueColor();
    if (std::isfinite(m_value)) {
        const double span = angleFor(m_value) - kStartAngle;
        QPen valuePen(color, thickness, Qt::SolidLine, Qt::FlatCap);
        painter.setPen(valuePen);
        painter.drawArc(arcRect, int(kStartAngle * 16), int(span * 16));
    }

    if (m_policy) {
        QPen markerPen(palette().color(QPalette::WindowText), std::max(2.0, thickness / 4.0));
        markerPen.setCapStyle(Qt::FlatCap);
        painter.setPen(markerPen);
        QList<double> targets{m_policy->low()};
        if (m_policy->direction() == ThresholdDirection::WithinRange)
            targets.append(m_policy->high());
        for (double target : targets) {
            const double angle = angleFor(target);
            painter.drawLine(pointOnCircle(center, radius - thickness * 0.9, angle),
                             pointOnCircle(center, radius + thickness * 0.9, angle));
        }
    }

    QFont valueFont = font();
    valueFont.setPixelSize(std::max(10, int(side * 0.16)));
    valueFont.setBold(true);
    painter.setFont(valueFont);
    painter.setPen(color);
    const QRectF valueRect(center.x() - radius, center.y() - side * 0.14, 2 * radius, side * 0.2);
    const QString valueText = formatValue(m_value, m_decimals, m_unit);
    painter.drawText(valueRect, Qt::AlignCenter,
                     QFontMetrics(valueFont).elidedText(valueText, Qt::ElideRight, int(valueRect.width())));

    QFont labelFont = font();
    labelFont.setPixelSize(std::max(9, int(side * 0.07)));
    painter.setFont(labelFont);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QPointF minPoint = pointOnCircle(center, radius, kStartAngle);
    const QPointF maxPoint = pointOnCircle(center, radius, kStartAngle - kSpanAngle);
    const double labelHeight = QFontMetricsF(labelFont).height();
    const double labelWidth = radius;
    painter.drawText(QRectF(minPoint.x() - labelWidth / 2, minPoint.y() + thickness / 2, labelWidth, labelHeight),
                     Qt::AlignHCenter | Qt::AlignTop, formatValue(m_minimum, m_decimals, QString()));
    painter.drawText(QRectF(maxPoint.x() - labelWidth / 2, maxPoint.y() + thickness / 2, labelWidth, labelHeight),
                     Qt::AlignHCenter | Qt::AlignTop, formatValue(m_maximum, m_decimals, QString()));
}

} // namespace umg
