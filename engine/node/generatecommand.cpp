#include "node/commands.h"

#include <cstdio>
#include <fstream>

#include "ingest/eventparser.h"
#include "loadgen/generator.h"
#include "model/timestamp.h"
#include "node/arguments.h"

namespace umg::node {

const char* const kGenerateUsage = R"(usage: unmogrowp-node generate --events N --out FILE [options]

Writes a generated NDJSON workload whose true attribution is known: each install carries
its source touch in reference_touch_id, so a replay of the file reports its accuracy.

  --events N                        number of events to write, 1 to 10000000000 (required)
  --out FILE                        output file, replaced if it exists (required)
  --seed N                          seed of the random generator (default 1)
  --devices N                       devices in the population, 100 to 16777216 (default 1000000)
  --id-prefix TEXT                  prefix of every event id (default: g and the seed)
  --organic-share X                 share of installs without a touch, 0 to 1 (default 0.25)
  --fraud-share X                   share of installs with injected click fraud, 0 to 1 (default 0.02)
  --out-of-order-share X            share of events emitted after later events, 0 to 1 (default 0.01)
  --event-time-rate N               events per second of event time (default 200)
  --start TIME                      event time of the first event in RFC 3339
                                    (default 2026-09-21T14:13:20Z); every event time must
                                    fall in the years 2000 to 2099, which replay accepts
  Exit status: 0 when the file was written, 1 on failure, 2 for invalid usage.
)";

namespace {

// The generator back-dates injected and flooding clicks by up to 80 s before
// the current event time.
constexpr std::int64_t kBackdatedMs = 80'000;

// Checks that every event time of the run lies in the years that the event
// parsers accept, so that replay takes the file.
void checkEventTimes(const WorkloadProfile& profile, std::uint64_t events, const std::string& startText)
{
    if (profile.startMs - kBackdatedMs < kEarliestTimestampMs) {
        throw UsageError("option --start is \"" + startText
                         + "\"; event times must fall in the years 2000 to 2099, so use a start from "
                         + formatRfc3339(kEarliestTimestampMs + kBackdatedMs));
    }
    const double spanMs = static_cast<double>(events) / profile.eventsPerEventSecond * 1000.0;
    const double lastMs = static_cast<double>(profile.startMs) + spanMs + static_cast<double>(profile.maxDelayMs);
    if (lastMs >= static_cast<double>(kLatestTimestampMs)) {
        char rate[32];
        std::snprintf(rate, sizeof rate, "%g", profile.eventsPerEventSecond);
        throw UsageError(std::to_string(events) + " events at --event-time-rate " + rate + " from --start " + startText
                         + " reach past the year 2099, which replay rejects; use an earlier --start, fewer "
                           "--events or a higher --event-time-rate");
    }
}

} // namespace

int runGenerate(const std::vector<std::string>& args)
{
    const Arguments arguments(args,
                              {"--events", "--out", "--seed", "--devices", "--id-prefix", "--organic-share",
                               "--fraud-share", "--out-of-order-share", "--event-time-rate", "--start"},
                              {});
    const auto events = static_cast<std::uint64_t>(arguments.integer("--events", 0, 1, 10'000'000'000LL));
    if (events == 0)
        throw UsageError("generate needs --events N");
    const auto out = arguments.value("--out");
    if (!out)
        throw UsageError("generate needs --out FILE");

    WorkloadProfile profile;
    profile.seed = static_cast<std::uint64_t>(arguments.integer("--seed", 1, 0, 1LL << 62));
    profile.idPrefix = arguments.value("--id-prefix").value_or("g" + std::to_string(profile.seed));
    profile.devices = static_cast<std::uint64_t>(arguments.integer("--devices", 1'000'000, 100, 1 << 24));
    profile.organicShare = arguments.number("--organic-share", profile.organicShare, 0, 1);
    profile.fraudShare = arguments.number("--fraud-share", profile.fraudShare, 0, 1);
    profile.outOfOrderShare = arguments.number("--out-of-order-share", profile.outOfOrderShare, 0, 1);
    profile.eventsPerEventSecond = arguments.number("--event-time-rate", profile.eventsPerEventSecond, 1, 1e9);
    if (auto start = arguments.value("--start")) {
        auto ms = parseRfc3339(*start);
        if (!ms)
            throw UsageError("option --start is \"" + *start + "\"; use RFC 3339 such as 2026-11-01T00:00:00Z");
        profile.startMs = *ms;
    }
    try {
        profile.validate();
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }
    checkEventTimes(profile, events, arguments.value("--start").value_or(formatRfc3339(profile.startMs)));

    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    if (!file)
        throw std::runtime_error("cannot write " + *out + ": check that its folder exists and is writable");
    WorkloadGenerator generator(profile);
    EventBatch batch;
    std::string text;
    std::uint64_t written = 0;
    while (written < events) {
        batch.clear();
        text.clear();
        generator.generate(static_cast<std::size_t>(std::min<std::uint64_t>(65536, events - written)), batch);
        for (const EventRecord& event : batch.events()) {
            if (written == events)
                break;
            appendNdjson(batch, event, text);
            ++written;
        }
        file.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    file.flush();
    if (!file)
        throw std::runtime_error("cannot write " + *out + ": the write failed (disk full?)");
    const GroundTruth& truth = generator.truth();
    std::printf("wrote %llu events to %s (%llu installs: %llu attributed, %llu organic, %llu reinstalls; "
                "%llu with injected fraud; %llu emitted late)\n",
                static_cast<unsigned long long>(written), out->c_str(), static_cast<unsigned long long>(truth.installs),
                static_cast<unsigned long long>(truth.attributedInstalls),
                static_cast<unsigned long long>(truth.organicInstalls), static_cast<unsigned long long>(truth.reinstalls),
                static_cast<unsigned long long>(truth.injectedFraud), static_cast<unsigned long long>(truth.delayedEvents));
    return 0;
}

} // namespace umg::node
