#include "alerts/alertmonitor.h"

#include "alerts/alertslog.h"
#include "alerts/ruleevaluator.h"
#include "history/metrichistory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>
#include <QSemaphore>
#include <QThreadPool>
#include <QTimer>

#include <map>
#include <utility>

namespace umg {
namespace {

// Time between two deletions of transitions older than kHistoryRetention.
constexpr qint64 kPruneIntervalMs = 60 * 60 * 1000;

QString qtText(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// The labels that tell the alerts of one rule apart: without `alertname`,
// which is the rule's name, and `severity`, which the row shows in a column.
QString distinguishingLabels(const promql::Labels &labels)
{
    promql::Labels shown = labels;
    shown.removeAll({"alertname", "severity"});
    return shown.empty() ? QString() : QString::fromStdString(shown.toString());
}

} // namespace

// State of the worker thread; only tasks on m_pool touch it.
struct AlertMonitor::Worker
{
    std::unique_ptr<alerts::RuleEvaluator> evaluator;
    std::unique_ptr<AlertHistoryStore> store;
    QString storeError;
    std::map<std::string, qint64, std::less<>> inactiveSince; // rule name -> time its last alert resolved
    qint64 lastPruneMs = 0;
    /// Transitions to inactive of the alerts that a rule reload ended,
    /// stored with the next evaluation.
    QList<AlertTransition> endedByReload;

    // Opens the alert history on first use; returns false when it cannot be opened.
    bool openStore(const QString &path);
    AlertSnapshot evaluate(const MetricHistory &history, QList<AlertTransition> &transitions,
                           QList<AlertNotification> &starts);
    QList<AlertRow> rows() const;
    /// Replaces the evaluator and records every active alert of the old one
    /// as ended at `timeMs`.
    void replaceRules(std::vector<alerts::AlertRule> rules, qint64 timeMs);
};

void AlertMonitor::Worker::replaceRules(std::vector<alerts::AlertRule> rules, qint64 timeMs)
{
    if (evaluator) {
        for (const alerts::Alert &alert : evaluator->activeAlerts()) {
            AlertTransition transition;
            transition.timeMs = timeMs;
            transition.rule = QString::fromStdString(alert.ruleName);
            transition.labels = distinguishingLabels(alert.labels);
            transition.severity = qtText(alert.labels.get("severity"));
            transition.previousState = alert.state;
            transition.state = alerts::AlertState::Inactive;
            transition.value = alert.value;
            transition.summary = qtText(alert.annotations.get("summary"));
            endedByReload.append(transition);
        }
    }
    evaluator = std::make_unique<alerts::RuleEvaluator>(std::move(rules));
    inactiveSince.clear();
    for (const AlertTransition &ended : std::as_const(endedByReload))
        inactiveSince[ended.rule.toStdString()] = ended.timeMs;
}

bool AlertMonitor::Worker::openStore(const QString &path)
{
    if (store)
        return true;
    try {
        store = std::make_unique<AlertHistoryStore>(path);
        storeError.clear();
        return true;
    } catch (const AlertHistoryError &error) {
        storeError = error.message();
        qCWarning(lcAlerts) << "cannot open the alert history" << path << error.what();
        return false;
    }
}

AlertSnapshot AlertMonitor::Worker::evaluate(const MetricHistory &history, QList<AlertTransition> &transitions,
                                             QList<AlertNotification> &starts)
{
    AlertSnapshot snapshot;
    const qint64 now = history.nowMs();
    snapshot.evaluatedAtMs = now;
    transitions = std::exchange(endedByReload, {});

    std::map<std::string, const alerts::AlertRule *, std::less<>> rulesByName;
    for (const alerts::AlertRule &rule : evaluator->rules())
        rulesByName.emplace(rule.name, &rule);

    for (const alerts::AlertStateChange &change : evaluator->evaluate(history, now)) {
        const alerts::AlertRule *rule = rulesByName.at(change.ruleName);
        AlertTransition transition;
        transition.timeMs = change.timeMs;
        transition.rule = QString::fromStdString(change.ruleName);
        transition.labels = distinguishingLabels(change.labels);
        transition.severity = qtText(rule->labels.get("severity"));
        transition.previousState = change.previousState;
        transition.state = change.newState;
        transition.value = change.value;
        transition.summary = qtText(change.annotations.get("summary"));
        transitions.append(transition);

        if (change.newState == alerts::AlertState::Inactive)
            inactiveSince[change.ruleName] = change.timeMs;
        if (change.newState == alerts::AlertState::Firing) {
            qCInfo(lcAlerts) << "alert firing" << transition.rule << transition.labels;
            starts.append({transition.rule, transition.labels, transition.severity, transition.summary,
                           transition.value, transition.timeMs});
        } else if (change.previousState == alerts::AlertState::Firing) {
            qCInfo(lcAlerts) << "alert resolved" << transition.rule << transition.labels;
        }
    }

    snapshot.rows = rows();
    for (const AlertRow &row : std::as_const(snapshot.rows)) {
        if (row.state == alerts::AlertState::Firing)
            ++snapshot.firing;
        else if (row.state == alerts::AlertState::Pending)
            ++snapshot.pending;
    }
    return snapshot;
}

QList<AlertRow> AlertMonitor::Worker::rows() const
{
    std::map<std::string, std::vector<alerts::Alert>, std::less<>> alertsByRule;
    for (alerts::Alert &alert : evaluator->activeAlerts())
        alertsByRule[alert.ruleName].push_back(std::move(alert));
    std::map<std::string, std::string, std::less<>> errors;
    for (const alerts::RuleStatus &status : evaluator->ruleStatuses()) {
        if (!status.healthy)
            errors[status.ruleName] = status.lastError;
    }

    QList<AlertRow> rows;
    for (const alerts::AlertRule &rule : evaluator->rules()) {
        AlertRow base;
        base.rule = QString::fromStdString(rule.name);
        base.group = QString::fromStdString(rule.group);
        base.severity = qtText(rule.labels.get("severity"));
        base.runbook = QUrl(qtText(rule.annotations.get("runbook_url")));
        base.summary = qtText(rule.annotations.get("summary"));
        base.description = qtText(rule.annotations.get("description"));
        if (auto error = errors.find(rule.name); error != errors.end())
            base.error = QString::fromStdString(error->second);

        const auto active = alertsByRule.find(rule.name);
        if (active == alertsByRule.end()) {
            if (auto since = inactiveSince.find(rule.name); since != inactiveSince.end())
                base.sinceMs = since->second;
            rows.append(base);
            continue;
        }
        for (const alerts::Alert &alert : active->second) {
            AlertRow row = base;
            row.state = alert.state;
            row.labels = distinguishingLabels(alert.labels);
            row.sinceMs = alert.state == alerts::AlertState::Firing ? alert.firedAtMs : alert.activeAtMs;
            row.value = alert.value;
            row.summary = qtText(alert.annotations.get("summary"));
            row.description = qtText(alert.annotations.get("description"));
            rows.append(row);
        }
    }
    return rows;
}

AlertMonitor::AlertMonitor(ReadableHistoryProvider history, QString historyDatabasePath, QObject *parent)
    : QObject(parent)
    , m_history(std::move(history))
    , m_historyPath(std::move(historyDatabasePath))
    , m_pool(new QThreadPool(this))
    , m_timer(new QTimer(this))
    , m_worker(std::make_shared<Worker>())
{
    // One thread that never expires: the Qt SQL connection of the alert
    // history may only be used from the thread that opened it.
    m_pool->setMaxThreadCount(1);
    m_pool->setExpiryTimeout(-1);
    m_pool->setObjectName(QStringLiteral("umg-alerts"));
    m_timer->setInterval(kDefaultInterval);
    connect(m_timer, &QTimer::timeout, this, &AlertMonitor::evaluateNow);
}

AlertMonitor::~AlertMonitor()
{
    m_timer->stop();
    // The store is closed on the thread that opened it.
    m_pool->start([worker = m_worker] {
        worker->store.reset();
        worker->evaluator.reset();
    });
    m_pool->waitForDone();
}

void AlertMonitor::setRules(std::vector<alerts::AlertRule> rules)
{
    m_rules = rules;
    m_pool->start([worker = m_worker, provider = m_history, rules = std::move(rules)]() mutable {
        const std::shared_ptr<const MetricHistory> history = provider ? provider() : nullptr;
        worker->replaceRules(std::move(rules), history ? history->nowMs() : QDateTime::currentMSecsSinceEpoch());
    });
    qCInfo(lcAlerts) << "evaluating" << m_rules.size() << "alert rules";
    if (isRunning())
        evaluateNow();
}

void AlertMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_timer->setInterval(interval);
}

std::chrono::milliseconds AlertMonitor::interval() const
{
    return m_timer->intervalAsDuration();
}

void AlertMonitor::start()
{
    if (m_timer->isActive())
        return;
    m_timer->start();
    evaluateNow();
}

void AlertMonitor::stop()
{
    m_timer->stop();
}

bool AlertMonitor::isRunning() const
{
    return m_timer->isActive();
}

bool AlertMonitor::evaluateNow()
{
    if (m_evaluationQueued)
        return false;
    m_evaluationQueued = true;
    QPointer<AlertMonitor> self(this);
    m_pool->start([self, worker = m_worker, provider = m_history, path = m_historyPath] {
        AlertSnapshot snapshot;
        QList<AlertTransition> transitions;
        QList<AlertNotification> starts;
        const std::shared_ptr<const MetricHistory> history = provider ? provider() : nullptr;
        if (!worker->evaluator) {
            snapshot.notice = tr("No alert rules are loaded.");
        } else if (!history) {
            snapshot.notice = tr("The metric history is not open while the engine starts or restarts; the alerts "
                                "are evaluated again once it runs.");
        } else {
            try {
                snapshot = worker->evaluate(*history, transitions, starts);
            } catch (const std::exception &error) {
                qCWarning(lcAlerts) << "evaluating the alert rules failed" << error.what();
                snapshot.error = tr("Evaluating the alert rules failed: %1").arg(QString::fromUtf8(error.what()));
            }
        }

        if (worker->openStore(path)) {
            try {
                worker->store->append(transitions);
                if (snapshot.evaluatedAtMs - worker->lastPruneMs >= kPruneIntervalMs) {
                    worker->lastPruneMs = snapshot.evaluatedAtMs;
                    const qint64 retentionMs =
                        std::chrono::duration_cast<std::chrono::milliseconds>(kHistoryRetention).count();
                    worker->store->deleteBefore(snapshot.evaluatedAtMs - retentionMs);
                }
            } catch (const AlertHistoryError &error) {
                qCWarning(lcAlerts) << "storing alert transitions failed" << error.what();
                snapshot.error = error.message();
                transitions.clear();
            }
        } else if (snapshot.error.isEmpty()) {
            snapshot.error = worker->storeError;
            transitions.clear();
        }

        QMetaObject::invokeMethod(
            qApp,
            [self, snapshot = std::move(snapshot), transitions = std::move(transitions),
             starts = std::move(starts)]() mutable {
                if (self)
                    self->deliver(std::move(snapshot), std::move(transitions), std::move(starts));
            },
            Qt::QueuedConnection);
    });
    return true;
}

void AlertMonitor::deliver(AlertSnapshot snapshot, QList<AlertTransition> transitions,
                           QList<AlertNotification> starts)
{
    m_evaluationQueued = false;
    ++m_evaluations;
    if (!snapshot.error.isEmpty())
        reportFailure(snapshot.error);
    else if (snapshot.notice.isEmpty())
        m_lastFailure.clear();
    if (snapshot.evaluatedAtMs == 0)
        snapshot.rows = m_snapshot.rows; // keep showing the last result while the history is closed
    m_snapshot = std::move(snapshot);
    Q_EMIT evaluated(m_snapshot);
    for (const AlertNotification &start : std::as_const(starts))
        Q_EMIT alertStartedFiring(start);
    if (!transitions.isEmpty())
        Q_EMIT historyChanged();
}

void AlertMonitor::reportFailure(const QString &message)
{
    if (message == m_lastFailure)
        return;
    m_lastFailure = message;
    Q_EMIT failed(message);
}

void AlertMonitor::requestHistory(qint64 fromMs, qint64 toMs)
{
    QPointer<AlertMonitor> self(this);
    m_pool->start([self, worker = m_worker, path = m_historyPath, fromMs, toMs] {
        QList<AlertTransition> transitions;
        QString error;
        if (worker->openStore(path)) {
            try {
                transitions = worker->store->read(fromMs, toMs);
            } catch (const AlertHistoryError &failure) {
                error = failure.message();
            }
        } else {
            error = worker->storeError;
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, transitions = std::move(transitions), error, fromMs, toMs] {
                if (!self)
                    return;
                if (!error.isEmpty())
                    self->reportFailure(error);
                Q_EMIT self->historyRead(transitions, fromMs, toMs);
            },
            Qt::QueuedConnection);
    });
}

void AlertMonitor::waitForIdle()
{
    // Not QThreadPool::waitForDone(), which also ends the thread that owns
    // the alert history's connection. Tasks run in order on one thread, so
    // once this one ran, every earlier one has.
    QSemaphore done;
    m_pool->start([&done] { done.release(); });
    done.acquire();
}

QString alertStateText(alerts::AlertState state)
{
    switch (state) {
    case alerts::AlertState::Inactive:
        return AlertMonitor::tr("Inactive");
    case alerts::AlertState::Pending:
        return AlertMonitor::tr("Pending");
    case alerts::AlertState::Firing:
        return AlertMonitor::tr("Firing");
    }
    return {};
}

} // namespace umg
