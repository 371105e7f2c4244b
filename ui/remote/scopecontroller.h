#pragma once

#include "datasource/dashboarddatasource.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace umg {

class MetricHistory;
class NodeFleet;

/// Scope of the dashboards: the embedded engine, one remote node, the
/// attached nodes together (the fleet), or a Prometheus server. Each scope
/// is a DashboardDataSource. The history-based ones filter the series by
/// their `instance` label (see ScopedHistoryDataSource), so the panels keep
/// their queries.
class ScopeController : public QObject
{
    Q_OBJECT

public:
    struct Scope
    {
        /// `local`, `fleet`, `node:<instance>` or `prometheus:<instance>`.
        QString key;
        /// Translated name for the scope selector.
        QString label;
    };

    /// `history` returns the console's history (thread-safe; it is called on
    /// the query threads).
    ScopeController(NodeFleet *fleet, std::function<std::shared_ptr<const MetricHistory>()> history,
                    QObject *parent = nullptr);

    static QString localKey();
    static QString fleetKey();
    static QString nodeKey(const QString &instance);
    static QString prometheusKey(const QString &instance);

    /// The scopes to choose from: the local engine, the fleet, each node and
    /// each Prometheus server.
    QList<Scope> scopes() const;
    QString currentKey() const { return m_current; }
    /// Selects a scope and emits dataSourceChanged(); returns false for a key
    /// that scopes() does not list.
    bool setCurrentKey(const QString &key);

    std::shared_ptr<const DashboardDataSource> dataSource() const { return m_source; }
    /// Returns a new data source for `key`, or null for an unknown key.
    std::shared_ptr<const DashboardDataSource> createDataSource(const QString &key) const;

Q_SIGNALS:
    void scopesChanged();
    void currentChanged(const QString &key);
    void dataSourceChanged(std::shared_ptr<const umg::DashboardDataSource> source);
    /// A translated sentence, such as the scope returning to the local engine
    /// because its node was detached.
    void warningRaised(const QString &message);

private:
    void onFleetChanged();
    bool hasScope(const QString &key) const;

    NodeFleet *m_fleet = nullptr;
    std::function<std::shared_ptr<const MetricHistory>()> m_history;
    QString m_current;
    std::shared_ptr<const DashboardDataSource> m_source;
};

} // namespace umg
