#pragma once

#include "dashboards/timerange.h"
#include "exports/reportjob.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace umg {

/// The File > Export dialog: what to export (a dashboard, a load-test run
/// or a customer, depending on the report), the time range of the metric
/// history where the report reads one, the format (PDF, HTML or CSV) and
/// the file. The file's suffix follows the format.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    /// One entry of the subject list; `note` is shown under the list while
    /// the entry is selected.
    struct Subject
    {
        QString key;
        QString text;
        QString note;
    };

    ExportDialog(ReportKind kind, const QString &folder, QWidget *parent = nullptr);

    ReportKind kind() const { return m_kind; }

    /// Fills the subject list and selects `current`. With an empty list the
    /// dialog shows `emptyText` and cannot be accepted.
    void setSubjects(const QList<Subject> &subjects, const QString &current, const QString &emptyText);
    QString subject() const;

    reports::ReportFormat format() const;
    void setFormat(reports::ReportFormat format);
    TimeRange timeRange() const;
    QString filePath() const;
    void setFilePath(const QString &path);

    /// Title of the report kind for menus and dialogs, such as "Goal report".
    static QString kindTitle(ReportKind kind);

private:
    void browse();
    void updateSuggestedPath();
    void updateState();

    ReportKind m_kind;
    QString m_folder;
    QList<Subject> m_subjects;
    QComboBox *m_subjectBox = nullptr;
    QLabel *m_subjectNote = nullptr;
    QComboBox *m_rangeBox = nullptr;
    QComboBox *m_formatBox = nullptr;
    QLineEdit *m_pathEdit = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_pathEdited = false;
};

} // namespace umg
