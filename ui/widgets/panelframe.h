#pragma once

#include <QFrame>
#include <QPointer>

class QLabel;
class QToolButton;
class QVBoxLayout;
class QAction;

namespace umg {

/// Titled frame that every dashboard panel sits in: a header with the title,
/// an information mark whose tooltip shows the description, the unit and an
/// "Export as PNG…" button, above one content widget.
class PanelFrame : public QFrame
{
    Q_OBJECT

public:
    explicit PanelFrame(QWidget *parent = nullptr);
    PanelFrame(const QString &title, QWidget *content, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;

    /// Sets the text of the information mark's tooltip. An empty description
    /// hides the mark.
    void setDescription(const QString &description);
    QString description() const;

    /// Sets the unit shown at the right of the header. Empty hides it.
    void setUnit(const QString &unit);
    QString unit() const;

    /// Places `content` below the header and takes ownership of it. The
    /// previous content widget is deleted.
    void setContentWidget(QWidget *content);
    QWidget *contentWidget() const;

    /// Renders the whole panel with grab() and writes it to `filePath` as
    /// PNG, whatever the file name's suffix. The file is replaced only once
    /// the image is complete. Returns false and sets `errorMessage` to a
    /// translated sentence naming the path and the cause when the file
    /// cannot be written. The failure is also logged as a warning.
    bool exportPng(const QString &filePath, QString *errorMessage = nullptr);

    /// Returns a file name for the export dialog derived from the title, such
    /// as "accuracy-per-customer.png".
    QString suggestedFileName() const;

Q_SIGNALS:
    /// Emitted when an export started from the header button or the context
    /// menu fails, after the person has closed the warning message box.
    void exportFailed(const QString &message);

private:
    void buildHeader();
    void exportWithDialog();

    QVBoxLayout *m_layout = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_infoLabel = nullptr;
    QLabel *m_unitLabel = nullptr;
    QToolButton *m_exportButton = nullptr;
    QAction *m_exportAction = nullptr;
    QPointer<QWidget> m_content;
    QString m_description;
    QString m_unit;
};

} // namespace umg
