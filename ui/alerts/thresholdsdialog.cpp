#include "alerts/thresholdsdialog.h"

#include "promql/ast.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <stdexcept>

namespace umg {
namespace {

enum Column { NameColumn, ValueColumn, DefaultColumn, UnitColumn, DescriptionColumn, ColumnCount };

QString numberText(double value)
{
    return QString::fromStdString(promql::formatNumber(value));
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

ThresholdsDialog::ThresholdsDialog(const alerts::Thresholds &thresholds, QWidget *parent)
    : QDialog(parent)
    , m_thresholds(thresholds)
{
    setWindowTitle(tr("Alert Thresholds"));
    setObjectName(QStringLiteral("thresholds-dialog"));
    resize(980, 640);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The alert rules compare the metrics with these values. The console evaluates with "
                                "them, and File > Export writes them into the rule file and the server stack."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const std::vector<alerts::ThresholdDefinition> &definitions = alerts::thresholdDefinitions();
    m_table = new QTableWidget(int(definitions.size()), ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Threshold"), tr("Value"), tr("Default"), tr("Unit"), tr("Description")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < int(definitions.size()); ++row) {
        const alerts::ThresholdDefinition &definition = definitions[row];
        m_table->setItem(row, NameColumn, readOnlyItem(QString::fromUtf8(definition.name)));
        m_table->setItem(row, ValueColumn, new QTableWidgetItem);
        m_table->setItem(row, DefaultColumn, readOnlyItem(numberText(definition.defaultValue)));
        m_table->setItem(row, UnitColumn, readOnlyItem(QString::fromUtf8(definition.unit)));
        m_table->setItem(row, DescriptionColumn, readOnlyItem(QString::fromUtf8(definition.description)));
    }
    layout->addWidget(m_table, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("thresholds-error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *load = buttons->addButton(tr("&Load File…"), QDialogButtonBox::ActionRole);
    load->setToolTip(tr("Read NAME=VALUE lines, as unmogrowp-node --thresholds-file does"));
    connect(load, &QPushButton::clicked, this, &ThresholdsDialog::loadFileWithDialog);
    QPushButton *defaults = buttons->addButton(tr("Restore &Defaults"), QDialogButtonBox::ResetRole);
    connect(defaults, &QPushButton::clicked, this, [this] { showThresholds(alerts::Thresholds()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &ThresholdsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ThresholdsDialog::reject);
    layout->addWidget(buttons);

    showThresholds(thresholds);
    m_table->resizeColumnsToContents();
}

void ThresholdsDialog::showThresholds(const alerts::Thresholds &thresholds)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const std::string name = m_table->item(row, NameColumn)->text().toStdString();
        m_table->item(row, ValueColumn)->setText(numberText(thresholds.value(name)));
    }
    m_error->hide();
}

bool ThresholdsDialog::loadFile(const QString &path)
{
    alerts::Thresholds loaded;
    try {
        loaded.loadFile(path.toStdString());
    } catch (const std::exception &error) {
        m_error->setText(tr("The thresholds file was not loaded: %1").arg(QString::fromUtf8(error.what())));
        m_error->show();
        return false;
    }
    showThresholds(loaded);
    return true;
}

void ThresholdsDialog::loadFileWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Alert Thresholds"), {},
                                                      tr("Threshold files (*.conf *.txt *.env);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void ThresholdsDialog::accept()
{
    alerts::Thresholds thresholds;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, NameColumn)->text();
        const QString text = m_table->item(row, ValueColumn)->text().trimmed();
        try {
            thresholds.set(name.toStdString(), text.toStdString());
        } catch (const std::invalid_argument &error) {
            m_error->setText(tr("Row %1 (%2): %3").arg(row + 1).arg(name, QString::fromUtf8(error.what())));
            m_error->show();
            m_table->setCurrentCell(row, ValueColumn);
            return;
        }
    }
    m_thresholds = thresholds;
    QDialog::accept();
}

} // namespace umg
