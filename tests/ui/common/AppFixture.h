#pragma once

// A main window over the in-memory FakeBackend, at a fixed size, with a manual clock and
// a throw-away settings file: what most widget tests start from.

#include "FakeBackend.h"
#include "SettleWindow.h"
#include "UiTestSupport.h"
#include "core/AsyncBackend.h"
#include "core/Order.h"
#include "core/OrderGenerator.h"
#include "core/timeline/TimelineLoader.h"
#include "ui/MainWindow.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineView.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

namespace tidemark::test {

// The opener hands out a second owner of the fake (its own control block), so the app's
// release of its backend never waits for the test's reference.
inline BackendOpener fakeOpener(std::shared_ptr<FakeBackend> fake)
{
    return [fake](const ConnectionSpec &) -> Result<std::shared_ptr<Backend>> {
        return std::shared_ptr<Backend>(fake.get(), [keep = fake](Backend *) {});
    };
}

// Produces `count` seeded orders keyed by user_id (murmur2) with timestamps 1 s apart.
inline void produceOrders(FakeBackend &backend, const QString &topic, int count, qint64 firstTimestampMs,
                          quint64 seed = 7)
{
    OrderGenerator generator(seed, 1);
    std::vector<OutgoingRecord> records;
    for (int i = 0; i < count; ++i) {
        const Order order = generator.next();
        OutgoingRecord r;
        r.key = order.userId.toUtf8();
        r.value = orderToJson(order);
        r.timestampMs = firstTimestampMs + i * 1000;
        records.push_back(std::move(r));
    }
    if (!backend.produce(topic, records, {}).ok())
        qFatal("produceOrders failed");
}

struct FakeApp {
    explicit FakeApp(QSize size = QSize(1280, 800), bool connect = true)
        : backend(std::make_shared<FakeBackend>(QStringLiteral("Fake: in memory"), clock.clock()))
    {
        MainWindowOptions options;
        options.opener = fakeOpener(backend);
        options.clock = clock.clock();
        options.seed = 7;
        // Every read of the animation clock leaps a minute ahead, so the timeline's glides and
        // flashes are always finished when a screenshot is taken.
        options.animationClock = [t = std::make_shared<std::atomic<qint64>>(0)] { return t->fetch_add(60000) + 60000; };
        options.settingsFile = settingsDir.filePath(QStringLiteral("tidemark.ini"));
        options.connectOnStart = connect;
        // The fake ignores it; a fixed path keeps the connection switcher's text the same everywhere.
        options.initialConnection =
            ConnectionSpec{ConnectionSpec::Kind::Local, QStringLiteral("/home/user/.local/share/Tidemark/data"), {}};
        ConsumerOptions consumers;
        consumers.sessionTimeoutMs = 400;
        consumers.commitIntervalMs = 200;
        consumers.statusIntervalMs = 50;
        consumers.pollTimeoutMs = 50;
        consumers.watermarkIntervalMs = 100;
        options.consumerOptions = consumers;
        window = std::make_unique<MainWindow>(options);
        window->resize(size);
    }

    // Shows the window and waits until it is connected and the topic list arrived.
    bool showAndConnect()
    {
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        return QTest::qWaitFor([this] { return window->isConnected() && window->topicBrowser()->hasLoaded(); }, 5000);
    }

    // Waits until the window shows the broker as it is now (before a screenshot).
    bool settle() { return settleWindow(*window); }

    ManualClock clock;
    QTemporaryDir settingsDir;
    std::shared_ptr<FakeBackend> backend;
    std::unique_ptr<MainWindow> window;
};

} // namespace tidemark::test
