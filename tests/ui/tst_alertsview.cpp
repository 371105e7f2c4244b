// The console's Alerts view and rule exports on a real main window: the
// embedded engine runs the demo workload, and the alert rules of the
// catalogue are evaluated over its metric history. A fraud-flag threshold of
// zero makes FraudFlagSpike fire on the demo's fraudulent traffic, and an
// event-throughput target of zero keeps EventThroughputBelowTarget quiet.
// The exported rule file and stack match `unmogrowp-node export` with the
// same thresholds, and promtool accepts them where it is installed.

#include "alerts/alerthistorymodel.h"
#include "alerts/alertmonitor.h"
#include "alerts/alertnotifier.h"
#include "alerts/alertrulesmodel.h"
#include "alerts/alertsview.h"
#include "alerts/alertthresholdsettings.h"
#include "alerts/ruleexport.h"
#include "app/mainwindow.h"
#include "app/messagebar.h"
#include "exports/exportmenu.h"
#include "session/enginesession.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QColor>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace umg;

namespace {

constexpr int kStartTimeoutMs = 60'000;
constexpr int kFiringTimeoutMs = 60'000;
// Rule `for` durations in the test; the catalogue's are minutes long.
constexpr std::int64_t kTestForMs = 3'000;

const QString kFiringRule = QStringLiteral("FraudFlagSpike");
const QString kQuietRule = QStringLiteral("EventThroughputBelowTarget");

// The thresholds of the test, as `--threshold` arguments of the node.
const QStringList kThresholdArguments = {QStringLiteral("--threshold"), QStringLiteral("fraud_flag_max_ratio=0"),
                                         QStringLiteral("--threshold"), QStringLiteral("event_throughput_target=0")};

alerts::Thresholds testThresholds()
{
    alerts::Thresholds thresholds;
    thresholds.set("fraud_flag_max_ratio", 0.0);
    thresholds.set("event_throughput_target", 0.0);
    return thresholds;
}

struct StoredTransition
{
    qint64 timeMs = 0;
    QString rule;
    QString labels;
    int previousState = 0;
    int state = 0;
};

// Reads the alert history file with a connection of its own, so that the
// check does not go through the console's store.
QList<StoredTransition> readStoredTransitions(const QString &path)
{
    QList<StoredTransition> transitions;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-reader"));
        database.setDatabaseName(path);
        database.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (database.open()) {
            QSqlQuery query(QStringLiteral("SELECT time_ms, rule, labels, previous_state, state FROM alert_transitions "
                                           "ORDER BY id"),
                            database);
            while (query.next()) {
                transitions.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                                    query.value(3).toInt(), query.value(4).toInt()});
            }
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-reader"));
    return transitions;
}

// Lists an alert's stored transitions, for failure messages.
QString describeChain(const QString &key, const QList<StoredTransition> &transitions)
{
    QStringList lines{key};
    for (const StoredTransition &transition : transitions) {
        lines.append(QStringLiteral("  %1: %2 -> %3")
                         .arg(transition.timeMs)
                         .arg(transition.previousState)
                         .arg(transition.state));
    }
    return lines.join(QLatin1Char('\n'));
}

struct ProcessOutput
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

ProcessOutput runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    ProcessOutput output;
    if (!process.waitForFinished(60'000))
        return output;
    output.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    output.standardOutput = process.readAllStandardOutput();
    output.standardError = process.readAllStandardError();
    return output;
}

QString nodeBinary()
{
    return qEnvironmentVariable("UMG_NODE_BINARY");
}

// Every file below `folder`, relative path -> content.
std::map<QString, QByteArray> filesBelow(const QString &folder)
{
    std::map<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            files[QDir(folder).relativeFilePath(path)] = file.readAll();
    }
    return files;
}

} // namespace

class TestAlertsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void thresholdsLoadedFromSettings();
    void firingRuleNotifiesOnce();
    void viewFiltersRows();
    void invalidThresholdsFileRejected();
    void exportedRulesMatchNode();
    void exportedStackMatchesNode();

private:
    QTemporaryDir m_folder;
    std::unique_ptr<MainWindow> m_window;
};

void TestAlertsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_alertsview"));
    QSettings().clear();
    QVERIFY(m_folder.isValid());

    // The window reads the thresholds from the settings, as after a restart.
    AlertThresholdSettings::save(testThresholds());

    ConsoleOptions options;
    options.dataDir = m_folder.filePath(QStringLiteral("console"));
    options.demo = true;
    options.demoRate = 5'000;
    m_window = std::make_unique<MainWindow>(options);
    m_window->resize(1400, 900);
    m_window->show();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->session()->state(), SessionState::Running, kStartTimeoutMs);
}

void TestAlertsView::cleanupTestCase()
{
    if (m_window) {
        m_window->close();
        m_window.reset();
    }
}

void TestAlertsView::thresholdsLoadedFromSettings()
{
    AlertsView *view = m_window->alertsView();
    QVERIFY(view);
    QCOMPARE(view->thresholds().value("fraud_flag_max_ratio"), 0.0);
    QCOMPARE(view->thresholds().value("event_throughput_target"), 0.0);
    QCOMPARE(view->thresholds().overrides(), testThresholds().overrides());

    const std::vector<alerts::AlertRule> &rules = m_window->alertMonitor()->rules();
    QCOMPARE(rules.size(), alerts::ruleDefinitions().size());
    for (const alerts::AlertRule &rule : rules) {
        if (rule.name == kQuietRule.toStdString())
            QVERIFY2(rule.expression.find("< 0") != std::string::npos, rule.expression.c_str());
    }
}

void TestAlertsView::firingRuleNotifiesOnce()
{
    AlertMonitor *monitor = m_window->alertMonitor();
    AlertNotifier *notifier = m_window->alertNotifier();

    // Quiesce the monitor so that every notification from here on belongs
    // to an evaluation of the test's rules.
    monitor->stop();
    monitor->waitForIdle();
    QCoreApplication::processEvents();
    const qint64 reloadMs = QDateTime::currentMSecsSinceEpoch();
    const int notificationsBefore = notifier->notificationCount();
    QSignalSpy notified(notifier, &AlertNotifier::notified);

    // The catalogue's `for` durations are minutes long (FraudFlagSpike waits
    // 10 minutes). The evaluator takes `for` from each AlertRule and measures
    // it between evaluation times, so the test shortens it to 3 s and
    // evaluates every second. Thresholds and expressions stay as the view
    // built them.
    std::vector<alerts::AlertRule> rules = monitor->rules();
    for (alerts::AlertRule &rule : rules)
        rule.forMs = kTestForMs;
    monitor->setInterval(std::chrono::seconds(1));
    monitor->setRules(rules);
    monitor->start();

    const auto ruleState = [monitor](const QString &rule) {
        alerts::AlertState state = alerts::AlertState::Inactive;
        for (const AlertRow &row : monitor->snapshot().rows) {
            if (row.rule == rule && int(row.state) > int(state))
                state = row.state;
        }
        return state;
    };
    QTRY_VERIFY_WITH_TIMEOUT(ruleState(kFiringRule) == alerts::AlertState::Firing, kFiringTimeoutMs);

    // Further evaluations while the alert keeps firing send no further notification.
    const quint64 evaluations = monitor->evaluations();
    QTRY_VERIFY_WITH_TIMEOUT(monitor->evaluations() >= evaluations + 4, 30'000);
    QCOMPARE(ruleState(kFiringRule), alerts::AlertState::Firing);
    QCOMPARE(ruleState(kQuietRule), alerts::AlertState::Inactive);
    // The history records up{job="unmogrowp"} for the embedded engine, so
    // the rule for a missing engine target stays quiet without remote nodes.
    QCOMPARE(ruleState(QStringLiteral("EngineTargetMissing")), alerts::AlertState::Inactive);
    monitor->waitForIdle();
    QCoreApplication::processEvents();

    // The history file contains a chain of transitions per alert, each from the
    // state the one before it ended in. The alerts evaluated with the
    // catalogue's rules before the test replaced them end at the reload.
    // Every FraudFlagSpike alert that fired was pending for `for` first, and
    // the quiet rule has no transition at all.
    const QList<StoredTransition> stored = readStoredTransitions(monitor->historyDatabasePath());
    QVERIFY(!stored.isEmpty());
    std::map<QString, QList<StoredTransition>> alertsByKey;
    std::map<QString, int> firingStarts;
    for (const StoredTransition &transition : stored) {
        QVERIFY2(transition.rule != kQuietRule, qPrintable(transition.labels));
        const QString key = transition.rule + QLatin1Char(' ') + transition.labels;
        alertsByKey[key].append(transition);
        if (transition.state == int(alerts::AlertState::Firing) && transition.timeMs >= reloadMs)
            ++firingStarts[key];
    }
    int fraudAlertsFired = 0;
    for (const auto &[key, transitions] : alertsByKey) {
        int state = int(alerts::AlertState::Inactive);
        qint64 pendingSinceMs = 0;
        for (const StoredTransition &transition : transitions) {
            QVERIFY2(transition.previousState == state, qPrintable(describeChain(key, transitions)));
            if (transition.state == int(alerts::AlertState::Pending))
                pendingSinceMs = transition.timeMs;
            if (transition.state == int(alerts::AlertState::Firing) && transition.rule == kFiringRule) {
                ++fraudAlertsFired;
                QVERIFY2(transition.timeMs - pendingSinceMs >= kTestForMs,
                         qPrintable(QStringLiteral("%1: pending at %2, firing at %3")
                                        .arg(key)
                                        .arg(pendingSinceMs)
                                        .arg(transition.timeMs)));
            }
            state = transition.state;
        }
    }
    QVERIFY(fraudAlertsFired > 0);

    // One notification per start of firing, none repeated while it fires.
    std::map<QString, int> notifications;
    for (const QList<QVariant> &arguments : std::as_const(notified)) {
        const auto notification = arguments.at(0).value<AlertNotification>();
        ++notifications[notification.rule + QLatin1Char(' ') + notification.labels];
    }
    QCOMPARE(notifications, firingStarts);
    QCOMPARE(notifier->notificationCount() - notificationsBefore, int(notified.size()));
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("is firing")),
             qPrintable(m_window->messageBar()->text()));

    // The view's history table shows the same transitions.
    AlertsView *view = m_window->alertsView();
    QSignalSpy read(monitor, &AlertMonitor::historyRead);
    view->refreshHistory();
    QTRY_VERIFY_WITH_TIMEOUT(!read.isEmpty(), 10'000);
    QTRY_VERIFY(view->historyModel()->rowCount() >= stored.size());
}

void TestAlertsView::viewFiltersRows()
{
    AlertsView *view = m_window->alertsView();
    m_window->showAlerts();
    QCOMPARE(m_window->currentView(), view);
    AlertFilterModel *filter = view->filterModel();
    QVERIFY(view->rulesModel()->rowCount() >= int(alerts::ruleDefinitions().size()));

    filter->setStateFilter(alerts::AlertState::Firing);
    QVERIFY(filter->rowCount() > 0);
    for (int row = 0; row < filter->rowCount(); ++row)
        QCOMPARE(filter->index(row, 0).data(AlertRulesModel::StateRole).toInt(), int(alerts::AlertState::Firing));

    filter->setSearchText(kFiringRule.toLower());
    QVERIFY(filter->rowCount() > 0);
    for (int row = 0; row < filter->rowCount(); ++row) {
        QCOMPARE(filter->index(row, AlertRulesModel::RuleColumn).data().toString(), kFiringRule);
        const QUrl runbook = filter->index(row, 0).data(AlertRulesModel::RunbookRole).toUrl();
        QVERIFY2(runbook.toString().endsWith(QStringLiteral("/FraudFlagSpike")), qPrintable(runbook.toString()));
        QCOMPARE(filter->index(row, AlertRulesModel::StateColumn).data(Qt::BackgroundRole).value<QColor>(),
                 alertStateColor(alerts::AlertState::Firing));
    }

    filter->setSeverityFilter(QStringLiteral("critical"));
    QCOMPARE(filter->rowCount(), 0); // FraudFlagSpike is a warning

    filter->setStateFilter(std::nullopt);
    filter->setSeverityFilter({});
    filter->setSearchText(kQuietRule);
    QCOMPARE(filter->rowCount(), 1);
    QCOMPARE(filter->index(0, 0).data(AlertRulesModel::StateRole).toInt(), int(alerts::AlertState::Inactive));
    filter->setSearchText({});
}

void TestAlertsView::invalidThresholdsFileRejected()
{
    AlertsView *view = m_window->alertsView();
    const QString path = m_folder.filePath(QStringLiteral("bad-thresholds.conf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# comment\nfraud_flag_max_ratio=0\nno_such_threshold=3\n");
    file.close();

    QSignalSpy messages(view, &AlertsView::messageRaised);
    QVERIFY(!view->loadThresholdsFile(path));
    QCOMPARE(messages.size(), 1);
    const QString message = messages.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("no_such_threshold")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral(":3")) || message.contains(QStringLiteral("line 3")), qPrintable(message));
    // The thresholds in force and in the settings are unchanged.
    QCOMPARE(view->thresholds().overrides(), testThresholds().overrides());
    QCOMPARE(AlertThresholdSettings::load().overrides(), testThresholds().overrides());
}

void TestAlertsView::exportedRulesMatchNode()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    auto *menu = m_window->findChild<ExportMenu *>();
    QVERIFY(menu);
    QVERIFY(menu->rulesAction());

    const QString path = m_folder.filePath(QStringLiteral("exported/unmogrowp-alerts.yml"));
    const QString error = menu->exportRules(path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();

    const ProcessOutput node = runProgram(nodeBinary(), QStringList{"export", "rules"} + kThresholdArguments);
    QVERIFY2(node.exitCode == 0, node.standardError.constData());
    QCOMPARE(exported, node.standardOutput);
    QVERIFY(exported.contains("fraud_flag_max_ratio"));

    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus); the rule file was not checked by it");
    const ProcessOutput checked = runProgram(promtool, {QStringLiteral("check"), QStringLiteral("rules"), path});
    QVERIFY2(checked.exitCode == 0, (checked.standardOutput + checked.standardError).constData());
}

void TestAlertsView::exportedStackMatchesNode()
{
    if (nodeBinary().isEmpty())
        QSKIP("UMG_NODE_BINARY is not set; run the test through ctest");
    auto *menu = m_window->findChild<ExportMenu *>();
    QVERIFY(menu);
    QVERIFY(menu->stackAction());
    const QStringList nodes = {QStringLiteral("http://127.0.0.1:9464"), QStringLiteral("http://127.0.0.1:8080/metrics")};

    // An invalid URL is rejected with the value named.
    const QString invalid = menu->exportStack(m_folder.filePath(QStringLiteral("invalid-stack")),
                                              {QStringLiteral("ftp://127.0.0.1:1")});
    QVERIFY2(invalid.contains(QStringLiteral("ftp://127.0.0.1:1")), qPrintable(invalid));

    const QString consoleFolder = m_folder.filePath(QStringLiteral("console-stack"));
    const QString error = menu->exportStack(consoleFolder, nodes);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString nodeFolder = m_folder.filePath(QStringLiteral("node-stack"));
    QStringList arguments = {QStringLiteral("export"), QStringLiteral("stack"), nodeFolder};
    for (const QString &node : nodes)
        arguments << QStringLiteral("--node") << node;
    const ProcessOutput node = runProgram(nodeBinary(), arguments + kThresholdArguments);
    QVERIFY2(node.exitCode == 0, node.standardError.constData());

    const std::map<QString, QByteArray> consoleFiles = filesBelow(consoleFolder);
    const std::map<QString, QByteArray> nodeFiles = filesBelow(nodeFolder);
    QVERIFY(consoleFiles.size() >= 4);
    QCOMPARE(consoleFiles.size(), nodeFiles.size());
    for (const auto &[name, content] : nodeFiles) {
        QVERIFY2(consoleFiles.count(name) == 1, qPrintable(QStringLiteral("missing ") + name));
        QVERIFY2(consoleFiles.at(name) == content, qPrintable(QStringLiteral("differs: ") + name));
    }

    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    if (promtool.isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus); prometheus.yml was not checked by it");
    const ProcessOutput checked = runProgram(
        promtool, {QStringLiteral("check"), QStringLiteral("config"), consoleFolder + QStringLiteral("/prometheus.yml")});
    QVERIFY2(checked.exitCode == 0, (checked.standardOutput + checked.standardError).constData());
}

QTEST_MAIN(TestAlertsView)
#include "tst_alertsview.moc"
