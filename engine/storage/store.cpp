#include "storage/store.h"

#include <sys/stat.h>

#include <sqlite3.h>

#include <unordered_map>

#include "model/timestamp.h"

namespace umg {

/// A prepared statement, cached per SQL text for the life of the Store.
class Store::Statement {
public:
    Statement(Store& store, std::string_view sql) : m_store(store), m_sql(sql)
    {
        const int code = sqlite3_prepare_v3(store.m_db, m_sql.data(), static_cast<int>(m_sql.size()),
                                            SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
        if (code != SQLITE_OK)
            store.fail("prepare \"" + m_sql.substr(0, 60) + "\"", code);
    }
    ~Statement() { sqlite3_finalize(m_statement); }

    const std::string& sql() const { return m_sql; }

    Statement& bind(int index, std::int64_t value)
    {
        check(sqlite3_bind_int64(m_statement, index, value));
        return *this;
    }
    Statement& bind(int index, double value)
    {
        check(sqlite3_bind_double(m_statement, index, value));
        return *this;
    }
    /// Binds `text` without copying it: the caller keeps it alive until
    /// the statement has run.
    Statement& bind(int index, std::string_view text)
    {
        check(sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC));
        return *this;
    }
    Statement& bindBlob(int index, std::string_view bytes)
    {
        check(sqlite3_bind_blob(m_statement, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC));
        return *this;
    }
    Statement& bindNull(int index)
    {
        check(sqlite3_bind_null(m_statement, index));
        return *this;
    }

    /// Steps once; returns true while a row is available.
    bool step()
    {
        const int code = sqlite3_step(m_statement);
        if (code == SQLITE_ROW)
            return true;
        if (code == SQLITE_DONE)
            return false;
        sqlite3_reset(m_statement);
        m_store.fail("run \"" + m_sql.substr(0, 60) + "\"", code);
    }
    void run()
    {
        while (step()) {
        }
        reset();
    }
    void reset()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }

    std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const { return sqlite3_column_double(m_statement, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    std::string_view text(int column) const
    {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
        return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                    : std::string_view();
    }
    std::string_view blob(int column) const
    {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
        return data ? std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column)))
                    : std::string_view();
    }

private:
    void check(int code)
    {
        if (code != SQLITE_OK)
            m_store.fail("bind a value for \"" + m_sql.substr(0, 60) + "\"", code);
    }

    Store& m_store;
    std::string m_sql;
    sqlite3_stmt* m_statement = nullptr;
};

namespace {

// Each entry migrates the schema from version i to i + 1.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    CREATE TABLE journal (
        batch_id     INTEGER PRIMARY KEY,
        watermark_ms INTEGER NOT NULL,
        events       INTEGER NOT NULL,
        data         BLOB NOT NULL
    );
    CREATE TABLE installs (
        app_id                  TEXT NOT NULL,
        install_event_id        TEXT NOT NULL,
        customer_id             TEXT NOT NULL,
        install_ms              INTEGER NOT NULL,
        device_key              INTEGER NOT NULL,
        keyed_by_advertising_id INTEGER NOT NULL,
        platform                TEXT NOT NULL,
        kind                    TEXT NOT NULL,
        status                  TEXT NOT NULL,
        match_method            TEXT NOT NULL,
        touch_event_id          TEXT,
        touch_type              TEXT,
        touch_ms                INTEGER,
        media_source            TEXT,
        campaign                TEXT,
        campaign_id             TEXT,
        adset                   TEXT,
        ad                      TEXT,
        channel                 TEXT,
        site_id                 TEXT,
        ctit_ms                 INTEGER,
        fraud_flags             TEXT NOT NULL,
        reference_touch_id      TEXT,
        revision                INTEGER NOT NULL,
        batch_id                INTEGER NOT NULL,
        PRIMARY KEY (app_id, install_event_id)
    ) WITHOUT ROWID;
    CREATE INDEX installs_by_device ON installs (device_key, install_ms);
    CREATE TABLE aggregates (
        customer_id             TEXT NOT NULL,
        app_id                  TEXT NOT NULL,
        media_source            TEXT NOT NULL,
        campaign                TEXT NOT NULL,
        day                     TEXT NOT NULL,
        clicks                  INTEGER NOT NULL DEFAULT 0,
        impressions             INTEGER NOT NULL DEFAULT 0,
        installs                INTEGER NOT NULL DEFAULT 0,
        reinstalls              INTEGER NOT NULL DEFAULT 0,
        organic_installs        INTEGER NOT NULL DEFAULT 0,
        attributed_installs     INTEGER NOT NULL DEFAULT 0,
        fraud_flagged_installs  INTEGER NOT NULL DEFAULT 0,
        fraud_rejected_installs INTEGER NOT NULL DEFAULT 0,
        in_app_events           INTEGER NOT NULL DEFAULT 0,
        credit_last_touch       REAL NOT NULL DEFAULT 0,
        credit_first_touch      REAL NOT NULL DEFAULT 0,
        credit_linear           REAL NOT NULL DEFAULT 0,
        credit_time_decay       REAL NOT NULL DEFAULT 0,
        credit_position_based   REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, app_id, media_source, campaign, day)
    ) WITHOUT ROWID;
    CREATE TABLE revenue (
        customer_id  TEXT NOT NULL,
        app_id       TEXT NOT NULL,
        media_source TEXT NOT NULL,
        campaign     TEXT NOT NULL,
        day          TEXT NOT NULL,
        currency     TEXT NOT NULL,
        events       INTEGER NOT NULL DEFAULT 0,
        revenue      REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, app_id, media_source, campaign, day, currency)
    ) WITHOUT ROWID;
    CREATE TABLE rejected_events (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        line        INTEGER NOT NULL,
        reason      TEXT NOT NULL,
        detail      TEXT NOT NULL,
        app_id      TEXT,
        event_type  TEXT,
        recorded_ms INTEGER NOT NULL,
        UNIQUE (source, line)
    );
    )sql",
};
static_assert(std::size(kMigrations) == Store::kSchemaVersion);

constexpr const char* kWritableFix =
    "give the user that runs the program write permission on the file and its folder, or choose another path";

std::string fixFor(int code)
{
    switch (code & 0xff) {
    case SQLITE_CANTOPEN:
        return "check that the folder exists and that you may write to it";
    case SQLITE_READONLY:
        return "the file or its folder is read-only; choose a writable path";
    case SQLITE_NOTADB:
        return "the file is not an UnMoGrowP database; choose another path or move the file away";
    case SQLITE_CORRUPT:
        return "the database is damaged; restore it from a backup or start with a new file";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another process holds the database; stop it or use another file";
    case SQLITE_FULL:
        return "the disk is full; free space and retry";
    case SQLITE_IOERR:
        return "the disk reported an input/output error";
    default:
        return {};
    }
}

} // namespace

Store::Store(const std::string& path, Mode mode) : m_path(path)
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
        throw StoreError(message, code);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
    try {
        if (mode == Mode::ReadWrite && sqlite3_db_readonly(m_db, "main") == 1) {
            throw StoreError("cannot open database " + path + " for writing: the file is read-only for this user; "
                                 + kWritableFix,
                             SQLITE_READONLY);
        }
        if (mode == Mode::ReadWrite) {
            execute("PRAGMA journal_mode=WAL");
            execute("PRAGMA synchronous=NORMAL");
        }
        execute("PRAGMA temp_store=MEMORY");
        execute("PRAGMA cache_size=-16384");
        migrate(mode);
        if (mode == Mode::ReadWrite)
            checkWritable();
    } catch (...) {
        m_statements.clear();
        sqlite3_close(m_db);
        m_db = nullptr;
        throw;
    }
}

Store::~Store()
{
    m_statements.clear();
    if (m_db)
        sqlite3_close(m_db);
}

void Store::fail(std::string_view operation, int code) const
{
    std::string message = "database " + m_path + ": cannot " + std::string(operation) + ": "
        + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code));
    if (const std::string fix = fixFor(code); !fix.empty())
        message += "; " + fix;
    throw StoreError(message, code);
}

// SQLite opens a file that this process may not write in read-only mode
// without an error, so only the first write would fail. The constructor
// checks for that, and this write probe lets the program stop at startup
// instead of failing every commit.
void Store::checkWritable()
{
    // A write transaction also needs the write-ahead log and its index
    // beside the file. SQLITE_BUSY after the busy timeout only means that
    // another connection has the write lock, so that case is left to the
    // first commit.
    try {
        execute("BEGIN IMMEDIATE");
        execute("ROLLBACK");
    } catch (const StoreError& error) {
        rollback();
        const int primary = error.sqliteCode() & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
            return;
        throw;
    }
}

void Store::execute(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    const int code = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        const std::string reason = error ? error : sqlite3_errstr(code);
        sqlite3_free(error);
        std::string message = "database " + m_path + ": " + reason;
        if (const std::string fix = fixFor(code); !fix.empty())
            message += "; " + fix;
        throw StoreError(message, code);
    }
}

Store::Statement& Store::prepare(std::string_view sql)
{
    for (auto& statement : m_statements) {
        if (statement->sql() == sql)
            return *statement;
    }
    m_statements.push_back(std::make_unique<Statement>(*this, sql));
    return *m_statements.back();
}

int Store::schemaVersion() const
{
    sqlite3_stmt* statement = nullptr;
    int version = 0;
    if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK
        && sqlite3_step(statement) == SQLITE_ROW)
        version = sqlite3_column_int(statement, 0);
    const int code = sqlite3_finalize(statement);
    if (code != SQLITE_OK)
        fail("read the schema version", code);
    return version;
}

void Store::migrate(Mode mode)
{
    const int version = schemaVersion();
    if (version > kSchemaVersion) {
        throw StoreError("database " + m_path + " has schema version " + std::to_string(version)
                         + ", newer than this program supports (" + std::to_string(kSchemaVersion)
                         + "); use a newer UnMoGrowP or another database file");
    }
    if (version == kSchemaVersion)
        return;
    if (mode == Mode::ReadOnly) {
        throw StoreError("database " + m_path + " has schema version " + std::to_string(version)
                         + " and must be upgraded; open it once read-write (for example with unmogrowp-node)");
    }
    begin();
    try {
        for (int step = version; step < kSchemaVersion; ++step)
            execute(kMigrations[step]);
        execute("PRAGMA user_version=" + std::to_string(kSchemaVersion));
        commit();
    } catch (...) {
        rollback();
        throw;
    }
}

void Store::begin() { execute("BEGIN IMMEDIATE"); }
void Store::commit() { execute("COMMIT"); }
void Store::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Store::insertJournal(std::uint64_t batchId, std::int64_t watermarkMs, std::uint32_t events, std::string_view blob)
{
    prepare("INSERT OR REPLACE INTO journal (batch_id, watermark_ms, events, data) VALUES (?, ?, ?, ?)")
        .bind(1, static_cast<std::int64_t>(batchId))
        .bind(2, watermarkMs)
        .bind(3, static_cast<std::int64_t>(events))
        .bindBlob(4, blob)
        .run();
}

void Store::upsertInstalls(const std::vector<InstallRow>& rows)
{
    Statement& statement = prepare(R"sql(
        INSERT INTO installs (app_id, install_event_id, customer_id, install_ms, device_key,
            keyed_by_advertising_id, platform, kind, status, match_method, touch_event_id, touch_type,
            touch_ms, media_source, campaign, campaign_id, adset, ad, channel, site_id, ctit_ms,
            fraud_flags, reference_touch_id, revision, batch_id)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22, ?23, ?24, ?25)
        ON CONFLICT (app_id, install_event_id) DO UPDATE SET
            kind = excluded.kind, status = excluded.status, match_method = excluded.match_method,
            touch_event_id = excluded.touch_event_id, touch_type = excluded.touch_type,
            touch_ms = excluded.touch_ms, media_source = excluded.media_source,
            campaign = excluded.campaign, campaign_id = excluded.campaign_id, adset = excluded.adset,
            ad = excluded.ad, channel = excluded.channel, site_id = excluded.site_id,
            ctit_ms = excluded.ctit_ms, fraud_flags = excluded.fraud_flags,
            revision = excluded.revision, batch_id = excluded.batch_id
        WHERE excluded.revision >= installs.revision
    )sql");
    for (const InstallRow& row : rows) {
        statement.bind(1, row.appId)
            .bind(2, row.installEventId)
            .bind(3, row.customerId)
            .bind(4, row.installTimeMs)
            .bind(5, static_cast<std::int64_t>(row.deviceKey))
            .bind(6, std::int64_t{row.keyedByAdvertisingId})
            .bind(7, toString(row.platform))
            .bind(8, toString(row.kind))
            .bind(9, toString(row.status))
            .bind(10, toString(row.matchMethod));
        if (row.matchMethod != MatchMethod::None) {
            statement.bind(11, row.touchEventId)
                .bind(12, toString(row.touchType))
                .bind(13, row.touchTimeMs)
                .bind(14, row.touch.mediaSource)
                .bind(15, row.touch.campaign)
                .bind(16, row.touch.campaignId)
                .bind(17, row.touch.adset)
                .bind(18, row.touch.ad)
                .bind(19, row.touch.channel)
                .bind(20, row.touch.siteId)
                .bind(21, row.ctitMs);
        } else {
            for (int column = 11; column <= 21; ++column)
                statement.bindNull(column);
        }
        const std::string flags = formatFraudFlags(row.fraudFlags);
        statement.bind(22, flags);
        if (row.hasReference)
            statement.bind(23, row.referenceTouchId);
        else
            statement.bindNull(23);
        statement.bind(24, static_cast<std::int64_t>(row.revision)).bind(25, static_cast<std::int64_t>(row.batchId));
        statement.run();
    }
}

void Store::addAggregates(const std::vector<AggregateDelta>& deltas)
{
    Statement& statement = prepare(R"sql(
        INSERT INTO aggregates (customer_id, app_id, media_source, campaign, day, clicks, impressions,
            installs, reinstalls, organic_installs, attributed_installs, fraud_flagged_installs,
            fraud_rejected_installs, in_app_events, credit_last_touch, credit_first_touch, credit_linear,
            credit_time_decay, credit_position_based)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
        ON CONFLICT (customer_id, app_id, media_source, campaign, day) DO UPDATE SET
            clicks = clicks + excluded.clicks,
            impressions = impressions + excluded.impressions,
            installs = installs + excluded.installs,
            reinstalls = reinstalls + excluded.reinstalls,
            organic_installs = organic_installs + excluded.organic_installs,
            attributed_installs = attributed_installs + excluded.attributed_installs,
            fraud_flagged_installs = fraud_flagged_installs + excluded.fraud_flagged_installs,
            fraud_rejected_installs = fraud_rejected_installs + excluded.fraud_rejected_installs,
            in_app_events = in_app_events + excluded.in_app_events,
            credit_last_touch = credit_last_touch + excluded.credit_last_touch,
            credit_first_touch = credit_first_touch + excluded.credit_first_touch,
            credit_linear = credit_linear + excluded.credit_linear,
            credit_time_decay = credit_time_decay + excluded.credit_time_decay,
            credit_position_based = credit_position_based + excluded.credit_position_based
    )sql");
    for (const AggregateDelta& delta : deltas) {
        const std::string day = formatUtcDay(delta.key.day * kMillisPerDay);
        statement.bind(1, delta.key.customerId)
            .bind(2, delta.key.appId)
            .bind(3, delta.key.mediaSource)
            .bind(4, delta.key.campaign)
            .bind(5, day)
            .bind(6, delta.clicks)
            .bind(7, delta.impressions)
            .bind(8, delta.installs)
            .bind(9, delta.reinstalls)
            .bind(10, delta.organicInstalls)
            .bind(11, delta.attributedInstalls)
            .bind(12, delta.fraudFlaggedInstalls)
            .bind(13, delta.fraudRejectedInstalls)
            .bind(14, delta.inAppEvents);
        for (std::size_t model = 0; model < kCreditModelCount; ++model)
            statement.bind(15 + static_cast<int>(model), delta.credits[model]);
        statement.run();
    }
}

void Store::addRevenue(const std::vector<RevenueDelta>& deltas)
{
    Statement& statement = prepare(R"sql(
        INSERT INTO revenue (customer_id, app_id, media_source, campaign, day, currency, events, revenue)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (customer_id, app_id, media_source, campaign, day, currency) DO UPDATE SET
            events = events + excluded.events, revenue = revenue + excluded.revenue
    )sql");
    for (const RevenueDelta& delta : deltas) {
        const std::string day = formatUtcDay(delta.key.day * kMillisPerDay);
        statement.bind(1, delta.key.customerId)
            .bind(2, delta.key.appId)
            .bind(3, delta.key.mediaSource)
            .bind(4, delta.key.campaign)
            .bind(5, day)
            .bind(6, delta.currency)
            .bind(7, delta.events)
            .bind(8, delta.revenue)
            .run();
    }
}

void Store::insertRejections(const std::vector<Rejection>& rejections)
{
    Statement& statement = prepare(R"sql(
        INSERT OR IGNORE INTO rejected_events (source, line, reason, detail, app_id, event_type, recorded_ms)
        VALUES (?, ?, ?, ?, ?, ?, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
    )sql");
    for (const Rejection& rejection : rejections) {
        statement.bind(1, rejection.source)
            .bind(2, static_cast<std::int64_t>(rejection.line))
            .bind(3, toString(rejection.reason))
            .bind(4, rejection.detail);
        if (rejection.appId.empty())
            statement.bindNull(5);
        else
            statement.bind(5, rejection.appId);
        if (rejection.type)
            statement.bind(6, toString(*rejection.type));
        else
            statement.bindNull(6);
        statement.run();
    }
}

void Store::setMeta(std::string_view key, std::int64_t value)
{
    prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::optional<std::int64_t> Store::meta(std::string_view key)
{
    Statement& statement = prepare("SELECT value FROM meta WHERE key = ?");
    statement.bind(1, key);
    std::optional<std::int64_t> value;
    if (statement.step())
        value = statement.integer(0);
    statement.reset();
    return value;
}

void Store::pruneJournal(std::int64_t beforeEventMs, std::uint64_t throughBatchId)
{
    prepare("DELETE FROM journal WHERE watermark_ms < ? AND batch_id <= ?")
        .bind(1, beforeEventMs)
        .bind(2, static_cast<std::int64_t>(throughBatchId))
        .run();
}

void Store::deleteJournalBatch(std::uint64_t batchId)
{
    prepare("DELETE FROM journal WHERE batch_id = ?").bind(1, static_cast<std::int64_t>(batchId)).run();
}

void Store::forEachJournalBatch(std::uint64_t afterBatchId,
                                const std::function<void(std::uint64_t, std::int64_t, std::string_view)>& visit)
{
    // A separate statement object: the visitor may use other statements.
    Statement statement(*this, "SELECT batch_id, watermark_ms, data FROM journal WHERE batch_id > ? ORDER BY batch_id");
    statement.bind(1, static_cast<std::int64_t>(afterBatchId));
    while (statement.step())
        visit(static_cast<std::uint64_t>(statement.integer(0)), statement.integer(1), statement.blob(2));
}

std::optional<std::uint64_t> Store::firstJournalBatch()
{
    Statement& statement = prepare("SELECT min(batch_id) FROM journal");
    std::optional<std::uint64_t> first;
    if (statement.step() && !statement.isNull(0))
        first = static_cast<std::uint64_t>(statement.integer(0));
    statement.reset();
    return first;
}

void Store::forEachSeedInstall(
    std::uint64_t beforeBatchId, std::int64_t sinceMs,
    const std::function<void(std::uint64_t, std::string_view, std::string_view, std::string_view, std::int64_t, bool)>&
        visit)
{
    Statement statement(*this, R"sql(
        SELECT device_key, customer_id, app_id, install_event_id, max(install_ms), keyed_by_advertising_id
        FROM installs WHERE batch_id < ? AND install_ms >= ?
        GROUP BY device_key
    )sql");
    statement.bind(1, static_cast<std::int64_t>(beforeBatchId)).bind(2, sinceMs);
    while (statement.step()) {
        visit(static_cast<std::uint64_t>(statement.integer(0)), statement.text(1), statement.text(2),
              statement.text(3), statement.integer(4), statement.integer(5) != 0);
    }
}

void Store::forEachInstall(const std::function<void(const InstallRow&)>& visit)
{
    Statement statement(*this, R"sql(
        SELECT app_id, install_event_id, customer_id, install_ms, device_key, platform, kind, status,
            match_method, touch_event_id, touch_type, touch_ms, media_source, campaign, campaign_id, adset,
            ad, channel, site_id, ctit_ms, fraud_flags, reference_touch_id, revision, batch_id
        FROM installs ORDER BY install_ms, app_id, install_event_id
    )sql");
    InstallRow row;
    while (statement.step()) {
        row.appId = statement.text(0);
        row.installEventId = statement.text(1);
        row.customerId = statement.text(2);
        row.installTimeMs = statement.integer(3);
        row.deviceKey = static_cast<std::uint64_t>(statement.integer(4));
        row.platform = parsePlatform(statement.text(5)).value_or(Platform::Android);
        row.kind = statement.text(6) == "reinstall" ? InstallKind::Reinstall : InstallKind::New;
        const std::string_view status = statement.text(7);
        row.status = status == "attributed" ? InstallStatus::Attributed
            : status == "organic"           ? InstallStatus::Organic
                                            : InstallStatus::FraudRejected;
        const std::string_view method = statement.text(8);
        row.matchMethod = method == "device_id" ? MatchMethod::DeviceId
            : method == "fingerprint"           ? MatchMethod::Fingerprint
                                                : MatchMethod::None;
        row.touchEventId = statement.text(9);
        row.touchType = parseEventType(statement.text(10)).value_or(EventType::Click);
        row.touchTimeMs = statement.integer(11);
        row.touch.mediaSource = statement.text(12);
        row.touch.campaign = statement.text(13);
        row.touch.campaignId = statement.text(14);
        row.touch.adset = statement.text(15);
        row.touch.ad = statement.text(16);
        row.touch.channel = statement.text(17);
        row.touch.siteId = statement.text(18);
        row.ctitMs = statement.integer(19);
        row.fraudFlags = 0;
        const std::string_view flags = statement.text(20);
        if (flags.find("ctit_too_short") != std::string_view::npos)
            row.fraudFlags |= static_cast<std::uint8_t>(FraudFlag::CtitTooShort);
        if (flags.find("click_flooding") != std::string_view::npos)
            row.fraudFlags |= static_cast<std::uint8_t>(FraudFlag::ClickFlooding);
        row.hasReference = !statement.isNull(21);
        row.referenceTouchId = statement.text(21);
        row.revision = static_cast<std::uint32_t>(statement.integer(22));
        row.batchId = static_cast<std::uint64_t>(statement.integer(23));
        visit(row);
    }
}

void Store::forEachAggregate(const std::function<void(const AggregateDelta&)>& visit)
{
    Statement statement(*this, R"sql(
        SELECT customer_id, app_id, media_source, campaign, day, clicks, impressions, installs, reinstalls,
            organic_installs, attributed_installs, fraud_flagged_installs, fraud_rejected_installs, in_app_events,
            credit_last_touch, credit_first_touch, credit_linear, credit_time_decay, credit_position_based
        FROM aggregates ORDER BY customer_id, app_id, media_source, campaign, day
    )sql");
    AggregateDelta row;
    while (statement.step()) {
        row.key.customerId = statement.text(0);
        row.key.appId = statement.text(1);
        row.key.mediaSource = statement.text(2);
        row.key.campaign = statement.text(3);
        const auto day = parseRfc3339(std::string(statement.text(4)) + "T00:00:00Z");
        row.key.day = day ? utcDayNumber(*day) : 0;
        row.clicks = statement.integer(5);
        row.impressions = statement.integer(6);
        row.installs = statement.integer(7);
        row.reinstalls = statement.integer(8);
        row.organicInstalls = statement.integer(9);
        row.attributedInstalls = statement.integer(10);
        row.fraudFlaggedInstalls = statement.integer(11);
        row.fraudRejectedInstalls = statement.integer(12);
        row.inAppEvents = statement.integer(13);
        for (std::size_t model = 0; model < kCreditModelCount; ++model)
            row.credits[model] = statement.real(14 + static_cast<int>(model));
        visit(row);
    }
}

InstallCounts Store::installCounts()
{
    Statement& statement = prepare(R"sql(
        SELECT count(*), total(kind = 'new'), total(kind = 'reinstall'), total(status = 'attributed'),
            total(status = 'organic'), total(status = 'fraud_rejected'), total(fraud_flags <> '')
        FROM installs
    )sql");
    InstallCounts counts;
    if (statement.step()) {
        counts.installs = statement.integer(0);
        counts.newInstalls = statement.integer(1);
        counts.reinstalls = statement.integer(2);
        counts.attributed = statement.integer(3);
        counts.organic = statement.integer(4);
        counts.fraudRejected = statement.integer(5);
        counts.flagged = statement.integer(6);
    }
    statement.reset();
    return counts;
}

std::int64_t Store::journalEventCount()
{
    Statement& statement = prepare("SELECT total(events) FROM journal");
    std::int64_t count = statement.step() ? statement.integer(0) : 0;
    statement.reset();
    return count;
}

std::int64_t Store::rejectionCount()
{
    Statement& statement = prepare("SELECT count(*) FROM rejected_events");
    std::int64_t count = statement.step() ? statement.integer(0) : 0;
    statement.reset();
    return count;
}

AggregateDelta Store::aggregateTotals()
{
    Statement& statement = prepare(R"sql(
        SELECT total(clicks), total(impressions), total(installs), total(reinstalls), total(organic_installs),
            total(attributed_installs), total(fraud_flagged_installs), total(fraud_rejected_installs),
            total(in_app_events), total(credit_last_touch), total(credit_first_touch), total(credit_linear),
            total(credit_time_decay), total(credit_position_based)
        FROM aggregates
    )sql");
    AggregateDelta totals;
    if (statement.step()) {
        totals.clicks = statement.integer(0);
        totals.impressions = statement.integer(1);
        totals.installs = statement.integer(2);
        totals.reinstalls = statement.integer(3);
        totals.organicInstalls = statement.integer(4);
        totals.attributedInstalls = statement.integer(5);
        totals.fraudFlaggedInstalls = statement.integer(6);
        totals.fraudRejectedInstalls = statement.integer(7);
        totals.inAppEvents = statement.integer(8);
        for (std::size_t model = 0; model < kCreditModelCount; ++model)
            totals.credits[model] = statement.real(9 + static_cast<int>(model));
    }
    statement.reset();
    return totals;
}

std::int64_t Store::databaseBytes() const
{
    std::int64_t bytes = 0;
    for (const std::string& file : {m_path, m_path + "-wal"}) {
        struct stat info {};
        if (::stat(file.c_str(), &info) == 0)
            bytes += info.st_size;
    }
    return bytes;
}

} // namespace umg
