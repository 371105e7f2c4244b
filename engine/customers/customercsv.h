#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "customers/customerrecord.h"

/// CSV form of the customer records, one row per customer (RFC 4180
/// quoting, comma separated, UTF-8, first line a header). Columns:
///
/// | column              | cell                                                        |
/// |---------------------|-------------------------------------------------------------|
/// | `customer_id`       | required; letters, digits, `.`, `_` and `-`; at most 64 characters |
/// | `company`           | required; at most 200 characters                            |
/// | `plan`              | free text, at most 100 characters                           |
/// | `mrr`               | monthly recurring revenue, a number such as `4500` or `4500.50`, from 0 to 1e12 |
/// | `app_ids`           | up to 100 app ids separated by `;`, each at most 200 characters |
/// | `baseline_cost`     | monthly cost before the pilot, from 0 to 1e12               |
/// | `current_cost`      | monthly cost with UnMoGrowP, from 0 to 1e12                 |
/// | `surveys`           | `date:score` entries separated by `;`, e.g. `2026-11-01:92;2026-11-15:95` |
/// | `stages`            | `Stage:date` entries, e.g. `Discovery:2026-10-01;Setup:2026-10-03` |
/// | `tickets`           | `id:severity:opened[:closed]` entries, e.g. `T-7:high:2026-10-05:2026-10-07;T-9:low:2026-10-20` (no closed date: still open) |
/// | `technical_success` | `true` or `false`                                           |
/// | `business_success`  | `true` or `false`                                           |
///
/// Ticket ids have at most 64 characters. Lengths count Unicode characters,
/// not bytes (the k...Length constants in customerrecord.h). Dates are
/// `YYYY-MM-DD`. Columns may come in any order; `customer_id` and
/// `company` are required, a missing optional column leaves its field
/// empty, and unknown columns are reported once and ignored. Empty lines
/// are skipped.
namespace umg {

/// Header names in the order formatCustomersCsv writes them.
const std::vector<std::string>& customerCsvColumns();

/// One problem found while reading a CSV file. `line` is the 1-based line
/// where the row starts (1 is the header); `column` is the column name, or
/// empty when the whole row or file is concerned. `message` is a full
/// sentence with the value and the fix.
struct CsvRowError {
    int line = 0;
    std::string column;
    std::string value;
    std::string message;
};

/// The rows of a CSV file that were read and the rows that were not.
struct CsvParseResult {
    /// Valid records with the line each came from, in file order.
    std::vector<CustomerRecord> records;
    std::vector<int> recordLines;
    /// Every problem found; a row with at least one problem is left out of `records`.
    std::vector<CsvRowError> errors;
    /// Rows that held data, valid or not.
    int dataRows = 0;
};

/// Parses CSV text. Every row is checked cell by cell and then with
/// validateRecord(); a customer id that appeared in an earlier row is an
/// error of the later row. Good rows are kept however many rows fail. A
/// missing required column or an unterminated quote fails the whole file
/// with one error. Never throws for bad input. Thread-safe.
CsvParseResult parseCustomersCsv(std::string_view text);

/// Formats records as CSV with the header of customerCsvColumns(). Lists
/// are written sorted by date; a cell is quoted when it contains a
/// comma, a quote or a line break. Thread-safe.
std::string formatCustomersCsv(const std::vector<CustomerRecord>& records);

} // namespace umg
