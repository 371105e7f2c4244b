#include "storage/journal.h"

#include <cstring>

namespace umg {
namespace {

constexpr std::string_view kMagic("UJ1\0", 4);
// Magic of a blob that starts with JournalBatchInfo.
constexpr std::string_view kMagicWithInfo("UJ2\0", 4);
constexpr std::uint8_t kBatchStateOnly = 0x01;
// Strings per field that get a dictionary index within one blob.
constexpr std::size_t kMaxDictionary = 256;

// Fields stored through the per-blob dictionary; the others are raw.
bool isDictionaryField(RoutedField field)
{
    return field != RoutedField::EventId && field != RoutedField::ReferenceTouchId;
}

enum Flags : std::uint8_t {
    kTypeMask = 0x03,
    kIos = 0x04,
    kHasRevenue = 0x08,
    kHasReference = 0x10,
    kKeyedByAdvertisingId = 0x20,
    kHasIdfv = 0x40,
};

// A hash over the length and the first and last bytes: enough to tell most
// repeated field values apart without reading them whole.
std::size_t cheapHash(std::string_view value)
{
    const auto first = static_cast<unsigned char>(value.front());
    const auto last = static_cast<unsigned char>(value.back());
    return (value.size() * 31 + first * 7 + last) & 0xff;
}

char* writeVarint(char* out, std::uint64_t value)
{
    while (value >= 0x80) {
        *out++ = static_cast<char>(value | 0x80);
        value >>= 7;
    }
    *out++ = static_cast<char>(value);
    return out;
}

char* writeFixed64(char* out, std::uint64_t value)
{
    std::memcpy(out, &value, 8);
    return out + 8;
}

class Reader {
public:
    explicit Reader(std::string_view data) : m_data(data) {}

    bool atEnd() const { return m_pos >= m_data.size(); }

    std::uint64_t varint()
    {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const auto byte = static_cast<std::uint8_t>(take(1)[0]);
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        throw JournalFormatError("journal blob has a varint longer than 64 bits");
    }

    std::uint64_t fixed64()
    {
        std::uint64_t value = 0;
        std::memcpy(&value, take(8).data(), 8);
        return value;
    }

    std::string_view take(std::size_t count)
    {
        if (count > m_data.size() - m_pos)
            throw JournalFormatError("journal blob is truncated");
        const std::string_view bytes = m_data.substr(m_pos, count);
        m_pos += count;
        return bytes;
    }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

} // namespace

void JournalEncoder::append(const RoutedBatch& batch, const RoutedEvent& event)
{
    if (m_size == 0) {
        reserveBytes(64 * 1024);
        std::memcpy(m_buffer.get(), kMagic.data(), kMagic.size());
        m_size = kMagic.size();
        m_dictionaries.resize(kRoutedFieldCount);
        for (Dictionary& dictionary : m_dictionaries) {
            dictionary.strings.clear();
            dictionary.recent.fill(0);
        }
        m_previousMs = 0;
    }
    // The most this event can take: flags, timestamp, three 8-byte values
    // and every string with a 10-byte varint before it.
    std::size_t worst = 1 + 10 + 24;
    for (const StringRef& ref : event.strings)
        worst += 20 + ref.length;
    reserveBytes(m_size + worst);
    char* out = m_buffer.get() + m_size;

    std::uint8_t flags = static_cast<std::uint8_t>(event.type) & kTypeMask;
    if (event.platform == Platform::Ios)
        flags |= kIos;
    if (event.hasRevenue)
        flags |= kHasRevenue;
    if (event.hasReference)
        flags |= kHasReference;
    if (event.keyedByAdvertisingId)
        flags |= kKeyedByAdvertisingId;
    if (event.idfvHash != 0)
        flags |= kHasIdfv;
    *out++ = static_cast<char>(flags);
    const std::int64_t delta = event.timestampMs - m_previousMs;
    out = writeVarint(out, (static_cast<std::uint64_t>(delta) << 1) ^ static_cast<std::uint64_t>(delta >> 63));
    m_previousMs = event.timestampMs;
    out = writeFixed64(out, event.deviceKey);
    if (event.idfvHash != 0)
        out = writeFixed64(out, event.idfvHash);
    if (event.hasRevenue) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &event.revenue, 8);
        out = writeFixed64(out, bits);
    }
    for (std::size_t i = 0; i < kRoutedFieldCount; ++i) {
        const auto field = static_cast<RoutedField>(i);
        const std::string_view value = batch.string(event, field);
        if (!isDictionaryField(field)) {
            out = writeVarint(out, value.size());
            std::memcpy(out, value.data(), value.size());
            out += value.size();
            continue;
        }
        if (value.empty()) {
            *out++ = 0;
            continue;
        }
        Dictionary& dictionary = m_dictionaries[i];
        const std::size_t slot = cheapHash(value);
        std::uint32_t index = dictionary.recent[slot];
        if (index == 0 || dictionary.strings[index - 1] != value) {
            index = 0;
            for (std::uint32_t j = 0; j < dictionary.strings.size(); ++j) {
                if (dictionary.strings[j] == value) {
                    index = j + 1;
                    break;
                }
            }
        }
        if (index != 0) {
            dictionary.recent[slot] = index;
            out = writeVarint(out, index + 1);
        } else {
            *out++ = 1;
            out = writeVarint(out, value.size());
            std::memcpy(out, value.data(), value.size());
            out += value.size();
            // The decoder keeps the same limit, so indexes stay small and
            // both sides agree on which strings have an index.
            if (dictionary.strings.size() < kMaxDictionary) {
                dictionary.strings.push_back(value);
                dictionary.recent[slot] = static_cast<std::uint32_t>(dictionary.strings.size());
            }
        }
    }
    m_size = static_cast<std::size_t>(out - m_buffer.get());
    ++m_events;
}

void JournalEncoder::reserveBytes(std::size_t bytes)
{
    if (bytes <= m_capacity)
        return;
    const std::size_t capacity = std::max(bytes, m_capacity * 2);
    auto buffer = std::make_unique_for_overwrite<char[]>(capacity);
    if (m_size > 0)
        std::memcpy(buffer.get(), m_buffer.get(), m_size);
    m_buffer = std::move(buffer);
    m_capacity = capacity;
}

std::string JournalEncoder::finish()
{
    std::string blob;
    if (m_info.empty()) {
        blob.assign(m_buffer.get(), m_size);
    } else {
        const std::size_t eventBytes = m_size > kMagic.size() ? m_size - kMagic.size() : 0;
        blob.reserve(kMagicWithInfo.size() + 11 + m_info.origin.size() + eventBytes);
        blob.append(kMagicWithInfo);
        blob.push_back(static_cast<char>(m_info.stateOnly ? kBatchStateOnly : 0));
        char length[10];
        blob.append(length, static_cast<std::size_t>(writeVarint(length, m_info.origin.size()) - length));
        blob.append(m_info.origin);
        if (eventBytes > 0)
            blob.append(m_buffer.get() + kMagic.size(), eventBytes);
    }
    m_size = 0;
    m_events = 0;
    m_info = JournalBatchInfo();
    return blob;
}

namespace {

// Checks the magic, reads the batch information of a UJ2 blob into `info`
// and returns the bytes of the events.
std::string_view readHeader(std::string_view blob, JournalBatchInfo* info)
{
    if (blob.substr(0, kMagic.size()) == kMagic)
        return blob.substr(kMagic.size());
    if (blob.substr(0, kMagicWithInfo.size()) != kMagicWithInfo)
        throw JournalFormatError("journal blob does not start with the journal magic bytes");
    Reader reader(blob.substr(kMagicWithInfo.size()));
    const auto flags = static_cast<std::uint8_t>(reader.take(1)[0]);
    const std::string_view origin = reader.take(reader.varint());
    if (info) {
        info->stateOnly = flags & kBatchStateOnly;
        info->origin.assign(origin);
    }
    return blob.substr(static_cast<std::size_t>(origin.data() + origin.size() - blob.data()));
}

} // namespace

JournalBatchInfo readJournalBatchInfo(std::string_view blob)
{
    JournalBatchInfo info;
    readHeader(blob, &info);
    return info;
}

void decodeJournal(std::string_view blob, RoutedBatch& out, JournalBatchInfo* info)
{
    Reader reader(readHeader(blob, info));
    std::vector<std::vector<std::string_view>> dictionaries(kRoutedFieldCount);
    std::int64_t previousMs = 0;
    while (!reader.atEnd()) {
        const auto flags = static_cast<std::uint8_t>(reader.take(1)[0]);
        RoutedEvent& event = out.add();
        event.type = static_cast<EventType>(flags & kTypeMask);
        event.platform = (flags & kIos) ? Platform::Ios : Platform::Android;
        event.hasRevenue = flags & kHasRevenue;
        event.hasReference = flags & kHasReference;
        event.keyedByAdvertisingId = flags & kKeyedByAdvertisingId;
        const std::uint64_t zigzag = reader.varint();
        previousMs += static_cast<std::int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
        event.timestampMs = previousMs;
        event.deviceKey = reader.fixed64();
        event.idfvHash = (flags & kHasIdfv) ? reader.fixed64() : 0;
        if (event.hasRevenue) {
            const std::uint64_t bits = reader.fixed64();
            std::memcpy(&event.revenue, &bits, 8);
        }
        for (std::size_t i = 0; i < kRoutedFieldCount; ++i) {
            const auto field = static_cast<RoutedField>(i);
            std::string_view value;
            if (!isDictionaryField(field)) {
                value = reader.take(reader.varint());
            } else {
                const std::uint64_t code = reader.varint();
                if (code == 1) {
                    value = reader.take(reader.varint());
                    if (dictionaries[i].size() < kMaxDictionary)
                        dictionaries[i].push_back(value);
                } else if (code >= 2) {
                    if (code - 2 >= dictionaries[i].size())
                        throw JournalFormatError("journal blob refers to a string it does not contain");
                    value = dictionaries[i][code - 2];
                }
            }
            out.setString(event, field, value);
        }
        event.eventIdHash = eventIdHash(out.string(event, RoutedField::AppId), out.string(event, RoutedField::EventId));
    }
}

} // namespace umg
