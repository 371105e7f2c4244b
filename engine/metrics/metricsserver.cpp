#include "metrics/metricsserver.h"

#include <prometheus/exposer.h>

#include <stdexcept>

#include "util/log.h"

namespace umg {

bool splitHostPort(const std::string& address, std::string& host, int& port)
{
    std::string portText;
    if (!address.empty() && address.front() == '[') {
        const std::size_t close = address.find(']');
        if (close == std::string::npos || close + 1 >= address.size() || address[close + 1] != ':')
            return false;
        host = address.substr(1, close - 1);
        portText = address.substr(close + 2);
    } else {
        const std::size_t colon = address.rfind(':');
        if (colon == std::string::npos || address.find(':') != colon)
            return false;
        host = address.substr(0, colon);
        portText = address.substr(colon + 1);
    }
    if (host.empty() || portText.empty() || portText.size() > 5
        || portText.find_first_not_of("0123456789") != std::string::npos)
        return false;
    port = std::stoi(portText);
    return port <= 65535;
}

bool isLoopbackHost(const std::string& host)
{
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

MetricsServer::MetricsServer(const std::string& address, std::shared_ptr<prometheus::Collectable> collectable)
    : m_address(address)
    , m_collectable(std::move(collectable))
{
    std::string host;
    int port = 0;
    if (!splitHostPort(address, host, port)) {
        throw std::runtime_error("invalid metrics address \"" + address
                                 + "\"; use HOST:PORT such as 127.0.0.1:9464 or [::1]:9464");
    }
    // civetweb takes IPv6 listening addresses in brackets as well.
    const std::string listen = host.find(':') != std::string::npos ? "[" + host + "]:" + std::to_string(port)
                                                                   : host + ":" + std::to_string(port);
    try {
        m_exposer = std::make_unique<prometheus::Exposer>(listen, 2);
    } catch (const std::exception& error) {
        throw std::runtime_error("cannot serve metrics on " + address + ": " + error.what()
                                 + "; the port may be in use by another process; choose another address");
    }
    m_exposer->RegisterCollectable(m_collectable);
    log::info("metrics", "serving /metrics", {{"address", host + ":" + std::to_string(this->port())}});
}

MetricsServer::~MetricsServer() = default;

int MetricsServer::port() const
{
    const std::vector<int> ports = m_exposer->GetListeningPorts();
    return ports.empty() ? 0 : ports.front();
}

} // namespace umg
