#pragma once

#include "alerts/alertmonitor.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <optional>

namespace umg {

/// Colour of an alert state in the Alerts view: red while firing, amber
/// while pending, green while inactive.
QColor alertStateColor(alerts::AlertState state);

/// The rows of the latest alert evaluation as a table.
class AlertRulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StateColumn, RuleColumn, LabelsColumn, SeverityColumn, SinceColumn, ValueColumn, SummaryColumn,
                  RunbookColumn, ColumnCount };
    /// Roles for filtering and tests.
    enum Role { StateRole = Qt::UserRole + 1, SeverityRole, RunbookRole };

    explicit AlertRulesModel(QObject *parent = nullptr);

    void setRows(const QList<AlertRow> &rows);
    const QList<AlertRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AlertRow> m_rows;
};

/// Filters the alert rows by state, severity and a search text that must
/// occur in the rule name, labels or summary (case-insensitive).
class AlertFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AlertFilterModel(QObject *parent = nullptr);

    /// No value shows every state or severity.
    void setStateFilter(std::optional<alerts::AlertState> state);
    void setSeverityFilter(const QString &severity);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<alerts::AlertState> m_state;
    QString m_severity;
    QString m_search;
};

} // namespace umg
