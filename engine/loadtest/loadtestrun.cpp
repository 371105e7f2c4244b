#include "loadtest/loadtestrun.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "loadgen/generator.h"
#include "loadtest/embeddedtarget.h"
#include "loadtest/httptarget.h"
#include "loadtest/kafkatarget.h"
#include "metrics/processmetrics.h"
#include "util/hash.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

// Pause of the generator while the schedule owes less than one event.
constexpr auto kGeneratorIdle = std::chrono::milliseconds(5);
// Batches waiting for a sender, per sender: enough to keep every sender busy.
constexpr std::size_t kQueuedBatchesPerSender = 2;

std::atomic<std::uint64_t> s_runsStarted{0};

std::int64_t wallClockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string base36(std::uint64_t value)
{
    static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string text;
    do {
        text.insert(text.begin(), kDigits[value % 36]);
        value /= 36;
    } while (value != 0);
    return text;
}

std::uint64_t freshSeed()
{
    std::random_device device;
    const std::uint64_t seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    return (seed & ((std::uint64_t{1} << 62) - 1)) | 1;
}

double seconds(Clock::duration duration)
{
    return std::chrono::duration<double>(duration).count();
}

double increase(double now, double before)
{
    return now >= before ? now - before : 0.0;
}

// Latency percentiles over what happened between `before` and `after`. The
// engine's own histogram is finer than the exported buckets, but counts
// since the engine started, so it is used only when the target had counted
// nothing before the run.
void latencyBetween(const TargetReading& before, const TargetReading& after, std::array<double, 5>& percentiles,
                    std::string* method)
{
    static constexpr std::array<double, 5> kQuantiles = {0.5, 0.75, 0.9, 0.95, 0.99};
    const LatencySummary& fine = after.latencySinceStart;
    if (before.latencySinceStart.count == 0 && fine.count > 0) {
        percentiles = {fine.p50, fine.p75, fine.p90, fine.p95, fine.p99};
        if (method)
            *method = "engine histogram";
        return;
    }
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> buckets{};
    for (std::size_t i = 0; i < buckets.size(); ++i)
        buckets[i] = after.latencyBuckets[i] >= before.latencyBuckets[i]
            ? after.latencyBuckets[i] - before.latencyBuckets[i]
            : 0;
    for (std::size_t i = 0; i < kQuantiles.size(); ++i)
        percentiles[i] = latencyQuantileMs(buckets, kQuantiles[i]);
    if (method)
        *method = "interpolated buckets";
}

// Percentage of the events the target handled between two readings that it
// did not reject; NaN when it handled none.
double successRateBetween(const TargetReading& before, const TargetReading& after)
{
    const double accepted = increase(static_cast<double>(after.eventsAccepted), static_cast<double>(before.eventsAccepted))
        + increase(static_cast<double>(after.eventsDuplicate), static_cast<double>(before.eventsDuplicate));
    const double rejected = increase(static_cast<double>(after.eventsRejected), static_cast<double>(before.eventsRejected));
    if (accepted + rejected <= 0)
        return std::nan("");
    return 100.0 * accepted / (accepted + rejected);
}

void updateMaximum(double& maximum, double value)
{
    if (std::isnan(value))
        return;
    if (std::isnan(maximum) || value > maximum)
        maximum = value;
}

} // namespace

std::string_view toString(LoadTestPhase phase)
{
    switch (phase) {
    case LoadTestPhase::Idle:
        return "idle";
    case LoadTestPhase::Starting:
        return "starting";
    case LoadTestPhase::RampingUp:
        return "ramping up";
    case LoadTestPhase::Steady:
        return "steady";
    case LoadTestPhase::Draining:
        return "draining";
    case LoadTestPhase::Finished:
        return "finished";
    case LoadTestPhase::Count:
        break;
    }
    return "unknown";
}

void moveToRunNetwork(EventBatch& batch, std::uint64_t runKey)
{
    // Hand-written parsing and formatting: this runs for every generated
    // event, on the generator thread that paces the whole run.
    static constexpr char kHex[] = "0123456789abcdef";
    char address[40] = {'f', 'd'};
    std::size_t prefix = 2;
    // Groups without leading zeros, as RFC 5952 writes them.
    const auto appendHex = [&address](std::size_t& at, unsigned value) {
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            const unsigned digit = (value >> shift) & 0xf;
            started = started || digit != 0 || shift == 0;
            if (started)
                address[at++] = kHex[digit];
        }
    };
    // fd00::/8 is the unique local range; 40 bits of the run key follow.
    address[prefix++] = kHex[(runKey >> 36) & 0xf];
    address[prefix++] = kHex[(runKey >> 32) & 0xf];
    address[prefix++] = ':';
    appendHex(prefix, static_cast<unsigned>((runKey >> 16) & 0xffff));
    address[prefix++] = ':';
    appendHex(prefix, static_cast<unsigned>(runKey & 0xffff));
    address[prefix++] = ':';
    address[prefix++] = ':';

    for (std::size_t i = 0; i < batch.size(); ++i) {
        EventRecord& event = batch[i];
        const std::string_view ip = batch.string(event, Field::Ip);
        if (ip.size() < 8 || ip.substr(0, 3) != "10.")
            continue;
        unsigned parts[3] = {};
        int part = 0;
        bool valid = true;
        std::size_t digits = 0;
        for (std::size_t at = 3; at < ip.size() && valid; ++at) {
            const char c = ip[at];
            if (c == '.') {
                valid = digits > 0 && part < 2;
                ++part;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                parts[part] = parts[part] * 10 + static_cast<unsigned>(c - '0');
                ++digits;
            } else {
                valid = false;
            }
        }
        if (!valid || part != 2 || digits == 0 || parts[0] > 255 || parts[1] > 255 || parts[2] > 255)
            continue;
        std::size_t length = prefix;
        appendHex(length, parts[0]);
        address[length++] = ':';
        appendHex(length, (parts[1] << 8) | parts[2]);
        batch.setString(event, Field::Ip, std::string_view(address, length));
    }
}

struct LoadTestRun::Measurements {
    std::int64_t startedAtMs = 0;
    bool sendingStarted = false;
    bool drainComplete = true;
    TargetReading baseline;
    TargetReading last;  // latest reading that was available
    Clock::time_point lastAt;
    bool haveRampEnd = false;
    TargetReading rampEnd;
    Clock::time_point rampEndAt;
    TargetReading sendEnd;
    Clock::time_point sendEndAt;
    TargetReading final;
    std::uint64_t lastSent = 0;
    Clock::time_point lastSampleAt;
    std::uint64_t samplesTaken = 0;
    std::uint64_t samplesAvailable = 0;
    double peakThroughput = std::nan("");
    double peakCpu = std::nan("");
    double peakResident = std::nan("");
    double maxQueueDepth = std::nan("");
    double testerCpuAtStart = 0;
    double testerCpuAtSendEnd = 0;
};

LoadTestRun::LoadTestRun(LoadTestOptions options)
    : m_options(std::move(options))
    , m_profile(m_options.profile)
{
    m_profile.validate();
    m_address = m_profile.targetAddress();
    if (m_profile.workload.seed == 0)
        m_profile.workload.seed = freshSeed();
    // Event ids must differ from those of every earlier run, because a target
    // remembers the ids it has seen and would count repeats as duplicates.
    m_idPrefix = "lt" + base36(static_cast<std::uint64_t>(wallClockMs())) + base36(s_runsStarted.fetch_add(1) % 36);
    m_profile.workload.idPrefix = m_idPrefix;
    m_target = std::move(m_options.target);
    if (m_address.kind == LoadTargetKind::Embedded)
        m_engine = m_options.engine;
}

LoadTestRun::~LoadTestRun()
{
    stop();
    if (m_control.joinable())
        m_control.join();
}

void LoadTestRun::start()
{
    std::lock_guard lock(m_progressMutex);
    if (m_started)
        return;
    m_started = true;
    m_phase = LoadTestPhase::Starting;
    m_control = std::thread([this] { control(); });
}

void LoadTestRun::stop()
{
    {
        std::lock_guard lock(m_stopMutex);
        m_stopRequested = true;
    }
    m_stopChanged.notify_all();
}

bool LoadTestRun::wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_progressMutex);
    return m_finishedChanged.wait_for(lock, timeout, [this] { return m_finished; });
}

bool LoadTestRun::isFinished() const
{
    std::lock_guard lock(m_progressMutex);
    return m_finished;
}

LoadTestProgress LoadTestRun::progress(bool withSamples) const
{
    LoadTestProgress progress;
    progress.durationSeconds = static_cast<double>(m_profile.durationMs) / 1000.0;
    {
        std::lock_guard lock(m_progressMutex);
        progress.phase = m_phase;
        if (!m_samples.empty())
            progress.latest = m_samples.back();
        if (withSamples)
            progress.samples = m_samples;
        progress.message = m_message;
        if (m_phase == LoadTestPhase::RampingUp || m_phase == LoadTestPhase::Steady)
            progress.elapsedSeconds = std::min(elapsedSeconds(), progress.durationSeconds);
        else if (m_phase == LoadTestPhase::Draining || m_phase == LoadTestPhase::Finished)
            progress.elapsedSeconds = m_finished ? m_result.figures[Figure::SendSeconds] : progress.latest.elapsedSeconds;
    }
    if (std::isnan(progress.elapsedSeconds))
        progress.elapsedSeconds = 0;
    progress.remainingSeconds = progress.phase == LoadTestPhase::Finished
        ? 0.0
        : std::max(0.0, progress.durationSeconds - progress.elapsedSeconds);
    progress.eventsSent = m_sent.load();
    progress.eventsAccepted = m_accepted.load();
    progress.eventsDuplicate = m_duplicates.load();
    progress.eventsRejected = m_rejected.load();
    progress.eventsFailed = m_failed.load();
    progress.busyResponses = m_busyResponses.load();
    progress.eventsBehindSchedule = m_behindSchedule.load();
    return progress;
}

LoadTestResult LoadTestRun::result() const
{
    std::lock_guard lock(m_progressMutex);
    return m_result;
}

void LoadTestRun::setPhase(LoadTestPhase phase)
{
    std::lock_guard lock(m_progressMutex);
    m_phase = phase;
}

double LoadTestRun::elapsedSeconds() const
{
    return seconds(Clock::now() - m_sendStart);
}

double LoadTestRun::scheduledEvents(double time) const
{
    if (time <= 0)
        return 0;
    const double rampUp = static_cast<double>(m_profile.rampUpMs) / 1000.0;
    if (time < rampUp)
        return m_profile.rate * time * time / (2.0 * rampUp);
    return m_profile.rate * (rampUp / 2.0 + (time - rampUp));
}

double LoadTestRun::scheduledRate(double time) const
{
    const double rampUp = static_cast<double>(m_profile.rampUpMs) / 1000.0;
    if (time < rampUp)
        return m_profile.rate * std::max(time, 0.0) / rampUp;
    return m_profile.rate;
}

void LoadTestRun::fail(const std::string& message)
{
    {
        std::lock_guard lock(m_stopMutex);
        if (m_fatalError.empty())
            m_fatalError = message;
        m_stopRequested = true;
    }
    m_stopChanged.notify_all();
    std::lock_guard lock(m_progressMutex);
    m_message = message;
}

void LoadTestRun::control()
{
    Measurements measurements;
    measurements.startedAtMs = wallClockMs();
    log::info("loadtest", "load test starting", {{"profile", m_profile.name}, {"target", m_address.toString()},
                                                  {"rate", formatFigure(m_profile.rate, 0)},
                                                  {"duration", formatDuration(m_profile.durationMs)}});
    try {
        if (!m_target) {
            switch (m_address.kind) {
            case LoadTargetKind::Embedded:
                if (!m_engine) {
                    m_engine = std::make_shared<Engine>(m_options.engineOptions);
                    m_ownsEngine = true;
                }
                m_target = std::make_unique<EmbeddedTarget>(m_engine);
                break;
            case LoadTargetKind::Http:
                m_target = std::make_unique<HttpTarget>(m_address.endpoint, m_options.token, m_profile.connections);
                break;
            case LoadTargetKind::Kafka:
                m_target = makeKafkaTarget(m_address, m_profile, m_options.token);
                break;
            case LoadTargetKind::Count:
                break;
            }
        }
        m_target->open();
        measurements.baseline = m_target->read();
        if (!measurements.baseline.available)
            throw std::runtime_error("cannot read the counters of the " + m_target->describe() + ": "
                                     + measurements.baseline.error);
    } catch (const std::exception& error) {
        fail(error.what());
        finishResult(measurements);
        return;
    }

    if (m_engine) {
        m_engine->metrics().loadTestRunning().Set(1);
        m_engine->metrics().loadTestTargetRate().Set(m_profile.rate);
    }
    runSending(measurements);

    setPhase(LoadTestPhase::Draining);
    const std::uint64_t acknowledged = m_accepted.load() + m_duplicates.load();
    measurements.drainComplete =
        m_target->finish(measurements.baseline.eventsProcessed + acknowledged, m_options.drainTimeout);
    measurements.final = m_target->read();
    if (!measurements.final.available)
        measurements.final = measurements.last;
    finishResult(measurements);
}

void LoadTestRun::runSending(Measurements& measurements)
{
    measurements.testerCpuAtStart = ProcessMetrics::read().cpuSeconds;
    measurements.last = measurements.baseline;
    {
        std::lock_guard lock(m_queueMutex);
        m_producing = true;
        m_generatorDone = false;
        m_queueCapacity = kQueuedBatchesPerSender * m_profile.connections;
    }
    {
        std::lock_guard lock(m_progressMutex);
        m_sendStart = Clock::now();
        m_phase = m_profile.rampUpMs > 0 ? LoadTestPhase::RampingUp : LoadTestPhase::Steady;
    }
    measurements.sendingStarted = true;
    measurements.lastAt = m_sendStart;
    measurements.lastSampleAt = m_sendStart;
    if (m_profile.rampUpMs == 0) {
        measurements.haveRampEnd = true;
        measurements.rampEnd = measurements.baseline;
        measurements.rampEndAt = m_sendStart;
    }

    m_generator = std::thread([this] { generate(); });
    for (std::uint32_t i = 0; i < m_profile.connections; ++i)
        m_senders.emplace_back([this] { sendLoop(); });

    const Clock::time_point end = m_sendStart + std::chrono::milliseconds(m_profile.durationMs);
    Clock::time_point nextSample = m_sendStart + m_options.sampleInterval;
    for (;;) {
        bool stopping = false;
        {
            std::unique_lock lock(m_stopMutex);
            stopping = m_stopChanged.wait_until(lock, std::min(nextSample, end), [this] { return m_stopRequested; });
        }
        const Clock::time_point now = Clock::now();
        if (stopping || now >= end)
            break;
        if (now >= nextSample) {
            takeSample(measurements, m_target->read(), elapsedSeconds());
            while (nextSample <= now)
                nextSample += m_options.sampleInterval;
        }
        if (elapsedSeconds() * 1000.0 >= static_cast<double>(m_profile.rampUpMs))
            setPhase(LoadTestPhase::Steady);
    }

    {
        std::lock_guard lock(m_queueMutex);
        m_producing = false;
    }
    m_queueChanged.notify_all();
    // The generator pushes the events it held back, and the senders send
    // everything queued: a batch left out could hold the touch that decides
    // an install already sent, and the accuracy would no longer be exact.
    m_generator.join();
    for (std::thread& sender : m_senders)
        sender.join();
    m_senders.clear();

    measurements.sendEndAt = Clock::now();
    measurements.testerCpuAtSendEnd = ProcessMetrics::read().cpuSeconds;
    TargetReading reading = m_target->read();
    takeSample(measurements, reading, seconds(measurements.sendEndAt - m_sendStart));
    measurements.sendEnd = reading.available ? reading : measurements.last;
}

void LoadTestRun::generate()
{
    WorkloadProfile workload = m_profile.workload;
    workload.startMs = wallClockMs();
    // Event time runs at about the wall clock's pace, so that the target's
    // lookback windows, lateness and retention see a realistic stream.
    workload.eventsPerEventSecond = m_profile.rate;
    WorkloadGenerator generator(workload);
    const std::uint64_t runKey = hash64(m_idPrefix);

    const double duration = static_cast<double>(m_profile.durationMs) / 1000.0;
    const double backlogLimit = std::max(m_profile.rate, static_cast<double>(m_profile.batchSize));
    double generated = 0;
    for (;;) {
        const double now = elapsedSeconds();
        if (now >= duration)
            break;
        double due = scheduledEvents(now) - generated;
        if (due > backlogLimit) {
            m_behindSchedule.fetch_add(static_cast<std::uint64_t>(due - backlogLimit));
            generated += due - backlogLimit;
            due = backlogLimit;
        }
        if (due < 1.0) {
            std::unique_lock lock(m_queueMutex);
            if (m_queueChanged.wait_for(lock, kGeneratorIdle, [this] { return !m_producing; }))
                break;
            continue;
        }

        QueuedBatch batch;
        generator.setCurrentTimeMs(wallClockMs());
        generator.generate(static_cast<std::size_t>(std::min(due, static_cast<double>(m_profile.batchSize))),
                           batch.events);
        generated += static_cast<double>(batch.events.size());
        push(std::move(batch), runKey);
        std::lock_guard lock(m_queueMutex);
        if (!m_producing)
            break;
    }

    QueuedBatch held;
    generator.flushDelayed(held.events);
    if (!held.events.empty())
        push(std::move(held), runKey);
    {
        std::lock_guard lock(m_queueMutex);
        m_generatorDone = true;
    }
    m_queueChanged.notify_all();
}

void LoadTestRun::push(QueuedBatch&& batch, std::uint64_t runKey)
{
    moveToRunNetwork(batch.events, runKey);
    for (const EventRecord& event : batch.events.events())
        batch.installs += event.type == EventType::Install;
    std::unique_lock lock(m_queueMutex);
    // Waits even after the run ended: the senders keep taking batches until
    // the generator is done.
    m_queueChanged.wait(lock, [this] { return m_queue.size() < m_queueCapacity; });
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_queueChanged.notify_all();
}

bool LoadTestRun::takeBatch(QueuedBatch& batch, bool& ending)
{
    std::unique_lock lock(m_queueMutex);
    m_queueChanged.wait(lock, [this] { return !m_queue.empty() || m_generatorDone; });
    if (m_queue.empty())
        return false;
    batch = std::move(m_queue.front());
    m_queue.pop_front();
    ending = !m_producing;
    lock.unlock();
    m_queueChanged.notify_all();
    return true;
}

void LoadTestRun::sendLoop()
{
    QueuedBatch batch;
    bool ending = false;
    while (takeBatch(batch, ending)) {
        const auto window = ending ? m_options.endRetryWindow : m_options.batchRetryWindow;
        const SendOutcome outcome = m_target->send(batch.events, Clock::now() + window);
        recordOutcome(batch, outcome);
    }
}

void LoadTestRun::recordOutcome(const QueuedBatch& batch, const SendOutcome& outcome)
{
    const std::uint64_t events = batch.events.size();
    m_accepted.fetch_add(outcome.accepted);
    m_duplicates.fetch_add(outcome.duplicates);
    m_rejected.fetch_add(outcome.rejected);
    m_failed.fetch_add(outcome.failed);
    m_busyResponses.fetch_add(outcome.busyResponses);
    if (outcome.failed == 0 && outcome.rejected == 0)
        m_installsSent.fetch_add(batch.installs);
    // Counted last, so that a reader never sees more events sent than
    // accounted for.
    m_sent.fetch_add(events);
    if (m_engine) {
        m_engine->metrics().loadTestEventsSent().Increment(static_cast<double>(events));
        if (outcome.rejected + outcome.failed > 0)
            m_engine->metrics().loadTestErrors().Increment(static_cast<double>(outcome.rejected + outcome.failed));
    }
    if (!outcome.fatalError.empty()) {
        log::error("loadtest", "the target failed; stopping the load test", {{"error", outcome.fatalError}});
        fail(outcome.fatalError);
    }
}

LoadTestSample LoadTestRun::takeSample(Measurements& measurements, const TargetReading& reading, double elapsed)
{
    const Clock::time_point now = Clock::now();
    LoadTestSample sample;
    sample.elapsedSeconds = elapsed;
    sample.scheduledRate = scheduledRate(elapsed);

    const double sampleSeconds = std::max(seconds(now - measurements.lastSampleAt), 1e-3);
    const std::uint64_t sent = m_sent.load();
    sample.sentPerSecond = static_cast<double>(sent - measurements.lastSent) / sampleSeconds;
    measurements.lastSent = sent;
    measurements.lastSampleAt = now;
    const std::uint64_t notAccepted = m_rejected.load() + m_failed.load();
    sample.errorRatePercent = sent > 0 ? 100.0 * static_cast<double>(notAccepted) / static_cast<double>(sent) : std::nan("");

    measurements.samplesTaken += 1;
    sample.targetAvailable = reading.available;
    std::string problem;
    if (reading.available) {
        measurements.samplesAvailable += 1;
        const TargetReading& last = measurements.last;
        const double readingSeconds = std::max(seconds(now - measurements.lastAt), 1e-3);
        sample.processedPerSecond =
            increase(static_cast<double>(reading.eventsProcessed), static_cast<double>(last.eventsProcessed))
            / readingSeconds;
        std::array<double, 5> latency{};
        latencyBetween(measurements.baseline, reading, latency, nullptr);
        sample.latencyP50Ms = latency[0];
        sample.latencyP75Ms = latency[1];
        sample.latencyP90Ms = latency[2];
        sample.latencyP95Ms = latency[3];
        sample.latencyP99Ms = latency[4];
        sample.successRatePercent = successRateBetween(measurements.baseline, reading);
        if (reading.hasProcess && last.hasProcess) {
            sample.cpuCores = increase(reading.cpuSeconds, last.cpuSeconds) / readingSeconds;
            sample.residentBytes = static_cast<double>(reading.residentBytes);
        }
        sample.queueDepth = static_cast<double>(reading.queueDepth);
        sample.backpressurePerSecond =
            increase(static_cast<double>(reading.backpressureWaits + reading.busyRejections),
                     static_cast<double>(last.backpressureWaits + last.busyRejections))
            / readingSeconds;

        updateMaximum(measurements.peakThroughput, sample.processedPerSecond);
        updateMaximum(measurements.peakCpu, sample.cpuCores);
        updateMaximum(measurements.peakResident, sample.residentBytes);
        updateMaximum(measurements.maxQueueDepth, sample.queueDepth);
        if (!measurements.haveRampEnd && elapsed * 1000.0 >= static_cast<double>(m_profile.rampUpMs)) {
            measurements.haveRampEnd = true;
            measurements.rampEnd = reading;
            measurements.rampEndAt = now;
        }
        measurements.last = reading;
        measurements.lastAt = now;
    } else {
        sample.processedPerSecond = std::nan("");
        problem = "the target did not respond: " + reading.error;
        log::warning("loadtest", "cannot read the target's counters", {{"error", reading.error}});
    }

    std::lock_guard lock(m_progressMutex);
    m_samples.push_back(sample);
    if (!problem.empty())
        m_message = problem;
    return sample;
}

void LoadTestRun::finishResult(Measurements& measurements)
{
    LoadTestResult result;
    result.profile = m_profile;
    result.targetDescription = m_target ? m_target->describe() : m_address.toString();
    result.startedAtMs = measurements.startedAtMs;

    std::string fatalError;
    bool stopRequested = false;
    {
        std::lock_guard lock(m_stopMutex);
        fatalError = m_fatalError;
        stopRequested = m_stopRequested;
    }

    LoadTestFigures& f = result.figures;
    const double sent = static_cast<double>(m_sent.load());
    const double notAccepted = static_cast<double>(m_rejected.load() + m_failed.load());
    f[Figure::EventsSent] = sent;
    f[Figure::EventsAccepted] = static_cast<double>(m_accepted.load());
    f[Figure::EventsDuplicate] = static_cast<double>(m_duplicates.load());
    f[Figure::EventsRejected] = static_cast<double>(m_rejected.load());
    f[Figure::EventsFailed] = static_cast<double>(m_failed.load());
    f[Figure::EventsBehindSchedule] = static_cast<double>(m_behindSchedule.load());
    f[Figure::BusyResponses] = static_cast<double>(m_busyResponses.load());
    f[Figure::InstallsSent] = static_cast<double>(m_installsSent.load());
    f[Figure::ErrorRate] = sent > 0 ? 100.0 * notAccepted / sent : std::nan("");

    if (measurements.sendingStarted) {
        const TargetReading& base = measurements.baseline;
        const TargetReading& end = measurements.final;
        const double sendSeconds = seconds(measurements.sendEndAt - m_sendStart);
        f[Figure::SendSeconds] = sendSeconds;
        f[Figure::OfferedRate] = sendSeconds > 0 ? sent / sendSeconds : std::nan("");

        // Throughput after the ramp-up; a run stopped during the ramp-up is
        // measured over all its sending time.
        const TargetReading& from = measurements.haveRampEnd ? measurements.rampEnd : base;
        const Clock::time_point fromAt = measurements.haveRampEnd ? measurements.rampEndAt : m_sendStart;
        double window = seconds(measurements.sendEndAt - fromAt);
        double processed = increase(static_cast<double>(measurements.sendEnd.eventsProcessed),
                                    static_cast<double>(from.eventsProcessed));
        if (window < 1.0) {
            window = sendSeconds;
            processed = increase(static_cast<double>(measurements.sendEnd.eventsProcessed),
                                 static_cast<double>(base.eventsProcessed));
        }
        f[Figure::Throughput] = window > 0 ? processed / window : std::nan("");
        f[Figure::PeakThroughput] = measurements.peakThroughput;

        std::array<double, 5> latency{};
        latencyBetween(base, end, latency, &result.latencyMethod);
        f[Figure::LatencyP50] = latency[0];
        f[Figure::LatencyP75] = latency[1];
        f[Figure::LatencyP90] = latency[2];
        f[Figure::LatencyP95] = latency[3];
        f[Figure::LatencyP99] = latency[4];

        f[Figure::SuccessRate] = successRateBetween(base, end);
        f[Figure::TargetEventsProcessed] =
            increase(static_cast<double>(end.eventsProcessed), static_cast<double>(base.eventsProcessed));
        f[Figure::TargetEventsAccepted] =
            increase(static_cast<double>(end.eventsAccepted), static_cast<double>(base.eventsAccepted));
        f[Figure::TargetEventsRejected] =
            increase(static_cast<double>(end.eventsRejected), static_cast<double>(base.eventsRejected));
        f[Figure::TargetInstalls] = static_cast<double>(end.installs - base.installs);
        f[Figure::ReferenceInstalls] = static_cast<double>(end.referenceInstalls - base.referenceInstalls);
        f[Figure::ReferenceAgreements] = static_cast<double>(end.referenceAgreements - base.referenceAgreements);
        f[Figure::Accuracy] = f[Figure::ReferenceInstalls] > 0
            ? 100.0 * f[Figure::ReferenceAgreements] / f[Figure::ReferenceInstalls]
            : std::nan("");
        f[Figure::Availability] = measurements.samplesTaken > 0
            ? 100.0 * static_cast<double>(measurements.samplesAvailable) / static_cast<double>(measurements.samplesTaken)
            : std::nan("");

        if (base.hasProcess && measurements.sendEnd.hasProcess && sendSeconds > 0) {
            f[Figure::CpuCores] = increase(measurements.sendEnd.cpuSeconds, base.cpuSeconds) / sendSeconds;
            f[Figure::BaselineResidentBytes] = static_cast<double>(base.residentBytes);
            double peak = measurements.peakResident;
            updateMaximum(peak, static_cast<double>(end.residentBytes));
            f[Figure::PeakResidentBytes] = peak;
            f[Figure::ResidentGrowthBytes] = peak - static_cast<double>(base.residentBytes);
        }
        f[Figure::PeakCpuCores] = measurements.peakCpu;
        f[Figure::TesterCpuCores] = sendSeconds > 0
            ? increase(measurements.testerCpuAtSendEnd, measurements.testerCpuAtStart) / sendSeconds
            : std::nan("");
        f[Figure::TrackedDevices] = static_cast<double>(end.trackedDevices);
        if (end.trackedDevices > 0)
            f[Figure::PeakBytesPerMillionDevices] =
                f[Figure::PeakResidentBytes] / (static_cast<double>(end.trackedDevices) / 1e6);
        f[Figure::MaxQueueDepth] = measurements.maxQueueDepth;
        f[Figure::QueueCapacity] = static_cast<double>(end.queueCapacity);
        f[Figure::BackpressureWaits] =
            increase(static_cast<double>(end.backpressureWaits + end.busyRejections),
                     static_cast<double>(base.backpressureWaits + base.busyRejections));
    }
    result.checks = evaluateChecks(f);

    char summary[256];
    const double sendSeconds = std::isnan(f[Figure::SendSeconds]) ? 0.0 : f[Figure::SendSeconds];
    if (!fatalError.empty()) {
        result.outcome = LoadTestOutcome::Failed;
        result.message = fatalError;
        if (measurements.sendingStarted) {
            std::snprintf(summary, sizeof summary, " The run ended after %.1f s; every event sent was accepted or "
                                                   "counted as failed.", sendSeconds);
            result.message += summary;
        }
    } else if (stopRequested) {
        result.outcome = LoadTestOutcome::Stopped;
        std::snprintf(summary, sizeof summary, "Stopped after %.1f s of %.1f s; every event sent was accepted or "
                                               "counted as failed.", sendSeconds,
                      static_cast<double>(m_profile.durationMs) / 1000.0);
        result.message = summary;
    } else {
        result.outcome = LoadTestOutcome::Completed;
        std::snprintf(summary, sizeof summary, "Sent %s events in %.1f s; %s of them were not accepted.",
                      formatFigure(sent, 0).c_str(), sendSeconds, formatFigure(notAccepted, 0).c_str());
        result.message = summary;
    }
    if (!measurements.drainComplete) {
        result.message += " The target had not processed every acknowledged event within "
            + formatDuration(m_options.drainTimeout.count()) + ", so its counts may be short.";
    }

    if (m_engine) {
        m_engine->metrics().loadTestRunning().Set(0);
        m_engine->metrics().loadTestTargetRate().Set(0);
        if (m_ownsEngine)
            m_engine->stop();
    }
    result.finishedAtMs = wallClockMs();
    log::info("loadtest", "load test finished",
              {{"profile", m_profile.name}, {"outcome", toString(result.outcome)}, {"events_sent", m_sent.load()},
               {"throughput", formatFigure(f[Figure::Throughput], 0)}, {"passed", result.passed() ? "yes" : "no"}});

    std::lock_guard lock(m_progressMutex);
    result.samples = m_samples;
    m_result = std::move(result);
    m_phase = LoadTestPhase::Finished;
    m_finished = true;
    m_finishedChanged.notify_all();
}

} // namespace umg
