#include "node/commands.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "attribution/routedevent.h"
#include "ingest/eventparser.h"
#include "ingest/linereader.h"
#include "kafka/eventpublisher.h"
#include "node/arguments.h"

namespace umg::node {

const char* const kProduceUsage = R"(usage: unmogrowp-node produce FILE... --kafka-brokers HOST:PORT[,...] --kafka-topic TOPIC [options]

Publishes the events of NDJSON files to a Kafka topic, each device's events to one partition.

  --kafka-brokers HOST:PORT[,...]   bootstrap brokers (required)
  --kafka-topic TOPIC               topic to publish to (required)
  --batch-events N                  events per message (default 500)
  --kafka-option KEY=VALUE          librdkafka property, repeatable
  --max-line-bytes N                leave out longer lines (default 65536)
  --quiet                           print no summary
  Exit status: 0 when the brokers acknowledged every message, 1 on failure,
  2 for invalid usage.
)";

namespace {

constexpr auto kFlushTimeout = std::chrono::minutes(2);
constexpr std::size_t kExamplesShown = 5;

std::string withSeparators(std::uint64_t value)
{
    const std::string digits = std::to_string(value);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

struct FileCounts {
    std::uint64_t lines = 0;
    std::uint64_t rejected = 0;
    std::vector<std::string> examples;
};

// Publishes the events of one NDJSON file. Lines are sent unchanged. They are
// parsed only to find their device key and to leave out invalid ones.
void publishFile(const std::string& path, const ParseLimits& limits, EventPublisher& publisher, FileCounts& counts)
{
    LineReader reader(path, limits);
    const std::string firstLine = reader.peekFirstLine();
    const auto format = detectFormat(firstLine);
    if (!firstLine.empty() && (!format || format->format != InputFormat::Ndjson)) {
        throw UsageError("produce publishes NDJSON events; " + path
                         + " is not NDJSON (convert it with unmogrowp-node replay first, or pick an NDJSON file)");
    }
    std::unique_ptr<LineParser> parser = makeParser(InputFormat::Ndjson, limits);
    EventBatch events;
    Rejection rejection;
    LineChunk chunk;
    auto reject = [&](std::uint64_t line, const std::string& text) {
        ++counts.rejected;
        if (counts.examples.size() < kExamplesShown)
            counts.examples.push_back(path + ":" + std::to_string(line) + ": " + text);
    };
    while (reader.next(chunk)) {
        for (std::uint64_t line : chunk.tooLongLines)
            reject(line, "line_too_long");
        std::uint64_t lineNumber = chunk.firstLine;
        std::size_t position = 0;
        while (position < chunk.length) {
            const void* found = std::memchr(chunk.data.data() + position, '\n', chunk.length - position);
            const std::size_t lineEnd =
                found ? static_cast<std::size_t>(static_cast<const char*>(found) - chunk.data.data()) : chunk.length;
            std::string_view line(chunk.data.data() + position, lineEnd - position);
            const std::size_t capacity = chunk.data.size() - position;
            position = lineEnd + 1;
            while (std::find(chunk.tooLongLines.begin(), chunk.tooLongLines.end(), lineNumber) != chunk.tooLongLines.end())
                ++lineNumber;
            const std::uint64_t number = lineNumber++;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.find_first_not_of(" \t") == std::string_view::npos)
                continue;
            ++counts.lines;
            events.clear();
            if (!parser->parseLine(line, capacity, events, rejection)) {
                reject(number, std::string(toString(rejection.reason)) + ": " + rejection.detail);
                rejection = Rejection{};
                continue;
            }
            publisher.add(deviceKeyOf(events, events[0]).key, line);
        }
    }
}

} // namespace

int runProduce(const std::vector<std::string>& args)
{
    const Arguments arguments(
        args, {"--kafka-brokers", "--kafka-topic", "--kafka-option", "--batch-events", "--max-line-bytes"}, {"--quiet"});
    const std::vector<std::string>& files = arguments.positional();
    if (files.empty())
        throw UsageError("produce needs at least one NDJSON event file");
    if (!arguments.value("--kafka-brokers"))
        throw UsageError("produce needs --kafka-brokers HOST:PORT[,HOST:PORT...]");
    if (!arguments.value("--kafka-topic"))
        throw UsageError("produce needs --kafka-topic TOPIC");

    EventPublisherOptions options;
    options.client.brokers = *arguments.value("--kafka-brokers");
    options.topic = *arguments.value("--kafka-topic");
    options.batchEvents = static_cast<std::size_t>(
        arguments.integer("--batch-events", static_cast<long long>(options.batchEvents), 1, 100'000));
    ParseLimits limits;
    limits.maxLineBytes = static_cast<std::size_t>(
        arguments.integer("--max-line-bytes", static_cast<long long>(limits.maxLineBytes), 256, 16 << 20));
    try {
        for (const std::string& property : arguments.values("--kafka-option"))
            options.client.properties.push_back(parseKafkaProperty(property));
        validateKafkaName("topic", options.topic);
    } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
    }

    const auto started = std::chrono::steady_clock::now();
    EventPublisher publisher(options);
    FileCounts counts;
    for (const std::string& file : files)
        publishFile(file, limits, publisher, counts);
    const bool flushed = publisher.flush(kFlushTimeout);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const PublishCounts published = publisher.counts();

    if (!arguments.has("--quiet")) {
        auto line = [](const char* label, const std::string& value) { std::printf("  %-26s %s\n", label, value.c_str()); };
        char rate[64];
        std::printf("Published %zu file%s to Kafka topic %s (%d partitions) in %.2f s\n", files.size(),
                    files.size() == 1 ? "" : "s", options.topic.c_str(), publisher.partitions(), seconds);
        line("events", withSeparators(published.events));
        line("messages", withSeparators(published.messages));
        line("acknowledged messages", withSeparators(published.deliveredMessages));
        line("failed messages", withSeparators(published.failedMessages));
        std::snprintf(rate, sizeof rate, "%.1f", static_cast<double>(published.bytes) / 1e6);
        line("payload (MB)", rate);
        std::snprintf(rate, sizeof rate, "%.0f events/s", seconds > 0 ? static_cast<double>(published.events) / seconds : 0.0);
        line("throughput", rate);
        line("rejected lines", withSeparators(counts.rejected));
        for (const std::string& example : counts.examples)
            std::printf("    %s\n", example.c_str());
    }
    if (!flushed || published.failedMessages > 0) {
        throw std::runtime_error(
            std::to_string(published.messages - published.deliveredMessages) + " of " + std::to_string(published.messages)
            + " messages were not acknowledged by the brokers"
            + (published.firstFailure.empty() ? std::string(" within 2 minutes") : " (" + published.firstFailure + ")"));
    }
    return 0;
}

} // namespace umg::node
