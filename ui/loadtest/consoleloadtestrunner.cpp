#include "loadtest/consoleloadtestrunner.h"

#include "loadtest/loadtestlog.h"
#include "loadtest/loadtesttext.h"
#include "storage/store.h"
#include "widgets/valueformat.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace umg {
namespace {

constexpr int kDefaultRefreshMs = 500;

// Reads the token from the first line of a token file. Returns an empty
// string and sets `error` when the file cannot be read or has no token.
QString readToken(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = LoadTestText::tr("The token file %1 cannot be read: %2. Choose the node's token file.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    const QString token = QString::fromUtf8(file.readLine()).trimmed();
    if (token.isEmpty() || token.contains(QLatin1Char(' ')) || token.contains(QLatin1Char('%'))) {
        *error = LoadTestText::tr("The token file %1 has no valid token on its first line. Write the node's token "
                                  "there, without spaces or %.")
                     .arg(QDir::toNativeSeparators(path));
        return {};
    }
    return token;
}

} // namespace

ConsoleLoadTestRunner::ConsoleLoadTestRunner(std::function<std::shared_ptr<Engine>()> engine, QString databasePath,
                                             QObject *parent)
    : LoadTestRunner(parent)
    , m_engine(std::move(engine))
    , m_databasePath(std::move(databasePath))
    , m_timer(new QTimer(this))
    , m_database(new QThreadPool(this))
{
    m_profile.name = "console";
    m_profile.target = "embedded";
    m_database->setMaxThreadCount(1);
    m_timer->setInterval(kDefaultRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &ConsoleLoadTestRunner::poll);
}

ConsoleLoadTestRunner::~ConsoleLoadTestRunner()
{
    if (m_run) {
        m_run->stop();
        m_run->wait();
        m_run.reset();
    }
    m_database->waitForDone();
    // The database thread is idle now, so the store can close here.
    m_store->reset();
}

void ConsoleLoadTestRunner::setProfile(const LoadTestProfile &profile)
{
    m_profile = profile;
}

void ConsoleLoadTestRunner::setRefreshInterval(int milliseconds)
{
    m_timer->setInterval(std::max(50, milliseconds));
}

QString ConsoleLoadTestRunner::description() const
{
    const QString target = m_profile.target == "embedded" ? tr("the embedded engine")
                                                          : QString::fromStdString(m_profile.target);
    return tr("%1 events/s for %2 s against %3")
        .arg(formatCount(qint64(m_profile.rate)))
        .arg(m_profile.durationMs / 1000)
        .arg(target);
}

void ConsoleLoadTestRunner::start()
{
    if (m_run)
        return;
    LoadTestOptions options;
    options.profile = m_profile;
    try {
        options.profile.validate();
    } catch (const ProfileError &error) {
        Q_EMIT failed(tr("The load-test settings are invalid: %1.").arg(QString::fromStdString(error.what())));
        return;
    }
    if (!m_tokenFile.isEmpty()) {
        QString error;
        options.token = readToken(m_tokenFile, &error).toStdString();
        if (!error.isEmpty()) {
            Q_EMIT failed(error);
            return;
        }
    }
    if (options.profile.targetAddress().kind == LoadTargetKind::Embedded) {
        options.engine = m_engine ? m_engine() : nullptr;
        if (!options.engine) {
            Q_EMIT failed(tr("The embedded engine is not running. Start the load test again when the status bar "
                             "says the engine runs."));
            return;
        }
        Q_EMIT embeddedRunStarting();
    }

    m_run = std::make_unique<LoadTestRun>(std::move(options));
    m_progress = LoadTestProgress{};
    m_run->start();
    m_timer->start();
    qCInfo(lcLoadTest) << "load test started:" << description();
    Q_EMIT runningChanged(true);
    Q_EMIT progressChanged();
}

void ConsoleLoadTestRunner::stop()
{
    if (!m_run)
        return;
    qCInfo(lcLoadTest) << "load test stop requested";
    m_run->stop();
}

void ConsoleLoadTestRunner::poll()
{
    if (!m_run) {
        m_timer->stop();
        return;
    }
    m_progress = m_run->progress(true);
    Q_EMIT progressChanged();
    if (m_run->isFinished())
        finishRun();
}

void ConsoleLoadTestRunner::finishRun()
{
    m_timer->stop();
    LoadTestResult result = m_run->result();
    m_progress = m_run->progress(true);
    // The run's threads have ended, so this does not wait.
    m_run.reset();
    m_lastResult = result;
    qCInfo(lcLoadTest) << "load test finished:" << QString::fromStdString(std::string(toString(result.outcome)))
                       << QString::fromStdString(result.message);
    Q_EMIT runningChanged(false);
    Q_EMIT finished(result);
    if (result.outcome == LoadTestOutcome::Failed)
        Q_EMIT failed(tr("The load test failed: %1").arg(QString::fromStdString(result.message)));

    QPointer<ConsoleLoadTestRunner> self(this);
    withStore([self, result](LoadTestStore &store) {
        const qint64 id = store.save(result);
        QMetaObject::invokeMethod(
            self.data(),
            [self, id] {
                if (!self)
                    return;
                if (self->m_lastResult && self->m_lastResult->id == 0)
                    self->m_lastResult->id = id;
                Q_EMIT self->runStored(id);
                Q_EMIT self->runsChanged();
            },
            Qt::QueuedConnection);
    });
}

void ConsoleLoadTestRunner::withStore(std::function<void(LoadTestStore &)> task)
{
    QPointer<ConsoleLoadTestRunner> self(this);
    const std::string path = m_databasePath.toStdString();
    auto store = m_store;
    m_database->start([self, path, store, task = std::move(task)] {
        QString error;
        try {
            if (!*store)
                *store = std::make_unique<LoadTestStore>(path);
            task(**store);
            return;
        } catch (const StoreError &failure) {
            error = QString::fromStdString(failure.what());
        } catch (const ProfileError &failure) {
            error = QString::fromStdString(failure.what());
        }
        qCWarning(lcLoadTest) << "load-test database" << QString::fromStdString(path) << "failed:" << error;
        QMetaObject::invokeMethod(
            self.data(),
            [self, error] {
                if (self) {
                    Q_EMIT self->failed(tr("The load-test runs in %1 cannot be read or written: %2. Check that the "
                                           "folder is writable and the disk has space.")
                                            .arg(QDir::toNativeSeparators(self->m_databasePath), error));
                }
            },
            Qt::QueuedConnection);
    });
}

void ConsoleLoadTestRunner::listRuns()
{
    QPointer<ConsoleLoadTestRunner> self(this);
    withStore([self](LoadTestStore &store) {
        const std::vector<LoadTestRunRow> rows = store.list();
        QList<LoadTestRunRow> list(rows.begin(), rows.end());
        QMetaObject::invokeMethod(
            self.data(),
            [self, list] {
                if (self)
                    Q_EMIT self->runsListed(list);
            },
            Qt::QueuedConnection);
    });
}

void ConsoleLoadTestRunner::loadRun(qint64 id)
{
    QPointer<ConsoleLoadTestRunner> self(this);
    withStore([self, id](LoadTestStore &store) {
        std::optional<LoadTestResult> result = store.load(id);
        if (!result)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, result = *result] {
                if (self)
                    Q_EMIT self->runLoaded(result);
            },
            Qt::QueuedConnection);
    });
}

void ConsoleLoadTestRunner::removeRun(qint64 id)
{
    QPointer<ConsoleLoadTestRunner> self(this);
    withStore([self, id](LoadTestStore &store) {
        store.remove(id);
        QMetaObject::invokeMethod(
            self.data(),
            [self] {
                if (self)
                    Q_EMIT self->runsChanged();
            },
            Qt::QueuedConnection);
    });
}

} // namespace umg
