#include "history/historyrecorder.h"

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <prometheus/metric_family.h>

#include "history/metrichistory.h"
#include "util/log.h"

namespace umg {

namespace {

constexpr std::string_view kLogCategory = "history";

} // namespace

struct HistoryRecorder::Private {
    MetricHistory& history;
    std::vector<std::shared_ptr<prometheus::Collectable>> collectables;
    HistoryRecorderOptions options;

    // Serialises start() and stop().
    std::mutex controlMutex;
    std::thread thread;

    std::mutex stateMutex;
    std::condition_variable wake;
    bool stopRequested = false;
    bool running = false;
    HistoryRecorderStats stats;
    log::RateLimiter failureWarnings{10, 100};

    Private(MetricHistory& h, std::vector<std::shared_ptr<prometheus::Collectable>> c, HistoryRecorderOptions o)
        : history(h), collectables(std::move(c)), options(std::move(o))
    {
    }

    std::size_t scrape();
    void run();
    void recordFailure(std::string_view operation, const std::exception& error);
};

std::size_t HistoryRecorder::Private::scrape()
{
    std::vector<prometheus::MetricFamily> families;
    for (const auto& collectable : collectables) {
        std::vector<prometheus::MetricFamily> part = collectable->Collect();
        families.insert(families.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    const std::int64_t timestampMs = history.nowMs();
    const std::size_t written = history.recordScrape(families, timestampMs, options.target);

    std::lock_guard lock(stateMutex);
    ++stats.scrapes;
    stats.samples += written;
    stats.lastScrapeMs = timestampMs;
    return written;
}

void HistoryRecorder::Private::recordFailure(std::string_view operation, const std::exception& error)
{
    {
        std::lock_guard lock(stateMutex);
        ++stats.failures;
        stats.lastError = error.what();
    }
    if (failureWarnings.allow()) {
        log::warning(kLogCategory, std::string(operation) + " failed; retrying at the next interval",
                     {{"target", options.target}, {"error", error.what()}, {"failures", failureWarnings.count()}});
    }
}

void HistoryRecorder::Private::run()
{
    using Clock = std::chrono::steady_clock;
    Clock::time_point nextScrape = Clock::now();
    Clock::time_point nextCompaction = Clock::now() + options.compactionInterval;

    std::unique_lock lock(stateMutex);
    while (!stopRequested) {
        lock.unlock();
        const Clock::time_point now = Clock::now();
        if (now >= nextScrape) {
            try {
                scrape();
            } catch (const std::exception& error) {
                recordFailure("recording a metric scrape", error);
            }
            // Scrapes stay on schedule. After a stall the missed ones are skipped, not run back to back.
            nextScrape += options.scrapeInterval;
            if (nextScrape <= now)
                nextScrape = now + options.scrapeInterval;
        }
        if (now >= nextCompaction) {
            try {
                history.compact();
                std::lock_guard statsLock(stateMutex);
                ++stats.compactions;
            } catch (const std::exception& error) {
                recordFailure("compacting the metric history", error);
            }
            nextCompaction = now + options.compactionInterval;
        }
        lock.lock();
        wake.wait_until(lock, std::min(nextScrape, nextCompaction), [this] { return stopRequested; });
    }
}

HistoryRecorder::HistoryRecorder(MetricHistory& history,
                                 std::vector<std::shared_ptr<prometheus::Collectable>> collectables,
                                 HistoryRecorderOptions options)
{
    if (options.scrapeInterval.count() <= 0) {
        throw std::invalid_argument("scrape interval is " + std::to_string(options.scrapeInterval.count())
                                    + " ms; it must be positive");
    }
    if (options.compactionInterval.count() <= 0) {
        throw std::invalid_argument("compaction interval is " + std::to_string(options.compactionInterval.count())
                                    + " ms; it must be positive");
    }
    for (std::size_t i = 0; i < collectables.size(); ++i) {
        if (!collectables[i])
            throw std::invalid_argument("collectable " + std::to_string(i) + " is null; pass a registry or collectable");
    }
    d = std::make_unique<Private>(history, std::move(collectables), std::move(options));
}

HistoryRecorder::~HistoryRecorder()
{
    stop();
}

void HistoryRecorder::start()
{
    std::lock_guard control(d->controlMutex);
    if (d->thread.joinable())
        return;
    {
        std::lock_guard lock(d->stateMutex);
        d->stopRequested = false;
        d->running = true;
    }
    d->thread = std::thread([this] { d->run(); });
    log::info(kLogCategory, "metric recorder started",
              {{"target", d->options.target},
               {"interval_ms", static_cast<std::int64_t>(d->options.scrapeInterval.count())},
               {"path", d->history.path()}});
}

void HistoryRecorder::stop()
{
    std::lock_guard control(d->controlMutex);
    if (!d->thread.joinable())
        return;
    {
        std::lock_guard lock(d->stateMutex);
        d->stopRequested = true;
    }
    d->wake.notify_all();
    d->thread.join();
    std::uint64_t scrapes = 0;
    {
        std::lock_guard lock(d->stateMutex);
        d->running = false;
        scrapes = d->stats.scrapes;
    }
    log::info(kLogCategory, "metric recorder stopped", {{"target", d->options.target}, {"scrapes", scrapes}});
}

bool HistoryRecorder::isRunning() const
{
    std::lock_guard lock(d->stateMutex);
    return d->running;
}

std::size_t HistoryRecorder::scrapeOnce()
{
    return d->scrape();
}

HistoryRecorderStats HistoryRecorder::stats() const
{
    std::lock_guard lock(d->stateMutex);
    return d->stats;
}

} // namespace umg
