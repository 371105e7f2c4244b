#pragma once

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

namespace umg {

/// One query of a dashboard panel, written in PromQL over the metric names
/// of docs/METRICS.md.
///
/// Before evaluation a data source replaces these placeholders, as Grafana
/// does: `$__range` by the dashboard's time range (for example `15m`),
/// `$__interval` by the step of a range query, and `$__rate_interval` by a
/// window long enough for rate() to find two samples at every step.
struct QueryRequest
{
    enum class Kind { Instant, Range, Count };

    QString expression;
    Kind kind = Kind::Instant;
    /// Instant queries are evaluated at `endMs`; range queries at fromMs,
    /// fromMs + stepMs, ... up to endMs. Milliseconds since the Unix epoch.
    qint64 fromMs = 0;
    qint64 endMs = 0;
    qint64 stepMs = 0;
    /// The dashboard's time range in milliseconds, for `$__range`.
    qint64 rangeMs = 0;
};

/// One series of a query result.
struct QuerySeries
{
    /// Labels of the series; the metric name, when the result keeps it, is
    /// under `__name__`.
    QMap<QString, QString> labels;
    /// x is the time in milliseconds since the Unix epoch, y the value.
    /// Instant queries give one point per series.
    QList<QPointF> points;
};

struct QueryResult
{
    /// Empty when the query matched no series.
    QList<QuerySeries> series;
    /// Translated sentence naming the failure; empty on success.
    QString error;

    bool ok() const { return error.isEmpty(); }
};

/// Where dashboard panels get their numbers from: the console's metric
/// history, and later remote engine nodes or a Prometheus server. Panels only
/// hold PromQL text, so a new source needs no change to any panel.
///
/// To add a source, implement evaluate() with the semantics of Prometheus'
/// `/api/v1/query` (Instant) and `/api/v1/query_range` (Range) and hand the
/// object to MainWindow::setDataSource().
class DashboardDataSource
{
public:
    virtual ~DashboardDataSource() = default;

    /// Name shown in the status bar, such as "Local metric history".
    virtual QString displayName() const = 0;

    /// Evaluates one query and returns its series, or a result whose error
    /// says what failed. Called on worker threads, several at a time, never
    /// on the GUI thread; implementations must be thread-safe and may block.
    /// Must not throw.
    virtual QueryResult evaluate(const QueryRequest &request) const = 0;
};

/// Formats a duration in milliseconds as a PromQL duration, in the largest
/// unit that divides it (`90s`, `15m`, `7d`). Values below one second are
/// written in milliseconds.
QString promqlDuration(qint64 milliseconds);

/// Replaces `$__range` in `expression` by `rangeMs` as a PromQL duration.
QString expandRange(const QString &expression, qint64 rangeMs);

} // namespace umg
