#pragma once

#include "validation/validation.h"

#include <QAbstractTableModel>

#include <optional>

namespace umg {

/// The checks of the stack validation as a table: every check of
/// validation::checkDefinitions() with its target, and status, measured
/// value and advice once it ran.
class ValidationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SectionColumn, CheckColumn, StatusColumn, MeasuredColumn, TargetColumn, AdviceColumn,
                  ColumnCount };
    /// The check's id, such as `targets.engine_up`.
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit ValidationModel(QObject *parent = nullptr);

    /// Forgets every result.
    void clearResults();
    void setResult(const validation::CheckResult &result);
    /// The result of the check with `id`, if it ran.
    std::optional<validation::CheckResult> result(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<std::optional<validation::CheckResult>> m_results; // in checkDefinitions() order
};

/// Translated name of a check status: "Pass", "Warning" or "Fail".
QString checkStatusText(validation::CheckStatus status);

} // namespace umg
