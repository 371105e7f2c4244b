#include "reports/reportwriter.h"

#include "reports/csvwriter.h"
#include "reports/htmlwriter.h"
#include "reports/pdfwriter.h"
#include "reports/reportslog.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSaveFile>

namespace umg::reports {
namespace {

// Returns the message for a file that cannot be opened for writing, with
// the fix that the state of its folder calls for.
QString openFailure(const QString &filePath, const QString &reason)
{
    const QString nativePath = QDir::toNativeSeparators(filePath);
    const QFileInfo file(filePath);
    const QFileInfo folder(file.absolutePath());
    if (!folder.exists()) {
        return ReportText::tr("Cannot write the report to %1: the folder %2 does not exist. Create the folder or "
                              "choose another one.")
            .arg(nativePath, QDir::toNativeSeparators(folder.absoluteFilePath()));
    }
    if (!folder.isDir()) {
        return ReportText::tr("Cannot write the report to %1: %2 is a file, not a folder. Choose a path inside a "
                              "folder.")
            .arg(nativePath, QDir::toNativeSeparators(folder.absoluteFilePath()));
    }
    if (file.isDir()) {
        return ReportText::tr("Cannot write the report to %1: it is a folder. Add a file name such as report.pdf.")
            .arg(nativePath);
    }
    if (!folder.isWritable() || (file.exists() && !file.isWritable())) {
        return ReportText::tr("Cannot write the report to %1: you may not write there (%2). Choose a folder you can "
                              "write to, such as your home folder.")
            .arg(nativePath, reason);
    }
    return ReportText::tr("Cannot write the report to %1: %2. Choose another folder or file name.")
        .arg(nativePath, reason);
}

// Callers show or print the message, so it is not logged here.
bool fail(const QString &message, QString *errorMessage)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}

} // namespace

QString formatKey(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Pdf:
        return QStringLiteral("pdf");
    case ReportFormat::Html:
        return QStringLiteral("html");
    case ReportFormat::Csv:
        return QStringLiteral("csv");
    case ReportFormat::Count:
        break;
    }
    return {};
}

std::optional<ReportFormat> parseFormat(const QString &text)
{
    for (int i = 0; i < int(ReportFormat::Count); ++i) {
        if (text.compare(formatKey(ReportFormat(i)), Qt::CaseInsensitive) == 0)
            return ReportFormat(i);
    }
    return std::nullopt;
}

QString formatSuffix(ReportFormat format)
{
    return formatKey(format);
}

bool writeReport(const Report &report, ReportFormat format, const QString &filePath, QString *errorMessage)
{
    if (filePath.isEmpty())
        return fail(ReportText::tr("No file name was given for the report. Choose a file to write to."), errorMessage);
    if (format == ReportFormat::Pdf && !qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        return fail(ReportText::tr("A PDF report needs a QGuiApplication for its fonts; start one, on the offscreen "
                                   "platform when there is no display."),
                    errorMessage);
    }

    // QSaveFile renames a temporary file over the target, which would replace
    // a device node or a FIFO with a regular file. It follows symbolic links.
    const QFileInfo existing(filePath);
    if (existing.exists() && !existing.isFile() && !existing.isDir()) {
        return fail(ReportText::tr("Cannot write the report to %1: it is not a regular file but a device, FIFO or "
                                   "socket. Choose the path of a regular file.")
                        .arg(QDir::toNativeSeparators(filePath)),
                    errorMessage);
    }

    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(openFailure(filePath, file.errorString()), errorMessage);

    QString pdfError;
    bool written = false;
    switch (format) {
    case ReportFormat::Pdf:
        written = writePdf(report, &file, &pdfError);
        break;
    case ReportFormat::Html: {
        const QByteArray html = toHtml(report);
        written = file.write(html) == html.size();
        break;
    }
    case ReportFormat::Csv: {
        const QByteArray csv = toCsv(report);
        written = file.write(csv) == csv.size();
        break;
    }
    case ReportFormat::Count:
        break;
    }

    const QString nativePath = QDir::toNativeSeparators(filePath);
    if (!written) {
        const QString reason = pdfError.isEmpty() ? file.errorString() : pdfError;
        file.cancelWriting();
        return fail(ReportText::tr("Cannot write the report to %1: %2. Check the free space on the disk and try "
                                   "again.")
                        .arg(nativePath, reason),
                    errorMessage);
    }
    if (!file.commit()) {
        return fail(ReportText::tr("Cannot save the report as %1: %2. Check the free space and that you may "
                                   "replace the file.")
                        .arg(nativePath, file.errorString()),
                    errorMessage);
    }
    qCDebug(lcReports).noquote() << "wrote" << formatKey(format) << "report" << report.kind << "to" << nativePath;
    return true;
}

} // namespace umg::reports
