#include "datasource/datasourcelog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcDataSource, "umg.ui.datasource", QtInfoMsg)

} // namespace umg
