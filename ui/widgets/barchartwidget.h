#pragma once

#include "widgets/thresholdpolicy.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

namespace umg {

/// One category of a BarChartWidget, such as a customer and its accuracy.
struct BarEntry
{
    QString category;
    /// NaN draws no bar and reads "No data".
    double value = qQNaN();

    bool operator==(const BarEntry &other) const = default;
};

/// One bar per category, each coloured by its threshold state, with the
/// target drawn as a dashed line across all bars (two lines and a band for a
/// target range). Painted with QPainter.
class BarChartWidget : public QWidget
{
    Q_OBJECT

public:
    explicit BarChartWidget(QWidget *parent = nullptr);

    /// Replaces all bars, drawn in the given order (top to bottom when
    /// horizontal, left to right when vertical).
    void setBars(const QList<BarEntry> &bars);
    QList<BarEntry> bars() const { return m_bars; }

    /// Horizontal bars grow to the right from the category labels; vertical
    /// bars grow upwards above them. The default is horizontal.
    void setOrientation(Qt::Orientation orientation);
    Qt::Orientation orientation() const { return m_orientation; }

    void setThresholdPolicy(const ThresholdPolicy &policy);
    void clearThresholdPolicy();
    std::optional<ThresholdPolicy> thresholdPolicy() const { return m_policy; }

    void setUnit(const QString &unit);
    QString unit() const { return m_unit; }

    void setDecimals(int decimals);
    int decimals() const { return m_decimals; }

    /// Fixes the value axis. Ignored, with a warning, when minimum is not
    /// less than maximum.
    void setValueRange(double minimum, double maximum);
    /// Lets the value axis span zero, every value and the target again.
    void setAutoValueRange();

    /// Returns the rectangle of bar `index` in widget coordinates, or an
    /// empty rectangle when the index is out of range or the value is NaN.
    QRectF barRect(qsizetype index) const;
    /// Returns the fill colour of bar `index`.
    QColor barColor(qsizetype index) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry
    {
        QRectF plot;          // the area the bars grow in
        double slot = 0.0;    // space per category along the category axis
        double thickness = 0.0;
        double low = 0.0;     // value at the start of the value axis
        double high = 1.0;    // value at the end of the value axis
    };

    Geometry computeGeometry() const;
    double valueToPixel(const Geometry &geometry, double value) const;
    QRectF barRect(const Geometry &geometry, qsizetype index) const;
    QRectF slotRect(const Geometry &geometry, qsizetype index) const;
    void paintTarget(QPainter &painter, const Geometry &geometry) const;
    void paintLabels(QPainter &painter, const Geometry &geometry) const;

    QList<BarEntry> m_bars;
    Qt::Orientation m_orientation = Qt::Horizontal;
    std::optional<ThresholdPolicy> m_policy;
    QString m_unit;
    int m_decimals = 1;
    bool m_autoValueRange = true;
    double m_valueMin = 0.0;
    double m_valueMax = 100.0;
};

} // namespace umg
