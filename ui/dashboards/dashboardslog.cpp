#include "dashboards/dashboardslog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcDashboards, "umg.ui.dashboards", QtInfoMsg)

} // namespace umg
