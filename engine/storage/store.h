#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/decision.h"
#include "ingest/rejection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace umg {

/// A failed database operation. The message names the database file, the
/// operation and SQLite's reason, and the fix where one is known.
class StoreError : public std::runtime_error {
public:
    explicit StoreError(const std::string& message, int sqliteCode = 0)
        : std::runtime_error(message)
        , m_sqliteCode(sqliteCode)
    {
    }

    /// SQLite's extended result code, or 0 when SQLite reported no error
    /// (invalid contents, an unsupported schema version).
    int sqliteCode() const { return m_sqliteCode; }

private:
    int m_sqliteCode = 0;
};

/// Counts of the installs table, for summaries and tests.
struct InstallCounts {
    std::int64_t installs = 0;
    std::int64_t newInstalls = 0;
    std::int64_t reinstalls = 0;
    std::int64_t attributed = 0;
    std::int64_t organic = 0;
    std::int64_t fraudRejected = 0;
    std::int64_t flagged = 0;
};

/// The engine's SQLite database: the event journal, attributed installs,
/// daily aggregates, revenue and rejected events. WAL mode; the schema is
/// versioned (`PRAGMA user_version`) and migrated on open.
///
/// One Store is one connection and is not thread-safe. The engine's writer
/// thread owns the read-write Store; readers open their own.
class Store {
public:
    /// Newest schema version this build writes.
    static constexpr int kSchemaVersion = 1;

    enum class Mode { ReadWrite, ReadOnly };

    /// Opens (creating in ReadWrite mode) the database at `path` and
    /// migrates it to kSchemaVersion. Throws StoreError when the file cannot
    /// be opened or created, is not a database, is corrupt, has a newer
    /// schema than this build understands, or, in ReadWrite mode, cannot be
    /// written (a read-only file or folder).
    explicit Store(const std::string& path, Mode mode = Mode::ReadWrite);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return m_path; }
    int schemaVersion() const;

    void begin();
    void commit();
    void rollback();

    // Writes (inside begin()/commit()).
    /// Stores one submitted batch. `watermarkMs` is the newest event time the
    /// engine had seen when the batch was submitted, this batch included.
    void insertJournal(std::uint64_t batchId, std::int64_t watermarkMs, std::uint32_t events, std::string_view blob);
    void upsertInstalls(const std::vector<InstallRow>& rows);
    /// Adds the deltas to their rows; the caller merges equal keys first or not.
    void addAggregates(const std::vector<AggregateDelta>& deltas);
    void addRevenue(const std::vector<RevenueDelta>& deltas);
    /// Records rejected lines; a line already recorded from the same source
    /// is kept once, so replaying a file twice does not repeat its rejections.
    void insertRejections(const std::vector<Rejection>& rejections);
    void setMeta(std::string_view key, std::int64_t value);
    /// Deletes journal batches submitted when the newest event time was older
    /// than `beforeEventMs` and whose results are stored (id <= throughBatchId).
    void pruneJournal(std::int64_t beforeEventMs, std::uint64_t throughBatchId);
    /// Deletes one journal batch, such as a cancelled one (Engine::cancel()),
    /// so that a restart does not restore it.
    void deleteJournalBatch(std::uint64_t batchId);

    // Reads.
    std::optional<std::int64_t> meta(std::string_view key);
    /// Visits journal batches with id > `afterBatchId` in id order.
    void forEachJournalBatch(
        std::uint64_t afterBatchId,
        const std::function<void(std::uint64_t batchId, std::int64_t watermarkMs, std::string_view blob)>& visit);
    /// Smallest batch id still in the journal, or nullopt when it is empty.
    std::optional<std::uint64_t> firstJournalBatch();
    /// Visits the newest install of each device among installs produced
    /// before `beforeBatchId` at or after `sinceMs`.
    void forEachSeedInstall(std::uint64_t beforeBatchId, std::int64_t sinceMs,
                            const std::function<void(std::uint64_t deviceKey, std::string_view customerId,
                                                     std::string_view appId, std::string_view installEventId,
                                                     std::int64_t installMs, bool keyedByAdvertisingId)>& visit);
    /// Visits every install in install-time order.
    void forEachInstall(const std::function<void(const InstallRow&)>& visit);
    /// Visits every aggregate row (key and counters) in key order.
    void forEachAggregate(const std::function<void(const AggregateDelta&)>& visit);
    InstallCounts installCounts();
    std::int64_t journalEventCount();
    std::int64_t rejectionCount();
    /// Sum of every aggregate column over all rows (for consistency checks).
    AggregateDelta aggregateTotals();
    /// Size of the database file plus its write-ahead log, in bytes.
    std::int64_t databaseBytes() const;

    /// Runs `sql` (no results). For tests and maintenance.
    void execute(std::string_view sql);

private:
    class Statement;

    void migrate(Mode mode);
    void checkWritable();
    [[noreturn]] void fail(std::string_view operation, int code) const;
    Statement& prepare(std::string_view sql);

    std::string m_path;
    sqlite3* m_db = nullptr;
    std::vector<std::unique_ptr<Statement>> m_statements;
};

} // namespace umg
