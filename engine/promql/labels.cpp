#include "promql/labels.h"

#include <algorithm>
#include <stdexcept>

namespace umg::promql {
namespace {

void sortAndCheck(std::vector<Label>& labels)
{
    std::erase_if(labels, [](const Label& label) { return label.value.empty(); });
    std::sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.name < b.name; });
    auto duplicate = std::adjacent_find(labels.begin(), labels.end(),
                                        [](const Label& a, const Label& b) { return a.name == b.name; });
    if (duplicate != labels.end())
        throw std::invalid_argument("label name \"" + duplicate->name + "\" occurs more than once in a label set");
}

bool containsName(const std::vector<std::string>& names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

Labels::Labels(std::initializer_list<Label> labels) : m_labels(labels)
{
    sortAndCheck(m_labels);
}

Labels::Labels(std::vector<Label> labels) : m_labels(std::move(labels))
{
    sortAndCheck(m_labels);
}

std::string_view Labels::get(std::string_view name) const
{
    auto it = std::lower_bound(m_labels.begin(), m_labels.end(), name,
                               [](const Label& label, std::string_view n) { return label.name < n; });
    if (it != m_labels.end() && it->name == name)
        return it->value;
    return {};
}

bool Labels::has(std::string_view name) const
{
    return !get(name).empty();
}

void Labels::set(std::string_view name, std::string_view value)
{
    if (value.empty()) {
        remove(name);
        return;
    }
    auto it = std::lower_bound(m_labels.begin(), m_labels.end(), name,
                               [](const Label& label, std::string_view n) { return label.name < n; });
    if (it != m_labels.end() && it->name == name)
        it->value = std::string(value);
    else
        m_labels.insert(it, Label{std::string(name), std::string(value)});
}

void Labels::remove(std::string_view name)
{
    std::erase_if(m_labels, [name](const Label& label) { return label.name == name; });
}

void Labels::keepOnly(const std::vector<std::string>& names)
{
    std::erase_if(m_labels, [&names](const Label& label) { return !containsName(names, label.name); });
}

void Labels::removeAll(const std::vector<std::string>& names)
{
    std::erase_if(m_labels, [&names](const Label& label) { return containsName(names, label.name); });
}

Labels Labels::withoutMetricName() const
{
    Labels copy = *this;
    copy.remove(kMetricNameLabel);
    return copy;
}

std::string Labels::toString() const
{
    std::string out(get(kMetricNameLabel));
    out += '{';
    bool first = true;
    for (const Label& label : m_labels) {
        if (label.name == kMetricNameLabel)
            continue;
        if (!first)
            out += ", ";
        first = false;
        out += label.name;
        out += "=\"";
        out += escapeLabelValue(label.value);
        out += '"';
    }
    out += '}';
    return out;
}

std::string escapeLabelValue(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        default: out += c;
        }
    }
    return out;
}

std::string_view matchOperator(MatchType type)
{
    switch (type) {
    case MatchType::Equal: return "=";
    case MatchType::NotEqual: return "!=";
    case MatchType::RegexMatch: return "=~";
    case MatchType::RegexNoMatch: return "!~";
    }
    return "=";
}

LabelMatcher::LabelMatcher(MatchType type, std::string name, std::string value)
    : m_type(type), m_name(std::move(name)), m_value(std::move(value))
{
    if (m_type != MatchType::RegexMatch && m_type != MatchType::RegexNoMatch)
        return;
    try {
        m_regex = std::make_shared<const std::regex>("^(?:" + m_value + ")$", std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
        throw std::invalid_argument("invalid regular expression \"" + m_value + "\" for label \"" + m_name
                                    + "\": " + error.what());
    }
}

bool LabelMatcher::matches(std::string_view value) const
{
    switch (m_type) {
    case MatchType::Equal: return value == m_value;
    case MatchType::NotEqual: return value != m_value;
    case MatchType::RegexMatch: return std::regex_match(value.begin(), value.end(), *m_regex);
    case MatchType::RegexNoMatch: return !std::regex_match(value.begin(), value.end(), *m_regex);
    }
    return false;
}

std::string LabelMatcher::toString() const
{
    return m_name + std::string(matchOperator(m_type)) + "\"" + escapeLabelValue(m_value) + "\"";
}

bool matchesAll(const std::vector<LabelMatcher>& matchers, const Labels& labels)
{
    return std::all_of(matchers.begin(), matchers.end(),
                       [&labels](const LabelMatcher& matcher) { return matcher.matches(labels); });
}

} // namespace umg::promql
