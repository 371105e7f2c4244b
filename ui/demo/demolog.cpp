#include "demo/demolog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcDemo, "umg.ui.demo", QtInfoMsg)

} // namespace umg
