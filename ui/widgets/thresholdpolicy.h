#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPalette;

namespace umg {

/// Result of comparing a value with a ThresholdPolicy.
enum class ThresholdState { Ok, Near, Breach, Count };

/// Side of the target on which good values lie.
enum class ThresholdDirection { HigherIsBetter, LowerIsBetter, WithinRange, Count };

/// Target for one metric and the rule that turns a value into a ThresholdState.
///
/// The target is the limit that a good value must meet, and the near margin
/// is a band on the good side of that limit:
/// - HigherIsBetter: below the target is Breach, from the target up to
///   target + margin (exclusive) is Near, and from target + margin up is Ok.
/// - LowerIsBetter: above the target is Breach, from target - margin
///   (exclusive) up to the target is Near, at or below target - margin is Ok.
/// - WithinRange: outside [low, high] is Breach, inside but closer than the
///   margin to either edge is Near, otherwise Ok.
/// A value exactly on the target (or a range edge) meets it. A margin of zero
/// disables Near. NaN and infinite values are Breach, because a missing
/// measurement cannot show that the target is met.
class ThresholdPolicy
{
    Q_DECLARE_TR_FUNCTIONS(umg::ThresholdPolicy)

public:
    /// Throws std::invalid_argument when target or margin is not finite or the
    /// margin is negative.
    static ThresholdPolicy higherIsBetter(double target, double nearMargin = 0.0);
    static ThresholdPolicy lowerIsBetter(double target, double nearMargin = 0.0);
    /// Throws std::invalid_argument when a bound or the margin is not finite,
    /// the margin is negative or low is greater than high.
    static ThresholdPolicy withinRange(double low, double high, double nearMargin = 0.0);

    ThresholdDirection direction() const { return m_direction; }
    /// Lower limit: the target for HigherIsBetter and LowerIsBetter, the low
    /// edge for WithinRange.
    double low() const { return m_low; }
    /// Upper limit: equal to low() unless the direction is WithinRange.
    double high() const { return m_high; }
    double nearMargin() const { return m_nearMargin; }

    ThresholdState evaluate(double value) const;

    /// Target as a short text such as "≥ 95.0 %", "≤ 100 ms" or "30.0–50.0 %".
    QString targetText(const QString &unit, int decimals) const;

    bool operator==(const ThresholdPolicy &other) const = default;

private:
    ThresholdPolicy(ThresholdDirection direction, double low, double high, double nearMargin);

    ThresholdDirection m_direction = ThresholdDirection::HigherIsBetter;
    double m_low = 0.0;
    double m_high = 0.0;
    double m_nearMargin = 0.0;
};

/// Colours for the threshold states, with one set for light and one for dark
/// window backgrounds. Each state colour has a contrast ratio of at least 3:1,
/// the WCAG 2.1 minimum for graphical objects. The light set reaches it on
/// white and on #efefef (Qt's default light Window colour), and the dark set
/// on every grey from #1e1e1e to #3c3c3c.
class ThresholdPalette
{
public:
    /// Picks the light or dark set from the lightness of the palette's Window
    /// colour, and takes the neutral colour from the palette's Highlight.
    static ThresholdPalette forPalette(const QPalette &palette);
    static ThresholdPalette light();
    static ThresholdPalette dark();

    QColor color(ThresholdState state) const;
    /// Colour for values that have no policy.
    QColor neutral() const { return m_neutral; }
    bool isDark() const { return m_dark; }

private:
    QColor m_ok;
    QColor m_near;
    QColor m_breach;
    QColor m_neutral;
    bool m_dark = false;
};

/// Translated name of a state for tables and tooltips: "Pass", "Near target"
/// or "Fail".
QString thresholdStateText(ThresholdState state);

} // namespace umg
