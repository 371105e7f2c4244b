#pragma once

#include "remote/endpoints.h"

#include <QDialog>
#include <QPointer>

#include <functional>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

namespace umg {

class HttpFetch;
struct FetchResult;

/// Asks for a node's URL, token and TLS verification, and tests the
/// connection with `GET /v1/status` without blocking.
class AttachNodeDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AttachNodeDialog(QNetworkAccessManager *network, QWidget *parent = nullptr);

    /// Fills the fields for an edit of an attached node.
    void setEndpoint(const NodeEndpoint &endpoint);
    /// Returns the endpoint from the fields, or nothing with `error` set.
    std::optional<NodeEndpoint> endpoint(QString *error = nullptr) const;

    /// `check` returns why an endpoint cannot be attached (for example
    /// because it is attached already), or an empty string.
    void setCheck(std::function<QString(const NodeEndpoint &)> check);

    /// Sends `GET /v1/status` and shows the version and health, or the error.
    void testConnection();
    /// The text of the last test, for tests and screen readers.
    QString testResult() const;

    void accept() override;

Q_SIGNALS:
    void testFinished(bool ok);

private:
    void showTestResult(const FetchResult &result);
    void updateTlsWarning();

    QNetworkAccessManager *m_network = nullptr;
    std::function<QString(const NodeEndpoint &)> m_check;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_token = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<HttpFetch> m_fetch;
};

} // namespace umg
