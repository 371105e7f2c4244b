#include "exports/reportjob.h"

#include "datasource/dashboarddatasource.h"
#include "exports/exportslog.h"

#include "loadtest/loadteststore.h"
#include "reports/customerreport.h"
#include "reports/dashboardreport.h"
#include "reports/goalreport.h"
#include "reports/loadtestreport.h"
#include "reports/reportfiles.h"

#include <QDateTime>
#include <QDir>

#include <chrono>

namespace umg {
namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::ReportJob)
};

std::string utf8(const QString &text)
{
    return text.toStdString();
}

dashboards::Target toTarget(const std::optional<ThresholdPolicy> &policy)
{
    if (!policy)
        return {};
    switch (policy->direction()) {
    case ThresholdDirection::HigherIsBetter:
        return dashboards::Target::higherIsBetter(policy->low(), policy->nearMargin());
    case ThresholdDirection::LowerIsBetter:
        return dashboards::Target::lowerIsBetter(policy->low(), policy->nearMargin());
    case ThresholdDirection::WithinRange:
        return dashboards::Target::withinRange(policy->low(), policy->high(), policy->nearMargin());
    case ThresholdDirection::Count:
        break;
    }
    return {};
}

dashboards::PanelKind toPanelKind(PanelKind kind)
{
    switch (kind) {
    case PanelKind::Gauge:
        return dashboards::PanelKind::Gauge;
    case PanelKind::Stat:
        return dashboards::PanelKind::Stat;
    case PanelKind::TimeSeries:
        return dashboards::PanelKind::TimeSeries;
    case PanelKind::Bars:
        return dashboards::PanelKind::Bars;
    case PanelKind::Funnel:
        return dashboards::PanelKind::Funnel;
    case PanelKind::Table:
        return dashboards::PanelKind::Table;
    case PanelKind::Flags:
        return dashboards::PanelKind::Flags;
    case PanelKind::Count:
        break;
    }
    return dashboards::PanelKind::Stat;
}

dashboards::RecordSource toRecordSource(RecordSource source)
{
    switch (source) {
    case RecordSource::None:
        return dashboards::RecordSource::None;
    case RecordSource::EstimatedMrr:
        return dashboards::RecordSource::EstimatedMrr;
    case RecordSource::TimeToLaunch:
        return dashboards::RecordSource::TimeToLaunch;
    case RecordSource::AverageTimeToLaunch:
        return dashboards::RecordSource::AverageTimeToLaunch;
    case RecordSource::OpenTickets:
        return dashboards::RecordSource::OpenTickets;
    case RecordSource::HealthScores:
        return dashboards::RecordSource::HealthScores;
    case RecordSource::HealthHistory:
        return dashboards::RecordSource::HealthHistory;
    case RecordSource::SuccessFlags:
        return dashboards::RecordSource::SuccessFlags;
    case RecordSource::PilotProgress:
        return dashboards::RecordSource::PilotProgress;
    case RecordSource::OnboardingFunnel:
        return dashboards::RecordSource::OnboardingFunnel;
    case RecordSource::Count:
        break;
    }
    return dashboards::RecordSource::None;
}

dashboards::Reduction toReduction(Reduction reduction)
{
    switch (reduction) {
    case Reduction::Last:
        return dashboards::Reduction::Last;
    case Reduction::Max:
        return dashboards::Reduction::Max;
    case Reduction::Mean:
        return dashboards::Reduction::Mean;
    case Reduction::Count:
        return dashboards::Reduction::Count;
    }
    return dashboards::Reduction::Last;
}

Date dayOf(qint64 msSinceEpoch)
{
    return std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(msSinceEpoch)));
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString sourceName(const ReportJob &job)
{
    return job.dataSource ? job.dataSource->displayName() : Text::tr("No data source");
}

reports::Report dashboardReport(const ReportJob &job)
{
    reports::DashboardReportInput input;
    input.dashboard = toReportDashboard(job.dashboard);
    input.query = queryFunctionFor(job.dataSource);
    input.sourceName = sourceName(job);
    input.records = job.records;
    input.recordsSource = job.recordsSource;
    input.endMs = job.endMs;
    input.rangeMs = job.rangeMs;
    input.generatedAtMs = QDateTime::currentMSecsSinceEpoch();
    return reports::buildDashboardReport(input);
}

reports::Report loadTestReport(const ReportJob &job, QString *error)
{
    if (!reports::databaseHasTable(job.runsDatabasePath, QStringLiteral("load_test_runs"))) {
        *error = Text::tr("No load-test run is stored yet. Run a load test on the Load testing dashboard first.");
        return {};
    }
    const LoadTestStore store(utf8(job.runsDatabasePath));
    const std::optional<LoadTestResult> run = store.load(job.runId);
    if (!run) {
        *error = Text::tr("Load-test run %1 is no longer stored. Choose another run.").arg(job.runId);
        return {};
    }
    return reports::buildLoadTestReport(*run, QDateTime::currentMSecsSinceEpoch(), native(job.runsDatabasePath));
}

reports::Report customerReport(const ReportJob &job, QString *error)
{
    const CustomerRecord *record = nullptr;
    for (const CustomerRecord &candidate : job.records) {
        if (QString::fromStdString(candidate.customerId) == job.customerId)
            record = &candidate;
    }
    if (!record) {
        *error = Text::tr("Customer %1 is no longer on record. Choose another customer.").arg(job.customerId);
        return {};
    }
    reports::CustomerEngineFigures engine;
    if (reports::databaseHasTable(job.engineDatabasePath, QStringLiteral("installs"))) {
        reports::readEngineCounts(job.engineDatabasePath, job.customerId, engine);
        engine.engineSource = Text::tr("Event volume and accuracy: every day stored in the embedded engine's "
                                       "database %1.")
                                  .arg(native(job.engineDatabasePath));
    } else {
        engine.engineSource = Text::tr("The embedded engine has no database yet, so event volume and accuracy are "
                                       "unknown.");
    }
    reports::readCustomerLatency(queryFunctionFor(job.dataSource), job.customerId, job.endMs, job.rangeMs, engine);
    return reports::buildCustomerReport(*record, dayOf(job.endMs), engine, QDateTime::currentMSecsSinceEpoch(),
                                        job.recordsSource);
}

reports::Report goalReport(const ReportJob &job)
{
    reports::GoalInputs inputs;
    inputs.records = job.records;
    inputs.recordsSource = job.recordsSource;
    inputs.asOf = dayOf(job.endMs);
    inputs.endMs = job.endMs;
    inputs.rangeMs = job.rangeMs;
    inputs.history = queryFunctionFor(job.dataSource);
    inputs.historySource = sourceName(job);
    if (reports::databaseHasTable(job.engineDatabasePath, QStringLiteral("installs"))) {
        inputs.accuracy = reports::readAccuracyCounts(job.engineDatabasePath);
        inputs.accuracySource = Text::tr("embedded engine's database %1").arg(native(job.engineDatabasePath));
    }
    if (reports::databaseHasTable(job.runsDatabasePath, QStringLiteral("load_test_runs"))) {
        const LoadTestStore store(utf8(job.runsDatabasePath));
        inputs.loadTest = reports::newestCompletedRun(store);
        inputs.loadTestSource = native(job.runsDatabasePath);
    }
    return reports::buildGoalReport(reports::evaluateGoals(inputs), inputs, QDateTime::currentMSecsSinceEpoch());
}

} // namespace

dashboards::Dashboard toReportDashboard(const DashboardDefinition &definition)
{
    dashboards::Dashboard dashboard;
    dashboard.id = utf8(definition.id);
    dashboard.title = utf8(definition.title);
    for (const PanelDefinition &panel : definition.panels) {
        dashboards::Panel converted;
        converted.id = utf8(panel.id);
        converted.title = utf8(panel.title);
        converted.description = utf8(panel.description);
        converted.kind = toPanelKind(panel.kind);
        for (const PanelQuery &query : panel.queries) {
            dashboards::PanelQuery convertedQuery;
            convertedQuery.expression = utf8(query.expression);
            convertedQuery.kind = query.kind == QueryRequest::Kind::Range ? dashboards::QueryKind::Range
                                                                          : dashboards::QueryKind::Instant;
            convertedQuery.legend = utf8(query.legend);
            convertedQuery.target = toTarget(query.policy);
            convertedQuery.unit = utf8(query.unit);
            convertedQuery.decimals = query.decimals;
            convertedQuery.hideWhenEmpty = query.hideWhenEmpty;
            converted.queries.push_back(std::move(convertedQuery));
        }
        converted.records = toRecordSource(panel.records);
        converted.unit = utf8(panel.unit);
        converted.decimals = panel.decimals;
        converted.target = toTarget(panel.policy);
        converted.minimum = panel.minimum;
        converted.maximum = panel.maximum;
        converted.fixedScale = panel.fixedScale;
        converted.reduction = toReduction(panel.reduction);
        converted.columnSpan = panel.columnSpan;
        dashboard.panels.push_back(std::move(converted));
    }
    return dashboard;
}

reports::QueryFunction queryFunctionFor(std::shared_ptr<const DashboardDataSource> source)
{
    if (!source)
        return {};
    return [source = std::move(source)](const reports::ReportQuery &query) {
        QueryRequest request;
        request.expression = query.expression;
        request.kind = query.range ? QueryRequest::Kind::Range : QueryRequest::Kind::Instant;
        request.fromMs = query.fromMs;
        request.endMs = query.endMs;
        request.stepMs = query.stepMs;
        request.rangeMs = query.rangeMs;
        const QueryResult result = source->evaluate(request);
        reports::ReportQueryResult converted;
        converted.error = result.error;
        for (const QuerySeries &series : result.series)
            converted.series.append(reports::ResultSeries{series.labels, series.points});
        return converted;
    };
}

QString runReportJob(const ReportJob &job)
{
    QString error;
    reports::Report report;
    try {
        switch (job.kind) {
        case ReportKind::Dashboard:
            report = dashboardReport(job);
            break;
        case ReportKind::LoadTest:
            report = loadTestReport(job, &error);
            break;
        case ReportKind::Customer:
            report = customerReport(job, &error);
            break;
        case ReportKind::Goals:
            report = goalReport(job);
            break;
        case ReportKind::Count:
            break;
        }
    } catch (const std::exception &exception) {
        qCWarning(lcExports) << "cannot read the data of the report:" << exception.what();
        return Text::tr("The report could not read its data: %1. Try again once the engine runs.")
            .arg(QString::fromUtf8(exception.what()));
    }
    if (!error.isEmpty())
        return error;
    if (!reports::writeReport(report, job.format, job.filePath, &error)) {
        qCWarning(lcExports).noquote() << error;
        return error;
    }
    qCInfo(lcExports).noquote() << "exported" << report.kind << "report to" << native(job.filePath);
    return {};
}

} // namespace umg
