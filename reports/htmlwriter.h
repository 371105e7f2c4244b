#pragma once

#include "reports/report.h"

#include <QByteArray>

namespace umg::reports {

/// Writes `report` as one self-contained HTML5 document (UTF-8): the styles
/// are inline, every chart is an inline SVG, and every table, including
/// the numbers of each panel, is an HTML table. Threshold states are
/// written as words ("Pass", "Fail") as well as colours.
QByteArray toHtml(const Report &report);

} // namespace umg::reports
