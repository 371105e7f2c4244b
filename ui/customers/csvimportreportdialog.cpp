#include "customers/csvimportreportdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace umg {

CsvRowErrorModel::CsvRowErrorModel(std::vector<CsvRowError> errors, QObject *parent)
    : QAbstractTableModel(parent)
    , m_errors(std::move(errors))
{
}

int CsvRowErrorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_errors.size());
}

int CsvRowErrorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CsvRowErrorModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const CsvRowError &error = m_errors[std::size_t(index.row())];
    switch (Column(index.column())) {
    case Column::Line:
        return error.line;
    case Column::Field:
        return QString::fromStdString(error.column);
    case Column::Value:
        return QString::fromStdString(error.value);
    case Column::Problem:
        return QString::fromStdString(error.message);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CsvRowErrorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Line:
        return tr("Line");
    case Column::Field:
        return tr("Column");
    case Column::Value:
        return tr("Value");
    case Column::Problem:
        return tr("Problem");
    case Column::Count:
        break;
    }
    return {};
}

CsvImportReportDialog::CsvImportReportDialog(const QString &filePath, const CsvImportReport &report, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("CSV import"));
    auto *layout = new QVBoxLayout(this);

    const int skipped = std::max(report.dataRows - report.added - report.updated, 0);
    m_summaryText = tr("Imported %1: customers added: %2, updated: %3, rows skipped: %4.")
                        .arg(QDir::toNativeSeparators(filePath))
                        .arg(report.added)
                        .arg(report.updated)
                        .arg(skipped);
    if (skipped > 0 || !report.errors.empty())
        m_summaryText += QLatin1Char(' ')
            + tr("Fix the rows listed below and import the file again; customers imported already are replaced, "
                 "not added twice.");

    auto *summary = new QLabel(m_summaryText, this);
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::PlainText);
    layout->addWidget(summary);

    m_model = new CsvRowErrorModel(report.errors, this);
    if (!report.errors.empty()) {
        auto *table = new QTableView(this);
        table->setModel(m_model);
        table->verticalHeader()->setVisible(false);
        table->horizontalHeader()->setStretchLastSection(true);
        table->setWordWrap(true);
        table->resizeColumnsToContents();
        layout->addWidget(table, 1);
        resize(820, 360);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace umg
