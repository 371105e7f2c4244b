#include "node/commands.h"

#include <cstdio>
#include <fstream>

#include "loadgen/generator.h"
#include "node/arguments.h"

namespace umg::node {

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
