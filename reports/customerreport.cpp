#include "reports/customerreport.h"

#include "reports/recordfigures.h"

#include "customers/healthscore.h"

#include <chrono>
#include <cmath>

namespace umg::reports {
namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::CustomerReport)
};
using dashboards::Target;

// The targets the dashboards colour these values by.
const Target kSatisfactionTarget = Target::higherIsBetter(90, 3);
const Target kSavingsTarget = Target::withinRange(30, 50, 2);
const Target kLaunchTarget = Target::lowerIsBetter(14);
const Target kHealthTarget = Target::higherIsBetter(70);
const Target kAccuracyTarget = Target::higherIsBetter(99, 0.5);
const Target kLatencyP95Target = Target::lowerIsBetter(100, 20);
const Target kLatencyP99Target = Target::lowerIsBetter(200, 40);

QString dayText(Date day)
{
    return QString::fromStdString(formatDate(day));
}

qint64 endOfDayMs(Date day)
{
    const auto next = std::chrono::sys_time<std::chrono::milliseconds>(day + std::chrono::days(1));
    return next.time_since_epoch().count() - 1;
}

Cell targetCell(const Target &target, const QString &unit, int decimals)
{
    return textCell(ReportText::target(target, unit, decimals));
}

Table keyValueTable(const QString &key, const QString &title)
{
    Table table;
    table.key = key;
    table.title = title;
    table.columns = {Column{QStringLiteral("item"), Text::tr("Item"), false},
                     Column{QStringLiteral("value"), Text::tr("Value"), true},
                     Column{QStringLiteral("target"), Text::tr("Target"), false},
                     Column{QStringLiteral("state"), Text::tr("State"), false}};
    return table;
}

void addValue(Table &table, const QString &key, const QString &title, double value, int decimals,
              const QString &unit = {}, const Target &target = {})
{
    const TargetState state = evaluateTarget(target, value);
    table.rows.append(Row{key, {textCell(title), numberCell(value, decimals, unit, state),
                                targetCell(target, unit, decimals), stateCell(state)}});
}

void addFlag(Table &table, const QString &key, const QString &title, bool value)
{
    const TargetState state = value ? TargetState::Pass : TargetState::Fail;
    Cell cell = textCell(ReportText::yesNo(value), state);
    cell.number = value ? 1 : 0;
    table.rows.append(Row{key, {textCell(title), cell, textCell(ReportText::yesNo(true)), stateCell(state)}});
}

Section summarySection(const CustomerRecord &record, Date asOf, const HealthScore &health)
{
    Table summary = keyValueTable(QStringLiteral("summary"), Text::tr("Pilot figures"));
    addValue(summary, QStringLiteral("mrr"), Text::tr("Monthly recurring revenue"), record.monthlyRecurringRevenue, 0,
             Text::tr("per month"));
    addValue(summary, QStringLiteral("satisfaction"), Text::tr("Latest satisfaction"),
             record.latestSatisfaction(asOf).value_or(qQNaN()), 1, QStringLiteral("%"), kSatisfactionTarget);
    addValue(summary, QStringLiteral("baseline_cost"), Text::tr("Monthly cost before the pilot"), record.baselineCost,
             0);
    addValue(summary, QStringLiteral("current_cost"), Text::tr("Monthly cost with UnMoGrowP"), record.currentCost, 0);
    addValue(summary, QStringLiteral("cost_savings"), Text::tr("Cost savings"),
             record.costSavingsPercent().value_or(qQNaN()), 1, QStringLiteral("%"), kSavingsTarget);
    const bool launched = record.stageDate(OnboardingStage::Launch).has_value();
    addValue(summary, QStringLiteral("time_to_launch"),
             launched ? Text::tr("Time to launch") : Text::tr("Days since Discovery (not launched yet)"),
             RecordFigures::timeToLaunchDays(record, asOf), 0, Text::tr("days"), kLaunchTarget);
    addValue(summary, QStringLiteral("open_tickets"), Text::tr("Open support tickets"),
             double(record.openTickets(asOf)), 0);
    addValue(summary, QStringLiteral("health_score"), Text::tr("Health score"), health.score, 1, QString(),
             kHealthTarget);
    addFlag(summary, QStringLiteral("technical_success"), Text::tr("Technical success"), record.technicalSuccess);
    addFlag(summary, QStringLiteral("business_success"), Text::tr("Business success"), record.businessSuccess);
    addFlag(summary, QStringLiteral("successful"), Text::tr("Successful pilot (both flags)"), record.successful());

    Section section;
    section.key = QStringLiteral("summary");
    section.title = Text::tr("Summary");
    section.blocks = {summary};
    return section;
}

Section healthSection(const CustomerRecord &record, Date asOf, const HealthScore &health)
{
    Table components;
    components.key = QStringLiteral("health_components");
    components.title = Text::tr("Health score components");
    components.columns = {Column{QStringLiteral("component"), Text::tr("Component"), false},
                          Column{QStringLiteral("points"), Text::tr("Points"), true},
                          Column{QStringLiteral("maximum"), Text::tr("Maximum"), true}};
    auto add = [&components](const QString &key, const QString &title, double points, double maximum) {
        components.rows.append(Row{key, {textCell(title), numberCell(points, 1), numberCell(maximum, 0)}});
    };
    add(QStringLiteral("satisfaction"), Text::tr("Satisfaction"), health.satisfactionPoints, 30);
    add(QStringLiteral("onboarding"), Text::tr("Onboarding"), health.onboardingPoints, 25);
    add(QStringLiteral("cost_savings"), Text::tr("Cost savings"), health.costSavingsPoints, 20);
    add(QStringLiteral("support"), Text::tr("Support"), health.supportPoints, 15);
    add(QStringLiteral("success_flags"), Text::tr("Success flags"), health.successPoints, 10);
    add(QStringLiteral("total"), Text::tr("Health score"), health.score, 100);

    Chart history;
    history.key = QStringLiteral("health_history");
    history.title = Text::tr("Health score over the last 30 days");
    history.decimals = 1;
    history.fixedScale = true;
    history.minimum = 0;
    history.maximum = 100;
    history.targetLow = kHealthTarget.low;
    const Date first = asOf - std::chrono::days(29);
    history.fromMs = endOfDayMs(first);
    history.toMs = endOfDayMs(asOf);
    Series line;
    line.name = RecordFigures::company(record);
    for (const auto &[day, score] : healthScoreHistory(record, first, asOf))
        line.points.append(QPointF(double(endOfDayMs(day)), score));
    history.series = {line};

    Section section;
    section.key = QStringLiteral("health");
    section.title = Text::tr("Health score");
    section.blocks = {components,
                      Paragraph{Text::tr("The health score is computed from the record as it stood on %1. The "
                                         "formula:")
                                    .arg(dayText(asOf))},
                      Paragraph{QString::fromStdString(health.formula), true}, history};
    return section;
}

Section surveysSection(const CustomerRecord &record)
{
    Table surveys;
    surveys.key = QStringLiteral("surveys");
    surveys.title = Text::tr("Satisfaction surveys");
    surveys.columns = {Column{QStringLiteral("date"), Text::tr("Date"), false},
                       Column{QStringLiteral("score"), Text::tr("Score"), true}};
    for (const SatisfactionSurvey &survey : record.surveys) {
        const TargetState state = evaluateTarget(kSatisfactionTarget, survey.score);
        surveys.rows.append(Row{dayText(survey.date),
                                {textCell(dayText(survey.date)), numberCell(survey.score, 1, QStringLiteral("%"), state)}});
    }
    Section section;
    section.key = QStringLiteral("surveys");
    section.title = Text::tr("Satisfaction");
    section.blocks = {surveys};
    if (record.surveys.empty())
        section.blocks = {Paragraph{Text::tr("No satisfaction survey is on record.")}};
    return section;
}

Section onboardingSection(const CustomerRecord &record, Date asOf)
{
    Table stages;
    stages.key = QStringLiteral("stages");
    stages.title = Text::tr("Onboarding stages");
    stages.columns = {Column{QStringLiteral("stage"), Text::tr("Stage"), false},
                      Column{QStringLiteral("date"), Text::tr("Reached on"), false},
                      Column{QStringLiteral("days_since_discovery"), Text::tr("Days since Discovery"), true}};
    const std::optional<Date> discovery = record.stageDate(OnboardingStage::Discovery);
    for (int i = 0; i < int(OnboardingStage::Count); ++i) {
        const auto stage = OnboardingStage(i);
        const std::optional<Date> date = record.stageDate(stage);
        const bool reached = date && *date <= asOf;
        const double days = reached && discovery ? double((*date - *discovery).count()) : qQNaN();
        stages.rows.append(Row{QString::fromUtf8(stageName(stage).data(), qsizetype(stageName(stage).size())),
                               {textCell(RecordFigures::stageTitle(stage)),
                                textCell(reached ? dayText(*date) : Text::tr("Not reached")),
                                numberCell(days, 0, Text::tr("days"))}});
    }

    const double launchDays = RecordFigures::timeToLaunchDays(record, asOf);
    const bool launched = record.stageDate(OnboardingStage::Launch).has_value();
    QString text;
    if (std::isnan(launchDays))
        text = Text::tr("The customer has no Discovery date, so the time to launch is unknown.");
    else if (launched)
        text = Text::tr("Time to launch: %1 (target: under 14 days).").arg(ReportText::value(launchDays, 0, Text::tr("days")));
    else
        text = Text::tr("Not launched yet; %1 since Discovery (target: launch within 14 days).")
                   .arg(ReportText::value(launchDays, 0, Text::tr("days")));

    Section section;
    section.key = QStringLiteral("onboarding");
    section.title = Text::tr("Onboarding and time to launch");
    section.blocks = {stages, Paragraph{text}};
    return section;
}

Section ticketsSection(const CustomerRecord &record, Date asOf)
{
    Table tickets;
    tickets.key = QStringLiteral("tickets");
    tickets.title = Text::tr("Support tickets");
    tickets.columns = {Column{QStringLiteral("ticket"), Text::tr("Ticket"), false},
                       Column{QStringLiteral("severity"), Text::tr("Severity"), false},
                       Column{QStringLiteral("opened"), Text::tr("Opened"), false},
                       Column{QStringLiteral("closed"), Text::tr("Closed"), false},
                       Column{QStringLiteral("days_open"), Text::tr("Days open"), true}};
    for (const SupportTicket &ticket : record.tickets) {
        const bool open = ticket.isOpenOn(asOf);
        const Date end = ticket.closed && !open ? *ticket.closed : asOf;
        tickets.rows.append(Row{QString::fromStdString(ticket.id),
                                {textCell(QString::fromStdString(ticket.id)),
                                 textCell(RecordFigures::severityTitle(ticket.severity)),
                                 textCell(dayText(ticket.opened)),
                                 textCell(open ? Text::tr("Open") : dayText(*ticket.closed)),
                                 numberCell(double((end - ticket.opened).count()), 0, Text::tr("days"))}});
    }
    Section section;
    section.key = QStringLiteral("tickets");
    section.title = Text::tr("Support");
    section.blocks = {tickets,
                      Paragraph{Text::tr("%1 of %2 tickets open on %3.")
                                    .arg(record.openTickets(asOf))
                                    .arg(record.tickets.size())
                                    .arg(dayText(asOf))}};
    if (record.tickets.empty())
        section.blocks = {Paragraph{Text::tr("No support ticket is on record.")}};
    return section;
}

Section engineSection(const CustomerEngineFigures &engine)
{
    Table volume = keyValueTable(QStringLiteral("engine"), Text::tr("Engine figures"));
    if (engine.hasEngineData) {
        addValue(volume, QStringLiteral("clicks"), Text::tr("Clicks"), double(engine.clicks), 0, Text::tr("events"));
        addValue(volume, QStringLiteral("impressions"), Text::tr("Impressions"), double(engine.impressions), 0,
                 Text::tr("events"));
        addValue(volume, QStringLiteral("installs"), Text::tr("Installs"), double(engine.installs), 0,
                 Text::tr("events"));
        addValue(volume, QStringLiteral("in_app_events"), Text::tr("In-app events"), double(engine.inAppEvents), 0,
                 Text::tr("events"));
        addValue(volume, QStringLiteral("event_volume"), Text::tr("Event volume"), double(engine.eventVolume()), 0,
                 Text::tr("events"));
        addValue(volume, QStringLiteral("reference_installs"), Text::tr("Installs with a reference attribution"),
                 double(engine.referenceInstalls), 0, Text::tr("installs"));
        addValue(volume, QStringLiteral("reference_agreements"), Text::tr("Of those, attributed as the reference"),
                 double(engine.referenceAgreements), 0, Text::tr("installs"));
        addValue(volume, QStringLiteral("accuracy"), Text::tr("Attribution accuracy"), engine.accuracyPercent(), 2,
                 QStringLiteral("%"), kAccuracyTarget);
    }
    addValue(volume, QStringLiteral("latency_p50"), Text::tr("P50 processing latency"), engine.latencyP50Ms, 2,
             Text::tr("ms"));
    addValue(volume, QStringLiteral("latency_p95"), Text::tr("P95 processing latency"), engine.latencyP95Ms, 2,
             Text::tr("ms"), kLatencyP95Target);
    addValue(volume, QStringLiteral("latency_p99"), Text::tr("P99 processing latency"), engine.latencyP99Ms, 2,
             Text::tr("ms"), kLatencyP99Target);

    Section section;
    section.key = QStringLiteral("engine");
    section.title = Text::tr("Engine figures");
    section.blocks = {volume};
    if (!engine.engineSource.isEmpty())
        section.blocks.append(Paragraph{engine.engineSource});
    if (!engine.latencySource.isEmpty())
        section.blocks.append(Paragraph{engine.latencySource});
    return section;
}

} // namespace

double CustomerEngineFigures::accuracyPercent() const
{
    return referenceInstalls > 0 ? 100.0 * double(referenceAgreements) / double(referenceInstalls) : qQNaN();
}

Report buildCustomerReport(const CustomerRecord &record, Date asOf, const CustomerEngineFigures &engine,
                           qint64 generatedAtMs, const QString &recordsSource)
{
    const HealthScore health = computeHealthScore(record, asOf);

    Report report;
    report.kind = QStringLiteral("customer");
    report.title = Text::tr("Customer success: %1").arg(RecordFigures::company(record));
    report.addFact(QStringLiteral("generated"), Text::tr("Generated"), ReportText::time(generatedAtMs),
                   double(generatedAtMs));
    report.addFact(QStringLiteral("as_of"), Text::tr("Records as of"), dayText(asOf));
    report.addFact(QStringLiteral("customer_id"), Text::tr("Customer id"), QString::fromStdString(record.customerId));
    report.addFact(QStringLiteral("company"), Text::tr("Company"), RecordFigures::company(record));
    report.addFact(QStringLiteral("plan"), Text::tr("Plan"), QString::fromStdString(record.plan));
    QStringList apps;
    for (const std::string &app : record.appIds)
        apps.append(QString::fromStdString(app));
    report.addFact(QStringLiteral("apps"), Text::tr("Apps"), apps.join(QStringLiteral(", ")));
    report.addFact(QStringLiteral("records_source"), Text::tr("Records read from"), recordsSource);

    report.sections = {summarySection(record, asOf, health), healthSection(record, asOf, health),
                       surveysSection(record), onboardingSection(record, asOf), ticketsSection(record, asOf),
                       engineSection(engine)};
    return report;
}

} // namespace umg::reports
