// The engine end to end: order independence, sharding, idempotent replay,
// restart from the database, backpressure and ground-truth agreement.

#include <QtTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <tuple>

#include "loadgen/generator.h"
#include "runtime/engine.h"
#include "runtime/filereplay.h"
#include "runtime/storagewriter.h"
#include "storage/store.h"

using namespace umg;

namespace {

// The results stored in a database, in comparable form.
struct Digest {
    std::map<std::string, std::string> installs; // id -> decision summary
    std::map<std::string, std::string> aggregates; // row key -> counters
    std::map<std::string, double> revenue;
    std::int64_t rejected = 0;

    bool operator==(const Digest&) const = default;
};

Digest digest(const std::string& path)
{
    Digest d;
    Store store(path, Store::Mode::ReadOnly);
    store.forEachInstall([&](const InstallRow& row) {
        d.installs[row.appId + "/" + row.installEventId] = std::string(toString(row.kind)) + "|" + std::string(toString(row.status))
            + "|" + std::string(toString(row.matchMethod)) + "|" + row.touchEventId + "|" + formatFraudFlags(row.fraudFlags);
    });
    const AggregateDelta totals = store.aggregateTotals();
    d.aggregates["total"] = std::to_string(totals.clicks) + "," + std::to_string(totals.impressions) + ","
        + std::to_string(totals.installs) + "," + std::to_string(totals.reinstalls) + ","
        + std::to_string(totals.organicInstalls) + "," + std::to_string(totals.attributedInstalls) + ","
        + std::to_string(totals.fraudFlaggedInstalls) + "," + std::to_string(totals.inAppEvents);
    for (std::size_t m = 0; m < kCreditModelCount; ++m) {
        char value[32];
        std::snprintf(value, sizeof value, "%.6f", totals.credits[m]);
        d.aggregates["credit " + std::string(toString(static_cast<CreditModel>(m)))] = value;
    }
    d.rejected = store.rejectionCount();
    return d;
}

// Rows of the aggregates table with every counter, for a finer comparison.
std::map<std::string, std::string> aggregateRows(const std::string& path)
{
    Store store(path, Store::Mode::ReadOnly);
    std::map<std::string, std::string> rows;
    store.forEachAggregate([&](const AggregateDelta& row) {
        const std::string key = row.key.customerId + "|" + row.key.appId + "|" + row.key.mediaSource + "|"
            + row.key.campaign + "|" + std::to_string(row.key.day);
        char counters[256];
        std::snprintf(counters, sizeof counters, "%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%.6f,%.6f",
                      static_cast<long long>(row.clicks), static_cast<long long>(row.impressions),
                      static_cast<long long>(row.installs), static_cast<long long>(row.reinstalls),
                      static_cast<long long>(row.organicInstalls), static_cast<long long>(row.attributedInstalls),
                      static_cast<long long>(row.fraudFlaggedInstalls), static_cast<long long>(row.inAppEvents),
                      row.credits[2], row.credits[4]);
        rows[key] = counters;
    });
    return rows;
}

std::vector<Event> generate(std::size_t count, std::uint64_t seed, double outOfOrder = 0.0)
{
    WorkloadProfile profile;
    profile.seed = seed;
    profile.idPrefix = "t" + std::to_string(seed);
    profile.devices = 20'000;
    profile.outOfOrderShare = outOfOrder;
    profile.eventsPerEventSecond = 50;
    WorkloadGenerator generator(profile);
    EventBatch batch;
    generator.generate(count, batch);
    std::vector<Event> events;
    for (std::size_t i = 0; i < batch.size(); ++i)
        events.push_back(batch.toEvent(i));
    return events;
}

void runEngine(const std::string& database, const std::vector<Event>& events, unsigned workers = 2,
               std::size_t batchSize = 1000)
{
    EngineOptions options;
    options.databasePath = database;
    options.config.workerThreads = workers;
    Engine engine(options);
    for (std::size_t start = 0; start < events.size(); start += batchSize) {
        EventBatch batch;
        for (std::size_t i = start; i < std::min(events.size(), start + batchSize); ++i)
            batch.append(events[i]);
        QVERIFY(engine.submit(engine.prepare(batch)) > 0);
    }
    QVERIFY(engine.flush(std::chrono::minutes(5)));
    engine.stop();
}

std::vector<Event> sortedByTime(std::vector<Event> events)
{
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.timestampMs < b.timestampMs; });
    return events;
}

} // namespace

class EngineTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void groundTruthAgreement();
    void orderIndependence_data();
    void orderIndependence();
    void workerCountDoesNotChangeResults();
    void idempotentReplay();
    void reopenRestoresState();
    void tryOnceReportsBusy();
    void snapshotCountsMatchInput();
    void unwritableDatabaseFails();
    void readOnlyDatabaseStopsWriter();
    void failingCommitsDoNotBlockStop();

private:
    QTemporaryDir m_dir;
    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }
};

void EngineTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void EngineTest::groundTruthAgreement()
{
    // The generator's workload has no ambiguous touches, so the engine must
    // agree with its ground truth on every install.
    const std::vector<Event> events = generate(60'000, 11, 0.01);
    runEngine(path("truth.db"), events);
    Store store(path("truth.db"), Store::Mode::ReadOnly);
    std::int64_t installs = 0;
    std::int64_t agreeing = 0;
    QStringList disagreements;
    store.forEachInstall([&](const InstallRow& row) {
        ++installs;
        if (row.touchEventId == row.referenceTouchId)
            ++agreeing;
        else if (disagreements.size() < 5)
            disagreements << QString::fromStdString(row.installEventId + ": " + row.touchEventId + " vs " + row.referenceTouchId);
    });
    QVERIFY(installs > 1000);
    QVERIFY2(agreeing == installs, qPrintable(disagreements.join("; ")));
}

void EngineTest::orderIndependence_data()
{
    QTest::addColumn<int>("seed");
    QTest::newRow("seed 1") << 1;
    QTest::newRow("seed 2") << 2;
    QTest::newRow("seed 3") << 3;
}

void EngineTest::orderIndependence()
{
    QFETCH(int, seed);
    const std::vector<Event> sorted = sortedByTime(generate(40'000, 100 + seed));

    // Shuffle within the allowed lateness: each event moves behind events
    // at most 4.999 s newer than itself.
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::int64_t> jitter(0, 4999);
    std::vector<std::pair<std::int64_t, std::size_t>> keys;
    for (std::size_t i = 0; i < sorted.size(); ++i)
        keys.emplace_back(sorted[i].timestampMs + jitter(random), i);
    std::sort(keys.begin(), keys.end());
    std::vector<Event> shuffled;
    std::size_t moved = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        shuffled.push_back(sorted[keys[i].second]);
        moved += keys[i].second != i;
    }
    QVERIFY(moved > sorted.size() / 10);

    const std::string sortedDb = path(("sorted-" + std::to_string(seed) + ".db").c_str());
    const std::string shuffledDb = path(("shuffled-" + std::to_string(seed) + ".db").c_str());
    runEngine(sortedDb, sorted);
    runEngine(shuffledDb, shuffled);
    const Digest a = digest(sortedDb);
    const Digest b = digest(shuffledDb);
    QCOMPARE(a.installs.size(), b.installs.size());
    for (const auto& [id, decision] : a.installs)
        QCOMPARE(QString::fromStdString(b.installs.at(id)), QString::fromStdString(decision));
    QCOMPARE(a.aggregates, b.aggregates);
    QCOMPARE(aggregateRows(sortedDb), aggregateRows(shuffledDb));
}

void EngineTest::workerCountDoesNotChangeResults()
{
    const std::vector<Event> events = generate(30'000, 21, 0.01);
    runEngine(path("one-worker.db"), events, 1);
    runEngine(path("four-workers.db"), events, 4, 777);
    QVERIFY(digest(path("one-worker.db")) == digest(path("four-workers.db")));
    QCOMPARE(aggregateRows(path("one-worker.db")), aggregateRows(path("four-workers.db")));
}

void EngineTest::idempotentReplay()
{
    const std::string file = path("replay.ndjson");
    {
        std::ofstream out(file);
        const std::vector<Event> events = generate(20'000, 31, 0.01);
        EventBatch batch;
        for (const Event& event : events)
            batch.append(event);
        std::string text;
        for (const EventRecord& record : batch.events())
            appendNdjson(batch, record, text);
        out << text << "{not json\n" << R"({"event_id":"bad","type":"teleport"})" << "\n";
    }
    const std::string database = path("idempotent.db");
    ReplayOptions options;
    options.files = {file};
    Digest first;
    for (int run = 0; run < 2; ++run) {
        EngineOptions engineOptions;
        engineOptions.databasePath = database;
        Engine engine(engineOptions);
        const ReplayResult result = replayFiles(engine, options);
        QCOMPARE(result.linesRejected, std::uint64_t(2));
        const EngineSnapshot snapshot = engine.snapshot(false);
        engine.stop();
        if (run == 0) {
            QCOMPARE(snapshot.eventsDuplicate, std::int64_t(0));
            first = digest(database);
        } else {
            // Every event of the second run is a duplicate of the first.
            QCOMPARE(snapshot.eventsAccepted, std::int64_t(0));
            QCOMPARE(snapshot.eventsDuplicate, static_cast<std::int64_t>(result.eventsRead));
        }
    }
    const Digest second = digest(database);
    for (const auto& [key, value] : first.aggregates)
        QCOMPARE(QString::fromStdString(key + "=" + second.aggregates.at(key)), QString::fromStdString(key + "=" + value));
    QCOMPARE(first.installs, second.installs);
    QCOMPARE(first.aggregates, second.aggregates);
    QCOMPARE(first.rejected, second.rejected);
    QCOMPARE(first.rejected, std::int64_t(2));
}

void EngineTest::reopenRestoresState()
{
    const std::vector<Event> events = sortedByTime(generate(30'000, 41));
    const std::size_t half = events.size() / 2;
    const std::vector<Event> firstHalf(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(half));
    const std::vector<Event> secondHalf(events.begin() + static_cast<std::ptrdiff_t>(half), events.end());

    runEngine(path("whole.db"), events);
    runEngine(path("split.db"), firstHalf);
    runEngine(path("split.db"), secondHalf); // a new engine on the same database
    const Digest whole = digest(path("whole.db"));
    const Digest split = digest(path("split.db"));
    QCOMPARE(whole.installs.size(), split.installs.size());
    QVERIFY(whole.installs == split.installs);
    QCOMPARE(whole.aggregates, split.aggregates);
}

void EngineTest::tryOnceReportsBusy()
{
    EngineOptions options;
    options.config.workerThreads = 1;
    options.config.queueCapacityEvents = 1024;
    Engine engine(options);
    const std::vector<Event> events = generate(2000, 51);
    std::uint64_t accepted = 0;
    std::uint64_t busy = 0;
    for (int round = 0; round < 200 && busy == 0; ++round) {
        EventBatch batch;
        for (const Event& event : events) {
            Event copy = event;
            copy.eventId += "-" + std::to_string(round);
            batch.append(copy);
        }
        if (engine.submit(engine.prepare(batch), Engine::SubmitMode::TryOnce) > 0)
            accepted += batch.size();
        else
            ++busy;
    }
    QVERIFY2(busy > 0, "the queue never filled");
    QVERIFY(engine.flush(std::chrono::minutes(2)));
    const EngineSnapshot snapshot = engine.snapshot(false);
    QCOMPARE(snapshot.busyRejections, busy);
    QCOMPARE(static_cast<std::uint64_t>(snapshot.eventsAccepted + snapshot.eventsDuplicate + snapshot.eventsTooOld),
             accepted);
}

void EngineTest::snapshotCountsMatchInput()
{
    WorkloadProfile profile;
    profile.devices = 10'000;
    profile.idPrefix = "snap";
    WorkloadGenerator generator(profile);
    EventBatch batch;
    generator.generate(25'000, batch);
    EngineOptions options;
    Engine engine(options);
    engine.submit(engine.prepare(batch));
    QVERIFY(engine.flush(std::chrono::minutes(2)));
    const EngineSnapshot snapshot = engine.snapshot();
    const GroundTruth& truth = generator.truth();
    QCOMPARE(static_cast<std::uint64_t>(snapshot.eventsAccepted), static_cast<std::uint64_t>(batch.size()));
    QCOMPARE(snapshot.eventsProcessed, static_cast<std::uint64_t>(batch.size()));
    QVERIFY(truth.events >= batch.size());
    std::int64_t clicks = 0;
    std::int64_t installs = 0;
    for (const AggregateRow& row : snapshot.aggregates) {
        clicks += row.totals.clicks;
        installs += row.totals.installs;
    }
    QCOMPARE(clicks, snapshot.totals.events[0][0]);
    QCOMPARE(installs, snapshot.totals.events[2][0]);
    QCOMPARE(snapshot.totals.referenceAgreements, snapshot.totals.referenceInstalls);
    QVERIFY(snapshot.latency.count == batch.size());
}

void EngineTest::unwritableDatabaseFails()
{
    EngineOptions options;
    options.databasePath = path("no-such-folder/engine.db");
    try {
        Engine engine(options);
        QFAIL("an engine opened a database in a missing folder");
    } catch (const StoreError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains("no-such-folder"), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains("folder exists"), error.what());
    }
}

void EngineTest::readOnlyDatabaseStopsWriter()
{
    // query_only makes every write fail with SQLITE_READONLY, as a database
    // file that became read-only does; retrying cannot fix that.
    auto store = std::make_unique<Store>(path("readonly.db"));
    store->execute("PRAGMA query_only=1");
    StorageWriter writer(std::move(store), 1, 0, 86'400'000);
    writer.start();
    writer.addJournal(1, 0, 1, "x");

    QElapsedTimer timer;
    timer.start();
    QVERIFY(!writer.waitJournal(1, std::chrono::seconds(30)));
    QVERIFY2(timer.elapsed() < 5000, "the wait did not end when the commit failed for good");
    QVERIFY(writer.failed());
    const StorageStats stats = writer.stats();
    QCOMPARE(stats.errors, std::uint64_t(1));
    QVERIFY2(QString::fromStdString(stats.fatalError).contains("readonly"), stats.fatalError.c_str());
    QVERIFY(!writer.waitOutputs(1, std::chrono::seconds(30)));
    QVERIFY(timer.elapsed() < 5000);

    timer.restart();
    writer.stop();
    QVERIFY(timer.elapsed() < 1000);
}

void EngineTest::failingCommitsDoNotBlockStop()
{
    // Another connection holds the write lock, so every commit fails with
    // SQLITE_BUSY after the 5 s busy timeout. The writer retries that error,
    // but stop() ends the retries within about 10 s.
    auto store = std::make_unique<Store>(path("busy.db"));
    Store lockHolder(path("busy.db"));
    lockHolder.begin();
    StorageWriter writer(std::move(store), 1, 0, 86'400'000);
    writer.start();
    writer.addJournal(1, 0, 1, "x");
    QTRY_VERIFY_WITH_TIMEOUT(writer.stats().errors >= 1, 20'000);
    QVERIFY(!writer.failed());
    QVERIFY(writer.stats().fatalError.empty());

    QElapsedTimer timer;
    timer.start();
    writer.stop();
    QVERIFY2(timer.elapsed() < 25'000, qPrintable(QString("stop() took %1 ms").arg(timer.elapsed())));
    lockHolder.rollback();
}

QTEST_GUILESS_MAIN(EngineTest)
#include "tst_engine.moc"
