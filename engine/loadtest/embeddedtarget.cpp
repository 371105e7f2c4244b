#include "loadtest/embeddedtarget.h"

#include <stdexcept>
#include <thread>

#include "metrics/processmetrics.h"

namespace umg {

EmbeddedTarget::EmbeddedTarget(std::shared_ptr<Engine> engine)
    : m_engine(std::move(engine))
{
    if (!m_engine)
        throw std::invalid_argument("the embedded load-test target needs an engine");
}

std::string EmbeddedTarget::describe() const
{
    return "embedded engine (" + std::to_string(m_engine->workerCount()) + " workers, "
        + (m_engine->persistent() ? "with a journal database" : "in memory") + ")";
}

void EmbeddedTarget::open()
{
}

SendOutcome EmbeddedTarget::send(const EventBatch& batch, std::chrono::steady_clock::time_point)
{
    SendOutcome outcome;
    try {
        m_engine->submit(m_engine->prepare(batch), Engine::SubmitMode::Wait);
        outcome.accepted = batch.size();
    } catch (const std::exception& error) {
        // Only an engine stopped under the run throws here.
        outcome.failed = batch.size();
        outcome.fatalError = std::string("the embedded engine stopped during the load test: ") + error.what();
    }
    return outcome;
}

TargetReading EmbeddedTarget::read()
{
    const EngineSnapshot snapshot = m_engine->snapshot(false);
    TargetReading reading;
    reading.available = true;
    reading.eventsProcessed = snapshot.eventsProcessed;
    reading.eventsAccepted = snapshot.eventsAccepted;
    reading.eventsDuplicate = snapshot.eventsDuplicate;
    reading.eventsRejected = snapshot.rejectedLines + snapshot.eventsTooOld;
    reading.installs = snapshot.totals.installsByKind[0] + snapshot.totals.installsByKind[1];
    reading.referenceInstalls = snapshot.totals.referenceInstalls;
    reading.referenceAgreements = snapshot.totals.referenceAgreements;
    reading.trackedDevices = snapshot.totals.trackedDevices;
    reading.latencyBuckets = snapshot.latencyBuckets;
    reading.latencySinceStart = snapshot.latency;
    for (const QueueSnapshot& queue : snapshot.queues) {
        reading.queueDepth += queue.depth;
        reading.queueCapacity += queue.capacity;
    }
    reading.backpressureWaits = snapshot.backpressureWaits;
    reading.busyRejections = snapshot.busyRejections;

    const ProcessMetrics process = ProcessMetrics::read();
    reading.hasProcess = process.residentBytes > 0;
    reading.cpuSeconds = process.cpuSeconds;
    reading.residentBytes = process.residentBytes;
    return reading;
}

bool EmbeddedTarget::finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!m_engine->flush(timeout))
        return false;
    // Workers publish their counters about every 100 ms, so a snapshot
    // taken right after the flush can still lag behind it.
    while (m_engine->snapshot(false).eventsProcessed < processedAtLeast) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

} // namespace umg
