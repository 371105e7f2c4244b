#pragma once

#include <string>
#include <vector>

namespace umg::node {

/// Runs `unmogrowp-node export stack DIR --node URL... [options]`, which
/// writes prometheus.yml, the alert rule file, alertmanager.yml and the
/// Grafana dashboards into DIR and lists them on stdout. DIR is created if
/// missing, and each file is replaced atomically. `args` are the arguments
/// after `export stack`. Returns 0 on success. Throws UsageError for invalid
/// usage and std::runtime_error when a file cannot be written.
int runExportStack(const std::vector<std::string>& args);

/// The help of `export stack`: its usage line and options.
extern const char* const kExportStackUsage;

} // namespace umg::node
