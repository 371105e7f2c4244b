#pragma once

#include <string>
#include <vector>

namespace umg::reports {

/// `unmogrowp-node report --type TYPE --format FORMAT --out FILE --db PATH
/// [options]`: builds a dashboard, load-test, customer or goal report from
/// the node's and the console's databases and writes it as PDF, HTML or CSV.
/// Runs without a display: it starts a QGuiApplication on the offscreen
/// platform unless QT_QPA_PLATFORM names another one. `args` are the
/// arguments after `report`. Returns 0 when the report was written. Throws
/// node::UsageError for invalid usage, and std::runtime_error with a
/// translated message when a database cannot be read or the file cannot be
/// written.
int runReportCommand(const std::vector<std::string> &args);

/// The options of `report`, for `unmogrowp-node report --help`.
std::string reportUsage();

} // namespace umg::reports
