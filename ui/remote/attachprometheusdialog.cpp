#include "remote/attachprometheusdialog.h"

#include "remote/httpfetch.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace umg {

AttachPrometheusDialog::AttachPrometheusDialog(QNetworkAccessManager *network, QWidget *parent)
    : QDialog(parent)
    , m_network(network)
{
    setWindowTitle(tr("Attach Prometheus"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Use a Prometheus server that scrapes your nodes as a data source: the dashboards then "
                                "send their queries to its HTTP API."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("prometheus-url"));
    m_url->setPlaceholderText(tr("http://prometheus.example:9090"));
    form->addRow(tr("&URL:"), m_url);
    m_authentication = new QComboBox(this);
    m_authentication->addItem(tr("None"), int(PrometheusEndpoint::Authentication::None));
    m_authentication->addItem(tr("Basic (user name and password)"), int(PrometheusEndpoint::Authentication::Basic));
    m_authentication->addItem(tr("Bearer token"), int(PrometheusEndpoint::Authentication::Bearer));
    form->addRow(tr("&Authentication:"), m_authentication);
    m_username = new QLineEdit(this);
    m_usernameLabel = new QLabel(tr("User &name:"), this);
    m_usernameLabel->setBuddy(m_username);
    form->addRow(m_usernameLabel, m_username);
    m_secret = new QLineEdit(this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretLabel = new QLabel(tr("&Password:"), this);
    m_secretLabel->setBuddy(m_secret);
    form->addRow(m_secretLabel, m_secret);
    m_scrapeInterval = new QSpinBox(this);
    m_scrapeInterval->setRange(1, 3600);
    m_scrapeInterval->setValue(15);
    m_scrapeInterval->setSuffix(tr(" s"));
    m_scrapeInterval->setToolTip(tr("The server's scrape interval; rate windows span at least four of them."));
    form->addRow(tr("&Scrape interval:"), m_scrapeInterval);
    m_verifyTls = new QCheckBox(tr("&Verify the TLS certificate"), this);
    m_verifyTls->setChecked(true);
    form->addRow(QString(), m_verifyTls);
    layout->addLayout(form);

    m_tlsWarning = new QLabel(tr("Without certificate verification, anyone on the network path can pose as the server "
                                 "and read its credentials. Turn it off only for a test server on a network you "
                                 "trust."),
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
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    layout->addWidget(m_buttons);

    connect(m_test, &QPushButton::clicked, this, &AttachPrometheusDialog::testConnection);
    connect(m_authentication, &QComboBox::currentIndexChanged, this, &AttachPrometheusDialog::updateFields);
    connect(m_verifyTls, &QCheckBox::toggled, this, &AttachPrometheusDialog::updateFields);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AttachPrometheusDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AttachPrometheusDialog::reject);
    updateFields();
    resize(520, sizeHint().height());
}

void AttachPrometheusDialog::setEndpoint(const PrometheusEndpoint &endpoint)
{
    setWindowTitle(tr("Edit Prometheus Server"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Save"));
    m_url->setText(endpoint.url.toString());
    m_authentication->setCurrentIndex(m_authentication->findData(int(endpoint.authentication)));
    m_username->setText(endpoint.username);
    m_secret->setText(endpoint.secret);
    m_verifyTls->setChecked(endpoint.verifyTls);
    m_scrapeInterval->setValue(endpoint.scrapeIntervalSeconds);
}

void AttachPrometheusDialog::setCheck(std::function<QString(const PrometheusEndpoint &)> check)
{
    m_check = std::move(check);
}

void AttachPrometheusDialog::updateFields()
{
    const auto authentication = PrometheusEndpoint::Authentication(m_authentication->currentData().toInt());
    const bool basic = authentication == PrometheusEndpoint::Authentication::Basic;
    m_usernameLabel->setVisible(basic);
    m_username->setVisible(basic);
    m_secretLabel->setVisible(authentication != PrometheusEndpoint::Authentication::None);
    m_secret->setVisible(authentication != PrometheusEndpoint::Authentication::None);
    m_secretLabel->setText(basic ? tr("&Password:") : tr("&Token:"));
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
}

std::optional<PrometheusEndpoint> AttachPrometheusDialog::endpoint(QString *error) const
{
    const std::optional<QUrl> url = EndpointUrl::parse(m_url->text(), error);
    if (!url)
        return std::nullopt;
    PrometheusEndpoint endpoint;
    endpoint.url = *url;
    endpoint.authentication = PrometheusEndpoint::Authentication(m_authentication->currentData().toInt());
    endpoint.verifyTls = m_verifyTls->isChecked();
    endpoint.scrapeIntervalSeconds = m_scrapeInterval->value();
    if (endpoint.authentication == PrometheusEndpoint::Authentication::Basic)
        endpoint.username = m_username->text().trimmed();
    if (endpoint.authentication != PrometheusEndpoint::Authentication::None)
        endpoint.secret = m_secret->text();
    if (endpoint.authentication == PrometheusEndpoint::Authentication::Basic && endpoint.username.isEmpty()) {
        if (error)
            *error = tr("Enter the user name for basic authentication, or choose another authentication.");
        return std::nullopt;
    }
    return endpoint;
}

QString AttachPrometheusDialog::testResult() const
{
    return m_result->text();
}

void AttachPrometheusDialog::testConnection()
{
    if (m_fetch)
        m_fetch->cancel();
    QString error;
    const std::optional<PrometheusEndpoint> server = endpoint(&error);
    if (!server) {
        m_result->setText(error);
        Q_EMIT testFinished(false);
        return;
    }
    FetchOptions options;
    options.maxBytes = 1024 * 1024;
    options.verifyTls = server->verifyTls;
    options.authorization = server->authorization();
    options.accept = "application/json";
    m_result->setText(tr("Connecting to %1…").arg(server->instance()));
    m_test->setEnabled(false);
    m_fetch = HttpFetch::get(m_network, server->url.resolved(QUrl(QStringLiteral("api/v1/status/buildinfo"))), options,
                             this);
    connect(m_fetch, &HttpFetch::finished, this, &AttachPrometheusDialog::showTestResult);
}

void AttachPrometheusDialog::showTestResult(const FetchResult &result)
{
    m_test->setEnabled(true);
    if (!result.ok()) {
        m_result->setText(result.error);
        Q_EMIT testFinished(false);
        return;
    }
    const QJsonObject response = QJsonDocument::fromJson(result.body).object();
    const QString version =
        response.value(QLatin1String("data")).toObject().value(QLatin1String("version")).toString();
    if (response.value(QLatin1String("status")).toString() != QLatin1String("success") || version.isEmpty()) {
        m_result->setText(tr("The server responded, but not like a Prometheus server. Check the URL."));
        Q_EMIT testFinished(false);
        return;
    }
    m_result->setText(tr("Connected: Prometheus %1, answered in %2 ms.").arg(version.left(40)).arg(result.elapsedMs));
    Q_EMIT testFinished(true);
}

void AttachPrometheusDialog::accept()
{
    QString error;
    const std::optional<PrometheusEndpoint> server = endpoint(&error);
    if (server && m_check)
        error = m_check(*server);
    if (!server || !error.isEmpty()) {
        m_result->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace umg
