#include "session/enginesession.h"

#include "session/sessionlog.h"
#include "session/zerostartcollectable.h"

#include "attribution/rules.h"
#include "history/metrichistory.h"
#include "runtime/engine.h"
#include "storage/store.h"

#include <prometheus/metric_family.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QThread>
#include <QThreadPool>

#include <chrono>
#include <thread>

namespace umg {
namespace {

constexpr auto kReleaseTimeout = std::chrono::seconds(60);

// Waits until `pointer` is the only owner of its object, so that stopping or
// destroying it cannot pull it from under another thread. Other owners (the
// demo thread, a replay, a query) hold it for one batch or one query.
template<typename T>
void waitUntilSoleOwner(const std::shared_ptr<T> &pointer, const char *objectName)
{
    const auto deadline = std::chrono::steady_clock::now() + kReleaseTimeout;
    while (pointer && pointer.use_count() > 1) {
        if (std::chrono::steady_clock::now() > deadline) {
            qCWarning(lcSession) << "another thread still uses the" << objectName << "after"
                                 << kReleaseTimeout.count() << "s; stopping it anyway";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Forwards a scrape to whichever engine runs, so that one /metrics endpoint
// outlives engine restarts.
class SessionCollectable final : public prometheus::Collectable
{
public:
    SessionCollectable(const EngineSession *session, std::shared_ptr<ConsoleCollectable> console)
        : m_session(session)
        , m_console(std::move(console))
    {
    }

    std::vector<prometheus::MetricFamily> Collect() const override
    {
        std::vector<prometheus::MetricFamily> families;
        if (const std::shared_ptr<Engine> engine = m_session->engine())
            families = engine->metrics().collectable()->Collect();
        for (prometheus::MetricFamily &family : m_console->Collect())
            families.push_back(std::move(family));
        return families;
    }

private:
    const EngineSession *m_session;
    std::shared_ptr<ConsoleCollectable> m_console;
};

QStringList databaseFiles(const QString &path)
{
    return {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")};
}

} // namespace

EngineConfig engineConfigFor(EngineProfile profile)
{
    EngineConfig config;
    if (profile == EngineProfile::Demo) {
        // NOTE: the demo's event times follow the wall clock, so the engine's
        // state grows for a whole retention (about 13 MiB a minute at the
        // default 2,000 events/s, see docs/BENCHMARKS.md) before it levels off.
        constexpr std::int64_t kDay = 24LL * 3600 * 1000;
        constexpr std::int64_t kWindow = 23LL * 3600 * 1000;
        config.retentionMs = kDay;
        config.defaultRules.clickLookbackMs = kWindow;
        config.defaultRules.impressionLookbackMs = kWindow;
        config.defaultRules.fingerprintWindowMs = kWindow;
        config.defaultRules.floodingWindowMs = 3600LL * 1000;
    }
    return config;
}

EngineSession::EngineSession(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(dataDir)
    , m_control(new QThreadPool(this))
{
    m_control->setMaxThreadCount(1);
    m_control->setExpiryTimeout(-1);
    m_control->setObjectName(QStringLiteral("umg-engine-control"));
    // Created here, before anything opens a database in it; a failure is
    // reported when the session starts.
    if (!QDir().mkpath(m_dataDir))
        qCWarning(lcSession) << "cannot create the data folder" << m_dataDir;
}

EngineSession::~EngineSession()
{
    stopAndWait();
}

QString EngineSession::engineDatabasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("engine.db"));
}

QString EngineSession::historyDatabasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("history.db"));
}

QString EngineSession::customerDatabasePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("customers.db"));
}

SessionState EngineSession::state() const
{
    std::lock_guard lock(m_mutex);
    return m_state;
}

EngineProfile EngineSession::profile() const
{
    std::lock_guard lock(m_mutex);
    return m_profile;
}

std::shared_ptr<Engine> EngineSession::engine() const
{
    std::lock_guard lock(m_mutex);
    return m_engine;
}

std::shared_ptr<const MetricHistory> EngineSession::history() const
{
    std::lock_guard lock(m_mutex);
    return m_history;
}

std::shared_ptr<MetricHistory> EngineSession::writableHistory() const
{
    std::lock_guard lock(m_mutex);
    return m_history;
}

HistoryRecorderStats EngineSession::recorderStats() const
{
    std::lock_guard lock(m_mutex);
    return m_recorder ? m_recorder->stats() : HistoryRecorderStats{};
}

void EngineSession::setCustomerMetrics(std::vector<CustomerRecordMetrics> records)
{
    {
        std::lock_guard lock(m_mutex);
        m_customerRecords = std::move(records);
    }
    // EngineMetrics locks against a scrape in progress, so the update runs on
    // the control thread. openParts() applies the records to a new engine.
    runOnControlThread([this] {
        std::shared_ptr<Engine> engine;
        std::vector<CustomerRecordMetrics> current;
        {
            std::lock_guard lock(m_mutex);
            engine = m_engine;
            current = m_customerRecords;
        }
        if (engine)
            engine->metrics().setCustomerRecords(current);
    });
}

std::shared_ptr<prometheus::Collectable> EngineSession::metricsCollectable()
{
    std::lock_guard lock(m_mutex);
    if (!m_exportCollectable)
        m_exportCollectable = std::make_shared<SessionCollectable>(this, m_collectable);
    return m_exportCollectable;
}

void EngineSession::start(EngineProfile profile)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_state != SessionState::Stopped && m_state != SessionState::Failed)
            return;
        m_state = SessionState::Starting;
    }
    Q_EMIT stateChanged(SessionState::Starting);
    runOnControlThread([this, profile] { openParts(profile); });
}

void EngineSession::restart(const RestartOptions &options)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_state == SessionState::Stopping || m_state == SessionState::Restarting)
            return;
        m_state = SessionState::Restarting;
    }
    Q_EMIT stateChanged(SessionState::Restarting);
    runOnControlThread([this, options] {
        closeParts();
        removeDatabases(options);
        openParts(options.profile);
    });
}

void EngineSession::stopAndWait()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_state == SessionState::Stopped && !m_engine && !m_history)
            return;
        m_state = SessionState::Stopping;
    }
    m_control->waitForDone();
    closeParts();
    std::lock_guard lock(m_mutex);
    m_state = SessionState::Stopped;
}

void EngineSession::runOnControlThread(std::function<void()> task)
{
    m_control->start(std::move(task));
}

void EngineSession::postState(SessionState state)
{
    {
        std::lock_guard lock(m_mutex);
        m_state = state;
    }
    // The destructor waits for the control thread, so `this` outlives the post.
    QMetaObject::invokeMethod(this, [this, state] { Q_EMIT stateChanged(state); }, Qt::QueuedConnection);
}

void EngineSession::postFailure(const QString &message)
{
    postState(SessionState::Failed);
    QMetaObject::invokeMethod(this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
}

void EngineSession::openParts(EngineProfile profile)
{
    if (!QDir().mkpath(m_dataDir)) {
        qCWarning(lcSession) << "cannot create the data folder" << m_dataDir;
        postFailure(tr("The data folder %1 could not be created. Check that its parent folder exists and is "
                       "writable, or start the console with --data-dir and another folder.")
                        .arg(QDir::toNativeSeparators(m_dataDir)));
        return;
    }

    std::shared_ptr<MetricHistory> history;
    try {
        history = std::make_shared<MetricHistory>(historyDatabasePath().toStdString());
    } catch (const std::exception &error) {
        qCWarning(lcSession) << "cannot open the metric history" << historyDatabasePath() << error.what();
        postFailure(tr("The metric history %1 could not be opened: %2. If another UnMoGrowP console uses this "
                       "folder, close it and try again. If the file is damaged, choose Start fresh, which moves "
                       "the old databases aside.")
                        .arg(QDir::toNativeSeparators(historyDatabasePath()), QString::fromUtf8(error.what())));
        return;
    }

    std::shared_ptr<Engine> engine;
    try {
        EngineOptions options;
        options.config = engineConfigFor(profile);
        options.databasePath = engineDatabasePath().toStdString();
        engine = std::make_shared<Engine>(std::move(options));
    } catch (const std::exception &error) {
        qCWarning(lcSession) << "cannot start the engine on" << engineDatabasePath() << error.what();
        {
            // Keep the history readable so that the dashboards still show the past.
            std::lock_guard lock(m_mutex);
            m_history = history;
        }
        postFailure(tr("The engine database %1 could not be opened: %2. If another UnMoGrowP console or node "
                       "uses this folder, close it and try again, or start the console with --data-dir and "
                       "another folder. If the file is damaged, choose Start fresh, which moves the old databases "
                       "aside.")
                        .arg(QDir::toNativeSeparators(engineDatabasePath()), QString::fromUtf8(error.what())));
        return;
    }

    std::unique_ptr<HistoryRecorder> recorder;
    {
        std::lock_guard lock(m_mutex);
        engine->metrics().setCustomerRecords(m_customerRecords);
        m_collectable->setEngineUp(true);
        recorder = std::make_unique<HistoryRecorder>(
            *history, std::vector<std::shared_ptr<prometheus::Collectable>>{
                          std::make_shared<ZeroStartCollectable>(engine->metrics().collectable()), m_collectable});
        recorder->start();
        m_engine = std::move(engine);
        m_history = std::move(history);
        m_recorder = std::move(recorder);
        m_profile = profile;
    }
    qCInfo(lcSession) << "engine started on" << engineDatabasePath() << "with"
                      << (profile == EngineProfile::Demo ? "demo" : "standard") << "rules";
    postState(SessionState::Running);
}

void EngineSession::closeParts()
{
    std::shared_ptr<Engine> engine;
    std::shared_ptr<MetricHistory> history;
    std::unique_ptr<HistoryRecorder> recorder;
    {
        std::lock_guard lock(m_mutex);
        engine = std::move(m_engine);
        history = std::move(m_history);
        recorder = std::move(m_recorder);
    }
    m_collectable->setEngineUp(false);
    if (recorder) {
        // One last scrape records the final counters before the engine goes.
        recorder->stop();
        try {
            recorder->scrapeOnce();
        } catch (const std::exception &error) {
            qCWarning(lcSession) << "last scrape before stopping failed" << error.what();
        }
        recorder.reset();
    }
    if (engine) {
        waitUntilSoleOwner(engine, "engine");
        engine->stop();
        const EngineSnapshot snapshot = engine->snapshot(false);
        qCInfo(lcSession) << "engine stopped after" << snapshot.eventsAccepted << "accepted events";
        engine.reset();
    }
    if (history) {
        waitUntilSoleOwner(history, "metric history");
        history.reset();
    }
}

void EngineSession::removeDatabases(const RestartOptions &options)
{
    QStringList paths;
    if (options.freshEngine)
        paths << databaseFiles(engineDatabasePath());
    if (options.freshHistory)
        paths << databaseFiles(historyDatabasePath());

    const QString suffix = QStringLiteral(".damaged-")
        + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (const QString &path : std::as_const(paths)) {
        if (!QFile::exists(path))
            continue;
        const bool done = options.keepOldFiles ? QFile::rename(path, path + suffix) : QFile::remove(path);
        if (!done)
            qCWarning(lcSession) << "cannot remove" << path << "before the restart";
        else
            qCInfo(lcSession) << (options.keepOldFiles ? "moved aside" : "removed") << path;
    }
}

QString sessionStateText(SessionState state)
{
    switch (state) {
    case SessionState::Stopped:
        return EngineSession::tr("Engine stopped");
    case SessionState::Starting:
        return EngineSession::tr("Engine starting…");
    case SessionState::Running:
        return EngineSession::tr("Engine running");
    case SessionState::Restarting:
        return EngineSession::tr("Engine restarting…");
    case SessionState::Stopping:
        return EngineSession::tr("Engine stopping…");
    case SessionState::Failed:
        return EngineSession::tr("Engine failed");
    case SessionState::Count:
        break;
    }
    return {};
}

} // namespace umg
