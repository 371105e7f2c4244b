#include "customers/customerrepository.h"

#include "customers/customerslog.h"

#include "customers/customerrecord.h"
#include "storage/store.h"

#include <QDir>
#include <QFileInfo>
#include <QThreadPool>

#include <chrono>

namespace umg {
namespace {

Date today()
{
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

QString issuesText(const std::vector<ValidationIssue> &issues)
{
    QStringList lines;
    for (const ValidationIssue &issue : issues)
        lines.append(QString::fromStdString(issue.message));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

CustomerRepository::CustomerRepository(QObject *parent)
    : QObject(parent)
    , m_worker(new QThreadPool(this))
{
    m_worker->setMaxThreadCount(1);
    m_worker->setObjectName(QStringLiteral("umg-customer-store"));
}

CustomerRepository::~CustomerRepository()
{
    m_worker->waitForDone();
}

void CustomerRepository::waitForIdle()
{
    m_worker->waitForDone();
}

const CustomerRecord *CustomerRepository::find(const QString &customerId) const
{
    const std::string id = customerId.toStdString();
    for (const CustomerRecord &record : m_records) {
        if (record.customerId == id)
            return &record;
    }
    return nullptr;
}

void CustomerRepository::open(const QString &path, bool seedDemo)
{
    m_path = path;
    m_worker->start([this, path, seedDemo] {
        try {
            QDir().mkpath(QFileInfo(path).absolutePath());
            m_store = std::make_shared<CustomerStore>(path.toStdString());
            if (seedDemo && m_store->seedDemoCustomers(today()))
                qCInfo(lcCustomers) << "stored the demo customers in" << path;
        } catch (const std::exception &error) {
            qCWarning(lcCustomers) << "cannot open the customer database" << path << error.what();
            postFailure(tr("The customer database %1 could not be opened: %2. Close other UnMoGrowP consoles that use "
                           "it, or start the console with --data-dir and another folder.")
                            .arg(QDir::toNativeSeparators(path), QString::fromUtf8(error.what())));
            return;
        }
        // A stored record that breaks the record rules fails the read; the
        // store stays open, so that a CSV import can replace the record.
        try {
            postRecords(m_store->all());
        } catch (const std::exception &error) {
            qCWarning(lcCustomers) << "cannot read the customers" << path << error.what();
            postFailure(tr("The customers could not be read from %1: %2.")
                            .arg(QDir::toNativeSeparators(path), QString::fromUtf8(error.what())));
        }
    });
}

void CustomerRepository::add(const CustomerRecord &record)
{
    run(tr("Customer %1 was not added").arg(QString::fromStdString(record.customerId)),
        [record](CustomerStore &store) { store.add(record); }, true);
}

void CustomerRepository::update(const CustomerRecord &record)
{
    run(tr("Customer %1 was not saved").arg(QString::fromStdString(record.customerId)),
        [record](CustomerStore &store) { store.update(record); }, true);
}

void CustomerRepository::remove(const QString &customerId)
{
    run(tr("Customer %1 was not removed").arg(customerId),
        [id = customerId.toStdString()](CustomerStore &store) { store.remove(id); }, true);
}

void CustomerRepository::importCsv(const QString &filePath)
{
    run(tr("%1 was not imported").arg(QDir::toNativeSeparators(filePath)),
        [this, filePath](CustomerStore &store) {
            const CsvImportReport report = store.importCsvFile(filePath.toStdString());
            qCInfo(lcCustomers) << "imported" << filePath << "added" << report.added << "updated" << report.updated
                                << "rows with errors" << report.errors.size();
            QMetaObject::invokeMethod(
                this, [this, filePath, report] { Q_EMIT importFinished(filePath, report); }, Qt::QueuedConnection);
        },
        true);
}

void CustomerRepository::exportCsv(const QString &filePath)
{
    run(tr("The customers were not exported to %1").arg(QDir::toNativeSeparators(filePath)),
        [this, filePath](CustomerStore &store) {
            store.exportCsvFile(filePath.toStdString());
            qCInfo(lcCustomers) << "exported the customers to" << filePath;
            QMetaObject::invokeMethod(
                this, [this, filePath] { Q_EMIT exportFinished(filePath); }, Qt::QueuedConnection);
        },
        false);
}

void CustomerRepository::run(const QString &action, StoreTask task, bool reload)
{
    // The destructor waits for the worker, so `this` outlives every task.
    m_worker->start([this, action, task = std::move(task), reload] {
        if (!m_store) {
            postFailure(tr("%1: the customer database is not open.").arg(action));
            return;
        }
        try {
            task(*m_store);
        } catch (const CustomerValidationError &error) {
            qCWarning(lcCustomers) << action << error.what();
            postFailure(tr("%1 because the record is not valid:\n%2").arg(action, issuesText(error.issues())));
        } catch (const StoreError &error) {
            qCWarning(lcCustomers) << action << error.what();
            postFailure(tr("%1: %2. Check that the disk is not full and that no other UnMoGrowP console writes to "
                           "%3.")
                            .arg(action, QString::fromUtf8(error.what()), QDir::toNativeSeparators(m_path)));
        } catch (const std::exception &error) {
            qCWarning(lcCustomers) << action << error.what();
            postFailure(tr("%1: %2").arg(action, QString::fromUtf8(error.what())));
        }
        if (!reload)
            return;
        try {
            postRecords(m_store->all());
        } catch (const std::exception &error) {
            qCWarning(lcCustomers) << "cannot reload the customers" << error.what();
            postFailure(tr("The customers could not be read from %1: %2.")
                            .arg(QDir::toNativeSeparators(m_path), QString::fromUtf8(error.what())));
        }
    });
}

void CustomerRepository::postRecords(std::vector<CustomerRecord> records)
{
    QMetaObject::invokeMethod(
        this,
        [this, records = std::move(records)]() mutable {
            m_records = std::move(records);
            m_loaded = true;
            Q_EMIT recordsChanged();
        },
        Qt::QueuedConnection);
}

void CustomerRepository::postFailure(const QString &message)
{
    QMetaObject::invokeMethod(this, [this, message] { Q_EMIT operationFailed(message); }, Qt::QueuedConnection);
}

} // namespace umg
