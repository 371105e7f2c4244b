#include "alerts/ruleexport.h"

#include "alerts/alertslog.h"
#include "alerts/catalogue.h"
#include "alerts/rulefile.h"
#include "stack/stackfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <stdexcept>

namespace umg {
namespace {

QString writeAtomically(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        return RuleExport::tr("The folder %1 could not be created; choose a folder you can write to.")
            .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        return RuleExport::tr("%1 could not be written: %2. Choose a folder you can write to.")
            .arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return {};
}

} // namespace

QByteArray RuleExport::ruleFile(const alerts::Thresholds &thresholds)
{
    const std::vector<alerts::AlertRule> rules = alerts::buildAlertRules(thresholds);
    return QByteArray::fromStdString(alerts::renderPrometheusRuleFile(rules, thresholds.overrides()));
}

QString RuleExport::writeRuleFile(const QString &path, const alerts::Thresholds &thresholds)
{
    const QString error = writeAtomically(path, ruleFile(thresholds));
    if (error.isEmpty())
        qCInfo(lcAlerts) << "wrote the alerting rules to" << path;
    return error;
}

QString RuleExport::writeStack(const QString &folder, const QStringList &nodeUrls, const QString &nodeTokenFile,
                               const alerts::Thresholds &thresholds, QStringList *written)
{
    if (folder.trimmed().isEmpty())
        return tr("No output folder is given; choose the folder for the stack's files.");
    stack::StackOptions options;
    for (const QString &url : nodeUrls)
        options.nodeUrls.push_back(url.trimmed().toStdString());
    options.nodeTokenFile = nodeTokenFile.trimmed().toStdString();

    std::vector<stack::StackFile> files;
    try {
        files = stack::renderStackFiles(options, alerts::buildAlertRules(thresholds), thresholds.overrides());
    } catch (const std::invalid_argument &error) {
        return tr("The server stack was not written: %1").arg(QString::fromUtf8(error.what()));
    }
    const QDir root(folder);
    for (const stack::StackFile &file : files) {
        const QString path = root.filePath(QString::fromStdString(file.relativePath));
        const QString error = writeAtomically(path, QByteArray::fromStdString(file.content));
        if (!error.isEmpty())
            return error;
        if (written)
            written->append(path);
    }
    qCInfo(lcAlerts) << "wrote the server stack to" << folder << "for" << nodeUrls;
    return {};
}

} // namespace umg
