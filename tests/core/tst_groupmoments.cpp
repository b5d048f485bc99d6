// ConsumerManager::latestMoment on the real built-in broker: the last change of a group
// member's state (joined, killed, taken over, restarted, stopped, offsets found reset) and what
// the group read again since that moment only, while the statuses keep counting for the
// consumers' whole life. The Consumers dock's one-line story is made of it (issue 14: after a
// kill, a takeover and a restart it still said "got 100 records again after a kill").

#include "backends/BackendFactory.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/ConsumerManager.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");
using Kind = GroupMoment::Kind;

ConsumerOptions fastOptions()
{
    ConsumerOptions o;
    o.sessionTimeoutMs = 1000; // the brokers' floor
    o.commitIntervalMs = 50;
    o.pollTimeoutMs = 20;
    o.statusIntervalMs = 20;
    o.watermarkIntervalMs = 50;
    return o;
}

ConsumerStatus statusOf(const ConsumerManager &m, const QString &id) { return m.status(id).value_or(ConsumerStatus{}); }

void produce(Backend &backend, int partitions, int records)
{
    std::vector<OutgoingRecord> batch(static_cast<size_t>(records));
    for (int i = 0; i < records; ++i) {
        batch[size_t(i)].partition = i % partitions;
        batch[size_t(i)].value = "{}";
    }
    QVERIFY(backend.produce(kTopic, batch, {}).ok());
}

// Running, and read and committed to the end of each of its partitions.
bool caughtUp(const ConsumerManager &m, Backend &backend, const QString &id)
{
    const ConsumerStatus s = statusOf(m, id);
    if (s.state != ConsumerStatus::State::Running || s.assignment.empty())
        return false;
    for (const TopicPartition &tp : s.assignment) {
        const qint64 end = backend.watermarks(tp).valueOr({}).high;
        if (s.positions.count(tp) == 0 || s.positions.at(tp) != end || s.committed.count(tp) == 0 ||
            s.committed.at(tp) != end)
            return false;
    }
    return true;
}

QString describe(const GroupMoment &m)
{
    QStringList parts;
    for (const TopicPartition &tp : m.partitions)
        parts << tp.toString();
    return QStringLiteral("kind %1 of %2, takers [%3] from %4, [%5], uncommitted %6, redelivered %7, replayed %8")
        .arg(int(m.kind))
        .arg(m.consumerId, m.takers.join(QLatin1Char(',')), m.previousOwner, parts.join(QLatin1Char(',')))
        .arg(m.uncommitted)
        .arg(m.totalRedelivered())
        .arg(m.totalReplayed());
}

} // namespace

class TestGroupMoments final : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto opened = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, m_dir->path(), {}});
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        m_backend = *opened;
    }

    // Kill with uncommitted records -> takeover: the redelivery is the takeover's. Restart: a
    // new moment, nothing read again since (the taker's status still counts it). Kill again,
    // everything committed: a takeover with nothing to read twice.
    void takeoverRestartAndASecondTakeover()
    {
        QVERIFY(m_backend->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        ConsumerManager manager;
        ConsumerOptions options = fastOptions();
        options.commitIntervalMs = 600000; // commits on revoke and clean stop only
        manager.setDefaultOptions(options);
        manager.setBackend(m_backend);
        QCOMPARE(manager.latestMoment(kGroup).kind, Kind::None);
        const QStringList ids = manager.startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(ids.size(), 2);
        GroupMoment moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.kind, Kind::Joined);
        QCOMPARE(moment.consumerId, ids[1]);
        QTRY_VERIFY_WITH_TIMEOUT(
            !statusOf(manager, ids[1]).assignment.empty() &&
                statusOf(manager, ids[0]).assignment.size() + statusOf(manager, ids[1]).assignment.size() == 3,
            20000);
        produce(*m_backend, 3, 300);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[0]).recordsConsumed + statusOf(manager, ids[1]).recordsConsumed,
                                  qint64(300), 20000);
        const std::vector<TopicPartition> killed = statusOf(manager, ids[1]).assignment;
        const qint64 uncommitted = 100 * qint64(killed.size());

        QVERIFY(manager.kill(ids[1]));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(manager, ids[1]).state, ConsumerStatus::State::Killed, 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(manager.latestMoment(kGroup).kind == Kind::TakenOver &&
                                      manager.latestMoment(kGroup).totalRedelivered() == uncommitted,
                                  qPrintable(describe(manager.latestMoment(kGroup))), 20000);
        moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.consumerId, ids[0]);
        QCOMPARE(moment.takers, QStringList{ids[0]});
        QCOMPARE(moment.previousOwner, ids[1]);
        QCOMPARE(moment.partitions, killed);
        QVERIFY(moment.uncommitted);
        QCOMPARE(moment.redelivered, (std::map<QString, qint64>{{ids[0], uncommitted}}));
        QVERIFY(moment.replayed.empty());
        QCOMPARE(manager.latestMoment().sequence, moment.sequence); // of any group: this one

        // Restart #2: a new moment, and nothing was read again since.
        QVERIFY(manager.restart(ids[1]));
        moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.kind, Kind::Restarted);
        QCOMPARE(moment.consumerId, ids[1]);
        QTRY_VERIFY_WITH_TIMEOUT(
            caughtUp(manager, *m_backend, ids[1]) &&
                statusOf(manager, ids[0]).assignment.size() + statusOf(manager, ids[1]).assignment.size() == 3,
            20000);
        moment = manager.latestMoment(kGroup);
        QVERIFY2(moment.kind == Kind::Restarted && moment.totalRedelivered() == 0, qPrintable(describe(moment)));
        QCOMPARE(statusOf(manager, ids[0]).recordsRedelivered, uncommitted); // its whole life

        // Kill #2 again: it committed all it read (on resume). #1 takes it over, reading nothing twice.
        const std::vector<TopicPartition> kept = statusOf(manager, ids[1]).assignment;
        QVERIFY(manager.kill(ids[1]));
        QTRY_COMPARE_WITH_TIMEOUT(manager.latestMoment(kGroup).kind, Kind::Killed, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(manager.latestMoment(kGroup).kind, Kind::TakenOver, 20000);
        const auto readToTheEnd = [&] { // #1, of all three (it commits on revoke and stop only)
            const ConsumerStatus s = statusOf(manager, ids[0]);
            return s.assignment.size() == 3 && std::all_of(kept.begin(), kept.end(), [&](const TopicPartition &tp) {
                       return s.positions.count(tp) && s.positions.at(tp) == m_backend->watermarks(tp).valueOr({}).high;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(readToTheEnd(), 20000);
        moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.previousOwner, ids[1]);
        QCOMPARE(moment.partitions, kept);
        QVERIFY2(!moment.uncommitted && moment.totalRedelivered() == 0, qPrintable(describe(moment)));
        QCOMPARE(statusOf(manager, ids[0]).recordsRedelivered, uncommitted);

        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
        QCOMPARE(manager.latestMoment(kGroup).kind, Kind::Stopped);
    }

    // Issue 14's "too soon": billing #1 is killed, then started again before its session ran out.
    // The group still counts the killed membership, which keeps its partitions: its countdown goes
    // on in the restarted consumer's status (earlierSessions), second by second, and when it runs
    // out the member that gets them (maybe billing #1 itself, its new membership) is told to have
    // taken them over from "billing #1 (before its restart)" with the time since the kill, once
    // per partition, as one moment.
    void anEarlierMembershipCountsItsSessionDownUntilTheTakeover()
    {
        QVERIFY(m_backend->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        produce(*m_backend, 3, 30);
        ConsumerManager manager;
        ConsumerOptions options = fastOptions();
        options.sessionTimeoutMs = 3000;
        manager.setDefaultOptions(options);
        manager.setBackend(m_backend);
        QStringList lines;
        connect(&manager, &ConsumerManager::eventLogged, this,
                [&](const LogEntry &e) { lines << e.source + QStringLiteral(": ") + e.message; });
        const QStringList ids = manager.startGroup(kGroup, {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            !statusOf(manager, ids[0]).assignment.empty() && !statusOf(manager, ids[1]).assignment.empty() &&
                statusOf(manager, ids[0]).assignment.size() + statusOf(manager, ids[1]).assignment.size() == 3,
            20000);
        const QString one = ids[0];
        const std::vector<TopicPartition> kept = statusOf(manager, one).assignment;
        QVERIFY(manager.kill(one));
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(manager, one).state == ConsumerStatus::State::Killed &&
                                     statusOf(manager, one).sessionRemainingMs > 0,
                                 10000);
        QVERIFY(manager.restart(one));
        ConsumerStatus restarted = statusOf(manager, one);
        QCOMPARE(restarted.state, ConsumerStatus::State::Starting);
        QCOMPARE(restarted.earlierSessions.size(), size_t(1));
        const EarlierSession earlier = restarted.earlierSessions.front();
        QCOMPARE(earlier.memberId, restarted.earlierMemberIds.value(0));
        QCOMPARE(earlier.kept, kept);
        QCOMPARE(earlier.sessionTimeoutMs, 3000);
        QVERIFY2(earlier.sessionSecondsLeft() > 0, qPrintable(QString::number(earlier.sessionRemainingMs)));

        // The countdown goes on, published as it goes, while the earlier membership keeps them.
        std::vector<int> seconds{earlier.sessionSecondsLeft()};
        connect(&manager, &ConsumerManager::statusChanged, this, [&](const ConsumerStatus &s) {
            if (s.consumerId == one && !s.earlierSessions.empty() && s.earlierSessions.front().kept == kept &&
                s.earlierSessions.front().sessionSecondsLeft() != seconds.back())
                seconds.push_back(s.earlierSessions.front().sessionSecondsLeft());
        });
        QTRY_VERIFY_WITH_TIMEOUT(seconds.size() >= 2 && seconds[1] > 0, 10000);
        QVERIFY(std::is_sorted(seconds.rbegin(), seconds.rend()));

        // It runs out: the partitions are taken over from the earlier membership, by its name.
        const QString from = QStringLiteral("billing #1 (before its restart)");
        QTRY_VERIFY2_WITH_TIMEOUT(
            manager.latestMoment(kGroup).kind == Kind::TakenOver && manager.latestMoment(kGroup).partitions == kept,
            qPrintable(describe(manager.latestMoment(kGroup)) + u'\n' + lines.join(u'\n')), 20000);
        const GroupMoment moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.previousOwner, from);
        for (const TopicPartition &tp : kept) {
            const QString over = QStringLiteral("took %1 over from %2, ").arg(tp.toString(), from);
            const QStringList told = lines.filter(over);
            QVERIFY2(told.size() == 1, qPrintable(lines.join(u'\n')));
            QVERIFY2(told[0].contains(QStringLiteral(" s after it was killed (its session timeout: 3 s)")),
                     qPrintable(told[0]));
        }
        QVERIFY2(lines.filter(QStringLiteral("over from member ")).isEmpty(), qPrintable(lines.join(u'\n')));
        restarted = statusOf(manager, one);
        QVERIFY(restarted.earlierSessions.empty());
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
    }

    // A replay is counted from the reset that caused it: a second reset starts from zero again,
    // its partitions (found in one assignment) one moment.
    void replayIsCountedFromItsReset()
    {
        QVERIFY(m_backend->createTopic(TopicSpec{kTopic, 2, 1, {}}).ok());
        produce(*m_backend, 2, 200);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(m_backend);
        const QString id = manager.start(kGroup, {kTopic});
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(manager, *m_backend, id) && statusOf(manager, id).assignment.size() == 2,
                                 20000);
        const TopicPartition p0{kTopic, 0}, p1{kTopic, 1};
        const auto stopThenReset = [&](const std::vector<std::pair<TopicPartition, qint64>> &offsets) {
            QVERIFY(manager.stop(id));
            QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
            QCOMPARE(manager.latestMoment(kGroup).kind, Kind::Stopped);
            QTRY_VERIFY_WITH_TIMEOUT(
                m_backend->describeGroup(kGroup).ok() && m_backend->describeGroup(kGroup)->members.empty(), 20000);
            QVERIFY(m_backend->resetGroupOffsets(kGroup, offsets).ok());
            QVERIFY(manager.restart(id));
            QCOMPARE(manager.latestMoment(kGroup).kind, Kind::Restarted);
        };

        stopThenReset({{p0, 40}}); // 60 to read again
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY2_WITH_TIMEOUT(manager.latestMoment(kGroup).kind == Kind::Reset &&
                                      manager.latestMoment(kGroup).totalReplayed() == 60,
                                  qPrintable(describe(manager.latestMoment(kGroup))), 20000);
        GroupMoment moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.consumerId, id);
        QCOMPARE(moment.partitions, std::vector<TopicPartition>{p0});
        QVERIFY(moment.redelivered.empty());
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(manager, *m_backend, id), 20000);

        stopThenReset({{p0, 90}, {p1, 95}}); // 10 + 5
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY2_WITH_TIMEOUT(caughtUp(manager, *m_backend, id) &&
                                      manager.latestMoment(kGroup).kind == Kind::Reset &&
                                      manager.latestMoment(kGroup).totalReplayed() == 15,
                                  qPrintable(describe(manager.latestMoment(kGroup))), 20000);
        moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.partitions, (std::vector<TopicPartition>{p0, p1}));
        QCOMPARE(moment.replayed, (std::map<QString, qint64>{{id, 15}}));
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(75)); // its whole life
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
    }

    // After the app was killed and started again (F13), a reset back makes the replay the story,
    // not the takeover from the earlier run's leftover members. A reset forward replays
    // nothing: the takeover stays the story. Before, any reset hid it, and the dock told no
    // takeover at all (the group's latest moment stayed its member's start).
    void aForwardResetKeepsTheLeftoversTakeover()
    {
        QVERIFY(m_backend->createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        produce(*m_backend, 3, 60);
        const auto committedEverywhere = [&](qint64 offset) {
            const auto group = m_backend->describeGroup(kGroup);
            if (!group || group->partitions.size() != 3)
                return false;
            return std::all_of(group->partitions.begin(), group->partitions.end(),
                               [&](const GroupPartitionState &p) { return p.committed == offset; });
        };
        {
            // The earlier run: a group of two reads and commits everything, then the app dies
            // (its members neither commit again nor leave).
            ConsumerManager earlier;
            earlier.setDefaultOptions(fastOptions());
            earlier.setBackend(m_backend);
            const QStringList ids = earlier.startGroup(kGroup, {kTopic}, 2);
            QCOMPARE(ids.size(), 2);
            QTRY_VERIFY_WITH_TIMEOUT(committedEverywhere(20), 20000);
            for (const QString &id : ids)
                QVERIFY(earlier.kill(id));
            QTRY_COMPARE_WITH_TIMEOUT(earlier.activeCount(), 0, 20000);
        }
        // Their sessions are over (no member listed), their claims still on disk.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_backend->describeGroup(kGroup).ok() && m_backend->describeGroup(kGroup)->members.empty(), 20000);
        produce(*m_backend, 3, 30); // 20..29 on each partition

        AsyncBackend async(m_backend);
        BrokerState *state = BrokerState::of(&async);
        state->setTicking(false);
        ConsumerManager manager;
        manager.setDefaultOptions(fastOptions());
        manager.setBackend(m_backend);
        manager.setBrokerState(state);
        const TopicPartition p0{kTopic, 0};
        // orders[0] forward from 20 to 25, as the timeline's reset does it.
        QVERIFY(m_backend->resetGroupOffsets(kGroup, {{p0, 25}}).ok());
        state->noteOffsetReset(kGroup, p0, 20, 25);
        QCOMPARE(manager.latestMoment(kGroup).kind, Kind::OffsetsReset);

        const QString id = manager.start(kGroup, {kTopic});
        QTRY_VERIFY2_WITH_TIMEOUT(manager.latestMoment(kGroup).kind == Kind::TakenOver,
                                  qPrintable(describe(manager.latestMoment(kGroup))), 20000);
        const GroupMoment moment = manager.latestMoment(kGroup);
        QCOMPARE(moment.takers, QStringList{id});
        QVERIFY2(!moment.previousOwner.isEmpty() && !moment.partitions.empty(), qPrintable(describe(moment)));
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(manager, *m_backend, id) && statusOf(manager, id).assignment.size() == 3,
                                 20000);
        QCOMPARE(statusOf(manager, id).recordsReplayed, qint64(0));
        manager.stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager.activeCount(), 0, 20000);
    }

    void cleanup()
    {
        m_backend.reset();
        m_dir.reset();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir; // a fresh data directory per test
    std::shared_ptr<Backend> m_backend;
};

QTEST_MAIN(TestGroupMoments)
#include "tst_groupmoments.moc"
