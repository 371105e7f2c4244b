#include "remote/scopeddatasource.h"

#include "remote/remotelog.h"

#include "datasource/historydatasource.h"

#include "history/metrichistory.h"
#include "history/rangequery.h"
#include "promql/evaluator.h"
#include "promql/lexer.h"
#include "storage/store.h"

#include <QStringList>

#include <algorithm>

namespace umg {
namespace {

const std::string kInstance = "instance";

QString escapeRegex(const QString &text)
{
    static const QString kSpecial = QStringLiteral(".^$|?*+()[]{}\\");
    QString escaped;
    for (const QChar c : text) {
        if (kSpecial.contains(c))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return escaped;
}

} // namespace

ScopedSeriesSource::ScopedSeriesSource(const MetricHistory &history, promql::LabelMatcher scope,
                                       std::optional<std::size_t> tier)
    : m_history(history)
    , m_scope(std::move(scope))
    , m_tier(tier)
{
}

std::vector<promql::Series> ScopedSeriesSource::select(const std::vector<promql::LabelMatcher> &matchers,
                                                       std::int64_t minTimeMs, std::int64_t maxTimeMs) const
{
    std::vector<promql::LabelMatcher> scoped = matchers;
    scoped.push_back(m_scope);
    if (m_tier)
        return m_history.selectTier(*m_tier, scoped, minTimeMs, maxTimeMs);
    return m_history.select(scoped, minTimeMs, maxTimeMs);
}

ScopedHistoryDataSource::ScopedHistoryDataSource(std::function<std::shared_ptr<const MetricHistory>()> history,
                                                 promql::LabelMatcher scope, QString displayName,
                                                 qint64 sampleIntervalMs)
    : m_history(std::move(history))
    , m_scope(std::move(scope))
    , m_displayName(std::move(displayName))
    , m_sampleIntervalMs(sampleIntervalMs)
{
}

promql::LabelMatcher ScopedHistoryDataSource::localScope()
{
    return promql::LabelMatcher(promql::MatchType::RegexMatch, kInstance, "|embedded");
}

promql::LabelMatcher ScopedHistoryDataSource::nodeScope(const QString &instance)
{
    return promql::LabelMatcher(promql::MatchType::Equal, kInstance, instance.toStdString());
}

promql::LabelMatcher ScopedHistoryDataSource::fleetScope(const QStringList &instances)
{
    if (instances.isEmpty()) {
        // No instance label contains a line feed.
        return promql::LabelMatcher(promql::MatchType::Equal, kInstance, "\n");
    }
    QStringList alternatives;
    for (const QString &instance : instances)
        alternatives.append(escapeRegex(instance));
    return promql::LabelMatcher(promql::MatchType::RegexMatch, kInstance,
                                alternatives.join(QLatin1Char('|')).toStdString());
}

QString ScopedHistoryDataSource::displayName() const
{
    return m_displayName;
}

QueryResult ScopedHistoryDataSource::evaluate(const QueryRequest &request) const
{
    const std::shared_ptr<const MetricHistory> history = m_history ? m_history() : nullptr;
    if (!history)
        return QueryResult{{}, tr("The metric history is not open yet; the engine is starting or restarting.")};

    try {
        if (request.kind == QueryRequest::Kind::Range)
            return evaluateRange(*history, request);
        return evaluateInstant(*history, request);
    } catch (const promql::ParseError &error) {
        qCWarning(lcRemote) << "invalid panel query" << request.expression << error.what();
        return QueryResult{{}, tr("The panel query is not valid PromQL: %1").arg(QString::fromUtf8(error.what()))};
    } catch (const StoreError &error) {
        qCWarning(lcRemote) << "metric history could not be read" << error.what();
        return QueryResult{{}, tr("The metric history could not be read: %1").arg(QString::fromUtf8(error.what()))};
    } catch (const std::exception &error) {
        qCWarning(lcRemote) << "panel query failed" << request.expression << error.what();
        return QueryResult{{}, tr("The panel query failed: %1").arg(QString::fromUtf8(error.what()))};
    }
}

QueryResult ScopedHistoryDataSource::evaluateInstant(const MetricHistory &history, const QueryRequest &request) const
{
    // The same window as the unscoped history source: four samples, at least a minute.
    const qint64 sampleInterval = std::max<qint64>(m_sampleIntervalMs, history.options().scrapeIntervalMs);
    const QString rateInterval = promqlDuration(std::max<qint64>(60'000, 4 * sampleInterval));
    QString expression = expandRange(request.expression, request.rangeMs);
    expression.replace(QStringLiteral("$__rate_interval"), rateInterval);
    expression.replace(QStringLiteral("$__interval"), rateInterval);
    const QByteArray text = expression.toUtf8();

    const ScopedSeriesSource source(history, m_scope);
    const promql::Value value =
        promql::evaluateQuery(source, std::string_view(text.constData(), size_t(text.size())), request.endMs);

    return queryResultFromValue(value, request.endMs);
}

// Mirrors evaluateRange() over a MetricHistory (history/rangequery.h) with
// the scope added: the tier that covers the range, a lookback of at least
// two samples of that tier, and the scope's own sample spacing.
QueryResult ScopedHistoryDataSource::evaluateRange(const MetricHistory &history, const QueryRequest &request) const
{
    const std::size_t tier = history.tierFor(request.fromMs);
    const std::int64_t resolution = history.resolutionOf(tier);
    RangeQueryOptions options;
    options.evaluation.lookbackDeltaMs = std::max<std::int64_t>(options.evaluation.lookbackDeltaMs, 2 * resolution);
    options.sampleIntervalMs = std::max<std::int64_t>(resolution, m_sampleIntervalMs);

    const QByteArray text = expandRange(request.expression, request.rangeMs).toUtf8();
    const ScopedSeriesSource source(history, m_scope, tier);
    const RangeQueryResult range = umg::evaluateRange(source, std::string_view(text.constData(), size_t(text.size())),
                                                      request.fromMs, request.endMs, request.stepMs, options);
    return queryResultFromRange(range);
}

} // namespace umg
