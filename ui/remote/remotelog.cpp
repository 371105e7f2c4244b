#include "remote/remotelog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcRemote, "umg.ui.remote", QtInfoMsg)

} // namespace umg
