#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace umg {

/// Asks for the folder of File > Export > Server stack… and the metrics URLs
/// of the nodes that Prometheus is to scrape, one per line.
class StackExportDialog : public QDialog
{
    Q_OBJECT

public:
    /// Starts with `folder` and `nodeUrls`, such as those of the attached nodes.
    StackExportDialog(const QString &folder, const QStringList &nodeUrls, QWidget *parent = nullptr);

    QString folder() const;
    /// The non-empty lines of the node field, trimmed.
    QStringList nodeUrls() const;
    QString nodeTokenFile() const;

    /// Shows `message` below the fields, for example why the export failed.
    void showError(const QString &message);

    void accept() override;

private:
    QLineEdit *m_folder = nullptr;
    QPlainTextEdit *m_nodes = nullptr;
    QLineEdit *m_tokenFile = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace umg
