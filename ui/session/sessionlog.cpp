#include "session/sessionlog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcSession, "umg.ui.session", QtInfoMsg)

} // namespace umg
