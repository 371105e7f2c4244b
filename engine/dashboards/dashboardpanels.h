#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// The panels of the four dashboards (Performance, Customer success, Load
/// testing, Customer onboarding) without Qt: titles, PromQL queries, units
/// and targets. `unmogrowp-node export stack` renders them as Grafana
/// dashboards and `unmogrowp-node validate` runs their queries against
/// Prometheus. The console's DashboardCatalogue (ui/dashboards) defines the
/// same panels with translated titles; tests/stack/tst_dashboardparity
/// checks that both agree on identifiers, queries, legends and targets.
namespace umg::dashboards {

/// Widget that draws a panel's result; the names follow the console's widgets.
enum class PanelKind {
    Gauge,      ///< one instant value on a dial
    Stat,       ///< one value with a sparkline
    TimeSeries, ///< one line per result series
    Bars,       ///< one bar per result series
    Funnel,     ///< onboarding stages from the customer records
    Table,      ///< one row per query, each with its own target
    Flags,      ///< success flags of each customer record
    Count
};

enum class QueryKind { Instant, Range };

/// Reduction of a Stat panel's range query to one number.
enum class Reduction { Last, Max, Mean, Count };

/// Panel content computed from the console's pilot-customer records rather
/// than from metrics. Prometheus has no series for these.
enum class RecordSource {
    None,
    EstimatedMrr,
    TimeToLaunch,
    AverageTimeToLaunch,
    OpenTickets,
    HealthScores,
    HealthHistory,
    SuccessFlags,
    PilotProgress,
    OnboardingFunnel,
    Count
};

enum class TargetDirection { None, HigherIsBetter, LowerIsBetter, WithinRange };

/// The target a value is held to, with the same meaning as the console's
/// ThresholdPolicy: HigherIsBetter and LowerIsBetter use `low` as the
/// target (`high` equals it), WithinRange accepts [low, high]. `nearMargin`
/// is a band on the good side of the limit that is shown as "near".
struct Target {
    TargetDirection direction = TargetDirection::None;
    double low = 0;
    double high = 0;
    double nearMargin = 0;

    static Target higherIsBetter(double target, double nearMargin = 0);
    static Target lowerIsBetter(double target, double nearMargin = 0);
    static Target withinRange(double low, double high, double nearMargin = 0);

    bool isSet() const { return direction != TargetDirection::None; }
    friend bool operator==(const Target&, const Target&) = default;
};

/// One PromQL query of a panel. Expressions may contain Grafana's
/// `$__range` and `$__rate_interval` variables (see expandQueryVariables).
struct PanelQuery {
    std::string expression;
    QueryKind kind = QueryKind::Instant;
    /// Name of each series, bar or table row: `{label}` is replaced by the
    /// series' value of that label, `{customer}` by the customer's company
    /// name (the console looks it up from `customer_id` or `app_id`).
    std::string legend;
    /// Table rows only: the row's target, unit and decimals (-1: the panel's).
    Target target;
    std::string unit;
    int decimals = -1;
    /// Table rows only: leave the row out when the query matches nothing.
    bool hideWhenEmpty = false;
};

struct Panel {
    /// Stable identifier, unique within its dashboard.
    std::string id;
    std::string title;
    std::string description;
    PanelKind kind = PanelKind::Stat;
    std::vector<PanelQuery> queries;
    /// Record-backed content; for a Table, rows appended after the query rows.
    RecordSource records = RecordSource::None;
    std::string unit;
    int decimals = 1;
    Target target;
    /// Gauge scale, and the value axis of bars and charts when fixedScale is set.
    double minimum = 0;
    double maximum = 100;
    bool fixedScale = false;
    Reduction reduction = Reduction::Last;
    /// Columns of the 4-column dashboard grid the panel spans.
    int columnSpan = 1;
};

struct Dashboard {
    /// Stable key, such as `performance`; also the console's settings key.
    std::string id;
    std::string title;
    std::vector<Panel> panels;
};

/// Returns the four dashboards in side-bar order. Thread-safe.
const std::vector<Dashboard>& allDashboards();

/// Returns the dashboard with key `id`, or nullptr.
const Dashboard* findDashboard(std::string_view id);

/// Returns `expression` with `$__range` replaced by `range` and
/// `$__rate_interval` by `rateInterval` (PromQL durations such as `1h` and
/// `1m`), for running a panel query outside Grafana and the console.
std::string expandQueryVariables(std::string_view expression, std::string_view range, std::string_view rateInterval);

/// Returns "gauge", "stat", "timeseries", "bars", "funnel", "table" or "flags".
std::string_view panelKindName(PanelKind kind);

} // namespace umg::dashboards
