#pragma once

#include "dashboards/paneldefinition.h"
#include "dashboards/recordpanels.h"
#include "widgets/panelframe.h"

#include <QHash>

class QLabel;
class QTableView;

namespace umg {

class BarChartWidget;
class FunnelWidget;
class GaugeWidget;
class StatWidget;
class SuccessFlagsModel;
class ThresholdTable;
class TimeSeriesChart;
struct ThresholdRow;

/// Company names by customer id and by app id, for `{customer}` legends.
class CustomerDirectory
{
public:
    static CustomerDirectory fromRecords(const CustomerRecords &records);

    /// Returns the company of the series' `customer_id`, else of its
    /// `app_id`, else the label value itself, else an empty string.
    QString companyFor(const QMap<QString, QString> &labels) const;

private:
    QHash<QString, QString> m_byCustomer;
    QHash<QString, QString> m_byApp;
};

/// One number a panel shows: a gauge or stat value, a bar, a table row or
/// the latest point of a line.
struct PanelValue
{
    QString name;
    double value = qQNaN();
};

/// A dashboard panel: a PanelFrame around the widget that its definition's
/// kind calls for, filled from query results or customer records.
class PanelView : public PanelFrame
{
    Q_OBJECT

public:
    explicit PanelView(const PanelDefinition &definition, QWidget *parent = nullptr);

    const PanelDefinition &definition() const { return m_definition; }

    /// Shows the results of the definition's queries, one per query in
    /// order, for the time range [fromMs, toMs].
    void applyQueryResults(const QList<QueryResult> &results, qint64 fromMs, qint64 toMs,
                           const CustomerDirectory &directory);

    /// Shows what the definition's record source computes from `records`.
    /// Does nothing for panels without a record source.
    void applyRecords(const CustomerRecords &records, Date today);

    /// The numbers the panel shows now.
    QList<PanelValue> values() const { return m_values; }
    /// The query failure shown in the panel, or an empty string.
    QString errorText() const;
    /// Number of times results or records were applied.
    int updateCount() const { return m_updates; }

    /// The content widget, for tests and screenshots.
    QWidget *chartWidget() const { return m_widget; }

private:
    void buildContent();
    void showError(const QString &error);
    QString legendFor(const PanelQuery &query, const QMap<QString, QString> &labels,
                      const CustomerDirectory &directory) const;
    void applyTable(const QList<QueryResult> &results);
    void updateTableRows();
    double reduce(const QList<QPointF> &points) const;

    PanelDefinition m_definition;
    QWidget *m_widget = nullptr;
    QLabel *m_errorLabel = nullptr;
    GaugeWidget *m_gauge = nullptr;
    StatWidget *m_stat = nullptr;
    TimeSeriesChart *m_chart = nullptr;
    BarChartWidget *m_bars = nullptr;
    FunnelWidget *m_funnel = nullptr;
    ThresholdTable *m_table = nullptr;
    QTableView *m_flagsView = nullptr;
    SuccessFlagsModel *m_flagsModel = nullptr;

    QList<ThresholdRow> m_queryRows;
    QList<ThresholdRow> m_recordRows;
    QList<PanelValue> m_values;
    int m_updates = 0;
};

} // namespace umg
