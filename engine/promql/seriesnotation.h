#pragma once

#include "promql/labels.h"

#include <optional>
#include <string_view>
#include <vector>

/// The series notation of Prometheus's rule unit tests (`promtool test
/// rules`), so that fixtures can feed the native evaluator and promtool alike.
namespace umg::promql {

/// Expands a values string such as `0+10x3 _ 5 stale` into one entry per
/// sample interval, as promtool does:
///   - `a+bxn` and `a-bxn` give n+1 values a, a+b, ..., added up step by step;
///   - `axn` gives n+1 copies of a;
///   - `_` skips one interval and `_xn` skips n;
///   - `stale` writes a staleness marker (see isStaleMarker);
///   - numbers may be decimal, use an exponent, or be Inf, -Inf or NaN.
/// A skipped interval is nullopt. Throws std::invalid_argument naming the
/// first item that does not parse.
std::vector<std::optional<double>> expandSeriesValues(std::string_view notation);

/// Parses series notation `name{a="1", b="2"}` into labels, the metric name
/// in `__name__`. Throws std::invalid_argument for anything that is not a
/// metric name with equality matchers.
Labels parseSeriesLabels(std::string_view notation);

} // namespace umg::promql
