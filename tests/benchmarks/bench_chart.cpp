// Measures how long TimeSeriesChart takes to load and draw a 7-day history,
// against a plain QLineSeries that gets every sample through replace(). Both
// run in the same process on the same samples, on the offscreen platform
// unless QT_QPA_PLATFORM names another one.

#include "widgets/timeserieschart.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QRandomGenerator>
#include <QTest>
#include <QTextStream>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace {

constexpr qint64 kSevenDaysMs = 7LL * 24 * 3600 * 1000;
constexpr qint64 kStartMs = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr int kPanelHeight = 300;

struct Timing
{
    double loadMs = 0.0;   // setting the data
    double renderMs = 0.0; // the first paint after it, through grab()
    double totalMs() const { return loadMs + renderMs; }
};

// Latency-like samples: a daily wave, noise and a rare spike.
QList<QPointF> makeSamples(int count, int round)
{
    QRandomGenerator random(quint32(1234 + round));
    QList<QPointF> points;
    points.reserve(count);
    for (int i = 0; i < count; ++i) {
        const double t = double(kStartMs) + double(i) * double(kSevenDaysMs) / double(count);
        const double day = (t - double(kStartMs)) / 86'400'000.0;
        double value = 80.0 + 20.0 * std::sin(day * 2.0 * std::numbers::pi) + random.bounded(10.0);
        if (random.bounded(5000) == 0)
            value += 150.0;
        points.append(QPointF(t, value));
    }
    return points;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

Timing measureDecimated(umg::TimeSeriesChart &chart, const QList<QPointF> &points)
{
    Timing timing;
    QElapsedTimer timer;
    timer.start();
    chart.setSeries({umg::TimeSeries{QStringLiteral("latency"), points, QColor()}});
    timing.loadMs = elapsedMs(timer);
    timer.restart();
    const QPixmap frame = chart.grab();
    timing.renderMs = elapsedMs(timer);
    Q_UNUSED(frame);
    return timing;
}

Timing measureBaseline(QChartView &view, QLineSeries *series, QValueAxis *valueAxis, const QList<QPointF> &points)
{
    Timing timing;
    QElapsedTimer timer;
    timer.start();
    // The baseline also needs a value range, and finding it is part of loading.
    const auto [lowest, highest] = std::minmax_element(points.cbegin(), points.cend(),
                                                       [](const QPointF &a, const QPointF &b) { return a.y() < b.y(); });
    valueAxis->setRange(lowest->y(), highest->y());
    series->replace(points);
    timing.loadMs = elapsedMs(timer);
    timer.restart();
    const QPixmap frame = view.grab();
    timing.renderMs = elapsedMs(timer);
    Q_UNUSED(frame);
    return timing;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bench_chart"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times loading and drawing a 7-day history in TimeSeriesChart and in an undecimated QLineSeries."));
    parser.addHelpOption();
    const QCommandLineOption samplesOption(QStringLiteral("samples"), QStringLiteral("Number of samples over 7 days."),
                                           QStringLiteral("count"), QStringLiteral("600000"));
    const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("Panel width in pixels."),
                                         QStringLiteral("pixels"), QStringLiteral("800"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Measured rounds per chart; the median is printed."),
                                          QStringLiteral("count"), QStringLiteral("5"));
    parser.addOptions({samplesOption, widthOption, roundsOption});
    parser.process(app);

    const int sampleCount = parser.value(samplesOption).toInt();
    const int width = parser.value(widthOption).toInt();
    const int rounds = parser.value(roundsOption).toInt();
    if (sampleCount < 2 || width < 100 || rounds < 1) {
        QTextStream(stderr) << "Invalid option: --samples must be at least 2, --width at least 100 and "
                               "--rounds at least 1.\n";
        return 2;
    }

    // One extra data set per round, so that no round reuses the previous
    // snapshot and every load does the full work.
    QList<QList<QPointF>> dataSets;
    for (int round = 0; round <= rounds; ++round)
        dataSets.append(makeSamples(sampleCount, round));

    umg::TimeSeriesChart decimated;
    decimated.resize(width, kPanelHeight);
    decimated.setTimeRange(kStartMs, kStartMs + kSevenDaysMs);
    decimated.show();
    if (!QTest::qWaitForWindowExposed(&decimated)) {
        QTextStream(stderr) << "The chart window was never exposed; check QT_QPA_PLATFORM.\n";
        return 1;
    }

    auto *baselineChart = new QChart;
    auto *baselineSeries = new QLineSeries;
    auto *timeAxis = new QDateTimeAxis;
    auto *valueAxis = new QValueAxis;
    baselineChart->addSeries(baselineSeries);
    baselineChart->addAxis(timeAxis, Qt::AlignBottom);
    baselineChart->addAxis(valueAxis, Qt::AlignLeft);
    baselineSeries->attachAxis(timeAxis);
    baselineSeries->attachAxis(valueAxis);
    timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(kStartMs), QDateTime::fromMSecsSinceEpoch(kStartMs + kSevenDaysMs));
    baselineChart->legend()->hide();
    QChartView baseline(baselineChart);
    baseline.setRenderHint(QPainter::Antialiasing);
    baseline.resize(width, kPanelHeight);
    baseline.show();
    if (!QTest::qWaitForWindowExposed(&baseline)) {
        QTextStream(stderr) << "The baseline window was never exposed; check QT_QPA_PLATFORM.\n";
        return 1;
    }

    // Round 0 warms both charts up and is not counted.
    measureDecimated(decimated, dataSets[0]);
    measureBaseline(baseline, baselineSeries, valueAxis, dataSets[0]);

    QList<double> decimatedLoad, decimatedRender, decimatedTotal;
    QList<double> baselineLoad, baselineRender, baselineTotal;
    for (int round = 1; round <= rounds; ++round) {
        const Timing d = measureDecimated(decimated, dataSets[round]);
        decimatedLoad.append(d.loadMs);
        decimatedRender.append(d.renderMs);
        decimatedTotal.append(d.totalMs());

        const Timing b = measureBaseline(baseline, baselineSeries, valueAxis, dataSets[round]);
        baselineLoad.append(b.loadMs);
        baselineRender.append(b.renderMs);
        baselineTotal.append(b.totalMs());
    }

    QTextStream out(stdout);
    out << "samples " << sampleCount << ", panel " << width << "x" << kPanelHeight << " px, platform "
        << QGuiApplication::platformName() << ", median of " << rounds << " rounds\n";
    out << "TimeSeriesChart draws " << decimated.drawnPointCount() << " points in "
        << decimated.decimationColumns() << " pixel columns\n\n";
    out << qSetFieldWidth(28) << Qt::left << "" << qSetFieldWidth(12) << Qt::right << "load ms"
        << "render ms" << "total ms" << qSetFieldWidth(0) << "\n";
    out << qSetFieldWidth(28) << Qt::left << "TimeSeriesChart (decimated)" << qSetFieldWidth(12) << Qt::right
        << QString::number(median(decimatedLoad), 'f', 1) << QString::number(median(decimatedRender), 'f', 1)
        << QString::number(median(decimatedTotal), 'f', 1) << qSetFieldWidth(0) << "\n";
    out << qSetFieldWidth(28) << Qt::left << "QLineSeries::replace (raw)" << qSetFieldWidth(12) << Qt::right
        << QString::number(median(baselineLoad), 'f', 1) << QString::number(median(baselineRender), 'f', 1)
        << QString::number(median(baselineTotal), 'f', 1) << qSetFieldWidth(0) << "\n\n";
    out << "baseline / decimated total: " << QString::number(median(baselineTotal) / median(decimatedTotal), 'f', 1)
        << "x\n";
    return 0;
}
