#include "exports/exportdialog.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace umg {
namespace {

QString formatTitle(reports::ReportFormat format)
{
    switch (format) {
    case reports::ReportFormat::Pdf:
        return ExportDialog::tr("PDF document");
    case reports::ReportFormat::Html:
        return ExportDialog::tr("HTML page");
    case reports::ReportFormat::Csv:
        return ExportDialog::tr("CSV table of the numbers");
    case reports::ReportFormat::Count:
        break;
    }
    return {};
}

QString fileFilter(reports::ReportFormat format)
{
    switch (format) {
    case reports::ReportFormat::Pdf:
        return ExportDialog::tr("PDF documents (*.pdf)");
    case reports::ReportFormat::Html:
        return ExportDialog::tr("HTML pages (*.html)");
    case reports::ReportFormat::Csv:
        return ExportDialog::tr("CSV files (*.csv)");
    case reports::ReportFormat::Count:
        break;
    }
    return {};
}

QString kindKey(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Dashboard:
        return QStringLiteral("dashboard");
    case ReportKind::LoadTest:
        return QStringLiteral("load-test");
    case ReportKind::Customer:
        return QStringLiteral("customer");
    case ReportKind::Goals:
        return QStringLiteral("pilot-goals");
    case ReportKind::Count:
        break;
    }
    return QStringLiteral("report");
}

} // namespace

QString ExportDialog::kindTitle(ReportKind kind)
{
    switch (kind) {
    case ReportKind::Dashboard:
        return tr("Dashboard report");
    case ReportKind::LoadTest:
        return tr("Load-test report");
    case ReportKind::Customer:
        return tr("Customer report");
    case ReportKind::Goals:
        return tr("Goal report");
    case ReportKind::Count:
        break;
    }
    return {};
}

ExportDialog::ExportDialog(ReportKind kind, const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_folder(folder)
{
    setWindowTitle(tr("Export %1").arg(kindTitle(kind)));
    setObjectName(QStringLiteral("export-dialog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;

    m_subjectBox = new QComboBox(this);
    m_subjectBox->setObjectName(QStringLiteral("export-subject"));
    m_subjectNote = new QLabel(this);
    m_subjectNote->setWordWrap(true);
    m_subjectNote->setForegroundRole(QPalette::PlaceholderText);
    switch (kind) {
    case ReportKind::Dashboard:
        form->addRow(tr("&Dashboard:"), m_subjectBox);
        break;
    case ReportKind::LoadTest:
        form->addRow(tr("&Run:"), m_subjectBox);
        break;
    case ReportKind::Customer:
        form->addRow(tr("&Customer:"), m_subjectBox);
        break;
    case ReportKind::Goals:
    case ReportKind::Count:
        m_subjectBox->setVisible(false);
        break;
    }
    form->addRow(QString(), m_subjectNote);

    m_rangeBox = new QComboBox(this);
    m_rangeBox->setObjectName(QStringLiteral("export-range"));
    for (int i = 0; i < int(TimeRange::Count); ++i)
        m_rangeBox->addItem(TimeRanges::text(TimeRange(i)), i);
    m_rangeBox->setCurrentIndex(int(TimeRange::LastHour));
    m_rangeBox->setToolTip(tr("Time range of the metric history that latency, uptime and error rate are read from"));
    if (kind == ReportKind::Customer || kind == ReportKind::Goals)
        form->addRow(tr("&Time range:"), m_rangeBox);
    else
        m_rangeBox->setVisible(false);

    m_formatBox = new QComboBox(this);
    m_formatBox->setObjectName(QStringLiteral("export-format"));
    for (int i = 0; i < int(reports::ReportFormat::Count); ++i)
        m_formatBox->addItem(formatTitle(reports::ReportFormat(i)), i);
    form->addRow(tr("&Format:"), m_formatBox);

    auto *pathRow = new QHBoxLayout;
    m_pathEdit = new QLineEdit(this);
    m_pathEdit->setObjectName(QStringLiteral("export-path"));
    m_pathEdit->setMinimumWidth(360);
    pathRow->addWidget(m_pathEdit, 1);
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    pathRow->addWidget(browseButton);
    form->addRow(tr("F&ile:"), pathRow);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_pathEdit, &QLineEdit::textEdited, this, [this] {
        m_pathEdited = true;
        updateState();
    });
    connect(m_formatBox, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSuggestedPath);
    connect(m_subjectBox, &QComboBox::currentIndexChanged, this, [this] {
        const int index = m_subjectBox->currentIndex();
        m_subjectNote->setText(index >= 0 && index < m_subjects.size() ? m_subjects[index].note : QString());
        updateSuggestedPath();
    });
    updateSuggestedPath();
}

void ExportDialog::setSubjects(const QList<Subject> &subjects, const QString &current, const QString &emptyText)
{
    m_subjects = subjects;
    {
        const QSignalBlocker blocker(m_subjectBox);
        m_subjectBox->clear();
        for (const Subject &subject : subjects)
            m_subjectBox->addItem(subject.text, subject.key);
        const int index = m_subjectBox->findData(current);
        m_subjectBox->setCurrentIndex(index >= 0 ? index : 0);
    }
    const int index = m_subjectBox->currentIndex();
    m_subjectNote->setText(subjects.isEmpty() ? emptyText : (index >= 0 ? subjects[index].note : QString()));
    updateSuggestedPath();
}

QString ExportDialog::subject() const
{
    return m_subjectBox->currentData().toString();
}

reports::ReportFormat ExportDialog::format() const
{
    return reports::ReportFormat(m_formatBox->currentData().toInt());
}

void ExportDialog::setFormat(reports::ReportFormat format)
{
    m_formatBox->setCurrentIndex(m_formatBox->findData(int(format)));
}

TimeRange ExportDialog::timeRange() const
{
    return TimeRange(m_rangeBox->currentData().toInt());
}

QString ExportDialog::filePath() const
{
    return m_pathEdit->text().trimmed();
}

void ExportDialog::setFilePath(const QString &path)
{
    m_pathEdit->setText(path);
    m_pathEdited = true;
    updateState();
}

void ExportDialog::browse()
{
    const reports::ReportFormat chosen = format();
    QString path = QFileDialog::getSaveFileName(this, windowTitle(), filePath(), fileFilter(chosen));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + reports::formatSuffix(chosen);
    setFilePath(path);
}

// Suggests FOLDER/KIND-SUBJECT-DATE.SUFFIX until the person edits the path,
// and afterwards only keeps the suffix in step with the format.
void ExportDialog::updateSuggestedPath()
{
    const QString suffix = reports::formatSuffix(format());
    if (m_pathEdited) {
        QFileInfo current(filePath());
        const bool knownSuffix = reports::parseFormat(current.suffix()).has_value();
        if (knownSuffix && current.suffix() != suffix) {
            m_pathEdit->setText(QDir(current.path()).filePath(current.completeBaseName() + QLatin1Char('.') + suffix));
        }
        updateState();
        return;
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString name = kindKey(m_kind);
    if (!subject().isEmpty())
        name += QLatin1Char('-') + subject();
    name = name.replace(unsafe, QStringLiteral("-"));
    name += QLatin1Char('-') + QDate::currentDate().toString(Qt::ISODate) + QLatin1Char('.') + suffix;
    m_pathEdit->setText(QDir(m_folder).filePath(name));
    updateState();
}

void ExportDialog::updateState()
{
    const bool needsSubject = m_kind != ReportKind::Goals;
    const bool ready = !filePath().isEmpty() && (!needsSubject || !subject().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

} // namespace umg
