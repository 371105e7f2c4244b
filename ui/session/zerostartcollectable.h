#pragma once

#include <prometheus/collectable.h>

#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace umg {

/// Wraps the collectable that the metric history scrapes, and reports every
/// counter, histogram and summary series as 0 in the first scrape it appears
/// in, except the process-wide `process_*` families.
///
/// rate() and increase() cannot count the first value of a new series,
/// because nothing shows where the counter started. A replay that finishes
/// between two scrapes creates all its series at their final values and
/// would stay invisible on every rate panel. The engine's counters all start
/// at 0 when the engine starts, so a 0 in the first scrape is true for the
/// time before the series existed, and the jump shows one scrape later.
/// Prometheus 2.50 and later can do the same with its created-timestamp
/// zero ingestion. Use one instance per engine, and only for the history:
/// a `/metrics` endpoint must serve the true values. Thread-safe.
class ZeroStartCollectable final : public prometheus::Collectable
{
public:
    explicit ZeroStartCollectable(std::shared_ptr<prometheus::Collectable> inner);

    std::vector<prometheus::MetricFamily> Collect() const override;

private:
    std::shared_ptr<prometheus::Collectable> m_inner;
    mutable std::mutex m_mutex;
    mutable std::set<std::string> m_seen; // family name and labels of each series reported so far
};

} // namespace umg
