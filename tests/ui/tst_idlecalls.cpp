// Issue 13's scale goal, counted: the whole main window at idle with one topic selected, over
// 100 topics of 3 partitions and 20 consumer groups (two of them on the selected topic), asks
// the broker at most 5 times per second in total, every panel included. The connection's
// broker state runs on a manual clock driven by the test: ten seconds of its time are ticked
// through and the calls the fake backend received are counted (nothing is timed).

#include "AppFixture.h"
#include "core/BrokerState.h"
#include "ui/panels/MessagesPanel.h"

#include <QTest>

using namespace tidemark;

class TestIdleCalls final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void fewCallsPerSecondAtIdle()
    {
        test::FakeApp app; // connects when shown, after the topics below exist
        test::FakeBackend &fake = *app.backend;
        const int topics = 100;
        for (int i = 0; i < topics; ++i)
            QVERIFY(
                fake.createTopic(TopicSpec{QStringLiteral("topic-%1").arg(i, 3, 10, QLatin1Char('0')), 3, 1, {}}).ok());
        const QString selected = QStringLiteral("topic-042");
        test::produceOrders(fake, selected, 30, 1000);
        for (int g = 0; g < 20; ++g) {
            const QString topic = g < 2 ? selected : QStringLiteral("topic-%1").arg(g + 50, 3, 10, QLatin1Char('0'));
            QVERIFY(fake.resetGroupOffsets(QStringLiteral("group-%1").arg(g), {{TopicPartition{topic, 0}, 0}}).ok());
        }
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        w.selectTopic(selected);
        QTRY_COMPARE(w.selectedTopic(), selected);
        QVERIFY(app.settle());

        BrokerState *state = BrokerState::of(w.asyncBackend());
        qint64 now = 1'000'000'000; // later than anything the real clock said
        state->setTicking(false);
        state->setClock([&now] { return now; });
        auto settled = [&] { return state->isIdle() && w.asyncBackend()->pending() == 0; };
        const qint64 before = fake.calls();
        const int seconds = 10;
        for (int step = 0; step < seconds * 10; ++step) {
            now += 100;
            state->tick();
            QTRY_VERIFY(settled());
        }
        test::flushEvents();
        QTRY_VERIFY(settled());
        const qint64 calls = fake.calls() - before;
        qInfo("idle, %d topics, 20 groups, one topic selected: %lld broker calls in %d s (%.1f/s)", topics, calls,
              seconds, double(calls) / seconds);
        QVERIFY(calls > 0); // the state does keep watching
        QVERIFY2(calls <= 5 * seconds, qPrintable(QString::number(calls)));
        // Every panel still shows the topic.
        QCOMPARE(state->recordCount(selected), qint64(30));
        QCOMPARE(w.timeline()->model()->recordCount(), qint64(30));
        QCOMPARE(w.timeline()->model()->groups().size(), size_t(2));
    }
};

QTEST_MAIN(TestIdleCalls)
#include "tst_idlecalls.moc"
