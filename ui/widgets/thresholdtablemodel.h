#pragma once

#include "widgets/thresholdpolicy.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPixmap>

#include <array>
#include <optional>

namespace umg {

/// One row of a ThresholdTableModel: a measured value and the target it is
/// checked against, such as one line of a validation summary.
struct ThresholdRow
{
    QString name;
    /// NaN reads "No data" and fails the target.
    double measured = qQNaN();
    /// Without a policy the row shows no target and no status.
    std::optional<ThresholdPolicy> policy;
    QString unit;
    int decimals = 1;

    bool operator==(const ThresholdRow &other) const = default;
};

/// Table of ThresholdRows with the columns Name, Target, Measured and Status.
/// The Measured and Status columns are coloured by the threshold state, and
/// Status carries a dot of that colour. kSortRole gives each cell a value
/// that sorts numerically, with Status ordered Pass < Near target < Fail.
class ThresholdTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Name, Target, Measured, Status, Count };

    /// Role with the sort key of a cell: a QString for Name, a double for
    /// Target and Measured (-infinity where there is none), and the state's
    /// number for Status (-1 where there is no policy).
    static constexpr int kSortRole = Qt::UserRole + 1;
    /// Role with the row's ThresholdState as an int, or an invalid QVariant
    /// where there is no policy. The same for every column.
    static constexpr int kStateRole = Qt::UserRole + 2;

    explicit ThresholdTableModel(QObject *parent = nullptr);

    /// Replaces all rows. A snapshot with the same number of rows updates the
    /// cells in place, and one with a different number resets the model.
    void setRows(const QList<ThresholdRow> &rows);
    QList<ThresholdRow> rows() const { return m_rows; }

    /// Sets the state colours, for example after the palette changed.
    void setColors(const ThresholdPalette &colors);

    /// Returns the state of `row`, or nothing when the row has no policy or
    /// is out of range.
    std::optional<ThresholdState> stateAt(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ThresholdRow &row, Column column) const;
    QVariant sortData(const ThresholdRow &row, Column column) const;
    void updateDots();

    QList<ThresholdRow> m_rows;
    ThresholdPalette m_colors = ThresholdPalette::light();
    std::array<QPixmap, std::size_t(ThresholdState::Count)> m_dots;
};

} // namespace umg
