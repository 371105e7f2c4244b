#pragma once

#include <cstdint>
#include <vector>

namespace umg::detail {

/// Open-addressing set of 64-bit event-id hashes with the event time of each
/// entry, so that entries past the retention can be dropped. 12 bytes per
/// slot, kept at most 70 % full.
class DedupSet {
public:
    DedupSet() { resize(1024); }

    /// Inserts `key`; returns false when it was present already.
    bool insert(std::uint64_t key, std::int64_t timestampMs)
    {
        if (key == 0)
            key = 1; // 0 marks an empty slot
        if ((m_size + 1) * 10 > m_keys.size() * 7)
            resize(m_keys.size() * 2);
        std::size_t slot = key & m_mask;
        while (m_keys[slot] != 0) {
            if (m_keys[slot] == key)
                return false;
            slot = (slot + 1) & m_mask;
        }
        m_keys[slot] = key;
        m_minutes[slot] = toMinutes(timestampMs);
        ++m_size;
        return true;
    }

    void prefetch(std::uint64_t key) const
    {
        if (key == 0)
            key = 1;
        __builtin_prefetch(m_keys.data() + (key & m_mask));
    }

    bool contains(std::uint64_t key) const
    {
        if (key == 0)
            key = 1;
        std::size_t slot = key & m_mask;
        while (m_keys[slot] != 0) {
            if (m_keys[slot] == key)
                return true;
            slot = (slot + 1) & m_mask;
        }
        return false;
    }

    /// Drops every entry older than `cutoffMs` and shrinks the table.
    void dropOlderThan(std::int64_t cutoffMs)
    {
        const std::uint32_t cutoff = toMinutes(cutoffMs);
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> minutes;
        keys.swap(m_keys);
        minutes.swap(m_minutes);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < keys.size(); ++i)
            kept += keys[i] != 0 && minutes[i] >= cutoff;
        std::size_t capacity = 1024;
        while (kept * 10 > capacity * 5)
            capacity *= 2;
        resize(capacity);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != 0 && minutes[i] >= cutoff)
                place(keys[i], minutes[i]);
        }
    }

    std::size_t size() const { return m_size; }
    std::size_t memoryBytes() const { return m_keys.capacity() * 8 + m_minutes.capacity() * 4; }

private:
    // Minutes since 2000-01-01, so that 32 bits reach past the year 8000.
    static std::uint32_t toMinutes(std::int64_t ms)
    {
        const std::int64_t minutes = ms / 60000 - 15778080;
        return minutes < 0 ? 0 : static_cast<std::uint32_t>(minutes);
    }

    void place(std::uint64_t key, std::uint32_t minute)
    {
        std::size_t slot = key & m_mask;
        while (m_keys[slot] != 0)
            slot = (slot + 1) & m_mask;
        m_keys[slot] = key;
        m_minutes[slot] = minute;
        ++m_size;
    }

    void resize(std::size_t capacity)
    {
        std::vector<std::uint64_t> keys(capacity, 0);
        std::vector<std::uint32_t> minutes(capacity, 0);
        keys.swap(m_keys);
        minutes.swap(m_minutes);
        m_mask = capacity - 1;
        m_size = 0;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != 0)
                place(keys[i], minutes[i]);
        }
    }

    std::vector<std::uint64_t> m_keys;
    std::vector<std::uint32_t> m_minutes;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace umg::detail
