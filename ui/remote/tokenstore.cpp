#include "remote/tokenstore.h"

#include "remote/remotelog.h"

#include <qt6keychain/keychain.h>

#include <QLocale>
#include <QTimer>

#include <memory>

namespace umg {

KeychainTokenStore::KeychainTokenStore(const QString &service, int timeoutMs, QObject *parent)
    : TokenStore(parent)
    , m_service(service)
    , m_timeoutMs(timeoutMs)
{
}

QString KeychainTokenStore::defaultService()
{
    return QStringLiteral("UnMoGrowP Console");
}

void KeychainTokenStore::read(const QString &key, Callback done)
{
    run(Operation::Read, key, {}, std::move(done));
}

void KeychainTokenStore::write(const QString &key, const QString &secret, Callback done)
{
    run(Operation::Write, key, secret, std::move(done));
}

void KeychainTokenStore::remove(const QString &key, Callback done)
{
    run(Operation::Remove, key, {}, std::move(done));
}

void KeychainTokenStore::run(Operation operation, const QString &key, const QString &secret, Callback done)
{
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(secret);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setKey(key);
    job->setInsecureFallback(false);
    // The job deletes itself when it finishes, even after a timeout here.
    job->setAutoDelete(true);

    // Shared between the timeout and the job, whichever completes first.
    auto answered = std::make_shared<bool>(false);
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, answered, done, deadline, key] {
        deadline->deleteLater();
        if (*answered)
            return;
        *answered = true;
        qCWarning(lcRemote) << "keychain request for" << key << "timed out after" << m_timeoutMs << "ms";
        done({Status::Unavailable, {},
              tr("the keychain service did not respond within %1 seconds; its collection may be locked")
                  .arg(QLocale().toString(m_timeoutMs / 1000.0, 'g', 3))});
    });
    connect(job, &QKeychain::Job::finished, this, [answered, done, deadline, operation, key](QKeychain::Job *finished) {
        deadline->stop();
        deadline->deleteLater();
        if (*answered)
            return;
        *answered = true;

        Result result;
        switch (finished->error()) {
        case QKeychain::NoError:
            result.status = Status::Ok;
            if (operation == Operation::Read)
                result.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
            break;
        case QKeychain::EntryNotFound:
            result.status = operation == Operation::Remove ? Status::Ok : Status::NotFound;
            break;
        default:
            result.status = Status::Unavailable;
            result.error = finished->errorString();
            qCWarning(lcRemote) << "keychain request for" << key << "failed:" << finished->errorString();
            break;
        }
        done(result);
    });
    deadline->start(m_timeoutMs);
    job->start();
}

} // namespace umg
