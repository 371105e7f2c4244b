#pragma once

// QCOMPARE prints QStrings on failure; engine enums compare through their names.

#include <QString>

#include <string_view>

#include "attribution/decision.h"
#include "model/event.h"

namespace umg::test {

template <typename Enum>
QString text(Enum value)
{
    const std::string_view name = toString(value);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

} // namespace umg::test
