#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace umg {

/// One period in which a node owned a Kafka partition: the node's instance
/// id and the committed offset it started consuming from.
struct PartitionOwner {
    std::string instance;
    std::int64_t since = 0;

    bool operator==(const PartitionOwner&) const = default;
};

/// What every offset commit of the node carries in Kafka's commit metadata
/// string, so that a node that reads the committed offset learns where
/// attribution state for the partition starts and who owned it before.
///
/// Text form: `umg1 rewind=OFFSET owners=ID@SINCE,ID@SINCE,...`, oldest owner
/// first. At most kMaxOwners owners are kept; older ones are dropped.
struct CommitMetadata {
    static constexpr std::size_t kMaxOwners = 16;

    /// The first offset whose events can still matter for attribution: a
    /// node that takes the partition over re-reads from here to the
    /// committed offset to rebuild its state.
    std::int64_t rewindOffset = 0;
    std::vector<PartitionOwner> owners;

    std::string format() const;
    /// Parses the text form; nullopt for metadata of another client (or
    /// none), which callers treat as "no ownership history".
    static std::optional<CommitMetadata> parse(std::string_view text);

    /// Appends `instance` as the owner since `since` unless it is already the
    /// newest owner, then drops owners beyond kMaxOwners.
    void appendOwner(std::string_view instance, std::int64_t since);
};

/// Origin of a journal batch of the Kafka consumer: the consumer group, topic
/// and partition, and the offsets of its first and last message.
///
/// Text form, stored as the journal batch's origin: `kafka` and the five
/// fields separated by tabs. Group ids and topics with a tab or a line break
/// are rejected when the consumer is configured.
struct KafkaBatchOrigin {
    std::string group;
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t firstOffset = 0;
    std::int64_t lastOffset = 0;

    std::string format() const;
    /// Parses the text form; nullopt for any other origin (HTTP, replay).
    static std::optional<KafkaBatchOrigin> parse(std::string_view text);
};

/// Decides whether the offsets of a batch that `instance` consumed were
/// committed, from the partition's current committed offset and metadata.
///
/// A batch is committed when its last offset lies before the end of the
/// ownership period it was consumed in: the start of the next owner in
/// `metadata`, or `committedOffset` when `instance` is still the newest
/// owner. A batch whose ownership period is not in `metadata` (the owner
/// never committed, or more than kMaxOwners owners followed) counts as not
/// committed. Pure function, thread-safe.
bool offsetsWereCommitted(const KafkaBatchOrigin& batch, std::string_view instance, std::int64_t committedOffset,
                          const std::optional<CommitMetadata>& metadata);

} // namespace umg
