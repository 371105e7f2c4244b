// Measures the console under the demo workload and prints the figures:
//
// - `frames` (default): the main window with the demo at its highest rate and
//   every dashboard on the 7-day range. For each dashboard it reports the
//   time from submitting all panel queries to their results on screen, the
//   time of a full repaint of all panels, and the event-loop delay while the
//   demo runs. `--prefill-days` first writes that many days of synthetic
//   history, so that the 7-day charts have a week of samples to draw.
// - `rss`: starts the unmogrowp-console program with the demo and samples its
//   resident memory and database sizes at an interval, to show whether memory
//   levels off while the history compaction runs.
//
// Runs on the offscreen platform unless QT_QPA_PLATFORM names another one.

#include "app/mainwindow.h"
#include "dashboards/dashboardview.h"
#include "demo/demoworkload.h"
#include "history/metrichistory.h"
#include "loadgen/generator.h"
#include "session/enginesession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

using namespace umg;

namespace {

QTextStream out(stdout);

struct Stats
{
    double mean = 0;
    double max = 0;
    double median = 0;
};

Stats statsOf(QList<double> values)
{
    Stats stats;
    if (values.isEmpty())
        return stats;
    std::sort(values.begin(), values.end());
    for (double value : values)
        stats.mean += value;
    stats.mean /= double(values.size());
    stats.max = values.last();
    stats.median = values[values.size() / 2];
    return stats;
}

// Writes `days` of synthetic samples, one a minute, for the series that the
// dashboards chart most: event counters per app and type, the latency
// histogram, memory and per-customer accuracy.
void prefillHistory(const QString &path, int days)
{
    MetricHistory history(path.toStdString());
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 startMs = nowMs - qint64(days) * 24 * 3600 * 1000;
    constexpr qint64 kStepMs = 60'000;
    const qint64 steps = (nowMs - startMs) / kStepMs;

    std::vector<promql::Series> series;
    const auto addSeries = [&](promql::Labels labels, auto valueAt) {
        promql::Series line;
        line.labels = std::move(labels);
        line.samples.reserve(std::size_t(steps));
        for (qint64 i = 0; i < steps; ++i)
            line.samples.push_back(promql::Sample{startMs + i * kStepMs, valueAt(i)});
        series.push_back(std::move(line));
    };

    const char *types[] = {"click", "impression", "install", "in_app_event"};
    for (const PilotCustomer &customer : demoCustomers()) {
        for (const std::string &app : customer.appIds) {
            const std::string platform = app.rfind("id", 0) == 0 ? "ios" : "android";
            for (const char *type : types) {
                addSeries(promql::Labels{{"__name__", "attribution_events_processed_total"},
                                         {"app_id", app},
                                         {"event_type", type},
                                         {"platform", platform},
                                         {"status", "accepted"}},
                          [](qint64 i) { return double(i) * 6000.0; });
            }
            addSeries(promql::Labels{{"__name__", "attribution_installs_attributed_total"}, {"app_id", app}},
                      [](qint64 i) { return double(i) * 200.0; });
        }
        addSeries(promql::Labels{{"__name__", "attribution_accuracy_percent"}, {"customer_id", customer.customerId}},
                  [](qint64 i) { return 99.0 + 0.5 * std::sin(double(i) / 300.0); });
    }
    double bucketCount = 0;
    for (const char *bound : {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.125",
                              "0.15", "0.2", "0.25", "0.5", "1", "2.5", "+Inf"}) {
        bucketCount += 1;
        const double share = std::min(1.0, bucketCount / 8.0);
        addSeries(promql::Labels{{"__name__", "attribution_event_processing_duration_seconds_bucket"}, {"le", bound}},
                  [share](qint64 i) { return double(i) * 30'000.0 * share; });
    }
    addSeries(promql::Labels{{"__name__", "attribution_memory_usage_bytes"}},
              [](qint64 i) { return 2e8 + 5e7 * std::sin(double(i) / 700.0); });
    addSeries(promql::Labels{{"__name__", "process_resident_memory_bytes"}},
              [](qint64 i) { return 2e8 + 5e7 * std::sin(double(i) / 700.0); });
    addSeries(promql::Labels{{"__name__", "process_cpu_seconds_total"}}, [](qint64 i) { return double(i) * 40.0; });
    addSeries(promql::Labels{{"__name__", "up"}, {"instance", "embedded"}, {"job", "unmogrowp"}},
              [](qint64) { return 1.0; });

    QElapsedTimer timer;
    timer.start();
    std::size_t samples = 0;
    for (const promql::Series &line : series)
        samples += line.samples.size();
    history.append(series);
    out << "prefilled " << series.size() << " series, " << samples << " samples over " << days << " days in "
        << timer.elapsed() << " ms\n";
    out.flush();
}

// Largest delay of a 10 ms timer over `durationMs`, which is how long the
// event loop was unable to run.
double eventLoopDelayMs(int durationMs)
{
    QElapsedTimer clock;
    clock.start();
    double worst = 0;
    qint64 last = clock.elapsed();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        worst = std::max(worst, double(now - last - 10));
        last = now;
    });
    tick.start(10);
    while (clock.elapsed() < durationMs)
        QTest::qWait(50);
    return worst;
}

int runFrames(int prefillDays, int warmupSeconds, int repaints, int refreshes)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QTemporaryDir folder;
    const QString dataDir = folder.filePath(QStringLiteral("data"));
    QDir().mkpath(dataDir);
    if (prefillDays > 0)
        prefillHistory(QDir(dataDir).filePath(QStringLiteral("history.db")), prefillDays);

    ConsoleOptions options;
    options.dataDir = dataDir;
    options.demoRate = DemoWorkload::kMaximumRate;
    MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    for (DashboardView *view : window.dashboards()) {
        view->setTimeRange(TimeRange::Last7Days);
        view->setRefreshInterval(RefreshInterval::Every5Seconds);
    }

    QElapsedTimer clock;
    clock.start();
    while (window.session()->state() != SessionState::Running && clock.elapsed() < 120'000)
        QTest::qWait(100);
    const std::uint64_t eventsBefore = window.demo()->statistics().eventsSubmitted;
    const qint64 warmupStart = clock.elapsed();
    QTest::qWait(warmupSeconds * 1000);
    const double achievedRate = double(window.demo()->statistics().eventsSubmitted - eventsBefore) * 1000.0
        / double(clock.elapsed() - warmupStart);
    out << "demo rate set to " << DemoWorkload::kMaximumRate << " events/s, achieved " << qRound64(achievedRate)
        << " events/s over " << warmupSeconds << " s\n";
    out << "dashboard             panels  queries(ms) mean/max   repaint(ms) mean/median/max   loop delay max(ms)\n";

    for (int i = 0; i < int(DashboardId::Count); ++i) {
        DashboardView *view = window.dashboard(DashboardId(i));
        window.showDashboard(DashboardId(i));
        QTest::qWait(200);

        QList<double> batches;
        for (int round = 0; round < refreshes; ++round) {
            const int before = view->completedRefreshes();
            QElapsedTimer batch;
            batch.start();
            view->setTimeRange(TimeRange::Last7Days); // submits a new batch at once
            while (view->completedRefreshes() == before && batch.elapsed() < 120'000)
                QTest::qWait(5);
            batches.append(double(batch.nsecsElapsed()) / 1e6);
        }

        QList<double> frames;
        for (int round = 0; round < repaints; ++round) {
            QElapsedTimer frame;
            frame.start();
            view->panelArea()->repaint();
            frames.append(double(frame.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();
        }
        const double delay = eventLoopDelayMs(3000);

        const Stats batch = statsOf(batches);
        const Stats frame = statsOf(frames);
        out << QStringLiteral("%1 %2  %3 / %4   %5 / %6 / %7   %8\n")
                   .arg(view->definition().id, -20)
                   .arg(view->panels().size(), 6)
                   .arg(batch.mean, 8, 'f', 1)
                   .arg(batch.max, 7, 'f', 1)
                   .arg(frame.mean, 8, 'f', 2)
                   .arg(frame.median, 6, 'f', 2)
                   .arg(frame.max, 7, 'f', 2)
                   .arg(delay, 10, 'f', 1);
        out.flush();
    }
    window.close();
    return 0;
}

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qint64 databaseKiB(const QString &path)
{
    qint64 bytes = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        bytes += QFileInfo(path + suffix).size();
    return bytes / 1024;
}

int runRss(const QString &program, int minutes, int intervalSeconds, double rate)
{
    QTemporaryDir folder;
    const QString dataDir = folder.filePath(QStringLiteral("data"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")))
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), folder.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("umg.*.info=false"));

    QProcess console;
    console.setProcessEnvironment(environment);
    console.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    console.start(program, {QStringLiteral("--demo"), QStringLiteral("--demo-rate"), QString::number(rate),
                            QStringLiteral("--data-dir"), dataDir, QStringLiteral("--quit-after"),
                            QString::number(minutes * 60 + intervalSeconds)});
    if (!console.waitForStarted()) {
        std::fprintf(stderr, "%s could not be started: %s\n", qPrintable(program), qPrintable(console.errorString()));
        return 1;
    }
    out << "minute  rss(MiB)  engine.db(MiB)  history.db(MiB)\n";
    QElapsedTimer clock;
    clock.start();
    while (console.state() == QProcess::Running && clock.elapsed() <= qint64(minutes) * 60'000) {
        const qint64 rss = residentKiB(console.processId());
        out << QStringLiteral("%1  %2  %3  %4\n")
                   .arg(double(clock.elapsed()) / 60'000.0, 6, 'f', 1)
                   .arg(double(rss) / 1024.0, 8, 'f', 1)
                   .arg(double(databaseKiB(QDir(dataDir).filePath(QStringLiteral("engine.db")))) / 1024.0, 14, 'f', 1)
                   .arg(double(databaseKiB(QDir(dataDir).filePath(QStringLiteral("history.db")))) / 1024.0, 15, 'f', 1);
        out.flush();
        console.waitForFinished(intervalSeconds * 1000);
    }
    console.waitForFinished(300'000);
    out << "console exit status " << console.exitCode() << "\n";
    return console.exitCode();
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QApplication::setApplicationName(QStringLiteral("bench_console"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Console frame-time and memory benchmark"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("frames (default) or rss"));
    const QCommandLineOption prefill(QStringLiteral("prefill-days"),
                                     QStringLiteral("Days of synthetic history written first (frames)."),
                                     QStringLiteral("days"), QStringLiteral("7"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Seconds of demo before measuring."),
                                    QStringLiteral("seconds"), QStringLiteral("20"));
    const QCommandLineOption repaints(QStringLiteral("repaints"), QStringLiteral("Repaints per dashboard."),
                                      QStringLiteral("count"), QStringLiteral("50"));
    const QCommandLineOption refreshes(QStringLiteral("refreshes"), QStringLiteral("Query batches per dashboard."),
                                       QStringLiteral("count"), QStringLiteral("5"));
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Length of the memory run (rss)."),
                                     QStringLiteral("minutes"), QStringLiteral("12"));
    const QCommandLineOption interval(QStringLiteral("interval"), QStringLiteral("Seconds between samples (rss)."),
                                      QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Demo rate in events/s (rss)."),
                                  QStringLiteral("events/s"), QStringLiteral("2000"));
    const QCommandLineOption program(QStringLiteral("console"), QStringLiteral("Path of unmogrowp-console (rss)."),
                                     QStringLiteral("path"),
                                     QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../bin/unmogrowp-console")));
    parser.addOptions({prefill, warmup, repaints, refreshes, minutes, interval, rate, program});
    parser.process(app);

    const QString mode = parser.positionalArguments().value(0, QStringLiteral("frames"));
    if (mode == QLatin1String("rss"))
        return runRss(parser.value(program), parser.value(minutes).toInt(), parser.value(interval).toInt(),
                      parser.value(rate).toDouble());
    return runFrames(parser.value(prefill).toInt(), parser.value(warmup).toInt(), parser.value(repaints).toInt(),
                     parser.value(refreshes).toInt());
}
