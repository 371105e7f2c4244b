#pragma once

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace umg {

class Engine;

/// Counters of the demo workload since it started or was last reset.
struct DemoStatistics
{
    std::uint64_t eventsSubmitted = 0;
    std::uint64_t batchesSubmitted = 0;
    /// Batches the engine could not take because it was restarting or stopped.
    std::uint64_t batchesSkipped = 0;
};

/// The built-in traffic generator of the demo: on its own thread it feeds
/// the embedded engine with WorkloadGenerator events for the five pilot
/// customers (clicks, impressions, installs and in-app events, some organic,
/// some fraudulent, some late) at an adjustable rate, with the wall clock as
/// event time.
///
/// The thread takes the engine from `engineProvider` for each batch and
/// idles while it returns null, so the session can restart the engine under
/// it. Control functions are called on the GUI thread and never wait for
/// the generating thread, except the destructor.
class DemoWorkload : public QObject
{
    Q_OBJECT

public:
    static constexpr double kDefaultRate = 2'000;
    static constexpr double kMinimumRate = 10;
    static constexpr double kMaximumRate = 200'000;

    explicit DemoWorkload(std::function<std::shared_ptr<Engine>()> engineProvider, QObject *parent = nullptr);
    /// Stops the generating thread and waits for its current batch.
    ~DemoWorkload() override;

    /// Starts the generating thread, running unless `paused`. Does nothing
    /// when it runs already.
    void start(bool paused = false);

    void pause();
    void resume();
    void setPaused(bool paused);
    bool isPaused() const { return m_paused.load(); }

    /// Sets the rate in events per second, clamped to [kMinimumRate, kMaximumRate].
    void setRate(double eventsPerSecond);
    double rate() const { return m_rate.load(); }

    /// Starts a new generator with fresh event ids and devices, for use after
    /// the engine database was reset. The counters restart from zero.
    void restartWorkload();

    DemoStatistics statistics() const;

Q_SIGNALS:
    void pausedChanged(bool paused);
    void rateChanged(double eventsPerSecond);

private:
    void run();

    std::function<std::shared_ptr<Engine>()> m_engineProvider;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_restartRequested{false};
    std::atomic<double> m_rate{kDefaultRate};
    std::atomic<std::uint64_t> m_events{0};
    std::atomic<std::uint64_t> m_batches{0};
    std::atomic<std::uint64_t> m_skipped{0};
};

} // namespace umg
