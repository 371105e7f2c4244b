#include "node/commands.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "metrics/metricsserver.h"
#include "metrics/processmetrics.h"
#include "node/arguments.h"
#include "runtime/engine.h"
#include "runtime/filereplay.h"
#include "storage/store.h"
#include "util/jsonwriter.h"
#include "util/log.h"

namespace umg::node {

const char* const kReplayUsage = R"(usage: unmogrowp-node replay FILE... [options]

Replays event files (NDJSON, CSV or TalkingData) through the engine and prints a summary.

  --format ndjson|csv|talkingdata   input format (default: detected from line 1)
  --order auto|file|time            event order (default auto: time for TalkingData)
  --db PATH                         SQLite database for the journal and results
                                    (default: a temporary database, removed afterwards)
  --threads N                       attribution worker threads (default: one per core)
  --config FILE                     attribution rules and limits as JSON
  --metrics-listen HOST:PORT        serve Prometheus /metrics while running
  --installs-csv PATH               write one row per install in the database
  --summary-json PATH               write the summary as JSON
  --rate EVENTS_PER_SECOND          replay no faster than this
  --max-line-bytes N                reject longer lines (default 65536)
  --max-label-values N              distinct app and customer label values per metric (default 200)
  --log-level debug|info|warning|error
                                    lowest level of the log lines on stderr
                                    (default info; warning with --quiet)
  --quiet                           print no summary or progress
  --no-progress                     print no progress line
  Exit status: 0 when the files were replayed, 1 on failure, 2 for invalid usage,
  130 when stopped by SIGINT or SIGTERM.
)";

namespace {

std::atomic<bool> s_interrupted{false};

void onInterrupt(int) { s_interrupted.store(true); }

std::string withSeparators(std::uint64_t value)
{
    std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

std::string csvField(std::string_view value)
{
    if (value.find_first_of(",\"\n\r") == std::string_view::npos)
        return std::string(value);
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void writeInstallsCsv(const std::string& databasePath, const std::string& csvPath)
{
    std::ofstream out(csvPath, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::runtime_error("cannot write the installs report " + csvPath + ": check that its folder exists and is writable");
    out << "install_event_id,app_id,install_time,kind,attributed_touch_event_id,attributed_touch_type,match_method,"
           "media_source,campaign,ctit_seconds,fraud_flags\n";
    Store store(databasePath, Store::Mode::ReadOnly);
    store.forEachInstall([&](const InstallRow& row) {
        const bool touched = row.matchMethod != MatchMethod::None;
        char ctit[32] = "";
        if (touched)
            std::snprintf(ctit, sizeof ctit, "%.3f", static_cast<double>(row.ctitMs) / 1000.0);
        out << csvField(row.installEventId) << ',' << csvField(row.appId) << ',' << formatRfc3339(row.installTimeMs)
            << ',' << toString(row.kind) << ',' << (touched ? csvField(row.touchEventId) : "") << ','
            << (touched ? toString(row.touchType) : "") << ',' << toString(row.matchMethod) << ','
            << (touched ? csvField(row.touch.mediaSource) : "") << ',' << (touched ? csvField(row.touch.campaign) : "")
            << ',' << ctit << ',' << formatFraudFlags(row.fraudFlags) << '\n';
    });
    out.flush();
    if (!out)
        throw std::runtime_error("cannot write the installs report " + csvPath + ": the write failed (disk full?)");
}

struct Summary {
    ReplayResult replay;
    EngineSnapshot snapshot;
    std::vector<std::string> files;
    std::string database;
};

double agreementPercent(const ShardStats& totals)
{
    return totals.referenceInstalls > 0
        ? 100.0 * static_cast<double>(totals.referenceAgreements) / static_cast<double>(totals.referenceInstalls)
        : 0.0;
}

std::string summaryJson(const Summary& summary)
{
    const ShardStats& t = summary.snapshot.totals;
    const ReplayResult& r = summary.replay;
    const std::int64_t installs = t.installsByKind[0] + t.installsByKind[1];
    const std::int64_t attributed = t.installsByStatus[static_cast<std::size_t>(InstallStatus::Attributed)];
    const std::int64_t organic = t.installsByStatus[static_cast<std::size_t>(InstallStatus::Organic)];
    const std::int64_t fraudRejected = t.installsByStatus[static_cast<std::size_t>(InstallStatus::FraudRejected)];
    const double eventsPerSecond = r.elapsedSeconds > 0 ? static_cast<double>(r.eventsRead) / r.elapsedSeconds : 0.0;

    JsonWriter json(true);
    json.beginObject();
    json.key("files").beginArray();
    for (const std::string& file : summary.files)
        json.value(file);
    json.endArray();
    json.field("lines_read", r.linesRead);
    json.field("events_read", r.eventsRead);
    json.field("events_accepted", summary.snapshot.eventsAccepted);
    json.field("events_duplicate", summary.snapshot.eventsDuplicate);
    json.field("events_rejected", static_cast<std::uint64_t>(r.linesRejected + summary.snapshot.eventsTooOld));
    json.key("rejected_by_reason").beginObject();
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason) {
        std::uint64_t count = r.rejectedByReason[reason];
        if (static_cast<RejectReason>(reason) == RejectReason::TooOld)
            count += static_cast<std::uint64_t>(summary.snapshot.eventsTooOld);
        if (count > 0)
            json.field(toString(static_cast<RejectReason>(reason)), count);
    }
    json.endObject();
    json.key("rejected_examples").beginArray();
    for (const auto& [reason, examples] : r.examples) {
        for (const std::string& example : examples)
            json.value(example);
    }
    json.endArray();
    json.field("installs", installs);
    json.field("installs_new", t.installsByKind[0]);
    json.field("installs_reinstall", t.installsByKind[1]);
    json.field("installs_attributed", attributed);
    json.field("installs_organic", organic);
    json.field("installs_fraud_rejected", fraudRejected);
    json.key("installs_by_match_method").beginObject();
    json.field("device_id", t.installsByMethod[0]);
    json.field("fingerprint", t.installsByMethod[1]);
    json.field("none", t.installsByMethod[2]);
    json.endObject();
    json.key("fraud_flags").beginObject();
    for (int bit = 0; bit < kFraudFlagCount; ++bit)
        json.field(fraudFlagName(bit), t.fraudFlags[static_cast<std::size_t>(bit)]);
    json.endObject();
    json.field("reference_installs", t.referenceInstalls);
    json.field("reference_agreements", t.referenceAgreements);
    json.field("reference_agreement_percent", agreementPercent(t));
    json.field("in_app_events_attributed", t.inAppAttributed);
    json.field("in_app_events_unattributed", t.inAppUnattributed);
    json.field("revisions", t.revisions);
    json.field("late_events", t.lateEvents);
    json.field("elapsed_seconds", r.elapsedSeconds);
    json.field("events_per_second", eventsPerSecond);
    json.key("latency_ms").beginObject();
    json.field("p50", summary.snapshot.latency.p50);
    json.field("p95", summary.snapshot.latency.p95);
    json.field("p99", summary.snapshot.latency.p99);
    json.field("max", summary.snapshot.latency.max);
    json.endObject();
    json.field("worker_threads", summary.snapshot.workers);
    json.field("tracked_devices", summary.snapshot.totals.trackedDevices);
    json.field("peak_resident_bytes", ProcessMetrics::read().peakResidentBytes);
    json.field("database", summary.database);
    json.key("notes").beginArray();
    for (const std::string& note : r.notes)
        json.value(note);
    json.endArray();
    json.field("cancelled", r.cancelled);
    json.endObject();
    return json.str() + "\n";
}

void printSummary(const Summary& summary, std::FILE* out)
{
    const ShardStats& t = summary.snapshot.totals;
    const ReplayResult& r = summary.replay;
    const std::int64_t installs = t.installsByKind[0] + t.installsByKind[1];
    auto line = [&](const char* label, const std::string& value) { std::fprintf(out, "  %-26s %s\n", label, value.c_str()); };
    auto count = [](std::int64_t value) { return withSeparators(static_cast<std::uint64_t>(std::max<std::int64_t>(0, value))); };

    std::fprintf(out, "%s %zu file%s in %.2f s\n", r.cancelled ? "Cancelled replay of" : "Replayed",
                 summary.files.size(), summary.files.size() == 1 ? "" : "s", r.elapsedSeconds);
    for (const std::string& note : r.notes)
        std::fprintf(out, "  note: %s\n", note.c_str());
    std::fprintf(out, "Events\n");
    line("lines read", withSeparators(r.linesRead));
    line("events read", withSeparators(r.eventsRead));
    line("accepted", count(summary.snapshot.eventsAccepted));
    line("  clicks", count(t.events[0][0]));
    line("  impressions", count(t.events[1][0]));
    line("  installs", count(t.events[2][0]));
    line("  in-app events", count(t.events[3][0]));
    line("duplicates (counted once)", count(summary.snapshot.eventsDuplicate));
    line("rejected", withSeparators(r.linesRejected + static_cast<std::uint64_t>(summary.snapshot.eventsTooOld)));
    for (std::size_t reason = 0; reason < kRejectReasonCount; ++reason) {
        std::uint64_t rejected = r.rejectedByReason[reason];
        if (static_cast<RejectReason>(reason) == RejectReason::TooOld)
            rejected += static_cast<std::uint64_t>(summary.snapshot.eventsTooOld);
        if (rejected == 0)
            continue;
        std::fprintf(out, "    %-24s %s\n", std::string(toString(static_cast<RejectReason>(reason))).c_str(),
                     withSeparators(rejected).c_str());
        auto examples = r.examples.find(static_cast<RejectReason>(reason));
        if (examples != r.examples.end()) {
            for (const std::string& example : examples->second)
                std::fprintf(out, "      %s\n", example.c_str());
        }
    }
    std::fprintf(out, "Installs\n");
    line("installs", count(installs));
    line("  new", count(t.installsByKind[0]));
    line("  reinstall", count(t.installsByKind[1]));
    line("  attributed", count(t.installsByStatus[0]));
    line("    by device id", count(t.installsByMethod[0] - 0));
    line("    by fingerprint", count(t.installsByMethod[1]));
    line("  organic", count(t.installsByStatus[1]));
    line("  rejected by fraud policy", count(t.installsByStatus[2]));
    std::fprintf(out, "Fraud flags\n");
    for (int bit = 0; bit < kFraudFlagCount; ++bit)
        line(std::string(fraudFlagName(bit)).c_str(), count(t.fraudFlags[static_cast<std::size_t>(bit)]));
    if (t.referenceInstalls > 0) {
        std::fprintf(out, "Reference attribution\n");
        line("installs with a reference", count(t.referenceInstalls));
        char agreement[64];
        std::snprintf(agreement, sizeof agreement, "%s (%.2f %%)", count(t.referenceAgreements).c_str(),
                      agreementPercent(t));
        line("agreeing", agreement);
    }
    std::fprintf(out, "Processing\n");
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.0f events/s", r.elapsedSeconds > 0 ? static_cast<double>(r.eventsRead) / r.elapsedSeconds : 0.0);
    line("throughput", rate);
    char latency[96];
    std::snprintf(latency, sizeof latency, "p50 %.2f ms, p95 %.2f ms, p99 %.2f ms", summary.snapshot.latency.p50,
                  summary.snapshot.latency.p95, summary.snapshot.latency.p99);
    line("latency", latency);
    line("revisions (late touches)", count(t.revisions));
    line("worker threads", std::to_string(summary.snapshot.workers));
    line("database", summary.database.empty() ? std::string("(temporary)") : summary.database);
}

void printProgress(const ReplayProgress& progress)
{
    const double percent = progress.totalBytes ? 100.0 * static_cast<double>(progress.bytesRead) / static_cast<double>(progress.totalBytes) : 0.0;
    const double rate = progress.elapsedSeconds > 0 ? static_cast<double>(progress.eventsRead) / progress.elapsedSeconds : 0.0;
    std::fprintf(stderr, "\r%5.1f %%  %s events  %s rejected  %.0f events/s  ", percent,
                 withSeparators(progress.eventsRead).c_str(), withSeparators(progress.linesRejected).c_str(), rate);
    std::fflush(stderr);
}

} // namespace

int runReplay(const std::vector<std::string>& args)
{
    const Arguments arguments(args,
                              {"--format", "--db", "--threads", "--metrics-listen", "--installs-csv", "--summary-json",
                               "--config", "--order", "--rate", "--max-line-bytes", "--log-level", "--max-label-values"},
                              {"--quiet", "--no-progress"});
    ReplayOptions options;
    options.files = arguments.positional();
    if (options.files.empty())
        throw UsageError("replay needs at least one event file");
    if (auto format = arguments.value("--format")) {
        options.format = parseInputFormat(*format);
        if (!options.format)
            throw UsageError("option --format is \"" + *format + "\"; use ndjson, csv or talkingdata");
    }
    if (auto order = arguments.value("--order")) {
        auto parsed = parseReplayOrder(*order);
        if (!parsed)
            throw UsageError("option --order is \"" + *order + "\"; use auto, file or time");
        options.order = *parsed;
    }
    options.limits.maxLineBytes = static_cast<std::size_t>(
        arguments.integer("--max-line-bytes", static_cast<long long>(options.limits.maxLineBytes), 256, 16 << 20));
    options.maxEventsPerSecond = arguments.number("--rate", 0, 0, 1e9);
    checkListenAddress(arguments, "--metrics-listen");
    checkOutputFile(arguments, "--summary-json");
    checkOutputFile(arguments, "--installs-csv");

    // --quiet keeps the warnings and errors; --log-level overrides it.
    const bool quiet = arguments.has("--quiet");
    if (quiet && log::minimumLevel() < log::Level::Warning)
        log::setMinimumLevel(log::Level::Warning);
    EngineOptions engineOptions = engineOptionsFrom(arguments);
    checkReplayFiles(options);

    // Without --db the results go to a temporary database, removed at the end.
    std::string temporaryDatabase;
    if (engineOptions.databasePath.empty()) {
        std::string pattern = (std::filesystem::temp_directory_path() / "unmogrowp-replay-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0)
            throw std::runtime_error("cannot create a temporary database in " + std::filesystem::temp_directory_path().string()
                                     + "; pass --db PATH");
        ::close(fd);
        std::filesystem::remove(pattern);
        temporaryDatabase = pattern + ".db";
        engineOptions.databasePath = temporaryDatabase;
    }
    struct TemporaryFiles {
        std::string path;
        ~TemporaryFiles()
        {
            if (path.empty())
                return;
            std::error_code ignored;
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(path + suffix, ignored);
        }
    } cleanup{temporaryDatabase};

    Engine engine(engineOptions);
    std::unique_ptr<MetricsServer> metricsServer;
    if (auto address = arguments.value("--metrics-listen"))
        metricsServer = std::make_unique<MetricsServer>(*address, engine.metrics().collectable());

    const bool showProgress = !quiet && !arguments.has("--no-progress") && isatty(STDERR_FILENO);
    if (showProgress)
        options.progress = printProgress;
    s_interrupted.store(false);
    options.cancel = &s_interrupted;
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);

    Summary summary;
    summary.files = options.files;
    summary.database = temporaryDatabase.empty() ? engineOptions.databasePath : std::string();
    try {
        summary.replay = replayFiles(engine, options);
    } catch (...) {
        std::signal(SIGINT, previousInt);
        std::signal(SIGTERM, previousTerm);
        throw;
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (showProgress)
        std::fprintf(stderr, "\n");
    summary.snapshot = engine.snapshot(false);
    engine.stop();
    if (engine.snapshot(false).storage.errors > 0 && !summary.snapshot.storage.lastError.empty())
        log::warning("storage", "the database reported errors during the replay", {{"error", summary.snapshot.storage.lastError}});

    // The summary is printed first, so that a file that cannot be written
    // after all does not hide the result.
    if (!quiet)
        printSummary(summary, stdout);
    if (auto csv = arguments.value("--installs-csv"))
        writeInstallsCsv(engineOptions.databasePath, *csv);
    if (auto path = arguments.value("--summary-json")) {
        std::ofstream out(*path, std::ios::binary | std::ios::trunc);
        out << summaryJson(summary);
        out.flush();
        if (!out)
            throw std::runtime_error("cannot write the summary " + *path + ": check that its folder exists and is writable");
    }
    return summary.replay.cancelled ? 130 : 0;
}

} // namespace umg::node
