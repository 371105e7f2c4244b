#pragma once

#include "customers/customerrecord.h"

#include <QDialog>

#include <array>
#include <functional>

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace umg {

/// Dialog to add a pilot customer or edit one. The lists (surveys, tickets)
/// are typed in the notation of the customer CSV format. OK checks the
/// record with the same rules as a CSV import and keeps the dialog open,
/// listing every problem in plain words, until the record is valid.
class CustomerDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit };

    /// `idTaken` returns whether a customer id is already stored; it is
    /// asked in Add mode only.
    CustomerDialog(Mode mode, std::function<bool(const QString &)> idTaken, QWidget *parent = nullptr);

    /// Fills the fields from `record`.
    void setRecord(const CustomerRecord &record);
    /// The record built from the fields; valid once the dialog was accepted.
    CustomerRecord record() const { return m_record; }

    /// Builds the record from the fields and returns the problems found, one
    /// sentence each; an empty list means the record is valid. Also called by OK.
    QStringList validate();

    /// Field widgets, for tests.
    QLineEdit *customerIdEdit() const { return m_customerId; }
    QLineEdit *companyEdit() const { return m_company; }
    QLineEdit *appsEdit() const { return m_apps; }
    QLineEdit *surveysEdit() const { return m_surveys; }
    QLineEdit *ticketsEdit() const { return m_tickets; }
    QDoubleSpinBox *revenueEdit() const { return m_revenue; }
    QLabel *messageLabel() const { return m_message; }

    void accept() override;

private:
    QString csvRow() const;

    Mode m_mode;
    std::function<bool(const QString &)> m_idTaken;
    CustomerRecord m_record;

    QLineEdit *m_customerId = nullptr;
    QLineEdit *m_company = nullptr;
    QLineEdit *m_plan = nullptr;
    QDoubleSpinBox *m_revenue = nullptr;
    QLineEdit *m_apps = nullptr;
    QDoubleSpinBox *m_baselineCost = nullptr;
    QDoubleSpinBox *m_currentCost = nullptr;
    std::array<QCheckBox *, std::size_t(OnboardingStage::Count)> m_stageReached{};
    std::array<QDateEdit *, std::size_t(OnboardingStage::Count)> m_stageDate{};
    QLineEdit *m_surveys = nullptr;
    QLineEdit *m_tickets = nullptr;
    QCheckBox *m_technical = nullptr;
    QCheckBox *m_business = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace umg
