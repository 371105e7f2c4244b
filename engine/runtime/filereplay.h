#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/eventparser.h"
#include "ingest/rejection.h"

namespace umg {

class Engine;

/// In which order a replay hands events to the engine.
enum class ReplayOrder {
    Auto, ///< Time for TalkingData files (the published sample is shuffled), File otherwise
    File, ///< as the lines come; the engine's allowed lateness absorbs small disorder
    Time, ///< sorted by event time first; holds the whole file in memory
};

std::optional<ReplayOrder> parseReplayOrder(std::string_view text);

struct ReplayProgress {
    std::string file;
    std::uint64_t bytesRead = 0;
    std::uint64_t totalBytes = 0; ///< over all files
    std::uint64_t linesRead = 0;
    std::uint64_t eventsRead = 0;
    std::uint64_t linesRejected = 0;
    double elapsedSeconds = 0;
};

struct ReplayOptions {
    std::vector<std::string> files;
    /// Format of every file; nullopt detects each file's format from its first line.
    std::optional<InputFormat> format;
    ReplayOrder order = ReplayOrder::Auto;
    ParseLimits limits;
    /// Parsing threads; 0 uses as many as the engine has workers.
    unsigned parseThreads = 0;
    /// Called on the replaying thread about every `progressInterval`.
    std::function<void(const ReplayProgress&)> progress;
    std::chrono::milliseconds progressInterval{200};
    /// Set to true from any thread to stop after the batch being read.
    const std::atomic<bool>* cancel = nullptr;
    /// Throttle: at most this many events per second (0: as fast as possible).
    double maxEventsPerSecond = 0;
    /// Rejected lines kept as examples per reason.
    std::size_t examplesPerReason = 5;
};

struct ReplayResult {
    std::uint64_t linesRead = 0;
    std::uint64_t eventsRead = 0; ///< events parsed and handed to the engine
    std::uint64_t linesRejected = 0;
    std::array<std::uint64_t, kRejectReasonCount> rejectedByReason{};
    /// First rejections of each reason, as `file:line: reason: detail`.
    std::map<RejectReason, std::vector<std::string>> examples;
    /// Explicit input rules that were applied (skipped header prefixes,
    /// time ordering), one sentence each.
    std::vector<std::string> notes;
    double elapsedSeconds = 0; ///< reading to flushed results
    bool cancelled = false;
};

/// Checks that every file exists, is readable, is not empty and has a
/// detectable format (and a valid CSV header), before anything is replayed.
/// Throws std::runtime_error naming the file and the fix.
void checkReplayFiles(const ReplayOptions& options);

/// Replays event files through `engine`: reads them in chunks, parses and
/// routes the chunks on several threads, submits them in file order (or
/// time order) with backpressure, records rejected lines, and waits until
/// the results are flushed. Throws std::runtime_error for a file that cannot
/// be read, and when the engine's database fails with an error that retrying
/// cannot fix (Engine::storageFailed()); rejected lines are results, not
/// errors.
ReplayResult replayFiles(Engine& engine, const ReplayOptions& options);

} // namespace umg
