#pragma once

#include "customers/customerstore.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QThreadPool;

namespace umg {

/// The GUI's copy of the pilot-customer records, kept in step with the
/// CustomerStore on disk.
///
/// Every store operation runs on a private worker thread, so the GUI never
/// waits on SQLite. After each change the worker reloads all records and
/// hands them to the GUI thread, which replaces records() and emits
/// recordsChanged(). Operations run in the order they were requested.
class CustomerRepository : public QObject
{
    Q_OBJECT

public:
    explicit CustomerRepository(QObject *parent = nullptr);
    /// Waits for the operation in progress, so that no write is lost at exit.
    ~CustomerRepository() override;

    /// Opens (or creates) the store at `path` and loads the records. With
    /// `seedDemo`, an empty store gets the five demo customers first.
    void open(const QString &path, bool seedDemo);
    QString path() const { return m_path; }
    /// True once the first load finished.
    bool isLoaded() const { return m_loaded; }

    /// The records as last loaded, sorted by customer id.
    const std::vector<CustomerRecord> &records() const { return m_records; }
    /// Returns the record with `customerId`, or null.
    const CustomerRecord *find(const QString &customerId) const;

    void add(const CustomerRecord &record);
    void update(const CustomerRecord &record);
    void remove(const QString &customerId);
    /// Imports a CSV file; good rows are kept, bad rows are reported
    /// through importFinished().
    void importCsv(const QString &filePath);
    void exportCsv(const QString &filePath);

    /// Blocks until every requested operation has finished. For tests and
    /// shutdown only.
    void waitForIdle();

Q_SIGNALS:
    void recordsChanged();
    /// A translated message naming what failed and the fix.
    void operationFailed(const QString &message);
    void importFinished(const QString &filePath, const umg::CsvImportReport &report);
    void exportFinished(const QString &filePath);

private:
    using StoreTask = std::function<void(CustomerStore &)>;

    void run(const QString &action, StoreTask task, bool reload);
    void postRecords(std::vector<CustomerRecord> records);
    void postFailure(const QString &message);

    QThreadPool *m_worker = nullptr;
    std::shared_ptr<CustomerStore> m_store; // used on the worker thread only
    QString m_path;
    std::vector<CustomerRecord> m_records;
    bool m_loaded = false;
};

} // namespace umg
