#include "net/httpclient.h"

namespace umg {

std::string responseTooLargeError(const std::string& url, std::size_t maxBytes)
{
    constexpr std::size_t kKiB = 1024;
    constexpr std::size_t kMiB = 1024 * kKiB;
    std::string limit;
    if (maxBytes >= kMiB && maxBytes % kMiB == 0)
        limit = std::to_string(maxBytes / kMiB) + " MiB";
    else if (maxBytes >= kKiB && maxBytes % kKiB == 0)
        limit = std::to_string(maxBytes / kKiB) + " KiB";
    else
        limit = std::to_string(maxBytes) + " bytes";
    return "the response from " + url + " is larger than " + limit;
}

} // namespace umg
