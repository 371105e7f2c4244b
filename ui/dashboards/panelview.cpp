#include "dashboards/panelview.h"

#include "dashboards/successflagsmodel.h"
#include "widgets/barchartwidget.h"
#include "widgets/funnelwidget.h"
#include "widgets/gaugewidget.h"
#include "widgets/statwidget.h"
#include "widgets/thresholdtable.h"
#include "widgets/timeserieschart.h"

#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace umg {
namespace {

const QString kCustomerPlaceholder = QStringLiteral("{customer}");

// Accumulates bars by name in first-seen order, adding up bars that map to
// the same name (several apps of one customer).
class BarAccumulator
{
public:
    void add(const QString &name, double value)
    {
        const auto it = m_index.constFind(name);
        if (it == m_index.cend()) {
            m_index.insert(name, m_bars.size());
            m_bars.append(BarEntry{name, value});
            return;
        }
        BarEntry &bar = m_bars[*it];
        bar.value = std::isnan(bar.value) ? value : (std::isnan(value) ? bar.value : bar.value + value);
    }

    QList<BarEntry> bars() const { return m_bars; }

private:
    QList<BarEntry> m_bars;
    QHash<QString, qsizetype> m_index;
};

} // namespace

CustomerDirectory CustomerDirectory::fromRecords(const CustomerRecords &records)
{
    CustomerDirectory directory;
    for (const CustomerRecord &record : records) {
        const QString company = QString::fromStdString(record.companyName.empty() ? record.customerId
                                                                                  : record.companyName);
        directory.m_byCustomer.insert(QString::fromStdString(record.customerId), company);
        for (const std::string &app : record.appIds)
            directory.m_byApp.insert(QString::fromStdString(app), company);
    }
    return directory;
}

QString CustomerDirectory::companyFor(const QMap<QString, QString> &labels) const
{
    const QString customer = labels.value(QStringLiteral("customer_id"));
    if (!customer.isEmpty())
        return m_byCustomer.value(customer, customer);
    const QString app = labels.value(QStringLiteral("app_id"));
    if (!app.isEmpty())
        return m_byApp.value(app, app);
    return {};
}

PanelView::PanelView(const PanelDefinition &definition, QWidget *parent)
    : PanelFrame(parent)
    , m_definition(definition)
{
    setObjectName(QStringLiteral("panel-") + definition.id);
    setTitle(definition.title);
    setDescription(definition.description);
    setUnit(definition.unit);
    buildContent();
}

void PanelView::buildContent()
{
    auto *container = new QWidget;
    auto *layout = new QVBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    const PanelDefinition &d = m_definition;
    switch (d.kind) {
    case PanelKind::Gauge:
        m_gauge = new GaugeWidget;
        m_gauge->setRange(d.minimum, d.maximum);
        // A long unit ("events/s") would crowd the value out of the arc; the
        // header shows every unit anyway.
        if (d.unit.size() <= 3)
            m_gauge->setUnit(d.unit);
        m_gauge->setDecimals(d.decimals);
        m_gauge->setValue(qQNaN());
        if (d.policy)
            m_gauge->setThresholdPolicy(*d.policy);
        m_widget = m_gauge;
        break;
    case PanelKind::Stat:
        m_stat = new StatWidget;
        if (d.unit.size() <= 3)
            m_stat->setUnit(d.unit);
        m_stat->setDecimals(d.decimals);
        if (d.policy)
            m_stat->setThresholdPolicy(*d.policy);
        m_widget = m_stat;
        break;
    case PanelKind::TimeSeries:
        m_chart = new TimeSeriesChart;
        m_chart->setUnit(d.unit);
        m_chart->setDecimals(std::max(d.decimals, 1));
        if (d.policy)
            m_chart->setThresholdPolicy(*d.policy);
        if (d.fixedScale)
            m_chart->setValueRange(d.minimum, d.maximum);
        m_chart->setMinimumHeight(180);
        m_widget = m_chart;
        break;
    case PanelKind::Bars:
        m_bars = new BarChartWidget;
        m_bars->setUnit(d.unit);
        m_bars->setDecimals(d.decimals);
        if (d.policy)
            m_bars->setThresholdPolicy(*d.policy);
        if (d.fixedScale)
            m_bars->setValueRange(d.minimum, d.maximum);
        m_widget = m_bars;
        break;
    case PanelKind::Funnel:
        m_funnel = new FunnelWidget;
        m_widget = m_funnel;
        break;
    case PanelKind::Table:
        m_table = new ThresholdTable;
        m_table->setMinimumHeight(160);
        m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_table->horizontalHeader()->setSectionResizeMode(int(ThresholdTableModel::Column::Name), QHeaderView::Stretch);
        m_widget = m_table;
        break;
    case PanelKind::Flags:
        m_flagsModel = new SuccessFlagsModel(this);
        m_flagsModel->setColors(ThresholdPalette::forPalette(palette()));
        m_flagsView = new QTableView;
        m_flagsView->setModel(m_flagsModel);
        m_flagsView->setSelectionMode(QAbstractItemView::NoSelection);
        m_flagsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
        m_flagsView->verticalHeader()->setVisible(false);
        m_flagsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        m_widget = m_flagsView;
        break;
    case PanelKind::Count:
        m_widget = new QWidget;
        break;
    }
    layout->addWidget(m_widget, 1);

    m_errorLabel = new QLabel(container);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setForegroundRole(QPalette::PlaceholderText);
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);

    setContentWidget(container);
}

QString PanelView::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

void PanelView::showError(const QString &error)
{
    m_errorLabel->setText(error);
    m_errorLabel->setVisible(!error.isEmpty());
}

QString PanelView::legendFor(const PanelQuery &query, const QMap<QString, QString> &labels,
                             const CustomerDirectory &directory) const
{
    if (query.legend.isEmpty()) {
        QStringList parts;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
            if (it.key() != QLatin1String("__name__"))
                parts.append(it.key() + QLatin1Char('=') + it.value());
        }
        return parts.isEmpty() ? m_definition.title : parts.join(QStringLiteral(", "));
    }
    QString legend = query.legend;
    if (legend.contains(kCustomerPlaceholder))
        legend.replace(kCustomerPlaceholder, directory.companyFor(labels));
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        legend.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return legend;
}

double PanelView::reduce(const QList<QPointF> &points) const
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
        if (m_definition.reduction == Reduction::Max)
            result = std::isnan(result) ? y : std::max(result, y);
        else
            result = y;
    }
    if (m_definition.reduction == Reduction::Mean)
        return count > 0 ? sum / count : qQNaN();
    return result;
}

void PanelView::applyQueryResults(const QList<QueryResult> &results, qint64 fromMs, qint64 toMs,
                                  const CustomerDirectory &directory)
{
    const PanelDefinition &d = m_definition;
    QString error;
    for (const QueryResult &result : results) {
        if (!result.ok()) {
            error = result.error;
            break;
        }
    }
    showError(error);
    ++m_updates;

    auto firstValue = [&](qsizetype query) {
        if (query >= results.size() || results[query].series.isEmpty() || results[query].series.first().points.isEmpty())
            return qQNaN();
        return results[query].series.first().points.last().y();
    };

    switch (d.kind) {
    case PanelKind::Gauge: {
        const double value = firstValue(0);
        m_gauge->setValue(value);
        m_values = {PanelValue{d.title, value}};
        break;
    }
    case PanelKind::Stat: {
        if (d.queries.isEmpty())
            break;
        QList<QPointF> sparkline;
        double value = qQNaN();
        if (d.queries.first().kind == QueryRequest::Kind::Range) {
            if (!results.isEmpty() && !results.first().series.isEmpty())
                sparkline = results.first().series.first().points;
            value = reduce(sparkline);
        } else {
            value = firstValue(0);
            if (results.size() > 1 && !results[1].series.isEmpty())
                sparkline = results[1].series.first().points;
        }
        QList<double> history;
        history.reserve(sparkline.size());
        for (const QPointF &point : std::as_const(sparkline))
            history.append(point.y());
        m_stat->setHistory(history);
        m_stat->setValue(value);
        m_values = {PanelValue{d.title, value}};
        break;
    }
    case PanelKind::TimeSeries: {
        // Lines with the same legend (the apps of one customer) are added up
        // point by point; range queries share their step grid.
        QList<QString> order;
        QHash<QString, QMap<double, double>> lines;
        for (qsizetype q = 0; q < results.size() && q < d.queries.size(); ++q) {
            for (const QuerySeries &series : results[q].series) {
                const QString name = legendFor(d.queries[q], series.labels, directory);
                if (!lines.contains(name))
                    order.append(name);
                QMap<double, double> &line = lines[name];
                for (const QPointF &point : series.points)
                    line[point.x()] += point.y();
            }
        }
        QList<TimeSeries> chartSeries;
        m_values.clear();
        for (const QString &name : std::as_const(order)) {
            TimeSeries line;
            line.name = name;
            const QMap<double, double> &points = lines[name];
            line.points.reserve(points.size());
            for (auto it = points.cbegin(); it != points.cend(); ++it)
                line.points.append(QPointF(it.key(), it.value()));
            m_values.append(PanelValue{name, line.points.isEmpty() ? qQNaN() : line.points.last().y()});
            chartSeries.append(std::move(line));
        }
        m_chart->setTimeRange(fromMs, toMs);
        m_chart->setSeries(chartSeries);
        break;
    }
    case PanelKind::Bars: {
        BarAccumulator bars;
        for (qsizetype q = 0; q < d.queries.size(); ++q) {
            const bool hasResult = q < results.size() && !results[q].series.isEmpty();
            if (!hasResult) {
                // A fixed bar (a quantile, an outcome) still shows "No data".
                if (!d.queries[q].legend.contains(QLatin1Char('{')))
                    bars.add(d.queries[q].legend, qQNaN());
                continue;
            }
            for (const QuerySeries &series : results[q].series) {
                const double value = series.points.isEmpty() ? qQNaN() : series.points.last().y();
                bars.add(legendFor(d.queries[q], series.labels, directory), value);
            }
        }
        const QList<BarEntry> entries = bars.bars();
        m_bars->setBars(entries);
        m_values.clear();
        for (const BarEntry &entry : entries)
            m_values.append(PanelValue{entry.category, entry.value});
        break;
    }
    case PanelKind::Table:
        applyTable(results);
        break;
    case PanelKind::Funnel:
    case PanelKind::Flags:
    case PanelKind::Count:
        break;
    }
}

void PanelView::applyTable(const QList<QueryResult> &results)
{
    const PanelDefinition &d = m_definition;
    m_queryRows.clear();
    for (qsizetype q = 0; q < d.queries.size(); ++q) {
        const PanelQuery &query = d.queries[q];
        const bool empty = q >= results.size() || results[q].series.isEmpty();
        if (empty && query.hideWhenEmpty)
            continue;
        ThresholdRow row;
        row.name = query.legend;
        row.measured = empty || results[q].series.first().points.isEmpty()
            ? qQNaN()
            : results[q].series.first().points.last().y();
        row.policy = query.policy;
        row.unit = query.unit;
        row.decimals = query.decimals >= 0 ? query.decimals : d.decimals;
        m_queryRows.append(row);
    }
    updateTableRows();
}

void PanelView::updateTableRows()
{
    QList<ThresholdRow> rows = m_queryRows;
    rows.append(m_recordRows);
    m_table->setRows(rows);
    m_values.clear();
    for (const ThresholdRow &row : std::as_const(rows))
        m_values.append(PanelValue{row.name, row.measured});
}

void PanelView::applyRecords(const CustomerRecords &records, Date today)
{
    const PanelDefinition &d = m_definition;
    if (d.records == RecordSource::None)
        return;
    ++m_updates;

    auto setBars = [this](const QList<BarEntry> &entries) {
        m_bars->setBars(entries);
        m_values.clear();
        for (const BarEntry &entry : entries)
            m_values.append(PanelValue{entry.category, entry.value});
    };
    auto setSingle = [this, &d](double value) {
        if (m_gauge)
            m_gauge->setValue(value);
        if (m_stat)
            m_stat->setValue(value);
        m_values = {PanelValue{d.title, value}};
    };

    switch (d.records) {
    case RecordSource::EstimatedMrr:
        setSingle(RecordPanels::estimatedMrr(records));
        break;
    case RecordSource::AverageTimeToLaunch:
        if (m_table) {
            ThresholdRow row;
            row.name = tr("Time to launch (average)");
            row.measured = RecordPanels::averageTimeToLaunch(records);
            row.policy = ThresholdPolicy::lowerIsBetter(14);
            row.unit = tr("days");
            row.decimals = 1;
            m_recordRows = {row};
            updateTableRows();
        } else {
            setSingle(RecordPanels::averageTimeToLaunch(records));
        }
        break;
    case RecordSource::TimeToLaunch:
        setBars(RecordPanels::timeToLaunch(records, today));
        break;
    case RecordSource::OpenTickets:
        setBars(RecordPanels::openTickets(records, today));
        break;
    case RecordSource::HealthScores:
        setBars(RecordPanels::healthScores(records, today));
        break;
    case RecordSource::HealthHistory: {
        const QList<TimeSeries> series = RecordPanels::healthHistory(records, today);
        qint64 from = std::numeric_limits<qint64>::max();
        qint64 to = std::numeric_limits<qint64>::min();
        m_values.clear();
        for (const TimeSeries &line : series) {
            if (!line.points.isEmpty()) {
                from = std::min(from, qint64(line.points.first().x()));
                to = std::max(to, qint64(line.points.last().x()));
            }
            m_values.append(PanelValue{line.name, line.points.isEmpty() ? qQNaN() : line.points.last().y()});
        }
        if (from < to)
            m_chart->setTimeRange(from, to);
        m_chart->setSeries(series);
        break;
    }
    case RecordSource::SuccessFlags: {
        m_flagsModel->setRecords(records);
        m_values.clear();
        for (const CustomerRecord &record : records)
            m_values.append(PanelValue{QString::fromStdString(record.companyName),
                                       record.successful() ? 1.0 : 0.0});
        break;
    }
    case RecordSource::PilotProgress:
        setSingle(RecordPanels::pilotProgress(records, today));
        break;
    case RecordSource::OnboardingFunnel: {
        const QList<FunnelStage> stages = RecordPanels::funnel(records, today);
        m_funnel->setStages(stages);
        m_values.clear();
        for (const FunnelStage &stage : stages)
            m_values.append(PanelValue{stage.name, double(stage.count)});
        break;
    }
    case RecordSource::None:
    case RecordSource::Count:
        break;
    }
}

} // namespace umg
