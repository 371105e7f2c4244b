#include "alerts/rulefilereader.h"

#include <simdjson.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "alerts/alerttemplate.h"
#include "promql/duration.h"
#include "promql/parser.h"

namespace umg::alerts {
namespace {

class Reader {
public:
    explicit Reader(const std::string& sourceName) : m_source(sourceName) {}

    [[noreturn]] void fail(const std::string& where, const std::string& message) const
    {
        throw std::invalid_argument(m_source + ": " + where + (where.empty() ? "" : ": ") + message);
    }

    std::string requireString(simdjson::dom::object object, std::string_view key, const std::string& where) const
    {
        simdjson::dom::element value;
        if (object[key].get(value) != simdjson::SUCCESS)
            fail(where, "\"" + std::string(key) + "\" is missing");
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS)
            fail(where, "\"" + std::string(key) + "\" must be a string");
        return std::string(text);
    }

    promql::Labels readMap(simdjson::dom::object object, std::string_view key, const std::string& where) const
    {
        promql::Labels labels;
        simdjson::dom::element value;
        if (object[key].get(value) != simdjson::SUCCESS)
            return labels;
        simdjson::dom::object map;
        if (value.get_object().get(map) != simdjson::SUCCESS)
            fail(where, "\"" + std::string(key) + "\" must be an object of strings");
        for (auto field : map) {
            std::string_view text;
            if (field.value.get_string().get(text) != simdjson::SUCCESS)
                fail(where, std::string(key) + "." + std::string(field.key) + " must be a string");
            labels.set(field.key, text);
        }
        return labels;
    }

    void rejectUnknownKeys(simdjson::dom::object object, const std::set<std::string_view>& known,
                           const std::string& where) const
    {
        for (auto field : object) {
            if (!known.count(field.key))
                fail(where, "unsupported field \"" + std::string(field.key) + "\"");
        }
    }

    AlertRule readRule(simdjson::dom::object object, const std::string& group, const std::string& where) const
    {
        if (object["record"].error() == simdjson::SUCCESS)
            fail(where, "recording rules are not supported; the node evaluates alerting rules only");
        rejectUnknownKeys(object, {"alert", "expr", "for", "labels", "annotations"}, where);

        AlertRule rule;
        rule.group = group;
        rule.name = requireString(object, "alert", where);
        const std::string at = where + " (" + rule.name + ")";
        rule.expression = requireString(object, "expr", at);
        try {
            rule.parsedExpression = promql::parseExpression(rule.expression);
        } catch (const std::exception& error) {
            fail(at, std::string("invalid expr: ") + error.what());
        }
        const promql::ValueType type = rule.parsedExpression->type();
        if (type != promql::ValueType::InstantVector && type != promql::ValueType::Scalar)
            fail(at, "expr must return an instant vector or a scalar");

        if (object["for"].error() == simdjson::SUCCESS) {
            const std::string text = requireString(object, "for", at);
            const std::optional<std::int64_t> ms = promql::parseDuration(text);
            if (!ms)
                fail(at, "\"for\" is \"" + text + "\"; use a duration such as 30s or 5m");
            rule.forMs = *ms;
        }
        rule.labels = readMap(object, "labels", at);
        rule.annotations = readMap(object, "annotations", at);
        for (const promql::Labels* templates : {&rule.labels, &rule.annotations}) {
            for (const promql::Label& entry : *templates) {
                try {
                    validateAlertTemplate(entry.value);
                } catch (const AlertTemplateError& error) {
                    fail(at, entry.name + ": " + error.what());
                }
            }
        }
        return rule;
    }

private:
    std::string m_source;
};

} // namespace

std::vector<AlertRule> parseRuleFileJson(std::string_view text, const std::string& sourceName)
{
    const Reader reader(sourceName);
    const simdjson::padded_string json(text);
    simdjson::dom::parser parser;
    simdjson::dom::element document;
    if (parser.parse(json).get(document) != simdjson::SUCCESS)
        reader.fail("", "not valid JSON; write the rule file in JSON form, for example with `yq -o json` from YAML");
    simdjson::dom::object root;
    simdjson::dom::array groups;
    if (document.get_object().get(root) != simdjson::SUCCESS || root["groups"].get_array().get(groups) != simdjson::SUCCESS)
        reader.fail("", "expected an object with a \"groups\" array");
    reader.rejectUnknownKeys(root, {"groups"}, "");

    std::vector<AlertRule> rules;
    std::set<std::string> groupNames;
    std::size_t groupIndex = 0;
    for (simdjson::dom::element groupElement : groups) {
        const std::string groupWhere = "group " + std::to_string(++groupIndex);
        simdjson::dom::object group;
        if (groupElement.get_object().get(group) != simdjson::SUCCESS)
            reader.fail(groupWhere, "must be an object");
        reader.rejectUnknownKeys(group, {"name", "rules"}, groupWhere);
        const std::string name = reader.requireString(group, "name", groupWhere);
        if (!groupNames.insert(name).second)
            reader.fail(groupWhere, "the group name \"" + name + "\" is used twice");
        simdjson::dom::array ruleArray;
        if (group["rules"].get_array().get(ruleArray) != simdjson::SUCCESS)
            reader.fail(groupWhere + " (" + name + ")", "\"rules\" must be an array");

        std::size_t ruleIndex = 0;
        for (simdjson::dom::element ruleElement : ruleArray) {
            const std::string ruleWhere = "group " + name + ", rule " + std::to_string(++ruleIndex);
            simdjson::dom::object rule;
            if (ruleElement.get_object().get(rule) != simdjson::SUCCESS)
                reader.fail(ruleWhere, "must be an object");
            rules.push_back(reader.readRule(rule, name, ruleWhere));
        }
    }
    if (rules.empty())
        reader.fail("", "contains no alerting rule");
    return rules;
}

std::vector<AlertRule> loadRuleFileJson(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw std::runtime_error("cannot read the rule file " + path + "; check that it exists and is readable");
    std::ostringstream content;
    content << file.rdbuf();
    return parseRuleFileJson(content.str(), path);
}

} // namespace umg::alerts
