#pragma once

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

#include <functional>
#include <memory>

namespace umg {
class MetricHistory;
}

namespace umg::reports {

/// One PromQL query of a report, with the meaning of the console's
/// QueryRequest: instant queries are evaluated at `endMs`, range queries at
/// fromMs, fromMs + stepMs, ... up to endMs (milliseconds since the Unix
/// epoch). `$__range` stands for `rangeMs`, and `$__rate_interval` for a
/// window in which rate() finds enough samples.
struct ReportQuery
{
    QString expression;
    bool range = false;
    qint64 fromMs = 0;
    qint64 endMs = 0;
    qint64 stepMs = 0;
    qint64 rangeMs = 0;
};

struct ResultSeries
{
    QMap<QString, QString> labels;
    /// x is the time in milliseconds since the Unix epoch; instant queries
    /// give one point.
    QList<QPointF> points;
};

struct ReportQueryResult
{
    /// Empty when the query matched nothing.
    QList<ResultSeries> series;
    /// Translated sentence naming the failure; empty on success.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Evaluates report queries. Called on the thread that builds the report,
/// which is never the console's GUI thread; it may block and must not throw.
using QueryFunction = std::function<ReportQueryResult(const ReportQuery &)>;

/// Returns a QueryFunction over `history` with the native PromQL evaluator,
/// which evaluates as the console's local data source does. Instant queries
/// read the finest tier that covers their windows, with `$__rate_interval`
/// at four scrape intervals and at least one minute. Range queries read the
/// tier that covers the range. Thread-safe.
QueryFunction historyQueries(std::shared_ptr<const MetricHistory> history);

/// Step of a range query over `rangeMs`, as the console's dashboards choose
/// it: about 600 points, at least one second, a whole number of seconds.
qint64 rangeStepMs(qint64 rangeMs);

/// Evaluates `expression` as an instant query at `endMs`, with `$__range`
/// set to `rangeMs`, and returns the value of its first series. Returns NaN
/// when it matches nothing or fails, and a failure also sets `error`.
double instantValue(const QueryFunction &query, const QString &expression, qint64 endMs, qint64 rangeMs,
                    QString *error = nullptr);

} // namespace umg::reports
