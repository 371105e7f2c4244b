#include "dashboards/successflagsmodel.h"

namespace umg {

SuccessFlagsModel::SuccessFlagsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SuccessFlagsModel::setRecords(const CustomerRecords &records)
{
    QList<Row> rows;
    rows.reserve(qsizetype(records.size()));
    for (const CustomerRecord &record : records) {
        rows.append(Row{QString::fromStdString(record.customerId), QString::fromStdString(record.companyName),
                        record.technicalSuccess, record.businessSuccess});
    }

    bool sameIds = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < rows.size(); ++i)
        sameIds = rows[i].customerId == m_rows[i].customerId;

    if (!sameIds) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void SuccessFlagsModel::setColors(const ThresholdPalette &colors)
{
    m_colors = colors;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::ForegroundRole});
}

int SuccessFlagsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SuccessFlagsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

std::optional<bool> SuccessFlagsModel::flagAt(const Row &row, Column column) const
{
    switch (column) {
    case Column::Technical:
        return row.technical;
    case Column::Business:
        return row.business;
    case Column::Successful:
        return row.technical && row.business;
    case Column::Customer:
    case Column::Count:
        break;
    }
    return std::nullopt;
}

QVariant SuccessFlagsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const auto column = Column(index.column());
    const std::optional<bool> flag = flagAt(row, column);

    switch (role) {
    case Qt::DisplayRole:
        if (column == Column::Customer)
            return row.company.isEmpty() ? row.customerId : row.company;
        return *flag ? tr("Yes") : tr("No");
    case Qt::ToolTipRole:
        return row.customerId;
    case Qt::ForegroundRole:
        if (flag)
            return m_colors.color(*flag ? ThresholdState::Ok : ThresholdState::Breach);
        return {};
    case Qt::TextAlignmentRole:
        return flag ? int(Qt::AlignCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant SuccessFlagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Customer:
        return tr("Customer");
    case Column::Technical:
        return tr("Technical success");
    case Column::Business:
        return tr("Business success");
    case Column::Successful:
        return tr("Pilot successful");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace umg
