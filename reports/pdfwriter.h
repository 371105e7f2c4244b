#pragma once

#include "reports/report.h"

class QIODevice;

namespace umg::reports {

/// Writes `report` as a PDF document (A4 portrait) to `device`, which must
/// be open for writing. Text stays text (searchable, and readable by
/// pdftotext), and charts are vector graphics drawn with the same layout
/// as the HTML charts. Tables continue across pages with their header
/// repeated. Needs a QGuiApplication for fonts; the offscreen platform is
/// enough. Returns false and sets `errorMessage` to a translated sentence
/// when painting cannot start.
bool writePdf(const Report &report, QIODevice *device, QString *errorMessage = nullptr);

} // namespace umg::reports
