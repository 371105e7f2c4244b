#include "remote/fleetmodel.h"

#include "remote/nodefleet.h"

#include "widgets/valueformat.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <cmath>

namespace umg {
namespace {

QString formatDuration(double seconds)
{
    const qint64 total = qint64(std::max(0.0, seconds));
    const qint64 days = total / 86'400;
    const qint64 hours = total % 86'400 / 3600;
    const qint64 minutes = total % 3600 / 60;
    if (days > 0)
        return FleetModel::tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return FleetModel::tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return FleetModel::tr("%1 min %2 s").arg(minutes).arg(total % 60);
    return FleetModel::tr("%1 s").arg(total);
}

QColor healthColor(NodeHealth health)
{
    switch (health) {
    case NodeHealth::Up:
        return QColor(0x2e, 0x7d, 0x32);
    case NodeHealth::Degraded:
    case NodeHealth::Draining:
        return QColor(0xb2, 0x6a, 0x00);
    case NodeHealth::Down:
    case NodeHealth::Unauthorized:
        return QColor(0xc6, 0x28, 0x28);
    case NodeHealth::Connecting:
    case NodeHealth::Count:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

} // namespace

FleetModel::FleetModel(NodeFleet *fleet, QObject *parent)
    : QAbstractTableModel(parent)
    , m_fleet(fleet)
{
    for (NodeClient *node : fleet->nodes())
        m_nodes.append(node);
    connect(fleet, &NodeFleet::nodeAttached, this, &FleetModel::onAttached);
    connect(fleet, &NodeFleet::nodeAboutToBeDetached, this, &FleetModel::onAboutToBeDetached);
    connect(fleet, &NodeFleet::nodeStateChanged, this, &FleetModel::onStateChanged);
}

int FleetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

int FleetModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

int FleetModel::rowOf(const QString &instance) const
{
    for (int row = 0; row < m_nodes.size(); ++row) {
        if (m_nodes[row] && m_nodes[row]->instance() == instance)
            return row;
    }
    return -1;
}

NodeClient *FleetModel::nodeAt(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes[row].data() : nullptr;
}

void FleetModel::onAttached(NodeClient *node)
{
    const int row = int(m_nodes.size());
    beginInsertRows({}, row, row);
    m_nodes.append(node);
    endInsertRows();
}

void FleetModel::onAboutToBeDetached(NodeClient *node)
{
    const int row = int(m_nodes.indexOf(node));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_nodes.removeAt(row);
    endRemoveRows();
}

void FleetModel::onStateChanged(NodeClient *node)
{
    const int row = int(m_nodes.indexOf(node));
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, int(Column::Count) - 1));
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Node:
        return tr("Node");
    case Column::Health:
        return tr("Health");
    case Column::Version:
        return tr("Version");
    case Column::Uptime:
        return tr("Uptime");
    case Column::Throughput:
        return tr("Events/s");
    case Column::QueueDepth:
        return tr("Queue depth");
    case Column::KafkaLag:
        return tr("Kafka lag");
    case Column::LastError:
        return tr("Last error");
    case Column::Since:
        return tr("Up or down since");
    case Column::Count:
        break;
    }
    return {};
}

QVariant FleetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NodeClient *node = m_nodes[index.row()];
    if (!node)
        return {};
    const Column column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(*node, column);
    case Qt::ToolTipRole:
        return toolTip(*node, column);
    case Qt::ForegroundRole:
        if (column == Column::Health)
            return QBrush(healthColor(node->state().health));
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::Throughput || column == Column::QueueDepth || column == Column::KafkaLag
            || column == Column::Uptime)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case InstanceRole:
        return node->instance();
    case SortRole:
        return sortValue(*node, column);
    default:
        return {};
    }
}

QVariant FleetModel::display(const NodeClient &node, Column column) const
{
    const NodeState &state = node.state();
    switch (column) {
    case Column::Node:
        return m_fleet && m_fleet->isSessionOnly(node.instance()) ? tr("%1 (this session only)").arg(node.instance())
                                                                  : node.instance();
    case Column::Health:
        return nodeHealthText(state.health);
    case Column::Version:
        return state.version;
    case Column::Uptime:
        return state.uptimeSeconds ? formatDuration(*state.uptimeSeconds) : QString();
    case Column::Throughput:
        return state.eventsPerSecond ? formatValue(*state.eventsPerSecond, 0, {}) : QString();
    case Column::QueueDepth:
        return state.queueDepth ? formatCount(qint64(*state.queueDepth)) : QString();
    case Column::KafkaLag:
        return state.kafkaLag ? formatCount(qint64(*state.kafkaLag)) : QString();
    case Column::LastError:
        return state.lastError;
    case Column::Since:
        return state.since.isValid() ? QLocale().toString(state.since, QLocale::ShortFormat) : QString();
    case Column::Count:
        break;
    }
    return {};
}

QVariant FleetModel::sortValue(const NodeClient &node, Column column) const
{
    const NodeState &state = node.state();
    switch (column) {
    case Column::Health:
        return int(state.health);
    case Column::Uptime:
        return state.uptimeSeconds.value_or(-1);
    case Column::Throughput:
        return state.eventsPerSecond.value_or(-1);
    case Column::QueueDepth:
        return state.queueDepth.value_or(-1);
    case Column::KafkaLag:
        return state.kafkaLag.value_or(-1);
    case Column::Since:
        return state.since;
    default:
        return display(node, column);
    }
}

QVariant FleetModel::toolTip(const NodeClient &node, Column column) const
{
    const NodeState &state = node.state();
    switch (column) {
    case Column::Node:
        return node.endpoint().verifyTls || node.endpoint().url.scheme() != QLatin1String("https")
                   ? node.endpoint().url.toDisplayString()
                   : tr("%1 (certificate not verified)").arg(node.endpoint().url.toDisplayString());
    case Column::Health:
        if (!nodeAnswers(state.health) && state.health != NodeHealth::Connecting)
            return tr("Retrying in %1 s").arg(QLocale().toString(state.nextPollMs / 1000.0, 'f', 1));
        return {};
    case Column::LastError:
        return state.lastError;
    case Column::Since:
        return state.lastContact.isValid()
                   ? tr("Last answer: %1").arg(QLocale().toString(state.lastContact, QLocale::LongFormat))
                   : QVariant();
    default:
        return {};
    }
}

} // namespace umg
