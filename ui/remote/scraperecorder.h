#pragma once

#include "exposition/textparser.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace umg {

class MetricHistory;

/// Returns the history that remote scrapes are written to, or null while
/// none is open. Called on the recorder's worker thread.
using WritableHistoryProvider = std::function<std::shared_ptr<MetricHistory>()>;

/// Contents of one scrape of a node, for the fleet view.
struct ScrapeSummary
{
    /// True when the samples were written to the history.
    bool recorded = false;
    /// Translated sentence when the body could not be parsed or recorded.
    QString error;
    qint64 samples = 0;
    /// Valid samples over the per-scrape limit, left out.
    quint64 droppedSamples = 0;
    /// Lines rejected as malformed.
    quint64 rejectedLines = 0;
    /// The first rejected line: its number, the problem and the start of the line.
    QString firstProblem;
    /// Sum of attribution_events_processed_total over all its series.
    std::optional<double> eventsProcessed;
    /// Sum of attribution_queue_depth over the worker queues.
    std::optional<double> queueDepth;
    /// Sum of attribution_kafka_consumer_lag over the partitions.
    std::optional<double> kafkaLag;
};

/// Parses scraped `/metrics` bodies and writes them to the metric history on
/// one worker thread, so that neither a large body nor a slow database
/// blocks the GUI. Every series gets `job="unmogrowp"` and the node's
/// `instance` label, and each scrape records `up`, as Prometheus does.
class ScrapeRecorder : public QObject
{
    Q_OBJECT

public:
    ScrapeRecorder(WritableHistoryProvider history, exposition::ParseLimits limits, QObject *parent = nullptr);
    /// Waits for the scrapes being recorded.
    ~ScrapeRecorder() override;

    /// The `job` label of remote nodes, the one the dashboards' `up` queries select.
    static QString job();

    /// Parses `body` and records it as a scrape of `instance` at the history's
    /// current time, then calls `done` on `context`'s thread. `done` is
    /// dropped if `context` is deleted first.
    void record(const QString &instance, QByteArray body, double durationSeconds, QObject *context,
                std::function<void(const ScrapeSummary &)> done);

    /// Records a failed scrape of `instance`: `up` 0, and staleness markers
    /// for the series of its previous scrape so that instant queries stop
    /// showing them. `done` as for record().
    void recordFailure(const QString &instance, double durationSeconds, QObject *context,
                       std::function<void()> done = {});

    /// Marks every series of `instance` stale, `up` included, after the node
    /// was detached or moved to another address, so that it leaves the
    /// fleet's instant queries at once.
    void recordDetached(const QString &instance);

    /// Blocks until every submitted scrape is recorded.
    void waitForDone();

private:
    /// Calls `callback` on the GUI thread unless `context` was deleted. Thread-safe.
    void deliver(QPointer<QObject> context, std::function<void()> callback);

    WritableHistoryProvider m_history;
    exposition::ParseLimits m_limits;
    QThreadPool *m_pool = nullptr;
};

} // namespace umg
