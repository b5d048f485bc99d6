// tidemark: the desktop app.

#include "core/Version.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    // --version must work without a display.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("%s\n", qPrintable(tidemark::versionBanner()));
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tidemark"));
    QApplication::setOrganizationName(QStringLiteral("Tidemark"));
    QApplication::setApplicationVersion(tidemark::tidemarkVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tidemark.svg")));

    tidemark::MainWindow window;
    window.show();
    return app.exec();
}
