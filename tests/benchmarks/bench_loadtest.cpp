// Load-test benchmark: the highest rate the embedded engine sustains on this
// machine, and a full run at that rate.
//
//   bench_loadtest [--rate N] [--duration SECONDS] [--probe-seconds SECONDS]
//                  [--devices N] [--threads N] [--connections N] [--in-memory]
//                  [--work-dir DIR]
//
// Without --rate it first probes rates (50,000 events/s, doubling, then two
// bisection steps) with short runs on fresh engines. A rate is sustainable
// when the engine processes at least 97 % of it after the ramp-up, P95
// latency stays below 100 ms and at most 1 % of the schedule falls behind.
// The full run then uses the highest sustainable rate. Each run gets a fresh
// engine with its journal database in the work folder (or in memory with
// --in-memory), like the console's embedded engine.
//
// Memory figures are of the whole process: the engine, and also the load
// generator's own state (about 40 bytes per device) and queued batches.
// It prints the figures; it is not a test and asserts nothing.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "loadtest/loadtestrun.h"
#include "metrics/processmetrics.h"
#include "util/log.h"

using namespace umg;

namespace {

struct Settings {
    double rate = 0; // 0 probes for the highest sustainable rate
    int durationSeconds = 60;
    int probeSeconds = 12;
    std::uint64_t devices = 1'000'000;
    unsigned threads = 0;
    std::uint32_t connections = 2;
    bool inMemory = false;
    std::string workDir = std::filesystem::temp_directory_path() / "umg-bench-loadtest";
};

[[noreturn]] void usage(const char* problem)
{
    std::fprintf(stderr,
                 "bench_loadtest: %s\nusage: bench_loadtest [--rate N] [--duration SECONDS] [--probe-seconds SECONDS] "
                 "[--devices N] [--threads N] [--connections N] [--in-memory] [--work-dir DIR]\n",
                 problem);
    std::exit(2);
}

Settings parse(int argc, char** argv)
{
    Settings settings;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        if (name == "--in-memory") {
            settings.inMemory = true;
            continue;
        }
        if (i + 1 >= argc)
            usage(("option " + name + " needs a value").c_str());
        const std::string value = argv[++i];
        if (name == "--rate")
            settings.rate = std::stod(value);
        else if (name == "--duration")
            settings.durationSeconds = std::stoi(value);
        else if (name == "--probe-seconds")
            settings.probeSeconds = std::stoi(value);
        else if (name == "--devices")
            settings.devices = std::stoull(value);
        else if (name == "--threads")
            settings.threads = static_cast<unsigned>(std::stoul(value));
        else if (name == "--connections")
            settings.connections = static_cast<std::uint32_t>(std::stoul(value));
        else if (name == "--work-dir")
            settings.workDir = value;
        else
            usage(("unknown option " + name).c_str());
    }
    return settings;
}

LoadTestResult runAt(const Settings& settings, double rate, int seconds, const std::string& label)
{
    LoadTestOptions options;
    options.profile.name = label;
    options.profile.target = "embedded";
    options.profile.rate = rate;
    options.profile.durationMs = seconds * 1000LL;
    options.profile.rampUpMs = std::min<std::int64_t>(5000, options.profile.durationMs / 4);
    options.profile.batchSize = 2000;
    options.profile.connections = settings.connections;
    options.profile.workload.devices = settings.devices;
    options.engineOptions.config.workerThreads = settings.threads;
    if (!settings.inMemory) {
        std::filesystem::create_directories(settings.workDir);
        const std::string database = settings.workDir + "/" + label + ".db";
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(database + suffix);
        options.engineOptions.databasePath = database;
    }
    LoadTestRun run(std::move(options));
    run.start();
    run.wait();
    return run.result();
}

bool sustainable(const LoadTestResult& result, double rate)
{
    const LoadTestFigures& f = result.figures;
    const double behind = f[Figure::EventsBehindSchedule] / std::max(1.0, f[Figure::EventsSent]);
    return result.outcome == LoadTestOutcome::Completed && f[Figure::Throughput] >= 0.97 * rate
        && f[Figure::LatencyP95] < 100.0 && behind <= 0.01;
}

void printProbe(double rate, const LoadTestResult& result, bool ok)
{
    const LoadTestFigures& f = result.figures;
    std::printf("| %s | %s | %s | %s | %s | %s |\n", formatFigure(rate, 0).c_str(),
                formatFigure(f[Figure::Throughput], 0).c_str(), formatFigure(f[Figure::LatencyP95], 2).c_str(),
                formatFigure(f[Figure::EventsBehindSchedule], 0).c_str(), formatFigure(f[Figure::CpuCores], 2).c_str(),
                ok ? "yes" : "no");
    std::fflush(stdout);
}

double probe(const Settings& settings)
{
    std::printf("Probing for the highest sustainable rate (%d s per probe, %s devices):\n\n", settings.probeSeconds,
                formatFigure(static_cast<double>(settings.devices), 0).c_str());
    std::printf("| rate (events/s) | throughput | P95 ms | behind schedule | CPU cores | sustainable |\n");
    std::printf("|---:|---:|---:|---:|---:|:--|\n");
    double good = 0;
    double bad = 0;
    for (double rate = 50'000; rate <= 3'200'000; rate *= 2) {
        const LoadTestResult result = runAt(settings, rate, settings.probeSeconds, "probe");
        const bool ok = sustainable(result, rate);
        printProbe(rate, result, ok);
        if (!ok) {
            bad = rate;
            break;
        }
        good = rate;
    }
    for (int step = 0; step < 2 && bad > 0 && good > 0; ++step) {
        const double rate = (good + bad) / 2;
        const LoadTestResult result = runAt(settings, rate, settings.probeSeconds, "probe");
        const bool ok = sustainable(result, rate);
        printProbe(rate, result, ok);
        (ok ? good : bad) = rate;
    }
    std::printf("\n");
    return good;
}

void printFigure(const LoadTestResult& result, Figure figure)
{
    const FigureInfo& info = figureInfo(figure);
    const double value = result.figures[figure];
    if (info.unit == "bytes")
        std::printf("| %s | %s MiB |\n", std::string(info.name).c_str(), formatFigure(value / 1048576.0, 1).c_str());
    else
        std::printf("| %s | %s %s |\n", std::string(info.name).c_str(), formatFigure(value, info.decimals).c_str(),
                    std::string(info.unit).c_str());
}

} // namespace

int main(int argc, char** argv)
{
    const Settings settings = parse(argc, argv);
    log::setMinimumLevel(log::Level::Warning);

    double rate = settings.rate;
    if (rate <= 0) {
        rate = probe(settings);
        if (rate <= 0) {
            std::fprintf(stderr, "bench_loadtest: not even 50,000 events/s were sustainable on this machine\n");
            return 1;
        }
    }

    std::printf("Full run: %s events/s for %d s against the embedded engine (%s, %s devices)\n\n",
                formatFigure(rate, 0).c_str(), settings.durationSeconds,
                settings.inMemory ? "in memory" : ("journal in " + settings.workDir).c_str(),
                formatFigure(static_cast<double>(settings.devices), 0).c_str());
    const LoadTestResult result = runAt(settings, rate, settings.durationSeconds, "full");
    std::printf("| figure | value |\n|---|---:|\n");
    for (const Figure figure :
         {Figure::Throughput, Figure::PeakThroughput, Figure::OfferedRate, Figure::LatencyP50, Figure::LatencyP75,
          Figure::LatencyP90, Figure::LatencyP95, Figure::LatencyP99, Figure::ErrorRate, Figure::Accuracy,
          Figure::CpuCores, Figure::PeakCpuCores, Figure::BaselineResidentBytes, Figure::PeakResidentBytes,
          Figure::ResidentGrowthBytes, Figure::TrackedDevices, Figure::PeakBytesPerMillionDevices,
          Figure::MaxQueueDepth, Figure::BackpressureWaits, Figure::EventsSent, Figure::EventsBehindSchedule})
        printFigure(result, figure);
    const double devices = result.figures[Figure::TrackedDevices];
    if (devices > 0) {
        std::printf("| Resident memory growth per million devices | %s MiB |\n",
                    formatFigure(result.figures[Figure::ResidentGrowthBytes] / 1048576.0 / (devices / 1e6), 1).c_str());
    }
    std::printf("| Peak resident memory of the process (VmHWM) | %s MiB |\n",
                formatFigure(static_cast<double>(ProcessMetrics::read().peakResidentBytes) / 1048576.0, 1).c_str());
    std::printf("\nOutcome: %s. %s\nLatency percentiles from %s.\n", std::string(toString(result.outcome)).c_str(),
                result.message.c_str(), result.latencyMethod.c_str());
    return 0;
}
