#include "alerts/alertnotifier.h"

#include "alerts/alertslog.h"
#include "app/messagebar.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace umg {
namespace {

QString alertKey(const QString &rule, const QString &labels)
{
    return rule + QLatin1Char('\x1f') + labels;
}

} // namespace

AlertNotifier::AlertNotifier(AlertMonitor *monitor, MessageBar *messageBar, std::function<void()> showAlerts,
                             QObject *parent)
    : QObject(parent)
    , m_messageBar(messageBar)
    , m_showAlerts(std::move(showAlerts))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning), this);
        m_tray->setToolTip(tr("UnMoGrowP Console alerts"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_showAlerts)
                m_showAlerts();
        });
        m_tray->show();
    }
    connect(monitor, &AlertMonitor::alertStartedFiring, this, &AlertNotifier::onStartedFiring);
    connect(monitor, &AlertMonitor::evaluated, this, &AlertNotifier::onEvaluated);
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::onStartedFiring(const AlertNotification &notification)
{
    const QString key = alertKey(notification.rule, notification.labels);
    if (m_firing.contains(key))
        return;
    m_firing.insert(key);
    ++m_count;

    const QString title = notification.labels.isEmpty()
        ? tr("Alert %1 is firing").arg(notification.rule)
        : tr("Alert %1 %2 is firing").arg(notification.rule, notification.labels);
    const QString text = notification.summary.isEmpty() ? title : title + QStringLiteral(": ") + notification.summary;
    qCInfo(lcAlerts) << "notifying" << text;
    if (m_messageBar) {
        const MessageBar::Level level = notification.severity == QLatin1String("critical")
            ? MessageBar::Level::Error
            : MessageBar::Level::Warning;
        m_messageBar->showMessage(level, text, tr("Show Alerts"), m_showAlerts);
    }
    if (m_tray) {
        m_tray->showMessage(title, notification.summary,
                            notification.severity == QLatin1String("critical") ? QSystemTrayIcon::Critical
                                                                                 : QSystemTrayIcon::Warning);
    }
    Q_EMIT notified(notification);
}

void AlertNotifier::onEvaluated(const AlertSnapshot &snapshot)
{
    // An evaluation without a result keeps the alerts as they were.
    if (snapshot.evaluatedAtMs == 0)
        return;
    QSet<QString> firing;
    for (const AlertRow &row : snapshot.rows) {
        if (row.state == alerts::AlertState::Firing)
            firing.insert(alertKey(row.rule, row.labels));
    }
    m_firing.intersect(firing);
}

} // namespace umg
