#pragma once

#include <cstdint>
#include <string_view>

#include <xxhash.h>

namespace umg {

/// 64-bit XXH3 hash of a byte string. Used for device keys and event-id
/// de-duplication; with a few million keys per shard the chance of any
/// collision stays below one in a million.
inline std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0)
{
    return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

/// Combines two hashes into one (order matters).
inline std::uint64_t hashCombine(std::uint64_t a, std::uint64_t b)
{
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

} // namespace umg
