#include "reports/recordfigures.h"

#include <algorithm>
#include <cmath>

namespace umg::reports {

QString RecordFigures::company(const CustomerRecord &record)
{
    return QString::fromStdString(record.companyName.empty() ? record.customerId : record.companyName);
}

QString RecordFigures::stageTitle(OnboardingStage stage)
{
    switch (stage) {
    case OnboardingStage::Discovery:
        return tr("Discovery");
    case OnboardingStage::Setup:
        return tr("Setup");
    case OnboardingStage::Integration:
        return tr("Integration");
    case OnboardingStage::Launch:
        return tr("Launch");
    case OnboardingStage::Count:
        break;
    }
    return {};
}

QString RecordFigures::severityTitle(TicketSeverity severity)
{
    switch (severity) {
    case TicketSeverity::Low:
        return tr("Low");
    case TicketSeverity::Medium:
        return tr("Medium");
    case TicketSeverity::High:
        return tr("High");
    case TicketSeverity::Critical:
        return tr("Critical");
    case TicketSeverity::Count:
        break;
    }
    return {};
}

double RecordFigures::estimatedMrr(const CustomerRecords &records)
{
    double total = 0;
    for (const CustomerRecord &record : records)
        total += record.monthlyRecurringRevenue;
    return total;
}

double RecordFigures::timeToLaunchDays(const CustomerRecord &record, Date today)
{
    const std::optional<Date> discovery = record.stageDate(OnboardingStage::Discovery);
    if (!discovery)
        return qQNaN();
    const Date end = record.stageDate(OnboardingStage::Launch).value_or(today);
    return double((end - *discovery).count());
}

double RecordFigures::averageTimeToLaunch(const CustomerRecords &records)
{
    double total = 0;
    int launched = 0;
    for (const CustomerRecord &record : records) {
        const std::optional<Date> launch = record.stageDate(OnboardingStage::Launch);
        if (!launch)
            continue;
        const double days = timeToLaunchDays(record, *launch);
        if (std::isnan(days))
            continue;
        total += days;
        ++launched;
    }
    return launched > 0 ? total / launched : qQNaN();
}

double RecordFigures::pilotProgress(const CustomerRecords &records, Date today)
{
    constexpr int kStages = int(OnboardingStage::Count);
    int reached = 0;
    for (const CustomerRecord &record : records) {
        if (const std::optional<OnboardingStage> stage = record.currentStage(today))
            reached += int(*stage) + 1;
    }
    const int places = std::max<int>(kPilotPlaces, int(records.size()));
    return 100.0 * reached / (kStages * places);
}

std::array<int, size_t(OnboardingStage::Count)> RecordFigures::funnel(const CustomerRecords &records, Date today)
{
    std::array<int, size_t(OnboardingStage::Count)> counts{};
    for (const CustomerRecord &record : records) {
        const std::optional<OnboardingStage> current = record.currentStage(today);
        if (!current)
            continue;
        for (int stage = 0; stage <= int(*current); ++stage)
            ++counts[size_t(stage)];
    }
    return counts;
}

double RecordFigures::meanSatisfaction(const CustomerRecords &records, Date asOf)
{
    double total = 0;
    int surveyed = 0;
    for (const CustomerRecord &record : records) {
        if (const std::optional<double> score = record.latestSatisfaction(asOf)) {
            total += *score;
            ++surveyed;
        }
    }
    return surveyed > 0 ? total / surveyed : qQNaN();
}

double RecordFigures::meanCostSavings(const CustomerRecords &records)
{
    double total = 0;
    int counted = 0;
    for (const CustomerRecord &record : records) {
        if (const std::optional<double> savings = record.costSavingsPercent()) {
            total += *savings;
            ++counted;
        }
    }
    return counted > 0 ? total / counted : qQNaN();
}

double RecordFigures::successfulShare(const CustomerRecords &records)
{
    if (records.empty())
        return qQNaN();
    const auto successful = std::count_if(records.begin(), records.end(),
                                          [](const CustomerRecord &record) { return record.successful(); });
    return 100.0 * double(successful) / double(records.size());
}

} // namespace umg::reports
