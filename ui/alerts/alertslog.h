#pragma once

#include <QLoggingCategory>

namespace umg {

Q_DECLARE_LOGGING_CATEGORY(lcAlerts)

} // namespace umg
