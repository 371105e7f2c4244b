#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/eventparser.h"
#include "ingest/rejection.h"
#include "model/event.h"

namespace httplib {
class ContentReader;
struct Request;
struct Response;
} // namespace httplib

namespace umg {

class Engine;
struct HttpServerOptions;

/// Events and rejected lines of one NDJSON request body.
struct ParsedEvents {
    EventBatch events;
    std::vector<Rejection> rejections;
    std::uint64_t lines = 0;      ///< lines that are not blank
    std::uint64_t duplicates = 0; ///< events whose event_id occurs on an earlier line of the body
};

/// Parses the NDJSON text in the first `length` bytes of `body`, whose size
/// must be at least `length + kParsePadding`. Blank lines are skipped; line
/// numbers count every line from 1. Rejections carry `source`.
ParsedEvents parseEventLines(const std::string& body, std::size_t length, LineParser& parser, const ParseLimits& limits,
                             const std::string& source);

/// `POST /v1/events`: reads an NDJSON body within the size and time limits,
/// parses it, submits the events to the engine without waiting for queue
/// space, and responds 200 only once the batch is committed to the journal.
/// docs/HTTP-API.md describes the responses. Thread-safe: one instance
/// serves every connection thread.
class EventIngest {
public:
    EventIngest(Engine& engine, const HttpServerOptions& options);
    ~EventIngest();

    void handle(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader);

private:
    enum class BodyOutcome { Complete, TooLarge, TimedOut, ReadFailed };

    BodyOutcome readBody(const httplib::Request& request, const httplib::ContentReader& reader, std::string& body) const;
    std::unique_ptr<LineParser> takeParser();
    void returnParser(std::unique_ptr<LineParser> parser);
    std::string nextRequestId();

    Engine& m_engine;
    const std::size_t m_maxBodyBytes;
    const std::chrono::seconds m_readTimeout;
    const std::chrono::seconds m_requestTimeout;
    const std::chrono::milliseconds m_ackTimeout;
    const ParseLimits m_limits;
    const std::string m_requestIdPrefix;
    std::atomic<std::uint64_t> m_requestCount{0};

    std::mutex m_parsersMutex;
    std::vector<std::unique_ptr<LineParser>> m_idleParsers;
};

} // namespace umg
