#include "reports/reportslog.h"

namespace umg::reports {

Q_LOGGING_CATEGORY(lcReports, "umg.reports")

} // namespace umg::reports
