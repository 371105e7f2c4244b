#pragma once

#include <prometheus/collectable.h>

#include <mutex>
#include <vector>

namespace umg {

/// The series that the console adds to its metric history beside the
/// engine's registry: `up{job="unmogrowp", instance="embedded"}`. It is 1
/// while the embedded engine runs and 0 in the last scrape before the engine
/// stops. Prometheus records the same series for every scrape target, so
/// uptime panels read the same on both. Thread-safe.
class ConsoleCollectable final : public prometheus::Collectable
{
public:
    void setEngineUp(bool up);

    std::vector<prometheus::MetricFamily> Collect() const override;

private:
    mutable std::mutex m_mutex;
    bool m_engineUp = false;
};

} // namespace umg
