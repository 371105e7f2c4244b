// Exported reports from known data: `unmogrowp-node report` writes each
// report type in each format without a display, and the numbers are read
// back from the PDF (pdftotext), the HTML and the CSV and compared with the
// data: a replayed generated workload in a temporary engine database, the
// demo customers, a stored load-test run and a metric history whose series
// rise at known rates. Also the goal score's weights, the writers and the
// command's errors.

#include "reportfixture.h"

#include "customers/customerstore.h"
#include "customers/democustomers.h"
#include "customers/healthscore.h"
#include "loadtest/loadteststore.h"
#include "reports/csvwriter.h"
#include "reports/goalreport.h"
#include "reports/htmlwriter.h"
#include "reports/reportwriter.h"

#include <sys/stat.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <chrono>
#include <cmath>

using namespace umg;
using namespace umg::test;

namespace {

bool near(double actual, double expected, double relative = 1e-6)
{
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

QString describe(double actual, double expected)
{
    return QStringLiteral("actual %1, expected %2").arg(actual, 0, 'g', 12).arg(expected, 0, 'g', 12);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Date dayOf(qint64 ms)
{
    return std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
}

// What the goal report must show, computed here from the same data.
struct ExpectedGoal
{
    QString key;
    double measured = 0;
    bool passed = false;
    double points = 0;
};

} // namespace

class ReportsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void goalReport_data();
    void goalReport();
    void dashboardReport_data();
    void dashboardReport();
    void dashboardRecordPanels();
    void loadTestReport_data();
    void loadTestReport();
    void customerReport_data();
    void customerReport();

    void pdfWithoutDisplay();
    void helpListsOptions();
    void unwritableOutput_data();
    void unwritableOutput();
    void usageErrors_data();
    void usageErrors();
    void dataErrors_data();
    void dataErrors();

    void goalScoreWeights();
    void latencyGoalNeedsP99();
    void targetStates_data();
    void targetStates();
    void csvQuotesFields();
    void htmlEscapesText();
    void pdfTableContinuesOnNextPage();
    void pdfCutsLongText();
    void writerNamesMissingFolder();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QStringList sourceArguments() const;
    QString writeReport(const QString &name, const QStringList &arguments);
    QList<ExpectedGoal> expectedGoals() const;

    QTemporaryDir m_dir;
    qint64 m_endMs = 0;
    Date m_today;
    std::vector<CustomerRecord> m_records;
    qint64 m_runId = 0;
    double m_referenceInstalls = 0;
    double m_referenceAgreements = 0;
};

void ReportsTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(qEnvironmentVariable("UMG_NODE_BINARY")).isExecutable(), "UMG_NODE_BINARY is not set");
    m_endMs = QDateTime::currentMSecsSinceEpoch() / 60'000 * 60'000;
    m_today = dayOf(m_endMs);

    const NodeRun generated = runNode({"generate", "--events", "40000", "--devices", "20000", "--seed", "3", "--out",
                                       path("events.ndjson")});
    QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));
    const NodeRun replayed = runNode({"replay", path("events.ndjson"), "--db", path("engine.db"), "--quiet"});
    QVERIFY2(replayed.exitCode == 0, qPrintable(replayed.err));

    {
        CustomerStore customers(path("customers.db").toStdString());
        QVERIFY(customers.seedDemoCustomers(m_today));
        m_records = customers.all();
        LoadTestStore runs(path("customers.db").toStdString());
        m_runId = runs.save(knownRun(m_endMs - 10 * 60'000));
    }
    QCOMPARE(m_records.size(), size_t(5));
    writeKnownHistory(path("history.db"), m_endMs);

    const QString engine = path("engine.db");
    m_referenceInstalls = sqlNumber(engine, "SELECT COUNT(*) FROM installs WHERE reference_touch_id IS NOT NULL");
    m_referenceAgreements = sqlNumber(
        engine, "SELECT COUNT(*) FROM installs WHERE reference_touch_id IS NOT NULL AND "
                "((reference_touch_id = '' AND COALESCE(touch_event_id, '') = '') OR touch_event_id = reference_touch_id)");
    QVERIFY2(m_referenceInstalls > 100, "the generated workload has installs with a reference attribution");
}

QStringList ReportsTest::sourceArguments() const
{
    return {"--db", path("engine.db"), "--history", path("history.db"), "--customers", path("customers.db"), "--runs",
            path("customers.db"), "--end", QString::number(m_endMs)};
}

// Runs the node with `arguments` plus --out and returns the file, or an
// empty string after a failed check.
QString ReportsTest::writeReport(const QString &name, const QStringList &arguments)
{
    const QString out = path(name);
    QFile::remove(out);
    const NodeRun run = runNode(QStringList{"report"} + arguments + QStringList{"--out", out});
    if (run.exitCode != 0) {
        qWarning().noquote() << "report failed with status" << run.exitCode << run.err;
        return {};
    }
    if (!run.out.contains(out)) {
        qWarning().noquote() << "the node did not name the file it wrote:" << run.out;
        return {};
    }
    return QFileInfo::exists(out) ? out : QString();
}

QList<ExpectedGoal> ReportsTest::expectedGoals() const
{
    const LoadTestResult run = knownRun(0);
    const double accuracy = 100.0 * m_referenceAgreements / m_referenceInstalls;
    double satisfaction = 0;
    double savings = 0;
    double launchDays = 0;
    int launched = 0;
    int successful = 0;
    for (const CustomerRecord &record : m_records) {
        satisfaction += *record.latestSatisfaction(m_today);
        savings += *record.costSavingsPercent();
        if (const auto launch = record.stageDate(OnboardingStage::Launch)) {
            launchDays += double((*launch - *record.stageDate(OnboardingStage::Discovery)).count());
            ++launched;
        }
        successful += record.successful();
    }
    const double count = double(m_records.size());
    const double p95 = run.figures[Figure::LatencyP95];
    const double p99 = run.figures[Figure::LatencyP99];
    QList<ExpectedGoal> goals = {
        {"event_throughput", run.figures[Figure::Throughput], run.figures[Figure::Throughput] >= 1'000'000, 8},
        {"p95_latency", p95, p95 < 100 && p99 < 200, 8},
        {"uptime", 100, true, 8},
        {"attribution_accuracy", accuracy, accuracy > 99, 8},
        {"error_rate", kErrorRatePercent, kErrorRatePercent < 0.1, 8},
        {"pilot_customers", count, count >= 5, 12},
        {"customer_satisfaction", satisfaction / count, satisfaction / count > 90, 12},
        {"cost_savings", savings / count, savings / count >= 30 && savings / count <= 50, 12},
        {"time_to_launch", launchDays / launched, launchDays / launched < 14, 12},
        {"successful_pilots", 100.0 * successful / count, 100.0 * successful / count > 80, 12},
    };
    return goals;
}

void ReportsTest::goalReport_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("pdf") << "pdf";
    QTest::newRow("html") << "html";
    QTest::newRow("csv") << "csv";
}

void ReportsTest::goalReport()
{
    QFETCH(QString, format);
    const QString file = writeReport("goals." + format, QStringList{"--type", "goals", "--format", format, "--range",
                                                                    "15m"}
                                                            + sourceArguments());
    QVERIFY(!file.isEmpty());

    const QList<ExpectedGoal> goals = expectedGoals();
    double score = 0;
    for (const ExpectedGoal &goal : goals)
        score += goal.passed ? goal.points : 0;
    QVERIFY2(score > 0 && score < 100, "the data has goals both met and missed");

    if (format == "csv") {
        const ReportCsv csv(readFile(file));
        QVERIFY(csv.hasHeader());
        for (const ExpectedGoal &goal : goals) {
            const double measured = csv.number("goals", "goals", goal.key, "measured");
            QVERIFY2(near(measured, goal.measured, 1e-9), qPrintable(goal.key + ": " + describe(measured, goal.measured)));
            QCOMPARE(csv.number("goals", "goals", goal.key, "result"), goal.passed ? 1.0 : 0.0);
            QCOMPARE(csv.number("goals", "goals", goal.key, "points"), goal.passed ? goal.points : 0.0);
        }
        QCOMPARE(csv.number("score", "score", "overall", "points"), score);
        QCOMPARE(csv.number("score", "score", "technical", "maximum"), 40.0);
        QCOMPARE(csv.number("score", "score", "customer", "maximum"), 60.0);
        QCOMPARE(csv.number("report", "facts", "score", "value"), score);
        QVERIFY(csv.text("goals", "sources", "event_throughput", "source")->contains("load-test run"));
        QVERIFY(csv.text("goals", "sources", "uptime", "source")->contains("up{job=\"unmogrowp\"}"));
    } else if (format == "pdf") {
        const std::optional<QString> text = pdfText(file);
        QVERIFY2(text, "pdftotext could not read the PDF");
        QVERIFY(text->contains("Pilot programme: goals and score"));
        QVERIFY2(text->contains("Overall score: " + formatted(score, 0) + " of 100"), qPrintable(*text));
        QVERIFY2(text->contains(formatted(1'250'000, 0) + " events/s"), qPrintable(*text));
        QVERIFY(text->contains(formatted(42.5, 2) + " ms"));
        QVERIFY(text->contains(formatted(kErrorRatePercent, 3) + " %"));
        QVERIFY(text->contains(formatted(expectedGoals()[3].measured, 3) + " %"));
        QVERIFY(text->contains(formatted(60, 1) + " %"));
        QVERIFY(text->contains("Pass"));
        QVERIFY(text->contains("Fail"));
        QVERIFY(text->contains("Method"));
    } else {
        const QString html = QString::fromUtf8(readFile(file));
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(html.contains("<section id=\"goals\">"));
        QVERIFY(html.contains("<caption>Goals</caption>"));
        QVERIFY(html.contains(formatted(1'250'000, 0) + " events/s"));
        QVERIFY(html.contains("class=\"number pass\""));
        QVERIFY(html.contains("class=\"number fail\""));
        QVERIFY2(!html.contains("src=\"http"), "the page loads nothing from elsewhere");
    }
}

void ReportsTest::dashboardReport_data()
{
    goalReport_data();
}

void ReportsTest::dashboardReport()
{
    QFETCH(QString, format);
    const QString file = writeReport("performance." + format,
                                     QStringList{"--type", "dashboard", "--dashboard", "performance", "--format",
                                                 format, "--range", "15m"}
                                         + sourceArguments());
    QVERIFY(!file.isEmpty());
    const QStringList panels = {"event-rate", "p95-latency", "uptime", "accuracy", "throughput",
                                "latency-percentiles", "error-rate", "memory", "active-connections",
                                "service-health", "install-outcomes", "fraud-flags"};

    if (format == "csv") {
        const ReportCsv csv(readFile(file));
        QVERIFY(csv.hasHeader());
        for (const QString &panel : panels)
            QVERIFY2(csv.sections().contains(panel), qPrintable(panel));
        const double rate = csv.number("event-rate", "values", "value", "value");
        QVERIFY2(near(rate, kEventsPerSecond), qPrintable(describe(rate, kEventsPerSecond)));
        QCOMPARE(csv.number("event-rate", "values", "value", "state"), 0.0);
        QVERIFY(near(csv.number("overview", "overview", "event-rate", "value"), kEventsPerSecond));
        const double p95 = csv.number("p95-latency", "values", "value", "value");
        QVERIFY2(near(p95, kLatencyP95Ms), qPrintable(describe(p95, kLatencyP95Ms)));
        QCOMPARE(csv.number("uptime", "values", "value", "value"), 100.0);
        QVERIFY(near(csv.number("accuracy", "values", "value", "value"), 99.5));
        const double errors = csv.number("error-rate", "values", "Rejected", "value");
        QVERIFY2(near(errors, kErrorRatePercent), qPrintable(describe(errors, kErrorRatePercent)));
        QVERIFY(near(csv.number("throughput", "values", "click", "mean"),
                     kAcceptedClicksPerSecond + kRejectedPerSecond));
        QVERIFY(near(csv.number("latency-percentiles", "values", "P99", "maximum"), kLatencyP99Ms));
        QVERIFY(near(csv.number("memory", "values", "Resident memory", "value"), 256));
        const std::optional<QString> point =
            csv.value("throughput", "chart", "click", QDateTime::fromMSecsSinceEpoch(m_endMs, QTimeZone::utc())
                                                          .toString(Qt::ISODate));
        QVERIFY2(point, "the chart's points are in the CSV");
        QVERIFY(near(point->toDouble(), kAcceptedClicksPerSecond + kRejectedPerSecond));
    } else if (format == "pdf") {
        const std::optional<QString> text = pdfText(file);
        QVERIFY2(text, "pdftotext could not read the PDF");
        QVERIFY(text->contains("Dashboard: Performance"));
        QVERIFY(text->contains("Event processing rate"));
        QVERIFY2(text->contains(formatted(kEventsPerSecond, 0) + " events/s"), qPrintable(*text));
        QVERIFY(text->contains(formatted(kLatencyP95Ms, 1) + " ms"));
        QVERIFY(text->contains(formatted(100, 2) + " %"));
        QVERIFY(text->contains("Latency percentiles over time"));
        QVERIFY(text->contains("Fail"));
        QVERIFY(text->contains("15 minutes"));
    } else {
        const QString html = QString::fromUtf8(readFile(file));
        for (const QString &panel : panels)
            QVERIFY2(html.contains("<section id=\"" + panel + "\">"), qPrintable(panel));
        QVERIFY(html.count("<svg") >= 5);
        QVERIFY(html.count("<table>") >= panels.size());
        QVERIFY(html.contains(formatted(kEventsPerSecond, 0) + " events/s"));
    }
}

void ReportsTest::dashboardRecordPanels()
{
    const QString file = writeReport("customer-success.csv",
                                     QStringList{"--type", "dashboard", "--dashboard", "customer-success", "--format",
                                                 "csv"}
                                         + sourceArguments());
    QVERIFY(!file.isEmpty());
    const ReportCsv csv(readFile(file));
    double mrr = 0;
    for (const CustomerRecord &record : m_records)
        mrr += record.monthlyRecurringRevenue;
    QCOMPARE(csv.number("estimated-mrr", "values", "value", "value"), mrr);
    QVERIFY(near(csv.number("latency-per-customer", "values", "Acme Games", "value"), kAcmeLatencyP95Ms));

    const QString onboarding = writeReport("onboarding.csv", QStringList{"--type", "dashboard", "--dashboard",
                                                                         "onboarding", "--format", "csv"}
                                                                 + sourceArguments());
    QVERIFY(!onboarding.isEmpty());
    const ReportCsv onboardingCsv(readFile(onboarding));
    QCOMPARE(onboardingCsv.number("onboarding-funnel", "values", "Discovery", "value"), double(m_records.size()));
    QCOMPARE(onboardingCsv.number("success-flags", "flags", "Acme Games", "successful"), 1.0);
    QCOMPARE(onboardingCsv.number("success-flags", "flags", "Umbrella Travel", "successful"), 0.0);
}

void ReportsTest::loadTestReport_data()
{
    goalReport_data();
}

void ReportsTest::loadTestReport()
{
    QFETCH(QString, format);
    const QString file = writeReport("run." + format, QStringList{"--type", "loadtest", "--format", format, "--run",
                                                                  QString::number(m_runId)}
                                                          + sourceArguments());
    QVERIFY(!file.isEmpty());
    const LoadTestResult run = knownRun(0);

    if (format == "csv") {
        const ReportCsv csv(readFile(file));
        for (const CheckResult &check : run.checks) {
            const QString key = QString::fromUtf8(checkInfo(check.check).key.data());
            QVERIFY2(near(csv.number("validation", "checks", key, "measured"), check.measured), qPrintable(key));
            QCOMPARE(csv.number("validation", "checks", key, "result"), check.passed ? 1.0 : 0.0);
        }
        QCOMPARE(csv.number("report", "facts", "run", "value"), double(m_runId));
        QCOMPARE(csv.number("report", "facts", "passed", "value"), 1.0);
        QCOMPARE(csv.number("figures", "figures", "peak_resident_bytes", "value"), 512.0);
        QVERIFY(csv.value("charts", "throughput", "Processed",
                          QDateTime::fromMSecsSinceEpoch(m_endMs - 10 * 60'000 + 60'000, QTimeZone::utc())
                              .toString(Qt::ISODate)));
    } else if (format == "pdf") {
        const std::optional<QString> text = pdfText(file);
        QVERIFY2(text, "pdftotext could not read the PDF");
        QVERIFY(text->contains(QStringLiteral("Load-test run %1: nightly").arg(m_runId)));
        QVERIFY(text->contains(formatted(1'250'000, 0) + " events/s"));
        QVERIFY(text->contains(formatted(120.25, 2) + " ms"));
        QVERIFY(text->contains("P99 processing latency"));
        QVERIFY(text->contains("Pass"));
        QVERIFY(!text->contains("Fail"));
    } else {
        const QString html = QString::fromUtf8(readFile(file));
        QVERIFY(html.contains("<section id=\"validation\">"));
        QVERIFY(html.contains("<caption>Validation against the platform&#39;s targets</caption>")
                || html.contains("<caption>Validation against the platform's targets</caption>"));
        QCOMPARE(html.count("class=\"pass\">Pass</td>"), int(run.checks.size()));
        QVERIFY(html.count("<svg") >= 3);
    }

    // Without --run the newest run is reported.
    const QString newest = writeReport("newest.csv", QStringList{"--type", "loadtest", "--format", "csv"}
                                                         + sourceArguments());
    QVERIFY(!newest.isEmpty());
    QCOMPARE(ReportCsv(readFile(newest)).number("report", "facts", "run", "value"), double(m_runId));
}

void ReportsTest::customerReport_data()
{
    goalReport_data();
}

void ReportsTest::customerReport()
{
    QFETCH(QString, format);
    const QString file = writeReport("acme." + format, QStringList{"--type", "customer", "--customer", "acme-games",
                                                                   "--format", format}
                                                           + sourceArguments());
    QVERIFY(!file.isEmpty());
    const CustomerRecord &acme = m_records.front();
    QCOMPARE(acme.customerId, std::string("acme-games"));
    const HealthScore health = computeHealthScore(acme, m_today);
    const double volume = sqlNumber(path("engine.db"), "SELECT SUM(clicks + impressions + installs + in_app_events) "
                                                       "FROM aggregates WHERE customer_id = 'acme-games'");
    QVERIFY(volume > 0);

    if (format == "csv") {
        const ReportCsv csv(readFile(file));
        QCOMPARE(csv.number("summary", "summary", "health_score", "value"), health.score);
        QCOMPARE(csv.number("summary", "summary", "mrr", "value"), acme.monthlyRecurringRevenue);
        QCOMPARE(csv.number("summary", "summary", "satisfaction", "value"), *acme.latestSatisfaction(m_today));
        QVERIFY(near(csv.number("summary", "summary", "cost_savings", "value"), *acme.costSavingsPercent()));
        QCOMPARE(csv.number("summary", "summary", "successful", "value"), 1.0);
        QCOMPARE(csv.number("health", "health_components", "satisfaction", "points"), health.satisfactionPoints);
        QCOMPARE(csv.number("onboarding", "stages", "Launch", "days_since_discovery"), 11.0);
        QCOMPARE(csv.number("engine", "engine", "event_volume", "value"), volume);
        QCOMPARE(csv.number("engine", "engine", "latency_p95", "value"), kAcmeLatencyP95Ms);
        QCOMPARE(csv.number("tickets", "tickets", "ACME-114", "days_open"), 5.0);
        QVERIFY(csv.value("health", "health_history", "Acme Games",
                          QDateTime::fromMSecsSinceEpoch(
                              std::chrono::sys_time<std::chrono::milliseconds>(m_today + std::chrono::days(1))
                                      .time_since_epoch()
                                      .count()
                                  - 1,
                              QTimeZone::utc())
                              .toString(Qt::ISODate)));
    } else if (format == "pdf") {
        const std::optional<QString> text = pdfText(file);
        QVERIFY2(text, "pdftotext could not read the PDF");
        QVERIFY(text->contains("Customer success: Acme Games"));
        QVERIFY2(text->contains(formatted(health.score, 1)), qPrintable(*text));
        QVERIFY(text->contains(formatted(12'500, 0) + " per month"));
        QVERIFY(text->contains(formatted(volume, 0) + " events"));
        QVERIFY(text->contains(formatted(kAcmeLatencyP95Ms, 2) + " ms"));
        QVERIFY(text->contains("health = 30 x min(1, latest satisfaction / 90)"));
    } else {
        const QString html = QString::fromUtf8(readFile(file));
        QVERIFY(html.contains("<pre>health = 30 x min(1, latest satisfaction / 90)"));
        QVERIFY(html.contains("<section id=\"tickets\">"));
        QVERIFY(html.contains("ACME-114"));
        QVERIFY(html.contains(formatted(health.score, 1)));
    }
}

void ReportsTest::pdfWithoutDisplay()
{
    const QProcessEnvironment environment = headlessEnvironment();
    QVERIFY(!environment.contains("DISPLAY"));
    QVERIFY(!environment.contains("QT_QPA_PLATFORM"));
    const QString out = path("headless.pdf");
    const NodeRun run = runNode(QStringList{"report", "--type", "goals", "--format", "pdf", "--out", out, "--quiet"}
                                    + sourceArguments(),
                                environment);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), "--quiet prints nothing");
    QVERIFY(readFile(out).startsWith("%PDF-"));
}

void ReportsTest::helpListsOptions()
{
    const NodeRun help = runNode({"report", "--help"});
    QCOMPARE(help.exitCode, 0);
    for (const char *option : {"--type", "--format", "--out", "--db", "--history", "--customers", "--runs",
                               "--dashboard", "--customer", "--run", "--range", "--end"})
        QVERIFY2(help.out.contains(QLatin1String(option)), option);

    const NodeRun overview = runNode({"--help"});
    QCOMPARE(overview.exitCode, 0);
    QVERIFY(overview.out.contains("report               write a dashboard, load-test, customer or goal report"));
}

void ReportsTest::unwritableOutput_data()
{
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << path("no-such-folder/goals.pdf") << "does not exist";
    QTest::newRow("parent is a file") << path("engine.db/goals.pdf") << "is a file, not a folder";
    QTest::newRow("out is a folder") << m_dir.path() << "it is a folder";
    QTest::newRow("read-only folder") << path("read-only/goals.pdf") << "you may not write there";
    QTest::newRow("out is a fifo") << path("goals.fifo") << "not a regular file";
}

void ReportsTest::unwritableOutput()
{
    QFETCH(QString, out);
    QFETCH(QString, reason);
    if (QByteArray(QTest::currentDataTag()) == "read-only folder") {
        QDir().mkpath(path("read-only"));
        QFile::setPermissions(path("read-only"), QFile::ReadOwner | QFile::ExeOwner);
        if (QFileInfo(path("read-only")).isWritable())
            QSKIP("This user may write to read-only folders (root).");
    }
    if (QByteArray(QTest::currentDataTag()) == "out is a fifo") {
        // A FIFO takes the place of a device node, which must never be
        // replaced by a regular file.
        QVERIFY(QFileInfo(out).exists() || ::mkfifo(QFile::encodeName(out).constData(), 0600) == 0);
    }
    for (const QString &format : {QStringLiteral("pdf"), QStringLiteral("csv")}) {
        const NodeRun run = runNode(QStringList{"report", "--type", "goals", "--format", format, "--out", out}
                                    + sourceArguments());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith("unmogrowp-node report: Cannot write the report to"), qPrintable(run.err));
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        QVERIFY2(run.err.contains("Choose") || run.err.contains("Create") || run.err.contains("Add"),
                 qPrintable(run.err));
        QCOMPARE(run.err.count('\n'), 1);
    }
    QVERIFY(!QFileInfo(out).isFile());
}

void ReportsTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList out = {"--out", path("x.pdf"), "--db", path("engine.db")};
    QTest::newRow("no type") << (QStringList{"--format", "pdf"} + out) << "option --type is required";
    QTest::newRow("unknown type") << (QStringList{"--type", "weekly", "--format", "pdf"} + out)
                                  << "use dashboard, loadtest, customer or goals";
    QTest::newRow("unknown format") << (QStringList{"--type", "goals", "--format", "docx"} + out)
                                    << "use pdf, html or csv";
    QTest::newRow("no out") << QStringList{"--type", "goals", "--format", "pdf", "--db", path("engine.db")}
                            << "option --out is required";
    QTest::newRow("no db") << QStringList{"--type", "goals", "--format", "pdf", "--out", path("x.pdf")}
                           << "option --db is required";
    QTest::newRow("short range") << (QStringList{"--type", "goals", "--format", "pdf", "--range", "30s"} + out)
                                 << "use a duration from 1m to 7d";
    QTest::newRow("bad end") << (QStringList{"--type", "goals", "--format", "pdf", "--end", "yesterday"} + out)
                             << "use an RFC 3339 time";
    QTest::newRow("unknown dashboard")
        << (QStringList{"--type", "dashboard", "--dashboard", "sales", "--format", "pdf", "--history",
                        path("history.db")}
            + out)
        << "use performance, customer-success, load-testing or onboarding";
    QTest::newRow("unknown option") << (QStringList{"--type", "goals", "--format", "pdf", "--colour", "red"} + out)
                                    << "unknown option --colour";
}

void ReportsTest::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const NodeRun run = runNode(QStringList{"report"} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void ReportsTest::dataErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList out = {"--out", path("y.pdf")};
    QTest::newRow("unknown customer")
        << (QStringList{"--type", "customer", "--customer", "wayne-corp", "--format", "pdf", "--db", path("engine.db"),
                        "--customers", path("customers.db")}
            + out)
        << "its customers are: acme-games, globex-fintech";
    QTest::newRow("missing history")
        << (QStringList{"--type", "dashboard", "--dashboard", "performance", "--format", "pdf", "--db",
                        path("engine.db")}
            + out)
        << "pass --history";
    QTest::newRow("history is no history")
        << (QStringList{"--type", "dashboard", "--dashboard", "performance", "--format", "pdf", "--db",
                        path("engine.db"), "--history", path("engine.db")}
            + out)
        << "contains no metric history";
    QTest::newRow("db is no engine database")
        << (QStringList{"--type", "goals", "--format", "pdf", "--db", path("customers.db")} + out)
        << "is not an engine database";
    QTest::newRow("no runs")
        << (QStringList{"--type", "loadtest", "--format", "pdf", "--db", path("engine.db")} + out)
        << "holds no load-test runs";
    QTest::newRow("unknown run")
        << (QStringList{"--type", "loadtest", "--run", "999", "--format", "pdf", "--db", path("customers.db")} + out)
        << "has no load-test run 999";
    QTest::newRow("missing db")
        << (QStringList{"--type", "goals", "--format", "pdf", "--db", path("nothing.db")} + out) << "does not exist";
}

void ReportsTest::dataErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const NodeRun run = runNode(QStringList{"report"} + arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(path("y.pdf")));
}

void ReportsTest::goalScoreWeights()
{
    reports::GoalInputs nothing;
    nothing.endMs = m_endMs;
    nothing.asOf = m_today;
    const reports::GoalEvaluation empty = reports::evaluateGoals(nothing);
    QCOMPARE(empty.goals.size(), 10);
    QCOMPARE(empty.goalCount(reports::GoalGroup::Technical), 5);
    QCOMPARE(empty.goalCount(reports::GoalGroup::Customer), 5);
    QCOMPARE(empty.score(), 0.0);
    for (const reports::GoalResult &goal : empty.goals) {
        QVERIFY2(std::isnan(goal.measured), qPrintable(goal.key));
        QVERIFY2(!goal.source.isEmpty(), qPrintable(goal.key));
    }

    reports::GoalInputs technical = nothing;
    technical.loadTest = knownRun(m_endMs - 600'000);
    const reports::GoalEvaluation fromRun = reports::evaluateGoals(technical);
    // Throughput, latency, accuracy and error rate come from the run; uptime
    // needs the history.
    QCOMPARE(fromRun.passedCount(reports::GoalGroup::Technical), 4);
    QCOMPARE(fromRun.technicalPoints, 32.0);
    QCOMPARE(fromRun.customerPoints, 0.0);

    reports::GoalInputs customers = nothing;
    customers.records = m_records;
    const reports::GoalEvaluation fromRecords = reports::evaluateGoals(customers);
    // Every customer goal but the share of successful pilots (3 of 5).
    QCOMPARE(fromRecords.passedCount(reports::GoalGroup::Customer), 4);
    QCOMPARE(fromRecords.customerPoints, 48.0);
    QCOMPARE(fromRecords.score(), 48.0);
}

void ReportsTest::latencyGoalNeedsP99()
{
    reports::GoalInputs inputs;
    inputs.endMs = m_endMs;
    inputs.asOf = m_today;
    LoadTestResult run = knownRun(m_endMs - 600'000);
    run.figures[Figure::LatencyP99] = 250;
    inputs.loadTest = run;
    const reports::GoalEvaluation evaluation = reports::evaluateGoals(inputs);
    const reports::GoalResult &latency = evaluation.goals[1];
    QCOMPARE(latency.key, QStringLiteral("p95_latency"));
    QCOMPARE(latency.measured, 42.5);
    QVERIFY(!latency.passed);
    QVERIFY(latency.detail.contains(formatted(250, 2)));
}

void ReportsTest::targetStates_data()
{
    using dashboards::Target;
    QTest::addColumn<int>("direction");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("state");
    const int higher = int(dashboards::TargetDirection::HigherIsBetter);
    const int lower = int(dashboards::TargetDirection::LowerIsBetter);
    const int within = int(dashboards::TargetDirection::WithinRange);
    QTest::newRow("higher, above margin") << higher << 96.0 << int(reports::TargetState::Pass);
    QTest::newRow("higher, on target") << higher << 90.0 << int(reports::TargetState::Near);
    QTest::newRow("higher, below") << higher << 89.9 << int(reports::TargetState::Fail);
    QTest::newRow("lower, well below") << lower << 50.0 << int(reports::TargetState::Pass);
    QTest::newRow("lower, near") << lower << 99.0 << int(reports::TargetState::Near);
    QTest::newRow("lower, above") << lower << 100.5 << int(reports::TargetState::Fail);
    QTest::newRow("within, middle") << within << 40.0 << int(reports::TargetState::Pass);
    QTest::newRow("within, near edge") << within << 31.0 << int(reports::TargetState::Near);
    QTest::newRow("within, outside") << within << 55.0 << int(reports::TargetState::Fail);
    QTest::newRow("not measured") << higher << std::nan("") << int(reports::TargetState::Fail);
}

void ReportsTest::targetStates()
{
    QFETCH(int, direction);
    QFETCH(double, value);
    QFETCH(int, state);
    dashboards::Target target;
    switch (dashboards::TargetDirection(direction)) {
    case dashboards::TargetDirection::HigherIsBetter:
        target = dashboards::Target::higherIsBetter(90, 3);
        break;
    case dashboards::TargetDirection::LowerIsBetter:
        target = dashboards::Target::lowerIsBetter(100, 20);
        break;
    default:
        target = dashboards::Target::withinRange(30, 50, 2);
        break;
    }
    QCOMPARE(int(reports::evaluateTarget(target, value)), state);
    QCOMPARE(int(reports::evaluateTarget(dashboards::Target{}, value)), int(reports::TargetState::None));
}

void ReportsTest::csvQuotesFields()
{
    reports::Report report;
    report.kind = "test";
    report.title = "Quotes";
    reports::Table table;
    table.key = "values";
    table.columns = {reports::Column{"name", "Name", false}, reports::Column{"value", "Value", true}};
    table.rows = {reports::Row{"a,b", {reports::textCell("say \"hi\"\nthen go"), reports::numberCell(0.1, 3, "%")}}};
    report.sections = {reports::Section{"s", "Section", {table}}};

    const ReportCsv csv(reports::toCsv(report));
    QVERIFY(csv.hasHeader());
    QCOMPARE(*csv.text("s", "values", "a,b", "name"), QStringLiteral("say \"hi\"\nthen go"));
    QCOMPARE(*csv.value("s", "values", "a,b", "value"), QStringLiteral("0.1"));
    QCOMPARE(csv.rowCount(), 3);
}

void ReportsTest::htmlEscapesText()
{
    reports::Report report;
    report.kind = "test";
    report.title = "<script>alert(1)</script>";
    report.addFact("note", "Note", "a & b");
    const QString html = QString::fromUtf8(reports::toHtml(report));
    QVERIFY(!html.contains("<script>"));
    QVERIFY(html.contains("&lt;script&gt;"));
    QVERIFY(html.contains("a &amp; b"));
}

void ReportsTest::pdfTableContinuesOnNextPage()
{
    reports::Report report;
    report.kind = "test";
    report.title = "Long table";
    reports::Table table;
    table.key = "rows";
    table.columns = {reports::Column{"name", "Name", false}, reports::Column{"value", "Value", true}};
    for (int i = 0; i < 150; ++i)
        table.rows.append(reports::Row{QString::number(i), {reports::textCell(QStringLiteral("row %1").arg(i)),
                                                           reports::numberCell(i * 1.5, 1)}});
    report.sections = {reports::Section{"s", "Section", {table}}};
    const QString out = path("long.pdf");
    QString error;
    QVERIFY2(reports::writeReport(report, reports::ReportFormat::Pdf, out, &error), qPrintable(error));
    const std::optional<QString> text = pdfText(out);
    QVERIFY(text);
    QVERIFY(text->contains("Page 2"));
    QVERIFY(text->contains("row 149"));
    QVERIFY(text->contains(formatted(149 * 1.5, 1)));
    // The header repeats on every page.
    QVERIFY(text->count("Name") >= 2);
}

void ReportsTest::pdfCutsLongText()
{
    // One 20,000-character word, as a company name in a customer report.
    const QString name = QStringLiteral("Start") + QString(20'000, QLatin1Char('n')) + QStringLiteral("Tail");
    reports::Report report;
    report.kind = "test";
    report.title = "Customer success: " + name;
    report.addFact("company", "Company", name);
    reports::Table table;
    table.key = "rows";
    table.columns = {reports::Column{"name", "Name", false}, reports::Column{"value", "Value", true}};
    table.rows.append(reports::Row{"long", {reports::textCell(name), reports::numberCell(1.5, 1)}});
    table.rows.append(reports::Row{"short", {reports::textCell("row after the long one"), reports::numberCell(2.5, 1)}});
    reports::Chart bars;
    bars.key = "bars";
    bars.title = "Bars";
    bars.kind = reports::Chart::Kind::Bars;
    bars.bars = {reports::Bar{name, 3.0}, reports::Bar{"Short bar", 4.0}};
    reports::Chart lines;
    lines.key = "lines";
    lines.title = "Lines";
    lines.fromMs = 1'700'000'000'000;
    lines.toMs = lines.fromMs + 3'600'000;
    lines.series = {reports::Series{name, {QPointF(double(lines.fromMs), 1), QPointF(double(lines.toMs), 2)}},
                    reports::Series{"Short line", {QPointF(double(lines.fromMs), 2), QPointF(double(lines.toMs), 3)}}};
    report.sections = {reports::Section{"s", "Section", {table, bars, lines}}};

    const QString out = path("long-text.pdf");
    QString error;
    QVERIFY2(reports::writeReport(report, reports::ReportFormat::Pdf, out, &error), qPrintable(error));
    const std::optional<QString> text = pdfText(out);
    QVERIFY2(text, "pdftotext could not read the PDF");

    // The long text is cut with an ellipsis; what follows it is still there.
    QVERIFY(text->contains("Start"));
    QVERIFY(text->contains(QChar(0x2026)));
    QVERIFY2(!text->contains("Tail"), "the end of the long name was not cut");
    QVERIFY2(text->size() < name.size(), qPrintable(QStringLiteral("%1 characters of text").arg(text->size())));
    QVERIFY(text->contains("row after the long one"));
    QVERIFY(text->contains("Short bar"));
    QVERIFY(text->contains("Short line"));
    QVERIFY(text->contains(formatted(2.5, 1)));
}

void ReportsTest::writerNamesMissingFolder()
{
    reports::Report report;
    report.kind = "test";
    report.title = "Nowhere";
    QString error;
    QVERIFY(!reports::writeReport(report, reports::ReportFormat::Html, path("missing/report.html"), &error));
    QVERIFY2(error.contains(path("missing")), qPrintable(error));
    QVERIFY2(error.contains("Create the folder or choose another one"), qPrintable(error));
}

QTEST_MAIN(ReportsTest)
#include "tst_reports.moc"
