#pragma once

#include "alerts/alerthistorystore.h"

#include <QAbstractTableModel>

namespace umg {

/// Stored alert transitions as a table, newest first.
class AlertHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, RuleColumn, LabelsColumn, FromColumn, ToColumn, ValueColumn, SummaryColumn,
                  ColumnCount };

    explicit AlertHistoryModel(QObject *parent = nullptr);

    void setTransitions(const QList<AlertTransition> &transitions);
    const QList<AlertTransition> &transitions() const { return m_transitions; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AlertTransition> m_transitions;
};

} // namespace umg
