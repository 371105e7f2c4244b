#pragma once

#include "datasource/dashboarddatasource.h"

#include "promql/labels.h"
#include "promql/seriessource.h"

#include <QCoreApplication>

#include <functional>
#include <memory>
#include <optional>

namespace umg {

class MetricHistory;

/// A view of a MetricHistory restricted to the series that satisfy one
/// extra label matcher, such as `instance="10.0.0.5:8080"`. The matcher is
/// added to every select(), so the PromQL evaluator and its aggregations see
/// only those series. Thread-safe like the history.
class ScopedSeriesSource final : public promql::SeriesSource
{
public:
    /// Reads the tier that MetricHistory::select() picks, or always `tier` when set.
    ScopedSeriesSource(const MetricHistory &history, promql::LabelMatcher scope, std::optional<std::size_t> tier = {});

    std::vector<promql::Series> select(const std::vector<promql::LabelMatcher> &matchers, std::int64_t minTimeMs,
                                       std::int64_t maxTimeMs) const override;

private:
    const MetricHistory &m_history;
    promql::LabelMatcher m_scope;
    std::optional<std::size_t> m_tier;
};

/// DashboardDataSource over the console's MetricHistory that shows one scope
/// of it: the embedded engine, one remote node, or the attached nodes
/// together. The panels' own aggregations (`sum()`, `max()`) then give the
/// fleet totals, so no panel changes with the scope.
class ScopedHistoryDataSource final : public DashboardDataSource
{
    Q_DECLARE_TR_FUNCTIONS(umg::ScopedHistoryDataSource)

public:
    /// `history` is called once per query on the worker thread and must be
    /// thread-safe. `sampleIntervalMs` is the spacing of the scope's
    /// full-resolution samples (the poll interval for remote nodes), which
    /// sizes `$__rate_interval`.
    ScopedHistoryDataSource(std::function<std::shared_ptr<const MetricHistory>()> history, promql::LabelMatcher scope,
                            QString displayName, qint64 sampleIntervalMs);

    /// The scope of the embedded engine: series without an `instance` label,
    /// and `up{instance="embedded"}` that the console records for it.
    static promql::LabelMatcher localScope();
    /// The scope of one remote node.
    static promql::LabelMatcher nodeScope(const QString &instance);
    /// The scope of several remote nodes; with none it matches no series.
    static promql::LabelMatcher fleetScope(const QStringList &instances);

    QString displayName() const override;
    QueryResult evaluate(const QueryRequest &request) const override;

private:
    QueryResult evaluateInstant(const MetricHistory &history, const QueryRequest &request) const;
    QueryResult evaluateRange(const MetricHistory &history, const QueryRequest &request) const;

    std::function<std::shared_ptr<const MetricHistory>()> m_history;
    promql::LabelMatcher m_scope;
    QString m_displayName;
    qint64 m_sampleIntervalMs;
};

} // namespace umg
