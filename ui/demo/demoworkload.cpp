#include "demo/demoworkload.h"

#include "demo/demolog.h"

#include "loadgen/generator.h"
#include "runtime/engine.h"

#include <QRandomGenerator>
#include <QString>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

// Batches per second. At the default rate a batch holds 100 events, at the
// maximum 10,000, which keeps per-batch overhead small at both ends.
constexpr auto kTick = std::chrono::milliseconds(50);

// Devices of the demo population. Enough that a device sees a click every
// couple of minutes at the default rate, few enough that the engine's device
// state stays in the tens of megabytes.
constexpr std::uint64_t kDemoDevices = 200'000;

std::int64_t wallClockMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::unique_ptr<WorkloadGenerator> makeGenerator(double rate)
{
    WorkloadProfile profile;
    profile.seed = QRandomGenerator::global()->generate64();
    // Ids must differ from every earlier run, because the engine restores
    // the ids it has seen from its journal and would count repeats as duplicates.
    profile.idPrefix = QStringLiteral("demo%1").arg(wallClockMs(), 0, 36).toStdString();
    profile.devices = kDemoDevices;
    profile.startMs = wallClockMs();
    profile.eventsPerEventSecond = rate;
    return std::make_unique<WorkloadGenerator>(profile);
}

} // namespace

DemoWorkload::DemoWorkload(std::function<std::shared_ptr<Engine>()> engineProvider, QObject *parent)
    : QObject(parent)
    , m_engineProvider(std::move(engineProvider))
{
}

DemoWorkload::~DemoWorkload()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop.store(true);
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void DemoWorkload::start(bool paused)
{
    if (m_thread.joinable())
        return;
    m_paused.store(paused);
    m_thread = std::thread([this] { run(); });
    qCInfo(lcDemo) << "demo workload started at" << rate() << "events/s" << (paused ? "(paused)" : "");
}

void DemoWorkload::pause()
{
    setPaused(true);
}

void DemoWorkload::resume()
{
    setPaused(false);
}

void DemoWorkload::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_paused.exchange(paused) == paused)
            return;
    }
    m_wake.notify_all();
    qCInfo(lcDemo) << (paused ? "demo workload paused" : "demo workload resumed");
    Q_EMIT pausedChanged(paused);
}

void DemoWorkload::setRate(double eventsPerSecond)
{
    if (!std::isfinite(eventsPerSecond))
        return;
    const double clamped = std::clamp(eventsPerSecond, kMinimumRate, kMaximumRate);
    if (m_rate.exchange(clamped) == clamped)
        return;
    qCInfo(lcDemo) << "demo rate set to" << clamped << "events/s";
    Q_EMIT rateChanged(clamped);
}

void DemoWorkload::restartWorkload()
{
    m_restartRequested.store(true);
    m_events.store(0);
    m_batches.store(0);
    m_skipped.store(0);
    m_wake.notify_all();
}

DemoStatistics DemoWorkload::statistics() const
{
    return DemoStatistics{m_events.load(), m_batches.load(), m_skipped.load()};
}

void DemoWorkload::run()
{
    std::unique_ptr<WorkloadGenerator> generator;
    EventBatch batch;
    double owed = 0;
    Clock::time_point last = Clock::now();
    bool warnedNoEngine = false;

    while (!m_stop.load()) {
        {
            std::unique_lock lock(m_mutex);
            if (m_paused.load()) {
                m_wake.wait(lock, [this] { return m_stop.load() || !m_paused.load(); });
                last = Clock::now();
                owed = 0;
                continue;
            }
            m_wake.wait_until(lock, last + kTick, [this] { return m_stop.load(); });
        }
        if (m_stop.load())
            break;

        const Clock::time_point now = Clock::now();
        const double rate = m_rate.load();
        const double elapsed = std::chrono::duration<double>(now - last).count();
        last = now;
        // A stall (a restart, a full queue) does not turn into a burst: at
        // most half a second of events is made up.
        owed = std::min(owed + rate * elapsed, rate * 0.5);
        const auto count = static_cast<std::size_t>(owed);
        if (count == 0)
            continue;

        const std::shared_ptr<Engine> engine = m_engineProvider ? m_engineProvider() : nullptr;
        if (!engine) {
            if (!warnedNoEngine)
                qCDebug(lcDemo) << "no engine to feed; the demo idles until the engine runs";
            warnedNoEngine = true;
            m_skipped.fetch_add(1);
            owed = 0;
            continue;
        }
        warnedNoEngine = false;

        if (!generator || m_restartRequested.exchange(false)) {
            generator = makeGenerator(rate);
            qCInfo(lcDemo) << "new demo workload with" << kDemoDevices << "devices";
        }
        generator->setEventsPerEventSecond(rate);
        generator->setCurrentTimeMs(wallClockMs());
        batch.clear();
        generator->generate(count, batch);
        owed -= double(count);

        try {
            const std::size_t events = batch.size();
            engine->submit(engine->prepare(batch), Engine::SubmitMode::Wait);
            m_events.fetch_add(events);
            m_batches.fetch_add(1);
        } catch (const std::exception &error) {
            // The engine was stopped between taking it and submitting, which
            // only happens when a restart timed out waiting for this thread.
            qCWarning(lcDemo) << "demo batch not submitted:" << error.what();
            m_skipped.fetch_add(1);
        }
    }
    qCInfo(lcDemo) << "demo workload stopped after" << m_events.load() << "events";
}

} // namespace umg
