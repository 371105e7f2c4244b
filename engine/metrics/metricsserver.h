#pragma once

#include <memory>
#include <string>

namespace prometheus {
class Collectable;
class Exposer;
} // namespace prometheus

namespace umg {

/// Serves `/metrics` in the Prometheus text format with prometheus-cpp's
/// exposer (an embedded civetweb server).
class MetricsServer {
public:
    /// Listens on `address` (`127.0.0.1:9464`, `[::1]:9464`, or port 0 for
    /// any free port) and serves `collectable`. Throws std::runtime_error
    /// naming the address when it is invalid or cannot be bound (for example
    /// because another process uses the port).
    MetricsServer(const std::string& address, std::shared_ptr<prometheus::Collectable> collectable);
    ~MetricsServer();

    /// The port actually bound (useful with port 0).
    int port() const;
    const std::string& address() const { return m_address; }

private:
    std::string m_address;
    std::unique_ptr<prometheus::Exposer> m_exposer;
    std::shared_ptr<prometheus::Collectable> m_collectable;
};

/// Splits `host:port` (IPv6 hosts in brackets). Returns false when the
/// text is not of that form or the port is not 0 to 65535.
bool splitHostPort(const std::string& address, std::string& host, int& port);

/// True for 127.0.0.0/8, ::1 and `localhost`.
bool isLoopbackHost(const std::string& host);

} // namespace umg
