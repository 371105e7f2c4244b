#include "customers/customertablemodel.h"

#include "customers/healthscore.h"
#include "widgets/valueformat.h"

#include <QLocale>

#include <chrono>
#include <cmath>

namespace umg {
namespace {

// A health score of 70 or more is healthy, the same line the dashboards draw.
const ThresholdPolicy kHealthPolicy = ThresholdPolicy::higherIsBetter(70, 10);

QString stageText(OnboardingStage stage)
{
    switch (stage) {
    case OnboardingStage::Discovery:
        return CustomerTableModel::tr("Discovery");
    case OnboardingStage::Setup:
        return CustomerTableModel::tr("Setup");
    case OnboardingStage::Integration:
        return CustomerTableModel::tr("Integration");
    case OnboardingStage::Launch:
        return CustomerTableModel::tr("Launch");
    case OnboardingStage::Count:
        break;
    }
    return {};
}

} // namespace

CustomerTableModel::CustomerTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_today(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()))
{
}

void CustomerTableModel::setToday(Date today)
{
    m_today = today;
    computeDerived();
    if (!m_records.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void CustomerTableModel::setRecords(const std::vector<CustomerRecord> &records)
{
    bool sameIds = records.size() == m_records.size();
    for (std::size_t i = 0; sameIds && i < records.size(); ++i)
        sameIds = records[i].customerId == m_records[i].customerId;

    if (!sameIds) {
        beginResetModel();
        m_records = records;
        computeDerived();
        endResetModel();
        return;
    }
    m_records = records;
    computeDerived();
    if (!m_records.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void CustomerTableModel::computeDerived()
{
    m_derived.clear();
    m_derived.reserve(m_records.size());
    for (const CustomerRecord &record : m_records) {
        const HealthScore health = computeHealthScore(record, m_today);
        Derived derived;
        derived.healthScore = health.score;
        derived.healthFormula = QString::fromStdString(health.formula);
        derived.openTickets = record.openTickets(m_today);
        if (const std::optional<OnboardingStage> stage = record.currentStage(m_today)) {
            derived.stage = stageText(*stage);
            derived.stageOrder = int(*stage);
        }
        m_derived.push_back(derived);
    }
}

const CustomerRecord *CustomerTableModel::recordAt(int row) const
{
    return row >= 0 && std::size_t(row) < m_records.size() ? &m_records[std::size_t(row)] : nullptr;
}

int CustomerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int CustomerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CustomerTableModel::displayData(int row, Column column) const
{
    const CustomerRecord &record = m_records[std::size_t(row)];
    const Derived &derived = m_derived[std::size_t(row)];
    const QLocale locale;
    switch (column) {
    case Column::CustomerId:
        return QString::fromStdString(record.customerId);
    case Column::Company:
        return QString::fromStdString(record.companyName);
    case Column::Plan:
        return QString::fromStdString(record.plan);
    case Column::MonthlyRevenue:
        return locale.toString(record.monthlyRecurringRevenue, 'f', 0);
    case Column::Apps: {
        QStringList apps;
        for (const std::string &app : record.appIds)
            apps.append(QString::fromStdString(app));
        return apps.join(QStringLiteral(", "));
    }
    case Column::Stage:
        return derived.stage.isEmpty() ? tr("Not started") : derived.stage;
    case Column::Satisfaction: {
        const std::optional<double> score = record.latestSatisfaction(m_today);
        return score ? formatValue(*score, 1, QStringLiteral("%")) : tr("No survey");
    }
    case Column::CostSavings: {
        const std::optional<double> savings = record.costSavingsPercent();
        return savings ? formatValue(*savings, 1, QStringLiteral("%")) : tr("No baseline");
    }
    case Column::OpenTickets:
        return derived.openTickets;
    case Column::TechnicalSuccess:
        return record.technicalSuccess ? tr("Yes") : tr("No");
    case Column::BusinessSuccess:
        return record.businessSuccess ? tr("Yes") : tr("No");
    case Column::HealthScore:
        return formatValue(derived.healthScore, 1, QString());
    case Column::Count:
        break;
    }
    return {};
}

QVariant CustomerTableModel::sortData(int row, Column column) const
{
    const CustomerRecord &record = m_records[std::size_t(row)];
    const Derived &derived = m_derived[std::size_t(row)];
    switch (column) {
    case Column::MonthlyRevenue:
        return record.monthlyRecurringRevenue;
    case Column::Stage:
        return derived.stageOrder;
    case Column::Satisfaction:
        return record.latestSatisfaction(m_today).value_or(-1.0);
    case Column::CostSavings:
        return record.costSavingsPercent().value_or(-1e9);
    case Column::OpenTickets:
        return derived.openTickets;
    case Column::TechnicalSuccess:
        return int(record.technicalSuccess);
    case Column::BusinessSuccess:
        return int(record.businessSuccess);
    case Column::HealthScore:
        return derived.healthScore;
    default:
        return displayData(row, column);
    }
}

QVariant CustomerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto column = Column(index.column());
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case kSortRole:
        return sortData(row, column);
    case kCustomerIdRole:
        return QString::fromStdString(m_records[std::size_t(row)].customerId);
    case Qt::ToolTipRole:
        if (column == Column::HealthScore)
            return m_derived[std::size_t(row)].healthFormula;
        return {};
    case Qt::ForegroundRole:
        if (column == Column::HealthScore)
            return m_colors.color(kHealthPolicy.evaluate(m_derived[std::size_t(row)].healthScore));
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case Column::MonthlyRevenue:
        case Column::Satisfaction:
        case Column::CostSavings:
        case Column::OpenTickets:
        case Column::HealthScore:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CustomerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::CustomerId:
        return tr("Customer ID");
    case Column::Company:
        return tr("Company");
    case Column::Plan:
        return tr("Plan");
    case Column::MonthlyRevenue:
        return tr("MRR");
    case Column::Apps:
        return tr("Apps");
    case Column::Stage:
        return tr("Stage");
    case Column::Satisfaction:
        return tr("Satisfaction");
    case Column::CostSavings:
        return tr("Cost savings");
    case Column::OpenTickets:
        return tr("Open tickets");
    case Column::TechnicalSuccess:
        return tr("Technical success");
    case Column::BusinessSuccess:
        return tr("Business success");
    case Column::HealthScore:
        return tr("Health score");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace umg
