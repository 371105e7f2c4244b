#include "loadtest/loadtestlog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcLoadTest, "umg.ui.loadtest", QtInfoMsg)

} // namespace umg
