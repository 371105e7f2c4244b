// Node tokens in the system keychain. With a real Secret Service
// (gnome-keyring-daemon on a private D-Bus session from dbus-run-session):
// store, read back and delete a token, and a node whose URL persists without
// its token. With a Secret Service that never replies, and without any
// keychain service: the "session only" message and a settings file without
// the token.
//
// Each case runs in a child process of this binary, because QtKeychain
// picks its backend and Qt connects to the session bus once per process.
// The parent sets up the child's environment (a temporary HOME, no D-Bus
// address of the desktop session) and checks its exit code.

#include "remote/fleetmodel.h"
#include "remote/nodefleet.h"
#include "remote/remotesettings.h"
#include "remote/tokenstore.h"

#include "remotetesthelpers.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusVirtualObject>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

using namespace umg;

namespace {

const QString kSecretServiceChild = QStringLiteral("--secret-service-session");
const QString kNoServiceChild = QStringLiteral("--no-keychain-session");
const QString kSilentServiceChild = QStringLiteral("--silent-keychain-session");
const QString kService = QStringLiteral("UnMoGrowP Console test");
const QString kToken = QStringLiteral("keychain-token-0123456789abcdef");
constexpr int kWaitMs = 60'000;

// Collects the result of one TokenStore request. Copies share it, so a late
// result never writes to a destroyed object.
struct Outcome
{
    std::shared_ptr<std::optional<TokenStore::Result>> result =
        std::make_shared<std::optional<TokenStore::Result>>();

    TokenStore::Callback callback() const
    {
        return [result = result](const TokenStore::Result &finished) { *result = finished; };
    }
    bool done() const { return result->has_value(); }
    const TokenStore::Result &value() const { return **result; }
};

// Reads `key` and waits for the result, which is Unavailable when none arrives.
TokenStore::Result readAndWait(TokenStore &store, const QString &key)
{
    Outcome outcome;
    store.read(key, outcome.callback());
    QElapsedTimer timer;
    timer.start();
    while (!outcome.done() && timer.elapsed() < 60'000)
        QTest::qWait(20);
    return outcome.done() ? outcome.value() : TokenStore::Result{};
}

// Points QSettings at an INI file in `dir`.
void isolateSettings(const QString &dir)
{
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keychain"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

QString settingsText()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QUrl unusedNodeUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(test::freeLoopbackPort()));
}

WritableHistoryProvider noHistory()
{
    return [] { return std::shared_ptr<MetricHistory>(); };
}

} // namespace

/// Runs inside `dbus-run-session` with a private gnome-keyring-daemon.
class TestSecretServiceSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenStoredReadDeleted();
    void nodeUrlPersistsWithoutToken();

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
};

void TestSecretServiceSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "no D-Bus session; run through the parent test");

    // --unlock reads the password of the login keyring as one line from
    // stdin. An empty line creates the keyring, unlocked, with an empty
    // password; without the line feed the daemon creates no keyring at all.
    m_daemon.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    test::stopWithParent(m_daemon);
    m_daemon.start(QStringLiteral("gnome-keyring-daemon"),
                   {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY(m_daemon.waitForStarted(10'000));
    m_daemon.write("\n");
    m_daemon.closeWriteChannel();
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    QTRY_VERIFY_WITH_TIMEOUT(bus->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")).value(), kWaitMs);
}

void TestSecretServiceSession::cleanupTestCase()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(10'000)) {
            m_daemon.kill();
            m_daemon.waitForFinished(10'000);
        }
    }
}

void TestSecretServiceSession::tokenStoredReadDeleted()
{
    KeychainTokenStore store(kService, 20'000);
    const QString key = QStringLiteral("node http://127.0.0.1:1/");

    Outcome written;
    store.write(key, kToken, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.done(), kWaitMs);
    QVERIFY2(written.value().status == TokenStore::Status::Ok, qPrintable(written.value().error));

    Outcome read;
    store.read(key, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.done(), kWaitMs);
    QVERIFY2(read.value().status == TokenStore::Status::Ok, qPrintable(read.value().error));
    QCOMPARE(read.value().secret, kToken);

    Outcome removed;
    store.remove(key, removed.callback());
    QTRY_VERIFY_WITH_TIMEOUT(removed.done(), kWaitMs);
    QVERIFY2(removed.value().status == TokenStore::Status::Ok, qPrintable(removed.value().error));

    Outcome missing;
    store.read(key, missing.callback());
    QTRY_VERIFY_WITH_TIMEOUT(missing.done(), kWaitMs);
    QVERIFY(missing.value().status == TokenStore::Status::NotFound);
}

void TestSecretServiceSession::nodeUrlPersistsWithoutToken()
{
    const QUrl url = unusedNodeUrl();
    {
        NodeFleet fleet(noHistory(), new KeychainTokenStore(kService, 20'000));
        QSignalSpy warnings(&fleet, &NodeFleet::warningRaised);
        QVERIFY(fleet.attachNode({url, kToken, true}));
        QTRY_COMPARE_WITH_TIMEOUT(
            [] {
                QSettings settings;
                return RemoteSettings::nodes(settings).size();
            }(),
            qsizetype(1), kWaitMs);
        QCOMPARE(warnings.size(), 0);
        QVERIFY(!fleet.isSessionOnly(fleet.nodes().front()->instance()));
        QSettings settings;
        QVERIFY(RemoteSettings::nodes(settings).front().hasToken);
        const QString text = settingsText();
        QVERIFY2(text.contains(url.toString()), qPrintable(text));
        QVERIFY2(!text.contains(kToken), qPrintable(text));
    }

    // The next start reads the token back from the keychain.
    NodeFleet restored(noHistory(), new KeychainTokenStore(kService, 20'000));
    restored.restore();
    QCOMPARE(restored.nodes().size(), 1);
    NodeClient *node = restored.nodes().front();
    QTRY_COMPARE_WITH_TIMEOUT(node->endpoint().token, kToken, kWaitMs);
    QVERIFY(node->isRunning());

    restored.detachNode(node->instance());
    KeychainTokenStore store(kService, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(readAndWait(store, RemoteSettings::nodeTokenKey(url)).status
                                 == TokenStore::Status::NotFound,
                             kWaitMs);
}

/// Runs without any D-Bus session, so no keychain service is reachable.
class TestNoKeychainSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storeReportsUnavailable();
    void attachedNodeKeptForSessionOnly();

private:
    QTemporaryDir m_dir;
};

void TestNoKeychainSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    isolateSettings(m_dir.filePath(QStringLiteral("settings")));
}

void TestNoKeychainSession::storeReportsUnavailable()
{
    KeychainTokenStore store(kService, 5000);
    Outcome written;
    store.write(QStringLiteral("node http://127.0.0.1:1/"), kToken, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.done(), kWaitMs);
    QVERIFY(written.value().status == TokenStore::Status::Unavailable);
    QVERIFY(!written.value().error.isEmpty());
}

void TestNoKeychainSession::attachedNodeKeptForSessionOnly()
{
    NodeFleet fleet(noHistory(), new KeychainTokenStore(kService, 5000));
    FleetModel model(&fleet);
    QSignalSpy warnings(&fleet, &NodeFleet::warningRaised);
    const QUrl withToken = unusedNodeUrl();
    QVERIFY(fleet.attachNode({withToken, kToken, true}));
    QTRY_COMPARE_WITH_TIMEOUT(warnings.size(), 1, kWaitMs);
    const QString message = warnings.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("stays attached for this session only")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("nothing was written to disk")), qPrintable(message));

    NodeClient *node = fleet.nodes().front();
    QVERIFY(fleet.isSessionOnly(node->instance()));
    QCOMPARE(node->endpoint().token, kToken);
    QVERIFY(node->isRunning());
    QVERIFY(model.index(0, int(FleetModel::Column::Node)).data().toString().contains(QStringLiteral("this session only")));

    // A node without a token needs no keychain and persists.
    const QUrl withoutToken = unusedNodeUrl();
    QVERIFY(fleet.attachNode({withoutToken, {}, true}));
    QSettings settings;
    const QList<SavedNode> saved = RemoteSettings::nodes(settings);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.front().url, withoutToken);

    const QString text = settingsText();
    QVERIFY2(!text.contains(kToken), qPrintable(text));
    QVERIFY2(!text.contains(withToken.toString()), qPrintable(text));
    QCOMPARE(warnings.size(), 1);
}

/// Receives every call to the Secret Service's object path and never replies,
/// like a service that waits for an unlock prompt on a display that does not exist.
class SilentSecretService : public QDBusVirtualObject
{
public:
    QString introspect(const QString &) const override { return {}; }
    bool handleMessage(const QDBusMessage &message, const QDBusConnection &) override
    {
        ++calls;
        Q_UNUSED(message)
        return true;
    }

    int calls = 0;
};

/// Runs inside `dbus-run-session` with a Secret Service that never replies.
class TestSilentKeychainSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void requestTimesOut();
    void attachedNodeKeptForSessionOnly();

private:
    QTemporaryDir m_dir;
    SilentSecretService m_service;
};

void TestSilentKeychainSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY2(bus.isConnected(), "no D-Bus session; run through the parent test");
    // Owning the name first keeps the bus from starting the real daemon
    // through D-Bus activation.
    QVERIFY(bus.registerVirtualObject(QStringLiteral("/org/freedesktop/secrets"), &m_service,
                                      QDBusConnection::SubPath));
    QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.secrets")));
}

void TestSilentKeychainSession::requestTimesOut()
{
    KeychainTokenStore store(kService, 3000);
    Outcome written;
    store.write(QStringLiteral("node http://127.0.0.1:1/"), kToken, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.done(), kWaitMs);
    QVERIFY(written.value().status == TokenStore::Status::Unavailable);
    QVERIFY2(written.value().error.contains(QStringLiteral("did not respond within 3 seconds")),
             qPrintable(written.value().error));
    QVERIFY(m_service.calls > 0);
}

void TestSilentKeychainSession::attachedNodeKeptForSessionOnly()
{
    NodeFleet fleet(noHistory(), new KeychainTokenStore(kService, 3000));
    QSignalSpy warnings(&fleet, &NodeFleet::warningRaised);
    const QUrl url = unusedNodeUrl();
    QVERIFY(fleet.attachNode({url, kToken, true}));
    QTRY_COMPARE_WITH_TIMEOUT(warnings.size(), 1, kWaitMs);
    const QString message = warnings.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("stays attached for this session only")), qPrintable(message));
    QVERIFY(fleet.isSessionOnly(fleet.nodes().front()->instance()));
    QSettings settings;
    QCOMPARE(RemoteSettings::nodes(settings).size(), 0);
    const QString text = settingsText();
    QVERIFY2(!text.contains(kToken), qPrintable(text));
}

/// Starts the cases above in child processes with prepared environments.
class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void secretServiceSession();
    void silentKeychainService();
    void noKeychainService();

private:
    QProcessEnvironment childEnvironment(const QString &name) const;
    void runChild(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment);

    QTemporaryDir m_dir;
};

void TestKeychain::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QProcessEnvironment TestKeychain::childEnvironment(const QString &name) const
{
    // A fresh home and runtime folder keep the child away from the desktop's
    // keyrings and from a session bus socket in the real runtime folder.
    const QString home = m_dir.filePath(name);
    QDir().mkpath(home + QStringLiteral("/runtime"));
    QFile::setPermissions(home + QStringLiteral("/runtime"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *variable : {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL",
                                 "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION"})
        environment.remove(QString::fromLatin1(variable));
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return environment;
}

void TestKeychain::runChild(const QString &program, const QStringList &arguments,
                            const QProcessEnvironment &environment)
{
    QProcess child;
    test::stopWithParent(child);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(program, arguments);
    QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
    if (!child.waitForFinished(240'000)) {
        child.kill();
        child.waitForFinished(10'000);
        QFAIL(qPrintable(QStringLiteral("the child did not finish:\n") + QString::fromUtf8(child.readAll())));
    }
    const QString output = QString::fromUtf8(child.readAll());
    const bool passed = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    if (!passed)
        qWarning().noquote() << "output of the child process:\n" << output;
    QVERIFY(child.exitStatus() == QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);
}

void TestKeychain::secretServiceSession()
{
    const QString session = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (session.isEmpty())
        QSKIP("dbus-run-session is not installed (Debian package dbus-daemon)");
    if (QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon")).isEmpty())
        QSKIP("gnome-keyring-daemon is not installed (Debian package gnome-keyring)");
    runChild(session, {QStringLiteral("--"), QCoreApplication::applicationFilePath(), kSecretServiceChild},
             childEnvironment(QStringLiteral("secret-service")));
}

void TestKeychain::silentKeychainService()
{
    const QString session = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    if (session.isEmpty())
        QSKIP("dbus-run-session is not installed (Debian package dbus-daemon)");
    runChild(session, {QStringLiteral("--"), QCoreApplication::applicationFilePath(), kSilentServiceChild},
             childEnvironment(QStringLiteral("silent-service")));
}

void TestKeychain::noKeychainService()
{
    runChild(QCoreApplication::applicationFilePath(), {kNoServiceChild},
             childEnvironment(QStringLiteral("no-service")));
}

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    QStringList arguments = application.arguments();
    if (arguments.size() > 1 && arguments.at(1) == kSecretServiceChild) {
        arguments.removeAt(1);
        TestSecretServiceSession test;
        return QTest::qExec(&test, arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == kSilentServiceChild) {
        arguments.removeAt(1);
        TestSilentKeychainSession test;
        return QTest::qExec(&test, arguments);
    }
    if (arguments.size() > 1 && arguments.at(1) == kNoServiceChild) {
        arguments.removeAt(1);
        TestNoKeychainSession test;
        return QTest::qExec(&test, arguments);
    }
    TestKeychain test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychain.moc"
