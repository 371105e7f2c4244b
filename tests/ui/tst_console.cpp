// The console's main window against real engines, histories and customer
// databases in temporary folders. The demo fills every dashboard, and the
// panels agree with the engine's own counters. Replays agree with
// `unmogrowp-node replay`, and screenshot mode writes one PNG per view.

#include "app/mainwindow.h"
#include "app/messagebar.h"
#include "customers/csvimportreportdialog.h"
#include "customers/customerrepository.h"
#include "customers/customersview.h"
#include "customers/customertablemodel.h"
#include "dashboards/dashboardview.h"
#include "dashboards/recordpanels.h"
#include "datasource/queryrunner.h"
#include "demo/demoworkload.h"
#include "replay/replaycontroller.h"
#include "replay/replaydialog.h"
#include "runtime/engine.h"
#include "session/enginesession.h"
#include "widgets/timeserieschart.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include <cmath>
#include <memory>

using namespace umg;

namespace {

constexpr int kStartTimeoutMs = 60'000;
constexpr int kDataTimeoutMs = 90'000;
constexpr int kReplayTimeoutMs = 300'000;
constexpr double kDemoRate = 5'000;

double panelValue(const DashboardView *view, const QString &panelId, const QString &name = {})
{
    const PanelView *panel = view->panel(panelId);
    if (!panel)
        return qQNaN();
    for (const PanelValue &value : panel->values()) {
        if (name.isEmpty() || value.name == name)
            return value.value;
    }
    return qQNaN();
}

double panelSum(const DashboardView *view, const QString &panelId)
{
    const PanelView *panel = view->panel(panelId);
    double sum = 0;
    if (panel) {
        for (const PanelValue &value : panel->values())
            sum += std::isnan(value.value) ? 0.0 : value.value;
    }
    return sum;
}

// Lists a panel's values and its error, for failure messages.
QByteArray describePanel(const DashboardView *view, const QString &panelId)
{
    const PanelView *panel = view->panel(panelId);
    if (!panel)
        return "no panel " + panelId.toUtf8();
    QStringList parts;
    for (const PanelValue &value : panel->values())
        parts.append(value.name + QLatin1Char('=') + QString::number(value.value));
    return (panelId + QStringLiteral(": ") + parts.join(QStringLiteral(", ")) + QStringLiteral(" error: ")
            + panel->errorText())
        .toUtf8();
}

bool near(double actual, double expected, double relative, double absolute)
{
    return std::isfinite(actual) && std::abs(actual - expected) <= absolute + relative * std::abs(expected);
}

// Asks for a refresh (ignored while one runs) and returns whether the view
// showed a batch after `completedBefore`.
bool refreshedSince(DashboardView *view, int completedBefore)
{
    view->refresh();
    return view->completedRefreshes() > completedBefore;
}

EngineSnapshot engineSnapshot(const MainWindow &window)
{
    const std::shared_ptr<Engine> engine = window.session()->engine();
    return engine ? engine->snapshot(false) : EngineSnapshot();
}

std::unique_ptr<MainWindow> startWindow(const QString &dataDir, bool demo, QSize size = QSize(1600, 1000))
{
    ConsoleOptions options;
    options.dataDir = dataDir;
    options.demo = demo;
    options.demoRate = kDemoRate;
    auto window = std::make_unique<MainWindow>(options);
    if (size.isValid())
        window->resize(size);
    window->show();
    return window;
}

} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void demoFeedsEngine();
    void performanceMatchesEngine();
    void customerSuccessMatchesRecords();
    void loadTestingListsTargets();
    void onboardingMatchesRecords();
    void staleResultsDropped();
    void dashboardScreenshot_data();
    void dashboardScreenshot();
    void demoPauseResumeAndRate();
    void customerImportReachesDashboards();
    void demoResetStartsFresh();

    void lastDashboardRestored();
    void damagedDatabaseOffersFreshStart();
    void replayReportsMissingFile();
    void replayTalkingDataMatchesNode();
    void screenshotModeWritesPngs();

private:
    // Waits until every dashboard showed a batch with demo data.
    void waitForDemoData();
    // Pauses the demo and waits until its last batch is processed, so that
    // the engine's counters stand still.
    void settleDemo();

    QTemporaryDir m_folder;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_console"));
    QSettings().clear();
    QVERIFY(m_folder.isValid());

    m_window = startWindow(m_folder.filePath(QStringLiteral("demo")), true);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->state(), SessionState::Running, kStartTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->customers()->isLoaded(), kStartTimeoutMs);
    for (DashboardView *view : m_window->dashboards())
        view->setRefreshInterval(RefreshInterval::Every1Second);
}

void TestConsole::cleanupTestCase()
{
    if (m_window) {
        m_window->close();
        m_window.reset();
    }
}

void TestConsole::waitForDemoData()
{
    for (int i = 0; i < int(DashboardId::Count); ++i) {
        m_window->showDashboard(DashboardId(i));
        DashboardView *view = m_window->dashboard(DashboardId(i));
        QTRY_VERIFY_WITH_TIMEOUT(view->completedRefreshes() > 0, kDataTimeoutMs);
    }
    DashboardView *performance = m_window->dashboard(DashboardId::Performance);
    m_window->showDashboard(DashboardId::Performance);
    QTRY_VERIFY_WITH_TIMEOUT(panelValue(performance, QStringLiteral("event-rate")) > 0, kDataTimeoutMs);
}

void TestConsole::settleDemo()
{
    DemoWorkload *demo = m_window->demo();
    demo->pause();
    std::uint64_t submitted = demo->statistics().eventsSubmitted;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTest::qWait(300);
            const std::uint64_t now = demo->statistics().eventsSubmitted;
            const bool settled = now == submitted;
            submitted = now;
            return settled;
        }(),
        kDataTimeoutMs);
    if (const std::shared_ptr<Engine> engine = m_window->session()->engine())
        QVERIFY(engine->flush(std::chrono::seconds(30)));
}

void TestConsole::demoFeedsEngine()
{
    QCOMPARE(m_window->demo()->rate(), kDemoRate);
    QVERIFY(!m_window->demo()->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(engineSnapshot(*m_window).eventsAccepted > 10'000, kDataTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->recorderStats().scrapes > 3, kDataTimeoutMs);
    waitForDemoData();

    const EngineSnapshot snapshot = engineSnapshot(*m_window);
    QVERIFY(snapshot.persistent);
    QCOMPARE(snapshot.customers.size(), std::size_t(5));
    QVERIFY(snapshot.totals.installsByStatus[0] > 0); // attributed
    QVERIFY(snapshot.totals.installsByStatus[1] > 0); // organic
    QVERIFY(snapshot.totals.fraudFlags[0] + snapshot.totals.fraudFlags[1] > 0);
    QVERIFY(QFile::exists(m_window->session()->engineDatabasePath()));
    QVERIFY(QFile::exists(m_window->session()->historyDatabasePath()));
}

void TestConsole::performanceMatchesEngine()
{
    DashboardView *view = m_window->dashboard(DashboardId::Performance);
    m_window->showDashboard(DashboardId::Performance);
    // Stop the counters so that the history can catch up with the snapshot.
    settleDemo();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });
    const EngineSnapshot snapshot = engineSnapshot(*m_window);
    QVERIFY(snapshot.totals.referenceInstalls > 0);
    const double accuracy =
        100.0 * double(snapshot.totals.referenceAgreements) / double(snapshot.totals.referenceInstalls);
    const double attributed = double(snapshot.totals.installsByStatus[0]);

    int completed = view->completedRefreshes();
    QTRY_VERIFY_WITH_TIMEOUT(refreshedSince(view, completed)
                                 && near(panelValue(view, QStringLiteral("accuracy")), accuracy, 0, 1.0)
                                 && near(panelValue(view, QStringLiteral("install-outcomes"), QStringLiteral("Attributed")),
                                         attributed, 0.05, 5),
                             kDataTimeoutMs);

    QVERIFY(panelValue(view, QStringLiteral("p95-latency")) > 0);
    QVERIFY(panelValue(view, QStringLiteral("p95-latency")) < 2500);
    QCOMPARE(panelValue(view, QStringLiteral("uptime")), 100.0);
    QCOMPARE(panelValue(view, QStringLiteral("active-connections")), 0.0);
    QCOMPARE(panelValue(view, QStringLiteral("service-health"), QStringLiteral("Attribution engine")), 1.0);
    QCOMPARE(panelValue(view, QStringLiteral("service-health"), QStringLiteral("Attribution workers")), 1.0);
    QCOMPARE(view->panel(QStringLiteral("service-health"))->values().size(), 4); // Kafka and ClickHouse absent
    QVERIFY(panelSum(view, QStringLiteral("fraud-flags")) > 0);
    QVERIFY(panelValue(view, QStringLiteral("memory"), QStringLiteral("Resident memory")) > 10);
    for (const PanelView *panel : view->panels())
        QVERIFY2(panel->errorText().isEmpty(), qPrintable(panel->definition().id + QStringLiteral(": ") + panel->errorText()));

}

void TestConsole::customerSuccessMatchesRecords()
{
    DashboardView *view = m_window->dashboard(DashboardId::CustomerSuccess);
    m_window->showDashboard(DashboardId::CustomerSuccess);
    const std::vector<CustomerRecord> records = m_window->customers()->records();
    QCOMPARE(records.size(), std::size_t(5));

    double satisfaction = 0;
    int surveyed = 0;
    int successful = 0;
    for (const CustomerRecordMetrics &metrics : toRecordMetrics(records)) {
        if (metrics.hasSatisfaction) {
            satisfaction += metrics.satisfactionScore;
            ++surveyed;
        }
        successful += metrics.successful;
    }
    QVERIFY(surveyed > 0);
    satisfaction /= surveyed;

    const int completed = view->completedRefreshes();
    QTRY_VERIFY_WITH_TIMEOUT(refreshedSince(view, completed)
                                 && panelValue(view, QStringLiteral("pilot-customers")) == 5.0
                                 && near(panelValue(view, QStringLiteral("satisfaction")), satisfaction, 0, 0.01),
                             kDataTimeoutMs);
    QCOMPARE(panelValue(view, QStringLiteral("success-rate")), 100.0 * successful / 5.0);
    QCOMPARE(panelValue(view, QStringLiteral("estimated-mrr")), RecordPanels::estimatedMrr(records));

    for (const CustomerRecord &record : records) {
        const QString company = QString::fromStdString(record.companyName);
        if (const std::optional<double> savings = record.costSavingsPercent())
            QVERIFY2(near(panelValue(view, QStringLiteral("cost-savings"), company), *savings, 0, 0.01),
                     qPrintable(company));
        QVERIFY2(std::isfinite(panelValue(view, QStringLiteral("accuracy-per-customer"), company)), qPrintable(company));
        QVERIFY2(panelValue(view, QStringLiteral("business-impact"), company) > 0, qPrintable(company));
    }

    // Per-customer accuracy agrees with the engine's own per-customer counters.
    for (const CustomerSnapshot &customer : engineSnapshot(*m_window).customers) {
        if (customer.counters.referenceInstalls < 50)
            continue;
        const CustomerRecord *record = m_window->customers()->find(QString::fromStdString(customer.customerId));
        QVERIFY(record);
        const double expected =
            100.0 * double(customer.counters.referenceAgreements) / double(customer.counters.referenceInstalls);
        const double shownAccuracy =
            panelValue(view, QStringLiteral("accuracy-per-customer"), QString::fromStdString(record->companyName));
        QVERIFY2(near(shownAccuracy, expected, 0, 1.0),
                 qPrintable(QStringLiteral("%1: %2 vs %3")
                                .arg(QString::fromStdString(customer.customerId))
                                .arg(shownAccuracy)
                                .arg(expected)));
    }
}

void TestConsole::loadTestingListsTargets()
{
    DashboardView *view = m_window->dashboard(DashboardId::LoadTesting);
    m_window->showDashboard(DashboardId::LoadTesting);
    const int completed = view->completedRefreshes();
    QTRY_VERIFY_WITH_TIMEOUT(refreshedSince(view, completed), kDataTimeoutMs);

    const PanelView *summary = view->panel(QStringLiteral("validation-summary"));
    QVERIFY(summary);
    QCOMPARE(summary->values().size(), 11);
    QCOMPARE(panelValue(view, QStringLiteral("validation-summary"), QStringLiteral("Pilot customers")), 5.0);
    QCOMPARE(panelValue(view, QStringLiteral("validation-summary"), QStringLiteral("Uptime")), 100.0);
    QVERIFY(panelValue(view, QStringLiteral("validation-summary"), QStringLiteral("Event throughput")) > 0);
    QVERIFY(panelValue(view, QStringLiteral("validation-summary"), QStringLiteral("P95 processing latency")) > 0);
    QVERIFY(std::isfinite(panelValue(view, QStringLiteral("validation-summary"), QStringLiteral("Time to launch (average)"))));

    const QList<PanelValue> quantiles = view->panel(QStringLiteral("latency-distribution"))->values();
    QCOMPARE(quantiles.size(), 5);
    for (qsizetype i = 1; i < quantiles.size(); ++i)
        QVERIFY(quantiles[i].value >= quantiles[i - 1].value);
    QVERIFY(panelValue(view, QStringLiteral("success-rate")) > 99);
}

void TestConsole::onboardingMatchesRecords()
{
    DashboardView *view = m_window->dashboard(DashboardId::CustomerOnboarding);
    m_window->showDashboard(DashboardId::CustomerOnboarding);
    settleDemo();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });
    const double accepted = double(engineSnapshot(*m_window).eventsAccepted);

    const int completed = view->completedRefreshes();
    QTRY_VERIFY2_WITH_TIMEOUT(refreshedSince(view, completed)
                                  && near(panelSum(view, QStringLiteral("event-volume-per-customer")), accepted, 0.03, 10),
                              describePanel(view, QStringLiteral("event-volume-per-customer")) + " expected "
                                  + QByteArray::number(accepted),
                              kDataTimeoutMs);

    const std::vector<CustomerRecord> records = m_window->customers()->records();
    const QList<FunnelStage> funnel = RecordPanels::funnel(records, todayUtc());
    const QList<PanelValue> shownStages = view->panel(QStringLiteral("onboarding-funnel"))->values();
    QCOMPARE(shownStages.size(), funnel.size());
    for (qsizetype i = 0; i < funnel.size(); ++i)
        QCOMPARE(shownStages[i].value, double(funnel[i].count));

    QCOMPARE(view->panel(QStringLiteral("success-flags"))->values().size(), 5);
    QCOMPARE(view->panel(QStringLiteral("health-score"))->values().size(), 5);
    QCOMPARE(view->panel(QStringLiteral("health-over-time"))->values().size(), 5);
    QCOMPARE(panelValue(view, QStringLiteral("pilot-progress")), RecordPanels::pilotProgress(records, todayUtc()));
    QVERIFY2(panelValue(view, QStringLiteral("peak-throughput")) > 0,
             describePanel(view, QStringLiteral("peak-throughput")).constData());
}

void TestConsole::staleResultsDropped()
{
    DashboardView *view = m_window->dashboard(DashboardId::Performance);
    m_window->showDashboard(DashboardId::Performance);
    QSignalSpy refreshed(view, &DashboardView::refreshed);
    view->setTimeRange(TimeRange::Last5Minutes);
    view->setTimeRange(TimeRange::LastHour);
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, kDataTimeoutMs);

    // Whatever finished first, the charts show the range chosen last.
    const auto *chart = qobject_cast<const TimeSeriesChart *>(view->panel(QStringLiteral("throughput"))->chartWidget());
    QVERIFY(chart);
    QCOMPARE(chart->timeToMs() - chart->timeFromMs(), TimeRanges::durationMs(TimeRange::LastHour));
    QCOMPARE(view->timeRange(), TimeRange::LastHour);
    view->setTimeRange(TimeRange::Last15Minutes);
}

void TestConsole::dashboardScreenshot_data()
{
    QTest::addColumn<int>("dashboard");
    for (int i = 0; i < int(DashboardId::Count); ++i)
        QTest::newRow(qPrintable(DashboardCatalogue::key(DashboardId(i)))) << i;
}

void TestConsole::dashboardScreenshot()
{
    QFETCH(int, dashboard);
    DashboardView *view = m_window->dashboard(DashboardId(dashboard));
    m_window->showDashboard(DashboardId(dashboard));
    const int completed = view->completedRefreshes();
    QTRY_VERIFY_WITH_TIMEOUT(refreshedSince(view, completed), kDataTimeoutMs);

    const QString path = m_folder.filePath(view->definition().id + QStringLiteral(".png"));
    QString error;
    QVERIFY2(view->exportPng(path, &error), qPrintable(error));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 800);
    QVERIFY(image.height() > 400);
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colors.insert(image.pixel(x, y));
    }
    QVERIFY2(colors.size() > 20, "the screenshot looks blank");

    QString failure;
    QVERIFY(!view->exportPng(m_folder.filePath(QStringLiteral("missing/folder/x.png")), &failure));
    QVERIFY(!failure.isEmpty());
}

void TestConsole::demoPauseResumeAndRate()
{
    DemoWorkload *demo = m_window->demo();
    QSignalSpy paused(demo, &DemoWorkload::pausedChanged);
    auto resume = qScopeGuard([demo] { demo->resume(); });
    demo->pause();
    QCOMPARE(paused.size(), 1);
    // A batch that was being generated when pause() returned still goes in;
    // after that the count stays put.
    std::uint64_t stopped = demo->statistics().eventsSubmitted;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTest::qWait(300);
            const std::uint64_t now = demo->statistics().eventsSubmitted;
            const bool settled = now == stopped;
            stopped = now;
            return settled;
        }(),
        kDataTimeoutMs);

    demo->setRate(20'000);
    QCOMPARE(demo->rate(), 20'000.0);
    demo->setRate(1e12);
    QCOMPARE(demo->rate(), DemoWorkload::kMaximumRate);
    demo->setRate(kDemoRate);

    resume.dismiss();
    demo->resume();
    QTRY_VERIFY_WITH_TIMEOUT(demo->statistics().eventsSubmitted > stopped, kDataTimeoutMs);
    QCOMPARE(paused.size(), 2);
}

void TestConsole::customerImportReachesDashboards()
{
    CustomersView *view = m_window->customersView();
    m_window->showCustomers();
    QAbstractItemModelTester tableTester(view->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(view->proxyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(view->proxyModel()->rowCount(), 5);

    const QString csv = m_folder.filePath(QStringLiteral("more-customers.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("customer_id,company,mrr,app_ids,baseline_cost,current_cost,surveys,technical_success,business_success\n"
               "stark-energy,Stark Energy,9000,com.stark.grid,10000,6000,2026-11-01:95,true,true\n"
               "broken row,,abc,,,,,maybe,\n");
    file.close();

    QPointer<QWidget> reportDialog;
    connect(view, &CustomersView::importReportShown, this, [&](QWidget *dialog) { reportDialog = dialog; });
    m_window->customers()->importCsv(csv);
    QTRY_VERIFY_WITH_TIMEOUT(reportDialog, kDataTimeoutMs);
    auto *report = qobject_cast<CsvImportReportDialog *>(reportDialog.data());
    QVERIFY(report);
    QVERIFY(report->errorModel()->rowCount() >= 1);
    report->close();
    QTRY_COMPARE_WITH_TIMEOUT(view->proxyModel()->rowCount(), 6, kDataTimeoutMs);

    view->searchField()->setText(QStringLiteral("stark"));
    QCOMPARE(view->proxyModel()->rowCount(), 1);
    view->searchField()->clear();

    // The new record reaches the engine's customer gauges and, through the
    // history, the Customer success dashboard.
    DashboardView *success = m_window->dashboard(DashboardId::CustomerSuccess);
    m_window->showDashboard(DashboardId::CustomerSuccess);
    const int completed = success->completedRefreshes();
    QTRY_VERIFY_WITH_TIMEOUT(refreshedSince(success, completed)
                                 && panelValue(success, QStringLiteral("pilot-customers")) == 6.0
                                 && near(panelValue(success, QStringLiteral("cost-savings"), QStringLiteral("Stark Energy")),
                                         40.0, 0, 0.01),
                             kDataTimeoutMs);

    QSignalSpy changed(m_window->customers(), &CustomerRepository::recordsChanged);
    m_window->customers()->remove(QStringLiteral("stark-energy"));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), kDataTimeoutMs);
    QCOMPARE(view->proxyModel()->rowCount(), 5);
}

void TestConsole::demoResetStartsFresh()
{
    QTRY_VERIFY_WITH_TIMEOUT(engineSnapshot(*m_window).eventsAccepted > 20'000, kDataTimeoutMs);
    const std::int64_t before = engineSnapshot(*m_window).eventsAccepted;

    QSignalSpy states(m_window->session(), &EngineSession::stateChanged);
    m_window->resetDemo();
    QTRY_VERIFY_WITH_TIMEOUT(states.size() >= 2, kStartTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->state(), SessionState::Running, kStartTimeoutMs);
    QVERIFY(!m_window->demo()->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(engineSnapshot(*m_window).eventsAccepted > 0, kDataTimeoutMs);
    QVERIFY(engineSnapshot(*m_window).eventsAccepted < before);
    QVERIFY(m_window->messageBar()->text().isEmpty());
}

void TestConsole::lastDashboardRestored()
{
    m_window->demo()->pause();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    {
        std::unique_ptr<MainWindow> first = startWindow(folder.filePath(QStringLiteral("data")), false);
        first->resize(1234, 777);
        first->showDashboard(DashboardId::LoadTesting);
        first->dashboard(DashboardId::LoadTesting)->setTimeRange(TimeRange::Last6Hours);
        first->close();
    }
    std::unique_ptr<MainWindow> second = startWindow(folder.filePath(QStringLiteral("data")), false, QSize());
    QCOMPARE(second->currentView(), second->dashboard(DashboardId::LoadTesting));
    QCOMPARE(second->dashboard(DashboardId::LoadTesting)->timeRange(), TimeRange::Last6Hours);
    QCOMPARE(second->size(), QSize(1234, 777));
    second->close();
    second.reset();
}

void TestConsole::damagedDatabaseOffersFreshStart()
{
    m_window->demo()->pause();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString dataDir = folder.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(dataDir));
    {
        QFile damaged(QDir(dataDir).filePath(QStringLiteral("engine.db")));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write(QByteArray(8192, 'x'));
    }

    std::unique_ptr<MainWindow> window = startWindow(dataDir, false);
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->state(), SessionState::Failed, kStartTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!window->messageBar()->text().isEmpty(), kStartTimeoutMs);
    const QString message = window->messageBar()->text();
    QVERIFY2(message.contains(QStringLiteral("engine.db")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Start fresh")), qPrintable(message));

    QPushButton *startFresh = nullptr;
    for (QPushButton *button : window->messageBar()->findChildren<QPushButton *>()) {
        if (button->text() == QLatin1String("Start fresh"))
            startFresh = button;
    }
    QVERIFY(startFresh);
    startFresh->click();
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->state(), SessionState::Running, kStartTimeoutMs);
    QVERIFY(window->messageBar()->text().isEmpty());
    const QStringList movedAside = QDir(dataDir).entryList({QStringLiteral("engine.db.damaged-*")});
    QCOMPARE(movedAside.size(), 1);
    window->close();
    window.reset();
}

void TestConsole::replayReportsMissingFile()
{
    const QString missing = m_folder.filePath(QStringLiteral("no-such-events.ndjson"));
    QSignalSpy failed(m_window->replay(), &ReplayController::failed);
    QVERIFY(m_window->startReplay({missing}));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kDataTimeoutMs);

    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("no-such-events.ndjson")), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageBar()->text(), message, kDataTimeoutMs);
    QVERIFY(!m_window->replay()->isRunning());
    QVERIFY(!m_window->demo()->isPaused());
    QCOMPARE(m_window->session()->state(), SessionState::Running);
    QCOMPARE(m_window->session()->profile(), EngineProfile::Demo);
    auto *dialog = m_window->findChild<ReplayDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->statusText(), message);
    dialog->close();
    m_window->messageBar()->clearMessage();
}

void TestConsole::replayTalkingDataMatchesNode()
{
    const QString sample = QStringLiteral(UMG_SAMPLE_DATA_DIR "/talkingdata-train-sample.csv");
    if (!QFile::exists(sample))
        QSKIP(qPrintable(QStringLiteral("%1 is absent; set UMG_SAMPLE_DATA_DIR to the folder that holds it").arg(sample)));
    const QString node = qEnvironmentVariable("UMG_NODE_BINARY");
    if (node.isEmpty() || !QFile::exists(node))
        QSKIP("UMG_NODE_BINARY does not name the unmogrowp-node program; run the test through ctest");

    m_window->demo()->pause();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });
    QTemporaryDir folder;
    QVERIFY(folder.isValid());

    const QString summaryPath = folder.filePath(QStringLiteral("summary.json"));
    QProcess process;
    process.start(node, {QStringLiteral("replay"), sample, QStringLiteral("--summary-json"), summaryPath,
                         QStringLiteral("--quiet")});
    QVERIFY2(process.waitForFinished(kReplayTimeoutMs), qPrintable(process.errorString()));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QFile summaryFile(summaryPath);
    QVERIFY(summaryFile.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(summaryFile.readAll()).object();
    QVERIFY(!summary.isEmpty());

    std::unique_ptr<MainWindow> window = startWindow(folder.filePath(QStringLiteral("data")), false);
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->state(), SessionState::Running, kStartTimeoutMs);
    QSignalSpy finished(window->replay(), &ReplayController::finished);
    QSignalSpy failed(window->replay(), &ReplayController::failed);
    QSignalSpy progress(window->replay(), &ReplayController::progressChanged);
    QVERIFY(window->startReplay({sample}));
    QVERIFY(!window->startReplay({sample})); // one replay at a time
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1 || !failed.isEmpty(), kReplayTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

    const auto result = finished.first().at(0).value<ReplayResult>();
    const auto snapshot = finished.first().at(1).value<EngineSnapshot>();
    QVERIFY(!result.cancelled);
    const auto number = [&](const char *key) { return summary.value(QLatin1String(key)).toDouble(); };
    const std::int64_t installs = snapshot.totals.installsByKind[0] + snapshot.totals.installsByKind[1];
    QCOMPARE(double(result.linesRead), number("lines_read"));
    QCOMPARE(double(result.eventsRead), number("events_read"));
    QCOMPARE(double(snapshot.eventsAccepted), number("events_accepted"));
    QCOMPARE(double(snapshot.eventsDuplicate), number("events_duplicate"));
    QCOMPARE(double(result.linesRejected + std::uint64_t(snapshot.eventsTooOld)), number("events_rejected"));
    QCOMPARE(double(installs), number("installs"));
    QCOMPARE(double(snapshot.totals.installsByStatus[0]), number("installs_attributed"));
    QCOMPARE(double(snapshot.totals.installsByStatus[1]), number("installs_organic"));
    QCOMPARE(double(snapshot.totals.referenceInstalls), number("reference_installs"));
    QCOMPARE(double(snapshot.totals.referenceAgreements), number("reference_agreements"));
    QVERIFY(number("events_accepted") > 50'000);

    auto *dialog = window->findChild<ReplayDialog *>();
    QVERIFY(dialog);
    QVERIFY2(dialog->statusText().startsWith(QStringLiteral("Replay finished")), qPrintable(dialog->statusText()));
    QCOMPARE(window->session()->profile(), EngineProfile::Standard);

    // The dashboards follow the replayed engine through the history.
    DashboardView *onboarding = window->dashboard(DashboardId::CustomerOnboarding);
    window->showDashboard(DashboardId::CustomerOnboarding);
    const int completed = onboarding->completedRefreshes();
    QTRY_VERIFY2_WITH_TIMEOUT(refreshedSince(onboarding, completed)
                                  && near(panelSum(onboarding, QStringLiteral("event-volume-per-customer")),
                                          number("events_accepted"), 0.03, 10),
                              describePanel(onboarding, QStringLiteral("event-volume-per-customer")).constData(),
                              kDataTimeoutMs);
    window->close();
    window.reset();
}

void TestConsole::screenshotModeWritesPngs()
{
    const QString program = QStringLiteral(UMG_BINARY_DIR "/bin/unmogrowp-console");
    if (!QFile::exists(program))
        QSKIP("unmogrowp-console is not built; build the unmogrowp-console target first");
    m_window->demo()->pause();
    const auto resumeDemo = qScopeGuard([this] { m_window->demo()->resume(); });

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString shots = folder.filePath(QStringLiteral("shots"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Keeps the child's settings away from the person's own configuration.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), folder.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), folder.filePath(QStringLiteral("share")));

    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, {QStringLiteral("--demo"), QStringLiteral("--screenshot-dir"), shots,
                            QStringLiteral("--quit-after"), QStringLiteral("5"), QStringLiteral("--data-dir"),
                            folder.filePath(QStringLiteral("data"))});
    QVERIFY2(process.waitForFinished(kReplayTimeoutMs), qPrintable(process.errorString()));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    QStringList expected;
    for (int i = 0; i < int(DashboardId::Count); ++i)
        expected.append(DashboardCatalogue::key(DashboardId(i)) + QStringLiteral(".png"));
    expected.append(QStringLiteral("customers.png"));
    QStringList written = QDir(shots).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    expected.sort();
    QCOMPARE(written, expected);
    for (const QString &name : std::as_const(written)) {
        const QImage image(QDir(shots).filePath(name));
        QVERIFY2(!image.isNull() && image.width() > 400 && image.height() > 200, qPrintable(name));
    }
}

QTEST_MAIN(TestConsole)

#include "tst_console.moc"
