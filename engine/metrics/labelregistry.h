#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace umg {

/// Bounded label values for exported metrics. The first `maxValues`
/// distinct values of a dimension (app id, customer id, currency) get their
/// own slot; later values share the slot of `other`. Slot 0 is `unknown`
/// (a value that could not be read), slot 1 is `other`. Thread-safe.
class LabelRegistry {
public:
    enum Dimension : std::uint8_t { App, Customer, Currency, DimensionCount };
    static constexpr std::uint32_t kUnknownSlot = 0;
    static constexpr std::uint32_t kOtherSlot = 1;

    explicit LabelRegistry(std::uint32_t maxValues) : m_maxValues(maxValues)
    {
        for (auto& names : m_names)
            names = {"unknown", "other"};
    }

    /// Returns the slot of `value`, assigning one while slots remain.
    std::uint32_t slot(Dimension dimension, std::string_view value)
    {
        if (value.empty())
            return kUnknownSlot;
        std::lock_guard lock(m_mutex);
        auto& index = m_index[dimension];
        if (auto it = index.find(std::string(value)); it != index.end())
            return it->second;
        auto& names = m_names[dimension];
        if (names.size() - 2 >= m_maxValues)
            return kOtherSlot;
        const auto assigned = static_cast<std::uint32_t>(names.size());
        names.emplace_back(value);
        index.emplace(std::string(value), assigned);
        return assigned;
    }

    /// Label values of all assigned slots of `dimension`, by slot.
    std::vector<std::string> names(Dimension dimension) const
    {
        std::lock_guard lock(m_mutex);
        return m_names[dimension];
    }

    /// Number of slots any dimension can use: the bound plus `unknown` and `other`.
    std::uint32_t slotCount() const { return m_maxValues + 2; }

private:
    const std::uint32_t m_maxValues;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::uint32_t> m_index[DimensionCount];
    std::vector<std::string> m_names[DimensionCount];
};

} // namespace umg
