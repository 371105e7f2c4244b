#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace umg {

class FleetModel;
class NodeFleet;

/// The Fleet view: the table of attached nodes and the list of Prometheus
/// servers, with buttons to attach, edit, detach and show them on the
/// dashboards. The buttons only emit requests; RemoteConsole runs the dialogs.
class FleetView : public QWidget
{
    Q_OBJECT

public:
    explicit FleetView(NodeFleet *fleet, QWidget *parent = nullptr);

    FleetModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// The instance of the selected node, or an empty string.
    QString selectedNode() const;
    QString selectedPrometheus() const;

Q_SIGNALS:
    void attachNodeRequested();
    void editNodeRequested(const QString &instance);
    void detachNodeRequested(const QString &instance);
    void showNodeRequested(const QString &instance);
    void attachPrometheusRequested();
    void editPrometheusRequested(const QString &instance);
    void detachPrometheusRequested(const QString &instance);
    void showPrometheusRequested(const QString &instance);

private:
    void updateButtons();
    void updatePrometheusList();
    void retrySelected();

    QPointer<NodeFleet> m_fleet;
    FleetModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyNodes = nullptr;
    QPushButton *m_editNode = nullptr;
    QPushButton *m_detachNode = nullptr;
    QPushButton *m_retryNode = nullptr;
    QPushButton *m_showNode = nullptr;
    QListWidget *m_prometheus = nullptr;
    QPushButton *m_editPrometheus = nullptr;
    QPushButton *m_detachPrometheus = nullptr;
    QPushButton *m_showPrometheus = nullptr;
};

} // namespace umg
