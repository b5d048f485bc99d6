#pragma once

// The main window over the fake broker in a chosen language, named as the built-in broker
// names itself (so the status bar reads as it does for users), and filled as in the
// tutorial: a group of two consumers on a topic of three partitions, 40 orders produced after
// they joined (so each reads its own partitions and the numbers never depend on timing),
// everything read and committed, and the first record of partition 0 open in the inspector.
// Shared by tst_russian_ui and tst_layout.

#include "AppFixture.h"
#include "core/ConsumerManager.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineView.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tidemark::test {

struct TutorialApp {
    TutorialApp(QSize size, const QString &language, bool lesson = false)
        : backend(std::make_shared<FakeBackend>(QStringLiteral("Local: ") + shownDataDirectory(), clock.clock())),
          window(makeMainWindow(setup(size, language, lesson), clock, settingsDir))
    {}

    WindowSetup setup(QSize size, const QString &language, bool lesson) const
    {
        WindowSetup s{fakeOpener(backend), size, true, fastConsumerOptions(), language};
        s.lesson = lesson;
        return s;
    }

    bool showAndConnect() { return test::showAndConnect(*window); }
    bool settle() { return settleWindow(*window); }

    ManualClock clock;
    QTemporaryDir settingsDir;
    std::shared_ptr<FakeBackend> backend;
    std::unique_ptr<MainWindow> window;
};

// Both consumers run, own the three partitions between them, have read to the end and
// committed it, and the timeline and the topic list know it.
inline bool settledAtEnd(TutorialApp &app)
{
    MainWindow &w = *app.window;
    const auto statuses = w.consumerManager()->statuses();
    if (statuses.size() != 2)
        return false;
    size_t partitions = 0;
    for (const ConsumerStatus &s : statuses) {
        if (s.state != ConsumerStatus::State::Running)
            return false;
        for (const TopicPartition &tp : s.assignment) {
            const auto end = app.backend->watermarks(tp);
            if (!end || s.positions.count(tp) == 0 || s.positions.at(tp) != end->high || s.committed.count(tp) == 0 ||
                s.committed.at(tp) != end->high)
                return false;
            const auto known = w.timeline()->model()->committed(QStringLiteral("billing"), tp.partition);
            if (!known || *known != end->high)
                return false;
        }
        partitions += s.assignment.size();
    }
    const auto topic = w.topicBrowser()->topicInfo(QStringLiteral("orders"));
    return partitions == 3 && topic && topic->recordCount == 40 && w.timeline()->model()->recordCount() == 40;
}

inline bool populate(TutorialApp &app)
{
    if (!app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok())
        return false;
    if (!app.showAndConnect())
        return false;
    MainWindow &w = *app.window;
    if (!QTest::qWaitFor([&] { return w.selectedTopic() == QLatin1String("orders"); }, 5000))
        return false;
    w.consumersPanel()->startConsumers();
    const auto joined = [&] {
        size_t partitions = 0;
        for (const ConsumerStatus &s : w.consumerManager()->statuses())
            if (s.state == ConsumerStatus::State::Running)
                partitions += s.assignment.size();
        return w.consumerManager()->statuses().size() == 2 && partitions == 3;
    };
    if (!QTest::qWaitFor(joined, 5000))
        return false;
    produceOrders(*app.backend, QStringLiteral("orders"), 40, app.clock.now());
    w.topicBrowser()->refresh();
    w.timeline()->loader()->refresh();
    if (!QTest::qWaitFor([&] { return settledAtEnd(app); }, 10000))
        return false;
    w.selectRecord(QStringLiteral("orders"), 0, 0);
    if (!QTest::qWaitFor([&] { return w.inspector()->record().has_value(); }, 5000))
        return false;
    return app.settle() && settledAtEnd(app);
}

} // namespace tidemark::test
