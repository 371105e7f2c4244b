#include "widgets/funnelwidget.h"

#include "widgets/thresholdpolicy.h"
#include "widgets/valueformat.h"

#include <QPainter>
#include <QPolygonF>

#include <algorithm>

namespace umg {

namespace {

constexpr double kMargin = 4.0;
constexpr double kGap = 8.0;

qint64 nonNegative(qint64 count)
{
    return std::max<qint64>(count, 0);
}

} // namespace

QList<FunnelConversion> funnelConversions(const QList<FunnelStage> &stages)
{
    QList<FunnelConversion> conversions;
    conversions.reserve(stages.size());
    if (stages.isEmpty())
        return conversions;

    const qint64 first = nonNegative(stages.first().count);
    for (qsizetype i = 0; i < stages.size(); ++i) {
        const qint64 count = nonNegative(stages[i].count);
        FunnelConversion conversion;
        if (i == 0) {
            conversion.fromPrevious = 1.0;
        } else if (const qint64 previous = nonNegative(stages[i - 1].count); previous > 0) {
            conversion.fromPrevious = double(count) / double(previous);
        }
        if (first > 0)
            conversion.fromFirst = double(count) / double(first);
        conversions.append(conversion);
    }
    return conversions;
}

FunnelWidget::FunnelWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FunnelWidget::setStages(const QList<FunnelStage> &stages)
{
    if (stages == m_stages)
        return;
    m_stages = stages;
    m_conversions = funnelConversions(stages);
    update();
}

QSize FunnelWidget::sizeHint() const
{
    return QSize(420, int(24 + std::max<qsizetype>(m_stages.size(), 4) * 44));
}

QSize FunnelWidget::minimumSizeHint() const
{
    return QSize(200, 100);
}

QString FunnelWidget::conversionText(qsizetype index) const
{
    if (index == 0)
        return QString();
    const FunnelConversion &conversion = m_conversions[index];
    return tr("%1 of previous\n%2 of first")
        .arg(formatPercent(conversion.fromPrevious), formatPercent(conversion.fromFirst));
}

FunnelWidget::Geometry FunnelWidget::computeGeometry() const
{
    Geometry geometry;
    const QFontMetricsF metrics(font());
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);

    double conversionWidth = 0.0;
    for (qsizetype i = 0; i < m_stages.size(); ++i) {
        geometry.nameWidth = std::max(geometry.nameWidth, metrics.horizontalAdvance(m_stages[i].name));
        for (const QString &line : conversionText(i).split(QLatin1Char('\n')))
            conversionWidth = std::max(conversionWidth, metrics.horizontalAdvance(line));
        geometry.largest = std::max(geometry.largest, nonNegative(m_stages[i].count));
    }
    geometry.nameWidth = std::min(geometry.nameWidth, area.width() * 0.25);
    conversionWidth = std::min(conversionWidth, area.width() * 0.3);

    const double left = area.left() + geometry.nameWidth + kGap;
    const double right = area.right() - conversionWidth - kGap;
    geometry.bars = QRectF(left, area.top(), std::max(1.0, right - left), area.height());
    geometry.rowHeight = area.height() / double(std::max<qsizetype>(m_stages.size(), 1));
    geometry.barHeight = geometry.rowHeight * 0.65;
    return geometry;
}

QRectF FunnelWidget::stageRect(const Geometry &geometry, qsizetype index) const
{
    if (index < 0 || index >= m_stages.size() || geometry.largest <= 0)
        return QRectF();
    const qint64 count = nonNegative(m_stages[index].count);
    if (count == 0)
        return QRectF();

    // Every non-empty stage stays at least 2 px wide so that it remains visible.
    const double barWidth = std::max(2.0, geometry.bars.width() * double(count) / double(geometry.largest));
    const double top = geometry.bars.top() + index * geometry.rowHeight + (geometry.rowHeight - geometry.barHeight) / 2.0;
    return QRectF(geometry.bars.center().x() - barWidth / 2.0, top, barWidth, geometry.barHeight);
}

QRectF FunnelWidget::stageRect(qsizetype index) const
{
    return stageRect(computeGeometry(), index);
}

void FunnelWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);

    if (m_stages.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No data"));
        return;
    }

    const Geometry geometry = computeGeometry();
    const QColor barColor = ThresholdPalette::forPalette(palette()).neutral();
    QColor joinColor = barColor;
    joinColor.setAlphaF(0.25f);
    const QFontMetricsF metrics(font());

    for (qsizetype i = 0; i < m_stages.size(); ++i) {
        const QRectF bar = stageRect(geometry, i);
        const QRectF row(kMargin, geometry.bars.top() + i * geometry.rowHeight, width() - 2 * kMargin,
                         geometry.rowHeight);

        // A band from this bar to the next one draws the narrowing funnel.
        const QRectF next = stageRect(geometry, i + 1);
        if (!bar.isEmpty() && !next.isEmpty()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(joinColor);
            painter.drawPolygon(QPolygonF({bar.bottomLeft(), bar.bottomRight(), next.topRight(), next.topLeft()}));
        }
        if (!bar.isEmpty())
            painter.fillRect(bar, barColor);

        painter.setPen(palette().color(QPalette::WindowText));
        const QRectF nameRect(row.left(), row.top(), geometry.nameWidth, row.height());
        painter.drawText(nameRect, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(m_stages[i].name, Qt::ElideRight, nameRect.width()));

        // The count goes inside the bar when it fits and beside it otherwise.
        const QString count = formatCount(m_stages[i].count);
        const double countWidth = metrics.horizontalAdvance(count) + 8.0;
        if (bar.width() >= countWidth) {
            painter.setPen(palette().color(QPalette::HighlightedText));
            painter.drawText(bar, Qt::AlignCenter, count);
        } else {
            const double left = bar.isEmpty() ? geometry.bars.center().x() : bar.right() + 4.0;
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QRectF(left, row.top(), countWidth, row.height()), Qt::AlignLeft | Qt::AlignVCenter, count);
        }

        const QString conversion = conversionText(i);
        if (!conversion.isEmpty()) {
            painter.setPen(palette().color(QPalette::PlaceholderText));
            const QRectF conversionRect(geometry.bars.right() + kGap, row.top(),
                                        row.right() - geometry.bars.right() - kGap, row.height());
            painter.drawText(conversionRect, Qt::AlignLeft | Qt::AlignVCenter, conversion);
        }
    }
}

} // namespace umg
