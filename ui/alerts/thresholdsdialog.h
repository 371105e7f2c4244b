#pragma once

#include "alerts/thresholds.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace umg {

/// Edits the alert thresholds: one row per threshold of the rule catalogue
/// with its value, default, unit and meaning. Values are checked against
/// each threshold's range when the person presses OK.
class ThresholdsDialog : public QDialog
{
    Q_OBJECT

public:
    ThresholdsDialog(const alerts::Thresholds &thresholds, QWidget *parent = nullptr);

    /// The accepted thresholds; valid after the dialog was accepted.
    const alerts::Thresholds &thresholds() const { return m_thresholds; }

    /// Shows the values of `thresholds` in the table.
    void showThresholds(const alerts::Thresholds &thresholds);
    /// Replaces the values with those of a `NAME=VALUE` file, as
    /// `--thresholds-file` does: thresholds the file does not name get their
    /// defaults. Returns false and shows the reason when the file is invalid.
    bool loadFile(const QString &path);

    void accept() override;

private:
    void loadFileWithDialog();

    QTableWidget *m_table = nullptr;
    QLabel *m_error = nullptr;
    alerts::Thresholds m_thresholds;
};

} // namespace umg
