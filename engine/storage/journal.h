#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/routedevent.h"

namespace umg {

/// Facts about a whole journal batch, stored with its events.
struct JournalBatchInfo {
    /// The events only rebuild attribution state when they are restored (see
    /// BatchOptions::stateOnly in runtime/engine.h).
    bool stateOnly = false;
    /// Origin of the events, in a form the submitter chooses (the Kafka
    /// consumer stores the topic, partition and offsets here).
    std::string origin;

    bool empty() const { return !stateOnly && origin.empty(); }
};

/// Compact binary form of routed events for the journal table. Strings that
/// repeat within a blob (customer, app, media source, campaign, ...) are
/// stored once and referenced; device identifiers are stored only as the
/// hashes the workers use. About 40 to 60 bytes per event.
///
/// Blob layout: the magic `UJ1\0`, then for each event a flags byte, the
/// zigzag varint difference of its timestamp to the previous one, the device
/// key (8 bytes), the IDFV hash when present (8 bytes), the revenue when
/// present (8 bytes), and its 13 strings. Dictionary fields are a varint
/// code: 0 empty, 1 a new string (varint length and bytes), n >= 2 the
/// (n-2)th string of that field seen earlier in the blob. Event and
/// reference ids are a varint length and bytes.
///
/// A batch with JournalBatchInfo starts with the magic `UJ2\0` instead,
/// followed by a flags byte (bit 0: state only), the varint length and bytes
/// of the origin, and then the events as above.
class JournalEncoder {
public:
    void append(const RoutedBatch& batch, const RoutedEvent& event);
    /// Sets the batch information that finish() writes before the events.
    void setBatchInfo(JournalBatchInfo info) { m_info = std::move(info); }
    std::size_t events() const { return m_events; }
    /// Returns the blob and resets the encoder.
    std::string finish();

private:
    void reserveBytes(std::size_t bytes);

    std::unique_ptr<char[]> m_buffer;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
    std::int64_t m_previousMs = 0;
    std::size_t m_events = 0;
    /// Per field, the strings already written to this blob, by dictionary
    /// index, and a 256-slot table from a cheap hash of a string to the
    /// index + 1 of the last string with that hash. The views point into
    /// the routed batches, which outlive the encoding of one blob.
    struct Dictionary {
        std::vector<std::string_view> strings;
        std::array<std::uint32_t, 256> recent{};
    };
    std::vector<Dictionary> m_dictionaries;
    JournalBatchInfo m_info;
};

/// Thrown for a journal blob that is truncated or not a journal blob.
class JournalFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Decodes a blob into routed events, appended to `out` in their original
/// order, and its batch information into `info` when given. Throws
/// JournalFormatError when the blob is damaged.
void decodeJournal(std::string_view blob, RoutedBatch& out, JournalBatchInfo* info = nullptr);

/// Reads only the batch information of a blob (empty for a blob without
/// one). Throws JournalFormatError when the blob is damaged.
JournalBatchInfo readJournalBatchInfo(std::string_view blob);

} // namespace umg
