#include "reports/querysource.h"

#include "reports/report.h"
#include "reports/reportslog.h"

#include "history/metrichistory.h"
#include "history/rangequery.h"
#include "model/timestamp.h"
#include "promql/evaluator.h"
#include "promql/lexer.h"
#include "storage/store.h"

#include <algorithm>

namespace umg::reports {
namespace {

class QueryText
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::QueryText)
};

QMap<QString, QString> toLabelMap(const promql::Labels &labels)
{
    QMap<QString, QString> map;
    for (const promql::Label &label : labels)
        map.insert(QString::fromStdString(label.name), QString::fromStdString(label.value));
    return map;
}

QString promqlDuration(qint64 milliseconds)
{
    return QString::fromStdString(formatDuration(std::max<qint64>(milliseconds, 1000)));
}

ReportQueryResult evaluateInstant(const MetricHistory &history, const ReportQuery &query)
{
    // Grafana's choice for instant queries: four scrape intervals, and at
    // least a minute so that a value does not jump with every scrape.
    const QString rateInterval = promqlDuration(std::max<qint64>(60'000, 4 * history.options().scrapeIntervalMs));
    QString expression = query.expression;
    expression.replace(QStringLiteral("$__range"), promqlDuration(query.rangeMs));
    expression.replace(QStringLiteral("$__rate_interval"), rateInterval);
    expression.replace(QStringLiteral("$__interval"), rateInterval);
    const QByteArray text = expression.toUtf8();
    const promql::Value value =
        promql::evaluateQuery(history, std::string_view(text.constData(), size_t(text.size())), query.endMs);

    ReportQueryResult result;
    if (const auto *scalar = std::get_if<double>(&value)) {
        result.series.append(ResultSeries{{}, {QPointF(double(query.endMs), *scalar)}});
    } else if (const auto *vector = std::get_if<promql::InstantVector>(&value)) {
        for (const promql::VectorSample &sample : *vector)
            result.series.append(ResultSeries{toLabelMap(sample.labels), {QPointF(double(query.endMs), sample.value)}});
    } else {
        result.error = QueryText::tr("The query returns a range vector or a string, but a report needs a number per "
                                     "series: %1")
                           .arg(query.expression);
    }
    return result;
}

ReportQueryResult evaluateRangeQuery(const MetricHistory &history, const ReportQuery &query)
{
    QString expression = query.expression;
    expression.replace(QStringLiteral("$__range"), promqlDuration(query.rangeMs));
    const QByteArray text = expression.toUtf8();
    const RangeQueryResult range = evaluateRange(history, std::string_view(text.constData(), size_t(text.size())),
                                                 query.fromMs, query.endMs, query.stepMs);
    ReportQueryResult result;
    for (const promql::Series &series : range.series) {
        ResultSeries converted;
        converted.labels = toLabelMap(series.labels);
        converted.points.reserve(qsizetype(series.samples.size()));
        for (const promql::Sample &sample : series.samples)
            converted.points.append(QPointF(double(sample.timestampMs), sample.value));
        result.series.append(std::move(converted));
    }
    return result;
}

} // namespace

QueryFunction historyQueries(std::shared_ptr<const MetricHistory> history)
{
    return [history = std::move(history)](const ReportQuery &query) -> ReportQueryResult {
        if (!history)
            return ReportQueryResult{{}, QueryText::tr("No metric history is open.")};
        try {
            return query.range ? evaluateRangeQuery(*history, query) : evaluateInstant(*history, query);
        } catch (const promql::ParseError &error) {
            qCWarning(lcReports) << "invalid report query" << query.expression << error.what();
            return ReportQueryResult{{}, QueryText::tr("The query is not valid PromQL: %1")
                                             .arg(QString::fromUtf8(error.what()))};
        } catch (const StoreError &error) {
            qCWarning(lcReports) << "metric history could not be read" << error.what();
            return ReportQueryResult{{}, QueryText::tr("The metric history could not be read: %1")
                                             .arg(QString::fromUtf8(error.what()))};
        } catch (const std::exception &error) {
            qCWarning(lcReports) << "report query failed" << query.expression << error.what();
            return ReportQueryResult{{}, QueryText::tr("The query failed: %1").arg(QString::fromUtf8(error.what()))};
        }
    };
}

qint64 rangeStepMs(qint64 rangeMs)
{
    constexpr qint64 kPointsPerChart = 600;
    const qint64 step = std::max<qint64>(1000, rangeMs / kPointsPerChart);
    return (step + 999) / 1000 * 1000;
}

double instantValue(const QueryFunction &query, const QString &expression, qint64 endMs, qint64 rangeMs,
                    QString *error)
{
    ReportQuery request;
    request.expression = expression;
    request.endMs = endMs;
    request.fromMs = endMs - rangeMs;
    request.rangeMs = rangeMs;
    request.stepMs = rangeStepMs(rangeMs);
    const ReportQueryResult result = query(request);
    if (!result.ok()) {
        if (error)
            *error = result.error;
        return qQNaN();
    }
    if (result.series.isEmpty() || result.series.first().points.isEmpty())
        return qQNaN();
    return result.series.first().points.last().y();
}

} // namespace umg::reports
