// The load tester: profiles and their validation, the figures and their
// storage, and short low-rate runs against the embedded engine and a spawned
// `unmogrowp-node serve`, whose own counters the results must equal.

#include <QtTest>

#include <httplib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include <atomic>
#include <cmath>
#include <thread>

#include "loadtest/httptarget.h"
#include "loadtest/loadtestrun.h"
#include "loadtest/loadteststore.h"
#include "runtime/engine.h"
#include "server/httpserver.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

// QCOMPARE prints strings on failure, so outcomes compare by name.
QString outcomeText(LoadTestOutcome outcome)
{
    const std::string_view text = toString(outcome);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

const std::string kToken = "0123456789abcdef0123456789abcdef";

// A profile for short runs on loopback: low rate, small population, and no
// fraud injection, whose back-dated clicks can change an earlier install's
// source after the generator recorded it.
LoadTestProfile shortProfile(const std::string& target, double rate, std::int64_t durationMs)
{
    LoadTestProfile profile;
    profile.name = "test";
    profile.target = target;
    profile.rate = rate;
    profile.rampUpMs = 500;
    profile.durationMs = durationMs;
    profile.batchSize = 200;
    profile.connections = 2;
    profile.workload.devices = 5000;
    profile.workload.fraudShare = 0;
    return profile;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QString nodeBinary()
{
    return qEnvironmentVariable("UMG_NODE_BINARY");
}

// An `unmogrowp-node serve` process on a free loopback port.
class NodeProcess {
public:
    ~NodeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(30'000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    /// Starts the node and waits until it serves; false when it exits or
    /// does not serve within 60 s.
    bool start(const QString& database, const QString& tokenFile, const QStringList& extra = {})
    {
        m_process.start(nodeBinary(), QStringList{"serve", "--listen", "127.0.0.1:0", "--db", database, "--token-file",
                                                  tokenFile, "--threads", "2"}
                                          + extra);
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

    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    int port() const { return m_port; }
    QString log()
    {
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        return m_log;
    }

    /// The node's `counters` from GET /v1/snapshot.
    QJsonObject counters() const
    {
        httplib::Client client("127.0.0.1", m_port);
        const httplib::Result result = client.Get("/v1/snapshot", {{"Authorization", "Bearer " + kToken}});
        if (!result || result->status != 200)
            return {};
        return QJsonDocument::fromJson(QByteArray::fromStdString(result->body)).object().value("counters").toObject();
    }

private:
    QProcess m_process;
    QString m_log;
    int m_port = 0;
};

double figure(const LoadTestResult& result, Figure which)
{
    return result.figures[which];
}

// Checks that every event sent is accounted for, whatever the outcome.
void verifyAccounting(const LoadTestResult& result)
{
    const double accounted = figure(result, Figure::EventsAccepted) + figure(result, Figure::EventsDuplicate)
        + figure(result, Figure::EventsRejected) + figure(result, Figure::EventsFailed);
    QCOMPARE(accounted, figure(result, Figure::EventsSent));
}

LoadTestResult syntheticResult(std::int64_t startedAtMs, double throughput)
{
    LoadTestResult result;
    result.profile = shortProfile("http://127.0.0.1:8080", 2500, 30'000);
    result.profile.workload.seed = 42;
    result.targetDescription = "node at http://127.0.0.1:8080";
    result.startedAtMs = startedAtMs;
    result.finishedAtMs = startedAtMs + 30'000;
    result.outcome = LoadTestOutcome::Completed;
    result.message = "Sent 75,000 events in 30.0 s; 0 of them were not accepted.";
    result.latencyMethod = "interpolated buckets";
    for (std::size_t i = 0; i < kFigureCount; ++i)
        result.figures[static_cast<Figure>(i)] = 1.5 * static_cast<double>(i + 1);
    result.figures[Figure::Throughput] = throughput;
    result.figures[Figure::PeakCpuCores] = std::nan("");
    result.checks = evaluateChecks(result.figures);
    for (int i = 0; i < 3; ++i) {
        LoadTestSample sample;
        sample.elapsedSeconds = i + 1;
        sample.scheduledRate = 2500;
        sample.sentPerSecond = 2400 + i;
        sample.processedPerSecond = i == 1 ? std::nan("") : 2390.0 + i;
        sample.latencyP95Ms = 1.25 * i;
        sample.targetAvailable = i != 1;
        result.samples.push_back(sample);
    }
    return result;
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class LoadTestTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void profileRejectsInvalidField_data();
    void profileRejectsInvalidField();
    void profileJsonRoundTrip();
    void profileFileRoundTrip();
    void targetAddressForms_data();
    void targetAddressForms();
    void quantileFromBuckets_data();
    void quantileFromBuckets();
    void metricsTextGivesBuckets();
    void runNetworkRewritesAddresses();

    void embeddedRunMatchesEngineCounts();
    void embeddedStopIsConsistent();
    void httpRunMatchesNodeCounts();
    void httpStopIsConsistent();
    void httpBusyResponsesAreRetried();
    void httpInvalidTokenFails();
    void kafkaRunMatchesConsumerCounts();

    void storeRoundTrip();
    void storeListsAndRemoves();
    void comparisonMarksBetterRun();
    void summaryJsonHasEveryCheck();

    void commandExitStatus_data();
    void commandExitStatus();
    void commandStoresListsAndCompares();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_tokenFile;
};

void LoadTestTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_tokenFile = path("node.token");
    QVERIFY(writeFile(m_tokenFile, QByteArray::fromStdString(kToken + "\n")));
}

void LoadTestTest::profileRejectsInvalidField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    QTest::newRow("empty name") << QByteArray(R"({"name": ""})") << "name" << "\"\"";
    QTest::newRow("name with slash") << QByteArray(R"({"name": "a/b"})") << "name" << "\"a/b\"";
    QTest::newRow("unknown target") << QByteArray(R"({"target": "ftp://host"})") << "target" << "\"ftp://host\"";
    QTest::newRow("http target without host") << QByteArray(R"({"target": "http://:80"})") << "target"
                                              << "\"http://:80\"";
    QTest::newRow("kafka target without topic") << QByteArray(R"({"target": "kafka://127.0.0.1:9092/"})")
                                                << "target" << "\"kafka://127.0.0.1:9092/\"";
    QTest::newRow("zero rate") << QByteArray(R"({"rate": 0})") << "rate" << "0";
    QTest::newRow("rate as text") << QByteArray(R"({"rate": "fast"})") << "rate" << "\"fast\"";
    QTest::newRow("rate too high") << QByteArray(R"({"rate": 200000000})") << "rate" << "200000000";
    QTest::newRow("duration without unit") << QByteArray(R"({"duration": "60"})") << "duration" << "\"60\"";
    QTest::newRow("duration below a second") << QByteArray(R"({"duration": "500ms"})") << "duration" << "\"500ms\"";
    QTest::newRow("ramp-up as long as the run") << QByteArray(R"({"duration": "10s", "ramp_up": "10s"})")
                                                << "ramp_up" << "\"10s\"";
    QTest::newRow("batch of zero") << QByteArray(R"({"batch_size": 0})") << "batch_size" << "0";
    QTest::newRow("batch too large") << QByteArray(R"({"batch_size": 20000})") << "batch_size" << "20000";
    QTest::newRow("negative connections") << QByteArray(R"({"connections": -1})") << "connections" << "-1";
    QTest::newRow("kafka without status node") << QByteArray(R"({"target": "kafka://127.0.0.1:9092/events"})")
                                               << "status_url" << "\"\"";
    QTest::newRow("status node not http") << QByteArray(R"({"status_url": "127.0.0.1:8080"})") << "status_url"
                                          << "\"127.0.0.1:8080\"";
    QTest::newRow("few devices") << QByteArray(R"({"workload": {"devices": 10}})") << "workload.devices" << "10";
    QTest::newRow("mix not summing to one")
        << QByteArray(R"({"workload": {"mix": {"clicks": 0.5, "impressions": 0.5, "installs": 0.5, "in_app_events": 0}}})")
        << "workload.mix" << "a sum of 1.5";
    QTest::newRow("negative click share") << QByteArray(R"({"workload": {"mix": {"clicks": -0.1}}})")
                                          << "workload.mix.clicks" << "-0.1";
    QTest::newRow("organic share above one") << QByteArray(R"({"workload": {"organic_share": 1.5}})")
                                             << "workload.organic_share" << "1.5";
    QTest::newRow("unknown top-level key") << QByteArray(R"({"speed": 5})") << "speed" << "(unknown key)";
    QTest::newRow("unknown workload key") << QByteArray(R"({"workload": {"noise": 1}})") << "workload.noise"
                                          << "(unknown key)";
    QTest::newRow("workload not an object") << QByteArray(R"({"workload": 3})") << "workload" << "3";
    QTest::newRow("not JSON") << QByteArray("rate = 5") << "(the document)" << "not a JSON object";
}

void LoadTestTest::profileRejectsInvalidField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, value);
    try {
        profileFromJson(json.toStdString(), "smoke.json");
        QFAIL("an invalid profile was accepted");
    } catch (const ProfileError& error) {
        QCOMPARE(QString::fromStdString(error.field()), field);
        QCOMPARE(QString::fromStdString(error.value()), value);
        QVERIFY(!error.fix().empty());
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.startsWith("smoke.json: " + field + " is " + value + "; "), qPrintable(message));
    }
}

void LoadTestTest::profileJsonRoundTrip()
{
    LoadTestProfile profile;
    profile.name = "nightly run-2.b";
    profile.target = "kafka://127.0.0.1:9092,127.0.0.1:9093/events";
    profile.statusUrl = "http://127.0.0.1:8080";
    profile.rate = 123'456;
    profile.rampUpMs = 1500;
    profile.durationMs = 90'000;
    profile.batchSize = 750;
    profile.connections = 7;
    profile.workload.seed = 99;
    profile.workload.devices = 12'345;
    profile.workload.clickShare = 0.6;
    profile.workload.impressionShare = 0.2;
    profile.workload.installShare = 0.1;
    profile.workload.inAppShare = 0.1;
    profile.workload.organicShare = 0.3;
    profile.workload.fraudShare = 0.05;
    profile.workload.outOfOrderShare = 0.02;
    profile.workload.fingerprintShare = 0.4;
    profile.workload.revenueShare = 0.2;

    const std::string json = profileToJson(profile);
    const LoadTestProfile read = profileFromJson(json);
    QCOMPARE(read.name, profile.name);
    QCOMPARE(read.target, profile.target);
    QCOMPARE(read.statusUrl, profile.statusUrl);
    QCOMPARE(read.rate, profile.rate);
    QCOMPARE(read.rampUpMs, profile.rampUpMs);
    QCOMPARE(read.durationMs, profile.durationMs);
    QCOMPARE(read.batchSize, profile.batchSize);
    QCOMPARE(read.connections, profile.connections);
    QCOMPARE(read.workload.seed, profile.workload.seed);
    QCOMPARE(read.workload.devices, profile.workload.devices);
    QCOMPARE(read.workload.clickShare, profile.workload.clickShare);
    QCOMPARE(read.workload.impressionShare, profile.workload.impressionShare);
    QCOMPARE(read.workload.installShare, profile.workload.installShare);
    QCOMPARE(read.workload.inAppShare, profile.workload.inAppShare);
    QCOMPARE(read.workload.organicShare, profile.workload.organicShare);
    QCOMPARE(read.workload.fraudShare, profile.workload.fraudShare);
    QCOMPARE(read.workload.outOfOrderShare, profile.workload.outOfOrderShare);
    QCOMPARE(read.workload.fingerprintShare, profile.workload.fingerprintShare);
    QCOMPARE(read.workload.revenueShare, profile.workload.revenueShare);
    QCOMPARE(profileToJson(read), json);
}

void LoadTestTest::profileFileRoundTrip()
{
    LoadTestProfile profile = shortProfile("embedded", 777, 5000);
    const std::string file = path("profile.json").toStdString();
    saveProfileFile(profile, file);
    QCOMPARE(profileToJson(loadProfileFile(file)), profileToJson(profile));

    // Keys that are left out keep their defaults.
    QVERIFY(writeFile(path("partial.json"), R"({"name": "partial", "rate": 2500})"));
    const LoadTestProfile partial = loadProfileFile(path("partial.json").toStdString());
    QCOMPARE(partial.rate, 2500.0);
    QCOMPARE(partial.durationMs, LoadTestProfile().durationMs);
    QCOMPARE(partial.workload.devices, LoadTestProfile().workload.devices);

    try {
        loadProfileFile(path("absent.json").toStdString());
        QFAIL("a missing profile file was read");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains("absent.json"), error.what());
    }
}

void LoadTestTest::targetAddressForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("topic");

    QTest::newRow("embedded") << "embedded" << int(LoadTargetKind::Embedded) << "" << "";
    QTest::newRow("http with port") << "http://127.0.0.1:8080" << int(LoadTargetKind::Http) << "http://127.0.0.1:8080"
                                    << "";
    QTest::newRow("http with slash") << "http://127.0.0.1:8080/" << int(LoadTargetKind::Http)
                                     << "http://127.0.0.1:8080" << "";
    QTest::newRow("https with IPv6") << "https://[::1]:8443" << int(LoadTargetKind::Http) << "https://[::1]:8443"
                                     << "";
    QTest::newRow("kafka with two brokers") << "kafka://127.0.0.1:9092,127.0.0.1:9093/events"
                                            << int(LoadTargetKind::Kafka) << "127.0.0.1:9092,127.0.0.1:9093"
                                            << "events";
    QTest::newRow("http with path") << "http://127.0.0.1:8080/v1/events" << -1 << "" << "";
    QTest::newRow("port out of range") << "http://127.0.0.1:70000" << -1 << "" << "";
    QTest::newRow("user information") << "http://user@127.0.0.1:8080" << -1 << "" << "";
    QTest::newRow("topic with slash") << "kafka://127.0.0.1:9092/a/b" << -1 << "" << "";
    QTest::newRow("empty") << "" << -1 << "" << "";
}

void LoadTestTest::targetAddressForms()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, endpoint);
    QFETCH(QString, topic);
    if (kind < 0) {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LoadTargetAddress::parse(text.toStdString()));
        return;
    }
    const LoadTargetAddress address = LoadTargetAddress::parse(text.toStdString());
    QCOMPARE(int(address.kind), kind);
    QCOMPARE(QString::fromStdString(address.endpoint), endpoint);
    QCOMPARE(QString::fromStdString(address.topic), topic);
    QCOMPARE(LoadTargetAddress::parse(address.toString()).toString(), address.toString());
}

void LoadTestTest::quantileFromBuckets_data()
{
    QTest::addColumn<QList<int>>("counts"); // per bucket, in the order of kLatencyBounds, then +Inf
    QTest::addColumn<double>("quantile");
    QTest::addColumn<double>("expectedMs");

    // Bounds: 0.5, 1, 2.5, 5, 10, 25, 50, 75, 100, 125, 150, 200, 250, 500, 1000, 2500 ms.
    QTest::newRow("middle of the first bucket") << QList<int>{100} << 0.5 << 0.25;
    QTest::newRow("end of the first bucket") << QList<int>{100} << 1.0 << 0.5;
    QTest::newRow("second bucket") << QList<int>{50, 50} << 0.75 << 0.75;
    QTest::newRow("end of the 75 ms bucket") << QList<int>{0, 0, 0, 0, 0, 0, 0, 95, 5} << 0.95 << 75.0;
    QTest::newRow("overflow bucket") << QList<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10} << 0.5
                                     << 2500.0;
    QTest::newRow("empty histogram") << QList<int>{} << 0.5 << qQNaN();
}

void LoadTestTest::quantileFromBuckets()
{
    QFETCH(QList<int>, counts);
    QFETCH(double, quantile);
    QFETCH(double, expectedMs);
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> buckets{};
    for (qsizetype i = 0; i < counts.size(); ++i)
        buckets[static_cast<std::size_t>(i)] = static_cast<std::uint64_t>(counts[i]);
    const double value = latencyQuantileMs(buckets, quantile);
    if (std::isnan(expectedMs))
        QVERIFY(std::isnan(value));
    else
        QCOMPARE(value, expectedMs);
}

void LoadTestTest::metricsTextGivesBuckets()
{
    const std::string body = "# TYPE attribution_event_processing_duration_seconds histogram\n"
                             "attribution_event_processing_duration_seconds_bucket{le=\"0.0005\"} 10\n"
                             "attribution_event_processing_duration_seconds_bucket{le=\"0.001\"} 25\n"
                             "attribution_event_processing_duration_seconds_bucket{le=\"2.5\"} 40\n"
                             "attribution_event_processing_duration_seconds_bucket{le=\"+Inf\"} 41\n"
                             "process_cpu_seconds_total 12.5\n"
                             "process_resident_memory_bytes 1.5e+08\n"
                             "attribution_queue_depth{shard=\"0\"} 3\n";
    TargetReading reading;
    readMetricsText(body, reading);
    QCOMPARE(reading.latencyBuckets[0], 10u);
    QCOMPARE(reading.latencyBuckets[1], 15u);
    // Buckets missing from the text (2 .. 14) count nothing, so bucket 15
    // takes the rest up to its cumulative count.
    QCOMPARE(reading.latencyBuckets[2], 0u);
    QCOMPARE(reading.latencyBuckets[15], 15u);
    QCOMPARE(reading.latencyBuckets[16], 1u);
    QVERIFY(reading.hasProcess);
    QCOMPARE(reading.cpuSeconds, 12.5);
    QCOMPARE(reading.residentBytes, std::int64_t(150'000'000));
}

void LoadTestTest::runNetworkRewritesAddresses()
{
    EventBatch batch;
    Event event;
    event.eventId = "e1";
    event.customerId = "c";
    event.appId = "com.example";
    event.ip = "10.1.2.3";
    event.userAgent = "agent";
    batch.append(event);
    event.eventId = "e2";
    event.ip = "192.0.2.7";
    batch.append(event);

    EventBatch other = batch;
    moveToRunNetwork(batch, 0x12'3456'789aULL);
    moveToRunNetwork(other, 0x12'3456'789bULL);
    QCOMPARE(QString::fromStdString(std::string(batch.string(batch[0], Field::Ip))),
             QStringLiteral("fd12:3456:789a::1:203"));
    QVERIFY(batch.string(batch[0], Field::Ip) != other.string(other[0], Field::Ip));
    QCOMPARE(QString::fromStdString(std::string(batch.string(batch[1], Field::Ip))), QStringLiteral("192.0.2.7"));
}

void LoadTestTest::embeddedRunMatchesEngineCounts()
{
    EngineOptions engineOptions;
    engineOptions.config.workerThreads = 2;
    auto engine = std::make_shared<Engine>(engineOptions);

    LoadTestOptions options;
    options.profile = shortProfile("embedded", 4000, 3000);
    options.engine = engine;
    LoadTestRun run(std::move(options));
    run.start();
    QVERIFY(run.wait(120s));
    const LoadTestResult result = run.result();

    QCOMPARE(outcomeText(result.outcome), QStringLiteral("completed"));
    verifyAccounting(result);
    QVERIFY(figure(result, Figure::EventsSent) > 5000);
    QCOMPARE(figure(result, Figure::EventsFailed), 0.0);

    const EngineSnapshot snapshot = engine->snapshot(false);
    const double installs = static_cast<double>(snapshot.totals.installsByKind[0] + snapshot.totals.installsByKind[1]);
    QCOMPARE(figure(result, Figure::TargetEventsProcessed), static_cast<double>(snapshot.eventsProcessed));
    QCOMPARE(figure(result, Figure::TargetEventsAccepted), static_cast<double>(snapshot.eventsAccepted));
    QCOMPARE(figure(result, Figure::EventsAccepted), static_cast<double>(snapshot.eventsProcessed));
    QCOMPARE(figure(result, Figure::TargetInstalls), installs);
    QCOMPARE(figure(result, Figure::InstallsSent), installs);
    QCOMPARE(figure(result, Figure::ReferenceInstalls), static_cast<double>(snapshot.totals.referenceInstalls));
    QCOMPARE(figure(result, Figure::ReferenceAgreements), static_cast<double>(snapshot.totals.referenceAgreements));
    QVERIFY(figure(result, Figure::ReferenceInstalls) > 0);
    QCOMPARE(figure(result, Figure::Accuracy), 100.0);
    QCOMPARE(result.latencyMethod, std::string("engine histogram"));
    QCOMPARE(figure(result, Figure::LatencyP95), snapshot.latency.p95);

    QCOMPARE(result.checks.size(), kCheckCount);
    QVERIFY(result.checks[static_cast<std::size_t>(Check::Accuracy)].passed);
    QVERIFY(result.checks[static_cast<std::size_t>(Check::ErrorRate)].passed);
    // The load-test metrics are set on the engine under test.
    QCOMPARE(engine->metrics().loadTestEventsSent().Value(), figure(result, Figure::EventsSent));
    QCOMPARE(engine->metrics().loadTestRunning().Value(), 0.0);
    QVERIFY(!result.samples.empty());
}

void LoadTestTest::embeddedStopIsConsistent()
{
    EngineOptions engineOptions;
    engineOptions.config.workerThreads = 2;
    engineOptions.databasePath = path("stopped-engine.db").toStdString();
    auto engine = std::make_shared<Engine>(engineOptions);

    LoadTestOptions options;
    options.profile = shortProfile("embedded", 5000, 600'000);
    options.engine = engine;
    LoadTestRun run(std::move(options));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.progress().eventsSent > 2000, 60'000);
    run.stop();
    QVERIFY(run.wait(120s));
    const LoadTestResult result = run.result();

    QCOMPARE(outcomeText(result.outcome), QStringLiteral("stopped"));
    QVERIFY(figure(result, Figure::SendSeconds) < 600);
    verifyAccounting(result);
    // The run flushed the engine: it has processed and committed every event sent.
    const EngineSnapshot snapshot = engine->snapshot(false);
    QCOMPARE(static_cast<double>(snapshot.eventsProcessed), figure(result, Figure::EventsSent));
    QCOMPARE(static_cast<double>(snapshot.storage.committedEvents), figure(result, Figure::EventsSent));
    QCOMPARE(figure(result, Figure::Accuracy), 100.0);
}

void LoadTestTest::httpRunMatchesNodeCounts()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    NodeProcess node;
    QVERIFY2(node.start(path("http-node.db"), m_tokenFile), qPrintable(node.log()));

    LoadTestOptions options;
    options.profile = shortProfile(node.endpoint(), 3000, 4000);
    options.token = kToken;
    LoadTestRun run(std::move(options));
    run.start();
    QVERIFY(run.wait(180s));
    const LoadTestResult result = run.result();
    QVERIFY2(result.outcome == LoadTestOutcome::Completed, result.message.c_str());
    verifyAccounting(result);
    QCOMPARE(figure(result, Figure::EventsFailed), 0.0);

    const QJsonObject counters = node.counters();
    QVERIFY2(!counters.isEmpty(), qPrintable(node.log()));
    // A fresh node counted nothing before, so its totals are the run's.
    QCOMPARE(figure(result, Figure::TargetEventsAccepted), counters.value("events_accepted").toDouble());
    QCOMPARE(figure(result, Figure::EventsAccepted), counters.value("events_accepted").toDouble());
    QCOMPARE(figure(result, Figure::TargetEventsProcessed), counters.value("events_processed").toDouble());
    QCOMPARE(figure(result, Figure::TargetInstalls), counters.value("installs").toDouble());
    QCOMPARE(figure(result, Figure::InstallsSent), counters.value("installs").toDouble());
    QCOMPARE(figure(result, Figure::ReferenceInstalls), counters.value("reference_installs").toDouble());
    QCOMPARE(figure(result, Figure::ReferenceAgreements), counters.value("reference_agreements").toDouble());
    QCOMPARE(figure(result, Figure::Accuracy), 100.0);
    QCOMPARE(figure(result, Figure::Availability), 100.0);
    QVERIFY(figure(result, Figure::PeakResidentBytes) > 0);
}

void LoadTestTest::httpStopIsConsistent()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    NodeProcess node;
    QVERIFY2(node.start(path("http-stop-node.db"), m_tokenFile), qPrintable(node.log()));

    LoadTestOptions options;
    options.profile = shortProfile(node.endpoint(), 4000, 600'000);
    options.token = kToken;
    LoadTestRun run(std::move(options));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.progress().eventsSent > 2000, 60'000);
    run.stop();
    QVERIFY(run.wait(180s));
    const LoadTestResult result = run.result();
    QCOMPARE(outcomeText(result.outcome), QStringLiteral("stopped"));
    verifyAccounting(result);

    // Every acknowledged event reached the node's engine, and nothing else.
    const QJsonObject counters = node.counters();
    QCOMPARE(counters.value("events_processed").toDouble(),
             figure(result, Figure::EventsAccepted) + figure(result, Figure::EventsDuplicate));
    QCOMPARE(figure(result, Figure::Accuracy), 100.0);
}

void LoadTestTest::httpBusyResponsesAreRetried()
{
    // A stand-in node that responds to the first three batches with 503.
    httplib::Server server;
    std::atomic<int> requests{0};
    std::atomic<long long> processed{0};
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(R"({"status": "ok"})", "application/json");
    });
    server.Get("/v1/status", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("{}", "application/json");
    });
    server.Get("/v1/snapshot", [&](const httplib::Request&, httplib::Response& response) {
        const std::string count = std::to_string(processed.load());
        response.set_content(R"({"counters": {"events_processed": )" + count + R"(, "events_accepted": )" + count
                                 + "}}",
                             "application/json");
    });
    server.Post("/v1/events", [&](const httplib::Request& request, httplib::Response& response) {
        if (requests.fetch_add(1) < 3) {
            response.status = 503;
            response.set_header("Retry-After", "0");
            response.set_content(R"({"error": "the engine queues are full"})", "application/json");
            return;
        }
        const auto lines = std::count(request.body.begin(), request.body.end(), '\n');
        processed.fetch_add(lines);
        response.set_content(R"({"accepted": )" + std::to_string(lines) + R"(, "duplicates": 0, "rejected": 0})",
                             "application/json");
    });
    server.set_socket_options(setListenSocketOptions);
    const int port = server.bind_to_any_port("127.0.0.1");
    QVERIFY(port > 0);
    // Stops and joins the server however the test function returns.
    struct Serving {
        httplib::Server& server;
        std::thread thread;
        ~Serving()
        {
            server.stop();
            thread.join();
        }
    } serving{server, std::thread([&server] { server.listen_after_bind(); })};
    QTRY_VERIFY(server.is_running());

    LoadTestOptions options;
    options.profile = shortProfile("http://127.0.0.1:" + std::to_string(port), 1000, 2000);
    options.profile.connections = 1;
    LoadTestRun run(std::move(options));
    run.start();
    QVERIFY(run.wait(60s));

    const LoadTestResult result = run.result();
    QVERIFY2(result.outcome == LoadTestOutcome::Completed, result.message.c_str());
    QCOMPARE(figure(result, Figure::BusyResponses), 3.0);
    QCOMPARE(figure(result, Figure::EventsFailed), 0.0);
    QCOMPARE(figure(result, Figure::EventsAccepted), figure(result, Figure::EventsSent));
    QCOMPARE(figure(result, Figure::EventsAccepted), static_cast<double>(processed.load()));
    verifyAccounting(result);
}

void LoadTestTest::httpInvalidTokenFails()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    NodeProcess node;
    QVERIFY2(node.start(path("token-node.db"), m_tokenFile), qPrintable(node.log()));

    LoadTestOptions options;
    options.profile = shortProfile(node.endpoint(), 1000, 2000);
    options.token = "ffffffffffffffffffffffffffffffff";
    LoadTestRun run(std::move(options));
    run.start();
    QVERIFY(run.wait(60s));
    const LoadTestResult result = run.result();
    QCOMPARE(outcomeText(result.outcome), QStringLiteral("failed"));
    QVERIFY2(QString::fromStdString(result.message).contains("--token-file"), result.message.c_str());
    QCOMPARE(figure(result, Figure::EventsSent), 0.0);
    QVERIFY(!result.passed());
}

void LoadTestTest::kafkaRunMatchesConsumerCounts()
{
#ifndef UMG_KAFKA_MOCK_CLUSTER
    QSKIP("the kafkamockcluster helper of tests/kafka is not built");
#else
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");

    // librdkafka's mock cluster on loopback ports, stopped however the test returns.
    struct Cluster {
        QProcess process;
        ~Cluster()
        {
            process.terminate();
            if (!process.waitForFinished(10'000))
                process.kill();
            process.waitForFinished(5'000);
        }
    } cluster;
    cluster.process.start(UMG_KAFKA_MOCK_CLUSTER, {"--topic", "events:3"});
    QVERIFY(cluster.process.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(cluster.process.canReadLine(), 20'000);
    const QString bootstrap = QString::fromUtf8(cluster.process.readLine()).trimmed();
    QVERIFY2(bootstrap.startsWith("127.0.0.1:"), qPrintable(bootstrap));

    NodeProcess node;
    QVERIFY2(node.start(path("kafka-node.db"), m_tokenFile,
                        {"--kafka-brokers", bootstrap, "--kafka-topic", "events", "--kafka-group", "loadtest",
                         "--kafka-option", "session.timeout.ms=6000", "--kafka-option", "heartbeat.interval.ms=500"}),
             qPrintable(node.log()));

    // Few events, because the mock broker keeps only about 5 MB per partition.
    LoadTestOptions options;
    options.profile = shortProfile("kafka://" + bootstrap.toStdString() + "/events", 1000, 3000);
    options.profile.statusUrl = node.endpoint();
    options.token = kToken;
    LoadTestRun run(std::move(options));
    run.start();
    QVERIFY(run.wait(180s));
    const LoadTestResult result = run.result();
    QVERIFY2(result.outcome == LoadTestOutcome::Completed, (result.message + "\n" + node.log().toStdString()).c_str());
    verifyAccounting(result);
    QCOMPARE(figure(result, Figure::EventsFailed), 0.0);

    const QJsonObject counters = node.counters();
    QCOMPARE(figure(result, Figure::TargetEventsAccepted), counters.value("events_accepted").toDouble());
    QCOMPARE(figure(result, Figure::EventsAccepted), counters.value("events_accepted").toDouble());
    QCOMPARE(figure(result, Figure::TargetInstalls), counters.value("installs").toDouble());
    QCOMPARE(figure(result, Figure::InstallsSent), counters.value("installs").toDouble());
    QCOMPARE(figure(result, Figure::ReferenceAgreements), counters.value("reference_agreements").toDouble());
    QCOMPARE(figure(result, Figure::Accuracy), 100.0);
#endif
}

void LoadTestTest::storeRoundTrip()
{
    LoadTestStore store(path("roundtrip.db").toStdString());
    const LoadTestResult result = syntheticResult(1'790'000'000'000, 1'250'000);
    const std::int64_t id = store.save(result);
    QVERIFY(id > 0);

    const std::optional<LoadTestResult> read = store.load(id);
    QVERIFY(read.has_value());
    QCOMPARE(read->id, id);
    QCOMPARE(profileToJson(read->profile), profileToJson(result.profile));
    QCOMPARE(read->targetDescription, result.targetDescription);
    QCOMPARE(read->startedAtMs, result.startedAtMs);
    QCOMPARE(read->finishedAtMs, result.finishedAtMs);
    QCOMPARE(int(read->outcome), int(result.outcome));
    QCOMPARE(read->message, result.message);
    QCOMPARE(read->latencyMethod, result.latencyMethod);
    for (std::size_t i = 0; i < kFigureCount; ++i) {
        const auto which = static_cast<Figure>(i);
        QVERIFY2(sameValue(read->figures[which], result.figures[which]), figureInfo(which).key.data());
    }
    QCOMPARE(read->checks.size(), result.checks.size());
    for (std::size_t i = 0; i < result.checks.size(); ++i) {
        QCOMPARE(int(read->checks[i].check), int(result.checks[i].check));
        QCOMPARE(read->checks[i].passed, result.checks[i].passed);
        QVERIFY(sameValue(read->checks[i].measured, result.checks[i].measured));
    }
    QCOMPARE(read->samples.size(), result.samples.size());
    for (std::size_t i = 0; i < result.samples.size(); ++i) {
        QCOMPARE(read->samples[i].elapsedSeconds, result.samples[i].elapsedSeconds);
        QVERIFY(sameValue(read->samples[i].processedPerSecond, result.samples[i].processedPerSecond));
        QCOMPARE(read->samples[i].latencyP95Ms, result.samples[i].latencyP95Ms);
        QCOMPARE(read->samples[i].targetAvailable, result.samples[i].targetAvailable);
    }
    QCOMPARE(read->passed(), result.passed());
    QVERIFY(!store.load(id + 100).has_value());

    // The table lives beside other data of the same database file.
    LoadTestStore reopened(path("roundtrip.db").toStdString());
    QCOMPARE(reopened.list().size(), std::size_t(1));
}

void LoadTestTest::storeListsAndRemoves()
{
    LoadTestStore store(path("list.db").toStdString());
    const std::int64_t first = store.save(syntheticResult(1000, 10));
    const std::int64_t third = store.save(syntheticResult(3000, 30));
    const std::int64_t second = store.save(syntheticResult(2000, 20));

    std::vector<LoadTestRunRow> rows = store.list();
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(rows[0].id, third);
    QCOMPARE(rows[1].id, second);
    QCOMPARE(rows[2].id, first);
    QCOMPARE(rows[0].throughput, 30.0);
    QCOMPARE(rows[0].rate, 2500.0);
    QCOMPARE(rows[0].name, std::string("test"));
    QCOMPARE(store.list(2).size(), std::size_t(2));

    QVERIFY(store.remove(second));
    QVERIFY(!store.remove(second));
    QVERIFY(!store.load(second).has_value());
    rows = store.list();
    QCOMPARE(rows.size(), std::size_t(2));
    QCOMPARE(rows[1].id, first);
}

void LoadTestTest::comparisonMarksBetterRun()
{
    LoadTestResult first = syntheticResult(1000, 500'000);
    LoadTestResult second = syntheticResult(2000, 750'000);
    first.figures[Figure::LatencyP95] = 20;
    second.figures[Figure::LatencyP95] = 40;
    second.figures[Figure::SendSeconds] = first.figures[Figure::SendSeconds] + 1;

    const std::vector<ComparisonRow> rows = compareResults(first, second);
    QCOMPARE(rows.size(), kFigureCount);
    const ComparisonRow& throughput = rows[static_cast<std::size_t>(Figure::Throughput)];
    QCOMPARE(throughput.difference, 250'000.0);
    QCOMPARE(throughput.changePercent, 50.0);
    QCOMPARE(throughput.better, 1);
    const ComparisonRow& p95 = rows[static_cast<std::size_t>(Figure::LatencyP95)];
    QCOMPARE(p95.changePercent, 100.0);
    QCOMPARE(p95.better, -1);
    QCOMPARE(rows[static_cast<std::size_t>(Figure::SendSeconds)].better, 0);
    const ComparisonRow& missing = rows[static_cast<std::size_t>(Figure::PeakCpuCores)];
    QVERIFY(std::isnan(missing.difference));
    QCOMPARE(missing.better, 0);
}

void LoadTestTest::summaryJsonHasEveryCheck()
{
    LoadTestResult result = syntheticResult(1'790'000'000'000, 1'250'000);
    result.id = 7;
    const QJsonObject summary = QJsonDocument::fromJson(QByteArray::fromStdString(summaryJson(result))).object();
    QCOMPARE(summary.value("id").toInt(), 7);
    QCOMPARE(summary.value("outcome").toString(), QStringLiteral("completed"));
    QCOMPARE(summary.value("profile").toObject().value("name").toString(), QStringLiteral("test"));
    QCOMPARE(summary.value("passed").toBool(), result.passed());
    const QJsonArray checks = summary.value("checks").toArray();
    QCOMPARE(checks.size(), qsizetype(kCheckCount));
    const QJsonObject throughput = checks.at(0).toObject();
    QCOMPARE(throughput.value("check").toString(), QStringLiteral("throughput"));
    QCOMPARE(throughput.value("comparison").toString(), QStringLiteral("at_least"));
    QCOMPARE(throughput.value("target").toDouble(), 1'000'000.0);
    QCOMPARE(throughput.value("measured").toDouble(), 1'250'000.0);
    QCOMPARE(throughput.value("passed").toBool(), true);
    const QJsonObject figures = summary.value("figures").toObject();
    QCOMPARE(figures.size(), qsizetype(kFigureCount));
    QVERIFY(figures.value("peak_cpu_cores").isNull());
    QCOMPARE(figures.value("throughput").toDouble(), 1'250'000.0);
}

void LoadTestTest::commandExitStatus_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("targets missed")
        << QStringList{"--target", "embedded", "--rate", "2000", "--ramp-up", "0s", "--duration", "2s", "--devices",
                       "5000", "--fraud-share", "0", "--threads", "2", "--summary-json", "DIR/missed.json"}
        << 3 << "";
    QTest::newRow("mix not summing to one")
        << QStringList{"--target", "embedded", "--mix", "0.5,0.5,0.5,0.5"} << 2 << "workload.mix is a sum of 2";
    QTest::newRow("invalid profile file") << QStringList{"--profile", "DIR/bad-rate.json"} << 2 << "rate is -1; ";
    QTest::newRow("no target") << QStringList{"--rate", "10"} << 2 << "loadtest needs --target";
    QTest::newRow("unreachable node") << QStringList{"--target", "http://127.0.0.1:1", "--ramp-up", "0s", "--duration", "2s"} << 1
                                      << "cannot reach the node at http://127.0.0.1:1";
    QTest::newRow("list without database") << QStringList{"--list"} << 2 << "add --db";
}

void LoadTestTest::commandExitStatus()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    QVERIFY(writeFile(path("bad-rate.json"), R"({"name": "bad", "rate": -1})"));
    for (QString& argument : arguments)
        argument.replace("DIR", m_dir.path());

    QProcess process;
    process.start(nodeBinary(), QStringList{"loadtest", "--no-progress"} + arguments);
    QVERIFY(process.waitForFinished(120'000));
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == exitCode, qPrintable(errors));
    QVERIFY2(errors.contains(message), qPrintable(errors));

    if (exitCode == 3) {
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(output.contains(QRegularExpression("Event throughput +at least 1,000,000 events/s .* FAIL")),
                 qPrintable(output));
        QFile file(path("missed.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(summary.value("outcome").toString(), QStringLiteral("completed"));
        QCOMPARE(summary.value("passed").toBool(true), false);
        QCOMPARE(summary.value("figures").toObject().value("accuracy_percent").toDouble(), 100.0);
    }
}

void LoadTestTest::commandStoresListsAndCompares()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    const QString database = path("command-runs.db");
    const QStringList run{"loadtest", "--target", "embedded", "--ramp-up", "0s", "--duration", "1s", "--devices",
                          "5000", "--threads", "2", "--db", database, "--no-progress", "--quiet"};
    for (const QString& rate : {QStringLiteral("1000"), QStringLiteral("3000")}) {
        QProcess process;
        process.start(nodeBinary(), run + QStringList{"--rate", rate, "--name", "rate-" + rate});
        QVERIFY(process.waitForFinished(120'000));
        QVERIFY2(process.exitCode() == 3, process.readAllStandardError().constData());
    }

    QProcess list;
    list.start(nodeBinary(), {"loadtest", "--db", database, "--list"});
    QVERIFY(list.waitForFinished(30'000));
    QCOMPARE(list.exitCode(), 0);
    const QString listed = QString::fromUtf8(list.readAllStandardOutput());
    QVERIFY2(listed.contains("rate-1000") && listed.contains("rate-3000"), qPrintable(listed));

    LoadTestStore store(database.toStdString());
    const std::vector<LoadTestRunRow> rows = store.list();
    QCOMPARE(rows.size(), std::size_t(2));
    QProcess compare;
    compare.start(nodeBinary(), {"loadtest", "--db", database, "--compare",
                                 QString::number(rows[1].id) + "," + QString::number(rows[0].id)});
    QVERIFY(compare.waitForFinished(30'000));
    QCOMPARE(compare.exitCode(), 0);
    const QString compared = QString::fromUtf8(compare.readAllStandardOutput());
    QVERIFY2(compared.contains(QRegularExpression("Offered rate +[0-9,]+ +[0-9,]+")), qPrintable(compared));

    QProcess show;
    show.start(nodeBinary(), {"loadtest", "--db", database, "--show", QString::number(rows[0].id)});
    QVERIFY(show.waitForFinished(30'000));
    QCOMPARE(show.exitCode(), 0);
    QVERIFY(QString::fromUtf8(show.readAllStandardOutput()).contains("Attribution accuracy"));
}

QTEST_GUILESS_MAIN(LoadTestTest)
#include "tst_loadtest.moc"
