// Unit tests of the PromQL subset: lexer and parser (valid expressions and
// errors with their position), the series notation of rule fixtures, the
// in-memory series store and the evaluator against hand-computed values.

#include "promql/evaluator.h"
#include "promql/lexer.h"
#include "promql/memoryseriessource.h"
#include "promql/parser.h"
#include "promql/seriesnotation.h"

#include <QtTest>

#include <cmath>

using namespace umg::promql;

namespace {

constexpr int kMinute = 60'000;

// Loads "name{labels} values" lines, one sample per minute from time 0.
void loadSeries(MemorySeriesSource& source, const QStringList& lines)
{
    for (const QString& line : lines) {
        std::string text = line.toStdString();
        std::size_t split = text.find('}') != std::string::npos ? text.find('}') + 1 : text.find(' ');
        Labels labels = parseSeriesLabels(text.substr(0, split));
        std::vector<std::optional<double>> values = expandSeriesValues(text.substr(split));
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i])
                source.append(labels, static_cast<std::int64_t>(i) * kMinute, *values[i]);
        }
    }
}

// Formats a result as sorted "labels value" lines, or one "scalar value" line.
QStringList describe(const Value& value)
{
    QStringList lines;
    if (const double* scalar = std::get_if<double>(&value)) {
        lines << QStringLiteral("scalar %1").arg(*scalar, 0, 'g', 17);
    } else if (const InstantVector* vector = std::get_if<InstantVector>(&value)) {
        for (const VectorSample& sample : *vector)
            lines << QString::fromStdString(sample.labels.toString()) + " " + QString::number(sample.value, 'g', 17);
    }
    lines.sort();
    return lines;
}

bool sameValue(const QString& actual, const QString& expected)
{
    double a = actual.toDouble();
    double e = expected.toDouble();
    if (expected.compare(QStringLiteral("NaN"), Qt::CaseInsensitive) == 0)
        return std::isnan(a) || actual.compare(QStringLiteral("nan"), Qt::CaseInsensitive) == 0;
    if (a == e)
        return true; // also covers infinities
    return std::fabs(a - e) <= 1e-9 * std::max(1.0, std::fabs(e));
}

// Compares "labels value" lines, the values with a relative tolerance of 1e-9.
void compareResults(const QStringList& actual, const QStringList& expected)
{
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QVERIFY2(actual.size() == sortedExpected.size(),
             qPrintable("got [" + actual.join("; ") + "], expected [" + sortedExpected.join("; ") + "]"));
    for (int i = 0; i < actual.size(); ++i) {
        int actualSplit = actual[i].lastIndexOf(' ');
        int expectedSplit = sortedExpected[i].lastIndexOf(' ');
        QCOMPARE(actual[i].left(actualSplit), sortedExpected[i].left(expectedSplit));
        QVERIFY2(sameValue(actual[i].mid(actualSplit + 1), sortedExpected[i].mid(expectedSplit + 1)),
                 qPrintable("got " + actual[i] + ", expected " + sortedExpected[i]));
    }
}

} // namespace

class PromqlTest : public QObject {
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void parseErrorOnLaterLine();

    void seriesNotation_data();
    void seriesNotation();
    void seriesNotationRejectsGarbage();

    void memorySourceKeepsTimeOrder();
    void memorySourceRemovesOldSamples();
    void regexMatcherIsAnchored();

    void scalarArithmetic_data();
    void scalarArithmetic();
    void evaluate_data();
    void evaluate();
    void evaluationErrors_data();
    void evaluationErrors();
};

// --- parser -------------------------------------------------------------------

void PromqlTest::parseValid_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("metric name") << "up" << "up";
    QTest::newRow("all matcher types")
        << R"(http{job="api",code=~"5..",path!~"/internal.*",method!="GET"})"
        << R"(http{job="api", code=~"5..", path!~"/internal.*", method!="GET"})";
    QTest::newRow("name as matcher") << R"({__name__="up",job="a"})" << R"({__name__="up", job="a"})";
    QTest::newRow("trailing comma in matchers") << R"(up{job="a",})" << R"(up{job="a"})";
    QTest::newRow("single-quoted and raw strings") << R"(up{a='x"y',b=`c\d`})" << R"(up{a="x\"y", b="c\\d"})";
    QTest::newRow("string escapes") << R"(up{a="tab\there\x41\u00e9"})" << "up{a=\"tab\there\x41\xc3\xa9\"}";
    QTest::newRow("range selector with offset") << "rate(x[5m] offset 1h)" << "rate(x[5m] offset 1h)";
    QTest::newRow("compound duration") << "avg_over_time(x[1h30m])" << "avg_over_time(x[1h30m])";
    QTest::newRow("instant offset") << "x offset 90s" << "x offset 1m30s";
    QTest::newRow("grouping after the argument") << "sum(x) by (a, b)" << "sum by (a, b) (x)";
    QTest::newRow("without") << "avg without (instance) (x)" << "avg without (instance) (x)";
    QTest::newRow("keywords ignore case") << "SUM BY (a) (x) AND ON (a) y" << "sum by (a) (x) and on (a) y";
    QTest::newRow("bool modifier") << "x > bool 1" << "x > bool 1";
    QTest::newRow("group_left with labels") << "a / on (job) group_left (version) b"
                                            << "a / on (job) group_left (version) b";
    QTest::newRow("group_right without labels") << "a * ignoring (code) group_right b"
                                                << "a * ignoring (code) group_right () b";
    QTest::newRow("numbers") << "1.5e3 + .5 + 0x1f" << "1500 + 0.5 + 31";
    QTest::newRow("infinity and NaN") << "x > Inf or x < -inf or x != nan" << "x > +Inf or x < -+Inf or x != NaN";
    QTest::newRow("comment") << "up # the scrape health" << "up";
    QTest::newRow("nested call") << "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))"
                                 << "histogram_quantile(0.95, sum by (le) (rate(h_bucket[5m])))";
    QTest::newRow("parentheses kept") << "(a + b) * c" << "(a + b) * c";
    QTest::newRow("metric name with colon") << "job:requests:rate5m" << "job:requests:rate5m";
    QTest::newRow("keyword as label name") << R"(x{on="1",by="2"})" << R"(x{on="1", by="2"})";
}

void PromqlTest::parseValid()
{
    QFETCH(QString, expression);
    QFETCH(QString, formatted);

    ExprPtr expr = parseExpression(expression.toStdString());
    QCOMPARE(QString::fromStdString(expr->toString()), formatted);

    // The formatted text must parse back to the same text.
    ExprPtr again = parseExpression(expr->toString());
    QCOMPARE(QString::fromStdString(again->toString()), formatted);
}

void PromqlTest::parseInvalid_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("message");

    QTest::newRow("unclosed aggregation") << "sum(rate(x[5m])" << 16 << "end of input" << "expected \")\"";
    QTest::newRow("unknown function") << "rat(x[5m])" << 1 << "rat" << "unknown or unsupported function";
    QTest::newRow("instant vector for rate") << "rate(x)" << 6 << "x" << "expected type range vector";
    QTest::newRow("range vector for abs") << "abs(x[5m])" << 5 << "x" << "expected type instant vector";
    QTest::newRow("wrong argument count") << "clamp_min(x)" << 12 << ")" << "expects 2 argument(s), got 1";
    QTest::newRow("scalar comparison without bool") << "1 > 2" << 3 << ">" << "must use the bool modifier";
    QTest::newRow("bool on arithmetic") << "x + bool y" << 5 << "bool" << "comparison operators";
    QTest::newRow("invalid duration") << "x[5x]" << 3 << "5x" << "invalid number or duration";
    QTest::newRow("only empty matchers") << R"({job=""})" << 1 << "{" << "at least one matcher";
    QTest::newRow("subquery") << "rate(x[5m:1m])" << 10 << ":" << "subqueries are not supported";
    QTest::newRow("missing label value") << "x{job=}" << 7 << "}" << "expected string as the label value";
    QTest::newRow("invalid regex") << R"(x{a=~"("})" << 6 << "\"(\"" << "invalid regular expression";
    QTest::newRow("trailing tokens") << "x y" << 3 << "y" << "after the end of the expression";
    QTest::newRow("unterminated string") << R"(x{a="b})" << 5 << "\"b}" << "unterminated string";
    QTest::newRow("set operator with scalar") << "x and 1" << 3 << "and" << "instant vectors on both sides";
    QTest::newRow("group_left without on") << "a / group_left b" << 5 << "group_left" << "on (...) or ignoring";
    QTest::newRow("unsupported aggregation") << "topk(3, x)" << 1 << "topk" << "not supported";
    QTest::newRow("at modifier") << "x @ 100" << 3 << "@" << "@ modifier is not supported";
    QTest::newRow("negative offset") << "x offset -5m" << 10 << "-" << "negative offsets";
    QTest::newRow("range on a call") << "abs(x)[5m]" << 7 << "[" << "only allowed after a metric selector";
    QTest::newRow("duration as expression") << "5m" << 1 << "5m" << "unexpected duration";
    QTest::newRow("unknown character") << "x $ y" << 3 << "$" << "unexpected character";
    QTest::newRow("string in arithmetic") << R"(x + "a")" << 5 << "\"a\"" << "only scalar and instant vector";
}

void PromqlTest::parseInvalid()
{
    QFETCH(QString, expression);
    QFETCH(int, column);
    QFETCH(QString, token);
    QFETCH(QString, message);

    try {
        parseExpression(expression.toStdString());
        QFAIL("expected a parse error");
    } catch (const ParseError& error) {
        QCOMPARE(static_cast<int>(error.line()), 1);
        QCOMPARE(static_cast<int>(error.column()), column);
        QCOMPARE(QString::fromStdString(error.token()), token);
        QVERIFY2(QString::fromStdString(error.message()).contains(message), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("column %1").arg(column)), error.what());
    }
}

void PromqlTest::parseErrorOnLaterLine()
{
    try {
        parseExpression("sum(\n  x +\n)");
        QFAIL("expected a parse error");
    } catch (const ParseError& error) {
        QCOMPARE(static_cast<int>(error.line()), 3);
        QCOMPARE(static_cast<int>(error.column()), 1);
        QCOMPARE(QString::fromStdString(error.token()), QStringLiteral(")"));
        QVERIFY2(QString::fromUtf8(error.what()).startsWith("parse error at line 3, column 1 near \")\""), error.what());
    }
}

// --- series notation and the in-memory store ---------------------------------

void PromqlTest::seriesNotation_data()
{
    QTest::addColumn<QString>("notation");
    QTest::addColumn<QString>("expanded");

    QTest::newRow("increasing") << "0+10x3" << "0 10 20 30";
    QTest::newRow("decreasing") << "1-2x2" << "1 -1 -3";
    QTest::newRow("repeated") << "7x2" << "7 7 7";
    QTest::newRow("gaps") << "_ 1 _x2 2" << "_ 1 _ _ 2";
    QTest::newRow("fractional steps add up") << "0+0.1x3" << "0 0.1 0.2 0.30000000000000004";
    QTest::newRow("exponent and sign") << "1e3 -2.5 +4" << "1000 -2.5 4";
    QTest::newRow("stale marker") << "1 stale" << "1 stale";
    QTest::newRow("infinity") << "Inf -Inf" << "inf -inf";
}

void PromqlTest::seriesNotation()
{
    QFETCH(QString, notation);
    QFETCH(QString, expanded);

    QStringList parts;
    for (const std::optional<double>& value : expandSeriesValues(notation.toStdString())) {
        if (!value)
            parts << "_";
        else if (isStaleMarker(*value))
            parts << "stale";
        else
            parts << QString::number(*value, 'g', QLocale::FloatingPointShortest);
    }
    QCOMPARE(parts.join(' '), expanded);
}

void PromqlTest::seriesNotationRejectsGarbage()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, expandSeriesValues("1 abc"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, expandSeriesValues("1+2"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, expandSeriesValues("_x"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseSeriesLabels(R"(up{job=~"a"})"));
}

void PromqlTest::memorySourceKeepsTimeOrder()
{
    MemorySeriesSource source;
    Labels labels{{"__name__", "g"}, {"job", "a"}};
    source.append(labels, 3000, 3);
    source.append(labels, 1000, 1);
    source.append(labels, 2000, 2);
    source.append(labels, 2000, 20); // replaces the sample at 2000

    std::vector<Series> series = source.select({LabelMatcher(MatchType::Equal, "__name__", "g")}, 0, 10000);
    QCOMPARE(series.size(), std::size_t(1));
    std::vector<Sample> expected{{1000, 1}, {2000, 20}, {3000, 3}};
    QVERIFY(series[0].samples == expected);

    std::vector<Series> window = source.select({LabelMatcher(MatchType::Equal, "job", "a")}, 2000, 2999);
    QCOMPARE(window.size(), std::size_t(1));
    QCOMPARE(window[0].samples.size(), std::size_t(1));
    QCOMPARE(window[0].samples[0].timestampMs, std::int64_t(2000));
}

void PromqlTest::memorySourceRemovesOldSamples()
{
    MemorySeriesSource source;
    source.append(Labels{{"__name__", "old"}}, 1000, 1);
    source.append(Labels{{"__name__", "new"}}, 1000, 1);
    source.append(Labels{{"__name__", "new"}}, 5000, 2);

    source.removeBefore(2000);
    QCOMPARE(source.seriesCount(), std::size_t(1));
    std::vector<Series> series = source.select({LabelMatcher(MatchType::Equal, "__name__", "new")}, 0, 10000);
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series[0].samples.size(), std::size_t(1));
}

void PromqlTest::regexMatcherIsAnchored()
{
    LabelMatcher matcher(MatchType::RegexMatch, "code", "5..");
    QVERIFY(matcher.matches(std::string_view("503")));
    QVERIFY(!matcher.matches(std::string_view("1503")));
    QVERIFY(!matcher.matches(std::string_view("5030")));

    LabelMatcher notEqual(MatchType::NotEqual, "job", "a");
    QVERIFY(notEqual.matches(Labels{{"__name__", "x"}})); // an absent label counts as empty
    LabelMatcher emptyEqual(MatchType::Equal, "job", "");
    QVERIFY(emptyEqual.matches(Labels{{"__name__", "x"}}));
}

// --- evaluation ---------------------------------------------------------------

void PromqlTest::scalarArithmetic_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("expected");

    QTest::newRow("multiplication before addition") << "1 + 2 * 3" << 7.0;
    QTest::newRow("parentheses") << "(1 + 2) * 3" << 9.0;
    QTest::newRow("subtraction is left-associative") << "10 - 4 - 3" << 3.0;
    QTest::newRow("power is right-associative") << "2 ^ 3 ^ 2" << 512.0;
    QTest::newRow("unary minus binds looser than power") << "-2 ^ 2" << -4.0;
    QTest::newRow("power of negative exponent") << "2 ^ -1" << 0.5;
    QTest::newRow("modulo") << "7 % 3" << 1.0;
    QTest::newRow("comparison with bool") << "2 > bool 1" << 1.0;
    QTest::newRow("comparison binds looser than addition") << "1 + 1 == bool 2" << 1.0;
    QTest::newRow("division by zero") << "1 / 0" << std::numeric_limits<double>::infinity();
}

void PromqlTest::scalarArithmetic()
{
    QFETCH(QString, expression);
    QFETCH(double, expected);

    MemorySeriesSource source;
    Value value = evaluateQuery(source, expression.toStdString(), 0);
    QVERIFY(std::holds_alternative<double>(value));
    QCOMPARE(std::get<double>(value), expected);
}

void PromqlTest::evaluate_data()
{
    QTest::addColumn<QStringList>("series");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("timeMs");
    QTest::addColumn<QStringList>("expected");

    const QStringList counter{R"(c{job="a"} 0+60x10)"};

    // rate() and increase(): extrapolation to the window edges.
    QTest::newRow("rate over a full window") << counter << "rate(c[5m])" << 10 * kMinute << QStringList{R"({job="a"} 1)"};
    // Samples at 4m..6m in [3m, 8m]: the start is 60 s away (< 1.1 intervals)
    // and extrapolated fully, the end 120 s away and extrapolated by half an
    // interval: 120 * (120 + 60 + 30) / 120 / 300 = 0.7.
    QTest::newRow("rate extrapolation stops short of a far edge")
        << QStringList{R"(c{job="a"} _x4 100 160 220)"} << "rate(c[5m])" << 8 * kMinute << QStringList{R"({job="a"} 0.7)"};
    // Samples 10..310 at 2m..7m in [-3m, 7m]: extrapolating back would pass
    // zero after 10 s, so the start moves only 10 s: 300 * 310 / 300 = 310.
    QTest::newRow("increase stops at the counter's zero point")
        << QStringList{R"(c{job="a"} _x2 10+60x5)"} << "increase(c[10m])" << 7 * kMinute << QStringList{R"({job="a"} 310)"};
    QTest::newRow("rate stops at the counter's zero point")
        << QStringList{R"(c{job="a"} _x2 10+60x5)"} << "rate(c[10m])" << 7 * kMinute
        << QStringList{R"({job="a"} 0.51666666666666667)"};
    // 0 10 20 5 15: the drop from 20 to 5 is a reset, so 20 is added back.
    QTest::newRow("increase across a counter reset")
        << QStringList{R"(c{job="a"} 0 10 20 5 15)"} << "increase(c[4m])" << 4 * kMinute << QStringList{R"({job="a"} 35)"};
    QTest::newRow("irate from the last two samples")
        << QStringList{R"(c{job="a"} 0 10 20 5 15)"} << "irate(c[5m])" << 4 * kMinute
        << QStringList{R"({job="a"} 0.16666666666666667)"};
    QTest::newRow("irate after a reset")
        << QStringList{R"(c{job="a"} 0 10 20 5 15)"} << "irate(c[5m])" << 3 * kMinute
        << QStringList{R"({job="a"} 0.083333333333333333)"};
    QTest::newRow("rate needs two samples") << QStringList{R"(c{job="a"} 5)"} << "rate(c[5m])" << kMinute << QStringList{};
    // Gauge 20 5 30 at 1m..3m in [1m, 4m]: the end is 60 s away: 10 * 180 / 120.
    QTest::newRow("delta extrapolates a gauge")
        << QStringList{R"(g{job="a"} 10 20 5 30)"} << "delta(g[3m])" << 4 * kMinute << QStringList{R"({job="a"} 15)"};
    QTest::newRow("deriv is the least-squares slope")
        << QStringList{R"(g{job="a"} 0 10 20 40)"} << "deriv(g[5m])" << 3 * kMinute
        << QStringList{R"({job="a"} 0.21666666666666667)"};
    QTest::newRow("deriv of a constant") << QStringList{R"(g{job="a"} 4x5)"} << "deriv(g[5m])" << 5 * kMinute
                                         << QStringList{R"({job="a"} 0)"};

    // Functions over time.
    const QStringList gauge{R"(g{job="a"} 1 5 3)"};
    QTest::newRow("avg_over_time") << gauge << "avg_over_time(g[5m])" << 2 * kMinute << QStringList{R"({job="a"} 3)"};
    QTest::newRow("min_over_time") << gauge << "min_over_time(g[5m])" << 2 * kMinute << QStringList{R"({job="a"} 1)"};
    QTest::newRow("max_over_time") << gauge << "max_over_time(g[5m])" << 2 * kMinute << QStringList{R"({job="a"} 5)"};
    QTest::newRow("sum_over_time") << gauge << "sum_over_time(g[5m])" << 2 * kMinute << QStringList{R"({job="a"} 9)"};
    QTest::newRow("count_over_time") << gauge << "count_over_time(g[5m])" << 2 * kMinute << QStringList{R"({job="a"} 3)"};
    QTest::newRow("range window is closed at both ends")
        << gauge << "count_over_time(g[1m])" << 2 * kMinute << QStringList{R"({job="a"} 2)"};

    // Instant selectors: lookback, staleness and offset.
    QTest::newRow("lookback includes exactly 5 minutes")
        << QStringList{"g 1"} << "g" << 5 * kMinute << QStringList{"g{} 1"};
    QTest::newRow("lookback ends after 5 minutes") << QStringList{"g 1"} << "g" << 5 * kMinute + 1 << QStringList{};
    QTest::newRow("staleness marker ends a series") << QStringList{"g 1 stale"} << "g" << kMinute << QStringList{};
    QTest::newRow("value before the staleness marker") << QStringList{"g 1 stale"} << "g" << kMinute - 1
                                                       << QStringList{"g{} 1"};
    QTest::newRow("offset") << counter << "c offset 5m" << 10 * kMinute << QStringList{R"(c{job="a"} 300)"};
    QTest::newRow("not-equal matcher matches absent label")
        << QStringList{R"(g{job="a"} 1)", "g 2"} << R"(g{job!="a"})" << 0 << QStringList{"g{} 2"};

    // histogram_quantile().
    const QStringList buckets{R"(h_bucket{le="0.1"} 0+50x10)", R"(h_bucket{le="0.2"} 0+80x10)",
                              R"(h_bucket{le="0.5"} 0+100x10)", R"(h_bucket{le="+Inf"} 0+100x10)"};
    // Rank 90 of 100 lies halfway into the 20 observations of (0.2, 0.5].
    QTest::newRow("histogram_quantile interpolates within the bucket")
        << buckets << "histogram_quantile(0.9, rate(h_bucket[5m]))" << 10 * kMinute << QStringList{"{} 0.35"};
    QTest::newRow("histogram_quantile starts the first bucket at zero")
        << buckets << "histogram_quantile(0.25, rate(h_bucket[5m]))" << 10 * kMinute << QStringList{"{} 0.05"};
    QTest::newRow("histogram_quantile in the +Inf bucket returns the highest finite bound")
        << QStringList{R"(h_bucket{le="0.1"} 50)", R"(h_bucket{le="+Inf"} 100)"}
        << "histogram_quantile(0.9, h_bucket)" << 0 << QStringList{"{} 0.1"};
    QTest::newRow("histogram_quantile without +Inf bucket is NaN")
        << QStringList{R"(h_bucket{le="0.1"} 50)", R"(h_bucket{le="0.2"} 100)"}
        << "histogram_quantile(0.5, h_bucket)" << 0 << QStringList{"{} NaN"};
    // The count 50 at 0.2 is raised to the 60 below it, so rank 50 falls into the first bucket.
    QTest::newRow("histogram_quantile repairs decreasing counts")
        << QStringList{R"(h_bucket{le="0.1"} 60)", R"(h_bucket{le="0.2"} 50)", R"(h_bucket{le="+Inf"} 100)"}
        << "histogram_quantile(0.5, h_bucket)" << 0 << QStringList{"{} 0.083333333333333333"};
    QTest::newRow("histogram_quantile keeps other labels")
        << QStringList{R"(h_bucket{le="1",svc="a"} 100)", R"(h_bucket{le="+Inf",svc="a"} 100)",
                       R"(h_bucket{le="1",svc="b"} 0)", R"(h_bucket{le="+Inf",svc="b"} 100)"}
        << "histogram_quantile(0.5, h_bucket)" << 0 << QStringList{R"({svc="a"} 0.5)", R"({svc="b"} 1)"};
    QTest::newRow("histogram_quantile above 1 is +Inf")
        << QStringList{R"(h_bucket{le="1"} 1)", R"(h_bucket{le="+Inf"} 1)"} << "histogram_quantile(2, h_bucket)" << 0
        << QStringList{"{} inf"};

    // Aggregation.
    const QStringList requests{R"(http{code="200",job="a"} 10)", R"(http{code="500",job="a"} 2)",
                               R"(http{code="200",job="b"} 5)"};
    QTest::newRow("sum by") << requests << "sum by (job) (http)" << 0 << QStringList{R"({job="a"} 12)", R"({job="b"} 5)"};
    QTest::newRow("sum without drops the name") << requests << "sum without (code) (http)" << 0
                                                << QStringList{R"({job="a"} 12)", R"({job="b"} 5)"};
    QTest::newRow("sum of everything") << requests << "sum(http)" << 0 << QStringList{"{} 17"};
    QTest::newRow("avg by") << requests << "avg by (job) (http)" << 0 << QStringList{R"({job="a"} 6)", R"({job="b"} 5)"};
    QTest::newRow("min by") << requests << "min by (code) (http)" << 0 << QStringList{R"({code="200"} 5)", R"({code="500"} 2)"};
    QTest::newRow("max") << requests << "max(http)" << 0 << QStringList{"{} 10"};
    QTest::newRow("count by") << requests << "count by (code) (http)" << 0 << QStringList{R"({code="200"} 2)", R"({code="500"} 1)"};
    QTest::newRow("nested count") << requests << "count(count by (job) (http))" << 0 << QStringList{"{} 2"};

    // Binary operators and vector matching.
    QTest::newRow("one-to-one division drops the name")
        << QStringList{R"(a{x="1"} 10)", R"(b{x="1"} 4)"} << "a / b" << 0 << QStringList{R"({x="1"} 2.5)"};
    QTest::newRow("no partner gives nothing")
        << QStringList{R"(a{x="1"} 10)", R"(b{x="2"} 4)"} << "a / b" << 0 << QStringList{};
    const QStringList errorsAndTotals{R"(errors{code="500",job="a"} 5)", R"(total{job="a"} 100)"};
    QTest::newRow("ignoring") << errorsAndTotals << "errors / ignoring (code) total" << 0 << QStringList{R"({job="a"} 0.05)"};
    QTest::newRow("on") << errorsAndTotals << "errors / on (job) total" << 0 << QStringList{R"({job="a"} 0.05)"};
    QTest::newRow("group_left copies labels from the one side")
        << QStringList{R"(req{job="a",path="/x"} 10)", R"(req{job="a",path="/y"} 30)", R"(info{job="a",version="1.2"} 1)"}
        << "req * on (job) group_left (version) info" << 0
        << QStringList{R"({job="a", path="/x", version="1.2"} 10)", R"({job="a", path="/y", version="1.2"} 30)"};
    QTest::newRow("group_right")
        << QStringList{R"(req{job="a",path="/x"} 10)", R"(req{job="a",path="/y"} 30)", R"(limit{job="a"} 20)"}
        << "limit - on (job) group_right req" << 0
        << QStringList{R"({job="a", path="/x"} 10)", R"({job="a", path="/y"} -10)"};

    // Comparisons filter unless `bool` turns them into 0 and 1.
    const QStringList gauges{R"(m{i="1"} 3)", R"(m{i="2"} 7)"};
    QTest::newRow("comparison filters and keeps the name") << gauges << "m > 5" << 0 << QStringList{R"(m{i="2"} 7)"};
    QTest::newRow("comparison with bool") << gauges << "m > bool 5" << 0 << QStringList{R"({i="1"} 0)", R"({i="2"} 1)"};
    QTest::newRow("scalar on the left keeps the vector value") << gauges << "5 < m" << 0 << QStringList{R"(m{i="2"} 7)"};
    QTest::newRow("vector comparison keeps the left value")
        << QStringList{R"(a{x="1"} 10)", R"(b{x="1"} 4)", R"(a{x="2"} 1)", R"(b{x="2"} 4)"} << "a > b" << 0
        << QStringList{R"(a{x="1"} 10)"};
    QTest::newRow("vector comparison with bool")
        << QStringList{R"(a{x="1"} 10)", R"(b{x="1"} 4)", R"(a{x="2"} 1)", R"(b{x="2"} 4)"} << "a > bool b" << 0
        << QStringList{R"({x="1"} 1)", R"({x="2"} 0)"};
    QTest::newRow("arithmetic with a scalar drops the name") << gauges << "m * 2" << 0
                                                             << QStringList{R"({i="1"} 6)", R"({i="2"} 14)"};

    // Set operators.
    const QStringList sets{R"(a{x="1"} 1)", R"(a{x="2"} 2)", R"(b{x="2"} 20)", R"(b{x="3"} 30)"};
    QTest::newRow("and") << sets << "a and b" << 0 << QStringList{R"(a{x="2"} 2)"};
    QTest::newRow("or") << sets << "a or b" << 0 << QStringList{R"(a{x="1"} 1)", R"(a{x="2"} 2)", R"(b{x="3"} 30)"};
    QTest::newRow("unless") << sets << "a unless b" << 0 << QStringList{R"(a{x="1"} 1)"};
    QTest::newRow("and on nothing") << sets << "a and on () b" << 0 << QStringList{R"(a{x="1"} 1)", R"(a{x="2"} 2)"};

    // Other functions.
    QTest::newRow("absent keeps equality labels")
        << gauges << R"(absent(nope{job="a",env=~"p.*"}))" << 0 << QStringList{R"({job="a"} 1)"};
    QTest::newRow("absent of a present series") << gauges << "absent(m)" << 0 << QStringList{};
    QTest::newRow("vector") << QStringList{} << "vector(3)" << 0 << QStringList{"{} 3"};
    QTest::newRow("scalar of one element") << gauges << R"(scalar(m{i="1"}))" << 0 << QStringList{"scalar 3"};
    QTest::newRow("scalar of two elements is NaN") << gauges << "scalar(m)" << 0 << QStringList{"scalar NaN"};
    QTest::newRow("time") << QStringList{} << "time()" << 90'000 << QStringList{"scalar 90"};
    QTest::newRow("clamp_min") << gauges << "clamp_min(m, 5)" << 0 << QStringList{R"({i="1"} 5)", R"({i="2"} 7)"};
    QTest::newRow("clamp_max") << gauges << "clamp_max(m, 5)" << 0 << QStringList{R"({i="1"} 3)", R"({i="2"} 5)"};
    QTest::newRow("abs") << gauges << "abs(m - 5)" << 0 << QStringList{R"({i="1"} 2)", R"({i="2"} 2)"};
    QTest::newRow("unary minus drops the name") << gauges << "-m" << 0 << QStringList{R"({i="1"} -3)", R"({i="2"} -7)"};
}

void PromqlTest::evaluate()
{
    QFETCH(QStringList, series);
    QFETCH(QString, expression);
    QFETCH(int, timeMs);
    QFETCH(QStringList, expected);

    MemorySeriesSource source;
    loadSeries(source, series);
    Value value = evaluateQuery(source, expression.toStdString(), timeMs);
    compareResults(describe(value), expected);
}

void PromqlTest::evaluationErrors_data()
{
    QTest::addColumn<QStringList>("series");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    QTest::newRow("many-to-many match")
        << QStringList{R"(a{job="x",code="1"} 1)", R"(a{job="x",code="2"} 1)", R"(b{job="x",path="p"} 1)", R"(b{job="x",path="q"} 1)"}
        << "a / on (job) b" << "many-to-many matching not allowed";
    QTest::newRow("one-to-one needs group_left")
        << QStringList{R"(a{job="x",code="1"} 1)", R"(a{job="x",code="2"} 1)", R"(b{job="x"} 1)"}
        << "a / on (job) b" << "many-to-one matching must be explicit";
    QTest::newRow("duplicate labels after dropping the name")
        << QStringList{R"(c{job="x"} 0+1x5)", R"(d{job="x"} 0+1x5)"} << R"(rate({__name__=~"c|d"}[5m]))"
        << "same labelset";
}

void PromqlTest::evaluationErrors()
{
    QFETCH(QStringList, series);
    QFETCH(QString, expression);
    QFETCH(QString, message);

    MemorySeriesSource source;
    loadSeries(source, series);
    try {
        evaluateQuery(source, expression.toStdString(), 5 * kMinute);
        QFAIL("expected an evaluation error");
    } catch (const EvaluationError& error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
    }
}

QTEST_GUILESS_MAIN(PromqlTest)
#include "tst_promql.moc"
