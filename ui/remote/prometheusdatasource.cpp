#include "remote/prometheusdatasource.h"

#include "remote/httpfetch.h"
#include "remote/remotelog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QThreadStorage>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

namespace umg {
namespace {

// One manager per worker thread, deleted when the thread ends; a manager
// must be used on the thread that created it.
QNetworkAccessManager *threadNetwork()
{
    static QThreadStorage<QNetworkAccessManager *> managers;
    if (!managers.hasLocalData())
        managers.setLocalData(new QNetworkAccessManager);
    return managers.localData();
}

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 3);
}

std::optional<double> parseValue(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text == QLatin1String("NaN"))
        return std::numeric_limits<double>::quiet_NaN();
    if (text == QLatin1String("+Inf") || text == QLatin1String("Inf"))
        return std::numeric_limits<double>::infinity();
    if (text == QLatin1String("-Inf"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double number = text.toDouble(&ok);
    return ok ? std::optional<double>(number) : std::nullopt;
}

// Reads one `[time, "value"]` pair; time in seconds since the Unix epoch.
std::optional<QPointF> parsePoint(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2 || !pair[0].isDouble())
        return std::nullopt;
    const std::optional<double> number = parseValue(pair[1]);
    if (!number)
        return std::nullopt;
    return QPointF(std::round(pair[0].toDouble() * 1000.0), *number);
}

QMap<QString, QString> labelsOf(const QJsonValue &metric)
{
    QMap<QString, QString> labels;
    const QJsonObject object = metric.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

} // namespace

PrometheusDataSource::PrometheusDataSource(PrometheusEndpoint endpoint, int timeoutMs)
    : m_endpoint(std::move(endpoint))
    , m_timeoutMs(timeoutMs)
{
    m_endpoint.url = EndpointUrl::asBase(m_endpoint.url);
}

QString PrometheusDataSource::displayName() const
{
    return tr("Prometheus %1").arg(m_endpoint.instance());
}

QString PrometheusDataSource::expandPlaceholders(const QueryRequest &request, qint64 scrapeIntervalMs)
{
    QString expression = expandRange(request.expression, request.rangeMs);
    if (request.kind == QueryRequest::Kind::Range && request.stepMs > 0) {
        const qint64 rateInterval = std::max(request.stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
        expression.replace(QStringLiteral("$__rate_interval"), promqlDuration(rateInterval));
        expression.replace(QStringLiteral("$__interval"), promqlDuration(request.stepMs));
    } else {
        const QString rateInterval = promqlDuration(std::max<qint64>(60'000, 4 * scrapeIntervalMs));
        expression.replace(QStringLiteral("$__rate_interval"), rateInterval);
        expression.replace(QStringLiteral("$__interval"), rateInterval);
    }
    return expression;
}

QueryResult PrometheusDataSource::evaluate(const QueryRequest &request) const
{
    const qint64 scrapeIntervalMs = qint64(std::max(1, m_endpoint.scrapeIntervalSeconds)) * 1000;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), expandPlaceholders(request, scrapeIntervalMs));
    QUrl url;
    if (request.kind == QueryRequest::Kind::Range) {
        if (request.stepMs <= 0 || request.endMs < request.fromMs)
            return QueryResult{{}, tr("The range query has no valid time range or step.")};
        url = m_endpoint.url.resolved(QUrl(QStringLiteral("api/v1/query_range")));
        query.addQueryItem(QStringLiteral("start"), seconds(request.fromMs));
        query.addQueryItem(QStringLiteral("end"), seconds(request.endMs));
        query.addQueryItem(QStringLiteral("step"), seconds(request.stepMs));
    } else {
        url = m_endpoint.url.resolved(QUrl(QStringLiteral("api/v1/query")));
        query.addQueryItem(QStringLiteral("time"), seconds(request.endMs));
    }
    // A plus sign in the PromQL text must reach the server as %2B, not as a space.
    url.setQuery(query.toString(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%2B")));

    FetchOptions options;
    options.maxBytes = kMaxResponseBytes;
    options.timeoutMs = m_timeoutMs;
    options.verifyTls = m_endpoint.verifyTls;
    options.authorization = m_endpoint.authorization();
    options.accept = "application/json";
    const FetchResult fetched = HttpFetch::getAndWait(threadNetwork(), url, options);

    // Prometheus reports invalid queries with 400 and failed ones with 422,
    // both with a JSON body that names the problem.
    const bool queryError = fetched.failure == FetchResult::Failure::HttpStatus
                            && (fetched.httpStatus == 400 || fetched.httpStatus == 422);
    if (!fetched.ok() && !queryError) {
        qCDebug(lcRemote) << "Prometheus query failed" << m_endpoint.instance() << fetched.error;
        return QueryResult{{}, fetched.error};
    }
    return parseResponse(fetched.body);
}

QueryResult PrometheusDataSource::parseResponse(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonObject response = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || response.isEmpty())
        return QueryResult{{}, tr("The server's response is not the JSON of the Prometheus query API. Check that "
                                  "the URL points to a Prometheus server.")};
    if (response.value(QLatin1String("status")).toString() != QLatin1String("success")) {
        const QString error = response.value(QLatin1String("error")).toString().left(300);
        return QueryResult{{}, tr("Prometheus rejected the query: %1").arg(error)};
    }

    const QJsonObject data = response.value(QLatin1String("data")).toObject();
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonValue payload = data.value(QLatin1String("result"));
    QueryResult result;
    if (type == QLatin1String("scalar")) {
        if (const std::optional<QPointF> point = parsePoint(payload))
            result.series.append(QuerySeries{{}, {*point}});
    } else if (type == QLatin1String("vector")) {
        for (const QJsonValue &item : payload.toArray()) {
            const QJsonObject sample = item.toObject();
            if (const std::optional<QPointF> point = parsePoint(sample.value(QLatin1String("value"))))
                result.series.append(QuerySeries{labelsOf(sample.value(QLatin1String("metric"))), {*point}});
        }
    } else if (type == QLatin1String("matrix")) {
        for (const QJsonValue &item : payload.toArray()) {
            const QJsonObject series = item.toObject();
            QuerySeries converted;
            converted.labels = labelsOf(series.value(QLatin1String("metric")));
            for (const QJsonValue &value : series.value(QLatin1String("values")).toArray()) {
                if (const std::optional<QPointF> point = parsePoint(value))
                    converted.points.append(*point);
            }
            result.series.append(std::move(converted));
        }
    } else {
        result.error = tr("The query returns a %1; a panel needs a number per series.")
                           .arg(type.isEmpty() ? tr("result of unknown type") : type);
    }
    return result;
}

} // namespace umg
