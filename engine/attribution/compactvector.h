#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

namespace umg::detail {

/// A vector of trivially copyable elements in 16 bytes (pointer, 32-bit size
/// and capacity), for per-device state where millions of instances live at
/// once and most stay empty.
template <typename T>
class CompactVector {
    static_assert(std::is_trivially_copyable_v<T>, "CompactVector moves elements with memmove");

public:
    CompactVector() = default;
    CompactVector(const CompactVector&) = delete;
    CompactVector& operator=(const CompactVector&) = delete;
    CompactVector(CompactVector&& other) noexcept
        : m_data(other.m_data), m_size(other.m_size), m_capacity(other.m_capacity)
    {
        other.m_data = nullptr;
        other.m_size = other.m_capacity = 0;
    }
    CompactVector& operator=(CompactVector&& other) noexcept
    {
        if (this != &other) {
            std::free(m_data);
            m_data = other.m_data;
            m_size = other.m_size;
            m_capacity = other.m_capacity;
            other.m_data = nullptr;
            other.m_size = other.m_capacity = 0;
        }
        return *this;
    }
    ~CompactVector() { std::free(m_data); }

    std::uint32_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T* begin() { return m_data; }
    T* end() { return m_data + m_size; }
    const T* begin() const { return m_data; }
    const T* end() const { return m_data + m_size; }
    T& operator[](std::uint32_t i) { return m_data[i]; }
    const T& operator[](std::uint32_t i) const { return m_data[i]; }
    T& back() { return m_data[m_size - 1]; }
    std::size_t heapBytes() const { return std::size_t{m_capacity} * sizeof(T); }

    /// Inserts `value` before position `index` (0..size).
    void insert(std::uint32_t index, const T& value)
    {
        grow(m_size + 1);
        std::memmove(static_cast<void*>(m_data + index + 1), m_data + index, (m_size - index) * sizeof(T));
        m_data[index] = value;
        ++m_size;
    }
    void push_back(const T& value) { insert(m_size, value); }

    /// Removes `count` elements starting at `index`.
    void erase(std::uint32_t index, std::uint32_t count = 1)
    {
        std::memmove(static_cast<void*>(m_data + index), m_data + index + count,
                     (m_size - index - count) * sizeof(T));
        m_size -= count;
        if (m_size == 0)
            release();
        else if (m_size * 4 < m_capacity && m_capacity > 4)
            reallocate(m_capacity / 2);
    }

    void release()
    {
        std::free(m_data);
        m_data = nullptr;
        m_size = m_capacity = 0;
    }

private:
    void grow(std::uint32_t needed)
    {
        if (needed <= m_capacity)
            return;
        // Growth by half keeps the slack of small per-device arrays low.
        std::uint32_t capacity = m_capacity == 0 ? 1 : m_capacity + (m_capacity + 1) / 2;
        while (capacity < needed)
            capacity += (capacity + 1) / 2;
        reallocate(capacity);
    }
    void reallocate(std::uint32_t capacity)
    {
        void* data = std::realloc(m_data, std::size_t{capacity} * sizeof(T));
        if (!data)
            throw std::bad_alloc();
        m_data = static_cast<T*>(data);
        m_capacity = capacity;
    }

    T* m_data = nullptr;
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = 0;
};

} // namespace umg::detail
