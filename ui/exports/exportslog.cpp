#include "exports/exportslog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcExports, "umg.ui.exports")

} // namespace umg
