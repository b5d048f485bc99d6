// Consumer groups of the built-in broker, with members in one process (each member has its
// own files and locks, exactly as members in different processes do): resets, commits and
// resume, range/round-robin assignment, hand-over on close, commits of revoked partitions
// before the hand-over (no duplicates), re-delivery after a kill (abandon), partitions never
// owned twice while a member is slow, eviction of a silent member and the takeover of its
// partitions, offset resets, describe/list, and wakeups of a blocking poll.

#include "LogbrokerTestSupport.h"

#include "logbroker/GroupDirectory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <atomic>
#include <set>
#include <thread>

using namespace tidemark;
using namespace tidemark::test;

namespace {

struct Collected {
    std::vector<Record> records;
    std::vector<ConsumerEvent> events;
    bool has(ConsumerEvent::Kind kind) const
    {
        return std::any_of(events.begin(), events.end(), [&](const auto &e) { return e.kind == kind; });
    }
};

// Polls `c` in short slices until `done` or the timeout; collects everything.
template <typename Done>
bool pollUntil(Consumer &c, Collected &into, Done done, int timeoutMs = 10000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        auto r = c.poll(20);
        if (!r) {
            qWarning("poll: %s", qPrintable(r.error().toString()));
            return false;
        }
        into.records.insert(into.records.end(), r->records.begin(), r->records.end());
        into.events.insert(into.events.end(), r->events.begin(), r->events.end());
    }
    return true;
}

void pollBriefly(Consumer &c, Collected &into, int times = 3)
{
    for (int i = 0; i < times; ++i) {
        auto r = c.poll(10);
        if (!r)
            return;
        into.records.insert(into.records.end(), r->records.begin(), r->records.end());
        into.events.insert(into.events.end(), r->events.begin(), r->events.end());
    }
}

ConsumerConfig groupConfig(const QString &group, const QString &topic = QStringLiteral("orders"))
{
    ConsumerConfig c;
    c.groupId = group;
    c.topics = {topic};
    c.heartbeatIntervalMs = 200;
    c.sessionTimeoutMs = 3000;
    return c;
}

std::vector<OutgoingRecord> numbered(int from, int count, int partitions)
{
    std::vector<OutgoingRecord> out;
    for (int i = from; i < from + count; ++i)
        out.push_back(keyed("k" + QByteArray::number(i), QByteArray::number(i), i % partitions));
    return out;
}

std::set<TopicPartition> asSet(const std::vector<TopicPartition> &v) { return {v.begin(), v.end()}; }

} // namespace

class TestLogbrokerGroups final : public QObject {
    Q_OBJECT

private slots:
    void singleMemberConsumesCommitsAndResumes()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 3, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 300, 3)));
        Collected got;
        {
            auto c = b->createConsumer(groupConfig(QStringLiteral("billing")));
            QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
            QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 300; }));
            QCOMPARE(got.records.size(), size_t(300));
            QVERIFY(got.has(ConsumerEvent::Kind::Assigned));
            QCOMPARE(asSet((*c)->assignment()).size(), size_t(3));
            QVERIFY((*c)->generation() >= 1);
            QVERIFY((*c)->memberId().startsWith(QStringLiteral("tidemark-")));
            QVERIFY((*c)->commit());
            auto committed = (*c)->committed();
            QVERIFY(committed);
            for (int p = 0; p < 3; ++p)
                QCOMPARE(committed->at({QStringLiteral("orders"), p}), 100);
            (*c)->close();
        }
        // The committed offsets are files a person can read.
        QFile f(dir.filePath(QStringLiteral("groups/billing/offsets/orders-1.offset")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("\"offset\":100"));
        QVERIFY(QDir(dir.filePath(QStringLiteral("groups/billing/offsets")))
                    .entryList({QStringLiteral("*tmp*")}, QDir::Files | QDir::Hidden)
                    .isEmpty());

        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(300, 30, 3)));
        auto again = b->createConsumer(groupConfig(QStringLiteral("billing")));
        QVERIFY(again);
        Collected rest;
        QVERIFY(pollUntil(**again, rest, [&] { return rest.records.size() >= 30; }));
        pollBriefly(**again, rest);
        QCOMPARE(rest.records.size(), size_t(30)); // exactly the new ones: no gap, no duplicate
        for (const Record &r : rest.records)
            QVERIFY(r.value->toInt() >= 300);
    }

    void resetPolicyForAGroupWithoutCommits()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 20, 2)));
        ConsumerConfig latest = groupConfig(QStringLiteral("late"));
        latest.reset = OffsetReset::Latest;
        auto c = b->createConsumer(latest);
        QVERIFY(c);
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return (*c)->assignment().size() == 2; }));
        pollBriefly(**c, got);
        QVERIFY(got.records.empty());
        QCOMPARE((*c)->position({QStringLiteral("orders"), 0}).value_or(-1), 10);
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(20, 4, 2)));
        QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 4; }));
        QCOMPARE(got.records.front().value->toInt() >= 20, true);
    }

    void membersSharePartitions_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::newRow("range") << "range";
        QTest::newRow("roundrobin") << "roundrobin";
    }
    void membersSharePartitions()
    {
        QFETCH(QString, strategy);
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 5, 1, {}}));
        ConsumerConfig config = groupConfig(QStringLiteral("g"));
        config.assignmentStrategy = strategy;
        auto a = b->createConsumer(config);
        QVERIFY(a);
        Collected ga, gb, gc;
        QVERIFY(pollUntil(**a, ga, [&] { return (*a)->assignment().size() == 5; }));
        auto bb = b->createConsumer(config);
        auto cc = b->createConsumer(config);
        QVERIFY(bb && cc);
        QElapsedTimer t;
        t.start();
        for (;;) {
            pollBriefly(**a, ga, 1);
            pollBriefly(**bb, gb, 1);
            pollBriefly(**cc, gc, 1);
            const auto sa = asSet((*a)->assignment()), sb = asSet((*bb)->assignment()), sc = asSet((*cc)->assignment());
            for (const auto &tp : sa)
                QVERIFY2(!sb.count(tp) && !sc.count(tp), "a partition is owned twice");
            for (const auto &tp : sb)
                QVERIFY2(!sc.count(tp), "a partition is owned twice");
            if (sa.size() + sb.size() + sc.size() == 5 && !sa.empty() && !sb.empty() && !sc.empty())
                break;
            QVERIFY2(t.elapsed() < 10000, "the group never settled");
        }
        std::vector<size_t> sizes{(*a)->assignment().size(), (*bb)->assignment().size(), (*cc)->assignment().size()};
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (std::vector<size_t>{1, 2, 2}));
        QVERIFY(ga.has(ConsumerEvent::Kind::Revoked));
        QCOMPARE((*a)->generation(), (*cc)->generation());
        auto info = b->describeGroup(QStringLiteral("g"));
        QVERIFY(info);
        QCOMPARE(info->state, QStringLiteral("Stable"));
        QCOMPARE(info->members.size(), size_t(3));
        QCOMPARE(info->protocol, strategy);
        if (strategy == QLatin1String("range")) {
            // Range gives each member consecutive partitions.
            for (const GroupMember &m : info->members) {
                auto parts = m.assignment;
                std::sort(parts.begin(), parts.end());
                for (size_t i = 1; i < parts.size(); ++i)
                    QCOMPARE(parts[i].partition, parts[i - 1].partition + 1);
            }
        }
    }

    void closeHandsPartitionsOverAtOnce()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 4, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 400, 4)));
        auto a = b->createConsumer(groupConfig(QStringLiteral("g")));
        auto bb = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected ga, gb;
        QVERIFY(pollUntil(**a, ga, [&] {
            pollBriefly(**bb, gb, 1);
            return (*a)->assignment().size() == 2 && (*bb)->assignment().size() == 2;
        }));
        QVERIFY(pollUntil(**a, ga, [&] { return ga.records.size() >= 200; }));
        QVERIFY((*a)->commit());
        (*a)->close();
        QVERIFY(pollUntil(**bb, gb, [&] { return (*bb)->assignment().size() == 4 && gb.records.size() >= 200; }));
        pollBriefly(**bb, gb);
        QCOMPARE(gb.records.size(), size_t(200)); // its own 200; a's committed records are not re-delivered
        auto info = b->describeGroup(QStringLiteral("g"));
        QCOMPARE(info->members.size(), size_t(1));
    }

    void abandonedMemberIsNoticedAndItsUncommittedRecordsRedelivered()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 200, 2)));
        auto a = b->createConsumer(groupConfig(QStringLiteral("g")));
        auto bb = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected ga, gb;
        QVERIFY(pollUntil(**a, ga, [&] {
            pollBriefly(**bb, gb, 1);
            return (*a)->assignment().size() == 1 && (*bb)->assignment().size() == 1;
        }));
        const TopicPartition aPart = (*a)->assignment().front();
        QVERIFY(pollUntil(**a, ga, [&] { return ga.records.size() >= 100; }));
        QVERIFY((*a)->commit({{aPart, 60}})); // records 60..99 of a's partition stay uncommitted
        const int genBefore = (*bb)->generation();
        (*a)->abandon(); // "kill -9": no commit, no leave
        QElapsedTimer t;
        t.start();
        Collected after;
        QVERIFY(pollUntil(
            **bb, after, [&] { return (*bb)->assignment().size() == 2; }, 15000)); // after a's session timeout
        qInfo("takeover after abandon: %lld ms", t.elapsed());
        QVERIFY((*bb)->generation() > genBefore);
        QVERIFY(pollUntil(**bb, after, [&] {
            return std::count_if(after.records.begin(), after.records.end(),
                                 [&](const Record &r) { return r.partition == aPart.partition; }) >= 40;
        }));
        std::vector<qint64> redelivered;
        for (const Record &r : after.records)
            if (r.partition == aPart.partition)
                redelivered.push_back(r.offset);
        QCOMPARE(redelivered.front(), 60);        // from the committed offset: no gap
        QCOMPARE(redelivered.size(), size_t(40)); // duplicates are exactly the uncommitted ones
    }

    // Kafka's eager protocol: the member losing partitions learns it (Revoked) while it still
    // holds them, commits what it processed, and the new owner starts exactly there.
    void revokedPartitionsAreCommittedBeforeTheHandOver_data()
    {
        QTest::addColumn<bool>("explicitOffsets");
        QTest::newRow("commit(offsets)") << true;
        QTest::newRow("commit()") << false;
    }
    void revokedPartitionsAreCommittedBeforeTheHandOver()
    {
        QFETCH(bool, explicitOffsets);
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 4, 1, {}}));
        int produced = 0;
        auto produceMore = [&](int n) {
            const bool ok = produceAll(*b, QStringLiteral("orders"), numbered(produced, n, 4));
            produced += n;
            return ok;
        };
        QVERIFY(produceMore(200));
        ConsumerConfig config = groupConfig(QStringLiteral("g"));
        config.maxPollRecords = 30;
        auto a = b->createConsumer(config);
        QVERIFY(a);
        // `a` processes records but commits nothing: without a commit on revocation, all of
        // them would be read again by the new owner.
        std::map<TopicPartition, qint64> processed; // next offset to process, per partition
        std::map<std::pair<int, qint64>, int> timesSeen;
        auto process = [&](const std::vector<Record> &records) {
            for (const Record &r : records) {
                ++timesSeen[{r.partition, r.offset}];
                processed[r.topicPartition()] = r.offset + 1;
            }
        };
        auto pollOnce = [&](Consumer &c, Collected &into) {
            auto r = c.poll(10);
            if (!r)
                return std::vector<ConsumerEvent>{};
            process(r->records);
            into.records.insert(into.records.end(), r->records.begin(), r->records.end());
            into.events.insert(into.events.end(), r->events.begin(), r->events.end());
            return r->events;
        };
        Collected ga, gb;
        QVERIFY(pollUntil(**a, ga, [&] {
            process(ga.records);
            ga.records.clear();
            return processed.size() == 4 && timesSeen.size() >= 100;
        }));
        QVERIFY((*a)->committed()->empty());

        // The second member joins mid-stream, records keep coming.
        auto bb = b->createConsumer(config);
        QVERIFY(bb);
        std::set<TopicPartition> revoked;
        std::map<TopicPartition, qint64> committedOnRevoke;
        QElapsedTimer t;
        t.start();
        for (;;) {
            QVERIFY(produceMore(8));
            for (const ConsumerEvent &e : pollOnce(**a, ga)) {
                if (e.kind != ConsumerEvent::Kind::Revoked)
                    continue;
                // Right after the poll that reported it: commit what was processed.
                std::vector<std::pair<TopicPartition, qint64>> offsets;
                for (const TopicPartition &tp : e.partitions) {
                    revoked.insert(tp);
                    QVERIFY(processed.count(tp));
                    offsets.emplace_back(tp, processed[tp]);
                    committedOnRevoke[tp] = processed[tp];
                    QCOMPARE((*a)->position(tp).value_or(-1), processed[tp]);
                }
                const Status s = explicitOffsets ? (*a)->commit(offsets) : (*a)->commit();
                QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
                // `a` still holds them until its next poll: `bb` must wait.
                for (int i = 0; i < 3; ++i) {
                    pollOnce(**bb, gb);
                    for (const TopicPartition &tp : e.partitions)
                        QVERIFY2(!asSet((*bb)->assignment()).count(tp), "taken before its owner let go");
                }
                for (const TopicPartition &tp : e.partitions)
                    QVERIFY(!asSet((*a)->assignment()).count(tp));
            }
            pollOnce(**bb, gb);
            const auto sa = asSet((*a)->assignment()), sb = asSet((*bb)->assignment());
            for (const auto &tp : sa)
                QVERIFY2(!sb.count(tp), "a partition is owned twice");
            if (sa.size() == 2 && sb.size() == 2 && timesSeen.size() >= size_t(produced) - 8)
                break;
            QVERIFY2(t.elapsed() < 15000, "the group never settled");
        }
        QCOMPARE(revoked.size(), size_t(2));
        QCOMPARE(asSet((*bb)->assignment()), revoked);
        // Everything produced is consumed once across the hand-over: not one duplicate.
        QVERIFY(pollUntil(**a, ga, [&] {
            pollOnce(**bb, gb);
            return timesSeen.size() == size_t(produced);
        }));
        for (int i = 0; i < 3; ++i) {
            pollOnce(**a, ga);
            pollOnce(**bb, gb);
        }
        qint64 duplicates = 0;
        for (const auto &[key, times] : timesSeen)
            duplicates += times - 1;
        QCOMPARE(duplicates, 0);
        QCOMPARE(timesSeen.size(), size_t(produced));
        // The new owner started exactly at the commit made on revocation.
        for (const TopicPartition &tp : revoked) {
            qint64 first = -1;
            for (const Record &r : gb.records)
                if (r.topicPartition() == tp && (first < 0 || r.offset < first))
                    first = r.offset;
            QCOMPARE(first, committedOnRevoke[tp]);
        }
        // After its next poll `a` can no longer commit them.
        const TopicPartition gone = *revoked.begin();
        auto refused = (*a)->commit({{gone, 0}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
    }

    // A member that gets Revoked and then stops polling keeps its claims only until it is
    // evicted: the new owner's wait is bounded by the session timeout.
    void aSilentOwnerIsEvictedAndItsPartitionsTakenOver_data()
    {
        QTest::addColumn<bool>("afterRevoke");
        QTest::newRow("silent owner") << false;
        QTest::newRow("silent after Revoked") << true;
    }
    void aSilentOwnerIsEvictedAndItsPartitionsTakenOver()
    {
        QFETCH(bool, afterRevoke);
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 100, 2)));
        ConsumerConfig quick = groupConfig(QStringLiteral("g"));
        quick.sessionTimeoutMs = 1000;
        quick.heartbeatIntervalMs = 100;
        auto a = b->createConsumer(quick);
        Collected ga, gb;
        QVERIFY(pollUntil(**a, ga, [&] { return (*a)->assignment().size() == 2 && ga.records.size() >= 100; }));
        QVERIFY((*a)->commit({{{QStringLiteral("orders"), 0}, 20}, {{QStringLiteral("orders"), 1}, 30}}));
        auto bb = b->createConsumer(quick);
        QVERIFY(bb);
        std::vector<TopicPartition> silentHolds = (*a)->assignment(); // what `a` will not let go of
        if (afterRevoke) {
            // `a` learns of the rebalance, then stops polling while it holds the revoked one.
            QVERIFY(pollUntil(**a, ga, [&] { return ga.has(ConsumerEvent::Kind::Revoked); }));
            QCOMPARE((*a)->assignment().size(), size_t(1));
        } else {
            QVERIFY(pollUntil(**bb, gb, [&] { return (*bb)->generation() >= 2; }));
        }
        const QString oldId = (*a)->memberId();
        QElapsedTimer t;
        t.start();
        // Only `bb` polls: after a's session timeout it evicts `a` and, one heartbeat later,
        // takes over the claims `a` never released.
        QVERIFY(pollUntil(
            **bb, gb, [&] { return (*bb)->assignment().size() == 2; }, 10000));
        qInfo("took over from a silent member after %lld ms (session timeout %d ms)", t.elapsed(),
              quick.sessionTimeoutMs);
        QVERIFY(t.elapsed() >= 500); // not before `a` was evicted
        bool tookOver = false;
        for (const auto &e : gb.events)
            tookOver = tookOver || (e.kind == ConsumerEvent::Kind::Info &&
                                    e.reason == ConsumerEvent::Reason::Takeover && e.previousOwner == oldId);
        QVERIFY(tookOver);
        auto info = b->describeGroup(QStringLiteral("g"));
        QCOMPARE(info->members.size(), size_t(1));
        // Each partition continues at a's last commit.
        pollBriefly(**bb, gb);
        std::map<int, qint64> first;
        for (const Record &r : gb.records)
            if (!first.count(r.partition) || r.offset < first[r.partition])
                first[r.partition] = r.offset;
        QCOMPARE(first[0], 20);
        QCOMPARE(first[1], 30);
        // The evicted member's late commit is refused, its next poll reports Lost and rejoins.
        for (const TopicPartition &tp : silentHolds) {
            auto refused = (*a)->commit({{tp, 50}});
            QVERIFY(!refused);
            QCOMPARE(refused.error().code, ErrorCode::Conflict);
        }
        Collected lost;
        QVERIFY(pollUntil(**a, lost, [&] { return lost.has(ConsumerEvent::Kind::Lost); }));
        QVERIFY(lost.records.empty());
        QVERIFY((*a)->memberId() != oldId);
        QVERIFY(pollUntil(**a, lost, [&] {
            pollBriefly(**bb, gb, 1);
            return (*a)->assignment().size() == 1 && (*bb)->assignment().size() == 1;
        }));
        QCOMPARE((*b->describeGroup(QStringLiteral("g"))).members.size(), size_t(2));
    }

    void partitionIsNeverOwnedTwiceWhileItsOwnerIsSlow()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        auto a = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected ga, gb;
        QVERIFY(pollUntil(**a, ga, [&] { return (*a)->assignment().size() == 2; }));
        auto bb = b->createConsumer(groupConfig(QStringLiteral("g"))); // rebalance: one each
        QVERIFY(bb);
        auto info = b->describeGroup(QStringLiteral("g"));
        QCOMPARE(info->members.size(), size_t(2));
        // `a` does not poll: it still holds both claims, so `bb` must wait.
        for (int i = 0; i < 10; ++i) {
            pollBriefly(**bb, gb, 1);
            QVERIFY((*bb)->assignment().empty());
        }
        QCOMPARE((*a)->assignment().size(), size_t(2));
        QVERIFY(pollUntil(**bb, gb, [&] {
            pollBriefly(**a, ga, 1); // now `a` lets go of one
            return (*bb)->assignment().size() == 1;
        }));
        QCOMPARE((*a)->assignment().size(), size_t(1));
        QVERIFY(asSet((*a)->assignment()) != asSet((*bb)->assignment()));
        // A commit for a partition one does not own is refused.
        const TopicPartition theirs = (*bb)->assignment().front();
        auto refused = (*a)->commit({{theirs, 0}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
    }

    void resetOffsetsNeedsAnInactiveGroup()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 1, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 50, 1)));
        const TopicPartition tp{QStringLiteral("orders"), 0};
        auto a = b->createConsumer(groupConfig(QStringLiteral("g")));
        auto refused = b->resetGroupOffsets(QStringLiteral("g"), {{tp, 10}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY(refused.error().message.contains((*a)->memberId()));
        (*a)->close();
        auto outOfRange = b->resetGroupOffsets(QStringLiteral("g"), {{tp, 51}});
        QVERIFY(!outOfRange);
        QVERIFY(outOfRange.error().message.contains(QStringLiteral("high watermark 50")));
        QVERIFY(b->resetGroupOffsets(QStringLiteral("g"), {{tp, 10}}));
        auto c = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 40; }));
        QCOMPARE(got.records.front().offset, 10);
    }

    void describeAndListShowMembersOffsetsAndLag()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 100, 2)));
        const QString odd = QStringLiteral("billing team/#1");
        auto c = b->createConsumer(groupConfig(odd));
        QVERIFY(c);
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 100; }));
        QVERIFY((*c)->commit({{{QStringLiteral("orders"), 0}, 30}, {{QStringLiteral("orders"), 1}, 50}}));
        auto info = b->describeGroup(odd);
        QVERIFY(info);
        QCOMPARE(info->groupId, odd);
        QCOMPARE(info->state, QStringLiteral("Stable"));
        QCOMPARE(info->members.size(), size_t(1));
        QCOMPARE(info->members.front().memberId, (*c)->memberId());
        QCOMPARE(info->partitions.size(), size_t(2));
        QCOMPARE(info->partitions[0].committed, 30);
        QCOMPARE(info->partitions[0].highWatermark, 50);
        QCOMPARE(info->partitions[0].lag, 20);
        QCOMPARE(info->partitions[1].lag, 0);
        QCOMPARE(info->partitions[1].ownerMemberId, (*c)->memberId());
        (*c)->close();
        auto groups = b->listGroups();
        QVERIFY(groups);
        QCOMPARE(groups->size(), size_t(1));
        QCOMPARE(groups->front().groupId, odd);
        QCOMPARE(groups->front().state, QStringLiteral("Empty"));
        auto missing = b->describeGroup(QStringLiteral("nobody"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void manualAssignmentCommitsOnlyWhatNoMemberOwns()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 1, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 10, 1)));
        const TopicPartition tp{QStringLiteral("orders"), 0};
        auto member = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected gm;
        QVERIFY(pollUntil(**member, gm, [&] { return (*member)->assignment().size() == 1; }));
        ConsumerConfig manual;
        manual.groupId = QStringLiteral("g");
        manual.assignment = {{tp, 3}};
        auto m = b->createConsumer(manual);
        QVERIFY(m);
        Collected got;
        QVERIFY(pollUntil(**m, got, [&] { return got.records.size() >= 7; }));
        QCOMPARE(got.records.front().offset, 3);
        auto refused = (*m)->commit();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        (*member)->close();
        QVERIFY((*m)->commit());
        QCOMPARE((*m)->committed()->at(tp), 10);
    }

    void corruptOffsetFileIsReportedAndResetApplies()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 1, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 5, 1)));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("groups/g/offsets"))));
        QFile f(dir.filePath(QStringLiteral("groups/g/offsets/orders-0.offset")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"offset\": 3");
        f.close();
        auto c = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 5; }));
        QVERIFY(got.has(ConsumerEvent::Kind::Error));
        bool named = false;
        for (const auto &e : got.events)
            named = named || (e.kind == ConsumerEvent::Kind::Error && e.message.contains(f.fileName()));
        QVERIFY(named);
    }

    void memberFollowsATopicThatIsDeletedAndRecreated()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 10, 2)));
        auto c = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return got.records.size() >= 10; }));
        QVERIFY((*c)->commit());
        auto other = openLocal(dir.path()); // another "process" deletes and recreates it
        QVERIFY(other->deleteTopic(QStringLiteral("orders")));
        QVERIFY(other->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        QVERIFY(produceAll(*other, QStringLiteral("orders"), numbered(100, 4, 2)));
        Collected after;
        QVERIFY(pollUntil(**c, after, [&] { return after.records.size() >= 4; }));
        for (const Record &r : after.records)
            QVERIFY(r.value->toInt() >= 100);
        QVERIFY(after.has(ConsumerEvent::Kind::Error)); // the deletion was reported
    }

    void wakeupEndsABlockingPoll()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 1, 1, {}}));
        auto c = b->createConsumer(groupConfig(QStringLiteral("g")));
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return (*c)->assignment().size() == 1; }));
        pollBriefly(**c, got); // the Assigned event
        std::atomic<bool> returned{false};
        std::thread poller([&] {
            auto r = (*c)->poll(60000);
            returned = r.ok() && r->records.empty();
        });
        QTest::qWait(100);
        const bool early = returned.load();
        (*c)->wakeup();
        QTRY_VERIFY_WITH_TIMEOUT(returned.load(), 5000);
        poller.join();
        QVERIFY(!early);
    }

    void newRecordsEndABlockingPoll()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 1, 1, {}}));
        ConsumerConfig config = groupConfig(QStringLiteral("g"));
        config.heartbeatIntervalMs = 5000; // the periodic check cannot be what wakes it
        config.sessionTimeoutMs = 20000;
        auto c = b->createConsumer(config);
        Collected got;
        QVERIFY(pollUntil(**c, got, [&] { return (*c)->assignment().size() == 1; }));
        pollBriefly(**c, got);
        std::atomic<int> received{0};
        std::atomic<qint64> latencyMs{-1};
        QElapsedTimer clock;
        std::thread poller([&] {
            auto r = (*c)->poll(60000);
            latencyMs = clock.elapsed();
            received = r ? int(r->records.size()) : -1;
        });
        QTest::qWait(100);
        clock.start();
        QVERIFY(produceAll(*b, QStringLiteral("orders"), numbered(0, 3, 1)));
        QTRY_VERIFY_WITH_TIMEOUT(received.load() != 0, 10000);
        poller.join();
        QCOMPARE(received.load(), 3);
        qInfo("blocking poll returned %lld ms after the produce", latencyMs.load());
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerGroups)
#include "tst_logbroker_groups.moc"
