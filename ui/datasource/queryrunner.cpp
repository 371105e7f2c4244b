#include "datasource/queryrunner.h"

#include "datasource/datasourcelog.h"

#include <QElapsedTimer>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace umg {

QueryRunner::QueryRunner(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    // Queries share the cores with the engine's workers, so two threads are
    // enough to keep the visible dashboard current.
    m_pool->setMaxThreadCount(std::clamp(QThread::idealThreadCount() / 2, 1, 2));
    m_pool->setObjectName(QStringLiteral("umg-queries"));
}

QueryRunner::~QueryRunner()
{
    m_stopping->store(true);
    m_pool->clear();
    m_pool->waitForDone();
}

void QueryRunner::setDataSource(std::shared_ptr<const DashboardDataSource> source)
{
    std::lock_guard lock(m_sourceMutex);
    m_source = std::move(source);
}

std::shared_ptr<const DashboardDataSource> QueryRunner::dataSource() const
{
    std::lock_guard lock(m_sourceMutex);
    return m_source;
}

quint64 QueryRunner::submit(const QList<QueryRequest> &requests)
{
    const quint64 batchId = m_nextBatch++;
    ++m_pending;
    std::shared_ptr<const DashboardDataSource> source = dataSource();
    std::shared_ptr<std::atomic<bool>> stopping = m_stopping;

    m_pool->start([this, batchId, requests, source = std::move(source), stopping = std::move(stopping)] {
        QElapsedTimer timer;
        timer.start();
        QList<QueryResult> results;
        results.reserve(requests.size());
        for (const QueryRequest &request : requests) {
            if (stopping->load()) {
                results.append(QueryResult{{}, tr("The console is closing.")});
            } else if (!source) {
                results.append(QueryResult{{}, tr("No data source is connected.")});
            } else {
                results.append(source->evaluate(request));
            }
        }
        qCDebug(lcDataSource) << "batch" << batchId << "evaluated" << requests.size() << "queries in"
                              << timer.elapsed() << "ms";
        // The destructor waits for this job, so the runner is alive here; a
        // call queued to it is dropped by Qt if it is deleted before delivery.
        QMetaObject::invokeMethod(
            this,
            [this, batchId, results = std::move(results)] {
                --m_pending;
                Q_EMIT finished(batchId, results);
            },
            Qt::QueuedConnection);
    });
    return batchId;
}

} // namespace umg
