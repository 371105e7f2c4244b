#pragma once

#include "reports/report.h"

#include "customers/customerrecord.h"

namespace umg::reports {

/// The engine's figures for one pilot customer.
struct CustomerEngineFigures
{
    /// Whether the counts below were read from an engine database.
    bool hasEngineData = false;
    /// Events the engine stored results for, from the database's daily
    /// aggregates over all days: clicks, impressions, install decisions
    /// (reinstalls included) and in-app events.
    qint64 clicks = 0;
    qint64 impressions = 0;
    qint64 installs = 0;
    qint64 inAppEvents = 0;
    /// Stored installs that carry a reference attribution, and those whose
    /// decision agrees with it (the same touch, or organic for both).
    qint64 referenceInstalls = 0;
    qint64 referenceAgreements = 0;
    /// The customer's processing latency percentiles in milliseconds, the
    /// latest `customer_api_latency_ms` values of the metric history; NaN
    /// when unknown.
    double latencyP50Ms = qQNaN();
    double latencyP95Ms = qQNaN();
    double latencyP99Ms = qQNaN();
    /// Sources of the counts and the latencies, or the reasons they are missing.
    QString engineSource;
    QString latencySource;

    qint64 eventVolume() const { return clicks + impressions + installs + inAppEvents; }
    /// Agreements as a percentage of reference installs; NaN without any.
    double accuracyPercent() const;
};

/// Builds the customer-success report of one pilot customer as it stood at
/// the end of `asOf`. It shows the record (revenue, satisfaction surveys,
/// cost savings, onboarding stages and time to launch, support tickets,
/// success flags), the health score with its components, formula and last
/// 30 days, and the engine's figures. `recordsSource` names where the
/// record was read from.
Report buildCustomerReport(const CustomerRecord &record, Date asOf, const CustomerEngineFigures &engine,
                           qint64 generatedAtMs, const QString &recordsSource);

} // namespace umg::reports
