#pragma once

#include "customers/customerrecord.h"
#include "widgets/thresholdpolicy.h"

#include <QAbstractTableModel>

#include <vector>

namespace umg {

/// Table of pilot-customer records, one row per customer, for the
/// Customers view. The health-score column carries the score's formula as
/// its tooltip; kSortRole gives every cell a value that sorts numerically.
class CustomerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column {
        CustomerId,
        Company,
        Plan,
        MonthlyRevenue,
        Apps,
        Stage,
        Satisfaction,
        CostSavings,
        OpenTickets,
        TechnicalSuccess,
        BusinessSuccess,
        HealthScore,
        Count
    };

    /// Role with the sort key of a cell: a number for numeric columns (NaN
    /// sorts first) and the display text otherwise.
    static constexpr int kSortRole = Qt::UserRole + 1;
    /// Role with the customer id of the row, the same for every column.
    static constexpr int kCustomerIdRole = Qt::UserRole + 2;

    explicit CustomerTableModel(QObject *parent = nullptr);

    /// Replaces the rows. The same customer ids in the same order update the
    /// cells in place; any other change resets the model.
    void setRecords(const std::vector<CustomerRecord> &records);
    const std::vector<CustomerRecord> &records() const { return m_records; }
    /// Returns the record of `row`, or null when out of range.
    const CustomerRecord *recordAt(int row) const;

    /// Sets the day that stages, tickets and health scores are evaluated at
    /// (today by default).
    void setToday(Date today);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Derived
    {
        double healthScore = 0;
        QString healthFormula;
        int openTickets = 0;
        QString stage;
        int stageOrder = -1;
    };

    void computeDerived();
    QVariant displayData(int row, Column column) const;
    QVariant sortData(int row, Column column) const;

    std::vector<CustomerRecord> m_records;
    std::vector<Derived> m_derived;
    Date m_today;
    ThresholdPalette m_colors = ThresholdPalette::light();
};

} // namespace umg
