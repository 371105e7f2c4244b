#include "server/eventsendpoint.h"

#include <httplib.h>

#include <cstring>
#include <stdexcept>
#include <string_view>
#include <unordered_set>

#include "runtime/engine.h"
#include "server/httpserver.h"
#include "server/responses.h"
#include "util/jsonwriter.h"
#include "util/log.h"

namespace umg {
namespace {

using Clock = std::chrono::steady_clock;

// Rejected lines listed one by one in a response. The rest are only counted,
// so that a body of garbage cannot produce a response many times its size.
constexpr std::size_t kMaxListedRejections = 1000;
// Seconds a client should wait before resending a batch that got 503.
constexpr const char* kRetryAfterSeconds = "1";

log::RateLimiter s_busyLog(10, 1000);
log::RateLimiter s_ackTimeoutLog(10, 1000);
log::RateLimiter s_bodyErrorLog(10, 1000);

bool isBlank(std::string_view line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

std::uint64_t countRepeatedIds(const EventBatch& events)
{
    std::unordered_set<std::string_view> seen;
    seen.reserve(events.size());
    std::uint64_t repeats = 0;
    for (const EventRecord& event : events.events()) {
        if (!seen.insert(events.string(event, Field::EventId)).second)
            ++repeats;
    }
    return repeats;
}

struct IngestResult {
    std::string requestId;
    const ParsedEvents* parsed = nullptr;
    std::uint64_t batchId = 0;
    bool durable = false;
};

std::string resultJson(const IngestResult& result, std::string_view error)
{
    const ParsedEvents& parsed = *result.parsed;
    JsonWriter json;
    json.beginObject();
    if (!error.empty())
        json.field("error", error);
    json.field("request_id", result.requestId);
    json.field("lines", parsed.lines);
    json.field("events", static_cast<std::uint64_t>(parsed.events.size()));
    json.field("accepted", static_cast<std::uint64_t>(parsed.events.size()) - parsed.duplicates);
    json.field("duplicates", parsed.duplicates);
    json.field("rejected", static_cast<std::uint64_t>(parsed.rejections.size()));
    json.key("rejections").beginArray();
    const std::size_t listed = std::min(parsed.rejections.size(), kMaxListedRejections);
    for (std::size_t i = 0; i < listed; ++i) {
        const Rejection& rejection = parsed.rejections[i];
        json.beginObject();
        json.field("line", rejection.line);
        json.field("reason", toString(rejection.reason));
        json.field("detail", rejection.detail);
        json.endObject();
    }
    json.endArray();
    json.field("rejections_omitted", static_cast<std::uint64_t>(parsed.rejections.size() - listed));
    if (result.batchId > 0)
        json.field("batch_id", result.batchId);
    else
        json.key("batch_id").null();
    json.field("durable", result.durable);
    json.endObject();
    return json.str();
}

void sendRequestError(httplib::Response& response, int status, std::string_view message, const std::string& requestId)
{
    JsonWriter json;
    json.beginObject().field("error", message).field("request_id", requestId).endObject();
    sendJson(response, status, json.str());
}

} // namespace

ParsedEvents parseEventLines(const std::string& body, std::size_t length, LineParser& parser, const ParseLimits& limits,
                             const std::string& source)
{
    if (body.size() < length + kParsePadding)
        throw std::invalid_argument("parseEventLines(): the body needs kParsePadding bytes after its text");
    ParsedEvents parsed;
    parsed.events.reserve(length / 300 + 1, length);
    const char* data = body.data();
    std::uint64_t lineNumber = 1;
    std::size_t position = 0;
    while (position < length) {
        const void* newline = std::memchr(data + position, '\n', length - position);
        const std::size_t lineEnd = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) : length;
        std::string_view line(data + position, lineEnd - position);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!isBlank(line)) {
            ++parsed.lines;
            Rejection rejection;
            bool accepted = false;
            if (line.size() > limits.maxLineBytes) {
                rejection.reason = RejectReason::LineTooLong;
                rejection.detail = "the line is longer than " + std::to_string(limits.maxLineBytes) + " bytes";
            } else {
                parser.setLineNumber(lineNumber);
                accepted = parser.parseLine(line, body.size() - position, parsed.events, rejection);
            }
            if (!accepted) {
                rejection.source = source;
                rejection.line = lineNumber;
                parsed.rejections.push_back(std::move(rejection));
            }
        }
        ++lineNumber;
        position = lineEnd + 1;
    }
    // Counted only now: views into the batch's arena are stable once no
    // more events are appended.
    parsed.duplicates = countRepeatedIds(parsed.events);
    return parsed;
}

EventIngest::EventIngest(Engine& engine, const HttpServerOptions& options)
    : m_engine(engine)
    , m_maxBodyBytes(options.maxBodyBytes)
    , m_readTimeout(options.readTimeout)
    , m_requestTimeout(options.requestTimeout)
    , m_ackTimeout(options.ackTimeout)
    , m_limits(options.parseLimits)
    , m_requestIdPrefix(std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()))
{
}

EventIngest::~EventIngest() = default;

std::string EventIngest::nextRequestId()
{
    return m_requestIdPrefix + "-" + std::to_string(m_requestCount.fetch_add(1, std::memory_order_relaxed) + 1);
}

std::unique_ptr<LineParser> EventIngest::takeParser()
{
    {
        std::lock_guard lock(m_parsersMutex);
        if (!m_idleParsers.empty()) {
            std::unique_ptr<LineParser> parser = std::move(m_idleParsers.back());
            m_idleParsers.pop_back();
            return parser;
        }
    }
    return makeParser(InputFormat::Ndjson, m_limits);
}

void EventIngest::returnParser(std::unique_ptr<LineParser> parser)
{
    std::lock_guard lock(m_parsersMutex);
    m_idleParsers.push_back(std::move(parser));
}

EventIngest::BodyOutcome EventIngest::readBody(const httplib::Request& request, const httplib::ContentReader& reader,
                                               std::string& body) const
{
    const auto started = Clock::now();
    const auto deadline = started + m_requestTimeout;
    auto lastData = started;
    bool tooLarge = false;
    bool overdue = false;
    std::size_t discarded = 0;

    const std::string declared = request.get_header_value("Content-Length");
    const std::size_t expected = declared.empty() ? 0 : std::strtoull(declared.c_str(), nullptr, 10);
    body.reserve(std::min(expected, m_maxBodyBytes) + kParsePadding);

    const bool complete = reader([&](const char* data, std::size_t size) {
        lastData = Clock::now();
        if (lastData > deadline) {
            overdue = true;
            return false;
        }
        if (tooLarge || body.size() + size > m_maxBodyBytes) {
            // A chunked body over the limit: read on and discard up to the
            // limit once more, so that a client that finishes sending soon
            // receives the 413 instead of a reset connection.
            tooLarge = true;
            discarded += size;
            return discarded <= m_maxBodyBytes;
        }
        body.append(data, size);
        return true;
    });
    if (tooLarge)
        return BodyOutcome::TooLarge;
    if (overdue)
        return BodyOutcome::TimedOut;
    if (!complete)
        return Clock::now() - lastData >= m_readTimeout ? BodyOutcome::TimedOut : BodyOutcome::ReadFailed;
    return BodyOutcome::Complete;
}

void EventIngest::handle(const httplib::Request& request, httplib::Response& response,
                         const httplib::ContentReader& reader)
{
    const std::string requestId = nextRequestId();
    response.set_header("X-Request-Id", requestId);

    std::string body;
    const BodyOutcome outcome = readBody(request, reader, body);
    if (outcome != BodyOutcome::Complete) {
        int status = 400;
        std::string message = "the request body could not be read: the connection closed early or the chunked "
                              "encoding is invalid";
        if (outcome == BodyOutcome::TooLarge) {
            status = 413;
            message = "the request body is larger than " + std::to_string(m_maxBodyBytes)
                + " bytes; send smaller batches";
        } else if (outcome == BodyOutcome::TimedOut) {
            status = 408;
            message = "the request body did not arrive in time (read timeout " + std::to_string(m_readTimeout.count())
                + " s, request timeout " + std::to_string(m_requestTimeout.count()) + " s)";
        }
        if (s_bodyErrorLog.allow()) {
            log::warning("http", "dropped a request whose body could not be read",
                         {{"request_id", requestId}, {"remote", request.remote_addr}, {"status", status},
                          {"bytes_read", static_cast<std::uint64_t>(body.size())},
                          {"occurrences", s_bodyErrorLog.count()}});
        }
        sendRequestError(response, status, message, requestId);
        closeAfterResponse(response);
        return;
    }

    const std::size_t length = body.size();
    body.append(kParsePadding, '\0');
    ParsedEvents parsed;
    {
        std::unique_ptr<LineParser> parser = takeParser();
        parsed = parseEventLines(body, length, *parser, m_limits, "http:" + requestId);
        returnParser(std::move(parser));
    }
    if (parsed.lines == 0) {
        sendRequestError(response, 400, "the request body has no events; send one JSON object per line", requestId);
        return;
    }

    IngestResult result{requestId, &parsed, 0, false};
    if (!parsed.events.empty()) {
        try {
            result.batchId = m_engine.submit(m_engine.prepare(parsed.events), Engine::SubmitMode::TryOnce);
        } catch (const std::logic_error&) {
            sendRequestError(response, 503, "the node is shutting down; send the batch again later", requestId);
            return;
        }
        if (result.batchId == 0) {
            if (s_busyLog.allow()) {
                log::warning("http", "the engine queues are full; responding 503 with Retry-After",
                             {{"request_id", requestId}, {"occurrences", s_busyLog.count()}});
            }
            response.set_header("Retry-After", kRetryAfterSeconds);
            sendRequestError(response, 503,
                             "the engine queues are full; nothing of this batch was accepted; send it again after "
                             + std::string(kRetryAfterSeconds) + " s",
                             requestId);
            return;
        }
    }
    if (!parsed.rejections.empty())
        m_engine.recordRejections(parsed.rejections);

    result.durable = result.batchId == 0 || m_engine.waitDurable(result.batchId, m_ackTimeout);
    if (!result.durable) {
        if (s_ackTimeoutLog.allow()) {
            log::warning("http", "a batch was not committed to the journal within the acknowledgement timeout",
                         {{"request_id", requestId}, {"batch_id", result.batchId},
                          {"timeout_ms", static_cast<std::int64_t>(m_ackTimeout.count())},
                          {"occurrences", s_ackTimeoutLog.count()}});
        }
        response.set_header("Retry-After", kRetryAfterSeconds);
        sendJson(response, 503,
                 resultJson(result, "the batch was queued but not committed to the database within "
                                        + std::to_string(m_ackTimeout.count())
                                        + " ms; it may still be committed; send it again, since the engine counts "
                                          "a repeated event once"));
        return;
    }
    sendJson(response, 200, resultJson(result, {}));
}

} // namespace umg
