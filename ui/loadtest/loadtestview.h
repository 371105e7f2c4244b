#pragma once

#include "loadtest/loadtestprofiles.h"
#include "loadtest/loadtestresult.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace umg {

class ConsoleLoadTestRunner;
class LoadTestComparisonModel;
class LoadTestRunsModel;
class ThresholdTable;
class TimeSeriesChart;

/// The load tester's home on the Load testing dashboard. The Run tab
/// contains the profile form (target, rate, ramp-up, duration and traffic
/// mix, with named profiles loaded and saved as files), Start and Stop, the
/// progress with elapsed and remaining time, the live figures of the
/// dashboard's panels for any target, and the validation summary of the
/// last run. The "Runs and comparison" tab lists the stored runs and
/// compares two of them side by side.
///
/// The view only reads the runner's progress when the runner signals it, at
/// the runner's refresh interval.
class LoadTestView : public QWidget
{
    Q_OBJECT

public:
    /// Named profiles are files in `profileFolder`. The view does not take
    /// ownership of `runner`.
    LoadTestView(ConsoleLoadTestRunner *runner, const QString &profileFolder, QWidget *parent = nullptr);

    ConsoleLoadTestRunner *runner() const { return m_runner; }

    /// The profile the form describes; it may be invalid.
    LoadTestProfile formProfile() const;
    /// Fills the form from `profile`.
    void setFormProfile(const LoadTestProfile &profile);
    /// The form's validation message, empty while the settings are valid.
    QString validationMessage() const;
    /// Saves the form as profile `name` and selects it; false with a message
    /// in the view when it cannot be saved.
    bool saveProfileAs(const QString &name);
    /// Loads profile `name` into the form.
    bool loadProfile(const QString &name);
    QStringList profileNames() const;

    /// Shows `result` in the validation summary.
    void showResult(const LoadTestResult &result);
    /// Loads stored runs `first` and `second` and compares them in the History tab.
    void compareRuns(qint64 first, qint64 second);
    /// Reads the stored runs again.
    void refreshRuns();

    QPushButton *startButton() const { return m_startButton; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *timeLabel() const { return m_timeLabel; }
    ThresholdTable *liveTable() const { return m_liveTable; }
    ThresholdTable *summaryTable() const { return m_summaryTable; }
    QLabel *outcomeLabel() const { return m_outcomeLabel; }
    QTableView *runsView() const { return m_runsView; }
    LoadTestRunsModel *runsModel() const { return m_runsModel; }
    LoadTestComparisonModel *comparisonModel() const { return m_comparisonModel; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    /// Emitted when the comparison of two runs is shown.
    void comparisonShown();

private:
    QWidget *buildRunTab();
    QWidget *buildForm();
    QWidget *buildHistoryTab();
    void onFormChanged();
    void onRunningChanged(bool running);
    void onProgress();
    void onFinished(const LoadTestResult &result);
    void onRunLoaded(const LoadTestResult &result);
    void updateLiveTable();
    void updateChart();
    void updateHistoryButtons();
    void showMessage(const QString &message);
    void saveProfileWithDialog();
    void deleteSelectedProfile();
    void refreshProfileList(const QString &select = {});

    ConsoleLoadTestRunner *m_runner = nullptr;
    LoadTestProfileLibrary m_profiles;
    bool m_fillingForm = false;

    QTabWidget *m_tabs = nullptr;
    QComboBox *m_profileBox = nullptr;
    QLineEdit *m_target = nullptr;
    QLineEdit *m_tokenFile = nullptr;
    QLineEdit *m_statusUrl = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QSpinBox *m_rampUp = nullptr;
    QSpinBox *m_duration = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QSpinBox *m_connections = nullptr;
    QSpinBox *m_devices = nullptr;
    QDoubleSpinBox *m_clicks = nullptr;
    QDoubleSpinBox *m_impressions = nullptr;
    QDoubleSpinBox *m_installs = nullptr;
    QDoubleSpinBox *m_inApp = nullptr;
    QDoubleSpinBox *m_organic = nullptr;
    QDoubleSpinBox *m_fraud = nullptr;
    QDoubleSpinBox *m_outOfOrder = nullptr;
    QDoubleSpinBox *m_fingerprint = nullptr;
    QSpinBox *m_seed = nullptr;
    QLabel *m_validation = nullptr;
    QLabel *m_message = nullptr;

    QPushButton *m_startButton = nullptr;
    QLabel *m_phaseLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_timeLabel = nullptr;
    ThresholdTable *m_liveTable = nullptr;
    ThresholdTable *m_summaryTable = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    TimeSeriesChart *m_chart = nullptr;
    qint64 m_runStartedMs = 0;

    QTableView *m_runsView = nullptr;
    LoadTestRunsModel *m_runsModel = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_openButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QTableView *m_comparisonView = nullptr;
    LoadTestComparisonModel *m_comparisonModel = nullptr;
    qint64 m_pendingFirst = 0;
    qint64 m_pendingSecond = 0;
    qint64 m_pendingOpen = 0;
    std::optional<LoadTestResult> m_loadedFirst;
    std::optional<LoadTestResult> m_loadedSecond;
};

} // namespace umg
