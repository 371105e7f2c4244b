#pragma once

#include "dashboards/timerange.h"
#include "exports/reportjob.h"

#include <QMenu>
#include <QPointer>

class QThreadPool;

namespace umg {

class ExportDialog;
class MainWindow;

/// Runs report jobs one at a time on a worker thread and delivers their
/// outcome on the GUI thread. The jobs read through the dashboards' data
/// source, which refers to the engine session, so the exporter must be
/// destroyed before the session: its destructor waits for the running job.
class ReportExporter : public QObject
{
    Q_OBJECT

public:
    explicit ReportExporter(QObject *parent = nullptr);
    ~ReportExporter() override;

    bool isRunning() const { return m_running; }
    /// Starts `job` and returns true; finished() follows. Returns false and
    /// does nothing while a job runs.
    bool start(ReportJob job);

Q_SIGNALS:
    /// `errorMessage` is empty when the report was written to `filePath`.
    void finished(const QString &filePath, const QString &errorMessage);

private:
    QThreadPool *m_pool = nullptr;
    bool m_running = false;
};

/// File > Export: Dashboard…, Load-test run…, Customer report… and Goal
/// report…, then Alerting rules… and Server stack… (see RuleExport). Each
/// report entry opens an ExportDialog, collects the data the report
/// needs on the GUI thread (ReportJob) and has a ReportExporter build and
/// write it. The outcome is shown in the window's message bar; a failure
/// also in a message box, with the fix.
class ExportMenu : public QMenu
{
    Q_OBJECT

public:
    explicit ExportMenu(MainWindow *window, QWidget *parent = nullptr);

    /// Builds the job for `kind` from the window's current state. `subject`
    /// is a dashboard key, a run id or a customer id. A dashboard report uses
    /// the dashboard's own time range, the other reports use `range`.
    ReportJob jobFor(ReportKind kind, const QString &subject, reports::ReportFormat format, const QString &filePath,
                     TimeRange range) const;
    /// Starts exporting `job`; exportFinished() follows. Returns false while
    /// another export runs.
    bool startExport(ReportJob job);
    bool isExporting() const;

    QAction *action(ReportKind kind) const;
    QAction *rulesAction() const { return m_rulesAction; }
    QAction *stackAction() const { return m_stackAction; }

    /// Writes the alerting rules with the Alerts view's thresholds to `path`
    /// and reports the outcome in the message bar. Returns an empty string
    /// or the translated failure.
    QString exportRules(const QString &path);
    /// Writes the server stack for `nodeUrls` below `folder`, like
    /// exportRules(). `nodeTokenFile` may be empty.
    QString exportStack(const QString &folder, const QStringList &nodeUrls, const QString &nodeTokenFile = {});
    /// The metrics URLs of the attached nodes, for the stack's scrape job.
    QStringList attachedNodeMetricsUrls() const;

Q_SIGNALS:
    void exportFinished(const QString &filePath, const QString &errorMessage);

private:
    void exportWithDialog(ReportKind kind);
    void fillSubjects(ExportDialog *dialog);
    void onFinished(const QString &filePath, const QString &errorMessage);
    void exportRulesWithDialog();
    void exportStackWithDialog();
    void showExportOutcome(const QString &path, const QString &error);

    MainWindow *m_window = nullptr;
    QPointer<ReportExporter> m_exporter;
    QList<QAction *> m_actions;
    QAction *m_rulesAction = nullptr;
    QAction *m_stackAction = nullptr;
};

} // namespace umg
