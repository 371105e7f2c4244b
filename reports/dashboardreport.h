#pragma once

#include "reports/querysource.h"
#include "reports/recordfigures.h"
#include "reports/report.h"

#include "dashboards/dashboardpanels.h"

#include <optional>

namespace umg::reports {

/// Inputs of a dashboard report.
struct DashboardReportInput
{
    /// Panels as the console defines them; the console passes its
    /// translated titles, the node the built-in definitions.
    dashboards::Dashboard dashboard;
    /// Evaluates the panels' PromQL queries.
    QueryFunction query;
    /// Name of the data source, such as "Local metric history".
    QString sourceName;
    /// Pilot-customer records for record-backed panels and `{customer}`
    /// legends; nullopt when none were read, which leaves those panels empty.
    std::optional<CustomerRecords> records;
    QString recordsSource;
    /// End of the time range in milliseconds since the Unix epoch, and its length.
    qint64 endMs = 0;
    qint64 rangeMs = 15 * 60'000;
    qint64 generatedAtMs = 0;
};

/// Builds the report of a dashboard for its time range. An overview lists
/// every panel's current values, targets and threshold states. Then each
/// panel has a section with its description, a table of its numbers and its
/// chart; time series are summarised as minimum, mean, maximum and latest
/// value. Panels are evaluated as the console's panel views evaluate them,
/// with the same query windows and steps, legends, reductions and
/// record-backed values. Runs the queries on the calling thread.
Report buildDashboardReport(const DashboardReportInput &input);

} // namespace umg::reports
