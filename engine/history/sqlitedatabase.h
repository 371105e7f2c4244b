#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

/// A thin layer over the SQLite C API shared by the metric history and the
/// customer store: cached prepared statements, transactions, and schema
/// versions kept per component so that several components can share one
/// database file. Failures throw StoreError (storage/store.h) with the
/// file, the operation, SQLite's reason and a fix where one is known.
namespace umg::detail {

class SqliteDatabase;

/// A prepared statement owned by its SqliteDatabase. Not thread-safe.
class SqliteStatement {
public:
    SqliteStatement(SqliteDatabase& database, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::int64_t value);
    /// Binds a double. NaN is bound as NULL, as SQLite would store it anyway.
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bindBlob(int index, std::string_view bytes);
    SqliteStatement& bindNull(int index);

    /// Steps once and returns true while a row is available.
    bool step();
    /// Steps to the end and resets the statement.
    void run();
    /// Resets the statement and clears its bindings.
    void reset();

    std::int64_t integer(int column) const;
    double real(int column) const;
    bool isNull(int column) const;
    bool isBlob(int column) const;
    /// Returns whether the column's value is stored as an integer or a real number.
    bool isNumber(int column) const;
    std::string_view text(int column) const;
    std::string_view blob(int column) const;

private:
    void check(int code);

    SqliteDatabase& m_database;
    std::string m_sql;
    sqlite3_stmt* m_statement = nullptr;
};

/// One SQLite connection. Not thread-safe: each thread uses its own
/// connection or serialises access.
class SqliteDatabase {
public:
    enum class Mode { ReadWrite, ReadOnly };

    /// Opens `path` (creating it in ReadWrite mode, in WAL mode).
    explicit SqliteDatabase(const std::string& path, Mode mode = Mode::ReadWrite);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    const std::string& path() const { return m_path; }

    /// Runs one or more SQL statements without results.
    void execute(std::string_view sql);
    /// Returns the statement for `sql`, prepared on first use and reset.
    SqliteStatement& prepare(std::string_view sql);

    void begin();
    void commit();
    /// Rolls back an open transaction; does nothing outside one.
    void rollback();

    /// Returns the schema version of `component`, 0 when it has none.
    int schemaVersion(std::string_view component);
    /// Runs the migrations from the stored version of `component` to
    /// migrations.size() in one transaction. Each entry migrates from
    /// version i to i + 1. Throws StoreError when the stored version is
    /// newer than this build supports or the database is read-only and old.
    void migrate(std::string_view component, std::span<const char* const> migrations);

    /// Returns the value of an integer PRAGMA such as `page_count`.
    std::int64_t pragmaInteger(std::string_view name);
    /// Returns the size of the database file plus its write-ahead log, in bytes.
    std::int64_t fileBytes() const;

    [[noreturn]] void fail(std::string_view operation, int code) const;

private:
    friend class SqliteStatement;

    std::string m_path;
    sqlite3* m_db = nullptr;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> m_statements;
};

/// Begins a transaction and rolls it back on destruction unless commit()
/// was called.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& database) : m_database(database) { m_database.begin(); }
    ~SqliteTransaction()
    {
        if (!m_committed)
            m_database.rollback();
    }
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    void commit()
    {
        m_database.commit();
        m_committed = true;
    }

private:
    SqliteDatabase& m_database;
    bool m_committed = false;
};

} // namespace umg::detail
