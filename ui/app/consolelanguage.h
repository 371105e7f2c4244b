#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace umg {

/// The language of the console's user interface: the system language, or
/// English or German chosen in View > Language. QSettings stores the choice,
/// and the next start applies it. Numbers and dates follow the system locale
/// whatever the language is.
class ConsoleLanguage
{
    Q_DECLARE_TR_FUNCTIONS(umg::ConsoleLanguage)

public:
    /// QSettings key of the choice: empty for the system language, otherwise
    /// a code from availableLanguages().
    static constexpr const char *kSettingsKey = "ui/language";
    /// Environment variable that overrides the stored choice for one run,
    /// with a code from availableLanguages(); the tests set it to "en".
    static constexpr const char *kEnvironmentVariable = "UMG_LANGUAGE";

    /// Language codes the console has a translation for, English first
    /// because the source strings are English.
    static QStringList availableLanguages();

    /// The choice stored in QSettings; empty for the system language.
    static QString storedChoice();
    /// Stores `code` (empty for the system language) for the next start.
    /// Returns false, storing nothing, for a code not in availableLanguages().
    static bool storeChoice(const QString &code);

    /// The language this start uses: UMG_LANGUAGE when set to an available
    /// code, else the stored choice, else the first system UI language with
    /// a translation, else English.
    static QString startLanguage();

    /// Installs the console's translation and Qt's own translation (standard
    /// dialogs, from QLibraryInfo::TranslationsPath where installed) for
    /// `code` on the running application, replacing translators installed by
    /// an earlier call. Returns false when the console has no translation
    /// for `code`; English needs none and returns true.
    static bool install(const QString &code);

    /// The language menu: System, English and Deutsch as exclusive choices
    /// that store the choice for the next start.
    static QMenu *createMenu(QWidget *parent);
};

} // namespace umg
