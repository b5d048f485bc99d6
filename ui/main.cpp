// tidemark: the desktop app.

#include "backends/BackendFactory.h"
#include "backends/RuntimeVersions.h"
#include "backends/ServeStarter.h"
#include "core/Version.h"
#include "secrets/KeychainSecretStore.h"
#include "ui/Language.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QIcon>
#include <QProcess>
#include <QScreen>
#include <QSettings>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    // --version and --help must work without a display, and touch no settings or data.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("%s\n", qPrintable(tidemark::runtimeVersionBanner()));
            return 0;
        }
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::printf("Usage: tidemark [--version] [--help] [Qt options such as -platform offscreen]\n"
                        "\n"
                        "Tidemark, the desktop app: produce, consume and see Kafka topics as timelines.\n"
                        "It starts on the built-in broker, whose data lives in ~/.local/share/Tidemark/data\n"
                        "(or $TIDEMARK_DATA). A Kafka cluster: File > Kafka Profiles (Ctrl+Shift+P).\n"
                        "\n"
                        "  -v, --version  print the versions of Tidemark, Qt and librdkafka\n"
                        "  -h, --help     print this help\n"
                        "\n"
                        "The same broker from a terminal: tidemark-cli --help\n");
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

    // The language is fixed for the process before the first widget exists: the system's,
    // or the one chosen in View > Language (the same settings the window uses).
    tidemark::Translations translations;
    {
        const QSettings settings;
        translations.install(tidemark::localeFor(tidemark::languageSetting(settings)));
    }

    tidemark::MainWindowOptions options;
    options.opener = [](const tidemark::ConnectionSpec &spec) { return tidemark::openBackend(spec); };
    options.versionBanner = tidemark::runtimeVersionBanner();
    options.serveStarter = tidemark::kafkaServeStarter();
    options.language = translations.language();
    options.secretStore = std::make_shared<tidemark::KeychainSecretStore>();
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        options.screen = screen->availableGeometry();
    bool restart = false;
    int status = 0;
    {
        tidemark::MainWindow window(options);
        QObject::connect(&window, &tidemark::MainWindow::restartRequested, &app, [&restart, &window] {
            restart = true;
            window.close();
        });
        window.show();
        status = app.exec();
    } // the window (its consumers and broker connections) is gone before a new process starts
    if (restart && status == 0 && !QProcess::startDetached(QApplication::applicationFilePath(), app.arguments().mid(1)))
        std::fprintf(stderr, "tidemark: could not start again; start it by hand\n");
    return status;
}
