#pragma once

// Helpers of the remote-mode tests: `unmogrowp-node serve` processes on
// loopback ports, generated events, blocking HTTP requests and sums of
// scraped metrics.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <map>
#include <string>

namespace umg::test {

/// An `unmogrowp-node serve` process on 127.0.0.1, started and stopped by the test.
class NodeProcess
{
public:
    /// Keeps the database `<dir>/<name>.db`.
    NodeProcess(const QString &dir, const QString &name);
    ~NodeProcess();
    NodeProcess(const NodeProcess &) = delete;
    NodeProcess &operator=(const NodeProcess &) = delete;

    /// Starts the node on `port` (0 picks a free one) and waits until it
    /// serves. With `token`, the node requires it; `extraArguments` go to
    /// `serve` as they are. Returns false with the reason in log() when it
    /// exits or does not serve within 60 s.
    bool start(int port = 0, const QByteArray &token = {}, const QStringList &extraArguments = {});
    /// Sends SIGKILL and waits for the exit.
    void kill();
    /// Sends SIGTERM and waits up to 30 s for the exit.
    bool terminate();

    int port() const { return m_port; }
    QUrl url() const;
    QString log();

private:
    QString m_dir;
    QString m_name;
    QProcess m_process;
    QString m_log;
    int m_port = 0;
    bool m_https = false;
};

/// Makes `process` end with the test process, even when the test aborts.
/// Call before QProcess::start().
void stopWithParent(QProcess &process);

/// A response of request(); status 0 with `error` when none arrived.
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QString error;
};

/// Sends one request with the given bearer token and waits up to 30 s.
HttpReply request(const QByteArray &method, const QUrl &url, const QByteArray &token = {},
                  const QByteArray &body = {});

/// Returns `count` generated events as NDJSON, with ids that start with `prefix`.
QByteArray generatedEvents(std::size_t count, const std::string &prefix, std::uint64_t seed);

/// Returns the sum of every series of `name` in a `/metrics` body whose
/// labels include all of `labels`; 0 when none matches.
double metricSum(const QByteArray &metrics, const std::string &name,
                 const std::map<std::string, std::string> &labels = {});

/// Returns a free TCP port on 127.0.0.1 (closed again, so another process
/// could take it before the caller binds it).
int freeLoopbackPort();

} // namespace umg::test
