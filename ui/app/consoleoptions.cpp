#include "app/consoleoptions.h"

#include "dashboards/dashboardcatalogue.h"
#include "demo/demoworkload.h"
#include "metrics/metricsserver.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace umg {

ConsoleArguments ConsoleCommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("UnMoGrowP Console: operations console with an embedded mobile-attribution engine."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();

    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Start the demo workload at once (the default)."));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"),
                                    tr("Start with the demo workload paused."));
    const QCommandLineOption demoRate(
        QStringLiteral("demo-rate"),
        tr("Demo rate in events per second, %1 to %2 (default: the last rate used, first %3).")
            .arg(DemoWorkload::kMinimumRate)
            .arg(DemoWorkload::kMaximumRate)
            .arg(DemoWorkload::kDefaultRate),
        tr("events/s"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        tr("Folder for the engine database, the metric history and the customer records (default: the "
           "application data folder)."),
        tr("folder"));
    const QCommandLineOption screenshotDir(
        QStringLiteral("screenshot-dir"),
        tr("Before quitting, save one PNG per dashboard and one of the Customers view into this folder."),
        tr("folder"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                       tr("Quit after this many seconds (with --screenshot-dir, after saving)."),
                                       tr("seconds"));
    QStringList keys;
    for (int i = 0; i < int(DashboardId::Count); ++i)
        keys.append(DashboardCatalogue::key(DashboardId(i)));
    const QCommandLineOption dashboard(
        QStringLiteral("dashboard"),
        tr("Dashboard to show first: %1 (default: the last one shown).").arg(keys.join(QStringLiteral(", "))),
        tr("name"));
    const QCommandLineOption metricsListen(
        QStringLiteral("metrics-listen"),
        tr("Serve the engine's metrics in the Prometheus text format at this loopback address, such as "
           "127.0.0.1:9464."),
        tr("address"));
    parser.addOptions({demo, noDemo, demoRate, dataDir, screenshotDir, quitAfter, dashboard, metricsListen});

    ConsoleArguments result;
    auto usageError = [&](const QString &message) {
        result.exit = true;
        result.exitCode = 2;
        result.output = message + QLatin1Char('\n') + tr("Run with --help to list the options.") + QLatin1Char('\n');
        return result;
    };

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        result.exit = true;
        result.output = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.exit = true;
        result.output = QCoreApplication::applicationName() + QLatin1Char(' ')
            + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().first()));
    if (parser.isSet(demo) && parser.isSet(noDemo))
        return usageError(tr("Options --demo and --no-demo exclude each other; pass one of them."));

    ConsoleOptions &options = result.options;
    options.demo = !parser.isSet(noDemo);
    if (parser.isSet(demoRate)) {
        bool ok = false;
        const double rate = parser.value(demoRate).toDouble(&ok);
        if (!ok || rate < DemoWorkload::kMinimumRate || rate > DemoWorkload::kMaximumRate)
            return usageError(tr("Option --demo-rate is \"%1\"; use a number of events per second from %2 to %3.")
                                  .arg(parser.value(demoRate))
                                  .arg(DemoWorkload::kMinimumRate)
                                  .arg(DemoWorkload::kMaximumRate));
        options.demoRate = rate;
    }
    options.dataDir = parser.value(dataDir);
    if (!options.dataDir.isEmpty()) {
        // Checked here, because without a usable folder the engine never
        // starts and every panel would only wait for it.
        const QFileInfo folder(options.dataDir);
        if (folder.exists() && !folder.isDir())
            return usageError(tr("Option --data-dir is \"%1\", which is a file; give a folder.").arg(options.dataDir));
        if (!folder.exists() && !QDir().mkpath(options.dataDir))
            return usageError(tr("Option --data-dir is \"%1\", and that folder cannot be created; check that its "
                                 "parent folder exists and is writable, or choose another folder.")
                                  .arg(options.dataDir));
        if (!QFileInfo(options.dataDir).isWritable())
            return usageError(tr("Option --data-dir is \"%1\", and that folder is not writable for this user; "
                                 "choose another folder.")
                                  .arg(options.dataDir));
    }
    options.screenshotDir = parser.value(screenshotDir);
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        const double seconds = parser.value(quitAfter).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 7 * 24 * 3600)
            return usageError(tr("Option --quit-after is \"%1\"; use a number of seconds greater than 0.")
                                  .arg(parser.value(quitAfter)));
        options.quitAfterSeconds = seconds;
    }
    if (!options.screenshotDir.isEmpty() && options.quitAfterSeconds <= 0)
        return usageError(tr("Option --screenshot-dir needs --quit-after, which sets when the screenshots are taken."));
    if (parser.isSet(dashboard)) {
        options.dashboard = parser.value(dashboard);
        if (!keys.contains(options.dashboard))
            return usageError(tr("Option --dashboard is \"%1\"; use one of %2.")
                                  .arg(options.dashboard, keys.join(QStringLiteral(", "))));
    }
    if (parser.isSet(metricsListen)) {
        options.metricsListen = parser.value(metricsListen);
        std::string host;
        int port = 0;
        if (!splitHostPort(options.metricsListen.toStdString(), host, port) || !isLoopbackHost(host))
            return usageError(tr("Option --metrics-listen is \"%1\"; use a loopback address with a port, such as "
                                 "127.0.0.1:9464 or [::1]:9464.")
                                  .arg(options.metricsListen));
    }
    return result;
}

bool ConsoleCommandLine::requestsHelpOrVersion(const QStringList &arguments)
{
    // The options of QCommandLineParser::addHelpOption() and addVersionOption().
    static const QStringList options = {QStringLiteral("-h"),        QStringLiteral("--help"),
                                        QStringLiteral("-?"),        QStringLiteral("--help-all"),
                                        QStringLiteral("-v"),        QStringLiteral("--version")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--"))
            return false;
        if (options.contains(arguments.at(i)))
            return true;
    }
    return false;
}

} // namespace umg
