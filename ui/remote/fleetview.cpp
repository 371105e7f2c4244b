#include "remote/fleetview.h"

#include "remote/fleetmodel.h"
#include "remote/nodefleet.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace umg {
namespace {

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    label->setFont(font);
    return label;
}

} // namespace

FleetView::FleetView(NodeFleet *fleet, QWidget *parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_model(new FleetModel(fleet, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("fleet-view"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FleetModel::SortRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("Engine nodes"), this));

    auto *nodeButtons = new QHBoxLayout;
    auto *attachNode = new QPushButton(tr("Attach Node…"), this);
    m_editNode = new QPushButton(tr("Edit…"), this);
    m_detachNode = new QPushButton(tr("Detach"), this);
    m_retryNode = new QPushButton(tr("Retry Now"), this);
    m_showNode = new QPushButton(tr("Show on Dashboards"), this);
    for (QPushButton *button : {attachNode, m_editNode, m_detachNode, m_retryNode, m_showNode})
        nodeButtons->addWidget(button);
    nodeButtons->addStretch(1);
    layout->addLayout(nodeButtons);

    m_emptyNodes = new QLabel(tr("No node is attached. Attach one with File > Attach Node…; the console then polls "
                                 "its status and metrics and can show it on the dashboards."),
                              this);
    m_emptyNodes->setWordWrap(true);
    layout->addWidget(m_emptyNodes);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("fleet-table"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(int(FleetModel::Column::LastError), QHeaderView::Stretch);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 3);

    layout->addWidget(heading(tr("Prometheus servers"), this));
    auto *prometheusButtons = new QHBoxLayout;
    auto *attachPrometheus = new QPushButton(tr("Attach Prometheus…"), this);
    m_editPrometheus = new QPushButton(tr("Edit…"), this);
    m_detachPrometheus = new QPushButton(tr("Detach"), this);
    m_showPrometheus = new QPushButton(tr("Show on Dashboards"), this);
    for (QPushButton *button : {attachPrometheus, m_editPrometheus, m_detachPrometheus, m_showPrometheus})
        prometheusButtons->addWidget(button);
    prometheusButtons->addStretch(1);
    layout->addLayout(prometheusButtons);
    m_prometheus = new QListWidget(this);
    m_prometheus->setObjectName(QStringLiteral("prometheus-list"));
    layout->addWidget(m_prometheus, 1);

    connect(attachNode, &QPushButton::clicked, this, &FleetView::attachNodeRequested);
    connect(m_editNode, &QPushButton::clicked, this, [this] { Q_EMIT editNodeRequested(selectedNode()); });
    connect(m_detachNode, &QPushButton::clicked, this, [this] { Q_EMIT detachNodeRequested(selectedNode()); });
    connect(m_retryNode, &QPushButton::clicked, this, &FleetView::retrySelected);
    connect(m_showNode, &QPushButton::clicked, this, [this] { Q_EMIT showNodeRequested(selectedNode()); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { Q_EMIT showNodeRequested(selectedNode()); });
    connect(attachPrometheus, &QPushButton::clicked, this, &FleetView::attachPrometheusRequested);
    connect(m_editPrometheus, &QPushButton::clicked, this,
            [this] { Q_EMIT editPrometheusRequested(selectedPrometheus()); });
    connect(m_detachPrometheus, &QPushButton::clicked, this,
            [this] { Q_EMIT detachPrometheusRequested(selectedPrometheus()); });
    connect(m_showPrometheus, &QPushButton::clicked, this,
            [this] { Q_EMIT showPrometheusRequested(selectedPrometheus()); });
    connect(m_prometheus, &QListWidget::itemDoubleClicked, this,
            [this] { Q_EMIT showPrometheusRequested(selectedPrometheus()); });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FleetView::updateButtons);
    connect(m_prometheus, &QListWidget::currentRowChanged, this, &FleetView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FleetView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FleetView::updateButtons);
    connect(fleet, &NodeFleet::prometheusServersChanged, this, &FleetView::updatePrometheusList);
    updatePrometheusList();
    updateButtons();
}

QString FleetView::selectedNode() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.front().data(FleetModel::InstanceRole).toString();
}

QString FleetView::selectedPrometheus() const
{
    const QListWidgetItem *item = m_prometheus->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void FleetView::retrySelected()
{
    if (NodeClient *node = m_fleet ? m_fleet->node(selectedNode()) : nullptr)
        node->pollNow();
}

void FleetView::updatePrometheusList()
{
    const QString selected = selectedPrometheus();
    m_prometheus->clear();
    if (!m_fleet)
        return;
    for (const PrometheusEndpoint &server : m_fleet->prometheusServers()) {
        QString text = server.url.toDisplayString();
        if (m_fleet->isPrometheusSessionOnly(server.instance()))
            text = tr("%1 (this session only)").arg(text);
        auto *item = new QListWidgetItem(text, m_prometheus);
        item->setData(Qt::UserRole, server.instance());
        if (server.instance() == selected)
            m_prometheus->setCurrentItem(item);
    }
    updateButtons();
}

void FleetView::updateButtons()
{
    const bool node = !selectedNode().isEmpty();
    m_editNode->setEnabled(node);
    m_detachNode->setEnabled(node);
    m_retryNode->setEnabled(node);
    m_showNode->setEnabled(node);
    m_emptyNodes->setVisible(m_model->rowCount() == 0);
    const bool server = !selectedPrometheus().isEmpty();
    m_editPrometheus->setEnabled(server);
    m_detachPrometheus->setEnabled(server);
    m_showPrometheus->setEnabled(server);
}

} // namespace umg
