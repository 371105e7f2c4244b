#include "validation/validationmodel.h"

#include <QColor>

namespace umg {
namespace {

QString qtText(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QColor statusColor(validation::CheckStatus status)
{
    switch (status) {
    case validation::CheckStatus::Pass:
        return QColor(0x2e, 0x7d, 0x32);
    case validation::CheckStatus::Warning:
        return QColor(0xe6, 0x8a, 0x00);
    case validation::CheckStatus::Fail:
    case validation::CheckStatus::Count:
        break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace

QString checkStatusText(validation::CheckStatus status)
{
    switch (status) {
    case validation::CheckStatus::Pass:
        return ValidationModel::tr("Pass");
    case validation::CheckStatus::Warning:
        return ValidationModel::tr("Warning");
    case validation::CheckStatus::Fail:
    case validation::CheckStatus::Count:
        break;
    }
    return ValidationModel::tr("Fail");
}

ValidationModel::ValidationModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_results(validation::checkDefinitions().size())
{
}

void ValidationModel::clearResults()
{
    beginResetModel();
    m_results.assign(validation::checkDefinitions().size(), std::nullopt);
    endResetModel();
}

void ValidationModel::setResult(const validation::CheckResult &result)
{
    const std::vector<validation::CheckDefinition> &definitions = validation::checkDefinitions();
    for (std::size_t row = 0; row < definitions.size(); ++row) {
        if (definitions[row].id == result.id) {
            m_results[row] = result;
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
            return;
        }
    }
}

std::optional<validation::CheckResult> ValidationModel::result(const QString &id) const
{
    const std::string key = id.toStdString();
    const std::vector<validation::CheckDefinition> &definitions = validation::checkDefinitions();
    for (std::size_t row = 0; row < definitions.size(); ++row) {
        if (definitions[row].id == key)
            return m_results[row];
    }
    return std::nullopt;
}

int ValidationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ValidationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ValidationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_results.size()))
        return {};
    const validation::CheckDefinition &definition = validation::checkDefinitions()[index.row()];
    const std::optional<validation::CheckResult> &result = m_results[index.row()];
    if (role == IdRole)
        return qtText(definition.id);

    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SectionColumn:
            return qtText(validation::sectionTitle(definition.section));
        case CheckColumn:
            return qtText(definition.name);
        case StatusColumn:
            return result ? checkStatusText(result->status) : tr("Not run");
        case MeasuredColumn:
            return result ? QString::fromStdString(result->measured) : QString();
        case TargetColumn:
            return qtText(definition.target);
        case AdviceColumn:
            return result ? QString::fromStdString(result->advice) : QString();
        }
    } else if (role == Qt::BackgroundRole && index.column() == StatusColumn && result) {
        return statusColor(result->status);
    } else if (role == Qt::ForegroundRole && index.column() == StatusColumn && result) {
        return QColor(Qt::white);
    }
    return {};
}

QVariant ValidationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SectionColumn:
        return tr("Section");
    case CheckColumn:
        return tr("Check");
    case StatusColumn:
        return tr("Status");
    case MeasuredColumn:
        return tr("Measured");
    case TargetColumn:
        return tr("Target");
    case AdviceColumn:
        return tr("What to do");
    }
    return {};
}

} // namespace umg
