#pragma once

#include "reports/customerreport.h"
#include "reports/goalreport.h"
#include "reports/querysource.h"

#include <QString>

#include <optional>

namespace umg {
class LoadTestStore;
}

/// Reading the databases that reports are built from: the engine's store,
/// the metric history, the customer records and the load-test runs.
namespace umg::reports {

/// Returns whether the SQLite database at `path` exists and has a table
/// named `table`. Opens the file read-only, so it never creates or
/// changes it; false when it cannot be opened or is not a database.
bool databaseHasTable(const QString &path, const QString &table);

/// Adds the customer's event counts (its rows of the daily aggregates) and
/// reference agreement (its stored installs) from the engine database at
/// `enginePath`, opened read-only, to `figures` and sets hasEngineData.
/// Throws StoreError when the database cannot be read.
void readEngineCounts(const QString &enginePath, const QString &customerId, CustomerEngineFigures &figures);

/// Counts the installs with a reference attribution in the engine database
/// at `enginePath` and those attributed as the reference, over all
/// customers. Throws StoreError when the database cannot be read.
AccuracyCounts readAccuracyCounts(const QString &enginePath);

/// Sets the customer's latency percentiles in `figures` to the newest
/// values of `customer_api_latency_ms{customer_id=...}` in the range that
/// ends at `endMs`, and latencySource to where they came from.
void readCustomerLatency(const QueryFunction &query, const QString &customerId, qint64 endMs, qint64 rangeMs,
                         CustomerEngineFigures &figures);

/// Returns the newest run of `store` whose outcome is Completed, or nullopt.
/// Throws StoreError and ProfileError like LoadTestStore::load().
std::optional<LoadTestResult> newestCompletedRun(const LoadTestStore &store);

} // namespace umg::reports
