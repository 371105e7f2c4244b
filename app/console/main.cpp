#include "app/consolelanguage.h"
#include "app/consoleoptions.h"
#include "app/screenshotrunner.h"

#include <QApplication>

#include <cstdio>

namespace {

int printAndExit(const umg::ConsoleArguments &arguments)
{
    std::fputs(qPrintable(arguments.output), arguments.exitCode == 0 ? stdout : stderr);
    return arguments.exitCode;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QCoreApplication::setApplicationName(QStringLiteral("unmogrowp-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UMG_VERSION));

    // --help and --version need no display, so they are handled before the
    // QApplication, which aborts without one.
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments.append(QString::fromLocal8Bit(argv[i]));
    if (umg::ConsoleCommandLine::requestsHelpOrVersion(rawArguments)) {
        QCoreApplication app(argc, argv);
        umg::ConsoleLanguage::install(umg::ConsoleLanguage::startLanguage());
        const umg::ConsoleArguments arguments = umg::ConsoleCommandLine::parse(QCoreApplication::arguments());
        if (arguments.exit)
            return printAndExit(arguments);
        // An option value that merely looks like --help, as in
        // `--data-dir --help`: continue with the display.
    }

    QApplication app(argc, argv);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("UnMoGrowP Console"));
    // The name of the desktop entry in packaging/console.
    QGuiApplication::setDesktopFileName(QStringLiteral("example.unmogrowp.Console"));
    umg::ConsoleLanguage::install(umg::ConsoleLanguage::startLanguage());

    const umg::ConsoleArguments arguments = umg::ConsoleCommandLine::parse(QApplication::arguments());
    if (arguments.exit)
        return printAndExit(arguments);
    return umg::runConsole(arguments.options);
}
