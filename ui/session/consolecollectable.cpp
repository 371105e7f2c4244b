#include "session/consolecollectable.h"

#include <prometheus/metric_family.h>

namespace umg {

void ConsoleCollectable::setEngineUp(bool up)
{
    std::lock_guard lock(m_mutex);
    m_engineUp = up;
}

std::vector<prometheus::MetricFamily> ConsoleCollectable::Collect() const
{
    std::lock_guard lock(m_mutex);
    std::vector<prometheus::MetricFamily> families;

    prometheus::MetricFamily up;
    up.name = "up";
    up.help = "1 while the embedded attribution engine runs.";
    up.type = prometheus::MetricType::Gauge;
    prometheus::ClientMetric engine;
    engine.label = {{"instance", "embedded"}, {"job", "unmogrowp"}};
    engine.gauge.value = m_engineUp ? 1.0 : 0.0;
    up.metric.push_back(std::move(engine));
    families.push_back(std::move(up));

    return families;
}

} // namespace umg
