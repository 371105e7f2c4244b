#include "app/consolelanguage.h"

#include "app/applog.h"

#include <QActionGroup>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace umg {
namespace {

// The translators installed by the last ConsoleLanguage::install(), owned by
// the application object.
QPointer<QTranslator> s_consoleTranslator;
QPointer<QTranslator> s_qtTranslator;

void removeInstalledTranslators()
{
    for (QPointer<QTranslator> *translator : {&s_consoleTranslator, &s_qtTranslator}) {
        if (!*translator)
            continue;
        QCoreApplication::removeTranslator(*translator);
        delete translator->data();
        *translator = nullptr;
    }
}

// The language code of a locale name such as "de-DE" or "de_AT".
QString languageCode(const QString &localeName)
{
    return QLocale(localeName).name().section(QLatin1Char('_'), 0, 0);
}

} // namespace

QStringList ConsoleLanguage::availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString ConsoleLanguage::storedChoice()
{
    const QString code = QSettings().value(QLatin1String(kSettingsKey)).toString();
    return availableLanguages().contains(code) ? code : QString();
}

bool ConsoleLanguage::storeChoice(const QString &code)
{
    if (!code.isEmpty() && !availableLanguages().contains(code))
        return false;
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QLatin1String(kSettingsKey));
    else
        settings.setValue(QLatin1String(kSettingsKey), code);
    return true;
}

QString ConsoleLanguage::startLanguage()
{
    const QStringList available = availableLanguages();
    const QString forced = qEnvironmentVariable(kEnvironmentVariable);
    if (available.contains(forced))
        return forced;
    if (!forced.isEmpty())
        qCWarning(lcApp) << kEnvironmentVariable << "is" << forced << "but the console has only" << available;

    const QString stored = storedChoice();
    if (!stored.isEmpty())
        return stored;

    for (const QString &name : QLocale::system().uiLanguages()) {
        const QString code = languageCode(name);
        if (available.contains(code))
            return code;
    }
    return available.first();
}

bool ConsoleLanguage::install(const QString &code)
{
    removeInstalledTranslators();
    if (code == availableLanguages().first())
        return true;

    QCoreApplication *application = QCoreApplication::instance();
    const QLocale locale(code);
    auto *console = new QTranslator(application);
    // qt_add_translations embeds unmogrowp_<code>.qm in the UI library.
    if (!console->load(locale, QStringLiteral("unmogrowp"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        qCWarning(lcApp) << "no console translation for language" << code;
        delete console;
        return false;
    }
    QCoreApplication::installTranslator(console);
    s_consoleTranslator = console;

    // Debian ships Qt's own translations in qt6-translations-l10n; without
    // them the standard dialogs stay English.
    auto *qt = new QTranslator(application);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s_qtTranslator = qt;
    } else {
        qCInfo(lcApp) << "no Qt translation for language" << code << "in"
                      << QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        delete qt;
    }
    return true;
}

QMenu *ConsoleLanguage::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Language"), parent);
    menu->setObjectName(QStringLiteral("language-menu"));
    menu->setStatusTip(tr("The console shows the chosen language from its next start."));
    auto *group = new QActionGroup(menu);
    group->setExclusive(true);

    // The language names are written in their own language.
    const QList<std::pair<QString, QString>> choices = {
        {QString(), tr("&System language")},
        {QStringLiteral("en"), tr("&English", "language name, always in English")},
        {QStringLiteral("de"), tr("&Deutsch", "language name, always in German")},
    };
    const QString stored = storedChoice();
    for (const auto &[code, text] : choices) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(code == stored);
        action->setData(code);
        action->setStatusTip(menu->statusTip());
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [code] { storeChoice(code); });
    }
    return menu;
}

} // namespace umg
