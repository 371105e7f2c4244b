#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "app/consoleoptions.h"

namespace umg {

class MainWindow;

/// Drives `--screenshot-dir`: shows each dashboard in turn, waits for its
/// next refresh so that every panel shows current data, saves it as
/// `<dashboard>.png`, saves the Customers view as `customers.png`, and then
/// reports whether every file was written.
class ScreenshotRunner : public QObject
{
    Q_OBJECT

public:
    ScreenshotRunner(MainWindow *window, const QString &directory, QObject *parent = nullptr);

    /// Starts taking the screenshots; finished() follows.
    void start();

    QStringList writtenFiles() const { return m_written; }

Q_SIGNALS:
    /// `ok` is false when a file could not be written; `message` then names the cause.
    void finished(bool ok, const QString &message);

private:
    void captureNext();
    void saveCurrent();
    void finish(bool ok, const QString &message);

    QPointer<MainWindow> m_window;
    QString m_directory;
    int m_next = 0;
    QMetaObject::Connection m_waitConnection;
    QStringList m_written;
    bool m_done = false;
};

/// Shows the main window and runs the event loop until the window closes,
/// or until options.quitAfterSeconds have passed (taking the screenshots
/// first when options.screenshotDir is set). Returns the exit status: 0, or
/// 1 when a screenshot could not be written.
int runConsole(const ConsoleOptions &options);

} // namespace umg
