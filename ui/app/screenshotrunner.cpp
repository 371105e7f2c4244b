#include "app/screenshotrunner.h"

#include "app/applog.h"
#include "app/mainwindow.h"
#include "customers/customersview.h"
#include "dashboards/dashboardview.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace umg {
namespace {

// How long to wait for a dashboard's refresh before saving it as it is.
constexpr int kRefreshTimeoutMs = 20'000;
// Lets the panels repaint after the results arrived.
constexpr int kSettleMs = 300;

} // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow *window, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
{
}

void ScreenshotRunner::start()
{
    if (!QDir().mkpath(m_directory)) {
        finish(false, tr("The screenshot folder %1 could not be created; check that its parent folder is writable.")
                          .arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    m_next = 0;
    captureNext();
}

void ScreenshotRunner::captureNext()
{
    if (!m_window) {
        finish(false, tr("The window closed before the screenshots were taken."));
        return;
    }
    const QList<DashboardView *> dashboards = m_window->dashboards();
    if (m_next > dashboards.size()) {
        finish(true, {});
        return;
    }
    if (m_next == dashboards.size()) {
        m_window->showCustomers();
        QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::saveCurrent);
        return;
    }

    DashboardView *view = dashboards[m_next];
    const int completed = view->completedRefreshes();
    m_window->showDashboard(DashboardId(m_next));
    view->refresh();
    // Save after the next refresh, or after the timeout with what the panels show.
    auto *timeout = new QTimer(this);
    timeout->setSingleShot(true);
    m_waitConnection = connect(view, &DashboardView::refreshed, this, [this, view, completed, timeout] {
        if (view->completedRefreshes() <= completed)
            return;
        disconnect(m_waitConnection);
        timeout->deleteLater();
        QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::saveCurrent);
    });
    connect(timeout, &QTimer::timeout, this, [this, timeout] {
        qCWarning(lcApp) << "no refresh within" << kRefreshTimeoutMs << "ms; saving the dashboard as it is";
        disconnect(m_waitConnection);
        timeout->deleteLater();
        saveCurrent();
    });
    timeout->start(kRefreshTimeoutMs);
}

void ScreenshotRunner::saveCurrent()
{
    if (!m_window) {
        finish(false, tr("The window closed before the screenshots were taken."));
        return;
    }
    const QList<DashboardView *> dashboards = m_window->dashboards();
    QString fileName;
    QString error;
    bool saved = false;
    if (m_next < dashboards.size()) {
        DashboardView *view = dashboards[m_next];
        fileName = QDir(m_directory).filePath(view->definition().id + QStringLiteral(".png"));
        saved = view->exportPng(fileName, &error);
    } else {
        fileName = QDir(m_directory).filePath(QStringLiteral("customers.png"));
        saved = m_window->customersView()->grab().save(fileName, "PNG");
        if (!saved)
            error = tr("The Customers view could not be saved to %1; check that the folder is writable.")
                        .arg(QDir::toNativeSeparators(fileName));
    }
    if (!saved) {
        finish(false, error);
        return;
    }
    qCInfo(lcApp) << "saved" << fileName;
    m_written.append(fileName);
    ++m_next;
    captureNext();
}

void ScreenshotRunner::finish(bool ok, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(ok, message);
}

int runConsole(const ConsoleOptions &options)
{
    MainWindow window(options);
    if (!options.screenshotDir.isEmpty())
        window.resize(1680, 1050);
    window.show();

    int status = 0;
    if (options.quitAfterSeconds > 0) {
        const int delayMs = int(options.quitAfterSeconds * 1000);
        if (options.screenshotDir.isEmpty()) {
            QTimer::singleShot(delayMs, &window, &QWidget::close);
        } else {
            auto *runner = new ScreenshotRunner(&window, options.screenshotDir, &window);
            QObject::connect(runner, &ScreenshotRunner::finished, &window, [&window, &status](bool ok, const QString &message) {
                if (!ok) {
                    std::fprintf(stderr, "%s\n", qPrintable(message));
                    status = 1;
                }
                window.close();
            });
            QTimer::singleShot(delayMs, runner, &ScreenshotRunner::start);
        }
    }
    const int loopStatus = QApplication::exec();
    return status != 0 ? status : loopStatus;
}

} // namespace umg
