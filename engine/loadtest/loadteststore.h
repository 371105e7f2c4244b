#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "loadtest/loadtestresult.h"

namespace umg {

namespace detail {
class SqliteDatabase;
}

/// One line of the run list: enough to choose runs to open or compare.
struct LoadTestRunRow {
    std::int64_t id = 0;
    std::string name;
    std::string target;
    std::int64_t startedAtMs = 0;
    std::int64_t finishedAtMs = 0;
    LoadTestOutcome outcome = LoadTestOutcome::Failed;
    bool passed = false;
    double rate = 0;                      ///< the profile's rate, events/s
    double throughput = std::nan("");     ///< events/s
    double latencyP95Ms = std::nan("");
    double latencyP99Ms = std::nan("");
    double errorRatePercent = std::nan("");
    double accuracyPercent = std::nan("");
    double eventsSent = 0;
};

/// Load-test runs in SQLite: the tables `load_test_runs` (settings as
/// profile JSON, outcome and one column per Figure key),
/// `load_test_checks` and `load_test_samples`, migrated under the
/// `load_tests` entry of `schema_versions`. The file may be shared with
/// other UnMoGrowP data (the console's database, a node's database).
///
/// All member functions are thread-safe; they serialise on one connection.
class LoadTestStore {
public:
    /// Opens or creates the database at `path` and migrates its schema.
    /// Throws StoreError when it cannot be opened, created or migrated.
    explicit LoadTestStore(const std::string& path);
    ~LoadTestStore();
    LoadTestStore(const LoadTestStore&) = delete;
    LoadTestStore& operator=(const LoadTestStore&) = delete;

    const std::string& path() const;

    /// Stores a finished run with its checks and samples in one transaction
    /// and returns its id. Throws StoreError.
    std::int64_t save(const LoadTestResult& result);

    /// Returns the newest `limit` runs, newest first. Throws StoreError.
    std::vector<LoadTestRunRow> list(std::size_t limit = 1000) const;

    /// Reads run `id` with its checks and samples; nullopt when there is no
    /// such run. Throws StoreError, and ProfileError when the stored
    /// settings are invalid.
    std::optional<LoadTestResult> load(std::int64_t id) const;

    /// Deletes run `id`; returns whether it existed. Throws StoreError.
    bool remove(std::int64_t id);

private:
    mutable std::mutex m_mutex;
    std::unique_ptr<detail::SqliteDatabase> m_db;
};

} // namespace umg
