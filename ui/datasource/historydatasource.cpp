#include "datasource/historydatasource.h"

#include "datasource/datasourcelog.h"

#include "history/metrichistory.h"
#include "history/rangequery.h"
#include "promql/evaluator.h"
#include "promql/lexer.h"
#include "storage/store.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace umg {
namespace {

QMap<QString, QString> toLabelMap(const promql::Labels &labels)
{
    QMap<QString, QString> map;
    for (const promql::Label &label : labels)
        map.insert(QString::fromStdString(label.name), QString::fromStdString(label.value));
    return map;
}


// Grafana's default for `$__rate_interval` on an instant query: four scrape
// intervals, but never less than a minute so that a gauge does not jump with
// every scrape.
QString instantRateInterval(const MetricHistory &history)
{
    return promqlDuration(std::max<qint64>(60'000, 4 * history.options().scrapeIntervalMs));
}

} // namespace

HistoryDataSource::HistoryDataSource(std::function<std::shared_ptr<const MetricHistory>()> history)
    : m_history(std::move(history))
{
}

QString HistoryDataSource::displayName() const
{
    return tr("Local metric history");
}

QueryResult HistoryDataSource::evaluate(const QueryRequest &request) const
{
    const std::shared_ptr<const MetricHistory> history = m_history ? m_history() : nullptr;
    if (!history)
        return QueryResult{{}, tr("The metric history is not open yet; the engine is starting or restarting.")};

    try {
        if (request.kind == QueryRequest::Kind::Range)
            return evaluateRange(*history, request);
        return evaluateInstant(*history, request);
    } catch (const promql::ParseError &error) {
        qCWarning(lcDataSource) << "invalid panel query" << request.expression << error.what();
        return QueryResult{{}, tr("The panel query is not valid PromQL: %1").arg(QString::fromUtf8(error.what()))};
    } catch (const promql::EvaluationError &error) {
        qCWarning(lcDataSource) << "panel query failed" << request.expression << error.what();
        return QueryResult{{}, tr("The panel query failed: %1").arg(QString::fromUtf8(error.what()))};
    } catch (const StoreError &error) {
        qCWarning(lcDataSource) << "metric history could not be read" << error.what();
        return QueryResult{{}, tr("The metric history could not be read: %1. If this persists, reset the demo "
                                  "to start a fresh history.")
                                   .arg(QString::fromUtf8(error.what()))};
    } catch (const std::exception &error) {
        qCWarning(lcDataSource) << "panel query failed" << request.expression << error.what();
        return QueryResult{{}, tr("The panel query failed: %1").arg(QString::fromUtf8(error.what()))};
    }
}

QueryResult HistoryDataSource::evaluateInstant(const MetricHistory &history, const QueryRequest &request) const
{
    QString expression = expandRange(request.expression, request.rangeMs);
    expression.replace(QStringLiteral("$__rate_interval"), instantRateInterval(history));
    expression.replace(QStringLiteral("$__interval"), instantRateInterval(history));
    const QByteArray text = expression.toUtf8();
    const promql::Value value =
        promql::evaluateQuery(history, std::string_view(text.constData(), size_t(text.size())), request.endMs);
    return queryResultFromValue(value, request.endMs);
}

QueryResult HistoryDataSource::evaluateRange(const MetricHistory &history, const QueryRequest &request) const
{
    const QByteArray text = expandRange(request.expression, request.rangeMs).toUtf8();
    const RangeQueryResult range = umg::evaluateRange(history, std::string_view(text.constData(), size_t(text.size())),
                                                      request.fromMs, request.endMs, request.stepMs);
    return queryResultFromRange(range);
}

QueryResult queryResultFromValue(const promql::Value &value, qint64 timeMs)
{
    QueryResult result;
    if (const auto *scalar = std::get_if<double>(&value)) {
        result.series.append(QuerySeries{{}, {QPointF(double(timeMs), *scalar)}});
    } else if (const auto *vector = std::get_if<promql::InstantVector>(&value)) {
        for (const promql::VectorSample &sample : *vector)
            result.series.append(QuerySeries{toLabelMap(sample.labels), {QPointF(double(timeMs), sample.value)}});
    } else {
        result.error = HistoryDataSource::tr("The query returns a range vector or a string; a panel needs a number "
                                             "per series. Wrap range selectors in a function such as rate() or "
                                             "avg_over_time().");
    }
    return result;
}

QueryResult queryResultFromRange(const RangeQueryResult &range)
{
    QueryResult result;
    result.series.reserve(qsizetype(range.series.size()));
    for (const promql::Series &series : range.series) {
        QuerySeries converted;
        converted.labels = toLabelMap(series.labels);
        converted.points.reserve(qsizetype(series.samples.size()));
        for (const promql::Sample &sample : series.samples)
            converted.points.append(QPointF(double(sample.timestampMs), sample.value));
        result.series.append(std::move(converted));
    }
    return result;
}

} // namespace umg
