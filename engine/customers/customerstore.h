#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "customers/customercsv.h"
#include "customers/customerrecord.h"

namespace umg {

/// Outcome of a CSV import.
struct CsvImportReport {
    int added = 0;
    /// Rows whose customer id was already stored; they replace the stored record.
    int updated = 0;
    /// Data rows in the file, good or bad.
    int dataRows = 0;
    /// Problems of the rows that were not imported (see CsvRowError).
    std::vector<CsvRowError> errors;
};

/// The pilot-customer records in SQLite (WAL mode). The file may be shared
/// with the metric history or the engine's store; the customer records keep
/// to their own tables.
///
/// Every write validates the record (validateRecord) and runs in one
/// transaction. All member functions are thread-safe; they share one
/// connection behind a mutex, which suits the handful of records a pilot
/// programme has.
class CustomerStore {
public:
    /// Opens or creates the store at `path` and migrates its schema. Throws
    /// StoreError (storage/store.h) when the database cannot be opened,
    /// created or migrated.
    explicit CustomerStore(const std::string& path);
    ~CustomerStore();
    CustomerStore(const CustomerStore&) = delete;
    CustomerStore& operator=(const CustomerStore&) = delete;

    const std::string& path() const;

    /// Adds a new customer. Throws CustomerValidationError for an invalid
    /// record or a customer id that is already stored, StoreError when the
    /// write fails.
    void add(const CustomerRecord& record);
    /// Replaces the stored customer with the same id. Throws
    /// CustomerValidationError for an invalid record or an unknown id,
    /// StoreError when the write fails.
    void update(const CustomerRecord& record);
    /// Adds the customer or replaces the stored one with the same id.
    /// Returns true when it was added. Throws like add().
    bool addOrUpdate(const CustomerRecord& record);
    /// Removes a customer; returns false when the id is unknown. Throws StoreError.
    bool remove(std::string_view customerId);
    /// Removes every customer. Throws StoreError.
    void clear();

    /// Returns the customer with `customerId`, or nullopt. Throws StoreError.
    std::optional<CustomerRecord> find(std::string_view customerId) const;
    /// Returns every customer sorted by customer id, lists sorted by date. Throws StoreError.
    std::vector<CustomerRecord> all() const;
    std::size_t count() const;

    /// Imports CSV text (format: customercsv.h). Good rows are stored in
    /// one transaction, replacing stored customers with the same id; bad
    /// rows are reported and skipped. Throws StoreError when the write fails.
    CsvImportReport importCsv(std::string_view csvText);
    /// Reads and imports the file at `filePath`. Throws std::runtime_error
    /// when the file cannot be read, and StoreError.
    CsvImportReport importCsvFile(const std::string& filePath);
    /// Returns every customer as CSV text.
    std::string exportCsv() const;
    /// Writes every customer as CSV to `filePath`, replacing the file.
    /// Throws std::runtime_error when the file cannot be written.
    void exportCsvFile(const std::string& filePath) const;

    /// Stores the demo customers (demoCustomerRecords) when the store is
    /// empty. Returns whether it did.
    bool seedDemoCustomers(Date today);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace umg
