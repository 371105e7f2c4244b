#pragma once

#include "reports/report.h"

#include <optional>

namespace umg::reports {

enum class ReportFormat { Pdf, Html, Csv, Count };

/// Returns "pdf", "html" or "csv".
QString formatKey(ReportFormat format);
/// Parses "pdf", "html" or "csv", ignoring case; nullopt for anything else.
std::optional<ReportFormat> parseFormat(const QString &text);
/// The file name suffix of `format`, without the dot ("pdf", "html", "csv").
QString formatSuffix(ReportFormat format);

/// Writes `report` to `filePath` in `format`. The file is replaced only once
/// the whole report is written (QSaveFile), so a failed export leaves an
/// older file as it was. Returns false and sets `errorMessage` to a
/// translated sentence that names the path, the cause and the fix when the
/// file cannot be written (missing folder, no permission, full disk).
/// PDF needs a QGuiApplication; HTML and CSV need only QCoreApplication.
bool writeReport(const Report &report, ReportFormat format, const QString &filePath, QString *errorMessage = nullptr);

} // namespace umg::reports
