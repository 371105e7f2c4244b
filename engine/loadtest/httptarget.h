#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "loadtest/loadtarget.h"

namespace httplib {
class Client;
}

namespace umg {

/// LoadTarget over a node's HTTP API (docs/HTTP-API.md). Each batch is one
/// `POST /v1/events` with an NDJSON body over a kept-alive connection from
/// a pool. A 503 is backpressure: the sender waits for `Retry-After` and
/// sends the same batch again, which the node counts once however often it
/// arrives. Lost connections, timeouts and other 5xx responses are retried
/// the same way with a growing pause. Counters come from `GET /v1/snapshot`
/// and the latency buckets and process figures from `GET /metrics`.
class HttpTarget final : public LoadTarget {
public:
    /// `endpoint` is `http://HOST:PORT` or `https://HOST:PORT`; `token` the
    /// node's bearer token, empty when it needs none; `connections` the
    /// number of parallel senders. The token never appears in a message.
    HttpTarget(std::string endpoint, std::string token, unsigned connections);
    ~HttpTarget() override;

    std::string describe() const override;
    /// Checks `GET /healthz` and, with the token, `GET /v1/status`.
    void open() override;
    SendOutcome send(const EventBatch& batch, std::chrono::steady_clock::time_point deadline) override;
    TargetReading read() override;
    bool finish(std::uint64_t processedAtLeast, std::chrono::milliseconds timeout) override;

private:
    std::unique_ptr<httplib::Client> makeClient() const;
    std::unique_ptr<httplib::Client> borrowClient();
    void returnClient(std::unique_ptr<httplib::Client> client);

    std::string m_endpoint;
    std::string m_token;
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<httplib::Client>> m_pool;
    std::unique_ptr<httplib::Client> m_reader; // used by read() and open() only
};

/// Fills the counters of `reading` from the body of a node's
/// `GET /v1/snapshot`. Returns false and sets `reading.error` when the body
/// is not such a document. Exposed for tests.
bool readSnapshotJson(std::string_view body, TargetReading& reading);

/// Fills the latency buckets and process figures of `reading` from a
/// `/metrics` body in the Prometheus text format. Series that are missing
/// leave their fields unchanged. Exposed for tests.
void readMetricsText(std::string_view body, TargetReading& reading);

} // namespace umg
