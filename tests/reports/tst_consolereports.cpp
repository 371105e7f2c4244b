// The console's File > Export menu on the offscreen platform: its entries,
// the export dialog, every report kind written from a real main window
// (its engine, customer database and load-test runs in a temporary folder,
// its dashboards reading a metric history with known series), failures
// shown with their fix, and the PNG export of every dashboard panel.

#include "reportfixture.h"

#include "app/mainwindow.h"
#include "app/messagebar.h"
#include "customers/customerrepository.h"
#include "customers/healthscore.h"
#include "dashboards/dashboardview.h"
#include "datasource/historydatasource.h"
#include "exports/exportdialog.h"
#include "exports/exportmenu.h"
#include "history/metrichistory.h"
#include "loadtest/consoleloadtestrunner.h"
#include "loadtest/loadteststore.h"
#include "session/enginesession.h"
#include "widgets/panelframe.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QImage>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>

using namespace umg;
using namespace umg::test;

namespace {

constexpr int kStartTimeoutMs = 60'000;
constexpr int kExportTimeoutMs = 120'000;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-6 * std::max(1.0, std::abs(expected));
}

} // namespace

class ConsoleReportsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void menuEntries();
    void dialogFollowsFormat();
    void dashboardExport();
    void loadTestExport();
    void customerExport();
    void goalExport();
    void unwritablePathShowsFix();
    void everyPanelExportsPng();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    ExportMenu *exportMenu() const;
    // Exports `job` and returns the error message (empty on success).
    QString exportAndWait(const ReportJob &job);

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::shared_ptr<MetricHistory> m_history;
    qint64 m_runId = 0;
};

void ConsoleReportsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString dataDir = path("console");
    QVERIFY(QDir().mkpath(dataDir));
    {
        LoadTestStore runs(QDir(dataDir).filePath("customers.db").toStdString());
        m_runId = runs.save(knownRun(QDateTime::currentMSecsSinceEpoch() - 600'000));
    }

    ConsoleOptions options;
    options.dataDir = dataDir;
    options.demo = false;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1600, 1000);
    m_window->show();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->state(), SessionState::Running, kStartTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->customers()->isLoaded(), kStartTimeoutMs);
    QCOMPARE(m_window->customers()->records().size(), size_t(5));

    // The dashboards read a history with known series from here on.
    writeKnownHistory(path("known-history.db"), QDateTime::currentMSecsSinceEpoch());
    m_history = std::make_shared<MetricHistory>(path("known-history.db").toStdString());
    std::shared_ptr<const MetricHistory> history = m_history;
    m_window->setDataSource(std::make_shared<HistoryDataSource>([history] { return history; }));
}

void ConsoleReportsTest::cleanupTestCase()
{
    m_window.reset();
}

ExportMenu *ConsoleReportsTest::exportMenu() const
{
    return m_window->findChild<ExportMenu *>(QStringLiteral("export-menu"));
}

QString ConsoleReportsTest::exportAndWait(const ReportJob &job)
{
    ExportMenu *menu = exportMenu();
    if (!menu)
        return QStringLiteral("no export menu");
    QSignalSpy finished(menu, &ExportMenu::exportFinished);
    if (!menu->startExport(job))
        return QStringLiteral("the export did not start");
    if (!finished.wait(kExportTimeoutMs))
        return QStringLiteral("the export did not finish");
    return finished.first().at(1).toString();
}

void ConsoleReportsTest::menuEntries()
{
    ExportMenu *menu = exportMenu();
    QVERIFY(menu);
    QMenu *fileMenu = nullptr;
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(menu->menuAction()))
            fileMenu = action->menu();
    }
    QVERIFY2(fileMenu, "File > Export exists");
    QVERIFY(fileMenu->title().contains("File"));
    const QStringList expected = {"Dashboard…", "Load-test run…", "Customer report…", "Goal report…"};
    for (int kind = 0; kind < int(ReportKind::Count); ++kind) {
        QAction *action = menu->action(ReportKind(kind));
        QVERIFY(action);
        QCOMPARE(action->text().remove('&'), expected[kind]);
        QVERIFY(action->isEnabled());
    }
}

void ConsoleReportsTest::dialogFollowsFormat()
{
    ExportDialog dialog(ReportKind::Dashboard, path("exports"));
    dialog.setSubjects({{"performance", "Performance", "Time range: Last 15 minutes"}}, "performance", {});
    dialog.setFormat(reports::ReportFormat::Pdf);
    QVERIFY(dialog.filePath().startsWith(path("exports") + "/dashboard-performance-"));
    QVERIFY(dialog.filePath().endsWith(".pdf"));
    dialog.setFormat(reports::ReportFormat::Csv);
    QVERIFY(dialog.filePath().endsWith(".csv"));

    dialog.setFilePath(path("mine/report.html"));
    dialog.setFormat(reports::ReportFormat::Pdf);
    QCOMPARE(dialog.filePath(), path("mine/report.pdf"));

    ExportDialog runs(ReportKind::LoadTest, path("exports"));
    runs.setSubjects({}, {}, "No load-test run is stored yet.");
    QVERIFY(runs.subject().isEmpty());
    auto *buttons = runs.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
}

void ConsoleReportsTest::dashboardExport()
{
    for (const auto format : {reports::ReportFormat::Pdf, reports::ReportFormat::Csv}) {
        const QString out = path("performance." + reports::formatSuffix(format));
        const ReportJob job = exportMenu()->jobFor(ReportKind::Dashboard, "performance", format, out,
                                                   TimeRange::LastHour);
        QCOMPARE(job.rangeMs, TimeRanges::durationMs(m_window->dashboard(DashboardId::Performance)->timeRange()));
        const QString error = exportAndWait(job);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (format == reports::ReportFormat::Csv) {
            const ReportCsv csv(readFile(out));
            const double rate = csv.number("event-rate", "values", "value", "value");
            QVERIFY2(near(rate, kEventsPerSecond), qPrintable(QString::number(rate)));
            QVERIFY(near(csv.number("p95-latency", "values", "value", "value"), kLatencyP95Ms));
            QCOMPARE(csv.text("report", "facts", "source", "value"), QStringLiteral("Local metric history"));
        } else {
            const std::optional<QString> text = pdfText(out);
            QVERIFY(text);
            QVERIFY(text->contains("Dashboard: Performance"));
            QVERIFY(text->contains(formatted(kEventsPerSecond, 0) + " events/s"));
        }
    }
    QVERIFY(m_window->messageBar()->isVisible());
}

void ConsoleReportsTest::loadTestExport()
{
    const QString out = path("run.html");
    const QString error = exportAndWait(exportMenu()->jobFor(ReportKind::LoadTest, QString::number(m_runId),
                                                             reports::ReportFormat::Html, out, TimeRange::LastHour));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString html = QString::fromUtf8(readFile(out));
    QVERIFY(html.contains(QStringLiteral("Load-test run %1: nightly").arg(m_runId)));
    QVERIFY(html.contains(formatted(1'250'000, 0) + " events/s"));
    QVERIFY(html.contains("<svg"));

    const QString missing = exportAndWait(exportMenu()->jobFor(ReportKind::LoadTest, "9999", reports::ReportFormat::Html,
                                                               path("missing-run.html"), TimeRange::LastHour));
    QVERIFY2(missing.contains("no longer stored"), qPrintable(missing));
}

void ConsoleReportsTest::customerExport()
{
    const QString out = path("acme.csv");
    const QString error = exportAndWait(exportMenu()->jobFor(ReportKind::Customer, "acme-games",
                                                             reports::ReportFormat::Csv, out, TimeRange::LastHour));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const CustomerRecord *acme = nullptr;
    for (const CustomerRecord &record : m_window->customers()->records()) {
        if (record.customerId == "acme-games")
            acme = &record;
    }
    QVERIFY(acme);
    const Date today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const ReportCsv csv(readFile(out));
    QCOMPARE(csv.number("summary", "summary", "health_score", "value"), computeHealthScore(*acme, today).score);
    QCOMPARE(csv.number("summary", "summary", "mrr", "value"), 12'500.0);
    QCOMPARE(csv.number("engine", "engine", "latency_p95", "value"), kAcmeLatencyP95Ms);
}

void ConsoleReportsTest::goalExport()
{
    const QString out = path("goals.pdf");
    const QString error = exportAndWait(exportMenu()->jobFor(ReportKind::Goals, {}, reports::ReportFormat::Pdf, out,
                                                             TimeRange::Last15Minutes));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const std::optional<QString> text = pdfText(out);
    QVERIFY(text);
    QVERIFY(text->contains("Pilot programme: goals and score"));
    // The stored run measures throughput; the known history gives uptime
    // and error rate; the demo customers meet four customer goals.
    QVERIFY(text->contains(formatted(1'250'000, 0) + " events/s"));
    QVERIFY(text->contains(formatted(kErrorRatePercent, 3) + " %"));
    QVERIFY(text->contains("Overall score"));
}

void ConsoleReportsTest::unwritablePathShowsFix()
{
    const QString out = path("no-such-folder/goals.pdf");
    const QString error = exportAndWait(exportMenu()->jobFor(ReportKind::Goals, {}, reports::ReportFormat::Pdf, out,
                                                             TimeRange::Last15Minutes));
    QVERIFY2(error.contains("does not exist"), qPrintable(error));
    QVERIFY2(error.contains("Create the folder or choose another one"), qPrintable(error));
    // Boxes of earlier failed exports may still wait for their deletion.
    auto boxShowing = [this](const QString &text) -> QMessageBox * {
        for (QMessageBox *box : m_window->findChildren<QMessageBox *>(QStringLiteral("export-failed")))
            if (box->text() == text)
                return box;
        return nullptr;
    };
    QTRY_VERIFY(boxShowing(error) != nullptr);
    boxShowing(error)->close();
}

void ConsoleReportsTest::everyPanelExportsPng()
{
    for (DashboardView *view : m_window->dashboards()) {
        for (PanelView *panel : view->panels()) {
            const QString name = view->definition().id + "-" + panel->definition().id;
            bool hasAction = false;
            for (QAction *action : panel->actions())
                hasAction = hasAction || action->text().contains("PNG");
            QVERIFY2(hasAction, qPrintable(name + " has no PNG export action"));
            const QString out = path("png/" + name + ".png");
            QDir().mkpath(path("png"));
            QString error;
            QVERIFY2(panel->exportPng(out, &error), qPrintable(error));
            QVERIFY2(!QImage(out).isNull(), qPrintable(name));
        }
    }

    // The load tester's throughput chart on the Load testing dashboard too.
    auto *chart = m_window->findChild<QWidget *>(QStringLiteral("load-test-throughput-chart"));
    QVERIFY(chart);
    auto *frame = qobject_cast<PanelFrame *>(chart->parentWidget());
    QVERIFY2(frame, "the load tester's chart sits in a PanelFrame");
    QString error;
    QVERIFY2(frame->exportPng(path("png/load-test-throughput.png"), &error), qPrintable(error));
}

QTEST_MAIN(ConsoleReportsTest)
#include "tst_consolereports.moc"
