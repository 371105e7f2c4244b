#include "reports/reportcommand.h"

#include "reports/customerreport.h"
#include "reports/dashboardreport.h"
#include "reports/goalreport.h"
#include "reports/loadtestreport.h"
#include "reports/reportfiles.h"
#include "reports/reportwriter.h"

#include "customers/customerstore.h"
#include "history/metrichistory.h"
#include "loadtest/loadteststore.h"
#include "model/timestamp.h"
#include "node/arguments.h"
#include "storage/store.h"
#include "util/log.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLoggingCategory>

#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace umg::reports {
namespace {

using node::Arguments;
using node::UsageError;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::ReportCommand)
};

constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kMinRangeMs = kMinuteMs;
constexpr qint64 kMaxRangeMs = 7 * 24 * 60 * kMinuteMs;
constexpr qint64 kDefaultRangeMs = 60 * kMinuteMs;

enum class ReportType { Dashboard, LoadTest, Customer, Goals };

[[noreturn]] void usageError(const QString &message)
{
    throw UsageError(message.toStdString());
}

[[noreturn]] void failure(const QString &message)
{
    throw std::runtime_error(message.toStdString());
}

QString option(const Arguments &arguments, const char *name)
{
    const auto value = arguments.value(name);
    return value ? QString::fromStdString(*value) : QString();
}

QString requiredOption(const Arguments &arguments, const char *name, const QString &hint)
{
    const QString value = option(arguments, name);
    if (value.isEmpty())
        usageError(Text::tr("option %1 is required: %2").arg(QString::fromLatin1(name), hint));
    return value;
}

ReportType parseType(const QString &text)
{
    if (text == QLatin1String("dashboard"))
        return ReportType::Dashboard;
    if (text == QLatin1String("loadtest"))
        return ReportType::LoadTest;
    if (text == QLatin1String("customer"))
        return ReportType::Customer;
    if (text == QLatin1String("goals"))
        return ReportType::Goals;
    usageError(Text::tr("option --type is \"%1\"; use dashboard, loadtest, customer or goals").arg(text));
}

// The node prints nothing from the reports library below the level of
// --log-level, which is warning by default.
void applyLogLevel(const Arguments &arguments)
{
    log::Level level = log::Level::Warning;
    if (const auto text = arguments.value("--log-level")) {
        if (!log::parseLevel(*text, level))
            usageError(Text::tr("option --log-level is \"%1\"; use debug, info, warning or error")
                           .arg(QString::fromStdString(*text)));
    }
    log::setMinimumLevel(level);
    QString rules;
    if (level > log::Level::Debug)
        rules += QStringLiteral("umg.*.debug=false\n");
    if (level > log::Level::Info)
        rules += QStringLiteral("umg.*.info=false\n");
    if (level > log::Level::Warning)
        rules += QStringLiteral("umg.*.warning=false\n");
    QLoggingCategory::setFilterRules(rules);
}

// Starts the application object the report needs, unless one runs already:
// a QGuiApplication for PDF (fonts), on the offscreen platform so that no
// display is needed, and a QCoreApplication otherwise.
std::unique_ptr<QCoreApplication> startApplication(ReportFormat format)
{
    static int argc = 1;
    static char name[] = "unmogrowp-node";
    static char *argv[] = {name, nullptr};
    if (QCoreApplication *existing = QCoreApplication::instance()) {
        if (format == ReportFormat::Pdf && !qobject_cast<QGuiApplication *>(existing))
            failure(Text::tr("A PDF report needs a QGuiApplication, but this process runs a QCoreApplication."));
        return nullptr;
    }
    if (format != ReportFormat::Pdf)
        return std::make_unique<QCoreApplication>(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    // While it picks the platform, Qt 6.4 looks for a Wayland socket in the
    // runtime folder and warns when XDG_RUNTIME_DIR is unset, as it is for
    // services and cron jobs. The offscreen platform never uses that
    // folder, so that one warning is dropped.
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
            return;
        if (previous)
            previous(type, context, message);
    });
    auto application = std::make_unique<QGuiApplication>(argc, argv);
    qInstallMessageHandler(previous);
    return application;
}

qint64 parseEnd(const Arguments &arguments)
{
    const auto text = arguments.value("--end");
    if (!text)
        return QDateTime::currentMSecsSinceEpoch();
    if (const auto rfc3339 = parseRfc3339(*text))
        return *rfc3339;
    if (const auto millis = parseEpochMillis(*text))
        return *millis;
    usageError(Text::tr("option --end is \"%1\"; use an RFC 3339 time such as 2026-11-01T12:00:00Z or milliseconds "
                        "since the Unix epoch")
                   .arg(QString::fromStdString(*text)));
}

qint64 parseRange(const Arguments &arguments)
{
    const auto text = arguments.value("--range");
    if (!text)
        return kDefaultRangeMs;
    const auto millis = parseDuration(*text);
    if (!millis || *millis < kMinRangeMs || *millis > kMaxRangeMs)
        usageError(Text::tr("option --range is \"%1\"; use a duration from 1m to 7d, such as 15m, 1h or 7d")
                       .arg(QString::fromStdString(*text)));
    return *millis;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

void requireFile(const QString &path, const QString &description, const QString &fix)
{
    if (!QFileInfo(path).isFile())
        failure(Text::tr("%1 %2 does not exist; %3").arg(description, native(path), fix));
}

/// Paths and time range shared by the report types.
struct Sources
{
    QString database;
    QString history;
    QString customers;
    QString runs;
    qint64 endMs = 0;
    qint64 rangeMs = kDefaultRangeMs;
};

// --history, else the file `serve` records its alert history in (the
// --alert-history default, DB.alert-history) when it exists.
QString historyPath(const Arguments &arguments, const QString &database)
{
    const QString explicitPath = option(arguments, "--history");
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString besideDatabase = database + QStringLiteral(".alert-history");
    return QFileInfo(besideDatabase).isFile() ? besideDatabase : QString();
}

std::shared_ptr<const MetricHistory> openHistory(const QString &path)
{
    requireFile(path, Text::tr("The metric history"),
                Text::tr("pass --history with the console's history.db or a node's --alert-history file."));
    if (!databaseHasTable(path, QStringLiteral("history_series")))
        failure(Text::tr("%1 contains no metric history; pass --history with the console's history.db or a node's "
                         "--alert-history file.")
                    .arg(native(path)));
    return std::make_shared<const MetricHistory>(path.toStdString());
}

CustomerRecords readCustomers(const QString &path)
{
    requireFile(path, Text::tr("The customer database"),
                Text::tr("pass --customers with the console's customers.db."));
    if (!databaseHasTable(path, QStringLiteral("customers")))
        failure(Text::tr("%1 contains no pilot-customer records; pass --customers with the console's customers.db.")
                    .arg(native(path)));
    return CustomerStore(path.toStdString()).all();
}

void requireEngineDatabase(const QString &path)
{
    requireFile(path, Text::tr("The engine database"),
                Text::tr("pass --db with the database of unmogrowp-node serve or replay, or the console's engine.db."));
    if (!databaseHasTable(path, QStringLiteral("installs")))
        failure(Text::tr("%1 is not an engine database (it has no installs table); pass --db with the database of "
                         "unmogrowp-node serve or replay, or the console's engine.db.")
                    .arg(native(path)));
}

Date dayOf(qint64 msSinceEpoch)
{
    return std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(msSinceEpoch)));
}

Report dashboardReport(const Arguments &arguments, const Sources &sources)
{
    QString key = requiredOption(arguments, "--dashboard",
                                 Text::tr("performance, customer-success, load-testing or onboarding"));
    if (key == QLatin1String("onboarding"))
        key = QStringLiteral("customer-onboarding");
    const dashboards::Dashboard *dashboard = dashboards::findDashboard(key.toStdString());
    if (!dashboard)
        usageError(Text::tr("option --dashboard is \"%1\"; use performance, customer-success, load-testing or "
                            "onboarding")
                       .arg(key));
    if (sources.history.isEmpty())
        failure(Text::tr("A dashboard report reads the metric history, and none was found: pass --history with the "
                         "console's history.db or a node's --alert-history file (the default is %1.alert-history).")
                    .arg(native(sources.database)));

    DashboardReportInput input;
    input.dashboard = *dashboard;
    input.query = historyQueries(openHistory(sources.history));
    input.sourceName = Text::tr("Metric history %1").arg(native(sources.history));
    if (!sources.customers.isEmpty()) {
        input.records = readCustomers(sources.customers);
        input.recordsSource = native(sources.customers);
    }
    input.endMs = sources.endMs;
    input.rangeMs = sources.rangeMs;
    input.generatedAtMs = QDateTime::currentMSecsSinceEpoch();
    return buildDashboardReport(input);
}

std::unique_ptr<LoadTestStore> openRuns(const QString &path)
{
    requireFile(path, Text::tr("The load-test database"),
                Text::tr("pass --runs (or --db) with the database of unmogrowp-node loadtest --db, or the console's "
                         "customers.db."));
    if (!databaseHasTable(path, QStringLiteral("load_test_runs")))
        return nullptr;
    return std::make_unique<LoadTestStore>(path.toStdString());
}

Report loadTestReport(const Arguments &arguments, const Sources &sources)
{
    const std::unique_ptr<LoadTestStore> store = openRuns(sources.runs);
    if (!store)
        failure(Text::tr("%1 holds no load-test runs; pass --runs with the database of unmogrowp-node loadtest --db "
                         "or the console's customers.db.")
                    .arg(native(sources.runs)));
    std::int64_t id = arguments.integer("--run", 0, 1, std::numeric_limits<std::int64_t>::max());
    if (id == 0) {
        const std::vector<LoadTestRunRow> newest = store->list(1);
        if (newest.empty())
            failure(Text::tr("%1 holds no load-test runs yet; run unmogrowp-node loadtest --db %1 first.")
                        .arg(native(sources.runs)));
        id = newest.front().id;
    }
    const std::optional<LoadTestResult> run = store->load(id);
    if (!run)
        failure(Text::tr("%1 has no load-test run %2; unmogrowp-node loadtest --db %1 --list lists the runs.")
                    .arg(native(sources.runs))
                    .arg(id));
    return buildLoadTestReport(*run, QDateTime::currentMSecsSinceEpoch(), native(sources.runs));
}

Report customerReport(const Arguments &arguments, const Sources &sources)
{
    const QString customerId = requiredOption(arguments, "--customer", Text::tr("the id of a pilot customer"));
    if (sources.customers.isEmpty())
        usageError(Text::tr("option --customers is required for a customer report: the console's customers.db"));
    const CustomerRecords records = readCustomers(sources.customers);
    const CustomerRecord *record = nullptr;
    QStringList known;
    for (const CustomerRecord &candidate : records) {
        known.append(QString::fromStdString(candidate.customerId));
        if (QString::fromStdString(candidate.customerId) == customerId)
            record = &candidate;
    }
    if (!record)
        failure(Text::tr("%1 has no customer \"%2\"; its customers are: %3.")
                    .arg(native(sources.customers), customerId,
                         known.isEmpty() ? Text::tr("none") : known.join(QStringLiteral(", "))));

    requireEngineDatabase(sources.database);
    CustomerEngineFigures engine;
    readEngineCounts(sources.database, customerId, engine);
    engine.engineSource = Text::tr("Event volume and accuracy: every day stored in the engine database %1.")
                              .arg(native(sources.database));
    if (sources.history.isEmpty()) {
        engine.latencySource = Text::tr("No metric history was given (--history), so the latency is unknown.");
    } else {
        readCustomerLatency(historyQueries(openHistory(sources.history)), customerId, sources.endMs, sources.rangeMs,
                            engine);
    }
    return buildCustomerReport(*record, dayOf(sources.endMs), engine, QDateTime::currentMSecsSinceEpoch(),
                               native(sources.customers));
}

Report goalReport(const Arguments &arguments, const Sources &sources)
{
    GoalInputs inputs;
    inputs.endMs = sources.endMs;
    inputs.rangeMs = sources.rangeMs;
    inputs.asOf = dayOf(sources.endMs);

    requireEngineDatabase(sources.database);
    inputs.accuracy = readAccuracyCounts(sources.database);
    inputs.accuracySource = Text::tr("engine database %1").arg(native(sources.database));

    if (!sources.history.isEmpty()) {
        inputs.history = historyQueries(openHistory(sources.history));
        inputs.historySource = native(sources.history);
    }
    if (!sources.customers.isEmpty()) {
        inputs.records = readCustomers(sources.customers);
        inputs.recordsSource = native(sources.customers);
    }
    if (const std::unique_ptr<LoadTestStore> store = openRuns(sources.runs)) {
        const std::int64_t id = arguments.integer("--run", 0, 1, std::numeric_limits<std::int64_t>::max());
        if (id > 0) {
            inputs.loadTest = store->load(id);
            if (!inputs.loadTest)
                failure(Text::tr("%1 has no load-test run %2; unmogrowp-node loadtest --db %1 --list lists the runs.")
                            .arg(native(sources.runs))
                            .arg(id));
        } else {
            inputs.loadTest = newestCompletedRun(*store);
        }
        inputs.loadTestSource = native(sources.runs);
    }
    const GoalEvaluation evaluation = evaluateGoals(inputs);
    return buildGoalReport(evaluation, inputs, QDateTime::currentMSecsSinceEpoch());
}

// A QString function, because lupdate does not resolve Text::tr inside a
// function whose return type is qualified with std::.
QString usageText()
{
    return Text::tr(R"(usage: unmogrowp-node report --type TYPE --format pdf|html|csv --out FILE --db PATH [options]

Writes a report without a display (docs/REPORTS.md describes the reports and the goal score).

Report types:
  dashboard      one dashboard for its time range: every panel's value, target and state, with charts
  loadtest       one stored load-test run with its validation table
  customer       the customer-success report of one pilot customer
  goals          the pilot programme's goals with measured values, pass or fail, and the weighted score

Options:
  --type TYPE                 dashboard, loadtest, customer or goals (required)
  --format FORMAT             pdf, html or csv (required)
  --out FILE                  file to write; replaced only once the report is complete (required)
  --db PATH                   engine database of unmogrowp-node serve or replay, or the console's engine.db
                              (required); read-only. Customer and goal reports count event volume and
                              attribution accuracy in it; load-test runs are read from it unless --runs is given
  --history PATH              metric history: the console's history.db, or a node's --alert-history file
                              (default: PATH.alert-history beside --db, when it exists); needed by dashboards,
                              and by the latency, uptime and error-rate figures of the other reports
  --customers PATH            pilot-customer records: the console's customers.db; needed by customer reports,
                              and by the customer panels and goals
  --runs PATH                 load-test runs: the database of unmogrowp-node loadtest --db, or the console's
                              customers.db (default: --db)
  --dashboard NAME            dashboard reports: performance, customer-success, load-testing or onboarding
  --customer ID               customer reports: the customer id
  --run ID                    loadtest reports: the run (default: the newest); goal reports: the run that
                              measures throughput and latency (default: the newest completed run)
  --range DURATION            time range of the metric history, from 1m to 7d (default 1h)
  --end TIME                  end of the time range and day of the customer records, RFC 3339 or milliseconds
                              since the Unix epoch (default: now)
  --log-level LEVEL           debug, info, warning or error (default warning)
  --quiet                     print nothing on success
  Exit status: 0 when the report was written, 1 when a database could not be read or the file could not be
  written, 2 for invalid usage. The program uses Qt's offscreen platform unless QT_QPA_PLATFORM is set.
)");
}

} // namespace

std::string reportUsage()
{
    return usageText().toStdString();
}

int runReportCommand(const std::vector<std::string> &args)
{
    const Arguments arguments(args,
                              {"--type", "--format", "--out", "--db", "--history", "--customers", "--runs",
                               "--dashboard", "--customer", "--run", "--range", "--end", "--log-level"},
                              {"--quiet"});
    if (!arguments.positional().empty())
        usageError(Text::tr("unexpected argument \"%1\"; see unmogrowp-node report --help")
                       .arg(QString::fromStdString(arguments.positional().front())));
    applyLogLevel(arguments);

    const ReportType type = parseType(requiredOption(arguments, "--type", Text::tr("dashboard, loadtest, customer or goals")));
    const QString formatText = requiredOption(arguments, "--format", Text::tr("pdf, html or csv"));
    const std::optional<ReportFormat> format = parseFormat(formatText);
    if (!format)
        usageError(Text::tr("option --format is \"%1\"; use pdf, html or csv").arg(formatText));
    const QString out = requiredOption(arguments, "--out", Text::tr("the file to write"));

    Sources sources;
    sources.database = requiredOption(arguments, "--db", Text::tr("the engine database (see --help)"));
    sources.history = historyPath(arguments, sources.database);
    sources.customers = option(arguments, "--customers");
    sources.runs = option(arguments, "--runs");
    if (sources.runs.isEmpty())
        sources.runs = sources.database;
    sources.endMs = parseEnd(arguments);
    sources.rangeMs = parseRange(arguments);

    const std::unique_ptr<QCoreApplication> application = startApplication(*format);

    Report report;
    switch (type) {
    case ReportType::Dashboard:
        report = dashboardReport(arguments, sources);
        break;
    case ReportType::LoadTest:
        report = loadTestReport(arguments, sources);
        break;
    case ReportType::Customer:
        report = customerReport(arguments, sources);
        break;
    case ReportType::Goals:
        report = goalReport(arguments, sources);
        break;
    }

    QString error;
    if (!writeReport(report, *format, out, &error))
        failure(error);
    if (!arguments.has("--quiet")) {
        std::printf("%s\n", qPrintable(Text::tr("Wrote the %1 report as %2 to %3.")
                                           .arg(report.kind, formatKey(*format).toUpper(), native(out))));
    }
    return 0;
}

} // namespace umg::reports
