#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace umg {

/// Status of a node as `GET /v1/status` reports it (see docs/HTTP-API.md).
struct NodeStatusReport
{
    QString service;
    QString version;
    double uptimeSeconds = 0;
    /// `ok`, `degraded` or `draining`.
    QString health;
    QStringList problems;
    QStringList warnings;
    /// Events waiting in the worker queues.
    std::optional<double> queuedEvents;
    /// Messages behind the Kafka high watermarks, summed over partitions;
    /// only for nodes that consume from Kafka.
    std::optional<double> kafkaLag;
    /// Last error of the node's Kafka consumer; empty when there is none.
    QString kafkaError;
};

class NodeStatusParser
{
    Q_DECLARE_TR_FUNCTIONS(umg::NodeStatusParser)

public:
    /// Parses a status document. Returns nothing and sets `error` to a
    /// translated sentence when `body` is not the status of an UnMoGrowP node.
    static std::optional<NodeStatusReport> parse(const QByteArray &body, QString *error);
};

} // namespace umg
