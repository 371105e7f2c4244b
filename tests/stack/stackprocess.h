#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>
#include <functional>
#include <optional>

// Services of a test stack (Prometheus, Alertmanager, unmogrowp-node), each
// started by the test on a free loopback port and stopped when the test
// object goes away, and a blocking HTTP client for their APIs.
namespace umg::test {

/// Returns a TCP port on 127.0.0.1 that was free a moment ago. Another
/// process may take it before the caller binds it, which is unlikely on a
/// test machine; a failed start then names the port.
quint16 freeLoopbackPort();

struct HttpResult {
    int status = 0;     ///< 0 when no response arrived
    QByteArray body;
    QString error;      ///< transport error, empty on a response
};

/// Sends one request with QNetworkAccessManager and waits for the response
/// in a local event loop. Proxies are disabled: the tests only talk to
/// loopback services.
HttpResult httpGet(const QUrl& url, std::chrono::milliseconds timeout = std::chrono::seconds(10));
HttpResult httpPost(const QUrl& url, const QByteArray& body, const QByteArray& contentType,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// Runs an instant query against Prometheus's HTTP API and returns the
/// whole response document (status, data.resultType, data.result). The
/// query is evaluated at `time` (Unix seconds) when given, else now.
QJsonDocument prometheusQuery(const QUrl& prometheus, const QString& expression,
                              std::optional<double> time = std::nullopt);

/// Polls `condition` every 250 ms until it returns true or `timeout` passes;
/// returns its last result. Events are processed while waiting.
bool waitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// One service process with its merged output kept for failure messages.
/// The destructor stops it (SIGTERM, then SIGKILL after 10 s).
class ServiceProcess {
public:
    explicit ServiceProcess(QString name);
    ~ServiceProcess();
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    /// Starts `program` with `arguments` and an environment without proxy
    /// settings. Returns false when it does not start.
    bool start(const QString& program, const QStringList& arguments);
    /// Waits until GET `url` responds 200; false when the process exits or
    /// `timeout` passes first.
    bool waitUntilReady(const QUrl& url, std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /// Waits until the output matches `pattern`, and returns its first
    /// capture group; empty when the process exits or `timeout` passes.
    QString waitForOutput(const QString& pattern, std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /// Sends SIGTERM and waits for the exit; returns the exit code, -1 when
    /// it crashed or had to be killed.
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool running() const { return m_process.state() != QProcess::NotRunning; }

    /// The output so far, with the service's name, for QVERIFY2 messages.
    QString log();

private:
    QString m_name;
    QProcess m_process;
    QString m_output;
};

/// Finds `program` on PATH; empty when it is missing.
QString findProgram(const QString& program);

/// Starts Debian's Prometheus with `configFile` on a free loopback port,
/// storage in `dataDir`, and waits until it is ready. Returns its URL, or
/// an empty URL (with the reason in the process log).
QUrl startPrometheus(ServiceProcess& process, const QString& configFile, const QString& dataDir);

/// Starts Debian's Alertmanager with `configFile` on `port` (127.0.0.1),
/// clustering disabled and storage in `dataDir`, and waits until it is
/// ready. Returns its URL or an empty URL.
QUrl startAlertmanager(ServiceProcess& process, const QString& configFile, const QString& dataDir, quint16 port);

/// Starts `unmogrowp-node serve --listen 127.0.0.1:0 --db DB` plus
/// `extraArguments` and returns the URL of its HTTP API, or an empty URL.
QUrl startNode(ServiceProcess& process, const QString& database, const QStringList& extraArguments = {});

/// The `unmogrowp-node` binary from the environment (UMG_NODE_BINARY).
QString nodeBinary();

/// Generated NDJSON events with ids starting with `prefix`, `count` of them.
QByteArray generatedEvents(std::size_t count, const std::string& prefix, std::uint64_t seed);

/// Writes `content` to `path`; false on failure.
bool writeFile(const QString& path, const QByteArray& content);

/// Sums every sample line of `name` in a /metrics body.
double sumMetric(const QByteArray& body, const QByteArray& name);

} // namespace umg::test
