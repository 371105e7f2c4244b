#pragma once

#include "history/historyrecorder.h"
#include "metrics/enginemetrics.h"
#include "session/consolecollectable.h"

#include <QObject>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

class QThreadPool;

namespace umg {

class Engine;
class MetricHistory;
struct EngineConfig;

/// Lifecycle of an EngineSession.
enum class SessionState { Stopped, Starting, Running, Restarting, Stopping, Failed, Count };

/// Attribution rules the embedded engine runs with.
enum class EngineProfile {
    /// Rules for the demo workload, whose event time is the wall clock. The
    /// engine's shortest retention (1 day) and lookback windows within it make
    /// the memory for duplicate detection level off after one day instead of
    /// eight. The click-flooding window is 1 hour, because demo devices see
    /// far more clicks a day than real ones.
    Demo,
    /// The engine's defaults, the same as `unmogrowp-node`, for replays whose
    /// results are compared with the node's.
    Standard,
    Count
};

/// Returns the engine configuration of `profile`.
EngineConfig engineConfigFor(EngineProfile profile);

/// Options of EngineSession::restart().
struct RestartOptions
{
    EngineProfile profile = EngineProfile::Demo;
    /// Deletes the engine database, so the engine starts with no state.
    bool freshEngine = true;
    /// Deletes the metric history too, so the dashboards start empty.
    bool freshHistory = false;
    /// Renames the databases to `*.damaged-<time>` instead of deleting them,
    /// for a database that could not be opened.
    bool keepOldFiles = false;
};

/// The embedded engine of the console: an Engine with its SQLite database,
/// the MetricHistory the dashboards read and the HistoryRecorder that
/// scrapes the engine into it every second.
///
/// Opening, restarting and stopping run on a private control thread, so
/// the GUI thread never waits for a journal to be restored or committed.
/// The outcome arrives through stateChanged() and failed(). engine() and
/// history() may be called from any thread. They return null while the
/// session is not running.
class EngineSession : public QObject
{
    Q_OBJECT

public:
    /// Keeps its databases in `dataDir` (created when missing).
    explicit EngineSession(const QString &dataDir, QObject *parent = nullptr);
    /// Stops the engine and waits for it (see stopAndWait()).
    ~EngineSession() override;

    QString dataDir() const { return m_dataDir; }
    QString engineDatabasePath() const;
    QString historyDatabasePath() const;
    QString customerDatabasePath() const;

    SessionState state() const;
    EngineProfile profile() const;

    /// Opens the history and the engine (restoring its journal) on the control
    /// thread and starts recording. Does nothing unless the session is
    /// stopped or failed.
    void start(EngineProfile profile = EngineProfile::Demo);

    /// Stops the running engine, deletes or renames the databases that
    /// `options` names and starts again. Callers stop their own use of the
    /// engine first, because the control thread waits until no other thread
    /// has a reference to the engine before it stops it. The demo idles by
    /// itself while engine() returns null; a replay must be finished.
    void restart(const RestartOptions &options);

    /// Stops recording and the engine, which commits every accepted event,
    /// and waits for it. Meant for shutdown, after the window has closed.
    void stopAndWait();

    std::shared_ptr<Engine> engine() const;
    std::shared_ptr<const MetricHistory> history() const;
    /// The same history for writers besides the engine's recorder, such as
    /// the scrapes of remote nodes. Null while the session is not running.
    std::shared_ptr<MetricHistory> writableHistory() const;
    HistoryRecorderStats recorderStats() const;

    /// Sets the pilot-customer values exported with the engine's metrics
    /// (satisfaction, cost savings, success flags). Kept across restarts.
    /// Thread-safe.
    void setCustomerMetrics(std::vector<CustomerRecordMetrics> records);

    /// A collectable for a `/metrics` endpoint: the running engine's metrics
    /// and the console's own series, whichever engine runs at scrape time.
    /// Valid for the session's lifetime.
    std::shared_ptr<prometheus::Collectable> metricsCollectable();

Q_SIGNALS:
    void stateChanged(umg::SessionState state);
    /// A translated message for the person that names what failed and what
    /// to do. The session is Failed afterwards.
    void failed(const QString &message);

private:
    struct Parts;

    void runOnControlThread(std::function<void()> task);
    void postState(SessionState state);
    void postFailure(const QString &message);

    // Run on the control thread.
    void openParts(EngineProfile profile);
    void closeParts();
    void removeDatabases(const RestartOptions &options);

    QString m_dataDir;
    QThreadPool *m_control = nullptr;
    std::shared_ptr<ConsoleCollectable> m_collectable = std::make_shared<ConsoleCollectable>();
    std::shared_ptr<prometheus::Collectable> m_exportCollectable;

    mutable std::mutex m_mutex; // guards everything below
    std::shared_ptr<Engine> m_engine;
    std::shared_ptr<MetricHistory> m_history;
    std::unique_ptr<HistoryRecorder> m_recorder;
    std::vector<CustomerRecordMetrics> m_customerRecords;
    SessionState m_state = SessionState::Stopped;
    EngineProfile m_profile = EngineProfile::Demo;
};

/// Translated name of a state for the status bar.
QString sessionStateText(SessionState state);

} // namespace umg
