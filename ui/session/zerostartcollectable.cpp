#include "session/zerostartcollectable.h"

#include <prometheus/metric_family.h>

namespace umg {
namespace {

std::string seriesKey(const prometheus::MetricFamily &family, const prometheus::ClientMetric &metric)
{
    std::string key = family.name;
    for (const prometheus::ClientMetric::Label &label : metric.label) {
        key += '\x1f';
        key += label.name;
        key += '=';
        key += label.value;
    }
    return key;
}

void zero(prometheus::MetricType type, prometheus::ClientMetric &metric)
{
    switch (type) {
    case prometheus::MetricType::Counter:
        metric.counter.value = 0;
        break;
    case prometheus::MetricType::Histogram:
        metric.histogram.sample_count = 0;
        metric.histogram.sample_sum = 0;
        for (prometheus::ClientMetric::Bucket &bucket : metric.histogram.bucket)
            bucket.cumulative_count = 0;
        break;
    case prometheus::MetricType::Summary:
        metric.summary.sample_count = 0;
        metric.summary.sample_sum = 0;
        break;
    default:
        break;
    }
}

} // namespace

ZeroStartCollectable::ZeroStartCollectable(std::shared_ptr<prometheus::Collectable> inner)
    : m_inner(std::move(inner))
{
}

std::vector<prometheus::MetricFamily> ZeroStartCollectable::Collect() const
{
    std::vector<prometheus::MetricFamily> families = m_inner->Collect();
    std::lock_guard lock(m_mutex);
    for (prometheus::MetricFamily &family : families) {
        const bool cumulative = family.type == prometheus::MetricType::Counter
            || family.type == prometheus::MetricType::Histogram || family.type == prometheus::MetricType::Summary;
        // Process counters (CPU time) run since the process started, not
        // since the engine did, so a 0 would read as a counter reset.
        const bool processWide = family.name.rfind("process_", 0) == 0;
        if (!cumulative || processWide)
            continue;
        for (prometheus::ClientMetric &metric : family.metric) {
            if (m_seen.insert(seriesKey(family, metric)).second)
                zero(family.type, metric);
        }
    }
    return families;
}

} // namespace umg
