#include "validation/validationlog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcValidation, "umg.ui.validation", QtInfoMsg)

} // namespace umg
