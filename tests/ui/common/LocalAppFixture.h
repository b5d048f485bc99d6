#pragma once

// A main window (MainWindowFixture.h) over the real built-in broker (app/logbroker through
// openBackend()) in a temporary data directory. The broker's
// display name is pinned to a fixed path so screenshots match on every machine.

#include "MainWindowFixture.h"
#include "RenamedBackend.h"
#include "backends/BackendFactory.h"
#include "backends/ServeStarter.h"
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

struct LocalApp {
    // `serve`: with the "Serve Kafka Clients" switch (the Broker menu and its toolbar button)
    // as the real app has it, serving this app's data directory when switched on.
    explicit LocalApp(QSize size = QSize(1280, 800), std::optional<ConsumerOptions> consumers = std::nullopt,
                      bool lesson = false, const QString &language = QStringLiteral("en"), bool serve = false)
        : language(language), window(makeMainWindow(setup(size, consumers, lesson, serve), clock, settingsDir))
    {}

    // How this app's window is made (again, for a test that restarts the window).
    WindowSetup setup(QSize size, std::optional<ConsumerOptions> consumers, bool lesson, bool serve = false) const
    {
        WindowSetup s{localOpener(dataDir.path()), size, true, consumers, language};
        s.lesson = lesson;
        if (serve)
            s.serveStarter = localServeStarter(dataDir.path());
        return s;
    }

    // The real listener's starter, serving `dir` whatever directory the window names.
    static ServeStarter localServeStarter(const QString &dir)
    {
        return [dir](const ConnectionSpec &spec, const ServeAddress &address,
                     std::function<void(const ServeEvent &)> onEvent) {
            ConnectionSpec local = spec;
            local.dataDirectory = dir;
            return kafkaServeStarter()(local, address, std::move(onEvent));
        };
    }

    // The built-in broker in `dir`, named as if it were in the shown data directory.
    static BackendOpener localOpener(const QString &dir)
    {
        return [dir](const ConnectionSpec &) -> Result<std::shared_ptr<Backend>> {
            auto backend = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir, {}});
            if (!backend)
                return backend.error();
            return std::shared_ptr<Backend>(
                std::make_shared<RenamedBackend>(*backend, QStringLiteral("Local: ") + shownDataDirectory()));
        };
    }

    bool showAndConnect() { return test::showAndConnect(*window); }

    bool settle() { return settleWindow(*window); }

    // The backend the window uses (for checks from the test; thread-safe by contract).
    Backend &backend() const { return *window->asyncBackend()->backend(); }

    QTemporaryDir dataDir;
    QTemporaryDir settingsDir;
    ManualClock clock;
    QString language;                   // the window's ("en", "ru"; the test installs the translations)
    std::unique_ptr<MainWindow> window; // last: built from the members above
};

} // namespace tidemark::test
