// ConsumerManager and ConsumerRunner: consumers in groups on their own threads, clean
// stops that commit, kills that do not (and the re-delivery that follows), restarts that
// resume from the committed offset, and statuses that say all of it.

#include "FakeBackend.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/ConsumerManager.h"
#include "core/EventLog.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <atomic>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

std::shared_ptr<test::FakeBackend> makeBackend(int partitions, int records)
{
    auto b = std::make_shared<test::FakeBackend>();
    if (!b->createTopic(TopicSpec{kTopic, partitions, 1, {}}).ok())
        qFatal("createTopic failed");
    std::vector<OutgoingRecord> batch;
    for (int i = 0; i < records; ++i) {
        OutgoingRecord r;
        r.partition = i % partitions;
        r.key = QByteArray::number(i);
        r.value = "{\"n\":" + QByteArray::number(i) + "}";
        batch.push_back(r);
    }
    if (!b->produce(kTopic, batch, {}).ok())
        qFatal("produce failed");
    return b;
}

ConsumerOptions fastOptions()
{
    ConsumerOptions o;
    o.sessionTimeoutMs = 300;
    o.commitIntervalMs = 50;
    o.pollTimeoutMs = 20;
    o.statusIntervalMs = 20;
    o.watermarkIntervalMs = 50;
    return o;
}

qint64 consumed(const ConsumerManager &m)
{
    qint64 n = 0;
    for (const ConsumerStatus &s : m.statuses())
        n += s.recordsConsumed;
    return n;
}

size_t assigned(const ConsumerManager &m)
{
    size_t n = 0;
    for (const ConsumerStatus &s : m.statuses())
        n += s.isActive() ? s.assignment.size() : 0;
    return n;
}

ConsumerStatus statusOf(const ConsumerManager &m, const QString &id) { return m.status(id).value_or(ConsumerStatus{}); }

bool loggedContaining(const QSignalSpy &spy, const QString &source, const QString &text)
{
    for (const auto &args : spy) {
        const auto e = args.at(0).value<LogEntry>();
        if (e.source == source && e.message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class TestConsumerManager final : public QObject {
    Q_OBJECT

private slots:
    // Commits are one summary line per consumer per second at most (by the manager's own
    // clock), never twice (the runner's report and the broker's echo), with the latest offset
    // of each partition; the story's lines are milestones, commit lines are not.
    void commitsAreSummarisedAtMostOncePerSecond()
    {
        auto backend = makeBackend(2, 600);
        ConsumerManager manager; // the system clock: the pacing is checked against its stamps
        ConsumerOptions o = fastOptions();
        o.maxRecordsPerSecond = 400; // ~1.5 s of commits every 50 ms
        manager.setDefaultOptions(o);
        manager.setBackend(backend);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        const QString id = manager.start(QStringLiteral("billing"), {kTopic});
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).recordsConsumed, qint64(600), 20000);
        QVERIFY(manager.stop(id));
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);

        std::vector<LogEntry> entries;
        for (const auto &args : log) {
            const auto e = args.at(0).value<LogEntry>();
            if (e.source == id)
                entries.push_back(e);
        }
        int lines = 0;
        int folded = 0;
        int routine = 0;
        bool sawMilestone = false;
        for (size_t i = 0; i < entries.size(); ++i) {
            const LogEntry &e = entries[i];
            if (e.kind != LogEntry::Kind::Commit) {
                sawMilestone = sawMilestone || e.milestone;
                continue;
            }
            ++lines;
            QVERIFY2(!e.milestone, qPrintable(e.message));
            QVERIFY2(e.message.startsWith(QStringLiteral("committed ")) && e.message.contains(QStringLiteral(" at ")),
                     qPrintable(e.message)); // never a bare "orders[0], orders[1]"
            const qsizetype dot = e.message.indexOf(QStringLiteral(" · "));
            const int commits = dot < 0 ? 1 : e.message.mid(dot + 3).section(QLatin1Char(' '), 0, 0).toInt();
            folded += commits; // "· 14 commits"
            // What the events pane folds a group's lines by: a routine line says its group, its
            // offsets and its count; one with a reason ("(clean stop)") is the story's, not folded.
            const bool reason = e.message.contains(QStringLiteral(" ("));
            QVERIFY2(e.isRoutineCommit() == !reason, qPrintable(e.message));
            if (!reason) {
                ++routine;
                QCOMPARE(e.group, QStringLiteral("billing"));
                QCOMPARE(e.commits, commits);
                QVERIFY(!e.committed.empty());
            }
            // The next commit line of this consumer comes a second later at the earliest,
            // unless a story line right after it had it told first.
            const bool toldBeforeAStoryLine = i + 1 < entries.size() && entries[i + 1].kind != LogEntry::Kind::Commit;
            for (size_t j = i + 1; j < entries.size() && !toldBeforeAStoryLine; ++j) {
                if (entries[j].kind == LogEntry::Kind::Commit) {
                    QVERIFY2(entries[j].timestampMs - e.timestampMs >= ConsumerManager::kCommitSummaryMs,
                             qPrintable(entries[j].message));
                    break;
                }
            }
        }
        qInfo("%d commit lines for %d commits", lines, folded);
        QVERIFY(lines >= 1);
        QVERIFY(folded > lines); // many commits, few lines
        QVERIFY(routine > 0);
        QVERIFY(sawMilestone); // "starting", "assigned ..."
        // The last line has the final offsets.
        QVERIFY(loggedContaining(log, id, QStringLiteral("orders[0] at 300")));
        QVERIFY(loggedContaining(log, id, QStringLiteral("orders[1] at 300")));
    }

    void groupSplitsPartitionsAndConsumesEverything()
    {
        auto backend = makeBackend(3, 300);
        ConsumerManager manager([] { return qint64(42); });
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        AsyncBackend async(backend);
        manager.setBrokerState(BrokerState::of(&async)); // where the lag's watermarks come from
        QSignalSpy changed(&manager, &ConsumerManager::statusChanged);
        const QStringList ids = manager.startGroup(QStringLiteral("billing"), {kTopic}, 2);
        QCOMPARE(ids, (QStringList{QStringLiteral("billing #1"), QStringLiteral("billing #2")}));
        // Both members hold partitions (the first may briefly hold all three before the
        // second joins), and everything is consumed.
        QTRY_VERIFY_WITH_TIMEOUT(assigned(manager) == 3 && !statusOf(manager, ids[0]).assignment.empty() &&
                                     !statusOf(manager, ids[1]).assignment.empty(),
                                 5000);
        QTRY_COMPARE_WITH_TIMEOUT(consumed(manager), qint64(300), 5000);
        for (const ConsumerStatus &s : manager.statuses()) {
            QCOMPARE(s.state, ConsumerStatus::State::Running);
            QVERIFY(!s.assignment.empty());
            QCOMPARE(s.updatedAtMs, qint64(42));
            QCOMPARE(s.topics, QStringList{kTopic});
        }
        // Every partition's committed offset reaches its end, and lag drops to zero.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ConsumerStatus &s : manager.statuses())
                    for (const TopicPartition &tp : s.assignment)
                        if (s.committed.count(tp) == 0 || s.committed.at(tp) != 100 || s.lag(tp) != 0)
                            return false;
                return true;
            }(),
            5000);
        QVERIFY(changed.count() >= 2);
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
        for (const ConsumerStatus &s : manager.statuses())
            QCOMPARE(s.state, ConsumerStatus::State::Stopped);
        QTRY_COMPARE(backend->memberCount(QStringLiteral("billing")), 0);
    }

    // Records read again after an offset reset are a replay the user asked for, counted and
    // told as such, never as a redelivery; a kill's are a redelivery, never a replay.
    void resetIsReplayedNotRedelivered()
    {
        auto backend = makeBackend(2, 200);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        const QString id = manager.start(QStringLiteral("billing"), {kTopic});
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).recordsConsumed, qint64(200), 5000);
        QVERIFY(manager.stop(id));
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
        QTRY_COMPARE(backend->memberCount(QStringLiteral("billing")), 0);
        // Back to 40 on partition 0 (60 records to replay), partition 1 untouched.
        QVERIFY(backend->resetGroupOffsets(QStringLiteral("billing"), {{{kTopic, 0}, 40}}).ok());
        QVERIFY(manager.restart(id));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).recordsReplayed, qint64(60), 5000);
        QCOMPARE(statusOf(manager, id).recordsRedelivered, qint64(0));
        QVERIFY(loggedContaining(log, id, QStringLiteral("replays orders[0] offsets 40-99")));
        QVERIFY(!loggedContaining(log, id, QStringLiteral("re-delivered")));
        bool milestone = false;
        for (const auto &args : log) {
            const auto e = args.at(0).value<LogEntry>();
            milestone = milestone || (e.message.startsWith(QStringLiteral("replays")) && e.milestone);
        }
        QVERIFY(milestone);
        // Reading on past the replayed range is plain consumption.
        std::vector<OutgoingRecord> more(10);
        for (auto &r : more)
            r.partition = 0;
        QVERIFY(backend->produce(kTopic, more, {}).ok());
        const TopicPartition p0{kTopic, 0};
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).positions[p0], qint64(110), 5000);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(60));
        QCOMPARE(statusOf(manager, id).recordsRedelivered, qint64(0));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
    }

    // Issue 14: `tidemark-cli groups reset` moves the group back while the app runs, and the
    // learner starts a consumer before the app's poll (about once a second) has seen it. The app
    // restarted since the group read (this process saw nobody read), so only the connection's
    // BrokerState knew the group had committed 100. The member reads the committed offset on
    // joining: 40, below what the state knew, is the reset, found there. What it reads again is
    // a replay, counted and told from its first record; the state learns the reset once (the
    // timeline draws it), and the poll that comes late tells nothing more. Before, it counted 0
    // replayed and the poll, seeing a member in the group, told no reset at all. The state's
    // timer is stopped: the test decides when it polls.
    void aResetFoundByAMemberBeforeThePollIsAReplay()
    {
        auto backend = makeBackend(2, 200);
        const QString group = QStringLiteral("billing");
        const TopicPartition p0{kTopic, 0};
        // The earlier run committed everything.
        QVERIFY(backend->resetGroupOffsets(group, {{p0, 100}, {{kTopic, 1}, 100}}).ok());
        AsyncBackend async(backend);
        BrokerState *state = BrokerState::of(&async);
        state->setTicking(false);
        const BrokerState::Watch watch = state->watchGroups(kTopic, 1000); // as the timeline does: polled now
        const auto knownCommitted = [&] {
            for (const GroupInfo &g : state->groups(kTopic))
                for (const GroupPartitionState &p : g.partitions)
                    if (g.groupId == group && p.tp == p0)
                        return p.committed;
            return qint64(-1);
        };
        QTRY_COMPARE(knownCommitted(), qint64(100));
        QTRY_VERIFY(state->isIdle());
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        manager.setBrokerState(state);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        QSignalSpy resets(state, &BrokerState::offsetReset);

        QVERIFY(backend->resetGroupOffsets(group, {{p0, 40}}).ok()); // another process; no poll yet
        const QString id = manager.start(group, {kTopic});
        const auto readToTheEnd = [&] {
            const ConsumerStatus s = statusOf(manager, id);
            return s.positions.count(p0) && s.positions.at(p0) == 100 && s.positions.count({kTopic, 1}) &&
                   s.positions.at({kTopic, 1}) == 100;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readToTheEnd(), 5000);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(60));
        QCOMPARE(statusOf(manager, id).recordsRedelivered, qint64(0));
        QVERIFY(loggedContaining(log, id, QStringLiteral("replays orders[0] offsets 40-99")));
        QVERIFY(!loggedContaining(log, id, QStringLiteral("re-delivered")));
        QCOMPARE(manager.latestMoment(group).kind, GroupMoment::Kind::Reset);
        QCOMPARE(manager.latestMoment(group).totalReplayed(), qint64(60));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(resets.at(0).at(0).toString(), group);
        QCOMPARE(resets.at(0).at(1).value<TopicPartition>(), p0);
        QCOMPARE(resets.at(0).at(2).toLongLong(), qint64(100));
        QCOMPARE(resets.at(0).at(3).toLongLong(), qint64(40));

        // The poll comes late: the group has its member and commits forward; no second reset.
        state->refresh();
        QTRY_VERIFY(state->isIdle());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(60));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
        state->unwatch(watch);
    }

    // The other order: the reset reaches the state (a poll, or the timeline's own reset) while a
    // consumer just started has not joined yet (the group lists no member: nothing refuses the
    // reset, nothing says it is late). The member reads the reset offset on joining, and the
    // state already knows it: what the group had committed before is what tells the replay.
    // Before, a reset told while a member of the group was starting was dropped as seen late.
    void aResetToldWhileAMemberJoinsIsAReplay()
    {
        auto backend = makeBackend(2, 200);
        const QString group = QStringLiteral("billing");
        const TopicPartition p0{kTopic, 0};
        QVERIFY(backend->resetGroupOffsets(group, {{p0, 100}, {{kTopic, 1}, 100}}).ok());
        AsyncBackend async(backend);
        BrokerState *state = BrokerState::of(&async);
        state->setTicking(false);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        manager.setBrokerState(state);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);

        QVERIFY(backend->resetGroupOffsets(group, {{p0, 40}}).ok());
        const QString id = manager.start(group, {kTopic});
        // In the same turn of the event loop: its runner's first update cannot have come yet.
        state->noteOffsetReset(group, p0, 100, 40);
        const auto readToTheEnd = [&] {
            const ConsumerStatus s = statusOf(manager, id);
            return s.positions.count(p0) && s.positions.at(p0) == 100 && s.positions.count({kTopic, 1}) &&
                   s.positions.at({kTopic, 1}) == 100;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readToTheEnd(), 5000);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(60));
        QCOMPARE(statusOf(manager, id).recordsRedelivered, qint64(0));
        QVERIFY(loggedContaining(log, id, QStringLiteral("replays orders[0] offsets 40-99")));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
    }

    // Reviewer F4: the group read orders[0] up to 30 (an earlier run), the app moved its committed
    // offset forward to 50 (20 records skipped), then it was reset to the earliest and a member
    // starts. Only 0-29 had been read: those are replayed; 30-49 are read for the first time (not
    // replayed, not redelivered). Before, the replay ran up to the forward reset's 50 (0-49, 50 replayed).
    void aResetBackAfterAForwardOneReplaysOnlyWhatWasRead_data()
    {
        QTest::addColumn<bool>("toldWhileJoining");
        QTest::newRow("found by the member before the poll") << false;
        QTest::newRow("told while the member joins") << true;
    }
    void aResetBackAfterAForwardOneReplaysOnlyWhatWasRead()
    {
        QFETCH(bool, toldWhileJoining);
        auto backend = makeBackend(2, 200);
        const QString group = QStringLiteral("billing");
        const TopicPartition p0{kTopic, 0};
        QVERIFY(backend->resetGroupOffsets(group, {{p0, 30}, {{kTopic, 1}, 100}}).ok());
        AsyncBackend async(backend);
        BrokerState *state = BrokerState::of(&async);
        state->setTicking(false);
        const BrokerState::Watch watch = state->watchGroups(kTopic, 1000); // polled now
        const auto knownCommitted = [&] { return state->knownCommitted(group, p0).value_or(-1); };
        QTRY_COMPARE(knownCommitted(), qint64(30));
        QTRY_VERIFY(state->isIdle());
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        manager.setBrokerState(state);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);

        // The app's forward reset (the timeline's drag), then one to the earliest.
        QVERIFY(backend->resetGroupOffsets(group, {{p0, 50}}).ok());
        state->noteOffsetReset(group, p0, 30, 50);
        QVERIFY(backend->resetGroupOffsets(group, {{p0, 0}}).ok()); // no poll has seen it
        const QString id = manager.start(group, {kTopic});
        if (toldWhileJoining)
            state->noteOffsetReset(group, p0, 50, 0);
        const auto readToTheEnd = [&] {
            const ConsumerStatus s = statusOf(manager, id);
            return s.positions.count(p0) && s.positions.at(p0) == 100;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readToTheEnd(), 5000);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(30));
        QCOMPARE(statusOf(manager, id).recordsRedelivered, qint64(0));
        QVERIFY(loggedContaining(log, id, QStringLiteral("replays orders[0] offsets 0-29")));
        QVERIFY(!loggedContaining(log, id, QStringLiteral("re-delivered")));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
        state->unwatch(watch);
    }

    // A killed consumer keeps its partitions for its session timeout, counting down by the
    // manager's clock; the takeover is told as a moment, after the kill's line, and ends it.
    void killedConsumerCountsItsSessionDownUntilTheTakeover()
    {
        auto backend = makeBackend(2, 100);
        std::atomic<qint64> now{1'000'000};
        ConsumerManager manager([&] { return now.load(); });
        ConsumerOptions o = fastOptions();
        o.sessionTimeoutMs = 3000;
        manager.setDefaultOptions(o);
        manager.setBackend(backend);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        const QStringList ids = manager.startGroup(QStringLiteral("billing"), {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            statusOf(manager, ids[0]).assignment.size() == 1 && statusOf(manager, ids[1]).assignment.size() == 1, 5000);
        const TopicPartition kept = statusOf(manager, ids[1]).assignment.front();
        QCOMPARE(statusOf(manager, ids[1]).sessionRemainingMs, qint64(-1));
        QVERIFY(manager.kill(ids[1]));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).state, ConsumerStatus::State::Killed, 5000);
        ConsumerStatus killed = statusOf(manager, ids[1]);
        // Unless the takeover came first (it waits for the broker's own clock), it counts down.
        if (killed.sessionRemainingMs > 0) {
            QCOMPARE(killed.sessionRemainingMs, qint64(3000));
            QCOMPARE(killed.sessionSecondsLeft(), 3);
            now += 1500;
            QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, ids[1]).sessionSecondsLeft() <= 2, 5000);
        }
        QVERIFY(loggedContaining(
            log, ids[1], QStringLiteral("keeps %1 until its session timeout of 3 s runs out").arg(kept.toString())));
        // The fake broker expires #2 by its own clock; #1 takes over and says so.
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[0]).assignment.size(), size_t(2), 10000);
        QTRY_VERIFY(loggedContaining(log, ids[0], QStringLiteral("took %1 over from %2").arg(kept.toString(), ids[1])));
        killed = statusOf(manager, ids[1]);
        QCOMPARE(killed.sessionRemainingMs, qint64(0));
        QVERIFY(killed.assignment.empty());
        // Order: the kill, what it keeps, then the takeover.
        int keepsAt = -1, tookAt = -1;
        for (int i = 0; i < log.count(); ++i) {
            const auto e = log.at(i).at(0).value<LogEntry>();
            if (e.message.startsWith(QStringLiteral("keeps ")))
                keepsAt = i;
            if (e.message.startsWith(QStringLiteral("took ")) && e.milestone)
                tookAt = i;
        }
        QVERIFY(keepsAt >= 0 && tookAt > keepsAt);
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
    }

    // Issue 14: during its session a killed consumer still owns its partitions in the group's
    // eyes, so the manager keeps watching their ends and its lag grows (it was blank in the dock
    // while the lane said "lag 156" ... "lag 373"). Once the session ran out: "timed out,
    // rebalancing" while another member of the group may take them; with none left in the app,
    // they are nobody's and the killed consumer lets go of them. By the manager's clock.
    void killedConsumersLagGrowsUntilItsSessionRunsOut()
    {
        auto backend = makeBackend(2, 20);
        std::atomic<qint64> now{1'000'000};
        ConsumerManager manager([&] { return now.load(); });
        ConsumerOptions o = fastOptions();
        o.sessionTimeoutMs = 60000; // the fake broker (real time) never expires it in this test
        manager.setDefaultOptions(o);
        manager.setBackend(backend);
        AsyncBackend async(backend);
        manager.setBrokerState(BrokerState::of(&async));
        const QStringList ids = manager.startGroup(QStringLiteral("billing"), {kTopic}, 2);
        auto settled = [&](const QString &id) {
            const ConsumerStatus s = statusOf(manager, id);
            return s.state == ConsumerStatus::State::Running && s.assignment.size() == 1 && s.totalLag() == 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(ids[0]) && settled(ids[1]), 5000);
        const TopicPartition kept = statusOf(manager, ids[1]).assignment.front();

        QVERIFY(manager.kill(ids[1]));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).state, ConsumerStatus::State::Killed, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 1, 5000); // its thread is gone
        QVERIFY(statusOf(manager, ids[1]).holdsPartitions());
        // Records arrive on its partition (not through the app): nobody reads them, its lag grows.
        std::vector<OutgoingRecord> more(7);
        for (OutgoingRecord &r : more)
            r.partition = kept.partition;
        QVERIFY(backend->produce(kTopic, more, {}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).lag(kept), qint64(7), 5000);
        QCOMPARE(statusOf(manager, ids[1]).totalLag(), qint64(7));

        // Its session ran out (by the manager's clock); the broker has not handed the partition
        // over yet: rebalancing, still its partition, its lag still known.
        now += 60000;
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, ids[1]).sessionTimedOut(), 5000);
        QVERIFY(statusOf(manager, ids[1]).holdsPartitions());
        QCOMPARE(statusOf(manager, ids[1]).lag(kept), qint64(7));
        // The last member stops: nobody in the app is left to take it; it is nobody's.
        QVERIFY(manager.stop(ids[0]));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, ids[1]).assignment.empty(), 5000);
        QVERIFY(!statusOf(manager, ids[1]).sessionTimedOut());
        QVERIFY(!statusOf(manager, ids[1]).holdsPartitions());
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
    }

    void killHandsPartitionsOverAndRestartResumesFromCommit()
    {
        auto backend = makeBackend(3, 0);
        ConsumerManager manager;
        ConsumerOptions options = fastOptions();
        options.commitIntervalMs = 600000; // commit only on revoke and clean stop
        manager.setDefaultOptions(options);
        manager.setBackend(backend);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        const QStringList ids = manager.startGroup(QStringLiteral("billing"), {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            !statusOf(manager, ids[0]).assignment.empty() && !statusOf(manager, ids[1]).assignment.empty(), 5000);
        std::vector<OutgoingRecord> batch(300);
        for (int i = 0; i < 300; ++i)
            batch[size_t(i)].partition = i % 3;
        QVERIFY(backend->produce(kTopic, batch, {}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(consumed(manager), qint64(300), 5000);
        const auto killedParts = statusOf(manager, ids[1]).assignment;

        // Kill #2: no commit, no leave. #1 takes over once the session expires, and gets
        // #2's records again because #2 never committed them.
        QVERIFY(manager.kill(ids[1]));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).state, ConsumerStatus::State::Killed, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[0]).assignment.size(), size_t(3), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, ids[0]).recordsRedelivered > 0, 5000);
        const qint64 killedRecords = 100 * qint64(killedParts.size());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[0]).recordsRedelivered, killedRecords, 5000);
        QVERIFY(loggedContaining(log, ids[0], QStringLiteral("re-delivered")));
        QVERIFY(!loggedContaining(log, ids[0], QStringLiteral("replays")));
        QCOMPARE(statusOf(manager, ids[0]).recordsReplayed, qint64(0));
        QVERIFY(loggedContaining(log, ids[1], QStringLiteral("killed")));

        // Restart #2: the rebalance makes #1 commit what it revokes, and #2 resumes exactly
        // there: nothing is delivered a third time.
        QVERIFY(manager.restart(ids[1]));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, ids[1]).state == ConsumerStatus::State::Running &&
                                     !statusOf(manager, ids[1]).assignment.empty(),
                                 5000);
        const ConsumerStatus restarted = statusOf(manager, ids[1]);
        for (const TopicPartition &tp : restarted.assignment) {
            QCOMPARE(restarted.committed.at(tp), qint64(100));
            QCOMPARE(restarted.positions.at(tp), qint64(100));
        }
        QVERIFY(loggedContaining(log, ids[1], QStringLiteral("the committed offset")));
        QCOMPARE(restarted.recordsRedelivered, qint64(0));
        // Counts are per consumer id, across restarts: nothing new was consumed yet.
        QTest::qWait(100);
        QCOMPARE(statusOf(manager, ids[1]).recordsConsumed, restarted.recordsConsumed);
        // New records on its partitions reach it exactly once.
        std::vector<OutgoingRecord> more;
        for (int i = 0; i < 30; ++i) {
            OutgoingRecord r;
            r.partition = i % 3;
            r.value = "{}";
            more.push_back(r);
        }
        QVERIFY(backend->produce(kTopic, more, {}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).recordsConsumed,
                                  restarted.recordsConsumed + qint64(10 * restarted.assignment.size()), 5000);
        QCOMPARE(statusOf(manager, ids[1]).recordsRedelivered, qint64(0));
    }

    // The consumers' lag comes from the connection's broker state, not from a poll of their
    // own: two consumers of a 3-partition topic make no Backend call while they run (the
    // state, whose timer is stopped here, described the topic once when they started), and
    // records they read past the watermark the state knew move the state's count at once.
    void lagComesFromTheBrokerStateWithoutCallsOfItsOwn()
    {
        auto backend = makeBackend(3, 30);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions()); // watermarks wanted every 50 ms
        manager.setBackend(backend);
        AsyncBackend async(backend);
        BrokerState *state = BrokerState::of(&async);
        state->setTicking(false);
        manager.setBrokerState(state);
        const QStringList ids = manager.startGroup(QStringLiteral("lag"), {kTopic}, 2);
        auto caughtUp = [&](qint64 records) {
            size_t partitions = 0;
            for (const QString &id : ids) {
                const ConsumerStatus s = statusOf(manager, id);
                if (s.state != ConsumerStatus::State::Running || s.totalLag() != 0)
                    return false;
                partitions += s.assignment.size();
            }
            return partitions == 3 && consumed(manager) == records;
        };
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(30), 5000);
        QCOMPARE(state->recordCount(kTopic), qint64(30));
        QVERIFY(async.waitForIdle(5000));
        const qint64 before = backend->calls();
        QTest::qWait(600); // twelve of the consumers' watermark intervals
        QCOMPARE(backend->calls() - before, qint64(0));

        std::vector<OutgoingRecord> more(6);
        for (int i = 0; i < 6; ++i)
            more[i].partition = i % 3;
        QVERIFY(backend->produce(kTopic, more, {}).ok()); // not through the app: the state does not know
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(36), 5000);
        QTRY_COMPARE(state->recordCount(kTopic), qint64(36)); // told by the consumers, not polled
        for (const QString &id : ids)
            for (const auto &[tp, high] : statusOf(manager, id).highWatermarks)
                QCOMPARE(high, state->topic(kTopic)->partitions.at(size_t(tp.partition)).highWatermark);
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 5000);
    }

    void throttledConsumerShowsLagAndStopCommitsWhatItProcessed()
    {
        auto backend = makeBackend(1, 200);
        ConsumerManager manager;
        ConsumerOptions options = fastOptions();
        options.maxRecordsPerSecond = 100;
        options.commitIntervalMs = 600000;
        manager.setBackend(backend);
        AsyncBackend async(backend);
        manager.setBrokerState(BrokerState::of(&async));
        const QString id = manager.start(QStringLiteral("slow"), {kTopic}, options);
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, id).recordsConsumed >= 10, 5000);
        const TopicPartition tp{kTopic, 0};
        QVERIFY(statusOf(manager, id).unread(tp) > 0); // nothing committed yet: the lag is unknown
        QVERIFY(manager.stop(id));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).state, ConsumerStatus::State::Stopped, 5000);
        const ConsumerStatus s = statusOf(manager, id);
        QVERIFY(s.recordsConsumed < 200);
        // The clean stop committed exactly what was processed, not what was fetched.
        auto group = backend->describeGroup(QStringLiteral("slow"));
        QVERIFY(group.ok());
        QCOMPARE(group->partitions.size(), size_t(1));
        QCOMPARE(group->partitions[0].committed, s.recordsConsumed);
    }

    void throttledConsumerNeverCommitsFetchedButUnprocessedRecords()
    {
        // Regression: with Kafka-like positions (unknown until the first fetch, then past
        // everything fetched), a throttled consumer took a partition's fetch position as its
        // processed offset and committed records still waiting in its backlog.
        auto backend = makeBackend(2, 400);
        backend->setPositionsUnknownUntilFetched(true);
        const QString group = QStringLiteral("careful");
        QVERIFY(backend->resetGroupOffsets(group, {{{kTopic, 0}, 10}, {{kTopic, 1}, 10}}).ok());
        ConsumerManager manager;
        ConsumerOptions options = fastOptions();
        options.maxRecordsPerSecond = 2; // p0:10 at once, p1:10 half a second later
        options.maxPollRecords = 8;      // one poll fetches records of both partitions
        options.commitIntervalMs = 30;
        manager.setBackend(backend);
        manager.start(group, {kTopic}, options);
        auto committed = [&](int partition) {
            auto g = backend->describeGroup(group);
            for (const GroupPartitionState &p : g ? g->partitions : std::vector<GroupPartitionState>{})
                if (p.tp.partition == partition)
                    return p.committed;
            return qint64(-1);
        };
        QTRY_VERIFY_WITH_TIMEOUT(committed(0) >= 11, 5000); // p0:10 processed and committed
        QCOMPARE(committed(1), qint64(10));                 // p1:10 fetched, not processed yet
    }

    void closingNeverWaitsForAStuckCommit()
    {
        // A clean stop commits; against a coordinator that no longer answers the commit hangs.
        // Destroying the manager (closing the window) gives up after a bounded wait and leaves
        // the runner to finish on its own, instead of freezing until the commit returns.
        auto backend = makeBackend(2, 50);
        ConsumerManager *manager = new ConsumerManager;
        manager->setBackend(backend);
        const QString id = manager->start(QStringLiteral("stuck"), {kTopic}, fastOptions());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(*manager, id).recordsConsumed, qint64(50), 5000);
        backend->setCommitHangMs(12000);
        QElapsedTimer closing;
        closing.start();
        delete manager;
        QVERIFY2(closing.elapsed() < 9000, qPrintable(QString::number(closing.elapsed())));
    }

    void errorsBecomeFailedStatusesAndEvents()
    {
        auto backend = makeBackend(1, 0);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        QVERIFY(manager.start(QStringLiteral("g"), {kTopic}).isEmpty()); // no backend yet
        QVERIFY(loggedContaining(log, QStringLiteral("consumers"), QStringLiteral("not connected")));
        manager.setBackend(backend);
        const QString missing = manager.start(QStringLiteral("g"), {QStringLiteral("nope")});
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, missing).state, ConsumerStatus::State::Failed, 5000);
        QVERIFY(statusOf(manager, missing).lastError.contains(QStringLiteral("nope")));
        const QString id = manager.start(QStringLiteral("g"), {kTopic});
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).state, ConsumerStatus::State::Running, 5000);
        backend->setFailure(Error(ErrorCode::Unavailable, QStringLiteral("broker at memory:0 is down")));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).state, ConsumerStatus::State::Failed, 5000);
        QVERIFY(statusOf(manager, id).lastError.contains(QStringLiteral("down")));
        backend->setFailure(std::nullopt);
        QVERIFY(manager.restart(id));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, id).state, ConsumerStatus::State::Running, 5000);
    }

    void switchingBackendForgetsConsumersAndRemoveWorks()
    {
        auto backend = makeBackend(2, 10);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(backend);
        QSignalSpy removed(&manager, &ConsumerManager::consumerRemoved);
        const QString a = manager.start(QStringLiteral("g"), {kTopic});
        const QString b = manager.start(QStringLiteral("g"), {kTopic});
        QTRY_COMPARE_WITH_TIMEOUT(assigned(manager), size_t(2), 5000);
        QVERIFY(manager.remove(a));
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 5000);
        QCOMPARE(removed.at(0).at(0).toString(), a);
        QCOMPARE(manager.consumerIds(), QStringList{b});
        manager.setBackend(makeBackend(1, 0));
        QCOMPARE(removed.count(), 2);
        QVERIFY(manager.statuses().empty());
        // The retired runner still leaves its group cleanly in the background.
        QTRY_COMPARE_WITH_TIMEOUT(backend->memberCount(QStringLiteral("g")), 0, 5000);
        QVERIFY(!manager.stop(b));
    }
};

QTEST_GUILESS_MAIN(TestConsumerManager)
#include "tst_consumermanager.moc"
