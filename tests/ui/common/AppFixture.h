#pragma once

// A main window over the in-memory FakeBackend (MainWindowFixture.h): what most widget tests
// start from.

#include "FakeBackend.h"
#include "MainWindowFixture.h"
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
        : backend(std::make_shared<FakeBackend>(QStringLiteral("Fake: in memory"), clock.clock())),
          window(makeMainWindow(WindowSetup{fakeOpener(backend), size, connect, fastConsumerOptions()}, clock,
                                settingsDir))
    {}

    // Shows the window and waits until it is connected and the topic list arrived.
    bool showAndConnect() { return test::showAndConnect(*window); }

    // Waits until the window shows the broker as it is now (before a screenshot).
    bool settle() { return settleWindow(*window); }
    // Whether the Events pane logged a line containing `text`.
    bool logged(const QString &text) const { return eventLogged(*window, text); }

    ManualClock clock;
    QTemporaryDir settingsDir;
    std::shared_ptr<FakeBackend> backend;
    std::unique_ptr<MainWindow> window;
};

} // namespace tidemark::test
