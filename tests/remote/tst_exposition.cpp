// Tests of the Prometheus text exposition parser with untrusted input. They
// cover valid lines, label escapes, HELP and TYPE lines, histograms and
// summaries, each kind of malformed line, the size and sample limits and
// binary garbage. The last ones record parsed samples in a metric history
// with their target's labels.

#include "exposition/scrapetarget.h"
#include "exposition/textparser.h"
#include "history/metrichistory.h"
#include "promql/ast.h"
#include "promql/evaluator.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>

using namespace umg;
using exposition::Problem;

Q_DECLARE_METATYPE(umg::exposition::Problem)

namespace {

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString labelsText(const exposition::Sample &sample)
{
    return toQString(sample.labels.toString());
}

// Returns `lines` copies of a counter line with distinct labels.
std::string manySamples(std::size_t lines)
{
    std::string body;
    body.reserve(lines * 48);
    for (std::size_t i = 0; i < lines; ++i)
        body += "load_total{series=\"" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
    return body;
}

bool isValidName(std::string_view name)
{
    if (name.empty())
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

} // namespace

class TestExposition : public QObject
{
    Q_OBJECT

private slots:
    void validLine_data();
    void validLine();
    void labelEscapes_data();
    void labelEscapes();
    void helpAndTypeLines();
    void histogramSeries();
    void summarySeries();
    void malformedLine_data();
    void malformedLine();
    void problemExcerptsEscapedAndCapped();
    void sampleLimitDropsExtraSamples();
    void hugeBodyRejectedUnparsed();
    void hugeBodyParsedUpToSampleLimit();
    void hugeSingleLineRejected();
    void binaryGarbageNeverCrashes_data();
    void binaryGarbageNeverCrashes();
    void nearMissesNeverCrash();
    void targetLabelsAddedToFamilies();
    void scrapeRecordedIntoHistory();
};

void TestExposition::validLine_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("counter");
    QTest::addColumn<qint64>("timestamp");

    QTest::newRow("counter with labels") << QByteArray("# TYPE a_total counter\na_total{x=\"1\",y=\"2\"} 3\n")
                                         << "a_total{x=\"1\", y=\"2\"}" << 3.0 << true << qint64(-1);
    QTest::newRow("gauge without labels") << QByteArray("# TYPE g gauge\ng 1.5\n") << "g{}" << 1.5 << false << qint64(-1);
    QTest::newRow("untyped total is a counter") << QByteArray("requests_total 7") << "requests_total{}" << 7.0 << true
                                                << qint64(-1);
    QTest::newRow("untyped gauge") << QByteArray("temperature -3.25") << "temperature{}" << -3.25 << false << qint64(-1);
    QTest::newRow("scientific notation") << QByteArray("g 1.5e3") << "g{}" << 1500.0 << false << qint64(-1);
    QTest::newRow("explicit plus sign") << QByteArray("g +2") << "g{}" << 2.0 << false << qint64(-1);
    QTest::newRow("positive infinity") << QByteArray("g +Inf") << "g{}" << qInf() << false << qint64(-1);
    QTest::newRow("negative infinity") << QByteArray("g -Inf") << "g{}" << -qInf() << false << qint64(-1);
    QTest::newRow("timestamp") << QByteArray("g 1 1793534400250") << "g{}" << 1.0 << false << qint64(1793534400250);
    QTest::newRow("negative timestamp") << QByteArray("g 1 -5") << "g{}" << 1.0 << false << qint64(-5);
    QTest::newRow("trailing comma") << QByteArray("g{a=\"b\",} 1") << "g{a=\"b\"}" << 1.0 << false << qint64(-1);
    QTest::newRow("blanks around labels") << QByteArray("g { a = \"b\" , c=\"d\" } 1") << "g{a=\"b\", c=\"d\"}" << 1.0
                                          << false << qint64(-1);
    QTest::newRow("no blank after labels") << QByteArray("g{a=\"b\"}1") << "g{a=\"b\"}" << 1.0 << false << qint64(-1);
    QTest::newRow("tabs and leading blanks") << QByteArray(" \tg\t4\t") << "g{}" << 4.0 << false << qint64(-1);
    QTest::newRow("CRLF line end") << QByteArray("g 5\r\n") << "g{}" << 5.0 << false << qint64(-1);
    QTest::newRow("colons in name") << QByteArray("job:events:rate5m 2") << "job:events:rate5m{}" << 2.0 << false
                                    << qint64(-1);
    QTest::newRow("empty label value dropped") << QByteArray("g{a=\"\",b=\"1\"} 1") << "g{b=\"1\"}" << 1.0 << false
                                               << qint64(-1);
    QTest::newRow("empty labels") << QByteArray("g{} 1") << "g{}" << 1.0 << false << qint64(-1);
    QTest::newRow("comment and blank lines") << QByteArray("# a comment\n\n   \n#\ng 9\n# EOF\n") << "g{}" << 9.0 << false
                                             << qint64(-1);
}

void TestExposition::validLine()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, labels);
    QFETCH(double, value);
    QFETCH(bool, counter);
    QFETCH(qint64, timestamp);

    const exposition::ParseResult result = exposition::parse(body.toStdString());
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(result.samples.size(), 1u);
    const exposition::Sample &sample = result.samples.front();
    QCOMPARE(labelsText(sample), labels);
    QCOMPARE(sample.value, value);
    QCOMPARE(sample.counter, counter);
    QCOMPARE(sample.timestampMs.value_or(-1), timestamp);
}

void TestExposition::labelEscapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("backslash") << QByteArray(R"(g{path="C:\\data"} 1)") << QByteArray(R"(C:\data)");
    QTest::newRow("double quote") << QByteArray(R"(g{path="say \"hi\""} 1)") << QByteArray(R"(say "hi")");
    QTest::newRow("line feed") << QByteArray(R"(g{path="a\nb"} 1)") << QByteArray("a\nb");
    QTest::newRow("escaped backslash before n") << QByteArray(R"(g{path="a\\nb"} 1)") << QByteArray(R"(a\nb)");
    QTest::newRow("braces and commas") << QByteArray(R"(g{path="{a=1},b"} 1)") << QByteArray("{a=1},b");
    QTest::newRow("hash sign") << QByteArray(R"(g{path="# not a comment"} 1)") << QByteArray("# not a comment");
    QTest::newRow("UTF-8") << QByteArray("g{path=\"Gr\xc3\xbc\xc3\x9f\xe2\x82\xac\xf0\x9f\x98\x80\"} 1")
                           << QByteArray("Gr\xc3\xbc\xc3\x9f\xe2\x82\xac\xf0\x9f\x98\x80");
}

void TestExposition::labelEscapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, value);

    const exposition::ParseResult result = exposition::parse(body.toStdString());
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(result.samples.size(), 1u);
    QCOMPARE(QByteArray::fromStdString(std::string(result.samples.front().labels.get("path"))), value);
}

void TestExposition::helpAndTypeLines()
{
    const std::string body = "# HELP events_total Events taken in,\\nby outcome \\\\ status.\n"
                             "# TYPE events_total counter\n"
                             "events_total{status=\"accepted\"} 10\n"
                             "# TYPE queue gauge\n"
                             "# HELP queue Events waiting.\n"
                             "queue 3\n"
                             "# TYPE raw untyped\n"
                             "raw 1\n"
                             "#TYPE tight gauge\n"
                             "tight 2\n";
    const exposition::ParseResult result = exposition::parse(body);
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(result.samples.size(), 4u);
    QCOMPARE(result.families.size(), 4u);

    QCOMPARE(toQString(result.families[0].name), QStringLiteral("events_total"));
    QCOMPARE(result.families[0].type, exposition::MetricType::Counter);
    QCOMPARE(toQString(result.families[0].help), QStringLiteral("Events taken in,\nby outcome \\ status."));
    QCOMPARE(toQString(result.families[1].name), QStringLiteral("queue"));
    QCOMPARE(result.families[1].type, exposition::MetricType::Gauge);
    QCOMPARE(toQString(result.families[1].help), QStringLiteral("Events waiting."));
    QCOMPARE(result.families[2].type, exposition::MetricType::Untyped);
    QCOMPARE(toQString(result.families[3].name), QStringLiteral("tight"));
    QCOMPARE(result.families[3].type, exposition::MetricType::Gauge);

    QVERIFY(result.samples[0].counter);
    QVERIFY(!result.samples[1].counter);
    QVERIFY(!result.samples[2].counter);
}

void TestExposition::histogramSeries()
{
    const std::string body = "# HELP latency_seconds Processing time.\n"
                             "# TYPE latency_seconds histogram\n"
                             "latency_seconds_bucket{le=\"0.005\"} 1\n"
                             "latency_seconds_bucket{le=\"0.10\"} 3\n"
                             "latency_seconds_bucket{le=\"1e0\"} 4\n"
                             "latency_seconds_bucket{le=\"+Inf\"} 5\n"
                             "latency_seconds_sum 0.75\n"
                             "latency_seconds_count 5\n";
    const exposition::ParseResult result = exposition::parse(body);
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(result.samples.size(), 6u);

    QStringList bounds;
    for (const exposition::Sample &sample : result.samples) {
        QVERIFY2(sample.counter, qPrintable(labelsText(sample)));
        if (sample.labels.has("le"))
            bounds << QString::fromStdString(std::string(sample.labels.get("le")));
    }
    QCOMPARE(bounds, QStringList({"0.005", "0.1", "1", "+Inf"}));
    QCOMPARE(toQString(result.samples[4].labels.get("__name__")), QStringLiteral("latency_seconds_sum"));
    QCOMPARE(result.samples[4].value, 0.75);
    QCOMPARE(result.samples[5].value, 5.0);
}

void TestExposition::summarySeries()
{
    const std::string body = "# TYPE rpc_seconds summary\n"
                             "rpc_seconds{quantile=\"0.50\"} 0.2\n"
                             "rpc_seconds{quantile=\"0.99\"} 0.9\n"
                             "rpc_seconds_sum 12\n"
                             "rpc_seconds_count 40\n"
                             "rpc_seconds_bucket{le=\"1\"} 3\n";
    const exposition::ParseResult result = exposition::parse(body);
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(result.samples.size(), 5u);
    QCOMPARE(toQString(result.samples[0].labels.get("quantile")), QStringLiteral("0.5"));
    QVERIFY(!result.samples[0].counter);
    QVERIFY(result.samples[2].counter);
    QVERIFY(result.samples[3].counter);
    // A summary has no buckets, so this is a series of its own, untyped.
    QCOMPARE(toQString(result.samples[4].labels.get("le")), QStringLiteral("1"));
}

void TestExposition::malformedLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Problem>("problem");

    QTest::newRow("name starts with digit") << QByteArray("1abc 1") << Problem::InvalidMetricName;
    QTest::newRow("hyphen in name") << QByteArray("a-b 1") << Problem::InvalidMetricName;
    QTest::newRow("label list without name") << QByteArray("{a=\"1\"} 1") << Problem::InvalidMetricName;
    QTest::newRow("hyphen in label name") << QByteArray("m{a-b=\"1\"} 1") << Problem::InvalidLabelName;
    QTest::newRow("label name starts with digit") << QByteArray("m{1a=\"1\"} 1") << Problem::InvalidLabelName;
    QTest::newRow("reserved label name") << QByteArray("m{__name__=\"x\"} 1") << Problem::InvalidLabelName;
    QTest::newRow("missing equals sign") << QByteArray("m{a \"1\"} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("unquoted label value") << QByteArray("m{a=1} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("single-quoted label value") << QByteArray("m{a='1'} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("unterminated label value") << QByteArray("m{a=\"1} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("missing closing brace") << QByteArray("m{a=\"1\" 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("missing comma") << QByteArray("m{a=\"1\" b=\"2\"} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("double comma") << QByteArray("m{a=\"1\",,b=\"2\"} 1") << Problem::InvalidLabelSyntax;
    QTest::newRow("line ends in label list") << QByteArray("m{a=\"1\",") << Problem::InvalidLabelSyntax;
    QTest::newRow("tab escape") << QByteArray("m{a=\"\\t\"} 1") << Problem::InvalidEscape;
    QTest::newRow("unicode escape") << QByteArray("m{a=\"\\u00e9\"} 1") << Problem::InvalidEscape;
    QTest::newRow("backslash at line end") << QByteArray("m{a=\"\\") << Problem::InvalidEscape;
    QTest::newRow("invalid UTF-8 byte") << QByteArray("m{a=\"\xff\"} 1") << Problem::InvalidUtf8;
    QTest::newRow("overlong UTF-8") << QByteArray("m{a=\"\xc0\xaf\"} 1") << Problem::InvalidUtf8;
    QTest::newRow("UTF-8 surrogate") << QByteArray("m{a=\"\xed\xa0\x80\"} 1") << Problem::InvalidUtf8;
    QTest::newRow("truncated UTF-8") << QByteArray("m{a=\"\xe2\x82\"} 1") << Problem::InvalidUtf8;
    QTest::newRow("duplicate label") << QByteArray("m{a=\"1\",a=\"2\"} 1") << Problem::DuplicateLabel;
    QTest::newRow("missing value") << QByteArray("m{a=\"1\"}") << Problem::MissingValue;
    QTest::newRow("name only") << QByteArray("m") << Problem::MissingValue;
    QTest::newRow("word as value") << QByteArray("m abc") << Problem::InvalidValue;
    QTest::newRow("hexadecimal value") << QByteArray("m 0x10") << Problem::InvalidValue;
    QTest::newRow("decimal comma") << QByteArray("m 1,5") << Problem::InvalidValue;
    QTest::newRow("signed NaN") << QByteArray("m -NaN") << Problem::InvalidValue;
    QTest::newRow("value out of range") << QByteArray("m 1e999") << Problem::InvalidValue;
    QTest::newRow("fractional timestamp") << QByteArray("m 1 1.5") << Problem::InvalidTimestamp;
    QTest::newRow("timestamp out of range") << QByteArray("m 1 99999999999999999999") << Problem::InvalidTimestamp;
    QTest::newRow("trailing characters") << QByteArray("m 1 2 3") << Problem::TrailingCharacters;
    QTest::newRow("NUL byte") << QByteArray("m\0 1", 4) << Problem::InvalidCharacter;
    QTest::newRow("duplicate series") << QByteArray("before 3") << Problem::DuplicateSeries;
    QTest::newRow("unknown type") << QByteArray("# TYPE m gaugehistogram") << Problem::InvalidTypeLine;
    QTest::newRow("type without name") << QByteArray("# TYPE") << Problem::InvalidTypeLine;
    QTest::newRow("type with extra word") << QByteArray("# TYPE m gauge extra") << Problem::InvalidTypeLine;
    QTest::newRow("type after samples") << QByteArray("# TYPE before gauge") << Problem::DuplicateType;
    QTest::newRow("second type line") << QByteArray("# TYPE h summary") << Problem::DuplicateType;
    QTest::newRow("help with invalid name") << QByteArray("# HELP 1x Some text.") << Problem::InvalidHelpLine;
    QTest::newRow("non-numeric le") << QByteArray("h_bucket{le=\"high\"} 1") << Problem::InvalidBoundary;
    QTest::newRow("line too long") << ("m{a=\"" + QByteArray(70 * 1024, 'x') + "\"} 1") << Problem::LineTooLong;

    QByteArray manyLabels = "m{";
    for (int i = 0; i < 65; ++i)
        manyLabels += "l" + QByteArray::number(i) + "=\"v\",";
    manyLabels += "} 1";
    QTest::newRow("too many labels") << manyLabels << Problem::TooManyLabels;
}

// Every malformed line sits between two valid ones, which must still be read.
void TestExposition::malformedLine()
{
    QFETCH(QByteArray, line);
    QFETCH(Problem, problem);

    const std::string body = "before 1\n# TYPE h histogram\n" + line.toStdString() + "\nafter 2\n";
    const exposition::ParseResult result = exposition::parse(body);
    QCOMPARE(result.count(problem), 1u);
    QCOMPARE(result.rejectedLines(), 1u);
    QCOMPARE(result.samples.size(), 2u);
    QCOMPARE(toQString(result.samples[0].labels.get("__name__")), QStringLiteral("before"));
    QCOMPARE(toQString(result.samples[1].labels.get("__name__")), QStringLiteral("after"));
    QCOMPARE(result.problems.size(), 1u);
    QCOMPARE(result.problems[0].line, 3u);
    QCOMPARE(result.problems[0].problem, problem);
    QCOMPARE(result.lines, 4u);
}

void TestExposition::problemExcerptsEscapedAndCapped()
{
    std::string body = "bad\x01\xff value\n";
    for (int i = 0; i < 30; ++i)
        body += "m{" + std::string(100, 'a') + "\n";
    exposition::ParseLimits limits;
    limits.maxListedProblems = 5;
    const exposition::ParseResult result = exposition::parse(body, limits);

    QCOMPARE(result.rejectedLines(), 31u);
    QCOMPARE(result.problems.size(), 5u);
    QCOMPARE(toQString(result.problems[0].excerpt), QStringLiteral("bad\\x01\\xff value"));
    QCOMPARE(result.problems[1].excerpt.size(), 83u);
    QVERIFY(result.problems[1].excerpt.ends_with("..."));
    QCOMPARE(toQString(exposition::problemName(result.problems[1].problem)), QStringLiteral("invalid_label_syntax"));
}

void TestExposition::sampleLimitDropsExtraSamples()
{
    exposition::ParseLimits limits;
    limits.maxSamples = 10;
    const exposition::ParseResult result = exposition::parse(manySamples(25), limits);
    QCOMPARE(result.samples.size(), 10u);
    QCOMPARE(result.droppedSamples, 15u);
    QCOMPARE(result.rejectedLines(), 0u);
    QCOMPARE(toQString(result.samples.back().labels.get("series")), QStringLiteral("9"));
}

void TestExposition::hugeBodyRejectedUnparsed()
{
    const std::string body = manySamples(1'600'000);
    QVERIFY(body.size() > 50'000'000);
    const exposition::ParseResult result = exposition::parse(body);
    QVERIFY(result.bodyTooLarge);
    QCOMPARE(result.lines, 0u);
    QVERIFY(result.samples.empty());
}

void TestExposition::hugeBodyParsedUpToSampleLimit()
{
    const std::string body = manySamples(1'600'000);
    QVERIFY(body.size() > 50'000'000);
    exposition::ParseLimits limits;
    limits.maxBodyBytes = 64 * 1024 * 1024;
    const exposition::ParseResult result = exposition::parse(body, limits);
    QVERIFY(!result.bodyTooLarge);
    QCOMPARE(result.lines, 1'600'000u);
    QCOMPARE(result.samples.size(), limits.maxSamples);
    QCOMPARE(result.droppedSamples, 1'600'000u - limits.maxSamples);
}

void TestExposition::hugeSingleLineRejected()
{
    std::string body = "m{a=\"" + std::string(50 * 1024 * 1024, 'x');
    exposition::ParseLimits limits;
    limits.maxBodyBytes = 64 * 1024 * 1024;
    const exposition::ParseResult result = exposition::parse(body, limits);
    QCOMPARE(result.lines, 1u);
    QCOMPARE(result.count(Problem::LineTooLong), 1u);
    QVERIFY(result.samples.empty());
}

void TestExposition::binaryGarbageNeverCrashes_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<quint32>("seed");

    QTest::newRow("1 KiB") << 1024 << 1u;
    QTest::newRow("64 KiB") << 64 * 1024 << 2u;
    QTest::newRow("4 MiB") << 4 * 1024 * 1024 << 3u;
    QTest::newRow("4 MiB other seed") << 4 * 1024 * 1024 << 4u;
}

void TestExposition::binaryGarbageNeverCrashes()
{
    QFETCH(int, size);
    QFETCH(quint32, seed);

    QRandomGenerator random(seed);
    std::string body(std::size_t(size), '\0');
    for (char &c : body)
        c = char(random.bounded(256));
    const exposition::ParseResult result = exposition::parse(body);
    QVERIFY(result.samples.size() + result.rejectedLines() <= result.lines);
    for (const exposition::Sample &sample : result.samples)
        QVERIFY(isValidName(sample.labels.get("__name__")));
}

// Short lines from the format's own characters reach every branch of the
// parser far more often than random bytes.
void TestExposition::nearMissesNeverCrash()
{
    static const char kAlphabet[] = "ab_:1.e+-{}=\",\\n #\t\xc3\xa9\xff";
    QRandomGenerator random(42);
    std::size_t accepted = 0;
    for (int round = 0; round < 20'000; ++round) {
        std::string line;
        const int length = int(random.bounded(1, 24));
        for (int i = 0; i < length; ++i)
            line += kAlphabet[random.bounded(int(sizeof(kAlphabet) - 1))];
        const exposition::ParseResult result = exposition::parse(line);
        QVERIFY(result.samples.size() + result.rejectedLines() <= result.lines);
        for (const exposition::Sample &sample : result.samples) {
            QVERIFY2(isValidName(sample.labels.get("__name__")), line.c_str());
            for (const promql::Label &label : sample.labels)
                QVERIFY2(!label.name.empty(), line.c_str());
        }
        accepted += result.samples.size();
    }
    QVERIFY(accepted > 0);
}

void TestExposition::targetLabelsAddedToFamilies()
{
    const std::string body = "# TYPE events_total counter\n"
                             "events_total{instance=\"inner\",status=\"accepted\"} 10\n"
                             "events_total{status=\"rejected\"} 2\n"
                             "queue 3\n";
    const exposition::ParseResult result = exposition::parse(body);
    const promql::Labels target{{"instance", "127.0.0.1:8080"}, {"job", "unmogrowp"}};
    const std::vector<prometheus::MetricFamily> families = exposition::toMetricFamilies(result.samples, target);

    QCOMPARE(families.size(), 2u);
    QCOMPARE(toQString(families[0].name), QStringLiteral("events_total"));
    QCOMPARE(families[0].type, prometheus::MetricType::Counter);
    QCOMPARE(families[0].metric.size(), 2u);
    QCOMPARE(families[0].metric[0].counter.value, 10.0);
    QCOMPARE(families[1].type, prometheus::MetricType::Gauge);
    QCOMPARE(families[1].metric[0].gauge.value, 3.0);

    const std::vector<prometheus::ClientMetric::Label> expected{
        {"exported_instance", "inner"}, {"status", "accepted"}, {"instance", "127.0.0.1:8080"}, {"job", "unmogrowp"}};
    QVERIFY(families[0].metric[0].label == expected);

    const std::vector<prometheus::MetricFamily> health = exposition::scrapeHealthFamilies(false, 0.25, 4, target);
    QCOMPARE(health.size(), 3u);
    QCOMPARE(toQString(health[0].name), QStringLiteral("up"));
    QCOMPARE(health[0].metric[0].gauge.value, 0.0);
    QCOMPARE(health[2].metric[0].gauge.value, 4.0);
}

// Two targets in one history: PromQL sums them, and a failed scrape marks the
// target's series stale so that its old values drop out of instant queries.
void TestExposition::scrapeRecordedIntoHistory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::int64_t now = 1'793'491'200'000;
    MetricHistoryOptions options;
    options.clock = [&now] { return now; };
    MetricHistory history(dir.filePath("history.db").toStdString(), options);

    const auto scrape = [&history](const std::string &body, const std::string &instance, std::int64_t timeMs) {
        const exposition::ParseResult result = exposition::parse(body);
        const promql::Labels target{{"instance", instance}, {"job", "unmogrowp"}};
        std::vector<prometheus::MetricFamily> families = exposition::toMetricFamilies(result.samples, target);
        for (prometheus::MetricFamily &family : exposition::scrapeHealthFamilies(true, 0.01, result.samples.size(), target))
            families.push_back(std::move(family));
        history.recordScrape(families, timeMs, instance);
    };
    const auto value = [&history, &now](const std::string &query) {
        const promql::Value result = promql::evaluateQuery(history, query, now);
        const auto *vector = std::get_if<promql::InstantVector>(&result);
        return vector && vector->size() == 1 ? vector->front().value : std::nan("");
    };

    const std::string counter = "# TYPE attribution_events_processed_total counter\n";
    scrape(counter + "attribution_events_processed_total{status=\"accepted\"} 100\n", "a:1", now);
    scrape(counter + "attribution_events_processed_total{status=\"accepted\"} 50\n", "b:2", now);
    now += 1000;
    QCOMPARE(value("sum(attribution_events_processed_total)"), 150.0);
    QCOMPARE(value("sum(attribution_events_processed_total{instance=\"b:2\"})"), 50.0);
    QCOMPARE(value("sum(up{job=\"unmogrowp\"})"), 2.0);

    const promql::Labels target{{"instance", "b:2"}, {"job", "unmogrowp"}};
    history.recordScrape(exposition::scrapeHealthFamilies(false, 0, 0, target), now, "b:2");
    now += 1000;
    QCOMPARE(value("sum(attribution_events_processed_total)"), 100.0);
    QCOMPARE(value("up{instance=\"b:2\"}"), 0.0);
}

QTEST_GUILESS_MAIN(TestExposition)
#include "tst_exposition.moc"
