// Kafka ingestion as operators run it: `unmogrowp-node serve` processes in a
// consumer group and `unmogrowp-node produce`, against the kafkamockcluster
// helper (librdkafka's mock cluster: 3 brokers on loopback ports). Results are
// compared through the nodes' SQLite databases, never through timing.

#include <QtTest>

#include <httplib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <signal.h>

#include <functional>
#include <limits>
#include <set>

#include "attribution/routedevent.h"
#include "kafka/ownership.h"
#include "kafkatestsupport.h"
#include "loadgen/generator.h"

using namespace umg;

// Checks `condition` (evaluated first) and prints `node`'s log on failure.
#define VERIFY_WITH_LOG(condition, node)                                                                              \
    do {                                                                                                               \
        const bool verified = (condition);                                                                             \
        QVERIFY2(verified, qPrintable((node).log()));                                                                  \
    } while (false)

namespace {

constexpr int kPartitions = 6;
// Short session timeouts let the group notice a killed node within seconds.
const QStringList kGroupTimeouts = {"--kafka-option", "session.timeout.ms=6000", "--kafka-option",
                                    "heartbeat.interval.ms=500"};

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Waits until `condition` holds, checking every 200 ms.
bool waitUntil(const std::function<bool()>& condition, std::chrono::seconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count())
            return false;
        QTest::qWait(200);
    }
    return true;
}

// The kafkamockcluster helper process.
class MockCluster {
public:
    ~MockCluster()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10'000)) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    /// Starts the cluster with `topics` (NAME:PARTITIONS) and reads its
    /// bootstrap address.
    bool start(const QStringList& topics, const QStringList& extra = {})
    {
        QStringList arguments = extra;
        for (const QString& topic : topics)
            arguments << "--topic" << topic;
        m_process.start(UMG_KAFKA_MOCK_CLUSTER, arguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20'000 && !m_process.canReadLine())
            m_process.waitForReadyRead(200);
        m_bootstrap = QString::fromUtf8(m_process.readLine()).trimmed();
        return m_bootstrap.startsWith("127.0.0.1:");
    }

    const QString& bootstrap() const { return m_bootstrap; }

private:
    QProcess m_process;
    QString m_bootstrap;
};

// An `unmogrowp-node serve` process consuming from Kafka, its log in a file.
class Node {
public:
    Node(QString name, QString directory)
        : m_name(std::move(name))
        , m_database(directory + "/" + m_name + ".db")
        , m_logPath(directory + "/" + m_name + ".log")
    {
    }
    ~Node()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }

    /// Starts the node (again, on the same database) and waits until it
    /// serves its HTTP API; false when it exits first or takes over 60 s.
    bool start(const QString& bootstrap, const QString& topic, const QString& group, const QStringList& extra = {})
    {
        QStringList arguments{"serve",           "--listen",      "127.0.0.1:0", "--db",        m_database,
                              "--threads",       "2",             "--kafka-brokers", bootstrap, "--kafka-topic",
                              topic,             "--kafka-group", group};
        arguments << kGroupTimeouts << extra;
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(m_logPath, QIODevice::Append);
        m_process.start(qEnvironmentVariable("UMG_NODE_BINARY"), arguments);
        if (!m_process.waitForStarted(10'000))
            return false;
        m_logOffset = readFile(m_logPath).size();
        static const QRegularExpression serving("serving the HTTP API\" address=127\\.0\\.0\\.1:(\\d+)");
        return waitUntil(
            [&] {
                const QRegularExpressionMatch match = serving.match(readFile(m_logPath), m_logOffset);
                if (match.hasMatch())
                    m_port = match.captured(1).toInt();
                return match.hasMatch() || m_process.state() == QProcess::NotRunning;
            },
            std::chrono::seconds(60))
            && m_port > 0 && m_process.state() == QProcess::Running;
    }

    /// SIGTERM: the node commits, leaves the group and drains. Returns its
    /// exit code, or -1 when it did not exit normally within 60 s.
    int terminate()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(60'000) || m_process.exitStatus() != QProcess::NormalExit)
            return -1;
        return m_process.exitCode();
    }

    void kill()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(10'000);
        m_port = 0;
    }

    QJsonObject status() const
    {
        if (m_port == 0)
            return {};
        httplib::Client http("127.0.0.1", m_port);
        http.set_read_timeout(10, 0);
        const auto response = http.Get("/v1/status");
        if (!response || response->status != 200)
            return {};
        return QJsonDocument::fromJson(QByteArray::fromStdString(response->body)).object();
    }

    QJsonObject kafka() const { return status().value("kafka").toObject(); }

    bool hasPartitions() const { return !kafka().value("partitions").toArray().isEmpty(); }

    QString metrics() const
    {
        httplib::Client http("127.0.0.1", m_port);
        const auto response = http.Get("/metrics");
        return response ? QString::fromStdString(response->body) : QString();
    }

    QString log() const { return readFile(m_logPath); }
    const QString& database() const { return m_database; }
    const QString& name() const { return m_name; }

    /// The instance id the node logs when it starts consuming.
    QString instanceId() const
    {
        static const QRegularExpression instance("msg=consuming .* instance=([0-9a-f]{16})");
        return instance.match(log()).captured(1);
    }

private:
    QString m_name;
    QString m_database;
    QString m_logPath;
    QProcess m_process;
    qsizetype m_logOffset = 0;
    int m_port = 0;
};

struct Workload {
    QStringList chunkFiles;
    QString allFile;
    std::int64_t events = 0;
};

// Writes `chunks` NDJSON files of `perChunk` generated events each (one
// continuous stream split in order) and one file with all of them.
Workload writeWorkload(const QString& directory, std::uint64_t seed, int chunks, std::size_t perChunk)
{
    WorkloadProfile profile;
    profile.seed = seed;
    profile.idPrefix = "kn" + std::to_string(seed);
    profile.devices = 12'000;
    WorkloadGenerator generator(profile);
    Workload workload;
    workload.allFile = directory + QString("/all-%1.ndjson").arg(seed);
    std::string all;
    for (int chunk = 0; chunk < chunks; ++chunk) {
        EventBatch events;
        generator.generate(perChunk, events);
        std::string text;
        for (const EventRecord& event : events.events())
            appendNdjson(events, event, text);
        const QString path = directory + QString("/chunk-%1-%2.ndjson").arg(seed).arg(chunk);
        if (!writeFile(path, QByteArray::fromStdString(text)))
            return {};
        workload.chunkFiles << path;
        workload.events += static_cast<std::int64_t>(events.size());
        all += text;
    }
    if (!writeFile(workload.allFile, QByteArray::fromStdString(all)))
        return {};
    return workload;
}

struct Run {
    int exitCode = -1;
    QString output;
};

Run runNode(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(qEnvironmentVariable("UMG_NODE_BINARY"), arguments);
    Run run;
    if (!process.waitForFinished(300'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.output = QString::fromUtf8(process.readAll());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

// Prints which Kafka paths a node's log records, so that a passing run still
// shows the cases it exercised.
void reportKafkaActivity(const Node& node)
{
    const QString log = node.log();
    static const QRegularExpression reconciled("kept_batches=(\\d+) removed_batches=(\\d+)");
    int kept = 0;
    int removed = 0;
    for (auto match = reconciled.globalMatch(log); match.hasNext();) {
        const QRegularExpressionMatch next = match.next();
        kept += next.captured(1).toInt();
        removed += next.captured(2).toInt();
    }
    qInfo().noquote() << node.name() << "re-read" << log.count("re-reading the partition") << "partitions;"
                      << log.count("offset commit failed") << "failed offset commits;"
                      << log.count("consuming uncommitted messages again") << "partitions moved back to them;"
                      << "at start kept" << kept << "and removed" << removed
                      << "Kafka journal batches without stored results";
}

QString describeOffsets(const test::GroupOffsets& offsets)
{
    if (!offsets.error.isEmpty())
        return offsets.error;
    QStringList parts;
    for (std::size_t p = 0; p < offsets.committed.size(); ++p)
        parts << QString("p%1 %2/%3").arg(p).arg(offsets.committed[p]).arg(offsets.high[p]);
    return parts.join(", ");
}

} // namespace

class KafkaNodesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void threeNodesMatchOneNode();
    void killedNodeIsTakenOver();
    void kcatProducedEventsAreAttributed();
    void malformedMessagesAreRecordedAndSkipped();
    void killMidBatchThenRebalance();

private:
    void produce(const QString& file, const QString& topic, const QStringList& extra = {});
    bool caughtUp(const QString& group, const QString& topic = "events", int partitions = kPartitions);
    void waitCaughtUp(const QString& group, const QString& topic = "events", int partitions = kPartitions);
    void stopAll(const std::vector<Node*>& nodes);
    void compareWithReference(const QStringList& fleet, const Node& reference, std::int64_t events);

    QTemporaryDir m_dir;
    QString m_bootstrap;
};

void KafkaNodesTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariable("UMG_NODE_BINARY").isEmpty(), "UMG_NODE_BINARY names the unmogrowp-node program");
    QVERIFY(m_dir.isValid());
    // Node logs and databases stay for inspection when this is set.
    if (qEnvironmentVariableIsSet("UMG_KEEP_TEST_FILES")) {
        m_dir.setAutoRemove(false);
        qInfo().noquote() << "test files stay in" << m_dir.path();
    }
}

void KafkaNodesTest::produce(const QString& file, const QString& topic, const QStringList& extra)
{
    const Run run = runNode(QStringList{"produce", file, "--kafka-brokers", m_bootstrap, "--kafka-topic", topic} + extra);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
}

bool KafkaNodesTest::caughtUp(const QString& group, const QString& topic, int partitions)
{
    const test::GroupOffsets offsets = test::readGroupOffsets(m_bootstrap, group, topic, partitions);
    if (!offsets.error.isEmpty())
        return false;
    for (int p = 0; p < partitions; ++p) {
        const std::int64_t committed = std::max<std::int64_t>(0, offsets.committed[static_cast<std::size_t>(p)]);
        if (committed != offsets.high[static_cast<std::size_t>(p)])
            return false;
    }
    return true;
}

void KafkaNodesTest::waitCaughtUp(const QString& group, const QString& topic, int partitions)
{
    if (!waitUntil([&] { return caughtUp(group, topic, partitions); }, std::chrono::seconds(120))) {
        const test::GroupOffsets offsets = test::readGroupOffsets(m_bootstrap, group, topic, partitions);
        QFAIL(qPrintable(QString("group %1 did not commit every message of %2 within 120 s: %3")
                             .arg(group, topic, describeOffsets(offsets))));
    }
}

void KafkaNodesTest::stopAll(const std::vector<Node*>& nodes)
{
    for (Node* node : nodes) {
        const int exitCode = node->terminate();
        QVERIFY2(exitCode == 0, qPrintable(QString("node %1 exited with %2:\n%3").arg(node->name()).arg(exitCode).arg(node->log())));
    }
}

void KafkaNodesTest::compareWithReference(const QStringList& fleet, const Node& reference, std::int64_t events)
{
    const test::StoredResults expected = test::readResults({reference.database()});
    const test::StoredResults actual = test::readResults(fleet);
    QVERIFY2(!expected.installs.empty(), "the reference node stored no installs");
    if (!actual.repeatedInstalls.empty())
        QFAIL(qPrintable("an install was counted twice: " + QString::fromStdString(actual.repeatedInstalls.front())));
    const QString differences = test::describeDifferences(expected, actual);
    QVERIFY2(differences.isEmpty(), qPrintable("the fleet's results differ from one node's:\n" + differences));
    QCOMPARE(expected.journalEvents, events);
    QCOMPARE(actual.journalEvents, events);
}

void KafkaNodesTest::threeNodesMatchOneNode()
{
    MockCluster cluster;
    QVERIFY(cluster.start({"events:6"}));
    m_bootstrap = cluster.bootstrap();
    const QString directory = m_dir.filePath("three");
    QVERIFY(QDir().mkpath(directory));
    const Workload workload = writeWorkload(directory, 21, 3, 40'000);
    QCOMPARE(workload.chunkFiles.size(), 3);

    Node reference("reference", directory);
    Node a("a", directory);
    Node b("b", directory);
    Node c("c", directory);
    VERIFY_WITH_LOG(reference.start(m_bootstrap, "events", "reference"), reference);
    VERIFY_WITH_LOG(a.start(m_bootstrap, "events", "fleet"), a);

    // Nodes join while events arrive, so partitions move between nodes that
    // already hold attribution state for them.
    produce(workload.chunkFiles[0], "events");
    waitCaughtUp("fleet");
    VERIFY_WITH_LOG(b.start(m_bootstrap, "events", "fleet"), b);
    VERIFY_WITH_LOG(waitUntil([&] { return b.hasPartitions(); }, std::chrono::seconds(60)), b);
    produce(workload.chunkFiles[1], "events");
    waitCaughtUp("fleet");
    VERIFY_WITH_LOG(c.start(m_bootstrap, "events", "fleet"), c);
    VERIFY_WITH_LOG(waitUntil([&] { return c.hasPartitions(); }, std::chrono::seconds(60)), c);
    produce(workload.chunkFiles[2], "events");
    waitCaughtUp("fleet");
    waitCaughtUp("reference");

    QVERIFY(a.hasPartitions());
    const QString fleetLogs = a.log() + b.log() + c.log();
    QVERIFY2(fleetLogs.contains("re-reading the partition to rebuild attribution state"),
             "no node re-read a partition it took over");
    stopAll({&reference, &a, &b, &c});
    compareWithReference({a.database(), b.database(), c.database()}, reference, workload.events);

    // One node consuming from Kafka gives the results of replaying the file.
    const QString replayDatabase = directory + "/replay.db";
    const Run replay = runNode({"replay", workload.allFile, "--db", replayDatabase, "--threads", "2", "--quiet"});
    QVERIFY2(replay.exitCode == 0, qPrintable(replay.output));
    const QString differences =
        test::describeDifferences(test::readResults({replayDatabase}), test::readResults({reference.database()}));
    QVERIFY2(differences.isEmpty(), qPrintable("Kafka consumption differs from a replay:\n" + differences));
}

void KafkaNodesTest::killedNodeIsTakenOver()
{
    MockCluster cluster;
    QVERIFY(cluster.start({"events:6"}));
    m_bootstrap = cluster.bootstrap();
    const QString directory = m_dir.filePath("killed");
    QVERIFY(QDir().mkpath(directory));
    const Workload workload = writeWorkload(directory, 22, 3, 40'000);

    Node reference("reference", directory);
    Node a("a", directory);
    Node b("b", directory);
    Node c("c", directory);
    VERIFY_WITH_LOG(reference.start(m_bootstrap, "events", "reference"), reference);
    for (Node* node : {&a, &b, &c})
        VERIFY_WITH_LOG(node->start(m_bootstrap, "events", "fleet"), *node);
    QVERIFY2(waitUntil([&] { return a.hasPartitions() && b.hasPartitions() && c.hasPartitions(); },
                       std::chrono::seconds(60)),
             "the three nodes did not share the partitions within 60 s");
    const QString killedInstance = b.instanceId();
    QVERIFY(!killedInstance.isEmpty());

    // Node b dies while it consumes.
    produce(workload.chunkFiles[0], "events");
    waitUntil([&] { return b.kafka().value("messages_consumed").toInteger() > 0; }, std::chrono::seconds(30));
    qInfo() << "killing b after it consumed" << b.kafka().value("messages_consumed").toInteger() << "messages";
    b.kill();

    // The others take over b's partitions, including events sent meanwhile.
    produce(workload.chunkFiles[1], "events");
    waitCaughtUp("fleet");
    const test::GroupOffsets offsets = test::readGroupOffsets(m_bootstrap, "fleet", "events", kPartitions);
    QVERIFY2(offsets.error.isEmpty(), qPrintable(offsets.error));
    for (int p = 0; p < kPartitions; ++p) {
        const auto metadata = CommitMetadata::parse(offsets.metadata[static_cast<std::size_t>(p)]);
        QVERIFY2(metadata && !metadata->owners.empty(), qPrintable(QString("partition %1 has no ownership history").arg(p)));
        QVERIFY2(QString::fromStdString(metadata->owners.back().instance) != killedInstance,
                 qPrintable(QString("partition %1 was not taken over from the killed node").arg(p)));
    }

    // b comes back on its database and settles what it journaled.
    VERIFY_WITH_LOG(b.start(m_bootstrap, "events", "fleet"), b);
    VERIFY_WITH_LOG(waitUntil([&] { return b.hasPartitions(); }, std::chrono::seconds(60)), b);
    produce(workload.chunkFiles[2], "events");
    waitCaughtUp("fleet");
    waitCaughtUp("reference");
    stopAll({&reference, &a, &b, &c});
    for (const Node* node : {&a, &b, &c})
        reportKafkaActivity(*node);
    compareWithReference({a.database(), b.database(), c.database()}, reference, workload.events);
}

void KafkaNodesTest::kcatProducedEventsAreAttributed()
{
    if (QString(UMG_KCAT_EXECUTABLE).isEmpty() || !QFileInfo(UMG_KCAT_EXECUTABLE).isExecutable())
        QSKIP("kcat is not installed (Debian package kcat)");
    MockCluster cluster;
    QVERIFY(cluster.start({"events:6"}));
    m_bootstrap = cluster.bootstrap();
    const QString directory = m_dir.filePath("kcat");
    QVERIFY(QDir().mkpath(directory));

    // kcat sends one message per line, keyed by device, so its own
    // partitioner keeps each device's events in one partition.
    WorkloadProfile profile;
    profile.seed = 23;
    profile.idPrefix = "kc";
    profile.devices = 1'500;
    WorkloadGenerator generator(profile);
    EventBatch events;
    generator.generate(6'000, events);
    std::string keyed;
    std::string plain;
    for (const EventRecord& event : events.events()) {
        std::string line;
        appendNdjson(events, event, line);
        plain += line;
        char key[17];
        std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(deviceKeyOf(events, event).key));
        keyed += std::string(key) + '\t' + line;
    }
    const QString keyedFile = directory + "/keyed.txt";
    const QString plainFile = directory + "/events.ndjson";
    QVERIFY(writeFile(keyedFile, QByteArray::fromStdString(keyed)));
    QVERIFY(writeFile(plainFile, QByteArray::fromStdString(plain)));

    QProcess kcat;
    kcat.setProcessChannelMode(QProcess::MergedChannels);
    kcat.start(UMG_KCAT_EXECUTABLE, {"-P", "-b", m_bootstrap, "-t", "events", "-K", "\t", "-l", keyedFile});
    QVERIFY(kcat.waitForFinished(120'000));
    QVERIFY2(kcat.exitStatus() == QProcess::NormalExit && kcat.exitCode() == 0, kcat.readAll().constData());

    Node node("node", directory);
    VERIFY_WITH_LOG(node.start(m_bootstrap, "events", "kcat"), node);
    waitCaughtUp("kcat");
    QCOMPARE(node.kafka().value("messages_consumed").toInteger(), qint64(events.size()));
    QCOMPARE(node.kafka().value("malformed_messages").toInteger(), qint64(0));
    stopAll({&node});

    const QString replayDatabase = directory + "/replay.db";
    const Run replay = runNode({"replay", plainFile, "--db", replayDatabase, "--threads", "2", "--quiet"});
    QVERIFY2(replay.exitCode == 0, qPrintable(replay.output));
    const test::StoredResults expected = test::readResults({replayDatabase});
    const test::StoredResults actual = test::readResults({node.database()});
    QVERIFY(!actual.installs.empty());
    const QString differences = test::describeDifferences(expected, actual);
    QVERIFY2(differences.isEmpty(), qPrintable("events produced by kcat were attributed differently:\n" + differences));
    QCOMPARE(actual.journalEvents, qint64(events.size()));
}

void KafkaNodesTest::malformedMessagesAreRecordedAndSkipped()
{
    MockCluster cluster;
    QVERIFY(cluster.start({"bad:1"}));
    m_bootstrap = cluster.bootstrap();
    const QString directory = m_dir.filePath("malformed");
    QVERIFY(QDir().mkpath(directory));

    auto line = [](const Event& event) {
        EventBatch batch;
        batch.append(event);
        std::string text;
        appendNdjson(batch, batch[0], text);
        text.pop_back();
        return text;
    };
    auto event = [](const std::string& id, EventType type, std::int64_t ms) {
        Event e;
        e.eventId = id;
        e.type = type;
        e.timestampMs = 1'790'000'000'000 + ms;
        e.customerId = "c1";
        e.appId = "com.example.game";
        e.advertisingId = "0a1b2c3d-0000-4000-8000-00000000000" + std::to_string(ms % 10);
        if (isTouch(type))
            e.mediaSource = "network_a";
        if (type == EventType::InAppEvent)
            e.eventName = "purchase";
        return e;
    };
    const std::vector<std::string> messages = {
        // offset 0: three good events
        line(event("click-1", EventType::Click, 1)) + "\n" + line(event("click-2", EventType::Click, 2)) + "\n"
            + line(event("click-3", EventType::Click, 3)),
        // offset 1: not JSON
        "{not json",
        // offset 2: a bad line between two good ones
        line(event("click-4", EventType::Click, 4)) + "\n"
            + R"({"event_id":"x","type":"teleport","timestamp":1790000000005,"customer_id":"c1","app_id":"a","platform":"android","advertising_id":"x"})"
            + "\n" + line(event("click-5", EventType::Click, 5)),
        // offset 3: binary
        std::string("\xff\xfe\x00\x01 binary", 11),
        // offset 4: empty
        std::string(),
        // offsets 5 and 6: good events after the bad ones
        line(event("install-1", EventType::Install, 60'001)),
        line(event("inapp-1", EventType::InAppEvent, 120'001)),
    };
    const QString produced = test::produceMessages(m_bootstrap, "bad", 0, messages);
    QVERIFY2(produced.isEmpty(), qPrintable(produced));

    Node node("node", directory);
    VERIFY_WITH_LOG(node.start(m_bootstrap, "bad", "malformed"), node);
    waitCaughtUp("malformed", "bad", 1);
    const QJsonObject kafka = node.kafka();
    QCOMPARE(kafka.value("messages_consumed").toInteger(), qint64(7));
    QCOMPARE(kafka.value("malformed_messages").toInteger(), qint64(4));
    QVERIFY2(node.metrics().contains("attribution_kafka_malformed_messages_total{topic=\"bad\"} 4"), "metric missing");
    stopAll({&node});

    // One rejection per malformed message, with the partition and the offset.
    const std::map<std::int64_t, std::string> recorded = test::readRejections(node.database(), "kafka:bad/0");
    std::map<std::int64_t, QString> rejections;
    for (const auto& [offset, text] : recorded)
        rejections[offset] = QString::fromStdString(text);
    QCOMPARE(rejections.size(), std::size_t(4));
    QVERIFY(rejections.count(1) && rejections[1].startsWith("invalid_json"));
    QVERIFY(rejections.count(2) && rejections[2].startsWith("unknown_event_type") && rejections[2].contains("message line 2"));
    QVERIFY(rejections.count(3));
    QVERIFY(rejections.count(4) && rejections[4].contains("no event"));

    // Every good event, including those after the bad messages, was processed.
    const test::StoredResults stored = test::readResults({node.database()});
    QCOMPARE(stored.journalEvents, qint64(7));
    QCOMPARE(stored.installs.size(), std::size_t(1));
}

void KafkaNodesTest::killMidBatchThenRebalance()
{
    // Delayed broker replies leave a commit stored before the node hears of
    // it, so that the kill can also land between the two.
    MockCluster cluster;
    QVERIFY(cluster.start({"events:6"}, {"--rtt-ms", "100"}));
    m_bootstrap = cluster.bootstrap();
    const QString directory = m_dir.filePath("midbatch");
    QVERIFY(QDir().mkpath(directory));
    const Workload workload = writeWorkload(directory, 24, 2, 75'000);

    // Small batches and fetches keep node a busy with many batches, so that
    // the kill lands while batches are between journal, commit and results.
    const QStringList slow = {"--kafka-batch-events", "1000", "--kafka-option", "max.partition.fetch.bytes=65536"};
    Node reference("reference", directory);
    Node a("a", directory);
    Node b("b", directory);
    Node c("c", directory);
    VERIFY_WITH_LOG(reference.start(m_bootstrap, "events", "reference"), reference);
    VERIFY_WITH_LOG(a.start(m_bootstrap, "events", "fleet", slow), a);
    VERIFY_WITH_LOG(waitUntil([&] { return a.hasPartitions(); }, std::chrono::seconds(60)), a);
    // One message per message set: the mock broker returns one set per
    // partition and fetch, so consuming takes many fetches.
    const QStringList oneMessagePerSet = {"--batch-events", "250", "--kafka-option", "linger.ms=0",
                                          "--kafka-option", "batch.num.messages=1"};
    produce(workload.chunkFiles[0], "events", oneMessagePerSet);
    waitUntil([&] { return a.kafka().value("messages_consumed").toInteger() > 0; }, std::chrono::seconds(30));
    const QJsonObject beforeKill = a.kafka();
    qInfo() << "killing a after it consumed" << beforeKill.value("messages_consumed").toInteger() << "messages, with"
            << beforeKill.value("total_lag").toInteger() << "messages behind";
    a.kill();

    // From here on no committed offset may move back.
    std::vector<std::int64_t> floor(kPartitions, std::numeric_limits<std::int64_t>::min());
    QString rewound;
    auto sampleOffsets = [&] {
        const test::GroupOffsets offsets = test::readGroupOffsets(m_bootstrap, "fleet", "events", kPartitions);
        for (std::size_t p = 0; offsets.error.isEmpty() && p < floor.size(); ++p) {
            if (offsets.committed[p] < floor[p] && rewound.isEmpty())
                rewound = QString("partition %1 went back from %2 to %3").arg(p).arg(floor[p]).arg(offsets.committed[p]);
            floor[p] = std::max(floor[p], offsets.committed[p]);
        }
    };
    sampleOffsets();

    // b takes the partitions over once a's session expires. Adding c while
    // b consumes forces a rebalance with b's batches between journal and
    // commit.
    VERIFY_WITH_LOG(b.start(m_bootstrap, "events", "fleet", slow), b);
    waitUntil(
        [&] {
            sampleOffsets();
            return b.kafka().value("messages_consumed").toInteger() > 0;
        },
        std::chrono::seconds(60));
    VERIFY_WITH_LOG(c.start(m_bootstrap, "events", "fleet", slow), c);
    QVERIFY(waitUntil(
        [&] {
            sampleOffsets();
            return caughtUp("fleet");
        },
        std::chrono::seconds(120)));

    // a restarts on its database: batches it journaled but never committed
    // are removed, the others are restored.
    VERIFY_WITH_LOG(a.start(m_bootstrap, "events", "fleet", slow), a);
    VERIFY_WITH_LOG(a.log().contains("msg=\"engine started\""), a);
    VERIFY_WITH_LOG(waitUntil([&] { return a.hasPartitions(); }, std::chrono::seconds(60)), a);
    produce(workload.chunkFiles[1], "events", oneMessagePerSet);
    QVERIFY(waitUntil(
        [&] {
            sampleOffsets();
            return caughtUp("fleet");
        },
        std::chrono::seconds(120)));
    waitCaughtUp("reference");
    QVERIFY2(rewound.isEmpty(), qPrintable("a committed offset moved back: " + rewound));

    stopAll({&reference, &a, &b, &c});
    for (const Node* node : {&a, &b, &c})
        reportKafkaActivity(*node);
    const test::GroupOffsets offsets = test::readGroupOffsets(m_bootstrap, "fleet", "events", kPartitions);
    QVERIFY2(offsets.error.isEmpty(), qPrintable(offsets.error));
    for (int p = 0; p < kPartitions; ++p)
        QCOMPARE(offsets.committed[static_cast<std::size_t>(p)], offsets.high[static_cast<std::size_t>(p)]);
    compareWithReference({a.database(), b.database(), c.database()}, reference, workload.events);
}

QTEST_GUILESS_MAIN(KafkaNodesTest)
#include "tst_kafkanodes.moc"
