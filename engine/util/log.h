#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

/// One-line structured logging for the engine and the node program.
///
/// A record reads `2026-11-01T12:00:00.250Z level=warning category=ingest
/// msg="..." key=value ...` and goes to stderr. Values with spaces or quotes
/// are quoted and escaped. All functions are thread-safe.
namespace umg::log {

enum class Level : std::uint8_t { Debug, Info, Warning, Error };

/// A key and its already formatted value, for the record's trailing fields.
struct Field {
    std::string_view key;
    std::string value;

    Field(std::string_view k, std::string_view v) : key(k), value(v) {}
    Field(std::string_view k, const char* v) : key(k), value(v ? v : "") {}
    Field(std::string_view k, const std::string& v) : key(k), value(v) {}
    template <typename Number,
              typename = std::enable_if_t<std::is_arithmetic_v<Number>>>
    Field(std::string_view k, Number v) : key(k), value(std::to_string(v)) {}
};

/// Sets the lowest level that is written; records below it are dropped.
void setMinimumLevel(Level level);
Level minimumLevel();

/// Parses `debug`, `info`, `warning` or `error`; returns false for anything else.
bool parseLevel(std::string_view text, Level& level);

/// Writes one record. Thread-safe; records from different threads never interleave.
void write(Level level, std::string_view category, std::string_view message,
           std::initializer_list<Field> fields = {});

inline void debug(std::string_view category, std::string_view message,
                  std::initializer_list<Field> fields = {})
{
    write(Level::Debug, category, message, fields);
}
inline void info(std::string_view category, std::string_view message,
                 std::initializer_list<Field> fields = {})
{
    write(Level::Info, category, message, fields);
}
inline void warning(std::string_view category, std::string_view message,
                    std::initializer_list<Field> fields = {})
{
    write(Level::Warning, category, message, fields);
}
inline void error(std::string_view category, std::string_view message,
                  std::initializer_list<Field> fields = {})
{
    write(Level::Error, category, message, fields);
}

/// Limits a repeated warning to its first `burst` occurrences, then one record
/// for every `every` further occurrences, each carrying the running count.
/// Thread-safe.
class RateLimiter {
public:
    explicit RateLimiter(std::uint64_t burst = 10, std::uint64_t every = 1000)
        : m_burst(burst), m_every(every) {}

    /// Counts one occurrence and returns whether it should be written.
    bool allow() { return admit(m_count.fetch_add(1, std::memory_order_relaxed) + 1); }
    std::uint64_t count() const { return m_count.load(std::memory_order_relaxed); }

private:
    bool admit(std::uint64_t n) const { return n <= m_burst || (n - m_burst) % m_every == 0; }

    std::uint64_t m_burst;
    std::uint64_t m_every;
    std::atomic<std::uint64_t> m_count{0};
};

} // namespace umg::log
