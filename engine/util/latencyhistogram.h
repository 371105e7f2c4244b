#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace umg {

/// Log-linear histogram of durations in microseconds: exact below 16 µs,
/// then 8 buckets per power of two (at most 12.5 % relative error), up to
/// about 2^36 µs (19 hours). Not thread-safe; merge copies to combine.
class LatencyHistogram {
public:
    static constexpr int kSubBuckets = 8;
    static constexpr int kBucketCount = 16 + 33 * kSubBuckets;

    void record(std::uint64_t micros, std::uint64_t count = 1)
    {
        m_counts[bucketOf(micros)] += count;
        m_total += count;
        m_sumMicros += micros * count;
        if (micros > m_maxMicros)
            m_maxMicros = micros;
    }

    void merge(const LatencyHistogram& other)
    {
        for (int i = 0; i < kBucketCount; ++i)
            m_counts[i] += other.m_counts[i];
        m_total += other.m_total;
        m_sumMicros += other.m_sumMicros;
        if (other.m_maxMicros > m_maxMicros)
            m_maxMicros = other.m_maxMicros;
    }

    void clear() { *this = LatencyHistogram(); }

    std::uint64_t count() const { return m_total; }
    std::uint64_t maxMicros() const { return m_maxMicros; }
    double meanMicros() const { return m_total ? static_cast<double>(m_sumMicros) / static_cast<double>(m_total) : 0.0; }

    /// Value at quantile `q` (0..1), as the upper edge of its bucket, so the
    /// result never understates the latency. 0 when empty.
    std::uint64_t quantileMicros(double q) const
    {
        if (m_total == 0)
            return 0;
        const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(m_total - 1)) + 1;
        std::uint64_t seen = 0;
        for (int i = 0; i < kBucketCount; ++i) {
            seen += m_counts[i];
            if (seen >= rank) {
                const std::uint64_t upper = upperEdge(i);
                return upper < m_maxMicros ? upper : m_maxMicros;
            }
        }
        return m_maxMicros;
    }

    static int bucketOf(std::uint64_t micros)
    {
        if (micros < 16)
            return static_cast<int>(micros);
        const int exponent = std::bit_width(micros) - 1; // >= 4
        const int sub = static_cast<int>((micros >> (exponent - 3)) & (kSubBuckets - 1));
        const int index = 16 + (exponent - 4) * kSubBuckets + sub;
        return index < kBucketCount ? index : kBucketCount - 1;
    }

    static std::uint64_t upperEdge(int bucket)
    {
        if (bucket < 16)
            return static_cast<std::uint64_t>(bucket);
        const int exponent = (bucket - 16) / kSubBuckets + 4;
        const int sub = (bucket - 16) % kSubBuckets;
        const std::uint64_t step = std::uint64_t{1} << (exponent - 3);
        return (std::uint64_t{1} << exponent) + static_cast<std::uint64_t>(sub + 1) * step - 1;
    }

private:
    std::array<std::uint64_t, kBucketCount> m_counts{};
    std::uint64_t m_total = 0;
    std::uint64_t m_sumMicros = 0;
    std::uint64_t m_maxMicros = 0;
};

} // namespace umg
