#include "attribution/rules.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <simdjson.h>

namespace umg {
namespace {

void requireRange(std::string_view where, std::string_view name, std::int64_t value, std::int64_t minimum,
                  std::int64_t maximum, bool duration = true)
{
    if (value >= minimum && value <= maximum)
        return;
    std::ostringstream message;
    message << where << ": " << name << " is " << (duration ? formatDuration(value) : std::to_string(value))
            << "; it must be between " << (duration ? formatDuration(minimum) : std::to_string(minimum)) << " and "
            << (duration ? formatDuration(maximum) : std::to_string(maximum));
    throw std::invalid_argument(message.str());
}

// The line and column where the parser of `document` stopped in `json`, as
// " at line L, column C", or an empty string when it is past the end.
std::string jsonPosition(const simdjson::padded_string& json, simdjson::ondemand::document& document)
{
    const char* location = nullptr;
    if (document.current_location().get(location) || location < json.data()
        || location >= json.data() + json.size())
        return {};
    std::size_t line = 1;
    std::size_t column = 1;
    for (const char* c = json.data(); c < location; ++c) {
        if (*c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return " at line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::runtime_error configError(const std::string& path, std::string_view key, std::string_view problem)
{
    std::ostringstream message;
    message << "configuration file " << path << ": key '" << key << "': " << problem;
    return std::runtime_error(message.str());
}

std::int64_t readDuration(const std::string& path, std::string_view key, simdjson::ondemand::value value)
{
    std::string_view text;
    if (value.get_string().get(text))
        throw configError(path, key, "expected a duration string such as \"10s\", \"24h\" or \"7d\"");
    auto millis = parseDuration(text);
    if (!millis)
        throw configError(path, key, "invalid duration \"" + std::string(text) + "\"; use a number with ms, s, m, h or d");
    return *millis;
}

void readRules(const std::string& path, std::string_view scope, simdjson::ondemand::object object, AttributionRules& rules)
{
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            throw configError(path, scope, "invalid key");
        const std::string qualified = std::string(scope) + "." + std::string(key);
        simdjson::ondemand::value value;
        if (field.value().get(value))
            throw configError(path, qualified, "invalid value");
        if (key == "click_lookback")
            rules.clickLookbackMs = readDuration(path, qualified, value);
        else if (key == "impression_lookback")
            rules.impressionLookbackMs = readDuration(path, qualified, value);
        else if (key == "fingerprint_window")
            rules.fingerprintWindowMs = readDuration(path, qualified, value);
        else if (key == "reattribution_window")
            rules.reattributionWindowMs = readDuration(path, qualified, value);
        else if (key == "minimum_ctit")
            rules.minimumCtitMs = readDuration(path, qualified, value);
        else if (key == "flooding_window")
            rules.floodingWindowMs = readDuration(path, qualified, value);
        else if (key == "time_decay_half_life")
            rules.timeDecayHalfLifeMs = readDuration(path, qualified, value);
        else if (key == "flooding_click_threshold") {
            std::int64_t threshold = 0;
            if (value.get_int64().get(threshold) || threshold < 1 || threshold > 1'000'000)
                throw configError(path, qualified, "expected a whole number from 1 to 1000000");
            rules.floodingClickThreshold = static_cast<std::int32_t>(threshold);
        } else if (key == "fraud_policy") {
            std::string_view policy;
            if (value.get_string().get(policy) || (policy != "flag" && policy != "reject"))
                throw configError(path, qualified, "expected \"flag\" or \"reject\"");
            rules.fraudPolicy = policy == "reject" ? FraudPolicy::Reject : FraudPolicy::Flag;
        } else {
            throw configError(path, qualified,
                              "unknown setting; valid settings are click_lookback, impression_lookback, "
                              "fingerprint_window, reattribution_window, minimum_ctit, flooding_window, "
                              "flooding_click_threshold, time_decay_half_life and fraud_policy");
        }
    }
}

} // namespace

std::int64_t AttributionRules::maxLookbackMs() const
{
    return std::max({clickLookbackMs, impressionLookbackMs, fingerprintWindowMs, floodingWindowMs});
}

void AttributionRules::validate(std::string_view where) const
{
    constexpr std::int64_t kYear = 366 * kMillisPerDay;
    requireRange(where, "click_lookback", clickLookbackMs, kMillisPerSecond, 90 * kMillisPerDay);
    requireRange(where, "impression_lookback", impressionLookbackMs, kMillisPerSecond, 90 * kMillisPerDay);
    requireRange(where, "fingerprint_window", fingerprintWindowMs, kMillisPerSecond, 90 * kMillisPerDay);
    requireRange(where, "reattribution_window", reattributionWindowMs, 0, kYear);
    requireRange(where, "minimum_ctit", minimumCtitMs, 0, kMillisPerDay);
    requireRange(where, "flooding_window", floodingWindowMs, kMillisPerSecond, 90 * kMillisPerDay);
    requireRange(where, "flooding_click_threshold", floodingClickThreshold, 1, 1'000'000, false);
    requireRange(where, "time_decay_half_life", timeDecayHalfLifeMs, kMillisPerSecond, kYear);
}

const AttributionRules& EngineConfig::rulesFor(std::string_view appId) const
{
    if (auto it = appRules.find(appId); it != appRules.end())
        return it->second;
    return defaultRules;
}

void EngineConfig::validate() const
{
    defaultRules.validate("defaults");
    for (const auto& [app, rules] : appRules)
        rules.validate("apps." + app);
    requireRange("engine", "allowed_lateness", allowedLatenessMs, 0, kMillisPerDay);
    std::int64_t longest = defaultRules.maxLookbackMs();
    for (const auto& [app, rules] : appRules)
        longest = std::max(longest, rules.maxLookbackMs());
    if (retentionMs < longest + allowedLatenessMs) {
        throw std::invalid_argument("engine: retention is " + formatDuration(retentionMs)
                                    + "; it must be at least the longest lookback plus the allowed lateness ("
                                    + formatDuration(longest + allowedLatenessMs) + ")");
    }
    requireRange("engine", "retention", retentionMs, kMillisPerDay, 400 * kMillisPerDay);
    requireRange("engine", "max_touches_per_device", maxTouchesPerDevice, 1, 4096, false);
    requireRange("engine", "worker_threads", workerThreads, 0, 256, false);
    requireRange("engine", "queue_capacity", queueCapacityEvents, 1024, 1 << 26, false);
    requireRange("engine", "max_label_values", maxLabelValues, 1, 100000, false);
}

EngineConfig loadEngineConfig(const std::string& path)
{
    std::error_code ignored;
    if (std::filesystem::is_directory(path, ignored))
        throw std::runtime_error("configuration file " + path + " is a directory; pass a JSON file");
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read configuration file " + path + ": check that it exists and is readable");
    std::stringstream content;
    content << file.rdbuf();
    const simdjson::padded_string json(content.str());

    EngineConfig config;
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document document;
    simdjson::ondemand::object root;
    if (const auto error = parser.iterate(json).get(document)) {
        throw std::runtime_error("configuration file " + path + " is not valid JSON: "
                                 + simdjson::error_message(error));
    }
    if (const auto error = document.get_object().get(root)) {
        throw std::runtime_error("configuration file " + path + " is not a JSON object" + jsonPosition(json, document)
                                 + " (" + simdjson::error_message(error) + "); write the settings as {\"key\": value, ...}");
    }
    try {
        for (auto field : root) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                throw configError(path, "(top level)", "invalid JSON" + jsonPosition(json, document));
            simdjson::ondemand::value value;
            if (field.value().get(value))
                throw configError(path, key, "invalid value" + jsonPosition(json, document));
            if (key == "allowed_lateness") {
                config.allowedLatenessMs = readDuration(path, key, value);
            } else if (key == "retention") {
                config.retentionMs = readDuration(path, key, value);
            } else if (key == "max_touches_per_device") {
                std::int64_t count = 0;
                if (value.get_int64().get(count) || count < 1 || count > 4096)
                    throw configError(path, key, "expected a whole number from 1 to 4096");
                config.maxTouchesPerDevice = static_cast<std::uint32_t>(count);
            } else if (key == "defaults") {
                simdjson::ondemand::object object;
                if (value.get_object().get(object))
                    throw configError(path, key, "expected an object of rule settings");
                readRules(path, "defaults", object, config.defaultRules);
            } else if (key == "apps") {
                simdjson::ondemand::object apps;
                if (value.get_object().get(apps))
                    throw configError(path, key, "expected an object keyed by app id");
                for (auto app : apps) {
                    std::string_view appId;
                    simdjson::ondemand::object object;
                    if (app.unescaped_key().get(appId) || app.value().get_object().get(object))
                        throw configError(path, "apps", "each app id must map to an object of rule settings");
                    AttributionRules rules = config.defaultRules;
                    const std::string id(appId);
                    readRules(path, "apps." + id, object, rules);
                    config.appRules[id] = rules;
                }
            } else {
                throw configError(path, key,
                                  "unknown setting; valid top-level settings are allowed_lateness, retention, "
                                  "max_touches_per_device, defaults and apps");
            }
        }
    } catch (const simdjson::simdjson_error& error) {
        throw std::runtime_error("configuration file " + path + " is not valid JSON: " + error.what()
                                 + jsonPosition(json, document));
    }
    try {
        config.validate();
    } catch (const std::invalid_argument& error) {
        throw std::runtime_error("configuration file " + path + ": " + error.what());
    }
    return config;
}

} // namespace umg
