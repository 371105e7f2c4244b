#include "alerts/stackexportdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace umg {

StackExportDialog::StackExportDialog(const QString &folder, const QStringList &nodeUrls, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Server Stack"));
    setObjectName(QStringLiteral("stack-export-dialog"));
    resize(640, 420);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Writes prometheus.yml, the alerting rules with the console's thresholds, "
                                "alertmanager.yml and the Grafana dashboards, as unmogrowp-node export stack does."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto *folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(folder, this);
    m_folder->setObjectName(QStringLiteral("stack-folder"));
    folderRow->addWidget(m_folder, 1);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getExistingDirectory(this, tr("Folder of the Server Stack"),
                                                                 m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(chosen);
    });
    folderRow->addWidget(browse);
    form->addRow(tr("&Folder:"), folderRow);

    m_nodes = new QPlainTextEdit(nodeUrls.join(QLatin1Char('\n')), this);
    m_nodes->setObjectName(QStringLiteral("stack-nodes"));
    m_nodes->setPlaceholderText(tr("http://10.0.0.5:9464\nhttp://10.0.0.6:8080/metrics"));
    m_nodes->setToolTip(tr("One metrics URL per line: a node's --metrics-listen exposer, or its HTTP API with the "
                           "path /metrics"));
    form->addRow(tr("&Node URLs:"), m_nodes);

    m_tokenFile = new QLineEdit(this);
    m_tokenFile->setObjectName(QStringLiteral("stack-token-file"));
    m_tokenFile->setPlaceholderText(tr("Optional, such as /etc/prometheus/unmogrowp-token"));
    m_tokenFile->setToolTip(tr("Path on the Prometheus host of the file with the nodes' bearer token; needed to "
                               "scrape the HTTP API of nodes started with --token-file"));
    form->addRow(tr("&Token file:"), m_tokenFile);
    layout->addLayout(form, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("stack-error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StackExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &StackExportDialog::reject);
    layout->addWidget(buttons);
}

QString StackExportDialog::folder() const
{
    return m_folder->text().trimmed();
}

QStringList StackExportDialog::nodeUrls() const
{
    QStringList urls;
    for (const QString &line : m_nodes->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            urls.append(line.trimmed());
    }
    return urls;
}

QString StackExportDialog::nodeTokenFile() const
{
    return m_tokenFile->text().trimmed();
}

void StackExportDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void StackExportDialog::accept()
{
    if (folder().isEmpty()) {
        showError(tr("Choose the folder for the stack's files."));
        return;
    }
    if (nodeUrls().isEmpty()) {
        showError(tr("Enter at least one node URL, such as http://127.0.0.1:9464."));
        return;
    }
    QDialog::accept();
}

} // namespace umg
