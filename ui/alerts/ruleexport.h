#pragma once

#include "alerts/thresholds.h"

#include <QCoreApplication>
#include <QStringList>

namespace umg {

/// File > Export > Alerting rules… and Server stack…: the files of
/// `unmogrowp-node export rules` and `unmogrowp-node export stack`, built by
/// the same engine functions from the console's thresholds.
class RuleExport
{
    Q_DECLARE_TR_FUNCTIONS(umg::RuleExport)

public:
    /// Returns the Prometheus rule file with `thresholds`, byte for byte what
    /// `unmogrowp-node export rules` prints with the same thresholds.
    static QByteArray ruleFile(const alerts::Thresholds &thresholds);

    /// Writes ruleFile() to `path`, replacing it atomically. Returns an empty
    /// string, or a translated sentence naming the file and the failure.
    static QString writeRuleFile(const QString &path, const alerts::Thresholds &thresholds);

    /// Writes the stack's files (prometheus.yml, the rule file,
    /// alertmanager.yml, the Grafana dashboards) below `folder`, as
    /// `unmogrowp-node export stack FOLDER --node URL...` does. `nodeUrls` are
    /// the nodes' metrics URLs; `nodeTokenFile`, when not empty, is the file
    /// from which Prometheus reads the nodes' bearer token. Returns an empty
    /// string, or a translated sentence naming the invalid value or the file
    /// that could not be written. The paths written go to `written`.
    static QString writeStack(const QString &folder, const QStringList &nodeUrls, const QString &nodeTokenFile,
                              const alerts::Thresholds &thresholds, QStringList *written = nullptr);
};

} // namespace umg
