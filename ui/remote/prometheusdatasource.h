#pragma once

#include "datasource/dashboarddatasource.h"
#include "remote/endpoints.h"

#include <QCoreApplication>

namespace umg {

/// DashboardDataSource that sends the panels' PromQL to a Prometheus server
/// through its HTTP API: `/api/v1/query` for instant queries and
/// `/api/v1/query_range` for range queries. The server evaluates the queries,
/// so its own series and labels (for example `instance` per node) apply.
///
/// evaluate() blocks its worker thread on a QNetworkAccessManager of that
/// thread for at most the timeout. Thread-safe.
class PrometheusDataSource final : public DashboardDataSource
{
    Q_DECLARE_TR_FUNCTIONS(umg::PrometheusDataSource)

public:
    /// Default deadline of one query in milliseconds.
    static constexpr int kDefaultTimeoutMs = 15'000;
    /// Largest response accepted, in bytes.
    static constexpr qint64 kMaxResponseBytes = 32 * 1024 * 1024;

    explicit PrometheusDataSource(PrometheusEndpoint endpoint, int timeoutMs = kDefaultTimeoutMs);

    QString displayName() const override;
    QueryResult evaluate(const QueryRequest &request) const override;

    /// Returns the expression with `$__range`, `$__interval` and
    /// `$__rate_interval` replaced, for a server that scrapes every
    /// `scrapeIntervalMs`. Range queries use Grafana's window,
    /// max(step + scrape interval, 4 x scrape interval). Instant queries use
    /// max(1 minute, 4 x scrape interval), as the console's history does.
    static QString expandPlaceholders(const QueryRequest &request, qint64 scrapeIntervalMs);

    /// Converts a response of the query API into a result; the error names
    /// what Prometheus reported.
    static QueryResult parseResponse(const QByteArray &body);

private:
    PrometheusEndpoint m_endpoint;
    int m_timeoutMs;
};

} // namespace umg
