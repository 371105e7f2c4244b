// `unmogrowp-node serve` as a process: startup checks, the SIGTERM drain,
// no acknowledged event lost to SIGKILL, and HTTPS.

#include <QtTest>

#include <httplib.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "loadgen/generator.h"
#include "rawhttpconnection.h"
#include "storage/journal.h"
#include "storage/store.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

// Generated events of one batch, as NDJSON and as their ids.
struct Batch {
    std::string body;
    std::vector<std::string> ids;
};

Batch generatedBatch(std::size_t count, const std::string& prefix, std::uint64_t seed)
{
    WorkloadProfile profile;
    profile.idPrefix = prefix;
    profile.seed = seed;
    profile.devices = 20'000;
    WorkloadGenerator generator(profile);
    EventBatch events;
    generator.generate(count, events);
    Batch batch;
    for (std::size_t i = 0; i < count && i < events.size(); ++i) {
        appendNdjson(events, events[i], batch.body);
        batch.ids.emplace_back(events.string(events[i], Field::EventId));
    }
    return batch;
}

QJsonObject parseJson(const std::string& body)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// An `unmogrowp-node serve` process and its log.
class NodeProcess {
public:
    NodeProcess() { m_process.setProcessChannelMode(QProcess::SeparateChannels); }
    ~NodeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    /// Starts the node and waits until it serves; false with the log in
    /// `log()` when it exits or does not serve within 60 s.
    bool start(const QStringList& arguments)
    {
        m_process.start(qEnvironmentVariable("UMG_NODE_BINARY"), QStringList{"serve"} + arguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        static const QRegularExpression serving("serving the HTTP API\" address=127\\.0\\.0\\.1:(\\d+)");
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

    /// Waits for the process to exit; returns its exit code, or -1 when it
    /// crashed or still runs after `timeout`.
    int waitForExit(std::chrono::milliseconds timeout)
    {
        const bool finished = m_process.waitForFinished(static_cast<int>(timeout.count()));
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        if (!finished || m_process.exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process.exitCode();
    }

    int port() const { return m_port; }
    QProcess& process() { return m_process; }
    QString log()
    {
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        return m_log;
    }

private:
    QProcess m_process;
    QString m_log;
    int m_port = 0;
};

// What the database contains: every event id in the journal with its count,
// the distinct ids of each event type, and the install rows per id.
struct DatabaseContents {
    std::map<std::string, int> journalIds;
    std::array<std::set<std::string>, 4> distinctByType;
    std::map<std::string, int> installRows;
    AggregateDelta aggregates;
};

DatabaseContents readDatabase(const std::string& path)
{
    DatabaseContents contents;
    Store store(path, Store::Mode::ReadOnly);
    RoutedBatch batch;
    store.forEachJournalBatch(0, [&](std::uint64_t, std::int64_t, std::string_view blob) {
        batch.clear();
        decodeJournal(blob, batch);
        for (const RoutedEvent& event : batch.events()) {
            const std::string id(batch.string(event, RoutedField::EventId));
            ++contents.journalIds[id];
            contents.distinctByType[static_cast<std::size_t>(event.type)].insert(id);
        }
    });
    store.forEachInstall([&](const InstallRow& row) { ++contents.installRows[row.installEventId]; });
    contents.aggregates = store.aggregateTotals();
    return contents;
}

} // namespace

class TestServeNode : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void startupRejected_data();
    void startupRejected();
    void portInUseRejected();
    void sigtermDrainsInFlightBatch();
    void acknowledgedEventsSurviveSigkill();
    void httpsServesRequests();
};

void TestServeNode::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("UMG_NODE_BINARY"))
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
}

void TestServeNode::startupRejected_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    // DIR stands for the test's temporary folder.
    const QStringList db{"--db", "DIR/node.db"};
    QTest::newRow("any IPv4 address without token")
        << (QStringList{"--listen", "0.0.0.0:0"} + db) << 2 << "requires a token; pass --token-file FILE";
    QTest::newRow("any IPv6 address without token")
        << (QStringList{"--listen", "[::]:0"} + db) << 2 << "requires a token; pass --token-file FILE";
    QTest::newRow("host name without token")
        << (QStringList{"--listen", "node.example:8080"} + db) << 2 << "(not a loopback address) requires a token";
    QTest::newRow("missing listen address") << db << 2 << "serve needs --listen HOST:PORT";
    QTest::newRow("missing database") << QStringList{"--listen", "127.0.0.1:0"} << 2 << "serve needs --db PATH";
    QTest::newRow("listen address without port")
        << (QStringList{"--listen", "127.0.0.1"} + db) << 2 << "use HOST:PORT";
    QTest::newRow("short token")
        << (QStringList{"--listen", "127.0.0.1:0", "--token-file", "DIR/short.token"} + db) << 2
        << "use at least 16 random bytes";
    QTest::newRow("missing token file")
        << (QStringList{"--listen", "127.0.0.1:0", "--token-file", "DIR/absent.token"} + db) << 2
        << "cannot read the token file";
    for (const char* address : {"bogus", "127.0.0.1:70000", ":18081"}) {
        QTest::addRow("metrics address %s", address)
            << (QStringList{"--listen", "127.0.0.1:0", "--metrics-listen", address} + db) << 2
            << QStringLiteral("option --metrics-listen is \"%1\"; use HOST:PORT").arg(address);
    }
    QTest::newRow("certificate without key")
        << (QStringList{"--listen", "127.0.0.1:0", "--tls-cert", "DIR/cert.pem"} + db) << 2
        << "TLS needs both a certificate and a key";
    QTest::newRow("unreadable certificate")
        << (QStringList{"--listen", "127.0.0.1:0", "--tls-cert", "DIR/absent.pem", "--tls-key", "DIR/absent.key"} + db)
        << 1 << "cannot read the TLS certificate";
}

void TestServeNode::startupRejected()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath("short.token"), "short\n"));
    for (QString& argument : arguments)
        argument.replace("DIR", dir.path());

    QProcess process;
    process.start(qEnvironmentVariable("UMG_NODE_BINARY"), QStringList{"serve"} + arguments);
    QVERIFY(process.waitForFinished(30'000));
    const QString log = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
    QVERIFY2(log.contains(message), qPrintable(log));
    if (exitCode == 2)
        QVERIFY2(!QFile::exists(dir.filePath("node.db")), "the database was opened before the arguments were checked");
}

void TestServeNode::portInUseRejected()
{
    QTemporaryDir dir;
    NodeProcess first;
    QVERIFY2(first.start({"--listen", "127.0.0.1:0", "--db", dir.filePath("first.db")}), qPrintable(first.log()));
    const QString address = "127.0.0.1:" + QString::number(first.port());

    // Without SO_REUSEPORT the second bind fails, so the two nodes cannot
    // share the port and split its connections.
    QProcess second;
    second.start(qEnvironmentVariable("UMG_NODE_BINARY"),
                 {"serve", "--listen", address, "--db", dir.filePath("second.db")});
    QVERIFY(second.waitForFinished(30'000));
    const QString log = QString::fromUtf8(second.readAllStandardError());
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 1);
    QVERIFY2(log.contains("cannot listen on " + address + ": Address already in use"), qPrintable(log));

    // The first node still serves.
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(first.port()));
    QVERIFY(connection.send(requestText("GET", "/healthz", {}, {})));
    QCOMPARE(connection.readResponse(10s).status, 200);
}

void TestServeNode::sigtermDrainsInFlightBatch()
{
    QTemporaryDir dir;
    const std::string database = dir.filePath("node.db").toStdString();
    NodeProcess node;
    QVERIFY2(node.start({"--listen", "127.0.0.1:0", "--db", QString::fromStdString(database), "--threads", "2"}),
             qPrintable(node.log()));

    const Batch batch = generatedBatch(15'000, "drain", 7);
    const std::size_t half = batch.body.size() / 2;
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(node.port()));
    QVERIFY(connection.send(requestText("POST", "/v1/events",
                                        {"Content-Length: " + std::to_string(batch.body.size()),
                                         "Content-Type: application/x-ndjson"},
                                        std::string_view(batch.body).substr(0, half))));
    QTest::qWait(200);
    node.process().terminate();
    QTest::qWait(500);

    // The node accepts no new connection while it drains.
    RawHttpConnection late;
    QVERIFY2(!late.connectTo(node.port()), "the node still accepts connections after SIGTERM");

    QVERIFY(connection.send(std::string_view(batch.body).substr(half)));
    const RawHttpResponse response = connection.readResponse(30s);
    QCOMPARE(response.status, 200);
    const QJsonObject json = parseJson(response.body);
    QCOMPARE(json["accepted"].toInt(), 15'000);
    QCOMPARE(json["durable"].toBool(), true);

    QCOMPARE(node.waitForExit(60s), 0);
    const QString log = node.log();
    QVERIFY2(log.contains("draining"), qPrintable(log));
    QVERIFY2(log.contains("msg=stopped"), qPrintable(log));

    Store store(database, Store::Mode::ReadOnly);
    QCOMPARE(store.journalEventCount(), std::int64_t(15'000));
    // Results of every journal batch are committed, not only the journal.
    QCOMPARE(store.meta("outputs_through"), store.meta("journal_through"));
    const AggregateDelta totals = store.aggregateTotals();
    QCOMPARE(totals.clicks + totals.impressions + totals.inAppEvents + store.installCounts().installs,
             std::int64_t(15'000));
}

void TestServeNode::acknowledgedEventsSurviveSigkill()
{
    QTemporaryDir dir;
    const QString database = dir.filePath("node.db");
    const QStringList arguments{"--listen", "127.0.0.1:0", "--db", database, "--threads", "2"};
    constexpr std::size_t kEventsPerBatch = 500;
    constexpr int kAckedBeforeKill = 30;

    auto node = std::make_unique<NodeProcess>();
    QVERIFY2(node->start(arguments), qPrintable(node->log()));

    // The client sends batches back to back until a request fails, which
    // happens when the node is killed under it.
    std::vector<Batch> sent;
    std::vector<bool> acknowledged;
    std::mutex sentMutex;
    std::atomic<int> acknowledgedCount{0};
    const int port = node->port();
    std::thread client([&] {
        httplib::Client http("127.0.0.1", port);
        http.set_read_timeout(30, 0);
        for (int i = 0;; ++i) {
            Batch batch = generatedBatch(kEventsPerBatch, "kill" + std::to_string(i), 100 + static_cast<std::uint64_t>(i));
            auto result = http.Post("/v1/events", batch.body, "application/x-ndjson");
            const bool ok = result && result->status == 200 && parseJson(result->body)["durable"].toBool();
            {
                std::lock_guard lock(sentMutex);
                sent.push_back(std::move(batch));
                acknowledged.push_back(ok);
            }
            if (!ok)
                return;
            ++acknowledgedCount;
        }
    });
    QElapsedTimer timer;
    timer.start();
    while (acknowledgedCount.load() < kAckedBeforeKill && timer.elapsed() < 120'000)
        QTest::qWait(20);
    node->process().kill();
    client.join();
    QCOMPARE(node->waitForExit(10s), -1);
    QVERIFY2(acknowledgedCount.load() >= kAckedBeforeKill, "the client got too few acknowledgements");
    QVERIFY2(!acknowledged.back(), "the client stopped without a failed request");

    // Restart on the same database; send the batch that failed and one that
    // was acknowledged, as a client that retries does.
    node = std::make_unique<NodeProcess>();
    QVERIFY2(node->start(arguments), qPrintable(node->log()));
    httplib::Client http("127.0.0.1", node->port());
    http.set_read_timeout(30, 0);
    for (const Batch* resend : {&sent.back(), &sent.front()}) {
        auto result = http.Post("/v1/events", resend->body, "application/x-ndjson");
        QVERIFY(result);
        QCOMPARE(result->status, 200);
    }
    node->process().terminate();
    QCOMPARE(node->waitForExit(60s), 0);

    const DatabaseContents contents = readDatabase(database.toStdString());
    std::size_t checked = 0;
    for (std::size_t b = 0; b < sent.size(); ++b) {
        for (const std::string& id : sent[b].ids) {
            // The failed batch was acknowledged on resend, so every event must be there.
            const QString missing = acknowledged[b] ? "acknowledged event %1 was lost" : "resent event %1 is missing";
            QVERIFY2(contents.journalIds.count(id) > 0, qPrintable(missing.arg(id.c_str())));
            ++checked;
        }
    }
    QCOMPARE(checked, sent.size() * kEventsPerBatch);

    // Each event counts once in the results, although the journal contains
    // the resent batches twice.
    const auto distinct = [&](EventType type) {
        return static_cast<std::int64_t>(contents.distinctByType[static_cast<std::size_t>(type)].size());
    };
    QCOMPARE(contents.aggregates.clicks, distinct(EventType::Click));
    QCOMPARE(contents.aggregates.impressions, distinct(EventType::Impression));
    QCOMPARE(contents.aggregates.inAppEvents, distinct(EventType::InAppEvent));
    QCOMPARE(static_cast<std::int64_t>(contents.installRows.size()), distinct(EventType::Install));
    for (const auto& [id, rows] : contents.installRows)
        QVERIFY2(rows == 1, qPrintable(QString("install %1 has %2 rows").arg(id.c_str()).arg(rows)));
    QVERIFY(contents.journalIds.at(sent.front().ids.front()) == 2);
}

void TestServeNode::httpsServesRequests()
{
    QTemporaryDir dir;
    const QString certificate = dir.filePath("cert.pem");
    const QString key = dir.filePath("key.pem");
    QProcess openssl;
    openssl.start("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate});
    if (!openssl.waitForStarted(10'000))
        QSKIP("the openssl command is not available");
    QVERIFY(openssl.waitForFinished(60'000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    const std::string token = "tls-test-token-0123456789abcdef";
    QVERIFY(writeFile(dir.filePath("api.token"), QByteArray::fromStdString(token + "\n")));
    NodeProcess node;
    QVERIFY2(node.start({"--listen", "127.0.0.1:0", "--db", dir.filePath("node.db"), "--tls-cert", certificate,
                         "--tls-key", key, "--token-file", dir.filePath("api.token")}),
             qPrintable(node.log()));

    httplib::SSLClient client("127.0.0.1", node.port());
    client.set_ca_cert_path(certificate.toStdString());
    client.enable_server_certificate_verification(true);
    client.set_bearer_token_auth(token);
    client.set_read_timeout(30, 0);

    auto status = client.Get("/v1/status");
    QVERIFY2(status, httplib::to_string(status.error()).c_str());
    QCOMPARE(status->status, 200);
    QCOMPARE(parseJson(status->body)["tls"].toBool(), true);

    const Batch batch = generatedBatch(100, "tls", 3);
    auto posted = client.Post("/v1/events", batch.body, "application/x-ndjson");
    QVERIFY(posted);
    QCOMPARE(posted->status, 200);
    QCOMPARE(parseJson(posted->body)["accepted"].toInt(), 100);

    // Plain HTTP on the TLS port gets no response.
    httplib::Client plain("127.0.0.1", node.port());
    plain.set_read_timeout(5, 0);
    auto plainResult = plain.Get("/healthz");
    QVERIFY(!plainResult || plainResult->status != 200);

    node.process().terminate();
    QCOMPARE(node.waitForExit(60s), 0);
}

QTEST_GUILESS_MAIN(TestServeNode)
#include "tst_servenode.moc"
