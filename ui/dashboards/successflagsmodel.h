#pragma once

#include "dashboards/recordpanels.h"
#include "widgets/thresholdpolicy.h"

#include <QAbstractTableModel>

namespace umg {

/// Read-only table of the success flags of each pilot customer: technical
/// success, business success, and whether the pilot succeeded (both set).
/// Set flags read "Yes" in the Ok colour, missing ones "No" in the breach colour.
class SuccessFlagsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Customer, Technical, Business, Successful, Count };

    explicit SuccessFlagsModel(QObject *parent = nullptr);

    /// Replaces the rows. Records with the same ids in the same order update
    /// the cells in place; any other change resets the model.
    void setRecords(const CustomerRecords &records);
    void setColors(const ThresholdPalette &colors);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString customerId;
        QString company;
        bool technical = false;
        bool business = false;
    };

    std::optional<bool> flagAt(const Row &row, Column column) const;

    QList<Row> m_rows;
    ThresholdPalette m_colors = ThresholdPalette::light();
};

} // namespace umg
