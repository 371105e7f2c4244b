// The console's load tester on the offscreen platform: the Load testing
// dashboard with the runner's view, a short run against an embedded engine
// started and stopped from the dashboard, the validation summary, stored
// runs, their comparison and named profiles.

#include <QtTest>

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>

#include "dashboards/dashboardcatalogue.h"
#include "dashboards/dashboardview.h"
#include "loadtest/consoleloadtestrunner.h"
#include "loadtest/loadtestcomparisonmodel.h"
#include "loadtest/loadtestrunsmodel.h"
#include "loadtest/loadtestview.h"
#include "runtime/engine.h"
#include "widgets/thresholdtable.h"

using namespace umg;

namespace {

// QCOMPARE prints strings on failure, so outcomes compare by name.
QString outcomeText(LoadTestOutcome outcome)
{
    const std::string_view text = toString(outcome);
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

LoadTestProfile consoleProfile(double rate, int durationSeconds)
{
    LoadTestProfile profile;
    profile.name = "console-test";
    profile.target = "embedded";
    profile.rate = rate;
    profile.rampUpMs = 0;
    profile.durationMs = durationSeconds * 1000LL;
    profile.batchSize = 200;
    profile.connections = 2;
    profile.workload.devices = 5000;
    profile.workload.fraudShare = 0;
    return profile;
}

// Returns the Measured value of the row named `name` in `table`, NaN when absent.
double measured(const ThresholdTable *table, const QString &name)
{
    for (const ThresholdRow &row : table->tableModel()->rows()) {
        if (row.name == name)
            return row.measured;
    }
    return qQNaN();
}

} // namespace

class LoadTestConsoleTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void runStartsAndStopsFromDashboard();
    void completedRunsAreStoredAndCompared();
    void invalidSettingsDisableStart();
    void namedProfilesRoundTrip();
    void missingEngineIsReported();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    void watchModels();

    QTemporaryDir m_dir;
    std::shared_ptr<Engine> m_engine;
    std::unique_ptr<ConsoleLoadTestRunner> m_runner;
    std::unique_ptr<DashboardView> m_dashboard;
    LoadTestView *m_view = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    int m_databaseNumber = 0;
};

void LoadTestConsoleTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void LoadTestConsoleTest::init()
{
    EngineOptions options;
    options.config.workerThreads = 2;
    m_engine = std::make_shared<Engine>(options);
    const QString database = path(QStringLiteral("console-%1.db").arg(++m_databaseNumber));
    std::shared_ptr<Engine> engine = m_engine;
    m_runner = std::make_unique<ConsoleLoadTestRunner>([engine] { return engine; }, database);
    m_runner->setRefreshInterval(100);

    m_dashboard = std::make_unique<DashboardView>(DashboardCatalogue::dashboard(DashboardId::LoadTesting), nullptr);
    m_view = new LoadTestView(m_runner.get(), path(QStringLiteral("profiles")));
    m_dashboard->setLoadTestPanel(m_view);
    m_dashboard->setLoadTestRunner(m_runner.get());
    m_dashboard->resize(1400, 1000);
    m_dashboard->show();
    watchModels();
}

void LoadTestConsoleTest::cleanup()
{
    m_testers.clear();
    m_dashboard.reset();
    m_view = nullptr;
    m_runner.reset();
    m_engine.reset();
}

void LoadTestConsoleTest::watchModels()
{
    for (QAbstractItemModel *model :
         {static_cast<QAbstractItemModel *>(m_view->runsModel()), static_cast<QAbstractItemModel *>(m_view->comparisonModel()),
          static_cast<QAbstractItemModel *>(m_view->summaryTable()->tableModel()),
          static_cast<QAbstractItemModel *>(m_view->summaryTable()->proxyModel()),
          static_cast<QAbstractItemModel *>(m_view->liveTable()->tableModel())}) {
        m_testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
}

void LoadTestConsoleTest::runStartsAndStopsFromDashboard()
{
    QVERIFY(m_view->isVisible());
    m_view->setFormProfile(consoleProfile(2000, 600));
    QVERIFY2(m_view->validationMessage().isEmpty(), qPrintable(m_view->validationMessage()));

    // The dashboard's own button starts the run with the form's settings.
    QToolButton *dashboardButton = nullptr;
    for (QToolButton *button : m_dashboard->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral("Start load test"))
            dashboardButton = button;
    }
    QVERIFY(dashboardButton);
    QVERIFY(dashboardButton->isEnabled());
    QCOMPARE(dashboardButton->text(), QStringLiteral("Start load test"));
    dashboardButton->click();
    QVERIFY(m_runner->isRunning());
    QCOMPARE(m_view->startButton()->text(), QStringLiteral("Stop"));
    QCOMPARE(dashboardButton->text(), QStringLiteral("Stop load test"));

    // The live figures follow the run at the refresh interval.
    QTRY_VERIFY_WITH_TIMEOUT(m_runner->progress().eventsSent > 1000, 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(measured(m_view->liveTable(), QStringLiteral("Current throughput")) > 0, 30'000);
    QVERIFY(m_view->progressBar()->value() >= 0);
    QVERIFY(m_view->timeLabel()->text().contains(QStringLiteral("remaining")));

    QSignalSpy finished(m_runner.get(), &ConsoleLoadTestRunner::finished);
    m_view->startButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_runner->isRunning(), 120'000);
    QCOMPARE(finished.count(), 1);

    const std::optional<LoadTestResult> result = m_runner->lastResult();
    QVERIFY(result.has_value());
    QCOMPARE(outcomeText(result->outcome), QStringLiteral("stopped"));
    const double sent = result->figures[Figure::EventsSent];
    QCOMPARE(result->figures[Figure::EventsAccepted] + result->figures[Figure::EventsFailed], sent);
    QCOMPARE(static_cast<double>(m_engine->snapshot(false).eventsProcessed), sent);

    // The validation summary shows every check of the run.
    QCOMPARE(m_view->summaryTable()->tableModel()->rowCount(), int(kCheckCount));
    QCOMPARE(measured(m_view->summaryTable(), QStringLiteral("Attribution accuracy")), 100.0);
    QVERIFY(m_view->outcomeLabel()->text().startsWith(QStringLiteral("Stopped")));
    QCOMPARE(m_view->startButton()->text(), QStringLiteral("Start"));

    // The run is stored and listed.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->runsModel()->rowCount(), 1, 30'000);
    QCOMPARE(m_view->runsModel()->runIdAt(0), m_runner->lastResult()->id);
}

void LoadTestConsoleTest::completedRunsAreStoredAndCompared()
{
    for (const double rate : {1000.0, 2000.0}) {
        m_view->setFormProfile(consoleProfile(rate, 1));
        m_view->startButton()->click();
        QVERIFY(m_runner->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!m_runner->isRunning(), 120'000);
        QCOMPARE(outcomeText(m_runner->lastResult()->outcome), QStringLiteral("completed"));
        QVERIFY(m_view->outcomeLabel()->text().startsWith(QStringLiteral("Completed")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_view->runsModel()->rowCount(), 2, 30'000);
    const qint64 newer = m_view->runsModel()->runIdAt(0);
    const qint64 older = m_view->runsModel()->runIdAt(1);
    QVERIFY(older < newer);

    // Selecting two rows enables Compare, which fills the comparison.
    QTableView *runs = m_view->runsView();
    runs->selectAll();
    auto *compare = m_view->findChild<QPushButton *>(QStringLiteral("load-test-compare"));
    QVERIFY(compare);
    QVERIFY(compare->isEnabled());
    QSignalSpy shown(m_view, &LoadTestView::comparisonShown);
    compare->click();
    QVERIFY(shown.wait(30'000));

    LoadTestComparisonModel *comparison = m_view->comparisonModel();
    QCOMPARE(comparison->firstRunId(), older);
    QCOMPARE(comparison->secondRunId(), newer);
    QCOMPARE(comparison->rowCount(), int(kFigureCount) + 1);
    QCOMPARE(comparison->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Run %1").arg(older));
    const int offeredRow = int(Figure::OfferedRate);
    QCOMPARE(comparison->index(offeredRow, 0).data().toString(), QStringLiteral("Offered rate"));
    const ComparisonRow &offered = comparison->rows()[offeredRow];
    QVERIFY2(offered.second > offered.first, "the second run was sent at twice the rate");
}

void LoadTestConsoleTest::invalidSettingsDisableStart()
{
    LoadTestProfile profile = consoleProfile(1000, 5);
    profile.workload.clickShare = 0.9;
    m_view->setFormProfile(profile);
    QVERIFY2(m_view->validationMessage().contains(QStringLiteral("workload.mix")),
             qPrintable(m_view->validationMessage()));
    QVERIFY(!m_view->startButton()->isEnabled());

    profile.workload.clickShare = 0.7;
    m_view->setFormProfile(profile);
    QVERIFY(m_view->validationMessage().isEmpty());
    QVERIFY(m_view->startButton()->isEnabled());
}

void LoadTestConsoleTest::namedProfilesRoundTrip()
{
    LoadTestProfile profile = consoleProfile(4321, 42);
    profile.target = "http://127.0.0.1:8080";
    m_view->setFormProfile(profile);
    QVERIFY(m_view->saveProfileAs(QStringLiteral("nightly check")));
    QVERIFY(QFile::exists(path(QStringLiteral("profiles/nightly check.json"))));
    QCOMPARE(m_view->profileNames(), QStringList{QStringLiteral("nightly check")});

    m_view->setFormProfile(consoleProfile(10, 5));
    QCOMPARE(m_view->formProfile().rate, 10.0);
    QVERIFY(m_view->loadProfile(QStringLiteral("nightly check")));
    const LoadTestProfile loaded = m_view->formProfile();
    QCOMPARE(loaded.rate, 4321.0);
    QCOMPARE(loaded.durationMs, 42'000);
    QCOMPARE(loaded.target, std::string("http://127.0.0.1:8080"));
    QCOMPARE(m_runner->profile().name, std::string("nightly check"));

    // The command line reads the same file.
    const LoadTestProfile file = loadProfileFile(path(QStringLiteral("profiles/nightly check.json")).toStdString());
    QCOMPARE(file.rate, 4321.0);

    QVERIFY(!m_view->saveProfileAs(QStringLiteral("bad/name")));
    QCOMPARE(m_view->profileNames().size(), 1);
}

void LoadTestConsoleTest::missingEngineIsReported()
{
    ConsoleLoadTestRunner runner([] { return std::shared_ptr<Engine>(); }, path(QStringLiteral("unused.db")));
    runner.setProfile(consoleProfile(1000, 5));
    QSignalSpy failed(&runner, &LoadTestRunner::failed);
    runner.start();
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("embedded engine is not running")));
    QVERIFY(!runner.isRunning());
}

QTEST_MAIN(LoadTestConsoleTest)
#include "tst_loadtestconsole.moc"
