// The Debian packages as cpack builds them from this build tree: their
// files, control fields and maintainer scripts, and the programs extracted
// from them. Nothing is installed: the packages are built in and extracted
// to a temporary folder, so the test needs no root.

#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <map>

namespace {

const QString kNodePackage = QStringLiteral("unmogrowp-node");
const QString kConsolePackage = QStringLiteral("unmogrowp-console");
const QString kConsoleAppId = QStringLiteral("example.unmogrowp.Console");
const int kIconSizes[] = {16, 22, 24, 32, 48, 64, 128, 256};

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool succeeded() const { return finished && exitCode == 0; }
    QByteArray report() const
    {
        return "exit code " + QByteArray::number(exitCode) + (finished ? "" : " (did not finish)") + "\nstdout:\n"
            + out + "\nstderr:\n" + err;
    }
};

ProcessResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 60'000,
                         const QString& workingDirectory = QString())
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    ProcessResult result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.error() == QProcess::FailedToStart)
        result.err += "failed to start " + program.toUtf8();
    return result;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The package names in a Depends field, without versions and with each
// alternative of `a | b` listed.
QStringList dependencyNames(const QString& depends)
{
    QStringList names;
    for (const QString& entry : depends.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        for (const QString& alternative : entry.split(QLatin1Char('|'), Qt::SkipEmptyParts))
            names.append(alternative.trimmed().section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), 0, 0));
    }
    return names;
}

// Width and height from a PNG file's IHDR chunk, or an invalid QSize.
QSize pngSize(const QByteArray& data)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    if (data.size() < 24 || !data.startsWith(signature) || data.mid(12, 4) != "IHDR")
        return {};
    auto bigEndian = [&data](int offset) {
        return (static_cast<quint32>(static_cast<unsigned char>(data[offset])) << 24)
            | (static_cast<quint32>(static_cast<unsigned char>(data[offset + 1])) << 16)
            | (static_cast<quint32>(static_cast<unsigned char>(data[offset + 2])) << 8)
            | static_cast<quint32>(static_cast<unsigned char>(data[offset + 3]));
    };
    return QSize(static_cast<int>(bigEndian(16)), static_cast<int>(bigEndian(20)));
}

// The value of the first `Key=value` line of a systemd unit, desktop entry
// or environment file.
QString keyValue(const QByteArray& content, const QString& key)
{
    const QRegularExpression pattern(QStringLiteral("^%1=(.*)$").arg(QRegularExpression::escape(key)),
                                     QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(content));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

} // namespace

class TestPackages : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void packageContainsFile_data();
    void packageContainsFile();
    void packagesKeepProgramsApart();
    void fileModes_data();
    void fileModes();
    void controlField_data();
    void controlField();
    void packageDepends_data();
    void packageDepends();
    void nodeDependsOnNoConsoleQt();
    void nodeConfigurationIsConffile();
    void nodeMaintainerScripts();
    void programsAreStripped_data();
    void programsAreStripped();

    void extractedNodePrintsVersion();
    void extractedNodeGeneratesEvents();
    void extractedConsolePrintsVersion();

    void serviceUnitVerifies();
    void serviceRunsAsSysusersUser();
    void serviceListensOnLoopback();
    void manPageRenders();
    void manPageCoversCommands();
    void desktopFileValidates();
    void desktopFileNamesProgramAndIcon();
    void metainfoValidates();
    void iconSize_data();
    void iconSize();

private:
    bool consolePackaged() const { return m_packages.count(kConsolePackage) > 0; }
    QString extracted(const QString& package, const QString& path) const
    {
        return m_directory.filePath(QStringLiteral("root-") + package) + path;
    }
    QString controlFile(const QString& package, const QString& name) const
    {
        return m_directory.filePath(QStringLiteral("control-") + package) + QLatin1Char('/') + name;
    }
    QString field(const QString& package, const QString& name);

    QTemporaryDir m_directory;
    QString m_dpkgDeb;
    // Package name to .deb file.
    std::map<QString, QString> m_packages;
    // Package name to the dpkg-deb --contents line of each path, by path
    // without the leading ".".
    std::map<QString, std::map<QString, QString>> m_contents;
};

QString TestPackages::field(const QString& package, const QString& name)
{
    const ProcessResult result = runProgram(m_dpkgDeb, {QStringLiteral("--field"), m_packages.at(package), name});
    if (!result.succeeded())
        qWarning().noquote() << "dpkg-deb --field failed:" << result.report();
    return QString::fromUtf8(result.out).trimmed();
}

void TestPackages::initTestCase()
{
    QVERIFY2(m_directory.isValid(), qPrintable(m_directory.errorString()));
    m_dpkgDeb = QStandardPaths::findExecutable(QStringLiteral("dpkg-deb"));
    QVERIFY2(!m_dpkgDeb.isEmpty(), "dpkg-deb not found; install the Debian package dpkg");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("dpkg-shlibdeps")).isEmpty(),
             "dpkg-shlibdeps not found; install the Debian package dpkg-dev (.ci/install-deps does)");

    // -B puts the packages and cpack's staging folder _CPack_Packages into
    // the temporary folder. cpack still writes install_manifest_*.txt files
    // into the build tree.
    const ProcessResult cpack = runProgram(QStringLiteral(UMG_CPACK_COMMAND),
                                           {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                                            QStringLiteral(UMG_CPACK_CONFIG), QStringLiteral("-B"), m_directory.path()},
                                           600'000, m_directory.path());
    QVERIFY2(cpack.succeeded(), cpack.report().constData());

    const QStringList debs = QDir(m_directory.path()).entryList({QStringLiteral("*.deb")}, QDir::Files);
    for (const QString& deb : debs) {
        const QString path = m_directory.filePath(deb);
        const ProcessResult name = runProgram(m_dpkgDeb, {QStringLiteral("--field"), path, QStringLiteral("Package")});
        QVERIFY2(name.succeeded(), name.report().constData());
        m_packages[QString::fromUtf8(name.out).trimmed()] = path;
    }
    QVERIFY2(m_packages.count(kNodePackage), qPrintable(QStringLiteral("no unmogrowp-node package among: ") + debs.join(QLatin1Char(' '))));
#ifdef UMG_CONSOLE_PACKAGED
    QVERIFY2(m_packages.count(kConsolePackage),
             qPrintable(QStringLiteral("no unmogrowp-console package among: ") + debs.join(QLatin1Char(' '))));
#endif

    for (const auto& [package, deb] : m_packages) {
        const ProcessResult contents = runProgram(m_dpkgDeb, {QStringLiteral("--contents"), deb});
        QVERIFY2(contents.succeeded(), contents.report().constData());
        for (const QByteArray& line : contents.out.split('\n')) {
            // drwxr-xr-x root/root 0 2026-12-04 20:00 ./usr/bin/
            const QString text = QString::fromUtf8(line);
            const qsizetype pathStart = text.indexOf(QStringLiteral(" ./"));
            if (pathStart < 0)
                continue;
            QString path = text.mid(pathStart + 2);
            if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
                path.chop(1);
            m_contents[package][path] = text;
        }

        const ProcessResult extract = runProgram(
            m_dpkgDeb, {QStringLiteral("--extract"), deb, m_directory.filePath(QStringLiteral("root-") + package)});
        QVERIFY2(extract.succeeded(), extract.report().constData());
        const ProcessResult control = runProgram(
            m_dpkgDeb, {QStringLiteral("--control"), deb, m_directory.filePath(QStringLiteral("control-") + package)});
        QVERIFY2(control.succeeded(), control.report().constData());
    }
}

void TestPackages::packageContainsFile_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("path");

    QTest::newRow("node binary") << kNodePackage << QStringLiteral("/usr/bin/unmogrowp-node");
    QTest::newRow("node man page") << kNodePackage << QStringLiteral("/usr/share/man/man1/unmogrowp-node.1.gz");
    QTest::newRow("node unit") << kNodePackage << QStringLiteral("/usr/lib/systemd/system/unmogrowp-node.service");
    QTest::newRow("node sysusers") << kNodePackage << QStringLiteral("/usr/lib/sysusers.d/unmogrowp-node.conf");
    QTest::newRow("node settings") << kNodePackage << QStringLiteral("/etc/unmogrowp/node.conf");

    QTest::newRow("console binary") << kConsolePackage << QStringLiteral("/usr/bin/unmogrowp-console");
    QTest::newRow("console desktop entry")
        << kConsolePackage << QStringLiteral("/usr/share/applications/%1.desktop").arg(kConsoleAppId);
    QTest::newRow("console metainfo")
        << kConsolePackage << QStringLiteral("/usr/share/metainfo/%1.metainfo.xml").arg(kConsoleAppId);
    QTest::newRow("console scalable icon")
        << kConsolePackage << QStringLiteral("/usr/share/icons/hicolor/scalable/apps/%1.svg").arg(kConsoleAppId);
    for (int size : kIconSizes) {
        QTest::newRow(qPrintable(QStringLiteral("console icon %1").arg(size)))
            << kConsolePackage
            << QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kConsoleAppId);
    }
}

void TestPackages::packageContainsFile()
{
    QFETCH(QString, package);
    QFETCH(QString, path);
    if (!m_packages.count(package))
        QSKIP("the console is not built (UMG_BUILD_CONSOLE=OFF), so there is no console package");

    QVERIFY2(m_contents[package].count(path), qPrintable(path + QStringLiteral(" is missing from ") + package));
    QVERIFY2(QFileInfo::exists(extracted(package, path)), qPrintable(path + QStringLiteral(" was not extracted")));
}

void TestPackages::packagesKeepProgramsApart()
{
    QVERIFY(!m_contents[kNodePackage].count(QStringLiteral("/usr/bin/unmogrowp-console")));
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");
    QVERIFY(!m_contents[kConsolePackage].count(QStringLiteral("/usr/bin/unmogrowp-node")));
}

void TestPackages::fileModes_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("mode");

    QTest::newRow("node binary") << kNodePackage << QStringLiteral("/usr/bin/unmogrowp-node")
                                 << QStringLiteral("-rwxr-xr-x root/root");
    QTest::newRow("node settings") << kNodePackage << QStringLiteral("/etc/unmogrowp/node.conf")
                                   << QStringLiteral("-rw-r--r-- root/root");
    QTest::newRow("node unit") << kNodePackage << QStringLiteral("/usr/lib/systemd/system/unmogrowp-node.service")
                               << QStringLiteral("-rw-r--r-- root/root");
    QTest::newRow("console binary") << kConsolePackage << QStringLiteral("/usr/bin/unmogrowp-console")
                                    << QStringLiteral("-rwxr-xr-x root/root");
}

void TestPackages::fileModes()
{
    QFETCH(QString, package);
    QFETCH(QString, path);
    QFETCH(QString, mode);
    if (!m_packages.count(package))
        QSKIP("the console is not built, so there is no console package");

    const QString line = m_contents[package][path];
    QVERIFY2(line.startsWith(mode), qPrintable(QStringLiteral("expected %1, dpkg-deb lists: %2").arg(mode, line)));
}

void TestPackages::controlField_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern");

    const QString version = QStringLiteral("^%1-1$").arg(QRegularExpression::escape(QStringLiteral(UMG_PROJECT_VERSION)));
    for (const QString& package : {kNodePackage, kConsolePackage}) {
        const QString prefix = package + QLatin1Char(' ');
        QTest::newRow(qPrintable(prefix + QStringLiteral("version"))) << package << QStringLiteral("Version") << version;
        QTest::newRow(qPrintable(prefix + QStringLiteral("maintainer")))
            << package << QStringLiteral("Maintainer") << QStringLiteral("^[^<]+ <[^@>]+@[^>]+>$");
        QTest::newRow(qPrintable(prefix + QStringLiteral("homepage")))
            << package << QStringLiteral("Homepage") << QStringLiteral("^https://unmogrowp\\.example$");
        QTest::newRow(qPrintable(prefix + QStringLiteral("description")))
            << package << QStringLiteral("Description") << QStringLiteral("^UnMoGrowP .+\\n .+");
    }
    QTest::newRow("node section") << kNodePackage << QStringLiteral("Section") << QStringLiteral("^net$");
    QTest::newRow("console section") << kConsolePackage << QStringLiteral("Section") << QStringLiteral("^admin$");
    QTest::newRow("console recommends")
        << kConsolePackage << QStringLiteral("Recommends") << QStringLiteral("(^|, )qt6-wayland($|,)");
}

void TestPackages::controlField()
{
    QFETCH(QString, package);
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    if (!m_packages.count(package))
        QSKIP("the console is not built, so there is no console package");

    const QString value = field(package, name);
    QVERIFY2(QRegularExpression(pattern).match(value).hasMatch(),
             qPrintable(QStringLiteral("%1 of %2 is \"%3\", expected to match %4").arg(name, package, value, pattern)));
}

void TestPackages::packageDepends_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("dependency");

    // Found by dpkg-shlibdeps from the linked libraries.
    for (const char* library : {"libc6", "libstdc++6", "libsqlite3-0", "libssl3", "libprometheus-cpp-pull1.0",
                                "libqt6core6", "libqt6gui6"})
        QTest::newRow((QByteArray("node ") + library).constData()) << kNodePackage << QString::fromLatin1(library);
    // Declared in packaging/CMakeLists.txt, for the postinst script.
    QTest::newRow("sysusers") << kNodePackage << QStringLiteral("systemd-sysusers");
    QTest::newRow("adduser") << kNodePackage << QStringLiteral("adduser");

    for (const char* library : {"libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6charts6", "libqt6network6",
                                "libqt6keychain1"})
        QTest::newRow(library) << kConsolePackage << QString::fromLatin1(library);
    // The SQLite driver is a plugin, which dpkg-shlibdeps cannot see.
    QTest::newRow("qt sqlite driver") << kConsolePackage << QStringLiteral("libqt6sql6-sqlite");
}

void TestPackages::packageDepends()
{
    QFETCH(QString, package);
    QFETCH(QString, dependency);
    if (!m_packages.count(package))
        QSKIP("the console is not built, so there is no console package");

    const QString depends = field(package, QStringLiteral("Depends"));
    QVERIFY2(dependencyNames(depends).contains(dependency),
             qPrintable(QStringLiteral("%1 is missing from Depends of %2: %3").arg(dependency, package, depends)));
}

void TestPackages::nodeDependsOnNoConsoleQt()
{
    // The report command writes PDF through Qt Core and Gui on the offscreen
    // platform; everything else of Qt stays with the console.
    const QString depends = field(kNodePackage, QStringLiteral("Depends"));
    QVERIFY2(!depends.isEmpty(), "unmogrowp-node has no Depends field");
    const QStringList allowed{QStringLiteral("libqt6core6"), QStringLiteral("libqt6gui6")};
    for (const QString& name : dependencyNames(depends))
        QVERIFY2(!name.startsWith(QStringLiteral("libqt")) || allowed.contains(name),
                 qPrintable(QStringLiteral("unmogrowp-node depends on ") + name));
}

void TestPackages::nodeConfigurationIsConffile()
{
    const QByteArray conffiles = readFile(controlFile(kNodePackage, QStringLiteral("conffiles")));
    QVERIFY2(conffiles.split('\n').contains("/etc/unmogrowp/node.conf"), conffiles.constData());
}

void TestPackages::nodeMaintainerScripts()
{
    for (const QString& script : {QStringLiteral("postinst"), QStringLiteral("prerm"), QStringLiteral("postrm")}) {
        const QFileInfo info(controlFile(kNodePackage, script));
        QVERIFY2(info.exists(), qPrintable(script + QStringLiteral(" is missing from the control archive")));
        QVERIFY2(info.isExecutable(), qPrintable(script + QStringLiteral(" is not executable")));
        const ProcessResult syntax = runProgram(QStringLiteral("/bin/sh"), {QStringLiteral("-n"), info.filePath()});
        QVERIFY2(syntax.succeeded(), syntax.report().constData());
    }
}

void TestPackages::programsAreStripped_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("path");

    QTest::newRow("node") << kNodePackage << QStringLiteral("/usr/bin/unmogrowp-node");
    QTest::newRow("console") << kConsolePackage << QStringLiteral("/usr/bin/unmogrowp-console");
}

void TestPackages::programsAreStripped()
{
    QFETCH(QString, package);
    QFETCH(QString, path);
    if (!m_packages.count(package))
        QSKIP("the console is not built, so there is no console package");
    const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
    if (readelf.isEmpty())
        QSKIP("readelf not found; install the Debian package binutils");

    // The debug information goes to the -dbgsym package.
    const ProcessResult sections = runProgram(readelf, {QStringLiteral("--section-headers"), extracted(package, path)});
    QVERIFY2(sections.succeeded(), sections.report().constData());
    QVERIFY2(!sections.out.contains(".debug_info"), qPrintable(path + QStringLiteral(" still has .debug_info")));
    QVERIFY2(QDir(m_directory.path()).entryList({package + QStringLiteral("-dbgsym_*.ddeb")}, QDir::Files).size() == 1,
             qPrintable(QStringLiteral("no %1-dbgsym package beside %1").arg(package)));
}

void TestPackages::extractedNodePrintsVersion()
{
    const ProcessResult result =
        runProgram(extracted(kNodePackage, QStringLiteral("/usr/bin/unmogrowp-node")), {QStringLiteral("--version")});
    QVERIFY2(result.succeeded(), result.report().constData());
    QCOMPARE(result.out, QByteArray("unmogrowp-node " UMG_PROJECT_VERSION "\n"));
}

void TestPackages::extractedNodeGeneratesEvents()
{
    const QString out = m_directory.filePath(QStringLiteral("generated.ndjson"));
    const ProcessResult result =
        runProgram(extracted(kNodePackage, QStringLiteral("/usr/bin/unmogrowp-node")),
                   {QStringLiteral("generate"), QStringLiteral("--events"), QStringLiteral("1000"), QStringLiteral("--out"), out});
    QVERIFY2(result.succeeded(), result.report().constData());
    QCOMPARE(readFile(out).count('\n'), 1000);
}

void TestPackages::extractedConsolePrintsVersion()
{
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");

    // The console creates its QApplication before it reads the options, so it
    // needs a platform plugin even for --version; the test runs with
    // QT_QPA_PLATFORM=offscreen.
    const ProcessResult result = runProgram(extracted(kConsolePackage, QStringLiteral("/usr/bin/unmogrowp-console")),
                                            {QStringLiteral("--version")});
    QVERIFY2(result.succeeded(), result.report().constData());
    QVERIFY2(result.out.contains(UMG_PROJECT_VERSION), result.report().constData());
}

void TestPackages::serviceUnitVerifies()
{
    const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
    if (analyze.isEmpty())
        QSKIP("systemd-analyze not found; install the Debian package systemd");

    // systemd-analyze checks that ExecStart= names an executable on this
    // machine, so the copy that it verifies starts the extracted program.
    const QByteArray unit = readFile(extracted(kNodePackage, QStringLiteral("/usr/lib/systemd/system/unmogrowp-node.service")));
    QVERIFY(unit.contains("ExecStart=/usr/bin/unmogrowp-node serve "));
    QByteArray copy = unit;
    copy.replace("ExecStart=/usr/bin/unmogrowp-node",
                 "ExecStart=" + extracted(kNodePackage, QStringLiteral("/usr/bin/unmogrowp-node")).toUtf8());
    QDir().mkpath(m_directory.filePath(QStringLiteral("unit")));
    const QString copyPath = m_directory.filePath(QStringLiteral("unit/unmogrowp-node.service"));
    QFile file(copyPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(copy);
    file.close();

    // The man page that Documentation= names is not installed on this
    // machine, so --man=no skips that check.
    const ProcessResult result = runProgram(analyze, {QStringLiteral("verify"), QStringLiteral("--man=no"), copyPath});
    QVERIFY2(result.succeeded(), result.report().constData());
    QVERIFY2(result.err.trimmed().isEmpty(), result.report().constData());
}

void TestPackages::serviceRunsAsSysusersUser()
{
    const QByteArray unit = readFile(extracted(kNodePackage, QStringLiteral("/usr/lib/systemd/system/unmogrowp-node.service")));
    const QByteArray sysusers = readFile(extracted(kNodePackage, QStringLiteral("/usr/lib/sysusers.d/unmogrowp-node.conf")));
    const QString user = keyValue(unit, QStringLiteral("User"));
    QVERIFY(!user.isEmpty());
    QCOMPARE(keyValue(unit, QStringLiteral("Group")), user);

    const QRegularExpression line(QStringLiteral("^u\\s+(\\S+)\\s"), QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(sysusers));
    QVERIFY2(match.hasMatch(), sysusers.constData());
    QCOMPARE(match.captured(1), user);
}

void TestPackages::serviceListensOnLoopback()
{
    const QByteArray unit = readFile(extracted(kNodePackage, QStringLiteral("/usr/lib/systemd/system/unmogrowp-node.service")));
    const QByteArray settings = readFile(extracted(kNodePackage, QStringLiteral("/etc/unmogrowp/node.conf")));
    QCOMPARE(keyValue(unit, QStringLiteral("EnvironmentFile")), QStringLiteral("/etc/unmogrowp/node.conf"));
    QVERIFY(keyValue(unit, QStringLiteral("ExecStart")).contains(QStringLiteral("--listen ${UMG_NODE_LISTEN}")));

    const QString listen = keyValue(settings, QStringLiteral("UMG_NODE_LISTEN"));
    QVERIFY2(listen.startsWith(QStringLiteral("127.0.0.1:")), qPrintable(listen));
    QCOMPARE(keyValue(settings, QStringLiteral("UMG_NODE_OPTIONS")), QString());
}

void TestPackages::manPageRenders()
{
    const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
    if (groff.isEmpty())
        QSKIP("groff not found; install the Debian package groff-base");

    const QString page = m_directory.filePath(QStringLiteral("unmogrowp-node.1"));
    const ProcessResult unpacked = runProgram(QStringLiteral("gzip"),
        {QStringLiteral("-dc"), extracted(kNodePackage, QStringLiteral("/usr/share/man/man1/unmogrowp-node.1.gz"))});
    QVERIFY2(unpacked.succeeded(), unpacked.report().constData());
    QFile file(page);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(unpacked.out);
    file.close();

    // -ww prints every warning, and -z discards the formatted page.
    const ProcessResult result = runProgram(groff, {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"),
                                                    QStringLiteral("-z"), page});
    QVERIFY2(result.succeeded(), result.report().constData());
    QVERIFY2(result.err.isEmpty(), result.report().constData());
    QVERIFY(unpacked.out.contains("UnMoGrowP " UMG_PROJECT_VERSION));
}

void TestPackages::manPageCoversCommands()
{
    const ProcessResult help =
        runProgram(extracted(kNodePackage, QStringLiteral("/usr/bin/unmogrowp-node")), {QStringLiteral("--help")});
    QVERIFY2(help.succeeded(), help.report().constData());
    const ProcessResult unpacked = runProgram(QStringLiteral("gzip"),
        {QStringLiteral("-dc"), extracted(kNodePackage, QStringLiteral("/usr/share/man/man1/unmogrowp-node.1.gz"))});
    QVERIFY2(unpacked.succeeded(), unpacked.report().constData());
    const QString page = QString::fromUtf8(unpacked.out);

    // The "Commands:" block of --help: two spaces, the command and its
    // arguments in capitals, then the description after two or more spaces.
    const QString text = QString::fromUtf8(help.out);
    const qsizetype start = text.indexOf(QStringLiteral("\nCommands:\n"));
    QVERIFY2(start >= 0, help.out.constData());
    const qsizetype end = text.indexOf(QStringLiteral("\n\n"), start + 1);
    const QStringList lines = text.mid(start + 11, end - start - 11).split(QLatin1Char('\n'));
    int commands = 0;
    for (const QString& line : lines) {
        const QString usage = line.trimmed().section(QRegularExpression(QStringLiteral("\\s{2,}")), 0, 0);
        QStringList words;
        for (const QString& word : usage.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (word.startsWith(QStringLiteral("--")) || word.toUpper() == word)
                break;
            words.append(word);
        }
        if (words.isEmpty())
            continue;
        ++commands;
        const QString command = words.join(QLatin1Char(' '));
        const QRegularExpression heading(
            QStringLiteral("^\\.SS \"?%1[ \"\\n]").arg(QRegularExpression::escape(command)),
            QRegularExpression::MultilineOption);
        QVERIFY2(heading.match(page + QLatin1Char('\n')).hasMatch(),
                 qPrintable(QStringLiteral("the man page has no section for \"%1\"").arg(command)));
    }
    QVERIFY2(commands >= 4, qPrintable(QStringLiteral("found %1 commands in --help").arg(commands)));
}

void TestPackages::desktopFileValidates()
{
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");
    const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validate.isEmpty())
        QSKIP("desktop-file-validate not found; install the Debian package desktop-file-utils");

    const ProcessResult result = runProgram(
        validate, {extracted(kConsolePackage, QStringLiteral("/usr/share/applications/%1.desktop").arg(kConsoleAppId))});
    QVERIFY2(result.succeeded(), result.report().constData());
    QVERIFY2(result.out.trimmed().isEmpty(), result.report().constData());
}

void TestPackages::desktopFileNamesProgramAndIcon()
{
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");

    const QByteArray entry =
        readFile(extracted(kConsolePackage, QStringLiteral("/usr/share/applications/%1.desktop").arg(kConsoleAppId)));
    QCOMPARE(keyValue(entry, QStringLiteral("Exec")), QStringLiteral("unmogrowp-console"));
    QCOMPARE(keyValue(entry, QStringLiteral("Icon")), kConsoleAppId);
}

void TestPackages::metainfoValidates()
{
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");
    const QString appstreamcli = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (appstreamcli.isEmpty())
        QSKIP("appstreamcli not found; install the Debian package appstream");

    const QString metainfo =
        extracted(kConsolePackage, QStringLiteral("/usr/share/metainfo/%1.metainfo.xml").arg(kConsoleAppId));
    const ProcessResult result =
        runProgram(appstreamcli, {QStringLiteral("validate"), QStringLiteral("--no-net"), metainfo});
    QVERIFY2(result.succeeded(), result.report().constData());
    QVERIFY(readFile(metainfo).contains("<launchable type=\"desktop-id\">" + kConsoleAppId.toUtf8() + ".desktop</launchable>"));
}

void TestPackages::iconSize_data()
{
    QTest::addColumn<int>("size");
    for (int size : kIconSizes)
        QTest::newRow(qPrintable(QStringLiteral("%1x%1").arg(size))) << size;
}

void TestPackages::iconSize()
{
    QFETCH(int, size);
    if (!consolePackaged())
        QSKIP("the console is not built, so there is no console package");

    const QString path = extracted(kConsolePackage,
                                   QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kConsoleAppId));
    QCOMPARE(pngSize(readFile(path)), QSize(size, size));
}

QTEST_GUILESS_MAIN(TestPackages)
#include "tst_packages.moc"
