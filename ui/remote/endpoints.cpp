#include "remote/endpoints.h"

#include "remote/httpfetch.h"

namespace umg {

QString NodeEndpoint::instance() const
{
    return FetchMessages::hostAndPort(url);
}

QString PrometheusEndpoint::instance() const
{
    return FetchMessages::hostAndPort(url);
}

QByteArray PrometheusEndpoint::authorization() const
{
    switch (authentication) {
    case Authentication::Basic:
        return "Basic " + (username + QLatin1Char(':') + secret).toUtf8().toBase64();
    case Authentication::Bearer:
        return "Bearer " + secret.toUtf8();
    case Authentication::None:
    case Authentication::Count:
        break;
    }
    return {};
}

std::optional<QUrl> EndpointUrl::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (error)
            *error = tr("Enter the URL of the server, such as http://127.0.0.1:8080.");
        return std::nullopt;
    }
    QUrl url = QUrl::fromUserInput(trimmed.contains(QLatin1String("://")) ? trimmed
                                                                          : QStringLiteral("http://") + trimmed);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (error)
            *error = tr("\"%1\" is not an http:// or https:// URL. Enter an address such as http://127.0.0.1:8080.")
                         .arg(trimmed);
        return std::nullopt;
    }
    if (url.host().isEmpty()) {
        if (error)
            *error = tr("The URL \"%1\" has no host name. Enter an address such as http://127.0.0.1:8080.").arg(trimmed);
        return std::nullopt;
    }
    if (!url.userInfo().isEmpty()) {
        if (error)
            *error = tr("Remove the user name and password from the URL and enter them in the credential fields, "
                        "which keep them in the system keychain.");
        return std::nullopt;
    }
    url.setScheme(scheme);
    url.setQuery(QString());
    url.setFragment(QString());
    return asBase(url);
}

QUrl EndpointUrl::asBase(QUrl url)
{
    if (!url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path() + QLatin1Char('/'));
    return url;
}

} // namespace umg
