#include "stackprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include "loadgen/generator.h"

namespace umg::test {
namespace {

HttpResult send(const QUrl& url, const QByteArray* body, const QByteArray& contentType,
                std::chrono::milliseconds timeout)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    if (body)
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply* reply = body ? manager.post(request, *body) : manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

} // namespace

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

HttpResult httpGet(const QUrl& url, std::chrono::milliseconds timeout)
{
    return send(url, nullptr, {}, timeout);
}

HttpResult httpPost(const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                    std::chrono::milliseconds timeout)
{
    return send(url, &body, contentType, timeout);
}

QJsonDocument prometheusQuery(const QUrl& prometheus, const QString& expression, std::optional<double> time)
{
    QByteArray url = prometheus.toEncoded(QUrl::StripTrailingSlash) + "/api/v1/query?query="
        + QUrl::toPercentEncoding(expression);
    if (time)
        url += "&time=" + QByteArray::number(*time, 'f', 3);
    return QJsonDocument::fromJson(httpGet(QUrl::fromEncoded(url, QUrl::StrictMode)).body);
}

bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (true) {
        if (condition())
            return true;
        if (timer.elapsed() >= timeout.count())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(250);
    }
}

ServiceProcess::ServiceProcess(QString name) : m_name(std::move(name))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ServiceProcess::~ServiceProcess()
{
    if (running())
        stop();
}

bool ServiceProcess::start(const QString& program, const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
    m_process.setProcessEnvironment(environment);
    m_output += "$ " + program + " " + arguments.join(' ') + "\n";
    m_process.start(program, arguments);
    return m_process.waitForStarted(10'000);
}

bool ServiceProcess::waitUntilReady(const QUrl& url, std::chrono::milliseconds timeout)
{
    return waitFor(
        [&] {
            if (!running())
                return true;
            return httpGet(url, std::chrono::seconds(2)).status == 200;
        },
        timeout)
        && running();
}

QString ServiceProcess::waitForOutput(const QString& pattern, std::chrono::milliseconds timeout)
{
    const QRegularExpression expression(pattern);
    QString captured;
    waitFor(
        [&] {
            m_process.waitForReadyRead(50);
            m_output += QString::fromUtf8(m_process.readAll());
            const QRegularExpressionMatch match = expression.match(m_output);
            if (match.hasMatch())
                captured = match.captured(1);
            return !captured.isEmpty() || !running();
        },
        timeout);
    return captured;
}

int ServiceProcess::stop(std::chrono::milliseconds timeout)
{
    if (!running())
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (!m_process.waitForFinished(static_cast<int>(timeout.count()))) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    m_output += QString::fromUtf8(m_process.readAll());
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServiceProcess::log()
{
    m_output += QString::fromUtf8(m_process.readAll());
    constexpr int kTail = 6000;
    const QString tail = m_output.size() > kTail ? "..." + m_output.right(kTail) : m_output;
    return "--- " + m_name + " output ---\n" + tail;
}

QString findProgram(const QString& program)
{
    return QStandardPaths::findExecutable(program);
}

QUrl startPrometheus(ServiceProcess& process, const QString& configFile, const QString& dataDir)
{
    const quint16 port = freeLoopbackPort();
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
    if (!process.start(findProgram(QStringLiteral("prometheus")),
                       {"--config.file=" + configFile, "--storage.tsdb.path=" + dataDir,
                        "--web.listen-address=" + address, "--web.external-url=http://" + address + "/"}))
        return {};
    const QUrl url(QStringLiteral("http://") + address);
    return process.waitUntilReady(url.resolved(QUrl(QStringLiteral("/-/ready")))) ? url : QUrl();
}

QUrl startAlertmanager(ServiceProcess& process, const QString& configFile, const QString& dataDir, quint16 port)
{
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
    if (!process.start(findProgram(QStringLiteral("prometheus-alertmanager")),
                       {"--config.file=" + configFile, "--storage.path=" + dataDir, "--web.listen-address=" + address,
                        "--cluster.listen-address=", "--web.external-url=http://" + address + "/"}))
        return {};
    const QUrl url(QStringLiteral("http://") + address);
    return process.waitUntilReady(url.resolved(QUrl(QStringLiteral("/-/ready")))) ? url : QUrl();
}

QString nodeBinary()
{
    return qEnvironmentVariable("UMG_NODE_BINARY");
}

QUrl startNode(ServiceProcess& process, const QString& database, const QStringList& extraArguments)
{
    if (!process.start(nodeBinary(),
                       QStringList{"serve", "--listen", "127.0.0.1:0", "--db", database} + extraArguments))
        return {};
    const QString address = process.waitForOutput(QStringLiteral("serving the HTTP API\" address=(127\\.0\\.0\\.1:\\d+)"));
    return address.isEmpty() ? QUrl() : QUrl(QStringLiteral("http://") + address);
}

QByteArray generatedEvents(std::size_t count, const std::string& prefix, std::uint64_t seed)
{
    WorkloadProfile profile;
    profile.idPrefix = prefix;
    profile.seed = seed;
    profile.devices = 20'000;
    WorkloadGenerator generator(profile);
    EventBatch events;
    generator.generate(count, events);
    std::string body;
    for (std::size_t i = 0; i < count && i < events.size(); ++i)
        appendNdjson(events, events[i], body);
    return QByteArray::fromStdString(body);
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

double sumMetric(const QByteArray& body, const QByteArray& name)
{
    double total = 0;
    for (const QByteArray& line : body.split('\n')) {
        if (!line.startsWith(name) || line.size() <= name.size())
            continue;
        const char next = line.at(name.size());
        if (next != '{' && next != ' ')
            continue;
        const int space = line.lastIndexOf(' ');
        total += line.mid(space + 1).toDouble();
    }
    return total;
}

} // namespace umg::test
