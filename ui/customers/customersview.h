#pragma once

#include "customers/customerstore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace umg {

class CustomerRepository;
class CustomerTableModel;

/// The Customers view: a searchable, sortable table of the pilot-customer
/// records with add, edit, remove, CSV import and CSV export. Changes go
/// through the CustomerRepository, which writes them on its worker thread.
class CustomersView : public QWidget
{
    Q_OBJECT

public:
    explicit CustomersView(CustomerRepository *repository, QWidget *parent = nullptr);

    CustomerTableModel *tableModel() const { return m_model; }
    QSortFilterProxyModel *proxyModel() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }

    /// Opens the dialog to add a customer.
    void addCustomer();
    /// Opens the dialog to edit the selected customer.
    void editSelectedCustomer();
    void removeSelectedCustomer();
    /// Asks for a CSV file and imports it.
    void importWithDialog();
    void exportWithDialog();

    /// Shows the outcome of an import, with a table of the rows that were
    /// skipped. Public so that tests can check the dialog's content.
    void showImportReport(const QString &filePath, const CsvImportReport &report);

Q_SIGNALS:
    /// Emitted with the import summary dialog before it is shown.
    void importReportShown(QWidget *dialog);

private:
    void updateActions();
    QString selectedCustomerId() const;

    CustomerRepository *m_repository = nullptr;
    CustomerTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_editButton = nullptr;
    QToolButton *m_removeButton = nullptr;
};

} // namespace umg
