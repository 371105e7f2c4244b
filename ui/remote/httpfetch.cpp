#include "remote/httpfetch.h"

#include "remote/remotelog.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

namespace umg {
namespace {

// Maximum length of a peer's error text quoted in a message.
constexpr int kQuotedErrorChars = 200;

// Returns the `error` field of a JSON error body (the node and Prometheus
// both send one), shortened and without control characters.
QString quotedError(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    QString text = document.object().value(QStringLiteral("error")).toString();
    text = text.left(kQuotedErrorChars);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char(' ');
    }
    return text.trimmed();
}

} // namespace

HttpFetch *HttpFetch::get(QNetworkAccessManager *manager, const QUrl &url, const FetchOptions &options,
                          QObject *parent)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", options.accept);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("unmogrowp-console/%1").arg(QCoreApplication::applicationVersion()));
    if (!options.authorization.isEmpty())
        request.setRawHeader("Authorization", options.authorization);
    if (!options.verifyTls && url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }
    return new HttpFetch(manager->get(request), url, options, parent);
}

FetchResult HttpFetch::getAndWait(QNetworkAccessManager *manager, const QUrl &url, const FetchOptions &options)
{
    FetchResult result;
    QEventLoop loop;
    QPointer<HttpFetch> fetch = get(manager, url, options);
    connect(fetch, &HttpFetch::finished, &loop, [&](const FetchResult &finished) {
        result = finished;
        loop.quit();
    });
    loop.exec();
    // A worker thread runs no event loop after this one, so the deferred
    // deletion that finish() requested would never happen.
    delete fetch.data();
    return result;
}

HttpFetch::HttpFetch(QNetworkReply *reply, const QUrl &url, const FetchOptions &options, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_url(url)
    , m_options(options)
    , m_deadline(new QTimer(this))
{
    m_elapsed.start();
    reply->setParent(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] { abortWith(FetchResult::Failure::Timeout); });
    m_deadline->start(options.timeoutMs);

    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpFetch::checkDeclaredLength);
    connect(reply, &QNetworkReply::readyRead, this, &HttpFetch::readBody);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // The manager reuses a connection to the same host and port with the
        // TLS configuration it was opened with, so a request that turned
        // verification off may still see the errors and ignores them here.
        if (!m_options.verifyTls) {
            m_reply->ignoreSslErrors(errors);
            return;
        }
        for (const QSslError &error : errors)
            m_tlsErrors.append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, &HttpFetch::finish);
}

void HttpFetch::cancel()
{
    m_cancelled = true;
    m_deadline->stop();
    if (m_reply)
        m_reply->abort();
    deleteLater();
}

void HttpFetch::checkDeclaredLength()
{
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_options.maxBytes)
        abortWith(FetchResult::Failure::TooLarge);
}

void HttpFetch::readBody()
{
    if (!m_reply || m_abortReason != FetchResult::Failure::None)
        return;
    m_body += m_reply->readAll();
    if (m_body.size() > m_options.maxBytes)
        abortWith(FetchResult::Failure::TooLarge);
}

void HttpFetch::abortWith(FetchResult::Failure failure)
{
    if (m_abortReason != FetchResult::Failure::None || !m_reply || m_reply->isFinished())
        return;
    m_abortReason = failure;
    m_body.clear();
    m_reply->abort();
}

void HttpFetch::finish()
{
    m_deadline->stop();
    if (m_cancelled)
        return;

    FetchResult result;
    result.elapsedMs = m_elapsed.elapsed();
    result.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError networkError = m_reply->error();
    QString detail = m_reply->errorString();

    if (m_abortReason != FetchResult::Failure::None) {
        result.failure = m_abortReason;
    } else {
        readBody();
        if (m_abortReason != FetchResult::Failure::None) {
            result.failure = m_abortReason;
        } else if (result.httpStatus >= 300 && result.httpStatus < 400) {
            result.failure = FetchResult::Failure::Redirect;
            detail = m_reply->header(QNetworkRequest::LocationHeader).toUrl().toDisplayString(QUrl::RemoveUserInfo);
        } else if (result.httpStatus >= 400) {
            result.failure = FetchResult::Failure::HttpStatus;
        } else if (networkError == QNetworkReply::SslHandshakeFailedError || !m_tlsErrors.isEmpty()) {
            result.failure = FetchResult::Failure::Tls;
            if (!m_tlsErrors.isEmpty())
                detail = m_tlsErrors.join(QStringLiteral("; "));
        } else if (networkError == QNetworkReply::TimeoutError) {
            result.failure = FetchResult::Failure::Timeout;
        } else if (networkError != QNetworkReply::NoError || result.httpStatus == 0) {
            result.failure = FetchResult::Failure::Network;
        }
        result.body = m_body;
    }

    if (!result.ok()) {
        result.error = FetchMessages::describe(result.failure, m_url, result.httpStatus, networkError, detail,
                                               result.body, m_options);
        qCDebug(lcRemote) << "request failed" << m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                          << int(result.failure) << result.httpStatus << detail;
    }
    m_body.clear();
    deleteLater();
    Q_EMIT finished(result);
}

QString FetchMessages::hostAndPort(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    const QString host = url.host().contains(QLatin1Char(':')) ? QStringLiteral("[%1]").arg(url.host()) : url.host();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QString FetchMessages::describe(FetchResult::Failure failure, const QUrl &url, int httpStatus,
                                QNetworkReply::NetworkError networkError, const QString &detail,
                                const QByteArray &body, const FetchOptions &options)
{
    const QString peer = hostAndPort(url);
    switch (failure) {
    case FetchResult::Failure::None:
    case FetchResult::Failure::Count:
        return {};
    case FetchResult::Failure::Network:
        switch (networkError) {
        case QNetworkReply::ConnectionRefusedError:
            return tr("%1 refused the connection. Check that the server runs and listens on this address and port.")
                .arg(peer);
        case QNetworkReply::HostNotFoundError:
            return tr("The host %1 was not found. Check the spelling of the URL.").arg(url.host());
        case QNetworkReply::RemoteHostClosedError:
            return tr("%1 closed the connection before it responded. If the server uses HTTPS, the URL must start "
                      "with https://.")
                .arg(peer);
        default:
            return tr("The request to %1 failed: %2. Check the URL and the network connection.").arg(peer, detail);
        }
    case FetchResult::Failure::Timeout:
        return tr("%1 did not respond within %2 seconds. Check that the address is right and that no firewall drops "
                  "the connection.")
            .arg(peer, QLocale().toString(options.timeoutMs / 1000.0, 'g', 3));
    case FetchResult::Failure::TooLarge:
        return tr("The response of %1 is larger than %2 and was discarded. Check that the URL points to the right "
                  "server.")
            .arg(peer, QLocale().formattedDataSize(options.maxBytes));
    case FetchResult::Failure::Tls:
        return tr("The secure connection to %1 failed: %2. If the server uses plain HTTP, the URL must start with "
                  "http://. If its certificate is self-signed, install its certificate authority on this computer, "
                  "or turn off certificate verification for a test server only.")
            .arg(peer, detail);
    case FetchResult::Failure::Redirect:
        return tr("%1 redirected the request to %2. Enter that address instead: redirects are not followed, so that "
                  "credentials only go to the server you entered.")
            .arg(peer, detail.isEmpty() ? tr("another address") : detail);
    case FetchResult::Failure::HttpStatus:
        break;
    }

    const QString quoted = quotedError(body);
    const QString reason = quoted.isEmpty() ? QString() : tr(" (%1)").arg(quoted);
    switch (httpStatus) {
    case 401:
        return tr("%1 rejected the credentials (HTTP 401)%2. Enter the right token, user name or password; a node's "
                  "token is the first line of the file given to --token-file.")
            .arg(peer, reason);
    case 403:
        return tr("%1 denied access (HTTP 403)%2. Check that these credentials may read this server.").arg(peer, reason);
    case 404:
        return tr("%1 has no %2 (HTTP 404). Check that the URL points to the server itself, not to another service "
                  "or a path below it.")
            .arg(peer, url.path());
    case 503:
        return tr("%1 is not ready (HTTP 503)%2. It may be starting or shutting down; the console keeps trying.")
            .arg(peer, reason);
    default:
        return tr("%1 responded with HTTP %2%3.").arg(peer).arg(httpStatus).arg(reason);
    }
}

} // namespace umg
