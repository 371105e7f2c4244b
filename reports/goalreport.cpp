#include "reports/goalreport.h"

#include "reports/loadtestreport.h"

#include <algorithm>
#include <cmath>

namespace umg::reports {
namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::GoalReport)
};

constexpr int kTechnicalGoals = 5;
constexpr int kCustomerGoals = 5;
constexpr double kTechnicalGoalPoints = GoalEvaluation::kTechnicalWeight / kTechnicalGoals;
constexpr double kCustomerGoalPoints = GoalEvaluation::kCustomerWeight / kCustomerGoals;
constexpr double kP99TargetMs = 200;

const QString kEventRate = QStringLiteral("sum(rate(attribution_events_processed_total[1m]))");
const QString kUptime = QStringLiteral("100 * avg_over_time(up{job=\"unmogrowp\"}[$__range])");
const QString kErrorRate =
    QStringLiteral("100 * (sum(increase(attribution_events_processed_total{status=\"rejected\"}[$__range])) "
                   "or vector(0)) / sum(increase(attribution_events_processed_total[$__range]))");

QString latencyOverRange(const QString &quantile)
{
    return QStringLiteral("1000 * histogram_quantile(%1, sum by (le) "
                          "(increase(attribution_event_processing_duration_seconds_bucket[$__range])))")
        .arg(quantile);
}

bool meets(GoalComparison comparison, double measured, double target, double targetHigh)
{
    // NaN compares false, so an unmeasured goal fails.
    switch (comparison) {
    case GoalComparison::AtLeast:
        return measured >= target;
    case GoalComparison::Below:
        return measured < target;
    case GoalComparison::Above:
        return measured > target;
    case GoalComparison::Within:
        return measured >= target && measured <= targetHigh;
    case GoalComparison::Count:
        break;
    }
    return false;
}

GoalResult goal(const QString &key, GoalGroup group, const QString &title, GoalComparison comparison, double target,
                const QString &unit, int decimals)
{
    GoalResult result;
    result.key = key;
    result.group = group;
    result.title = title;
    result.comparison = comparison;
    result.target = target;
    result.targetHigh = target;
    result.unit = unit;
    result.decimals = decimals;
    result.points = group == GoalGroup::Technical ? kTechnicalGoalPoints : kCustomerGoalPoints;
    return result;
}

QString runName(const LoadTestResult &run)
{
    return Text::tr("load-test run %1 (%2, %3)")
        .arg(run.id)
        .arg(QString::fromStdString(run.profile.name), ReportText::time(run.startedAtMs));
}

double historyValue(const GoalInputs &inputs, const QString &expression, QString *error)
{
    if (!inputs.history)
        return qQNaN();
    return instantValue(inputs.history, expression, inputs.endMs, inputs.rangeMs, error);
}

// Highest value of the 1-minute event rate at the range's steps.
double peakEventRate(const GoalInputs &inputs, QString *error)
{
    if (!inputs.history)
        return qQNaN();
    ReportQuery query;
    query.expression = kEventRate;
    query.range = true;
    query.rangeMs = inputs.rangeMs;
    query.stepMs = rangeStepMs(inputs.rangeMs);
    query.endMs = inputs.endMs - inputs.endMs % query.stepMs;
    query.fromMs = query.endMs - inputs.rangeMs;
    const ReportQueryResult result = inputs.history(query);
    if (!result.ok()) {
        *error = result.error;
        return qQNaN();
    }
    double peak = qQNaN();
    for (const ResultSeries &series : result.series) {
        for (const QPointF &point : series.points) {
            if (std::isfinite(point.y()))
                peak = std::isnan(peak) ? point.y() : std::max(peak, point.y());
        }
    }
    return peak;
}

QString missingHistory(const GoalInputs &inputs)
{
    return inputs.history ? Text::tr("The metric history has no data for it in the report's range.")
                          : Text::tr("No metric history was given.");
}

QString historyRange(const GoalInputs &inputs)
{
    return Text::tr("metric history, %1 up to %2")
        .arg(ReportText::duration(inputs.rangeMs), ReportText::time(inputs.endMs));
}

GoalResult throughputGoal(const GoalInputs &inputs)
{
    GoalResult result = goal(QStringLiteral("event_throughput"), GoalGroup::Technical, Text::tr("Event throughput"),
                             GoalComparison::AtLeast, 1'000'000, Text::tr("events/s"), 0);
    if (inputs.loadTest) {
        result.measured = inputs.loadTest->figures[Figure::Throughput];
        result.source = Text::tr("Throughput of %1 after its ramp-up").arg(runName(*inputs.loadTest));
        return result;
    }
    QString error;
    result.measured = peakEventRate(inputs, &error);
    result.source = std::isfinite(result.measured)
        ? Text::tr("No completed load-test run; peak 1-minute event rate in the %1").arg(historyRange(inputs))
        : Text::tr("No completed load-test run. %1 %2").arg(missingHistory(inputs), error).trimmed();
    return result;
}

GoalResult latencyGoal(const GoalInputs &inputs)
{
    GoalResult result = goal(QStringLiteral("p95_latency"), GoalGroup::Technical,
                             Text::tr("P95 processing latency (P99 under 200 ms)"), GoalComparison::Below, 100,
                             Text::tr("ms"), 2);
    double p99 = qQNaN();
    if (inputs.loadTest) {
        result.measured = inputs.loadTest->figures[Figure::LatencyP95];
        p99 = inputs.loadTest->figures[Figure::LatencyP99];
        result.source = Text::tr("Latency percentiles of %1").arg(runName(*inputs.loadTest));
    } else {
        QString error;
        result.measured = historyValue(inputs, latencyOverRange(QStringLiteral("0.95")), &error);
        p99 = historyValue(inputs, latencyOverRange(QStringLiteral("0.99")), &error);
        result.source = std::isfinite(result.measured)
            ? Text::tr("No completed load-test run; latency histogram of the %1").arg(historyRange(inputs))
            : Text::tr("No completed load-test run. %1 %2").arg(missingHistory(inputs), error).trimmed();
    }
    result.detail = Text::tr("P99 %1").arg(ReportText::value(p99, 2, Text::tr("ms")));
    result.passed = meets(GoalComparison::Below, result.measured, result.target, result.target)
        && meets(GoalComparison::Below, p99, kP99TargetMs, kP99TargetMs);
    return result;
}

GoalResult uptimeGoal(const GoalInputs &inputs)
{
    GoalResult result = goal(QStringLiteral("uptime"), GoalGroup::Technical, Text::tr("Uptime"),
                             GoalComparison::Above, 99.9, QStringLiteral("%"), 3);
    QString error;
    result.measured = historyValue(inputs, kUptime, &error);
    result.source = std::isfinite(result.measured)
        ? Text::tr("Average of up{job=\"unmogrowp\"} in the %1").arg(historyRange(inputs))
        : (missingHistory(inputs) + QLatin1Char(' ') + error).trimmed();
    return result;
}

GoalResult accuracyGoal(const GoalInputs &inputs)
{
    GoalResult result = goal(QStringLiteral("attribution_accuracy"), GoalGroup::Technical,
                             Text::tr("Attribution accuracy"), GoalComparison::Above, 99, QStringLiteral("%"), 3);
    if (inputs.accuracy && inputs.accuracy->referenceInstalls > 0) {
        result.measured = 100.0 * double(inputs.accuracy->agreements) / double(inputs.accuracy->referenceInstalls);
        result.source = Text::tr("Installs with a reference attribution in the %1").arg(inputs.accuracySource);
        result.detail = Text::tr("%1 of %2 installs attributed as the reference")
                            .arg(ReportText::number(double(inputs.accuracy->agreements), 0),
                                 ReportText::number(double(inputs.accuracy->referenceInstalls), 0));
        return result;
    }
    const QString noReference = inputs.accuracy
        ? Text::tr("The engine database holds no install with a reference attribution.")
        : Text::tr("No engine database was given.");
    if (inputs.loadTest) {
        result.measured = inputs.loadTest->figures[Figure::Accuracy];
        result.source = Text::tr("%1 Accuracy of %2").arg(noReference, runName(*inputs.loadTest));
        return result;
    }
    result.source = Text::tr("%1 No completed load-test run either.").arg(noReference);
    return result;
}

GoalResult errorRateGoal(const GoalInputs &inputs)
{
    GoalResult result = goal(QStringLiteral("error_rate"), GoalGroup::Technical, Text::tr("Error rate"),
                             GoalComparison::Below, 0.1, QStringLiteral("%"), 3);
    QString error;
    result.measured = historyValue(inputs, kErrorRate, &error);
    if (std::isfinite(result.measured)) {
        result.source = Text::tr("Rejected share of processed events in the %1").arg(historyRange(inputs));
        return result;
    }
    if (inputs.loadTest) {
        result.measured = inputs.loadTest->figures[Figure::ErrorRate];
        result.source = Text::tr("%1 Error rate of %2").arg(missingHistory(inputs), runName(*inputs.loadTest));
        return result;
    }
    result.source = Text::tr("%1 No completed load-test run either.").arg(missingHistory(inputs));
    return result;
}

QList<GoalResult> customerGoals(const GoalInputs &inputs)
{
    GoalResult pilots = goal(QStringLiteral("pilot_customers"), GoalGroup::Customer, Text::tr("Pilot customers"),
                             GoalComparison::AtLeast, RecordFigures::kPilotPlaces, Text::tr("customers"), 0);
    GoalResult satisfaction = goal(QStringLiteral("customer_satisfaction"), GoalGroup::Customer,
                                   Text::tr("Customer satisfaction"), GoalComparison::Above, 90, QStringLiteral("%"), 1);
    GoalResult savings = goal(QStringLiteral("cost_savings"), GoalGroup::Customer, Text::tr("Customer cost savings"),
                              GoalComparison::Within, 30, QStringLiteral("%"), 1);
    savings.targetHigh = 50;
    GoalResult launch = goal(QStringLiteral("time_to_launch"), GoalGroup::Customer,
                             Text::tr("Time to launch a customer"), GoalComparison::Below, 14, Text::tr("days"), 1);
    GoalResult successful = goal(QStringLiteral("successful_pilots"), GoalGroup::Customer,
                                 Text::tr("Successful pilot customers"), GoalComparison::Above, 80,
                                 QStringLiteral("%"), 1);
    QList<GoalResult> goals = {pilots, satisfaction, savings, launch, successful};

    if (!inputs.records) {
        for (GoalResult &result : goals)
            result.source = Text::tr("No pilot-customer records were given.");
        return goals;
    }
    const CustomerRecords &records = *inputs.records;
    const QString source = inputs.recordsSource;
    int surveyed = 0;
    int withBaseline = 0;
    int launched = 0;
    int succeeded = 0;
    for (const CustomerRecord &record : records) {
        surveyed += record.latestSatisfaction(inputs.asOf).has_value();
        withBaseline += record.costSavingsPercent().has_value();
        launched += record.stageDate(OnboardingStage::Launch).has_value();
        succeeded += record.successful();
    }
    const int count = int(records.size());

    goals[0].measured = count;
    goals[0].source = Text::tr("Customer records in %1").arg(source);

    goals[1].measured = RecordFigures::meanSatisfaction(records, inputs.asOf);
    goals[1].source = Text::tr("Mean of each customer's latest survey in %1").arg(source);
    goals[1].detail = Text::tr("%1 of %2 customers surveyed").arg(surveyed).arg(count);

    goals[2].measured = RecordFigures::meanCostSavings(records);
    goals[2].source = Text::tr("Mean saving against each customer's baseline cost in %1").arg(source);
    goals[2].detail = Text::tr("%1 of %2 customers with a baseline cost").arg(withBaseline).arg(count);

    goals[3].measured = RecordFigures::averageTimeToLaunch(records);
    goals[3].source = Text::tr("Mean days from Discovery to Launch of the launched customers in %1").arg(source);
    goals[3].detail = Text::tr("%1 of %2 customers launched").arg(launched).arg(count);

    goals[4].measured = RecordFigures::successfulShare(records);
    goals[4].source = Text::tr("Share of customers with both success flags in %1").arg(source);
    goals[4].detail = Text::tr("%1 of %2 customers successful; an alert fires below 60 %").arg(succeeded).arg(count);
    return goals;
}

QString comparisonText(GoalComparison comparison)
{
    switch (comparison) {
    case GoalComparison::AtLeast:
        return Text::tr("at least");
    case GoalComparison::Below:
        return Text::tr("under");
    case GoalComparison::Above:
        return Text::tr("above");
    case GoalComparison::Within:
    case GoalComparison::Count:
        break;
    }
    return {};
}

QString groupTitle(GoalGroup group)
{
    return group == GoalGroup::Technical ? Text::tr("Technical") : Text::tr("Customer");
}

Section scoreSection(const GoalEvaluation &evaluation)
{
    Table score;
    score.key = QStringLiteral("score");
    score.title = Text::tr("Weighted score");
    score.columns = {Column{QStringLiteral("group"), Text::tr("Goals"), false},
                     Column{QStringLiteral("passed"), Text::tr("Goals met"), true},
                     Column{QStringLiteral("points"), Text::tr("Points"), true},
                     Column{QStringLiteral("maximum"), Text::tr("Maximum"), true}};
    auto add = [&score](const QString &key, const QString &title, int passed, int count, double points,
                        double maximum) {
        Cell passedCell = textCell(Text::tr("%1 of %2").arg(passed).arg(count));
        passedCell.number = passed;
        score.rows.append(Row{key, {textCell(title), passedCell, numberCell(points, 0), numberCell(maximum, 0)}});
    };
    add(QStringLiteral("technical"), Text::tr("Technical goals (40 %)"), evaluation.passedCount(GoalGroup::Technical),
        evaluation.goalCount(GoalGroup::Technical), evaluation.technicalPoints, GoalEvaluation::kTechnicalWeight);
    add(QStringLiteral("customer"), Text::tr("Customer goals (60 %)"), evaluation.passedCount(GoalGroup::Customer),
        evaluation.goalCount(GoalGroup::Customer), evaluation.customerPoints, GoalEvaluation::kCustomerWeight);
    add(QStringLiteral("overall"), Text::tr("Overall score"),
        evaluation.passedCount(GoalGroup::Technical) + evaluation.passedCount(GoalGroup::Customer),
        int(evaluation.goals.size()), evaluation.score(), 100);

    Section section;
    section.key = QStringLiteral("score");
    section.title = Text::tr("Score");
    section.blocks = {Paragraph{Text::tr("Overall score: %1 of 100 points.").arg(ReportText::number(evaluation.score(), 0))},
                      score};
    return section;
}

Section goalsSection(const GoalEvaluation &evaluation)
{
    Table goals;
    goals.key = QStringLiteral("goals");
    goals.title = Text::tr("Goals");
    goals.columns = {Column{QStringLiteral("goal"), Text::tr("Goal"), false},
                     Column{QStringLiteral("group"), Text::tr("Group"), false},
                     Column{QStringLiteral("target"), Text::tr("Target"), false},
                     Column{QStringLiteral("measured"), Text::tr("Measured"), true},
                     Column{QStringLiteral("result"), Text::tr("Result"), false},
                     Column{QStringLiteral("points"), Text::tr("Points"), true},
                     Column{QStringLiteral("detail"), Text::tr("Detail"), false}};
    Table sources;
    sources.key = QStringLiteral("sources");
    sources.title = Text::tr("Where each value comes from");
    sources.columns = {Column{QStringLiteral("goal"), Text::tr("Goal"), false},
                       Column{QStringLiteral("source"), Text::tr("Source"), false}};
    for (const GoalResult &result : evaluation.goals) {
        const TargetState state = result.passed ? TargetState::Pass : TargetState::Fail;
        Cell points = numberCell(result.passed ? result.points : 0, 0);
        points.text = Text::tr("%1 of %2").arg(ReportText::number(points.number, 0),
                                               ReportText::number(result.points, 0));
        goals.rows.append(Row{result.key,
                              {textCell(result.title), textCell(groupTitle(result.group)),
                               textCell(result.targetText()),
                               numberCell(result.measured, result.decimals, result.unit, state), stateCell(state),
                               points, textCell(result.detail)}});
        sources.rows.append(Row{result.key, {textCell(result.title), textCell(result.source)}});
    }
    Section section;
    section.key = QStringLiteral("goals");
    section.title = Text::tr("Goals and measured values");
    section.blocks = {goals, sources};
    return section;
}

Section methodSection()
{
    Section section;
    section.key = QStringLiteral("method");
    section.title = Text::tr("Method");
    section.blocks = {
        Paragraph{Text::tr("Each goal passes when its measured value meets the target of the platform's targets "
                           "table; a goal that could not be measured fails. Technical goals share 40 points and "
                           "customer goals 60, evenly: each of the five technical goals is worth 8 points and each "
                           "of the five customer goals 12. The score is the sum of the points of the goals that pass, "
                           "from 0 to 100.")},
        Paragraph{Text::tr("Throughput and latency come from the load-test run named in the sources, by default the "
                           "newest run that completed, because only a load test offers the engine enough events to "
                           "show its capacity. Without such a run they come from the metric history: the peak of the "
                           "1-minute event rate, and the latency percentiles of the histogram over the report's "
                           "range. The latency goal needs both P95 under 100 ms and P99 under 200 ms.")},
        Paragraph{Text::tr("Uptime is the average of up{job=\"unmogrowp\"} over the report's range. The error rate is "
                           "the rejected share of the events processed in that range, or the load-test run's error "
                           "rate when the history has no events.")},
        Paragraph{Text::tr("Attribution accuracy is the share of stored installs with a reference attribution whose "
                           "decision agrees with it (the same touch, or organic for both), over every install in the "
                           "engine database. Real traffic carries no reference, so without such installs the "
                           "load-test run's accuracy is used.")},
        Paragraph{Text::tr("Customer goals are computed from the pilot-customer records as of the report's day: the "
                           "number of customers (at least 5), the mean of each customer's latest satisfaction survey "
                           "(above 90 %), the mean cost saving of the customers with a baseline cost (30–50 %), the "
                           "mean days from Discovery to Launch of the launched customers (under 14), and the share of "
                           "customers with both success flags set (above 80 %).")},
    };
    return section;
}

} // namespace

QString GoalResult::targetText() const
{
    if (comparison == GoalComparison::Within) {
        return Text::tr("%1–%2").arg(ReportText::number(target, 0), ReportText::value(targetHigh, 0, unit));
    }
    const int targetDecimals = target == std::floor(target) ? 0 : 1;
    return comparisonText(comparison) + QLatin1Char(' ') + ReportText::value(target, targetDecimals, unit);
}

int GoalEvaluation::passedCount(GoalGroup group) const
{
    return int(std::count_if(goals.cbegin(), goals.cend(),
                             [group](const GoalResult &goal) { return goal.group == group && goal.passed; }));
}

int GoalEvaluation::goalCount(GoalGroup group) const
{
    return int(std::count_if(goals.cbegin(), goals.cend(),
                             [group](const GoalResult &goal) { return goal.group == group; }));
}

GoalEvaluation evaluateGoals(const GoalInputs &inputs)
{
    GoalEvaluation evaluation;
    evaluation.goals = {throughputGoal(inputs), latencyGoal(inputs), uptimeGoal(inputs), accuracyGoal(inputs),
                        errorRateGoal(inputs)};
    evaluation.goals.append(customerGoals(inputs));

    for (GoalResult &result : evaluation.goals) {
        // The latency goal has decided already, because it checks P99 too.
        if (result.key != QLatin1String("p95_latency"))
            result.passed = meets(result.comparison, result.measured, result.target, result.targetHigh);
        if (!result.passed)
            continue;
        if (result.group == GoalGroup::Technical)
            evaluation.technicalPoints += result.points;
        else
            evaluation.customerPoints += result.points;
    }
    return evaluation;
}

Report buildGoalReport(const GoalEvaluation &evaluation, const GoalInputs &inputs, qint64 generatedAtMs)
{
    Report report;
    report.kind = QStringLiteral("goals");
    report.title = Text::tr("Pilot programme: goals and score");
    report.addFact(QStringLiteral("generated"), Text::tr("Generated"), ReportText::time(generatedAtMs),
                   double(generatedAtMs));
    report.addFact(QStringLiteral("score"), Text::tr("Overall score"),
                   Text::tr("%1 of 100").arg(ReportText::number(evaluation.score(), 0)), evaluation.score());
    report.addFact(QStringLiteral("time_range"), Text::tr("Time range of the metric history"),
                   Text::tr("%1 up to %2").arg(ReportText::duration(inputs.rangeMs), ReportText::time(inputs.endMs)),
                   double(inputs.rangeMs));
    report.addFact(QStringLiteral("records_as_of"), Text::tr("Customer records as of"),
                   QString::fromStdString(formatDate(inputs.asOf)));
    auto sourceText = [](const QString &source) { return source.isEmpty() ? Text::tr("None") : source; };
    report.addFact(QStringLiteral("history_source"), Text::tr("Metric history"), sourceText(inputs.historySource));
    report.addFact(QStringLiteral("engine_source"), Text::tr("Engine database"), sourceText(inputs.accuracySource));
    report.addFact(QStringLiteral("load_test_source"), Text::tr("Load-test run"),
                   inputs.loadTest ? runName(*inputs.loadTest) + QStringLiteral(", ") + inputs.loadTestSource
                                   : sourceText(QString()));
    report.addFact(QStringLiteral("records_source"), Text::tr("Customer records"), sourceText(inputs.recordsSource));

    report.sections = {scoreSection(evaluation), goalsSection(evaluation), methodSection()};
    return report;
}

} // namespace umg::reports
