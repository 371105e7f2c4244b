#include "exports/exportmenu.h"

#include "app/mainwindow.h"
#include "alerts/alertthresholdsettings.h"
#include "alerts/ruleexport.h"
#include "alerts/stackexportdialog.h"
#include "app/messagebar.h"
#include "customers/customerrepository.h"
#include "dashboards/dashboardview.h"
#include "datasource/queryrunner.h"
#include "exports/exportdialog.h"
#include "exports/exportslog.h"
#include "loadtest/consoleloadtestrunner.h"
#include "remote/nodeclient.h"
#include "remote/nodefleet.h"
#include "remote/remoteconsole.h"
#include "session/enginesession.h"

#include "reports/report.h"
#include "reports/recordfigures.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QUrl>

namespace umg {
namespace {

const QString kFolderKey = QStringLiteral("exports/folder");
const QString kFormatKey = QStringLiteral("exports/format");

QString exportFolder()
{
    const QString saved = QSettings().value(kFolderKey).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir())
        return saved;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return documents.isEmpty() ? QDir::homePath() : documents;
}

QString outcomeText(const LoadTestRunRow &row)
{
    const QString started = reports::ReportText::time(row.startedAtMs);
    if (row.outcome != LoadTestOutcome::Completed)
        return ExportMenu::tr("Started %1; did not complete.").arg(started);
    return row.passed ? ExportMenu::tr("Started %1; met every target.").arg(started)
                      : ExportMenu::tr("Started %1; missed a target.").arg(started);
}

} // namespace

ReportExporter::ReportExporter(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
}

ReportExporter::~ReportExporter()
{
    // The running job still reads the data source and posts its outcome to
    // this object; it must end before either goes away.
    m_pool->waitForDone();
}

bool ReportExporter::start(ReportJob job)
{
    if (m_running)
        return false;
    m_running = true;
    m_pool->start([this, job = std::move(job)] {
        const QString error = runReportJob(job);
        QMetaObject::invokeMethod(
            this,
            [this, path = job.filePath, error] {
                m_running = false;
                Q_EMIT finished(path, error);
            },
            Qt::QueuedConnection);
    });
    return true;
}

ExportMenu::ExportMenu(MainWindow *window, QWidget *parent)
    : QMenu(tr("&Export"), parent)
    , m_window(window)
{
    setObjectName(QStringLiteral("export-menu"));
    // The exporter reads through the query runner's data source, and the
    // window deletes the runner before it stops the engine session, so the
    // exporter lives exactly as long as the runner.
    m_exporter = new ReportExporter(window->queryRunner());
    connect(m_exporter, &ReportExporter::finished, this, &ExportMenu::onFinished);

    const QList<std::pair<ReportKind, QString>> entries = {
        {ReportKind::Dashboard, tr("&Dashboard…")},
        {ReportKind::LoadTest, tr("&Load-test run…")},
        {ReportKind::Customer, tr("&Customer report…")},
        {ReportKind::Goals, tr("&Goal report…")},
    };
    for (const auto &[kind, text] : entries) {
        QAction *action = addAction(text, this, [this, kind = kind] { exportWithDialog(kind); });
        action->setStatusTip(tr("Write a %1 as PDF, HTML or CSV").arg(ExportDialog::kindTitle(kind).toLower()));
        m_actions.append(action);
    }

    addSeparator();
    m_rulesAction = addAction(tr("&Alerting rules…"), this, &ExportMenu::exportRulesWithDialog);
    m_rulesAction->setStatusTip(tr("Write the alert rules with the console's thresholds as a Prometheus rule file"));
    m_stackAction = addAction(tr("&Server stack…"), this, &ExportMenu::exportStackWithDialog);
    m_stackAction->setStatusTip(tr("Write the configuration of Prometheus, Alertmanager and Grafana for the nodes"));
}

QAction *ExportMenu::action(ReportKind kind) const
{
    const int index = int(kind);
    return index >= 0 && index < m_actions.size() ? m_actions[index] : nullptr;
}

bool ExportMenu::isExporting() const
{
    return m_exporter && m_exporter->isRunning();
}

ReportJob ExportMenu::jobFor(ReportKind kind, const QString &subject, reports::ReportFormat format,
                             const QString &filePath, TimeRange range) const
{
    ReportJob job;
    job.kind = kind;
    job.format = format;
    job.filePath = filePath;
    job.dataSource = m_window->queryRunner()->dataSource();
    job.endMs = QDateTime::currentMSecsSinceEpoch();
    job.rangeMs = TimeRanges::durationMs(range);
    job.records = m_window->customers()->records();
    job.recordsSource = QDir::toNativeSeparators(m_window->customers()->path());
    job.engineDatabasePath = m_window->session()->engineDatabasePath();
    job.runsDatabasePath = m_window->loadTest()->databasePath();

    switch (kind) {
    case ReportKind::Dashboard:
        for (const DashboardView *view : m_window->dashboards()) {
            if (view->definition().id == subject) {
                job.dashboard = view->definition();
                // NOTE: a paused dashboard shows the range that ended when it
                // was paused; the report covers the same length ending now.
                job.rangeMs = TimeRanges::durationMs(view->timeRange());
            }
        }
        break;
    case ReportKind::LoadTest:
        job.runId = subject.toLongLong();
        break;
    case ReportKind::Customer:
        job.customerId = subject;
        break;
    case ReportKind::Goals:
    case ReportKind::Count:
        break;
    }
    return job;
}

bool ExportMenu::startExport(ReportJob job)
{
    if (!m_exporter || m_exporter->isRunning()) {
        m_window->messageBar()->showMessage(MessageBar::Level::Warning,
                                            tr("A report is being exported. Start the next one when it is written."));
        return false;
    }
    qCInfo(lcExports) << "exporting" << ExportDialog::kindTitle(job.kind) << "to" << job.filePath;
    m_window->messageBar()->showMessage(MessageBar::Level::Information,
                                        tr("Writing the report to %1…").arg(QDir::toNativeSeparators(job.filePath)));
    return m_exporter->start(std::move(job));
}

void ExportMenu::exportWithDialog(ReportKind kind)
{
    auto *dialog = new ExportDialog(kind, exportFolder(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const std::optional<reports::ReportFormat> savedFormat =
        reports::parseFormat(QSettings().value(kFormatKey).toString());
    if (savedFormat)
        dialog->setFormat(*savedFormat);
    fillSubjects(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString path = dialog->filePath();
        QSettings settings;
        settings.setValue(kFolderKey, QFileInfo(path).absolutePath());
        settings.setValue(kFormatKey, reports::formatKey(dialog->format()));
        startExport(jobFor(dialog->kind(), dialog->subject(), dialog->format(), path, dialog->timeRange()));
    });
    dialog->open();
}

void ExportMenu::fillSubjects(ExportDialog *dialog)
{
    QList<ExportDialog::Subject> subjects;
    switch (dialog->kind()) {
    case ReportKind::Dashboard: {
        QString current;
        for (const DashboardView *view : m_window->dashboards()) {
            subjects.append({view->definition().id, view->definition().title,
                             tr("Time range: %1, as the dashboard shows it.").arg(TimeRanges::text(view->timeRange()))});
            if (m_window->currentView() == view)
                current = view->definition().id;
        }
        dialog->setSubjects(subjects, current, {});
        break;
    }
    case ReportKind::Customer: {
        for (const CustomerRecord &record : m_window->customers()->records()) {
            subjects.append({QString::fromStdString(record.customerId), reports::RecordFigures::company(record),
                             tr("Customer id %1, plan %2.")
                                 .arg(QString::fromStdString(record.customerId), QString::fromStdString(record.plan))});
        }
        dialog->setSubjects(subjects, {}, tr("No pilot customer is on record. Add one in the Customers view first."));
        break;
    }
    case ReportKind::LoadTest: {
        // The runs are read on the runner's database thread.
        dialog->setSubjects({}, {}, tr("Reading the stored runs…"));
        ConsoleLoadTestRunner *runner = m_window->loadTest();
        connect(runner, &ConsoleLoadTestRunner::runsListed, dialog, [dialog](const QList<LoadTestRunRow> &rows) {
            QList<ExportDialog::Subject> runs;
            for (const LoadTestRunRow &row : rows) {
                runs.append({QString::number(row.id),
                             tr("Run %1: %2 (%3)")
                                 .arg(row.id)
                                 .arg(QString::fromStdString(row.name), QString::fromStdString(row.target)),
                             outcomeText(row)});
            }
            dialog->setSubjects(runs, {},
                                tr("No load-test run is stored yet. Run a load test on the Load testing dashboard "
                                   "first."));
        });
        runner->listRuns();
        break;
    }
    case ReportKind::Goals:
        dialog->setSubjects({}, {},
                            tr("Measures every target of the pilot programme from the metric history, the engine's "
                               "database, the newest completed load-test run and the customer records."));
        break;
    case ReportKind::Count:
        break;
    }
}

void ExportMenu::onFinished(const QString &filePath, const QString &errorMessage)
{
    if (errorMessage.isEmpty()) {
        m_window->messageBar()->showMessage(MessageBar::Level::Information,
                                            tr("Report written to %1.").arg(QDir::toNativeSeparators(filePath)),
                                            tr("Open"), [filePath] {
                                                QDesktopServices::openUrl(QUrl::fromLocalFile(filePath));
                                            });
    } else {
        m_window->messageBar()->showMessage(MessageBar::Level::Error, errorMessage);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export Failed"), errorMessage, QMessageBox::Ok,
                                    m_window);
        box->setObjectName(QStringLiteral("export-failed"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    Q_EMIT exportFinished(filePath, errorMessage);
}

QStringList ExportMenu::attachedNodeMetricsUrls() const
{
    QStringList urls;
    if (!m_window->remote())
        return urls;
    // A node's HTTP API serves its metrics at /metrics.
    for (const NodeClient *node : m_window->remote()->fleet()->nodes())
        urls.append(node->endpoint().url.resolved(QUrl(QStringLiteral("metrics"))).toString());
    return urls;
}

QString ExportMenu::exportRules(const QString &path)
{
    const QString error = RuleExport::writeRuleFile(path, AlertThresholdSettings::load());
    showExportOutcome(path, error);
    return error;
}

QString ExportMenu::exportStack(const QString &folder, const QStringList &nodeUrls, const QString &nodeTokenFile)
{
    QStringList written;
    const QString error =
        RuleExport::writeStack(folder, nodeUrls, nodeTokenFile, AlertThresholdSettings::load(), &written);
    showExportOutcome(folder, error);
    return error;
}

void ExportMenu::showExportOutcome(const QString &path, const QString &error)
{
    if (error.isEmpty()) {
        m_window->messageBar()->showMessage(MessageBar::Level::Information,
                                            tr("Written to %1.").arg(QDir::toNativeSeparators(path)), tr("Open"),
                                            [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
    } else {
        m_window->messageBar()->showMessage(MessageBar::Level::Error, error);
    }
}

void ExportMenu::exportRulesWithDialog()
{
    const QString suggested = QDir(exportFolder()).filePath(QStringLiteral("unmogrowp-alerts.yml"));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export Alerting Rules"), suggested,
                                                      tr("Prometheus rule files (*.yml *.yaml)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(kFolderKey, QFileInfo(path).absolutePath());
    exportRules(path);
}

void ExportMenu::exportStackWithDialog()
{
    const QString folder = QDir(exportFolder()).filePath(QStringLiteral("unmogrowp-stack"));
    auto *dialog = new StackExportDialog(folder, attachedNodeMetricsUrls(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        exportStack(dialog->folder(), dialog->nodeUrls(), dialog->nodeTokenFile());
    });
    dialog->open();
}

} // namespace umg
