#pragma once

// A main window (MainWindowFixture.h) over the real built-in broker in a temporary data
// directory (as LocalApp) with the "Serve Kafka clients" switch wired to the real listener
// (app/backends' kafkaServeStarter) on that directory, listening on 127.0.0.1 at a port the
// system picks.
// Starting and stopping the listener are noted by GuiThreadWatch (RenamedBackend.h): the
// GUI thread must never do either.

#include "MainWindowFixture.h"
#include "RenamedBackend.h"
#include "SettleWindow.h"
#include "UiTestSupport.h"
#include "backends/BackendFactory.h"
#include "backends/ServeStarter.h"
#include "core/AsyncBackend.h"
#include "ui/MainWindow.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/TopicBrowser.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

namespace tidemark::test {

class WatchedServedListener final : public ServedListener {
public:
    explicit WatchedServedListener(std::unique_ptr<ServedListener> inner) : m_inner(std::move(inner)) {}
    ~WatchedServedListener() override { GuiThreadWatch::instance().note("~ServedListener"); }
    QString address() const override { return m_inner->address(); }

private:
    std::unique_ptr<ServedListener> m_inner;
};

// The real starter over `dir` (whatever directory the window names), watched.
inline ServeStarter watchedServeStarter(const QString &dir)
{
    return [dir](const ConnectionSpec &spec, const ServeAddress &address,
                 std::function<void(const ServeEvent &)> onEvent) -> Result<std::unique_ptr<ServedListener>> {
        GuiThreadWatch::instance().note("startListener");
        ConnectionSpec local = spec;
        local.dataDirectory = dir;
        auto started = kafkaServeStarter()(local, address, std::move(onEvent));
        if (!started)
            return started.error();
        return std::unique_ptr<ServedListener>(std::make_unique<WatchedServedListener>(std::move(*started)));
    };
}

struct ServingApp {
    explicit ServingApp(QSize size = QSize(1280, 800), const QString &shownDirectory = QString())
    {
        const QString dir = dataDir.path();
        const QString shown = shownDirectory.isEmpty() ? dir : shownDirectory;
        {
            QSettings settings(settingsDir.filePath(QStringLiteral("tidemark.ini")), QSettings::IniFormat);
            settings.setValue(QStringLiteral("kafkaServer/listen"), QStringLiteral("127.0.0.1:0"));
        }
        WindowSetup setup;
        setup.opener = [dir, shown](const ConnectionSpec &) -> Result<std::shared_ptr<Backend>> {
            auto backend = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir, {}});
            if (!backend)
                return backend.error();
            return std::shared_ptr<Backend>(
                std::make_shared<RenamedBackend>(*backend, QStringLiteral("Local: ") + shown));
        };
        setup.size = size;
        setup.shownDirectory = shown;
        setup.serveStarter = watchedServeStarter(dir);
        window = makeMainWindow(setup, clock, settingsDir);
    }

    bool showAndConnect() { return test::showAndConnect(*window); }

    QAction *serveAction() const { return child<QAction>(window.get(), QStringLiteral("serveKafka")); }

    // The listener's port once serving (0 before).
    quint16 port() const
    {
        const QString a = window->serveSwitch()->address();
        return window->serveSwitch()->isServing() ? quint16(a.mid(a.lastIndexOf(QLatin1Char(':')) + 1).toUInt()) : 0;
    }

    bool logged(const QString &text) const { return eventLogged(*window, text); }

    Backend &backend() const { return *window->asyncBackend()->backend(); }

    QTemporaryDir dataDir;
    QTemporaryDir settingsDir;
    ManualClock clock;
    std::unique_ptr<MainWindow> window;
};

} // namespace tidemark::test
