#pragma once

#include <cstdint>
#include <deque>

namespace umg {

/// Tracks, for one Kafka partition, the first offset whose events can still
/// matter for attribution: every message before it holds only events older
/// than the partition's newest event time minus the window. A node that takes
/// the partition over re-reads from that offset (see CommitMetadata).
///
/// Messages are grouped into about 64 spans of event time, each remembered by
/// its first offset and its newest event, so memory stays constant however
/// many messages the window contains. The rewind offset is conservative: it
/// may be earlier than needed, never later. Not thread-safe.
class RewindTracker {
public:
    /// `windowMs`: event time that must stay re-readable, in milliseconds.
    explicit RewindTracker(std::int64_t windowMs = 0);

    /// Starts over at `offset` (the first offset of an assignment).
    void reset(std::int64_t offset);

    /// Records one message at `offset` whose newest event time is
    /// `newestEventMs` (INT64_MIN for a message without events).
    void add(std::int64_t offset, std::int64_t newestEventMs);

    /// The offset to re-read from.
    std::int64_t rewindOffset() const;

private:
    struct Span {
        std::int64_t firstOffset;
        std::int64_t startEventMs;
        std::int64_t newestEventMs;
    };

    std::int64_t m_windowMs;
    std::int64_t m_startOffset = 0;
    std::int64_t m_newestEventMs;
    std::deque<Span> m_spans;
};

} // namespace umg
