#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace umg::alerts {

/// One named threshold of the alert rules, with its default and the range a
/// user may set it to.
struct ThresholdDefinition {
    std::string_view name;
    double defaultValue;
    double minimum;
    double maximum;
    std::string_view unit;        // "events/s", "seconds", "ratio (0-1)", ...
    std::string_view description; // what the threshold limits
};

/// Returns every threshold the rule catalogue uses, sorted by name.
const std::vector<ThresholdDefinition>& thresholdDefinitions();

/// Returns the definition called `name`, or nullptr.
const ThresholdDefinition* findThreshold(std::string_view name);

/// Threshold values: the defaults, overridden by name. Setters validate the
/// name and value and throw std::invalid_argument with a message that names
/// the threshold (or file and line) and lists the valid names when the name
/// is unknown. Not thread-safe for concurrent modification.
class Thresholds {
public:
    /// Starts with every default.
    Thresholds();

    /// Returns the value of `name`. Throws std::invalid_argument for an unknown name.
    double value(std::string_view name) const;

    /// Sets `name` to `value` after checking the name, that the value is finite
    /// and that it lies within the threshold's range.
    void set(std::string_view name, double value);

    /// Parses `text` as a number and sets `name` to it.
    void set(std::string_view name, std::string_view text);

    /// Applies one `NAME=VALUE` assignment, as given to --threshold.
    void applyAssignment(std::string_view assignment);

    /// Applies a file of `NAME=VALUE` lines. Blank lines and lines starting with
    /// `#` are skipped; errors name the file and line. Throws std::runtime_error
    /// when the file cannot be read.
    void loadFile(const std::string& path);

    /// Returns the names whose value differs from the default, with their values.
    std::map<std::string, double> overrides() const;

private:
    std::map<std::string, double, std::less<>> m_values;
};

} // namespace umg::alerts
