#pragma once

#include "remote/endpoints.h"

#include <QList>
#include <QString>
#include <QUrl>

class QSettings;

namespace umg {

/// A node as the settings keep it: no token, only whether the keychain has one.
struct SavedNode
{
    QUrl url;
    bool verifyTls = true;
    bool hasToken = false;
};

/// A Prometheus server as the settings keep it, without its secret.
struct SavedPrometheus
{
    QUrl url;
    PrometheusEndpoint::Authentication authentication = PrometheusEndpoint::Authentication::None;
    QString username;
    bool verifyTls = true;
    int scrapeIntervalSeconds = 15;
    bool hasSecret = false;
};

/// The remote mode's part of the console settings (group `remote`). Secrets
/// never go here; the keychain keys them by server URL.
class RemoteSettings
{
public:
    static QList<SavedNode> nodes(QSettings &settings);
    static void setNodes(QSettings &settings, const QList<SavedNode> &nodes);

    static QList<SavedPrometheus> prometheusServers(QSettings &settings);
    static void setPrometheusServers(QSettings &settings, const QList<SavedPrometheus> &servers);

    /// Key of the dashboards' scope (see ScopeController), empty if never set.
    static QString scope(QSettings &settings);
    static void setScope(QSettings &settings, const QString &scope);

    /// Returns the keychain key of a node's token.
    static QString nodeTokenKey(const QUrl &url);
    /// Returns the keychain key of a Prometheus server's password or token.
    static QString prometheusSecretKey(const QUrl &url);
};

} // namespace umg
