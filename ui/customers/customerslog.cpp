#include "customers/customerslog.h"

namespace umg {

Q_LOGGING_CATEGORY(lcCustomers, "umg.ui.customers", QtInfoMsg)

} // namespace umg
