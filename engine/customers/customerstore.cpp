#include "customers/customerstore.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "customers/democustomers.h"
#include "history/sqlitedatabase.h"
#include "storage/store.h"
#include "util/log.h"

namespace umg {

namespace {

using detail::SqliteDatabase;
using detail::SqliteStatement;
using detail::SqliteTransaction;

constexpr std::string_view kLogCategory = "customers";

// Each entry migrates the customer schema from version i to i + 1. Dates
// are stored as YYYY-MM-DD text; list tables keep the order of entry.
const char* const kMigrations[] = {
    R"sql(
    CREATE TABLE customers (
        customer_id       TEXT PRIMARY KEY,
        company           TEXT NOT NULL,
        plan              TEXT NOT NULL,
        mrr               REAL NOT NULL,
        baseline_cost     REAL NOT NULL,
        current_cost      REAL NOT NULL,
        technical_success INTEGER NOT NULL,
        business_success  INTEGER NOT NULL
    );
    CREATE TABLE customer_apps (
        customer_id TEXT NOT NULL REFERENCES customers (customer_id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        app_id      TEXT NOT NULL,
        PRIMARY KEY (customer_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE customer_surveys (
        customer_id TEXT NOT NULL REFERENCES customers (customer_id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        survey_date TEXT NOT NULL,
        score       REAL NOT NULL,
        PRIMARY KEY (customer_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE customer_stages (
        customer_id TEXT NOT NULL REFERENCES customers (customer_id) ON DELETE CASCADE,
        stage       TEXT NOT NULL,
        stage_date  TEXT NOT NULL,
        PRIMARY KEY (customer_id, stage)
    ) WITHOUT ROWID;
    CREATE TABLE customer_tickets (
        customer_id TEXT NOT NULL REFERENCES customers (customer_id) ON DELETE CASCADE,
        ticket_id   TEXT NOT NULL,
        severity    TEXT NOT NULL,
        opened      TEXT NOT NULL,
        closed      TEXT,
        PRIMARY KEY (customer_id, ticket_id)
    ) WITHOUT ROWID;
    )sql",
};

void sortLists(CustomerRecord& record)
{
    std::stable_sort(record.surveys.begin(), record.surveys.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
    std::stable_sort(record.stages.begin(), record.stages.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.stage < b.stage;
    });
    std::stable_sort(record.tickets.begin(), record.tickets.end(),
                     [](const auto& a, const auto& b) { return a.opened < b.opened; });
}

void throwIfInvalid(const CustomerRecord& record)
{
    std::vector<ValidationIssue> issues = validateRecord(record);
    if (!issues.empty())
        throw CustomerValidationError(std::move(issues));
}

} // namespace

struct CustomerStore::Private {
    std::string path;
    mutable std::mutex mutex;
    std::unique_ptr<SqliteDatabase> db;

    bool exists(std::string_view customerId);
    void write(const CustomerRecord& record);
    void erase(std::string_view customerId);
    std::vector<CustomerRecord> read(std::optional<std::string_view> onlyCustomer);

    // Reads a stored amount or score. A value that SQLite stores as text, such
    // as "NaN", fails with the table, column and customer named. The range is
    // checked later with the whole record, in checkStoredRecord().
    double storedNumber(const SqliteStatement& statement, int column, std::string_view table,
                        std::string_view columnName, std::string_view customerId) const
    {
        if (statement.isNumber(column))
            return statement.real(column);
        throw StoreError("database " + path + ": table " + std::string(table) + " has the non-numeric value \""
                         + std::string(statement.text(column)) + "\" in column " + std::string(columnName)
                         + " for customer " + std::string(customerId)
                         + "; correct it or import the customers again from CSV");
    }

    // Applies the rules of validateRecord() to a record read from the file,
    // which another program may have written.
    void checkStoredRecord(const CustomerRecord& record) const
    {
        const std::vector<ValidationIssue> issues = validateRecord(record);
        if (issues.empty())
            return;
        // An id that breaks the length limit is shown in part, like the values in the issues.
        std::string shownId = record.customerId;
        if (shownId.size() > kMaxCustomerIdLength) {
            std::size_t cut = kMaxCustomerIdLength;
            while (cut > 0 && (static_cast<unsigned char>(shownId[cut]) & 0xC0) == 0x80)
                --cut;
            shownId = shownId.substr(0, cut) + "...";
        }
        std::string message = "database " + path + ": the stored customer " + shownId + " is not valid:";
        for (const ValidationIssue& issue : issues)
            message += "\n" + issue.message;
        message += "\nCorrect these values in the database or import the customer again from CSV "
                   "with valid values.";
        throw StoreError(message);
    }

    // Reads a stored date; a damaged value fails with the table and customer named.
    Date storedDate(std::string_view text, std::string_view table, std::string_view customerId) const
    {
        if (const std::optional<Date> date = parseDate(text))
            return *date;
        throw StoreError("database " + path + ": table " + std::string(table) + " has the invalid date \""
                         + std::string(text) + "\" for customer " + std::string(customerId)
                         + "; correct it or import the customers again from CSV");
    }
};

bool CustomerStore::Private::exists(std::string_view customerId)
{
    SqliteStatement& statement = db->prepare("SELECT 1 FROM customers WHERE customer_id = ?1");
    const bool found = statement.bind(1, customerId).step();
    statement.reset();
    return found;
}

void CustomerStore::Private::erase(std::string_view customerId)
{
    db->prepare("DELETE FROM customers WHERE customer_id = ?1").bind(1, customerId).run();
}

// Replaces the stored rows of the record's customer. Runs inside a transaction.
void CustomerStore::Private::write(const CustomerRecord& record)
{
    erase(record.customerId);
    db->prepare("INSERT INTO customers (customer_id, company, plan, mrr, baseline_cost, current_cost, "
                "technical_success, business_success) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, record.customerId)
        .bind(2, record.companyName)
        .bind(3, record.plan)
        .bind(4, record.monthlyRecurringRevenue)
        .bind(5, record.baselineCost)
        .bind(6, record.currentCost)
        .bind(7, std::int64_t{record.technicalSuccess})
        .bind(8, std::int64_t{record.businessSuccess})
        .run();

    SqliteStatement& app = db->prepare("INSERT INTO customer_apps (customer_id, position, app_id) VALUES (?1, ?2, ?3)");
    for (std::size_t i = 0; i < record.appIds.size(); ++i)
        app.bind(1, record.customerId).bind(2, static_cast<std::int64_t>(i)).bind(3, record.appIds[i]).run();

    SqliteStatement& survey = db->prepare(
        "INSERT INTO customer_surveys (customer_id, position, survey_date, score) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < record.surveys.size(); ++i) {
        survey.bind(1, record.customerId)
            .bind(2, static_cast<std::int64_t>(i))
            .bind(3, formatDate(record.surveys[i].date))
            .bind(4, record.surveys[i].score)
            .run();
    }

    SqliteStatement& stage =
        db->prepare("INSERT INTO customer_stages (customer_id, stage, stage_date) VALUES (?1, ?2, ?3)");
    for (const StageEntry& entry : record.stages)
        stage.bind(1, record.customerId).bind(2, stageName(entry.stage)).bind(3, formatDate(entry.date)).run();

    SqliteStatement& ticket = db->prepare(
        "INSERT INTO customer_tickets (customer_id, ticket_id, severity, opened, closed) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const SupportTicket& entry : record.tickets) {
        ticket.bind(1, record.customerId)
            .bind(2, entry.id)
            .bind(3, severityName(entry.severity))
            .bind(4, formatDate(entry.opened));
        if (entry.closed)
            ticket.bind(5, formatDate(*entry.closed));
        else
            ticket.bindNull(5);
        ticket.run();
    }
}

std::vector<CustomerRecord> CustomerStore::Private::read(std::optional<std::string_view> onlyCustomer)
{
    // ?1 IS NULL selects every customer.
    const std::string filter = " WHERE (?1 IS NULL OR customer_id = ?1) ";
    auto bindFilter = [&onlyCustomer](SqliteStatement& statement) {
        if (onlyCustomer)
            statement.bind(1, *onlyCustomer);
        else
            statement.bindNull(1);
    };

    std::vector<CustomerRecord> records;
    std::map<std::string, std::size_t, std::less<>> indexOf;
    db->execute("BEGIN");
    try {
        SqliteStatement& customers = db->prepare("SELECT customer_id, company, plan, mrr, baseline_cost, current_cost, "
                                                 "technical_success, business_success FROM customers"
                                                 + filter + "ORDER BY customer_id");
        bindFilter(customers);
        while (customers.step()) {
            CustomerRecord record;
            record.customerId = std::string(customers.text(0));
            record.companyName = std::string(customers.text(1));
            record.plan = std::string(customers.text(2));
            record.monthlyRecurringRevenue = storedNumber(customers, 3, "customers", "mrr", record.customerId);
            record.baselineCost = storedNumber(customers, 4, "customers", "baseline_cost", record.customerId);
            record.currentCost = storedNumber(customers, 5, "customers", "current_cost", record.customerId);
            record.technicalSuccess = customers.integer(6) != 0;
            record.businessSuccess = customers.integer(7) != 0;
            indexOf.emplace(record.customerId, records.size());
            records.push_back(std::move(record));
        }
        customers.reset();

        auto recordOf = [&](std::string_view customerId) -> CustomerRecord* {
            auto it = indexOf.find(customerId);
            return it == indexOf.end() ? nullptr : &records[it->second];
        };

        SqliteStatement& apps =
            db->prepare("SELECT customer_id, app_id FROM customer_apps" + filter + "ORDER BY customer_id, position");
        bindFilter(apps);
        while (apps.step()) {
            if (CustomerRecord* record = recordOf(apps.text(0)))
                record->appIds.emplace_back(apps.text(1));
        }
        apps.reset();

        SqliteStatement& surveys = db->prepare("SELECT customer_id, survey_date, score FROM customer_surveys" + filter
                                               + "ORDER BY customer_id, position");
        bindFilter(surveys);
        while (surveys.step()) {
            if (CustomerRecord* record = recordOf(surveys.text(0)))
                record->surveys.push_back(
                    {storedDate(surveys.text(1), "customer_surveys", surveys.text(0)),
                     storedNumber(surveys, 2, "customer_surveys", "score", record->customerId)});
        }
        surveys.reset();

        SqliteStatement& stages =
            db->prepare("SELECT customer_id, stage, stage_date FROM customer_stages" + filter + "ORDER BY customer_id");
        bindFilter(stages);
        while (stages.step()) {
            CustomerRecord* record = recordOf(stages.text(0));
            const std::optional<OnboardingStage> stage = parseStage(stages.text(1));
            if (!record)
                continue;
            if (!stage) {
                throw StoreError("database " + path + ": table customer_stages has the unknown stage \""
                                 + std::string(stages.text(1)) + "\" for customer " + record->customerId
                                 + "; correct it or import the customers again from CSV");
            }
            record->stages.push_back({*stage, storedDate(stages.text(2), "customer_stages", record->customerId)});
        }
        stages.reset();

        SqliteStatement& tickets = db->prepare("SELECT customer_id, ticket_id, severity, opened, closed "
                                               "FROM customer_tickets" + filter + "ORDER BY customer_id");
        bindFilter(tickets);
        while (tickets.step()) {
            CustomerRecord* record = recordOf(tickets.text(0));
            if (!record)
                continue;
            const std::optional<TicketSeverity> severity = parseSeverity(tickets.text(2));
            if (!severity) {
                throw StoreError("database " + path + ": table customer_tickets has the unknown severity \""
                                 + std::string(tickets.text(2)) + "\" for customer " + record->customerId
                                 + "; correct it or import the customers again from CSV");
            }
            SupportTicket ticket;
            ticket.id = std::string(tickets.text(1));
            ticket.severity = *severity;
            ticket.opened = storedDate(tickets.text(3), "customer_tickets", record->customerId);
            if (!tickets.isNull(4))
                ticket.closed = storedDate(tickets.text(4), "customer_tickets", record->customerId);
            record->tickets.push_back(std::move(ticket));
        }
        tickets.reset();
        db->execute("COMMIT");
    } catch (...) {
        db->rollback();
        throw;
    }

    for (CustomerRecord& record : records) {
        sortLists(record);
        checkStoredRecord(record);
    }
    return records;
}

CustomerStore::CustomerStore(const std::string& path) : d(std::make_unique<Private>())
{
    d->path = path;
    d->db = std::make_unique<SqliteDatabase>(path);
    d->db->migrate("customers", kMigrations);
}

CustomerStore::~CustomerStore() = default;

const std::string& CustomerStore::path() const
{
    return d->path;
}

void CustomerStore::add(const CustomerRecord& record)
{
    throwIfInvalid(record);
    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    if (d->exists(record.customerId)) {
        throw CustomerValidationError({{"customer_id", record.customerId,
                                        "customer_id is \"" + record.customerId
                                            + "\": a customer with this id is already stored; "
                                              "choose another id or edit the stored customer"}});
    }
    d->write(record);
    transaction.commit();
}

void CustomerStore::update(const CustomerRecord& record)
{
    throwIfInvalid(record);
    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    if (!d->exists(record.customerId)) {
        throw CustomerValidationError({{"customer_id", record.customerId,
                                        "customer_id is \"" + record.customerId
                                            + "\": no customer with this id is stored; add the customer first"}});
    }
    d->write(record);
    transaction.commit();
}

bool CustomerStore::addOrUpdate(const CustomerRecord& record)
{
    throwIfInvalid(record);
    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    const bool added = !d->exists(record.customerId);
    d->write(record);
    transaction.commit();
    return added;
}

bool CustomerStore::remove(std::string_view customerId)
{
    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    const bool found = d->exists(customerId);
    if (found)
        d->erase(customerId);
    transaction.commit();
    return found;
}

void CustomerStore::clear()
{
    std::lock_guard lock(d->mutex);
    d->db->execute("DELETE FROM customers");
}

std::optional<CustomerRecord> CustomerStore::find(std::string_view customerId) const
{
    std::lock_guard lock(d->mutex);
    std::vector<CustomerRecord> records = d->read(customerId);
    if (records.empty())
        return std::nullopt;
    return std::move(records.front());
}

std::vector<CustomerRecord> CustomerStore::all() const
{
    std::lock_guard lock(d->mutex);
    return d->read(std::nullopt);
}

std::size_t CustomerStore::count() const
{
    std::lock_guard lock(d->mutex);
    SqliteStatement& statement = d->db->prepare("SELECT count(*) FROM customers");
    statement.step();
    const auto count = static_cast<std::size_t>(statement.integer(0));
    statement.reset();
    return count;
}

CsvImportReport CustomerStore::importCsv(std::string_view csvText)
{
    CsvParseResult parsed = parseCustomersCsv(csvText);
    CsvImportReport report;
    report.dataRows = parsed.dataRows;
    report.errors = std::move(parsed.errors);

    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    for (const CustomerRecord& record : parsed.records) {
        if (d->exists(record.customerId))
            ++report.updated;
        else
            ++report.added;
        d->write(record);
    }
    transaction.commit();

    log::info(kLogCategory, "customer CSV imported",
              {{"path", d->path},
               {"rows", report.dataRows},
               {"added", report.added},
               {"updated", report.updated},
               {"errors", report.errors.size()}});
    return report;
}

CsvImportReport CustomerStore::importCsvFile(const std::string& filePath)
{
    std::ifstream file(filePath, std::ios::binary);
    if (!file) {
        throw std::runtime_error("cannot read customer CSV file " + filePath + ": " + std::strerror(errno)
                                 + "; check the path and its permissions");
    }
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad())
        throw std::runtime_error("reading customer CSV file " + filePath + " failed: " + std::strerror(errno));
    return importCsv(text.str());
}

std::string CustomerStore::exportCsv() const
{
    return formatCustomersCsv(all());
}

void CustomerStore::exportCsvFile(const std::string& filePath) const
{
    const std::string text = exportCsv();
    // Write a temporary file and rename it, so that a failed export leaves the old file intact.
    const std::string temporaryPath = filePath + ".tmp";
    {
        std::ofstream file(temporaryPath, std::ios::binary | std::ios::trunc);
        if (!file) {
            throw std::runtime_error("cannot write customer CSV file " + temporaryPath + ": " + std::strerror(errno)
                                     + "; check that the folder exists and is writable");
        }
        file << text;
        file.flush();
        if (!file) {
            std::remove(temporaryPath.c_str());
            throw std::runtime_error("writing customer CSV file " + temporaryPath + " failed: " + std::strerror(errno)
                                     + "; check the free disk space");
        }
    }
    if (std::rename(temporaryPath.c_str(), filePath.c_str()) != 0) {
        const int error = errno;
        std::remove(temporaryPath.c_str());
        throw std::runtime_error("cannot replace customer CSV file " + filePath + ": " + std::strerror(error));
    }
}

bool CustomerStore::seedDemoCustomers(Date today)
{
    const std::vector<CustomerRecord> records = demoCustomerRecords(today);
    std::lock_guard lock(d->mutex);
    SqliteTransaction transaction(*d->db);
    SqliteStatement& count = d->db->prepare("SELECT count(*) FROM customers");
    count.step();
    const bool empty = count.integer(0) == 0;
    count.reset();
    if (!empty)
        return false;
    for (const CustomerRecord& record : records)
        d->write(record);
    transaction.commit();
    log::info(kLogCategory, "demo customers stored", {{"path", d->path}, {"customers", records.size()}});
    return true;
}

} // namespace umg
