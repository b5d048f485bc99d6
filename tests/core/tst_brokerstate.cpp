// The connection's broker state model (core/BrokerState.h) over the in-memory fake: it asks
// only for what is watched, once per key however many watch it, at the fastest watcher's
// rate; it merges the app's own deliveries and commits at once and a poll that left before
// them cannot take them back; and it never calls the broker on the GUI thread. Time is a
// manual clock and ticks are driven by the test: calls are counted, nothing is timed.

#include "FakeBackend.h"
#include "RenamedBackend.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"

#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

struct Rig {
    Rig()
        : fake(std::make_shared<test::FakeBackend>()),
          async(std::make_shared<test::RenamedBackend>(fake, QStringLiteral("fake")))
    {
        state()->setTicking(false);
        state()->setClock([this] { return now; });
        if (!fake->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok() ||
            !fake->createTopic(TopicSpec{QStringLiteral("payments"), 1, 1, {}}).ok())
            qFatal("cannot create topics");
    }
    BrokerState *state() { return BrokerState::of(&async); }
    bool settle()
    {
        return QTest::qWaitFor([this] { return async.pending() == 0 && state()->isIdle(); }, 5000);
    }
    // Advances the clock to `until` in steps of `step`, ticking and settling at each.
    bool runUntil(qint64 until, qint64 step = 50)
    {
        while (now < until) {
            now += step;
            state()->tick();
            if (!settle())
                return false;
        }
        return true;
    }
    void produce(const QString &topic, int partition, int count)
    {
        std::vector<OutgoingRecord> records(static_cast<size_t>(count));
        for (OutgoingRecord &r : records) {
            r.partition = partition;
            r.value = QByteArrayLiteral("{}");
        }
        if (!fake->produce(topic, records, {}).ok())
            qFatal("produce failed");
    }

    qint64 now = 0;
    std::shared_ptr<test::FakeBackend> fake;
    AsyncBackend async;
};

} // namespace

class TestBrokerState final : public QObject {
    Q_OBJECT

private slots:
    void nothingWatchedNothingAsked()
    {
        Rig rig;
        const qint64 before = rig.fake->calls();
        QVERIFY(rig.runUntil(5000));
        QCOMPARE(rig.fake->calls() - before, qint64(0));
        QCOMPARE(rig.state()->callsStarted(), qint64(0));
    }

    // Three views watch one topic at 250, 500 and 1000 ms: one describe per 250 ms, not three.
    // A record arrives before every describe, so no answer is quiet and the rate stays.
    void oneDescribePerTickHoweverManyWatch()
    {
        Rig rig;
        rig.produce(kTopic, 1, 4);
        const qint64 before = rig.fake->calls();
        QSignalSpy changed(rig.state(), &BrokerState::topicChanged);
        const auto a = rig.state()->watchTopic(kTopic, 250);
        const auto b = rig.state()->watchTopic(kTopic, 500);
        const auto c = rig.state()->watchTopic(kTopic, 1000);
        QVERIFY(rig.settle());
        QCOMPARE(rig.fake->calls() - before, qint64(1));
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(4));
        QCOMPARE(changed.count(), 1);
        int produced = 0;
        while (rig.now < 2000) {
            rig.now += 50;
            if (rig.now % 250 == 0) {
                rig.produce(kTopic, 0, 1);
                ++produced;
            }
            rig.state()->tick();
            QVERIFY(rig.settle());
        }
        QCOMPARE(rig.fake->calls() - before - produced, qint64(1 + 2000 / 250));
        QCOMPARE(rig.state()->callsStarted(), qint64(1 + 2000 / 250));
        QCOMPARE(changed.count(), 1 + 2000 / 250);
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(4 + produced));

        rig.state()->unwatch(a);
        rig.state()->unwatch(b);
        rig.state()->unwatch(c);
        const qint64 end = rig.fake->calls();
        QVERIFY(rig.runUntil(4000));
        QCOMPARE(rig.fake->calls(), end);
    }

    // At idle each quiet answer doubles the interval up to kMaxBackoff times; the app's own
    // news brings the watcher's rate back at once.
    void quietAnswersBackOff()
    {
        Rig rig;
        const auto w = rig.state()->watchTopic(kTopic, 250);
        QVERIFY(rig.settle());
        const qint64 before = rig.fake->calls();
        QVERIFY(rig.runUntil(10000));
        const qint64 idle = rig.fake->calls() - before;
        qInfo("idle: %lld describes in 10 s at a 250 ms watcher (40 without backing off)", idle);
        QVERIFY(idle <= 2 + 10000 / (250 * BrokerState::kMaxBackoff));
        QVERIFY(idle >= 10000 / (250 * BrokerState::kMaxBackoff));
        rig.state()->noteDelivered(kTopic, {{0, 1}});
        const qint64 woken = rig.fake->calls();
        QVERIFY(rig.runUntil(rig.now + 250));
        QCOMPARE(rig.fake->calls() - woken, qint64(1));
        rig.state()->unwatch(w);
    }

    // The app's own deliveries show at once; a poll that left before them cannot take them
    // back; a poll that left after them is the truth (here: the broker has fewer, as after a
    // topic was recreated).
    void deliveriesMergeAtOnceAndPollsDoNotTakeThemBack()
    {
        Rig rig;
        const auto w = rig.state()->watchTopic(kTopic, 250);
        QVERIFY(rig.settle());
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(0));
        QSignalSpy changed(rig.state(), &BrokerState::topicChanged);
        QSignalSpy listChanged(rig.state(), &BrokerState::topicsChanged);

        rig.now += 250;
        rig.state()->tick(); // a describe leaves now...
        QVERIFY(!rig.state()->isIdle());
        rig.state()->noteDelivered(kTopic, {{0, 3}, {2, 2}}); // ...and the app hears of 5 deliveries
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(5));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(listChanged.count(), 1);
        QVERIFY(rig.settle()); // the describe (0 records) arrives
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(5));
        QCOMPARE(rig.state()->topic(kTopic)->partitions.at(0).highWatermark, qint64(3));

        QVERIFY(rig.runUntil(rig.now + 1000)); // a describe sent after the deliveries
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(0));
        rig.state()->unwatch(w);
    }

    void topicListCountsAndWatchedTopicAgree()
    {
        Rig rig;
        rig.produce(kTopic, 0, 7);
        rig.produce(QStringLiteral("payments"), 0, 2);
        const auto list = rig.state()->watchTopics(2000);
        const auto one = rig.state()->watchTopic(kTopic, 250);
        QVERIFY(rig.settle());
        QVERIFY(rig.state()->topicsLoaded());
        const auto topics = rig.state()->topics();
        QCOMPARE(topics.size(), size_t(2));
        QCOMPARE(topics[0].name, kTopic);
        QCOMPARE(topics[0].recordCount, qint64(7));
        QCOMPARE(topics[1].recordCount, qint64(2));
        // The watched topic moves with its describes, the list entry with it.
        rig.produce(kTopic, 1, 3);
        QVERIFY(rig.runUntil(250));
        QCOMPARE(rig.state()->recordCount(kTopic), qint64(10));
        QCOMPARE(rig.state()->topics()[0].recordCount, qint64(10));
        // Unwatched, the list keeps the freshest count until the list is polled again.
        rig.state()->unwatch(one);
        QCOMPARE(rig.state()->topics()[0].recordCount, qint64(10));
        rig.state()->unwatch(list);
    }

    // Every group that reads the topic is listed, including one with no live member (only
    // committed offsets); a group of another topic is not. The app's commit shows at once.
    void groupsOfTheTopic()
    {
        Rig rig;
        rig.produce(kTopic, 0, 5);
        QVERIFY(rig.fake->resetGroupOffsets(QStringLiteral("billing"), {{TopicPartition{kTopic, 0}, 2}}).ok());
        QVERIFY(
            rig.fake->resetGroupOffsets(QStringLiteral("ledger"), {{TopicPartition{QStringLiteral("payments"), 0}, 0}})
                .ok());
        const auto t = rig.state()->watchTopic(kTopic, 250);
        const auto g = rig.state()->watchGroups(kTopic, 1000);
        QVERIFY(rig.settle());
        QVERIFY(rig.state()->areGroupsLoaded(kTopic));
        auto groups = rig.state()->groups(kTopic);
        QCOMPARE(groups.size(), size_t(1));
        QCOMPARE(groups[0].groupId, QStringLiteral("billing"));
        QCOMPARE(groups[0].partitions.at(0).committed, qint64(2));
        QCOMPARE(groups[0].partitions.at(0).lag, qint64(3));

        QSignalSpy changed(rig.state(), &BrokerState::groupsChanged);
        rig.state()->noteCommitted(QStringLiteral("billing"), {{TopicPartition{kTopic, 0}, 4}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(rig.state()->groups(kTopic)[0].partitions.at(0).lag, qint64(1));
        rig.state()->unwatch(g);
        rig.state()->unwatch(t);
    }

    // A reset made outside the app (`tidemark-cli groups reset`, another app): a poll finds the
    // group's committed offset below the one it knew, with no member in the group. Told once
    // (offsetReset, from what was committed before), whichever poll sees it first (the groups
    // of the topic, every group's offsets); a commit forward is not a reset, nor a commit
    // back while the group has members (the brokers refuse to reset such a group).
    void aResetMadeElsewhereIsToldOnce()
    {
        Rig rig;
        rig.produce(kTopic, 0, 100);
        const QString billing = QStringLiteral("billing");
        const TopicPartition p0{kTopic, 0};
        rig.fake->setCommitted(billing, p0, 60);
        QSignalSpy resets(rig.state(), &BrokerState::offsetReset);
        const auto g = rig.state()->watchGroups(kTopic, 250);
        const auto all = rig.state()->watchAllOffsets(250);
        QVERIFY(rig.settle());
        QCOMPARE(rig.state()->groups(kTopic).at(0).partitions.at(0).committed, qint64(60));
        rig.fake->setCommitted(billing, p0, 70); // forward: a commit
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(rig.state()->groups(kTopic).at(0).partitions.at(0).committed, qint64(70));
        QCOMPARE(resets.count(), 0);

        QVERIFY(rig.fake->resetGroupOffsets(billing, {{p0, 20}}).ok());
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(rig.state()->groups(kTopic).at(0).partitions.at(0).committed, qint64(20));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(resets.at(0).at(0).toString(), billing);
        QCOMPARE(resets.at(0).at(1).value<TopicPartition>(), p0);
        QCOMPARE(resets.at(0).at(2).toLongLong(), qint64(70));
        QCOMPARE(resets.at(0).at(3).toLongLong(), qint64(20));

        // With members (elsewhere) a commit below the last one is no reset.
        rig.fake->setGroupActive(billing, true);
        QVERIFY(rig.runUntil(rig.now + 2000));
        rig.fake->setCommitted(billing, p0, 50);
        QVERIFY(rig.runUntil(rig.now + 2000));
        rig.fake->setCommitted(billing, p0, 40);
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(rig.state()->groups(kTopic).at(0).partitions.at(0).committed, qint64(40));
        QCOMPARE(resets.count(), 1);
        rig.state()->unwatch(all);
        rig.state()->unwatch(g);
    }

    // The app's own reset (noteOffsetReset) is told at once, and once: not again when a poll
    // then finds the offset moved back, nor when a poll found it first.
    void theAppsOwnResetIsToldOnce()
    {
        Rig rig;
        rig.produce(kTopic, 0, 100);
        const QString billing = QStringLiteral("billing");
        const TopicPartition p0{kTopic, 0};
        rig.fake->setCommitted(billing, p0, 60);
        QSignalSpy resets(rig.state(), &BrokerState::offsetReset);
        const auto g = rig.state()->watchGroups(kTopic, 250);
        QVERIFY(rig.settle());

        // Noted first (the timeline's Reset), then polled.
        QVERIFY(rig.fake->resetGroupOffsets(billing, {{p0, 20}}).ok());
        rig.state()->noteOffsetReset(billing, p0, 60, 20);
        QCOMPARE(resets.count(), 1);
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(resets.count(), 1);

        // Polled first (its answer came before the reset's own), then noted.
        rig.fake->setCommitted(billing, p0, 60);
        QVERIFY(rig.runUntil(rig.now + 2000));
        QVERIFY(rig.fake->resetGroupOffsets(billing, {{p0, 10}}).ok());
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(resets.count(), 2);
        rig.state()->noteOffsetReset(billing, p0, 60, 10);
        QCOMPARE(resets.count(), 2);
        QCOMPARE(resets.at(1).at(3).toLongLong(), qint64(10));

        // The same offset again after the group read past it: a new reset, told.
        rig.fake->setCommitted(billing, p0, 60);
        QVERIFY(rig.runUntil(rig.now + 2000));
        QVERIFY(rig.fake->resetGroupOffsets(billing, {{p0, 10}}).ok());
        rig.state()->noteOffsetReset(billing, p0, 60, 10);
        QCOMPARE(resets.count(), 3);
        QVERIFY(rig.runUntil(rig.now + 2000));
        QCOMPARE(resets.count(), 3);
        rig.state()->unwatch(g);
    }

    void groupsNotThereWhenDescribedAreNotAskedAtEveryPoll()
    {
        // Kafka lists an Empty group whose offsets went with their deleted topic until it
        // expires, and describeGroup() says NotFound: ten of them are described once, then
        // only in the round robin's turn (one other group per poll), not at every poll.
        Rig rig;
        QVERIFY(rig.fake->resetGroupOffsets(QStringLiteral("billing"), {{TopicPartition{kTopic, 0}, 0}}).ok());
        for (int g = 0; g < 10; ++g)
            rig.fake->addListedOnlyGroup(QStringLiteral("gone-%1").arg(g));
        const qint64 before = rig.fake->calls();
        const auto w = rig.state()->watchGroups(kTopic, 1000);
        QVERIFY(rig.settle());
        QCOMPARE(rig.fake->calls() - before, qint64(1 + 11)); // listGroups, then every group once
        QCOMPARE(rig.state()->groups(kTopic).size(), size_t(1));
        const qint64 first = rig.fake->calls();
        QVERIFY(rig.runUntil(10'000, 100)); // 3 polls (1, 3 and 7 s: quiet answers back off)
        const qint64 quiet = rig.fake->calls() - first;
        qInfo("10 groups listed but not there, 10 s: %lld calls", quiet);
        QVERIFY2(quiet <= 3 * 3, qPrintable(QString::number(quiet))); // listGroups, billing, one other
        QCOMPARE(rig.state()->groups(kTopic).size(), size_t(1));
        rig.state()->unwatch(w);
    }

    void everyGroupsOffsetsInOneCallPerInterval()
    {
        // The lag history's watch: 30 groups, two watchers, one describeGroups() per 10 s
        // (not one describeGroup per group), fewer when nothing moves; every answer is told.
        Rig rig;
        rig.produce(kTopic, 0, 10);
        for (int g = 0; g < 30; ++g)
            QVERIFY(
                rig.fake->resetGroupOffsets(QStringLiteral("g%1").arg(g), {{TopicPartition{kTopic, 0}, g % 10}}).ok());
        BrokerState *state = rig.state();
        QSignalSpy sampled(state, &BrokerState::offsetsSampled);
        const qint64 before = rig.fake->calls();
        const auto a = state->watchAllOffsets(10'000);
        const auto b = state->watchAllOffsets(10'000);
        QVERIFY(rig.settle());
        QCOMPARE(rig.fake->calls() - before, qint64(1));
        QCOMPARE(state->allOffsets().size(), size_t(30));
        QCOMPARE(state->allOffsets()[3].partitions.at(0).highWatermark, qint64(10));
        QVERIFY(rig.runUntil(60'000, 100));
        const qint64 quiet = rig.fake->calls() - before;
        qInfo("30 groups, two watchers, 60 s at idle: %lld calls", quiet);
        QVERIFY(quiet >= 2 && quiet <= 1 + 6);
        QCOMPARE(sampled.count(), int(quiet));
        state->unwatch(a);
        state->unwatch(b);
        QVERIFY(rig.runUntil(120'000, 1000));
        QCOMPARE(rig.fake->calls() - before, quiet); // nothing watched: nothing asked
    }

    void neverOnTheGuiThread()
    {
        Rig rig;
        test::GuiThreadWatch::instance().arm();
        const auto a = rig.state()->watchTopics(100);
        const auto b = rig.state()->watchTopic(kTopic, 100);
        const auto c = rig.state()->watchGroups(kTopic, 100);
        QVERIFY(rig.runUntil(1000));
        rig.state()->refresh();
        QVERIFY(rig.settle());
        const QStringList calls = test::GuiThreadWatch::instance().disarm();
        QVERIFY2(calls.isEmpty(), qPrintable(calls.join(QStringLiteral(", "))));
        QVERIFY(rig.state()->callsStarted() > 5);
        for (auto w : {a, b, c})
            rig.state()->unwatch(w);
    }
};

QTEST_MAIN(TestBrokerState)
#include "tst_brokerstate.moc"
