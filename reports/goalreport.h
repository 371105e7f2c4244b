#pragma once

#include "reports/querysource.h"
#include "reports/recordfigures.h"
#include "reports/report.h"

#include "loadtest/loadtestresult.h"

#include <optional>

namespace umg::reports {

enum class GoalGroup { Technical, Customer, Count };

/// Comparison of a goal's measured value with its target, in the words of
/// the platform's targets table ("at least", "under", "above", "30–50 %").
enum class GoalComparison { AtLeast, Below, Above, Within, Count };

/// Installs with a reference attribution and those attributed as the
/// reference, counted in an engine database.
struct AccuracyCounts
{
    qint64 referenceInstalls = 0;
    qint64 agreements = 0;
};

/// Everything the goal report is measured from. Missing sources leave the
/// goals that need them unmeasured, and an unmeasured goal fails.
struct GoalInputs
{
    /// Pilot-customer records; nullopt when none were read.
    std::optional<CustomerRecords> records;
    QString recordsSource;
    /// Day the customer goals are evaluated on.
    Date asOf;
    /// The load-test run that measures capacity; nullopt when there is none.
    std::optional<LoadTestResult> loadTest;
    QString loadTestSource;
    /// Queries over the metric history; empty when there is no history.
    QueryFunction history;
    QString historySource;
    /// The time range of the history queries.
    qint64 endMs = 0;
    qint64 rangeMs = 3'600'000;
    /// Reference counts of the engine database; nullopt without a database.
    std::optional<AccuracyCounts> accuracy;
    QString accuracySource;
};

/// One goal of the platform's targets table with its measurement.
struct GoalResult
{
    /// Stable identifier, such as `event_throughput`.
    QString key;
    GoalGroup group = GoalGroup::Technical;
    QString title;
    GoalComparison comparison = GoalComparison::AtLeast;
    double target = 0;
    /// Upper end of a Within target.
    double targetHigh = 0;
    QString unit;
    int decimals = 1;
    /// NaN when the goal could not be measured.
    double measured = qQNaN();
    bool passed = false;
    /// Points the goal is worth; earned when it passes.
    double points = 0;
    /// Source of the measured value, or the reason it is missing.
    QString source;
    /// Further figures behind the value, such as the P99 of the latency goal.
    QString detail;

    QString targetText() const;
};

/// The goals with their results and the weighted score.
///
/// Technical goals are worth 40 points and customer goals 60, split evenly
/// within each group: 8 points for each of the five technical goals and 12
/// for each of the five customer goals. A goal earns its points when it was
/// measured and meets its target. The score is the sum of the points
/// earned, from 0 to 100.
struct GoalEvaluation
{
    static constexpr double kTechnicalWeight = 40;
    static constexpr double kCustomerWeight = 60;

    QList<GoalResult> goals;
    double technicalPoints = 0;
    double customerPoints = 0;

    double score() const { return technicalPoints + customerPoints; }
    int passedCount(GoalGroup group) const;
    int goalCount(GoalGroup group) const;
};

/// Measures every goal of the platform's targets table from `inputs`. How
/// each value is obtained is written in the report's method section and in
/// docs/REPORTS.md. Runs the history queries on the calling thread.
GoalEvaluation evaluateGoals(const GoalInputs &inputs);

/// Builds the pilot-programme goal report: the score, each goal with its
/// target, measured value, result, points and source, and the method.
Report buildGoalReport(const GoalEvaluation &evaluation, const GoalInputs &inputs, qint64 generatedAtMs);

} // namespace umg::reports
