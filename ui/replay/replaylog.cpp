#include "replay/replaylog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcReplay, "umg.ui.replay", QtInfoMsg)

} // namespace umg
