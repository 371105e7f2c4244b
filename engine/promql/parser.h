#pragma once

#include "promql/ast.h"
#include "promql/lexer.h"

#include <string_view>

namespace umg::promql {

/// Parses a PromQL expression of the supported subset into a syntax tree and
/// checks operand types the way Prometheus does.
///
/// Supported: number and string literals, instant and range selectors with
/// `=`, `!=`, `=~` and `!~` matchers and `offset`, the functions listed by
/// supportedFunctionNames(), `sum`/`avg`/`min`/`max`/`count` with `by` or
/// `without`, arithmetic (`+ - * / % ^`), comparisons with optional `bool`,
/// `and`/`or`/`unless`, and `on`/`ignoring` with `group_left`/`group_right`.
/// Not supported (rejected with a ParseError): subqueries, the `@` modifier,
/// negative offsets, `atan2` and the remaining aggregations and functions.
///
/// Throws ParseError naming the line, column and token. Thread-safe.
ExprPtr parseExpression(std::string_view expression);

} // namespace umg::promql
