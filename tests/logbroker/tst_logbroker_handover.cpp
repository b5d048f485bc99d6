// The app's consumer runner (core/ConsumerRunner) on the real built-in broker: when a second
// member joins a group mid-stream, the first learns of the revocation while it still holds
// the partitions and commits what it processed, so nothing is read twice across the
// hand-over, even with a commit interval far longer than the test (the runner's periodic
// commit never fires: only the commit on revocation and the clean stop do). A kill still
// re-delivers exactly what the killed member had processed but not committed.

#include "LogbrokerTestSupport.h"

#include "core/ConsumerRunner.h"

#include <QTemporaryDir>
#include <QTimer>

#include <map>
#include <memory>

using namespace tidemark;
using namespace tidemark::test;

namespace {

const QString kTopic = QStringLiteral("orders");
constexpr int kPartitions = 3;

// Everything the runners reported, on the test's (GUI) thread.
struct Tally {
    std::map<std::pair<int, qint64>, int> timesProcessed;
    std::map<QString, ConsumerStatus> status; // by consumer id
    std::map<QString, std::vector<ConsumerEvent>> events;
    std::map<QString, bool> finished;

    void take(const ConsumerUpdate &u)
    {
        status[u.status.consumerId] = u.status;
        auto &ev = events[u.status.consumerId];
        ev.insert(ev.end(), u.events.begin(), u.events.end());
        for (const ConsumerUpdate::Range &r : u.processed)
            for (qint64 o = r.first; o <= r.last; ++o)
                ++timesProcessed[{r.tp.partition, o}];
        if (u.finished)
            finished[u.status.consumerId] = true;
    }
    qint64 duplicates() const
    {
        qint64 n = 0;
        for (const auto &[key, times] : timesProcessed)
            n += times - 1;
        return n;
    }
    bool logged(const QString &id, ConsumerEvent::Kind kind, const QString &text) const
    {
        auto it = events.find(id);
        if (it == events.end())
            return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](const ConsumerEvent &e) { return e.kind == kind && e.message.contains(text); });
    }
    size_t assigned(const QString &id) const
    {
        auto it = status.find(id);
        return it == status.end() ? 0 : it->second.assignment.size();
    }
};

std::vector<OutgoingRecord> orders(int from, int count)
{
    std::vector<OutgoingRecord> out;
    for (int i = from; i < from + count; ++i)
        out.push_back(keyed("user-" + QByteArray::number(i % 50), "order " + QByteArray::number(i)));
    return out;
}

qint64 totalRecords(Backend &b)
{
    qint64 n = 0;
    for (int p = 0; p < kPartitions; ++p)
        n += b.watermarks({kTopic, p}).valueOr(Watermarks{}).high;
    return n;
}

} // namespace

class TestLogbrokerHandover final : public QObject {
    Q_OBJECT

    std::unique_ptr<ConsumerRunner> startRunner(const std::shared_ptr<Backend> &backend, const QString &id,
                                                Tally &tally, int commitIntervalMs)
    {
        ConsumerStatus initial;
        initial.consumerId = id;
        initial.groupId = QStringLiteral("billing");
        initial.topics = {kTopic};
        ConsumerOptions options;
        options.commitIntervalMs = commitIntervalMs;
        options.maxRecordsPerSecond = 3000; // "processing" takes time, so a join lands mid-stream
        options.heartbeatIntervalMs = 200;
        options.sessionTimeoutMs = 6000;
        auto runner = std::make_unique<ConsumerRunner>(backend, initial, options);
        // Queued to this thread; the runner as context drops updates still queued when it goes.
        connect(runner.get(), &ConsumerRunner::updated, runner.get(),
                [&tally](const ConsumerUpdate &u) { tally.take(u); });
        runner->start();
        return runner;
    }

private slots:
    void initTestCase() { qRegisterMetaType<ConsumerUpdate>(); }

    void secondMemberJoiningMidStreamReadsNothingTwice()
    {
        QTemporaryDir dir;
        std::shared_ptr<Backend> b = openLocal(dir.path());
        QVERIFY(b->createTopic({kTopic, kPartitions, 1, {}}));
        int produced = 0;
        QVERIFY(produceAll(*b, kTopic, orders(produced, 1500)));
        produced += 1500;
        Tally tally;
        const QString one = QStringLiteral("billing #1"), two = QStringLiteral("billing #2");
        const int never = 3600 * 1000; // no periodic commit during the test
        auto first = startRunner(b, one, tally, never);
        QTRY_VERIFY_WITH_TIMEOUT(tally.timesProcessed.size() >= 400 && tally.assigned(one) == kPartitions, 20000);
        QVERIFY(!tally.logged(one, ConsumerEvent::Kind::Committed, QString())); // all processed, none committed

        // Orders keep coming while the second member joins.
        QTimer producer;
        bool produceFailed = false;
        connect(&producer, &QTimer::timeout, this, [&] {
            produceFailed = produceFailed || !produceAll(*b, kTopic, orders(produced, 20));
            produced += 20;
        });
        producer.start(20);
        auto second = startRunner(b, two, tally, never);
        QTRY_VERIFY_WITH_TIMEOUT(tally.assigned(one) + tally.assigned(two) == kPartitions && tally.assigned(two) > 0 &&
                                     tally.assigned(one) > 0,
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(produced >= 2500, 20000);
        producer.stop();
        QVERIFY(!produceFailed);
        QTRY_VERIFY_WITH_TIMEOUT(qint64(tally.timesProcessed.size()) == totalRecords(*b), 30000);

        // The first member committed its revoked partitions, and the second started there.
        QVERIFY(tally.logged(one, ConsumerEvent::Kind::Committed, QStringLiteral("partitions revoked")));
        QVERIFY(tally.logged(two, ConsumerEvent::Kind::Info, QStringLiteral("the committed offset")));
        QCOMPARE(tally.duplicates(), 0);
        QCOMPARE(qint64(tally.timesProcessed.size()), qint64(produced));

        first->requestStop(ConsumerRunner::StopMode::Clean);
        second->requestStop(ConsumerRunner::StopMode::Clean);
        QTRY_VERIFY_WITH_TIMEOUT(tally.finished[one] && tally.finished[two], 10000);
        first->wait();
        second->wait();
    }

    // A kill is different: nothing is committed, so the survivor re-reads exactly what the
    // killed member processed since its last commit (and nothing else).
    void killedMemberIsReReadFromItsLastCommit()
    {
        QTemporaryDir dir;
        std::shared_ptr<Backend> b = openLocal(dir.path());
        QVERIFY(b->createTopic({kTopic, kPartitions, 1, {}}));
        QVERIFY(produceAll(*b, kTopic, orders(0, 900)));
        Tally tally;
        const QString one = QStringLiteral("billing #1"), two = QStringLiteral("billing #2");
        const int never = 3600 * 1000;
        auto first = startRunner(b, one, tally, never);
        auto second = startRunner(b, two, tally, never);
        QTRY_VERIFY_WITH_TIMEOUT(tally.assigned(one) + tally.assigned(two) == kPartitions && tally.assigned(two) > 0 &&
                                     tally.assigned(one) > 0 && qint64(tally.timesProcessed.size()) == 900,
                                 30000);
        QCOMPARE(tally.duplicates(), 0); // the hand-over while both joined
        // New orders for both; none of them is committed (no periodic commit).
        QVERIFY(produceAll(*b, kTopic, orders(900, 300)));
        QTRY_VERIFY_WITH_TIMEOUT(qint64(tally.timesProcessed.size()) == 1200, 30000);
        // Kill #2: what it processed since its last commit (here: everything since it got its
        // partitions, minus what it committed on revocations) is read again by #1.
        const auto victim = tally.status[two];
        qint64 uncommitted = 0;
        for (const TopicPartition &tp : victim.assignment) {
            const qint64 done = victim.positions.count(tp) ? victim.positions.at(tp) : 0;
            const qint64 committed = b->describeGroup(QStringLiteral("billing"))
                                         .value()
                                         .partitions.at(static_cast<size_t>(tp.partition))
                                         .committed;
            uncommitted += done - std::max<qint64>(committed, 0);
        }
        QVERIFY(uncommitted > 0);
        second->requestStop(ConsumerRunner::StopMode::Kill);
        QTRY_VERIFY_WITH_TIMEOUT(tally.finished[two], 10000);
        second->wait();
        QTRY_VERIFY_WITH_TIMEOUT(tally.assigned(one) == kPartitions && tally.duplicates() == uncommitted, 20000);
        QCOMPARE(tally.duplicates(), uncommitted);
        first->requestStop(ConsumerRunner::StopMode::Clean);
        QTRY_VERIFY_WITH_TIMEOUT(tally.finished[one], 10000);
        first->wait();
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerHandover)
#include "tst_logbroker_handover.moc"
