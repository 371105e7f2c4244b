#pragma once

#include "reports/report.h"

#include "loadtest/loadtestresult.h"

namespace umg::reports {

/// Builds the report of one stored load-test run. It shows the run and its
/// outcome, the validation table (each target the run is held to, the
/// measured value, pass or fail), every figure, the settings, and charts of
/// the samples (throughput, latency percentiles, queue depth).
/// `generatedAtMs` is the report's time in milliseconds since the Unix
/// epoch, and `sourceName` names where the run was read from.
Report buildLoadTestReport(const LoadTestResult &run, qint64 generatedAtMs, const QString &sourceName);

/// Translated name of a load-test check, such as "P95 processing latency".
QString checkTitle(Check check);
/// The target of a check as text, such as "≥ 1,000,000 events/s" or "< 100 ms".
QString checkTargetText(Check check);

} // namespace umg::reports
