#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace umg {

/// Command-line options of the console.
struct ConsoleOptions
{
    /// Feed the embedded engine with the demo workload from the start.
    bool demo = true;
    /// Demo rate in events per second; unset keeps the last rate used.
    std::optional<double> demoRate;
    /// Folder of the engine database, metric history and customer records;
    /// empty means the application data folder.
    QString dataDir;
    /// Save one PNG per dashboard and the Customers view here before quitting.
    QString screenshotDir;
    /// Quit after this many seconds; 0 runs until the window closes.
    double quitAfterSeconds = 0;
    /// Key of the dashboard to show first (see DashboardCatalogue::key);
    /// empty restores the last one.
    QString dashboard;
    /// Serve the engine's metrics at this loopback address, such as 127.0.0.1:9464.
    QString metricsListen;
};

/// The outcome of parsing the command line.
struct ConsoleArguments
{
    ConsoleOptions options;
    /// True for --help, --version and invalid usage: print `output` and exit with `exitCode`.
    bool exit = false;
    int exitCode = 0;
    QString output;
};

class ConsoleCommandLine
{
    Q_DECLARE_TR_FUNCTIONS(umg::ConsoleCommandLine)

public:
    /// Parses `arguments` (the program name first). Never exits the process.
    static ConsoleArguments parse(const QStringList &arguments);
    /// True when `arguments` (the program name first) contain a help or
    /// version option, which parse() handles without a display.
    static bool requestsHelpOrVersion(const QStringList &arguments);
};

} // namespace umg
