#include "exposition/scrapetarget.h"

#include <stdexcept>
#include <string>

namespace umg::exposition {

namespace {

prometheus::ClientMetric metricWithLabels(const promql::Labels& labels, const promql::Labels& targetLabels)
{
    prometheus::ClientMetric metric;
    metric.label.reserve(labels.size() + targetLabels.size());
    for (const promql::Label& label : labels) {
        if (label.name == promql::kMetricNameLabel)
            continue;
        std::string name = label.name;
        while (targetLabels.has(name) || (name != label.name && labels.has(name)))
            name = "exported_" + name;
        metric.label.push_back({std::move(name), label.value});
    }
    for (const promql::Label& label : targetLabels)
        metric.label.push_back({label.name, label.value});
    return metric;
}

prometheus::MetricFamily gaugeFamily(std::string name, std::string help, double value,
                                     const promql::Labels& targetLabels)
{
    prometheus::MetricFamily family;
    family.name = std::move(name);
    family.help = std::move(help);
    family.type = prometheus::MetricType::Gauge;
    prometheus::ClientMetric metric = metricWithLabels({}, targetLabels);
    metric.gauge.value = value;
    family.metric.push_back(std::move(metric));
    return family;
}

} // namespace

std::vector<prometheus::MetricFamily> toMetricFamilies(const std::vector<Sample>& samples,
                                                        const promql::Labels& targetLabels)
{
    std::vector<prometheus::MetricFamily> families;
    for (const Sample& sample : samples) {
        const std::string_view name = sample.labels.get(promql::kMetricNameLabel);
        const prometheus::MetricType type =
            sample.counter ? prometheus::MetricType::Counter : prometheus::MetricType::Gauge;
        // Samples of one family are adjacent in a well-formed body, so
        // comparing with the last family keeps their order and groups them.
        if (families.empty() || families.back().name != name || families.back().type != type) {
            prometheus::MetricFamily family;
            family.name = std::string(name);
            family.type = type;
            families.push_back(std::move(family));
        }
        prometheus::ClientMetric metric = metricWithLabels(sample.labels, targetLabels);
        if (sample.counter)
            metric.counter.value = sample.value;
        else
            metric.gauge.value = sample.value;
        families.back().metric.push_back(std::move(metric));
    }
    return families;
}

std::vector<prometheus::MetricFamily> scrapeHealthFamilies(bool up, double durationSeconds, std::size_t samples,
                                                            const promql::Labels& targetLabels)
{
    std::vector<prometheus::MetricFamily> families;
    families.push_back(gaugeFamily("up", "1 if the target was scraped successfully, 0 otherwise.", up ? 1.0 : 0.0,
                                   targetLabels));
    families.push_back(gaugeFamily("scrape_duration_seconds", "Time the scrape took.", durationSeconds,
                                   targetLabels));
    families.push_back(gaugeFamily("scrape_samples_scraped", "Samples the target exposed.",
                                   static_cast<double>(samples), targetLabels));
    return families;
}

} // namespace umg::exposition
