#include "rawhttpconnection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>

RawHttpConnection::~RawHttpConnection()
{
    if (m_socket >= 0)
        ::close(m_socket);
}

bool RawHttpConnection::connectTo(int port)
{
    m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_socket < 0)
        return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(m_socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

bool RawHttpConnection::send(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t sent = ::send(m_socket, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

bool RawHttpConnection::receive(std::chrono::milliseconds timeout)
{
    pollfd descriptor{m_socket, POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(timeout.count()));
    if (ready <= 0)
        return ready == 0;
    char chunk[16384];
    const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
    if (received <= 0)
        return false;
    m_buffer.append(chunk, static_cast<std::size_t>(received));
    return true;
}

RawHttpResponse RawHttpConnection::readResponse(std::chrono::milliseconds timeout)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    auto remaining = [&] {
        return std::max(std::chrono::milliseconds(0),
                        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    };

    std::size_t headerEnd = std::string::npos;
    while ((headerEnd = m_buffer.find("\r\n\r\n")) == std::string::npos) {
        if (remaining().count() == 0 || !receive(remaining()))
            return {};
    }
    RawHttpResponse response;
    const std::string head = m_buffer.substr(0, headerEnd);
    std::size_t lineEnd = head.find("\r\n");
    const std::string statusLine = head.substr(0, lineEnd);
    if (statusLine.size() < 12)
        return {};
    const int status = std::atoi(statusLine.c_str() + 9);
    while (lineEnd != std::string::npos) {
        const std::size_t start = lineEnd + 2;
        lineEnd = head.find("\r\n", start);
        const std::string line = head.substr(start, lineEnd == std::string::npos ? std::string::npos : lineEnd - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::size_t valueStart = colon + 1;
        while (valueStart < line.size() && line[valueStart] == ' ')
            ++valueStart;
        response.headers[name] = line.substr(valueStart);
    }

    const std::size_t length = response.headers.count("content-length")
        ? static_cast<std::size_t>(std::strtoull(response.headers["content-length"].c_str(), nullptr, 10))
        : 0;
    while (m_buffer.size() < headerEnd + 4 + length) {
        if (remaining().count() == 0 || !receive(remaining()))
            return {};
    }
    response.body = m_buffer.substr(headerEnd + 4, length);
    m_buffer.erase(0, headerEnd + 4 + length);
    response.status = status;
    return response;
}

bool RawHttpConnection::waitForClose(std::chrono::milliseconds timeout)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        pollfd descriptor{m_socket, POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (::poll(&descriptor, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0)
            continue;
        char chunk[16384];
        const ssize_t received = ::recv(m_socket, chunk, sizeof chunk, 0);
        if (received <= 0)
            return true;
    }
    return false;
}

std::string requestText(std::string_view method, std::string_view target, std::initializer_list<std::string> headers,
                        std::string_view body)
{
    std::string text;
    text.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (const std::string& header : headers)
        text.append(header).append("\r\n");
    text.append("\r\n").append(body);
    return text;
}
