#pragma once

#include <initializer_list>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

/// Label sets and label matchers with the semantics of Prometheus 2.x.
namespace umg::promql {

/// The label that carries a series' metric name.
inline constexpr std::string_view kMetricNameLabel = "__name__";

struct Label {
    std::string name;
    std::string value;

    friend bool operator==(const Label&, const Label&) = default;
    friend bool operator<(const Label& a, const Label& b)
    {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    }
};

/// A set of labels kept sorted by name, each name at most once. A label with
/// an empty value is the same as an absent label, so setting an empty value
/// removes the label. Concurrent reads are safe; a modification needs
/// exclusive access.
class Labels {
public:
    Labels() = default;

    /// Builds a set from name/value pairs in any order. Empty values are dropped.
    /// Throws std::invalid_argument when a name occurs twice.
    Labels(std::initializer_list<Label> labels);
    explicit Labels(std::vector<Label> labels);

    /// Returns the value of `name`, or an empty string when the label is absent.
    std::string_view get(std::string_view name) const;
    bool has(std::string_view name) const;

    /// Sets `name` to `value`, replacing an existing value; an empty value removes the label.
    void set(std::string_view name, std::string_view value);
    void remove(std::string_view name);

    /// Removes every label whose name is not in `names`.
    void keepOnly(const std::vector<std::string>& names);
    /// Removes every label whose name is in `names`.
    void removeAll(const std::vector<std::string>& names);

    /// Returns a copy without the metric name.
    Labels withoutMetricName() const;

    const std::vector<Label>& items() const { return m_labels; }
    std::vector<Label>::const_iterator begin() const { return m_labels.begin(); }
    std::vector<Label>::const_iterator end() const { return m_labels.end(); }
    std::size_t size() const { return m_labels.size(); }
    bool empty() const { return m_labels.empty(); }

    /// Formats the set as PromQL series notation: `name{a="1", b="2"}`, or
    /// `{a="1"}` without a metric name. Values are escaped as PromQL strings.
    std::string toString() const;

    /// Orders sets like Prometheus's labels.Compare: label by label, names
    /// first, a shorter set before a longer one with the same beginning.
    friend bool operator<(const Labels& a, const Labels& b) { return a.m_labels < b.m_labels; }
    friend bool operator==(const Labels&, const Labels&) = default;

private:
    std::vector<Label> m_labels;
};

/// Escapes `text` as the body of a double-quoted PromQL string.
std::string escapeLabelValue(std::string_view text);

enum class MatchType { Equal, NotEqual, RegexMatch, RegexNoMatch };

/// Returns the PromQL operator of a match type: `=`, `!=`, `=~` or `!~`.
std::string_view matchOperator(MatchType type);

/// One label matcher of a selector, such as `status="rejected"` or
/// `code=~"5.."`. A series without the label matches as if its value were
/// empty. Regular expressions are anchored at both ends like Prometheus does.
/// Copies share the compiled expression; matching is thread-safe.
class LabelMatcher {
public:
    /// Throws std::invalid_argument when `value` is not a valid regular expression
    /// for a regex match type.
    LabelMatcher(MatchType type, std::string name, std::string value);

    MatchType type() const { return m_type; }
    const std::string& name() const { return m_name; }
    const std::string& value() const { return m_value; }

    bool matches(std::string_view value) const;
    /// Applies the matcher to the label `name()` of `labels`.
    bool matches(const Labels& labels) const { return matches(labels.get(m_name)); }

    /// Formats the matcher as `name="value"`.
    std::string toString() const;

private:
    MatchType m_type;
    std::string m_name;
    std::string m_value;
    // NOTE: std::regex (ECMAScript) replaces Go's RE2 syntax here. The two agree
    // on the plain alternations and classes that alert rules use, but RE2-only
    // constructs such as (?i) or \pL are rejected as invalid.
    std::shared_ptr<const std::regex> m_regex;
};

/// Returns whether `labels` satisfies every matcher.
bool matchesAll(const std::vector<LabelMatcher>& matchers, const Labels& labels);

} // namespace umg::promql
