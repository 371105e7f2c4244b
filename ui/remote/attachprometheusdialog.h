#pragma once

#include "remote/endpoints.h"

#include <QDialog>
#include <QPointer>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;

namespace umg {

class HttpFetch;
struct FetchResult;

/// Asks for a Prometheus server's URL, credentials (none, basic or bearer),
/// TLS verification and scrape interval, and tests the connection with
/// `GET /api/v1/status/buildinfo` without blocking.
class AttachPrometheusDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AttachPrometheusDialog(QNetworkAccessManager *network, QWidget *parent = nullptr);

    /// Fills the fields for an edit of an attached server.
    void setEndpoint(const PrometheusEndpoint &endpoint);
    /// Returns the endpoint from the fields, or nothing with `error` set.
    std::optional<PrometheusEndpoint> endpoint(QString *error = nullptr) const;
    void setCheck(std::function<QString(const PrometheusEndpoint &)> check);

    void testConnection();
    QString testResult() const;

    void accept() override;

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void showTestResult(const FetchResult &result);
    void updateFields();

    QNetworkAccessManager *m_network = nullptr;
    std::function<QString(const PrometheusEndpoint &)> m_check;
    QLineEdit *m_url = nullptr;
    QComboBox *m_authentication = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_usernameLabel = nullptr;
    QLabel *m_secretLabel = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QSpinBox *m_scrapeInterval = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<HttpFetch> m_fetch;
};

} // namespace umg
