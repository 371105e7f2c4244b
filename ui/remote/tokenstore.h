#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace umg {

/// Store of the secrets of attached servers (node tokens, Prometheus
/// passwords). Each request completes exactly once, on the GUI thread and
/// after the call has returned.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        Ok,
        /// read() found no entry for the key.
        NotFound,
        /// The store failed or did not respond in time; nothing was stored.
        Unavailable,
        Count
    };

    struct Result
    {
        Status status = Status::Unavailable;
        /// The secret that read() found.
        QString secret;
        /// Translated reason when the status is Unavailable.
        QString error;
    };

    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, Callback done) = 0;
    /// Deletes the entry; a missing entry counts as deleted (Status::Ok).
    virtual void remove(const QString &key, Callback done) = 0;
};

/// TokenStore over the system keychain through QtKeychain: the Secret
/// Service (GNOME Keyring, KWallet) on Linux, the Keychain on macOS and the
/// Credential Manager on Windows. QtKeychain's plaintext fallback is off, so
/// a secret never lands in a settings file.
///
/// A request that does not finish within the timeout completes as
/// Unavailable, because a locked collection can wait forever for an unlock
/// prompt that a headless session never shows. Its late result is ignored.
/// QtKeychain runs one job at a time, so while a request hangs, later ones
/// wait behind it and time out as well.
class KeychainTokenStore final : public TokenStore
{
    Q_OBJECT

public:
    /// Default time a keychain request may take, in milliseconds.
    static constexpr int kDefaultTimeoutMs = 5000;

    /// `service` names the entries in the keychain.
    explicit KeychainTokenStore(const QString &service = defaultService(), int timeoutMs = kDefaultTimeoutMs,
                                QObject *parent = nullptr);

    static QString defaultService();

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    enum class Operation { Read, Write, Remove };

    void run(Operation operation, const QString &key, const QString &secret, Callback done);

    QString m_service;
    int m_timeoutMs;
};

} // namespace umg
