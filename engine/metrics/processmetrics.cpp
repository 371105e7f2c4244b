#include "metrics/processmetrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

namespace umg {
namespace {

double bootTimeSeconds()
{
    std::ifstream stat("/proc/stat");
    std::string line;
    while (std::getline(stat, line)) {
        if (line.rfind("btime ", 0) == 0)
            return std::stod(line.substr(6));
    }
    return 0;
}

} // namespace

ProcessMetrics ProcessMetrics::read()
{
    ProcessMetrics metrics;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const long pageSize = sysconf(_SC_PAGESIZE);

    if (std::ifstream stat("/proc/self/stat"); stat) {
        std::string content((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        // Fields after the command name, which may contain spaces, start
        // after the last ')'.
        const std::size_t close = content.rfind(')');
        if (close != std::string::npos) {
            std::istringstream fields(content.substr(close + 2));
            std::string field;
            unsigned long long utime = 0, stime = 0, starttime = 0, vsize = 0;
            long long rss = 0;
            for (int index = 3; fields >> field; ++index) {
                switch (index) {
                case 14: utime = std::stoull(field); break;
                case 15: stime = std::stoull(field); break;
                case 22: starttime = std::stoull(field); break;
                case 23: vsize = std::stoull(field); break;
                case 24: rss = std::stoll(field); break;
                default: break;
                }
                if (index >= 24)
                    break;
            }
            metrics.cpuSeconds = static_cast<double>(utime + stime) / ticks;
            metrics.virtualBytes = static_cast<std::int64_t>(vsize);
            metrics.residentBytes = rss * pageSize;
            metrics.startTimeSeconds = bootTimeSeconds() + static_cast<double>(starttime) / ticks;
        }
    }
    if (std::ifstream status("/proc/self/status"); status) {
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("VmHWM:", 0) == 0)
                metrics.peakResidentBytes = std::stoll(line.substr(6)) * 1024;
        }
    }
    if (DIR* fds = opendir("/proc/self/fd")) {
        while (dirent* entry = readdir(fds)) {
            if (entry->d_name[0] != '.')
                ++metrics.openFds;
        }
        closedir(fds);
        metrics.openFds -= 1; // the directory handle itself
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0)
        metrics.maxFds = static_cast<std::int64_t>(limit.rlim_cur);
    return metrics;
}

} // namespace umg
