#include "customers/customerrecord.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

namespace umg {

namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(OnboardingStage::Count)> kStageNames = {
    "Discovery", "Setup", "Integration", "Launch"};
constexpr std::array<std::string_view, static_cast<std::size_t>(TicketSeverity::Count)> kSeverityNames = {
    "low", "medium", "high", "critical"};

bool equalIgnoringCase(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}

std::string formatNumberText(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

bool validCustomerIdCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.';
}

// Counts UTF-8 code points; bytes of a broken sequence count one each.
std::size_t characterCount(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Keeps the first kShownCharacters code points of a long value and adds the
// total length, so that a message about a huge value stays short.
std::string shortenedValue(std::string value)
{
    constexpr std::size_t kShownCharacters = 40;
    const std::size_t total = characterCount(value);
    if (total <= kShownCharacters + 20)
        return value;
    std::size_t seen = 0;
    std::size_t cut = 0;
    for (; cut < value.size(); ++cut) {
        if ((static_cast<unsigned char>(value[cut]) & 0xC0) != 0x80 && seen++ == kShownCharacters)
            break;
    }
    value.resize(cut);
    return value + "... (" + std::to_string(total) + " characters)";
}

class IssueList {
public:
    void add(std::string field, std::string value, std::string problem, std::string_view fix)
    {
        value = shortenedValue(std::move(value));
        std::string message = field + " is " + (value.empty() ? std::string("empty") : "\"" + value + "\"") + ": "
            + problem + "; " + std::string(fix);
        m_issues.push_back({std::move(field), std::move(value), std::move(message)});
    }
    std::vector<ValidationIssue> take() { return std::move(m_issues); }

private:
    std::vector<ValidationIssue> m_issues;
};

// Adds an issue when `text` is longer than `limit` code points; returns whether it is.
bool checkLength(const std::string& field, const std::string& text, std::size_t limit, IssueList& issues)
{
    const std::size_t length = characterCount(text);
    if (length <= limit)
        return false;
    issues.add(field, text,
               "the text has " + std::to_string(length) + " characters, more than the maximum of "
                   + std::to_string(limit),
               "shorten it to " + std::to_string(limit) + " characters or fewer");
    return true;
}

void validateIdentity(const CustomerRecord& record, IssueList& issues)
{
    if (checkLength("customer_id", record.customerId, kMaxCustomerIdLength, issues)) {
        // The length issue is enough; the character rule would repeat the huge value.
    } else if (record.customerId.empty()) {
        issues.add("customer_id", "", "a customer id is required", "enter an id such as acme-games");
    } else if (!std::all_of(record.customerId.begin(), record.customerId.end(), validCustomerIdCharacter)) {
        issues.add("customer_id", record.customerId, "a customer id may contain only letters, digits, '.', '_' and '-'",
                   "remove spaces and other characters");
    }
    if (record.companyName.empty())
        issues.add("company", "", "a company name is required", "enter the customer's company name");
    checkLength("company", record.companyName, kMaxCompanyNameLength, issues);
    checkLength("plan", record.plan, kMaxPlanLength, issues);
}

void validateAmounts(const CustomerRecord& record, IssueList& issues)
{
    const std::pair<const char*, double> amounts[] = {
        {"mrr", record.monthlyRecurringRevenue},
        {"baseline_cost", record.baselineCost},
        {"current_cost", record.currentCost},
    };
    for (const auto& [field, amount] : amounts) {
        if (!std::isfinite(amount) || amount < 0 || amount > kMaxMonthlyAmount)
            issues.add(field, formatNumberText(amount),
                       "the amount must be a number of 0 or more and at most " + formatNumberText(kMaxMonthlyAmount),
                       "enter the monthly amount without a minus sign");
    }
}

void validateApps(const CustomerRecord& record, IssueList& issues)
{
    if (record.appIds.size() > kMaxAppIds) {
        issues.add("app_ids", std::to_string(record.appIds.size()) + " app ids",
                   "a customer may have at most " + std::to_string(kMaxAppIds) + " app ids",
                   "remove the app ids that the pilot does not cover");
    }
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < record.appIds.size(); ++i) {
        const std::string& appId = record.appIds[i];
        const std::string field = "app_ids[" + std::to_string(i + 1) + "]";
        if (checkLength(field, appId, kMaxAppIdLength, issues))
            continue;
        if (appId.empty())
            issues.add(field, "", "an app id must not be empty", "remove the empty entry");
        else if (appId.find_first_of(";, \t\r\n") != std::string::npos)
            issues.add(field, appId, "an app id may not contain ';', ',' or whitespace",
                       "enter one store id, such as com.example.game or id123456789");
        else if (!seen.insert(appId).second)
            issues.add(field, appId, "the app id is listed twice", "remove the repeated entry");
    }
}

void validateSurveys(const CustomerRecord& record, IssueList& issues)
{
    for (std::size_t i = 0; i < record.surveys.size(); ++i) {
        const SatisfactionSurvey& survey = record.surveys[i];
        if (!(survey.score >= 0 && survey.score <= 100)) {
            issues.add("surveys[" + std::to_string(i + 1) + "].score", formatNumberText(survey.score),
                       "a satisfaction score must be between 0 and 100",
                       "enter the survey result as a percentage");
        }
    }
}

void validateStages(const CustomerRecord& record, IssueList& issues)
{
    std::array<std::optional<Date>, static_cast<std::size_t>(OnboardingStage::Count)> dates;
    for (std::size_t i = 0; i < record.stages.size(); ++i) {
        const StageEntry& entry = record.stages[i];
        const auto index = static_cast<std::size_t>(entry.stage);
        const std::string field = "stages[" + std::to_string(i + 1) + "]";
        if (index >= dates.size()) {
            issues.add(field, std::to_string(index), "the stage is unknown",
                       "use Discovery, Setup, Integration or Launch");
            continue;
        }
        if (dates[index]) {
            issues.add(field, std::string(stageName(entry.stage)), "the stage is listed twice",
                       "keep the day the customer first reached it");
            continue;
        }
        dates[index] = entry.date;
    }

    // Stages follow each other: each one needs the one before it, on the same day or earlier.
    for (std::size_t index = 1; index < dates.size(); ++index) {
        if (!dates[index])
            continue;
        const auto stage = static_cast<OnboardingStage>(index);
        const auto previous = static_cast<OnboardingStage>(index - 1);
        const std::string value = std::string(stageName(stage)) + ":" + formatDate(*dates[index]);
        if (!dates[index - 1]) {
            issues.add("stages", value, std::string(stageName(stage)) + " is reached without " + std::string(stageName(previous)),
                       "add the date of " + std::string(stageName(previous)));
        } else if (*dates[index] < *dates[index - 1]) {
            issues.add("stages", value,
                       std::string(stageName(stage)) + " is dated before " + std::string(stageName(previous)) + " ("
                           + formatDate(*dates[index - 1]) + ")",
                       "correct the dates so that stages follow the order Discovery, Setup, Integration, Launch");
        }
    }
}

void validateTickets(const CustomerRecord& record, IssueList& issues)
{
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < record.tickets.size(); ++i) {
        const SupportTicket& ticket = record.tickets[i];
        const std::string field = "tickets[" + std::to_string(i + 1) + "]";
        if (checkLength(field + ".id", ticket.id, kMaxTicketIdLength, issues)) {
            // Reported; the other id rules would repeat the long value.
        } else if (ticket.id.empty()) {
            issues.add(field + ".id", "", "a ticket id is required", "enter the id from the support system");
        } else if (ticket.id.find_first_of(":;,\r\n") != std::string::npos) {
            issues.add(field + ".id", ticket.id, "a ticket id may not contain ':', ';', ',' or line breaks",
                       "use the id without those characters, such as T-1042");
        } else if (!seen.insert(ticket.id).second) {
            issues.add(field + ".id", ticket.id, "the ticket id is listed twice", "remove or renumber the repeated ticket");
        }
        if (static_cast<std::size_t>(ticket.severity) >= kSeverityNames.size()) {
            issues.add(field + ".severity", std::to_string(static_cast<int>(ticket.severity)), "the severity is unknown",
                       "use low, medium, high or critical");
        }
        if (ticket.closed && *ticket.closed < ticket.opened) {
            issues.add(field + ".closed", formatDate(*ticket.closed),
                       "the ticket is closed before it was opened (" + formatDate(ticket.opened) + ")",
                       "correct the closing date or the opening date");
        }
    }
}

} // namespace

std::optional<Date> parseDate(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int part = 0; part < 3; ++part) {
        for (std::size_t i = starts[part]; i < starts[part] + lengths[part]; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return std::nullopt;
            parts[part] = parts[part] * 10 + (text[i] - '0');
        }
    }
    const std::chrono::year_month_day day{std::chrono::year(parts[0]),
                                          std::chrono::month(static_cast<unsigned>(parts[1])),
                                          std::chrono::day(static_cast<unsigned>(parts[2]))};
    if (!day.ok())
        return std::nullopt;
    return Date(day);
}

std::string formatDate(Date date)
{
    const std::chrono::year_month_day day(date);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buffer;
}

std::string_view stageName(OnboardingStage stage)
{
    const auto index = static_cast<std::size_t>(stage);
    return index < kStageNames.size() ? kStageNames[index] : std::string_view("unknown");
}

std::optional<OnboardingStage> parseStage(std::string_view text)
{
    for (std::size_t i = 0; i < kStageNames.size(); ++i) {
        if (equalIgnoringCase(text, kStageNames[i]))
            return static_cast<OnboardingStage>(i);
    }
    return std::nullopt;
}

std::string_view severityName(TicketSeverity severity)
{
    const auto index = static_cast<std::size_t>(severity);
    return index < kSeverityNames.size() ? kSeverityNames[index] : std::string_view("unknown");
}

std::optional<TicketSeverity> parseSeverity(std::string_view text)
{
    for (std::size_t i = 0; i < kSeverityNames.size(); ++i) {
        if (equalIgnoringCase(text, kSeverityNames[i]))
            return static_cast<TicketSeverity>(i);
    }
    return std::nullopt;
}

std::optional<double> CustomerRecord::costSavingsPercent() const
{
    if (!(baselineCost > 0))
        return std::nullopt;
    return (baselineCost - currentCost) / baselineCost * 100.0;
}

std::optional<double> CustomerRecord::latestSatisfaction(std::optional<Date> asOf) const
{
    const SatisfactionSurvey* latest = nullptr;
    for (const SatisfactionSurvey& survey : surveys) {
        if (asOf && survey.date > *asOf)
            continue;
        // Among surveys of the same day the later entry wins.
        if (!latest || survey.date >= latest->date)
            latest = &survey;
    }
    if (!latest)
        return std::nullopt;
    return latest->score;
}

std::optional<OnboardingStage> CustomerRecord::currentStage(std::optional<Date> asOf) const
{
    std::optional<OnboardingStage> furthest;
    for (const StageEntry& entry : stages) {
        if (asOf && entry.date > *asOf)
            continue;
        if (!furthest || entry.stage > *furthest)
            furthest = entry.stage;
    }
    return furthest;
}

std::optional<Date> CustomerRecord::stageDate(OnboardingStage stage) const
{
    for (const StageEntry& entry : stages) {
        if (entry.stage == stage)
            return entry.date;
    }
    return std::nullopt;
}

int CustomerRecord::openTickets(Date day) const
{
    return static_cast<int>(std::count_if(tickets.begin(), tickets.end(),
                                          [day](const SupportTicket& ticket) { return ticket.isOpenOn(day); }));
}

std::vector<ValidationIssue> validateRecord(const CustomerRecord& record)
{
    IssueList issues;
    validateIdentity(record, issues);
    validateAmounts(record, issues);
    validateApps(record, issues);
    validateSurveys(record, issues);
    validateStages(record, issues);
    validateTickets(record, issues);
    return issues.take();
}

namespace {

std::string describeIssues(const std::vector<ValidationIssue>& issues)
{
    std::string text;
    for (const ValidationIssue& issue : issues) {
        if (!text.empty())
            text += "\n";
        text += issue.message;
    }
    return text;
}

} // namespace

CustomerValidationError::CustomerValidationError(std::vector<ValidationIssue> issues)
    : std::invalid_argument(describeIssues(issues)), m_issues(std::move(issues))
{
}

std::vector<CustomerRecordMetrics> toRecordMetrics(const std::vector<CustomerRecord>& records)
{
    std::vector<CustomerRecordMetrics> metrics;
    metrics.reserve(records.size());
    for (const CustomerRecord& record : records) {
        CustomerRecordMetrics entry;
        entry.customerId = record.customerId;
        entry.companyName = record.companyName;
        if (const std::optional<double> satisfaction = record.latestSatisfaction()) {
            entry.satisfactionScore = *satisfaction;
            entry.hasSatisfaction = true;
        }
        if (const std::optional<double> savings = record.costSavingsPercent()) {
            entry.costSavingsPercent = *savings;
            entry.hasCostSavings = true;
        }
        entry.successful = record.successful();
        metrics.push_back(std::move(entry));
    }
    return metrics;
}

} // namespace umg
