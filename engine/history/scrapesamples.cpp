#include "history/scrapesamples.h"

#include <cmath>
#include <stdexcept>

#include <prometheus/metric_type.h>

#include "promql/ast.h"
#include "util/log.h"

namespace umg::detail {

namespace {

promql::Labels labelsOf(const std::string& name, const prometheus::ClientMetric& metric,
                        std::string_view extraName = {}, std::string_view extraValue = {})
{
    std::vector<promql::Label> labels;
    labels.reserve(metric.label.size() + 2);
    labels.push_back({std::string(promql::kMetricNameLabel), name});
    for (const prometheus::ClientMetric::Label& label : metric.label)
        labels.push_back({label.name, label.value});
    if (!extraName.empty())
        labels.push_back({std::string(extraName), std::string(extraValue)});
    return promql::Labels(std::move(labels));
}

std::string_view readLengthPrefixed(std::string_view& text)
{
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos)
        throw std::runtime_error("missing length");
    std::size_t length = 0;
    for (char c : text.substr(0, colon)) {
        if (c < '0' || c > '9')
            throw std::runtime_error("invalid length");
        length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    text.remove_prefix(colon + 1);
    if (length > text.size())
        throw std::runtime_error("length beyond the end");
    std::string_view value = text.substr(0, length);
    text.remove_prefix(length);
    return value;
}

// Appends the series of one metric of `family`.
void appendMetric(const prometheus::MetricFamily& family, const prometheus::ClientMetric& metric,
                  std::vector<ScrapeSample>& out)
{
    switch (family.type) {
    case prometheus::MetricType::Counter:
        out.push_back({labelsOf(family.name, metric), metric.counter.value, true});
        break;
    case prometheus::MetricType::Gauge:
        out.push_back({labelsOf(family.name, metric), metric.gauge.value, false});
        break;
    case prometheus::MetricType::Untyped:
        out.push_back({labelsOf(family.name, metric), metric.untyped.value, false});
        break;
    case prometheus::MetricType::Histogram: {
        const std::string bucketName = family.name + "_bucket";
        bool hasInfinity = false;
        for (const prometheus::ClientMetric::Bucket& bucket : metric.histogram.bucket) {
            hasInfinity = hasInfinity || std::isinf(bucket.upper_bound);
            out.push_back({labelsOf(bucketName, metric, "le", promql::formatNumber(bucket.upper_bound)),
                           static_cast<double>(bucket.cumulative_count), true});
        }
        if (!hasInfinity)
            out.push_back({labelsOf(bucketName, metric, "le", "+Inf"),
                           static_cast<double>(metric.histogram.sample_count), true});
        out.push_back({labelsOf(family.name + "_sum", metric), metric.histogram.sample_sum, true});
        out.push_back({labelsOf(family.name + "_count", metric),
                       static_cast<double>(metric.histogram.sample_count), true});
        break;
    }
    case prometheus::MetricType::Summary:
        for (const prometheus::ClientMetric::Quantile& quantile : metric.summary.quantile)
            out.push_back({labelsOf(family.name, metric, "quantile", promql::formatNumber(quantile.quantile)),
                           quantile.value, false});
        out.push_back({labelsOf(family.name + "_sum", metric), metric.summary.sample_sum, true});
        out.push_back({labelsOf(family.name + "_count", metric),
                       static_cast<double>(metric.summary.sample_count), true});
        break;
    default:
        break;
    }
}

} // namespace

void flattenFamilies(const std::vector<prometheus::MetricFamily>& families, std::vector<ScrapeSample>& out)
{
    for (const prometheus::MetricFamily& family : families) {
        for (const prometheus::ClientMetric& metric : family.metric) {
            const std::size_t before = out.size();
            try {
                appendMetric(family, metric, out);
            } catch (const std::invalid_argument& error) {
                // A label name used twice, such as a histogram label called "le".
                out.erase(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
                static log::RateLimiter warnings;
                if (warnings.allow()) {
                    log::warning("history", "skipping a scraped metric with invalid labels",
                                 {{"metric", family.name}, {"error", error.what()}, {"count", warnings.count()}});
                }
            }
        }
    }
}

bool nameLooksLikeCounter(std::string_view name)
{
    for (std::string_view suffix : {"_total", "_count", "_sum", "_bucket"}) {
        if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix)
            return true;
    }
    return false;
}

std::string encodeLabels(const promql::Labels& labels)
{
    std::string out;
    for (const promql::Label& label : labels) {
        out += std::to_string(label.name.size());
        out += ':';
        out += label.name;
        out += std::to_string(label.value.size());
        out += ':';
        out += label.value;
    }
    return out;
}

promql::Labels decodeLabels(std::string_view text)
{
    std::vector<promql::Label> labels;
    while (!text.empty()) {
        std::string name(readLengthPrefixed(text));
        std::string value(readLengthPrefixed(text));
        labels.push_back({std::move(name), std::move(value)});
    }
    return promql::Labels(std::move(labels));
}

} // namespace umg::detail
