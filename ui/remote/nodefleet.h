#pragma once

#include "remote/endpoints.h"
#include "remote/nodeclient.h"
#include "remote/scraperecorder.h"
#include "remote/tokenstore.h"

#include <QList>
#include <QObject>

#include <optional>

class QNetworkAccessManager;

namespace umg {

/// The remote nodes and Prometheus servers the console is attached to.
///
/// Attaching starts a NodeClient at once. Secrets go to the TokenStore (the
/// system keychain) and the URLs to the settings, so that the console
/// reattaches at the next start. When the store cannot take a secret, the
/// server stays attached for this session only: it is left out of the
/// settings, nothing is written in plaintext, and warningRaised() reports it.
class NodeFleet : public QObject
{
    Q_OBJECT

public:
    /// Takes ownership of `tokens`.
    NodeFleet(WritableHistoryProvider history, TokenStore *tokens, const NodeClientOptions &options = {},
              QObject *parent = nullptr);
    /// Stops the clients and waits for the scrapes being recorded.
    ~NodeFleet() override;

    QList<NodeClient *> nodes() const;
    NodeClient *node(const QString &instance) const;
    /// True when the node's token could not be stored, so the node is
    /// forgotten when the console exits.
    bool isSessionOnly(const QString &instance) const;

    QNetworkAccessManager *network() const { return m_network; }
    ScrapeRecorder *recorder() const { return m_recorder; }
    TokenStore *tokenStore() const { return m_tokens; }
    const NodeClientOptions &options() const { return m_options; }

    /// Returns a translated sentence saying why `endpoint` cannot be
    /// attached (in place of the node `replacing`), or an empty string.
    QString checkNode(const NodeEndpoint &endpoint, const QString &replacing = {}) const;
    /// Attaches a node; returns false when checkNode() objects.
    bool attachNode(NodeEndpoint endpoint);
    /// Changes the URL, token or TLS setting of an attached node.
    bool editNode(const QString &instance, NodeEndpoint endpoint);
    void detachNode(const QString &instance);

    /// The attached Prometheus servers, with their secrets once read.
    QList<PrometheusEndpoint> prometheusServers() const;
    std::optional<PrometheusEndpoint> prometheusServer(const QString &instance) const;
    bool isPrometheusSessionOnly(const QString &instance) const;
    QString checkPrometheus(const PrometheusEndpoint &endpoint, const QString &replacing = {}) const;
    bool attachPrometheus(PrometheusEndpoint endpoint);
    bool editPrometheus(const QString &instance, PrometheusEndpoint endpoint);
    void detachPrometheus(const QString &instance);

    /// Attaches the nodes and servers saved in the settings and reads their
    /// secrets from the store. A node that needs a token starts polling when
    /// the store returns it.
    void restore();

Q_SIGNALS:
    void nodeAttached(umg::NodeClient *node);
    /// Emitted while the node is still in nodes(); it is deleted afterwards.
    void nodeAboutToBeDetached(umg::NodeClient *node);
    void nodeStateChanged(umg::NodeClient *node);
    /// The set of nodes or their instances changed.
    void nodesChanged();
    void prometheusServersChanged();
    /// A translated sentence for the person, such as a keychain failure.
    void warningRaised(const QString &message);

private:
    struct NodeEntry
    {
        NodeClient *client = nullptr;
        /// In the settings.
        bool persisted = false;
        /// The keychain contains a token for the node's URL.
        bool hasToken = false;
        bool sessionOnly = false;
    };

    struct PrometheusEntry
    {
        PrometheusEndpoint endpoint;
        bool persisted = false;
        bool hasSecret = false;
        bool sessionOnly = false;
    };

    NodeClient *createClient(const NodeEndpoint &endpoint);
    NodeEntry *nodeEntry(const NodeClient *client);
    int nodeIndex(const QString &instance) const;
    int prometheusIndex(const QString &instance) const;
    void storeNodeToken(NodeClient *client, const QString &oldKey);
    void storePrometheusSecret(const QString &instance, const QString &oldKey);
    void removeSecret(const QString &key, const QString &serverName);
    void restoreNodes();
    void restorePrometheusServers();
    void saveNodes();
    void savePrometheusServers();

    WritableHistoryProvider m_history;
    TokenStore *m_tokens = nullptr;
    NodeClientOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    ScrapeRecorder *m_recorder = nullptr;
    QList<NodeEntry> m_nodes;
    QList<PrometheusEntry> m_prometheus;
};

} // namespace umg
