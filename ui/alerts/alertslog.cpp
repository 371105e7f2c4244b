#include "alerts/alertslog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcAlerts, "umg.ui.alerts", QtInfoMsg)

} // namespace umg
