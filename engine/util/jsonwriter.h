#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace umg {

/// Builds compact or indented JSON text. The caller keeps keys and values
/// in the right order; the writer adds commas, quotes and escapes.
class JsonWriter {
public:
    explicit JsonWriter(bool indent = false) : m_indent(indent) {}

    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }

    JsonWriter& key(std::string_view name)
    {
        separate();
        appendString(name);
        m_out += m_indent ? ": " : ":";
        m_afterKey = true;
        return *this;
    }

    JsonWriter& value(std::string_view text)
    {
        separate();
        appendString(text);
        return *this;
    }
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag)
    {
        separate();
        m_out += flag ? "true" : "false";
        return *this;
    }
    JsonWriter& value(std::int64_t number)
    {
        separate();
        m_out += std::to_string(number);
        return *this;
    }
    JsonWriter& value(std::uint64_t number)
    {
        separate();
        m_out += std::to_string(number);
        return *this;
    }
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
    /// Non-finite numbers are written as null, which JSON can represent.
    JsonWriter& value(double number)
    {
        separate();
        if (!std::isfinite(number)) {
            m_out += "null";
            return *this;
        }
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.10g", number);
        m_out += buffer;
        return *this;
    }
    JsonWriter& null()
    {
        separate();
        m_out += "null";
        return *this;
    }

    template <typename T>
    JsonWriter& field(std::string_view name, const T& v)
    {
        key(name);
        return value(v);
    }

    const std::string& str() const { return m_out; }

    static void appendEscaped(std::string& out, std::string_view text)
    {
        for (char c : text) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buffer;
                } else {
                    out += c;
                }
            }
        }
    }

private:
    JsonWriter& open(char bracket)
    {
        separate();
        m_out += bracket;
        m_first.push_back(true);
        return *this;
    }
    JsonWriter& close(char bracket)
    {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (m_indent && !empty)
            newline();
        m_out += bracket;
        return *this;
    }
    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_first.empty())
            return;
        if (!m_first.back())
            m_out += ',';
        m_first.back() = false;
        if (m_indent)
            newline();
    }
    void newline()
    {
        m_out += '\n';
        m_out.append(m_first.size() * 2, ' ');
    }
    void appendString(std::string_view text)
    {
        m_out += '"';
        appendEscaped(m_out, text);
        m_out += '"';
    }

    bool m_indent;
    bool m_afterKey = false;
    std::vector<bool> m_first;
    std::string m_out;
};

} // namespace umg
