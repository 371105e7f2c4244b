#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/event.h"

namespace umg {

enum class InstallKind : std::uint8_t { New, Reinstall, Count };
enum class MatchMethod : std::uint8_t { DeviceId, Fingerprint, None, Count };
enum class InstallStatus : std::uint8_t { Attributed, Organic, FraudRejected, Count };

/// Fraud flags, combined as a bit set.
enum class FraudFlag : std::uint8_t { CtitTooShort = 1, ClickFlooding = 2 };
inline constexpr int kFraudFlagCount = 2;

/// Multi-touch credit models.
enum class CreditModel : std::uint8_t { LastTouch, FirstTouch, Linear, TimeDecay, PositionBased, Count };
inline constexpr std::size_t kCreditModelCount = static_cast<std::size_t>(CreditModel::Count);

std::string_view toString(InstallKind kind);
std::string_view toString(MatchMethod method);
std::string_view toString(InstallStatus status);
std::string_view toString(CreditModel model);
/// Flag name as used in reports and metric labels (`ctit_too_short`, `click_flooding`).
std::string_view fraudFlagName(int bitIndex);
/// Flag names of a bit set joined with `;`, as in the installs report.
std::string formatFraudFlags(std::uint8_t flags);

/// The touch attributes that aggregates and reports break results down by.
struct TouchAttributes {
    std::string mediaSource;
    std::string campaign;
    std::string campaignId;
    std::string adset;
    std::string ad;
    std::string channel;
    std::string siteId;

    bool operator==(const TouchAttributes&) const = default;
};

/// One install's current decision, as written to the installs table and the
/// installs report. A revised decision is emitted again with a higher
/// `revision`; the newest row for an install event id is the valid one.
struct InstallRow {
    std::string installEventId;
    std::string customerId;
    std::string appId;
    std::int64_t installTimeMs = 0;
    std::uint64_t deviceKey = 0;
    bool keyedByAdvertisingId = false;
    Platform platform = Platform::Android;
    InstallKind kind = InstallKind::New;
    InstallStatus status = InstallStatus::Organic;
    MatchMethod matchMethod = MatchMethod::None;
    /// Empty for organic installs.
    std::string touchEventId;
    EventType touchType = EventType::Click;
    std::int64_t touchTimeMs = 0;
    TouchAttributes touch;
    std::int64_t ctitMs = 0;
    std::uint8_t fraudFlags = 0;
    bool hasReference = false;
    std::string referenceTouchId;
    std::uint32_t revision = 0;
    /// Engine batch whose processing produced this row.
    std::uint64_t batchId = 0;
};

/// Identifies one aggregate row: customer, app, media source, campaign and
/// UTC day (days since the Unix epoch). Organic results use media source
/// `organic` and an empty campaign.
struct AggregateKey {
    std::string customerId;
    std::string appId;
    std::string mediaSource;
    std::string campaign;
    std::int64_t day = 0;

    bool operator==(const AggregateKey&) const = default;
};

/// Signed changes to one aggregate row. Revisions produce negative values.
struct AggregateDelta {
    AggregateKey key;
    std::int64_t clicks = 0;
    std::int64_t impressions = 0;
    std::int64_t installs = 0;
    std::int64_t reinstalls = 0;
    std::int64_t organicInstalls = 0;
    std::int64_t attributedInstalls = 0;
    std::int64_t fraudFlaggedInstalls = 0;
    std::int64_t fraudRejectedInstalls = 0;
    std::int64_t inAppEvents = 0;
    std::array<double, kCreditModelCount> credits{};
};

/// Signed change of in-app revenue for one aggregate row and currency.
struct RevenueDelta {
    AggregateKey key;
    std::string currency;
    std::int64_t events = 0;
    double revenue = 0.0;
};

/// What one worker produced for one engine batch, handed to the writer.
struct ShardOutput {
    std::uint64_t batchId = 0;
    std::vector<InstallRow> installs;
    std::vector<AggregateDelta> aggregates;
    std::vector<RevenueDelta> revenue;

    bool empty() const { return installs.empty() && aggregates.empty() && revenue.empty(); }
};

} // namespace umg
