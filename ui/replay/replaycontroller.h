#pragma once

#include "runtime/engine.h"
#include "runtime/filereplay.h"

#include <QMetaObject>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThreadPool;

namespace umg {

class EngineSession;

/// Replays NDJSON, CSV or TalkingData files through the console's embedded
/// engine, the same way `unmogrowp-node replay` does, so that both count the
/// same events, installs and rejections.
///
/// A replay runs in three steps, none on the GUI thread: the files are
/// checked (format detected from each file's first line); the session
/// restarts the engine on a fresh database with the standard rules, keeping
/// the metric history so that the dashboards follow the replay; then
/// replayFiles() runs on a worker thread. Progress arrives about five times a
/// second through progressChanged(), never per event.
class ReplayController : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Idle, Checking, Restarting, Replaying, Count };

    explicit ReplayController(EngineSession *session, QObject *parent = nullptr);
    /// Cancels a running replay and waits for it to stop.
    ~ReplayController() override;

    /// Starts replaying `files`. Returns false, and emits nothing, when a
    /// replay is already running.
    bool start(const QStringList &files);
    /// Asks the replay to stop after the batch being read. finished() follows
    /// with ReplayResult::cancelled set.
    void cancel();

    Phase phase() const { return m_phase; }
    bool isRunning() const { return m_phase != Phase::Idle; }
    QStringList files() const { return m_files; }

Q_SIGNALS:
    void phaseChanged(umg::ReplayController::Phase phase);
    void progressChanged(const umg::ReplayProgress &progress);
    /// `snapshot` is the engine's state right after the replay was flushed.
    void finished(const umg::ReplayResult &result, const umg::EngineSnapshot &snapshot);
    /// A translated message that names the file or database and the fix.
    void failed(const QString &message);

private:
    void setPhase(Phase phase);
    void restartEngine();
    void runReplay();
    void fail(const QString &message);

    EngineSession *m_session = nullptr;
    QThreadPool *m_worker = nullptr;
    QStringList m_files;
    Phase m_phase = Phase::Idle;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QMetaObject::Connection m_sessionConnection;
};

} // namespace umg
