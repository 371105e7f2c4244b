#pragma once

#include "widgets/thresholdtablemodel.h"

#include <QTableView>

class QSortFilterProxyModel;

namespace umg {

/// Read-only, sortable table of ThresholdRows, for panels such as the
/// validation summary. It owns a ThresholdTableModel behind a
/// QSortFilterProxyModel that sorts by ThresholdTableModel::kSortRole and
/// filters on the Name column. Rows start sorted by Status, failures first.
class ThresholdTable : public QTableView
{
    Q_OBJECT

public:
    explicit ThresholdTable(QWidget *parent = nullptr);

    /// Replaces all rows in the way ThresholdTableModel::setRows() does.
    void setRows(const QList<ThresholdRow> &rows);

    /// Shows only rows whose name contains `text`, ignoring case. Empty
    /// shows every row.
    void setFilterText(const QString &text);

    ThresholdTableModel *tableModel() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }

protected:
    void changeEvent(QEvent *event) override;

private:
    ThresholdTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
};

} // namespace umg
