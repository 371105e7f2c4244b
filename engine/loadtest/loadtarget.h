#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

#include "metrics/enginemetrics.h"
#include "model/event.h"
#include "runtime/engine.h"

namespace umg {

/// Outcome of one batch of a load test. Every event of the batch ends up in
/// exactly one of accepted, duplicates, rejected and failed.
struct SendOutcome {
    std::uint64_t accepted = 0;
    /// Events whose id occurred earlier in the same request.
    std::uint64_t duplicates = 0;
    /// Events the target received and rejected as invalid.
    std::uint64_t rejected = 0;
    /// Events whose batch never got an acknowledgement.
    std::uint64_t failed = 0;
    /// Busy responses (HTTP 503) received before the final one.
    std::uint64_t busyResponses = 0;
    /// Attempts after the first, for any reason.
    std::uint64_t retries = 0;
    /// A failure that makes further sending pointless (an invalid token, a
    /// rejected request format): the run stops with this message.
    std::string fatalError;
};

/// The target's own counters and gauges at one moment. Counters are totals
/// since the target started; a run works with their differences.
struct TargetReading {
    /// False when the target could not be read; `error` gives the reason.
    bool available = false;
    std::string error;

    /// Events the target's workers handled: accepted, duplicate and too old.
    std::uint64_t eventsProcessed = 0;
    std::int64_t eventsAccepted = 0;
    std::int64_t eventsDuplicate = 0;
    /// Rejected input lines plus events too old to attribute.
    std::int64_t eventsRejected = 0;
    /// Current install decisions, new installs and reinstalls.
    std::int64_t installs = 0;
    /// Installs that carry a reference attribution, and those whose decision agrees with it.
    std::int64_t referenceInstalls = 0;
    std::int64_t referenceAgreements = 0;
    std::int64_t trackedDevices = 0;

    /// Counts of attribution_event_processing_duration_seconds per bucket
    /// (not cumulative), bounds as in EngineMetrics::kLatencyBounds.
    std::array<std::uint64_t, EngineMetrics::kLatencyBucketCount> latencyBuckets{};
    /// Percentiles over every event since the target started, from the
    /// engine's finer histogram; count is 0 when the target does not report them.
    LatencySummary latencySinceStart;

    std::uint64_t queueDepth = 0;
    std::uint64_t queueCapacity = 0;
    /// Submissions that waited for queue space, and those rejected as busy.
    std::uint64_t backpressureWaits = 0;
    std::uint64_t busyRejections = 0;

    /// Resources of the process that runs the target's engine; false when
    /// the target does not report them.
    bool hasProcess = false;
    double cpuSeconds = 0;
    std::int64_t residentBytes = 0;
};

/// A system under load test: the embedded engine, a node over HTTP or a
/// Kafka topic. LoadTestRun drives it.
///
/// Thread safety: send() is called from several sender threads at once, and
/// read() from one sampling thread at the same time. open() and finish() are
/// called alone, before and after the senders run.
class LoadTarget {
public:
    virtual ~LoadTarget() = default;

    /// Short description for logs and summaries, without secrets.
    virtual std::string describe() const = 0;

    /// Connects and checks that the target can take events. Throws
    /// std::runtime_error that names what failed and the fix.
    virtual void open() = 0;

    /// Sends one batch and waits for the target's acknowledgement. Retries
    /// busy responses and lost connections until `deadline`, then reports the
    /// batch as failed. Failures are reported in the outcome, not thrown.
    virtual SendOutcome send(const EventBatch& batch, std::chrono::steady_clock::time_point deadline) = 0;

    /// Reads the target's counters. An unreachable target gives a reading
    /// with `available` false rather than an exception.
    virtual TargetReading read() = 0;

    /// Waits until the target's eventsProcessed reaches `processedAtLeast`,
    /// so that its counters include every acknowledged event (the embedded
    /// engine flushes first), or `timeout` passes. Returns false on timeout
    /// and when the target cannot be read.
    virtual bool finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout) = 0;
};

} // namespace umg
