#include "widgets/barchartwidget.h"
#include "widgets/decimation.h"
#include "widgets/funnelwidget.h"
#include "widgets/gaugewidget.h"
#include "widgets/panelframe.h"
#include "widgets/statwidget.h"
#include "widgets/thresholdpolicy.h"
#include "widgets/thresholdtable.h"
#include "widgets/thresholdtablemodel.h"
#include "widgets/timeserieschart.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

using namespace umg;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Counts the pixels of `image` inside `region` (the whole image when empty)
// whose red, green and blue channels each lie within `tolerance` of `color`.
int countColor(const QImage &image, const QColor &color, const QRect &region = QRect(), int tolerance = 10)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    const QRect area = region.isEmpty() ? rgb.rect() : region.intersected(rgb.rect());
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb pixel = line[x];
            if (std::abs(qRed(pixel) - color.red()) <= tolerance && std::abs(qGreen(pixel) - color.green()) <= tolerance
                && std::abs(qBlue(pixel) - color.blue()) <= tolerance)
                ++count;
        }
    }
    return count;
}

int distinctColorCount(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    QSet<QRgb> colors;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            colors.insert(line[x]);
    }
    return int(colors.size());
}

// Shows `widget` at `size`, waits until the window is exposed and returns
// its rendering. Returns a null image when the window never became exposed.
QImage render(QWidget &widget, const QSize &size)
{
    widget.resize(size);
    widget.show();
    if (!QTest::qWaitForWindowExposed(&widget))
        return QImage();
    return widget.grab().toImage();
}

double relativeLuminance(const QColor &color)
{
    auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double lighter = std::max(relativeLuminance(a), relativeLuminance(b));
    const double darker = std::min(relativeLuminance(a), relativeLuminance(b));
    return (lighter + 0.05) / (darker + 0.05);
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    return palette;
}

ThresholdPolicy makePolicy(int direction, double low, double high, double margin)
{
    switch (ThresholdDirection(direction)) {
    case ThresholdDirection::HigherIsBetter:
        return ThresholdPolicy::higherIsBetter(low, margin);
    case ThresholdDirection::LowerIsBetter:
        return ThresholdPolicy::lowerIsBetter(low, margin);
    default:
        return ThresholdPolicy::withinRange(low, high, margin);
    }
}

// Sorted points x = 0, 1, 2, ... with values from `value(i)`.
template <typename Function>
QList<QPointF> makePoints(int count, Function value)
{
    QList<QPointF> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i)
        points.append(QPointF(double(i), value(i)));
    return points;
}

// Column of x within [from, to] split into `columns` equal parts; the last
// column includes `to`.
int columnOf(double x, double from, double to, int columns)
{
    return std::min(int((x - from) / (to - from) * columns), columns - 1);
}

constexpr qint64 kHourMs = 3600 * 1000;
constexpr qint64 kStartMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z

} // namespace

class TestWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void thresholdState_data();
    void thresholdState();
    void thresholdRejectsInvalidArguments_data();
    void thresholdRejectsInvalidArguments();
    void thresholdTargetText_data();
    void thresholdTargetText();
    void paletteContrast_data();
    void paletteContrast();
    void paletteFollowsWindowLightness();

    void decimationKeepsColumnExtremes_data();
    void decimationKeepsColumnExtremes();
    void decimationKeepsFirstAndLast();
    void decimationBoundsOutputSize_data();
    void decimationBoundsOutputSize();
    void decimationEdgeCases_data();
    void decimationEdgeCases();
    void decimationSortsUnsortedInput();
    void decimationSkipsNonFinite();
    void decimationKeepsNeighboursOutsideRange();
    void nearestPointIndex_data();
    void nearestPointIndex();

    void chartRendersSeries();
    void chartElidesLongSeriesName();
    void chartDecimatesToPlotWidth();
    void chartHoverReturnsRawSample();
    void chartHoverPicksNearestSeries();
    void chartReusesLinesForSameSnapshot();
    void chartIgnoresEmptyTimeRange();

    void gaugeColour_data();
    void gaugeColour();
    void statColour_data();
    void statColour();
    void barChartColoursEachBar_data();
    void barChartColoursEachBar();
    void funnelConversions_data();
    void funnelConversions();
    void funnelRendersStages();

    void tableModelPassesTester();
    void tableModelRoles();
    void tableSortsFailuresFirst();
    void tableFiltersByName();
    void tableShowsBreachColour();

    void panelExportWritesPng();
    void panelExportReportsUnwritablePath();
    void panelSuggestedFileName_data();
    void panelSuggestedFileName();
};

void TestWidgets::initTestCase()
{
    // Formatted numbers in the checks below use the US English separators.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestWidgets::thresholdState_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<double>("margin");
    QTest::addColumn<double>("value");
    QTest::addColumn<ThresholdState>("expected");

    const int higher = int(ThresholdDirection::HigherIsBetter);
    const int lower = int(ThresholdDirection::LowerIsBetter);
    const int range = int(ThresholdDirection::WithinRange);

    QTest::newRow("higher: well above") << higher << 95.0 << 95.0 << 2.0 << 99.0 << ThresholdState::Ok;
    QTest::newRow("higher: at target+margin") << higher << 95.0 << 95.0 << 2.0 << 97.0 << ThresholdState::Ok;
    QTest::newRow("higher: inside margin") << higher << 95.0 << 95.0 << 2.0 << 96.5 << ThresholdState::Near;
    QTest::newRow("higher: at target") << higher << 95.0 << 95.0 << 2.0 << 95.0 << ThresholdState::Near;
    QTest::newRow("higher: just below") << higher << 95.0 << 95.0 << 2.0 << 94.99 << ThresholdState::Breach;
    QTest::newRow("higher: zero margin at target") << higher << 95.0 << 95.0 << 0.0 << 95.0 << ThresholdState::Ok;
    QTest::newRow("higher: NaN") << higher << 95.0 << 95.0 << 2.0 << kNaN << ThresholdState::Breach;
    QTest::newRow("higher: infinity") << higher << 95.0 << 95.0 << 2.0 << kInfinity << ThresholdState::Breach;

    QTest::newRow("lower: well below") << lower << 100.0 << 100.0 << 10.0 << 50.0 << ThresholdState::Ok;
    QTest::newRow("lower: at target-margin") << lower << 100.0 << 100.0 << 10.0 << 90.0 << ThresholdState::Ok;
    QTest::newRow("lower: inside margin") << lower << 100.0 << 100.0 << 10.0 << 90.5 << ThresholdState::Near;
    QTest::newRow("lower: at target") << lower << 100.0 << 100.0 << 10.0 << 100.0 << ThresholdState::Near;
    QTest::newRow("lower: just above") << lower << 100.0 << 100.0 << 10.0 << 100.01 << ThresholdState::Breach;
    QTest::newRow("lower: zero margin at target") << lower << 100.0 << 100.0 << 0.0 << 100.0 << ThresholdState::Ok;
    QTest::newRow("lower: negative target") << lower << -5.0 << -5.0 << 1.0 << -4.0 << ThresholdState::Breach;
    QTest::newRow("lower: NaN") << lower << 100.0 << 100.0 << 10.0 << kNaN << ThresholdState::Breach;

    QTest::newRow("range: middle") << range << 30.0 << 50.0 << 2.0 << 40.0 << ThresholdState::Ok;
    QTest::newRow("range: low+margin") << range << 30.0 << 50.0 << 2.0 << 32.0 << ThresholdState::Ok;
    QTest::newRow("range: near low") << range << 30.0 << 50.0 << 2.0 << 31.9 << ThresholdState::Near;
    QTest::newRow("range: at low") << range << 30.0 << 50.0 << 2.0 << 30.0 << ThresholdState::Near;
    QTest::newRow("range: below low") << range << 30.0 << 50.0 << 2.0 << 29.9 << ThresholdState::Breach;
    QTest::newRow("range: high-margin") << range << 30.0 << 50.0 << 2.0 << 48.0 << ThresholdState::Ok;
    QTest::newRow("range: near high") << range << 30.0 << 50.0 << 2.0 << 48.1 << ThresholdState::Near;
    QTest::newRow("range: at high") << range << 30.0 << 50.0 << 2.0 << 50.0 << ThresholdState::Near;
    QTest::newRow("range: above high") << range << 30.0 << 50.0 << 2.0 << 50.1 << ThresholdState::Breach;
    QTest::newRow("range: narrower than margins") << range << 30.0 << 33.0 << 2.0 << 31.5 << ThresholdState::Near;
    QTest::newRow("range: single value") << range << 40.0 << 40.0 << 0.0 << 40.0 << ThresholdState::Ok;
    QTest::newRow("range: NaN") << range << 30.0 << 50.0 << 2.0 << kNaN << ThresholdState::Breach;
}

void TestWidgets::thresholdState()
{
    QFETCH(int, direction);
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(double, margin);
    QFETCH(double, value);
    QFETCH(ThresholdState, expected);

    const ThresholdPolicy policy = makePolicy(direction, low, high, margin);
    QCOMPARE(int(policy.direction()), direction);
    QCOMPARE(policy.evaluate(value), expected);
}

void TestWidgets::thresholdRejectsInvalidArguments_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<double>("margin");

    const int higher = int(ThresholdDirection::HigherIsBetter);
    const int lower = int(ThresholdDirection::LowerIsBetter);
    const int range = int(ThresholdDirection::WithinRange);
    QTest::newRow("NaN target") << higher << kNaN << kNaN << 1.0;
    QTest::newRow("infinite target") << lower << kInfinity << kInfinity << 1.0;
    QTest::newRow("negative margin") << higher << 95.0 << 95.0 << -1.0;
    QTest::newRow("NaN margin") << lower << 95.0 << 95.0 << kNaN;
    QTest::newRow("range low above high") << range << 50.0 << 30.0 << 0.0;
    QTest::newRow("range NaN high") << range << 30.0 << kNaN << 0.0;
}

void TestWidgets::thresholdRejectsInvalidArguments()
{
    QFETCH(int, direction);
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(double, margin);

    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makePolicy(direction, low, high, margin));
}

void TestWidgets::thresholdTargetText_data()
{
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("expected");

    QTest::newRow("higher") << int(ThresholdDirection::HigherIsBetter) << 95.0 << 95.0 << "%" << 1 << "≥ 95.0 %";
    QTest::newRow("lower") << int(ThresholdDirection::LowerIsBetter) << 100.0 << 100.0 << "ms" << 0 << "≤ 100 ms";
    QTest::newRow("range") << int(ThresholdDirection::WithinRange) << 30.0 << 50.0 << "%" << 0 << "30–50 %";
    QTest::newRow("no unit") << int(ThresholdDirection::HigherIsBetter) << 1500.0 << 1500.0 << "" << 0 << "≥ 1,500";
}

void TestWidgets::thresholdTargetText()
{
    QFETCH(int, direction);
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(QString, unit);
    QFETCH(int, decimals);
    QFETCH(QString, expected);

    QCOMPARE(makePolicy(direction, low, high, 0.0).targetText(unit, decimals), expected);
}

void TestWidgets::paletteContrast_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QList<QColor>>("backgrounds");

    QTest::newRow("light set") << false << QList<QColor>{QColor(Qt::white), QColor(0xef, 0xef, 0xef)};
    QList<QColor> greys;
    for (int level = 0x1e; level <= 0x3c; ++level)
        greys.append(QColor(level, level, level));
    QTest::newRow("dark set") << true << greys;
}

void TestWidgets::paletteContrast()
{
    QFETCH(bool, dark);
    QFETCH(QList<QColor>, backgrounds);

    const ThresholdPalette colors = dark ? ThresholdPalette::dark() : ThresholdPalette::light();
    for (const QColor &background : std::as_const(backgrounds)) {
        for (int state = 0; state < int(ThresholdState::Count); ++state) {
            const double ratio = contrastRatio(colors.color(ThresholdState(state)), background);
            QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("state %1 on %2: contrast %3 is below 3:1")
                                                  .arg(state)
                                                  .arg(background.name())
                                                  .arg(ratio)));
        }
    }

    // The three state colours must also differ from each other.
    QVERIFY(colors.color(ThresholdState::Ok) != colors.color(ThresholdState::Near));
    QVERIFY(colors.color(ThresholdState::Near) != colors.color(ThresholdState::Breach));
    QVERIFY(colors.color(ThresholdState::Ok) != colors.color(ThresholdState::Breach));
}

void TestWidgets::paletteFollowsWindowLightness()
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    QVERIFY(!ThresholdPalette::forPalette(light).isDark());
    QCOMPARE(ThresholdPalette::forPalette(light).color(ThresholdState::Breach),
             ThresholdPalette::light().color(ThresholdState::Breach));

    QVERIFY(ThresholdPalette::forPalette(darkPalette()).isDark());
    QCOMPARE(ThresholdPalette::forPalette(darkPalette()).color(ThresholdState::Breach),
             ThresholdPalette::dark().color(ThresholdState::Breach));
    QCOMPARE(ThresholdPalette::forPalette(darkPalette()).neutral(), darkPalette().color(QPalette::Highlight));
}

void TestWidgets::decimationKeepsColumnExtremes_data()
{
    QTest::addColumn<QList<QPointF>>("points");
    QTest::addColumn<int>("columns");

    QRandomGenerator random(42);
    QTest::newRow("random noise") << makePoints(20'000, [&](int) { return random.generateDouble(); }) << 300;
    QTest::newRow("single spike") << makePoints(50'000, [](int i) { return i == 31'337 ? 1000.0 : 1.0; }) << 800;
    QTest::newRow("single dip") << makePoints(50'000, [](int i) { return i == 7 ? -1000.0 : 1.0; }) << 800;
    QTest::newRow("sine with spikes") << makePoints(100'000, [](int i) {
        return std::sin(i / 500.0) + (i % 9973 == 0 ? 5.0 : 0.0);
    }) << 640;
    QTest::newRow("constant") << makePoints(10'000, [](int) { return 3.0; }) << 100;
    QTest::newRow("uneven spacing") << [] {
        QList<QPointF> points;
        double x = 0.0;
        QRandomGenerator random(7);
        for (int i = 0; i < 30'000; ++i) {
            x += random.bounded(1.0) < 0.01 ? 500.0 : random.bounded(2.0);
            points.append(QPointF(x, random.bounded(100.0)));
        }
        return points;
    }() << 500;
}

void TestWidgets::decimationKeepsColumnExtremes()
{
    QFETCH(QList<QPointF>, points);
    QFETCH(int, columns);

    const double from = points.first().x();
    const double to = points.last().x();
    const QList<QPointF> output = decimateMinMax(points, from, to, columns);

    QList<double> expectedMin(columns, kInfinity);
    QList<double> expectedMax(columns, -kInfinity);
    for (const QPointF &point : std::as_const(points)) {
        const int column = columnOf(point.x(), from, to, columns);
        expectedMin[column] = std::min(expectedMin[column], point.y());
        expectedMax[column] = std::max(expectedMax[column], point.y());
    }

    QList<double> keptMin(columns, kInfinity);
    QList<double> keptMax(columns, -kInfinity);
    for (const QPointF &point : output) {
        QVERIFY2(points.contains(point), "decimation returned a point that is not in the input");
        const int column = columnOf(point.x(), from, to, columns);
        keptMin[column] = std::min(keptMin[column], point.y());
        keptMax[column] = std::max(keptMax[column], point.y());
    }

    for (int column = 0; column < columns; ++column) {
        QCOMPARE(keptMin[column], expectedMin[column]);
        QCOMPARE(keptMax[column], expectedMax[column]);
    }
    QVERIFY(std::is_sorted(output.cbegin(), output.cend(),
                           [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); }));
}

void TestWidgets::decimationKeepsFirstAndLast()
{
    const QList<QPointF> points = makePoints(100'000, [](int i) { return std::cos(i / 100.0); });
    const QList<QPointF> output = decimateMinMax(points, 0.0, 99'999.0, 800);

    QVERIFY(!output.isEmpty());
    QCOMPARE(output.first(), points.first());
    QCOMPARE(output.last(), points.last());
}

void TestWidgets::decimationBoundsOutputSize_data()
{
    QTest::addColumn<int>("pointCount");
    QTest::addColumn<int>("columns");
    QTest::addColumn<bool>("keepsAll");

    QTest::newRow("one column") << 100'000 << 1 << false;
    QTest::newRow("narrow panel") << 100'000 << 120 << false;
    QTest::newRow("typical panel") << 600'000 << 800 << false;
    QTest::newRow("full HD width") << 600'000 << 1920 << false;
    QTest::newRow("fewer points than columns") << 500 << 800 << true;
}

void TestWidgets::decimationBoundsOutputSize()
{
    QFETCH(int, pointCount);
    QFETCH(int, columns);
    QFETCH(bool, keepsAll);

    QRandomGenerator random(1);
    const QList<QPointF> points = makePoints(pointCount, [&](int) { return random.generateDouble(); });
    const QList<QPointF> output = decimateMinMax(points, 0.0, pointCount - 1.0, columns);

    QVERIFY2(output.size() <= 4 * qsizetype(columns) + 2,
             qPrintable(QStringLiteral("%1 points for %2 columns").arg(output.size()).arg(columns)));
    if (keepsAll)
        QCOMPARE(output, points);
    else
        QVERIFY(output.size() >= 2 * qsizetype(columns));
}

void TestWidgets::decimationEdgeCases_data()
{
    QTest::addColumn<QList<QPointF>>("points");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<QPointF>>("expected");

    QTest::newRow("empty") << QList<QPointF>() << 0.0 << 10.0 << 100 << QList<QPointF>();
    QTest::newRow("one point") << QList<QPointF>{{5.0, 1.0}} << 0.0 << 10.0 << 100 << QList<QPointF>{{5.0, 1.0}};
    QTest::newRow("one point, no columns") << QList<QPointF>{{5.0, 1.0}} << 0.0 << 10.0 << 0 << QList<QPointF>();
    QTest::newRow("reversed range") << QList<QPointF>{{5.0, 1.0}} << 10.0 << 0.0 << 100 << QList<QPointF>();
    QTest::newRow("NaN range") << QList<QPointF>{{5.0, 1.0}} << kNaN << 10.0 << 100 << QList<QPointF>();
    QTest::newRow("only NaN") << QList<QPointF>{{kNaN, 1.0}, {2.0, kNaN}} << 0.0 << 10.0 << 100 << QList<QPointF>();
    QTest::newRow("zero-width range")
        << QList<QPointF>{{5.0, 2.0}, {5.0, 9.0}, {5.0, -1.0}, {5.0, 4.0}, {5.0, 3.0}} << 5.0 << 5.0 << 100
        << QList<QPointF>{{5.0, 2.0}, {5.0, 9.0}, {5.0, -1.0}, {5.0, 3.0}};
    QTest::newRow("all before range") << QList<QPointF>{{1.0, 1.0}, {2.0, 2.0}} << 5.0 << 10.0 << 10
                                      << QList<QPointF>{{2.0, 2.0}};
    QTest::newRow("all after range") << QList<QPointF>{{11.0, 1.0}, {12.0, 2.0}} << 5.0 << 10.0 << 10
                                     << QList<QPointF>{{11.0, 1.0}};
}

void TestWidgets::decimationEdgeCases()
{
    QFETCH(QList<QPointF>, points);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, columns);
    QFETCH(QList<QPointF>, expected);

    QCOMPARE(decimateMinMax(points, from, to, columns), expected);
}

void TestWidgets::decimationSortsUnsortedInput()
{
    QRandomGenerator random(3);
    const QList<QPointF> sorted = makePoints(20'000, [&](int) { return random.bounded(1000.0); });
    QList<QPointF> shuffled = sorted;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    QVERIFY(shuffled != sorted);

    QCOMPARE(decimateMinMax(shuffled, 0.0, 19'999.0, 200), decimateMinMax(sorted, 0.0, 19'999.0, 200));
    QCOMPARE(finiteSortedPoints(shuffled), sorted);
}

void TestWidgets::decimationSkipsNonFinite()
{
    QList<QPointF> points = makePoints(1000, [](int i) { return double(i % 17); });
    QList<QPointF> dirty = points;
    dirty.insert(10, QPointF(10.5, kNaN));
    dirty.insert(500, QPointF(kNaN, 3.0));
    dirty.insert(700, QPointF(700.5, kInfinity));
    dirty.append(QPointF(-kInfinity, 1.0));

    const QList<QPointF> output = decimateMinMax(dirty, 0.0, 999.0, 50);
    for (const QPointF &point : output) {
        QVERIFY(std::isfinite(point.x()));
        QVERIFY(std::isfinite(point.y()));
    }
    QCOMPARE(output, decimateMinMax(points, 0.0, 999.0, 50));
    QCOMPARE(finiteSortedPoints(dirty), points);
}

void TestWidgets::decimationKeepsNeighboursOutsideRange()
{
    const QList<QPointF> points = makePoints(100, [](int i) { return double(i); });
    const QList<QPointF> output = decimateMinMax(points, 20.0, 80.0, 10);

    QCOMPARE(output.first(), QPointF(19.0, 19.0));
    QCOMPARE(output.last(), QPointF(81.0, 81.0));
    for (qsizetype i = 1; i + 1 < output.size(); ++i) {
        QVERIFY(output[i].x() >= 20.0);
        QVERIFY(output[i].x() <= 80.0);
    }
}

void TestWidgets::nearestPointIndex_data()
{
    QTest::addColumn<QList<QPointF>>("points");
    QTest::addColumn<double>("x");
    QTest::addColumn<qsizetype>("expected");

    const QList<QPointF> points{{0.0, 1.0}, {10.0, 2.0}, {20.0, 3.0}, {30.0, 4.0}};
    QTest::newRow("before first") << points << -5.0 << qsizetype(0);
    QTest::newRow("on first") << points << 0.0 << qsizetype(0);
    QTest::newRow("closer to first") << points << 4.0 << qsizetype(0);
    QTest::newRow("tie goes to earlier") << points << 5.0 << qsizetype(0);
    QTest::newRow("closer to second") << points << 6.0 << qsizetype(1);
    QTest::newRow("exact interior") << points << 20.0 << qsizetype(2);
    QTest::newRow("just before last") << points << 29.0 << qsizetype(3);
    QTest::newRow("after last") << points << 100.0 << qsizetype(3);
    QTest::newRow("NaN") << points << kNaN << qsizetype(-1);
    QTest::newRow("empty") << QList<QPointF>() << 3.0 << qsizetype(-1);
    QTest::newRow("single") << QList<QPointF>{{7.0, 1.0}} << -100.0 << qsizetype(0);
}

void TestWidgets::nearestPointIndex()
{
    QFETCH(QList<QPointF>, points);
    QFETCH(double, x);
    QFETCH(qsizetype, expected);

    QCOMPARE(umg::nearestPointIndex(points, x), expected);
}

void TestWidgets::chartRendersSeries()
{
    TimeSeriesChart chart;
    const QColor lineColor(0xd8, 0x1b, 0x60);
    TimeSeries series{QStringLiteral("p99 latency"), {}, lineColor};
    for (int i = 0; i <= 600; ++i)
        series.points.append(QPointF(double(kStartMs + i * 1000), 50.0 + 20.0 * std::sin(i / 40.0)));
    chart.setSeries({series});
    chart.setTimeRange(kStartMs, kStartMs + 600 * 1000);
    chart.setThresholdPolicy(ThresholdPolicy::lowerIsBetter(65.0, 5.0));
    chart.setUnit(QStringLiteral("ms"));

    const QImage image = render(chart, QSize(800, 300));
    QVERIFY(!image.isNull());
    QTRY_VERIFY(chart.decimationColumns() > 500);
    const QImage settled = chart.grab().toImage();

    QVERIFY2(countColor(settled, lineColor, QRect(), 4) > 300, "the series line is missing");
    QVERIFY(distinctColorCount(settled) > 20);
    QCOMPARE(chart.chart()->series().size(), 3); // the line and the two target lines
}

void TestWidgets::chartElidesLongSeriesName()
{
    TimeSeriesChart chart;
    const QString longName(100'000, QLatin1Char('W'));
    TimeSeries first{longName, {QPointF(double(kStartMs), 1.0), QPointF(double(kStartMs + 60'000), 2.0)}, {}};
    TimeSeries second{QStringLiteral("short"), {QPointF(double(kStartMs), 3.0), QPointF(double(kStartMs + 60'000), 4.0)},
                      {}};
    chart.setSeries({first, second});

    // The stored series keeps the full name; the legend shows an elided one.
    QCOMPARE(chart.series().first().name.size(), longName.size());
    const QList<QLegendMarker *> markers = chart.chart()->legend()->markers();
    QString legendLabel;
    for (const QLegendMarker *marker : markers) {
        if (marker->label().startsWith(QLatin1Char('W')))
            legendLabel = marker->label();
    }
    QVERIFY2(!legendLabel.isEmpty(), "the long series has no legend marker");
    QVERIFY2(legendLabel.size() < 200, qPrintable(QStringLiteral("legend label has %1 characters").arg(legendLabel.size())));
    QVERIFY(legendLabel.endsWith(QChar(0x2026)));

    const QImage image = render(chart, QSize(800, 300));
    QVERIFY(!image.isNull());
    QVERIFY(chart.minimumSizeHint().width() < 2000);
}

void TestWidgets::chartDecimatesToPlotWidth()
{
    TimeSeriesChart chart;
    const qint64 sevenDaysMs = 7 * 24 * kHourMs;
    const int sampleCount = 600'000;
    TimeSeries series{QStringLiteral("installs/s"), {}, QColor()};
    series.points.reserve(sampleCount);
    for (int i = 0; i < sampleCount; ++i) {
        const double value = i == 123'456 ? 5000.0 : 100.0 + 10.0 * std::sin(i / 3000.0);
        series.points.append(QPointF(double(kStartMs + qint64(i) * sevenDaysMs / sampleCount), value));
    }
    chart.setTimeRange(kStartMs, kStartMs + sevenDaysMs);
    chart.setSeries({series});

    QVERIFY(!render(chart, QSize(800, 300)).isNull());
    QTRY_VERIFY(chart.decimationColumns() > 500);
    const int wideColumns = chart.decimationColumns();
    QVERIFY(chart.drawnPointCount() <= 4 * wideColumns + 2);
    QVERIFY(chart.drawnPointCount() >= 2 * wideColumns);

    auto *line = qobject_cast<QLineSeries *>(chart.chart()->series().last());
    QVERIFY(line);
    const QList<QPointF> drawn = line->points();
    QVERIFY2(drawn.contains(series.points[123'456]), "the spike did not survive decimation");

    chart.resize(400, 300);
    QTRY_VERIFY(chart.decimationColumns() < wideColumns);
    QVERIFY(chart.drawnPointCount() <= 4 * chart.decimationColumns() + 2);
    QVERIFY(line->points().contains(series.points[123'456]));
}

void TestWidgets::chartHoverReturnsRawSample()
{
    TimeSeriesChart chart;
    // A steady ramp: each pixel column keeps only its first and last sample,
    // so most raw samples are not drawn.
    TimeSeries series{QStringLiteral("ramp"), {}, QColor()};
    for (int i = 0; i < 20'000; ++i)
        series.points.append(QPointF(double(kStartMs + i * 180), double(i)));
    chart.setTimeRange(kStartMs, kStartMs + 20'000 * 180);
    chart.setSeries({series});
    QVERIFY(!render(chart, QSize(800, 300)).isNull());
    QTRY_VERIFY(chart.decimationColumns() > 500);

    auto *line = qobject_cast<QLineSeries *>(chart.chart()->series().last());
    QVERIFY(line);
    const QList<QPointF> drawn = line->points();
    QVERIFY(drawn.size() < series.points.size() / 4);

    const QRectF plot = chart.chart()->plotArea();
    int undrawnHits = 0;
    for (double fraction : {0.1, 0.33, 0.5, 0.77, 0.9}) {
        const QPointF chartPos(plot.left() + fraction * plot.width(), plot.center().y());
        const QPoint viewPos = chart.mapFromScene(chart.chart()->mapToScene(chartPos));
        const double cursorTime
            = chart.chart()->mapToValue(chart.chart()->mapFromScene(chart.mapToScene(viewPos)), line).x();

        const auto nearest = std::min_element(series.points.cbegin(), series.points.cend(),
                                              [&](const QPointF &a, const QPointF &b) {
                                                  return std::abs(a.x() - cursorTime) < std::abs(b.x() - cursorTime);
                                              });
        const std::optional<HoveredSample> sample = chart.sampleAt(viewPos);
        QVERIFY(sample);
        QCOMPARE(sample->seriesName, QStringLiteral("ramp"));
        QCOMPARE(double(sample->timeMs), nearest->x());
        QCOMPARE(sample->value, nearest->y());
        QCOMPARE(sample->index, nearest - series.points.cbegin());
        if (!drawn.contains(*nearest))
            ++undrawnHits;
    }
    QVERIFY2(undrawnHits > 0, "every hovered sample was also a drawn one, so the check proves nothing");

    QVERIFY(!chart.sampleAt(QPoint(1, 1)));
}

void TestWidgets::chartHoverPicksNearestSeries()
{
    TimeSeriesChart chart;
    TimeSeries low{QStringLiteral("low"), {}, QColor()};
    TimeSeries high{QStringLiteral("high"), {}, QColor()};
    for (int i = 0; i <= 60; ++i) {
        low.points.append(QPointF(double(kStartMs + i * 1000), 10.0));
        high.points.append(QPointF(double(kStartMs + i * 1000), 90.0));
    }
    chart.setTimeRange(kStartMs, kStartMs + 60'000);
    chart.setValueRange(0.0, 100.0);
    chart.setSeries({low, high});
    QVERIFY(!render(chart, QSize(600, 300)).isNull());
    QTRY_VERIFY(chart.decimationColumns() > 300);

    auto viewPosFor = [&](double value) {
        const QPointF chartPos = chart.chart()->mapToPosition(QPointF(double(kStartMs + 30'000), value),
                                                              chart.chart()->series().last());
        return chart.mapFromScene(chart.chart()->mapToScene(chartPos));
    };
    std::optional<HoveredSample> sample = chart.sampleAt(viewPosFor(80.0));
    QVERIFY(sample);
    QCOMPARE(sample->seriesName, QStringLiteral("high"));
    QCOMPARE(sample->seriesIndex, qsizetype(1));
    QCOMPARE(sample->value, 90.0);

    sample = chart.sampleAt(viewPosFor(20.0));
    QVERIFY(sample);
    QCOMPARE(sample->seriesName, QStringLiteral("low"));
    QCOMPARE(sample->seriesIndex, qsizetype(0));
}

void TestWidgets::chartReusesLinesForSameSnapshot()
{
    TimeSeriesChart chart;
    QVERIFY(!render(chart, QSize(600, 300)).isNull());

    auto snapshot = [](int round) {
        QList<TimeSeries> list;
        for (int s = 0; s < 3; ++s) {
            TimeSeries series{QStringLiteral("series %1").arg(s), {}, QColor()};
            for (int i = 0; i < 5000; ++i)
                series.points.append(QPointF(double(kStartMs + i * 1000), double((i * (s + 1) + round) % 97)));
            list.append(series);
        }
        return list;
    };
    chart.setTimeRange(kStartMs, kStartMs + 5000 * 1000);
    chart.setSeries(snapshot(0));
    QCoreApplication::processEvents();

    const qsizetype seriesCount = chart.chart()->series().size();
    const qsizetype childCount = chart.findChildren<QObject *>().size();
    const qsizetype itemCount = chart.scene()->items().size();
    const qsizetype drawnLimit = 3 * (4 * qsizetype(chart.decimationColumns()) + 2);

    for (int round = 0; round < 50; ++round) {
        chart.setSeries(snapshot(round % 2 == 0 ? 0 : round));
        QCoreApplication::processEvents();
        QCOMPARE(chart.chart()->series().size(), seriesCount);
        QCOMPARE(chart.findChildren<QObject *>().size(), childCount);
        QCOMPARE(chart.scene()->items().size(), itemCount);
        QVERIFY(chart.drawnPointCount() <= drawnLimit);
    }

    // Fewer series remove the surplus lines.
    chart.setSeries(snapshot(0).mid(0, 1));
    QCOMPARE(chart.chart()->series().size(), seriesCount - 2);
}

void TestWidgets::chartIgnoresEmptyTimeRange()
{
    TimeSeriesChart chart;
    chart.setTimeRange(kStartMs, kStartMs + kHourMs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ignored time range")));
    chart.setTimeRange(kStartMs, kStartMs);
    QCOMPARE(chart.timeFromMs(), kStartMs);
    QCOMPARE(chart.timeToMs(), kStartMs + kHourMs);
}

void TestWidgets::gaugeColour_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<ThresholdState>("expected");

    QTest::newRow("ok") << 99.0 << false << ThresholdState::Ok;
    QTest::newRow("near") << 96.0 << false << ThresholdState::Near;
    QTest::newRow("breach") << 80.0 << false << ThresholdState::Breach;
    QTest::newRow("breach on dark palette") << 80.0 << true << ThresholdState::Breach;
    QTest::newRow("ok on dark palette") << 99.0 << true << ThresholdState::Ok;
}

void TestWidgets::gaugeColour()
{
    QFETCH(double, value);
    QFETCH(bool, dark);
    QFETCH(ThresholdState, expected);

    GaugeWidget gauge;
    if (dark)
        gauge.setPalette(darkPalette());
    gauge.setRange(0.0, 100.0);
    gauge.setThresholdPolicy(ThresholdPolicy::higherIsBetter(95.0, 2.0));
    gauge.setUnit(QStringLiteral("%"));
    gauge.setValue(value);

    const QImage image = render(gauge, QSize(240, 200));
    QVERIFY(!image.isNull());
    const ThresholdPalette colors = dark ? ThresholdPalette::dark() : ThresholdPalette::light();
    QCOMPARE(gauge.valueColor(), colors.color(expected));
    QVERIFY2(countColor(image, colors.color(expected)) > 200, "the value arc lacks the state colour");
    for (int other = 0; other < int(ThresholdState::Count); ++other) {
        if (ThresholdState(other) != expected)
            QCOMPARE(countColor(image, colors.color(ThresholdState(other))), 0);
    }
}

void TestWidgets::statColour_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<ThresholdState>("expected");

    QTest::newRow("ok") << 40.0 << ThresholdState::Ok;
    QTest::newRow("near") << 95.0 << ThresholdState::Near;
    QTest::newRow("breach") << 130.0 << ThresholdState::Breach;
}

void TestWidgets::statColour()
{
    QFETCH(double, value);
    QFETCH(ThresholdState, expected);

    StatWidget stat;
    stat.setThresholdPolicy(ThresholdPolicy::lowerIsBetter(100.0, 10.0));
    stat.setUnit(QStringLiteral("ms"));
    stat.setDecimals(0);
    stat.setValue(value);
    QList<double> history;
    for (int i = 0; i < 5000; ++i)
        history.append(value + 5.0 * std::sin(i / 50.0));
    stat.setHistory(history);

    const QImage image = render(stat, QSize(260, 140));
    QVERIFY(!image.isNull());
    const ThresholdPalette colors = ThresholdPalette::forPalette(stat.palette());
    QCOMPARE(stat.valueColor(), colors.color(expected));

    const QRect numberArea(0, 0, image.width(), image.height() / 2);
    const QRect sparkArea(0, image.height() * 2 / 3, image.width(), image.height() / 3);
    QVERIFY2(countColor(image, colors.color(expected), numberArea) > 50, "the number lacks the state colour");
    QVERIFY2(countColor(image, colors.color(expected), sparkArea) > 50, "the sparkline lacks the state colour");
    if (expected != ThresholdState::Breach)
        QCOMPARE(countColor(image, colors.color(ThresholdState::Breach)), 0);
}

void TestWidgets::barChartColoursEachBar_data()
{
    QTest::addColumn<Qt::Orientation>("orientation");

    QTest::newRow("horizontal") << Qt::Horizontal;
    QTest::newRow("vertical") << Qt::Vertical;
}

void TestWidgets::barChartColoursEachBar()
{
    QFETCH(Qt::Orientation, orientation);

    BarChartWidget bars;
    bars.setOrientation(orientation);
    bars.setThresholdPolicy(ThresholdPolicy::higherIsBetter(95.0, 2.0));
    bars.setUnit(QStringLiteral("%"));
    bars.setBars({{QStringLiteral("Acme Games"), 99.0},
                  {QStringLiteral("Blue Whale Apps"), 80.0},
                  {QStringLiteral("Cobalt Studio"), 96.0},
                  {QStringLiteral("Delta (no data)"), kNaN}});

    const QImage image = render(bars, QSize(480, 320));
    QVERIFY(!image.isNull());
    const ThresholdPalette colors = ThresholdPalette::forPalette(bars.palette());
    const QColor ok = colors.color(ThresholdState::Ok);
    const QColor near = colors.color(ThresholdState::Near);
    const QColor breach = colors.color(ThresholdState::Breach);

    auto inner = [&](qsizetype index) { return bars.barRect(index).toAlignedRect().adjusted(2, 2, -2, -2); };
    const QRect okBar = inner(0);
    const QRect breachBar = inner(1);
    const QRect nearBar = inner(2);
    QVERIFY(!okBar.isEmpty());
    QVERIFY(!breachBar.isEmpty());
    QVERIFY(bars.barRect(3).isEmpty());

    const int breachArea = breachBar.width() * breachBar.height();
    QVERIFY2(countColor(image, breach, breachBar, 4) > breachArea / 2, "the breaching bar is not red");
    QCOMPARE(countColor(image, breach, okBar), 0);
    QCOMPARE(countColor(image, breach, nearBar), 0);
    QVERIFY(countColor(image, ok, okBar, 4) > okBar.width() * okBar.height() / 2);
    QVERIFY(countColor(image, near, nearBar, 4) > nearBar.width() * nearBar.height() / 2);

    // The bar of 99 % is longer than the bar of 80 %.
    if (orientation == Qt::Horizontal)
        QVERIFY(okBar.width() > breachBar.width());
    else
        QVERIFY(okBar.height() > breachBar.height());
}

void TestWidgets::funnelConversions_data()
{
    QTest::addColumn<QList<qint64>>("counts");
    QTest::addColumn<QList<double>>("fromPrevious");
    QTest::addColumn<QList<double>>("fromFirst");

    QTest::newRow("typical") << QList<qint64>{1000, 600, 300, 150} << QList<double>{1.0, 0.6, 0.5, 0.5}
                             << QList<double>{1.0, 0.6, 0.3, 0.15};
    QTest::newRow("empty first stage") << QList<qint64>{0, 0} << QList<double>{1.0, kNaN} << QList<double>{kNaN, kNaN};
    QTest::newRow("empty middle stage") << QList<qint64>{10, 0, 0} << QList<double>{1.0, 0.0, kNaN}
                                        << QList<double>{1.0, 0.0, 0.0};
    QTest::newRow("growing stage") << QList<qint64>{100, 150} << QList<double>{1.0, 1.5} << QList<double>{1.0, 1.5};
    QTest::newRow("negative counts as zero") << QList<qint64>{-5, 10} << QList<double>{1.0, kNaN}
                                             << QList<double>{kNaN, kNaN};
    QTest::newRow("no stages") << QList<qint64>() << QList<double>() << QList<double>();
}

void TestWidgets::funnelConversions()
{
    QFETCH(QList<qint64>, counts);
    QFETCH(QList<double>, fromPrevious);
    QFETCH(QList<double>, fromFirst);

    QList<FunnelStage> stages;
    for (qint64 count : std::as_const(counts))
        stages.append({QStringLiteral("stage %1").arg(stages.size()), count});
    const QList<FunnelConversion> conversions = umg::funnelConversions(stages);

    QCOMPARE(conversions.size(), counts.size());
    for (qsizetype i = 0; i < conversions.size(); ++i) {
        if (std::isnan(fromPrevious[i]))
            QVERIFY2(std::isnan(conversions[i].fromPrevious), qPrintable(QStringLiteral("stage %1").arg(i)));
        else
            QCOMPARE(conversions[i].fromPrevious, fromPrevious[i]);
        if (std::isnan(fromFirst[i]))
            QVERIFY2(std::isnan(conversions[i].fromFirst), qPrintable(QStringLiteral("stage %1").arg(i)));
        else
            QCOMPARE(conversions[i].fromFirst, fromFirst[i]);
    }
}

void TestWidgets::funnelRendersStages()
{
    FunnelWidget funnel;
    funnel.setStages({{QStringLiteral("Discovery"), 1200},
                      {QStringLiteral("Setup"), 700},
                      {QStringLiteral("Integration"), 300},
                      {QStringLiteral("Launch"), 90}});
    const QImage image = render(funnel, QSize(520, 260));
    QVERIFY(!image.isNull());

    const QColor barColor = ThresholdPalette::forPalette(funnel.palette()).neutral();
    for (qsizetype i = 0; i < 4; ++i) {
        const QRect bar = funnel.stageRect(i).toAlignedRect().adjusted(1, 1, -1, -1);
        QVERIFY(!bar.isEmpty());
        QVERIFY2(countColor(image, barColor, bar, 4) > bar.width() * bar.height() / 3,
                 qPrintable(QStringLiteral("stage %1 is not drawn").arg(i)));
        if (i > 0)
            QVERIFY(funnel.stageRect(i).width() < funnel.stageRect(i - 1).width());
    }
    QVERIFY(distinctColorCount(image) > 10);
    QCOMPARE(funnel.conversions().at(3).fromPrevious, 0.3);
}

namespace {

QList<ThresholdRow> validationRows()
{
    return {
        {QStringLiteral("Attribution accuracy"), 96.5, ThresholdPolicy::higherIsBetter(95.0, 1.0), QStringLiteral("%"), 1},
        {QStringLiteral("p99 latency"), 140.0, ThresholdPolicy::lowerIsBetter(100.0, 10.0), QStringLiteral("ms"), 0},
        {QStringLiteral("Organic share"), 49.0, ThresholdPolicy::withinRange(30.0, 50.0, 2.0), QStringLiteral("%"), 1},
        {QStringLiteral("Events per second"), 52'000.0, std::nullopt, QString(), 0},
        {QStringLiteral("Fraud rate"), kNaN, ThresholdPolicy::lowerIsBetter(2.0), QStringLiteral("%"), 2},
    };
}

} // namespace

void TestWidgets::tableModelPassesTester()
{
    ThresholdTableModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ThresholdTableModel::kSortRole);
    proxy.sort(int(ThresholdTableModel::Column::Measured));
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QList<ThresholdRow> rows = validationRows();
    model.setRows(rows);
    QCOMPARE(model.rowCount(), 5);
    rows[1].measured = 90.0;
    model.setRows(rows);
    model.setRows(rows.mid(0, 2));
    QCOMPARE(model.rowCount(), 2);
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
    model.setRows(rows);
    model.setColors(ThresholdPalette::dark());
    QCOMPARE(proxy.rowCount(), 5);

    ThresholdTable table;
    QAbstractItemModelTester tableTester(table.proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    table.setRows(rows);
    table.setFilterText(QStringLiteral("rate"));
    table.setFilterText(QString());
    table.setRows(rows.mid(1));
    QCOMPARE(table.proxyModel()->rowCount(), 4);
}

void TestWidgets::tableModelRoles()
{
    ThresholdTableModel model;
    model.setRows(validationRows());
    const auto cell = [&](int row, ThresholdTableModel::Column column, int role) {
        return model.data(model.index(row, int(column)), role);
    };
    using Column = ThresholdTableModel::Column;

    QCOMPARE(cell(0, Column::Target, Qt::DisplayRole).toString(), QStringLiteral("≥ 95.0 %"));
    QCOMPARE(cell(0, Column::Measured, Qt::DisplayRole).toString(), QStringLiteral("96.5 %"));
    QCOMPARE(cell(0, Column::Status, Qt::DisplayRole).toString(), QStringLiteral("Pass"));
    QCOMPARE(cell(1, Column::Status, Qt::DisplayRole).toString(), QStringLiteral("Fail"));
    QCOMPARE(cell(2, Column::Status, Qt::DisplayRole).toString(), QStringLiteral("Near target"));
    QCOMPARE(cell(3, Column::Status, Qt::DisplayRole).toString(), QStringLiteral("—"));
    QCOMPARE(cell(3, Column::Measured, Qt::DisplayRole).toString(), QStringLiteral("52,000"));
    QCOMPARE(cell(4, Column::Measured, Qt::DisplayRole).toString(), QStringLiteral("No data"));
    QCOMPARE(cell(4, Column::Status, Qt::DisplayRole).toString(), QStringLiteral("Fail"));

    QCOMPARE(cell(1, Column::Status, ThresholdTableModel::kStateRole).toInt(), int(ThresholdState::Breach));
    QVERIFY(!cell(3, Column::Status, ThresholdTableModel::kStateRole).isValid());
    QCOMPARE(cell(1, Column::Status, Qt::ForegroundRole).value<QColor>(),
             ThresholdPalette::light().color(ThresholdState::Breach));
    QVERIFY(!cell(1, Column::Name, Qt::ForegroundRole).isValid());
    QVERIFY(!cell(1, Column::Status, Qt::DecorationRole).value<QPixmap>().isNull());
    QCOMPARE(cell(4, Column::Measured, ThresholdTableModel::kSortRole).toDouble(), -kInfinity);
    QCOMPARE(model.stateAt(0), std::optional<ThresholdState>(ThresholdState::Ok));
    QCOMPARE(model.stateAt(3), std::nullopt);
    QCOMPARE(model.stateAt(99), std::nullopt);
}

void TestWidgets::tableSortsFailuresFirst()
{
    ThresholdTable table;
    table.setRows(validationRows());
    QSortFilterProxyModel *proxy = table.proxyModel();
    const auto nameAt = [&](int row) { return proxy->index(row, 0).data().toString(); };

    // The default order is Status descending. Rows with equal state keep their order.
    QCOMPARE(nameAt(0), QStringLiteral("p99 latency"));
    QCOMPARE(nameAt(1), QStringLiteral("Fraud rate"));
    QCOMPARE(nameAt(2), QStringLiteral("Organic share"));
    QCOMPARE(nameAt(3), QStringLiteral("Attribution accuracy"));
    QCOMPARE(nameAt(4), QStringLiteral("Events per second"));

    table.sortByColumn(int(ThresholdTableModel::Column::Measured), Qt::DescendingOrder);
    QCOMPARE(nameAt(0), QStringLiteral("Events per second"));
    QCOMPARE(nameAt(1), QStringLiteral("p99 latency"));
    QCOMPARE(nameAt(4), QStringLiteral("Fraud rate"));

    // A new snapshot keeps the order the person chose.
    QList<ThresholdRow> rows = validationRows();
    rows[0].measured = 1e9;
    table.setRows(rows);
    QCOMPARE(nameAt(0), QStringLiteral("Attribution accuracy"));
}

void TestWidgets::tableFiltersByName()
{
    ThresholdTable table;
    table.setRows(validationRows());
    table.setFilterText(QStringLiteral("LATENCY"));
    QCOMPARE(table.proxyModel()->rowCount(), 1);
    QCOMPARE(table.proxyModel()->index(0, 0).data().toString(), QStringLiteral("p99 latency"));
    table.setFilterText(QString());
    QCOMPARE(table.proxyModel()->rowCount(), 5);
}

void TestWidgets::tableShowsBreachColour()
{
    ThresholdTable failing;
    failing.setRows(validationRows());
    const QImage failingImage = render(failing, QSize(560, 220));
    QVERIFY(!failingImage.isNull());
    const QColor breach = ThresholdPalette::forPalette(failing.palette()).color(ThresholdState::Breach);
    QVERIFY2(countColor(failingImage, breach, QRect(), 4) > 20, "no red in a table with failing rows");

    QList<ThresholdRow> passingRows = validationRows();
    passingRows.removeAt(4);
    passingRows.removeAt(1);
    ThresholdTable passing;
    passing.setRows(passingRows);
    const QImage passingImage = render(passing, QSize(560, 220));
    QVERIFY(!passingImage.isNull());
    QCOMPARE(countColor(passingImage, breach, QRect(), 4), 0);
}

void TestWidgets::panelExportWritesPng()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    auto *gauge = new GaugeWidget;
    gauge->setValue(42.0);
    PanelFrame frame(QStringLiteral("Attribution accuracy"), gauge);
    frame.setDescription(QStringLiteral("Share of installs credited to the right touch"));
    frame.setUnit(QStringLiteral("%"));
    QVERIFY(!render(frame, QSize(300, 260)).isNull());
    QCOMPARE(frame.contentWidget(), gauge);

    const QString path = dir.filePath(QStringLiteral("accuracy.png"));
    QString error;
    QVERIFY2(frame.exportPng(path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());

    QImageReader reader(path);
    QCOMPARE(reader.format(), QByteArray("png"));
    const QImage image = reader.read();
    QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
    QCOMPARE(image.size(), frame.size() * frame.devicePixelRatio());
    QVERIFY(distinctColorCount(image) > 10);

    // A suffix other than .png still gets a PNG file.
    const QString otherPath = dir.filePath(QStringLiteral("accuracy.img"));
    QVERIFY(frame.exportPng(otherPath));
    QCOMPARE(QImageReader(otherPath).format(), QByteArray("png"));
}

void TestWidgets::panelExportReportsUnwritablePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A regular file as the parent folder fails even for root.
    const QString blocker = dir.filePath(QStringLiteral("not-a-folder"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString path = blocker + QStringLiteral("/panel.png");

    PanelFrame frame(QStringLiteral("Funnel"), new FunnelWidget);
    QVERIFY(!render(frame, QSize(300, 200)).isNull());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("export to .* failed")));
    QString error;
    QVERIFY(!frame.exportPng(path, &error));
    QVERIFY2(error.contains(QStringLiteral("not-a-folder")), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("Failed to export")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestWidgets::panelSuggestedFileName_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("expected");

    QTest::newRow("words") << "Accuracy per Customer" << "accuracy-per-customer.png";
    QTest::newRow("punctuation") << " p99 latency (ms) " << "p99-latency-ms.png";
    QTest::newRow("empty") << "" << "panel.png";
    QTest::newRow("symbols only") << "→ ★" << "panel.png";
}

void TestWidgets::panelSuggestedFileName()
{
    QFETCH(QString, title);
    QFETCH(QString, expected);

    PanelFrame frame;
    frame.setTitle(title);
    QCOMPARE(frame.suggestedFileName(), expected);
}

QTEST_MAIN(TestWidgets)

#include "tst_widgets.moc"
