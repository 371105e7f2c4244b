#pragma once

#include "validation/validation.h"

#include <QObject>

#include <memory>
#include <stop_token>

class QThreadPool;

namespace umg {

/// Runs the stack validation of `unmogrowp-node validate`
/// (validation::runValidation) on a worker thread with a QtHttpClient and
/// reports each result on the GUI thread as soon as its check ran.
class ValidationRunner : public QObject
{
    Q_OBJECT

public:
    explicit ValidationRunner(QObject *parent = nullptr);
    /// Stops the run in progress and waits for its current request.
    ~ValidationRunner() override;

    bool isRunning() const { return m_running; }

    /// Starts a run with `options` and returns true; checkFinished() and
    /// finished() follow, or failed() for invalid options. Returns false
    /// while a run is in progress.
    bool start(const validation::ValidationOptions &options);
    /// Asks the run to end before its next check.
    void stop();

Q_SIGNALS:
    void checkFinished(const umg::validation::CheckResult &result);
    void finished(const umg::validation::ValidationReport &report);
    /// A translated sentence naming the invalid option.
    void failed(const QString &message);

private:
    QThreadPool *m_pool = nullptr;
    std::shared_ptr<std::stop_source> m_stop;
    bool m_running = false;
};

} // namespace umg
