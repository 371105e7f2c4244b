#pragma once

#include "app/consoleoptions.h"
#include "dashboards/dashboardcatalogue.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QSpinBox;
class QStackedWidget;
class QTimer;

namespace umg {

class AlertMonitor;
class AlertNotifier;
class AlertsView;
class ConsoleLoadTestRunner;
class CustomerRepository;
class CustomersView;
class DashboardDataSource;
class DashboardView;
class DemoWorkload;
class EngineSession;
class MessageBar;
class MetricsServer;
class QueryRunner;
class RemoteConsole;
class ReplayController;
enum class SessionState;
class ValidationView;

/// The console's main window: a side bar with the four dashboards and the
/// Customers view, the demo controls, File > Replay…, and the message bar.
///
/// It owns the embedded engine session, the demo workload, the customer
/// repository and the query runner, and connects them. Customer records go
/// to the engine's customer gauges and to the dashboards. The dashboards
/// read the metric history through a DashboardDataSource.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// Starts the engine session, the demo workload (running unless
    /// options.demo is false) and the customer repository; none of them
    /// blocks the constructor.
    explicit MainWindow(const ConsoleOptions &options, QWidget *parent = nullptr);
    /// Stops the replay, the demo and the engine, which commits every
    /// accepted event, and waits for them.
    ~MainWindow() override;

    EngineSession *session() const { return m_session; }
    DemoWorkload *demo() const { return m_demo; }
    CustomerRepository *customers() const { return m_customers; }
    ReplayController *replay() const { return m_replay; }
    ConsoleLoadTestRunner *loadTest() const { return m_loadTest; }
    QueryRunner *queryRunner() const { return m_queries; }
    MessageBar *messageBar() const { return m_messageBar; }
    RemoteConsole *remote() const { return m_remote; }
    AlertMonitor *alertMonitor() const { return m_alertMonitor; }
    AlertNotifier *alertNotifier() const { return m_alertNotifier; }
    AlertsView *alertsView() const { return m_alertsView; }
    ValidationView *validationView() const { return m_validationView; }

    QList<DashboardView *> dashboards() const { return m_dashboards; }
    DashboardView *dashboard(DashboardId id) const;
    CustomersView *customersView() const { return m_customersView; }

    void showDashboard(DashboardId id);
    void showCustomers();
    void showAlerts();
    QWidget *currentView() const;

    /// Replaces the source that all dashboards read, for example with remote
    /// nodes or a Prometheus server. The default reads the local history.
    void setDataSource(std::shared_ptr<const DashboardDataSource> source);

    /// Replays `files` through the embedded engine with a progress dialog;
    /// File > Replay… calls it after the file dialog. Pauses the demo once
    /// the files passed their check. Returns false when a replay is already
    /// running.
    bool startReplay(const QStringList &files);

    /// Pauses the demo, restarts the engine on a fresh database and a fresh
    /// history, and resumes the demo if it was running.
    void resetDemo();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildViews();
    void buildLoadTest();
    void buildActions();
    void buildStatusBar();
    void connectParts();
    void restoreSettings();
    void saveSettings();
    void replayWithDialog();
    void onSessionState(SessionState state);
    void onSessionFailed(const QString &message);
    void onCustomerRecordsChanged();
    void updateStatus();
    void updateDemoActions();
    void startMetricsServer();

    ConsoleOptions m_options;
    EngineSession *m_session = nullptr;
    DemoWorkload *m_demo = nullptr;
    CustomerRepository *m_customers = nullptr;
    QueryRunner *m_queries = nullptr;
    ReplayController *m_replay = nullptr;
    ConsoleLoadTestRunner *m_loadTest = nullptr;
    std::unique_ptr<MetricsServer> m_metricsServer;
    RemoteConsole *m_remote = nullptr;
    AlertMonitor *m_alertMonitor = nullptr;
    AlertNotifier *m_alertNotifier = nullptr;

    MessageBar *m_messageBar = nullptr;
    QListWidget *m_sideBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QList<DashboardView *> m_dashboards;
    CustomersView *m_customersView = nullptr;
    AlertsView *m_alertsView = nullptr;
    ValidationView *m_validationView = nullptr;

    QAction *m_pauseDemoAction = nullptr;
    QAction *m_resetDemoAction = nullptr;
    QAction *m_replayAction = nullptr;
    QSpinBox *m_rateBox = nullptr;
    QLabel *m_engineStatus = nullptr;
    QLabel *m_demoStatus = nullptr;
    QLabel *m_sourceStatus = nullptr;
    QTimer *m_statusTimer = nullptr;

    bool m_resetting = false;
    bool m_resumeDemoAfterReset = false;
    quint64 m_lastDemoEvents = 0;
    qint64 m_lastDemoSampleMs = 0;
};

} // namespace umg
