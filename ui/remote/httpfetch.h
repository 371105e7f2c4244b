#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace umg {

/// The outcome of one HttpFetch.
struct FetchResult
{
    enum class Failure {
        None,
        Network,    ///< refused, unreachable, closed, host not found
        Timeout,    ///< no complete response before the deadline
        TooLarge,   ///< the body exceeded the size limit and was discarded
        Tls,        ///< the handshake or the certificate check failed
        Redirect,   ///< a 3xx response; redirects are not followed
        HttpStatus, ///< a response other than 2xx or 3xx
        Count
    };

    Failure failure = Failure::None;
    /// HTTP status code; 0 when no response arrived.
    int httpStatus = 0;
    /// The response body, at most the size limit; empty for network failures.
    QByteArray body;
    /// Translated sentence naming what failed and what to do; empty on success.
    QString error;
    qint64 elapsedMs = 0;

    bool ok() const { return failure == Failure::None; }
};

/// Settings of one HttpFetch.
struct FetchOptions
{
    /// Longer bodies are aborted as soon as they pass this size.
    qint64 maxBytes = 16 * 1024 * 1024;
    /// Deadline for the whole request, from sending it to the last byte, so
    /// that a peer that sends one byte a second cannot hold the request open.
    int timeoutMs = 5000;
    /// Off accepts any certificate; only for nodes the person chose to trust.
    bool verifyTls = true;
    /// Value of the Authorization header, such as `Bearer …`; never logged.
    QByteArray authorization;
    /// Value of the Accept header.
    QByteArray accept = "*/*";
};

/// One GET request with a deadline and a size limit, for peers the console
/// does not control. Redirects are not followed, so a token is only ever sent
/// to the URL the person entered. The object deletes itself after finished().
class HttpFetch : public QObject
{
    Q_OBJECT

public:
    /// Sends the request on `manager`'s thread, which must be the calling one.
    static HttpFetch *get(QNetworkAccessManager *manager, const QUrl &url, const FetchOptions &options,
                          QObject *parent = nullptr);

    /// Sends the request and waits for it in a local event loop. For worker
    /// threads only: `manager` must belong to the calling thread.
    static FetchResult getAndWait(QNetworkAccessManager *manager, const QUrl &url, const FetchOptions &options);

    /// Cancels the request; finished() is not emitted and the object is deleted later.
    void cancel();

Q_SIGNALS:
    void finished(const umg::FetchResult &result);

private:
    HttpFetch(QNetworkReply *reply, const QUrl &url, const FetchOptions &options, QObject *parent);

    void readBody();
    void checkDeclaredLength();
    void abortWith(FetchResult::Failure failure);
    void finish();

    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    FetchOptions m_options;
    QTimer *m_deadline = nullptr;
    QElapsedTimer m_elapsed;
    QByteArray m_body;
    QStringList m_tlsErrors;
    FetchResult::Failure m_abortReason = FetchResult::Failure::None;
    bool m_cancelled = false;
};

/// Translated messages for failed requests, in plain words with the fix.
class FetchMessages
{
    Q_DECLARE_TR_FUNCTIONS(umg::FetchMessages)

public:
    /// Returns the sentence for a failure of the request to `url`.
    /// `networkError` and `detail` (the error text or the TLS errors) come
    /// from the reply. `body` is the response of an HTTP error, and its
    /// `error` field is quoted when present.
    static QString describe(FetchResult::Failure failure, const QUrl &url, int httpStatus,
                            QNetworkReply::NetworkError networkError, const QString &detail, const QByteArray &body,
                            const FetchOptions &options);

    /// Returns `host:port` of `url`, with the scheme's default port.
    static QString hostAndPort(const QUrl &url);
};

} // namespace umg
