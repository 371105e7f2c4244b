#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "model/timestamp.h"

namespace umg {

/// What happens to an install that raised a fraud flag.
enum class FraudPolicy : std::uint8_t {
    Flag,   ///< count and report the flag; the install keeps its attribution
    Reject, ///< count and report; the install is not credited to its touch
};

/// Attribution rules of one app. The defaults are the platform's standard
/// windows; every duration is in milliseconds of event time.
struct AttributionRules {
    std::int64_t clickLookbackMs = 7 * kMillisPerDay;
    std::int64_t impressionLookbackMs = 24 * kMillisPerHour;
    /// Fingerprint (IP + user agent) matches only look this far back.
    std::int64_t fingerprintWindowMs = 24 * kMillisPerHour;
    /// A repeat install of the same device within this window is a reinstall.
    std::int64_t reattributionWindowMs = 90 * kMillisPerDay;
    /// Click-to-install times below this raise `ctit_too_short`.
    std::int64_t minimumCtitMs = 10 * kMillisPerSecond;
    /// More than this many clicks of one device for one app within
    /// floodingWindowMs before an install raise `click_flooding`.
    std::int32_t floodingClickThreshold = 50;
    std::int64_t floodingWindowMs = 24 * kMillisPerHour;
    /// Half-life of the time-decay multi-touch model.
    std::int64_t timeDecayHalfLifeMs = 7 * kMillisPerDay;
    FraudPolicy fraudPolicy = FraudPolicy::Flag;

    /// Longest window any rule looks back over.
    std::int64_t maxLookbackMs() const;

    /// Throws std::invalid_argument naming the first invalid setting and its
    /// allowed range.
    void validate(std::string_view where) const;
};

/// Engine-wide configuration: default rules, per-app overrides and the
/// limits of the runtime.
struct EngineConfig {
    AttributionRules defaultRules;
    std::map<std::string, AttributionRules, std::less<>> appRules;

    /// Events may arrive this much later (in event time) than newer events
    /// of the same device and still give the results of sorted input.
    std::int64_t allowedLatenessMs = 5 * kMillisPerSecond;
    /// Events older than the newest event time minus this are rejected as
    /// `too_old`: no window reaches them and duplicates could no longer be
    /// recognised. Must exceed every lookback plus the allowed lateness.
    std::int64_t retentionMs = 8 * kMillisPerDay;
    /// Clicks and impressions kept per device and app; older ones are evicted.
    std::uint32_t maxTouchesPerDevice = 64;

    /// Attribution worker threads (shards); 0 picks the number of cores.
    unsigned workerThreads = 0;
    /// Events each worker queue holds before submitters wait or get "busy".
    /// The default keeps a full queue under about 100 ms of work at full
    /// speed, so that queueing does not push latency past the P95 target.
    std::uint32_t queueCapacityEvents = 1 << 14;
    /// Distinct `app_id`, `customer_id` and `currency` label values exported
    /// before further values are reported as `other`.
    std::uint32_t maxLabelValues = 200;

    const AttributionRules& rulesFor(std::string_view appId) const;

    /// Throws std::invalid_argument naming the first invalid setting.
    void validate() const;
};

/// Loads an EngineConfig from a JSON file:
/// `{"allowed_lateness": "5s", "retention": "8d", "max_touches_per_device": 64,
///   "defaults": {"click_lookback": "7d", ..., "fraud_policy": "flag"},
///   "apps": {"com.example.game": {"fraud_policy": "reject"}}}`.
/// Unknown keys are errors, so that a typo does not silently keep a default.
/// Throws std::runtime_error naming the file, the key and the fix.
EngineConfig loadEngineConfig(const std::string& path);

} // namespace umg
