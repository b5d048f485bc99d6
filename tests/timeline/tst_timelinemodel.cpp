// TimelineModel with a fake clock: lanes follow the partitions, markers glide in time (not in
// frames), a killed consumer greys and settles on its committed offset, a restart re-reads
// (flash) and catches up, a rebalance re-colours lanes through a transition, and committed
// offsets follow the latest change whichever source it came from.

#include "TimelineTestData.h"

#include "core/timeline/TimelineModel.h"

#include <QSignalSpy>
#include <QTest>

#include <map>
#include <set>

using namespace tidemark;
using namespace TimelineTiming;
using State = ConsumerStatus::State;

namespace {

const QString kTopic = QStringLiteral("orders");

struct Fixture {
    qint64 now = 50'000;
    TimelineModel model;
    Fixture()
    {
        model.setClock([this] { return now; });
        model.setTopic(kTopic);
        model.setPartitions({test::partitionInfo(0, 0, 100), test::partitionInfo(1, 0, 80)});
    }
    const TimelineMarker *marker(const TimelineFrame &f, TimelineMarker::Kind kind, int partition,
                                 const QString &who = {})
    {
        for (const TimelineMarker &m : f.markers)
            if (m.kind == kind && m.partition == partition &&
                (who.isEmpty() || m.groupId == who || m.consumerId == who))
                return &m;
        return nullptr;
    }
    double shown(TimelineMarker::Kind kind, int partition, const QString &who = {})
    {
        const TimelineFrame f = model.frame(now);
        const TimelineMarker *m = marker(f, kind, partition, who);
        return m ? m->shownOffset : -1;
    }
};

} // namespace

class TestTimelineModel final : public QObject {
    Q_OBJECT

private slots:
    // Members outside the app (protocol clients): the focus group's ownership over time in
    // the frame (stamped with the model's clock until a history clock is set), each member
    // with a colour of its own, and committed markers named by the owning client.
    void externalOwnersOverTime()
    {
        Fixture f;
        auto described = [](int generation, std::vector<std::pair<QString, std::vector<int>>> members) {
            GroupInfo g = test::groupInfo(QStringLiteral("pair"), kTopic, {10, 20}, {100, 80});
            g.generation = generation;
            for (auto &[client, partitions] : members) {
                GroupMember m{client + QStringLiteral("-id"), client, QStringLiteral("127.0.0.1"), {}};
                for (int p : partitions)
                    m.assignment.push_back(TopicPartition{kTopic, p});
                g.members.push_back(m);
            }
            return g;
        };
        f.model.setGroups({described(1, {{QStringLiteral("kcat-a"), {0}}, {QStringLiteral("kcat-b"), {1}}})});
        TimelineFrame frame = f.model.frame(f.now);
        const TimelineMarker *c0 = f.marker(frame, TimelineMarker::Kind::Committed, 0);
        QVERIFY(c0);
        QCOMPARE(c0->ownerLabel, QStringLiteral("kcat-a"));
        QCOMPARE(f.model.frame(f.now).historyNowMs, f.now);

        f.now += 4000; // kcat-a died and its session ran out: partition 0 has no owner
        f.model.setGroups({described(1, {{QStringLiteral("kcat-b"), {1}}})});
        f.now += 500; // the next generation: kcat-b owns both
        f.model.setGroups({described(2, {{QStringLiteral("kcat-b"), {0, 1}}})});
        frame = f.model.frame(f.now);
        std::vector<TimelineOwnershipBand> lane0;
        for (const TimelineOwnershipBand &b : frame.ownership)
            if (b.lane == 0)
                lane0.push_back(b);
        QCOMPARE(lane0.size(), size_t(3));
        QCOMPARE(lane0[0].label, QStringLiteral("kcat-a"));
        QCOMPARE(lane0[0].toMs - lane0[0].fromMs, qint64(4000));
        QVERIFY(lane0[1].memberId.isEmpty());
        QCOMPARE(lane0[1].colour, -1);
        QCOMPARE(lane0[1].toMs - lane0[1].fromMs, qint64(500));
        QCOMPARE(lane0[2].label, QStringLiteral("kcat-b"));
        QCOMPARE(lane0[2].generation, 2);
        QVERIFY(lane0[0].colour >= 0 && lane0[2].colour >= 0 && lane0[0].colour != lane0[2].colour);
        QCOMPARE(f.model.frame(f.now).lanes[0].owner.label, QStringLiteral("kcat-b"));
        QCOMPARE(f.marker(frame, TimelineMarker::Kind::Committed, 0)->ownerLabel, QStringLiteral("kcat-b"));

        // An in-app consumer's committed marker carries no client name (its position marker does).
        f.model.setConsumers(
            {test::consumer(QStringLiteral("billing #1"), QStringLiteral("pair"), State::Running, kTopic, {{0, 10}})});
        GroupInfo inApp = described(3, {});
        inApp.members.push_back(
            GroupMember{QStringLiteral("billing #1-member"), QStringLiteral("tidemark"), QString(), {{kTopic, 0}}});
        f.model.setGroups({inApp});
        QVERIFY(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Committed, 0)->ownerLabel.isEmpty());
    }

    void lanesFollowPartitions()
    {
        Fixture f;
        QCOMPARE(f.model.laneCount(), 2);
        QSignalSpy lanes(&f.model, &TimelineModel::lanesChanged);
        f.model.setPartitions(
            {test::partitionInfo(2, 0, 5), test::partitionInfo(0, 0, 100), test::partitionInfo(1, 0, 80)});
        QCOMPARE(lanes.count(), 1);
        QCOMPARE(f.model.laneCount(), 3);
        QCOMPARE(f.model.partitionOfLane(2), 2);
        QCOMPARE(f.model.laneOfPartition(1), 1);
        QCOMPARE(f.model.recordCount(), qint64(185));
        // Same partitions, new watermarks: no lane change, the lanes grow.
        f.model.setPartitions(
            {test::partitionInfo(0, 0, 110), test::partitionInfo(1, 0, 80), test::partitionInfo(2, 0, 5)});
        QCOMPARE(lanes.count(), 1);
        f.model.setPartitions({test::partitionInfo(0, 0, 110)});
        QCOMPARE(lanes.count(), 2);
        QCOMPARE(f.model.laneCount(), 1);
        QCOMPARE(f.model.laneOfPartition(1), -1);
    }

    void laneGrowsSmoothly()
    {
        Fixture f;
        QCOMPARE(f.shown(TimelineMarker::Kind::HighWatermark, 0), 100.0); // first sight: no growth from 0
        f.model.setWatermarks(0, 0, 200);
        QVERIFY(f.model.isAnimating(f.now));
        f.now += kGrowMs / 4;
        const double quarter = f.shown(TimelineMarker::Kind::HighWatermark, 0);
        f.now += kGrowMs / 4;
        const double half = f.shown(TimelineMarker::Kind::HighWatermark, 0);
        QVERIFY2(quarter > 100 && quarter < half && half < 200,
                 qPrintable(QStringLiteral("%1 %2").arg(quarter).arg(half)));
        f.now += kGrowMs;
        QCOMPARE(f.shown(TimelineMarker::Kind::HighWatermark, 0), 200.0);
        QVERIFY(!f.model.isAnimating(f.now));
        // The same moment gives the same picture: time-based, not frame-based.
        f.model.setWatermarks(0, 0, 300);
        f.now += 100;
        QCOMPARE(f.model.frame(f.now).lanes[0].shownHighWatermark, f.model.frame(f.now).lanes[0].shownHighWatermark);
        // Records beyond the watermark (fetched before the next poll) grow the lane too.
        f.model.addSummaries(1, test::summaries(1, 0, 90));
        QCOMPARE(f.model.highWatermark(1), qint64(90));
    }

    void positionsGlideAndGreyOnKill()
    {
        Fixture f;
        f.model.setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {20, 10}, {100, 80})});
        const QString c1 = QStringLiteral("billing #1");
        f.model.setConsumers({test::consumer(c1, QStringLiteral("billing"), State::Running, kTopic, {{0, 30}})});
        // A new consumer appears at the committed offset and glides to its position.
        QCOMPARE(f.shown(TimelineMarker::Kind::Position, 0, c1), 20.0);
        f.now += kGlideMs;
        QCOMPARE(f.shown(TimelineMarker::Kind::Position, 0, c1), 30.0);
        f.model.setConsumers({test::consumer(c1, QStringLiteral("billing"), State::Running, kTopic, {{0, 60}})});
        f.now += kGlideMs / 2;
        const double mid = f.shown(TimelineMarker::Kind::Position, 0, c1);
        QVERIFY2(mid > 30 && mid < 60, qPrintable(QString::number(mid)));
        f.now += kGlideMs;
        {
            const TimelineFrame frame = f.model.frame(f.now);
            QCOMPARE(f.marker(frame, TimelineMarker::Kind::Position, 0, c1)->grey, 0.0);
        }
        // Killed after committing 45 while at 60: grey, back to 45, and 45..60 will be re-read.
        f.model.setConsumers(
            {test::consumer(c1, QStringLiteral("billing"), State::Killed, kTopic, {{0, 60}}, {{0, 45}})});
        f.now += kGreyMs / 2;
        {
            const TimelineFrame frame = f.model.frame(f.now);
            const TimelineMarker *m = f.marker(frame, TimelineMarker::Kind::Position, 0, c1);
            QVERIFY(m->grey > 0 && m->grey < 1);
            QCOMPARE(m->offset, qint64(45));
        }
        f.now += kGlideMs;
        {
            const TimelineFrame frame = f.model.frame(f.now);
            const TimelineMarker *m = f.marker(frame, TimelineMarker::Kind::Position, 0, c1);
            QCOMPARE(m->grey, 1.0);
            QCOMPARE(m->shownOffset, 45.0);
            QCOMPARE(frame.redeliveries.size(), size_t(1));
            QCOMPARE(frame.redeliveries[0].from, qint64(45));
            QCOMPARE(frame.redeliveries[0].to, qint64(60));
            QCOMPARE(f.model.committed(QStringLiteral("billing"), 0), std::optional<qint64>(45));
        }
        // The lane keeps growing while it is dead.
        f.model.setWatermarks(0, 0, 130);
        QCOMPARE(f.model.position(c1, 0), std::optional<qint64>(45));

        // Restart: it resumes at 45 and reads 45..70; 45..60 flash (delivered again).
        f.model.setConsumers(
            {test::consumer(c1, QStringLiteral("billing"), State::Running, kTopic, {{0, 70}}, {{0, 45}})});
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.flashes.size(), size_t(1));
        QCOMPARE(frame.flashes[0].from, qint64(45));
        QCOMPARE(frame.flashes[0].to, qint64(60));
        QCOMPARE(frame.flashes[0].intensity, 1.0);
        QVERIFY(!frame.flashes[0].replay);   // the killed member never committed them: a redelivery
        QVERIFY(frame.redeliveries.empty()); // caught up with what was owed
        f.now += kFlashMs / 2;
        frame = f.model.frame(f.now);
        QVERIFY(frame.flashes[0].intensity > 0 && frame.flashes[0].intensity < 0.5);
        QVERIFY(f.marker(frame, TimelineMarker::Kind::Position, 0, c1)->grey < 1);
        f.now += kFlashMs;
        frame = f.model.frame(f.now);
        QVERIFY(frame.flashes.empty());
        QVERIFY(!frame.animating);
        // Moving on past what was delivered before flashes nothing new.
        f.model.setConsumers(
            {test::consumer(c1, QStringLiteral("billing"), State::Running, kTopic, {{0, 90}}, {{0, 70}})});
        QVERIFY(f.model.frame(f.now).flashes.empty());
    }

    // A stopped consumer's marker glides to the committed offset and greys, then goes: the
    // group's committed marker says where it resumes, flagged as stopped while nobody reads
    // (in-app consumers all stopped, and a poll from before the stop listing them does not
    // count; without in-app consumers, the broker's "Empty"). A killed consumer keeps its
    // marker on the partitions it still holds, and holding them the group is not stopped.
    void stoppedConsumersLeaveTheGroupsMarker()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString c1 = QStringLiteral("billing #1"), c2 = QStringLiteral("billing #2");
        GroupInfo polled = test::groupInfo(group, kTopic, {10, 10}, {100, 80});
        polled.members = {GroupMember{c1 + QStringLiteral("-member"), c1, QStringLiteral("127.0.0.1"), {}}};
        f.model.setGroups({polled});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 30}, {1, 20}}, {{0, 25}})});
        f.now += kGlideMs;
        // The committed marker's flag, if the group's summary (the hover card's) agrees.
        auto committedStopped = [&](int partition) {
            const TimelineFrame frame = f.model.frame(f.now);
            const TimelineMarker *m = f.marker(frame, TimelineMarker::Kind::Committed, partition, group);
            const auto groups = f.model.groups();
            const bool summary = std::any_of(groups.begin(), groups.end(), [&](const TimelineGroupSummary &g) {
                return g.groupId == group && g.stopped;
            });
            return m && m->groupStopped && summary     ? std::optional<bool>(true)
                   : m && !m->groupStopped && !summary ? std::optional<bool>(false)
                                                       : std::nullopt;
        };
        QCOMPARE(committedStopped(0), std::optional<bool>(false));

        f.model.setConsumers(
            {test::consumer(c1, group, State::Stopped, kTopic, {{0, 30}, {1, 20}}, {{0, 30}, {1, 20}})});
        f.now += kGreyMs / 2; // settling on the committed offset: still drawn
        QVERIFY(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Position, 0, c1));
        f.now += kGlideMs;
        QCOMPARE(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Position, 0, c1), nullptr);
        QCOMPARE(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Position, 1, c1), nullptr);
        QCOMPARE(f.model.position(c1, 0), std::optional<qint64>(30)); // known, not drawn
        QCOMPARE(committedStopped(0), std::optional<bool>(true));
        QCOMPARE(committedStopped(1), std::optional<bool>(true));
        f.model.setGroups({polled}); // a poll from before the stop still lists it
        QCOMPARE(committedStopped(0), std::optional<bool>(true));

        // Another member joins (killed right away, keeping partition 1 only): its marker there,
        // none on partition 0, and the group holds a partition, so it is not stopped.
        f.model.setConsumers(
            {test::consumer(c1, group, State::Stopped, kTopic, {{0, 30}, {1, 20}}, {{0, 30}, {1, 20}}),
             test::consumer(c2, group, State::Running, kTopic, {{0, 35}, {1, 24}}, {{0, 30}, {1, 20}})});
        f.now += kGlideMs;
        ConsumerStatus killed =
            test::consumer(c2, group, State::Killed, kTopic, {{0, 35}, {1, 24}}, {{0, 30}, {1, 20}});
        killed.assignment = {TopicPartition{kTopic, 1}}; // partition 0 was taken over already
        f.model.setConsumers(
            {test::consumer(c1, group, State::Stopped, kTopic, {{0, 30}, {1, 20}}, {{0, 30}, {1, 20}}), killed});
        f.now += kGlideMs;
        QCOMPARE(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Position, 0, c2), nullptr);
        QVERIFY(f.marker(f.model.frame(f.now), TimelineMarker::Kind::Position, 1, c2));
        QCOMPARE(committedStopped(1), std::optional<bool>(false));

        // Without in-app consumers: the broker's word.
        Fixture g;
        GroupInfo empty = test::groupInfo(QStringLiteral("audit"), kTopic, {5, 6}, {100, 80});
        g.model.setGroups({empty});
        auto auditStopped = [&] {
            const TimelineFrame frame = g.model.frame(g.now);
            return g.marker(frame, TimelineMarker::Kind::Committed, 0, QStringLiteral("audit"))->groupStopped;
        };
        QVERIFY(!auditStopped()); // "Stable"
        empty.state = QStringLiteral("Empty");
        g.model.setGroups({empty});
        QVERIFY(auditStopped());
    }

    // A group's colour is a function of its name: two models that discover the same groups in
    // opposite orders (one at a time, as polls and consumers reveal them) give each group the
    // same colour, six groups never share one, and a fresh model (an app restart) agrees.
    void groupColoursDependOnNamesNotOrder()
    {
        const QStringList names = {QStringLiteral("billing"),   QStringLiteral("audit"), QStringLiteral("shipping"),
                                   QStringLiteral("analytics"), QStringLiteral("fraud"), QStringLiteral("reports")};
        auto learn = [&](Fixture &f, QStringList order) {
            std::vector<GroupInfo> known;
            for (const QString &name : order) {
                known.push_back(test::groupInfo(name, kTopic, {5, 6}, {100, 80}));
                f.model.setGroups(known);
            }
        };
        auto coloursOf = [&](Fixture &f) {
            std::map<QString, int> out;
            for (const TimelineGroupSummary &g : f.model.groups())
                out[g.groupId] = g.colour;
            const TimelineFrame frame = f.model.frame(f.now);
            for (const QString &name : names) {
                const TimelineMarker *m = f.marker(frame, TimelineMarker::Kind::Committed, 0, name);
                if (!m || m->colour != out[name])
                    out[name] = -100; // the marker disagrees with the summary
            }
            return out;
        };
        Fixture forward, backward;
        learn(forward, names);
        QStringList reversed(names.rbegin(), names.rend());
        learn(backward, reversed);
        const std::map<QString, int> colours = coloursOf(forward);
        QCOMPARE(coloursOf(backward), colours);
        std::set<int> distinct;
        for (const auto &[name, colour] : colours) {
            QVERIFY2(colour >= 0 && colour < kGroupColourCount, qPrintable(name));
            distinct.insert(colour);
        }
        QCOMPARE(distinct.size(), size_t(names.size()));

        // Two groups, in either order, and from an in-app consumer first: the same two colours.
        Fixture a, b, c;
        learn(a, {QStringLiteral("billing"), QStringLiteral("audit")});
        learn(b, {QStringLiteral("audit"), QStringLiteral("billing")});
        c.model.setConsumers(
            {test::consumer(QStringLiteral("audit #1"), QStringLiteral("audit"), State::Running, kTopic, {{0, 5}})});
        learn(c, {QStringLiteral("billing"), QStringLiteral("audit")});
        QCOMPARE(b.model.groupColour(QStringLiteral("billing")), a.model.groupColour(QStringLiteral("billing")));
        QCOMPARE(b.model.groupColour(QStringLiteral("audit")), a.model.groupColour(QStringLiteral("audit")));
        QCOMPARE(c.model.groupColour(QStringLiteral("billing")), a.model.groupColour(QStringLiteral("billing")));
        QCOMPARE(c.model.groupColour(QStringLiteral("audit")), a.model.groupColour(QStringLiteral("audit")));
        QVERIFY(a.model.groupColour(QStringLiteral("billing")) != a.model.groupColour(QStringLiteral("audit")));
    }

    // An offset reset is a replay, not a redelivery: the range to be read again and the
    // flash while reading it say so; a reset forward replays nothing.
    void resetIsAReplayNotARedelivery()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString c1 = QStringLiteral("billing #1");
        f.model.setGroups({test::groupInfo(group, kTopic, {0, 0}, {100, 80})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 80}}, {{0, 80}})});
        f.now += kGlideMs;
        f.model.setConsumers({test::consumer(c1, group, State::Stopped, kTopic, {{0, 80}}, {{0, 80}})});
        f.now += kGlideMs;
        // The user drags the committed offset of partition 0 back to 20.
        f.model.applyCommitted(group, 0, 20);
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].from, qint64(20));
        QCOMPARE(frame.redeliveries[0].to, qint64(80));
        QVERIFY(frame.redeliveries[0].replay);
        // Restarted at 20, it reads 20..50: a replay flash.
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 20}}, {{0, 20}})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 50}}, {{0, 20}})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.flashes.size(), size_t(1));
        QCOMPARE(frame.flashes[0].from, qint64(20));
        QCOMPARE(frame.flashes[0].to, qint64(50));
        QVERIFY(frame.flashes[0].replay);
        // A reset polled from the broker (the commit went back between two polls) is one too.
        f.now += kFlashMs;
        f.model.setGroups({test::groupInfo(group, kTopic, {50, 0}, {100, 80})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 90}}, {{0, 90}})});
        f.model.setConsumers({test::consumer(c1, group, State::Stopped, kTopic, {{0, 90}}, {{0, 90}})});
        f.model.setGroups({test::groupInfo(group, kTopic, {90, 0}, {100, 80})});
        f.model.setGroups({test::groupInfo(group, kTopic, {30, 0}, {100, 80})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QVERIFY(frame.redeliveries[0].replay);
        QCOMPARE(frame.redeliveries[0].from, qint64(30));
        // Forward: nothing to replay.
        f.model.applyCommitted(group, 0, 95);
        QVERIFY(f.model.frame(f.now).redeliveries.empty());
    }

    // What the group has committed is not read again, whoever read it: the range a reset left
    // to be read again goes once the committed offset is past it, even when no member was seen
    // moving through it (the lesson's replay: billing #3 reads orders[2] through and loses it
    // between two status updates; billing #4 starts where it committed), and shrinks when the
    // committed offset is inside it; a member still inside the window flashes as a replay.
    void committedPastTheReplayEndsIt()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString c1 = QStringLiteral("billing #1");
        const QString c2 = QStringLiteral("billing #2");
        f.model.setGroups({test::groupInfo(group, kTopic, {0, 0}, {100, 80})});
        f.model.setConsumers(
            {test::consumer(c1, group, State::Running, kTopic, {{0, 80}, {1, 60}}, {{0, 80}, {1, 60}})});
        f.model.setConsumers(
            {test::consumer(c1, group, State::Stopped, kTopic, {{0, 80}, {1, 60}}, {{0, 80}, {1, 60}})});
        f.now += kGlideMs;
        f.model.applyCommitted(group, 0, 20, 80);
        f.model.applyCommitted(group, 1, 10, 60);
        QCOMPARE(f.model.frame(f.now).redeliveries.size(), size_t(2));

        // Started again: billing #1 is seen at 20 on P0, then (a rebalance later) without P0,
        // having committed 80 there; billing #2 is first seen on P0 at 80.
        f.model.setConsumers(
            {test::consumer(c1, group, State::Running, kTopic, {{0, 20}, {1, 10}}, {{0, 20}, {1, 10}})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{1, 10}}, {{0, 80}, {1, 10}})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{1, 10}}, {{0, 80}, {1, 10}}),
                              test::consumer(c2, group, State::Running, kTopic, {{0, 80}}, {{0, 80}})});
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1)); // P0 read again: nothing left to draw there
        QCOMPARE(frame.redeliveries[0].lane, f.model.laneOfPartition(1));

        // Only the broker's committed offset is seen moving on P1 (billing #1's status lags):
        // inside the window it shrinks the range, still a replay ...
        f.model.setGroups({test::groupInfo(group, kTopic, {80, 40}, {100, 80})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].from, qint64(40));
        QCOMPARE(frame.redeliveries[0].to, qint64(60));
        QVERIFY(frame.redeliveries[0].replay);
        // ... past it, the range goes, and billing #1's next move through it still flashes as
        // the replay it is.
        f.model.setGroups({test::groupInfo(group, kTopic, {80, 60}, {100, 80})});
        QVERIFY(f.model.frame(f.now).redeliveries.empty());
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{1, 60}}, {{0, 80}, {1, 60}}),
                              test::consumer(c2, group, State::Running, kTopic, {{0, 80}}, {{0, 80}})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.flashes.size(), size_t(1));
        QCOMPARE(frame.flashes[0].from, qint64(10));
        QCOMPARE(frame.flashes[0].to, qint64(60));
        QVERIFY(frame.flashes[0].replay);
        QVERIFY(frame.redeliveries.empty());
    }

    // A reset forward (skipping records) replays nothing, and takes back only what it makes
    // untrue: what a killed member read and never committed, past the new committed offset, is
    // still read again by the member that takes its partition over, a redelivery (amber), not a
    // replay. Before, the reset turned that range into a violet "will be replayed" one.
    void aForwardResetKeepsTheRedeliveryToCome()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString c1 = QStringLiteral("billing #1");
        const QString c2 = QStringLiteral("billing #2");
        f.model.setGroups({test::groupInfo(group, kTopic, {10, 10}, {100, 80})});
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 10}}, {{0, 10}}),
                              test::consumer(c2, group, State::Running, kTopic, {{1, 30}}, {{1, 10}})});
        // billing #2 is killed having read P1 to 30 and committed 10; billing #1 stops cleanly.
        f.model.setConsumers({test::consumer(c1, group, State::Stopped, kTopic, {{0, 10}}, {{0, 10}}),
                              test::consumer(c2, group, State::Killed, kTopic, {{1, 30}}, {{1, 10}})});
        f.now += kGlideMs;
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].lane, f.model.laneOfPartition(1));
        QVERIFY(!frame.redeliveries[0].replay);

        // P1 reset forward to 20 (its session over, the group has no member): 20..30 are
        // still read again by whoever takes P1 over, as the redelivery they are.
        f.model.applyCommitted(group, 1, 20, 10);
        QCOMPARE(f.model.committed(group, 1), std::optional<qint64>(20));
        frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].from, qint64(20));
        QCOMPARE(frame.redeliveries[0].to, qint64(30));
        QVERIFY2(!frame.redeliveries[0].replay, "a forward reset made the redelivery a replay");
        // billing #1 starts again and takes P1 over at 20: reading to 40 flashes 20..30 amber.
        f.model.setConsumers({test::consumer(c1, group, State::Running, kTopic, {{0, 10}, {1, 40}}, {{0, 10}, {1, 20}}),
                              test::consumer(c2, group, State::Killed, kTopic, {}, {{1, 10}})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.flashes.size(), size_t(1));
        QCOMPARE(frame.flashes[0].from, qint64(20));
        QCOMPARE(frame.flashes[0].to, qint64(30));
        QVERIFY(!frame.flashes[0].replay);
        QVERIFY(frame.redeliveries.empty());

        // A forward reset inside a replay still to come keeps it a replay, from the new offset.
        f.model.setConsumers({test::consumer(c1, group, State::Stopped, kTopic, {{0, 60}, {1, 40}}, {{0, 60}, {1, 40}}),
                              test::consumer(c2, group, State::Killed, kTopic, {}, {{1, 10}})});
        f.model.applyCommitted(group, 0, 20, 60);
        f.model.applyCommitted(group, 0, 30, 20);
        frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].from, qint64(30));
        QCOMPARE(frame.redeliveries[0].to, qint64(60));
        QVERIFY(frame.redeliveries[0].replay);
    }

    // Reviewer F4: billing read and committed P1 up to 236, its committed offset was moved forward
    // to 413 (177 records skipped), then a poll sees it reset to 0. Only 0..236 had been read:
    // the violet range is 0..236, and reading on flashes 0..236 as a replay and nothing past it
    // (236..413 are read for the first time). Before, the replay ran to 413.
    void aResetBackAfterAForwardOneReplaysOnlyWhatWasRead()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString c7 = QStringLiteral("billing #7");
        f.model.setGroups({test::groupInfo(group, kTopic, {0, 236}, {1000, 1000})});
        f.model.setConsumers({test::consumer(c7, group, State::Running, kTopic, {{1, 236}}, {{1, 236}})});
        f.model.setConsumers({test::consumer(c7, group, State::Stopped, kTopic, {{1, 236}}, {{1, 236}})});
        f.now += kGlideMs;
        f.model.applyCommitted(group, 1, 413, 236); // the drag forward
        f.model.setGroups({test::groupInfo(group, kTopic, {0, 413}, {1000, 1000})});
        f.model.setGroups({test::groupInfo(group, kTopic, {0, 0}, {1000, 1000})}); // reset to the earliest
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.redeliveries.size(), size_t(1));
        QCOMPARE(frame.redeliveries[0].lane, f.model.laneOfPartition(1));
        QCOMPARE(frame.redeliveries[0].from, qint64(0));
        QCOMPARE(frame.redeliveries[0].to, qint64(236));
        QVERIFY(frame.redeliveries[0].replay);

        // A member starts from 0 and reads to 500.
        const QString c8 = QStringLiteral("billing #8");
        f.model.setConsumers({test::consumer(c8, group, State::Running, kTopic, {{1, 500}}, {{1, 0}})});
        frame = f.model.frame(f.now);
        QCOMPARE(frame.flashes.size(), size_t(1));
        QCOMPARE(frame.flashes[0].from, qint64(0));
        QCOMPARE(frame.flashes[0].to, qint64(236));
        QVERIFY(frame.flashes[0].replay);
    }

    void rebalanceRecoloursLanes()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        const QString a = QStringLiteral("billing #1"), b = QStringLiteral("billing #2");
        f.model.setConsumers({test::consumer(a, group, State::Running, kTopic, {{0, 10}}),
                              test::consumer(b, group, State::Running, kTopic, {{1, 10}})});
        f.now += 10'000;
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.lanes[0].owner.key, a);
        QCOMPARE(frame.lanes[1].owner.key, b);
        QVERIFY(frame.lanes[0].owner.colour != frame.lanes[1].owner.colour);
        QCOMPARE(frame.lanes[1].ownerBlend, 1.0);
        const int colourB = frame.lanes[1].owner.colour;
        // b is killed: its lane greys but stays b's until the group rebalances.
        f.model.setConsumers({test::consumer(a, group, State::Running, kTopic, {{0, 10}}),
                              test::consumer(b, group, State::Killed, kTopic, {{1, 10}})});
        f.now += 10'000;
        frame = f.model.frame(f.now);
        QCOMPARE(frame.lanes[1].owner.key, b);
        QCOMPARE(frame.lanes[1].ownerGrey, 1.0);
        // Rebalance: a takes partition 1; the lane blends from b's colour to a's.
        auto statuses =
            std::vector<ConsumerStatus>{test::consumer(a, group, State::Running, kTopic, {{0, 10}, {1, 10}}),
                                        test::consumer(b, group, State::Killed, kTopic, {{1, 10}})};
        f.model.setConsumers(statuses);
        frame = f.model.frame(f.now);
        QCOMPARE(frame.lanes[1].owner.key, a);
        QCOMPARE(frame.lanes[1].previousOwner.colour, colourB);
        QCOMPARE(frame.lanes[1].ownerBlend, 0.0);
        QCOMPARE(frame.lanes[1].ownerGrey, 0.0);
        f.now += kRecolourMs / 2;
        frame = f.model.frame(f.now);
        QVERIFY(frame.lanes[1].ownerBlend > 0 && frame.lanes[1].ownerBlend < 1);
        QVERIFY(frame.animating);
        f.now += kRecolourMs;
        QCOMPARE(f.model.frame(f.now).lanes[1].ownerBlend, 1.0);
        // Consumer colours are stable: the same id keeps its colour.
        for (const TimelineConsumerSummary &c : f.model.consumers())
            if (c.consumerId == b)
                QCOMPARE(c.colour, colourB);
    }

    void brokerOwnersForOutsideMembers()
    {
        Fixture f;
        GroupInfo g = test::groupInfo(QStringLiteral("external"), kTopic, {5, 6}, {100, 80});
        GroupMember m;
        m.memberId = QStringLiteral("rdkafka-1234");
        m.clientId = QStringLiteral("shipping-service");
        m.assignment = {TopicPartition{kTopic, 0}};
        g.members.push_back(m);
        f.model.setGroups({g});
        const TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.lanes[0].owner.label, QStringLiteral("shipping-service"));
        QVERIFY(frame.lanes[0].owner.active);
        QVERIFY(frame.lanes[1].owner.key.isEmpty());
        QCOMPARE(f.model.focusGroup(), QStringLiteral("external"));
    }

    // Issue 14: another program's member killed without leaving (the broker describes it as
    // vanished, its session ending at a wall-clock time) is drawn as a killed consumer is: its
    // lane greyed, a summary "killed" whose countdown runs on the model's clock between two polls,
    // "timed out" once it ends; then gone when the broker no longer lists it. A live one is not.
    void aVanishedOutsideMemberCountsItsSessionDown()
    {
        Fixture f;
        qint64 wall = test::kBaseTimeMs;
        f.model.setWallClock([&] { return wall; });
        const QString group = QStringLiteral("billing");
        GroupInfo g = test::groupInfo(group, kTopic, {5, 6}, {100, 80});
        GroupMember cli;
        cli.memberId = QStringLiteral("tidemark-cli-27758c1e-2698-4303-8d30-f8ff609af41e");
        cli.clientId = QStringLiteral("tidemark-cli");
        cli.assignment = {TopicPartition{kTopic, 0}};
        g.members.push_back(cli);
        f.model.setGroups({g});
        QVERIFY(f.model.frame(f.now).lanes[0].owner.active);
        QVERIFY(f.model.consumers().empty()); // a live member of another program: its lane only

        g.members[0].vanished = true;
        f.now += 100;
        wall += 20'000; // read only when the groups come: the expiry is 3.5 s ahead of it
        g.members[0].sessionExpiresAtMs = wall + 3500;
        f.model.setGroups({g});
        const auto summary = [&]() -> std::optional<TimelineConsumerSummary> {
            for (const TimelineConsumerSummary &c : f.model.consumers())
                if (c.memberId == cli.memberId)
                    return c;
            return std::nullopt;
        };
        TimelineFrame frame = f.model.frame(f.now);
        QCOMPARE(frame.lanes[0].owner.label, QStringLiteral("tidemark-cli"));
        QVERIFY(!frame.lanes[0].owner.active);
        QVERIFY(summary());
        QCOMPARE(summary()->consumerId, QStringLiteral("tidemark-cli"));
        QCOMPARE(summary()->groupId, group);
        QCOMPARE(summary()->state, State::Killed);
        QCOMPARE(summary()->sessionSecondsLeft, 4);
        QVERIFY(!summary()->sessionTimedOut);
        QCOMPARE(summary()->colour, f.model.memberColour(cli.memberId));
        QCOMPARE(f.model.consumers().size(), size_t(1));
        const TimelineMarker *committed = f.marker(frame, TimelineMarker::Kind::Committed, 0, group);
        QVERIFY(committed);
        QCOMPARE(committed->ownerLabel, QStringLiteral("tidemark-cli"));
        QCOMPARE(committed->ownerMemberId, cli.memberId); // its countdown is found by it
        // No poll: the model's clock alone counts it down.
        f.now += 1000;
        QCOMPARE(summary()->sessionSecondsLeft, 3);
        f.now += 2000;
        QCOMPARE(summary()->sessionSecondsLeft, 1);
        f.now += 600;
        QCOMPARE(summary()->sessionSecondsLeft, 0);
        QVERIFY(summary()->sessionTimedOut);
        // The broker dropped it: nobody holds the lane, nothing counts down.
        g.members.clear();
        f.model.setGroups({g});
        QVERIFY(f.model.frame(f.now).lanes[0].owner.key.isEmpty());
        QVERIFY(!summary());
    }

    void committedFollowsTheLatestChange()
    {
        Fixture f;
        const QString group = QStringLiteral("billing");
        f.model.setGroups({test::groupInfo(group, kTopic, {20, 10}, {100, 80})});
        QCOMPARE(f.model.committed(group, 0), std::optional<qint64>(20));
        // The in-app consumer commits 30: newer than the poll.
        f.model.setConsumers(
            {test::consumer(QStringLiteral("c"), group, State::Running, kTopic, {{0, 35}}, {{0, 30}})});
        QCOMPARE(f.model.committed(group, 0), std::optional<qint64>(30));
        // A poll that still says 20 (unchanged since the last poll) does not undo that.
        f.model.setGroups({test::groupInfo(group, kTopic, {20, 10}, {100, 80})});
        QCOMPARE(f.model.committed(group, 0), std::optional<qint64>(30));
        // An offset reset elsewhere (the poll changes to 5) wins, and the same consumer status
        // repeated does not bring 30 back.
        f.model.setGroups({test::groupInfo(group, kTopic, {5, 10}, {100, 80})});
        QCOMPARE(f.model.committed(group, 0), std::optional<qint64>(5));
        f.model.setConsumers(
            {test::consumer(QStringLiteral("c"), group, State::Stopped, kTopic, {{0, 35}}, {{0, 30}})});
        QCOMPARE(f.model.committed(group, 0), std::optional<qint64>(5));
        f.model.applyCommitted(group, 1, 3);
        QCOMPARE(f.model.committed(group, 1), std::optional<qint64>(3));
    }

    void lagSpansAndGroups()
    {
        Fixture f;
        f.model.setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 80}, {100, 80}),
                           test::groupInfo(QStringLiteral("audit"), kTopic, {-1, 10}, {100, 80}),
                           test::groupInfo(QStringLiteral("other-topic"), QStringLiteral("payments"), {1}, {5})});
        const auto groups = f.model.groups();
        QCOMPARE(groups.size(), size_t(2)); // the group of another topic is not ours
        QCOMPARE(groups[0].groupId, QStringLiteral("audit"));
        QCOMPARE(groups[0].totalLag, qint64(70));
        QCOMPARE(groups[1].totalLag, qint64(60));
        QCOMPARE(f.model.focusGroup(), QStringLiteral("audit")); // first by name without in-app consumers
        f.model.setFocusGroup(QStringLiteral("billing"));
        const TimelineFrame frame = f.model.frame(f.now);
        int billingSpans = 0;
        for (const TimelineLagSpan &lag : frame.lags) {
            if (lag.groupId == QStringLiteral("billing")) {
                ++billingSpans;
                QVERIFY(lag.focus);
                QCOMPARE(lag.lane, 0); // partition 1 is caught up: no span
                QCOMPARE(lag.lag, qint64(60));
                QCOMPARE(lag.shownFrom, 40.0);
                QCOMPARE(lag.shownTo, 100.0);
            }
        }
        QCOMPARE(billingSpans, 1);
        // Nothing committed on partition 0 for audit: no marker there.
        QVERIFY(!f.marker(frame, TimelineMarker::Kind::Committed, 0, QStringLiteral("audit")));
        // A group that is no longer listed disappears.
        f.model.setGroups({test::groupInfo(QStringLiteral("billing"), kTopic, {40, 80}, {100, 80})});
        QCOMPARE(f.model.groups().size(), size_t(1));
    }

    void revokedPartitionsLoseTheirMarker()
    {
        Fixture f;
        const QString a = QStringLiteral("a");
        f.model.setConsumers({test::consumer(a, QStringLiteral("g"), State::Running, kTopic, {{0, 10}, {1, 10}})});
        QVERIFY(f.model.position(a, 1));
        f.model.setConsumers({test::consumer(a, QStringLiteral("g"), State::Running, kTopic, {{0, 12}})});
        QVERIFY(!f.model.position(a, 1));
        QCOMPARE(f.model.position(a, 0), std::optional<qint64>(12));
        f.model.setConsumers({});
        QVERIFY(f.model.consumers().empty());
        QVERIFY(f.model.groups().empty());
    }
};

QTEST_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
