#pragma once

#include "dashboards/dashboardpanels.h"

#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QString>
#include <QtNumeric>

#include <variant>

/// The document model of exported reports. Builders (dashboardreport.h,
/// loadtestreport.h, customerreport.h, goalreport.h) fill a Report, and the
/// writers (reportwriter.h) turn the same Report into PDF, HTML or CSV. The
/// three formats therefore carry the same numbers.
namespace umg::reports {

/// Result of comparing a value with its target.
enum class TargetState {
    None, ///< the value has no target
    Pass,
    Near, ///< meets the target, but within the near margin of its limit
    Fail, ///< misses the target, or was not measured
    Count
};

/// One table cell: the text that PDF and HTML show, and the number behind
/// it that CSV writes.
struct Cell
{
    QString text;
    /// NaN for text cells and for values that were not measured.
    double number = qQNaN();
    QString unit;
    TargetState state = TargetState::None;
};

struct Column
{
    /// Stable identifier for CSV, such as `measured`.
    QString key;
    QString title;
    /// Right-aligned in PDF and HTML.
    bool numeric = false;
};

struct Row
{
    /// Stable identifier for CSV, such as a goal key or a series name.
    QString key;
    /// One cell per column.
    QList<Cell> cells;
};

struct Table
{
    /// Stable identifier for CSV, unique within its section.
    QString key;
    QString title;
    QList<Column> columns;
    QList<Row> rows;
};

/// One line of a line chart; x is the time in milliseconds since the Unix
/// epoch, NaN values are gaps.
struct Series
{
    QString name;
    QList<QPointF> points;
};

struct Bar
{
    QString name;
    double value = qQNaN();
    TargetState state = TargetState::None;
};

struct Chart
{
    enum class Kind { Lines, Bars };

    /// Stable identifier for CSV, unique within its section.
    QString key;
    QString title;
    Kind kind = Kind::Lines;
    QString unit;
    int decimals = 1;
    /// Time axis of line charts, in milliseconds since the Unix epoch.
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QList<Series> series;
    QList<Bar> bars;
    /// Target lines; NaN draws none. A range target sets both.
    double targetLow = qQNaN();
    double targetHigh = qQNaN();
    /// Value axis from `minimum` to `maximum` instead of the data's range.
    bool fixedScale = false;
    double minimum = 0;
    double maximum = 100;
};

struct Paragraph
{
    QString text;
    /// Set for formulas, whose lines are aligned with spaces.
    bool monospace = false;
};

using Block = std::variant<Paragraph, Table, Chart>;

struct Section
{
    /// Stable identifier for CSV, such as a panel id.
    QString key;
    QString title;
    QList<Block> blocks;
};

struct Report
{
    /// `dashboard`, `loadtest`, `customer` or `goals`.
    QString kind;
    QString title;
    /// Scope and sources of the report: generation time, time range, data
    /// sources. The writers show it under the title, and CSV writes it as
    /// section `report`, table `facts`.
    Table facts;
    QList<Section> sections;

    /// Appends a row to `facts`.
    void addFact(const QString &key, const QString &label, const QString &text, double number = qQNaN());
};

/// Number formatting and the wording shared by all report builders.
class ReportText
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::ReportText)

public:
    /// Formats `value` with `decimals` decimals and the default locale's digit
    /// grouping. NaN and infinite values read as "No data".
    static QString number(double value, int decimals);
    /// number() followed by a space and `unit` when the unit is not empty.
    static QString value(double value, int decimals, const QString &unit);
    /// "Pass", "Near target", "Fail", or an empty string for None.
    static QString state(TargetState state);
    /// "Yes" or "No".
    static QString yesNo(bool value);
    /// A UTC time as day() and the default locale's time with seconds,
    /// followed by "UTC": "11/1/26 12:00:00 PM UTC", "01.11.26 12:00:00 UTC".
    static QString time(qint64 msSinceEpoch);
    /// A UTC day in the default locale's short date format: "11/1/26", "01.11.26".
    static QString day(qint64 msSinceEpoch);
    /// A duration in the largest whole unit, such as "15 minutes" or "7 days".
    static QString duration(qint64 milliseconds);
    /// The target as text, such as "≥ 99.00 %", "≤ 100.0 ms" or "30.0–50.0 %";
    /// empty when the target is not set.
    static QString target(const dashboards::Target &target, const QString &unit, int decimals);
};

/// Compares `value` with `target` like the console's ThresholdPolicy: a
/// value on the limit meets it, a value inside the near margin on the good
/// side is Near, NaN and infinite values fail. None when the target is unset.
TargetState evaluateTarget(const dashboards::Target &target, double value);

/// A text cell.
Cell textCell(const QString &text, TargetState state = TargetState::None);
/// A numeric cell shown with ReportText::value().
Cell numberCell(double value, int decimals, const QString &unit = {}, TargetState state = TargetState::None);
/// A cell that shows a threshold state. Its number is 1 for Pass and Near,
/// 0 for Fail and NaN for None, so that CSV readers can sum the passes.
Cell stateCell(TargetState state);

} // namespace umg::reports
