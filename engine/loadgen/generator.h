#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "model/event.h"

namespace umg {

/// One pilot customer of the built-in workload.
struct PilotCustomer {
    std::string customerId;
    std::string companyName;
    std::vector<std::string> appIds;
};

/// The five pilot customers, their apps and media sources used by the demo
/// and the load generator.
const std::vector<PilotCustomer>& demoCustomers();
const std::vector<std::string>& demoMediaSources();

/// Shape of a generated workload. Shares are fractions of all events.
struct WorkloadProfile {
    std::uint64_t seed = 1;
    /// Prefix of every event id, so that runs with different prefixes never
    /// share ids (and are not taken for duplicates).
    std::string idPrefix = "g1";
    std::uint64_t devices = 100'000;
    double clickShare = 0.70;
    double impressionShare = 0.15;
    double installShare = 0.05;
    double inAppShare = 0.10;
    /// Share of installs from the organic part of the population, devices
    /// that never see a touch. That part is the same share of all devices.
    double organicShare = 0.25;
    /// Share of installs that get a click a few seconds before them (click
    /// injection) or a burst of clicks (click flooding).
    double fraudShare = 0.02;
    /// Share of events emitted up to `maxDelayMs` after later events.
    double outOfOrderShare = 0.01;
    std::int64_t maxDelayMs = 4000;
    /// Share of devices without an advertising id, matched by fingerprint
    /// (IP + user agent) or IDFV.
    double fingerprintShare = 0.3;
    /// Share of in-app events that carry revenue.
    double revenueShare = 0.3;
    /// Event time of the first event (UTC ms) and how fast event time runs.
    /// Together with `devices` the rate sets the touches per device and day.
    /// Keep them in the single digits for realistic click-to-install times
    /// and few click-flooding flags.
    std::int64_t startMs = 1'790'000'000'000; // 2026-09-21
    double eventsPerEventSecond = 200;

    /// Throws std::invalid_argument naming a share outside 0..1 or a mix that
    /// does not sum to 1.
    void validate() const;
};

/// Counts of the generated events and of each install's true source. The
/// source is set by construction and written to the install's
/// `reference_touch_id` (empty for organic installs).
struct GroundTruth {
    std::uint64_t events = 0;
    std::uint64_t clicks = 0;
    std::uint64_t impressions = 0;
    std::uint64_t installs = 0;
    std::uint64_t inAppEvents = 0;
    std::uint64_t organicInstalls = 0;
    std::uint64_t attributedInstalls = 0;
    std::uint64_t reinstalls = 0;
    std::uint64_t injectedFraud = 0;
    std::uint64_t delayedEvents = 0;
};

/// Generates a realistic event stream with known attribution. Devices get
/// clicks and impressions from the demo media sources. Some devices install:
/// a share organically, some after injected or flooded clicks, some again
/// later as reinstalls. Installed devices send in-app events with revenue. Event time advances steadily; a share of events is emitted
/// late, within the engine's default allowed lateness. Deterministic for a
/// given profile. Not thread-safe.
class WorkloadGenerator {
public:
    explicit WorkloadGenerator(WorkloadProfile profile);

    /// Appends the next `count` events to `batch`.
    void generate(std::size_t count, EventBatch& batch);

    const GroundTruth& truth() const { return m_truth; }
    const WorkloadProfile& profile() const { return m_profile; }
    std::int64_t currentTimeMs() const { return m_nowMs; }

    /// Sets the event time of the next event (the demo keeps it at the wall clock).
    void setCurrentTimeMs(std::int64_t nowMs);
    /// Changes how fast event time runs.
    void setEventsPerEventSecond(double rate);
    /// Appends every event still held back for late delivery. A stream that
    /// ends with this call carries every event the truth was computed from.
    void flushDelayed(EventBatch& batch);

private:
    struct DeviceState {
        std::int64_t lastClickMs = 0;
        std::int64_t lastImpressionMs = 0;
        std::int64_t lastInstallMs = 0;
        std::uint64_t lastClickSeq = 0;
        std::uint64_t lastImpressionSeq = 0;
    };

    void emitEvent(EventBatch& batch, const Event& event);
    void fillDevice(std::uint64_t device, Event& event);
    std::string touchId(bool click, std::uint64_t seq) const;
    void addTouch(EventBatch& batch, std::uint64_t device, EventType type, std::int64_t timeMs);
    void addInstall(EventBatch& batch, std::uint64_t device);
    std::uint64_t paidDevice();
    std::uint64_t organicDevice();
    std::uint64_t touchedDevice();
    void addFraud(EventBatch& batch);
    void addInApp(EventBatch& batch);
    void releaseDelayed(EventBatch& batch, bool all);
    void tick();

    WorkloadProfile m_profile;
    std::mt19937_64 m_random;
    std::uniform_real_distribution<double> m_unit{0.0, 1.0};
    std::vector<DeviceState> m_devices;
    std::vector<std::uint64_t> m_recentTouched;   // ring of devices with touches
    std::size_t m_recentTouchedNext = 0;
    std::vector<std::uint64_t> m_recentInstalled; // ring of installed devices
    std::size_t m_recentInstalledNext = 0;
    std::vector<Event> m_delayed;
    std::int64_t m_nowMs;
    double m_timeCarry = 0;
    std::uint64_t m_seq = 0;
    GroundTruth m_truth;
};

/// Appends the NDJSON form of `event` (one line, with the newline).
void appendNdjson(const EventBatch& batch, const EventRecord& event, std::string& out);

} // namespace umg
