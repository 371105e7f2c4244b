#include "widgets/panelframe.h"

#include "widgets/widgetslog.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace umg {

PanelFrame::PanelFrame(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Plain);

    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 6, 8, 8);
    m_layout->setSpacing(4);
    buildHeader();
}

PanelFrame::PanelFrame(const QString &title, QWidget *content, QWidget *parent)
    : PanelFrame(parent)
{
    setTitle(title);
    if (content)
        setContentWidget(content);
}

void PanelFrame::buildHeader()
{
    auto *header = new QHBoxLayout;
    header->setSpacing(6);

    m_titleLabel = new QLabel(this);
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextFormat(Qt::PlainText);
    header->addWidget(m_titleLabel);

    m_infoLabel = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_infoLabel->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this)
                               .pixmap(iconSize, iconSize));
    m_infoLabel->setVisible(false);
    header->addWidget(m_infoLabel);

    header->addStretch(1);

    m_unitLabel = new QLabel(this);
    m_unitLabel->setTextFormat(Qt::PlainText);
    m_unitLabel->setForegroundRole(QPalette::PlaceholderText);
    m_unitLabel->setVisible(false);
    header->addWidget(m_unitLabel);

    m_exportAction = new QAction(style()->standardIcon(QStyle::SP_DialogSaveButton, nullptr, this),
                                 tr("Export as PNG…"), this);
    connect(m_exportAction, &QAction::triggered, this, &PanelFrame::exportWithDialog);
    addAction(m_exportAction);
    setContextMenuPolicy(Qt::ActionsContextMenu);

    m_exportButton = new QToolButton(this);
    m_exportButton->setDefaultAction(m_exportAction);
    m_exportButton->setAutoRaise(true);
    m_exportButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    header->addWidget(m_exportButton);

    m_layout->addLayout(header);
}

void PanelFrame::setTitle(const QString &title)
{
    m_titleLabel->setText(title);
    setAccessibleName(title);
}

QString PanelFrame::title() const
{
    return m_titleLabel->text();
}

void PanelFrame::setDescription(const QString &description)
{
    m_description = description;
    m_infoLabel->setToolTip(description);
    m_infoLabel->setVisible(!description.isEmpty());
    setAccessibleDescription(description);
}

QString PanelFrame::description() const
{
    return m_description;
}

void PanelFrame::setUnit(const QString &unit)
{
    m_unit = unit;
    m_unitLabel->setText(unit);
    m_unitLabel->setVisible(!unit.isEmpty());
}

QString PanelFrame::unit() const
{
    return m_unit;
}

void PanelFrame::setContentWidget(QWidget *content)
{
    if (content == m_content)
        return;
    delete m_content;
    m_content = content;
    if (content)
        m_layout->addWidget(content, 1);
}

QWidget *PanelFrame::contentWidget() const
{
    return m_content;
}

bool PanelFrame::exportPng(const QString &filePath, QString *errorMessage)
{
    const QString nativePath = QDir::toNativeSeparators(filePath);
    auto fail = [&](const QString &message) {
        qCWarning(lcWidgets) << "Panel" << title() << "export to" << nativePath << "failed:" << message;
        if (errorMessage)
            *errorMessage = message;
        return false;
    };

    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Failed to export the panel to %1: %2. Choose a folder you can write to.")
                        .arg(nativePath, file.errorString()));

    // grab() lays the panel out first, so even a hidden panel has an image.
    QImageWriter writer(&file, "png");
    if (!writer.write(grab().toImage())) {
        file.cancelWriting();
        return fail(tr("Failed to export the panel to %1: %2.").arg(nativePath, writer.errorString()));
    }
    if (!file.commit())
        return fail(tr("Failed to export the panel to %1: %2. Check the free space and permissions.")
                        .arg(nativePath, file.errorString()));

    qCDebug(lcWidgets) << "Exported panel" << title() << "to" << nativePath;
    return true;
}

QString PanelFrame::suggestedFileName() const
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    QString base = title().toLower().replace(separators, QStringLiteral("-"));
    while (base.startsWith(QLatin1Char('-')))
        base.remove(0, 1);
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("panel");
    return base + QStringLiteral(".png");
}

void PanelFrame::exportWithDialog()
{
    QString filePath = QFileDialog::getSaveFileName(
        this, tr("Export Panel as PNG"), QDir::home().filePath(suggestedFileName()),
        tr("PNG images (*.png)"));
    if (filePath.isEmpty())
        return;
    if (QFileInfo(filePath).suffix().isEmpty())
        filePath += QStringLiteral(".png");

    QString message;
    if (!exportPng(filePath, &message)) {
        QMessageBox::warning(this, tr("Export Failed"), message);
        Q_EMIT exportFailed(message);
    }
}

} // namespace umg
