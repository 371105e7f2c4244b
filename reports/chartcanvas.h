#pragma once

#include "reports/report.h"

#include <QColor>
#include <QFont>
#include <QRectF>

class QPainter;

namespace umg::reports {

/// Drawing surface of report charts, in points (1/72 inch) from the chart's
/// top-left corner. PainterCanvas draws vector graphics into the PDF,
/// SvgCanvas writes inline SVG for HTML, so both formats share one layout.
class ChartCanvas
{
public:
    virtual ~ChartCanvas() = default;

    virtual void drawLine(QPointF from, QPointF to, const QColor &color, double width, bool dashed = false) = 0;
    virtual void drawPolyline(const QList<QPointF> &points, const QColor &color, double width) = 0;
    virtual void fillRect(const QRectF &rect, const QColor &color) = 0;
    /// Draws one line of text inside `rect`, centred vertically and aligned
    /// horizontally by `alignment` (left, right or centre).
    virtual void drawText(const QRectF &rect, const QString &text, Qt::Alignment alignment, double pointSize,
                          const QColor &color) = 0;
    /// Width of `text` at `pointSize`, in points.
    virtual double textWidth(const QString &text, double pointSize) const = 0;
    /// Returns `text` unchanged when it fits `width` points at `pointSize`,
    /// otherwise its start and an ellipsis that together fit. Measures the
    /// text once, so the cost grows linearly with its length.
    virtual QString elidedText(const QString &text, double pointSize, double width) const = 0;
};

/// Draws `chart` (without its title) into the rectangle (0, 0, width,
/// chartHeight(chart, width)) of `canvas`: lines over a time axis, or one
/// horizontal bar per entry, with value labels, target lines and a legend.
/// A chart without any value shows "No data".
void drawChart(ChartCanvas &canvas, const Chart &chart, double width);

/// Height in points that drawChart() uses for `chart` at `width`.
double chartHeight(const ChartCanvas &canvas, const Chart &chart, double width);

/// Colour of a threshold state in charts and tables (the console's light
/// palette).
QColor stateColor(TargetState state);

/// ChartCanvas over a QPainter, such as one on a QPdfWriter. Maps chart
/// points to device coordinates as `origin + point x scale`, where `scale`
/// is device units per point.
class PainterCanvas final : public ChartCanvas
{
public:
    PainterCanvas(QPainter &painter, QPointF origin, double scale);

    void drawLine(QPointF from, QPointF to, const QColor &color, double width, bool dashed) override;
    void drawPolyline(const QList<QPointF> &points, const QColor &color, double width) override;
    void fillRect(const QRectF &rect, const QColor &color) override;
    void drawText(const QRectF &rect, const QString &text, Qt::Alignment alignment, double pointSize,
                  const QColor &color) override;
    double textWidth(const QString &text, double pointSize) const override;
    QString elidedText(const QString &text, double pointSize, double width) const override;

private:
    QPointF map(QPointF point) const { return m_origin + point * m_scale; }
    QFont font(double pointSize) const;

    QPainter &m_painter;
    QPointF m_origin;
    double m_scale = 1;
};

/// ChartCanvas that writes SVG elements. Text widths are estimated from the
/// average advance of a sans-serif font, because the reader's browser picks
/// the font.
class SvgCanvas final : public ChartCanvas
{
public:
    void drawLine(QPointF from, QPointF to, const QColor &color, double width, bool dashed) override;
    void drawPolyline(const QList<QPointF> &points, const QColor &color, double width) override;
    void fillRect(const QRectF &rect, const QColor &color) override;
    void drawText(const QRectF &rect, const QString &text, Qt::Alignment alignment, double pointSize,
                  const QColor &color) override;
    double textWidth(const QString &text, double pointSize) const override;
    QString elidedText(const QString &text, double pointSize, double width) const override;

    /// The complete `<svg>` element of the given size, labelled `title`
    /// for screen readers.
    QString toSvg(double width, double height, const QString &title) const;

private:
    QString m_body;
};

} // namespace umg::reports
