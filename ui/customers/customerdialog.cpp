#include "customers/customerdialog.h"

#include "customers/customercsv.h"

#include <QCheckBox>
#include <QDate>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QVBoxLayout>

#include <chrono>

namespace umg {
namespace {

QString csvCell(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QDate toQDate(Date date)
{
    const std::chrono::year_month_day ymd(date);
    return QDate(int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())));
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QString formatNumber(double value)
{
    return QString::number(value, 'f', 2);
}

QDoubleSpinBox *moneyBox()
{
    auto *box = new QDoubleSpinBox;
    box->setRange(0, 1e9);
    box->setDecimals(2);
    box->setGroupSeparatorShown(true);
    return box;
}

QString stageLabel(OnboardingStage stage)
{
    switch (stage) {
    case OnboardingStage::Discovery:
        return CustomerDialog::tr("Discovery");
    case OnboardingStage::Setup:
        return CustomerDialog::tr("Setup");
    case OnboardingStage::Integration:
        return CustomerDialog::tr("Integration");
    case OnboardingStage::Launch:
        return CustomerDialog::tr("Launch");
    case OnboardingStage::Count:
        break;
    }
    return {};
}

} // namespace

CustomerDialog::CustomerDialog(Mode mode, std::function<bool(const QString &)> idTaken, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_idTaken(std::move(idTaken))
{
    setWindowTitle(mode == Mode::Add ? tr("Add pilot customer") : tr("Edit pilot customer"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_customerId = new QLineEdit(this);
    m_customerId->setPlaceholderText(tr("letters, digits, '.', '_' and '-', such as acme-games"));
    m_customerId->setReadOnly(mode == Mode::Edit);
    form->addRow(tr("Customer ID:"), m_customerId);

    m_company = new QLineEdit(this);
    form->addRow(tr("Company:"), m_company);

    m_plan = new QLineEdit(this);
    form->addRow(tr("Plan:"), m_plan);

    m_revenue = moneyBox();
    form->addRow(tr("Monthly recurring revenue:"), m_revenue);

    m_apps = new QLineEdit(this);
    m_apps->setPlaceholderText(tr("app ids separated by ';', such as com.example.game;id1234567890"));
    form->addRow(tr("Apps:"), m_apps);

    m_baselineCost = moneyBox();
    form->addRow(tr("Monthly cost before the pilot:"), m_baselineCost);
    m_currentCost = moneyBox();
    form->addRow(tr("Monthly cost with UnMoGrowP:"), m_currentCost);

    const QDate today = QDate::currentDate();
    for (int i = 0; i < int(OnboardingStage::Count); ++i) {
        auto *row = new QHBoxLayout;
        m_stageReached[std::size_t(i)] = new QCheckBox(tr("reached on"), this);
        m_stageDate[std::size_t(i)] = new QDateEdit(today, this);
        m_stageDate[std::size_t(i)]->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        m_stageDate[std::size_t(i)]->setCalendarPopup(true);
        m_stageDate[std::size_t(i)]->setEnabled(false);
        connect(m_stageReached[std::size_t(i)], &QCheckBox::toggled, m_stageDate[std::size_t(i)], &QWidget::setEnabled);
        row->addWidget(m_stageReached[std::size_t(i)]);
        row->addWidget(m_stageDate[std::size_t(i)], 1);
        form->addRow(stageLabel(OnboardingStage(i)) + QLatin1Char(':'), row);
    }

    m_surveys = new QLineEdit(this);
    m_surveys->setPlaceholderText(tr("date:score entries separated by ';', such as 2026-11-01:92;2026-11-15:95"));
    form->addRow(tr("Satisfaction surveys:"), m_surveys);

    m_tickets = new QLineEdit(this);
    m_tickets->setPlaceholderText(tr("id:severity:opened[:closed] separated by ';', such as T-7:high:2026-10-05"));
    form->addRow(tr("Support tickets:"), m_tickets);

    m_technical = new QCheckBox(tr("Technical success"), this);
    m_business = new QCheckBox(tr("Business success"), this);
    auto *flags = new QHBoxLayout;
    flags->addWidget(m_technical);
    flags->addWidget(m_business);
    flags->addStretch(1);
    form->addRow(tr("Success flags:"), flags);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    QPalette warning = m_message->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_message->setPalette(warning);
    layout->addWidget(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CustomerDialog::reject);
    layout->addWidget(buttons);
}

void CustomerDialog::setRecord(const CustomerRecord &record)
{
    m_customerId->setText(QString::fromStdString(record.customerId));
    m_company->setText(QString::fromStdString(record.companyName));
    m_plan->setText(QString::fromStdString(record.plan));
    m_revenue->setValue(record.monthlyRecurringRevenue);
    QStringList apps;
    for (const std::string &app : record.appIds)
        apps.append(QString::fromStdString(app));
    m_apps->setText(apps.join(QLatin1Char(';')));
    m_baselineCost->setValue(record.baselineCost);
    m_currentCost->setValue(record.currentCost);

    for (int i = 0; i < int(OnboardingStage::Count); ++i) {
        const std::optional<Date> date = record.stageDate(OnboardingStage(i));
        m_stageReached[std::size_t(i)]->setChecked(date.has_value());
        if (date)
            m_stageDate[std::size_t(i)]->setDate(toQDate(*date));
    }

    QStringList surveys;
    for (const SatisfactionSurvey &survey : record.surveys)
        surveys.append(QString::fromStdString(formatDate(survey.date)) + QLatin1Char(':')
                       + QString::number(survey.score));
    m_surveys->setText(surveys.join(QLatin1Char(';')));

    QStringList tickets;
    for (const SupportTicket &ticket : record.tickets) {
        QString text = QString::fromStdString(ticket.id) + QLatin1Char(':')
            + QString::fromLatin1(severityName(ticket.severity).data(), qsizetype(severityName(ticket.severity).size()))
            + QLatin1Char(':') + QString::fromStdString(formatDate(ticket.opened));
        if (ticket.closed)
            text += QLatin1Char(':') + QString::fromStdString(formatDate(*ticket.closed));
        tickets.append(text);
    }
    m_tickets->setText(tickets.join(QLatin1Char(';')));

    m_technical->setChecked(record.technicalSuccess);
    m_business->setChecked(record.businessSuccess);
}

QString CustomerDialog::csvRow() const
{
    QStringList stages;
    for (int i = 0; i < int(OnboardingStage::Count); ++i) {
        if (!m_stageReached[std::size_t(i)]->isChecked())
            continue;
        const std::string_view name = stageName(OnboardingStage(i));
        stages.append(QString::fromLatin1(name.data(), qsizetype(name.size())) + QLatin1Char(':')
                      + isoDate(m_stageDate[std::size_t(i)]->date()));
    }

    QMap<QString, QString> cells;
    cells.insert(QStringLiteral("customer_id"), m_customerId->text().trimmed());
    cells.insert(QStringLiteral("company"), m_company->text().trimmed());
    cells.insert(QStringLiteral("plan"), m_plan->text().trimmed());
    cells.insert(QStringLiteral("mrr"), formatNumber(m_revenue->value()));
    cells.insert(QStringLiteral("app_ids"), m_apps->text().remove(QLatin1Char(' ')));
    cells.insert(QStringLiteral("baseline_cost"), formatNumber(m_baselineCost->value()));
    cells.insert(QStringLiteral("current_cost"), formatNumber(m_currentCost->value()));
    cells.insert(QStringLiteral("surveys"), m_surveys->text().remove(QLatin1Char(' ')));
    cells.insert(QStringLiteral("stages"), stages.join(QLatin1Char(';')));
    cells.insert(QStringLiteral("tickets"), m_tickets->text().remove(QLatin1Char(' ')));
    cells.insert(QStringLiteral("technical_success"),
                 m_technical->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
    cells.insert(QStringLiteral("business_success"),
                 m_business->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));

    QStringList header;
    QStringList row;
    for (const std::string &column : customerCsvColumns()) {
        const QString name = QString::fromStdString(column);
        header.append(name);
        row.append(csvCell(cells.value(name)));
    }
    return header.join(QLatin1Char(',')) + QLatin1Char('\n') + row.join(QLatin1Char(',')) + QLatin1Char('\n');
}

QStringList CustomerDialog::validate()
{
    // The fields go through the CSV reader, so the dialog applies exactly
    // the rules and messages of an import.
    const QByteArray text = csvRow().toUtf8();
    const CsvParseResult parsed = parseCustomersCsv(std::string_view(text.constData(), std::size_t(text.size())));

    QStringList problems;
    for (const CsvRowError &error : parsed.errors)
        problems.append(QString::fromStdString(error.message));
    if (problems.isEmpty() && parsed.records.size() != 1)
        problems.append(tr("The customer could not be read from the fields; check every field and try again."));
    if (!problems.isEmpty())
        return problems;

    m_record = parsed.records.front();
    const QString id = QString::fromStdString(m_record.customerId);
    if (m_mode == Mode::Add && m_idTaken && m_idTaken(id))
        problems.append(tr("A customer with the ID \"%1\" exists already. Choose another ID, or close this dialog "
                           "and edit that customer.")
                            .arg(id));
    return problems;
}

void CustomerDialog::accept()
{
    const QStringList problems = validate();
    if (!problems.isEmpty()) {
        m_message->setText(problems.join(QLatin1Char('\n')));
        m_message->setVisible(true);
        return;
    }
    m_message->setVisible(false);
    QDialog::accept();
}

} // namespace umg
