#pragma once

#include "validation/validation.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace umg {

class NodeFleet;
class ValidationModel;
class ValidationRunner;

/// The Validation view. It runs the checks of `unmogrowp-node validate`
/// against the Prometheus URL and node URLs the person gives. Each check is
/// shown as pass, warning or fail with the measured value and what to do,
/// beside the totals and the time of the run. Requests go only to those URLs (and to
/// the Alertmanagers that Prometheus reports). The fields start with the
/// attached Prometheus data source and nodes of `fleet`, if any.
class ValidationView : public QWidget
{
    Q_OBJECT

public:
    explicit ValidationView(NodeFleet *fleet, QWidget *parent = nullptr);

    ValidationModel *model() const { return m_model; }
    ValidationRunner *runner() const { return m_runner; }

    QString prometheusUrl() const;
    void setPrometheusUrl(const QString &url);
    /// The node URLs, separated by spaces, commas or new lines in the field.
    QStringList nodeUrls() const;
    void setNodeUrls(const QStringList &urls);

    /// Starts a run with the fields' values; returns false and shows the
    /// reason when a field is invalid or a run is in progress.
    bool run();
    /// The report of the last finished run.
    const std::optional<validation::ValidationReport> &lastReport() const { return m_lastReport; }

Q_SIGNALS:
    void runFinished(const umg::validation::ValidationReport &report);

private:
    void fillDefaults();
    void onFinished(const validation::ValidationReport &report);
    void showError(const QString &message);
    void updateButtons();

    NodeFleet *m_fleet = nullptr;
    ValidationModel *m_model = nullptr;
    ValidationRunner *m_runner = nullptr;
    std::optional<validation::ValidationReport> m_lastReport;
    bool m_prometheusEdited = false;
    bool m_nodesEdited = false;

    QLineEdit *m_prometheus = nullptr;
    QLineEdit *m_nodes = nullptr;
    QLineEdit *m_token = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace umg
