#include "validation/validationview.h"

#include "remote/nodeclient.h"
#include "remote/nodefleet.h"
#include "validation/validationmodel.h"
#include "validation/validationrunner.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace umg {
namespace {

// Base URL without the trailing slash that the console's endpoints keep.
QString baseUrlText(const QUrl &url)
{
    return url.adjusted(QUrl::StripTrailingSlash).toString();
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

ValidationView::ValidationView(NodeFleet *fleet, QWidget *parent)
    : QWidget(parent)
    , m_fleet(fleet)
    , m_model(new ValidationModel(this))
    , m_runner(new ValidationRunner(this))
{
    setObjectName(QStringLiteral("validation-view"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Checks a running stack of Prometheus, Alertmanager and UnMoGrowP nodes, as "
                                "unmogrowp-node validate does. Requests go only to the URLs below and to the "
                                "Alertmanagers that Prometheus reports."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_prometheus = new QLineEdit(this);
    m_prometheus->setObjectName(QStringLiteral("validation-prometheus"));
    m_prometheus->setPlaceholderText(QStringLiteral("http://127.0.0.1:9090"));
    connect(m_prometheus, &QLineEdit::textEdited, this, [this] { m_prometheusEdited = true; });
    form->addRow(tr("&Prometheus URL:"), m_prometheus);
    m_nodes = new QLineEdit(this);
    m_nodes->setObjectName(QStringLiteral("validation-nodes"));
    m_nodes->setPlaceholderText(tr("Optional: node URLs separated by spaces, such as http://127.0.0.1:8080"));
    connect(m_nodes, &QLineEdit::textEdited, this, [this] { m_nodesEdited = true; });
    form->addRow(tr("&Node URLs:"), m_nodes);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("validation-token"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Optional: bearer token the nodes require"));
    form->addRow(tr("Node &token:"), m_token);
    layout->addLayout(form);

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setObjectName(QStringLiteral("validation-run"));
    connect(m_run, &QPushButton::clicked, this, &ValidationView::run);
    buttons->addWidget(m_run);
    m_stop = new QPushButton(tr("&Stop"), this);
    connect(m_stop, &QPushButton::clicked, m_runner, &ValidationRunner::stop);
    buttons->addWidget(m_stop);
    m_totals = new QLabel(tr("Not run yet."), this);
    m_totals->setObjectName(QStringLiteral("validation-totals"));
    buttons->addWidget(m_totals, 1);
    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("validation-time"));
    buttons->addWidget(m_time);
    layout->addLayout(buttons);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("validation-error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();
    layout->addWidget(m_error);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("validation-table"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    connect(m_runner, &ValidationRunner::checkFinished, m_model, &ValidationModel::setResult);
    connect(m_runner, &ValidationRunner::finished, this, &ValidationView::onFinished);
    connect(m_runner, &ValidationRunner::failed, this, [this](const QString &message) {
        showError(message);
        updateButtons();
    });
    if (m_fleet) {
        connect(m_fleet, &NodeFleet::prometheusServersChanged, this, &ValidationView::fillDefaults);
        connect(m_fleet, &NodeFleet::nodesChanged, this, &ValidationView::fillDefaults);
    }
    fillDefaults();
    updateButtons();
    m_table->resizeColumnsToContents();
}

void ValidationView::fillDefaults()
{
    if (!m_fleet)
        return;
    if (!m_prometheusEdited) {
        const QList<PrometheusEndpoint> servers = m_fleet->prometheusServers();
        m_prometheus->setText(servers.isEmpty() ? QString() : baseUrlText(servers.first().url));
    }
    if (!m_nodesEdited) {
        QStringList urls;
        QString token;
        for (const NodeClient *node : m_fleet->nodes()) {
            urls.append(baseUrlText(node->endpoint().url));
            // The validation sends one token to every node.
            if (token.isEmpty())
                token = node->endpoint().token;
        }
        m_nodes->setText(urls.join(QLatin1Char(' ')));
        if (m_token->text().isEmpty())
            m_token->setText(token);
    }
}

QString ValidationView::prometheusUrl() const
{
    return m_prometheus->text().trimmed();
}

void ValidationView::setPrometheusUrl(const QString &url)
{
    m_prometheusEdited = true;
    m_prometheus->setText(url);
}

QStringList ValidationView::nodeUrls() const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    return m_nodes->text().split(separators, Qt::SkipEmptyParts);
}

void ValidationView::setNodeUrls(const QStringList &urls)
{
    m_nodesEdited = true;
    m_nodes->setText(urls.join(QLatin1Char(' ')));
}

bool ValidationView::run()
{
    if (m_runner->isRunning())
        return false;
    if (prometheusUrl().isEmpty()) {
        showError(tr("Enter Prometheus's URL, such as http://127.0.0.1:9090, or attach a Prometheus data source "
                     "with File > Attach Prometheus…."));
        return false;
    }
    validation::ValidationOptions options;
    options.prometheusUrl = prometheusUrl().toStdString();
    for (const QString &url : nodeUrls())
        options.nodeUrls.push_back(url.toStdString());
    options.nodeToken = m_token->text().trimmed().toStdString();

    showError({});
    m_model->clearResults();
    m_totals->setText(tr("Running…"));
    m_time->setText(tr("Started %1").arg(timeText(QDateTime::currentMSecsSinceEpoch())));
    const bool started = m_runner->start(options);
    updateButtons();
    return started;
}

void ValidationView::onFinished(const validation::ValidationReport &report)
{
    m_lastReport = report;
    const std::size_t total = validation::checkDefinitions().size();
    QString totals = tr("%1 passed, %2 warnings, %3 failed of %4 checks.")
                         .arg(report.count(validation::CheckStatus::Pass))
                         .arg(report.count(validation::CheckStatus::Warning))
                         .arg(report.count(validation::CheckStatus::Fail))
                         .arg(total);
    if (report.stopped)
        totals += QLatin1Char(' ') + tr("Stopped before the remaining checks.");
    m_totals->setText(totals);
    m_time->setText(tr("Run at %1, took %2 s")
                        .arg(timeText(report.startedAtMs))
                        .arg(double(report.finishedAtMs - report.startedAtMs) / 1000.0, 0, 'f', 1));
    m_table->resizeColumnsToContents();
    updateButtons();
    Q_EMIT runFinished(report);
}

void ValidationView::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        m_totals->setText(tr("Not run."));
}

void ValidationView::updateButtons()
{
    m_run->setEnabled(!m_runner->isRunning());
    m_stop->setEnabled(m_runner->isRunning());
}

} // namespace umg
