#pragma once

#include <QObject>
#include <QString>

namespace umg {

/// A load test that the Load testing dashboard can start and stop. The
/// console has none yet: a runner that drives the load generator against
/// the embedded engine or a remote node implements this interface, sets
/// the `attribution_loadtest_*` metrics while it runs, and is handed to
/// DashboardView::setLoadTestRunner(). The dashboard then enables its Start
/// and Stop buttons and evaluates the validation summary over the test.
class LoadTestRunner : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Short description for the button tooltip, such as "1,000,000 events/s for 10 minutes".
    virtual QString description() const = 0;
    virtual bool isRunning() const = 0;
    /// Starts the test; must not block the GUI thread.
    virtual void start() = 0;
    /// Stops a running test; must not block the GUI thread.
    virtual void stop() = 0;

Q_SIGNALS:
    void runningChanged(bool running);
    /// A translated message naming what failed and the fix.
    void failed(const QString &message);
};

} // namespace umg
