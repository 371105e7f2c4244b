#include "remote/remoteconsole.h"

#include "remote/attachnodedialog.h"
#include "remote/attachprometheusdialog.h"
#include "remote/fleetview.h"
#include "remote/nodefleet.h"
#include "remote/remotesettings.h"
#include "remote/scopecontroller.h"
#include "remote/tokenstore.h"

#include "history/metrichistory.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSignalBlocker>
#include <QToolBar>

namespace umg {

RemoteConsole::RemoteConsole(WritableHistoryProvider history, QWidget *window, TokenStore *tokens,
                             const NodeClientOptions &options)
    : QObject(window)
    , m_window(window)
{
    m_fleet = new NodeFleet(history, tokens ? tokens : new KeychainTokenStore, options, this);
    m_scopes = new ScopeController(
        m_fleet, [history]() -> std::shared_ptr<const MetricHistory> { return history ? history() : nullptr; }, this);

    m_attachNode = new QAction(tr("Attach &Node…"), this);
    m_attachNode->setStatusTip(tr("Attach a remote engine node and show its metrics"));
    m_attachPrometheus = new QAction(tr("Attach &Prometheus…"), this);
    m_attachPrometheus->setStatusTip(tr("Use a Prometheus server as the dashboards' data source"));
    connect(m_attachNode, &QAction::triggered, this, &RemoteConsole::attachNodeWithDialog);
    connect(m_attachPrometheus, &QAction::triggered, this, &RemoteConsole::attachPrometheusWithDialog);

    connect(m_fleet, &NodeFleet::warningRaised, this, &RemoteConsole::warningRaised);
    connect(m_scopes, &ScopeController::warningRaised, this, &RemoteConsole::warningRaised);
    connect(m_scopes, &ScopeController::dataSourceChanged, this, &RemoteConsole::dataSourceChanged);
    connect(m_scopes, &ScopeController::currentChanged, this, [](const QString &key) {
        QSettings settings;
        RemoteSettings::setScope(settings, key);
    });
}

RemoteConsole::~RemoteConsole() = default;

std::shared_ptr<const DashboardDataSource> RemoteConsole::dataSource() const
{
    return m_scopes->dataSource();
}

void RemoteConsole::restore()
{
    m_fleet->restore();
    QSettings settings;
    const QString scope = RemoteSettings::scope(settings);
    if (!scope.isEmpty())
        m_scopes->setCurrentKey(scope);
}

QWidget *RemoteConsole::createFleetView(QWidget *parent)
{
    auto *view = new FleetView(m_fleet, parent);
    connect(view, &FleetView::attachNodeRequested, this, &RemoteConsole::attachNodeWithDialog);
    connect(view, &FleetView::editNodeRequested, this, &RemoteConsole::editNodeWithDialog);
    connect(view, &FleetView::detachNodeRequested, this, &RemoteConsole::detachNodeAfterConfirmation);
    connect(view, &FleetView::showNodeRequested, this,
            [this](const QString &instance) { m_scopes->setCurrentKey(ScopeController::nodeKey(instance)); });
    connect(view, &FleetView::attachPrometheusRequested, this, &RemoteConsole::attachPrometheusWithDialog);
    connect(view, &FleetView::editPrometheusRequested, this, &RemoteConsole::editPrometheusWithDialog);
    connect(view, &FleetView::detachPrometheusRequested, this, &RemoteConsole::detachPrometheusAfterConfirmation);
    connect(view, &FleetView::showPrometheusRequested, this,
            [this](const QString &instance) { m_scopes->setCurrentKey(ScopeController::prometheusKey(instance)); });
    return view;
}

QToolBar *RemoteConsole::createScopeToolBar(QWidget *parent)
{
    auto *toolBar = new QToolBar(tr("Dashboard scope"), parent);
    toolBar->setObjectName(QStringLiteral("scope-toolbar"));
    auto *label = new QLabel(tr(" Show: "), toolBar);
    auto *combo = new QComboBox(toolBar);
    combo->setObjectName(QStringLiteral("dashboard-scope"));
    combo->setAccessibleName(tr("Dashboard scope"));
    combo->setToolTip(tr("What the dashboards show: the local engine, one attached node, the sum over all attached "
                         "nodes, or a Prometheus server"));
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    label->setBuddy(combo);
    toolBar->addWidget(label);
    toolBar->addWidget(combo);

    const auto fill = [this, combo] {
        const QSignalBlocker blocker(combo);
        combo->clear();
        for (const ScopeController::Scope &scope : m_scopes->scopes())
            combo->addItem(scope.label, scope.key);
        combo->setCurrentIndex(combo->findData(m_scopes->currentKey()));
    };
    fill();
    connect(m_scopes, &ScopeController::scopesChanged, combo, fill);
    connect(m_scopes, &ScopeController::currentChanged, combo, fill);
    connect(combo, &QComboBox::activated, this,
            [this, combo](int index) { m_scopes->setCurrentKey(combo->itemData(index).toString()); });
    return toolBar;
}

void RemoteConsole::attachNodeWithDialog()
{
    auto *dialog = new AttachNodeDialog(m_fleet->network(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCheck([fleet = m_fleet](const NodeEndpoint &endpoint) { return fleet->checkNode(endpoint); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const std::optional<NodeEndpoint> endpoint = dialog->endpoint())
            m_fleet->attachNode(*endpoint);
    });
    dialog->open();
}

void RemoteConsole::editNodeWithDialog(const QString &instance)
{
    NodeClient *node = m_fleet->node(instance);
    if (!node)
        return;
    auto *dialog = new AttachNodeDialog(m_fleet->network(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEndpoint(node->endpoint());
    dialog->setCheck(
        [fleet = m_fleet, instance](const NodeEndpoint &endpoint) { return fleet->checkNode(endpoint, instance); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, instance] {
        if (const std::optional<NodeEndpoint> endpoint = dialog->endpoint())
            m_fleet->editNode(instance, *endpoint);
    });
    dialog->open();
}

void RemoteConsole::detachNodeAfterConfirmation(const QString &instance)
{
    if (!m_fleet->node(instance))
        return;
    const QMessageBox::StandardButton answer = QMessageBox::question(
        m_window, tr("Detach Node"),
        tr("Detach %1? The console stops polling it and deletes its token from the system keychain. Its recorded "
           "history stays until it ages out.")
            .arg(instance));
    if (answer == QMessageBox::Yes)
        m_fleet->detachNode(instance);
}

void RemoteConsole::attachPrometheusWithDialog()
{
    auto *dialog = new AttachPrometheusDialog(m_fleet->network(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCheck(
        [fleet = m_fleet](const PrometheusEndpoint &endpoint) { return fleet->checkPrometheus(endpoint); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const std::optional<PrometheusEndpoint> endpoint = dialog->endpoint();
        if (endpoint && m_fleet->attachPrometheus(*endpoint))
            m_scopes->setCurrentKey(ScopeController::prometheusKey(endpoint->instance()));
    });
    dialog->open();
}

void RemoteConsole::editPrometheusWithDialog(const QString &instance)
{
    const std::optional<PrometheusEndpoint> server = m_fleet->prometheusServer(instance);
    if (!server)
        return;
    auto *dialog = new AttachPrometheusDialog(m_fleet->network(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEndpoint(*server);
    dialog->setCheck([fleet = m_fleet, instance](const PrometheusEndpoint &endpoint) {
        return fleet->checkPrometheus(endpoint, instance);
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, instance] {
        if (const std::optional<PrometheusEndpoint> endpoint = dialog->endpoint())
            m_fleet->editPrometheus(instance, *endpoint);
    });
    dialog->open();
}

void RemoteConsole::detachPrometheusAfterConfirmation(const QString &instance)
{
    if (!m_fleet->prometheusServer(instance))
        return;
    const QMessageBox::StandardButton answer =
        QMessageBox::question(m_window, tr("Detach Prometheus Server"),
                              tr("Detach the Prometheus server %1? Its credentials are deleted from the system "
                                 "keychain.")
                                  .arg(instance));
    if (answer == QMessageBox::Yes)
        m_fleet->detachPrometheus(instance);
}

} // namespace umg
