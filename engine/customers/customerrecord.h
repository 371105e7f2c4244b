#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/enginemetrics.h"

/// Pilot-customer records: what the customer-success and onboarding views
/// show, what the health score is computed from, and what the engine's
/// customer gauges are set from.
namespace umg {

/// A calendar day (UTC).
using Date = std::chrono::sys_days;

/// Parses `YYYY-MM-DD`; returns nullopt for any other text or an impossible date.
std::optional<Date> parseDate(std::string_view text);
/// Formats `date` as `YYYY-MM-DD`.
std::string formatDate(Date date);

/// Onboarding stages in the order a customer passes them.
enum class OnboardingStage { Discovery, Setup, Integration, Launch, Count };

/// Returns "Discovery", "Setup", "Integration" or "Launch".
std::string_view stageName(OnboardingStage stage);
/// Parses a stage name, ignoring case; nullopt for an unknown name.
std::optional<OnboardingStage> parseStage(std::string_view text);

enum class TicketSeverity { Low, Medium, High, Critical, Count };

/// Returns "low", "medium", "high" or "critical".
std::string_view severityName(TicketSeverity severity);
/// Parses a severity name, ignoring case; nullopt for an unknown name.
std::optional<TicketSeverity> parseSeverity(std::string_view text);

/// One satisfaction survey result.
struct SatisfactionSurvey {
    Date date;
    double score = 0; ///< 0 to 100

    friend bool operator==(const SatisfactionSurvey&, const SatisfactionSurvey&) = default;
};

/// The day a customer reached an onboarding stage.
struct StageEntry {
    OnboardingStage stage = OnboardingStage::Discovery;
    Date date;

    friend bool operator==(const StageEntry&, const StageEntry&) = default;
};

struct SupportTicket {
    std::string id;
    TicketSeverity severity = TicketSeverity::Low;
    Date opened;
    std::optional<Date> closed; ///< nullopt while the ticket is open

    /// Returns whether the ticket was open at the end of `day`.
    bool isOpenOn(Date day) const { return opened <= day && (!closed || *closed > day); }

    friend bool operator==(const SupportTicket&, const SupportTicket&) = default;
};

/// Maximum lengths of a record's text fields, in Unicode code points (UTF-8
/// characters). validateRecord() rejects longer values, so that the
/// console, the reports and the metric labels never lay out unbounded text.
inline constexpr std::size_t kMaxCustomerIdLength = 64;
inline constexpr std::size_t kMaxCompanyNameLength = 200;
inline constexpr std::size_t kMaxPlanLength = 100;
inline constexpr std::size_t kMaxAppIdLength = 200;
inline constexpr std::size_t kMaxAppIds = 100;
inline constexpr std::size_t kMaxTicketIdLength = 64;
/// Largest monthly amount (revenue or cost) that validateRecord() accepts.
inline constexpr double kMaxMonthlyAmount = 1e12;

/// One pilot customer. Costs and revenue are monthly amounts in one
/// currency of the operator's choice.
struct CustomerRecord {
    std::string customerId;
    std::string companyName;
    std::string plan;
    double monthlyRecurringRevenue = 0;
    std::vector<std::string> appIds;
    /// Monthly cost of attribution before the pilot.
    double baselineCost = 0;
    /// Monthly cost of attribution with UnMoGrowP.
    double currentCost = 0;
    std::vector<SatisfactionSurvey> surveys;
    std::vector<StageEntry> stages;
    std::vector<SupportTicket> tickets;
    bool technicalSuccess = false;
    bool businessSuccess = false;

    /// Returns (baseline - current) / baseline x 100, or nullopt when the
    /// baseline is 0. Negative when the current cost is higher.
    std::optional<double> costSavingsPercent() const;
    /// Returns the score of the latest survey dated on or before `asOf`
    /// (any date when nullopt), or nullopt when there is none.
    std::optional<double> latestSatisfaction(std::optional<Date> asOf = std::nullopt) const;
    /// Returns the furthest stage reached on or before `asOf`, or nullopt
    /// before Discovery.
    std::optional<OnboardingStage> currentStage(std::optional<Date> asOf = std::nullopt) const;
    /// Returns the date the customer reached `stage`, or nullopt.
    std::optional<Date> stageDate(OnboardingStage stage) const;
    /// Returns the number of tickets open at the end of `day`.
    int openTickets(Date day) const;
    /// Both success flags are set.
    bool successful() const { return technicalSuccess && businessSuccess; }

    friend bool operator==(const CustomerRecord&, const CustomerRecord&) = default;
};

/// One broken rule of a record. `message` is a full sentence that names the
/// field and the value, what is wrong and how to fix it.
struct ValidationIssue {
    std::string field; ///< for example `surveys[2].score` or `customer_id`
    std::string value;
    std::string message;
};

/// Checks every rule of a record and returns the broken ones, or an empty
/// list when the record is valid. The customer id is present and
/// well-formed, and the company is present. No text field is longer than its
/// limit above. Revenue and costs are finite numbers from 0 to
/// kMaxMonthlyAmount, and survey scores lie between 0 and 100. There are at
/// most kMaxAppIds app ids, which are present and unique. Further rules:
/// stages are unique, none is skipped and their dates follow the stage
/// order, ticket ids are present and unique, and no ticket closes before it
/// opens. Thread-safe.
std::vector<ValidationIssue> validateRecord(const CustomerRecord& record);

/// A record or an import that broke validation rules. what() lists every issue.
class CustomerValidationError : public std::invalid_argument {
public:
    explicit CustomerValidationError(std::vector<ValidationIssue> issues);
    const std::vector<ValidationIssue>& issues() const { return m_issues; }

private:
    std::vector<ValidationIssue> m_issues;
};

/// Converts records to the values EngineMetrics::setCustomerRecords
/// publishes: latest satisfaction, cost savings and the success flags.
std::vector<CustomerRecordMetrics> toRecordMetrics(const std::vector<CustomerRecord>& records);

} // namespace umg
