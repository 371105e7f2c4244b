#pragma once

#include <string>
#include <vector>

namespace umg::node {

/// Runs one `unmogrowp-node` invocation. `args` excludes the program name.
/// Returns the process exit status: 0 on success, 1 when the command failed,
/// 2 for invalid usage.
int run(const std::vector<std::string>& args);

} // namespace umg::node
