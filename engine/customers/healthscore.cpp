#include "customers/healthscore.h"

#include <algorithm>
#include <cmath>

namespace umg {

namespace {

constexpr double kSatisfactionWeight = 30;
constexpr double kOnboardingWeight = 25;
constexpr double kCostSavingsWeight = 20;
constexpr double kSupportWeight = 15;
constexpr double kSuccessFlagWeight = 5; // per flag

constexpr double kSatisfactionTarget = 90;  // percent
constexpr double kLaunchTargetDays = 14;
constexpr double kCostSavingsTarget = 30;   // percent, the lower end of the 30-50 % goal

constexpr std::string_view kFormula =
    "health = 30 x min(1, latest satisfaction / 90)\n"
    "       + 25 x (stages reached / 4) x min(1, 14 / days since Discovery)\n"
    "       + 20 x min(1, max(0, cost savings %) / 30)\n"
    "       + 15 x max(0, 1 - open-ticket penalty)\n"
    "       + 5 x technical success + 5 x business success\n"
    "Days since Discovery count to Launch, or to today before launch.\n"
    "Open-ticket penalty: 0.5 per critical, 0.25 per high, 0.1 per medium, 0.05 per low ticket.\n"
    "No survey or no baseline cost: half the points of that part.";

double ticketPenalty(TicketSeverity severity)
{
    switch (severity) {
    case TicketSeverity::Critical: return 0.5;
    case TicketSeverity::High: return 0.25;
    case TicketSeverity::Medium: return 0.1;
    case TicketSeverity::Low: return 0.05;
    case TicketSeverity::Count: break;
    }
    return 0;
}

double onboardingShare(const CustomerRecord& record, Date asOf)
{
    const std::optional<Date> discovery = record.stageDate(OnboardingStage::Discovery);
    if (!discovery || *discovery > asOf)
        return 0;

    const std::optional<OnboardingStage> stage = record.currentStage(asOf);
    const double reached = stage ? static_cast<double>(*stage) + 1 : 0;
    const double stageCount = static_cast<double>(OnboardingStage::Count);

    Date end = asOf;
    if (const std::optional<Date> launch = record.stageDate(OnboardingStage::Launch); launch && *launch <= asOf)
        end = *launch;
    const double days = std::max(1.0, static_cast<double>((end - *discovery).count()));
    return reached / stageCount * std::min(1.0, kLaunchTargetDays / days);
}

} // namespace

HealthScore computeHealthScore(const CustomerRecord& record, Date asOf)
{
    HealthScore health;
    health.formula = std::string(kFormula);

    if (const std::optional<double> satisfaction = record.latestSatisfaction(asOf))
        health.satisfactionPoints = kSatisfactionWeight * std::clamp(*satisfaction / kSatisfactionTarget, 0.0, 1.0);
    else
        health.satisfactionPoints = kSatisfactionWeight / 2;

    health.onboardingPoints = kOnboardingWeight * onboardingShare(record, asOf);

    if (const std::optional<double> savings = record.costSavingsPercent())
        health.costSavingsPoints = kCostSavingsWeight * std::clamp(*savings / kCostSavingsTarget, 0.0, 1.0);
    else
        health.costSavingsPoints = kCostSavingsWeight / 2;

    double penalty = 0;
    for (const SupportTicket& ticket : record.tickets) {
        if (ticket.isOpenOn(asOf))
            penalty += ticketPenalty(ticket.severity);
    }
    health.supportPoints = kSupportWeight * std::max(0.0, 1.0 - penalty);

    health.successPoints = kSuccessFlagWeight * (record.technicalSuccess ? 1 : 0)
        + kSuccessFlagWeight * (record.businessSuccess ? 1 : 0);

    const double total = health.satisfactionPoints + health.onboardingPoints + health.costSavingsPoints
        + health.supportPoints + health.successPoints;
    health.score = std::round(std::clamp(total, 0.0, 100.0) * 10) / 10;
    return health;
}

std::vector<std::pair<Date, double>> healthScoreHistory(const CustomerRecord& record, Date first, Date last)
{
    std::vector<std::pair<Date, double>> points;
    for (Date day = first; day <= last; day += std::chrono::days(1))
        points.emplace_back(day, computeHealthScore(record, day).score);
    return points;
}

} // namespace umg
