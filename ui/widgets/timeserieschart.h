#pragma once

#include "widgets/thresholdpolicy.h"

#include <QChartView>
#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QChart;
class QDateTimeAxis;
class QGraphicsEllipseItem;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace umg {

/// One named line of a TimeSeriesChart.
struct TimeSeries
{
    QString name;
    /// x is the sample time in milliseconds since the Unix epoch (UTC), y the
    /// value. Any order is accepted, and points with a NaN or infinite
    /// coordinate are dropped.
    QList<QPointF> points;
    /// Line colour; an invalid colour takes the next colour of the chart theme.
    QColor color;

    bool operator==(const TimeSeries &other) const = default;
};

/// Raw sample under the mouse pointer, as found by TimeSeriesChart::sampleAt().
struct HoveredSample
{
    /// Position of the series in the list given to TimeSeriesChart::setSeries().
    qsizetype seriesIndex = -1;
    QString seriesName;
    qint64 timeMs = 0;
    double value = 0.0;
    /// Index of the sample in the series' points after sorting by time.
    qsizetype index = -1;
};

/// Line chart of several time series over a time range that the dashboard
/// sets, with a dashed line at the target of an optional ThresholdPolicy.
///
/// The chart keeps the raw samples and draws only a min/max decimation of
/// them to the plot area's pixel width (see decimateMinMax()), recomputed
/// when the data, the time range or the plot width changes. Hovering shows
/// the time and value of the nearest raw sample in a tooltip. The time axis
/// shows local time.
class TimeSeriesChart : public QChartView
{
    Q_OBJECT

public:
    explicit TimeSeriesChart(QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    /// Replaces all series. Existing line objects are reused in order, so
    /// repeated snapshots create no new chart objects, and memory stays at
    /// the raw points plus at most 4 points per pixel column per series.
    /// Sorting and cleaning the points costs one pass when they are already
    /// sorted and finite.
    void setSeries(const QList<TimeSeries> &series);
    /// Returns the series as stored: sorted by time and without non-finite points.
    QList<TimeSeries> series() const { return m_series; }

    /// Sets the visible time range in milliseconds since the Unix epoch (UTC).
    /// Ignored, with a warning, when from is not before to. Until the first
    /// call the range follows the data.
    void setTimeRange(qint64 fromMs, qint64 toMs);
    qint64 timeFromMs() const { return m_fromMs; }
    qint64 timeToMs() const { return m_toMs; }

    void setThresholdPolicy(const ThresholdPolicy &policy);
    void clearThresholdPolicy();
    std::optional<ThresholdPolicy> thresholdPolicy() const { return m_policy; }

    /// Sets the unit shown in the tooltip and next to the value axis.
    void setUnit(const QString &unit);
    QString unit() const { return m_unit; }

    /// Sets the number of decimals of the value in the tooltip.
    void setDecimals(int decimals);
    int decimals() const { return m_decimals; }

    /// Fixes the value axis range. Ignored, with a warning, when minimum is
    /// not less than maximum.
    void setValueRange(double minimum, double maximum);
    /// Lets the value axis follow the visible data and the target again.
    void setAutoValueRange();

    /// Returns the raw sample under the view position `pos`. Each series
    /// offers its sample nearest in time to `pos`, and the one drawn nearest
    /// to `pos` on screen wins. Returns nothing when `pos` is outside the plot
    /// area or no series has a sample in the visible time range.
    std::optional<HoveredSample> sampleAt(const QPoint &pos) const;

    /// Returns the number of pixel columns that the series are decimated to.
    int decimationColumns() const { return m_columns; }
    /// Returns the number of points drawn, summed over all series.
    qsizetype drawnPointCount() const;

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void syncLineCount(qsizetype count);
    void redraw();
    void updateTimeAxis();
    void updateTargetLines();
    void updateValueAxis();
    void applyPalette();
    void onPlotAreaChanged();
    int plotColumns() const;
    void hideHover();
    QString tooltipText(const HoveredSample &sample) const;

    QChart *m_chart = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QList<QLineSeries *> m_lines;
    QList<QColor> m_themeColors;
    QLineSeries *m_targetLow = nullptr;
    QLineSeries *m_targetHigh = nullptr;
    QGraphicsEllipseItem *m_hoverMarker = nullptr;

    QList<TimeSeries> m_series;
    std::optional<ThresholdPolicy> m_policy;
    QString m_unit;
    int m_decimals = 2;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 1;
    bool m_timeRangeSet = false;
    bool m_autoValueRange = true;
    double m_valueMin = 0.0;
    double m_valueMax = 1.0;
    int m_columns = 0;
    bool m_redrawing = false;
};

} // namespace umg
