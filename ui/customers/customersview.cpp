#include "customers/customersview.h"

#include "customers/csvimportreportdialog.h"
#include "customers/customerdialog.h"
#include "customers/customerrepository.h"
#include "customers/customerslog.h"
#include "customers/customertablemodel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace umg {
namespace {

QToolButton *toolButton(const QString &text, const QIcon &icon, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setIcon(icon);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

CustomersView::CustomersView(CustomerRepository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_model(new CustomerTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("customers-view"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);

    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("Pilot customers"), this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);
    bar->addWidget(title);
    bar->addStretch(1);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search customers"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search customers"));
    bar->addWidget(m_search);

    auto *addButton = toolButton(tr("Add…"), style()->standardIcon(QStyle::SP_FileDialogNewFolder), this);
    m_editButton = toolButton(tr("Edit…"), style()->standardIcon(QStyle::SP_FileDialogDetailedView), this);
    m_removeButton = toolButton(tr("Remove"), style()->standardIcon(QStyle::SP_TrashIcon), this);
    auto *importButton = toolButton(tr("Import CSV…"), style()->standardIcon(QStyle::SP_DialogOpenButton), this);
    auto *exportButton = toolButton(tr("Export CSV…"), style()->standardIcon(QStyle::SP_DialogSaveButton), this);
    for (QToolButton *button : {addButton, m_editButton, m_removeButton, importButton, exportButton})
        bar->addWidget(button);
    layout->addLayout(bar);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(CustomerTableModel::kSortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(int(CustomerTableModel::Column::CustomerId), Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    m_summary = new QLabel(this);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_summary);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(addButton, &QToolButton::clicked, this, &CustomersView::addCustomer);
    connect(m_editButton, &QToolButton::clicked, this, &CustomersView::editSelectedCustomer);
    connect(m_removeButton, &QToolButton::clicked, this, &CustomersView::removeSelectedCustomer);
    connect(importButton, &QToolButton::clicked, this, &CustomersView::importWithDialog);
    connect(exportButton, &QToolButton::clicked, this, &CustomersView::exportWithDialog);
    connect(m_table, &QTableView::doubleClicked, this, &CustomersView::editSelectedCustomer);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CustomersView::updateActions);

    connect(m_repository, &CustomerRepository::recordsChanged, this, [this] {
        m_model->setRecords(m_repository->records());
        m_table->resizeColumnsToContents();
        m_summary->setText(tr("Pilot customers: %1. Hover over a health score to see its formula.")
                               .arg(m_repository->records().size()));
        updateActions();
    });
    connect(m_repository, &CustomerRepository::importFinished, this, &CustomersView::showImportReport);
    connect(m_repository, &CustomerRepository::exportFinished, this, [this](const QString &path) {
        m_summary->setText(tr("Exported the customers to %1.").arg(QDir::toNativeSeparators(path)));
    });

    m_model->setRecords(m_repository->records());
    updateActions();
}

QString CustomersView::selectedCustomerId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(CustomerTableModel::kCustomerIdRole).toString();
}

void CustomersView::updateActions()
{
    const bool selected = !selectedCustomerId().isEmpty();
    m_editButton->setEnabled(selected);
    m_removeButton->setEnabled(selected);
}

void CustomersView::addCustomer()
{
    auto *dialog = new CustomerDialog(
        CustomerDialog::Mode::Add, [this](const QString &id) { return m_repository->find(id) != nullptr; }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_repository->add(dialog->record()); });
    dialog->open();
}

void CustomersView::editSelectedCustomer()
{
    const CustomerRecord *record = m_repository->find(selectedCustomerId());
    if (!record)
        return;
    auto *dialog = new CustomerDialog(CustomerDialog::Mode::Edit, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRecord(*record);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_repository->update(dialog->record()); });
    dialog->open();
}

void CustomersView::removeSelectedCustomer()
{
    const QString id = selectedCustomerId();
    if (id.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove customer"),
                                tr("Remove the pilot customer %1? Its record is deleted from the customer database; "
                                   "export the customers first to keep a copy.")
                                    .arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, [this, id] { m_repository->remove(id); });
    box->open();
}

void CustomersView::importWithDialog()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import customers"), folder, tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        m_repository->importCsv(path);
}

void CustomersView::exportWithDialog()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export customers"),
                                                      QDir(folder).filePath(QStringLiteral("pilot-customers.csv")),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_repository->exportCsv(path);
}

void CustomersView::showImportReport(const QString &filePath, const CsvImportReport &report)
{
    auto *dialog = new CsvImportReportDialog(filePath, report, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_summary->setText(dialog->summaryText());
    Q_EMIT importReportShown(dialog);
    dialog->open();
}

} // namespace umg
