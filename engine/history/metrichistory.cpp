#include "history/metrichistory.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "history/scrapesamples.h"
#include "history/sqlitedatabase.h"
#include "promql/ast.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg {

namespace {

using detail::SqliteDatabase;
using detail::SqliteStatement;
using detail::SqliteTransaction;
using detail::decodeLabels;
using detail::encodeLabels;

constexpr std::string_view kLogCategory = "history";
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kMinimumMarginMs = 15 * kMinute;
// Idle read-only connections kept open for later reads.
constexpr std::size_t kMaxIdleReaders = 4;

// Each entry migrates the history schema from version i to i + 1.
//
// history_series.labels is the label set in a length-prefixed form (see
// encodeLabels), so that any label value round-trips. A raw value is a
// REAL, or an 8-byte BLOB with the bits of a NaN (staleness markers
// included), because SQLite stores a NaN REAL as NULL.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE history_series (
        id             INTEGER PRIMARY KEY,
        labels         TEXT NOT NULL UNIQUE,
        counter        INTEGER NOT NULL,
        counter_offset REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE history_raw (
        series_id INTEGER NOT NULL,
        time_ms   INTEGER NOT NULL,
        value     REAL NOT NULL,
        PRIMARY KEY (series_id, time_ms)
    ) WITHOUT ROWID;
    CREATE TABLE history_rollup (
        tier      INTEGER NOT NULL,
        series_id INTEGER NOT NULL,
        bucket_ms INTEGER NOT NULL,
        time_ms   INTEGER NOT NULL,
        value     REAL NOT NULL,
        min_value REAL NOT NULL,
        max_value REAL NOT NULL,
        PRIMARY KEY (tier, series_id, bucket_ms)
    ) WITHOUT ROWID;
    )sql",
};

constexpr std::string_view kInsertRaw =
    "INSERT INTO history_raw (series_id, time_ms, value) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (series_id, time_ms) DO UPDATE SET value = excluded.value";

// SET expressions read the row as it was before the update, so the time
// comparison in each CASE uses the stored time.
constexpr std::string_view kUpsertRollup =
    "INSERT INTO history_rollup (tier, series_id, bucket_ms, time_ms, value, min_value, max_value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5) "
    "ON CONFLICT (tier, series_id, bucket_ms) DO UPDATE SET "
    "time_ms = CASE WHEN excluded.time_ms >= time_ms THEN excluded.time_ms ELSE time_ms END, "
    "value = CASE WHEN excluded.time_ms >= time_ms THEN excluded.value ELSE value END, "
    "min_value = min(min_value, excluded.min_value), "
    "max_value = max(max_value, excluded.max_value)";

std::int64_t systemNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t marginOf(const HistoryTier& tier)
{
    return std::max(kMinimumMarginMs, 2 * tier.resolutionMs);
}

std::int64_t bucketStart(std::int64_t timeMs, std::int64_t resolutionMs)
{
    std::int64_t bucket = timeMs / resolutionMs * resolutionMs;
    if (bucket > timeMs)
        bucket -= resolutionMs;
    return bucket;
}

double readValue(const SqliteStatement& statement, int column)
{
    if (statement.isBlob(column)) {
        const std::string_view bytes = statement.blob(column);
        std::uint64_t bits = 0;
        if (bytes.size() == sizeof bits)
            std::memcpy(&bits, bytes.data(), sizeof bits);
        else
            bits = std::bit_cast<std::uint64_t>(std::numeric_limits<double>::quiet_NaN());
        return std::bit_cast<double>(bits);
    }
    return statement.real(column);
}

} // namespace

std::vector<HistoryTier> MetricHistoryOptions::defaultTiers()
{
    return {{0, kHour}, {kMinute, kDay}, {10 * kMinute, 7 * kDay}};
}

/// A stored series as readers see it.
struct CatalogueEntry {
    std::int64_t id = 0;
    promql::Labels labels;
};

/// Reset detection state of one counter series, kept by the writer.
struct CounterState {
    bool loaded = false;
    std::int64_t lastTimeMs = std::numeric_limits<std::int64_t>::min();
    double lastValue = 0;
    double offset = 0;
};

struct MetricHistory::Private {
    std::string path;
    MetricHistoryOptions options;

    // The write connection and everything only the writer touches.
    mutable std::mutex writeMutex;
    std::unique_ptr<SqliteDatabase> writer;
    std::unordered_map<std::string, std::int64_t> idByKey;
    std::unordered_map<std::int64_t, bool> counterById;
    std::unordered_map<std::int64_t, CounterState> counters;
    std::unordered_map<std::string, std::unordered_set<std::int64_t>> lastScrapeSeries;
    std::uint64_t droppedSamples = 0;
    log::RateLimiter fullWarnings{5, 1000};

    // Series for readers, by id and by metric name.
    mutable std::shared_mutex catalogueMutex;
    std::map<std::int64_t, CatalogueEntry> catalogue;
    std::unordered_map<std::string, std::vector<std::int64_t>> idsByName;

    mutable std::mutex readerMutex;
    mutable std::vector<std::unique_ptr<SqliteDatabase>> idleReaders;

    std::int64_t now() const { return options.clock ? options.clock() : systemNowMs(); }

    void validateOptions() const;
    void loadCatalogue();
    void reloadAfterFailedWrite() noexcept;
    void addToCatalogue(std::int64_t id, promql::Labels labels);
    void removeFromCatalogue(std::int64_t id);

    std::optional<std::int64_t> seriesId(const promql::Labels& labels, bool counter);
    void writeSample(std::int64_t id, bool counter, std::int64_t timeMs, double value);
    double adjustCounter(std::int64_t id, std::int64_t timeMs, double value);
    void writeRaw(std::int64_t id, std::int64_t timeMs, double value);

    std::vector<CatalogueEntry> matching(const std::vector<promql::LabelMatcher>& matchers) const;

    std::unique_ptr<SqliteDatabase> acquireReader() const;
    void releaseReader(std::unique_ptr<SqliteDatabase> reader) const;

    template <typename Row>
    std::vector<std::pair<promql::Labels, std::vector<Row>>>
    readTier(std::size_t tier, const std::vector<promql::LabelMatcher>& matchers, std::int64_t minTimeMs,
             std::int64_t maxTimeMs, Row (*makeRow)(const SqliteStatement&)) const;
};

void MetricHistory::Private::validateOptions() const
{
    const std::vector<HistoryTier>& tiers = options.tiers;
    if (tiers.empty() || tiers.front().resolutionMs != 0) {
        throw std::invalid_argument("the first history tier must have resolution 0 (full resolution); "
                                    "start the tier list with the raw tier");
    }
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (tiers[i].retentionMs <= 0) {
            throw std::invalid_argument("history tier " + std::to_string(i) + " has retention "
                                        + std::to_string(tiers[i].retentionMs) + " ms; it must be positive");
        }
        if (i == 0)
            continue;
        if (tiers[i].resolutionMs <= tiers[i - 1].resolutionMs || tiers[i].retentionMs <= tiers[i - 1].retentionMs) {
            throw std::invalid_argument("history tier " + std::to_string(i) + " (resolution "
                                        + std::to_string(tiers[i].resolutionMs) + " ms, retention "
                                        + std::to_string(tiers[i].retentionMs)
                                        + " ms) must be coarser and longer than the tier before it");
        }
    }
    if (options.scrapeIntervalMs <= 0) {
        throw std::invalid_argument("history scrape interval is " + std::to_string(options.scrapeIntervalMs)
                                    + " ms; it must be positive");
    }
    if (options.maxSeries == 0)
        throw std::invalid_argument("history series limit is 0; allow at least one series");
}

void MetricHistory::Private::loadCatalogue()
{
    SqliteStatement& statement = writer->prepare("SELECT id, labels, counter, counter_offset FROM history_series");
    while (statement.step()) {
        const std::int64_t id = statement.integer(0);
        const std::string key(statement.text(1));
        promql::Labels labels;
        try {
            labels = decodeLabels(key);
        } catch (const std::exception& error) {
            statement.reset();
            throw StoreError("database " + path + ": series " + std::to_string(id)
                             + " has unreadable labels (" + error.what()
                             + "); the history is damaged, so move the file away and start a new one");
        }
        idByKey.emplace(key, id);
        const bool counter = statement.integer(2) != 0;
        counterById.emplace(id, counter);
        if (counter)
            counters[id].offset = statement.real(3);
        addToCatalogue(id, std::move(labels));
    }
    statement.reset();
}

// A rolled-back write may have added series and counter offsets that the
// database no longer has, so the writer's state is read again.
void MetricHistory::Private::reloadAfterFailedWrite() noexcept
{
    idByKey.clear();
    counterById.clear();
    counters.clear();
    {
        std::unique_lock lock(catalogueMutex);
        catalogue.clear();
        idsByName.clear();
    }
    try {
        loadCatalogue();
    } catch (const std::exception& error) {
        log::error(kLogCategory, "reloading the metric history series failed", {{"path", path}, {"error", error.what()}});
    }
}

void MetricHistory::Private::addToCatalogue(std::int64_t id, promql::Labels labels)
{
    std::unique_lock lock(catalogueMutex);
    idsByName[std::string(labels.get(promql::kMetricNameLabel))].push_back(id);
    catalogue.emplace(id, CatalogueEntry{id, std::move(labels)});
}

void MetricHistory::Private::removeFromCatalogue(std::int64_t id)
{
    std::unique_lock lock(catalogueMutex);
    auto it = catalogue.find(id);
    if (it == catalogue.end())
        return;
    const std::string name(it->second.labels.get(promql::kMetricNameLabel));
    auto ids = idsByName.find(name);
    if (ids != idsByName.end()) {
        std::erase(ids->second, id);
        if (ids->second.empty())
            idsByName.erase(ids);
    }
    catalogue.erase(it);
}

// Returns the id of the series, creating it, or nullopt when the series
// limit keeps it out. Called with writeMutex held inside a transaction.
std::optional<std::int64_t> MetricHistory::Private::seriesId(const promql::Labels& labels, bool counter)
{
    std::string key = encodeLabels(labels);
    if (auto it = idByKey.find(key); it != idByKey.end())
        return it->second;

    if (idByKey.size() >= options.maxSeries) {
        ++droppedSamples;
        if (fullWarnings.allow()) {
            log::warning(kLogCategory, "metric history series limit reached; dropping samples of new series",
                         {{"series", labels.toString()},
                          {"limit", options.maxSeries},
                          {"dropped_samples", droppedSamples},
                          {"fix", "raise the series limit or lower --max-label-values"}});
        }
        return std::nullopt;
    }

    SqliteStatement& insert = writer->prepare("INSERT INTO history_series (labels, counter) VALUES (?1, ?2)");
    insert.bind(1, key).bind(2, std::int64_t{counter});
    insert.run();
    SqliteStatement& lastId = writer->prepare("SELECT last_insert_rowid()");
    lastId.step();
    const std::int64_t id = lastId.integer(0);
    lastId.reset();

    idByKey.emplace(std::move(key), id);
    counterById.emplace(id, counter);
    if (counter)
        counters[id].loaded = true; // a new series has no earlier sample
    addToCatalogue(id, labels);
    return id;
}

void MetricHistory::Private::writeRaw(std::int64_t id, std::int64_t timeMs, double value)
{
    SqliteStatement& statement = writer->prepare(kInsertRaw);
    statement.bind(1, id).bind(2, timeMs);
    if (std::isnan(value)) {
        const auto bits = std::bit_cast<std::uint64_t>(value);
        char bytes[sizeof bits];
        std::memcpy(bytes, &bits, sizeof bits);
        statement.bindBlob(3, std::string_view(bytes, sizeof bytes));
    } else {
        statement.bind(3, value);
    }
    statement.run();
}

// Returns the reset-adjusted value of a counter sample and tracks resets.
// A reset is a value below the previous one; the previous value is then
// added to the series' offset, which is stored with the series so that it
// survives a restart.
double MetricHistory::Private::adjustCounter(std::int64_t id, std::int64_t timeMs, double value)
{
    CounterState& state = counters[id];
    if (!state.loaded) {
        // Continue from the newest stored sample: the raw tier if it still
        // has one, otherwise the finest rollup tier, which stores adjusted values.
        SqliteStatement& raw = writer->prepare(
            "SELECT time_ms, value FROM history_raw WHERE series_id = ?1 AND typeof(value) = 'real' "
            "ORDER BY time_ms DESC LIMIT 1");
        raw.bind(1, id);
        if (raw.step()) {
            state.lastTimeMs = raw.integer(0);
            state.lastValue = raw.real(1);
        } else if (options.tiers.size() > 1) {
            SqliteStatement& rollup = writer->prepare(
                "SELECT time_ms, value FROM history_rollup WHERE tier = 1 AND series_id = ?1 "
                "ORDER BY bucket_ms DESC LIMIT 1");
            rollup.bind(1, id);
            if (rollup.step()) {
                state.lastTimeMs = rollup.integer(0);
                state.lastValue = rollup.real(1) - state.offset;
            }
            rollup.reset();
        }
        raw.reset();
        state.loaded = true;
    }

    // NOTE: a sample older than the newest one (a backfill) is adjusted with
    // the current offset and does not take part in reset detection, so a
    // reset inside backfilled data shows as a reset in the rollup tiers.
    if (timeMs > state.lastTimeMs) {
        if (state.lastTimeMs != std::numeric_limits<std::int64_t>::min() && value < state.lastValue) {
            state.offset += state.lastValue;
            writer->prepare("UPDATE history_series SET counter_offset = ?2 WHERE id = ?1")
                .bind(1, id)
                .bind(2, state.offset)
                .run();
        }
        state.lastTimeMs = timeMs;
        state.lastValue = value;
    }
    return value + state.offset;
}

void MetricHistory::Private::writeSample(std::int64_t id, bool counter, std::int64_t timeMs, double value)
{
    writeRaw(id, timeMs, value);
    if (std::isnan(value))
        return;

    const double rollupValue = counter ? adjustCounter(id, timeMs, value) : value;
    SqliteStatement& upsert = writer->prepare(kUpsertRollup);
    for (std::size_t tier = 1; tier < options.tiers.size(); ++tier) {
        upsert.bind(1, static_cast<std::int64_t>(tier))
            .bind(2, id)
            .bind(3, bucketStart(timeMs, options.tiers[tier].resolutionMs))
            .bind(4, timeMs)
            .bind(5, rollupValue);
        upsert.run();
    }
}

std::vector<CatalogueEntry>
MetricHistory::Private::matching(const std::vector<promql::LabelMatcher>& matchers) const
{
    const promql::LabelMatcher* nameMatcher = nullptr;
    for (const promql::LabelMatcher& matcher : matchers) {
        if (matcher.name() == promql::kMetricNameLabel && matcher.type() == promql::MatchType::Equal)
            nameMatcher = &matcher;
    }

    std::vector<CatalogueEntry> result;
    std::shared_lock lock(catalogueMutex);
    if (nameMatcher) {
        auto ids = idsByName.find(nameMatcher->value());
        if (ids == idsByName.end())
            return result;
        for (std::int64_t id : ids->second) {
            const CatalogueEntry& entry = catalogue.at(id);
            if (promql::matchesAll(matchers, entry.labels))
                result.push_back(entry);
        }
    } else {
        for (const auto& [id, entry] : catalogue) {
            if (promql::matchesAll(matchers, entry.labels))
                result.push_back(entry);
        }
    }
    return result;
}

std::unique_ptr<SqliteDatabase> MetricHistory::Private::acquireReader() const
{
    {
        std::lock_guard lock(readerMutex);
        if (!idleReaders.empty()) {
            std::unique_ptr<SqliteDatabase> reader = std::move(idleReaders.back());
            idleReaders.pop_back();
            return reader;
        }
    }
    return std::make_unique<SqliteDatabase>(path, SqliteDatabase::Mode::ReadOnly);
}

void MetricHistory::Private::releaseReader(std::unique_ptr<SqliteDatabase> reader) const
{
    std::lock_guard lock(readerMutex);
    if (idleReaders.size() < kMaxIdleReaders)
        idleReaders.push_back(std::move(reader));
}

// Reads the samples of every matching series in [minTimeMs, maxTimeMs]
// from one tier, inside one read transaction so that all series come from
// the same snapshot.
template <typename Row>
std::vector<std::pair<promql::Labels, std::vector<Row>>>
MetricHistory::Private::readTier(std::size_t tier, const std::vector<promql::LabelMatcher>& matchers,
                                 std::int64_t minTimeMs, std::int64_t maxTimeMs,
                                 Row (*makeRow)(const SqliteStatement&)) const
{
    if (tier >= options.tiers.size()) {
        throw std::out_of_range("history tier " + std::to_string(tier) + " does not exist; the history has "
                                + std::to_string(options.tiers.size()) + " tiers");
    }
    std::vector<std::pair<promql::Labels, std::vector<Row>>> result;
    if (maxTimeMs < minTimeMs)
        return result;
    std::vector<CatalogueEntry> entries = matching(matchers);
    if (entries.empty())
        return result;

    std::unique_ptr<SqliteDatabase> reader = acquireReader();
    reader->execute("BEGIN");
    try {
        SqliteStatement* statement = nullptr;
        std::int64_t firstBucket = minTimeMs;
        std::int64_t lastBucket = maxTimeMs;
        if (tier == 0) {
            statement = &reader->prepare(
                "SELECT time_ms, value, value, value FROM history_raw "
                "WHERE series_id = ?1 AND time_ms BETWEEN ?2 AND ?3 ORDER BY time_ms");
        } else {
            statement = &reader->prepare(
                "SELECT time_ms, value, min_value, max_value FROM history_rollup "
                "WHERE tier = ?4 AND series_id = ?1 AND bucket_ms BETWEEN ?2 AND ?6 "
                "AND time_ms BETWEEN ?5 AND ?3 ORDER BY bucket_ms");
            // The bucket that is still open is left out. Its latest sample can
            // lie just after the previous bucket's, and that uneven spacing
            // makes rate() extrapolate too little at the newest step.
            const std::int64_t resolution = options.tiers[tier].resolutionMs;
            firstBucket = bucketStart(minTimeMs, resolution);
            lastBucket = std::min(bucketStart(maxTimeMs, resolution), now() - resolution);
        }
        for (CatalogueEntry& entry : entries) {
            statement->bind(1, entry.id).bind(2, firstBucket).bind(3, maxTimeMs);
            if (tier != 0)
                statement->bind(4, static_cast<std::int64_t>(tier)).bind(5, minTimeMs).bind(6, lastBucket);
            std::vector<Row> rows;
            while (statement->step())
                rows.push_back(makeRow(*statement));
            statement->reset();
            if (!rows.empty())
                result.emplace_back(std::move(entry.labels), std::move(rows));
        }
        reader->execute("COMMIT");
    } catch (...) {
        reader->rollback();
        throw;
    }
    releaseReader(std::move(reader));
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return result;
}

MetricHistory::MetricHistory(const std::string& path, MetricHistoryOptions options) : d(std::make_unique<Private>())
{
    d->path = path;
    d->options = std::move(options);
    d->validateOptions();
    d->writer = std::make_unique<SqliteDatabase>(path);
    d->writer->migrate("metric_history", kMigrations);
    d->loadCatalogue();
    log::info(kLogCategory, "metric history opened",
              {{"path", path}, {"series", d->catalogue.size()}, {"tiers", d->options.tiers.size()}});
}

MetricHistory::~MetricHistory() = default;

const std::string& MetricHistory::path() const
{
    return d->path;
}

const MetricHistoryOptions& MetricHistory::options() const
{
    return d->options;
}

std::int64_t MetricHistory::nowMs() const
{
    return d->now();
}

std::size_t MetricHistory::recordScrape(const std::vector<prometheus::MetricFamily>& families,
                                        std::int64_t timestampMs, std::string_view target)
{
    std::vector<detail::ScrapeSample> samples;
    detail::flattenFamilies(families, samples);

    std::lock_guard lock(d->writeMutex);
    std::unordered_set<std::int64_t> seen;
    seen.reserve(samples.size());
    std::size_t written = 0;

    std::unordered_set<std::int64_t>& previous = d->lastScrapeSeries[std::string(target)];
    SqliteTransaction transaction(*d->writer);
    try {
        for (const detail::ScrapeSample& sample : samples) {
            const std::optional<std::int64_t> id = d->seriesId(sample.labels, sample.counter);
            if (!id)
                continue;
            d->writeSample(*id, d->counterById.at(*id), timestampMs, sample.value);
            seen.insert(*id);
            ++written;
        }
        for (std::int64_t id : previous) {
            if (!seen.contains(id) && d->counterById.contains(id)) {
                d->writeRaw(id, timestampMs, promql::staleMarker());
                ++written;
            }
        }
        transaction.commit();
    } catch (...) {
        d->writer->rollback();
        d->reloadAfterFailedWrite();
        throw;
    }
    previous = std::move(seen);
    return written;
}

std::size_t MetricHistory::append(const std::vector<promql::Series>& series)
{
    for (const promql::Series& one : series) {
        if (one.labels.get(promql::kMetricNameLabel).empty()) {
            throw std::invalid_argument("series " + one.labels.toString()
                                        + " has no metric name; set its __name__ label");
        }
    }

    std::lock_guard lock(d->writeMutex);
    std::size_t written = 0;
    SqliteTransaction transaction(*d->writer);
    try {
        for (const promql::Series& one : series) {
            const bool counter = detail::nameLooksLikeCounter(one.labels.get(promql::kMetricNameLabel));
            const std::optional<std::int64_t> id = d->seriesId(one.labels, counter);
            if (!id) {
                // seriesId() counted one dropped sample.
                d->droppedSamples += one.samples.empty() ? 0 : one.samples.size() - 1;
                continue;
            }
            const bool storedAsCounter = d->counterById.at(*id);
            for (const promql::Sample& sample : one.samples) {
                d->writeSample(*id, storedAsCounter, sample.timestampMs, sample.value);
                ++written;
            }
        }
        transaction.commit();
    } catch (...) {
        d->writer->rollback();
        d->reloadAfterFailedWrite();
        throw;
    }
    return written;
}

CompactionResult MetricHistory::compact()
{
    std::lock_guard lock(d->writeMutex);
    const std::int64_t now = d->now();
    const std::vector<HistoryTier>& tiers = d->options.tiers;
    CompactionResult result;
    result.deletedSamples.assign(tiers.size(), 0);

    std::vector<std::int64_t> ids;
    ids.reserve(d->counterById.size());
    for (const auto& [id, counter] : d->counterById)
        ids.push_back(id);

    SqliteTransaction transaction(*d->writer);
    SqliteDatabase& db = *d->writer;
    SqliteStatement& deleteRaw = db.prepare("DELETE FROM history_raw WHERE series_id = ?1 AND time_ms < ?2");
    SqliteStatement& deleteRollup =
        db.prepare("DELETE FROM history_rollup WHERE tier = ?1 AND series_id = ?2 AND bucket_ms <= ?3");
    SqliteStatement& changes = db.prepare("SELECT changes()");
    auto countChanges = [&changes] {
        changes.step();
        const std::int64_t count = changes.integer(0);
        changes.reset();
        return count;
    };

    const std::int64_t rawCutoff = now - tiers[0].retentionMs - marginOf(tiers[0]);
    for (std::int64_t id : ids) {
        deleteRaw.bind(1, id).bind(2, rawCutoff).run();
        result.deletedSamples[0] += countChanges();
        for (std::size_t tier = 1; tier < tiers.size(); ++tier) {
            // A bucket goes once all of it is older than the cutoff.
            const std::int64_t cutoff = now - tiers[tier].retentionMs - marginOf(tiers[tier]);
            deleteRollup.bind(1, static_cast<std::int64_t>(tier))
                .bind(2, id)
                .bind(3, cutoff - tiers[tier].resolutionMs)
                .run();
            result.deletedSamples[tier] += countChanges();
        }
    }

    SqliteStatement& rawExists = db.prepare("SELECT 1 FROM history_raw WHERE series_id = ?1 LIMIT 1");
    SqliteStatement& rollupExists =
        db.prepare("SELECT 1 FROM history_rollup WHERE tier = ?1 AND series_id = ?2 LIMIT 1");
    SqliteStatement& deleteSeries = db.prepare("DELETE FROM history_series WHERE id = ?1");
    std::vector<std::int64_t> emptySeries;
    for (std::int64_t id : ids) {
        bool hasSamples = rawExists.bind(1, id).step();
        rawExists.reset();
        for (std::size_t tier = 1; tier < tiers.size() && !hasSamples; ++tier) {
            hasSamples = rollupExists.bind(1, static_cast<std::int64_t>(tier)).bind(2, id).step();
            rollupExists.reset();
        }
        if (!hasSamples) {
            deleteSeries.bind(1, id).run();
            emptySeries.push_back(id);
        }
    }
    transaction.commit();

    for (std::int64_t id : emptySeries) {
        d->counterById.erase(id);
        d->counters.erase(id);
        for (auto& [target, seen] : d->lastScrapeSeries)
            seen.erase(id);
        d->removeFromCatalogue(id);
    }
    std::erase_if(d->idByKey, [&](const auto& entry) { return !d->counterById.contains(entry.second); });
    result.deletedSeries = emptySeries.size();

    log::debug(kLogCategory, "metric history compacted",
               {{"deleted_raw", result.deletedSamples[0]}, {"deleted_series", result.deletedSeries}});
    return result;
}

std::size_t MetricHistory::tierFor(std::int64_t minTimeMs) const
{
    const std::int64_t now = d->now();
    const std::vector<HistoryTier>& tiers = d->options.tiers;
    for (std::size_t tier = 0; tier < tiers.size(); ++tier) {
        if (minTimeMs >= now - tiers[tier].retentionMs - marginOf(tiers[tier]))
            return tier;
    }
    return tiers.size() - 1;
}

std::int64_t MetricHistory::resolutionOf(std::size_t tier) const
{
    if (tier >= d->options.tiers.size())
        throw std::out_of_range("history tier " + std::to_string(tier) + " does not exist");
    return tier == 0 ? d->options.scrapeIntervalMs : d->options.tiers[tier].resolutionMs;
}

std::vector<promql::Series> MetricHistory::select(const std::vector<promql::LabelMatcher>& matchers,
                                                  std::int64_t minTimeMs, std::int64_t maxTimeMs) const
{
    return selectTier(tierFor(minTimeMs), matchers, minTimeMs, maxTimeMs);
}

namespace {

promql::Sample makeSample(const SqliteStatement& statement)
{
    return {statement.integer(0), readValue(statement, 1)};
}

BandSample makeBandSample(const SqliteStatement& statement)
{
    return {statement.integer(0), readValue(statement, 1), readValue(statement, 2), readValue(statement, 3)};
}

} // namespace

std::vector<promql::Series> MetricHistory::selectTier(std::size_t tier,
                                                      const std::vector<promql::LabelMatcher>& matchers,
                                                      std::int64_t minTimeMs, std::int64_t maxTimeMs) const
{
    std::vector<promql::Series> result;
    for (auto& [labels, samples] : d->readTier(tier, matchers, minTimeMs, maxTimeMs, &makeSample))
        result.push_back({std::move(labels), std::move(samples)});
    return result;
}

std::vector<BandSeries> MetricHistory::selectBands(const std::vector<promql::LabelMatcher>& matchers,
                                                   std::int64_t minTimeMs, std::int64_t maxTimeMs) const
{
    std::vector<BandSeries> result;
    for (auto& [labels, samples] : d->readTier(tierFor(minTimeMs), matchers, minTimeMs, maxTimeMs, &makeBandSample))
        result.push_back({std::move(labels), std::move(samples)});
    return result;
}

std::vector<promql::Labels> MetricHistory::seriesLabels(const std::vector<promql::LabelMatcher>& matchers) const
{
    std::vector<promql::Labels> result;
    for (CatalogueEntry& entry : d->matching(matchers))
        result.push_back(std::move(entry.labels));
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<std::string> MetricHistory::metricNames() const
{
    std::vector<std::string> names;
    {
        std::shared_lock lock(d->catalogueMutex);
        for (const auto& [name, ids] : d->idsByName)
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

HistoryStats MetricHistory::stats() const
{
    HistoryStats stats;
    {
        std::shared_lock lock(d->catalogueMutex);
        stats.series = d->catalogue.size();
    }

    std::unique_ptr<SqliteDatabase> reader = d->acquireReader();
    reader->execute("BEGIN");
    try {
        SqliteStatement& raw = reader->prepare("SELECT count(*) FROM history_raw");
        raw.step();
        stats.samplesPerTier.push_back(raw.integer(0));
        raw.reset();
        SqliteStatement& rollup = reader->prepare("SELECT count(*) FROM history_rollup WHERE tier = ?1");
        for (std::size_t tier = 1; tier < d->options.tiers.size(); ++tier) {
            rollup.bind(1, static_cast<std::int64_t>(tier));
            rollup.step();
            stats.samplesPerTier.push_back(rollup.integer(0));
            rollup.reset();
        }
        stats.usedPages = reader->pragmaInteger("page_count") - reader->pragmaInteger("freelist_count");
        reader->execute("COMMIT");
    } catch (...) {
        reader->rollback();
        throw;
    }
    stats.databaseBytes = reader->fileBytes();
    d->releaseReader(std::move(reader));

    std::lock_guard lock(d->writeMutex);
    stats.droppedSamples = d->droppedSamples;
    return stats;
}

} // namespace umg
