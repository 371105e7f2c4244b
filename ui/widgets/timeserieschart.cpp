#include "widgets/timeserieschart.h"

#include "widgets/decimation.h"
#include "widgets/valueformat.h"
#include "widgets/widgetslog.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsEllipseItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace umg {

namespace {

constexpr qint64 kMsPerMinute = 60 * 1000;
constexpr qint64 kMsPerHour = 60 * kMsPerMinute;
constexpr qint64 kMsPerDay = 24 * kMsPerHour;
// Minimum horizontal space per time axis label, so that labels never overlap.
constexpr int kPixelsPerTimeTick = 110;

// Preferred number of value axis ticks. The nice range may use a few more.
constexpr int kValueTicks = 5;

struct NiceRange
{
    double low = 0.0;
    double high = 1.0;
    int tickCount = 2;
};

// Widens [low, high] to multiples of a step of 1, 2 or 5 times a power of
// ten, so that about `ticks` ticks fall on round values. Requires low < high.
NiceRange niceRange(double low, double high, int ticks)
{
    const double rough = (high - low) / double(ticks - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double residual = rough / magnitude;
    double step = 10.0 * magnitude;
    if (residual <= 1.0)
        step = magnitude;
    else if (residual <= 2.0)
        step = 2.0 * magnitude;
    else if (residual <= 5.0)
        step = 5.0 * magnitude;

    NiceRange range;
    range.low = std::floor(low / step) * step;
    range.high = std::ceil(high / step) * step;
    range.tickCount = std::max(2, int(std::lround((range.high - range.low) / step)) + 1);
    return range;
}

// Widest series name, in pixels, in the legend and in the tooltip, so that
// laying out a name costs the same however long the name is.
constexpr int kMaxLegendNameWidth = 240;
constexpr int kMaxTooltipNameWidth = 480;

void hideLegendMarkers(QChart *chart, QLineSeries *series)
{
    const QList<QLegendMarker *> markers = chart->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
}

} // namespace

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : QChartView(parent)
{
    m_chart = new QChart;
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->hide();

    m_timeAxis = new QDateTimeAxis;
    m_valueAxis = new QValueAxis;
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    for (QLineSeries **target : {&m_targetLow, &m_targetHigh}) {
        *target = new QLineSeries;
        m_chart->addSeries(*target);
        (*target)->attachAxis(m_timeAxis);
        (*target)->attachAxis(m_valueAxis);
        (*target)->setVisible(false);
        hideLegendMarkers(m_chart, *target);
    }

    m_hoverMarker = new QGraphicsEllipseItem(-4.0, -4.0, 8.0, 8.0, m_chart);
    m_hoverMarker->setZValue(100.0);
    m_hoverMarker->hide();

    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setMinimumSize(200, 120);

    connect(m_chart, &QChart::plotAreaChanged, this, &TimeSeriesChart::onPlotAreaChanged);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_fromMs = now - kMsPerHour;
    m_toMs = now;
    applyPalette();
    updateTimeAxis();
    updateValueAxis();
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::setSeries(const QList<TimeSeries> &series)
{
    if (series == m_series)
        return;

    m_series = series;
    for (TimeSeries &entry : m_series) {
        const qsizetype received = entry.points.size();
        entry.points = finiteSortedPoints(entry.points);
        if (entry.points.size() != received)
            qCDebug(lcWidgets) << "TimeSeriesChart: series" << entry.name << "dropped"
                               << received - entry.points.size() << "points with a NaN or infinite coordinate";
    }

    syncLineCount(m_series.size());
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QLineSeries *line = m_lines[i];
        line->setName(fontMetrics().elidedText(m_series[i].name, Qt::ElideRight, kMaxLegendNameWidth));
        QPen pen = line->pen();
        pen.setColor(m_series[i].color.isValid() ? m_series[i].color : m_themeColors[i]);
        pen.setWidthF(1.5);
        line->setPen(pen);
    }
    m_chart->legend()->setVisible(m_series.size() > 1);

    if (!m_timeRangeSet) {
        double first = std::numeric_limits<double>::infinity();
        double last = -std::numeric_limits<double>::infinity();
        for (const TimeSeries &entry : std::as_const(m_series)) {
            if (entry.points.isEmpty())
                continue;
            first = std::min(first, entry.points.first().x());
            last = std::max(last, entry.points.last().x());
        }
        if (first < last) {
            m_fromMs = qint64(std::floor(first));
            m_toMs = qint64(std::ceil(last));
            updateTimeAxis();
            updateTargetLines();
        }
    }
    redraw();
}

void TimeSeriesChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (fromMs >= toMs) {
        qCWarning(lcWidgets) << "TimeSeriesChart: ignored time range" << fromMs << "to" << toMs
                             << "because the start must be before the end";
        return;
    }
    m_timeRangeSet = true;
    if (fromMs == m_fromMs && toMs == m_toMs)
        return;
    m_fromMs = fromMs;
    m_toMs = toMs;
    updateTimeAxis();
    updateTargetLines();
    redraw();
}

void TimeSeriesChart::setThresholdPolicy(const ThresholdPolicy &policy)
{
    if (m_policy == policy)
        return;
    m_policy = policy;
    updateTargetLines();
    updateValueAxis();
}

void TimeSeriesChart::clearThresholdPolicy()
{
    if (!m_policy)
        return;
    m_policy.reset();
    updateTargetLines();
    updateValueAxis();
}

void TimeSeriesChart::setUnit(const QString &unit)
{
    if (unit == m_unit)
        return;
    m_unit = unit;
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setTitleVisible(!unit.isEmpty());
}

void TimeSeriesChart::setDecimals(int decimals)
{
    m_decimals = std::clamp(decimals, 0, 10);
}

void TimeSeriesChart::setValueRange(double minimum, double maximum)
{
    if (!(minimum < maximum) || !std::isfinite(minimum) || !std::isfinite(maximum)) {
        qCWarning(lcWidgets) << "TimeSeriesChart: ignored value range" << minimum << "to" << maximum
                             << "because the minimum must be less than the maximum";
        return;
    }
    m_autoValueRange = false;
    m_valueMin = minimum;
    m_valueMax = maximum;
    updateValueAxis();
}

void TimeSeriesChart::setAutoValueRange()
{
    m_autoValueRange = true;
    updateValueAxis();
}

qsizetype TimeSeriesChart::drawnPointCount() const
{
    qsizetype count = 0;
    for (const QLineSeries *line : m_lines)
        count += line->count();
    return count;
}

void TimeSeriesChart::syncLineCount(qsizetype count)
{
    while (m_lines.size() < count) {
        auto *line = new QLineSeries;
        m_chart->addSeries(line);
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        // The theme picks the colour when the series is added; keep it for
        // series that bring no colour of their own.
        m_themeColors.append(line->color());
        m_lines.append(line);
    }
    while (m_lines.size() > count) {
        QLineSeries *line = m_lines.takeLast();
        m_themeColors.removeLast();
        m_chart->removeSeries(line);
        delete line;
    }
}

void TimeSeriesChart::redraw()
{
    // Setting the value axis range can change the width of its labels and so
    // the plot width, which QChart reports through plotAreaChanged before
    // setRange() returns. onPlotAreaChanged() ignores that nested signal, and
    // the loop checks the width again. The value range depends only on the
    // data, so the second pass settles it.
    m_redrawing = true;
    for (int pass = 0; pass < 2; ++pass) {
        m_columns = plotColumns();
        for (qsizetype i = 0; i < m_series.size(); ++i)
            m_lines[i]->replace(decimateMinMax(m_series[i].points, double(m_fromMs), double(m_toMs), m_columns));
        updateValueAxis();
        if (plotColumns() == m_columns)
            break;
    }
    m_redrawing = false;
    hideHover();
}

int TimeSeriesChart::plotColumns() const
{
    return std::max(1, int(m_chart->plotArea().width()));
}

void TimeSeriesChart::updateTimeAxis()
{
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));

    const qint64 span = m_toMs - m_fromMs;
    if (span <= 15 * kMsPerMinute)
        m_timeAxis->setFormat(tr("HH:mm:ss", "time axis format for spans up to 15 minutes"));
    else if (span <= 2 * kMsPerDay)
        m_timeAxis->setFormat(tr("HH:mm", "time axis format for spans up to 2 days"));
    else
        m_timeAxis->setFormat(tr("MMM d HH:mm", "time axis format for spans over 2 days"));

    const int width = int(m_chart->plotArea().width());
    m_timeAxis->setTickCount(std::clamp(width / kPixelsPerTimeTick + 1, 2, 10));
}

void TimeSeriesChart::updateTargetLines()
{
    m_targetLow->setVisible(m_policy.has_value());
    m_targetHigh->setVisible(m_policy && m_policy->direction() == ThresholdDirection::WithinRange);
    // Showing a series shows its legend marker again, and the target lines
    // need none.
    hideLegendMarkers(m_chart, m_targetLow);
    hideLegendMarkers(m_chart, m_targetHigh);
    if (!m_policy)
        return;

    const double from = double(m_fromMs);
    const double to = double(m_toMs);
    m_targetLow->replace({QPointF(from, m_policy->low()), QPointF(to, m_policy->low())});
    m_targetHigh->replace({QPointF(from, m_policy->high()), QPointF(to, m_policy->high())});
}

void TimeSeriesChart::updateValueAxis()
{
    if (!m_autoValueRange) {
        m_valueAxis->setRange(m_valueMin, m_valueMax);
        return;
    }

    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const QLineSeries *line : std::as_const(m_lines)) {
        // The decimated points contain every column's extremes, so their
        // range equals the range of the raw samples in view.
        const QList<QPointF> points = line->points();
        for (const QPointF &point : points) {
            if (point.x() < m_fromMs || point.x() > m_toMs)
                continue;
            low = std::min(low, point.y());
            high = std::max(high, point.y());
        }
    }
    if (m_policy) {
        low = std::min(low, m_policy->low());
        high = std::max(high, m_policy->high());
    }
    if (!(low <= high)) {
        low = 0.0;
        high = 1.0;
    } else if (low == high) {
        const double pad = low == 0.0 ? 1.0 : std::abs(low) * 0.1;
        low -= pad;
        high += pad;
    }

    // QValueAxis::applyNiceNumbers() would set the range twice, and the first
    // range can change the plot width and start another redraw, so the nice
    // range is computed here and set once.
    const NiceRange nice = niceRange(low, high, kValueTicks);
    m_valueAxis->setRange(nice.low, nice.high);
    m_valueAxis->setTickCount(nice.tickCount);
}

void TimeSeriesChart::applyPalette()
{
    const QPalette colors = palette();
    const QColor text = colors.color(QPalette::Text);
    QColor grid = colors.color(QPalette::Mid);
    grid.setAlphaF(0.5f);

    setBackgroundBrush(colors.brush(QPalette::Base));
    m_chart->setBackgroundBrush(colors.brush(QPalette::Base));
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(colors.color(QPalette::Mid));
        axis->setGridLineColor(grid);
    }

    QPen targetPen(colors.color(QPalette::PlaceholderText), 1.5, Qt::DashLine);
    m_targetLow->setPen(targetPen);
    m_targetHigh->setPen(targetPen);
    m_hoverMarker->setPen(QPen(text, 1.5));
}

void TimeSeriesChart::onPlotAreaChanged()
{
    if (m_redrawing || plotColumns() == m_columns)
        return;
    updateTimeAxis();
    redraw();
}

std::optional<HoveredSample> TimeSeriesChart::sampleAt(const QPoint &pos) const
{
    const QPointF chartPos = m_chart->mapFromScene(mapToScene(pos));
    if (!m_chart->plotArea().contains(chartPos) || m_lines.isEmpty())
        return std::nullopt;

    const double time = m_chart->mapToValue(chartPos, m_lines.first()).x();
    std::optional<HoveredSample> best;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        const QList<QPointF> &points = m_series[i].points;
        const qsizetype index = nearestPointIndex(points, time);
        if (index < 0)
            continue;
        const QPointF &sample = points[index];
        if (sample.x() < m_fromMs || sample.x() > m_toMs)
            continue;

        const QPointF drawn = m_chart->mapToPosition(sample, m_lines[i]);
        const double distance = std::hypot(drawn.x() - chartPos.x(), drawn.y() - chartPos.y());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = HoveredSample{i, m_series[i].name, qint64(sample.x()), sample.y(), index};
        }
    }
    return best;
}

QString TimeSeriesChart::tooltipText(const HoveredSample &sample) const
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(sample.timeMs);
    const QString timeText = sample.timeMs % 1000 == 0
        ? QLocale().toString(time, tr("yyyy-MM-dd HH:mm:ss", "hover tooltip time format"))
        : QLocale().toString(time, tr("yyyy-MM-dd HH:mm:ss.zzz", "hover tooltip time format with milliseconds"));
    return QStringLiteral("<b>%1</b><br>%2<br>%3")
        .arg(fontMetrics().elidedText(sample.seriesName, Qt::ElideRight, kMaxTooltipNameWidth).toHtmlEscaped(),
             timeText.toHtmlEscaped(),
             formatValue(sample.value, m_decimals, m_unit).toHtmlEscaped());
}

void TimeSeriesChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);

    const std::optional<HoveredSample> sample = sampleAt(event->position().toPoint());
    if (!sample) {
        hideHover();
        return;
    }

    QLineSeries *line = m_lines[sample->seriesIndex];
    m_hoverMarker->setPos(m_chart->mapToPosition(QPointF(double(sample->timeMs), sample->value), line));
    m_hoverMarker->setBrush(line->pen().color());
    m_hoverMarker->show();
    QToolTip::showText(event->globalPosition().toPoint(), tooltipText(*sample), this);
}

void TimeSeriesChart::leaveEvent(QEvent *event)
{
    hideHover();
    QChartView::leaveEvent(event);
}

void TimeSeriesChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}

void TimeSeriesChart::hideHover()
{
    m_hoverMarker->hide();
    if (QToolTip::isVisible() && underMouse())
        QToolTip::hideText();
}

} // namespace umg
