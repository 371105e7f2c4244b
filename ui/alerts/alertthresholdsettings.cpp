#include "alerts/alertthresholdsettings.h"

#include "alerts/alertslog.h"

#include <QSettings>

#include <stdexcept>

namespace umg {
namespace {

const QString kGroup = QStringLiteral("alerts/thresholds");

} // namespace

alerts::Thresholds AlertThresholdSettings::load(QStringList *problems)
{
    alerts::Thresholds thresholds;
    QSettings settings;
    settings.beginGroup(kGroup);
    const QStringList names = settings.childKeys();
    for (const QString &name : names) {
        const QString text = settings.value(name).toString();
        try {
            thresholds.set(name.toStdString(), text.toStdString());
        } catch (const std::invalid_argument &error) {
            qCWarning(lcAlerts) << "ignoring the stored threshold" << name << text << error.what();
            if (problems) {
                problems->append(tr("The stored alert threshold %1 = %2 was ignored: %3. Set it again in the Alerts "
                                    "view.")
                                     .arg(name, text, QString::fromUtf8(error.what())));
            }
        }
    }
    settings.endGroup();
    return thresholds;
}

void AlertThresholdSettings::save(const alerts::Thresholds &thresholds)
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginGroup(kGroup);
    for (const auto &[name, value] : thresholds.overrides())
        settings.setValue(QString::fromStdString(name), QString::number(value, 'g', 17));
    settings.endGroup();
}

} // namespace umg
