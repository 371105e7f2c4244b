#pragma once

#include <string>
#include <vector>

namespace umg::node {

/// Exit status of `loadtest` when the run went through (completed, or
/// stopped by SIGINT or SIGTERM) but did not validate: a target was missed
/// or the run was stopped early.
inline constexpr int kLoadTestTargetsMissed = 3;

/// `unmogrowp-node loadtest --target TARGET|--profile FILE [options]`: runs a
/// load test, prints progress and the validation summary, and stores the
/// run with --db. Also `loadtest --db PATH --list`, `--show ID` and
/// `--compare ID,ID`. Returns 0 when the run completed and met every
/// target, kLoadTestTargetsMissed when it did not validate, 1 when it
/// failed and 2 for invalid usage (UsageError).
int runLoadTest(const std::vector<std::string>& args);

/// The help of `loadtest`: its usage lines and options.
extern const char* const kLoadTestUsage;

} // namespace umg::node
