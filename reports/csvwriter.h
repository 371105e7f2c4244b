#pragma once

#include "reports/report.h"

#include <QByteArray>

namespace umg::reports {

/// Writes every number of `report` as CSV (RFC 4180, UTF-8, CRLF line ends)
/// in one long table with the header
///
///     section,table,row,column,value,unit,text
///
/// - one line per table cell: the keys of its section, table, row and
///   column, the number behind the cell (empty for text), its unit and the
///   text that PDF and HTML show;
/// - one line per point of each line chart: `column` is the point's time in
///   ISO 8601 UTC (`2026-11-01T12:00:00Z`), `row` the series name;
/// - the report's facts as section `report`, table `facts`.
///
/// Numbers use a dot as decimal separator and no digit grouping, whatever
/// the locale.
QByteArray toCsv(const Report &report);

} // namespace umg::reports
