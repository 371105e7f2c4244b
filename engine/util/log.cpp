#include "util/log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace umg::log {
namespace {

std::atomic<Level> s_minimumLevel{Level::Info};
std::mutex s_writeMutex;

std::string_view levelName(Level level)
{
    switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
    }
    return "info";
}

bool needsQuotes(std::string_view value)
{
    if (value.empty())
        return true;
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            return true;
    }
    return false;
}

void appendValue(std::string& out, std::string_view value)
{
    if (!needsQuotes(value)) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned char>(c));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendTimestamp(std::string& out)
{
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms % 1000));
    out += buffer;
}

} // namespace

void setMinimumLevel(Level level) { s_minimumLevel.store(level, std::memory_order_relaxed); }

Level minimumLevel() { return s_minimumLevel.load(std::memory_order_relaxed); }

bool parseLevel(std::string_view text, Level& level)
{
    for (Level candidate : {Level::Debug, Level::Info, Level::Warning, Level::Error}) {
        if (text == levelName(candidate)) {
            level = candidate;
            return true;
        }
    }
    return false;
}

void write(Level level, std::string_view category, std::string_view message,
           std::initializer_list<Field> fields)
{
    if (level < minimumLevel())
        return;

    std::string line;
    line.reserve(128);
    appendTimestamp(line);
    line += " level=";
    line += levelName(level);
    line += " category=";
    appendValue(line, category);
    line += " msg=";
    appendValue(line, message);
    for (const Field& field : fields) {
        line += ' ';
        line += field.key;
        line += '=';
        appendValue(line, field.value);
    }
    line += '\n';

    std::lock_guard lock(s_writeMutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace umg::log
