#include "widgets/statwidget.h"

#include "widgets/decimation.h"
#include "widgets/valueformat.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace umg {

StatWidget::StatWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void StatWidget::setValue(double value)
{
    if (value == m_value)
        return;
    m_value = value;
    setAccessibleDescription(formatValue(m_value, m_decimals, m_unit));
    update();
}

void StatWidget::setHistory(const QList<double> &history)
{
    if (history == m_history)
        return;
    m_history = history;
    update();
}

void StatWidget::setUnit(const QString &unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    setAccessibleDescription(formatValue(m_value, m_decimals, m_unit));
    update();
}

void StatWidget::setDecimals(int decimals)
{
    decimals = std::clamp(decimals, 0, 10);
    if (decimals == m_decimals)
        return;
    m_decimals = decimals;
    setAccessibleDescription(formatValue(m_value, m_decimals, m_unit));
    update();
}

void StatWidget::setThresholdPolicy(const ThresholdPolicy &policy)
{
    if (m_policy == policy)
        return;
    m_policy = policy;
    update();
}

void StatWidget::clearThresholdPolicy()
{
    if (!m_policy)
        return;
    m_policy.reset();
    update();
}

QColor StatWidget::valueColor() const
{
    const ThresholdPalette colors = ThresholdPalette::forPalette(palette());
    return m_policy ? colors.color(m_policy->evaluate(m_value)) : colors.neutral();
}

QSize StatWidget::sizeHint() const
{
    return QSize(200, 120);
}

QSize StatWidget::minimumSizeHint() const
{
    return QSize(80, 50);
}

void StatWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    const QRectF area = QRectF(rect()).adjusted(4, 4, -4, -4);
    const QColor color = valueColor();

    // The number takes the upper 55 % and the sparkline the rest.
    const QRectF numberArea(area.left(), area.top(), area.width(), area.height() * 0.55);
    const QRectF sparkArea(area.left(), numberArea.bottom() + 4, area.width(),
                           area.bottom() - numberArea.bottom() - 4);

    QFont numberFont = font();
    numberFont.setBold(true);
    numberFont.setPixelSize(std::max(10, int(numberArea.height() * 0.8)));
    const QString text = formatValue(m_value, m_decimals, m_unit);
    // Shrink the font until the text fits, so that wide numbers are never cut.
    while (numberFont.pixelSize() > 10
           && QFontMetrics(numberFont).horizontalAdvance(text) > numberArea.width()) {
        numberFont.setPixelSize(numberFont.pixelSize() - 2);
    }
    painter.setFont(numberFont);
    painter.setPen(color);
    painter.drawText(numberArea, Qt::AlignCenter, text);

    if (sparkArea.height() > 4)
        paintSparkline(painter, sparkArea, color);
}

void StatWidget::paintSparkline(QPainter &painter, const QRectF &area, const QColor &color) const
{
    QList<QPointF> points;
    points.reserve(m_history.size());
    for (qsizetype i = 0; i < m_history.size(); ++i) {
        if (std::isfinite(m_history[i]))
            points.append(QPointF(double(i), m_history[i]));
    }
    if (points.isEmpty())
        return;

    const int columns = std::max(1, int(area.width()));
    if (points.size() > 4 * columns)
        points = decimateMinMax(points, 0.0, double(m_history.size() - 1), columns);

    double low = points.first().y();
    double high = low;
    for (const QPointF &point : std::as_const(points)) {
        low = std::min(low, point.y());
        high = std::max(high, point.y());
    }
    if (m_policy) {
        low = std::min(low, m_policy->low());
        high = std::max(high, m_policy->high());
    }
    if (high == low) {
        high += 0.5;
        low -= 0.5;
    }

    const double lastIndex = std::max(1.0, double(m_history.size() - 1));
    auto map = [&](double index, double value) {
        return QPointF(area.left() + index / lastIndex * area.width(),
                       area.bottom() - (value - low) / (high - low) * area.height());
    };

    QPainterPath line;
    line.moveTo(map(points.first().x(), points.first().y()));
    for (qsizetype i = 1; i < points.size(); ++i)
        line.lineTo(map(points[i].x(), points[i].y()));

    QPainterPath fill = line;
    fill.lineTo(map(points.last().x(), low));
    fill.lineTo(map(points.first().x(), low));
    fill.closeSubpath();
    QColor fillColor = color;
    fillColor.setAlphaF(0.15f);
    painter.fillPath(fill, fillColor);

    painter.setPen(QPen(color, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(line);

    if (m_policy) {
        QPen targetPen(palette().color(QPalette::PlaceholderText), 1.0, Qt::DashLine);
        painter.setPen(targetPen);
        QList<double> targets{m_policy->low()};
        if (m_policy->direction() == ThresholdDirection::WithinRange)
            targets.append(m_policy->high());
        for (double target : targets) {
            const double y = map(0.0, target).y();
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        }
    }
}

} // namespace umg
