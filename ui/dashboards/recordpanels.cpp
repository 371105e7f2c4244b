#include "dashboards/recordpanels.h"

#include "customers/healthscore.h"

#include <chrono>
#include <cmath>

namespace umg {
namespace {

QString companyOf(const CustomerRecord &record)
{
    return QString::fromStdString(record.companyName.empty() ? record.customerId : record.companyName);
}

qint64 endOfDayMs(Date day)
{
    const auto next = std::chrono::sys_time<std::chrono::milliseconds>(day + std::chrono::days(1));
    return next.time_since_epoch().count() - 1;
}

} // namespace

Date todayUtc()
{
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

double RecordPanels::estimatedMrr(const CustomerRecords &records)
{
    double total = 0;
    for (const CustomerRecord &record : records)
        total += record.monthlyRecurringRevenue;
    return total;
}

double RecordPanels::timeToLaunchDays(const CustomerRecord &record, Date today)
{
    const std::optional<Date> discovery = record.stageDate(OnboardingStage::Discovery);
    if (!discovery)
        return qQNaN();
    const Date end = record.stageDate(OnboardingStage::Launch).value_or(today);
    return double((end - *discovery).count());
}

QList<BarEntry> RecordPanels::timeToLaunch(const CustomerRecords &records, Date today)
{
    QList<BarEntry> bars;
    for (const CustomerRecord &record : records)
        bars.append(BarEntry{companyOf(record), timeToLaunchDays(record, today)});
    return bars;
}

double RecordPanels::averageTimeToLaunch(const CustomerRecords &records)
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

QList<BarEntry> RecordPanels::openTickets(const CustomerRecords &records, Date today)
{
    QList<BarEntry> bars;
    for (const CustomerRecord &record : records)
        bars.append(BarEntry{companyOf(record), double(record.openTickets(today))});
    return bars;
}

QList<BarEntry> RecordPanels::healthScores(const CustomerRecords &records, Date today)
{
    QList<BarEntry> bars;
    for (const CustomerRecord &record : records)
        bars.append(BarEntry{companyOf(record), computeHealthScore(record, today).score});
    return bars;
}

QList<TimeSeries> RecordPanels::healthHistory(const CustomerRecords &records, Date today, int days)
{
    QList<TimeSeries> series;
    const Date first = today - std::chrono::days(std::max(days, 1) - 1);
    for (const CustomerRecord &record : records) {
        TimeSeries line;
        line.name = companyOf(record);
        for (const auto &[day, score] : healthScoreHistory(record, first, today))
            line.points.append(QPointF(double(endOfDayMs(day)), score));
        series.append(line);
    }
    return series;
}

double RecordPanels::pilotProgress(const CustomerRecords &records, Date today)
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

QList<FunnelStage> RecordPanels::funnel(const CustomerRecords &records, Date today)
{
    QList<FunnelStage> stages;
    for (int i = 0; i < int(OnboardingStage::Count); ++i) {
        const auto stage = OnboardingStage(i);
        qint64 count = 0;
        for (const CustomerRecord &record : records) {
            const std::optional<OnboardingStage> current = record.currentStage(today);
            count += current && int(*current) >= i;
        }
        // Stage names are translated here, not taken from stageName(), which
        // returns the English names of the CSV format.
        static const char *const kNames[] = {QT_TR_NOOP("Discovery"), QT_TR_NOOP("Setup"), QT_TR_NOOP("Integration"),
                                             QT_TR_NOOP("Launch")};
        stages.append(FunnelStage{tr(kNames[int(stage)]), count});
    }
    return stages;
}

} // namespace umg
