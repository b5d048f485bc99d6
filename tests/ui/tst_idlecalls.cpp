// Issue 13's scale goal, counted: the whole main window at idle with one topic selected, over
// 100 topics of 3 partitions and 20 consumer groups (two of them on the selected topic), asks
// the broker at most 5 times per second in total, every panel included, with two of the app's
// consumers running on the selected topic. The connection's broker state runs on a manual
// clock driven by the test: ten seconds of its time are ticked through and the calls the fake
// backend received are counted (nothing is timed). The consumers run on real time: each tick
// also lets 20 ms pass, so they run at least 2 s meanwhile, and every call that does not come
// from the broker state (a consumer's own watermark poll, a panel's timer) is counted apart
// and must be none.

#include "AppFixture.h"
#include "core/BrokerState.h"
#include "core/ConsumerManager.h"
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
        ConsumerManager &consumers = *w.consumerManager();
        // The fixture's consumers want their lag's watermarks every 100 ms (fast tests); the
        // app's default is what a user idles with.
        ConsumerOptions options = consumers.defaultOptions();
        options.watermarkIntervalMs = ConsumerOptions{}.watermarkIntervalMs;
        consumers.setDefaultOptions(options);
        const QStringList ids = consumers.startGroup(QStringLiteral("readers"), {selected}, 2);
        QCOMPARE(ids.size(), 2);
        // Both members read, and all 30 records were consumed with their lag known (0).
        auto caughtUp = [&] {
            size_t partitions = 0;
            for (const QString &id : ids) {
                const auto s = consumers.status(id);
                if (!s || s->state != ConsumerStatus::State::Running || s->totalLag() != 0)
                    return false;
                partitions += s->assignment.size();
            }
            return partitions == 3;
        };
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(), 10000);
        QVERIFY(app.settle());

        BrokerState *state = BrokerState::of(w.asyncBackend());
        qint64 now = 1'000'000'000; // later than anything the real clock said
        state->setTicking(false);
        state->setClock([&now] { return now; });
        auto settled = [&] { return state->isIdle() && w.asyncBackend()->pending() == 0; };
        QTRY_VERIFY(settled());
        const qint64 before = fake.calls();
        const qint64 stateBefore = state->callsStarted();
        const int seconds = 10;
        for (int step = 0; step < seconds * 10; ++step) {
            now += 100;
            state->tick();
            QTest::qWait(20); // the consumers' real time
            QTRY_VERIFY(settled());
        }
        test::flushEvents();
        QTRY_VERIFY(settled());
        const qint64 calls = fake.calls() - before;
        const qint64 outside = calls - (state->callsStarted() - stateBefore);
        qInfo("idle, %d topics, 20 groups, one topic selected, 2 consumers on it: %lld broker calls in %d s "
              "(%.1f/s), %lld of them not from the broker state",
              topics, calls, seconds, double(calls) / seconds, outside);
        QVERIFY(calls > 0); // the state does keep watching
        QVERIFY2(calls <= 5 * seconds, qPrintable(QString::number(calls)));
        QCOMPARE(outside, qint64(0));
        for (const QString &id : ids)
            QCOMPARE(consumers.status(id)->totalLag(), qint64(0));
        // Every panel still shows the topic.
        QCOMPARE(state->recordCount(selected), qint64(30));
        QCOMPARE(w.timeline()->model()->recordCount(), qint64(30));
        QCOMPARE(w.timeline()->model()->groups().size(), size_t(3)); // group-0, group-1 and the readers
    }
};

QTEST_MAIN(TestIdleCalls)
#include "tst_idlecalls.moc"
