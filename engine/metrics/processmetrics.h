#pragma once

#include <cstdint>

namespace umg {

/// Resource use of this process, read from /proc on Linux.
struct ProcessMetrics {
    double cpuSeconds = 0;         ///< user plus system CPU time
    std::int64_t residentBytes = 0;
    std::int64_t virtualBytes = 0;
    std::int64_t openFds = 0;
    std::int64_t maxFds = 0;
    double startTimeSeconds = 0;   ///< Unix time the process started
    std::int64_t peakResidentBytes = 0;

    /// Reads the current values. Fields that cannot be read stay 0.
    static ProcessMetrics read();
};

} // namespace umg
