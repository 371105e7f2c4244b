#include "history/sqlitedatabase.h"

#include <sys/stat.h>

#include <sqlite3.h>

#include <cmath>

#include "storage/store.h"

namespace umg::detail {

namespace {

std::string fixFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_CANTOPEN:
        return "check that the folder exists and is writable";
    case SQLITE_READONLY:
        return "the file or its folder is read-only; choose a writable path";
    case SQLITE_NOTADB:
        return "the file is not a SQLite database; choose another path";
    case SQLITE_CORRUPT:
        return "the database is damaged; restore a backup or start with a new file";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another connection kept the database locked for 5 s; retry later";
    case SQLITE_FULL:
        return "the disk is full; free space and retry";
    case SQLITE_IOERR:
        return "the disk reported an input/output error";
    default:
        return {};
    }
}

std::string shortSql(std::string_view sql)
{
    std::string text;
    for (char c : sql) {
        if (text.size() >= 60)
            break;
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (space && (text.empty() || text.back() == ' '))
            continue;
        text += space ? ' ' : c;
    }
    return text;
}

std::int64_t fileSize(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<std::int64_t>(info.st_size) : 0;
}

} // namespace

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql) : m_database(database), m_sql(sql)
{
    const int code = sqlite3_prepare_v3(database.m_db, m_sql.data(), static_cast<int>(m_sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    if (code != SQLITE_OK)
        database.fail("prepare \"" + shortSql(m_sql) + "\"", code);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(m_statement, index, value));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value)
{
    if (std::isnan(value))
        check(sqlite3_bind_null(m_statement, index));
    else
        check(sqlite3_bind_double(m_statement, index, value));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text)
{
    check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, std::string_view bytes)
{
    check(sqlite3_bind_blob(m_statement, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    check(sqlite3_bind_null(m_statement, index));
    return *this;
}

bool SqliteStatement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    sqlite3_reset(m_statement);
    m_database.fail("run \"" + shortSql(m_sql) + "\"", code);
}

void SqliteStatement::run()
{
    while (step()) {
    }
    reset();
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

std::int64_t SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_statement, column);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

bool SqliteStatement::isNumber(int column) const
{
    const int type = sqlite3_column_type(m_statement, column);
    return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

bool SqliteStatement::isBlob(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_BLOB;
}

std::string_view SqliteStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!data)
        return {};
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
}

std::string_view SqliteStatement::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
    if (!data)
        return {};
    return {data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
}

void SqliteStatement::check(int code)
{
    if (code != SQLITE_OK)
        m_database.fail("bind a value of \"" + shortSql(m_sql) + "\"", code);
}

SqliteDatabase::SqliteDatabase(const std::string& path, Mode mode) : m_path(path)
{
    const int flags = mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                                              : SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string reason = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
        sqlite3_close(m_db);
        m_db = nullptr;
        std::string message = "cannot open database " + path + ": " + reason;
        if (const std::string fix = fixFor(code); !fix.empty())
            message += "; " + fix;
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    try {
        if (mode == Mode::ReadWrite) {
            execute("PRAGMA journal_mode=WAL");
            execute("PRAGMA synchronous=NORMAL");
            execute("PRAGMA foreign_keys=ON");
        }
        execute("PRAGMA temp_store=MEMORY");
    } catch (...) {
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

SqliteDatabase::~SqliteDatabase()
{
    m_statements.clear();
    if (m_db)
        sqlite3_close(m_db);
}

void SqliteDatabase::fail(std::string_view operation, int code) const
{
    std::string message = "database " + m_path + ": cannot " + std::string(operation) + ": "
        + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code));
    if (const std::string fix = fixFor(code); !fix.empty())
        message += "; " + fix;
    throw StoreError(message);
}

void SqliteDatabase::execute(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    const int code = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (code == SQLITE_OK)
        return;
    const std::string reason = error ? error : sqlite3_errstr(code);
    sqlite3_free(error);
    std::string message = "database " + m_path + ": cannot run \"" + shortSql(sql) + "\": " + reason;
    if (const std::string fix = fixFor(code); !fix.empty())
        message += "; " + fix;
    throw StoreError(message);
}

SqliteStatement& SqliteDatabase::prepare(std::string_view sql)
{
    const std::string key(sql);
    auto it = m_statements.find(key);
    if (it == m_statements.end())
        return *m_statements.emplace(key, std::make_unique<SqliteStatement>(*this, sql)).first->second;
    // A statement left mid-step by an exception must not keep its old row or bindings.
    it->second->reset();
    return *it->second;
}

void SqliteDatabase::begin()
{
    execute("BEGIN IMMEDIATE");
}

void SqliteDatabase::commit()
{
    execute("COMMIT");
}

void SqliteDatabase::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

int SqliteDatabase::schemaVersion(std::string_view component)
{
    SqliteStatement& exists = prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'");
    const bool hasTable = exists.step();
    exists.reset();
    if (!hasTable)
        return 0;

    SqliteStatement& select = prepare("SELECT version FROM schema_versions WHERE component = ?1");
    select.bind(1, component);
    const int version = select.step() ? static_cast<int>(select.integer(0)) : 0;
    select.reset();
    return version;
}

void SqliteDatabase::migrate(std::string_view component, std::span<const char* const> migrations)
{
    const int target = static_cast<int>(migrations.size());
    const int version = schemaVersion(component);
    if (version > target) {
        throw StoreError("database " + m_path + " has " + std::string(component) + " schema version "
                         + std::to_string(version) + ", newer than this program supports ("
                         + std::to_string(target) + "); use a newer UnMoGrowP or another database file");
    }
    if (version == target)
        return;
    if (sqlite3_db_readonly(m_db, "main") == 1) {
        throw StoreError("database " + m_path + " has " + std::string(component) + " schema version "
                         + std::to_string(version) + " and must be upgraded; open it once read-write");
    }

    SqliteTransaction transaction(*this);
    execute("CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    for (int step = version; step < target; ++step)
        execute(migrations[static_cast<std::size_t>(step)]);
    prepare("INSERT INTO schema_versions (component, version) VALUES (?1, ?2) "
            "ON CONFLICT (component) DO UPDATE SET version = excluded.version")
        .bind(1, component)
        .bind(2, std::int64_t{target})
        .run();
    transaction.commit();
}

std::int64_t SqliteDatabase::pragmaInteger(std::string_view name)
{
    SqliteStatement& statement = prepare("PRAGMA " + std::string(name));
    const std::int64_t value = statement.step() ? statement.integer(0) : 0;
    statement.reset();
    return value;
}

std::int64_t SqliteDatabase::fileBytes() const
{
    return fileSize(m_path) + fileSize(m_path + "-wal");
}

} // namespace umg::detail
