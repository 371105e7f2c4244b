#pragma once

#include "customers/customerrecord.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <vector>

namespace umg::reports {

using CustomerRecords = std::vector<CustomerRecord>;

/// Figures computed from pilot-customer records, for the record-backed
/// dashboard panels, the customer report and the goal report. They follow
/// the console's record panels (ui/dashboards/recordpanels.h), so a report
/// shows the numbers the dashboards show. Pure functions; `today` is the
/// last day counted.
class RecordFigures
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::RecordFigures)

public:
    /// Pilot places the programme plans for, the target pilot-customer count.
    static constexpr int kPilotPlaces = 5;

    /// The company name, or the customer id when the name is empty.
    static QString company(const CustomerRecord &record);
    /// Translated stage name: "Discovery", "Setup", "Integration", "Launch".
    static QString stageTitle(OnboardingStage stage);
    /// Translated severity: "Low", "Medium", "High", "Critical".
    static QString severityTitle(TicketSeverity severity);

    /// Sum of the monthly recurring revenue.
    static double estimatedMrr(const CustomerRecords &records);
    /// Days from Discovery to Launch, or to `today` before Launch; NaN
    /// without a Discovery date.
    static double timeToLaunchDays(const CustomerRecord &record, Date today);
    /// Mean time to launch of the launched customers; NaN when none launched.
    static double averageTimeToLaunch(const CustomerRecords &records);
    /// Stages reached by all customers as a percentage of the stages of
    /// max(kPilotPlaces, customer count) customers.
    static double pilotProgress(const CustomerRecords &records, Date today);
    /// Customers that reached each stage by `today`, Discovery first.
    static std::array<int, size_t(OnboardingStage::Count)> funnel(const CustomerRecords &records, Date today);

    /// Mean of each customer's latest survey on or before `asOf`, over the
    /// customers with a survey; NaN when none has one.
    static double meanSatisfaction(const CustomerRecords &records, Date asOf);
    /// Mean cost savings over the customers with a baseline cost; NaN when
    /// none has one.
    static double meanCostSavings(const CustomerRecords &records);
    /// Percentage of customers with both success flags; NaN without customers.
    static double successfulShare(const CustomerRecords &records);
};

} // namespace umg::reports
