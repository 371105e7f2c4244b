#include "app/consoleoptions.h"
#include "app/screenshotrunner.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("UnMoGrowP"));
    QApplication::setApplicationName(QStringLiteral("unmogrowp-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("UnMoGrowP Console"));
    QApplication::setApplicationVersion(QStringLiteral(UMG_VERSION));

    const umg::ConsoleArguments arguments = umg::ConsoleCommandLine::parse(QApplication::arguments());
    if (arguments.exit) {
        std::fputs(qPrintable(arguments.output), arguments.exitCode == 0 ? stdout : stderr);
        return arguments.exitCode;
    }
    return umg::runConsole(arguments.options);
}
