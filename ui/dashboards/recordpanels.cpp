#include "dashboards/recordpanels.h"

#include "customers/healthscore.h"
#include "reports/recordfigures.h"

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
    return reports::RecordFigures::estimatedMrr(records);
}

double RecordPanels::timeToLaunchDays(const CustomerRecord &record, Date today)
{
    return reports::RecordFigures::timeToLaunchDays(record, today);
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
    return reports::RecordFigures::averageTimeToLaunch(records);
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
    return reports::RecordFigures::pilotProgress(records, today);
}

QList<FunnelStage> RecordPanels::funnel(const CustomerRecords &records, Date today)
{
    // Stage names are translated here, not taken from stageName(), which
    // returns the English names of the CSV format.
    static const char *const kNames[] = {QT_TR_NOOP("Discovery"), QT_TR_NOOP("Setup"), QT_TR_NOOP("Integration"),
                                         QT_TR_NOOP("Launch")};
    const auto counts = reports::RecordFigures::funnel(records, today);
    QList<FunnelStage> stages;
    for (std::size_t i = 0; i < counts.size(); ++i)
        stages.append(FunnelStage{tr(kNames[i]), qint64(counts[i])});
    return stages;
}

} // namespace umg
