// The HTTP API against a server in this process: bad input of every kind
// gets its status code while the node keeps serving, slow clients are
// dropped, busy and stalled engines respond 503, and the JSON and metrics
// endpoints describe the node.

#include <QtTest>

#include <httplib.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <cmath>
#include <memory>
#include <thread>

#include "loadgen/generator.h"
#include "rawhttpconnection.h"
#include "runtime/engine.h"
#include "server/bearertoken.h"
#include "server/httpserver.h"
#include "server/snapshothistory.h"
#include "server/snapshotjson.h"
#include "storage/store.h"

using namespace umg;
using namespace std::chrono_literals;

namespace {

const std::string kToken = "test-token-0123456789abcdef";

// An event line with every field a click needs; `extra` is inserted before
// the closing brace.
std::string eventLine(const std::string& id, const std::string& type = "click", const std::string& extra = {})
{
    return R"({"event_id":")" + id + R"(","type":")" + type
        + R"(","timestamp":"2026-11-01T12:00:00.250Z","customer_id":"acme","app_id":"com.example.game",)"
          R"("platform":"android","advertising_id":"38400000-8cf0-11bd-b23e-10b96e40000d",)"
          R"("media_source":"network_a","campaign":"launch")"
        + extra + "}\n";
}

// `count` generated events as NDJSON; `prefix` keeps ids apart between calls.
// They start at the time of eventLine(), so that neither kind of event is
// older than the engine's retention when the other came first.
std::string generatedEvents(std::size_t count, const std::string& prefix)
{
    WorkloadProfile profile;
    profile.startMs = 1'793'534'400'000; // 2026-11-01T12:00:00Z
    profile.idPrefix = prefix;
    profile.devices = 5'000;
    profile.seed = std::hash<std::string>{}(prefix);
    WorkloadGenerator generator(profile);
    EventBatch batch;
    generator.generate(count, batch);
    std::string text;
    for (std::size_t i = 0; i < count && i < batch.size(); ++i)
        appendNdjson(batch, batch[i], text);
    return text;
}

QJsonObject parseJson(const std::string& body)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
}

// Small limits, so that the tests reach them quickly.
HttpServerOptions smallLimits()
{
    HttpServerOptions options;
    options.listenAddress = "127.0.0.1:0";
    options.token = BearerToken(kToken);
    options.maxBodyBytes = 64 * 1024;
    options.maxHeaderBytes = 4096;
    options.parseLimits.maxLineBytes = 1024;
    options.readTimeout = 1s;
    options.requestTimeout = 3s;
    options.ackTimeout = 5s;
    options.threads = 4;
    options.sampleInterval = 200ms;
    return options;
}

// An engine on a database in a temporary folder with the HTTP API on a
// free loopback port.
class TestNode {
public:
    explicit TestNode(HttpServerOptions options = smallLimits(), EngineConfig config = {})
    {
        EngineOptions engineOptions;
        engineOptions.config = config;
        if (engineOptions.config.workerThreads == 0)
            engineOptions.config.workerThreads = 2;
        engineOptions.databasePath = databasePath();
        m_engine = std::make_unique<Engine>(engineOptions);
        m_server = std::make_unique<HttpServer>(*m_engine, std::move(options));
        m_server->start();
    }
    ~TestNode()
    {
        m_server->stop();
        m_engine->stop();
    }

    int port() const { return m_server->port(); }
    Engine& engine() { return *m_engine; }
    HttpServer& server() { return *m_server; }
    std::string databasePath() const { return m_dir.filePath("node.db").toStdString(); }

    httplib::Client client(bool withToken = true) const
    {
        httplib::Client client("127.0.0.1", port());
        if (withToken)
            client.set_bearer_token_auth(kToken);
        client.set_read_timeout(30, 0);
        return client;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<HttpServer> m_server;
};

} // namespace

class TestHttpApi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void acceptsEventsAndCountsRepeatsOnce();
    void malformedLinesReported_data();
    void malformedLinesReported();
    void rejectedRequests_data();
    void rejectedRequests();
    void chunkedBodyAccepted();
    void chunkedBodyOverLimit();
    void expectContinueRejectedEarly_data();
    void expectContinueRejectedEarly();
    void slowBodyDropped();
    void tricklingBodyTimesOut();
    void statusDescribesNode();
    void healthNeedsNoToken();
    void snapshotRanges_data();
    void snapshotRanges();
    void metricsCountRequests();
    void busyEngineResponds503();
    void stalledStorageResponds503();

    void bearerTokenChecks();
    void bucketQuantiles();
    void historyTiers();

private:
    void verifyServesGoodRequest();

    std::unique_ptr<TestNode> m_node;
    int m_goodRequests = 0;
};

void TestHttpApi::initTestCase()
{
    m_node = std::make_unique<TestNode>();
    QVERIFY(m_node->port() > 0);
}

void TestHttpApi::cleanupTestCase() { m_node.reset(); }

void TestHttpApi::verifyServesGoodRequest()
{
    const std::string id = "good-" + std::to_string(++m_goodRequests);
    auto result = m_node->client().Post("/v1/events", eventLine(id), "application/x-ndjson");
    QVERIFY2(result, "the node no longer accepts connections");
    QCOMPARE(result->status, 200);
    const QJsonObject body = parseJson(result->body);
    QCOMPARE(body["accepted"].toInt(), 1);
    QCOMPARE(body["durable"].toBool(), true);
}

void TestHttpApi::acceptsEventsAndCountsRepeatsOnce()
{
    const EngineSnapshot before = m_node->engine().snapshot(false);
    const std::string body = eventLine("repeat-c1") + eventLine("repeat-c2") + "\n"
        + eventLine("repeat-i1", "install") + eventLine("repeat-c1");

    auto result = m_node->client().Post("/v1/events", body, "application/x-ndjson");
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    const QJsonObject json = parseJson(result->body);
    QCOMPARE(json["lines"].toInt(), 4);
    QCOMPARE(json["events"].toInt(), 4);
    QCOMPARE(json["accepted"].toInt(), 3);
    QCOMPARE(json["duplicates"].toInt(), 1);
    QCOMPARE(json["rejected"].toInt(), 0);
    QCOMPARE(json["durable"].toBool(), true);
    QVERIFY(json["batch_id"].toInt() > 0);
    QVERIFY(!json["request_id"].toString().isEmpty());
    QCOMPARE(QString::fromStdString(result->get_header_value("X-Request-Id")), json["request_id"].toString());

    // Resending the whole batch, as a client does after a lost response,
    // adds no accepted event.
    auto again = m_node->client().Post("/v1/events", body, "application/x-ndjson");
    QVERIFY(again);
    QCOMPARE(again->status, 200);
    QVERIFY(m_node->engine().flush(10s));
    const EngineSnapshot after = m_node->engine().snapshot(false);
    QCOMPARE(after.eventsAccepted - before.eventsAccepted, std::int64_t(3));
    QCOMPARE(after.eventsDuplicate - before.eventsDuplicate, std::int64_t(5));
}

void TestHttpApi::malformedLinesReported_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");

    const std::string longCampaign(1100, 'x');
    QTest::newRow("invalid json") << QByteArray(R"({"event_id":"bad-1","type":)") << "invalid_json";
    QTest::newRow("unknown event type") << QByteArray::fromStdString(eventLine("bad-2", "purchase")) << "unknown_event_type";
    QTest::newRow("missing customer")
        << QByteArray(R"({"event_id":"bad-3","type":"click","timestamp":1790000000000,"app_id":"a","platform":"ios",)"
                      R"("advertising_id":"x","media_source":"m"})")
        << "missing_field";
    QTest::newRow("negative revenue")
        << QByteArray::fromStdString(eventLine("bad-4", "in_app_event", R"(,"event_name":"buy","revenue":-5,"currency":"USD")"))
        << "negative_revenue";
    QTest::newRow("invalid timestamp")
        << QByteArray::fromStdString(eventLine("bad-5").replace(eventLine("bad-5").find("2026-11-01T12:00:00.250Z"), 24, "yesterday"))
        << "invalid_timestamp";
    QTest::newRow("number as platform")
        << QByteArray::fromStdString(eventLine("bad-6").replace(eventLine("bad-6").find(R"("android")"), 9, "7"))
        << "wrong_type";
    QTest::newRow("line too long")
        << QByteArray::fromStdString(eventLine("bad-7", "click", R"(,"site_id":")" + longCampaign + "\""))
        << "line_too_long";
    QTest::newRow("invalid utf-8") << QByteArray::fromStdString(eventLine("bad-8\xff\xfe")) << "invalid_utf8";
}

void TestHttpApi::malformedLinesReported()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    std::string bad = line.toStdString();
    if (!bad.empty() && bad.back() == '\n')
        bad.pop_back();
    const std::string tag = QTest::currentDataTag();
    const std::string body = eventLine("ok-before-" + tag) + bad + "\n\n" + eventLine("ok-after-" + tag);

    auto result = m_node->client().Post("/v1/events", body, "application/x-ndjson");
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    const QJsonObject json = parseJson(result->body);
    QCOMPARE(json["accepted"].toInt(), 2);
    QCOMPARE(json["rejected"].toInt(), 1);
    const QJsonObject rejection = json["rejections"].toArray().at(0).toObject();
    QCOMPARE(rejection["line"].toInt(), 2);
    QCOMPARE(rejection["reason"].toString(), reason);
    QVERIFY(!rejection["detail"].toString().isEmpty());
    verifyServesGoodRequest();
}

void TestHttpApi::rejectedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QByteArray>("header");

    const std::string auth = "Authorization: Bearer " + kToken;
    const std::string event = eventLine("rejected-request");
    const std::string length = "Content-Length: " + std::to_string(event.size());
    auto row = [](const char* name, const std::string& request, int status, bool closes, const char* header = "") {
        QTest::newRow(name) << QByteArray::fromStdString(request) << status << closes << QByteArray(header);
    };

    row("wrong token", requestText("POST", "/v1/events", {"Authorization: Bearer wrong-token-0123456789", length}, event),
        401, true, "www-authenticate");
    row("missing token", requestText("POST", "/v1/events", {length}, event), 401, true, "www-authenticate");
    row("basic instead of bearer", requestText("GET", "/v1/status", {"Authorization: Basic dXNlcjpwYXNz"}), 401, false,
        "www-authenticate");
    row("unknown path", requestText("GET", "/v1/nothing", {auth}), 404, false);
    row("unknown path with body", requestText("POST", "/v2/events", {auth, length}, event), 404, true);
    row("wrong method", requestText("GET", "/v1/events", {auth}), 405, false, "allow");
    row("wrong method with body", requestText("POST", "/v1/status", {auth, length}, event), 405, true, "allow");
    row("huge header line", requestText("GET", "/v1/status", {auth, "X-Padding: " + std::string(20000, 'p')}), 400,
        false);
    std::initializer_list<std::string> manyHeaders = {auth,
                                                      "X-Padding-1: " + std::string(700, 'p'),
                                                      "X-Padding-2: " + std::string(700, 'p'),
                                                      "X-Padding-3: " + std::string(700, 'p'),
                                                      "X-Padding-4: " + std::string(700, 'p'),
                                                      "X-Padding-5: " + std::string(700, 'p'),
                                                      "X-Padding-6: " + std::string(700, 'p')};
    row("headers over limit", requestText("GET", "/v1/status", manyHeaders), 431, false);
    row("declared body over limit", requestText("POST", "/v1/events", {auth, "Content-Length: 10485760"}), 413, true);
    row("length beyond 64 bits",
        requestText("POST", "/v1/events", {auth, "Content-Length: 99999999999999999999999"}), 413, true);
    row("invalid content length", requestText("POST", "/v1/events", {auth, "Content-Length: 12abc"}), 400, true);
    row("no length", requestText("POST", "/v1/events", {auth}), 411, false);
    row("empty body", requestText("POST", "/v1/events", {auth, "Content-Length: 0"}), 400, false);
    row("only blank lines", requestText("POST", "/v1/events", {auth, "Content-Length: 4"}, "\n \n\n"), 400, false);
    row("multipart body",
        requestText("POST", "/v1/events", {auth, length, "Content-Type: multipart/form-data; boundary=x"}, event), 415,
        true);
    row("unsupported transfer encoding",
        requestText("POST", "/v1/events", {auth, "Transfer-Encoding: gzip, chunked"}, "0\r\n\r\n"), 501, true);
    row("two different content lengths",
        requestText("POST", "/v1/events", {auth, "Content-Length: 3", "Content-Length: 50"}, std::string(50, 'x')), 400,
        true);
    row("zero and another content length",
        requestText("POST", "/v1/events", {auth, "Content-Length: 0", "Content-Length: 50"}, std::string(50, 'x')), 400,
        true);
    row("body on get", requestText("GET", "/v1/status", {auth, "Content-Length: 5"}, "hello"), 400, true);
    row("invalid range", requestText("GET", "/v1/snapshot?range=2h", {auth}), 400, false);
    row("malformed request line", std::string("GARBAGE\r\n\r\n"), 400, false);
}

void TestHttpApi::rejectedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(bool, closes);
    QFETCH(QByteArray, header);

    RawHttpConnection connection;
    QVERIFY(connection.connectTo(m_node->port()));
    QVERIFY(connection.send(request.toStdString()));
    const RawHttpResponse response = connection.readResponse(5s);
    QCOMPARE(response.status, status);
    QVERIFY2(!parseJson(response.body)["error"].toString().isEmpty(), response.body.c_str());
    if (!header.isEmpty())
        QVERIFY2(response.headers.count(header.toStdString()), "expected header missing");
    if (closes)
        QVERIFY2(connection.waitForClose(3s), "the connection stayed open with unread request bytes");
    verifyServesGoodRequest();
}

void TestHttpApi::chunkedBodyAccepted()
{
    const std::string body = eventLine("chunked-1") + eventLine("chunked-2") + eventLine("chunked-3");
    const std::string half = body.substr(0, body.size() / 2);
    const std::string rest = body.substr(body.size() / 2);
    auto chunk = [](const std::string& data) {
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", data.size());
        return size + data + "\r\n";
    };

    RawHttpConnection connection;
    QVERIFY(connection.connectTo(m_node->port()));
    QVERIFY(connection.send(requestText("POST", "/v1/events",
                                        {"Authorization: Bearer " + kToken, "Transfer-Encoding: chunked"},
                                        chunk(half) + chunk(rest) + "0\r\n\r\n")));
    const RawHttpResponse response = connection.readResponse(5s);
    QCOMPARE(response.status, 200);
    QCOMPARE(parseJson(response.body)["accepted"].toInt(), 3);
}

void TestHttpApi::chunkedBodyOverLimit()
{
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(m_node->port()));
    QVERIFY(connection.send(
        requestText("POST", "/v1/events", {"Authorization: Bearer " + kToken, "Transfer-Encoding: chunked"})));
    // 100 KiB in 8 KiB chunks against a 64 KiB limit. The server reads on
    // for a while after the limit, so the whole body can be sent.
    const std::string line = eventLine("chunk-line");
    std::string data;
    while (data.size() < 8192)
        data += line;
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    for (int i = 0; i < 12; ++i)
        QVERIFY(connection.send(size + data + "\r\n"));
    QVERIFY(connection.send("0\r\n\r\n"));

    const RawHttpResponse response = connection.readResponse(5s);
    QCOMPARE(response.status, 413);
    QVERIFY(parseJson(response.body)["error"].toString().contains("larger than 65536 bytes"));
    QVERIFY(connection.waitForClose(3s));
    verifyServesGoodRequest();
}

void TestHttpApi::expectContinueRejectedEarly_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("length");
    QTest::addColumn<int>("status");

    QTest::newRow("declared body over limit")
        << QByteArray::fromStdString("Authorization: Bearer " + kToken) << QByteArray("10485760") << 413;
    QTest::newRow("wrong token") << QByteArray("Authorization: Bearer not-the-token-0123456789") << QByteArray("100")
                                 << 401;
}

void TestHttpApi::expectContinueRejectedEarly()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, length);
    QFETCH(int, status);

    // The client waits for 100 Continue before it sends the body, so the
    // final status must come without any body bytes.
    RawHttpConnection connection;
    QVERIFY(connection.connectTo(m_node->port()));
    QVERIFY(connection.send(requestText("POST", "/v1/events",
                                        {authorization.toStdString(), "Content-Length: " + length.toStdString(),
                                         "Expect: 100-continue"})));
    const RawHttpResponse response = connection.readResponse(5s);
    QCOMPARE(response.status, status);
    verifyServesGoodRequest();
}

void TestHttpApi::slowBodyDropped()
{
    RawHttpConnection slow;
    QVERIFY(slow.connectTo(m_node->port()));
    QVERIFY(slow.send(requestText("POST", "/v1/events", {"Authorization: Bearer " + kToken, "Content-Length: 1000"},
                                  R"({"event_id")")));

    // The node serves others while the slow body is outstanding.
    QElapsedTimer timer;
    timer.start();
    verifyServesGoodRequest();
    QVERIFY2(timer.elapsed() < 1000, "a good request waited for the slow client");

    const RawHttpResponse response = slow.readResponse(5s);
    QCOMPARE(response.status, 408);
    QVERIFY(timer.elapsed() >= 900);
    QVERIFY(slow.waitForClose(3s));
    verifyServesGoodRequest();
}

void TestHttpApi::tricklingBodyTimesOut()
{
    // One byte every 300 ms never trips the 1 s read timeout, but the 3 s
    // request timeout ends the request.
    RawHttpConnection slow;
    QVERIFY(slow.connectTo(m_node->port()));
    QVERIFY(slow.send(requestText("POST", "/v1/events", {"Authorization: Bearer " + kToken, "Content-Length: 1000"})));
    QElapsedTimer timer;
    timer.start();
    RawHttpResponse response;
    while (response.status == 0 && timer.elapsed() < 10'000) {
        if (!slow.send(" "))
            break;
        response = slow.readResponse(300ms);
    }
    if (response.status == 0)
        response = slow.readResponse(2s);
    QCOMPARE(response.status, 408);
    QVERIFY2(timer.elapsed() >= 2900, "the request ended before the request timeout");
    QVERIFY2(timer.elapsed() < 6000, "the request outlived the request timeout");
    verifyServesGoodRequest();
}

void TestHttpApi::statusDescribesNode()
{
    auto result = m_node->client().Get("/v1/status");
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    QCOMPARE(QString::fromStdString(result->get_header_value("Content-Type")), QString("application/json"));
    const QJsonObject json = parseJson(result->body);
    QCOMPARE(json["version"].toString(), QString(UMG_VERSION));
    QCOMPARE(json["tls"].toBool(), false);
    QCOMPARE(json["token_required"].toBool(), true);
    QCOMPARE(json["listen"].toString(), QString("127.0.0.1:%1").arg(m_node->port()));
    QVERIFY(json["uptime_seconds"].toDouble() > 0);
    const QJsonObject configuration = json["configuration"].toObject();
    QCOMPARE(configuration["max_body_bytes"].toInt(), 65536);
    QCOMPARE(configuration["worker_threads"].toInt(), 2);
    const QJsonObject health = json["health"].toObject();
    QCOMPARE(health["status"].toString(), QString("ok"));
    QCOMPARE(health["storage_errors"].toInt(), 0);
    QVERIFY(health.contains("queue_max_fill_percent"));
}

void TestHttpApi::healthNeedsNoToken()
{
    auto result = m_node->client(false).Get("/healthz");
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    QCOMPARE(parseJson(result->body)["status"].toString(), QString("ok"));

    auto status = m_node->client(false).Get("/v1/status");
    QVERIFY(status);
    QCOMPARE(status->status, 401);
}

void TestHttpApi::snapshotRanges_data()
{
    QTest::addColumn<QString>("range");
    for (const char* range : {"5m", "15m", "1h", "6h", "24h", "7d"})
        QTest::newRow(range) << range;
}

void TestHttpApi::snapshotRanges()
{
    QFETCH(QString, range);
    auto posted = m_node->client().Post("/v1/events", generatedEvents(100, "snapshot-" + range.toStdString()),
                                        "application/x-ndjson");
    QVERIFY(posted);
    QCOMPARE(posted->status, 200);
    QVERIFY(m_node->engine().flush(10s));
    // Worker results reach snapshots within about a second; samples come
    // every 200 ms.
    QTest::qWait(1200);

    auto result = m_node->client().Get(("/v1/snapshot?range=" + range).toStdString());
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    const QJsonObject json = parseJson(result->body);
    QCOMPARE(json["range"].toString(), range);
    QVERIFY(json["counters"].toObject()["events_accepted"].toInt() >= 100);
    QVERIFY(json["latency_ms"].toObject()["count"].toInt() > 0);
    QVERIFY(!json["customers"].toArray().isEmpty());
    QVERIFY(!json["customers"].toArray().at(0).toObject()["customer_id"].toString().isEmpty());
    QVERIFY(!json["campaigns"].toArray().isEmpty());
    QVERIFY(json["campaigns"].toArray().at(0).toObject().contains("media_source"));

    const QJsonObject series = json["series"].toObject();
    const int points = series["points"].toInt();
    QVERIFY2(points >= 1, "no time series point yet");
    for (const char* name : {"timestamps_ms", "events_per_second", "accepted_per_second", "latency_p95_ms",
                             "queue_depth", "active_connections", "http_requests_per_second"})
        QCOMPARE(series[name].toArray().size(), points);
    const QJsonArray accepted = series["accepted_per_second"].toArray();
    double total = 0;
    for (const QJsonValue& value : accepted)
        total += value.toDouble();
    if (range == "5m" || range == "15m")
        QVERIFY2(total > 0, "the time series shows no accepted events");
}

void TestHttpApi::metricsCountRequests()
{
    auto unauthorized = m_node->client(false).Post("/v1/events", eventLine("metrics-401"), "application/x-ndjson");
    QVERIFY(unauthorized);
    QCOMPARE(unauthorized->status, 401);
    auto unknown = m_node->client().Get("/no/such/path");
    QVERIFY(unknown);
    QCOMPARE(unknown->status, 404);
    verifyServesGoodRequest();

    auto withoutToken = m_node->client(false).Get("/metrics");
    QVERIFY(withoutToken);
    QCOMPARE(withoutToken->status, 401);

    auto result = m_node->client().Get("/metrics");
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    const QString text = QString::fromStdString(result->body);
    QVERIFY(text.contains(R"(attribution_http_requests_total{code="401",path="/v1/events"})"));
    QVERIFY(text.contains(R"(attribution_http_requests_total{code="200",path="/v1/events"})"));
    QVERIFY(text.contains(R"(attribution_http_requests_total{code="404",path="other"})"));
    QVERIFY(text.contains(R"(attribution_http_request_duration_seconds_count{path="/v1/events"})"));
    QVERIFY(text.contains("attribution_active_connections "));
    QVERIFY(text.contains("attribution_events_processed_total{"));
    QVERIFY2(!text.contains("/no/such/path"), "a client-chosen path became a label value");
}

void TestHttpApi::busyEngineResponds503()
{
    // One worker with the smallest queue the engine allows (1024 events):
    // while it processes one large batch, every other batch finds the queue
    // occupied.
    EngineConfig config;
    config.workerThreads = 1;
    config.queueCapacityEvents = 1024;
    HttpServerOptions options = smallLimits();
    options.maxBodyBytes = 32u << 20;
    options.parseLimits.maxLineBytes = 64 * 1024;
    options.threads = 8;
    TestNode node(options, config);

    constexpr int kClients = 6;
    constexpr int kBatchesPerClient = 3;
    constexpr std::size_t kEventsPerBatch = 10'000;

    std::atomic<int> ok{0};
    std::atomic<int> busy{0};
    std::atomic<int> unexpected{0};
    std::atomic<std::int64_t> acceptedInOk{0};
    std::atomic<bool> retryAfterMissing{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            httplib::Client client = node.client();
            for (int b = 0; b < kBatchesPerClient; ++b) {
                const std::string body =
                    generatedEvents(kEventsPerBatch, "busy" + std::to_string(c * kBatchesPerClient + b));
                auto result = client.Post("/v1/events", body, "application/x-ndjson");
                if (result && result->status == 200) {
                    ++ok;
                    acceptedInOk += parseJson(result->body)["accepted"].toInt();
                } else if (result && result->status == 503) {
                    ++busy;
                    if (result->get_header_value("Retry-After") != "1")
                        retryAfterMissing = true;
                } else {
                    ++unexpected;
                }
            }
        });
    }
    for (std::thread& client : clients)
        client.join();

    QCOMPARE(unexpected.load(), 0);
    QVERIFY2(busy.load() > 0, "no batch found the queue full");
    QVERIFY(ok.load() > 0);
    QVERIFY(!retryAfterMissing.load());
    QVERIFY(node.engine().flush(60s));
    // No event of a batch that got 503 reached the engine.
    QCOMPARE(node.engine().snapshot(false).eventsAccepted, acceptedInOk.load());
}

void TestHttpApi::stalledStorageResponds503()
{
    HttpServerOptions options = smallLimits();
    options.ackTimeout = 1s;
    TestNode node(options);
    const std::string body = eventLine("stalled-1") + eventLine("stalled-2");

    // A second connection holds the database's write lock, so the engine's
    // journal commit waits (SQLite's busy timeout is 5 s) and then fails.
    auto locker = std::make_unique<Store>(node.databasePath());
    locker->execute("BEGIN EXCLUSIVE");
    QElapsedTimer held;
    held.start();

    auto result = node.client().Post("/v1/events", body, "application/x-ndjson");
    QVERIFY(result);
    QCOMPARE(result->status, 503);
    QCOMPARE(QString::fromStdString(result->get_header_value("Retry-After")), QString("1"));
    const QJsonObject json = parseJson(result->body);
    QCOMPARE(json["durable"].toBool(), false);
    QVERIFY(json["batch_id"].toInt() > 0);
    QVERIFY(json["error"].toString().contains("not committed"));

    // Once a commit has failed, the node reports itself degraded.
    QTest::qWait(static_cast<int>(std::max<qint64>(0, 6500 - held.elapsed())));
    auto health = node.client(false).Get("/healthz");
    QVERIFY(health);
    QCOMPARE(health->status, 503);
    QCOMPARE(parseJson(health->body)["status"].toString(), QString("degraded"));

    locker->execute("ROLLBACK");
    locker.reset();
    QVERIFY(node.engine().flush(20s));

    // The batch was committed after all; sending it again adds nothing.
    auto resent = node.client().Post("/v1/events", body, "application/x-ndjson");
    QVERIFY(resent);
    QCOMPARE(resent->status, 200);
    QCOMPARE(parseJson(resent->body)["durable"].toBool(), true);
    QVERIFY(node.engine().flush(10s));
    const EngineSnapshot snapshot = node.engine().snapshot(false);
    QCOMPARE(snapshot.eventsAccepted, std::int64_t(2));
    QCOMPARE(snapshot.eventsDuplicate, std::int64_t(2));
    QVERIFY(snapshot.storage.errors > 0);
}

void TestHttpApi::bearerTokenChecks()
{
    const BearerToken token(kToken);
    QVERIFY(token.matches(kToken));
    QVERIFY(!token.matches(kToken.substr(0, kToken.size() - 1)));
    QVERIFY(!token.matches(kToken + "x"));
    QVERIFY(!token.matches(""));

    QCOMPARE(checkAuthorization(token, "Bearer " + kToken), Authorization::Granted);
    QCOMPARE(checkAuthorization(token, "bearer " + kToken), Authorization::Granted);
    QCOMPARE(checkAuthorization(token, ""), Authorization::Missing);
    QCOMPARE(checkAuthorization(token, "Basic " + kToken), Authorization::Invalid);
    QCOMPARE(checkAuthorization(token, "Bearer"), Authorization::Invalid);
    QCOMPARE(checkAuthorization(token, "Bearer " + kToken + "0"), Authorization::Invalid);

    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BearerToken("short"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BearerToken("has a space in it, 0123456789"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BearerToken("percent%41-0123456789abcdef"));
}

void TestHttpApi::bucketQuantiles()
{
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> counts{};
    QVERIFY(std::isnan(bucketQuantileMs(counts, 0.5)));

    // 100 observations in (1 ms, 2.5 ms]: the median interpolates to 1.75 ms.
    counts[2] = 100;
    QCOMPARE(bucketQuantileMs(counts, 0.5), 1.75);
    QCOMPARE(bucketQuantileMs(counts, 1.0), 2.5);

    counts = {};
    counts.back() = 10;
    QCOMPARE(bucketQuantileMs(counts, 0.99), 2500.0);
}

void TestHttpApi::historyTiers()
{
    SnapshotHistory history;
    const std::int64_t start = 1'790'000'000'000;
    constexpr int kSeconds = 2 * 3600;
    for (int s = 0; s <= kSeconds; ++s) {
        HistorySample sample;
        sample.timeMs = start + s * 1000LL;
        sample.eventsAccepted = s;
        history.add(sample);
    }
    const std::int64_t now = start + kSeconds * 1000LL;

    const HistoryWindow five = history.window(TimeRange::Minutes5, now);
    QCOMPARE(five.intervalMs, std::int64_t(1000));
    QCOMPARE(five.samples.size(), std::size_t(302)); // 301 in the range and one before it
    QCOMPARE(five.samples.back().timeMs, now);

    const HistoryWindow hour = history.window(TimeRange::Hour1, now);
    QCOMPARE(hour.intervalMs, std::int64_t(10'000));
    QCOMPARE(hour.samples.size(), std::size_t(362));
    QVERIFY(hour.samples.front().timeMs < now - 3'600'000);

    const HistoryWindow week = history.window(TimeRange::Days7, now);
    QCOMPARE(week.intervalMs, std::int64_t(600'000));
    // The first sample, then the newest of each 10-minute interval.
    QCOMPARE(week.samples.size(), std::size_t(14));
    QCOMPARE(week.samples.front().timeMs, start);
    // Cumulative counters survive downsampling: the newest sample of the
    // coarsest tier carries the newest count.
    QCOMPARE(week.samples.back().eventsAccepted, std::int64_t(kSeconds));

    QCOMPARE(history.sizes()[0], SnapshotHistory::kTiers[0].capacity);
}

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
