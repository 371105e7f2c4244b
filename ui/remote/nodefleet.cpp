#include "remote/nodefleet.h"

#include "remote/remotelog.h"
#include "remote/remotesettings.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSettings>

namespace umg {

NodeFleet::NodeFleet(WritableHistoryProvider history, TokenStore *tokens, const NodeClientOptions &options,
                     QObject *parent)
    : QObject(parent)
    , m_history(std::move(history))
    , m_tokens(tokens)
    , m_options(options)
    , m_network(new QNetworkAccessManager(this))
{
    m_tokens->setParent(this);
    exposition::ParseLimits limits;
    limits.maxBodyBytes = std::size_t(options.maxMetricsBytes);
    m_recorder = new ScrapeRecorder(m_history, limits, this);
}

NodeFleet::~NodeFleet()
{
    for (const NodeEntry &entry : std::as_const(m_nodes))
        entry.client->stop();
    m_recorder->waitForDone();
}

QList<NodeClient *> NodeFleet::nodes() const
{
    QList<NodeClient *> clients;
    clients.reserve(m_nodes.size());
    for (const NodeEntry &entry : m_nodes)
        clients.append(entry.client);
    return clients;
}

NodeClient *NodeFleet::node(const QString &instance) const
{
    const int index = nodeIndex(instance);
    return index < 0 ? nullptr : m_nodes[index].client;
}

bool NodeFleet::isSessionOnly(const QString &instance) const
{
    const int index = nodeIndex(instance);
    return index >= 0 && m_nodes[index].sessionOnly;
}

int NodeFleet::nodeIndex(const QString &instance) const
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].client->instance() == instance)
            return i;
    }
    return -1;
}

NodeFleet::NodeEntry *NodeFleet::nodeEntry(const NodeClient *client)
{
    for (NodeEntry &entry : m_nodes) {
        if (entry.client == client)
            return &entry;
    }
    return nullptr;
}

QString NodeFleet::checkNode(const NodeEndpoint &endpoint, const QString &replacing) const
{
    if (!endpoint.url.isValid() || endpoint.url.host().isEmpty())
        return tr("Enter the URL of the node, such as http://127.0.0.1:8080.");
    const QString instance = endpoint.instance();
    if (instance != replacing && nodeIndex(instance) >= 0)
        return tr("The node %1 is attached already. Edit it in the Fleet view to change its token.").arg(instance);
    return {};
}

NodeClient *NodeFleet::createClient(const NodeEndpoint &endpoint)
{
    auto *client = new NodeClient(endpoint, m_network, m_recorder, m_options, this);
    connect(client, &NodeClient::stateChanged, this, [this, client] { Q_EMIT nodeStateChanged(client); });
    return client;
}

bool NodeFleet::attachNode(NodeEndpoint endpoint)
{
    endpoint.url = EndpointUrl::asBase(endpoint.url);
    if (!checkNode(endpoint).isEmpty())
        return false;
    NodeClient *client = createClient(endpoint);
    m_nodes.append({client});
    qCInfo(lcRemote) << "attached node" << endpoint.url.toDisplayString() << "verify TLS" << endpoint.verifyTls;
    Q_EMIT nodeAttached(client);
    Q_EMIT nodesChanged();
    client->start();
    storeNodeToken(client, {});
    return true;
}

bool NodeFleet::editNode(const QString &instance, NodeEndpoint endpoint)
{
    endpoint.url = EndpointUrl::asBase(endpoint.url);
    const int index = nodeIndex(instance);
    if (index < 0 || !checkNode(endpoint, instance).isEmpty())
        return false;
    NodeEntry &entry = m_nodes[index];
    const NodeEndpoint old = entry.client->endpoint();
    if (old.instance() != endpoint.instance())
        m_recorder->recordDetached(old.instance());
    const bool oldTokenGoes = entry.hasToken && (old.url != endpoint.url || endpoint.token.isEmpty());
    const QString oldKey = oldTokenGoes ? RemoteSettings::nodeTokenKey(old.url) : QString();
    if (oldTokenGoes)
        entry.hasToken = false;
    entry.client->setEndpoint(endpoint);
    if (!entry.client->isRunning())
        entry.client->start();
    qCInfo(lcRemote) << "edited node" << instance << "now" << endpoint.url.toDisplayString();
    Q_EMIT nodesChanged();
    storeNodeToken(entry.client, oldKey);
    return true;
}

void NodeFleet::detachNode(const QString &instance)
{
    const int index = nodeIndex(instance);
    if (index < 0)
        return;
    NodeClient *client = m_nodes[index].client;
    const bool hadToken = m_nodes[index].hasToken;
    Q_EMIT nodeAboutToBeDetached(client);
    m_nodes.removeAt(index);
    client->stop();
    m_recorder->recordDetached(instance);
    if (hadToken)
        removeSecret(RemoteSettings::nodeTokenKey(client->endpoint().url), instance);
    client->deleteLater();
    saveNodes();
    qCInfo(lcRemote) << "detached node" << instance;
    Q_EMIT nodesChanged();
}

void NodeFleet::storeNodeToken(NodeClient *client, const QString &oldKey)
{
    const NodeEndpoint endpoint = client->endpoint();
    const QString key = RemoteSettings::nodeTokenKey(endpoint.url);
    if (endpoint.token.isEmpty()) {
        if (NodeEntry *entry = nodeEntry(client)) {
            entry->persisted = true;
            entry->sessionOnly = false;
        }
        saveNodes();
        if (!oldKey.isEmpty())
            removeSecret(oldKey, endpoint.instance());
        return;
    }

    QPointer<NodeClient> guard(client);
    m_tokens->write(key, endpoint.token, [this, guard, endpoint, oldKey, key](const TokenStore::Result &result) {
        NodeEntry *entry = guard ? nodeEntry(guard) : nullptr;
        // Detached or edited again while the store was busy.
        if (!entry || entry->client->endpoint().url != endpoint.url || entry->client->endpoint().token != endpoint.token)
            return;
        if (result.status == TokenStore::Status::Ok) {
            entry->persisted = true;
            entry->hasToken = true;
            entry->sessionOnly = false;
            saveNodes();
            if (!oldKey.isEmpty() && oldKey != key)
                removeSecret(oldKey, endpoint.instance());
        } else {
            entry->persisted = false;
            entry->sessionOnly = true;
            saveNodes();
            Q_EMIT warningRaised(
                tr("The token of %1 could not be stored in the system keychain: %2. The node stays attached for this "
                   "session only and is not reconnected at the next start; nothing was written to disk. Start or "
                   "unlock a keychain service (such as GNOME Keyring or KWallet) and attach the node again to keep it.")
                    .arg(endpoint.instance(), result.error));
            Q_EMIT nodeStateChanged(entry->client);
        }
    });
}

void NodeFleet::removeSecret(const QString &key, const QString &serverName)
{
    const QString service = KeychainTokenStore::defaultService();
    m_tokens->remove(key, [this, key, serverName, service](const TokenStore::Result &result) {
        if (result.status == TokenStore::Status::Ok)
            return;
        Q_EMIT warningRaised(tr("The secret of %1 could not be deleted from the system keychain: %2. Delete the entry "
                                "\"%3\" of \"%4\" with your keychain manager.")
                                 .arg(serverName, result.error, key, service));
    });
}

void NodeFleet::restore()
{
    restoreNodes();
    restorePrometheusServers();
}

void NodeFleet::restoreNodes()
{
    QSettings settings;
    for (const SavedNode &saved : RemoteSettings::nodes(settings)) {
        NodeEndpoint endpoint;
        endpoint.url = saved.url;
        endpoint.verifyTls = saved.verifyTls;
        if (!checkNode(endpoint).isEmpty())
            continue;
        NodeClient *client = createClient(endpoint);
        m_nodes.append({client, true, saved.hasToken, false});
        Q_EMIT nodeAttached(client);
        if (!saved.hasToken) {
            client->start();
            continue;
        }

        client->setWaitingMessage(tr("Reading the token from the system keychain…"));
        QPointer<NodeClient> guard(client);
        m_tokens->read(RemoteSettings::nodeTokenKey(saved.url), [this, guard](const TokenStore::Result &result) {
            if (!guard || !nodeEntry(guard) || guard->isRunning())
                return;
            NodeEndpoint endpoint = guard->endpoint();
            const QString instance = endpoint.instance();
            if (result.status == TokenStore::Status::Ok) {
                endpoint.token = result.secret;
                guard->setEndpoint(endpoint);
            } else if (result.status == TokenStore::Status::NotFound) {
                nodeEntry(guard)->hasToken = false;
                Q_EMIT warningRaised(tr("The system keychain has no token for %1. If the node needs one, edit the "
                                        "node in the Fleet view and enter it.")
                                         .arg(instance));
            } else {
                Q_EMIT warningRaised(tr("The token of %1 could not be read from the system keychain: %2. The node "
                                        "connects without its token until you edit it and enter the token (kept for "
                                        "this session only), or unlock the keychain and restart the console.")
                                         .arg(instance, result.error));
            }
            guard->start();
        });
    }
    if (!m_nodes.isEmpty()) {
        qCInfo(lcRemote) << "reattaching" << m_nodes.size() << "nodes from the settings";
        Q_EMIT nodesChanged();
    }
}

void NodeFleet::saveNodes()
{
    QList<SavedNode> saved;
    for (const NodeEntry &entry : std::as_const(m_nodes)) {
        if (entry.persisted)
            saved.append({entry.client->endpoint().url, entry.client->endpoint().verifyTls, entry.hasToken});
    }
    QSettings settings;
    RemoteSettings::setNodes(settings, saved);
}

QList<PrometheusEndpoint> NodeFleet::prometheusServers() const
{
    QList<PrometheusEndpoint> servers;
    for (const PrometheusEntry &entry : m_prometheus)
        servers.append(entry.endpoint);
    return servers;
}

std::optional<PrometheusEndpoint> NodeFleet::prometheusServer(const QString &instance) const
{
    const int index = prometheusIndex(instance);
    if (index < 0)
        return std::nullopt;
    return m_prometheus[index].endpoint;
}

bool NodeFleet::isPrometheusSessionOnly(const QString &instance) const
{
    const int index = prometheusIndex(instance);
    return index >= 0 && m_prometheus[index].sessionOnly;
}

int NodeFleet::prometheusIndex(const QString &instance) const
{
    for (int i = 0; i < m_prometheus.size(); ++i) {
        if (m_prometheus[i].endpoint.instance() == instance)
            return i;
    }
    return -1;
}

QString NodeFleet::checkPrometheus(const PrometheusEndpoint &endpoint, const QString &replacing) const
{
    if (!endpoint.url.isValid() || endpoint.url.host().isEmpty())
        return tr("Enter the URL of the Prometheus server, such as http://127.0.0.1:9090.");
    const QString instance = endpoint.instance();
    if (instance != replacing && prometheusIndex(instance) >= 0)
        return tr("The Prometheus server %1 is attached already.").arg(instance);
    return {};
}

bool NodeFleet::attachPrometheus(PrometheusEndpoint endpoint)
{
    endpoint.url = EndpointUrl::asBase(endpoint.url);
    if (!checkPrometheus(endpoint).isEmpty())
        return false;
    m_prometheus.append({endpoint});
    qCInfo(lcRemote) << "attached Prometheus server" << endpoint.url.toDisplayString();
    Q_EMIT prometheusServersChanged();
    storePrometheusSecret(endpoint.instance(), {});
    return true;
}

bool NodeFleet::editPrometheus(const QString &instance, PrometheusEndpoint endpoint)
{
    endpoint.url = EndpointUrl::asBase(endpoint.url);
    const int index = prometheusIndex(instance);
    if (index < 0 || !checkPrometheus(endpoint, instance).isEmpty())
        return false;
    PrometheusEntry &entry = m_prometheus[index];
    const bool oldSecretGoes = entry.hasSecret && (entry.endpoint.url != endpoint.url || endpoint.secret.isEmpty());
    const QString oldKey = oldSecretGoes ? RemoteSettings::prometheusSecretKey(entry.endpoint.url) : QString();
    if (oldSecretGoes)
        entry.hasSecret = false;
    entry.endpoint = endpoint;
    Q_EMIT prometheusServersChanged();
    storePrometheusSecret(endpoint.instance(), oldKey);
    return true;
}

void NodeFleet::detachPrometheus(const QString &instance)
{
    const int index = prometheusIndex(instance);
    if (index < 0)
        return;
    const PrometheusEntry entry = m_prometheus.takeAt(index);
    if (entry.hasSecret)
        removeSecret(RemoteSettings::prometheusSecretKey(entry.endpoint.url), instance);
    savePrometheusServers();
    qCInfo(lcRemote) << "detached Prometheus server" << instance;
    Q_EMIT prometheusServersChanged();
}

void NodeFleet::storePrometheusSecret(const QString &instance, const QString &oldKey)
{
    const int index = prometheusIndex(instance);
    if (index < 0)
        return;
    const PrometheusEndpoint endpoint = m_prometheus[index].endpoint;
    const QString key = RemoteSettings::prometheusSecretKey(endpoint.url);
    if (endpoint.secret.isEmpty()) {
        m_prometheus[index].persisted = true;
        m_prometheus[index].sessionOnly = false;
        savePrometheusServers();
        if (!oldKey.isEmpty())
            removeSecret(oldKey, instance);
        return;
    }

    m_tokens->write(key, endpoint.secret, [this, endpoint, oldKey, key](const TokenStore::Result &result) {
        const int index = prometheusIndex(endpoint.instance());
        if (index < 0 || m_prometheus[index].endpoint.url != endpoint.url
            || m_prometheus[index].endpoint.secret != endpoint.secret)
            return;
        PrometheusEntry &entry = m_prometheus[index];
        if (result.status == TokenStore::Status::Ok) {
            entry.persisted = true;
            entry.hasSecret = true;
            entry.sessionOnly = false;
            savePrometheusServers();
            if (!oldKey.isEmpty() && oldKey != key)
                removeSecret(oldKey, endpoint.instance());
            return;
        }
        entry.persisted = false;
        entry.sessionOnly = true;
        savePrometheusServers();
        Q_EMIT warningRaised(tr("The credentials of the Prometheus server %1 could not be stored in the system "
                                "keychain: %2. The server stays attached for this session only and is not reattached "
                                "at the next start; nothing was written to disk. Start or unlock a keychain service "
                                "(such as GNOME Keyring or KWallet) and attach the server again to keep it.")
                                 .arg(endpoint.instance(), result.error));
        Q_EMIT prometheusServersChanged();
    });
}

void NodeFleet::restorePrometheusServers()
{
    QSettings settings;
    bool restored = false;
    for (const SavedPrometheus &saved : RemoteSettings::prometheusServers(settings)) {
        PrometheusEndpoint endpoint;
        endpoint.url = saved.url;
        endpoint.authentication = saved.authentication;
        endpoint.username = saved.username;
        endpoint.verifyTls = saved.verifyTls;
        endpoint.scrapeIntervalSeconds = saved.scrapeIntervalSeconds;
        if (!checkPrometheus(endpoint).isEmpty())
            continue;
        m_prometheus.append({endpoint, true, saved.hasSecret, false});
        restored = true;
        if (!saved.hasSecret)
            continue;

        const QString instance = endpoint.instance();
        m_tokens->read(RemoteSettings::prometheusSecretKey(saved.url),
                       [this, instance, url = saved.url](const TokenStore::Result &result) {
                           const int index = prometheusIndex(instance);
                           if (index < 0 || m_prometheus[index].endpoint.url != url)
                               return;
                           if (result.status == TokenStore::Status::Ok) {
                               m_prometheus[index].endpoint.secret = result.secret;
                               Q_EMIT prometheusServersChanged();
                           } else if (result.status == TokenStore::Status::NotFound) {
                               m_prometheus[index].hasSecret = false;
                               Q_EMIT warningRaised(tr("The system keychain has no credentials for the Prometheus "
                                                       "server %1. Edit the server in the Fleet view and enter them.")
                                                        .arg(instance));
                           } else {
                               Q_EMIT warningRaised(tr("The credentials of the Prometheus server %1 could not be read "
                                                       "from the system keychain: %2. Edit the server to enter them "
                                                       "for this session, or unlock the keychain and restart the "
                                                       "console.")
                                                        .arg(instance, result.error));
                           }
                       });
    }
    if (restored)
        Q_EMIT prometheusServersChanged();
}

void NodeFleet::savePrometheusServers()
{
    QList<SavedPrometheus> saved;
    for (const PrometheusEntry &entry : std::as_const(m_prometheus)) {
        if (!entry.persisted)
            continue;
        const PrometheusEndpoint &endpoint = entry.endpoint;
        saved.append({endpoint.url, endpoint.authentication, endpoint.username, endpoint.verifyTls,
                      endpoint.scrapeIntervalSeconds, entry.hasSecret});
    }
    QSettings settings;
    RemoteSettings::setPrometheusServers(settings, saved);
}

} // namespace umg
