#pragma once

#include "alerts/thresholds.h"

#include <QCoreApplication>
#include <QStringList>

namespace umg {

/// The alert thresholds of the console, kept in QSettings under
/// `alerts/thresholds/<name>`. Only values that differ from the catalogue's
/// defaults are stored, so a later default change reaches users who never
/// set the threshold. The Alerts view evaluates with them, and File > Export
/// writes them into the rule file and the stack.
class AlertThresholdSettings
{
    Q_DECLARE_TR_FUNCTIONS(umg::AlertThresholdSettings)

public:
    /// Reads the stored thresholds. A stored entry with an unknown name or an
    /// invalid value is skipped, and a translated sentence naming it is
    /// appended to `problems` when given.
    static alerts::Thresholds load(QStringList *problems = nullptr);
    /// Replaces the stored thresholds with the overrides of `thresholds`.
    static void save(const alerts::Thresholds &thresholds);
};

} // namespace umg
