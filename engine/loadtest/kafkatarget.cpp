#include "loadtest/kafkatarget.h"

#include <stdexcept>

namespace umg {

std::unique_ptr<LoadTarget> makeKafkaTarget(const LoadTargetAddress& address, const LoadTestProfile&,
                                            const std::string&)
{
    // TODO: produce through the engine's Kafka producer (engine/kafka) and
    // read the consuming node through an HttpTarget on status_url.
    throw std::runtime_error("load tests against Kafka (" + address.toString()
                             + ") are not available in this build; test the consuming node over its HTTP API "
                               "with --target http://HOST:PORT instead");
}

} // namespace umg
