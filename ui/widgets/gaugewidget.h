#pragma once

#include "widgets/thresholdpolicy.h"

#include <QWidget>

#include <optional>

namespace umg {

/// Arc gauge for one value between a minimum and a maximum. The filled part
/// of the arc and the value text take the colour of the value's threshold
/// state, or the neutral colour without a policy. The target, or both edges
/// of a target range, is a marker across the arc.
class GaugeWidget : public QWidget
{
    Q_OBJECT

public:
    explicit GaugeWidget(QWidget *parent = nullptr);

    /// Sets the value range of the arc. A value below the minimum leaves the
    /// arc empty and one above the maximum fills it, but the text still shows
    /// the exact value. Ignored, with a warning, when min is not less than max.
    void setRange(double minimum, double maximum);
    double minimum() const { return m_minimum; }
    double maximum() const { return m_maximum; }

    /// Sets the current value. NaN shows "No data".
    void setValue(double value);
    double value() const { return m_value; }

    void setUnit(const QString &unit);
    QString unit() const { return m_unit; }

    /// Number of decimals in the value text and the range labels.
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
    double angleFor(double value) const;
    void updateAccessibleText();

    double m_minimum = 0.0;
    double m_maximum = 100.0;
    double m_value = 0.0;
    int m_decimals = 1;
    QString m_unit;
    std::optional<ThresholdPolicy> m_policy;
};

} // namespace umg
