#include "app/mainwindow.h"

#include "alerts/alertmonitor.h"
#include "alerts/alertnotifier.h"
#include "alerts/alertsview.h"
#include "app/applog.h"
#include "app/consolelanguage.h"
#include "app/messagebar.h"
#include "customers/customerrepository.h"
#include "customers/customersview.h"
#include "dashboards/dashboardview.h"
#include "datasource/historydatasource.h"
#include "datasource/queryrunner.h"
#include "demo/demoworkload.h"
#include "exports/exportmenu.h"
#include "loadtest/consoleloadtestrunner.h"
#include "loadtest/loadtestview.h"
#include "remote/remoteconsole.h"
#include "replay/replaycontroller.h"
#include "replay/replaydialog.h"
#include "session/enginesession.h"
#include "validation/validationview.h"
#include "widgets/valueformat.h"

#include "metrics/metricsserver.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace umg {
namespace {

const QString kCustomersKey = QStringLiteral("customers");

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

MainWindow::MainWindow(const ConsoleOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setWindowTitle(tr("UnMoGrowP Console"));
    resize(1440, 900);

    const QString dataDir = options.dataDir.isEmpty() ? defaultDataDir() : options.dataDir;
    m_session = new EngineSession(dataDir, this);
    m_customers = new CustomerRepository(this);
    m_queries = new QueryRunner(this);
    m_replay = new ReplayController(m_session, this);
    m_demo = new DemoWorkload([session = m_session] { return session->engine(); }, this);
    m_loadTest = new ConsoleLoadTestRunner([session = m_session] { return session->engine(); },
                                           m_session->customerDatabasePath(), this);

    EngineSession *session = m_session;
    setDataSource(std::make_shared<HistoryDataSource>([session] { return session->history(); }));
    // Remote nodes record into the same history; the remote mode's scope
    // keeps their series out of the local dashboards.
    m_remote = new RemoteConsole([session] { return session->writableHistory(); }, this);
    setDataSource(m_remote->dataSource());
    // The alert rules read the same history: the embedded engine's series
    // and those recorded from attached nodes.
    m_alertMonitor = new AlertMonitor([session] { return session->history(); },
                                      QDir(dataDir).filePath(QStringLiteral("alert-history.db")), this);

    buildViews();
    buildLoadTest();
    buildActions();
    buildStatusBar();
    connectParts();
    restoreSettings();

    qCInfo(lcApp) << "data folder" << dataDir;
    m_customers->open(m_session->customerDatabasePath(), true);
    m_session->start(EngineProfile::Demo);
    m_demo->start(!options.demo);
    startMetricsServer();
    m_remote->restore();
    m_alertMonitor->start();
    updateDemoActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Order matters: the load test, the replay and the demo hold the engine,
    // the queries hold the history, and the session waits for both to let go.
    delete m_loadTest;
    m_loadTest = nullptr;
    delete m_replay;
    m_replay = nullptr;
    delete m_demo;
    m_demo = nullptr;
    m_metricsServer.reset();
    delete m_remote;
    m_remote = nullptr;
    delete m_alertMonitor;
    m_alertMonitor = nullptr;
    delete m_queries;
    m_queries = nullptr;
    m_session->stopAndWait();
    m_customers->waitForIdle();
}

void MainWindow::buildViews()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_messageBar = new MessageBar(central);
    layout->addWidget(m_messageBar);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    m_sideBar = new QListWidget(splitter);
    m_sideBar->setObjectName(QStringLiteral("side-bar"));
    m_sideBar->setAccessibleName(tr("Views"));
    m_sideBar->setMaximumWidth(240);
    m_stack = new QStackedWidget(splitter);
    splitter->addWidget(m_sideBar);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    const QIcon dashboardIcon = style()->standardIcon(QStyle::SP_FileDialogContentsView);
    for (int i = 0; i < int(DashboardId::Count); ++i) {
        auto *view = new DashboardView(DashboardCatalogue::dashboard(DashboardId(i)), m_queries, m_stack);
        m_dashboards.append(view);
        m_stack->addWidget(view);
        auto *item = new QListWidgetItem(dashboardIcon, view->definition().title, m_sideBar);
        item->setData(Qt::UserRole, view->definition().id);
    }

    m_customersView = new CustomersView(m_customers, m_stack);
    m_stack->addWidget(m_customersView);
    auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DirHomeIcon), tr("Customers"), m_sideBar);
    item->setData(Qt::UserRole, kCustomersKey);

    m_stack->addWidget(m_remote->createFleetView(m_stack));
    auto *fleetItem = new QListWidgetItem(style()->standardIcon(QStyle::SP_DriveNetIcon), tr("Fleet"), m_sideBar);
    fleetItem->setData(Qt::UserRole, QStringLiteral("fleet"));

    m_alertsView = new AlertsView(m_alertMonitor, m_stack);
    m_stack->addWidget(m_alertsView);
    auto *alertsItem =
        new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxWarning), tr("Alerts"), m_sideBar);
    alertsItem->setData(Qt::UserRole, QStringLiteral("alerts"));

    m_validationView = new ValidationView(m_remote->fleet(), m_stack);
    m_stack->addWidget(m_validationView);
    auto *validationItem =
        new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton), tr("Validation"), m_sideBar);
    validationItem->setData(Qt::UserRole, QStringLiteral("validation"));

    connect(m_sideBar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_sideBar->setCurrentRow(0);
    setCentralWidget(central);
}

void MainWindow::buildLoadTest()
{
    // The Load testing dashboard is the load tester's home. A run against the
    // embedded engine pauses the demo, so that the counts are the run's own.
    DashboardView *view = dashboard(DashboardId::LoadTesting);
    if (!view)
        return;
    const QString profiles = QDir(m_session->dataDir()).filePath(QStringLiteral("load-test-profiles"));
    view->setLoadTestPanel(new LoadTestView(m_loadTest, profiles));
    view->setLoadTestRunner(m_loadTest);
    connect(m_loadTest, &ConsoleLoadTestRunner::embeddedRunStarting, m_demo, &DemoWorkload::pause);
    // A reset would wait for the run to let go of the engine, and a replay
    // would mix its events into the run's counts.
    connect(m_loadTest, &LoadTestRunner::runningChanged, this, &MainWindow::updateDemoActions);
}

void MainWindow::buildActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_replayAction = fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Replay…"), this,
                                         &MainWindow::replayWithDialog);
    m_replayAction->setShortcut(QKeySequence::Open);
    m_replayAction->setStatusTip(tr("Replay NDJSON, CSV or TalkingData files through the embedded engine"));
    fileMenu->addAction(m_remote->attachNodeAction());
    fileMenu->addAction(m_remote->attachPrometheusAction());
    fileMenu->addSeparator();
    fileMenu->addMenu(new ExportMenu(this, fileMenu));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_sideBar->count(); ++i) {
        QAction *action = viewMenu->addAction(m_sideBar->item(i)->text(), this,
                                              [this, i] { m_sideBar->setCurrentRow(i); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    QMenu *languageMenu = ConsoleLanguage::createMenu(viewMenu);
    viewMenu->addMenu(languageMenu);
    connect(languageMenu, &QMenu::triggered, this, [this] {
        m_messageBar->showMessage(MessageBar::Level::Information,
                                  tr("The console shows the chosen language from its next start."));
    });

    QMenu *demoMenu = menuBar()->addMenu(tr("&Demo"));
    m_pauseDemoAction = demoMenu->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause demo"));
    m_pauseDemoAction->setCheckable(true);
    m_pauseDemoAction->setStatusTip(tr("Pause or resume the built-in traffic generator"));
    connect(m_pauseDemoAction, &QAction::toggled, m_demo, &DemoWorkload::setPaused);
    m_resetDemoAction = demoMenu->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Reset demo"), this,
                                            &MainWindow::resetDemo);
    m_resetDemoAction->setStatusTip(tr("Start again with a fresh engine database and an empty metric history"));
    QMenu *rateMenu = demoMenu->addMenu(tr("Demo &rate"));
    for (const double rate : {500.0, 2'000.0, 10'000.0, 50'000.0, 200'000.0}) {
        rateMenu->addAction(tr("%1 events/s").arg(formatCount(qint64(rate))), this,
                            [this, rate] { m_demo->setRate(rate); });
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About UnMoGrowP Console"), this, [this] {
        QMessageBox::about(this, tr("About UnMoGrowP Console"),
                           tr("UnMoGrowP Console %1\nOperations console with an embedded mobile-attribution engine.\n"
                              "Data folder: %2")
                               .arg(QCoreApplication::applicationVersion(),
                                    QDir::toNativeSeparators(m_session->dataDir())));
    });

    QToolBar *toolBar = addToolBar(tr("Demo"));
    toolBar->setObjectName(QStringLiteral("demo-toolbar"));
    toolBar->addAction(m_replayAction);
    toolBar->addSeparator();
    toolBar->addAction(m_pauseDemoAction);
    toolBar->addAction(m_resetDemoAction);
    toolBar->addWidget(new QLabel(tr(" Demo rate: "), toolBar));
    m_rateBox = new QSpinBox(toolBar);
    m_rateBox->setAccessibleName(tr("Demo rate"));
    m_rateBox->setRange(int(DemoWorkload::kMinimumRate), int(DemoWorkload::kMaximumRate));
    m_rateBox->setSingleStep(500);
    m_rateBox->setGroupSeparatorShown(true);
    m_rateBox->setSuffix(tr(" events/s"));
    m_rateBox->setKeyboardTracking(false);
    m_rateBox->setValue(int(m_demo->rate()));
    connect(m_rateBox, &QSpinBox::valueChanged, m_demo, [this](int value) { m_demo->setRate(value); });
    toolBar->addWidget(m_rateBox);

    addToolBar(m_remote->createScopeToolBar(this));
}

void MainWindow::buildStatusBar()
{
    m_engineStatus = new QLabel(this);
    m_demoStatus = new QLabel(this);
    m_sourceStatus = new QLabel(this);
    statusBar()->addWidget(m_engineStatus);
    statusBar()->addWidget(m_demoStatus);
    statusBar()->addPermanentWidget(m_sourceStatus);

    m_statusTimer = new QTimer(this);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer->start(1000);
}

void MainWindow::connectParts()
{
    m_alertNotifier = new AlertNotifier(m_alertMonitor, m_messageBar, [this] { showAlerts(); }, this);
    connect(m_alertMonitor, &AlertMonitor::failed, this,
            [this](const QString &message) { m_messageBar->showMessage(MessageBar::Level::Warning, message); });
    connect(m_alertsView, &AlertsView::messageRaised, this,
            [this](const QString &message) { m_messageBar->showMessage(MessageBar::Level::Warning, message); });
    connect(m_remote, &RemoteConsole::dataSourceChanged, this, &MainWindow::setDataSource);
    connect(m_remote, &RemoteConsole::warningRaised, this,
            [this](const QString &message) { m_messageBar->showMessage(MessageBar::Level::Warning, message); });
    connect(m_session, &EngineSession::stateChanged, this, &MainWindow::onSessionState);
    connect(m_session, &EngineSession::failed, this, &MainWindow::onSessionFailed);
    connect(m_customers, &CustomerRepository::recordsChanged, this, &MainWindow::onCustomerRecordsChanged);
    connect(m_customers, &CustomerRepository::operationFailed, this,
            [this](const QString &message) { m_messageBar->showMessage(MessageBar::Level::Error, message); });

    connect(m_demo, &DemoWorkload::pausedChanged, this, &MainWindow::updateDemoActions);
    connect(m_demo, &DemoWorkload::rateChanged, this, [this](double rate) {
        const QSignalBlocker blocker(m_rateBox);
        m_rateBox->setValue(int(rate));
    });

    connect(m_replay, &ReplayController::phaseChanged, this, [this](ReplayController::Phase phase) {
        // Paused only once the files passed their check, so that a missing
        // file leaves the demo running. Demo events would mix into the
        // replay's counts.
        if (phase == ReplayController::Phase::Restarting)
            m_demo->pause();
        updateDemoActions();
    });
    connect(m_replay, &ReplayController::finished, this, [this](const ReplayResult &result) {
        statusBar()->showMessage(result.cancelled ? tr("Replay cancelled. The demo is paused; resume it to feed "
                                                       "the engine again.")
                                                  : tr("Replay finished. The demo is paused; resume it to feed the "
                                                       "engine again."),
                                 15'000);
    });
    connect(m_replay, &ReplayController::failed, this,
            [this](const QString &message) { m_messageBar->showMessage(MessageBar::Level::Error, message); });
}

DashboardView *MainWindow::dashboard(DashboardId id) const
{
    const int index = int(id);
    return index >= 0 && index < m_dashboards.size() ? m_dashboards[index] : nullptr;
}

void MainWindow::showDashboard(DashboardId id)
{
    if (DashboardView *view = dashboard(id))
        m_sideBar->setCurrentRow(m_stack->indexOf(view));
}

void MainWindow::showCustomers()
{
    m_sideBar->setCurrentRow(m_stack->indexOf(m_customersView));
}

void MainWindow::showAlerts()
{
    m_sideBar->setCurrentRow(m_stack->indexOf(m_alertsView));
}

QWidget *MainWindow::currentView() const
{
    return m_stack->currentWidget();
}

void MainWindow::setDataSource(std::shared_ptr<const DashboardDataSource> source)
{
    if (m_sourceStatus)
        m_sourceStatus->setText(source ? tr("Data: %1").arg(source->displayName()) : tr("No data source"));
    m_queries->setDataSource(std::move(source));
    for (DashboardView *view : std::as_const(m_dashboards))
        view->refresh();
}

void MainWindow::replayWithDialog()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Replay event files"), folder,
        tr("Event files (*.ndjson *.jsonl *.json *.csv);;All files (*)"));
    if (!files.isEmpty())
        startReplay(files);
}

bool MainWindow::startReplay(const QStringList &files)
{
    if (m_replay->isRunning()) {
        m_messageBar->showMessage(MessageBar::Level::Warning,
                                  tr("A replay is running already. Wait for it to finish or cancel it first."));
        return false;
    }
    if (m_resetting) {
        m_messageBar->showMessage(MessageBar::Level::Warning,
                                  tr("The demo is being reset. Start the replay again when the engine runs."));
        return false;
    }
    auto *dialog = new ReplayDialog(m_replay, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const bool started = m_replay->start(files);
    dialog->open();
    return started;
}

void MainWindow::resetDemo()
{
    if (m_replay->isRunning() || m_resetting)
        return;
    m_resumeDemoAfterReset = !m_demo->isPaused();
    m_demo->pause();
    m_resetting = true;
    RestartOptions options;
    options.profile = EngineProfile::Demo;
    options.freshEngine = true;
    options.freshHistory = true;
    m_session->restart(options);
    qCInfo(lcApp) << "demo reset requested";
    updateDemoActions();
}

void MainWindow::onSessionState(SessionState state)
{
    if (state == SessionState::Running) {
        m_messageBar->clearMessage();
        if (m_resetting) {
            m_resetting = false;
            m_demo->restartWorkload();
            if (m_resumeDemoAfterReset)
                m_demo->resume();
            statusBar()->showMessage(tr("Demo reset: fresh engine database and metric history."), 10'000);
        }
    }
    if (state == SessionState::Failed)
        m_resetting = false;
    updateDemoActions();
    updateStatus();
}

void MainWindow::onSessionFailed(const QString &message)
{
    m_messageBar->showMessage(MessageBar::Level::Error, message, tr("Start fresh"), [this] {
        RestartOptions options;
        options.profile = EngineProfile::Demo;
        options.freshEngine = true;
        options.freshHistory = true;
        options.keepOldFiles = true;
        m_session->restart(options);
    });
}

void MainWindow::onCustomerRecordsChanged()
{
    const std::vector<CustomerRecord> &records = m_customers->records();
    m_session->setCustomerMetrics(toRecordMetrics(records));
    for (DashboardView *view : std::as_const(m_dashboards))
        view->setCustomerRecords(records);
}

void MainWindow::updateDemoActions()
{
    const bool replaying = m_replay->isRunning();
    const bool loadTesting = m_loadTest && m_loadTest->isRunning();
    const bool paused = m_demo->isPaused();
    {
        const QSignalBlocker blocker(m_pauseDemoAction);
        m_pauseDemoAction->setChecked(paused);
    }
    m_pauseDemoAction->setText(paused ? tr("Resume demo") : tr("Pause demo"));
    m_pauseDemoAction->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pauseDemoAction->setEnabled(!replaying);
    m_resetDemoAction->setEnabled(!replaying && !m_resetting && !loadTesting);
    m_replayAction->setEnabled(!replaying && !m_resetting && !loadTesting);
}

void MainWindow::updateStatus()
{
    m_engineStatus->setText(sessionStateText(m_session->state()));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const quint64 events = m_demo->statistics().eventsSubmitted;
    double measured = 0;
    if (m_lastDemoSampleMs > 0 && now > m_lastDemoSampleMs && events >= m_lastDemoEvents)
        measured = double(events - m_lastDemoEvents) * 1000.0 / double(now - m_lastDemoSampleMs);
    m_lastDemoEvents = events;
    m_lastDemoSampleMs = now;

    if (m_replay->isRunning())
        m_demoStatus->setText(tr("Replay running"));
    else if (m_demo->isPaused())
        m_demoStatus->setText(tr("Demo paused"));
    else
        m_demoStatus->setText(tr("Demo: %1 events/s (set to %2)")
                                  .arg(formatCount(qint64(measured)), formatCount(qint64(m_demo->rate()))));
}

void MainWindow::startMetricsServer()
{
    if (m_options.metricsListen.isEmpty())
        return;
    try {
        m_metricsServer = std::make_unique<MetricsServer>(m_options.metricsListen.toStdString(),
                                                          m_session->metricsCollectable());
        qCInfo(lcApp) << "serving metrics on" << m_options.metricsListen;
    } catch (const std::exception &error) {
        qCWarning(lcApp) << "cannot serve metrics on" << m_options.metricsListen << error.what();
        m_messageBar->showMessage(MessageBar::Level::Warning,
                                  tr("The metrics endpoint could not start: %1. Choose another port with "
                                     "--metrics-listen.")
                                      .arg(QString::fromUtf8(error.what())));
    }
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    for (DashboardView *view : std::as_const(m_dashboards))
        view->restoreSettings(settings);

    if (!m_options.demoRate) {
        bool ok = false;
        const double rate = settings.value(QStringLiteral("demo/rate")).toDouble(&ok);
        if (ok)
            m_demo->setRate(rate);
    } else {
        m_demo->setRate(*m_options.demoRate);
    }

    const QString view = m_options.dashboard.isEmpty() ? settings.value(QStringLiteral("window/view")).toString()
                                                       : m_options.dashboard;
    for (int i = 0; i < m_sideBar->count(); ++i) {
        if (m_sideBar->item(i)->data(Qt::UserRole).toString() == view)
            m_sideBar->setCurrentRow(i);
    }
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (QListWidgetItem *item = m_sideBar->currentItem())
        settings.setValue(QStringLiteral("window/view"), item->data(Qt::UserRole));
    settings.setValue(QStringLiteral("demo/rate"), m_demo->rate());
    for (DashboardView *view : std::as_const(m_dashboards))
        view->saveSettings(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_replay->cancel();
    m_loadTest->stop();
    m_demo->pause();
    qCInfo(lcApp) << "window closed; stopping the demo and the engine";
    event->accept();
}

} // namespace umg
