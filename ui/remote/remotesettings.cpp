#include "remote/remotesettings.h"

#include <QSettings>

#include <algorithm>

namespace umg {
namespace {

const QString kNodes = QStringLiteral("remote/nodes");
const QString kPrometheus = QStringLiteral("remote/prometheus");
const QString kScope = QStringLiteral("remote/scope");
const QString kUrl = QStringLiteral("url");
const QString kVerifyTls = QStringLiteral("verifyTls");
const QString kHasToken = QStringLiteral("tokenInKeychain");
const QString kAuthentication = QStringLiteral("authentication");
const QString kUsername = QStringLiteral("username");
const QString kScrapeInterval = QStringLiteral("scrapeIntervalSeconds");

QString authenticationKey(PrometheusEndpoint::Authentication authentication)
{
    switch (authentication) {
    case PrometheusEndpoint::Authentication::Basic:
        return QStringLiteral("basic");
    case PrometheusEndpoint::Authentication::Bearer:
        return QStringLiteral("bearer");
    case PrometheusEndpoint::Authentication::None:
    case PrometheusEndpoint::Authentication::Count:
        break;
    }
    return QStringLiteral("none");
}

PrometheusEndpoint::Authentication authenticationFromKey(const QString &key)
{
    if (key == QLatin1String("basic"))
        return PrometheusEndpoint::Authentication::Basic;
    if (key == QLatin1String("bearer"))
        return PrometheusEndpoint::Authentication::Bearer;
    return PrometheusEndpoint::Authentication::None;
}

} // namespace

QList<SavedNode> RemoteSettings::nodes(QSettings &settings)
{
    QList<SavedNode> nodes;
    const int count = settings.beginReadArray(kNodes);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SavedNode node;
        node.url = settings.value(kUrl).toUrl();
        node.verifyTls = settings.value(kVerifyTls, true).toBool();
        node.hasToken = settings.value(kHasToken, false).toBool();
        if (node.url.isValid() && !node.url.host().isEmpty())
            nodes.append(node);
    }
    settings.endArray();
    return nodes;
}

void RemoteSettings::setNodes(QSettings &settings, const QList<SavedNode> &nodes)
{
    settings.remove(kNodes);
    settings.beginWriteArray(kNodes, int(nodes.size()));
    for (int i = 0; i < nodes.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(kUrl, nodes[i].url.toString());
        settings.setValue(kVerifyTls, nodes[i].verifyTls);
        settings.setValue(kHasToken, nodes[i].hasToken);
    }
    settings.endArray();
}

QList<SavedPrometheus> RemoteSettings::prometheusServers(QSettings &settings)
{
    QList<SavedPrometheus> servers;
    const int count = settings.beginReadArray(kPrometheus);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SavedPrometheus server;
        server.url = settings.value(kUrl).toUrl();
        server.authentication = authenticationFromKey(settings.value(kAuthentication).toString());
        server.username = settings.value(kUsername).toString();
        server.verifyTls = settings.value(kVerifyTls, true).toBool();
        server.scrapeIntervalSeconds = std::max(1, settings.value(kScrapeInterval, 15).toInt());
        server.hasSecret = settings.value(kHasToken, false).toBool();
        if (server.url.isValid() && !server.url.host().isEmpty())
            servers.append(server);
    }
    settings.endArray();
    return servers;
}

void RemoteSettings::setPrometheusServers(QSettings &settings, const QList<SavedPrometheus> &servers)
{
    settings.remove(kPrometheus);
    settings.beginWriteArray(kPrometheus, int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(kUrl, servers[i].url.toString());
        settings.setValue(kAuthentication, authenticationKey(servers[i].authentication));
        settings.setValue(kUsername, servers[i].username);
        settings.setValue(kVerifyTls, servers[i].verifyTls);
        settings.setValue(kScrapeInterval, servers[i].scrapeIntervalSeconds);
        settings.setValue(kHasToken, servers[i].hasSecret);
    }
    settings.endArray();
}

QString RemoteSettings::scope(QSettings &settings)
{
    return settings.value(kScope).toString();
}

void RemoteSettings::setScope(QSettings &settings, const QString &scope)
{
    settings.setValue(kScope, scope);
}

QString RemoteSettings::nodeTokenKey(const QUrl &url)
{
    return QStringLiteral("node ") + url.toString();
}

QString RemoteSettings::prometheusSecretKey(const QUrl &url)
{
    return QStringLiteral("prometheus ") + url.toString();
}

} // namespace umg
