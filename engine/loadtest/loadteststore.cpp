#include "loadtest/loadteststore.h"

#include <algorithm>

#include "history/sqlitedatabase.h"

namespace umg {
namespace {

// Each entry migrates the load-test schema from version i to i + 1. The
// figure columns carry the keys of figureInfo(); a new figure needs a new
// migration that adds its column.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE load_test_runs (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL,
        target             TEXT NOT NULL,
        target_description TEXT NOT NULL,
        started_at_ms      INTEGER NOT NULL,
        finished_at_ms     INTEGER NOT NULL,
        outcome            TEXT NOT NULL,
        message            TEXT NOT NULL,
        passed             INTEGER NOT NULL,
        latency_method     TEXT NOT NULL,
        profile_json       TEXT NOT NULL,
        send_seconds REAL, offered_rate REAL, throughput REAL, peak_throughput REAL,
        latency_p50_ms REAL, latency_p75_ms REAL, latency_p90_ms REAL, latency_p95_ms REAL, latency_p99_ms REAL,
        success_rate_percent REAL, error_rate_percent REAL, accuracy_percent REAL, availability_percent REAL,
        cpu_cores REAL, peak_cpu_cores REAL, tester_cpu_cores REAL,
        baseline_resident_bytes REAL, peak_resident_bytes REAL, resident_growth_bytes REAL,
        tracked_devices REAL, peak_bytes_per_million_devices REAL,
        max_queue_depth REAL, queue_capacity REAL, backpressure_waits REAL, busy_responses REAL,
        events_sent REAL, events_accepted REAL, events_duplicate REAL, events_rejected REAL, events_failed REAL,
        events_behind_schedule REAL,
        target_events_processed REAL, target_events_accepted REAL, target_events_rejected REAL,
        installs_sent REAL, target_installs REAL, reference_installs REAL, reference_agreements REAL
    );
    CREATE INDEX load_test_runs_by_start ON load_test_runs (started_at_ms);
    CREATE TABLE load_test_checks (
        run_id    INTEGER NOT NULL REFERENCES load_test_runs (id) ON DELETE CASCADE,
        check_key TEXT NOT NULL,
        measured  REAL,
        target    REAL NOT NULL,
        passed    INTEGER NOT NULL,
        PRIMARY KEY (run_id, check_key)
    ) WITHOUT ROWID;
    CREATE TABLE load_test_samples (
        run_id                  INTEGER NOT NULL REFERENCES load_test_runs (id) ON DELETE CASCADE,
        sample                  INTEGER NOT NULL,
        elapsed_seconds         REAL NOT NULL,
        scheduled_rate          REAL,
        sent_per_second         REAL,
        processed_per_second    REAL,
        latency_p50_ms          REAL,
        latency_p75_ms          REAL,
        latency_p90_ms          REAL,
        latency_p95_ms          REAL,
        latency_p99_ms          REAL,
        success_rate_percent    REAL,
        error_rate_percent      REAL,
        cpu_cores               REAL,
        resident_bytes          REAL,
        queue_depth             REAL,
        backpressure_per_second REAL,
        target_available        INTEGER NOT NULL,
        PRIMARY KEY (run_id, sample)
    ) WITHOUT ROWID;
    )sql",
};

constexpr const char* kComponent = "load_tests";

double realOrNan(const detail::SqliteStatement& statement, int column)
{
    return statement.isNull(column) ? std::nan("") : statement.real(column);
}

std::string insertRunSql()
{
    std::string columns = "name, target, target_description, started_at_ms, finished_at_ms, outcome, message, "
                          "passed, latency_method, profile_json";
    std::string values = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10";
    for (std::size_t i = 0; i < kFigureCount; ++i) {
        columns += ", " + std::string(figureInfo(static_cast<Figure>(i)).key);
        values += ", ?" + std::to_string(11 + i);
    }
    return "INSERT INTO load_test_runs (" + columns + ") VALUES (" + values + ")";
}

std::string selectRunSql()
{
    std::string sql = "SELECT name, target_description, started_at_ms, finished_at_ms, outcome, message, "
                      "latency_method, profile_json";
    for (std::size_t i = 0; i < kFigureCount; ++i)
        sql += ", " + std::string(figureInfo(static_cast<Figure>(i)).key);
    return sql + " FROM load_test_runs WHERE id = ?1";
}

} // namespace

LoadTestStore::LoadTestStore(const std::string& path)
    : m_db(std::make_unique<detail::SqliteDatabase>(path))
{
    m_db->migrate(kComponent, kMigrations);
}

LoadTestStore::~LoadTestStore() = default;

const std::string& LoadTestStore::path() const
{
    return m_db->path();
}

std::int64_t LoadTestStore::save(const LoadTestResult& result)
{
    std::lock_guard lock(m_mutex);
    detail::SqliteTransaction transaction(*m_db);

    detail::SqliteStatement& run = m_db->prepare(insertRunSql());
    run.bind(1, result.profile.name)
        .bind(2, result.profile.target)
        .bind(3, result.targetDescription)
        .bind(4, result.startedAtMs)
        .bind(5, result.finishedAtMs)
        .bind(6, toString(result.outcome))
        .bind(7, result.message)
        .bind(8, static_cast<std::int64_t>(result.passed()))
        .bind(9, result.latencyMethod)
        .bind(10, profileToJson(result.profile));
    for (std::size_t i = 0; i < kFigureCount; ++i)
        run.bind(static_cast<int>(11 + i), result.figures[static_cast<Figure>(i)]);
    run.run();
    detail::SqliteStatement& lastId = m_db->prepare("SELECT last_insert_rowid()");
    const std::int64_t id = lastId.step() ? lastId.integer(0) : 0;
    lastId.reset();

    detail::SqliteStatement& check = m_db->prepare(
        "INSERT INTO load_test_checks (run_id, check_key, measured, target, passed) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const CheckResult& checkResult : result.checks) {
        const CheckInfo& info = checkInfo(checkResult.check);
        check.bind(1, id).bind(2, info.key).bind(3, checkResult.measured).bind(4, info.target);
        check.bind(5, static_cast<std::int64_t>(checkResult.passed));
        check.run();
    }

    detail::SqliteStatement& sample = m_db->prepare(
        "INSERT INTO load_test_samples (run_id, sample, elapsed_seconds, scheduled_rate, sent_per_second, "
        "processed_per_second, latency_p50_ms, latency_p75_ms, latency_p90_ms, latency_p95_ms, latency_p99_ms, "
        "success_rate_percent, error_rate_percent, cpu_cores, resident_bytes, queue_depth, backpressure_per_second, "
        "target_available) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    for (std::size_t i = 0; i < result.samples.size(); ++i) {
        const LoadTestSample& s = result.samples[i];
        sample.bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, s.elapsedSeconds).bind(4, s.scheduledRate);
        sample.bind(5, s.sentPerSecond).bind(6, s.processedPerSecond).bind(7, s.latencyP50Ms).bind(8, s.latencyP75Ms);
        sample.bind(9, s.latencyP90Ms).bind(10, s.latencyP95Ms).bind(11, s.latencyP99Ms);
        sample.bind(12, s.successRatePercent).bind(13, s.errorRatePercent).bind(14, s.cpuCores);
        sample.bind(15, s.residentBytes).bind(16, s.queueDepth).bind(17, s.backpressurePerSecond);
        sample.bind(18, static_cast<std::int64_t>(s.targetAvailable));
        sample.run();
    }
    transaction.commit();
    return id;
}

std::vector<LoadTestRunRow> LoadTestStore::list(std::size_t limit) const
{
    std::lock_guard lock(m_mutex);
    detail::SqliteStatement& select = m_db->prepare(
        "SELECT id, name, target, started_at_ms, finished_at_ms, outcome, passed, profile_json, throughput, "
        "latency_p95_ms, latency_p99_ms, error_rate_percent, accuracy_percent, events_sent "
        "FROM load_test_runs ORDER BY started_at_ms DESC, id DESC LIMIT ?1");
    select.bind(1, static_cast<std::int64_t>(limit));
    std::vector<LoadTestRunRow> rows;
    while (select.step()) {
        LoadTestRunRow row;
        row.id = select.integer(0);
        row.name = std::string(select.text(1));
        row.target = std::string(select.text(2));
        row.startedAtMs = select.integer(3);
        row.finishedAtMs = select.integer(4);
        row.outcome = parseOutcome(select.text(5));
        row.passed = select.integer(6) != 0;
        // The rate is only in the profile; a profile that no longer parses
        // leaves it at 0 here and fails in load().
        try {
            row.rate = profileFromJson(select.text(7)).rate;
        } catch (const ProfileError&) {
            row.rate = 0;
        }
        row.throughput = realOrNan(select, 8);
        row.latencyP95Ms = realOrNan(select, 9);
        row.latencyP99Ms = realOrNan(select, 10);
        row.errorRatePercent = realOrNan(select, 11);
        row.accuracyPercent = realOrNan(select, 12);
        row.eventsSent = select.isNull(13) ? 0.0 : select.real(13);
        rows.push_back(std::move(row));
    }
    select.reset();
    return rows;
}

std::optional<LoadTestResult> LoadTestStore::load(std::int64_t id) const
{
    std::lock_guard lock(m_mutex);
    LoadTestResult result;
    detail::SqliteStatement& run = m_db->prepare(selectRunSql());
    run.bind(1, id);
    if (!run.step()) {
        run.reset();
        return std::nullopt;
    }
    result.id = id;
    result.targetDescription = std::string(run.text(1));
    result.startedAtMs = run.integer(2);
    result.finishedAtMs = run.integer(3);
    result.outcome = parseOutcome(run.text(4));
    result.message = std::string(run.text(5));
    result.latencyMethod = std::string(run.text(6));
    const std::string profileJson(run.text(7));
    for (std::size_t i = 0; i < kFigureCount; ++i)
        result.figures[static_cast<Figure>(i)] = realOrNan(run, static_cast<int>(8 + i));
    run.reset();
    result.profile = profileFromJson(profileJson, "stored run " + std::to_string(id));

    detail::SqliteStatement& checks =
        m_db->prepare("SELECT check_key, measured, passed FROM load_test_checks WHERE run_id = ?1");
    checks.bind(1, id);
    while (checks.step()) {
        for (std::size_t i = 0; i < kCheckCount; ++i) {
            const CheckInfo& info = checkInfo(static_cast<Check>(i));
            if (info.key != checks.text(0))
                continue;
            CheckResult check;
            check.check = info.check;
            check.measured = realOrNan(checks, 1);
            check.passed = checks.integer(2) != 0;
            result.checks.push_back(check);
        }
    }
    checks.reset();
    std::sort(result.checks.begin(), result.checks.end(),
              [](const CheckResult& a, const CheckResult& b) { return a.check < b.check; });

    detail::SqliteStatement& samples = m_db->prepare(
        "SELECT elapsed_seconds, scheduled_rate, sent_per_second, processed_per_second, latency_p50_ms, "
        "latency_p75_ms, latency_p90_ms, latency_p95_ms, latency_p99_ms, success_rate_percent, error_rate_percent, "
        "cpu_cores, resident_bytes, queue_depth, backpressure_per_second, target_available "
        "FROM load_test_samples WHERE run_id = ?1 ORDER BY sample");
    samples.bind(1, id);
    while (samples.step()) {
        LoadTestSample s;
        s.elapsedSeconds = samples.real(0);
        s.scheduledRate = realOrNan(samples, 1);
        s.sentPerSecond = realOrNan(samples, 2);
        s.processedPerSecond = realOrNan(samples, 3);
        s.latencyP50Ms = realOrNan(samples, 4);
        s.latencyP75Ms = realOrNan(samples, 5);
        s.latencyP90Ms = realOrNan(samples, 6);
        s.latencyP95Ms = realOrNan(samples, 7);
        s.latencyP99Ms = realOrNan(samples, 8);
        s.successRatePercent = realOrNan(samples, 9);
        s.errorRatePercent = realOrNan(samples, 10);
        s.cpuCores = realOrNan(samples, 11);
        s.residentBytes = realOrNan(samples, 12);
        s.queueDepth = realOrNan(samples, 13);
        s.backpressurePerSecond = realOrNan(samples, 14);
        s.targetAvailable = samples.integer(15) != 0;
        result.samples.push_back(s);
    }
    samples.reset();
    return result;
}

bool LoadTestStore::remove(std::int64_t id)
{
    std::lock_guard lock(m_mutex);
    detail::SqliteTransaction transaction(*m_db);
    detail::SqliteStatement& exists = m_db->prepare("SELECT 1 FROM load_test_runs WHERE id = ?1");
    exists.bind(1, id);
    const bool found = exists.step();
    exists.reset();
    if (!found)
        return false;
    // The checks and samples go with the run (ON DELETE CASCADE).
    m_db->prepare("DELETE FROM load_test_runs WHERE id = ?1").bind(1, id).run();
    transaction.commit();
    return true;
}

} // namespace umg
