#pragma once

#include "alerts/ruleevaluator.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <stdexcept>

namespace umg {

/// One stored state change of one alert.
struct AlertTransition
{
    qint64 timeMs = 0; ///< evaluation time, ms since the Unix epoch
    QString rule;
    /// The alert's labels in PromQL notation, such as `{app_id="a1", severity="warning"}`.
    QString labels;
    QString severity;
    alerts::AlertState previousState = alerts::AlertState::Inactive;
    alerts::AlertState state = alerts::AlertState::Inactive;
    /// Expression value at the change; for a change to inactive, the last
    /// value the alert had.
    double value = 0;
    QString summary;
};

/// A failure of the alert history database, with a translated message that
/// names the file and the fix.
class AlertHistoryError : public std::runtime_error
{
public:
    explicit AlertHistoryError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message)
    {
    }
    QString message() const { return m_message; }

private:
    QString m_message;
};

/// The alert history of the console: every state change of every alert, in
/// an SQLite file of its own in the console's data folder.
///
/// Not thread-safe, and bound to the thread that created it, because a Qt
/// SQL connection may only be used from that thread. AlertMonitor keeps it
/// on its worker thread.
class AlertHistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(umg::AlertHistoryStore)

public:
    /// Opens or creates the database at `path`. Throws AlertHistoryError.
    explicit AlertHistoryStore(const QString &path);
    ~AlertHistoryStore();
    AlertHistoryStore(const AlertHistoryStore &) = delete;
    AlertHistoryStore &operator=(const AlertHistoryStore &) = delete;

    QString path() const { return m_path; }

    /// Appends `transitions` in one transaction. Throws AlertHistoryError.
    void append(const QList<AlertTransition> &transitions);
    /// Returns the transitions with fromMs <= time <= toMs, newest first, at
    /// most `limit` of them. Throws AlertHistoryError.
    QList<AlertTransition> read(qint64 fromMs, qint64 toMs, int limit = 10'000) const;
    /// Deletes transitions older than `beforeMs` and returns their number.
    /// Throws AlertHistoryError.
    qint64 deleteBefore(qint64 beforeMs);

private:
    [[noreturn]] void fail(const QString &operation, const QString &reason) const;

    QString m_path;
    QString m_connection;
};

} // namespace umg
