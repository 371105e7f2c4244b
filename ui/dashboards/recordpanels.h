#pragma once

#include "customers/customerrecord.h"
#include "reports/recordfigures.h"
#include "widgets/barchartwidget.h"
#include "widgets/funnelwidget.h"
#include "widgets/timeserieschart.h"

#include <QCoreApplication>

#include <vector>

namespace umg {

using CustomerRecords = std::vector<CustomerRecord>;

/// Returns today's date (UTC).
Date todayUtc();

/// Panel values computed from pilot-customer records. Pure functions of
/// their arguments; `today` is the last day counted.
class RecordPanels
{
    Q_DECLARE_TR_FUNCTIONS(umg::RecordPanels)

public:
    /// Pilot places the programme plans for, the target pilot-customer count.
    static constexpr int kPilotPlaces = reports::RecordFigures::kPilotPlaces;

    /// Sum of the monthly recurring revenue.
    static double estimatedMrr(const CustomerRecords &records);

    /// Days from Discovery to Launch, or to `today` before Launch; NaN
    /// without a Discovery date.
    static double timeToLaunchDays(const CustomerRecord &record, Date today);
    static QList<BarEntry> timeToLaunch(const CustomerRecords &records, Date today);
    /// Mean time to launch of the launched customers; NaN when none launched.
    static double averageTimeToLaunch(const CustomerRecords &records);

    static QList<BarEntry> openTickets(const CustomerRecords &records, Date today);
    static QList<BarEntry> healthScores(const CustomerRecords &records, Date today);
    /// One series per customer with the score at the end of each of the
    /// last `days` days, time in milliseconds at the end of each day (UTC).
    static QList<TimeSeries> healthHistory(const CustomerRecords &records, Date today, int days = 30);

    /// Stages reached by all customers as a percentage of the stages of
    /// max(kPilotPlaces, customer count) customers.
    static double pilotProgress(const CustomerRecords &records, Date today);
    /// Customers that reached each stage by `today`, Discovery first.
    static QList<FunnelStage> funnel(const CustomerRecords &records, Date today);
};

} // namespace umg
