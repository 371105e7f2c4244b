#pragma once

#include <memory>

#include "loadtest/loadtarget.h"

namespace umg {

/// LoadTarget over an Engine in this process. Batches go through
/// Engine::prepare() and Engine::submit() in Wait mode, so a full queue
/// shows as the engine's backpressure waits. CPU and memory are those of
/// the whole process, the load generator included.
class EmbeddedTarget final : public LoadTarget {
public:
    /// Throws std::invalid_argument for a null engine.
    explicit EmbeddedTarget(std::shared_ptr<Engine> engine);

    std::string describe() const override;
    void open() override;
    SendOutcome send(const EventBatch& batch, std::chrono::steady_clock::time_point deadline) override;
    TargetReading read() override;
    bool finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout) override;

private:
    std::shared_ptr<Engine> m_engine;
};

} // namespace umg
