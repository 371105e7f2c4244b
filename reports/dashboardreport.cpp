#include "reports/dashboardreport.h"

#include "customers/healthscore.h"

#include <QHash>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace umg::reports {
namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(umg::reports::DashboardReport)
};
using dashboards::Panel;
using dashboards::PanelKind;
using dashboards::RecordSource;
using dashboards::Target;

const QString kCustomerPlaceholder = QStringLiteral("{customer}");
constexpr int kHealthHistoryDays = 30;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

/// Company names by customer id and by app id, for `{customer}` legends.
class CustomerDirectory
{
public:
    explicit CustomerDirectory(const std::optional<CustomerRecords> &records)
    {
        if (!records)
            return;
        for (const CustomerRecord &record : *records) {
            const QString company = RecordFigures::company(record);
            m_byCustomer.insert(qs(record.customerId), company);
            for (const std::string &app : record.appIds)
                m_byApp.insert(qs(app), company);
        }
    }

    QString companyFor(const QMap<QString, QString> &labels) const
    {
        const QString customer = labels.value(QStringLiteral("customer_id"));
        if (!customer.isEmpty())
            return m_byCustomer.value(customer, customer);
        const QString app = labels.value(QStringLiteral("app_id"));
        if (!app.isEmpty())
            return m_byApp.value(app, app);
        return {};
    }

private:
    QHash<QString, QString> m_byCustomer;
    QHash<QString, QString> m_byApp;
};

/// One number a panel shows, with the target it is held to.
struct PanelValue
{
    QString name;
    double value = qQNaN();
    Target target;
    QString unit;
    int decimals = 1;
};

struct FlagRow
{
    QString company;
    bool technical = false;
    bool business = false;
};

/// The values, lines and flags a panel shows for the time range.
struct PanelOutcome
{
    QList<PanelValue> values;
    /// Lines of a time-series chart or a stat's sparkline.
    QList<Series> lines;
    qint64 linesFromMs = 0;
    qint64 linesToMs = 0;
    /// The values are drawn as bars.
    bool bars = false;
    QList<FlagRow> flags;
    QString error;
    QString note;
};

// Accumulates values by name in first-seen order, adding up values that
// map to the same name (several apps of one customer).
class ValueAccumulator
{
public:
    void add(const QString &name, double value)
    {
        const auto it = m_index.constFind(name);
        if (it == m_index.cend()) {
            m_index.insert(name, m_entries.size());
            m_entries.append({name, value});
            return;
        }
        double &sum = m_entries[*it].second;
        sum = std::isnan(sum) ? value : (std::isnan(value) ? sum : sum + value);
    }

    QList<std::pair<QString, double>> entries() const { return m_entries; }

private:
    QList<std::pair<QString, double>> m_entries;
    QHash<QString, qsizetype> m_index;
};

class PanelEvaluator
{
public:
    PanelEvaluator(const DashboardReportInput &input)
        : m_input(input)
        , m_directory(input.records)
        , m_today(std::chrono::floor<std::chrono::days>(
              std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(input.endMs))))
    {
        m_stepMs = rangeStepMs(input.rangeMs);
        // Range queries end on a whole step, as in the console, so that the
        // points fall on the same instants at every refresh.
        m_alignedEndMs = input.endMs - input.endMs % m_stepMs;
    }

    qint64 fromMs() const { return m_input.endMs - m_input.rangeMs; }

    PanelOutcome evaluate(const Panel &panel) const
    {
        PanelOutcome outcome;
        outcome.linesFromMs = fromMs();
        outcome.linesToMs = m_input.endMs;
        QList<ReportQueryResult> results;
        for (const dashboards::PanelQuery &query : panel.queries) {
            results.append(m_input.query(request(query)));
            if (!results.last().ok() && outcome.error.isEmpty())
                outcome.error = results.last().error;
        }
        applyQueries(panel, results, outcome);
        if (panel.records != RecordSource::None)
            applyRecords(panel, outcome);
        return outcome;
    }

private:
    ReportQuery request(const dashboards::PanelQuery &query) const
    {
        ReportQuery request;
        request.expression = qs(query.expression);
        request.range = query.kind == dashboards::QueryKind::Range;
        request.rangeMs = m_input.rangeMs;
        request.stepMs = m_stepMs;
        request.endMs = request.range ? m_alignedEndMs : m_input.endMs;
        request.fromMs = request.endMs - m_input.rangeMs;
        return request;
    }

    PanelValue value(const Panel &panel, const QString &name, double number) const
    {
        return PanelValue{name, number, panel.target, qs(panel.unit), panel.decimals};
    }

    QString legendFor(const Panel &panel, const dashboards::PanelQuery &query,
                      const QMap<QString, QString> &labels) const
    {
        if (query.legend.empty()) {
            QStringList parts;
            for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
                if (it.key() != QLatin1String("__name__"))
                    parts.append(it.key() + QLatin1Char('=') + it.value());
            }
            return parts.isEmpty() ? qs(panel.title) : parts.join(QStringLiteral(", "));
        }
        QString legend = qs(query.legend);
        if (legend.contains(kCustomerPlaceholder))
            legend.replace(kCustomerPlaceholder, m_directory.companyFor(labels));
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            legend.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
        return legend;
    }

    static double firstValue(const QList<ReportQueryResult> &results, qsizetype query)
    {
        if (query >= results.size() || results[query].series.isEmpty() || results[query].series.first().points.isEmpty())
            return qQNaN();
        return results[query].series.first().points.last().y();
    }

    // The console's Stat reduction: the maximum, the mean, or else the
    // latest finite point.
    static double reduce(const Panel &panel, const QList<QPointF> &points)
    {
        double result = qQNaN();
        double sum = 0;
        int count = 0;
        for (const QPointF &point : points) {
            const double y = point.y();
            if (!std::isfinite(y))
                continue;
            ++count;
            sum += y;
            if (panel.reduction == dashboards::Reduction::Max)
                result = std::isnan(result) ? y : std::max(result, y);
            else
                result = y;
        }
        if (panel.reduction == dashboards::Reduction::Mean)
            return count > 0 ? sum / count : qQNaN();
        return result;
    }

    void applyQueries(const Panel &panel, const QList<ReportQueryResult> &results, PanelOutcome &outcome) const
    {
        const QString title = qs(panel.title);
        switch (panel.kind) {
        case PanelKind::Gauge:
            if (!panel.queries.empty())
                outcome.values = {value(panel, title, firstValue(results, 0))};
            break;
        case PanelKind::Stat: {
            if (panel.queries.empty())
                break;
            QList<QPointF> sparkline;
            double current = qQNaN();
            if (panel.queries.front().kind == dashboards::QueryKind::Range) {
                if (!results.isEmpty() && !results.first().series.isEmpty())
                    sparkline = results.first().series.first().points;
                current = reduce(panel, sparkline);
            } else {
                current = firstValue(results, 0);
                if (results.size() > 1 && !results[1].series.isEmpty())
                    sparkline = results[1].series.first().points;
            }
            outcome.values = {value(panel, title, current)};
            if (!sparkline.isEmpty())
                outcome.lines = {Series{title, sparkline}};
            break;
        }
        case PanelKind::TimeSeries:
            applyLines(panel, results, outcome);
            break;
        case PanelKind::Bars: {
            ValueAccumulator bars;
            for (qsizetype q = 0; q < qsizetype(panel.queries.size()); ++q) {
                const dashboards::PanelQuery &query = panel.queries[size_t(q)];
                if (q >= results.size() || results[q].series.isEmpty()) {
                    // A fixed bar (a quantile, an outcome) still shows "No data".
                    if (query.legend.find('{') == std::string::npos)
                        bars.add(qs(query.legend), qQNaN());
                    continue;
                }
                for (const ResultSeries &series : results[q].series) {
                    const double number = series.points.isEmpty() ? qQNaN() : series.points.last().y();
                    bars.add(legendFor(panel, query, series.labels), number);
                }
            }
            for (const auto &[name, number] : bars.entries())
                outcome.values.append(value(panel, name, number));
            outcome.bars = true;
            break;
        }
        case PanelKind::Table:
            for (qsizetype q = 0; q < qsizetype(panel.queries.size()); ++q) {
                const dashboards::PanelQuery &query = panel.queries[size_t(q)];
                const bool empty = q >= results.size() || results[q].series.isEmpty();
                if (empty && query.hideWhenEmpty)
                    continue;
                PanelValue row;
                row.name = qs(query.legend);
                row.value = firstValue(results, q);
                row.target = query.target;
                row.unit = qs(query.unit);
                row.decimals = query.decimals >= 0 ? query.decimals : panel.decimals;
                outcome.values.append(row);
            }
            break;
        case PanelKind::Funnel:
        case PanelKind::Flags:
        case PanelKind::Count:
            break;
        }
    }

    void applyLines(const Panel &panel, const QList<ReportQueryResult> &results, PanelOutcome &outcome) const
    {
        // Lines with the same legend (the apps of one customer) are added
        // up point by point; range queries share their step grid.
        QList<QString> order;
        QHash<QString, QMap<double, double>> lines;
        for (qsizetype q = 0; q < results.size() && q < qsizetype(panel.queries.size()); ++q) {
            for (const ResultSeries &series : results[q].series) {
                const QString name = legendFor(panel, panel.queries[size_t(q)], series.labels);
                if (!lines.contains(name))
                    order.append(name);
                QMap<double, double> &line = lines[name];
                for (const QPointF &point : series.points)
                    line[point.x()] += point.y();
            }
        }
        for (const QString &name : std::as_const(order)) {
            Series line;
            line.name = name;
            const QMap<double, double> &points = lines[name];
            for (auto it = points.cbegin(); it != points.cend(); ++it)
                line.points.append(QPointF(it.key(), it.value()));
            outcome.values.append(value(panel, name, line.points.isEmpty() ? qQNaN() : line.points.last().y()));
            outcome.lines.append(std::move(line));
        }
    }

    void applyRecords(const Panel &panel, PanelOutcome &outcome) const
    {
        if (!m_input.records) {
            outcome.note = Text::tr("No pilot-customer records were given, so this panel has no values.");
            return;
        }
        const CustomerRecords &records = *m_input.records;
        const QString title = qs(panel.title);
        auto setBars = [&](const QList<std::pair<QString, double>> &entries) {
            outcome.values.clear();
            for (const auto &[name, number] : entries)
                outcome.values.append(value(panel, name, number));
            outcome.bars = true;
        };

        switch (panel.records) {
        case RecordSource::EstimatedMrr:
            outcome.values = {value(panel, title, RecordFigures::estimatedMrr(records))};
            break;
        case RecordSource::AverageTimeToLaunch: {
            const double average = RecordFigures::averageTimeToLaunch(records);
            if (panel.kind == PanelKind::Table) {
                outcome.values.append(PanelValue{Text::tr("Time to launch (average)"), average,
                                                 Target::lowerIsBetter(14), Text::tr("days"), 1});
            } else {
                outcome.values = {value(panel, title, average)};
            }
            break;
        }
        case RecordSource::TimeToLaunch: {
            QList<std::pair<QString, double>> entries;
            for (const CustomerRecord &record : records)
                entries.append({RecordFigures::company(record), RecordFigures::timeToLaunchDays(record, m_today)});
            setBars(entries);
            break;
        }
        case RecordSource::OpenTickets: {
            QList<std::pair<QString, double>> entries;
            for (const CustomerRecord &record : records)
                entries.append({RecordFigures::company(record), double(record.openTickets(m_today))});
            setBars(entries);
            break;
        }
        case RecordSource::HealthScores: {
            QList<std::pair<QString, double>> entries;
            for (const CustomerRecord &record : records)
                entries.append({RecordFigures::company(record), computeHealthScore(record, m_today).score});
            setBars(entries);
            break;
        }
        case RecordSource::HealthHistory:
            applyHealthHistory(panel, records, outcome);
            break;
        case RecordSource::SuccessFlags:
            outcome.values.clear();
            for (const CustomerRecord &record : records) {
                outcome.flags.append(FlagRow{RecordFigures::company(record), record.technicalSuccess,
                                             record.businessSuccess});
                outcome.values.append(PanelValue{RecordFigures::company(record), record.successful() ? 1.0 : 0.0,
                                                 Target::higherIsBetter(1), QString(), 0});
            }
            break;
        case RecordSource::PilotProgress:
            outcome.values = {value(panel, title, RecordFigures::pilotProgress(records, m_today))};
            break;
        case RecordSource::OnboardingFunnel: {
            const auto counts = RecordFigures::funnel(records, m_today);
            QList<std::pair<QString, double>> entries;
            for (size_t stage = 0; stage < counts.size(); ++stage)
                entries.append({RecordFigures::stageTitle(OnboardingStage(stage)), double(counts[stage])});
            setBars(entries);
            break;
        }
        case RecordSource::None:
        case RecordSource::Count:
            break;
        }
    }

    void applyHealthHistory(const Panel &panel, const CustomerRecords &records, PanelOutcome &outcome) const
    {
        const Date first = m_today - std::chrono::days(kHealthHistoryDays - 1);
        outcome.values.clear();
        outcome.lines.clear();
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
        for (const CustomerRecord &record : records) {
            Series line;
            line.name = RecordFigures::company(record);
            for (const auto &[day, score] : healthScoreHistory(record, first, m_today)) {
                const auto next = std::chrono::sys_time<std::chrono::milliseconds>(day + std::chrono::days(1));
                const qint64 endOfDay = next.time_since_epoch().count() - 1;
                line.points.append(QPointF(double(endOfDay), score));
                from = std::min(from, endOfDay);
                to = std::max(to, endOfDay);
            }
            outcome.values.append(value(panel, line.name, line.points.isEmpty() ? qQNaN() : line.points.last().y()));
            outcome.lines.append(line);
        }
        if (from < to) {
            outcome.linesFromMs = from;
            outcome.linesToMs = to;
        }
    }

    const DashboardReportInput &m_input;
    CustomerDirectory m_directory;
    Date m_today;
    qint64 m_stepMs = 1000;
    qint64 m_alignedEndMs = 0;
};

struct LineSummary
{
    double minimum = qQNaN();
    double mean = qQNaN();
    double maximum = qQNaN();
};

LineSummary summarize(const Series &line)
{
    LineSummary summary;
    double sum = 0;
    int count = 0;
    for (const QPointF &point : line.points) {
        if (!std::isfinite(point.y()))
            continue;
        summary.minimum = count == 0 ? point.y() : std::min(summary.minimum, point.y());
        summary.maximum = count == 0 ? point.y() : std::max(summary.maximum, point.y());
        sum += point.y();
        ++count;
    }
    if (count > 0)
        summary.mean = sum / count;
    return summary;
}

// Row key of a panel value: `value` for the one value of a gauge or stat
// (named after the panel), else the value's name: a series, bar or row.
QString valueKey(const Panel &panel, const PanelValue &value)
{
    return value.name == qs(panel.title) ? QStringLiteral("value") : value.name;
}

Table valuesTable(const Panel &panel, const PanelOutcome &outcome)
{
    const bool summarised = !outcome.lines.isEmpty() && outcome.lines.size() == outcome.values.size();
    Table table;
    table.key = QStringLiteral("values");
    table.title = Text::tr("Values");
    table.columns = {Column{QStringLiteral("name"), Text::tr("Series"), false},
                     Column{QStringLiteral("value"), Text::tr("Current value"), true}};
    if (summarised) {
        table.columns.append({Column{QStringLiteral("minimum"), Text::tr("Minimum"), true},
                              Column{QStringLiteral("mean"), Text::tr("Mean"), true},
                              Column{QStringLiteral("maximum"), Text::tr("Maximum"), true}});
    }
    table.columns.append({Column{QStringLiteral("target"), Text::tr("Target"), false},
                          Column{QStringLiteral("state"), Text::tr("State"), false}});

    if (outcome.values.isEmpty()) {
        // A panel without data still has its row, so that every panel is in the CSV.
        const TargetState state = evaluateTarget(panel.target, qQNaN());
        Row row{QStringLiteral("value"), {textCell(qs(panel.title)), numberCell(qQNaN(), panel.decimals)}};
        for (qsizetype i = 2; i < table.columns.size() - 2; ++i)
            row.cells.append(numberCell(qQNaN(), panel.decimals));
        row.cells.append({textCell(ReportText::target(panel.target, qs(panel.unit), panel.decimals)),
                          stateCell(state)});
        table.rows.append(row);
        return table;
    }
    for (qsizetype i = 0; i < outcome.values.size(); ++i) {
        const PanelValue &value = outcome.values[i];
        const TargetState state = evaluateTarget(value.target, value.value);
        Row row{valueKey(panel, value), {textCell(value.name), numberCell(value.value, value.decimals, value.unit,
                                                                            state)}};
        if (summarised) {
            const LineSummary summary = summarize(outcome.lines[i]);
            row.cells.append({numberCell(summary.minimum, value.decimals, value.unit),
                              numberCell(summary.mean, value.decimals, value.unit),
                              numberCell(summary.maximum, value.decimals, value.unit)});
        }
        row.cells.append({textCell(ReportText::target(value.target, value.unit, value.decimals)), stateCell(state)});
        table.rows.append(row);
    }
    return table;
}

Table flagsTable(const PanelOutcome &outcome)
{
    Table table;
    table.key = QStringLiteral("flags");
    table.title = Text::tr("Success flags");
    table.columns = {Column{QStringLiteral("customer"), Text::tr("Customer"), false},
                     Column{QStringLiteral("technical"), Text::tr("Technical success"), false},
                     Column{QStringLiteral("business"), Text::tr("Business success"), false},
                     Column{QStringLiteral("successful"), Text::tr("Successful pilot"), false}};
    auto flag = [](bool set) {
        Cell cell = textCell(ReportText::yesNo(set), set ? TargetState::Pass : TargetState::Fail);
        cell.number = set ? 1 : 0;
        return cell;
    };
    for (const FlagRow &row : outcome.flags)
        table.rows.append(Row{row.company, {textCell(row.company), flag(row.technical), flag(row.business),
                                            flag(row.technical && row.business)}});
    return table;
}

void setTargetLines(Chart &chart, const Target &target)
{
    if (target.direction == dashboards::TargetDirection::None)
        return;
    chart.targetLow = target.low;
    if (target.direction == dashboards::TargetDirection::WithinRange)
        chart.targetHigh = target.high;
}

Chart panelChart(const Panel &panel, const PanelOutcome &outcome)
{
    Chart chart;
    chart.key = QStringLiteral("chart");
    chart.title = qs(panel.title);
    chart.unit = qs(panel.unit);
    chart.decimals = panel.decimals;
    chart.fixedScale = panel.fixedScale;
    chart.minimum = panel.minimum;
    chart.maximum = panel.maximum;
    setTargetLines(chart, panel.target);
    if (outcome.bars) {
        chart.kind = Chart::Kind::Bars;
        for (const PanelValue &value : outcome.values)
            chart.bars.append(Bar{value.name, value.value, evaluateTarget(value.target, value.value)});
    } else {
        chart.kind = Chart::Kind::Lines;
        chart.decimals = std::max(panel.decimals, 1);
        chart.series = outcome.lines;
        chart.fromMs = outcome.linesFromMs;
        chart.toMs = outcome.linesToMs;
    }
    return chart;
}

Section panelSection(const Panel &panel, const PanelOutcome &outcome)
{
    Section section;
    section.key = qs(panel.id);
    section.title = qs(panel.title);
    if (!panel.description.empty())
        section.blocks.append(Paragraph{qs(panel.description)});
    if (!outcome.error.isEmpty())
        section.blocks.append(Paragraph{Text::tr("The panel's query failed: %1").arg(outcome.error)});
    if (!outcome.note.isEmpty())
        section.blocks.append(Paragraph{outcome.note});
    if (!outcome.flags.isEmpty())
        section.blocks.append(flagsTable(outcome));
    else
        section.blocks.append(valuesTable(panel, outcome));
    if (outcome.bars || !outcome.lines.isEmpty())
        section.blocks.append(panelChart(panel, outcome));
    return section;
}

void addOverviewRows(Table &overview, const Panel &panel, const PanelOutcome &outcome)
{
    const QString panelId = qs(panel.id);
    const QString title = qs(panel.title);
    if (outcome.values.isEmpty()) {
        overview.rows.append(Row{panelId, {textCell(title), textCell(QString()), numberCell(qQNaN(), 0),
                                           textCell(ReportText::target(panel.target, qs(panel.unit), panel.decimals)),
                                           stateCell(evaluateTarget(panel.target, qQNaN()))}});
        return;
    }
    for (const PanelValue &value : outcome.values) {
        const TargetState state = evaluateTarget(value.target, value.value);
        const QString key = valueKey(panel, value) == QLatin1String("value")
            ? panelId
            : panelId + QLatin1Char(':') + value.name;
        overview.rows.append(Row{key, {textCell(title), textCell(value.name == title ? QString() : value.name),
                                       numberCell(value.value, value.decimals, value.unit, state),
                                       textCell(ReportText::target(value.target, value.unit, value.decimals)),
                                       stateCell(state)}});
    }
}

} // namespace

Report buildDashboardReport(const DashboardReportInput &input)
{
    const PanelEvaluator evaluator(input);

    Report report;
    report.kind = QStringLiteral("dashboard");
    report.title = Text::tr("Dashboard: %1").arg(qs(input.dashboard.title));
    report.addFact(QStringLiteral("generated"), Text::tr("Generated"), ReportText::time(input.generatedAtMs),
                   double(input.generatedAtMs));
    report.addFact(QStringLiteral("dashboard"), Text::tr("Dashboard"), qs(input.dashboard.id));
    report.addFact(QStringLiteral("time_range"), Text::tr("Time range"),
                   Text::tr("%1, from %2 to %3")
                       .arg(ReportText::duration(input.rangeMs), ReportText::time(evaluator.fromMs()),
                            ReportText::time(input.endMs)),
                   double(input.rangeMs));
    report.addFact(QStringLiteral("source"), Text::tr("Data source"), input.sourceName);
    report.addFact(QStringLiteral("records_source"), Text::tr("Customer records"),
                   input.records ? input.recordsSource : Text::tr("None"));

    Table overview;
    overview.key = QStringLiteral("overview");
    overview.title = Text::tr("Every panel at the end of the time range");
    overview.columns = {Column{QStringLiteral("panel"), Text::tr("Panel"), false},
                        Column{QStringLiteral("series"), Text::tr("Series"), false},
                        Column{QStringLiteral("value"), Text::tr("Current value"), true},
                        Column{QStringLiteral("target"), Text::tr("Target"), false},
                        Column{QStringLiteral("state"), Text::tr("State"), false}};
    QList<Section> panels;
    for (const Panel &panel : input.dashboard.panels) {
        const PanelOutcome outcome = evaluator.evaluate(panel);
        addOverviewRows(overview, panel, outcome);
        panels.append(panelSection(panel, outcome));
    }

    Section overviewSection;
    overviewSection.key = QStringLiteral("overview");
    overviewSection.title = Text::tr("Overview");
    overviewSection.blocks = {overview};
    report.sections = {overviewSection};
    report.sections.append(panels);
    return report;
}

} // namespace umg::reports
