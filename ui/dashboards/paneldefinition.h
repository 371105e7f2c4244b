#pragma once

#include "datasource/dashboarddatasource.h"
#include "widgets/thresholdpolicy.h"

#include <QList>
#include <QString>

#include <optional>

namespace umg {

/// The widget a panel is drawn with.
enum class PanelKind {
    Gauge,      ///< GaugeWidget: one instant value
    Stat,       ///< StatWidget: one value with a sparkline
    TimeSeries, ///< TimeSeriesChart: one line per result series
    Bars,       ///< BarChartWidget: one bar per result series
    Funnel,     ///< FunnelWidget: onboarding stages from the customer records
    Table,      ///< ThresholdTable: one row per query
    Flags,      ///< success flags of each customer record
    Count
};

/// Reduction of a Stat panel's range query to one number.
enum class Reduction { Last, Max, Mean, Count };

/// Panels, or table rows, computed from the pilot-customer records instead
/// of the metric history.
enum class RecordSource {
    None,
    EstimatedMrr,          ///< sum of monthly recurring revenue
    TimeToLaunch,          ///< days from Discovery to Launch per customer
    AverageTimeToLaunch,   ///< mean over launched customers
    OpenTickets,           ///< open support tickets per customer
    HealthScores,          ///< health score per customer
    HealthHistory,         ///< daily health score per customer, last 30 days
    SuccessFlags,          ///< technical and business success per customer
    PilotProgress,         ///< share of onboarding stages reached
    OnboardingFunnel,      ///< customers per stage reached
    Count
};

/// One PromQL query of a panel.
struct PanelQuery
{
    QString expression;
    QueryRequest::Kind kind = QueryRequest::Kind::Instant;
    /// Name of each series, bar or table row. `{label}` is replaced by the
    /// series' value of that label, and `{customer}` by the company name of
    /// the series' `customer_id` or `app_id`. Series that map to the same
    /// company are added up.
    QString legend;
    /// Table rows only: the row's target, unit and decimals.
    std::optional<ThresholdPolicy> policy;
    QString unit;
    int decimals = -1; ///< -1 uses the panel's decimals
    /// Table rows only: leave the row out when the query matches nothing,
    /// for services that are not part of every setup.
    bool hideWhenEmpty = false;
};

/// One panel of a dashboard, defined like a Grafana panel: a title, the
/// PromQL queries it evaluates, how to draw the result and the target.
struct PanelDefinition
{
    /// Stable identifier, used for export file names and by tests.
    QString id;
    QString title;
    /// Shown in the tooltip of the panel's information mark.
    QString description;
    PanelKind kind = PanelKind::Stat;
    QList<PanelQuery> queries;
    /// Record-backed content; for a Table, rows appended after the query rows.
    RecordSource records = RecordSource::None;
    QString unit;
    int decimals = 1;
    std::optional<ThresholdPolicy> policy;
    /// Gauge scale, and the value axis of bars and charts when fixedScale is set.
    double minimum = 0;
    double maximum = 100;
    bool fixedScale = false;
    Reduction reduction = Reduction::Last;
    /// Columns of the dashboard grid the panel spans (of 4).
    int columnSpan = 1;
};

struct DashboardDefinition
{
    /// Stable identifier, used for settings, screenshots and tests.
    QString id;
    QString title;
    QList<PanelDefinition> panels;
};

} // namespace umg
