#pragma once

#include "alerts/alerthistorystore.h"
#include "alerts/catalogue.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QThreadPool;
class QTimer;

namespace umg {

class MetricHistory;

/// One row of the Alerts view: an alert that is pending or firing, or a rule
/// without such an alert.
struct AlertRow
{
    QString rule;
    QString group;
    QString severity; ///< the rule's `severity` label: critical, warning or info
    alerts::AlertState state = alerts::AlertState::Inactive;
    /// The alert's labels in PromQL notation; empty for a rule without an active alert.
    QString labels;
    /// Start of the row's state in ms since the Unix epoch. A pending alert
    /// counts from the first evaluation that returned it and a firing one
    /// from the evaluation that moved it to firing. An inactive rule counts
    /// from the time its last alert resolved, or is 0 when it has not been
    /// active since the console started evaluating.
    qint64 sinceMs = 0;
    /// The expression value at the latest evaluation; NaN while inactive,
    /// because an alerting expression returns nothing then.
    double value = qQNaN();
    /// The alert's summary, or the rule's summary template while inactive.
    QString summary;
    QString description;
    QUrl runbook;
    /// Failure of the rule's latest evaluation; empty while it is healthy.
    QString error;
};

/// The outcome of one evaluation of every rule.
struct AlertSnapshot
{
    qint64 evaluatedAtMs = 0; ///< 0 before the first evaluation
    QList<AlertRow> rows;     ///< in catalogue order
    int firing = 0;
    int pending = 0;
    /// Translated sentence when the evaluation or the alert history failed.
    QString error;
    /// Translated sentence when nothing was evaluated for an expected reason,
    /// such as the metric history being closed while the engine restarts.
    QString notice;
};

/// The start of one firing alert, for notifications.
struct AlertNotification
{
    QString rule;
    QString labels;
    QString severity;
    QString summary;
    double value = 0;
    qint64 timeMs = 0;
};

/// Returns the metric history to evaluate over, or null while none is open.
/// Called on the monitor's worker thread.
using ReadableHistoryProvider = std::function<std::shared_ptr<const MetricHistory>()>;

/// The console's alerting. It evaluates the alert rules of engine/alerts,
/// with the catalogue and semantics of Prometheus and `unmogrowp-node
/// serve`, over the console's metric history at a fixed interval. It stores
/// every state change in the alert history and reports the results to the GUI.
///
/// The evaluator and the alert history database live on one private worker
/// thread, so the GUI thread waits on evaluation or SQLite only in the
/// destructor and in waitForIdle(), which tests call. Results
/// arrive through evaluated(), alertStartedFiring() and historyRead(), on
/// the GUI thread. The history provider must be thread-safe.
class AlertMonitor : public QObject
{
    Q_OBJECT

public:
    /// Prometheus's default rule evaluation interval.
    static constexpr std::chrono::milliseconds kDefaultInterval{15'000};
    /// Alert transitions older than this are deleted from the alert history.
    static constexpr std::chrono::hours kHistoryRetention{24 * 30};

    /// Evaluates over the history that `history` returns and stores the
    /// alert history at `historyDatabasePath`. Evaluates nothing until
    /// setRules() and start() are called.
    AlertMonitor(ReadableHistoryProvider history, QString historyDatabasePath, QObject *parent = nullptr);
    /// Waits for the evaluation in progress and closes the alert history.
    ~AlertMonitor() override;

    QString historyDatabasePath() const { return m_historyPath; }

    /// Replaces the rules. Alert state starts afresh, as after a restart of
    /// Prometheus: the alerts of the old rules are stored as ended (moved to
    /// inactive) and start again when the new rules return them. The next
    /// evaluation follows at once when the monitor runs.
    void setRules(std::vector<alerts::AlertRule> rules);
    const std::vector<alerts::AlertRule> &rules() const { return m_rules; }

    /// Sets the time between two evaluations; `for` durations are measured
    /// between evaluation times, so they take at least one interval.
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;

    /// Starts evaluating: once at once, then every interval.
    void start();
    void stop();
    bool isRunning() const;

    /// Queues one evaluation unless one is queued or running already, and
    /// returns whether it queued one.
    bool evaluateNow();

    /// Reads the alert history between fromMs and toMs (ms since the Unix
    /// epoch) on the worker thread; historyRead() follows.
    void requestHistory(qint64 fromMs, qint64 toMs);

    /// The result of the latest evaluation.
    const AlertSnapshot &snapshot() const { return m_snapshot; }
    /// Number of evaluations delivered since the monitor was created.
    quint64 evaluations() const { return m_evaluations; }

    /// Blocks until the queued work has run; its results are delivered
    /// with the next events processed. For tests and shutdown.
    void waitForIdle();

Q_SIGNALS:
    void evaluated(const umg::AlertSnapshot &snapshot);
    /// Emitted once per alert that moved to firing, after evaluated().
    void alertStartedFiring(const umg::AlertNotification &notification);
    /// New transitions were stored in the alert history.
    void historyChanged();
    void historyRead(const QList<umg::AlertTransition> &transitions, qint64 fromMs, qint64 toMs);
    /// A translated message naming what failed; repeated failures of the
    /// same kind are reported once.
    void failed(const QString &message);

private:
    struct Worker;

    void deliver(AlertSnapshot snapshot, QList<AlertTransition> transitions, QList<AlertNotification> starts);
    void reportFailure(const QString &message);

    ReadableHistoryProvider m_history;
    QString m_historyPath;
    QThreadPool *m_pool = nullptr;
    QTimer *m_timer = nullptr;
    std::shared_ptr<Worker> m_worker; // used on the worker thread only
    std::vector<alerts::AlertRule> m_rules;
    AlertSnapshot m_snapshot;
    QString m_lastFailure;
    quint64 m_evaluations = 0;
    bool m_evaluationQueued = false;
};

/// Translated name of a state: "Inactive", "Pending" or "Firing".
QString alertStateText(alerts::AlertState state);

} // namespace umg
