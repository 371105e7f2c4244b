#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loadtest/loadtarget.h"
#include "loadtest/loadtestprofile.h"
#include "loadtest/loadtestresult.h"

namespace umg {

/// Phase of a LoadTestRun.
enum class LoadTestPhase {
    Idle,      ///< not started
    Starting,  ///< connecting to the target and reading its counters
    RampingUp, ///< sending, the rate still climbing
    Steady,    ///< sending at the full rate
    Draining,  ///< sending ended; waiting for the target to process the rest
    Finished,  ///< the result is ready
    Count
};
std::string_view toString(LoadTestPhase phase);

/// Progress of a running load test, for progress displays.
struct LoadTestProgress {
    LoadTestPhase phase = LoadTestPhase::Idle;
    /// Seconds since sending started, and until it ends.
    double elapsedSeconds = 0;
    double remainingSeconds = 0;
    double durationSeconds = 0;
    std::uint64_t eventsSent = 0;
    std::uint64_t eventsAccepted = 0;
    std::uint64_t eventsDuplicate = 0;
    std::uint64_t eventsRejected = 0;
    std::uint64_t eventsFailed = 0;
    std::uint64_t busyResponses = 0;
    std::uint64_t eventsBehindSchedule = 0;
    /// The latest sampling interval; all-default before the first.
    LoadTestSample latest;
    /// Every sample so far, oldest first; empty unless requested.
    std::vector<LoadTestSample> samples;
    /// The latest problem worth showing, such as a target that stopped responding.
    std::string message;
};

struct LoadTestOptions {
    LoadTestProfile profile;
    /// Bearer token of an HTTP target (and of a Kafka target's status node).
    std::string token;
    /// Embedded target: the engine under test. When null the run creates
    /// one from `engineOptions` and stops it at the end.
    std::shared_ptr<Engine> engine;
    EngineOptions engineOptions;
    /// Replaces the target the profile names; for tests.
    std::unique_ptr<LoadTarget> target;
    std::chrono::milliseconds sampleInterval{1000};
    /// How long a batch may be retried (busy responses, lost connections)
    /// before it counts as failed.
    std::chrono::milliseconds batchRetryWindow{30'000};
    /// The same for batches taken after the run ended (queued ones and the
    /// events the generator held back), so that a stop against a target
    /// that stopped responding ends soon.
    std::chrono::milliseconds endRetryWindow{5'000};
    /// How long the end of a run waits for the target to process what it acknowledged.
    std::chrono::milliseconds drainTimeout{60'000};
};

/// One load test: generates the profile's workload with known attribution,
/// sends it to the target at the profile's rate (ramping up linearly),
/// samples the target's counters, and at the end computes the figures and
/// the validation checks.
///
/// Threads: a control thread samples the target and ends the run, one
/// generator thread paces and builds batches, and `connections` sender
/// threads send them. When the target cannot keep up, the generator waits
/// for a free slot. It skips the part of the schedule that is more than one
/// second late (counted as events behind schedule), so a slow target is
/// measured at its own pace rather than flooded afterwards.
///
/// Every event generated is sent: when the run ends (its duration is over,
/// stop() or a failure), the batches still queued and the events the
/// generator held back for late delivery are sent too, so that the target
/// sees every touch the ground truth was computed from. Each batch is
/// accepted, rejected or, after its retry window, counted as failed, which
/// leaves `sent = accepted + duplicates + rejected + failed`. The run then
/// waits for the target to process what it acknowledged (the embedded
/// engine flushes).
///
/// All member functions are thread-safe.
class LoadTestRun {
public:
    /// Validates the profile; throws ProfileError. Starts nothing.
    explicit LoadTestRun(LoadTestOptions options);
    /// Stops a running test and waits for it.
    ~LoadTestRun();
    LoadTestRun(const LoadTestRun&) = delete;
    LoadTestRun& operator=(const LoadTestRun&) = delete;

    /// Starts the run on its own threads and returns at once. Does nothing
    /// when it was started before.
    void start();
    /// Asks a running test to stop; returns at once. The run still drains
    /// and produces a result with outcome Stopped.
    void stop();
    /// Waits until the result is ready or `timeout` passes; returns whether
    /// it is ready.
    bool wait(std::chrono::milliseconds timeout = std::chrono::hours(24 * 365));
    bool isFinished() const;

    /// Progress so far; with `withSamples` every sample is copied too.
    LoadTestProgress progress(bool withSamples = false) const;
    /// The result; only meaningful once isFinished() returns true.
    LoadTestResult result() const;
    /// The settings as run (a seed of 0 replaced by the seed in use).
    const LoadTestProfile& profile() const { return m_profile; }

private:
    struct QueuedBatch {
        EventBatch events;
        std::uint64_t installs = 0;
    };
    struct Measurements;

    void control();
    void runSending(Measurements& measurements);
    void generate();
    void sendLoop();
    void push(QueuedBatch&& batch, std::uint64_t runKey);
    bool takeBatch(QueuedBatch& batch, bool& ending);
    void recordOutcome(const QueuedBatch& batch, const SendOutcome& outcome);
    LoadTestSample takeSample(Measurements& measurements, const TargetReading& reading, double elapsed);
    void finishResult(Measurements& measurements);
    void fail(const std::string& message);
    double scheduledEvents(double seconds) const;
    double scheduledRate(double seconds) const;
    double elapsedSeconds() const;
    void setPhase(LoadTestPhase phase);

    LoadTestOptions m_options;
    LoadTestProfile m_profile;
    LoadTargetAddress m_address;
    std::string m_idPrefix;
    std::unique_ptr<LoadTarget> m_target;
    std::shared_ptr<Engine> m_engine; // embedded target only
    bool m_ownsEngine = false;

    std::thread m_control;
    std::thread m_generator;
    std::vector<std::thread> m_senders;
    std::chrono::steady_clock::time_point m_sendStart;

    // The queue between the generator and the senders.
    std::mutex m_queueMutex;
    std::condition_variable m_queueChanged;
    std::deque<QueuedBatch> m_queue;
    std::size_t m_queueCapacity = 0;
    bool m_producing = false;     // the generator keeps generating
    bool m_generatorDone = false; // it has pushed its last batch

    std::mutex m_stopMutex;
    std::condition_variable m_stopChanged;
    bool m_stopRequested = false;
    std::string m_fatalError; // guarded by m_stopMutex

    std::atomic<std::uint64_t> m_sent{0};
    std::atomic<std::uint64_t> m_accepted{0};
    std::atomic<std::uint64_t> m_duplicates{0};
    std::atomic<std::uint64_t> m_rejected{0};
    std::atomic<std::uint64_t> m_failed{0};
    std::atomic<std::uint64_t> m_busyResponses{0};
    std::atomic<std::uint64_t> m_installsSent{0};
    std::atomic<std::uint64_t> m_behindSchedule{0};

    mutable std::mutex m_progressMutex; // guards the members below
    LoadTestPhase m_phase = LoadTestPhase::Idle;
    std::vector<LoadTestSample> m_samples;
    std::string m_message;
    LoadTestResult m_result;
    bool m_started = false;
    bool m_finished = false;
    std::condition_variable m_finishedChanged;
};

/// Moves the generator's IPv4 addresses `10.A.B.C` into an IPv6 network
/// derived from `runKey`, keeping A.B.C as the interface id. Two runs with
/// different keys then never share a fingerprint (IP and user agent), so a
/// target that keeps state between runs cannot credit one run's install to
/// the other run's touch. Other addresses stay as they are.
void moveToRunNetwork(EventBatch& batch, std::uint64_t runKey);

} // namespace umg
