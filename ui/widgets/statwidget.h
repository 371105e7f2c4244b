#pragma once

#include "widgets/thresholdpolicy.h"

#include <QList>
#include <QWidget>

#include <optional>

namespace umg {

/// One big number with its unit, coloured by its threshold state, above a
/// sparkline of recent values. The sparkline has the same colour and, when
/// a policy is set, a dashed line at the target.
class StatWidget : public QWidget
{
    Q_OBJECT

public:
    explicit StatWidget(QWidget *parent = nullptr);

    /// Sets the number shown. NaN shows "No data".
    void setValue(double value);
    double value() const { return m_value; }

    /// Replaces the recent values drawn as the sparkline, oldest first, at
    /// equal spacing. Non-finite values are skipped. A history with more
    /// than four values per pixel column is reduced with decimateMinMax()
    /// before drawing.
    void setHistory(const QList<double> &history);
    QList<double> history() const { return m_history; }

    void setUnit(const QString &unit);
    QString unit() const { return m_unit; }

    void setDecimals(int decimals);
    int decimals() const { return m_decimals; }

    void setThresholdPolicy(const ThresholdPolicy &policy);
    void clearThresholdPolicy();
    std::optional<ThresholdPolicy> thresholdPolicy() const { return m_policy; }

    /// Colour used for the value now: the state colour, or the neutral colour
    /// when there is no policy.
    QColor valueColor() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintSparkline(QPainter &painter, const QRectF &area, const QColor &color) const;

    double m_value = qQNaN();
    QList<double> m_history;
    QString m_unit;
    int m_decimals = 1;
    std::optional<ThresholdPolicy> m_policy;
};

} // namespace umg
