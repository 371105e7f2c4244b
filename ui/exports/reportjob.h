#pragma once

#include "dashboards/paneldefinition.h"

#include "customers/customerrecord.h"
#include "dashboards/dashboardpanels.h"
#include "reports/querysource.h"
#include "reports/reportwriter.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <vector>

namespace umg {

class DashboardDataSource;

/// The reports the console exports.
enum class ReportKind { Dashboard, LoadTest, Customer, Goals, Count };

/// Everything one export reads, copied on the GUI thread so that the worker
/// thread that builds the report touches nothing the GUI thread changes.
struct ReportJob
{
    ReportKind kind = ReportKind::Dashboard;
    reports::ReportFormat format = reports::ReportFormat::Pdf;
    QString filePath;

    /// Dashboard reports: the dashboard as the console shows it.
    DashboardDefinition dashboard;
    /// The source the dashboards read; also the metric history of the
    /// customer and goal reports.
    std::shared_ptr<const DashboardDataSource> dataSource;
    /// End and length of the time range, in milliseconds.
    qint64 endMs = 0;
    qint64 rangeMs = 0;

    std::vector<CustomerRecord> records;
    QString recordsSource;
    /// The embedded engine's database, for event volume and accuracy.
    QString engineDatabasePath;
    /// The database of the stored load-test runs.
    QString runsDatabasePath;
    /// Load-test reports: the run.
    qint64 runId = 0;
    /// Customer reports: the customer.
    QString customerId;
};

/// Builds and writes the report of `job`. Called on a worker thread; blocks
/// on the data source and the databases. Returns an empty string on
/// success, else a translated sentence naming the failure and the fix.
QString runReportJob(const ReportJob &job);

/// Converts the console's dashboard definition, with its translated titles,
/// into the report library's form.
dashboards::Dashboard toReportDashboard(const DashboardDefinition &definition);

/// A QueryFunction that evaluates report queries with `source`.
reports::QueryFunction queryFunctionFor(std::shared_ptr<const DashboardDataSource> source);

} // namespace umg
