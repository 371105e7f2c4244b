#include "attribution/decision.h"

namespace umg {

std::string_view toString(InstallKind kind)
{
    return kind == InstallKind::Reinstall ? "reinstall" : "new";
}

std::string_view toString(MatchMethod method)
{
    switch (method) {
    case MatchMethod::DeviceId: return "device_id";
    case MatchMethod::Fingerprint: return "fingerprint";
    default: return "none";
    }
}

std::string_view toString(InstallStatus status)
{
    switch (status) {
    case InstallStatus::Attributed: return "attributed";
    case InstallStatus::Organic: return "organic";
    default: return "fraud_rejected";
    }
}

std::string_view toString(CreditModel model)
{
    switch (model) {
    case CreditModel::LastTouch: return "last_touch";
    case CreditModel::FirstTouch: return "first_touch";
    case CreditModel::Linear: return "linear";
    case CreditModel::TimeDecay: return "time_decay";
    default: return "position_based";
    }
}

std::string_view fraudFlagName(int bitIndex)
{
    return bitIndex == 0 ? "ctit_too_short" : "click_flooding";
}

std::string formatFraudFlags(std::uint8_t flags)
{
    std::string out;
    for (int bit = 0; bit < kFraudFlagCount; ++bit) {
        if (!(flags & (1u << bit)))
            continue;
        if (!out.empty())
            out += ';';
        out += fraudFlagName(bit);
    }
    return out;
}

} // namespace umg
