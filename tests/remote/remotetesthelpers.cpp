#include "remotetesthelpers.h"

#include "exposition/textparser.h"
#include "loadgen/generator.h"
#include "model/event.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTimer>

#include <csignal>

#include <sys/prctl.h>

namespace umg::test {

NodeProcess::NodeProcess(const QString &dir, const QString &name)
    : m_dir(dir)
    , m_name(name)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    stopWithParent(m_process);
}

void stopWithParent(QProcess &process)
{
    // A test that aborts (a failed QFATAL, the watchdog) runs no destructor,
    // so the kernel sends the child SIGKILL when the test process ends.
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

NodeProcess::~NodeProcess()
{
    kill();
}

bool NodeProcess::start(int port, const QByteArray &token, const QStringList &extraArguments)
{
    QStringList arguments{QStringLiteral("serve"), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--db"),
                          m_dir + QLatin1Char('/') + m_name + QStringLiteral(".db")};
    if (!token.isEmpty()) {
        const QString tokenFile = m_dir + QLatin1Char('/') + m_name + QStringLiteral(".token");
        QFile file(tokenFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(token + '\n') < 0)
            return false;
        file.close();
        arguments << QStringLiteral("--token-file") << tokenFile;
    }
    arguments += extraArguments;
    m_https = extraArguments.contains(QStringLiteral("--tls-cert"));
    m_log.clear();
    m_process.start(qEnvironmentVariable("UMG_NODE_BINARY"), arguments);
    if (!m_process.waitForStarted(10'000))
        return false;

    static const QRegularExpression serving(QStringLiteral("serving the HTTP API\" address=127\\.0\\.0\\.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60'000) {
        m_process.waitForReadyRead(100);
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        const QRegularExpressionMatch match = serving.match(m_log);
        if (match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

void NodeProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10'000);
}

bool NodeProcess::terminate()
{
    if (m_process.state() == QProcess::NotRunning)
        return true;
    m_process.terminate();
    return m_process.waitForFinished(30'000);
}

QUrl NodeProcess::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/").arg(m_https ? QStringLiteral("https") : QStringLiteral("http")).arg(m_port));
}

QString NodeProcess::log()
{
    m_log += QString::fromUtf8(m_process.readAllStandardError());
    return m_log;
}

HttpReply request(const QByteArray &method, const QUrl &url, const QByteArray &token, const QByteArray &body)
{
    QNetworkAccessManager manager;
    QNetworkRequest networkRequest(url);
    if (!token.isEmpty())
        networkRequest.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-ndjson"));
    QNetworkReply *reply = manager.sendCustomRequest(networkRequest, method, body);

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(30'000);
    loop.exec();

    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    delete reply;
    return result;
}

QByteArray generatedEvents(std::size_t count, const std::string &prefix, std::uint64_t seed)
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

double metricSum(const QByteArray &metrics, const std::string &name, const std::map<std::string, std::string> &labels)
{
    const exposition::ParseResult parsed =
        exposition::parse(std::string_view(metrics.constData(), std::size_t(metrics.size())));
    double sum = 0;
    for (const exposition::Sample &sample : parsed.samples) {
        if (sample.labels.get("__name__") != name)
            continue;
        bool matches = true;
        for (const auto &[label, value] : labels)
            matches = matches && sample.labels.get(label) == value;
        if (matches)
            sum += sample.value;
    }
    return sum;
}

int freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace umg::test
