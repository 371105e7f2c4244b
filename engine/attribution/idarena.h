#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace umg::detail {

/// Append-only storage for short strings (event ids) in 1 MiB chunks. A
/// string is addressed by a 32-bit offset and never moves, so growth needs no
/// copy and leaves no doubling slack. Strings longer than a chunk are cut.
class IdArena {
public:
    static constexpr std::uint32_t kChunkBytes = 1u << 20;

    /// Stores `text` and returns its offset.
    std::uint32_t store(std::string_view text)
    {
        if (text.size() > kChunkBytes)
            text = text.substr(0, kChunkBytes);
        if (m_chunks.empty() || m_used + text.size() > kChunkBytes) {
            m_chunks.push_back(std::make_unique_for_overwrite<char[]>(kChunkBytes));
            m_used = 0;
        }
        const auto offset = static_cast<std::uint32_t>((m_chunks.size() - 1) * kChunkBytes + m_used);
        std::memcpy(m_chunks.back().get() + m_used, text.data(), text.size());
        m_used += static_cast<std::uint32_t>(text.size());
        return offset;
    }

    std::string_view at(std::uint32_t offset, std::uint32_t length) const
    {
        return std::string_view(m_chunks[offset / kChunkBytes].get() + offset % kChunkBytes, length);
    }

    /// Bytes held, whole chunks included.
    std::size_t bytes() const { return m_chunks.size() * std::size_t{kChunkBytes}; }
    /// Bytes holding strings.
    std::size_t usedBytes() const { return m_chunks.empty() ? 0 : (m_chunks.size() - 1) * std::size_t{kChunkBytes} + m_used; }

    void swap(IdArena& other) noexcept
    {
        m_chunks.swap(other.m_chunks);
        std::swap(m_used, other.m_used);
    }

private:
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::uint32_t m_used = 0;
};

} // namespace umg::detail
