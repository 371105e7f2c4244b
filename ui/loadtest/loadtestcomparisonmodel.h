#pragma once

#include "loadtest/loadtestresult.h"
#include "widgets/thresholdpolicy.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace umg {

/// Two load-test runs side by side: one row per figure with both values and
/// the change from the first run to the second, coloured by whether the
/// second run is better or worse.
class LoadTestComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Figure, First, Second, Change, Count };

    explicit LoadTestComparisonModel(QObject *parent = nullptr);

    /// Shows `first` and `second`; the rows follow compareResults().
    void setRuns(const LoadTestResult &first, const LoadTestResult &second);
    void clear();
    bool isEmpty() const { return m_rows.isEmpty(); }
    /// Ids of the compared runs, 0 when empty.
    qint64 firstRunId() const { return m_firstId; }
    qint64 secondRunId() const { return m_secondId; }
    const QList<ComparisonRow> &rows() const { return m_rows; }

    void setColors(const ThresholdPalette &colors) { m_colors = colors; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ComparisonRow> m_rows;
    qint64 m_firstId = 0;
    qint64 m_secondId = 0;
    bool m_firstPassed = false;
    bool m_secondPassed = false;
    ThresholdPalette m_colors = ThresholdPalette::light();
};

} // namespace umg
