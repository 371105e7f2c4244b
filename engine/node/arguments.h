#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace umg::node {

/// Thrown for invalid command-line usage; the command exits with status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Command-line options of one command: `--name VALUE`, `--name=VALUE`,
/// switches without a value, and positional arguments. Unknown options and
/// missing values (including `--name --other`) are UsageErrors that name the
/// option.
class Arguments {
public:
    /// `valued` lists options that take a value (repeatable), `switches`
    /// options that do not.
    Arguments(const std::vector<std::string>& args, const std::set<std::string>& valued,
              const std::set<std::string>& switches)
    {
        bool positionalOnly = false;
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& arg = args[i];
            if (positionalOnly || arg.size() < 2 || arg.rfind("--", 0) != 0) {
                if (arg == "--") {
                    positionalOnly = true;
                    continue;
                }
                m_positional.push_back(arg);
                continue;
            }
            std::string name = arg;
            std::optional<std::string> value;
            if (const std::size_t equals = arg.find('='); equals != std::string::npos) {
                name = arg.substr(0, equals);
                value = arg.substr(equals + 1);
            }
            if (switches.count(name)) {
                if (value)
                    throw UsageError("option " + name + " takes no value");
                m_switches.insert(name);
                continue;
            }
            if (!valued.count(name))
                throw UsageError("unknown option " + name + "; see --help");
            if (!value) {
                // A following option means that the value was left out; a
                // value that starts with "--" can still be given as --name=VALUE.
                if (i + 1 >= args.size() || (args[i + 1].size() > 2 && args[i + 1].rfind("--", 0) == 0))
                    throw UsageError("option " + name + " needs a value");
                value = args[++i];
            }
            m_values[name].push_back(*value);
        }
    }

    const std::vector<std::string>& positional() const { return m_positional; }
    bool has(const std::string& name) const { return m_switches.count(name) || m_values.count(name); }

    std::optional<std::string> value(const std::string& name) const
    {
        auto it = m_values.find(name);
        if (it == m_values.end())
            return std::nullopt;
        return it->second.back();
    }
    std::vector<std::string> values(const std::string& name) const
    {
        auto it = m_values.find(name);
        return it == m_values.end() ? std::vector<std::string>() : it->second;
    }

    /// The option's value as a whole number in [minimum, maximum], or `fallback`.
    long long integer(const std::string& name, long long fallback, long long minimum, long long maximum) const
    {
        auto text = value(name);
        if (!text)
            return fallback;
        std::size_t used = 0;
        long long number = 0;
        try {
            number = std::stoll(*text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text->size() || number < minimum || number > maximum) {
            throw UsageError("option " + name + " is \"" + *text + "\"; it must be a whole number from "
                             + std::to_string(minimum) + " to " + std::to_string(maximum));
        }
        return number;
    }

    /// The option's value as a number in [minimum, maximum], or `fallback`.
    double number(const std::string& name, double fallback, double minimum, double maximum) const
    {
        auto text = value(name);
        if (!text)
            return fallback;
        std::size_t used = 0;
        double number = 0;
        try {
            number = std::stod(*text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text->size() || !(number >= minimum && number <= maximum)) {
            throw UsageError("option " + name + " is \"" + *text + "\"; it must be a number from "
                             + std::to_string(minimum) + " to " + std::to_string(maximum));
        }
        return number;
    }

private:
    std::vector<std::string> m_positional;
    std::set<std::string> m_switches;
    std::map<std::string, std::vector<std::string>> m_values;
};

} // namespace umg::node
