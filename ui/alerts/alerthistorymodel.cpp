#include "alerts/alerthistorymodel.h"

#include "alerts/alertmonitor.h"
#include "alerts/alertrulesmodel.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace umg {

AlertHistoryModel::AlertHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AlertHistoryModel::setTransitions(const QList<AlertTransition> &transitions)
{
    beginResetModel();
    m_transitions = transitions;
    endResetModel();
}

int AlertHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transitions.size());
}

int AlertHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_transitions.size())
        return {};
    const AlertTransition &transition = m_transitions[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(transition.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case RuleColumn:
            return transition.rule;
        case LabelsColumn:
            return transition.labels;
        case FromColumn:
            return alertStateText(transition.previousState);
        case ToColumn:
            return alertStateText(transition.state);
        case ValueColumn:
            return qIsNaN(transition.value) ? QString() : QLocale().toString(transition.value, 'g', 6);
        case SummaryColumn:
            return transition.summary;
        }
    } else if (role == Qt::ForegroundRole && index.column() == ToColumn) {
        return alertStateColor(transition.state);
    } else if (role == Qt::TextAlignmentRole && index.column() == ValueColumn) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant AlertHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RuleColumn:
        return tr("Rule");
    case LabelsColumn:
        return tr("Labels");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case ValueColumn:
        return tr("Value");
    case SummaryColumn:
        return tr("Summary");
    }
    return {};
}

} // namespace umg
