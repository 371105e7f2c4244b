#include "ingest/rejection.h"

namespace umg {

std::string_view toString(RejectReason reason)
{
    switch (reason) {
    case RejectReason::InvalidJson: return "invalid_json";
    case RejectReason::WrongFieldCount: return "wrong_field_count";
    case RejectReason::InvalidTimestamp: return "invalid_timestamp";
    case RejectReason::UnknownEventType: return "unknown_event_type";
    case RejectReason::NegativeRevenue: return "negative_revenue";
    case RejectReason::LineTooLong: return "line_too_long";
    case RejectReason::InvalidUtf8: return "invalid_utf8";
    case RejectReason::WrongType: return "wrong_type";
    case RejectReason::MissingField: return "missing_field";
    case RejectReason::InvalidValue: return "invalid_value";
    case RejectReason::TooOld: return "too_old";
    case RejectReason::Count: break;
    }
    return "unknown";
}

std::string Rejection::describe() const
{
    std::string text = source;
    text += ':';
    text += std::to_string(line);
    text += ": ";
    text += toString(reason);
    if (!detail.empty()) {
        text += ": ";
        text += detail;
    }
    return text;
}

} // namespace umg
