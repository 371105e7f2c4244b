// The console's remote mode against real `unmogrowp-node serve` processes
// on loopback ports. The tests compare the dashboards' fleet sum with the
// nodes' own counters and show a killed node down and then recovering by
// itself after a restart on the same port. They also cover rejected tokens,
// detaching, the settings, hostile metrics endpoints and the attach dialog's
// connection test.

#include "remote/attachnodedialog.h"
#include "remote/fleetmodel.h"
#include "remote/nodefleet.h"
#include "remote/remotesettings.h"
#include "remote/scopeddatasource.h"
#include "remote/scopecontroller.h"
#include "remote/tokenstore.h"

#include "history/metrichistory.h"

#include "remotetesthelpers.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <future>
#include <memory>

using namespace umg;
using umg::test::NodeProcess;

namespace {

// QTRY waits up to three times this long before it fails, which must stay
// below Qt Test's limit of 300 s per test function.
constexpr int kLongWaitMs = 60'000;
const QByteArray kTokenA = "token-a-0123456789abcdef0123456789";
const QByteArray kTokenB = "token-b-0123456789abcdef0123456789";

/// A TokenStore in memory that completes requests on the next turn of the
/// event loop, like the keychain. Copies of `secrets` let a second fleet read what the
/// first stored.
class MemoryTokenStore final : public TokenStore
{
public:
    explicit MemoryTokenStore(std::shared_ptr<QMap<QString, QString>> secrets)
        : m_secrets(std::move(secrets))
    {
    }

    void read(const QString &key, Callback done) override
    {
        const Result result = m_secrets->contains(key) ? Result{Status::Ok, m_secrets->value(key), {}}
                                                       : Result{Status::NotFound, {}, {}};
        QTimer::singleShot(0, this, [done, result] { done(result); });
    }

    void write(const QString &key, const QString &secret, Callback done) override
    {
        m_secrets->insert(key, secret);
        QTimer::singleShot(0, this, [done] { done({Status::Ok, {}, {}}); });
    }

    void remove(const QString &key, Callback done) override
    {
        m_secrets->remove(key);
        QTimer::singleShot(0, this, [done] { done({Status::Ok, {}, {}}); });
    }

private:
    std::shared_ptr<QMap<QString, QString>> m_secrets;
};

/// What a fake node sends for `/metrics`.
enum class HostileBody { DeclaredHuge, UndeclaredHuge, BinaryGarbage, SlowDrip, NotHttp };

} // namespace

Q_DECLARE_METATYPE(HostileBody)
Q_DECLARE_METATYPE(umg::NodeHealth)

namespace QTest {
template<>
char *toString(const umg::NodeHealth &health)
{
    return qstrdup(qPrintable(umg::nodeHealthText(health)));
}
} // namespace QTest

namespace {

/// A TCP server that serves `/v1/status` like a node and `/metrics` with a
/// hostile body.
class HostileNode : public QTcpServer
{
public:
    explicit HostileNode(HostileBody body)
        : m_body(body)
    {
        connect(this, &QTcpServer::newConnection, this, &HostileNode::accept);
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { respond(socket); });
        }
    }

    void respond(QTcpSocket *socket)
    {
        const QByteArray request = socket->readAll();
        if (request.startsWith("GET /v1/status")) {
            const QByteArray body = R"({"service":"unmogrowp-node","version":"9.9.9","uptime_seconds":5,)"
                                    R"("health":{"status":"ok","problems":[],"warnings":[],"queued_events":0}})";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            return;
        }
        switch (m_body) {
        case HostileBody::DeclaredHuge:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 52428800\r\n\r\n");
            stream(socket, 50 * 1024 * 1024);
            break;
        case HostileBody::UndeclaredHuge:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
            stream(socket, 50 * 1024 * 1024);
            break;
        case HostileBody::BinaryGarbage: {
            QByteArray garbage(256 * 1024, '\0');
            QRandomGenerator random(7);
            for (char &c : garbage)
                c = char(random.bounded(256));
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                          + QByteArray::number(garbage.size()) + "\r\n\r\n" + garbage);
            break;
        }
        case HostileBody::SlowDrip: {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n");
            auto *timer = new QTimer(socket);
            connect(timer, &QTimer::timeout, socket, [socket] { socket->write("#"); });
            timer->start(200);
            break;
        }
        case HostileBody::NotHttp:
            socket->write(QByteArray("\x16\x03\x01\xff\xff garbage\r\n\r\n", 17));
            socket->disconnectFromHost();
            break;
        }
    }

    // Writes `bytes` of sample lines in pieces as the peer reads them, until
    // the peer closes the connection.
    void stream(QTcpSocket *socket, qint64 bytes)
    {
        auto remaining = std::make_shared<qint64>(bytes);
        const QByteArray piece = QByteArray("filler_total{piece=\"x\"} 1\n").repeated(2048);
        auto writeMore = [socket, remaining, piece] {
            while (*remaining > 0 && socket->bytesToWrite() < 4 * piece.size()
                   && socket->state() == QAbstractSocket::ConnectedState) {
                const QByteArray part = piece.left(int(std::min<qint64>(piece.size(), *remaining)));
                socket->write(part);
                *remaining -= part.size();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, socket, writeMore);
        writeMore();
    }

    HostileBody m_body;
};

// Returns the single value of an instant query, or NaN when the query fails
// or does not give exactly one series.
double instantValue(const DashboardDataSource &source, const QString &expression)
{
    QueryRequest request;
    request.expression = expression;
    request.kind = QueryRequest::Kind::Instant;
    request.endMs = QDateTime::currentMSecsSinceEpoch();
    request.rangeMs = 5 * 60 * 1000;
    // Data sources are called on worker threads, never on the GUI thread.
    const QueryResult result = std::async(std::launch::async, [&] { return source.evaluate(request); }).get();
    if (!result.ok() || result.series.size() != 1 || result.series.front().points.size() != 1)
        return qQNaN();
    return result.series.front().points.front().y();
}

double nodeEventCount(const NodeProcess &node, const QByteArray &token)
{
    const test::HttpReply reply = test::request("GET", node.url().resolved(QUrl(QStringLiteral("metrics"))), token);
    return test::metricSum(reply.body, "attribution_events_processed_total");
}

QString settingsText()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestRemoteFleet : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void fleetSumEqualsNodeCounters();
    void nodeScopeShowsOneNode();
    void stoppedNodeShownDownThenRecovers();
    void wrongTokenShownRejected();
    void detachedNodeLeavesFleetSum();
    void settingsKeepUrlsNotTokens();
    void selfSignedNodeNeedsVerificationOff();
    void hostileMetricsContained_data();
    void hostileMetricsContained();
    void attachDialogTestsConnection();

private:
    NodeFleet *createFleet();
    void attachBoth(NodeFleet &fleet);
    std::shared_ptr<const DashboardDataSource> scopeSource(NodeFleet &fleet, const QString &key);

    QTemporaryDir m_dir;
    std::unique_ptr<NodeProcess> m_nodeA;
    std::unique_ptr<NodeProcess> m_nodeB;
    std::shared_ptr<MetricHistory> m_history;
    std::shared_ptr<QMap<QString, QString>> m_secrets;
    QPointer<NodeFleet> m_fleet;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<FleetModel> m_model;
    int m_historyNumber = 0;
};

void TestRemoteFleet::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("UMG_NODE_BINARY"))
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_remotefleet"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));

    m_nodeA = std::make_unique<NodeProcess>(m_dir.path(), QStringLiteral("node-a"));
    m_nodeB = std::make_unique<NodeProcess>(m_dir.path(), QStringLiteral("node-b"));
    QVERIFY2(m_nodeA->start(0, kTokenA), qPrintable(m_nodeA->log()));
    QVERIFY2(m_nodeB->start(0, kTokenB), qPrintable(m_nodeB->log()));

    const test::HttpReply a = test::request("POST", m_nodeA->url().resolved(QUrl(QStringLiteral("v1/events"))), kTokenA,
                                            test::generatedEvents(3000, "fleet-a", 11));
    QCOMPARE(a.status, 200);
    const test::HttpReply b = test::request("POST", m_nodeB->url().resolved(QUrl(QStringLiteral("v1/events"))), kTokenB,
                                            test::generatedEvents(1700, "fleet-b", 12));
    QCOMPARE(b.status, 200);
    // The counters are sampled when the batches are decided, moments after the acknowledgement.
    QTRY_VERIFY_WITH_TIMEOUT(nodeEventCount(*m_nodeA, kTokenA) >= 3000, 30'000);
    QTRY_VERIFY_WITH_TIMEOUT(nodeEventCount(*m_nodeB, kTokenB) >= 1700, 30'000);
}

void TestRemoteFleet::init()
{
    QSettings().clear();
    m_secrets = std::make_shared<QMap<QString, QString>>();
    MetricHistoryOptions options;
    m_history = std::make_shared<MetricHistory>(
        m_dir.filePath(QStringLiteral("history-%1.db").arg(++m_historyNumber)).toStdString(), options);
}

void TestRemoteFleet::cleanup()
{
    m_tester.reset();
    m_model.reset();
    delete m_fleet.data();
    m_history.reset();
}

void TestRemoteFleet::cleanupTestCase()
{
    if (m_nodeA)
        QVERIFY(m_nodeA->terminate());
    if (m_nodeB)
        QVERIFY(m_nodeB->terminate());
}

NodeFleet *TestRemoteFleet::createFleet()
{
    std::shared_ptr<MetricHistory> history = m_history;
    auto *fleet = new NodeFleet([history] { return history; }, new MemoryTokenStore(m_secrets));
    if (!m_fleet) {
        m_fleet = fleet;
        m_model = std::make_unique<FleetModel>(fleet);
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    return fleet;
}

void TestRemoteFleet::attachBoth(NodeFleet &fleet)
{
    QVERIFY(fleet.attachNode({m_nodeA->url(), QString::fromLatin1(kTokenA), true}));
    QVERIFY(fleet.attachNode({m_nodeB->url(), QString::fromLatin1(kTokenB), true}));
    QCOMPARE(fleet.nodes().size(), 2);
    for (NodeClient *node : fleet.nodes())
        QTRY_COMPARE_WITH_TIMEOUT(node->state().health, NodeHealth::Up, kLongWaitMs);
}

std::shared_ptr<const DashboardDataSource> TestRemoteFleet::scopeSource(NodeFleet &fleet, const QString &key)
{
    std::shared_ptr<MetricHistory> history = m_history;
    ScopeController scopes(&fleet, [history] { return history; });
    return scopes.createDataSource(key);
}

void TestRemoteFleet::fleetSumEqualsNodeCounters()
{
    NodeFleet *fleet = createFleet();
    attachBoth(*fleet);

    const double a = nodeEventCount(*m_nodeA, kTokenA);
    const double b = nodeEventCount(*m_nodeB, kTokenB);
    QVERIFY(a >= 3000);
    QVERIFY(b >= 1700);
    const auto fleetSource = scopeSource(*fleet, ScopeController::fleetKey());
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*fleetSource, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(a + b), kLongWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*fleetSource, QStringLiteral("sum(up{job=\"unmogrowp\"})")),
                              double(2), kLongWaitMs);

    // The local scope does not see remote series.
    const auto localSource = scopeSource(*fleet, ScopeController::localKey());
    QVERIFY(qIsNaN(instantValue(*localSource, QStringLiteral("sum(attribution_events_processed_total)"))));

    // The fleet view shows throughput and queue depth from the nodes.
    for (NodeClient *node : fleet->nodes()) {
        QTRY_VERIFY_WITH_TIMEOUT(node->state().eventsPerSecond.has_value(), kLongWaitMs);
        QVERIFY(node->state().queueDepth.has_value());
        QVERIFY(node->state().uptimeSeconds.has_value());
        QVERIFY(!node->state().version.isEmpty());
        QVERIFY2(node->state().lastError.isEmpty(), qPrintable(node->state().lastError));
        QVERIFY(!node->state().kafkaLag.has_value());
    }
    const int row = m_model->rowOf(m_nodeA->url().host() + QStringLiteral(":%1").arg(m_nodeA->port()));
    QVERIFY(row >= 0);
    QCOMPARE(m_model->index(row, int(FleetModel::Column::Health)).data().toString(), QStringLiteral("Up"));
}

void TestRemoteFleet::nodeScopeShowsOneNode()
{
    NodeFleet *fleet = createFleet();
    attachBoth(*fleet);
    const QString instanceB = fleet->nodes().at(1)->instance();
    const auto nodeSource = scopeSource(*fleet, ScopeController::nodeKey(instanceB));
    const double b = nodeEventCount(*m_nodeB, kTokenB);
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*nodeSource, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(b), kLongWaitMs);
    QCOMPARE(instantValue(*nodeSource, QStringLiteral("count(up)")), double(1));
}

void TestRemoteFleet::stoppedNodeShownDownThenRecovers()
{
    NodeFleet *fleet = createFleet();
    attachBoth(*fleet);
    NodeClient *clientA = fleet->nodes().at(0);
    const int row = m_model->rowOf(clientA->instance());
    const auto fleetSource = scopeSource(*fleet, ScopeController::fleetKey());
    const double b = nodeEventCount(*m_nodeB, kTokenB);
    const int port = m_nodeA->port();

    m_nodeA->kill();
    QTRY_COMPARE_WITH_TIMEOUT(clientA->state().health, NodeHealth::Down, kLongWaitMs);
    QCOMPARE(m_model->index(row, int(FleetModel::Column::Health)).data().toString(), QStringLiteral("Down"));
    QVERIFY2(clientA->state().lastError.contains(QStringLiteral("refused")), qPrintable(clientA->state().lastError));
    QVERIFY(clientA->state().since.isValid());
    // A failed scrape marks the node's series stale, so the fleet sum is node B's alone.
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*fleetSource, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(b), kLongWaitMs);
    QCOMPARE(instantValue(*fleetSource, QStringLiteral("sum(up)")), double(1));

    QVERIFY2(m_nodeA->start(port, kTokenA), qPrintable(m_nodeA->log()));
    QTRY_COMPARE_WITH_TIMEOUT(clientA->state().health, NodeHealth::Up, kLongWaitMs);
    QCOMPARE(m_model->index(row, int(FleetModel::Column::Health)).data().toString(), QStringLiteral("Up"));

    // A restarted node counts from zero, so it gets events of its own again.
    const test::HttpReply fed = test::request("POST", m_nodeA->url().resolved(QUrl(QStringLiteral("v1/events"))),
                                              kTokenA, test::generatedEvents(800, "fleet-a-restarted", 13));
    QCOMPARE(fed.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(nodeEventCount(*m_nodeA, kTokenA) >= 800, 30'000);
    const double a = nodeEventCount(*m_nodeA, kTokenA);
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*fleetSource, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(a + b), kLongWaitMs);
}

void TestRemoteFleet::wrongTokenShownRejected()
{
    NodeFleet *fleet = createFleet();
    QVERIFY(fleet->attachNode({m_nodeA->url(), QStringLiteral("wrong-token-0123456789abcdef"), true}));
    NodeClient *client = fleet->nodes().front();
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Unauthorized, kLongWaitMs);
    QVERIFY2(client->state().lastError.contains(QStringLiteral("HTTP 401")), qPrintable(client->state().lastError));

    NodeEndpoint fixed = client->endpoint();
    fixed.token = QString::fromLatin1(kTokenA);
    QVERIFY(fleet->editNode(client->instance(), fixed));
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Up, kLongWaitMs);
    QCOMPARE(m_secrets->value(RemoteSettings::nodeTokenKey(fixed.url)), QString::fromLatin1(kTokenA));
}

void TestRemoteFleet::detachedNodeLeavesFleetSum()
{
    NodeFleet *fleet = createFleet();
    attachBoth(*fleet);
    const double a = nodeEventCount(*m_nodeA, kTokenA);
    const double b = nodeEventCount(*m_nodeB, kTokenB);
    QVERIFY(a > 0);
    QVERIFY(b > 0);
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*scopeSource(*fleet, ScopeController::fleetKey()),
                                           QStringLiteral("sum(attribution_events_processed_total)")),
                              double(a + b), kLongWaitMs);

    const QString instanceB = fleet->nodes().at(1)->instance();
    QSignalSpy aboutToDetach(fleet, &NodeFleet::nodeAboutToBeDetached);
    fleet->detachNode(instanceB);
    QCOMPARE(aboutToDetach.size(), 1);
    QCOMPARE(fleet->nodes().size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(!m_secrets->contains(RemoteSettings::nodeTokenKey(m_nodeB->url())));

    const auto fleetSource = scopeSource(*fleet, ScopeController::fleetKey());
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*fleetSource, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(a), kLongWaitMs);
    // The detached node's series are stale everywhere, not only outside the fleet scope.
    const auto everything = std::make_shared<ScopedHistoryDataSource>(
        [history = m_history] { return std::shared_ptr<const MetricHistory>(history); },
        promql::LabelMatcher(promql::MatchType::RegexMatch, "instance", ".*"), QStringLiteral("all"), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(instantValue(*everything, QStringLiteral("sum(attribution_events_processed_total)")),
                              double(a), kLongWaitMs);
}

void TestRemoteFleet::settingsKeepUrlsNotTokens()
{
    NodeFleet *fleet = createFleet();
    QVERIFY(fleet->attachNode({m_nodeA->url(), QString::fromLatin1(kTokenA), true}));
    QTRY_COMPARE_WITH_TIMEOUT([] {
        QSettings settings;
        return RemoteSettings::nodes(settings).size();
    }(), qsizetype(1), kLongWaitMs);
    QCOMPARE(m_secrets->value(RemoteSettings::nodeTokenKey(m_nodeA->url())), QString::fromLatin1(kTokenA));
    const QString text = settingsText();
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(m_nodeA->port())), qPrintable(text));
    QVERIFY2(!text.contains(QString::fromLatin1(kTokenA)), qPrintable(text));
    QVERIFY(!fleet->isSessionOnly(fleet->nodes().front()->instance()));

    // A second fleet, as at the next start, reads the token back from the store.
    std::shared_ptr<MetricHistory> history = m_history;
    NodeFleet restored([history] { return history; }, new MemoryTokenStore(m_secrets));
    restored.restore();
    QCOMPARE(restored.nodes().size(), 1);
    NodeClient *client = restored.nodes().front();
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Up, kLongWaitMs);
    QCOMPARE(client->endpoint().token, QString::fromLatin1(kTokenA));

    restored.detachNode(client->instance());
    QSettings settings;
    QCOMPARE(RemoteSettings::nodes(settings).size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_secrets->isEmpty(), kLongWaitMs);
}

void TestRemoteFleet::selfSignedNodeNeedsVerificationOff()
{
    const QString certificate = m_dir.filePath(QStringLiteral("tls-cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("tls-key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), certificate});
    if (!openssl.waitForStarted(10'000))
        QSKIP("the openssl command is not available");
    QVERIFY(openssl.waitForFinished(60'000));
    QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    NodeProcess node(m_dir.path(), QStringLiteral("node-tls"));
    QVERIFY2(node.start(0, kTokenA, {QStringLiteral("--tls-cert"), certificate, QStringLiteral("--tls-key"), key}),
             qPrintable(node.log()));
    QCOMPARE(node.url().scheme(), QStringLiteral("https"));

    NodeFleet *fleet = createFleet();
    QVERIFY(fleet->attachNode({node.url(), QString::fromLatin1(kTokenA), true}));
    NodeClient *client = fleet->nodes().front();
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Down, kLongWaitMs);
    QVERIFY2(client->state().lastError.contains(QStringLiteral("The secure connection to")),
             qPrintable(client->state().lastError));

    // The person turns verification off for this test node, knowingly.
    NodeEndpoint trusted = client->endpoint();
    trusted.verifyTls = false;
    QVERIFY(fleet->editNode(client->instance(), trusted));
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Up, kLongWaitMs);
    QVERIFY(m_model->index(0, int(FleetModel::Column::Node))
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("certificate not verified")));
    QSettings settings;
    QCOMPARE(RemoteSettings::nodes(settings).front().verifyTls, false);

    // Plain HTTP to the TLS port fails with a hint about the scheme.
    NodeEndpoint plain = trusted;
    plain.url.setScheme(QStringLiteral("http"));
    QVERIFY(fleet->editNode(client->instance(), plain));
    QTRY_COMPARE_WITH_TIMEOUT(client->state().health, NodeHealth::Down, kLongWaitMs);
    QVERIFY2(!client->state().lastError.isEmpty(), qPrintable(client->state().lastError));
    fleet->detachNode(client->instance());
    QVERIFY(node.terminate());
}

void TestRemoteFleet::hostileMetricsContained_data()
{
    QTest::addColumn<HostileBody>("body");
    QTest::addColumn<NodeHealth>("health");
    QTest::addColumn<QString>("message");

    QTest::newRow("50 MB body with length") << HostileBody::DeclaredHuge << NodeHealth::Up << "larger than";
    QTest::newRow("50 MB body without length") << HostileBody::UndeclaredHuge << NodeHealth::Up << "larger than";
    QTest::newRow("binary garbage") << HostileBody::BinaryGarbage << NodeHealth::Up << "malformed line";
    QTest::newRow("one byte every 200 ms") << HostileBody::SlowDrip << NodeHealth::Up << "did not respond within";
    QTest::newRow("not an HTTP response") << HostileBody::NotHttp << NodeHealth::Up
                                          << "closed the connection|request to .* failed";
}

void TestRemoteFleet::hostileMetricsContained()
{
    QFETCH(HostileBody, body);
    QFETCH(NodeHealth, health);
    QFETCH(QString, message);

    HostileNode server(body);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    NodeFleet *fleet = createFleet();
    QVERIFY(fleet->attachNode({QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort())), {}, true}));
    NodeClient *client = fleet->nodes().front();

    const QRegularExpression expected(message);
    QTRY_VERIFY_WITH_TIMEOUT(client->state().lastError.contains(expected), kLongWaitMs);
    QCOMPARE(client->state().health, health);
    QCOMPARE(client->state().version, QStringLiteral("9.9.9"));
    // The console keeps polling; a second round ends the same way.
    const int failures = client->state().failures;
    QSignalSpy changes(client, &NodeClient::stateChanged);
    QTRY_VERIFY_WITH_TIMEOUT(changes.size() >= 2, kLongWaitMs);
    QCOMPARE(client->state().failures, failures);
    QVERIFY2(client->state().lastError.contains(expected), qPrintable(client->state().lastError));
    fleet->detachNode(client->instance());
}

void TestRemoteFleet::attachDialogTestsConnection()
{
    NodeFleet *fleet = createFleet();
    AttachNodeDialog dialog(fleet->network());
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("node-url"));
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("node-token"));
    QVERIFY(url);
    QVERIFY(token);
    QSignalSpy finished(&dialog, &AttachNodeDialog::testFinished);

    url->setText(QStringLiteral("127.0.0.1:%1").arg(m_nodeB->port()));
    token->setText(QString::fromLatin1(kTokenB));
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLongWaitMs);
    QCOMPARE(finished.takeFirst().at(0).toBool(), true);
    QVERIFY2(dialog.testResult().contains(QStringLiteral("Connected: UnMoGrowP node")), qPrintable(dialog.testResult()));
    QVERIFY2(dialog.testResult().contains(QStringLiteral("health ok")), qPrintable(dialog.testResult()));

    token->setText(QStringLiteral("not-the-token-0123456789"));
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLongWaitMs);
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY2(dialog.testResult().contains(QStringLiteral("rejected the credentials (HTTP 401)")),
             qPrintable(dialog.testResult()));

    url->setText(QStringLiteral("http://127.0.0.1:%1").arg(test::freeLoopbackPort()));
    dialog.testConnection();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLongWaitMs);
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY2(dialog.testResult().contains(QStringLiteral("refused the connection")), qPrintable(dialog.testResult()));

    url->setText(QStringLiteral("ftp://127.0.0.1"));
    dialog.testConnection();
    QCOMPARE(finished.size(), 1);
    QVERIFY2(dialog.testResult().contains(QStringLiteral("is not an http:// or https:// URL")),
             qPrintable(dialog.testResult()));
}

QTEST_MAIN(TestRemoteFleet)
#include "tst_remotefleet.moc"
