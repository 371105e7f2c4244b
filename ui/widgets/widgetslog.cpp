#include "widgets/widgetslog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcWidgets, "umg.ui.widgets")

} // namespace umg
