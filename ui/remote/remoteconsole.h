#pragma once

#include "datasource/dashboarddatasource.h"
#include "remote/nodeclient.h"
#include "remote/scraperecorder.h"

#include <QObject>

#include <memory>

class QAction;
class QToolBar;
class QWidget;

namespace umg {

class NodeFleet;
class ScopeController;
class TokenStore;

/// The console's remote mode, installed into the main window: File > Attach
/// Node… and Attach Prometheus…, the Fleet view, and the scope selector that
/// chooses what the dashboards show (local engine, one node, the fleet, or a
/// Prometheus server). The main window adds the widgets and actions this
/// object creates and forwards dataSourceChanged() to its dashboards.
class RemoteConsole : public QObject
{
    Q_OBJECT

public:
    /// Remote scrapes go to the history that `history` returns. `tokens`
    /// (owned) defaults to the system keychain. `window` is the parent of
    /// the dialogs.
    RemoteConsole(WritableHistoryProvider history, QWidget *window, TokenStore *tokens = nullptr,
                  const NodeClientOptions &options = {});
    ~RemoteConsole() override;

    NodeFleet *fleet() const { return m_fleet; }
    ScopeController *scopes() const { return m_scopes; }

    QAction *attachNodeAction() const { return m_attachNode; }
    QAction *attachPrometheusAction() const { return m_attachPrometheus; }
    /// Creates the Fleet view for the main window's stack of views.
    QWidget *createFleetView(QWidget *parent);
    /// Creates a tool bar with the scope selector.
    QToolBar *createScopeToolBar(QWidget *parent);

    /// The data source of the selected scope.
    std::shared_ptr<const DashboardDataSource> dataSource() const;

    /// Reattaches the nodes and Prometheus servers of the last session and
    /// selects the scope it ended with.
    void restore();

    void attachNodeWithDialog();
    void editNodeWithDialog(const QString &instance);
    void detachNodeAfterConfirmation(const QString &instance);
    void attachPrometheusWithDialog();
    void editPrometheusWithDialog(const QString &instance);
    void detachPrometheusAfterConfirmation(const QString &instance);

Q_SIGNALS:
    void dataSourceChanged(std::shared_ptr<const umg::DashboardDataSource> source);
    /// A translated sentence for the message bar.
    void warningRaised(const QString &message);

private:
    QWidget *m_window = nullptr;
    NodeFleet *m_fleet = nullptr;
    ScopeController *m_scopes = nullptr;
    QAction *m_attachNode = nullptr;
    QAction *m_attachPrometheus = nullptr;
};

} // namespace umg
