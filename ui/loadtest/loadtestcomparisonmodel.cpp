#include "loadtest/loadtestcomparisonmodel.h"

#include "loadtest/loadtesttext.h"
#include "widgets/valueformat.h"

#include <cmath>

namespace umg {

LoadTestComparisonModel::LoadTestComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LoadTestComparisonModel::setRuns(const LoadTestResult &first, const LoadTestResult &second)
{
    beginResetModel();
    const std::vector<ComparisonRow> rows = compareResults(first, second);
    m_rows = QList<ComparisonRow>(rows.begin(), rows.end());
    m_firstId = first.id;
    m_secondId = second.id;
    m_firstPassed = first.passed();
    m_secondPassed = second.passed();
    endResetModel();
}

void LoadTestComparisonModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_firstId = 0;
    m_secondId = 0;
    endResetModel();
}

int LoadTestComparisonModel::rowCount(const QModelIndex &parent) const
{
    // The figures, then one row with each run's overall result.
    return parent.isValid() || m_rows.isEmpty() ? 0 : int(m_rows.size()) + 1;
}

int LoadTestComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant LoadTestComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() > m_rows.size() || index.column() >= int(Column::Count))
        return {};
    const auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole)
        return int((column == Column::Figure ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);

    if (index.row() == m_rows.size()) {
        if (role != Qt::DisplayRole)
            return {};
        switch (column) {
        case Column::Figure:
            return tr("Result");
        case Column::First:
            return m_firstPassed ? tr("Pass") : tr("Fail");
        case Column::Second:
            return m_secondPassed ? tr("Pass") : tr("Fail");
        default:
            return {};
        }
    }

    const ComparisonRow &row = m_rows[index.row()];
    const FigureInfo &info = figureInfo(row.figure);
    if (role == Qt::ForegroundRole && column == Column::Change && row.better != 0)
        return m_colors.color(row.better > 0 ? ThresholdState::Ok : ThresholdState::Breach);
    if (role != Qt::DisplayRole)
        return {};
    const QString unit = LoadTestText::figureUnit(row.figure);
    switch (column) {
    case Column::Figure:
        return LoadTestText::figureTitle(row.figure);
    case Column::First:
        return formatValue(LoadTestText::displayValue(row.figure, row.first), info.decimals, unit);
    case Column::Second:
        return formatValue(LoadTestText::displayValue(row.figure, row.second), info.decimals, unit);
    case Column::Change: {
        if (std::isnan(row.changePercent))
            return row.difference == 0 ? tr("No change") : QStringLiteral("—");
        const QString sign = row.changePercent > 0 ? QStringLiteral("+") : QString();
        const QString change = sign + formatValue(row.changePercent, 1, QStringLiteral("%"));
        if (row.better > 0)
            return tr("%1, better").arg(change);
        if (row.better < 0)
            return tr("%1, worse").arg(change);
        return change;
    }
    case Column::Count:
        break;
    }
    return {};
}

QVariant LoadTestComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Figure:
        return tr("Figure");
    case Column::First:
        return m_firstId > 0 ? tr("Run %1").arg(m_firstId) : tr("First run");
    case Column::Second:
        return m_secondId > 0 ? tr("Run %1").arg(m_secondId) : tr("Second run");
    case Column::Change:
        return tr("Change");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace umg
