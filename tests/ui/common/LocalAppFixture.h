#pragma once

// A main window over the real built-in broker (app/logbroker through openBackend()) in a
// temporary data directory, with a manual clock and throw-away settings. The broker's
// display name is pinned to a fixed path so screenshots match on every machine.

#include "RenamedBackend.h"
#include "SettleWindow.h"
#include "UiTestSupport.h"
#include "backends/BackendFactory.h"
#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/MainWindow.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineView.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

namespace tidemark::test {

inline const QString &shownDataDirectory()
{
    static const QString dir = QStringLiteral("/home/user/.local/share/Tidemark/data");
    return dir;
}

struct LocalApp {
    explicit LocalApp(QSize size = QSize(1280, 800), std::optional<ConsumerOptions> consumers = std::nullopt)
    {
        MainWindowOptions options;
        const QString dir = dataDir.path();
        options.opener = [dir](const ConnectionSpec &) -> Result<std::shared_ptr<Backend>> {
            auto backend = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir, {}});
            if (!backend)
                return backend.error();
            return std::shared_ptr<Backend>(
                std::make_shared<RenamedBackend>(*backend, QStringLiteral("Local: ") + shownDataDirectory()));
        };
        options.clock = clock.clock();
        options.seed = 7;
        // Every read of the animation clock leaps a minute ahead, so the timeline's glides and
        // flashes are always finished when a screenshot is taken.
        options.animationClock = [t = std::make_shared<std::atomic<qint64>>(0)] { return t->fetch_add(60000) + 60000; };
        options.settingsFile = settingsDir.filePath(QStringLiteral("tidemark.ini"));
        options.initialConnection = ConnectionSpec{ConnectionSpec::Kind::Local, shownDataDirectory(), {}};
        options.consumerOptions = consumers;
        window = std::make_unique<MainWindow>(options);
        window->resize(size);
    }

    bool showAndConnect()
    {
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        return QTest::qWaitFor([this] { return window->isConnected() && window->topicBrowser()->hasLoaded(); }, 10000);
    }

    bool settle() { return settleWindow(*window); }

    // The backend the window uses (for checks from the test; thread-safe by contract).
    Backend &backend() const { return *window->asyncBackend()->backend(); }

    QTemporaryDir dataDir;
    QTemporaryDir settingsDir;
    ManualClock clock;
    std::unique_ptr<MainWindow> window;
};

} // namespace tidemark::test
