#include "validation/validationrunner.h"

#include "validation/qthttpclient.h"
#include "validation/validationlog.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

#include <stdexcept>

namespace umg {

ValidationRunner::ValidationRunner(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    m_pool->setObjectName(QStringLiteral("umg-validation"));
}

ValidationRunner::~ValidationRunner()
{
    if (m_stop)
        m_stop->request_stop();
    m_pool->waitForDone();
}

bool ValidationRunner::start(const validation::ValidationOptions &options)
{
    if (m_running)
        return false;
    m_running = true;
    m_stop = std::make_shared<std::stop_source>();
    qCInfo(lcValidation) << "validating the stack of" << QString::fromStdString(options.prometheusUrl) << "with"
                         << options.nodeUrls.size() << "nodes";

    QPointer<ValidationRunner> self(this);
    m_pool->start([self, options, stop = m_stop] {
        const auto post = [self](auto function) {
            QMetaObject::invokeMethod(
                qApp,
                [self, function = std::move(function)] {
                    if (self)
                        function(*self);
                },
                Qt::QueuedConnection);
        };
        QtHttpClient http;
        try {
            validation::ValidationReport report = validation::runValidation(
                http, options,
                [&post](const validation::CheckResult &result) {
                    post([result](ValidationRunner &runner) { Q_EMIT runner.checkFinished(result); });
                },
                stop->get_token());
            post([report = std::move(report)](ValidationRunner &runner) {
                runner.m_running = false;
                qCInfo(lcValidation) << "validation finished:" << report.count(validation::CheckStatus::Pass)
                                     << "passed," << report.count(validation::CheckStatus::Warning) << "warnings,"
                                     << report.count(validation::CheckStatus::Fail) << "failed";
                Q_EMIT runner.finished(report);
            });
        } catch (const std::exception &error) {
            const QString message = tr("The validation did not start: %1").arg(QString::fromUtf8(error.what()));
            post([message](ValidationRunner &runner) {
                runner.m_running = false;
                Q_EMIT runner.failed(message);
            });
        }
    });
    return true;
}

void ValidationRunner::stop()
{
    if (m_stop)
        m_stop->request_stop();
}

} // namespace umg
