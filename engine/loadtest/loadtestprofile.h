#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "loadgen/generator.h"

namespace umg {

/// Kind of system a load test sends its events to.
enum class LoadTargetKind {
    Embedded, ///< an Engine in the same process
    Http,     ///< a node's HTTP API (`unmogrowp-node serve`)
    Kafka,    ///< a Kafka topic that nodes consume
    Count
};

/// Returns `embedded`, `http` or `kafka`.
std::string_view toString(LoadTargetKind kind);

/// Address of the system a load test sends to, parsed from the forms `embedded`,
/// `http://HOST:PORT` (or `https://`) and `kafka://BROKER[,BROKER...]/TOPIC`.
struct LoadTargetAddress {
    LoadTargetKind kind = LoadTargetKind::Embedded;
    /// HTTP: `http://HOST:PORT` without a path; Kafka: the bootstrap brokers
    /// as `HOST:PORT[,HOST:PORT...]`. Empty for the embedded engine.
    std::string endpoint;
    /// Kafka only: the topic.
    std::string topic;

    /// Parses `text`. Throws std::invalid_argument naming the text and the
    /// accepted forms when it matches none of them.
    static LoadTargetAddress parse(std::string_view text);
    /// The address in the form parse() accepts.
    std::string toString() const;
};

/// An invalid load-test profile. The message reads `SOURCE: FIELD is VALUE;
/// FIX`, where SOURCE is the profile file, if any.
class ProfileError : public std::invalid_argument {
public:
    ProfileError(std::string field, std::string value, std::string fix, const std::string& source = {});

    /// The field as written in a profile file, such as `workload.mix.clicks`.
    const std::string& field() const { return m_field; }
    /// The rejected value as text.
    const std::string& value() const { return m_value; }
    /// The correction to make.
    const std::string& fix() const { return m_fix; }

private:
    std::string m_field;
    std::string m_value;
    std::string m_fix;
};

/// Settings of one load test: where it sends, how fast, for how long and
/// what traffic. Profiles are saved as JSON files (see profileToJson()).
struct LoadTestProfile {
    static constexpr double kMaxRate = 100'000'000;
    static constexpr std::uint32_t kMaxBatchSize = 10'000;
    static constexpr std::uint32_t kMaxConnections = 64;
    static constexpr std::int64_t kMaxDurationMs = 7 * 24 * 3600 * 1000LL;

    /// Name shown in run lists; letters, digits, spaces and `._-`.
    std::string name = "default";
    /// Target address in the form LoadTargetAddress::parse() accepts.
    std::string target = "embedded";
    /// Events per second once the ramp-up is over.
    double rate = 10'000;
    /// Time over which the rate climbs linearly from 0 to `rate`, in ms.
    std::int64_t rampUpMs = 10'000;
    /// Length of the whole run, the ramp-up included, in ms.
    std::int64_t durationMs = 60'000;
    /// Events per request (HTTP), per submission (embedded) or per produce
    /// call (Kafka).
    std::uint32_t batchSize = 1000;
    /// Parallel senders: HTTP connections, submitting threads of the
    /// embedded engine, or producer threads.
    std::uint32_t connections = 4;
    /// Kafka only: `http://HOST:PORT` of a node that consumes the topic,
    /// whose counters the run reads. Empty for other targets.
    std::string statusUrl;
    /// The traffic: mix, device population and organic, fraudulent and
    /// out-of-order shares. `seed` 0 picks a new seed for every run;
    /// `idPrefix`, `startMs` and `eventsPerEventSecond` are set by the run.
    WorkloadProfile workload = defaultWorkload();

    /// Workload defaults of a load test: WorkloadProfile's, with a seed of 0.
    static WorkloadProfile defaultWorkload();

    /// Throws ProfileError for the first invalid field.
    void validate() const;
    /// The parsed target; throws ProfileError for an invalid one.
    LoadTargetAddress targetAddress() const;
};

/// Writes `profile` as an indented JSON document:
///
/// ```json
/// {
///   "name": "nightly",
///   "target": "http://127.0.0.1:8080",
///   "rate": 50000,
///   "ramp_up": "10s",
///   "duration": "5m",
///   "batch_size": 1000,
///   "connections": 4,
///   "status_url": "",
///   "workload": {
///     "seed": 0,
///     "devices": 100000,
///     "mix": {"clicks": 0.7, "impressions": 0.15, "installs": 0.05, "in_app_events": 0.1},
///     "organic_share": 0.25,
///     "fraud_share": 0.02,
///     "out_of_order_share": 0.01,
///     "fingerprint_share": 0.3,
///     "revenue_share": 0.3
///   }
/// }
/// ```
std::string profileToJson(const LoadTestProfile& profile);

class JsonWriter;
/// Writes `profile` as the value at the writer's position, in the form of
/// profileToJson(), for documents that embed a profile.
void writeProfileJson(JsonWriter& json, const LoadTestProfile& profile);

/// Reads a profile from JSON text in the form profileToJson() writes. Keys
/// that are left out keep their defaults. `source` names the text in
/// messages (a file path). Throws ProfileError for invalid JSON, an unknown
/// key, a value of the wrong type and every invalid value.
LoadTestProfile profileFromJson(std::string_view json, std::string_view source = "profile");

/// Reads the profile file at `path`. Throws std::runtime_error when it
/// cannot be read and ProfileError when it is invalid.
LoadTestProfile loadProfileFile(const std::string& path);

/// Writes `profile` to `path`, replacing the file. Throws std::runtime_error
/// when it cannot be written.
void saveProfileFile(const LoadTestProfile& profile, const std::string& path);

} // namespace umg
