#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/eventparser.h"

namespace umg {

/// A run of whole lines read from a file, with parser padding after them.
struct LineChunk {
    /// The lines, each ending in '\n' except possibly the last line of the
    /// file, followed by kParsePadding readable bytes.
    std::string data;
    std::size_t length = 0;      ///< bytes of line data (excluding padding)
    std::uint64_t firstLine = 0; ///< 1-based number of the first line
    /// Lines longer than the limit, already removed from `data`.
    std::vector<std::uint64_t> tooLongLines;
    std::uint64_t lineCount = 0; ///< lines covered, including the removed ones
};

/// Reads a file as chunks of whole lines, for parsing on several threads.
/// Lines longer than ParseLimits::maxLineBytes are skipped without being
/// held in memory and reported by number. Not thread-safe.
class LineReader {
public:
    /// Opens `path`. Throws std::runtime_error naming the file and the
    /// system's reason when it cannot be opened or is a directory.
    LineReader(const std::string& path, const ParseLimits& limits, std::size_t chunkBytes = 4 << 20);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    /// Reads the first line without consuming it (up to 64 KiB), for format
    /// detection. Empty for an empty file.
    std::string peekFirstLine();

    /// Skips the first line (a header, with any prefix before it). Must be
    /// called before the first next().
    void skipHeader();

    /// Fills `chunk` with the next lines. Returns false at the end of the file.
    /// Throws std::runtime_error on a read error.
    bool next(LineChunk& chunk);

    std::uint64_t bytesRead() const { return m_offset; }
    std::uint64_t fileSize() const { return m_size; }
    const std::string& path() const { return m_path; }

private:
    std::size_t readMore(std::string& buffer, std::size_t at);

    std::string m_path;
    ParseLimits m_limits;
    std::size_t m_chunkBytes;
    std::FILE* m_file = nullptr;
    std::uint64_t m_size = 0;
    std::uint64_t m_offset = 0;   // bytes consumed from the file so far
    std::uint64_t m_nextLine = 1;
    std::string m_carry;          // start of a line read but not yet returned
    bool m_eof = false;
    bool m_skippingLongLine = false;
};

} // namespace umg
