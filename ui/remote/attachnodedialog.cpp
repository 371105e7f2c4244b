#include "remote/attachnodedialog.h"

#include "remote/httpfetch.h"
#include "remote/nodestatus.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace umg {

AttachNodeDialog::AttachNodeDialog(QNetworkAccessManager *network, QWidget *parent)
    : QDialog(parent)
    , m_network(network)
{
    setWindowTitle(tr("Attach Node"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Attach an engine node started with \"unmogrowp-node serve\". The console polls its "
                                "status and metrics every few seconds."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("node-url"));
    m_url->setPlaceholderText(tr("https://node.example:8080"));
    form->addRow(tr("&URL:"), m_url);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("node-token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("First line of the node's --token-file; empty if it has none"));
    form->addRow(tr("&Token:"), m_token);
    m_verifyTls = new QCheckBox(tr("&Verify the TLS certificate"), this);
    m_verifyTls->setObjectName(QStringLiteral("node-verify-tls"));
    m_verifyTls->setChecked(true);
    form->addRow(QString(), m_verifyTls);
    layout->addLayout(form);

    m_tlsWarning = new QLabel(tr("Without certificate verification, anyone on the network path can pose as the node "
                                 "and read its token. Turn it off only for a test node on a network you trust."),
                              this);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    layout->addWidget(m_tlsWarning);

    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test &connection"), this);
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    layout->addLayout(testRow);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("node-test-result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    layout->addWidget(m_buttons);

    connect(m_test, &QPushButton::clicked, this, &AttachNodeDialog::testConnection);
    connect(m_verifyTls, &QCheckBox::toggled, this, &AttachNodeDialog::updateTlsWarning);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AttachNodeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AttachNodeDialog::reject);
    updateTlsWarning();
    resize(520, sizeHint().height());
}

void AttachNodeDialog::setEndpoint(const NodeEndpoint &endpoint)
{
    setWindowTitle(tr("Edit Node"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    m_url->setText(endpoint.url.toString());
    m_token->setText(endpoint.token);
    m_verifyTls->setChecked(endpoint.verifyTls);
}

void AttachNodeDialog::setCheck(std::function<QString(const NodeEndpoint &)> check)
{
    m_check = std::move(check);
}

std::optional<NodeEndpoint> AttachNodeDialog::endpoint(QString *error) const
{
    const std::optional<QUrl> url = EndpointUrl::parse(m_url->text(), error);
    if (!url)
        return std::nullopt;
    NodeEndpoint endpoint;
    endpoint.url = *url;
    endpoint.token = m_token->text().trimmed();
    endpoint.verifyTls = m_verifyTls->isChecked();
    return endpoint;
}

void AttachNodeDialog::updateTlsWarning()
{
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
}

QString AttachNodeDialog::testResult() const
{
    return m_result->text();
}

void AttachNodeDialog::testConnection()
{
    if (m_fetch)
        m_fetch->cancel();
    QString error;
    const std::optional<NodeEndpoint> node = endpoint(&error);
    if (!node) {
        m_result->setText(error);
        Q_EMIT testFinished(false);
        return;
    }
    FetchOptions options;
    options.maxBytes = 1024 * 1024;
    options.verifyTls = node->verifyTls;
    options.accept = "application/json";
    if (!node->token.isEmpty())
        options.authorization = "Bearer " + node->token.toUtf8();
    m_result->setText(tr("Connecting to %1…").arg(node->instance()));
    m_test->setEnabled(false);
    m_fetch = HttpFetch::get(m_network, node->url.resolved(QUrl(QStringLiteral("v1/status"))), options, this);
    connect(m_fetch, &HttpFetch::finished, this, &AttachNodeDialog::showTestResult);
}

void AttachNodeDialog::showTestResult(const FetchResult &result)
{
    m_test->setEnabled(true);
    if (!result.ok()) {
        m_result->setText(result.error);
        Q_EMIT testFinished(false);
        return;
    }
    QString error;
    const std::optional<NodeStatusReport> status = NodeStatusParser::parse(result.body, &error);
    if (!status) {
        m_result->setText(error);
        Q_EMIT testFinished(false);
        return;
    }
    QString text = tr("Connected: UnMoGrowP node %1, health %2, running for %3 s, answered in %4 ms.")
                       .arg(status->version, status->health, QLocale().toString(status->uptimeSeconds, 'f', 0))
                       .arg(result.elapsedMs);
    if (!status->problems.isEmpty())
        text += QLatin1Char(' ') + tr("Problems: %1").arg(status->problems.join(QStringLiteral("; ")));
    m_result->setText(text);
    Q_EMIT testFinished(true);
}

void AttachNodeDialog::accept()
{
    QString error;
    const std::optional<NodeEndpoint> node = endpoint(&error);
    if (node && m_check)
        error = m_check(*node);
    if (!node || !error.isEmpty()) {
        m_result->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace umg
