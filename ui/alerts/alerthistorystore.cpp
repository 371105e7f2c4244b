#include "alerts/alerthistorystore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace umg {
namespace {

std::atomic<int> s_connectionCount{0};

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

int stateCode(alerts::AlertState state)
{
    return int(state);
}

alerts::AlertState stateFromCode(int code)
{
    switch (code) {
    case int(alerts::AlertState::Pending):
        return alerts::AlertState::Pending;
    case int(alerts::AlertState::Firing):
        return alerts::AlertState::Firing;
    default:
        return alerts::AlertState::Inactive;
    }
}

} // namespace

AlertHistoryStore::AlertHistoryStore(const QString &path)
    : m_path(path)
    , m_connection(QStringLiteral("umg-alert-history-%1").arg(++s_connectionCount))
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        fail(tr("Creating its folder"), tr("the folder could not be created"));
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    database.setDatabaseName(path);
    if (!database.open())
        fail(tr("Opening"), database.lastError().text());

    QSqlQuery query(database);
    const QStringList statements = {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS alert_transitions ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " time_ms INTEGER NOT NULL,"
                       " rule TEXT NOT NULL,"
                       " labels TEXT NOT NULL,"
                       " severity TEXT NOT NULL,"
                       " previous_state INTEGER NOT NULL,"
                       " state INTEGER NOT NULL,"
                       " value REAL,"
                       " summary TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS alert_transitions_time ON alert_transitions (time_ms)"),
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            fail(tr("Creating its table"), query.lastError().text());
    }
}

AlertHistoryStore::~AlertHistoryStore()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connection, false);
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

void AlertHistoryStore::fail(const QString &operation, const QString &reason) const
{
    throw AlertHistoryError(tr("%2 failed for the alert history %1: %3. Check that the data folder is writable and "
                               "that no other console uses it, or start the console with --data-dir and another "
                               "folder.")
                                .arg(QDir::toNativeSeparators(m_path), operation, reason));
}

void AlertHistoryStore::append(const QList<AlertTransition> &transitions)
{
    if (transitions.isEmpty())
        return;
    QSqlDatabase database = QSqlDatabase::database(m_connection, false);
    if (!database.transaction())
        fail(tr("Starting a transaction"), database.lastError().text());
    QSqlQuery query(database);
    query.prepare(QStringLiteral("INSERT INTO alert_transitions (time_ms, rule, labels, severity, previous_state, "
                                 "state, value, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const AlertTransition &transition : transitions) {
        query.bindValue(0, transition.timeMs);
        query.bindValue(1, notNull(transition.rule));
        query.bindValue(2, notNull(transition.labels));
        query.bindValue(3, notNull(transition.severity));
        query.bindValue(4, stateCode(transition.previousState));
        query.bindValue(5, stateCode(transition.state));
        query.bindValue(6, qIsFinite(transition.value) ? QVariant(transition.value) : QVariant());
        query.bindValue(7, notNull(transition.summary));
        if (!query.exec()) {
            const QString reason = query.lastError().text();
            database.rollback();
            fail(tr("Storing an alert transition"), reason);
        }
    }
    if (!database.commit()) {
        const QString reason = database.lastError().text();
        database.rollback();
        fail(tr("Committing the alert transitions"), reason);
    }
}

QList<AlertTransition> AlertHistoryStore::read(qint64 fromMs, qint64 toMs, int limit) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT time_ms, rule, labels, severity, previous_state, state, value, summary "
                                 "FROM alert_transitions WHERE time_ms >= ? AND time_ms <= ? "
                                 "ORDER BY time_ms DESC, id DESC LIMIT ?"));
    query.bindValue(0, fromMs);
    query.bindValue(1, toMs);
    query.bindValue(2, limit);
    if (!query.exec())
        fail(tr("Reading"), query.lastError().text());

    QList<AlertTransition> transitions;
    while (query.next()) {
        AlertTransition transition;
        transition.timeMs = query.value(0).toLongLong();
        transition.rule = query.value(1).toString();
        transition.labels = query.value(2).toString();
        transition.severity = query.value(3).toString();
        transition.previousState = stateFromCode(query.value(4).toInt());
        transition.state = stateFromCode(query.value(5).toInt());
        transition.value = query.value(6).isNull() ? qQNaN() : query.value(6).toDouble();
        transition.summary = query.value(7).toString();
        transitions.append(transition);
    }
    return transitions;
}

qint64 AlertHistoryStore::deleteBefore(qint64 beforeMs)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM alert_transitions WHERE time_ms < ?"));
    query.bindValue(0, beforeMs);
    if (!query.exec())
        fail(tr("Deleting old transitions"), query.lastError().text());
    return query.numRowsAffected();
}

} // namespace umg
