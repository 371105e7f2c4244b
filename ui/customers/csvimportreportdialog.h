#pragma once

#include "customers/customerstore.h"

#include <QAbstractTableModel>
#include <QDialog>

namespace umg {

/// Rows of a CSV import that were skipped: line, column, value and message.
class CsvRowErrorModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column { Line, Field, Value, Problem, Count };

    explicit CsvRowErrorModel(std::vector<CsvRowError> errors, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<CsvRowError> m_errors;
};

/// Summary of a CSV import: how many customers were added and updated, and
/// a table of the rows that were skipped with what to fix in each.
class CsvImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    CsvImportReportDialog(const QString &filePath, const CsvImportReport &report, QWidget *parent = nullptr);

    CsvRowErrorModel *errorModel() const { return m_model; }
    QString summaryText() const { return m_summaryText; }

private:
    CsvRowErrorModel *m_model = nullptr;
    QString m_summaryText;
};

} // namespace umg
