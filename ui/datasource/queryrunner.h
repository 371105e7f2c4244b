#pragma once

#include "datasource/dashboarddatasource.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>

class QThreadPool;

namespace umg {

/// Evaluates batches of panel queries on worker threads, so that the GUI
/// thread never waits on a query or the database, and delivers each batch's
/// results back on the GUI thread through finished().
///
/// Results carry the id that submit() returned; a view that submitted a newer
/// batch since drops the older result as stale.
class QueryRunner : public QObject
{
    Q_OBJECT

public:
    explicit QueryRunner(QObject *parent = nullptr);
    /// Asks running batches to stop after their current query and waits for
    /// them, so that no result arrives at a deleted runner. Only called at exit.
    ~QueryRunner() override;

    /// Sets the source that later batches read; a batch already running keeps
    /// the source it started with. Null makes every query fail with a message.
    void setDataSource(std::shared_ptr<const DashboardDataSource> source);
    std::shared_ptr<const DashboardDataSource> dataSource() const;

    /// Starts evaluating `requests` in order on a worker thread and returns
    /// the batch id (never 0). finished() later carries one result per request.
    quint64 submit(const QList<QueryRequest> &requests);

    /// Number of batches submitted and not yet finished.
    int pendingBatches() const { return m_pending; }

Q_SIGNALS:
    /// Emitted on the GUI thread when batch `batchId` is done.
    void finished(quint64 batchId, const QList<umg::QueryResult> &results);

private:
    QThreadPool *m_pool = nullptr;
    mutable std::mutex m_sourceMutex;
    std::shared_ptr<const DashboardDataSource> m_source;
    std::shared_ptr<std::atomic<bool>> m_stopping = std::make_shared<std::atomic<bool>>(false);
    quint64 m_nextBatch = 1;
    int m_pending = 0;
};

} // namespace umg
