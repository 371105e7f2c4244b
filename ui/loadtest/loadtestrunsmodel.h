#pragma once

#include "loadtest/loadteststore.h"

#include <QAbstractTableModel>
#include <QList>

namespace umg {

/// The stored load-test runs, newest first, one row each.
class LoadTestRunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Id, Started, Name, Target, Outcome, Result, Rate, Throughput, P95, P99, ErrorRate, Accuracy, Count };
    /// Role with the run id (qint64) of a row, the same for every column.
    static constexpr int kRunIdRole = Qt::UserRole + 1;

    explicit LoadTestRunsModel(QObject *parent = nullptr);

    /// Replaces all rows.
    void setRuns(const QList<LoadTestRunRow> &runs);
    QList<LoadTestRunRow> runs() const { return m_runs; }
    /// Returns the run id of `row`, or 0 when it is out of range.
    qint64 runIdAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<LoadTestRunRow> m_runs;
};

} // namespace umg
