#pragma once

#include "alerts/thresholds.h"
#include "dashboards/timerange.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace umg {

class AlertFilterModel;
class AlertHistoryModel;
class AlertMonitor;
class AlertRulesModel;
struct AlertSnapshot;

/// The Alerts view. It lists every alert rule with its state, since when,
/// value, severity, summary and runbook link, filtered by state, severity
/// and a search text, and below it the alert history over a time range.
/// The thresholds are edited here and kept in the settings
/// (AlertThresholdSettings), and changing them reloads the monitor's rules.
class AlertsView : public QWidget
{
    Q_OBJECT

public:
    /// Loads the stored thresholds into `monitor`'s rules.
    explicit AlertsView(AlertMonitor *monitor, QWidget *parent = nullptr);

    AlertMonitor *monitor() const { return m_monitor; }
    AlertRulesModel *rulesModel() const { return m_rules; }
    AlertFilterModel *filterModel() const { return m_filter; }
    AlertHistoryModel *historyModel() const { return m_history; }

    const alerts::Thresholds &thresholds() const { return m_thresholds; }
    /// Stores `thresholds` in the settings and reloads the rules with them.
    /// Returns false and shows the reason when the rules cannot be built.
    bool setThresholds(const alerts::Thresholds &thresholds);
    /// Applies a `NAME=VALUE` file, as `--thresholds-file` does. Returns false
    /// and shows the reason when the file is invalid.
    bool loadThresholdsFile(const QString &path);

    TimeRange historyRange() const { return m_historyRange; }
    void setHistoryRange(TimeRange range);
    /// Reads the alert history of the selected range again.
    void refreshHistory();

Q_SIGNALS:
    /// A translated sentence for the message bar.
    void messageRaised(const QString &message);

private:
    QWidget *buildRulesPanel();
    QWidget *buildHistoryPanel();
    void applyRules();
    void editThresholds();
    void loadThresholdsWithDialog();
    void onEvaluated(const AlertSnapshot &snapshot);
    void openRunbook(const QModelIndex &index);

    AlertMonitor *m_monitor = nullptr;
    AlertRulesModel *m_rules = nullptr;
    AlertFilterModel *m_filter = nullptr;
    AlertHistoryModel *m_history = nullptr;
    alerts::Thresholds m_thresholds;
    TimeRange m_historyRange = TimeRange::Last24Hours;

    QLabel *m_status = nullptr;
    QLabel *m_thresholdStatus = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QComboBox *m_severityFilter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_rulesTable = nullptr;
    QComboBox *m_rangeBox = nullptr;
    QLabel *m_historyStatus = nullptr;
    QTableView *m_historyTable = nullptr;
};

} // namespace umg
