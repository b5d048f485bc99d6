// tidemark: the desktop app.

#include "backends/BackendFactory.h"
#include "core/Version.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QIcon>
#include <QSettings>

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
    // The bundled monospace font keeps JSON and hex columns aligned on every platform.
    QFontDatabase::addApplicationFont(QStringLiteral(":/fonts/DejaVuSansMono.ttf"));

    tidemark::MainWindowOptions options;
    options.opener = [](const tidemark::ConnectionSpec &spec) { return tidemark::openBackend(spec); };
    tidemark::MainWindow window(options);
    window.show();
    return app.exec();
}
