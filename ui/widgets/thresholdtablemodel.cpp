#include "widgets/thresholdtablemodel.h"

#include "widgets/valueformat.h"

#include <QPainter>

#include <cmath>
#include <limits>

namespace umg {

namespace {

constexpr int kDotSize = 10;
constexpr int kColumnCount = int(ThresholdTableModel::Column::Count);

double sortKey(double value)
{
    return std::isfinite(value) ? value : -std::numeric_limits<double>::infinity();
}

} // namespace

ThresholdTableModel::ThresholdTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    updateDots();
}

void ThresholdTableModel::setRows(const QList<ThresholdRow> &rows)
{
    if (rows == m_rows)
        return;

    if (rows.size() == m_rows.size()) {
        m_rows = rows;
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, kColumnCount - 1));
        return;
    }

    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void ThresholdTableModel::setColors(const ThresholdPalette &colors)
{
    m_colors = colors;
    updateDots();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, int(Column::Measured)), index(int(m_rows.size()) - 1, int(Column::Status)),
                           {Qt::ForegroundRole, Qt::DecorationRole});
}

void ThresholdTableModel::updateDots()
{
    for (std::size_t i = 0; i < m_dots.size(); ++i) {
        QPixmap dot(kDotSize, kDotSize);
        dot.fill(Qt::transparent);
        QPainter painter(&dot);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_colors.color(ThresholdState(i)));
        painter.drawEllipse(QRectF(0.5, 0.5, kDotSize - 1.0, kDotSize - 1.0));
        painter.end();
        m_dots[i] = dot;
    }
}

std::optional<ThresholdState> ThresholdTableModel::stateAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || !m_rows[row].policy)
        return std::nullopt;
    return m_rows[row].policy->evaluate(m_rows[row].measured);
}

int ThresholdTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ThresholdTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant ThresholdTableModel::displayData(const ThresholdRow &row, Column column) const
{
    switch (column) {
    case Column::Name:
        return row.name;
    case Column::Target:
        return row.policy ? row.policy->targetText(row.unit, row.decimals) : QStringLiteral("—");
    case Column::Measured:
        return formatValue(row.measured, row.decimals, row.unit);
    case Column::Status:
        return row.policy ? thresholdStateText(row.policy->evaluate(row.measured)) : QStringLiteral("—");
    case Column::Count:
        break;
    }
    return QVariant();
}

QVariant ThresholdTableModel::sortData(const ThresholdRow &row, Column column) const
{
    switch (column) {
    case Column::Name:
        return row.name;
    case Column::Target:
        return row.policy ? row.policy->low() : sortKey(qQNaN());
    case Column::Measured:
        return sortKey(row.measured);
    case Column::Status:
        return row.policy ? int(row.policy->evaluate(row.measured)) : -1;
    case Column::Count:
        break;
    }
    return QVariant();
}

QVariant ThresholdTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();

    const ThresholdRow &row = m_rows[index.row()];
    const auto column = Column(index.column());
    const std::optional<ThresholdState> state = stateAt(index.row());
    const bool stateColumn = column == Column::Measured || column == Column::Status;

    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case kSortRole:
        return sortData(row, column);
    case kStateRole:
        return state ? QVariant(int(*state)) : QVariant();
    case Qt::ForegroundRole:
        if (stateColumn && state)
            return m_colors.color(*state);
        return QVariant();
    case Qt::DecorationRole:
        if (column == Column::Status && state)
            return m_dots[std::size_t(*state)];
        return QVariant();
    case Qt::TextAlignmentRole:
        if (column == Column::Target || column == Column::Measured)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == Column::Status && state)
            return tr("Measured %1, target %2")
                .arg(formatValue(row.measured, row.decimals, row.unit), row.policy->targetText(row.unit, row.decimals));
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant ThresholdTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Target:
        return tr("Target");
    case Column::Measured:
        return tr("Measured");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return QVariant();
}

} // namespace umg
