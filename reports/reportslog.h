#pragma once

#include <QLoggingCategory>

namespace umg::reports {

Q_DECLARE_LOGGING_CATEGORY(lcReports)

} // namespace umg::reports
