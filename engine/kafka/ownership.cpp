#include "kafka/ownership.h"

#include <charconv>

namespace umg {
namespace {

constexpr std::string_view kMetadataVersion = "umg1";
constexpr std::string_view kOriginTag = "kafka";

template <typename Number>
bool parseNumber(std::string_view text, Number& number)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// Splits `text` at `separator`; empty fields are kept.
std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

} // namespace

std::string CommitMetadata::format() const
{
    std::string text(kMetadataVersion);
    text += " rewind=" + std::to_string(rewindOffset) + " owners=";
    for (std::size_t i = 0; i < owners.size(); ++i) {
        if (i > 0)
            text += ',';
        text += owners[i].instance + '@' + std::to_string(owners[i].since);
    }
    return text;
}

std::optional<CommitMetadata> CommitMetadata::parse(std::string_view text)
{
    const std::vector<std::string_view> words = split(text, ' ');
    if (words.size() != 3 || words[0] != kMetadataVersion)
        return std::nullopt;
    CommitMetadata metadata;
    if (words[1].substr(0, 7) != "rewind=" || !parseNumber(words[1].substr(7), metadata.rewindOffset))
        return std::nullopt;
    if (words[2].substr(0, 7) != "owners=")
        return std::nullopt;
    const std::string_view owners = words[2].substr(7);
    if (owners.empty())
        return metadata;
    for (std::string_view entry : split(owners, ',')) {
        const std::size_t at = entry.rfind('@');
        PartitionOwner owner;
        if (at == std::string_view::npos || at == 0 || !parseNumber(entry.substr(at + 1), owner.since))
            return std::nullopt;
        owner.instance.assign(entry.substr(0, at));
        metadata.owners.push_back(std::move(owner));
    }
    return metadata;
}

void CommitMetadata::appendOwner(std::string_view instance, std::int64_t since)
{
    if (owners.empty() || owners.back().instance != instance)
        owners.push_back(PartitionOwner{std::string(instance), since});
    if (owners.size() > kMaxOwners)
        owners.erase(owners.begin(), owners.begin() + static_cast<std::ptrdiff_t>(owners.size() - kMaxOwners));
}

std::string KafkaBatchOrigin::format() const
{
    std::string text(kOriginTag);
    for (const std::string& field : {group, topic, std::to_string(partition), std::to_string(firstOffset),
                                     std::to_string(lastOffset)}) {
        text += '\t';
        text += field;
    }
    return text;
}

std::optional<KafkaBatchOrigin> KafkaBatchOrigin::parse(std::string_view text)
{
    const std::vector<std::string_view> fields = split(text, '\t');
    if (fields.size() != 6 || fields[0] != kOriginTag)
        return std::nullopt;
    KafkaBatchOrigin origin;
    origin.group.assign(fields[1]);
    origin.topic.assign(fields[2]);
    if (!parseNumber(fields[3], origin.partition) || !parseNumber(fields[4], origin.firstOffset)
        || !parseNumber(fields[5], origin.lastOffset))
        return std::nullopt;
    return origin;
}

bool offsetsWereCommitted(const KafkaBatchOrigin& batch, std::string_view instance, std::int64_t committedOffset,
                          const std::optional<CommitMetadata>& metadata)
{
    if (!metadata)
        return false;
    const std::vector<PartitionOwner>& owners = metadata->owners;
    // The ownership period the batch was consumed in is the newest period of
    // `instance` that started at or before the batch.
    std::size_t period = owners.size();
    for (std::size_t i = owners.size(); i > 0; --i) {
        if (owners[i - 1].instance == instance && owners[i - 1].since <= batch.firstOffset) {
            period = i - 1;
            break;
        }
    }
    if (period == owners.size())
        return false;
    const std::int64_t periodEnd = period + 1 < owners.size() ? owners[period + 1].since : committedOffset;
    return batch.lastOffset < periodEnd;
}

} // namespace umg
