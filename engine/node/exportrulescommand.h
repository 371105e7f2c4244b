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
/// Returns 0 on success, 1 when the thresholds file is invalid or a file
/// cannot be read or written (one line on stderr), 2 for invalid usage,
/// including an invalid --threshold.
int runExportRules(const std::vector<std::string>& args);

/// The help of `export rules`: its usage lines and options.
extern const char* const kExportRulesUsage;

} // namespace umg::node
