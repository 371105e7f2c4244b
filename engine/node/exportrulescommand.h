#pragma once

#include <string>
#include <vector>

namespace umg::node {

/// Runs `unmogrowp-node export rules`: renders the alert-rule catalogue as a
/// Prometheus rule file and writes it to --out FILE (replaced atomically) or
/// to stdout. `args` are the arguments after `export rules`:
///   --out FILE                   write the file here instead of stdout
///   --threshold NAME=VALUE       override one threshold (repeatable)
///   --thresholds-file FILE       read NAME=VALUE lines, applied before --threshold
///   --runbook-base-url URL       base of the runbook_url annotations
///   --list-thresholds            print the thresholds with defaults and units
///   --help                       print usage
/// Returns 0 on success, 1 when a threshold is invalid or the file cannot be
/// written (one line on stderr), 2 for invalid usage.
int runExportRules(const std::vector<std::string>& args);

} // namespace umg::node
