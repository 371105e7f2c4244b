#include "app/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace umg {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("message-bar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);

    m_icon = new QLabel(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);

    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);

    m_action = new QPushButton(this);
    m_action->setVisible(false);
    connect(m_action, &QPushButton::clicked, this, [this] {
        std::function<void()> callback = std::move(m_callback);
        clearMessage();
        if (callback)
            callback();
    });
    layout->addWidget(m_action, 0, Qt::AlignTop);

    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    setVisible(false);
}

void MessageBar::showMessage(Level level, const QString &text, const QString &actionText,
                             std::function<void()> action)
{
    m_level = level;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor background = palette().color(QPalette::Window);
    switch (level) {
    case Level::Information:
        background = QColor(0xdd, 0xea, 0xf7);
        break;
    case Level::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        background = QColor(0xfb, 0xee, 0xc8);
        break;
    case Level::Error:
        icon = QStyle::SP_MessageBoxCritical;
        background = QColor(0xf8, 0xd7, 0xd7);
        break;
    case Level::Count:
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    QPalette colors = palette();
    colors.setColor(QPalette::Window, background);
    colors.setColor(QPalette::WindowText, Qt::black);
    setPalette(colors);

    m_text->setText(text);
    m_callback = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && m_callback);
    setVisible(true);
}

void MessageBar::clearMessage()
{
    m_callback = {};
    m_text->clear();
    setVisible(false);
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace umg
