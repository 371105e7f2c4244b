#include "loadtest/loadtestrunsmodel.h"

#include "loadtest/loadtesttext.h"
#include "widgets/valueformat.h"

#include <QDateTime>

namespace umg {

LoadTestRunsModel::LoadTestRunsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void LoadTestRunsModel::setRuns(const QList<LoadTestRunRow> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

qint64 LoadTestRunsModel::runIdAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs[row].id : 0;
}

int LoadTestRunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int LoadTestRunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant LoadTestRunsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_runs.size() || index.column() >= int(Column::Count))
        return {};
    const LoadTestRunRow &run = m_runs[index.row()];
    if (role == kRunIdRole)
        return qint64(run.id);
    const auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = column == Column::Id || column >= Column::Rate;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Id:
        return qint64(run.id);
    case Column::Started:
        return formatDateTime(QDateTime::fromMSecsSinceEpoch(run.startedAtMs));
    case Column::Name:
        return QString::fromStdString(run.name);
    case Column::Target:
        return QString::fromStdString(run.target);
    case Column::Outcome:
        return LoadTestText::outcomeText(run.outcome);
    case Column::Result:
        return run.passed ? tr("Pass") : tr("Fail");
    case Column::Rate:
        return formatValue(run.rate, 0, tr("events/s"));
    case Column::Throughput:
        return formatValue(run.throughput, 0, tr("events/s"));
    case Column::P95:
        return formatValue(run.latencyP95Ms, 2, tr("ms"));
    case Column::P99:
        return formatValue(run.latencyP99Ms, 2, tr("ms"));
    case Column::ErrorRate:
        return formatValue(run.errorRatePercent, 3, QStringLiteral("%"));
    case Column::Accuracy:
        return formatValue(run.accuracyPercent, 3, QStringLiteral("%"));
    case Column::Count:
        break;
    }
    return {};
}

QVariant LoadTestRunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Id:
        return tr("Run");
    case Column::Started:
        return tr("Started");
    case Column::Name:
        return tr("Profile");
    case Column::Target:
        return tr("Target");
    case Column::Outcome:
        return tr("Outcome");
    case Column::Result:
        return tr("Result");
    case Column::Rate:
        return tr("Rate");
    case Column::Throughput:
        return tr("Throughput");
    case Column::P95:
        return tr("P95");
    case Column::P99:
        return tr("P99");
    case Column::ErrorRate:
        return tr("Error rate");
    case Column::Accuracy:
        return tr("Accuracy");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace umg
