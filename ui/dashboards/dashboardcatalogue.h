#pragma once

#include "dashboards/paneldefinition.h"

#include <QCoreApplication>

namespace umg {

/// Identifiers of the built-in dashboards, in side-bar order.
enum class DashboardId { Performance, CustomerSuccess, LoadTesting, CustomerOnboarding, Count };

/// The console's built-in dashboards: the panels of the former Grafana
/// views, each with its PromQL queries over the metric names of
/// docs/METRICS.md and the platform's targets.
class DashboardCatalogue
{
    Q_DECLARE_TR_FUNCTIONS(umg::DashboardCatalogue)

public:
    /// Returns the definition of `id` with translated titles.
    static DashboardDefinition dashboard(DashboardId id);
    /// Returns all four, in side-bar order.
    static QList<DashboardDefinition> all();

    /// Stable key of a dashboard for settings and file names, such as "performance".
    static QString key(DashboardId id);

private:
    static DashboardDefinition performance();
    static DashboardDefinition customerSuccess();
    static DashboardDefinition loadTesting();
    static DashboardDefinition customerOnboarding();
};

} // namespace umg
