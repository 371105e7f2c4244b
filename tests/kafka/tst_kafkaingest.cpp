// The pieces of Kafka ingestion that run in one process: the ownership
// history in commit metadata, the rewind tracker, device partitioning, the
// engine's deferred and state-only batches, and the journal reconciliation.
// The reconciliation runs against librdkafka's mock cluster on loopback.

#include <QtTest>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <limits>
#include <random>

#include "attribution/routedevent.h"
#include "kafka/journalrecovery.h"
#include "kafka/kafkaclient.h"
#include "kafka/ownership.h"
#include "kafka/rewindtracker.h"
#include "kafkatestsupport.h"
#include "loadgen/generator.h"
#include "runtime/engine.h"
#include "storage/store.h"

using namespace umg;

namespace {

constexpr std::int64_t kMinute = 60'000;

EventBatch generateEvents(std::size_t count, std::uint64_t seed)
{
    WorkloadProfile profile;
    profile.seed = seed;
    profile.idPrefix = "k" + std::to_string(seed);
    profile.devices = 2'000;
    WorkloadGenerator generator(profile);
    EventBatch events;
    generator.generate(count, events);
    return events;
}

EventBatch slice(const EventBatch& from, std::size_t begin, std::size_t end)
{
    EventBatch part;
    for (std::size_t i = begin; i < end && i < from.size(); ++i)
        part.append(from, from[i]);
    return part;
}

Event makeEvent(const std::string& id, EventType type, std::int64_t timeMs)
{
    Event event;
    event.eventId = id;
    event.type = type;
    event.timestampMs = timeMs;
    event.customerId = "c1";
    event.appId = "com.example.game";
    event.platform = Platform::Android;
    event.advertisingId = "4f1c2d3e-0000-4000-8000-000000000001";
    if (isTouch(type)) {
        event.mediaSource = "network_a";
        event.campaign = "spring";
    }
    return event;
}

EngineOptions optionsFor(const QString& database)
{
    EngineOptions options;
    options.config.workerThreads = 2;
    options.databasePath = database.toStdString();
    return options;
}

// librdkafka's mock cluster inside the test process.
class MockCluster {
public:
    MockCluster()
    {
        char reason[256];
        m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, rd_kafka_conf_new(), reason, sizeof reason);
        m_cluster = rd_kafka_mock_cluster_new(m_handle, 1);
        rd_kafka_mock_topic_create(m_cluster, "events", 2, 1);
    }
    ~MockCluster()
    {
        rd_kafka_mock_cluster_destroy(m_cluster);
        rd_kafka_destroy(m_handle);
    }
    QString bootstrap() const { return QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_cluster)); }

private:
    rd_kafka_t* m_handle = nullptr;
    rd_kafka_mock_cluster_t* m_cluster = nullptr;
};

} // namespace

class KafkaIngestTest : public QObject {
    Q_OBJECT

private slots:
    void commitMetadataRoundTrip();
    void commitMetadataRejectsOtherText_data();
    void commitMetadataRejectsOtherText();
    void ownerHistoryIsBounded();
    void batchOriginRoundTrip();
    void offsetsWereCommitted_data();
    void offsetsWereCommitted();
    void rewindTrackerKeepsWindow();
    void rewindTrackerIgnoresEmptyMessages();
    void partitionsSpreadDevicesAndWorkers();
    void deferredBatchWaitsForActivation();
    void cancelledBatchLeavesNoTrace();
    void stateOnlyBatchRebuildsStateOnly();
    void journalRecoveryKeepsCommittedBatches();

private:
    QTemporaryDir m_dir;
};

void KafkaIngestTest::commitMetadataRoundTrip()
{
    CommitMetadata metadata;
    metadata.rewindOffset = 1234;
    metadata.appendOwner("00000000000000aa", 0);
    metadata.appendOwner("00000000000000bb", 700);
    const std::string text = metadata.format();
    QCOMPARE(QString::fromStdString(text), QString("umg1 rewind=1234 owners=00000000000000aa@0,00000000000000bb@700"));

    const auto parsed = CommitMetadata::parse(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->rewindOffset, std::int64_t(1234));
    QCOMPARE(parsed->owners.size(), std::size_t(2));
    QVERIFY(parsed->owners == metadata.owners);

    const auto empty = CommitMetadata::parse("umg1 rewind=0 owners=");
    QVERIFY(empty.has_value());
    QVERIFY(empty->owners.empty());
}

void KafkaIngestTest::commitMetadataRejectsOtherText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("other client") << "committed by kcat";
    QTest::newRow("newer version") << "umg2 rewind=0 owners=";
    QTest::newRow("rewind not a number") << "umg1 rewind=x owners=";
    QTest::newRow("owner without offset") << "umg1 rewind=0 owners=aa";
    QTest::newRow("owner without id") << "umg1 rewind=0 owners=@5";
    QTest::newRow("extra word") << "umg1 rewind=0 owners= more";
}

void KafkaIngestTest::commitMetadataRejectsOtherText()
{
    QFETCH(QString, text);
    QVERIFY(!CommitMetadata::parse(text.toStdString()).has_value());
}

void KafkaIngestTest::ownerHistoryIsBounded()
{
    CommitMetadata metadata;
    metadata.appendOwner("a", 0);
    metadata.appendOwner("a", 50);
    QCOMPARE(metadata.owners.size(), std::size_t(1));
    QCOMPARE(metadata.owners.front().since, std::int64_t(0));

    for (int i = 0; i < 40; ++i)
        metadata.appendOwner(i % 2 ? "a" : "b", 100 + i);
    QCOMPARE(metadata.owners.size(), CommitMetadata::kMaxOwners);
    QCOMPARE(metadata.owners.back().since, std::int64_t(139));
    QVERIFY(metadata.format().size() < 1024);
}

void KafkaIngestTest::batchOriginRoundTrip()
{
    const KafkaBatchOrigin origin{"attribution", "events", 5, 1200, 1299};
    const auto parsed = KafkaBatchOrigin::parse(origin.format());
    QVERIFY(parsed.has_value());
    QCOMPARE(QString::fromStdString(parsed->group), QString("attribution"));
    QCOMPARE(QString::fromStdString(parsed->topic), QString("events"));
    QCOMPARE(parsed->partition, 5);
    QCOMPARE(parsed->firstOffset, std::int64_t(1200));
    QCOMPARE(parsed->lastOffset, std::int64_t(1299));

    QVERIFY(!KafkaBatchOrigin::parse("").has_value());
    QVERIFY(!KafkaBatchOrigin::parse("http").has_value());
    QVERIFY(!KafkaBatchOrigin::parse("kafka\tg\tt\tx\t1\t2").has_value());
}

void KafkaIngestTest::offsetsWereCommitted_data()
{
    QTest::addColumn<QString>("metadata");
    QTest::addColumn<qint64>("committed");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<bool>("expected");

    // This node is `me`, and a batch contains offsets first..last.
    QTest::newRow("newest owner, before committed offset") << "umg1 rewind=0 owners=me@0" << 100LL << 80LL << 99LL << true;
    QTest::newRow("newest owner, commit not stored") << "umg1 rewind=0 owners=me@0" << 80LL << 80LL << 99LL << false;
    QTest::newRow("successor started after the batch") << "umg1 rewind=0 owners=me@0,other@100" << 250LL << 80LL << 99LL
                                                       << true;
    QTest::newRow("successor started at the batch") << "umg1 rewind=0 owners=me@0,other@80" << 250LL << 80LL << 99LL
                                                    << false;
    QTest::newRow("owned again later, new period stored") << "umg1 rewind=0 owners=me@0,other@80,me@150" << 260LL
                                                          << 200LL << 259LL << true;
    QTest::newRow("owned again later, first commit lost") << "umg1 rewind=0 owners=me@0,other@80" << 150LL << 200LL
                                                          << 259LL << false;
    QTest::newRow("never committed") << "umg1 rewind=0 owners=other@0" << 300LL << 80LL << 99LL << false;
    QTest::newRow("metadata of another client") << "kcat" << 300LL << 80LL << 99LL << false;
    QTest::newRow("no committed offset") << "" << -1001LL << 0LL << 10LL << false;
}

void KafkaIngestTest::offsetsWereCommitted()
{
    QFETCH(QString, metadata);
    QFETCH(qint64, committed);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(bool, expected);
    const KafkaBatchOrigin batch{"g", "events", 0, first, last};
    QCOMPARE(umg::offsetsWereCommitted(batch, "me", committed, CommitMetadata::parse(metadata.toStdString())), expected);
}

void KafkaIngestTest::rewindTrackerKeepsWindow()
{
    // One message a minute, each with events of its minute; a 60-minute window.
    RewindTracker tracker(60 * kMinute);
    tracker.reset(100);
    QCOMPARE(tracker.rewindOffset(), std::int64_t(100));
    for (std::int64_t minute = 0; minute < 300; ++minute)
        tracker.add(100 + minute, minute * kMinute);

    // The newest event is at minute 299, so everything from minute 239 on
    // must stay re-readable. The rewind offset may be early by one span (1/64
    // of the window) but never late.
    const std::int64_t rewind = tracker.rewindOffset();
    QVERIFY2(rewind <= 100 + 239, qPrintable(QString("rewind offset %1 is after minute 239").arg(rewind)));
    QVERIFY2(rewind >= 100 + 239 - 2, qPrintable(QString("rewind offset %1 keeps far more than the window").arg(rewind)));

    // A late message (an event from minute 10) does not move the horizon.
    tracker.add(400, 10 * kMinute);
    QCOMPARE(tracker.rewindOffset(), rewind);

    tracker.reset(1000);
    QCOMPARE(tracker.rewindOffset(), std::int64_t(1000));
}

void KafkaIngestTest::rewindTrackerIgnoresEmptyMessages()
{
    RewindTracker tracker(60 * kMinute);
    tracker.reset(5);
    tracker.add(5, std::numeric_limits<std::int64_t>::min());
    tracker.add(6, std::numeric_limits<std::int64_t>::min());
    QCOMPARE(tracker.rewindOffset(), std::int64_t(5));
    tracker.add(7, 1'000 * kMinute);
    QCOMPARE(tracker.rewindOffset(), std::int64_t(7));
}

void KafkaIngestTest::partitionsSpreadDevicesAndWorkers()
{
    constexpr int kPartitions = 6;
    constexpr int kKeys = 60'000;
    std::mt19937_64 random(42);
    std::array<int, kPartitions> perPartition{};
    std::array<std::array<int, 2>, kPartitions> perWorker{};
    for (int i = 0; i < kKeys; ++i) {
        const std::uint64_t key = random();
        const std::int32_t partition = partitionForDevice(key, kPartitions);
        QVERIFY(partition >= 0 && partition < kPartitions);
        QCOMPARE(partitionForDevice(key, kPartitions), partition);
        ++perPartition[static_cast<std::size_t>(partition)];
        ++perWorker[static_cast<std::size_t>(partition)][shardOf(key, 2)];
    }
    for (int p = 0; p < kPartitions; ++p) {
        const int count = perPartition[static_cast<std::size_t>(p)];
        QVERIFY2(std::abs(count - kKeys / kPartitions) < kKeys / kPartitions / 10,
                 qPrintable(QString("partition %1 has %2 of %3 keys").arg(p).arg(count).arg(kKeys)));
        // A node that owns one partition still uses both workers.
        for (int worker = 0; worker < 2; ++worker)
            QVERIFY2(perWorker[static_cast<std::size_t>(p)][static_cast<std::size_t>(worker)] > count / 3,
                     qPrintable(QString("partition %1 leaves worker %2 nearly idle").arg(p).arg(worker)));
    }
}

void KafkaIngestTest::deferredBatchWaitsForActivation()
{
    const QString database = m_dir.filePath("deferred.db");
    const EventBatch events = generateEvents(2'000, 3);
    Engine engine(optionsFor(database));
    BatchOptions options;
    options.deferred = true;
    options.origin = KafkaBatchOrigin{"g", "events", 0, 0, 9}.format();
    const std::uint64_t batchId = engine.submit(engine.prepare(events, options), Engine::SubmitMode::TryOnce);
    QVERIFY(batchId > 0);
    QVERIFY(engine.waitDurable(batchId, std::chrono::seconds(10)));

    QVERIFY2(!engine.flush(std::chrono::milliseconds(300)), "the workers processed a deferred batch before activation");
    QCOMPARE(engine.snapshot(false).eventsAccepted, std::int64_t(0));

    engine.activate(batchId);
    QVERIFY(engine.flush(std::chrono::seconds(30)));
    QCOMPARE(engine.snapshot(false).eventsAccepted, static_cast<std::int64_t>(events.size()));
    engine.stop();

    Store store(database.toStdString(), Store::Mode::ReadOnly);
    QCOMPARE(store.journalEventCount(), static_cast<std::int64_t>(events.size()));
    QVERIFY(store.installCounts().installs > 0);
}

void KafkaIngestTest::cancelledBatchLeavesNoTrace()
{
    const QString database = m_dir.filePath("cancelled.db");
    const EventBatch events = generateEvents(3'000, 4);
    const EventBatch cancelledPart = slice(events, 0, 1'500);
    const EventBatch keptPart = slice(events, 1'500, 3'000);
    {
        Engine engine(optionsFor(database));
        BatchOptions deferred;
        deferred.deferred = true;
        deferred.origin = KafkaBatchOrigin{"g", "events", 0, 0, 9}.format();
        const std::uint64_t cancelled = engine.submit(engine.prepare(cancelledPart, deferred), Engine::SubmitMode::TryOnce);
        const std::uint64_t later = engine.submit(engine.prepare(keptPart), Engine::SubmitMode::TryOnce);
        QVERIFY(cancelled > 0 && later > 0);
        QVERIFY(engine.waitDurable(later, std::chrono::seconds(10)));
        engine.cancel(cancelled);
        QVERIFY(engine.flush(std::chrono::seconds(30)));
        QCOMPARE(engine.snapshot(false).eventsAccepted, static_cast<std::int64_t>(keptPart.size()));
    }
    {
        Store store(database.toStdString(), Store::Mode::ReadOnly);
        QCOMPARE(store.journalEventCount(), static_cast<std::int64_t>(keptPart.size()));
    }
    // After a restart the cancelled events are new, not duplicates.
    Engine engine(optionsFor(database));
    engine.submit(engine.prepare(cancelledPart));
    QVERIFY(engine.flush(std::chrono::seconds(30)));
    QCOMPARE(engine.snapshot(false).eventsDuplicate, std::int64_t(0));
    QCOMPARE(engine.snapshot(false).eventsAccepted, static_cast<std::int64_t>(cancelledPart.size()));
}

void KafkaIngestTest::stateOnlyBatchRebuildsStateOnly()
{
    const QString database = m_dir.filePath("stateonly.db");
    const std::int64_t start = 1'790'000'000'000;
    EventBatch touches;
    touches.append(makeEvent("click-1", EventType::Click, start));
    EventBatch installs;
    installs.append(makeEvent("install-1", EventType::Install, start + 3 * kMinute));

    auto checkStored = [&] {
        Store store(database.toStdString(), Store::Mode::ReadOnly);
        const AggregateDelta totals = store.aggregateTotals();
        QCOMPARE(totals.clicks, std::int64_t(0));
        QCOMPARE(totals.installs, std::int64_t(1));
        QCOMPARE(totals.attributedInstalls, std::int64_t(1));
        int rows = 0;
        store.forEachInstall([&](const InstallRow& row) {
            ++rows;
            QCOMPARE(QString::fromStdString(row.touchEventId), QString("click-1"));
        });
        QCOMPARE(rows, 1);
    };
    {
        Engine engine(optionsFor(database));
        BatchOptions stateOnly;
        stateOnly.stateOnly = true;
        engine.submit(engine.prepare(touches, stateOnly));
        engine.submit(engine.prepare(installs));
        // The click was seen: submitting it again is a duplicate.
        engine.submit(engine.prepare(touches));
        QVERIFY(engine.flush(std::chrono::seconds(30)));
        const EngineSnapshot snapshot = engine.snapshot(false);
        QCOMPARE(snapshot.eventsAccepted, std::int64_t(1));
        QCOMPARE(snapshot.eventsDuplicate, std::int64_t(1));
    }
    checkStored();

    // A restart restores the state-only batch as state only: the click still
    // counts nowhere and the install is not decided again.
    {
        Engine engine(optionsFor(database));
        engine.submit(engine.prepare(touches));
        QVERIFY(engine.flush(std::chrono::seconds(30)));
        QCOMPARE(engine.snapshot(false).eventsDuplicate, std::int64_t(1));
    }
    checkStored();
}

void KafkaIngestTest::journalRecoveryKeepsCommittedBatches()
{
    const MockCluster cluster;
    const QString database = m_dir.filePath("recovery.db");
    KafkaClientOptions client;
    client.brokers = cluster.bootstrap().toStdString();

    // Without pending Kafka batches the recovery only creates the instance id
    // and needs no broker.
    const KafkaJournalRecovery first = recoverKafkaJournal(database.toStdString(), client, std::chrono::seconds(30));
    QCOMPARE(first.instanceId.size(), std::size_t(16));
    QCOMPARE(first.keptBatches + first.removedBatches, std::uint64_t(0));
    QCOMPARE(recoverKafkaJournal(database.toStdString(), client, std::chrono::seconds(30)).instanceId, first.instanceId);

    // Three batches journaled but never released, as after a crash between
    // the journal write and the commit's reply.
    const EventBatch events = generateEvents(3'000, 5);
    const std::vector<KafkaBatchOrigin> origins = {
        {"fleet", "events", 0, 0, 9}, {"fleet", "events", 0, 10, 19}, {"fleet", "events", 1, 0, 4}};
    {
        Engine engine(optionsFor(database));
        for (std::size_t i = 0; i < origins.size(); ++i) {
            BatchOptions deferred;
            deferred.deferred = true;
            deferred.origin = origins[i].format();
            const std::uint64_t batchId =
                engine.submit(engine.prepare(slice(events, i * 1'000, (i + 1) * 1'000), deferred), Engine::SubmitMode::TryOnce);
            QVERIFY(engine.waitDurable(batchId, std::chrono::seconds(10)));
        }
    }
    {
        Store store(database.toStdString(), Store::Mode::ReadOnly);
        QCOMPARE(store.journalEventCount(), std::int64_t(3'000));
        QCOMPARE(store.installCounts().installs, std::int64_t(0));
    }

    // The group stored the commit of the first batch only; partition 1 has
    // no committed offset.
    const std::string metadata = "umg1 rewind=0 owners=" + first.instanceId + "@0";
    const QString committed = test::commitOffset(cluster.bootstrap(), "fleet", "events", 0, 10, metadata);
    QVERIFY2(committed.isEmpty(), qPrintable(committed));

    const KafkaJournalRecovery recovery = recoverKafkaJournal(database.toStdString(), client, std::chrono::seconds(60));
    QCOMPARE(recovery.instanceId, first.instanceId);
    QCOMPARE(recovery.keptBatches, std::uint64_t(1));
    QCOMPARE(recovery.removedBatches, std::uint64_t(2));

    // The engine restores the kept batch and stores its results.
    {
        Engine engine(optionsFor(database));
        QVERIFY(engine.flush(std::chrono::seconds(30)));
    }
    Store store(database.toStdString(), Store::Mode::ReadOnly);
    QCOMPARE(store.journalEventCount(), std::int64_t(1'000));
    std::int64_t expectedInstalls = 0;
    for (std::size_t i = 0; i < 1'000; ++i)
        expectedInstalls += events[i].type == EventType::Install ? 1 : 0;
    QVERIFY(expectedInstalls > 0);
    QCOMPARE(store.installCounts().installs, expectedInstalls);
}

QTEST_GUILESS_MAIN(KafkaIngestTest)
#include "tst_kafkaingest.moc"
