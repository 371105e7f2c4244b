#include "ingest/linereader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace umg {

LineReader::LineReader(const std::string& path, const ParseLimits& limits, std::size_t chunkBytes)
    : m_path(path)
    , m_limits(limits)
    , m_chunkBytes(std::max(chunkBytes, limits.maxLineBytes + 1))
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        throw std::runtime_error("cannot read " + path + ": it is a directory; pass an event file");
    m_file = std::fopen(path.c_str(), "rb");
    if (!m_file)
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    m_size = static_cast<std::uint64_t>(info.st_size);
}

LineReader::~LineReader()
{
    if (m_file)
        std::fclose(m_file);
}

std::string LineReader::peekFirstLine()
{
    const long position = std::ftell(m_file);
    std::rewind(m_file);
    std::string buffer(64 * 1024, '\0');
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), m_file);
    if (std::ferror(m_file))
        throw std::runtime_error("cannot read " + m_path + ": " + std::strerror(errno));
    buffer.resize(got);
    if (position < 0 || std::fseek(m_file, position, SEEK_SET) != 0)
        throw std::runtime_error("cannot read " + m_path + ": " + std::strerror(errno));
    const std::size_t end = buffer.find('\n');
    return end == std::string::npos ? buffer : buffer.substr(0, end);
}

void LineReader::skipHeader()
{
    const std::string first = peekFirstLine();
    const std::size_t skip = first.size() + 1;
    if (std::fseek(m_file, static_cast<long>(std::min<std::uint64_t>(skip, m_size)), SEEK_SET) != 0)
        throw std::runtime_error("cannot read " + m_path + ": " + std::strerror(errno));
    m_offset = std::min<std::uint64_t>(skip, m_size);
    m_nextLine = 2;
}

std::size_t LineReader::readMore(std::string& buffer, std::size_t at)
{
    const std::size_t got = std::fread(buffer.data() + at, 1, buffer.size() - at - kParsePadding, m_file);
    if (got == 0 && std::ferror(m_file))
        throw std::runtime_error("cannot read " + m_path + ": " + std::strerror(errno));
    if (got == 0)
        m_eof = true;
    m_offset += got;
    return got;
}

bool LineReader::next(LineChunk& chunk)
{
    chunk.tooLongLines.clear();
    chunk.firstLine = m_nextLine;
    chunk.lineCount = 0;
    chunk.length = 0;
    chunk.data.resize(m_chunkBytes + kParsePadding);

    while (true) {
        if (m_eof && m_carry.empty())
            return chunk.lineCount > 0;

        // Start the buffer with the carried partial line, then fill it.
        std::size_t filled = 0;
        if (!m_carry.empty()) {
            std::memcpy(chunk.data.data(), m_carry.data(), m_carry.size());
            filled = m_carry.size();
            m_carry.clear();
        }
        if (!m_eof)
            filled += readMore(chunk.data, filled);

        std::size_t lineStart = 0;
        std::size_t write = 0; // lines kept are compacted to the front
        std::size_t pos = 0;
        while (pos < filled) {
            const void* found = std::memchr(chunk.data.data() + pos, '\n', filled - pos);
            if (!found)
                break;
            const std::size_t end = static_cast<const char*>(found) - chunk.data.data();
            const std::size_t length = end - lineStart;
            if (m_skippingLongLine) {
                // The end of a line that was already reported as too long.
                m_skippingLongLine = false;
            } else if (length > m_limits.maxLineBytes) {
                chunk.tooLongLines.push_back(m_nextLine);
                ++chunk.lineCount;
                ++m_nextLine;
            } else {
                if (write != lineStart)
                    std::memmove(chunk.data.data() + write, chunk.data.data() + lineStart, length + 1);
                write += length + 1;
                ++chunk.lineCount;
                ++m_nextLine;
            }
            lineStart = end + 1;
            pos = end + 1;
        }

        // What follows the last line break is the start of the next line.
        const std::size_t tail = filled - lineStart;
        if (tail > 0) {
            if (m_eof) {
                if (m_skippingLongLine) {
                    m_skippingLongLine = false;
                } else if (tail > m_limits.maxLineBytes) {
                    chunk.tooLongLines.push_back(m_nextLine++);
                    ++chunk.lineCount;
                } else {
                    std::memmove(chunk.data.data() + write, chunk.data.data() + lineStart, tail);
                    write += tail;
                    ++chunk.lineCount;
                    ++m_nextLine;
                }
            } else if (m_skippingLongLine) {
                // Still inside an overlong line: drop what was read of it.
            } else if (tail > m_limits.maxLineBytes) {
                chunk.tooLongLines.push_back(m_nextLine++);
                ++chunk.lineCount;
                m_skippingLongLine = true;
            } else {
                m_carry.assign(chunk.data.data() + lineStart, tail);
            }
        }
        chunk.length = write;
        std::memset(chunk.data.data() + write, 0, kParsePadding);
        if (chunk.lineCount > 0 || (m_eof && m_carry.empty()))
            return chunk.lineCount > 0;
    }
}

} // namespace umg
