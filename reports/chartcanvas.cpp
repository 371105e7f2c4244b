#include "reports/chartcanvas.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace umg::reports {
namespace {

constexpr double kLabelSize = 7;       // axis labels, legend and bar values, in points
constexpr double kLineChartHeight = 170;
constexpr double kBarHeight = 15;
constexpr double kLegendRowHeight = 11;

const QColor kAxisColor(0x75, 0x75, 0x75);
const QColor kGridColor(0xe0, 0xe0, 0xe0);
const QColor kTextColor(0x21, 0x21, 0x21);
const QColor kTargetColor(0x42, 0x42, 0x42);

// Line colours that stay apart for colour-blind readers (the Okabe-Ito
// palette, with yellow darkened for contrast on white paper).
const std::array<QColor, 8> kSeriesColors = {
    QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
    QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00), QColor(0x55, 0x55, 0x55), QColor(0xb8, 0xa0, 0x00),
};

QColor seriesColor(qsizetype index)
{
    return kSeriesColors[size_t(index) % kSeriesColors.size()];
}

// A step of 1, 2 or 5 times a power of ten close to `roughStep`.
double niceStep(double roughStep)
{
    if (!(roughStep > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(roughStep)));
    const double fraction = roughStep / magnitude;
    if (fraction <= 1)
        return magnitude;
    if (fraction <= 2)
        return 2 * magnitude;
    if (fraction <= 5)
        return 5 * magnitude;
    return 10 * magnitude;
}

int decimalsForStep(double step)
{
    if (step >= 1)
        return 0;
    return std::min(6, int(std::ceil(-std::log10(step) - 1e-9)));
}

struct ValueRange
{
    double low = 0;
    double high = 1;

    double span() const { return high - low; }
};

// Expands [low, high] to the targets that lie near it, to zero for
// non-negative data, and to whole ticks.
ValueRange valueRange(const Chart &chart, double dataLow, double dataHigh, double *tickStep)
{
    ValueRange range{dataLow, dataHigh};
    if (chart.fixedScale) {
        range = {chart.minimum, chart.maximum};
    } else {
        const double span = std::max(dataHigh - dataLow, std::abs(dataHigh) * 0.1);
        // A target far from the data (1,000,000 events/s over a demo's few
        // thousand) would flatten the lines, so only nearby targets widen
        // the range. The legend names the others.
        for (const double target : {chart.targetLow, chart.targetHigh}) {
            if (std::isfinite(target) && target >= dataLow - span && target <= dataHigh + span) {
                range.low = std::min(range.low, target);
                range.high = std::max(range.high, target);
            }
        }
        if (range.low >= 0)
            range.low = 0;
    }
    if (!(range.high > range.low))
        range.high = range.low + (range.low == 0 ? 1 : std::abs(range.low) * 0.1);
    const double step = niceStep(range.span() / 4);
    if (!chart.fixedScale) {
        range.low = std::floor(range.low / step) * step;
        range.high = std::ceil(range.high / step) * step;
    }
    *tickStep = step;
    return range;
}

QString elided(const ChartCanvas &canvas, const QString &text, double width)
{
    return canvas.elidedText(text, kLabelSize, width);
}

bool hasTarget(const Chart &chart)
{
    return std::isfinite(chart.targetLow) || std::isfinite(chart.targetHigh);
}

QString targetLegend(const Chart &chart)
{
    if (std::isfinite(chart.targetLow) && std::isfinite(chart.targetHigh) && chart.targetLow != chart.targetHigh) {
        return ReportText::tr("Target %1–%2")
            .arg(ReportText::number(chart.targetLow, chart.decimals),
                 ReportText::value(chart.targetHigh, chart.decimals, chart.unit));
    }
    const double target = std::isfinite(chart.targetLow) ? chart.targetLow : chart.targetHigh;
    return ReportText::tr("Target %1").arg(ReportText::value(target, chart.decimals, chart.unit));
}

struct LegendItem
{
    QString text;
    QColor color;
    bool dashed = false;
};

QList<LegendItem> legendItems(const Chart &chart)
{
    QList<LegendItem> items;
    for (qsizetype i = 0; i < chart.series.size(); ++i)
        items.append(LegendItem{chart.series[i].name, seriesColor(i), false});
    if (hasTarget(chart))
        items.append(LegendItem{targetLegend(chart), kTargetColor, true});
    return items;
}

// Lays the legend out in rows and returns the number of rows. With a
// `drawOn` canvas it also draws the legend, its top at `top`.
int layoutLegend(ChartCanvas *drawOn, const ChartCanvas &measure, const QList<LegendItem> &items, double width,
                 double top)
{
    if (items.isEmpty())
        return 0;
    int rows = 1;
    double x = 0;
    for (const LegendItem &item : items) {
        const QString text = elided(measure, item.text, width * 0.6);
        const double itemWidth = 14 + measure.textWidth(text, kLabelSize) + 12;
        if (x > 0 && x + itemWidth > width) {
            ++rows;
            x = 0;
        }
        if (drawOn) {
            const double y = top + (rows - 1) * kLegendRowHeight + kLegendRowHeight / 2;
            drawOn->drawLine(QPointF(x, y), QPointF(x + 10, y), item.color, 2, item.dashed);
            drawOn->drawText(QRectF(x + 14, y - kLegendRowHeight / 2, itemWidth, kLegendRowHeight), text,
                             Qt::AlignLeft, kLabelSize, kTextColor);
        }
        x += itemWidth;
    }
    return rows;
}

// Time between x-axis ticks: the smallest of a list of round steps that
// leaves at most six ticks.
qint64 timeTickStep(qint64 spanMs)
{
    static constexpr std::array<qint64, 16> kSteps = {
        1'000, 5'000, 10'000, 30'000, 60'000, 300'000, 600'000, 900'000, 1'800'000, 3'600'000, 10'800'000,
        21'600'000, 43'200'000, 86'400'000, 172'800'000, 604'800'000};
    for (const qint64 step : kSteps) {
        if (spanMs / step <= 6)
            return step;
    }
    return kSteps.back();
}

QString timeLabel(qint64 ms, qint64 spanMs, qint64 stepMs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    // The day formats are translated, because the order of month and day
    // differs between languages (QDateTime::toString() format strings).
    if (stepMs >= 86'400'000)
        return time.toString(ReportText::tr("MM-dd", "time axis format of report charts: a day"));
    if (spanMs > 86'400'000)
        return time.toString(ReportText::tr("MM-dd HH:mm", "time axis format of report charts: a day and a time"));
    return time.toString(stepMs < 60'000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

void drawNoData(ChartCanvas &canvas, double width, double height)
{
    canvas.drawText(QRectF(0, 0, width, height), ReportText::tr("No data"), Qt::AlignCenter, 9, kAxisColor);
}

void drawLines(ChartCanvas &canvas, const Chart &chart, double width)
{
    const double height = chartHeight(canvas, chart, width);
    const QList<LegendItem> legend = legendItems(chart);
    const int legendRows = layoutLegend(nullptr, canvas, legend, width, 0);
    const double legendTop = height - legendRows * kLegendRowHeight;

    double dataLow = std::numeric_limits<double>::infinity();
    double dataHigh = -std::numeric_limits<double>::infinity();
    for (const Series &series : chart.series) {
        for (const QPointF &point : series.points) {
            if (std::isfinite(point.y())) {
                dataLow = std::min(dataLow, point.y());
                dataHigh = std::max(dataHigh, point.y());
            }
        }
    }
    if (!std::isfinite(dataLow)) {
        drawNoData(canvas, width, legendTop);
        layoutLegend(&canvas, canvas, legend, width, legendTop);
        return;
    }

    double tickStep = 1;
    const ValueRange range = valueRange(chart, dataLow, dataHigh, &tickStep);
    const int tickDecimals = std::max(decimalsForStep(tickStep), 0);

    double labelWidth = 0;
    for (double tick = range.low; tick <= range.high + tickStep / 2; tick += tickStep)
        labelWidth = std::max(labelWidth, canvas.textWidth(ReportText::number(tick, tickDecimals), kLabelSize));

    // The unit sits above the value labels.
    const double top = chart.unit.isEmpty() ? 4 : 14;
    if (!chart.unit.isEmpty())
        canvas.drawText(QRectF(0, 0, width / 2, 10), chart.unit, Qt::AlignLeft, kLabelSize, kAxisColor);
    const QRectF plot(labelWidth + 6, top, width - labelWidth - 14, legendTop - top - 16);
    const qint64 fromMs = chart.fromMs;
    const qint64 toMs = std::max(chart.toMs, chart.fromMs + 1);
    auto mapX = [&](double ms) { return plot.left() + (ms - double(fromMs)) / double(toMs - fromMs) * plot.width(); };
    auto mapY = [&](double value) {
        const double clamped = std::clamp(value, range.low, range.high);
        return plot.bottom() - (clamped - range.low) / range.span() * plot.height();
    };

    for (double tick = range.low; tick <= range.high + tickStep / 2; tick += tickStep) {
        const double y = mapY(tick);
        canvas.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y), kGridColor, 0.5);
        canvas.drawText(QRectF(0, y - 5, labelWidth, 10), ReportText::number(tick, tickDecimals), Qt::AlignRight,
                        kLabelSize, kAxisColor);
    }

    const qint64 spanMs = toMs - fromMs;
    const qint64 stepMs = timeTickStep(spanMs);
    for (qint64 tick = (fromMs + stepMs - 1) / stepMs * stepMs; tick <= toMs; tick += stepMs) {
        const double x = mapX(double(tick));
        canvas.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3), kAxisColor, 0.5);
        canvas.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 10), timeLabel(tick, spanMs, stepMs), Qt::AlignHCenter,
                        kLabelSize, kAxisColor);
    }
    canvas.drawLine(plot.bottomLeft(), plot.bottomRight(), kAxisColor, 0.7);

    for (const double target : {chart.targetLow, chart.targetHigh}) {
        if (std::isfinite(target) && target >= range.low && target <= range.high)
            canvas.drawLine(QPointF(plot.left(), mapY(target)), QPointF(plot.right(), mapY(target)), kTargetColor,
                            1, true);
    }

    for (qsizetype i = 0; i < chart.series.size(); ++i) {
        QList<QPointF> segment;
        auto flush = [&] {
            if (segment.size() == 1)
                canvas.fillRect(QRectF(segment.first() - QPointF(1, 1), QSizeF(2, 2)), seriesColor(i));
            else if (segment.size() > 1)
                canvas.drawPolyline(segment, seriesColor(i), 1.2);
            segment.clear();
        };
        for (const QPointF &point : chart.series[i].points) {
            if (!std::isfinite(point.y()) || point.x() < double(fromMs) || point.x() > double(toMs)) {
                flush();
                continue;
            }
            segment.append(QPointF(mapX(point.x()), mapY(point.y())));
        }
        flush();
    }

    layoutLegend(&canvas, canvas, legend, width, legendTop);
}

void drawBars(ChartCanvas &canvas, const Chart &chart, double width)
{
    const double height = chartHeight(canvas, chart, width);
    double dataLow = 0;
    double dataHigh = -std::numeric_limits<double>::infinity();
    double nameWidth = 0;
    double valueWidth = 0;
    for (const Bar &bar : chart.bars) {
        nameWidth = std::max(nameWidth, canvas.textWidth(bar.name, kLabelSize));
        valueWidth = std::max(valueWidth, canvas.textWidth(ReportText::value(bar.value, chart.decimals, chart.unit),
                                                           kLabelSize));
        if (std::isfinite(bar.value)) {
            dataLow = std::min(dataLow, bar.value);
            dataHigh = std::max(dataHigh, bar.value);
        }
    }
    if (!std::isfinite(dataHigh)) {
        drawNoData(canvas, width, height);
        return;
    }
    nameWidth = std::min(nameWidth, width * 0.35);
    double tickStep = 1;
    const ValueRange range = valueRange(chart, dataLow, dataHigh, &tickStep);

    const double left = nameWidth + 6;
    const double right = width - valueWidth - 8;
    auto mapX = [&](double value) {
        const double clamped = std::clamp(value, range.low, range.high);
        return left + (clamped - range.low) / range.span() * (right - left);
    };
    const double zeroX = mapX(std::clamp(0.0, range.low, range.high));

    for (qsizetype i = 0; i < chart.bars.size(); ++i) {
        const Bar &bar = chart.bars[i];
        const double top = 2 + double(i) * kBarHeight;
        canvas.drawText(QRectF(0, top, nameWidth, kBarHeight), elided(canvas, bar.name, nameWidth), Qt::AlignRight,
                        kLabelSize, kTextColor);
        double end = zeroX;
        if (std::isfinite(bar.value)) {
            end = mapX(bar.value);
            const QRectF rect(std::min(zeroX, end), top + 2, std::max(std::abs(end - zeroX), 0.5), kBarHeight - 4);
            canvas.fillRect(rect, stateColor(bar.state));
        }
        canvas.drawText(QRectF(std::max(end, zeroX) + 4, top, valueWidth + 4, kBarHeight),
                        ReportText::value(bar.value, chart.decimals, chart.unit), Qt::AlignLeft, kLabelSize,
                        std::isfinite(bar.value) ? kTextColor : kAxisColor);
    }
    canvas.drawLine(QPointF(zeroX, 2), QPointF(zeroX, height - 2), kAxisColor, 0.7);
    for (const double target : {chart.targetLow, chart.targetHigh}) {
        if (std::isfinite(target) && target >= range.low && target <= range.high)
            canvas.drawLine(QPointF(mapX(target), 0), QPointF(mapX(target), height), kTargetColor, 1, true);
    }
}

QString svgColor(const QColor &color)
{
    return color.name(QColor::HexRgb);
}

QString svgNumber(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

QColor stateColor(TargetState state)
{
    switch (state) {
    case TargetState::Pass:
        return QColor(0x2e, 0x7d, 0x32);
    case TargetState::Near:
        return QColor(0xa6, 0x5f, 0x00);
    case TargetState::Fail:
        return QColor(0xc6, 0x28, 0x28);
    case TargetState::None:
    case TargetState::Count:
        break;
    }
    return QColor(0x15, 0x65, 0xc0);
}

double chartHeight(const ChartCanvas &canvas, const Chart &chart, double width)
{
    if (chart.kind == Chart::Kind::Bars)
        return std::max<double>(30, 4 + kBarHeight * double(chart.bars.size()));
    const int legendRows = layoutLegend(nullptr, canvas, legendItems(chart), width, 0);
    return kLineChartHeight + legendRows * kLegendRowHeight;
}

void drawChart(ChartCanvas &canvas, const Chart &chart, double width)
{
    if (chart.kind == Chart::Kind::Bars)
        drawBars(canvas, chart, width);
    else
        drawLines(canvas, chart, width);
}

PainterCanvas::PainterCanvas(QPainter &painter, QPointF origin, double scale)
    : m_painter(painter)
    , m_origin(origin)
    , m_scale(scale)
{
}

QFont PainterCanvas::font(double pointSize) const
{
    QFont font;
    font.setStyleHint(QFont::SansSerif);
    // The device's resolution turns points into device units already. The
    // factor keeps text in proportion on devices whose resolution differs
    // from `scale` x 72 dpi.
    const QPaintDevice *device = m_painter.device();
    const double dpi = device ? device->logicalDpiY() : 72;
    font.setPointSizeF(pointSize * m_scale * 72.0 / dpi);
    return font;
}

void PainterCanvas::drawLine(QPointF from, QPointF to, const QColor &color, double width, bool dashed)
{
    QPen pen(color, width * m_scale);
    pen.setCapStyle(Qt::FlatCap);
    if (dashed)
        pen.setStyle(Qt::DashLine);
    m_painter.setPen(pen);
    m_painter.drawLine(map(from), map(to));
}

void PainterCanvas::drawPolyline(const QList<QPointF> &points, const QColor &color, double width)
{
    QPen pen(color, width * m_scale);
    pen.setJoinStyle(Qt::RoundJoin);
    m_painter.setPen(pen);
    QPainterPath path(map(points.first()));
    for (qsizetype i = 1; i < points.size(); ++i)
        path.lineTo(map(points[i]));
    m_painter.setBrush(Qt::NoBrush);
    m_painter.drawPath(path);
}

void PainterCanvas::fillRect(const QRectF &rect, const QColor &color)
{
    m_painter.fillRect(QRectF(map(rect.topLeft()), map(rect.bottomRight())), color);
}

void PainterCanvas::drawText(const QRectF &rect, const QString &text, Qt::Alignment alignment, double pointSize,
                             const QColor &color)
{
    m_painter.setFont(font(pointSize));
    m_painter.setPen(color);
    const QRectF mapped(map(rect.topLeft()), map(rect.bottomRight()));
    m_painter.drawText(mapped, int(alignment | Qt::AlignVCenter) | Qt::TextSingleLine | Qt::TextDontClip, text);
}

double PainterCanvas::textWidth(const QString &text, double pointSize) const
{
    const QFontMetricsF metrics(font(pointSize), m_painter.device());
    return metrics.horizontalAdvance(text) / m_scale;
}

QString PainterCanvas::elidedText(const QString &text, double pointSize, double width) const
{
    const QFontMetricsF metrics(font(pointSize), m_painter.device());
    return metrics.elidedText(text, Qt::ElideRight, width * m_scale);
}

void SvgCanvas::drawLine(QPointF from, QPointF to, const QColor &color, double width, bool dashed)
{
    m_body += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"%5\" stroke-width=\"%6\"%7/>")
                  .arg(svgNumber(from.x()), svgNumber(from.y()), svgNumber(to.x()), svgNumber(to.y()),
                       svgColor(color), svgNumber(width),
                       dashed ? QStringLiteral(" stroke-dasharray=\"4 3\"") : QString());
}

void SvgCanvas::drawPolyline(const QList<QPointF> &points, const QColor &color, double width)
{
    QString coordinates;
    coordinates.reserve(points.size() * 14);
    for (const QPointF &point : points) {
        coordinates += svgNumber(point.x());
        coordinates += QLatin1Char(',');
        coordinates += svgNumber(point.y());
        coordinates += QLatin1Char(' ');
    }
    m_body += QStringLiteral("<polyline fill=\"none\" stroke=\"%1\" stroke-width=\"%2\" stroke-linejoin=\"round\" "
                             "points=\"%3\"/>")
                  .arg(svgColor(color), svgNumber(width), coordinates.trimmed());
}

void SvgCanvas::fillRect(const QRectF &rect, const QColor &color)
{
    m_body += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>")
                  .arg(svgNumber(rect.x()), svgNumber(rect.y()), svgNumber(rect.width()), svgNumber(rect.height()),
                       svgColor(color));
}

void SvgCanvas::drawText(const QRectF &rect, const QString &text, Qt::Alignment alignment, double pointSize,
                         const QColor &color)
{
    QString anchor = QStringLiteral("start");
    double x = rect.left();
    if (alignment & Qt::AlignRight) {
        anchor = QStringLiteral("end");
        x = rect.right();
    } else if (alignment & Qt::AlignHCenter) {
        anchor = QStringLiteral("middle");
        x = rect.center().x();
    }
    // 0.35 em below the centre puts the middle of lower-case letters there.
    const double y = rect.center().y() + 0.35 * pointSize;
    m_body += QStringLiteral("<text x=\"%1\" y=\"%2\" font-size=\"%3\" text-anchor=\"%4\" fill=\"%5\">%6</text>")
                  .arg(svgNumber(x), svgNumber(y), svgNumber(pointSize), anchor, svgColor(color), text.toHtmlEscaped());
}

double SvgCanvas::textWidth(const QString &text, double pointSize) const
{
    // An estimate: about the average advance of DejaVu Sans and Arial over
    // digits and lower-case letters.
    return 0.56 * pointSize * double(text.size());
}

QString SvgCanvas::elidedText(const QString &text, double pointSize, double width) const
{
    if (textWidth(text, pointSize) <= width)
        return text;
    // With the estimate of textWidth() every character has the same width,
    // so the number that fits beside the ellipsis follows directly.
    const qsizetype fitting = qsizetype(std::floor(width / (0.56 * pointSize))) - 1;
    if (fitting <= 0)
        return QStringLiteral("…");
    QString shortened = text.left(fitting);
    if (shortened.back().isHighSurrogate())
        shortened.chop(1);
    return shortened + QStringLiteral("…");
}

QString SvgCanvas::toSvg(double width, double height, const QString &title) const
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" width=\"%1\" "
                          "height=\"%2\" role=\"img\" aria-label=\"%3\" font-family=\"DejaVu Sans, Arial, "
                          "sans-serif\">%4</svg>")
        .arg(svgNumber(width), svgNumber(height), title.toHtmlEscaped(), m_body);
}

} // namespace umg::reports
