#include "node/loadtestcommand.h"

#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>
#include <sstream>

#include "loadtest/loadtestrun.h"
#include "loadtest/loadteststore.h"
#include "model/timestamp.h"
#include "node/arguments.h"
#include "node/commands.h"

namespace umg::node {

const char* const kLoadTestUsage = R"(usage: unmogrowp-node loadtest --target TARGET|--profile FILE [options]
       unmogrowp-node loadtest --db PATH --list|--show ID|--compare ID,ID

Load-tests an engine, a node or a Kafka topic with a generated workload and checks the
performance targets (docs/LOAD-TESTING.md describes the profile file format).

  --target TARGET                   embedded, http://HOST:PORT or kafka://BROKERS/TOPIC
  --profile FILE                    settings from a profile file; the options below override them
  --rate EVENTS_PER_SECOND          rate after the ramp-up (default 10000)
  --ramp-up DURATION                time to climb linearly to the rate, such as 10s (default 10s)
  --duration DURATION               length of the run, ramp-up included (default 60s)
  --batch-size N                    events per request or submission (default 1000)
  --connections N                   parallel senders (default 4)
  --devices N                       device population (default 100000)
  --mix C,I,N,E                     shares of clicks, impressions, installs and in-app events
                                    (default 0.7,0.15,0.05,0.1)
  --organic-share F, --fraud-share F, --out-of-order-share F, --fingerprint-share F
                                    workload shares from 0 to 1
  --seed N                          workload seed; 0 picks a new one for every run (default 0)
  --name NAME                       name of the run in lists (default: the profile's, or "default")
  --status-url http://HOST:PORT     Kafka targets: the node that consumes the topic
  --token-file FILE                 bearer token of an HTTP target or status node
  --save-profile FILE               also write the settings as a profile file
  --summary-json PATH               write the validation summary and figures as JSON
  --db PATH                         SQLite database that stores the run (and lists runs)
  --engine-db PATH                  embedded target: journal database of its engine
                                    (default: in memory)
  --threads N, --config FILE, --max-label-values N
                                    embedded target: engine settings, as for replay
  --log-level LEVEL, --quiet, --no-progress
  --list                            with --db: list the stored runs, newest first
  --show ID                         with --db: print the summary of stored run ID
  --compare ID,ID                   with --db: compare two stored runs figure by figure
  Exit status: 0 when the run completed and met every target; 3 when it ran but missed a
  target or was stopped by SIGINT or SIGTERM; 1 when it failed; 2 for invalid usage.
)";

namespace {

std::string readTokenFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read token file " + path + ": check that it exists and is readable");
    std::string token;
    std::getline(file, token);
    while (!token.empty() && (token.back() == '\r' || token.back() == ' ' || token.back() == '\t'))
        token.pop_back();
    if (token.empty() || token.find_first_of(" \t%") != std::string::npos)
        throw std::runtime_error("token file " + path
                                 + " has no valid token on its first line; write the node's token there, "
                                   "without spaces or %");
    return token;
}

std::int64_t durationOption(const Arguments& arguments, const std::string& name, std::int64_t fallback)
{
    const auto text = arguments.value(name);
    if (!text)
        return fallback;
    const auto millis = parseDuration(*text);
    if (!millis)
        throw UsageError("option " + name + " is \"" + *text + "\"; use a duration such as 500ms, 10s, 5m or 1h");
    return *millis;
}

void applyMix(const std::string& text, WorkloadProfile& workload)
{
    double shares[4] = {};
    std::istringstream stream(text);
    std::string part;
    int count = 0;
    while (std::getline(stream, part, ',')) {
        std::size_t used = 0;
        double value = 0;
        try {
            value = std::stod(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (count >= 4 || used != part.size() || part.empty())
            count = 5;
        else
            shares[count++] = value;
    }
    if (count != 4) {
        throw UsageError("option --mix is \"" + text
                         + "\"; use four shares of clicks, impressions, installs and in-app events, such as "
                           "0.7,0.15,0.05,0.1");
    }
    workload.clickShare = shares[0];
    workload.impressionShare = shares[1];
    workload.installShare = shares[2];
    workload.inAppShare = shares[3];
}

LoadTestProfile profileFrom(const Arguments& arguments)
{
    if (!arguments.has("--profile") && !arguments.has("--target"))
        throw UsageError("loadtest needs --target embedded|http://HOST:PORT|kafka://BROKERS/TOPIC or --profile FILE");
    LoadTestProfile profile;
    if (auto file = arguments.value("--profile")) {
        try {
            profile = loadProfileFile(*file);
        } catch (const ProfileError& error) {
            throw UsageError(error.what());
        }
    }
    if (auto name = arguments.value("--name"))
        profile.name = *name;
    if (auto target = arguments.value("--target"))
        profile.target = *target;
    if (auto url = arguments.value("--status-url"))
        profile.statusUrl = *url;
    profile.rate = arguments.number("--rate", profile.rate, 1, LoadTestProfile::kMaxRate);
    profile.rampUpMs = durationOption(arguments, "--ramp-up", profile.rampUpMs);
    profile.durationMs = durationOption(arguments, "--duration", profile.durationMs);
    profile.batchSize = static_cast<std::uint32_t>(
        arguments.integer("--batch-size", profile.batchSize, 1, LoadTestProfile::kMaxBatchSize));
    profile.connections = static_cast<std::uint32_t>(
        arguments.integer("--connections", profile.connections, 1, LoadTestProfile::kMaxConnections));

    WorkloadProfile& workload = profile.workload;
    workload.seed = static_cast<std::uint64_t>(
        arguments.integer("--seed", static_cast<long long>(workload.seed), 0, 1LL << 62));
    workload.devices = static_cast<std::uint64_t>(
        arguments.integer("--devices", static_cast<long long>(workload.devices), 100, 1 << 24));
    if (auto mix = arguments.value("--mix"))
        applyMix(*mix, workload);
    workload.organicShare = arguments.number("--organic-share", workload.organicShare, 0, 1);
    workload.fraudShare = arguments.number("--fraud-share", workload.fraudShare, 0, 1);
    workload.outOfOrderShare = arguments.number("--out-of-order-share", workload.outOfOrderShare, 0, 1);
    workload.fingerprintShare = arguments.number("--fingerprint-share", workload.fingerprintShare, 0, 1);
    try {
        profile.validate();
    } catch (const ProfileError& error) {
        throw UsageError(std::string("invalid load-test settings: ") + error.what());
    }
    return profile;
}

std::string utcText(std::int64_t millis)
{
    return formatRfc3339(millis).substr(0, 19);
}

int listRuns(const LoadTestStore& store)
{
    const std::vector<LoadTestRunRow> rows = store.list();
    if (rows.empty()) {
        std::printf("no load-test runs in %s\n", store.path().c_str());
        return 0;
    }
    std::printf("%-6s %-19s  %-20s %-28s %-10s %-6s %14s %14s %10s %10s %9s %9s\n", "id", "started (UTC)", "name",
                "target", "outcome", "result", "rate", "throughput", "p95 ms", "p99 ms", "errors %", "accuracy");
    for (const LoadTestRunRow& row : rows) {
        std::printf("%-6lld %-19s  %-20.20s %-28.28s %-10s %-6s %14s %14s %10s %10s %9s %9s\n",
                    static_cast<long long>(row.id), utcText(row.startedAtMs).c_str(), row.name.c_str(),
                    row.target.c_str(), std::string(toString(row.outcome)).c_str(), row.passed ? "pass" : "FAIL",
                    formatFigure(row.rate, 0).c_str(), formatFigure(row.throughput, 0).c_str(),
                    formatFigure(row.latencyP95Ms, 2).c_str(), formatFigure(row.latencyP99Ms, 2).c_str(),
                    formatFigure(row.errorRatePercent, 3).c_str(), formatFigure(row.accuracyPercent, 3).c_str());
    }
    return 0;
}

LoadTestResult loadRun(const LoadTestStore& store, long long id)
{
    std::optional<LoadTestResult> result = store.load(id);
    if (!result)
        throw UsageError("there is no load-test run " + std::to_string(id) + " in " + store.path()
                         + "; --list shows the stored runs");
    return *result;
}

int compareRuns(const LoadTestStore& store, const std::string& ids)
{
    const std::size_t comma = ids.find(',');
    long long first = 0;
    long long second = 0;
    std::size_t used = 0;
    try {
        first = std::stoll(ids.substr(0, comma), &used);
        if (comma == std::string::npos || used != comma)
            throw std::invalid_argument(ids);
        second = std::stoll(ids.substr(comma + 1), &used);
        if (used != ids.size() - comma - 1)
            throw std::invalid_argument(ids);
    } catch (const std::exception&) {
        throw UsageError("option --compare is \"" + ids + "\"; use two run ids such as 4,7 (see --list)");
    }
    const LoadTestResult a = loadRun(store, first);
    const LoadTestResult b = loadRun(store, second);
    std::printf("%-36s %22s %22s %12s\n", "figure", ("run " + std::to_string(first)).c_str(),
                ("run " + std::to_string(second)).c_str(), "change");
    for (const ComparisonRow& row : compareResults(a, b)) {
        const FigureInfo& info = figureInfo(row.figure);
        std::string change = std::isnan(row.changePercent) ? "-" : formatFigure(row.changePercent, 1) + " %";
        if (row.better != 0)
            change += row.better > 0 ? " (better)" : " (worse)";
        std::printf("%-36s %22s %22s %12s\n", std::string(info.name).c_str(),
                    formatFigure(row.first, info.decimals).c_str(), formatFigure(row.second, info.decimals).c_str(),
                    change.c_str());
    }
    std::printf("%-36s %22s %22s\n", "result", a.passed() ? "pass" : "FAIL", b.passed() ? "pass" : "FAIL");
    return 0;
}

void printProgress(const LoadTestProgress& progress, bool terminal)
{
    const LoadTestSample& s = progress.latest;
    char line[400];
    std::snprintf(line, sizeof line,
                  "%5.0f s / %.0f s  %-10s  sent %s (%s/s)  processed %s/s  p50 %s p95 %s p99 %s ms  "
                  "success %s %%  errors %s %%  cpu %s  rss %s MiB  queue %s  backpressure %s/s",
                  progress.elapsedSeconds, progress.durationSeconds, std::string(toString(progress.phase)).c_str(),
                  formatFigure(static_cast<double>(progress.eventsSent), 0).c_str(),
                  formatFigure(s.sentPerSecond, 0).c_str(), formatFigure(s.processedPerSecond, 0).c_str(),
                  formatFigure(s.latencyP50Ms, 2).c_str(), formatFigure(s.latencyP95Ms, 2).c_str(),
                  formatFigure(s.latencyP99Ms, 2).c_str(), formatFigure(s.successRatePercent, 3).c_str(),
                  formatFigure(s.errorRatePercent, 3).c_str(), formatFigure(s.cpuCores, 2).c_str(),
                  formatFigure(s.residentBytes / 1048576.0, 0).c_str(), formatFigure(s.queueDepth, 0).c_str(),
                  formatFigure(s.backpressurePerSecond, 0).c_str());
    if (terminal)
        std::fprintf(stderr, "\r\033[K%s", line);
    else
        std::fprintf(stderr, "%s\n", line);
    std::fflush(stderr);
}

// Blocks SIGINT and SIGTERM in this thread and the threads it starts, so
// that the run's threads never take them and the progress loop can wait
// for them.
class StopSignals {
public:
    StopSignals()
    {
        sigemptyset(&m_signals);
        sigaddset(&m_signals, SIGINT);
        sigaddset(&m_signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
    }
    ~StopSignals() { pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    /// Waits up to `milliseconds`; returns the signal number, or 0.
    int wait(long milliseconds) const
    {
        timespec timeout{milliseconds / 1000, (milliseconds % 1000) * 1'000'000};
        const int received = sigtimedwait(&m_signals, nullptr, &timeout);
        return received > 0 ? received : 0;
    }

private:
    sigset_t m_signals;
    sigset_t m_previous;
};

void writeFile(const std::string& path, const std::string& content)
{
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << content;
    file.flush();
    if (!file)
        throw std::runtime_error("cannot write " + path + ": check that its folder exists and is writable");
}

} // namespace

int runLoadTest(const std::vector<std::string>& args)
{
    const Arguments arguments(
        args,
        {"--target", "--profile", "--rate", "--ramp-up", "--duration", "--batch-size", "--connections", "--devices",
         "--mix", "--organic-share", "--fraud-share", "--out-of-order-share", "--fingerprint-share", "--seed",
         "--name", "--status-url", "--token-file", "--save-profile", "--summary-json", "--db", "--engine-db",
         "--threads", "--config", "--max-label-values", "--log-level", "--show", "--compare"},
        {"--list", "--quiet", "--no-progress"});
    if (!arguments.positional().empty())
        throw UsageError("unexpected argument \"" + arguments.positional().front() + "\"; see --help");

    std::optional<LoadTestStore> store;
    if (auto db = arguments.value("--db"))
        store.emplace(*db);
    if (arguments.has("--list") || arguments.has("--show") || arguments.has("--compare")) {
        if (!store)
            throw UsageError("--list, --show and --compare read the runs stored with --db PATH; add --db");
        if (arguments.has("--list"))
            return listRuns(*store);
        if (auto ids = arguments.value("--compare"))
            return compareRuns(*store, *ids);
        const long long id = arguments.integer("--show", 0, 1, 1LL << 62);
        std::fputs(summaryTable(loadRun(*store, id)).c_str(), stdout);
        return 0;
    }

    checkOutputFile(arguments, "--summary-json");
    LoadTestOptions options;
    options.profile = profileFrom(arguments);
    if (auto file = arguments.value("--save-profile"))
        saveProfileFile(options.profile, *file);
    if (auto file = arguments.value("--token-file"))
        options.token = readTokenFile(*file);
    const bool embedded = options.profile.targetAddress().kind == LoadTargetKind::Embedded;
    if (!embedded && (arguments.has("--engine-db") || arguments.has("--threads") || arguments.has("--config")))
        throw UsageError("--engine-db, --threads and --config apply to --target embedded only");
    // Also applies --log-level. --db names the run store here, not the
    // engine's database.
    options.engineOptions = engineOptionsFrom(arguments);
    options.engineOptions.databasePath = arguments.value("--engine-db").value_or("");
    const bool quiet = arguments.has("--quiet");
    const bool terminal = isatty(STDERR_FILENO) != 0;
    const bool showProgress = !quiet && !arguments.has("--no-progress");

    const StopSignals signals;
    LoadTestRun run(std::move(options));
    run.start();
    int lastPrinted = -1;
    while (!run.wait(std::chrono::milliseconds(0))) {
        if (const int received = signals.wait(1000)) {
            if (showProgress && terminal)
                std::fputc('\n', stderr);
            std::fprintf(stderr, "unmogrowp-node loadtest: %s received; stopping after the batches in flight\n",
                         strsignal(received));
            run.stop();
        }
        const LoadTestProgress progress = run.progress();
        const int second = static_cast<int>(progress.elapsedSeconds);
        // Without a terminal a line every 10 s keeps logs short.
        if (showProgress && progress.phase != LoadTestPhase::Finished
            && (terminal || (second / 10 != lastPrinted / 10 && second > 0))) {
            printProgress(progress, terminal);
            lastPrinted = second;
        }
    }
    if (showProgress && terminal && lastPrinted >= 0)
        std::fputc('\n', stderr);

    LoadTestResult result = run.result();
    if (store) {
        result.id = store->save(result);
        if (!quiet)
            std::printf("stored as run %lld in %s\n", static_cast<long long>(result.id), store->path().c_str());
    }
    // The table is printed first, so that a file that cannot be written
    // after all does not hide the result.
    if (!quiet)
        std::fputs(summaryTable(result).c_str(), stdout);
    if (auto path = arguments.value("--summary-json"))
        writeFile(*path, summaryJson(result));

    if (result.outcome == LoadTestOutcome::Failed) {
        std::fprintf(stderr, "unmogrowp-node loadtest: %s\n", result.message.c_str());
        return 1;
    }
    return result.passed() ? 0 : kLoadTestTargetsMissed;
}

} // namespace umg::node
