#include "kafka/rewindtracker.h"

#include <algorithm>
#include <limits>

namespace umg {
namespace {

constexpr std::int64_t kNoEvent = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kSpansPerWindow = 64;

} // namespace

RewindTracker::RewindTracker(std::int64_t windowMs)
    : m_windowMs(std::max<std::int64_t>(windowMs, 1))
    , m_newestEventMs(kNoEvent)
{
}

void RewindTracker::reset(std::int64_t offset)
{
    m_startOffset = offset;
    m_newestEventMs = kNoEvent;
    m_spans.clear();
}

void RewindTracker::add(std::int64_t offset, std::int64_t newestEventMs)
{
    if (newestEventMs == kNoEvent)
        return;
    m_newestEventMs = std::max(m_newestEventMs, newestEventMs);
    const std::int64_t spanMs = std::max<std::int64_t>(1, m_windowMs / kSpansPerWindow);
    if (m_spans.empty() || newestEventMs >= m_spans.back().startEventMs + spanMs)
        m_spans.push_back(Span{offset, newestEventMs, newestEventMs});
    else
        m_spans.back().newestEventMs = std::max(m_spans.back().newestEventMs, newestEventMs);

    // The span with the partition's newest event is never dropped, so at
    // least one span stays.
    const std::int64_t horizon = m_newestEventMs - m_windowMs;
    while (m_spans.front().newestEventMs < horizon)
        m_spans.pop_front();
}

std::int64_t RewindTracker::rewindOffset() const
{
    return m_spans.empty() ? m_startOffset : m_spans.front().firstOffset;
}

} // namespace umg
