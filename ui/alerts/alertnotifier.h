#pragma once

#include "alerts/alertmonitor.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QSystemTrayIcon;

namespace umg {

class MessageBar;

/// Tells the person when an alert starts firing: a message in the window's
/// message bar and, where the desktop has a system tray, a tray message.
/// Each alert start notifies once, and an alert that keeps firing does not
/// notify again. An alert that resolves, or whose rules are reloaded, and
/// then fires again is a new start.
class AlertNotifier : public QObject
{
    Q_OBJECT

public:
    /// `showAlerts` runs when the person presses the message's button.
    AlertNotifier(AlertMonitor *monitor, MessageBar *messageBar, std::function<void()> showAlerts,
                  QObject *parent = nullptr);
    ~AlertNotifier() override;

    /// Null where the system tray is not available.
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    /// Number of notifications shown since the notifier was created.
    int notificationCount() const { return m_count; }

Q_SIGNALS:
    void notified(const umg::AlertNotification &notification);

private:
    void onStartedFiring(const AlertNotification &notification);
    void onEvaluated(const AlertSnapshot &snapshot);

    QPointer<MessageBar> m_messageBar;
    std::function<void()> m_showAlerts;
    QSystemTrayIcon *m_tray = nullptr;
    /// Keys (rule and labels) of the alerts notified and still firing.
    QSet<QString> m_firing;
    int m_count = 0;
};

} // namespace umg
