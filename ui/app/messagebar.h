#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace umg {

/// A bar above the views for messages that need the person's attention but
/// must not block the window: a failed database, an import problem. One
/// message at a time, with an optional action button (such as "Start fresh")
/// and a close button.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Level { Information, Warning, Error, Count };

    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows `text`, replacing the message shown. With `actionText`, a button
    /// runs `action` and closes the bar.
    void showMessage(Level level, const QString &text, const QString &actionText = {},
                     std::function<void()> action = {});
    void clearMessage();

    QString text() const;
    Level level() const { return m_level; }

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_action = nullptr;
    QToolButton *m_close = nullptr;
    std::function<void()> m_callback;
    Level m_level = Level::Information;
};

} // namespace umg
