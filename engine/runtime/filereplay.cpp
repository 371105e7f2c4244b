#include "runtime/filereplay.h"

#include <algorithm>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <future>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "ingest/linereader.h"
#include "runtime/engine.h"
#include "util/log.h"
#include "util/threadpool.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

struct FilePlan {
    std::string path;
    InputFormat format = InputFormat::Ndjson;
    std::size_t prefixBytes = 0;
    std::string header; // the CSV header line, without prefix
    std::uint64_t size = 0;
};

struct ParsedChunk {
    EventBatch events;
    std::vector<Rejection> rejections;
    std::uint64_t lines = 0;
    std::uint64_t bytes = 0;
    PreparedBatch prepared; // filled in file order mode
    LineChunk buffer;       // the chunk's buffer, handed back for reuse
};

std::string hexBytes(std::string_view bytes)
{
    std::string out;
    for (unsigned char c : bytes) {
        char buffer[4];
        std::snprintf(buffer, sizeof buffer, "%s%02x", out.empty() ? "" : " ", c);
        out += buffer;
    }
    return out;
}

// True when a line after the first one has more than blanks.
bool hasRowAfterHeader(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    file.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    char c = 0;
    while (file.get(c)) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return true;
    }
    return false;
}

FilePlan planFile(const std::string& path, const ReplayOptions& options)
{
    FilePlan plan;
    plan.path = path;
    LineReader reader(path, options.limits);
    plan.size = reader.fileSize();
    if (plan.size == 0)
        throw std::runtime_error(path + " is empty; pass a file with at least one event");
    const std::string first = reader.peekFirstLine();
    std::optional<DetectedFormat> detected = detectFormat(first);
    if (options.format) {
        plan.format = *options.format;
        if (detected && detected->format == plan.format)
            plan.prefixBytes = detected->prefixBytes;
        else if (plan.format != InputFormat::Ndjson)
            throw std::runtime_error(path + ": line 1 is not a " + std::string(toString(plan.format))
                                     + " header; check the file or the --format option");
    } else {
        if (!detected) {
            throw std::runtime_error(path
                                     + ": cannot detect the format: line 1 is neither a JSON object, a CSV header "
                                       "with an event_id column, nor the TalkingData header; pass --format "
                                       "ndjson|csv|talkingdata");
        }
        plan.format = detected->format;
        plan.prefixBytes = detected->prefixBytes;
    }
    if (plan.format == InputFormat::Csv) {
        plan.header = first.substr(plan.prefixBytes);
        if (!plan.header.empty() && plan.header.back() == '\r')
            plan.header.pop_back();
        try {
            makeCsvParser(plan.header, options.limits);
        } catch (const std::invalid_argument& error) {
            throw std::runtime_error(path + ": line 1: " + error.what());
        }
    }
    if (plan.format != InputFormat::Ndjson && !hasRowAfterHeader(path))
        throw std::runtime_error(path + " has only a header row; pass a file with at least one event");
    return plan;
}

std::unique_ptr<LineParser> parserFor(const FilePlan& plan, const ParseLimits& limits)
{
    if (plan.format == InputFormat::Csv)
        return makeCsvParser(plan.header, limits);
    return makeParser(plan.format, limits);
}

ParsedChunk parseChunk(const FilePlan& plan, const ParseLimits& limits, LineChunk&& chunk)
{
    ParsedChunk parsed;
    parsed.lines = chunk.lineCount;
    parsed.bytes = chunk.length;
    // Strings take at most the bytes of their lines, so the arena never grows.
    parsed.events.reserve(chunk.length / 200 + 16, chunk.length + 1024);
    std::unique_ptr<LineParser> parser = parserFor(plan, limits);

    auto tooLong = chunk.tooLongLines.begin();
    std::uint64_t lineNumber = chunk.firstLine;
    auto skipTooLong = [&] {
        while (tooLong != chunk.tooLongLines.end() && *tooLong == lineNumber) {
            Rejection rejection;
            rejection.source = plan.path;
            rejection.line = lineNumber;
            rejection.reason = RejectReason::LineTooLong;
            rejection.detail = "the line is longer than " + std::to_string(limits.maxLineBytes) + " bytes";
            parsed.rejections.push_back(std::move(rejection));
            ++tooLong;
            ++lineNumber;
        }
    };

    const char* data = chunk.data.data();
    const std::size_t end = chunk.length;
    std::size_t pos = 0;
    Rejection rejection;
    while (pos < end) {
        skipTooLong();
        const void* found = std::memchr(data + pos, '\n', end - pos);
        const std::size_t lineEnd = found ? static_cast<const char*>(found) - data : end;
        std::string_view line(data + pos, lineEnd - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
        if (!blank) {
            parser->setLineNumber(lineNumber);
            if (!parser->parseLine(line, chunk.data.size() - pos, parsed.events, rejection)) {
                rejection.source = plan.path;
                rejection.line = lineNumber;
                parsed.rejections.push_back(std::move(rejection));
                rejection = Rejection{};
            }
        }
        ++lineNumber;
        pos = lineEnd + 1;
    }
    skipTooLong();
    parsed.buffer = std::move(chunk);
    return parsed;
}

class Replayer {
public:
    Replayer(Engine& engine, const ReplayOptions& options) : m_engine(engine), m_options(options) {}

    ReplayResult run()
    {
        std::vector<FilePlan> plans;
        for (const std::string& path : m_options.files)
            plans.push_back(planFile(path, m_options));
        for (const FilePlan& plan : plans)
            m_totalBytes += plan.size;

        m_started = Clock::now();
        m_lastProgress = m_started;
        const unsigned threads = m_options.parseThreads ? m_options.parseThreads : m_engine.workerCount();
        ThreadPool pool(threads, "umg-parse");
        for (const FilePlan& plan : plans) {
            if (stopped())
                break;
            replayFile(plan, pool, threads);
        }
        m_result.cancelled = cancelled();
        // Waits in steps, so that a cancel ends the wait while commits fail.
        while (!m_engine.flush(std::chrono::milliseconds(200)) && !stopped()) {
        }
        if (m_engine.storageFailed()) {
            throw std::runtime_error("the replay stopped because the results cannot be stored: "
                                     + m_engine.snapshot(false).storage.fatalError);
        }
        m_result.elapsedSeconds = std::chrono::duration<double>(Clock::now() - m_started).count();
        reportProgress(true);
        return std::move(m_result);
    }

private:
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed); }
    bool stopped() const { return cancelled() || m_engine.storageFailed(); }

    void replayFile(const FilePlan& plan, ThreadPool& pool, unsigned threads)
    {
        m_currentFile = plan.path;
        LineReader reader(plan.path, m_options.limits);
        if (plan.prefixBytes > 0) {
            const std::string first = reader.peekFirstLine();
            const std::string note = plan.path + ": skipped " + std::to_string(plan.prefixBytes)
                + " bytes before the header on line 1 (hex " + hexBytes(std::string_view(first).substr(0, plan.prefixBytes))
                + "): a header may follow at most " + std::to_string(kMaxHeaderPrefix) + " bytes that are not letters";
            m_result.notes.push_back(note);
            log::warning("ingest", "skipped bytes before the header",
                         {{"file", plan.path}, {"bytes", plan.prefixBytes},
                          {"hex", hexBytes(std::string_view(first).substr(0, plan.prefixBytes))}});
        }
        if (plan.format != InputFormat::Ndjson) {
            reader.skipHeader();
            m_result.linesRead += 1;
        }
        const bool sortByTime = m_options.order == ReplayOrder::Time
            || (m_options.order == ReplayOrder::Auto && plan.format == InputFormat::TalkingData);
        if (sortByTime) {
            const std::string note = plan.path + ": events replayed in event-time order"
                + std::string(m_options.order == ReplayOrder::Auto
                                  ? " (automatic for TalkingData files, whose published sample is shuffled)"
                                  : "");
            m_result.notes.push_back(note);
            log::info("ingest", "replaying in event-time order", {{"file", plan.path}});
        }

        std::deque<std::future<ParsedChunk>> pending;
        std::vector<ParsedChunk> sorted;
        const std::uint64_t bytesBefore = m_bytesDone;
        std::vector<LineChunk> spare; // buffers of parsed chunks, reused to avoid clearing 4 MiB each time
        auto drainOne = [&] {
            ParsedChunk parsed = pending.front().get();
            pending.pop_front();
            spare.push_back(std::move(parsed.buffer));
            if (sortByTime)
                sorted.push_back(std::move(parsed));
            else
                deliver(parsed);
            m_bytesDone = bytesBefore + reader.bytesRead();
            reportProgress(false);
        };
        while (!stopped()) {
            LineChunk chunk;
            if (!spare.empty()) {
                chunk = std::move(spare.back());
                spare.pop_back();
            }
            if (!reader.next(chunk))
                break;
            const bool prepare = !sortByTime;
            pending.push_back(pool.submit([this, &plan, chunk = std::move(chunk), prepare]() mutable {
                ParsedChunk parsed = parseChunk(plan, m_options.limits, std::move(chunk));
                if (prepare)
                    parsed.prepared = m_engine.prepare(parsed.events);
                return parsed;
            }));
            if (pending.size() > threads + 1)
                drainOne();
        }
        while (!pending.empty())
            drainOne();
        if (sortByTime && !stopped())
            deliverSorted(sorted);
    }

    void deliver(ParsedChunk& parsed)
    {
        m_result.linesRead += parsed.lines;
        m_result.eventsRead += parsed.events.size();
        throttle(parsed.events.size());
        if (parsed.prepared.events > 0)
            m_engine.submit(std::move(parsed.prepared), Engine::SubmitMode::Wait);
        recordRejections(parsed.rejections);
    }

    void deliverSorted(std::vector<ParsedChunk>& chunks)
    {
        struct Ref {
            std::int64_t timestampMs;
            std::uint32_t chunk;
            std::uint32_t index;
        };
        std::vector<Ref> order;
        for (std::uint32_t c = 0; c < chunks.size(); ++c) {
            m_result.linesRead += chunks[c].lines;
            recordRejections(chunks[c].rejections);
            for (std::uint32_t i = 0; i < chunks[c].events.size(); ++i)
                order.push_back({chunks[c].events[i].timestampMs, c, i});
        }
        std::stable_sort(order.begin(), order.end(),
                         [](const Ref& a, const Ref& b) { return a.timestampMs < b.timestampMs; });
        constexpr std::size_t kBatch = 8192;
        EventBatch batch;
        for (std::size_t start = 0; start < order.size() && !stopped(); start += kBatch) {
            batch.clear();
            const std::size_t end = std::min(order.size(), start + kBatch);
            for (std::size_t i = start; i < end; ++i)
                batch.append(chunks[order[i].chunk].events, chunks[order[i].chunk].events[order[i].index]);
            m_result.eventsRead += batch.size();
            throttle(batch.size());
            m_engine.submit(m_engine.prepare(batch), Engine::SubmitMode::Wait);
            reportProgress(false);
        }
    }

    void recordRejections(std::vector<Rejection>& rejections)
    {
        if (rejections.empty())
            return;
        static log::RateLimiter limiter(20, 10000);
        for (const Rejection& rejection : rejections) {
            m_result.linesRejected += 1;
            m_result.rejectedByReason[static_cast<std::size_t>(rejection.reason)] += 1;
            auto& examples = m_result.examples[rejection.reason];
            if (examples.size() < m_options.examplesPerReason)
                examples.push_back(rejection.describe());
            if (limiter.allow())
                log::warning("ingest", "rejected input line",
                             {{"file", rejection.source}, {"line", rejection.line},
                              {"reason", std::string(toString(rejection.reason))}, {"detail", rejection.detail},
                              {"occurrences", limiter.count()}});
        }
        m_engine.recordRejections(std::move(rejections));
    }

    void throttle(std::size_t events)
    {
        if (m_options.maxEventsPerSecond <= 0)
            return;
        m_throttled += events;
        const auto due = m_started + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(static_cast<double>(m_throttled) / m_options.maxEventsPerSecond));
        while (Clock::now() < due && !stopped())
            std::this_thread::sleep_for(std::min<Clock::duration>(due - Clock::now(), std::chrono::milliseconds(50)));
    }

    void reportProgress(bool force)
    {
        if (!m_options.progress)
            return;
        const auto now = Clock::now();
        if (!force && now - m_lastProgress < m_options.progressInterval)
            return;
        m_lastProgress = now;
        ReplayProgress progress;
        progress.file = m_currentFile;
        progress.bytesRead = force ? m_totalBytes : m_bytesDone;
        progress.totalBytes = m_totalBytes;
        progress.linesRead = m_result.linesRead;
        progress.eventsRead = m_result.eventsRead;
        progress.linesRejected = m_result.linesRejected;
        progress.elapsedSeconds = std::chrono::duration<double>(now - m_started).count();
        m_options.progress(progress);
    }

    Engine& m_engine;
    const ReplayOptions& m_options;
    ReplayResult m_result;
    Clock::time_point m_started;
    Clock::time_point m_lastProgress;
    std::uint64_t m_totalBytes = 0;
    std::uint64_t m_bytesDone = 0;
    std::uint64_t m_throttled = 0;
    std::string m_currentFile;
};

} // namespace

std::optional<ReplayOrder> parseReplayOrder(std::string_view text)
{
    if (text == "auto")
        return ReplayOrder::Auto;
    if (text == "file")
        return ReplayOrder::File;
    if (text == "time")
        return ReplayOrder::Time;
    return std::nullopt;
}

void checkReplayFiles(const ReplayOptions& options)
{
    if (options.files.empty())
        throw std::runtime_error("no input files; pass at least one event file");
    for (const std::string& path : options.files)
        planFile(path, options);
}

ReplayResult replayFiles(Engine& engine, const ReplayOptions& options)
{
    checkReplayFiles(options);
    return Replayer(engine, options).run();
}

} // namespace umg
