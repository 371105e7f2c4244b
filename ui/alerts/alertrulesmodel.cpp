#include "alerts/alertrulesmodel.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace umg {
namespace {

int stateRank(alerts::AlertState state)
{
    switch (state) {
    case alerts::AlertState::Firing:
        return 2;
    case alerts::AlertState::Pending:
        return 1;
    case alerts::AlertState::Inactive:
        break;
    }
    return 0;
}

int severityRank(const QString &severity)
{
    if (severity == QLatin1String("critical"))
        return 2;
    if (severity == QLatin1String("warning"))
        return 1;
    return 0;
}

} // namespace

QColor alertStateColor(alerts::AlertState state)
{
    switch (state) {
    case alerts::AlertState::Firing:
        return QColor(0xc6, 0x28, 0x28);
    case alerts::AlertState::Pending:
        return QColor(0xe6, 0x8a, 0x00);
    case alerts::AlertState::Inactive:
        break;
    }
    return QColor(0x2e, 0x7d, 0x32);
}

AlertRulesModel::AlertRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AlertRulesModel::setRows(const QList<AlertRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int AlertRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertRulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AlertRow &row = m_rows[index.row()];
    if (role == StateRole)
        return int(row.state);
    if (role == SeverityRole)
        return row.severity;
    if (role == RunbookRole)
        return row.runbook;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            return row.error.isEmpty() ? alertStateText(row.state)
                                       : tr("%1 (evaluation failed)").arg(alertStateText(row.state));
        case RuleColumn:
            return row.rule;
        case LabelsColumn:
            return row.labels;
        case SeverityColumn:
            return row.severity;
        case SinceColumn:
            return row.sinceMs > 0
                ? QDateTime::fromMSecsSinceEpoch(row.sinceMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                : QString();
        case ValueColumn:
            return qIsNaN(row.value) ? QString() : QLocale().toString(row.value, 'g', 6);
        case SummaryColumn:
            return row.summary;
        case RunbookColumn:
            return row.runbook.toString();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !row.error.isEmpty())
            return row.error;
        if (index.column() == SummaryColumn)
            return row.description;
        if (index.column() == RunbookColumn)
            return tr("Open the runbook of %1 in the browser").arg(row.rule);
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return QColor(Qt::white);
        if (index.column() == RunbookColumn)
            return QColor(0x15, 0x65, 0xc0);
        break;
    case Qt::BackgroundRole:
        if (index.column() == StateColumn)
            return alertStateColor(row.state);
        break;
    case Qt::FontRole:
        if (index.column() == RunbookColumn) {
            QFont font;
            font.setUnderline(true);
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == ValueColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant AlertRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn:
        return tr("State");
    case RuleColumn:
        return tr("Rule");
    case LabelsColumn:
        return tr("Labels");
    case SeverityColumn:
        return tr("Severity");
    case SinceColumn:
        return tr("Since");
    case ValueColumn:
        return tr("Value");
    case SummaryColumn:
        return tr("Summary");
    case RunbookColumn:
        return tr("Runbook");
    }
    return {};
}

AlertFilterModel::AlertFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void AlertFilterModel::setStateFilter(std::optional<alerts::AlertState> state)
{
    m_state = state;
    invalidateFilter();
}

void AlertFilterModel::setSeverityFilter(const QString &severity)
{
    m_severity = severity;
    invalidateFilter();
}

void AlertFilterModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool AlertFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const AlertRulesModel *>(sourceModel());
    if (!model || sourceParent.isValid() || sourceRow >= model->rows().size())
        return false;
    const AlertRow &row = model->rows()[sourceRow];
    if (m_state && row.state != *m_state)
        return false;
    if (!m_severity.isEmpty() && row.severity != m_severity)
        return false;
    if (m_search.isEmpty())
        return true;
    return row.rule.contains(m_search, Qt::CaseInsensitive) || row.labels.contains(m_search, Qt::CaseInsensitive)
        || row.summary.contains(m_search, Qt::CaseInsensitive);
}

bool AlertFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *model = qobject_cast<const AlertRulesModel *>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::lessThan(left, right);
    const AlertRow &a = model->rows()[left.row()];
    const AlertRow &b = model->rows()[right.row()];
    switch (left.column()) {
    case AlertRulesModel::StateColumn:
        return stateRank(a.state) < stateRank(b.state);
    case AlertRulesModel::SeverityColumn:
        return severityRank(a.severity) < severityRank(b.severity);
    case AlertRulesModel::SinceColumn:
        return a.sinceMs < b.sinceMs;
    case AlertRulesModel::ValueColumn:
        return (qIsNaN(a.value) ? -qInf() : a.value) < (qIsNaN(b.value) ? -qInf() : b.value);
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace umg
