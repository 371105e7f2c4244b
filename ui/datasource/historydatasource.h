#pragma once

#include "datasource/dashboarddatasource.h"

#include <QCoreApplication>

#include "history/rangequery.h"
#include "promql/evaluator.h"

#include <functional>
#include <memory>

namespace umg {

class MetricHistory;

/// DashboardDataSource over the console's own MetricHistory, evaluated with
/// the native PromQL evaluator. Instant queries read the finest history tier
/// that covers their longest window; range queries go through
/// evaluateRange(), which reads the tier that covers the whole range.
class HistoryDataSource final : public DashboardDataSource
{
    Q_DECLARE_TR_FUNCTIONS(umg::HistoryDataSource)

public:
    /// `history` returns the current history, or null while the engine
    /// session is restarting; it is called once per query on the worker
    /// thread, so it must be thread-safe.
    explicit HistoryDataSource(std::function<std::shared_ptr<const MetricHistory>()> history);

    QString displayName() const override;
    QueryResult evaluate(const QueryRequest &request) const override;

private:
    QueryResult evaluateInstant(const MetricHistory &history, const QueryRequest &request) const;
    QueryResult evaluateRange(const MetricHistory &history, const QueryRequest &request) const;

    std::function<std::shared_ptr<const MetricHistory>()> m_history;
};

/// Converts a PromQL instant-query result at `timeMs` to panel series. A
/// range vector or a string gives the error a panel shows.
QueryResult queryResultFromValue(const promql::Value &value, qint64 timeMs);

/// Converts a PromQL range-query result to panel series.
QueryResult queryResultFromRange(const RangeQueryResult &range);

} // namespace umg
