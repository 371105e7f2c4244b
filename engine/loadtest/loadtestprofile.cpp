#include "loadtest/loadtestprofile.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <simdjson.h>

#include "model/timestamp.h"
#include "util/jsonwriter.h"

namespace umg {
namespace {

constexpr std::size_t kMaxNameLength = 64;
constexpr double kShareTolerance = 1e-6;

std::string numberText(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

bool isValidName(std::string_view name)
{
    if (name.empty() || name.size() > kMaxNameLength)
        return false;
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' '
            || c == '.' || c == '_' || c == '-';
        if (!allowed)
            return false;
    }
    return name.front() != ' ' && name.back() != ' ';
}

// Checks `http://HOST[:PORT]` or `https://...` with an optional `/` as the
// only path, and returns it without that slash; empty when it is invalid.
std::string normalizedHttpEndpoint(std::string_view text)
{
    std::string_view rest;
    if (text.rfind("http://", 0) == 0)
        rest = text.substr(7);
    else if (text.rfind("https://", 0) == 0)
        rest = text.substr(8);
    else
        return {};
    if (!rest.empty() && rest.back() == '/')
        rest.remove_suffix(1);
    if (rest.empty() || rest.find_first_of("/?#@ \t") != std::string_view::npos)
        return {};

    std::string_view port;
    if (rest.front() == '[') {
        const std::size_t close = rest.find(']');
        if (close == std::string_view::npos || close == 1)
            return {};
        const std::string_view after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':')
            return {};
        port = after.empty() ? std::string_view() : after.substr(1);
    } else {
        const std::size_t colon = rest.find(':');
        if (colon == 0)
            return {};
        if (colon != std::string_view::npos)
            port = rest.substr(colon + 1);
        if (port.find(':') != std::string_view::npos)
            return {};
    }
    if (!port.empty()) {
        int number = 0;
        for (const char c : port) {
            if (c < '0' || c > '9' || number > 65535)
                return {};
            number = number * 10 + (c - '0');
        }
        if (number < 1 || number > 65535)
            return {};
    } else if (rest.back() == ':') {
        return {};
    }
    return std::string(text.substr(0, text.size() - (text.back() == '/' ? 1 : 0)));
}

void requireShare(std::string_view field, double value)
{
    if (!(value >= 0.0 && value <= 1.0))
        throw ProfileError(std::string(field), numberText(value), "use a fraction from 0 to 1, such as 0.25");
}

// Reading JSON: each helper names the field in its error.

using simdjson::dom::element;
using simdjson::dom::element_type;

double readNumber(std::string_view field, element value)
{
    double number = 0;
    if (value.type() == element_type::INT64 || value.type() == element_type::UINT64
        || value.type() == element_type::DOUBLE) {
        if (!value.get_double().get(number))
            return number;
    }
    throw ProfileError(std::string(field), simdjson::to_string(value), "use a number");
}

std::uint64_t readWholeNumber(std::string_view field, element value, std::uint64_t maximum, std::string_view fix)
{
    std::uint64_t number = 0;
    if (value.type() == element_type::INT64 || value.type() == element_type::UINT64) {
        if (!value.get_uint64().get(number) && number <= maximum)
            return number;
    }
    throw ProfileError(std::string(field), simdjson::to_string(value), std::string(fix));
}

std::string readString(std::string_view field, element value, std::string_view fix)
{
    std::string_view text;
    if (value.get_string().get(text))
        throw ProfileError(std::string(field), simdjson::to_string(value), std::string(fix));
    return std::string(text);
}

std::int64_t readDuration(std::string_view field, element value)
{
    const char* fix = "use a duration such as \"500ms\", \"10s\", \"5m\" or \"1h\"";
    const std::string text = readString(field, value, fix);
    const auto millis = parseDuration(text);
    if (!millis)
        throw ProfileError(std::string(field), "\"" + text + "\"", fix);
    return *millis;
}

[[noreturn]] void unknownKey(std::string_view scope, std::string_view key, std::string_view known)
{
    const std::string field = scope.empty() ? std::string(key) : std::string(scope) + "." + std::string(key);
    throw ProfileError(field, "(unknown key)", "remove it; the keys here are " + std::string(known));
}

void readMix(simdjson::dom::object object, WorkloadProfile& workload)
{
    for (auto [key, value] : object) {
        const std::string field = "workload.mix." + std::string(key);
        if (key == "clicks")
            workload.clickShare = readNumber(field, value);
        else if (key == "impressions")
            workload.impressionShare = readNumber(field, value);
        else if (key == "installs")
            workload.installShare = readNumber(field, value);
        else if (key == "in_app_events")
            workload.inAppShare = readNumber(field, value);
        else
            unknownKey("workload.mix", key, "clicks, impressions, installs and in_app_events");
    }
}

void readWorkload(simdjson::dom::object object, WorkloadProfile& workload)
{
    for (auto [key, value] : object) {
        const std::string field = "workload." + std::string(key);
        if (key == "seed") {
            workload.seed = readWholeNumber(field, value, std::uint64_t{1} << 62,
                                            "use a whole number; 0 picks a new seed for every run");
        } else if (key == "devices") {
            workload.devices = readWholeNumber(field, value, std::uint64_t{1} << 62,
                                               "use a whole number of devices from 100 to 16777216");
        } else if (key == "mix") {
            simdjson::dom::object mix;
            if (value.get_object().get(mix))
                throw ProfileError(field, simdjson::to_string(value),
                                   "use an object such as {\"clicks\": 0.7, \"impressions\": 0.15, \"installs\": "
                                   "0.05, \"in_app_events\": 0.1}");
            readMix(mix, workload);
        } else if (key == "organic_share") {
            workload.organicShare = readNumber(field, value);
        } else if (key == "fraud_share") {
            workload.fraudShare = readNumber(field, value);
        } else if (key == "out_of_order_share") {
            workload.outOfOrderShare = readNumber(field, value);
        } else if (key == "fingerprint_share") {
            workload.fingerprintShare = readNumber(field, value);
        } else if (key == "revenue_share") {
            workload.revenueShare = readNumber(field, value);
        } else {
            unknownKey("workload", key,
                       "seed, devices, mix, organic_share, fraud_share, out_of_order_share, fingerprint_share and "
                       "revenue_share");
        }
    }
}

ProfileError withSource(const ProfileError& error, std::string_view source)
{
    return ProfileError(error.field(), error.value(), error.fix(), std::string(source));
}

} // namespace

std::string_view toString(LoadTargetKind kind)
{
    switch (kind) {
    case LoadTargetKind::Embedded:
        return "embedded";
    case LoadTargetKind::Http:
        return "http";
    case LoadTargetKind::Kafka:
        return "kafka";
    case LoadTargetKind::Count:
        break;
    }
    return "unknown";
}

LoadTargetAddress LoadTargetAddress::parse(std::string_view text)
{
    const auto invalid = [&text] {
        return std::invalid_argument("target \"" + std::string(text)
                                     + "\" is invalid; use embedded, http://HOST:PORT or kafka://BROKERS/TOPIC");
    };
    LoadTargetAddress address;
    if (text == "embedded")
        return address;
    if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0) {
        address.kind = LoadTargetKind::Http;
        address.endpoint = normalizedHttpEndpoint(text);
        if (address.endpoint.empty())
            throw invalid();
        return address;
    }
    if (text.rfind("kafka://", 0) == 0) {
        const std::string_view rest = text.substr(8);
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos || slash == 0 || slash + 1 >= rest.size())
            throw invalid();
        address.kind = LoadTargetKind::Kafka;
        address.endpoint = std::string(rest.substr(0, slash));
        address.topic = std::string(rest.substr(slash + 1));
        // Kafka topic names: at most 249 of [a-zA-Z0-9._-].
        if (address.topic.size() > 249 || address.endpoint.find_first_of(" \t/") != std::string::npos)
            throw invalid();
        for (const char c : address.topic) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                  || c == '-'))
                throw invalid();
        }
        return address;
    }
    throw invalid();
}

std::string LoadTargetAddress::toString() const
{
    switch (kind) {
    case LoadTargetKind::Embedded:
        return "embedded";
    case LoadTargetKind::Http:
        return endpoint;
    case LoadTargetKind::Kafka:
        return "kafka://" + endpoint + "/" + topic;
    case LoadTargetKind::Count:
        break;
    }
    return {};
}

ProfileError::ProfileError(std::string field, std::string value, std::string fix, const std::string& source)
    : std::invalid_argument((source.empty() ? std::string() : source + ": ") + field + " is " + value + "; " + fix)
    , m_field(std::move(field))
    , m_value(std::move(value))
    , m_fix(std::move(fix))
{
}

WorkloadProfile LoadTestProfile::defaultWorkload()
{
    WorkloadProfile workload;
    workload.seed = 0;
    return workload;
}

LoadTargetAddress LoadTestProfile::targetAddress() const
{
    try {
        return LoadTargetAddress::parse(target);
    } catch (const std::invalid_argument&) {
        throw ProfileError("target", "\"" + target + "\"",
                           "use embedded, http://HOST:PORT or kafka://BROKER[,BROKER...]/TOPIC");
    }
}

void LoadTestProfile::validate() const
{
    if (!isValidName(name))
        throw ProfileError("name", "\"" + name + "\"",
                           "use 1 to 64 letters, digits, inner spaces, dots, dashes or underscores");
    const LoadTargetAddress address = targetAddress();
    if (!(rate >= 1.0 && rate <= kMaxRate))
        throw ProfileError("rate", numberText(rate), "use events per second from 1 to 100000000");
    if (durationMs < 1000 || durationMs > kMaxDurationMs)
        throw ProfileError("duration", "\"" + formatDuration(durationMs) + "\"", "use a duration from 1s to 7d");
    if (rampUpMs < 0 || rampUpMs >= durationMs)
        throw ProfileError("ramp_up", "\"" + formatDuration(rampUpMs) + "\"",
                           "use a duration from 0s up to less than the duration (" + formatDuration(durationMs) + ")");
    if (batchSize < 1 || batchSize > kMaxBatchSize)
        throw ProfileError("batch_size", std::to_string(batchSize),
                           "use 1 to 10000 events; larger requests exceed a node's default 8 MiB body limit");
    if (connections < 1 || connections > kMaxConnections)
        throw ProfileError("connections", std::to_string(connections), "use 1 to 64 parallel senders");
    if (address.kind == LoadTargetKind::Kafka && statusUrl.empty())
        throw ProfileError("status_url", "\"\"",
                           "a Kafka target needs the http://HOST:PORT of a node that consumes the topic, so that "
                           "the run can read what it counted");
    if (!statusUrl.empty() && normalizedHttpEndpoint(statusUrl).empty())
        throw ProfileError("status_url", "\"" + statusUrl + "\"", "use http://HOST:PORT or https://HOST:PORT");

    if (workload.devices < 100 || workload.devices > (std::uint64_t{1} << 24))
        throw ProfileError("workload.devices", std::to_string(workload.devices),
                           "use a whole number of devices from 100 to 16777216");
    requireShare("workload.mix.clicks", workload.clickShare);
    requireShare("workload.mix.impressions", workload.impressionShare);
    requireShare("workload.mix.installs", workload.installShare);
    requireShare("workload.mix.in_app_events", workload.inAppShare);
    const double mix = workload.clickShare + workload.impressionShare + workload.installShare + workload.inAppShare;
    if (std::abs(mix - 1.0) > kShareTolerance)
        throw ProfileError("workload.mix", "a sum of " + numberText(mix),
                           "choose clicks, impressions, installs and in_app_events so that they add up to 1");
    requireShare("workload.organic_share", workload.organicShare);
    requireShare("workload.fraud_share", workload.fraudShare);
    requireShare("workload.out_of_order_share", workload.outOfOrderShare);
    requireShare("workload.fingerprint_share", workload.fingerprintShare);
    requireShare("workload.revenue_share", workload.revenueShare);
}

std::string profileToJson(const LoadTestProfile& profile)
{
    JsonWriter json(true);
    writeProfileJson(json, profile);
    return json.str() + "\n";
}

void writeProfileJson(JsonWriter& json, const LoadTestProfile& profile)
{
    const WorkloadProfile& w = profile.workload;
    json.beginObject();
    json.key("name").value(profile.name);
    json.key("target").value(profile.target);
    json.key("rate").value(profile.rate);
    json.key("ramp_up").value(formatDuration(profile.rampUpMs));
    json.key("duration").value(formatDuration(profile.durationMs));
    json.key("batch_size").value(profile.batchSize);
    json.key("connections").value(profile.connections);
    json.key("status_url").value(profile.statusUrl);
    json.key("workload").beginObject();
    json.key("seed").value(static_cast<std::uint64_t>(w.seed));
    json.key("devices").value(static_cast<std::uint64_t>(w.devices));
    json.key("mix").beginObject();
    json.key("clicks").value(w.clickShare);
    json.key("impressions").value(w.impressionShare);
    json.key("installs").value(w.installShare);
    json.key("in_app_events").value(w.inAppShare);
    json.endObject();
    json.key("organic_share").value(w.organicShare);
    json.key("fraud_share").value(w.fraudShare);
    json.key("out_of_order_share").value(w.outOfOrderShare);
    json.key("fingerprint_share").value(w.fingerprintShare);
    json.key("revenue_share").value(w.revenueShare);
    json.endObject();
    json.endObject();
}

LoadTestProfile profileFromJson(std::string_view text, std::string_view source)
{
    LoadTestProfile profile;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (parser.parse(simdjson::padded_string(text)).get(root) || root.get_object().get(object))
        throw ProfileError("(the document)", "not a JSON object",
                           "write one JSON object such as {\"name\": \"smoke\", \"rate\": 1000}", std::string(source));
    try {
        for (auto [key, value] : object) {
            const std::string field(key);
            if (key == "name") {
                profile.name = readString(field, value, "use a string");
            } else if (key == "target") {
                profile.target = readString(field, value, "use a string such as \"embedded\"");
            } else if (key == "rate") {
                profile.rate = readNumber(field, value);
            } else if (key == "ramp_up") {
                profile.rampUpMs = readDuration(field, value);
            } else if (key == "duration") {
                profile.durationMs = readDuration(field, value);
            } else if (key == "batch_size") {
                profile.batchSize = static_cast<std::uint32_t>(
                    readWholeNumber(field, value, LoadTestProfile::kMaxBatchSize, "use 1 to 10000 events"));
            } else if (key == "connections") {
                profile.connections = static_cast<std::uint32_t>(
                    readWholeNumber(field, value, LoadTestProfile::kMaxConnections, "use 1 to 64 parallel senders"));
            } else if (key == "status_url") {
                profile.statusUrl = readString(field, value, "use a string such as \"http://127.0.0.1:8080\"");
            } else if (key == "workload") {
                simdjson::dom::object workload;
                if (value.get_object().get(workload))
                    throw ProfileError(field, simdjson::to_string(value), "use an object of workload settings");
                readWorkload(workload, profile.workload);
            } else {
                unknownKey("", key,
                           "name, target, rate, ramp_up, duration, batch_size, connections, status_url and "
                           "workload");
            }
        }
        profile.validate();
    } catch (const ProfileError& error) {
        throw withSource(error, source);
    }
    return profile;
}

LoadTestProfile loadProfileFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read load-test profile " + path + ": check that it exists and is readable");
    std::stringstream content;
    content << file.rdbuf();
    return profileFromJson(content.str(), path);
}

void saveProfileFile(const LoadTestProfile& profile, const std::string& path)
{
    const std::string text = profileToJson(profile);
    const std::string temporary = path + ".tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << text;
        file.flush();
        if (!file)
            throw std::runtime_error("cannot write load-test profile " + path
                                     + ": check that its folder exists and is writable");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw std::runtime_error("cannot replace load-test profile " + path + ": check the folder's permissions");
    }
}

} // namespace umg
