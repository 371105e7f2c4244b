// Parsers, validation, format detection and the line reader.

#include <QtTest>

#include "../common/enumtext.h"

#include <chrono>
#include <fstream>

#include "ingest/eventparser.h"
#include "loadgen/generator.h"
#include "ingest/linereader.h"
#include "model/timestamp.h"

using namespace umg;
using umg::test::text;

namespace {

// Parses one line with room for the parser's padding after it.
bool parse(LineParser& parser, const std::string& line, EventBatch& out, Rejection& rejection)
{
    std::string padded = line;
    padded.append(kParsePadding, '\0');
    return parser.parseLine(std::string_view(padded.data(), line.size()), padded.size(), out, rejection);
}

const char* const kGoodClick =
    R"({"event_id":"c1","type":"click","timestamp":"2026-11-01T12:00:00.250Z","customer_id":"acme","app_id":"com.acme.game","platform":"android","advertising_id":"38400000-8cf0-11bd-b23e-10b96e40000d","ip":"198.51.100.4","user_agent":"UA","media_source":"google_ads","campaign":"summer"})";

} // namespace

Q_DECLARE_METATYPE(umg::RejectReason)

class IngestTest : public QObject {
    Q_OBJECT

private slots:
    void timestamps_data();
    void timestamps();
    void ndjsonAcceptsValidEvent();
    void ndjsonRoundTripsEveryField();
    void ndjsonRejects_data();
    void ndjsonRejects();
    void futureTimestampBound();
    void ndjsonSkipsByteOrderMark();
    void csvParsesRows();
    void csvRejects_data();
    void csvRejects();
    void csvHeaderErrors_data();
    void csvHeaderErrors();
    void talkingDataRows();
    void talkingDataRejects_data();
    void talkingDataRejects();
    void formatDetection_data();
    void formatDetection();
    void lineReaderSkipsLongLines();
    void lineReaderErrors();
};

void IngestTest::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid

    QTest::newRow("utc with millis") << "2026-11-01T12:00:00.250Z" << qint64(1793534400250);
    QTest::newRow("positive offset") << "2026-11-01T14:00:00+02:00" << qint64(1793534400000);
    QTest::newRow("negative offset") << "2026-11-01T07:00:00-05:00" << qint64(1793534400000);
    QTest::newRow("nanoseconds truncated") << "2026-11-01T12:00:00.123456789Z" << qint64(1793534400123);
    QTest::newRow("epoch millis") << "1793534400250" << qint64(1793534400250);
    QTest::newRow("leap day") << "2028-02-29T00:00:00Z" << qint64(1835395200000);
    QTest::newRow("no offset") << "2026-11-01T12:00:00" << qint64(-1);
    QTest::newRow("month 13") << "2026-13-01T12:00:00Z" << qint64(-1);
    QTest::newRow("february 30") << "2026-02-30T12:00:00Z" << qint64(-1);
    QTest::newRow("garbage") << "yesterday" << qint64(-1);
    QTest::newRow("trailing text") << "2026-11-01T12:00:00Zjunk" << qint64(-1);
}

void IngestTest::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const std::string value = text.toStdString();
    std::optional<std::int64_t> parsed = parseRfc3339(value);
    if (!parsed)
        parsed = parseEpochMillis(value);
    if (expected < 0) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, expected);
    if (value.back() == 'Z' && value.size() == 24)
        QCOMPARE(QString::fromStdString(formatRfc3339(*parsed)), text);
}

void IngestTest::ndjsonAcceptsValidEvent()
{
    auto parser = makeParser(InputFormat::Ndjson);
    EventBatch batch;
    Rejection rejection;
    QVERIFY2(parse(*parser, kGoodClick, batch, rejection), rejection.detail.c_str());
    QCOMPARE(batch.size(), std::size_t(1));
    const Event event = batch.toEvent(0);
    QCOMPARE(event.eventId, std::string("c1"));
    QCOMPARE(text(event.type), text(EventType::Click));
    QCOMPARE(event.timestampMs, std::int64_t(1793534400250));
    QCOMPARE(event.mediaSource, std::string("google_ads"));
    QCOMPARE(text(event.platform), text(Platform::Android));

    // Unknown keys are ignored; an integer timestamp is milliseconds.
    QVERIFY(parse(*parser,
                  R"({"event_id":"i1","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","idfv":"x","extra":{"nested":[1,2]}})",
                  batch, rejection));
    QCOMPARE(batch[1].timestampMs, std::int64_t(1793534400000));

    // An all-zero advertising id means limited ad tracking: treated as none.
    QVERIFY(parse(*parser,
                  R"({"event_id":"i2","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","advertising_id":"00000000-0000-0000-0000-000000000000","idfv":"x"})",
                  batch, rejection));
    QVERIFY(batch.string(batch[2], Field::AdvertisingId).empty());
}

void IngestTest::ndjsonRoundTripsEveryField()
{
    Event event;
    for (std::size_t i = 0; i < kStringFieldCount; ++i)
        event.string(static_cast<Field>(i)) = std::string(fieldName(static_cast<Field>(i))) + "-value";
    event.ip = "2001:db8::7";
    event.currency = "EUR";
    event.type = EventType::InAppEvent;
    event.platform = Platform::Ios;
    event.timestampMs = 1793534400123;
    event.revenue = 12.5;
    EventBatch source;
    source.append(event);
    std::string line;
    appendNdjson(source, source[0], line);
    line.pop_back(); // the newline

    auto parser = makeParser(InputFormat::Ndjson);
    EventBatch batch;
    Rejection rejection;
    QVERIFY2(parse(*parser, line, batch, rejection), rejection.detail.c_str());
    const Event parsed = batch.toEvent(0);
    for (std::size_t i = 0; i < kStringFieldCount; ++i) {
        const auto field = static_cast<Field>(i);
        QCOMPARE(QString::fromStdString(parsed.string(field)), QString::fromStdString(event.string(field)));
    }
    QCOMPARE(text(parsed.type), text(event.type));
    QCOMPARE(text(parsed.platform), text(event.platform));
    QCOMPARE(parsed.timestampMs, event.timestampMs);
    QCOMPARE(*parsed.revenue, 12.5);
}

void IngestTest::ndjsonRejects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<RejectReason>("reason");
    QTest::addColumn<QString>("detailContains");

    const QByteArray base = R"("customer_id":"acme","app_id":"com.acme.game","platform":"android","advertising_id":"a1")";
    auto event = [&](const QByteArray& fields) { return "{" + fields + "," + base + "}"; };

    QTest::newRow("invalid json") << QByteArray(R"({"event_id":"x","type":)") << RejectReason::InvalidJson << "JSON";
    QTest::newRow("not an object") << QByteArray("[1,2,3]") << RejectReason::InvalidJson << "object";
    QTest::newRow("trailing content")
        << event(R"("event_id":"x","type":"click","timestamp":1793534400000,"media_source":"m")") + " {}"
        << RejectReason::InvalidJson << "after";
    QTest::newRow("unparsable timestamp")
        << event(R"("event_id":"x","type":"click","timestamp":"2026-11-01 noon","media_source":"m")")
        << RejectReason::InvalidTimestamp << "2026-11-01 noon";
    QTest::newRow("timestamp in seconds")
        << event(R"("event_id":"x","type":"click","timestamp":1793534400,"media_source":"m")")
        << RejectReason::InvalidTimestamp << "reads as seconds";
    QTest::newRow("timestamp before 2000")
        << event(R"("event_id":"x","type":"click","timestamp":"1970-01-01T00:00:00Z","media_source":"m")")
        << RejectReason::InvalidTimestamp << "1970-01-01T00:00:00.000Z is outside the years 2000 to 2099";
    QTest::newRow("timestamp far in the future")
        << event(R"("event_id":"x","type":"click","timestamp":"2099-12-31T23:59:59Z","media_source":"m")")
        << RejectReason::InvalidTimestamp << "after this machine's clock";
    QTest::newRow("unknown event type")
        << event(R"("event_id":"x","type":"purchase","timestamp":1793534400000)") << RejectReason::UnknownEventType
        << "purchase";
    QTest::newRow("negative revenue")
        << event(R"("event_id":"x","type":"in_app_event","event_name":"buy","revenue":-1.5,"timestamp":1793534400000)")
        << RejectReason::NegativeRevenue << "-1.5";
    QTest::newRow("invalid utf8")
        << event("\"event_id\":\"x\xff\xfe\",\"type\":\"click\",\"timestamp\":1793534400000,\"media_source\":\"m\"")
        << RejectReason::InvalidUtf8 << "";
    QTest::newRow("revenue of wrong type")
        << event(R"("event_id":"x","type":"in_app_event","event_name":"buy","revenue":"9.99","timestamp":1793534400000)")
        << RejectReason::WrongType << "revenue";
    QTest::newRow("event id of wrong type")
        << event(R"("event_id":42,"type":"click","timestamp":1793534400000,"media_source":"m")") << RejectReason::WrongType
        << "event_id";
    QTest::newRow("fractional timestamp")
        << event(R"("event_id":"x","type":"click","timestamp":1793534400000.5,"media_source":"m")")
        << RejectReason::WrongType << "timestamp";
    QTest::newRow("missing event id") << event(R"("type":"click","timestamp":1793534400000,"media_source":"m")")
                                      << RejectReason::MissingField << "event_id";
    QTest::newRow("missing type") << event(R"("event_id":"x","timestamp":1793534400000)") << RejectReason::MissingField
                                  << "type";
    QTest::newRow("missing media source on click")
        << event(R"("event_id":"x","type":"click","timestamp":1793534400000)") << RejectReason::MissingField
        << "media_source";
    QTest::newRow("missing event name on in-app event")
        << event(R"("event_id":"x","type":"in_app_event","timestamp":1793534400000)") << RejectReason::MissingField
        << "event_name";
    QTest::newRow("no device identifier")
        << QByteArray(R"({"event_id":"x","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","ip":"198.51.100.4"})")
        << RejectReason::MissingField << "device identifier";
    QTest::newRow("invalid platform")
        << QByteArray(R"({"event_id":"x","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"windows","idfv":"v"})")
        << RejectReason::InvalidValue << "windows";
    QTest::newRow("invalid currency")
        << event(R"("event_id":"x","type":"in_app_event","event_name":"buy","revenue":1,"currency":"dollars","timestamp":1793534400000)")
        << RejectReason::InvalidValue << "ISO 4217";
    QTest::newRow("invalid ip")
        << QByteArray(R"({"event_id":"x","type":"install","timestamp":1793534400000,"customer_id":"a","app_id":"b","platform":"ios","ip":"300.1.1.1","user_agent":"u"})")
        << RejectReason::InvalidValue << "300.1.1.1";
    QTest::newRow("field too long")
        << event(R"("event_id":")" + QByteArray(3000, 'x') + R"(","type":"click","timestamp":1793534400000,"media_source":"m")")
        << RejectReason::InvalidValue << "limit";
}

void IngestTest::ndjsonRejects()
{
    QFETCH(QByteArray, line);
    QFETCH(RejectReason, reason);
    QFETCH(QString, detailContains);
    auto parser = makeParser(InputFormat::Ndjson);
    EventBatch batch;
    Rejection rejection;
    QVERIFY(!parse(*parser, line.toStdString(), batch, rejection));
    QCOMPARE(batch.size(), std::size_t(0));
    QCOMPARE(QString::fromUtf8(toString(rejection.reason).data()), QString::fromUtf8(toString(reason).data()));
    QVERIFY2(QString::fromStdString(rejection.detail).contains(detailContains),
             qPrintable(QString::fromStdString(rejection.detail)));
}

void IngestTest::ndjsonSkipsByteOrderMark()
{
    auto parser = makeParser(InputFormat::Ndjson);
    EventBatch batch;
    Rejection rejection;
    const std::string line = "\xef\xbb\xbf" R"({"event_id":"x","type":"click","timestamp":1793534400000,)"
                             R"("customer_id":"acme","app_id":"com.acme.game","platform":"android",)"
                             R"("advertising_id":"a1","media_source":"m"})";
    QVERIFY2(parse(*parser, line, batch, rejection), rejection.detail.c_str());
    QCOMPARE(batch.toEvent(0).eventId, std::string("x"));
}

void IngestTest::futureTimestampBound()
{
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    auto line = [](std::int64_t timestampMs) {
        return R"({"event_id":"x","type":"click","timestamp":)" + std::to_string(timestampMs)
            + R"(,"customer_id":"acme","app_id":"com.acme.game","platform":"android","advertising_id":"a1","media_source":"m"})";
    };
    EventBatch batch;
    Rejection rejection;

    // An hour ahead is clock skew and stays; two days ahead is rejected.
    auto parser = makeParser(InputFormat::Ndjson);
    QVERIFY2(parse(*parser, line(nowMs + kMillisPerHour), batch, rejection), rejection.detail.c_str());
    QVERIFY(!parse(*parser, line(nowMs + 2 * kMillisPerDay), batch, rejection));
    QVERIFY(rejection.reason == RejectReason::InvalidTimestamp);

    // A limit of 0 turns the check off; the years 2000 to 2099 still hold.
    ParseLimits unbounded;
    unbounded.maxFutureMs = 0;
    auto lenient = makeParser(InputFormat::Ndjson, unbounded);
    QVERIFY2(parse(*lenient, line(nowMs + 2 * kMillisPerDay), batch, rejection), rejection.detail.c_str());
    QVERIFY(!parse(*lenient, line(4102444800000LL), batch, rejection));
    QVERIFY(rejection.reason == RejectReason::InvalidTimestamp);
}

void IngestTest::csvParsesRows()
{
    auto parser = makeCsvParser("event_id,type,timestamp,customer_id,app_id,platform,advertising_id,media_source,campaign,revenue,event_name,unknown_column");
    EventBatch batch;
    Rejection rejection;
    QVERIFY2(parse(*parser, R"(c1,click,2026-11-01T12:00:00Z,acme,com.acme,android,a1,google_ads,"spring, ""sale""",,,x)",
                   batch, rejection),
             rejection.detail.c_str());
    QCOMPARE(batch.toEvent(0).campaign, std::string("spring, \"sale\""));
    QVERIFY(parse(*parser, "e1,in_app_event,1793534400000,acme,com.acme,ios,a1,,,9.99,purchase,\r", batch, rejection));
    QCOMPARE(batch[1].revenue, 9.99);
    QCOMPARE(batch.toEvent(1).currency, std::string("USD"));
}

void IngestTest::csvRejects_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<RejectReason>("reason");
    QTest::newRow("wrong field count") << "c1,click,2026-11-01T12:00:00Z,acme" << RejectReason::WrongFieldCount;
    QTest::newRow("unterminated quote") << R"(c1,click,2026-11-01T12:00:00Z,acme,com.acme,android,a1,"google)"
                                        << RejectReason::InvalidValue;
    QTest::newRow("unparsable timestamp") << "c1,click,noon,acme,com.acme,android,a1,google,summer,"
                                          << RejectReason::InvalidTimestamp;
    QTest::newRow("unknown event type") << "c1,tap,2026-11-01T12:00:00Z,acme,com.acme,android,a1,google,summer,"
                                        << RejectReason::UnknownEventType;
    QTest::newRow("revenue not a number") << "c1,click,2026-11-01T12:00:00Z,acme,com.acme,android,a1,google,summer,abc"
                                          << RejectReason::WrongType;
    QTest::newRow("negative revenue") << "c1,click,2026-11-01T12:00:00Z,acme,com.acme,android,a1,google,summer,-2"
                                      << RejectReason::NegativeRevenue;
    QTest::newRow("empty platform") << "c1,click,2026-11-01T12:00:00Z,acme,com.acme,,a1,google,summer,"
                                    << RejectReason::MissingField;
}

void IngestTest::csvRejects()
{
    QFETCH(QString, line);
    QFETCH(RejectReason, reason);
    auto parser = makeCsvParser("event_id,type,timestamp,customer_id,app_id,platform,advertising_id,media_source,campaign,revenue");
    EventBatch batch;
    Rejection rejection;
    QVERIFY(!parse(*parser, line.toStdString(), batch, rejection));
    QCOMPARE(QString::fromUtf8(toString(rejection.reason).data()), QString::fromUtf8(toString(reason).data()));
}

void IngestTest::csvHeaderErrors_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing timestamp") << "event_id,type,customer_id,app_id,platform" << "\"timestamp\"";
    QTest::newRow("repeated column") << "event_id,type,timestamp,customer_id,app_id,platform,type" << "twice";
}

void IngestTest::csvHeaderErrors()
{
    QFETCH(QString, header);
    QFETCH(QString, message);
    try {
        makeCsvParser(header.toStdString());
        QFAIL("the header was accepted");
    } catch (const std::invalid_argument& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
    }
}

void IngestTest::talkingDataRows()
{
    auto parser = makeParser(InputFormat::TalkingData);
    EventBatch batch;
    Rejection rejection;
    parser->setLineNumber(7);
    QVERIFY(parse(*parser, "87540,12,1,13,497,2017-11-07 09:30:38,,0", batch, rejection));
    QCOMPARE(batch.size(), std::size_t(1));
    const Event click = batch.toEvent(0);
    QCOMPARE(click.eventId, std::string("td-click-7"));
    QCOMPARE(click.appId, std::string("td-app-12"));
    QCOMPARE(click.mediaSource, std::string("td-channel-497"));
    QCOMPARE(click.ip, std::string("87540"));
    QCOMPARE(click.userAgent, std::string("device/1 os/13"));
    QCOMPARE(formatRfc3339(click.timestampMs), std::string("2017-11-07T09:30:38.000Z"));

    parser->setLineNumber(8);
    QVERIFY(parse(*parser, "5314,19,0,24,213,2017-11-08 02:22:13,2017-11-08 02:22:38,1", batch, rejection));
    QCOMPARE(batch.size(), std::size_t(3));
    const Event install = batch.toEvent(2);
    QCOMPARE(text(install.type), text(EventType::Install));
    QCOMPARE(install.eventId, std::string("td-install-8"));
    QVERIFY(install.referenceTouchId);
    QCOMPARE(*install.referenceTouchId, std::string("td-click-8"));
    QCOMPARE(install.timestampMs - batch[1].timestampMs, std::int64_t(25000));
}

void IngestTest::talkingDataRejects_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<RejectReason>("reason");
    QTest::addColumn<QString>("detail"); // a part of the rejection's detail, or empty
    QTest::newRow("three fields") << "1,2,3" << RejectReason::WrongFieldCount << "this one has 3";
    QTest::newRow("seven fields") << "1,2,3,4,5,2017-11-07 09:30:38,0" << RejectReason::WrongFieldCount
                                  << "this one has 7";
    QTest::newRow("nine fields") << "1,2,3,4,5,2017-11-07 09:30:38,,0,9" << RejectReason::WrongFieldCount
                                 << "this one has 9";
    QTest::newRow("non-numeric ip") << "a.b,2,3,4,5,2017-11-07 09:30:38,,0" << RejectReason::InvalidValue << "";
    QTest::newRow("bad click time") << "1,2,3,4,5,07/11/2017,,0" << RejectReason::InvalidTimestamp << "";
    QTest::newRow("flag without time") << "1,2,3,4,5,2017-11-07 09:30:38,,1" << RejectReason::InvalidValue << "";
}

void IngestTest::talkingDataRejects()
{
    QFETCH(QString, line);
    QFETCH(RejectReason, reason);
    QFETCH(QString, detail);
    auto parser = makeParser(InputFormat::TalkingData);
    EventBatch batch;
    Rejection rejection;
    QVERIFY(!parse(*parser, line.toStdString(), batch, rejection));
    QCOMPARE(batch.size(), std::size_t(0));
    QCOMPARE(QString::fromUtf8(toString(rejection.reason).data()), QString::fromUtf8(toString(reason).data()));
    const QString actualDetail = QString::fromStdString(rejection.detail);
    QVERIFY2(actualDetail.contains(detail), qPrintable(actualDetail));
}

void IngestTest::formatDetection_data()
{
    QTest::addColumn<QByteArray>("firstLine");
    QTest::addColumn<int>("format"); // -1: not detected
    QTest::addColumn<int>("prefix");
    QTest::newRow("ndjson") << QByteArray(R"({"event_id":"x"})") << int(InputFormat::Ndjson) << 0;
    QTest::newRow("csv") << QByteArray("event_id,type,timestamp") << int(InputFormat::Csv) << 0;
    QTest::newRow("ndjson with byte-order mark") << QByteArray("\xef\xbb\xbf" R"({"event_id":"x"})")
                                                << int(InputFormat::Ndjson) << 0;
    QTest::newRow("csv with byte-order mark") << QByteArray("\xef\xbb\xbf" "event_id,type") << int(InputFormat::Csv) << 3;
    QTest::newRow("talkingdata") << QByteArray("ip,app,device,os,channel,click_time,attributed_time,is_attributed")
                                 << int(InputFormat::TalkingData) << 0;
    QTest::newRow("talkingdata with stray bytes")
        << QByteArray("..ip,app,device,os,channel,click_time,attributed_time,is_attributed") << int(InputFormat::TalkingData)
        << 2;
    QTest::newRow("prefix too long") << QByteArray(20, '.') + "event_id,type" << -1 << 0;
    QTest::newRow("unknown header") << QByteArray("time,value") << -1 << 0;
}

void IngestTest::formatDetection()
{
    QFETCH(QByteArray, firstLine);
    QFETCH(int, format);
    QFETCH(int, prefix);
    const auto detected = detectFormat(firstLine.toStdString());
    if (format < 0) {
        QVERIFY(!detected);
        return;
    }
    QVERIFY(detected);
    QCOMPARE(int(detected->format), format);
    QCOMPARE(int(detected->prefixBytes), prefix);
}

void IngestTest::lineReaderSkipsLongLines()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/lines.txt").toStdString();
    {
        std::ofstream out(path);
        out << "short 1\n" << std::string(5000, 'x') << "\nshort 3\n" << std::string(300, 'y') << "\nlast without newline";
    }
    ParseLimits limits;
    limits.maxLineBytes = 1000;
    LineReader reader(path, limits, 1024);
    std::vector<std::string> lines;
    std::vector<std::uint64_t> tooLong;
    std::uint64_t counted = 0;
    LineChunk chunk;
    while (reader.next(chunk)) {
        std::string_view data(chunk.data.data(), chunk.length);
        std::size_t start = 0;
        while (start < data.size()) {
            const std::size_t end = data.find('\n', start);
            lines.emplace_back(data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
            start = end == std::string_view::npos ? data.size() : end + 1;
        }
        tooLong.insert(tooLong.end(), chunk.tooLongLines.begin(), chunk.tooLongLines.end());
        counted += chunk.lineCount;
        QVERIFY(chunk.data.size() >= chunk.length + kParsePadding);
    }
    QCOMPARE(counted, std::uint64_t(5));
    QCOMPARE(tooLong, std::vector<std::uint64_t>{2});
    QCOMPARE(lines.size(), std::size_t(4));
    QCOMPARE(lines[0], std::string("short 1"));
    QCOMPARE(lines[1], std::string("short 3"));
    QCOMPARE(lines[2], std::string(300, 'y'));
    QCOMPARE(lines[3], std::string("last without newline"));
}

void IngestTest::lineReaderErrors()
{
    QTemporaryDir dir;
    try {
        LineReader reader((dir.path() + "/missing.ndjson").toStdString(), ParseLimits{});
        QFAIL("a missing file was opened");
    } catch (const std::runtime_error& error) {
        QVERIFY(QString::fromUtf8(error.what()).contains("missing.ndjson"));
        QVERIFY(QString::fromUtf8(error.what()).contains("No such file"));
    }
    try {
        LineReader reader(dir.path().toStdString(), ParseLimits{});
        QFAIL("a directory was opened");
    } catch (const std::runtime_error& error) {
        QVERIFY(QString::fromUtf8(error.what()).contains("directory"));
    }
}

QTEST_GUILESS_MAIN(IngestTest)
#include "tst_ingest.moc"
