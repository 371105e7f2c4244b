#pragma once

#include <string>
#include <vector>

#include "runtime/engine.h"

namespace umg::node {

class Arguments;

// Each command takes its arguments without the command name and returns the
// process exit status. They throw UsageError for invalid usage and
// std::runtime_error (or StoreError) for failures; run() turns both into
// one line on stderr.

/// `unmogrowp-node replay FILE... [options]`
int runReplay(const std::vector<std::string>& args);

/// `unmogrowp-node generate --events N --out FILE [options]`
int runGenerate(const std::vector<std::string>& args);

/// `unmogrowp-node serve --listen HOST:PORT --db PATH [options]`: runs the
/// engine with the HTTP API until SIGTERM or SIGINT, then drains and
/// returns 0.
int runServe(const std::vector<std::string>& args);

/// `unmogrowp-node produce FILE... --kafka-brokers LIST --kafka-topic TOPIC`:
/// publishes NDJSON events to a Kafka topic, several per message, each
/// device's events to one partition.
int runProduce(const std::vector<std::string>& args);

/// Builds engine options from the options every engine-hosting command
/// shares: --config, --db, --threads, --max-label-values, --log-level.
EngineOptions engineOptionsFrom(const Arguments& arguments);

/// Checks the HOST:PORT value of the listening-address option `option`, if
/// given, before anything starts. Throws UsageError naming the value.
void checkListenAddress(const Arguments& arguments, const std::string& option);

/// Checks the file path of the output option `option`, if given, before a
/// long run starts, so that the run's result is not lost to a typo. Throws
/// UsageError when the path is a folder or its folder is missing or not
/// writable.
void checkOutputFile(const Arguments& arguments, const std::string& option);

// The help of each command: a usage line, what the command does and its
// options. `COMMAND --help` prints it, and `--help` prints them all.
extern const char* const kReplayUsage;
extern const char* const kGenerateUsage;
extern const char* const kServeUsage;
extern const char* const kProduceUsage;

} // namespace umg::node
