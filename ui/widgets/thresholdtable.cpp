#include "widgets/thresholdtable.h"

#include <QEvent>
#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace umg {

ThresholdTable::ThresholdTable(QWidget *parent)
    : QTableView(parent)
    , m_model(new ThresholdTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_model->setColors(ThresholdPalette::forPalette(palette()));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ThresholdTableModel::kSortRole);
    m_proxy->setSortLocaleAware(true);
    m_proxy->setDynamicSortFilter(true);
    m_proxy->setFilterKeyColumn(int(ThresholdTableModel::Column::Name));
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    setModel(m_proxy);

    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(int(ThresholdTableModel::Column::Name), QHeaderView::Stretch);

    setSortingEnabled(true);
    sortByColumn(int(ThresholdTableModel::Column::Status), Qt::DescendingOrder);
}

void ThresholdTable::setRows(const QList<ThresholdRow> &rows)
{
    m_model->setRows(rows);
}

void ThresholdTable::setFilterText(const QString &text)
{
    m_proxy->setFilterFixedString(text);
}

void ThresholdTable::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_model->setColors(ThresholdPalette::forPalette(palette()));
    QTableView::changeEvent(event);
}

} // namespace umg
