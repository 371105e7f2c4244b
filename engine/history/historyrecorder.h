#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <prometheus/collectable.h>

namespace umg {

class MetricHistory;

struct HistoryRecorderOptions {
    /// Time between two scrapes.
    std::chrono::milliseconds scrapeInterval{1000};
    /// Time between two compactions of the history.
    std::chrono::milliseconds compactionInterval{60'000};
    /// Name under which scrapes are recorded (see MetricHistory::recordScrape).
    std::string target = "local";
};

struct HistoryRecorderStats {
    std::uint64_t scrapes = 0;
    std::uint64_t samples = 0;
    std::uint64_t compactions = 0;
    /// Scrapes or compactions that failed; the recorder keeps running.
    std::uint64_t failures = 0;
    /// Message of the latest failure, empty if there was none.
    std::string lastError;
    /// History time of the latest successful scrape (ms since the Unix epoch), 0 before the first.
    std::int64_t lastScrapeMs = 0;
};

/// Scrapes collectables at a fixed interval on its own thread and records
/// each scrape into a MetricHistory in one transaction; compacts the
/// history at a longer interval. Scrape times come from the history's
/// clock. A failed scrape is logged (rate-limited), counted in stats() and
/// retried at the next interval.
///
/// All member functions are thread-safe. The history and the collectables
/// must outlive the recorder or its stop().
class HistoryRecorder {
public:
    /// Throws std::invalid_argument for a non-positive interval or a null collectable.
    HistoryRecorder(MetricHistory& history, std::vector<std::shared_ptr<prometheus::Collectable>> collectables,
                    HistoryRecorderOptions options = {});
    /// Stops the thread.
    ~HistoryRecorder();
    HistoryRecorder(const HistoryRecorder&) = delete;
    HistoryRecorder& operator=(const HistoryRecorder&) = delete;

    /// Starts the thread, which scrapes at once and then every scrape
    /// interval. Does nothing if it is running.
    void start();
    /// Stops the thread and waits for a scrape in progress. Does nothing if
    /// it is stopped.
    void stop();
    bool isRunning() const;

    /// Scrapes every collectable once on the calling thread and records the
    /// result. Returns the number of samples written. Throws StoreError.
    std::size_t scrapeOnce();

    HistoryRecorderStats stats() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace umg
