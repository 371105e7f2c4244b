#pragma once

#include <string>
#include <vector>

namespace umg::node {

/// Runs `unmogrowp-node validate --prometheus URL [options]`: runs the stack
/// validation (validation/validation.h) and prints its report, as text or
/// with --json as JSON, on stdout. `args` are the arguments after `validate`.
/// Returns 0 when no check failed and 1 when one did; throws UsageError for
/// invalid usage and std::runtime_error when the token file cannot be read.
int runValidate(const std::vector<std::string>& args);

/// The help of `validate`: its usage line and options.
extern const char* const kValidateUsage;

/// Reads a bearer token from the first line of `path`, without trailing
/// whitespace. Throws std::runtime_error naming the file when it cannot be
/// read or its first line is empty.
std::string readTokenFile(const std::string& path);

} // namespace umg::node
