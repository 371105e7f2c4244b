#pragma once

#include <chrono>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

/// One response as read off the socket. Header names are lowercase.
struct RawHttpResponse {
    int status = 0; ///< 0 when no complete response arrived
    std::map<std::string, std::string> headers;
    std::string body;
};

/// A blocking HTTP/1.1 connection to a loopback port that sends exactly the
/// bytes it is given, for the requests that well-behaved clients never send:
/// oversize headers, bodies that never finish, bodies that lie about their
/// length. Not thread-safe.
class RawHttpConnection {
public:
    RawHttpConnection() = default;
    ~RawHttpConnection();
    RawHttpConnection(const RawHttpConnection&) = delete;
    RawHttpConnection& operator=(const RawHttpConnection&) = delete;

    /// Connects to 127.0.0.1:`port`. Returns false when the connection is refused.
    bool connectTo(int port);
    /// Sends all of `bytes`. Returns false when the server has closed or reset the connection.
    bool send(std::string_view bytes);
    /// Reads one response (headers and a Content-Length body) within `timeout`.
    RawHttpResponse readResponse(std::chrono::milliseconds timeout);
    /// Whether the server closes the connection within `timeout`; data that
    /// arrives meanwhile is discarded.
    bool waitForClose(std::chrono::milliseconds timeout);

private:
    /// Appends what arrives within `timeout` to m_buffer; false on close or error.
    bool receive(std::chrono::milliseconds timeout);

    int m_socket = -1;
    std::string m_buffer;
};

/// Builds the bytes of a request. `headers` are complete lines without
/// their line ends (`Name: value`).
std::string requestText(std::string_view method, std::string_view target, std::initializer_list<std::string> headers,
                        std::string_view body = {});
