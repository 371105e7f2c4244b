#include "widgets/barchartwidget.h"

#include "widgets/valueformat.h"
#include "widgets/widgetslog.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace umg {

namespace {

constexpr double kMargin = 4.0;
constexpr double kLabelGap = 6.0;
constexpr double kMaxThickness = 40.0;

} // namespace

BarChartWidget::BarChartWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void BarChartWidget::setBars(const QList<BarEntry> &bars)
{
    if (bars == m_bars)
        return;
    m_bars = bars;
    update();
}

void BarChartWidget::setOrientation(Qt::Orientation orientation)
{
    if (orientation == m_orientation)
        return;
    m_orientation = orientation;
    update();
}

void BarChartWidget::setThresholdPolicy(const ThresholdPolicy &policy)
{
    if (m_policy == policy)
        return;
    m_policy = policy;
    update();
}

void BarChartWidget::clearThresholdPolicy()
{
    if (!m_policy)
        return;
    m_policy.reset();
    update();
}

void BarChartWidget::setUnit(const QString &unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    update();
}

void BarChartWidget::setDecimals(int decimals)
{
    decimals = std::clamp(decimals, 0, 10);
    if (decimals == m_decimals)
        return;
    m_decimals = decimals;
    update();
}

void BarChartWidget::setValueRange(double minimum, double maximum)
{
    if (!(minimum < maximum) || !std::isfinite(minimum) || !std::isfinite(maximum)) {
        qCWarning(lcWidgets) << "BarChartWidget: ignored value range" << minimum << "to" << maximum
                             << "because the minimum must be less than the maximum";
        return;
    }
    m_autoValueRange = false;
    m_valueMin = minimum;
    m_valueMax = maximum;
    update();
}

void BarChartWidget::setAutoValueRange()
{
    if (m_autoValueRange)
        return;
    m_autoValueRange = true;
    update();
}

QColor BarChartWidget::barColor(qsizetype index) const
{
    const ThresholdPalette colors = ThresholdPalette::forPalette(palette());
    if (!m_policy || index < 0 || index >= m_bars.size())
        return colors.neutral();
    return colors.color(m_policy->evaluate(m_bars[index].value));
}

QSize BarChartWidget::sizeHint() const
{
    const int count = int(std::max<qsizetype>(m_bars.size(), 3));
    if (m_orientation == Qt::Horizontal)
        return QSize(320, std::min(600, 24 + count * 28));
    return QSize(std::min(800, 40 + count * 48), 220);
}

QSize BarChartWidget::minimumSizeHint() const
{
    return QSize(120, 80);
}

BarChartWidget::Geometry BarChartWidget::computeGeometry() const
{
    Geometry geometry;
    if (m_autoValueRange) {
        geometry.low = 0.0;
        geometry.high = 0.0;
        for (const BarEntry &bar : m_bars) {
            if (!std::isfinite(bar.value))
                continue;
            geometry.low = std::min(geometry.low, bar.value);
            geometry.high = std::max(geometry.high, bar.value);
        }
        if (m_policy) {
            geometry.low = std::min(geometry.low, m_policy->low());
            geometry.high = std::max(geometry.high, m_policy->high());
        }
        if (geometry.high == geometry.low)
            geometry.high = geometry.low + 1.0;
    } else {
        geometry.low = m_valueMin;
        geometry.high = m_valueMax;
    }

    const QFontMetricsF metrics(font());
    double valueLabelWidth = 0.0;
    double categoryLabelWidth = 0.0;
    for (const BarEntry &bar : m_bars) {
        valueLabelWidth = std::max(valueLabelWidth, metrics.horizontalAdvance(formatValue(bar.value, m_decimals, m_unit)));
        categoryLabelWidth = std::max(categoryLabelWidth, metrics.horizontalAdvance(bar.category));
    }

    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const qsizetype count = std::max<qsizetype>(m_bars.size(), 1);
    if (m_orientation == Qt::Horizontal) {
        const double labelColumn = std::min(categoryLabelWidth + kLabelGap, area.width() * 0.4);
        const double valueColumn = std::min(valueLabelWidth + kLabelGap, area.width() * 0.25);
        geometry.plot = QRectF(area.left() + labelColumn, area.top(),
                               std::max(1.0, area.width() - labelColumn - valueColumn), area.height());
        geometry.slot = geometry.plot.height() / double(count);
    } else {
        const double lineHeight = metrics.height() + 2.0;
        geometry.plot = QRectF(area.left(), area.top() + lineHeight, area.width(),
                               std::max(1.0, area.height() - 2.0 * lineHeight));
        geometry.slot = geometry.plot.width() / double(count);
    }
    geometry.thickness = std::min(geometry.slot * 0.7, kMaxThickness);
    return geometry;
}

double BarChartWidget::valueToPixel(const Geometry &geometry, double value) const
{
    const double fraction = std::clamp((value - geometry.low) / (geometry.high - geometry.low), 0.0, 1.0);
    if (m_orientation == Qt::Horizontal)
        return geometry.plot.left() + fraction * geometry.plot.width();
    return geometry.plot.bottom() - fraction * geometry.plot.height();
}

QRectF BarChartWidget::slotRect(const Geometry &geometry, qsizetype index) const
{
    if (m_orientation == Qt::Horizontal)
        return QRectF(rect().left(), geometry.plot.top() + index * geometry.slot, width(), geometry.slot);
    return QRectF(geometry.plot.left() + index * geometry.slot, rect().top(), geometry.slot, height());
}

QRectF BarChartWidget::barRect(const Geometry &geometry, qsizetype index) const
{
    if (index < 0 || index >= m_bars.size() || !std::isfinite(m_bars[index].value))
        return QRectF();

    const double base = valueToPixel(geometry, std::clamp(0.0, geometry.low, geometry.high));
    const double end = valueToPixel(geometry, m_bars[index].value);
    const double centre = (m_orientation == Qt::Horizontal ? geometry.plot.top() : geometry.plot.left())
        + (double(index) + 0.5) * geometry.slot;
    const double start = centre - geometry.thickness / 2.0;
    if (m_orientation == Qt::Horizontal)
        return QRectF(QPointF(std::min(base, end), start), QPointF(std::max(base, end), start + geometry.thickness));
    return QRectF(QPointF(start, std::min(base, end)), QPointF(start + geometry.thickness, std::max(base, end)));
}

QRectF BarChartWidget::barRect(qsizetype index) const
{
    return barRect(computeGeometry(), index);
}

void BarChartWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    if (m_bars.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No data"));
        return;
    }

    const Geometry geometry = computeGeometry();
    for (qsizetype i = 0; i < m_bars.size(); ++i) {
        const QRectF bar = barRect(geometry, i);
        if (!bar.isEmpty())
            painter.fillRect(bar, barColor(i));
    }
    paintTarget(painter, geometry);
    paintLabels(painter, geometry);
}

void BarChartWidget::paintTarget(QPainter &painter, const Geometry &geometry) const
{
    if (!m_policy)
        return;

    const double low = valueToPixel(geometry, m_policy->low());
    const double high = valueToPixel(geometry, m_policy->high());
    const bool horizontal = m_orientation == Qt::Horizontal;
    if (m_policy->direction() == ThresholdDirection::WithinRange) {
        QColor band = ThresholdPalette::forPalette(palette()).color(ThresholdState::Ok);
        band.setAlphaF(0.12f);
        const QRectF bandRect = horizontal
            ? QRectF(QPointF(low, geometry.plot.top()), QPointF(high, geometry.plot.bottom()))
            : QRectF(QPointF(geometry.plot.left(), high), QPointF(geometry.plot.right(), low));
        painter.fillRect(bandRect.normalized(), band);
    }

    painter.setPen(QPen(palette().color(QPalette::WindowText), 1.5, Qt::DashLine));
    QList<double> positions{low};
    if (m_policy->direction() == ThresholdDirection::WithinRange)
        positions.append(high);
    for (double position : positions) {
        if (horizontal)
            painter.drawLine(QPointF(position, geometry.plot.top()), QPointF(position, geometry.plot.bottom()));
        else
            painter.drawLine(QPointF(geometry.plot.left(), position), QPointF(geometry.plot.right(), position));
    }
}

void BarChartWidget::paintLabels(QPainter &painter, const Geometry &geometry) const
{
    const QFontMetricsF metrics(font());
    painter.setPen(palette().color(QPalette::WindowText));
    for (qsizetype i = 0; i < m_bars.size(); ++i) {
        const QString value = formatValue(m_bars[i].value, m_decimals, m_unit);
        const QRectF slot = slotRect(geometry, i);
        const QRectF bar = barRect(geometry, i);
        const double base = valueToPixel(geometry, std::clamp(0.0, geometry.low, geometry.high));

        if (m_orientation == Qt::Horizontal) {
            const QRectF labelRect(kMargin, slot.top(), geometry.plot.left() - kMargin - kLabelGap, slot.height());
            painter.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
                             metrics.elidedText(m_bars[i].category, Qt::ElideRight, labelRect.width()));
            const double valueLeft = (bar.isEmpty() ? base : bar.right()) + kLabelGap;
            painter.drawText(QRectF(valueLeft, slot.top(), width() - valueLeft, slot.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, value);
        } else {
            const QRectF labelRect(slot.left(), geometry.plot.bottom() + 2.0, slot.width(), metrics.height());
            painter.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop,
                             metrics.elidedText(m_bars[i].category, Qt::ElideRight, slot.width()));
            const double valueBottom = bar.isEmpty() ? base : bar.top();
            const QRectF valueRect(slot.left(), valueBottom - metrics.height() - 2.0, slot.width(), metrics.height());
            painter.drawText(valueRect, Qt::AlignHCenter | Qt::AlignBottom,
                             metrics.elidedText(value, Qt::ElideRight, slot.width()));
        }
    }
}

bool BarChartWidget::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);

    auto *help = static_cast<QHelpEvent *>(event);
    const Geometry geometry = computeGeometry();
    for (qsizetype i = 0; i < m_bars.size(); ++i) {
        if (!slotRect(geometry, i).contains(help->pos()))
            continue;
        QString text = tr("%1: %2").arg(m_bars[i].category, formatValue(m_bars[i].value, m_decimals, m_unit));
        if (m_policy) {
            text += QLatin1Char('\n')
                + tr("Target %1 (%2)")
                      .arg(m_policy->targetText(m_unit, m_decimals),
                           thresholdStateText(m_policy->evaluate(m_bars[i].value)));
        }
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

} // namespace umg
