// The German translation, its loading and the language menu, and the
// console's locale formatting. The source-string check runs the real
// lupdate over ui/, reports/ and app/console/ and compares its output with
// translations/unmogrowp_de.ts.

#include "app/consolelanguage.h"
#include "widgets/valueformat.h"

#include "reports/report.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLocale>
#include <QMenu>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>
#include <QXmlStreamReader>

#include <memory>

namespace {

const QString kSourceDir = QStringLiteral(UMG_SOURCE_DIR);
const QString kGermanTs = kSourceDir + QStringLiteral("/translations/unmogrowp_de.ts");

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool finished = false;
    QStringList translations;
    QStringList files;
};

QString messageKey(const TsMessage &message)
{
    return message.context + QChar(0x1f) + message.source + QChar(0x1f) + message.comment;
}

// Reads every message of a Qt Linguist .ts file. Location file names are
// made absolute against the folder of the .ts file.
QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    const QDir folder = QFileInfo(path).absoluteDir();
    QList<TsMessage> messages;
    QString context;
    TsMessage message;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == QLatin1String("message"))
            messages.append(message);
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("location")) {
            message.files.append(
                QDir::cleanPath(folder.absoluteFilePath(xml.attributes().value(QLatin1String("filename")).toString())));
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            message.finished = type.isEmpty();
            if (!message.numerus) {
                message.translations = {xml.readElementText()};
            }
        } else if (name == QLatin1String("numerusform")) {
            message.translations.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1, line %2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

// Placeholders of a message, sorted: %1 to %99, %L1 and %n.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(?:L?[0-9]{1,2}|n)"));
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    return found;
}

qint64 utcMs(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void everySourceStringTranslated();
    void translationsKeepPlaceholders();
    void builtTranslationIsGerman();
    void germanLocaleFormatting();
    void languageMenuStoresChoice();
    void storedLanguageAppliedAtStart();

private:
    QTemporaryDir m_settingsDir;
};

void TranslationsTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("unmogrowp-console"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TranslationsTest::cleanup()
{
    QLocale::setDefault(QLocale::system());
    umg::ConsoleLanguage::install(QStringLiteral("en"));
    QSettings().clear();
}

void TranslationsTest::everySourceStringTranslated()
{
    QTemporaryDir workDir;
    QVERIFY(workDir.isValid());
    const QString scanned = workDir.filePath(QStringLiteral("sources_de.ts"));

    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(UMG_LUPDATE),
                  {QStringLiteral("-locations"), QStringLiteral("absolute"), QStringLiteral("-I"), kSourceDir,
                   QStringLiteral("-I"), kSourceDir + QStringLiteral("/ui"), QStringLiteral("-I"),
                   kSourceDir + QStringLiteral("/engine"), kSourceDir + QStringLiteral("/ui"),
                   kSourceDir + QStringLiteral("/reports"), kSourceDir + QStringLiteral("/app/console"),
                   QStringLiteral("-ts"), scanned});
    QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
    const QString lupdateOutput = QString::fromLocal8Bit(lupdate.readAll());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(lupdateOutput));

    QString error;
    const QList<TsMessage> sources = readTs(scanned, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(sources.size() > 500, qPrintable(QStringLiteral("lupdate found only %1 strings").arg(sources.size())));
    const QList<TsMessage> german = readTs(kGermanTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QHash<QString, TsMessage> translated;
    for (const TsMessage &message : german)
        translated.insert(messageKey(message), message);

    QStringList missing;
    for (const TsMessage &source : sources) {
        const auto it = translated.constFind(messageKey(source));
        const bool done = it != translated.constEnd() && it->finished && !it->translations.isEmpty()
            && !it->translations.contains(QString());
        if (done)
            continue;
        QStringList files;
        for (const QString &file : source.files)
            files.append(QDir(kSourceDir).relativeFilePath(file));
        files.removeDuplicates();
        missing.append(QStringLiteral("%1 [%2] \"%3\"").arg(files.join(QStringLiteral(", ")), source.context,
                                                            source.source));
    }
    // lupdate warns about tr() calls it cannot give a context, such as a
    // class without Q_DECLARE_TR_FUNCTIONS.
    QStringList warnings;
    for (const QString &line : lupdateOutput.split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1String("Qualifying with unknown")) || line.contains(QLatin1String("lacks Q_OBJECT")))
            warnings.append(line);
    }
    QVERIFY2(warnings.isEmpty(), qPrintable(QStringLiteral("lupdate warnings:\n") + warnings.join(QLatin1Char('\n'))));
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("%1 strings have no finished German translation in %2; run the build target "
                                       "update_translations and translate them:\n%3")
                            .arg(missing.size())
                            .arg(QDir(kSourceDir).relativeFilePath(kGermanTs), missing.join(QLatin1Char('\n')))));
}

void TranslationsTest::translationsKeepPlaceholders()
{
    QString error;
    const QList<TsMessage> german = readTs(kGermanTs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!german.isEmpty());

    QStringList wrong;
    for (const TsMessage &message : german) {
        if (!message.finished)
            continue;
        const QStringList expected = placeholders(message.source);
        for (const QString &translation : message.translations) {
            if (placeholders(translation) != expected)
                wrong.append(QStringLiteral("[%1] \"%2\" -> \"%3\"").arg(message.context, message.source, translation));
        }
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("translations with other placeholders than their source:\n")
                                         + wrong.join(QLatin1Char('\n'))));
}

void TranslationsTest::builtTranslationIsGerman()
{
    // The .qm file that the build embeds in the UI library.
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/unmogrowp_de.qm")));
    QCOMPARE(translator.translate("umg::MainWindow", "&File"), QStringLiteral("&Datei"));
    QCOMPARE(translator.translate("umg::ConsoleLanguage", "&Language"), QStringLiteral("&Sprache"));

    QVERIFY(umg::ConsoleLanguage::install(QStringLiteral("de")));
    QCOMPARE(QCoreApplication::translate("umg::MainWindow", "&File"), QStringLiteral("&Datei"));
    QCOMPARE(umg::reports::ReportText::yesNo(true), QStringLiteral("Ja"));

    QVERIFY(umg::ConsoleLanguage::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("umg::MainWindow", "&File"), QStringLiteral("&File"));
}

void TranslationsTest::germanLocaleFormatting()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));

    QCOMPARE(umg::formatCount(1'234'567), QStringLiteral("1.234.567"));
    QCOMPARE(umg::formatValue(1234.5, 1, QStringLiteral("ms")), QStringLiteral("1.234,5 ms"));
    QCOMPARE(umg::formatPercent(0.255, 1), QStringLiteral("25,5 %"));
    QCOMPARE(umg::formatDate(QDate(2026, 11, 1)), QStringLiteral("01.11.26"));
    QCOMPARE(umg::formatTime(QTime(15, 4, 5)), QStringLiteral("15:04:05"));
    QCOMPARE(umg::formatDateTime(QDateTime(QDate(2026, 11, 1), QTime(15, 4, 5))), QStringLiteral("01.11.26 15:04:05"));

    QCOMPARE(umg::reports::ReportText::number(1234.5, 1), QStringLiteral("1.234,5"));
    QCOMPARE(umg::reports::ReportText::day(utcMs(2026, 11, 1, 12, 0, 0)), QStringLiteral("01.11.26"));
    QCOMPARE(umg::reports::ReportText::time(utcMs(2026, 11, 1, 12, 30, 5)), QStringLiteral("01.11.26 12:30:05 UTC"));

    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(umg::formatValue(1234.5, 1, QStringLiteral("ms")), QStringLiteral("1,234.5 ms"));
    QCOMPARE(umg::formatDate(QDate(2026, 11, 1)), QStringLiteral("11/1/26"));
}

void TranslationsTest::languageMenuStoresChoice()
{
    QWidget parent;
    std::unique_ptr<QMenu> menu(umg::ConsoleLanguage::createMenu(&parent));
    const QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), 3);
    QCOMPARE(actions.at(0)->data().toString(), QString());
    QVERIFY(actions.at(0)->isChecked());
    QVERIFY(!menu->statusTip().isEmpty());

    QAction *german = actions.at(2);
    QCOMPARE(german->data().toString(), QStringLiteral("de"));
    german->trigger();
    QVERIFY(german->isChecked());
    QCOMPARE(QSettings().value(QLatin1String(umg::ConsoleLanguage::kSettingsKey)).toString(), QStringLiteral("de"));
    QCOMPARE(umg::ConsoleLanguage::storedChoice(), QStringLiteral("de"));

    // A menu built at the next start shows the stored choice.
    std::unique_ptr<QMenu> nextMenu(umg::ConsoleLanguage::createMenu(&parent));
    QVERIFY(nextMenu->actions().at(2)->isChecked());
    QVERIFY(!nextMenu->actions().at(0)->isChecked());

    actions.at(0)->trigger();
    QVERIFY(!QSettings().contains(QLatin1String(umg::ConsoleLanguage::kSettingsKey)));
    QVERIFY(!umg::ConsoleLanguage::storeChoice(QStringLiteral("fr")));
    QVERIFY(!QSettings().contains(QLatin1String(umg::ConsoleLanguage::kSettingsKey)));
}

void TranslationsTest::storedLanguageAppliedAtStart()
{
    QVERIFY(umg::ConsoleLanguage::storeChoice(QStringLiteral("de")));
    QSettings().sync();

    {
        const QByteArray forced = qgetenv(umg::ConsoleLanguage::kEnvironmentVariable);
        qunsetenv(umg::ConsoleLanguage::kEnvironmentVariable);
        const QString language = umg::ConsoleLanguage::startLanguage();
        qputenv(umg::ConsoleLanguage::kEnvironmentVariable, QByteArrayLiteral("en"));
        const QString forcedLanguage = umg::ConsoleLanguage::startLanguage();
        if (forced.isNull())
            qunsetenv(umg::ConsoleLanguage::kEnvironmentVariable);
        else
            qputenv(umg::ConsoleLanguage::kEnvironmentVariable, forced);
        QCOMPARE(language, QStringLiteral("de"));
        QCOMPARE(forcedLanguage, QStringLiteral("en"));
    }

    // The console program itself, started with the stored choice and
    // without a display: its --help text is German.
    const QString console = QStringLiteral(UMG_BINARY_DIR "/bin/unmogrowp-console");
    QVERIFY2(QFileInfo::exists(console), qPrintable(console));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QString::fromLatin1(umg::ConsoleLanguage::kEnvironmentVariable));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_settingsDir.path());
    // The C locale has no translation, so the system language is English.
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(console, {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(60'000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromUtf8(process.readAllStandardError())));
    QVERIFY2(output.contains(QStringLiteral("Mit angehaltenem Demo-Workload starten.")), qPrintable(output));

    // With the system language chosen again, the C locale gives English.
    QVERIFY(umg::ConsoleLanguage::storeChoice(QString()));
    QSettings().sync();
    process.start(console, {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(60'000));
    const QString englishOutput = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(englishOutput.contains(QStringLiteral("Start with the demo workload paused.")), qPrintable(englishOutput));
}

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
