#include "replay/replaycontroller.h"

#include "replay/replaylog.h"
#include "session/enginesession.h"

#include <QThreadPool>

namespace umg {
namespace {

ReplayOptions optionsFor(const QStringList &files)
{
    ReplayOptions options;
    for (const QString &file : files)
        options.files.push_back(file.toStdString());
    return options;
}

} // namespace

ReplayController::ReplayController(EngineSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_worker(new QThreadPool(this))
{
    m_worker->setMaxThreadCount(1);
    m_worker->setObjectName(QStringLiteral("umg-replay"));
}

ReplayController::~ReplayController()
{
    m_cancel->store(true);
    m_worker->waitForDone();
}

void ReplayController::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

bool ReplayController::start(const QStringList &files)
{
    if (isRunning() || files.isEmpty())
        return false;
    m_files = files;
    m_cancel->store(false);
    setPhase(Phase::Checking);
    qCInfo(lcReplay) << "replay requested for" << files;

    // Checking reads the first line of each file, so it runs on the worker too.
    m_worker->start([this, files] {
        try {
            checkReplayFiles(optionsFor(files));
        } catch (const std::exception &error) {
            const QString message = tr("The files were not replayed: %1").arg(QString::fromUtf8(error.what()));
            QMetaObject::invokeMethod(this, [this, message] { fail(message); }, Qt::QueuedConnection);
            return;
        }
        QMetaObject::invokeMethod(this, [this] { restartEngine(); }, Qt::QueuedConnection);
    });
    return true;
}

void ReplayController::cancel()
{
    if (!isRunning())
        return;
    qCInfo(lcReplay) << "replay cancelled";
    m_cancel->store(true);
}

void ReplayController::restartEngine()
{
    if (m_cancel->load()) {
        ReplayResult result;
        result.cancelled = true;
        setPhase(Phase::Idle);
        Q_EMIT finished(result, EngineSnapshot());
        return;
    }
    setPhase(Phase::Restarting);
    m_sessionConnection = connect(m_session, &EngineSession::stateChanged, this, [this](SessionState state) {
        if (state == SessionState::Running) {
            disconnect(m_sessionConnection);
            runReplay();
        } else if (state == SessionState::Failed) {
            disconnect(m_sessionConnection);
            fail(tr("The engine could not start on a fresh database for the replay; the message above says why."));
        }
    });
    // A fresh engine with the node's default rules gives the same results as
    // `unmogrowp-node replay`. The history stays, so the dashboards show the
    // replay after what came before it.
    RestartOptions options;
    options.profile = EngineProfile::Standard;
    options.freshEngine = true;
    options.freshHistory = false;
    m_session->restart(options);
}

void ReplayController::runReplay()
{
    std::shared_ptr<Engine> engine = m_session->engine();
    if (!engine) {
        fail(tr("The engine stopped before the replay could start. Start the replay again."));
        return;
    }
    setPhase(Phase::Replaying);

    ReplayOptions options = optionsFor(m_files);
    options.cancel = m_cancel.get();
    options.progress = [this](const ReplayProgress &progress) {
        QMetaObject::invokeMethod(
            this, [this, progress] { Q_EMIT progressChanged(progress); }, Qt::QueuedConnection);
    };

    // The destructor waits for the worker, so `this` outlives the job. The
    // job keeps its reference to the engine only while it replays.
    m_worker->start([this, engine = std::move(engine), options = std::move(options), cancel = m_cancel]() mutable {
        try {
            const ReplayResult result = replayFiles(*engine, options);
            const EngineSnapshot snapshot = engine->snapshot(false);
            engine.reset();
            qCInfo(lcReplay) << "replay finished:" << result.eventsRead << "events read," << result.linesRejected
                             << "lines rejected in" << result.elapsedSeconds << "s" << (result.cancelled ? "(cancelled)" : "");
            QMetaObject::invokeMethod(
                this,
                [this, result, snapshot] {
                    setPhase(Phase::Idle);
                    Q_EMIT finished(result, snapshot);
                },
                Qt::QueuedConnection);
        } catch (const std::exception &error) {
            engine.reset();
            qCWarning(lcReplay) << "replay failed:" << error.what();
            const QString message = tr("The replay failed: %1").arg(QString::fromUtf8(error.what()));
            QMetaObject::invokeMethod(this, [this, message] { fail(message); }, Qt::QueuedConnection);
        }
    });
}

void ReplayController::fail(const QString &message)
{
    qCWarning(lcReplay) << "replay failed:" << message;
    setPhase(Phase::Idle);
    Q_EMIT failed(message);
}

} // namespace umg
