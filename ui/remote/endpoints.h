#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace umg {

/// An `unmogrowp-node serve` process the console attaches to.
struct NodeEndpoint
{
    /// Base URL of the node's HTTP API, ending in `/`.
    QUrl url;
    /// Bearer token; empty for a node without one. Kept in memory and in the
    /// system keychain, never in the settings.
    QString token;
    bool verifyTls = true;

    /// Returns `host:port`, the node's `instance` label in the metric history.
    QString instance() const;
};

/// A Prometheus server whose HTTP API evaluates the dashboards' queries.
struct PrometheusEndpoint
{
    enum class Authentication { None, Basic, Bearer, Count };

    /// Base URL of the server, ending in `/`.
    QUrl url;
    Authentication authentication = Authentication::None;
    /// User name for basic authentication.
    QString username;
    /// Password for basic authentication or the bearer token; kept like a
    /// node's token.
    QString secret;
    bool verifyTls = true;
    /// The server's scrape interval in seconds, which sizes `$__rate_interval`
    /// like Grafana's data source setting of the same name.
    int scrapeIntervalSeconds = 15;

    /// Returns `host:port` of the server.
    QString instance() const;
    /// Returns the value of the Authorization header, empty without authentication.
    QByteArray authorization() const;
};

class EndpointUrl
{
    Q_DECLARE_TR_FUNCTIONS(umg::EndpointUrl)

public:
    /// Turns what a person typed into a base URL: `http://` is added when the
    /// scheme is missing, the path gets a trailing `/`, and query and
    /// fragment are dropped. Returns nothing and sets `error` to a
    /// translated sentence for anything but an http or https URL with a host.
    static std::optional<QUrl> parse(const QString &text, QString *error);

    /// Returns `url` with a trailing `/` on its path, so that API paths
    /// resolve below it rather than beside its last segment.
    static QUrl asBase(QUrl url);
};

} // namespace umg
