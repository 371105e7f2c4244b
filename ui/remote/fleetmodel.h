#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace umg {

class NodeClient;
class NodeFleet;

/// One row per attached node: its health, version, uptime, throughput,
/// queue depth, Kafka consumer lag, last error and since when it is up or
/// down. Rows follow the fleet's attach and detach signals.
class FleetModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Node, Health, Version, Uptime, Throughput, QueueDepth, KafkaLag, LastError, Since, Count };

    enum Role {
        /// The node's instance (`host:port`) in every column.
        InstanceRole = Qt::UserRole + 1,
        /// The column's value as a number (or a string) for sorting.
        SortRole,
    };

    explicit FleetModel(NodeFleet *fleet, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Returns the row of the node `instance`, or -1.
    int rowOf(const QString &instance) const;
    NodeClient *nodeAt(int row) const;

private:
    void onAttached(NodeClient *node);
    void onAboutToBeDetached(NodeClient *node);
    void onStateChanged(NodeClient *node);

    QVariant display(const NodeClient &node, Column column) const;
    QVariant sortValue(const NodeClient &node, Column column) const;
    QVariant toolTip(const NodeClient &node, Column column) const;

    QPointer<NodeFleet> m_fleet;
    QList<QPointer<NodeClient>> m_nodes;
};

} // namespace umg
