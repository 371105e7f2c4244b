#pragma once

#include "dashboards/loadtestrunner.h"
#include "loadtest/loadtestrun.h"
#include "loadtest/loadteststore.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;
class QTimer;

namespace umg {

class Engine;

/// The console's load tester behind the Load testing dashboard: runs a
/// LoadTestRun with the current profile, reads its progress at the refresh
/// interval, and stores each finished run in the console's database.
///
/// The run works on its own threads. The GUI thread only copies the run's
/// progress on each timer tick, and the database is read and written on a
/// private worker thread whose results arrive through signals, so no call
/// blocks the GUI thread. An embedded target is the console's own engine,
/// the one the dashboards show. embeddedRunStarting() lets the window pause
/// the demo first, so that the run's counts are its own.
class ConsoleLoadTestRunner final : public LoadTestRunner
{
    Q_OBJECT

public:
    /// `engine` returns the console's engine, or null while it restarts; it
    /// is called on the GUI thread when a run starts. Finished runs are
    /// stored in the SQLite file `databasePath`.
    ConsoleLoadTestRunner(std::function<std::shared_ptr<Engine>()> engine, QString databasePath,
                          QObject *parent = nullptr);
    /// Stops a running test and waits for it and for the database thread.
    ~ConsoleLoadTestRunner() override;

    void setProfile(const LoadTestProfile &profile);
    LoadTestProfile profile() const { return m_profile; }
    /// File with the bearer token of an HTTP target; empty for none. The
    /// token is read when a run starts and never shown.
    void setTokenFile(const QString &path) { m_tokenFile = path; }
    QString tokenFile() const { return m_tokenFile; }
    /// Milliseconds between two progress readings (default 500).
    void setRefreshInterval(int milliseconds);
    QString databasePath() const { return m_databasePath; }

    QString description() const override;
    bool isRunning() const override { return m_run != nullptr; }
    /// Validates the profile and starts the run. Failures arrive through failed().
    void start() override;
    /// Asks the run to stop after the batches in flight; finished() follows.
    void stop() override;

    /// Progress at the latest refresh, with every sample so far.
    const LoadTestProgress &progress() const { return m_progress; }
    /// The latest finished run of this session.
    std::optional<LoadTestResult> lastResult() const { return m_lastResult; }

    /// Reads the stored runs, newest first; runsListed() delivers them.
    void listRuns();
    /// Reads stored run `id`; runLoaded() delivers it.
    void loadRun(qint64 id);
    /// Deletes stored run `id`; runsChanged() follows.
    void removeRun(qint64 id);

Q_SIGNALS:
    /// Emitted at the refresh interval while a run is active.
    void progressChanged();
    /// Emitted once a run has finished, before it is stored.
    void finished(const umg::LoadTestResult &result);
    /// Emitted when a run against the embedded engine is about to start.
    void embeddedRunStarting();
    /// Emitted after a run was stored with its id, or removed.
    void runStored(qint64 id);
    void runsChanged();
    void runsListed(const QList<umg::LoadTestRunRow> &rows);
    void runLoaded(const umg::LoadTestResult &result);

private:
    void poll();
    void finishRun();
    /// Runs `task` with the store on the database thread; a StoreError or
    /// ProfileError becomes failed().
    void withStore(std::function<void(LoadTestStore &)> task);

    std::function<std::shared_ptr<Engine>()> m_engine;
    QString m_databasePath;
    LoadTestProfile m_profile;
    QString m_tokenFile;
    QTimer *m_timer = nullptr;
    std::unique_ptr<LoadTestRun> m_run;
    LoadTestProgress m_progress;
    std::optional<LoadTestResult> m_lastResult;

    QThreadPool *m_database = nullptr;
    // Opened on the database thread and used only there.
    std::shared_ptr<std::unique_ptr<LoadTestStore>> m_store = std::make_shared<std::unique_ptr<LoadTestStore>>();
};

} // namespace umg
