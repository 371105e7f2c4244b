// Replay benchmark: end-to-end attribution of a generated NDJSON file against
// baselines measured in the same run.
//
//   bench_replay [--events N] [--devices N] [--work-dir DIR] [--skip-sqlite]
//
// 1. engine: `replayFiles` into a fresh database (parse, route, attribute,
//    journal and results committed), events/s and latency percentiles;
// 2. SQLite: the same last-click attribution as a user might write it:
//    import the lines, extract the fields with json_extract into a typed
//    table, index it, one correlated query for the latest click per install
//    within 7 days, timed from file to result;
// 3. floor: a bare hash-probe loop over the same device keys (touches
//    insert, installs probe), with the keys extracted beforehand;
// 4. parse floor: simdjson reading every key and string value of every
//    line on one thread, nothing else.
// It prints a Markdown table; docs/BENCHMARKS.md records the figures.

#include <sqlite3.h>
#include <sys/resource.h>

#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "attribution/routedevent.h"
#include "ingest/eventparser.h"
#include "loadgen/generator.h"
#include "metrics/processmetrics.h"
#include "runtime/engine.h"
#include "runtime/filereplay.h"
#include "util/log.h"

using namespace umg;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void generateFile(const std::string& path, std::uint64_t events, std::uint64_t devices)
{
    WorkloadProfile profile;
    profile.seed = 7;
    profile.idPrefix = "bench";
    profile.devices = devices;
    profile.eventsPerEventSecond = 200;
    WorkloadGenerator generator(profile);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    EventBatch batch;
    std::string text;
    std::uint64_t written = 0;
    while (written < events) {
        batch.clear();
        text.clear();
        generator.generate(static_cast<std::size_t>(std::min<std::uint64_t>(65536, events - written)), batch);
        for (const EventRecord& record : batch.events()) {
            if (written == events)
                break;
            appendNdjson(batch, record, text);
            ++written;
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
}

struct EngineFigures {
    double seconds = 0;
    double eventsPerSecond = 0;
    LatencySummary latency;
    std::int64_t installs = 0;
    std::int64_t attributed = 0;
    std::int64_t devices = 0;
    std::int64_t peakRssBytes = 0;
};

EngineFigures runEngine(const std::string& file, const std::string& database)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(database + suffix);
    EngineOptions options;
    options.databasePath = database;
    Engine engine(options);
    ReplayOptions replay;
    replay.files = {file};
    const ReplayResult result = replayFiles(engine, replay);
    const EngineSnapshot snapshot = engine.snapshot(false);
    EngineFigures figures;
    figures.seconds = result.elapsedSeconds;
    figures.eventsPerSecond = static_cast<double>(result.eventsRead) / result.elapsedSeconds;
    figures.latency = snapshot.latency;
    figures.installs = snapshot.totals.installsByKind[0] + snapshot.totals.installsByKind[1];
    figures.attributed = snapshot.totals.installsByStatus[0];
    figures.devices = snapshot.totals.trackedDevices;
    figures.peakRssBytes = ProcessMetrics::read().peakResidentBytes;
    engine.stop();
    return figures;
}

void check(int code, sqlite3* db, const char* what)
{
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        std::fprintf(stderr, "sqlite baseline: %s failed: %s\n", what, sqlite3_errmsg(db));
        std::exit(1);
    }
}

void exec(sqlite3* db, const char* sql)
{
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite baseline: %s\n  in: %s\n", error, sql);
        std::exit(1);
    }
}

struct SqliteFigures {
    double seconds = 0;
    std::int64_t attributed = 0;
};

SqliteFigures runSqlite(const std::string& file, const std::string& database)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(database + suffix);
    const auto started = Clock::now();
    sqlite3* db = nullptr;
    check(sqlite3_open(database.c_str(), &db), db, "open");
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;");
    exec(db, "CREATE TABLE raw (line TEXT)");
    exec(db, "BEGIN");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO raw (line) VALUES (?)", -1, &insert, nullptr), db, "prepare");
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        sqlite3_bind_text(insert, 1, line.data(), static_cast<int>(line.size()), SQLITE_STATIC);
        check(sqlite3_step(insert), db, "insert");
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    exec(db, "COMMIT");
    exec(db, R"sql(
        CREATE TABLE events AS SELECT
            json_extract(line, '$.event_id') AS event_id,
            json_extract(line, '$.type') AS type,
            CAST((julianday(json_extract(line, '$.timestamp')) - 2440587.5) * 86400000 AS INTEGER) AS ts,
            json_extract(line, '$.app_id') AS app_id,
            coalesce(json_extract(line, '$.advertising_id'),
                     json_extract(line, '$.ip') || '|' || json_extract(line, '$.user_agent')) AS device,
            json_extract(line, '$.media_source') AS media_source,
            json_extract(line, '$.campaign') AS campaign
        FROM raw
    )sql");
    exec(db, "CREATE INDEX events_by_device ON events (app_id, device, type, ts)");
    sqlite3_stmt* query = nullptr;
    check(sqlite3_prepare_v2(db, R"sql(
        SELECT count(*) FROM (
            SELECT i.event_id,
                (SELECT c.event_id FROM events c
                 WHERE c.app_id = i.app_id AND c.device = i.device AND c.type = 'click'
                   AND c.ts <= i.ts AND c.ts >= i.ts - 7 * 86400000
                 ORDER BY c.ts DESC LIMIT 1) AS winner
            FROM events i WHERE i.type = 'install')
        WHERE winner IS NOT NULL
    )sql", -1, &query, nullptr), db, "prepare query");
    SqliteFigures figures;
    if (sqlite3_step(query) == SQLITE_ROW)
        figures.attributed = sqlite3_column_int64(query, 0);
    sqlite3_finalize(query);
    sqlite3_close(db);
    figures.seconds = secondsSince(started);
    return figures;
}

struct Key {
    std::uint64_t device;
    EventType type;
};

// Extracts each event's device key and type with the engine's own parser;
// not timed.
std::vector<Key> extractKeys(const std::string& file)
{
    std::vector<Key> keys;
    auto parser = makeParser(InputFormat::Ndjson);
    std::ifstream in(file, std::ios::binary);
    std::string line;
    EventBatch batch;
    Rejection rejection;
    while (std::getline(in, line)) {
        const std::size_t size = line.size();
        line.append(kParsePadding, '\0');
        batch.clear();
        if (!parser->parseLine(std::string_view(line.data(), size), line.size(), batch, rejection))
            continue;
        keys.push_back({deviceKeyOf(batch, batch[0]).key, batch[0].type});
    }
    return keys;
}

double runHashFloor(const std::vector<Key>& keys, std::int64_t& matched)
{
    const auto started = Clock::now();
    absl::flat_hash_map<std::uint64_t, std::uint32_t> touches;
    matched = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (isTouch(keys[i].type))
            touches[keys[i].device] = static_cast<std::uint32_t>(i);
        else if (keys[i].type == EventType::Install)
            matched += touches.contains(keys[i].device);
    }
    return secondsSince(started);
}

double runParseFloor(const std::string& file, std::uint64_t& fields)
{
    std::ifstream in(file, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    content.append(simdjson::SIMDJSON_PADDING, '\0');
    const std::size_t length = content.size() - simdjson::SIMDJSON_PADDING;
    const auto started = Clock::now();
    simdjson::ondemand::parser parser;
    fields = 0;
    std::size_t start = 0;
    while (start < length) {
        std::size_t end = content.find('\n', start);
        if (end == std::string::npos || end > length)
            end = length;
        simdjson::ondemand::document document;
        if (!parser.iterate(content.data() + start, end - start, content.size() - start).get(document)) {
            simdjson::ondemand::object object;
            if (!document.get_object().get(object)) {
                for (auto field : object) {
                    std::string_view key;
                    std::string_view value;
                    if (!field.unescaped_key().get(key) && !field.value().get_string().get(value))
                        fields += !value.empty();
                }
            }
        }
        start = end + 1;
    }
    return secondsSince(started);
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t events = 10'000'000;
    std::uint64_t devices = 3'000'000;
    std::string workDir = (std::filesystem::temp_directory_path() / "unmogrowp-bench").string();
    bool skipSqlite = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--events" && i + 1 < argc)
            events = std::stoull(argv[++i]);
        else if (arg == "--devices" && i + 1 < argc)
            devices = std::stoull(argv[++i]);
        else if (arg == "--work-dir" && i + 1 < argc)
            workDir = argv[++i];
        else if (arg == "--skip-sqlite")
            skipSqlite = true;
        else {
            std::fprintf(stderr, "usage: bench_replay [--events N] [--devices N] [--work-dir DIR] [--skip-sqlite]\n");
            return 2;
        }
    }
    log::setMinimumLevel(log::Level::Warning);
    std::filesystem::create_directories(workDir);
    const std::string file = workDir + "/events-" + std::to_string(events) + ".ndjson";
    if (!std::filesystem::exists(file)) {
        std::fprintf(stderr, "generating %llu events...\n", static_cast<unsigned long long>(events));
        generateFile(file, events, devices);
    }
    const double megabytes = static_cast<double>(std::filesystem::file_size(file)) / 1e6;

    std::fprintf(stderr, "engine replay...\n");
    const EngineFigures engine = runEngine(file, workDir + "/engine.db");
    std::fprintf(stderr, "hash-probe floor...\n");
    const std::vector<Key> keys = extractKeys(file);
    std::int64_t floorMatched = 0;
    const double floorSeconds = runHashFloor(keys, floorMatched);
    std::fprintf(stderr, "parse floor...\n");
    std::uint64_t fields = 0;
    const double parseSeconds = runParseFloor(file, fields);
    SqliteFigures sqlite;
    if (!skipSqlite) {
        std::fprintf(stderr, "SQLite baseline...\n");
        sqlite = runSqlite(file, workDir + "/baseline.db");
    }

    const double n = static_cast<double>(events);
    std::printf("Input: %llu events, %.0f MB of NDJSON, %llu-device population, %u cores\n\n",
                static_cast<unsigned long long>(events), megabytes, static_cast<unsigned long long>(devices),
                std::thread::hardware_concurrency());
    std::printf("| run | seconds | events/s | engine relative |\n|---|---|---|---|\n");
    std::printf("| engine end to end (parse, attribute, journal, results) | %.2f | %.0f | 1.00 |\n", engine.seconds,
                engine.eventsPerSecond);
    if (!skipSqlite)
        std::printf("| SQLite baseline (import, json_extract, index, query) | %.2f | %.0f | %.1fx slower |\n",
                    sqlite.seconds, n / sqlite.seconds, sqlite.seconds / engine.seconds);
    std::printf("| hash-probe floor (keys extracted beforehand) | %.3f | %.0f | %.1fx faster |\n", floorSeconds,
                n / floorSeconds, engine.seconds / floorSeconds);
    std::printf("| parse floor (simdjson, every key and string value, one thread) | %.2f | %.0f | %.2fx |\n", parseSeconds,
                n / parseSeconds, engine.seconds / parseSeconds);
    std::printf("\nEngine latency: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n", engine.latency.p50,
                engine.latency.p95, engine.latency.p99, engine.latency.max);
    std::printf("Installs: %lld (attributed %lld; SQLite last click found %lld; floor matched %lld)\n",
                static_cast<long long>(engine.installs), static_cast<long long>(engine.attributed),
                static_cast<long long>(sqlite.attributed), static_cast<long long>(floorMatched));
    std::printf("Peak resident memory: %.0f MB for %lld tracked devices (%.0f MB per million devices)\n",
                static_cast<double>(engine.peakRssBytes) / 1e6, static_cast<long long>(engine.devices),
                engine.devices > 0 ? static_cast<double>(engine.peakRssBytes) / 1e6 / (static_cast<double>(engine.devices) / 1e6) : 0.0);
    std::printf("Parse floor read %llu string values\n", static_cast<unsigned long long>(fields));
    return 0;
}
