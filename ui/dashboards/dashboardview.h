#pragma once

#include "dashboards/panelview.h"
#include "dashboards/timerange.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QSettings;
class QTimer;
class QToolButton;

namespace umg {

class LoadTestRunner;
class QueryRunner;

/// One dashboard: its panels in a grid under a bar with the time range,
/// the refresh interval, pause, refresh and export.
///
/// While the view is visible and not paused it submits all panel queries as
/// one batch to the QueryRunner at each refresh interval. It never waits
/// for the batch: results arrive through QueryRunner::finished(), and a
/// result older than the latest batch is dropped. A new batch is not
/// submitted while one is still running, unless the time range changed.
/// Panels fed by customer records update at once from setCustomerRecords().
class DashboardView : public QWidget
{
    Q_OBJECT

public:
    DashboardView(const DashboardDefinition &definition, QueryRunner *runner, QWidget *parent = nullptr);

    const DashboardDefinition &definition() const { return m_definition; }
    QList<PanelView *> panels() const { return m_panels; }
    /// Returns the panel with `id`, or null.
    PanelView *panel(const QString &id) const;
    /// The widget that contains all panels, for exports and screenshots.
    QWidget *panelArea() const { return m_panelArea; }

    TimeRange timeRange() const { return m_range; }
    void setTimeRange(TimeRange range);
    RefreshInterval refreshInterval() const { return m_refresh; }
    void setRefreshInterval(RefreshInterval interval);
    /// A paused view keeps its time range where it was and stops refreshing.
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);

    /// Updates the record-backed panels and the company names of legends.
    void setCustomerRecords(const CustomerRecords &records);

    /// Submits all panel queries now unless a batch is running.
    void refresh();
    /// Number of query batches whose results were shown.
    int completedRefreshes() const { return m_completedRefreshes; }

    /// Renders all panels into one PNG at `filePath`. Returns false and sets
    /// `errorMessage` to a translated sentence when it cannot be written.
    bool exportPng(const QString &filePath, QString *errorMessage = nullptr);

    /// Enables the load-test controls (Load testing dashboard only). The
    /// view does not take ownership.
    void setLoadTestRunner(LoadTestRunner *runner);
    /// Shows `panel` (the load tester's controls) above the panels, in a
    /// vertical splitter with them. The view takes ownership. Does nothing
    /// when a panel was set before.
    void setLoadTestPanel(QWidget *panel);

    void saveSettings(QSettings &settings) const;
    void restoreSettings(QSettings &settings);

Q_SIGNALS:
    /// Emitted after a batch's results were shown.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildToolBar();
    void buildPanels();
    void submitBatch();
    void onBatchFinished(quint64 batchId, const QList<QueryResult> &results);
    void applyRecords();
    void restartTimer();
    void exportWithDialog();
    void updateLoadTestControls();

    DashboardDefinition m_definition;
    QPointer<QueryRunner> m_runner;
    QList<PanelView *> m_panels;
    QList<QueryRequest> m_requests;   // one per panel query, in panel order
    QList<int> m_requestPanel;        // panel index of each request
    QWidget *m_panelArea = nullptr;
    QGridLayout *m_grid = nullptr;

    QComboBox *m_rangeBox = nullptr;
    QComboBox *m_refreshBox = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QLabel *m_updatedLabel = nullptr;
    QToolButton *m_loadTestButton = nullptr;
    QPointer<LoadTestRunner> m_loadTestRunner;
    QTimer *m_timer = nullptr;

    TimeRange m_range = TimeRange::Last15Minutes;
    RefreshInterval m_refresh = RefreshInterval::Every5Seconds;
    bool m_paused = false;
    qint64 m_pausedAtMs = 0;
    QSet<quint64> m_submittedBatches; // batches of this view not finished yet
    quint64 m_latestBatch = 0;
    bool m_batchRunning = false;
    qint64 m_batchFromMs = 0;
    qint64 m_batchToMs = 0;
    int m_completedRefreshes = 0;
    CustomerRecords m_records;
    CustomerDirectory m_directory;
};

} // namespace umg
