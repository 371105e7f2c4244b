#include "validation/qthttpclient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>
#include <climits>

namespace umg {

HttpResponse QtHttpClient::send(const HttpRequest &request)
{
    HttpResponse response;
    const QUrl url(QString::fromStdString(request.url), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        response.error = "invalid URL \"" + request.url + "\"; use http://HOST:PORT or https://HOST:PORT";
        return response;
    }

    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest networkRequest(url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setTransferTimeout(int(request.timeout.count()));
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(QByteArray::fromStdString(name), QByteArray::fromStdString(value));

    QNetworkReply *reply = nullptr;
    if (request.method == "POST") {
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray::fromStdString(request.contentType));
        reply = manager.post(networkRequest, QByteArray::fromStdString(request.body));
    } else if (request.method == "GET") {
        reply = manager.get(networkRequest);
    } else {
        response.error = "unsupported HTTP method " + request.method;
        return response;
    }

    // The body is collected as it arrives, so that an oversize one is
    // aborted before it fills the memory.
    const qint64 maxBytes = qint64(std::min<std::size_t>(request.maxResponseBytes, std::size_t(INT_MAX)));
    QByteArray body;
    bool tooLarge = false;
    auto collect = [&] {
        body += reply->readAll();
        if (body.size() > maxBytes && !tooLarge) {
            tooLarge = true;
            reply->abort();
        }
    };
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, collect);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!tooLarge)
        collect();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (tooLarge) {
        response.error = responseTooLargeError(request.url, request.maxResponseBytes);
    } else if (status.isValid()) {
        // An error status still carries its body, as with the node's client.
        response.status = status.toInt();
        response.body = body.toStdString();
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString().toStdString();
    } else {
        response.error = reply->errorString().toStdString();
    }
    delete reply;
    return response;
}

} // namespace umg
