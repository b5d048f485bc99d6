#pragma once

// The one way tests build a main window: fixed seed, a manual clock, an animation clock that
// leaps a minute per read (glides and flashes are always finished when a screenshot is
// taken), throw-away settings, the fixed data directory every screenshot shows, and one
// connect timeout. FakeApp (AppFixture.h), LocalApp (LocalAppFixture.h), ServingApp
// (ServingAppFixture.h) and the Russian UI test's app differ only in the opener, the language,
// the consumer options, the shown directory and the serve starter they pass.

#include "SettleWindow.h"
#include "UiTestSupport.h"
#include "core/ConsumerRunner.h"
#include "ui/MainWindow.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/TopicBrowser.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <optional>

namespace tidemark::test {

// Connecting opens the backend on a worker and lists the topics once; on a loaded machine
// (two cores, seven builds) that has taken seconds.
constexpr int kConnectTimeoutMs = 10000;

inline const QString &shownDataDirectory()
{
    static const QString dir = QStringLiteral("/home/user/.local/share/Tidemark/data");
    return dir;
}

// Consumers that notice a dead member, commit and report within a fraction of a second.
inline ConsumerOptions fastConsumerOptions()
{
    ConsumerOptions consumers;
    consumers.sessionTimeoutMs = 400;
    consumers.commitIntervalMs = 200;
    consumers.statusIntervalMs = 50;
    consumers.pollTimeoutMs = 50;
    consumers.watermarkIntervalMs = 100;
    return consumers;
}

struct WindowSetup {
    BackendOpener opener;
    QSize size = QSize(1280, 800);
    bool connectOnStart = true;
    std::optional<ConsumerOptions> consumers;
    QString language = QStringLiteral("en");
    // The data directory the window shows; empty: shownDataDirectory().
    QString shownDirectory;
    ServeStarter serveStarter; // empty: no "Serve Kafka clients" switch
    // The first lesson's strip (ui/LessonStrip.h) as a new user sees it. Off (dismissed in
    // the settings, as after a first session) unless a test is about it, so the other
    // tests' screenshots show the panels alone.
    bool lesson = false;
    // The connection the window opens (through `opener`); empty: the built-in broker in the
    // shown directory. A Kafka profile makes the window behave as on Kafka (tests/kafka).
    std::optional<ConnectionSpec> connection;
    // A first launch on a screen of this available geometry (main.cpp passes the screen's):
    // the window keeps the size it chose for it instead of being resized to `size`.
    std::optional<QRect> screen;
};

inline std::unique_ptr<MainWindow> makeMainWindow(const WindowSetup &setup, ManualClock &clock,
                                                  const QTemporaryDir &settingsDir)
{
    MainWindowOptions options;
    options.opener = setup.opener;
    options.clock = clock.clock();
    options.seed = 7;
    options.animationClock = [t = std::make_shared<std::atomic<qint64>>(0)] { return t->fetch_add(60000) + 60000; };
    options.settingsFile = settingsDir.filePath(QStringLiteral("tidemark.ini"));
    options.connectOnStart = setup.connectOnStart;
    options.initialConnection =
        setup.connection ? *setup.connection
                         : ConnectionSpec{ConnectionSpec::Kind::Local,
                                          setup.shownDirectory.isEmpty() ? shownDataDirectory() : setup.shownDirectory,
                                          {}};
    options.consumerOptions = setup.consumers;
    options.language = setup.language;
    options.serveStarter = setup.serveStarter;
    if (!setup.lesson)
        QSettings(options.settingsFile, QSettings::IniFormat).setValue(QStringLiteral("lesson/dismissed"), true);
    if (setup.screen)
        options.screen = *setup.screen;
    auto window = std::make_unique<MainWindow>(options);
    if (!setup.screen)
        window->resize(setup.size);
    return window;
}

// Shows the window and waits until it is connected and the topic list arrived.
inline bool showAndConnect(MainWindow &window)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    return QTest::qWaitFor([&] { return window.isConnected() && window.topicBrowser()->hasLoaded(); },
                           kConnectTimeoutMs);
}

// Whether some line of the window's Events pane contains `text`.
inline bool eventLogged(const MainWindow &window, const QString &text)
{
    const EventLogModel *model = window.eventsPane()->model();
    for (int i = 0; i < model->rowCount(); ++i)
        if (model->entryAt(i).message.contains(text))
            return true;
    return false;
}

} // namespace tidemark::test
