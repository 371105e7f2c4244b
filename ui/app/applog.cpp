#include "app/applog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcApp, "umg.ui.app", QtInfoMsg)

} // namespace umg
