#pragma once

#include "loadtest/loadtestresult.h"
#include "loadtest/loadtestrun.h"
#include "widgets/thresholdpolicy.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace umg {

/// Translated names and units of the load tester's figures, checks,
/// phases and outcomes, for the console.
class LoadTestText
{
    Q_DECLARE_TR_FUNCTIONS(umg::LoadTestText)

public:
    static QString figureTitle(Figure figure);
    /// The unit shown with a figure; memory figures are shown in MiB.
    static QString figureUnit(Figure figure);
    /// The figure's value in the unit of figureUnit().
    static double displayValue(Figure figure, double value);
    static QString checkTitle(Check check);
    static QString phaseText(LoadTestPhase phase);
    static QString outcomeText(LoadTestOutcome outcome);
    /// The ThresholdPolicy that colours a check's row.
    ///
    /// NOTE: ThresholdPolicy counts a value exactly on the target as met,
    /// while the "below" and "above" checks are strict, so a measurement
    /// that equals its target shows as met here and fails in the engine's
    /// result. Measured values practically never land exactly on a target.
    static ThresholdPolicy checkPolicy(Check check);
};

} // namespace umg
