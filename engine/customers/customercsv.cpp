#include "customers/customercsv.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace umg {

namespace {

enum class Column {
    CustomerId,
    Company,
    Plan,
    Mrr,
    AppIds,
    BaselineCost,
    CurrentCost,
    Surveys,
    Stages,
    Tickets,
    TechnicalSuccess,
    BusinessSuccess,
    Count
};

const std::vector<std::string> kColumnNames = {
    "customer_id", "company",  "plan",    "mrr",     "app_ids",           "baseline_cost",
    "current_cost", "surveys", "stages",  "tickets", "technical_success", "business_success",
};

/// One CSV record with the line it starts on.
struct CsvRow {
    int line = 0;
    std::vector<std::string> cells;
};

/// Splits CSV text into records. Returns an error message for an
/// unterminated quote, naming the line where the quoted cell starts.
std::optional<std::string> splitRecords(std::string_view text, std::vector<CsvRow>& rows)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);

    int line = 1;
    CsvRow row{line, {}};
    std::string cell;
    bool quoted = false;
    bool cellWasQuoted = false;
    int quoteLine = 0;

    auto endCell = [&] {
        row.cells.push_back(std::move(cell));
        cell.clear();
        cellWasQuoted = false;
    };
    auto endRow = [&] {
        endCell();
        rows.push_back(std::move(row));
        row = CsvRow{line, {}};
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                cell += c;
            }
            continue;
        }
        if (c == '"' && cell.empty() && !cellWasQuoted) {
            quoted = true;
            cellWasQuoted = true;
            quoteLine = line;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            ++line;
            endRow();
        } else {
            cell += c;
        }
    }
    if (quoted)
        return "a quoted cell that starts on line " + std::to_string(quoteLine)
            + " has no closing quote; add the closing \" or double the quotes inside the cell";
    if (!cell.empty() || !row.cells.empty() || cellWasQuoted)
        endRow();
    return std::nullopt;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> splitList(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        parts.push_back(trim(text.substr(start, end - start)));
        start = end + 1;
    }
    return parts;
}

std::optional<double> parseNumber(std::string_view text)
{
    double value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::string formatNumber(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string columnOfField(std::string_view field)
{
    return std::string(field.substr(0, field.find_first_of("[.")));
}

/// Reads the cells of one row into a record, collecting cell errors.
class RowReader {
public:
    RowReader(int line, std::vector<CsvRowError>& errors) : m_line(line), m_errors(errors) {}

    bool failed() const { return m_failed; }

    void error(Column column, std::string_view value, std::string message)
    {
        m_errors.push_back({m_line, kColumnNames[static_cast<std::size_t>(column)], std::string(value),
                            "line " + std::to_string(m_line) + ", column "
                                + kColumnNames[static_cast<std::size_t>(column)] + ": " + std::move(message)});
        m_failed = true;
    }

    double amount(Column column, std::string_view cell)
    {
        if (cell.empty())
            return 0;
        if (const std::optional<double> value = parseNumber(cell))
            return *value;
        error(column, cell, "\"" + std::string(cell) + "\" is not a number; write digits with '.' as the decimal "
                                                        "separator and no currency sign, such as 4500.50");
        return 0;
    }

    bool flag(Column column, std::string_view cell)
    {
        std::string lower(cell);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
        if (lower.empty() || lower == "false" || lower == "no" || lower == "0")
            return false;
        if (lower == "true" || lower == "yes" || lower == "1")
            return true;
        error(column, cell, "\"" + std::string(cell) + "\" is not a yes/no value; write true or false");
        return false;
    }

    std::optional<Date> date(Column column, std::string_view entry, std::string_view text)
    {
        if (const std::optional<Date> value = parseDate(text))
            return value;
        error(column, entry, "\"" + std::string(text) + "\" in entry \"" + std::string(entry)
                                 + "\" is not a valid date; write YYYY-MM-DD, such as 2026-11-01");
        return std::nullopt;
    }

    void surveys(std::string_view cell, CustomerRecord& record)
    {
        for (std::string_view entry : splitList(cell, ';')) {
            if (entry.empty())
                continue;
            const std::vector<std::string_view> parts = splitList(entry, ':');
            if (parts.size() != 2) {
                error(Column::Surveys, entry, "entry \"" + std::string(entry)
                                                  + "\" is not date:score; write entries such as 2026-11-01:92");
                continue;
            }
            const std::optional<Date> day = date(Column::Surveys, entry, parts[0]);
            const std::optional<double> score = parseNumber(parts[1]);
            if (!score) {
                error(Column::Surveys, entry, "score \"" + std::string(parts[1]) + "\" in entry \"" + std::string(entry)
                                                  + "\" is not a number; write the score as 0 to 100, such as 92");
            }
            if (day && score)
                record.surveys.push_back({*day, *score});
        }
    }

    void stages(std::string_view cell, CustomerRecord& record)
    {
        for (std::string_view entry : splitList(cell, ';')) {
            if (entry.empty())
                continue;
            const std::vector<std::string_view> parts = splitList(entry, ':');
            if (parts.size() != 2) {
                error(Column::Stages, entry, "entry \"" + std::string(entry)
                                                 + "\" is not Stage:date; write entries such as Discovery:2026-10-01");
                continue;
            }
            const std::optional<OnboardingStage> stage = parseStage(parts[0]);
            if (!stage) {
                error(Column::Stages, entry, "stage \"" + std::string(parts[0]) + "\" in entry \"" + std::string(entry)
                                                 + "\" is unknown; use Discovery, Setup, Integration or Launch");
            }
            const std::optional<Date> day = date(Column::Stages, entry, parts[1]);
            if (stage && day)
                record.stages.push_back({*stage, *day});
        }
    }

    void tickets(std::string_view cell, CustomerRecord& record)
    {
        for (std::string_view entry : splitList(cell, ';')) {
            if (entry.empty())
                continue;
            const std::vector<std::string_view> parts = splitList(entry, ':');
            if (parts.size() != 3 && parts.size() != 4) {
                error(Column::Tickets, entry,
                      "entry \"" + std::string(entry)
                          + "\" is not id:severity:opened[:closed]; write entries such as T-7:high:2026-10-05:2026-10-07,"
                            " or T-9:low:2026-10-20 for an open ticket");
                continue;
            }
            SupportTicket ticket;
            ticket.id = std::string(parts[0]);
            const std::optional<TicketSeverity> severity = parseSeverity(parts[1]);
            if (!severity) {
                error(Column::Tickets, entry, "severity \"" + std::string(parts[1]) + "\" in entry \""
                                                  + std::string(entry) + "\" is unknown; use low, medium, high or critical");
            }
            const std::optional<Date> opened = date(Column::Tickets, entry, parts[2]);
            std::optional<Date> closed;
            bool closedValid = true;
            if (parts.size() == 4 && !parts[3].empty()) {
                closed = date(Column::Tickets, entry, parts[3]);
                closedValid = closed.has_value();
            }
            if (severity && opened && closedValid) {
                ticket.severity = *severity;
                ticket.opened = *opened;
                ticket.closed = closed;
                record.tickets.push_back(std::move(ticket));
            }
        }
    }

private:
    int m_line;
    std::vector<CsvRowError>& m_errors;
    bool m_failed = false;
};

std::string quoteCell(std::string_view cell)
{
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos && trim(cell).size() == cell.size())
        return std::string(cell);
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string joinCells(const std::vector<std::string>& cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += ',';
        line += quoteCell(cells[i]);
    }
    return line;
}

} // namespace

const std::vector<std::string>& customerCsvColumns()
{
    return kColumnNames;
}

CsvParseResult parseCustomersCsv(std::string_view text)
{
    CsvParseResult result;
    std::vector<CsvRow> rows;
    if (const std::optional<std::string> failure = splitRecords(text, rows)) {
        result.errors.push_back({0, {}, {}, *failure});
        return result;
    }
    std::erase_if(rows, [](const CsvRow& row) { return row.cells.size() == 1 && trim(row.cells[0]).empty(); });
    if (rows.empty()) {
        result.errors.push_back({1, {}, {}, "the file has no header line; start it with the line "
                                                + joinCells(kColumnNames)});
        return result;
    }

    // Map header names to record fields.
    const CsvRow& header = rows.front();
    std::vector<std::optional<Column>> columnOf(header.cells.size());
    std::map<Column, std::size_t> indexOf;
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        const std::string name(trim(header.cells[i]));
        auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
        if (known == kColumnNames.end()) {
            result.errors.push_back({header.line, name, name, "line " + std::to_string(header.line) + ": column \""
                                         + name + "\" is unknown and is ignored; the known columns are "
                                         + joinCells(kColumnNames)});
            continue;
        }
        const auto column = static_cast<Column>(known - kColumnNames.begin());
        if (indexOf.contains(column)) {
            result.errors.push_back({header.line, name, name, "line " + std::to_string(header.line) + ": column \""
                                         + name + "\" appears twice; remove one of them"});
            return result;
        }
        indexOf[column] = i;
        columnOf[i] = column;
    }
    for (Column required : {Column::CustomerId, Column::Company}) {
        if (!indexOf.contains(required)) {
            const std::string& name = kColumnNames[static_cast<std::size_t>(required)];
            result.errors.push_back({header.line, name, {}, "line " + std::to_string(header.line)
                                         + ": the required column \"" + name + "\" is missing; add it to the header"});
            return result;
        }
    }

    std::map<std::string, int> lineOfCustomer;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        ++result.dataRows;
        if (row.cells.size() != header.cells.size()) {
            result.errors.push_back({row.line, {}, {}, "line " + std::to_string(row.line) + ": the row has "
                                         + std::to_string(row.cells.size()) + " cells but the header has "
                                         + std::to_string(header.cells.size())
                                         + " columns; quote cells that contain commas and fill in empty cells"});
            continue;
        }

        std::vector<std::string_view> cells(static_cast<std::size_t>(Column::Count));
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            if (columnOf[i])
                cells[static_cast<std::size_t>(*columnOf[i])] = trim(row.cells[i]);
        }
        auto cell = [&cells](Column column) { return cells[static_cast<std::size_t>(column)]; };

        RowReader reader(row.line, result.errors);
        CustomerRecord record;
        record.customerId = std::string(cell(Column::CustomerId));
        record.companyName = std::string(cell(Column::Company));
        record.plan = std::string(cell(Column::Plan));
        record.monthlyRecurringRevenue = reader.amount(Column::Mrr, cell(Column::Mrr));
        for (std::string_view appId : splitList(cell(Column::AppIds), ';')) {
            if (!appId.empty())
                record.appIds.emplace_back(appId);
        }
        record.baselineCost = reader.amount(Column::BaselineCost, cell(Column::BaselineCost));
        record.currentCost = reader.amount(Column::CurrentCost, cell(Column::CurrentCost));
        reader.surveys(cell(Column::Surveys), record);
        reader.stages(cell(Column::Stages), record);
        reader.tickets(cell(Column::Tickets), record);
        record.technicalSuccess = reader.flag(Column::TechnicalSuccess, cell(Column::TechnicalSuccess));
        record.businessSuccess = reader.flag(Column::BusinessSuccess, cell(Column::BusinessSuccess));

        bool failed = reader.failed();
        for (const ValidationIssue& issue : validateRecord(record)) {
            result.errors.push_back({row.line, columnOfField(issue.field), issue.value,
                                     "line " + std::to_string(row.line) + ", column " + columnOfField(issue.field)
                                         + ": " + issue.message});
            failed = true;
        }
        if (!record.customerId.empty()) {
            auto [earlier, inserted] = lineOfCustomer.emplace(record.customerId, row.line);
            if (!inserted) {
                result.errors.push_back({row.line, "customer_id", record.customerId,
                                         "line " + std::to_string(row.line) + ", column customer_id: customer id \""
                                             + record.customerId + "\" already appears on line "
                                             + std::to_string(earlier->second)
                                             + "; give each customer one row or change the id"});
                failed = true;
            }
        }
        if (failed)
            continue;
        result.records.push_back(std::move(record));
        result.recordLines.push_back(row.line);
    }
    return result;
}

std::string formatCustomersCsv(const std::vector<CustomerRecord>& records)
{
    std::string out = joinCells(kColumnNames) + "\r\n";
    for (const CustomerRecord& record : records) {
        std::vector<SatisfactionSurvey> surveys = record.surveys;
        std::stable_sort(surveys.begin(), surveys.end(),
                         [](const auto& a, const auto& b) { return a.date < b.date; });
        std::vector<StageEntry> stages = record.stages;
        std::stable_sort(stages.begin(), stages.end(), [](const auto& a, const auto& b) {
            return a.date != b.date ? a.date < b.date : a.stage < b.stage;
        });
        std::vector<SupportTicket> tickets = record.tickets;
        std::stable_sort(tickets.begin(), tickets.end(),
                         [](const auto& a, const auto& b) { return a.opened < b.opened; });

        std::string appIds;
        for (const std::string& appId : record.appIds)
            appIds += (appIds.empty() ? "" : ";") + appId;
        std::string surveyCell;
        for (const SatisfactionSurvey& survey : surveys)
            surveyCell += (surveyCell.empty() ? "" : ";") + formatDate(survey.date) + ":" + formatNumber(survey.score);
        std::string stageCell;
        for (const StageEntry& stage : stages)
            stageCell += (stageCell.empty() ? "" : ";") + std::string(stageName(stage.stage)) + ":" + formatDate(stage.date);
        std::string ticketCell;
        for (const SupportTicket& ticket : tickets) {
            ticketCell += (ticketCell.empty() ? "" : ";") + ticket.id + ":" + std::string(severityName(ticket.severity))
                + ":" + formatDate(ticket.opened);
            if (ticket.closed)
                ticketCell += ":" + formatDate(*ticket.closed);
        }

        out += joinCells({record.customerId, record.companyName, record.plan,
                          formatNumber(record.monthlyRecurringRevenue), appIds, formatNumber(record.baselineCost),
                          formatNumber(record.currentCost), surveyCell, stageCell, ticketCell,
                          record.technicalSuccess ? "true" : "false", record.businessSuccess ? "true" : "false"});
        out += "\r\n";
    }
    return out;
}

} // namespace umg
