#include "remote/scopecontroller.h"

#include "remote/nodefleet.h"
#include "remote/prometheusdatasource.h"
#include "remote/remotelog.h"
#include "remote/scopeddatasource.h"

namespace umg {
namespace {

const QString kNodePrefix = QStringLiteral("node:");
const QString kPrometheusPrefix = QStringLiteral("prometheus:");

} // namespace

ScopeController::ScopeController(NodeFleet *fleet, std::function<std::shared_ptr<const MetricHistory>()> history,
                                 QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_history(std::move(history))
    , m_current(localKey())
    , m_source(createDataSource(localKey()))
{
    connect(fleet, &NodeFleet::nodesChanged, this, &ScopeController::onFleetChanged);
    connect(fleet, &NodeFleet::prometheusServersChanged, this, &ScopeController::onFleetChanged);
}

QString ScopeController::localKey()
{
    return QStringLiteral("local");
}

QString ScopeController::fleetKey()
{
    return QStringLiteral("fleet");
}

QString ScopeController::nodeKey(const QString &instance)
{
    return kNodePrefix + instance;
}

QString ScopeController::prometheusKey(const QString &instance)
{
    return kPrometheusPrefix + instance;
}

QList<ScopeController::Scope> ScopeController::scopes() const
{
    QList<Scope> scopes;
    scopes.append({localKey(), tr("Local engine")});
    const QList<NodeClient *> nodes = m_fleet->nodes();
    scopes.append({fleetKey(), tr("Fleet: sum of %n node(s)", "", int(nodes.size()))});
    for (const NodeClient *node : nodes)
        scopes.append({nodeKey(node->instance()), tr("Node %1").arg(node->instance())});
    for (const PrometheusEndpoint &server : m_fleet->prometheusServers())
        scopes.append({prometheusKey(server.instance()), tr("Prometheus %1").arg(server.instance())});
    return scopes;
}

bool ScopeController::hasScope(const QString &key) const
{
    for (const Scope &scope : scopes()) {
        if (scope.key == key)
            return true;
    }
    return false;
}

bool ScopeController::setCurrentKey(const QString &key)
{
    if (!hasScope(key))
        return false;
    std::shared_ptr<const DashboardDataSource> source = createDataSource(key);
    if (!source)
        return false;
    const bool changed = key != m_current;
    m_current = key;
    m_source = std::move(source);
    qCInfo(lcRemote) << "dashboards show" << m_current;
    if (changed)
        Q_EMIT currentChanged(m_current);
    Q_EMIT dataSourceChanged(m_source);
    return true;
}

std::shared_ptr<const DashboardDataSource> ScopeController::createDataSource(const QString &key) const
{
    const qint64 remoteInterval = m_fleet->options().pollIntervalMs;
    if (key == localKey()) {
        return std::make_shared<ScopedHistoryDataSource>(m_history, ScopedHistoryDataSource::localScope(),
                                                         tr("Local engine"), 0);
    }
    if (key == fleetKey()) {
        QStringList instances;
        for (const NodeClient *node : m_fleet->nodes())
            instances.append(node->instance());
        return std::make_shared<ScopedHistoryDataSource>(
            m_history, ScopedHistoryDataSource::fleetScope(instances),
            tr("Fleet of %n node(s)", "", int(instances.size())), remoteInterval);
    }
    if (key.startsWith(kNodePrefix)) {
        const QString instance = key.mid(kNodePrefix.size());
        if (!m_fleet->node(instance))
            return nullptr;
        return std::make_shared<ScopedHistoryDataSource>(m_history, ScopedHistoryDataSource::nodeScope(instance),
                                                         tr("Node %1").arg(instance), remoteInterval);
    }
    if (key.startsWith(kPrometheusPrefix)) {
        if (const std::optional<PrometheusEndpoint> server = m_fleet->prometheusServer(key.mid(kPrometheusPrefix.size())))
            return std::make_shared<PrometheusDataSource>(*server);
    }
    return nullptr;
}

void ScopeController::onFleetChanged()
{
    Q_EMIT scopesChanged();
    if (m_current == localKey())
        return;
    if (hasScope(m_current)) {
        // The fleet's members or a server's credentials changed.
        setCurrentKey(m_current);
        return;
    }
    const QString lost = m_current;
    setCurrentKey(localKey());
    Q_EMIT warningRaised(tr("The dashboards show the local engine again because %1 is no longer attached.")
                             .arg(lost.mid(lost.indexOf(QLatin1Char(':')) + 1)));
}

} // namespace umg
