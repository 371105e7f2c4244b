#pragma once

#include <memory>
#include <string>

#include "loadtest/loadtarget.h"
#include "loadtest/loadtestprofile.h"

namespace umg {

/// Creates the target of a `kafka://BROKERS/TOPIC` profile: batches are
/// produced to the topic, and the counters come from the node that consumes
/// it, at the profile's `status_url` (read as an HTTP target with `token`).
/// Throws std::runtime_error when the target cannot be created.
std::unique_ptr<LoadTarget> makeKafkaTarget(const LoadTargetAddress& address, const LoadTestProfile& profile,
                                            const std::string& token);

} // namespace umg
