// Who is who in a consumer group, on the real built-in broker with the app's consumers: the
// timeline's lane headers and markers and the Events lines name group members as the learner
// knows them ("billing #3", "billing #1 (before its restart)", "billing #4 (from an earlier
// run)"), never a stopped consumer that owns nothing and never a client id or member UUID.
// Checked through the timeline model's frame (what the lane headers and markers are drawn
// from) and the Events pane's lines.

#include "ForwardingBackend.h"
#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "core/MemberNames.h"
#include "core/timeline/TimelineModel.h"
#include "logbroker/GroupDirectory.h"
#include "logbroker/LogStore.h"
#include "ui/Language.h"
#include "ui/models/EventLogModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/timeline/TimelineCanvas.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QLabel>
#include <QMutex>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QWaitCondition>

#include <atomic>

#include <map>
#include <set>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");

ConsumerOptions longSessions()
{
    ConsumerOptions options = test::fastConsumerOptions();
    // A killed member keeps its partitions this long: the checks run during the countdown.
    options.sessionTimeoutMs = 60'000;
    return options;
}

// Ends the session of `memberId`, a member of kGroup that was killed (its lease left behind,
// unlocked), now rather than when its timeout runs out on the clock: the built-in broker takes
// a member's last heartbeat from its lease file's modification time (logbroker/GroupDirectory.h),
// so a lease dated an hour back has expired at the group's next look. Lets a test check what
// holds during a long session, on any machine, and still see the session end. Where the
// group's leases are and what they hold is read with the broker's own GroupDirectory and
// MemberLease, so a change of their format cannot leave this silently finding nothing. (Not
// GroupDirectory::probe(): it takes the lease's lock for a moment, and the app's broker, probing
// at the same time, would then see the killed member alive.) False if not found.
bool endSessionOf(const QString &dataDir, const QString &memberId)
{
    auto store = logbroker::LogStore::open(dataDir);
    if (!store)
        return false;
    const logbroker::GroupDirectory group((*store)->groupsDirectory(), kGroup);
    for (const QString &file : group.leaseFiles()) {
        QFile lease(group.membersPath() + QLatin1Char('/') + file);
        if (!lease.open(QIODevice::ReadOnly))
            continue;
        const auto read = logbroker::MemberLease::fromJson(lease.readAll());
        if (!read || read->memberId != memberId)
            continue;
        return lease.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime);
    }
    return false;
}

ConsumerStatus statusOf(MainWindow &w, const QString &id)
{
    return w.consumerManager()->status(id).value_or(ConsumerStatus{});
}

// Every one of `ids` runs with partitions of its own, and together they hold all three.
bool settled(MainWindow &w, const QStringList &ids)
{
    std::set<TopicPartition> held;
    size_t count = 0;
    for (const QString &id : ids) {
        const ConsumerStatus s = statusOf(w, id);
        if (s.state != ConsumerStatus::State::Running || s.assignment.empty())
            return false;
        held.insert(s.assignment.begin(), s.assignment.end());
        count += s.assignment.size();
    }
    return held.size() == 3 && count == 3;
}

LaneOwner laneOwner(MainWindow &w, int partition)
{
    TimelineModel &model = *w.timeline()->model();
    const int lane = model.laneOfPartition(partition);
    if (lane < 0)
        return {};
    return model.frame(model.now()).lanes[size_t(lane)].owner;
}

QString ownersText(MainWindow &w)
{
    QStringList out;
    for (int p = 0; p < 3; ++p) {
        const LaneOwner o = laneOwner(w, p);
        out << QStringLiteral("P%1: '%2' (%3)").arg(p).arg(o.label, QLatin1String(o.active ? "active" : "inactive"));
    }
    for (const ConsumerStatus &s : w.consumerManager()->statuses()) {
        QStringList parts;
        for (const TopicPartition &tp : s.assignment)
            parts << tp.toString();
        out << QStringLiteral("%1 %2 [%3]").arg(s.consumerId, consumerStateName(s.state), parts.join(QLatin1Char(' ')));
    }
    TimelineModel &model = *w.timeline()->model();
    for (const TimelineMarker &m : model.frame(model.now()).markers)
        if (m.kind == TimelineMarker::Kind::Committed)
            out << QStringLiteral("committed P%1 %2 owner '%3'").arg(m.partition).arg(m.offset).arg(m.ownerLabel);
    const EventLogModel *events = w.eventsPane()->model();
    for (int i = 0; i < events->rowCount(); ++i)
        out << events->entryAt(i).source + QStringLiteral(": ") + events->entryAt(i).message;
    return out.join(QStringLiteral("\n"));
}

// Whether a lane header or a committed marker's owner names someone with `text`.
bool drawnNamesMention(MainWindow &w, const QString &text)
{
    TimelineModel &model = *w.timeline()->model();
    const TimelineFrame frame = model.frame(model.now());
    for (const TimelineLaneFrame &lane : frame.lanes)
        if (lane.owner.label.contains(text))
            return true;
    for (const TimelineMarker &m : frame.markers)
        if (m.ownerLabel.contains(text))
            return true;
    return false;
}

void createOrders(Backend &backend)
{
    QVERIFY(backend.createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
    std::vector<OutgoingRecord> records;
    for (int i = 0; i < 30; ++i) {
        OutgoingRecord r;
        r.key = QByteArray::number(i);
        r.value = QByteArray("{}");
        r.partition = i % 3;
        records.push_back(r);
    }
    QVERIFY(backend.produce(kTopic, records, {}).ok());
}

// The window shown and connected to its built-in broker, the orders written, and (unless the
// test first needs the topic unselected) the topic selected, as each test below begins.
void openOrders(test::LocalApp &app, bool select = true)
{
    QVERIFY(app.showAndConnect());
    createOrders(app.backend());
    if (QTest::currentTestFailed() || !select)
        return;
    app.window->topicBrowser()->selectTopic(kTopic);
    QTRY_COMPARE(app.window->selectedTopic(), kTopic);
}

// A member of billing that is not one of the app's consumers (another program's, or one of an
// earlier run), named `clientId`: polled until it owns all three partitions, then gone without
// leaving (kill -9, or the app closed by force). `member` keeps it, abandoned, to the test's end.
void vanishedOwnerOfAll(test::LocalApp &app, const QString &clientId, int sessionTimeoutMs,
                        std::unique_ptr<Consumer> &member)
{
    ConsumerConfig config;
    config.groupId = kGroup;
    config.topics = {kTopic};
    config.clientId = clientId;
    config.sessionTimeoutMs = sessionTimeoutMs;
    auto created = app.backend().createConsumer(config);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().toString()));
    member = std::move(*created);
    QVERIFY(QTest::qWaitFor(
        [&] {
            auto polled = member->poll(50);
            return polled.ok() && member->assignment().size() == 3;
        },
        20000));
    member->abandon();
}

// The real built-in broker, with one interleaving made certain: billing #2's poll that a stop
// interrupts goes on to look at the group once more after billing #1 has left (on a busy
// machine it may: the poll was between two looks at the group when the stop came).
class LateLookBackend final : public test::ForwardingBackend {
public:
    using ForwardingBackend::ForwardingBackend;

    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        auto created = inner().createConsumer(config);
        if (!created)
            return created.error();
        const QString consumer = consumerIdOfMember(kGroup, config.clientId);
        const int role = consumer == QStringLiteral("billing #1")   ? 1
                         : consumer == QStringLiteral("billing #2") ? 2
                                                                    : 0;
        return std::unique_ptr<Consumer>(std::make_unique<Gated>(std::move(*created), m_shared, role));
    }

    int lateLooks() const { return m_shared->lateLooks.load(); }

private:
    struct Shared {
        QMutex mutex;
        QWaitCondition firstLeft;
        bool left = false; // billing #1 closed (guarded by mutex)
        std::atomic<int> lateLooks{0};
    };
    class Gated final : public Consumer {
    public:
        Gated(std::unique_ptr<Consumer> inner, std::shared_ptr<Shared> shared, int role)
            : m_inner(std::move(inner)), m_shared(std::move(shared)), m_role(role)
        {}
        Result<PollResult> poll(int timeoutMs) override
        {
            auto out = m_inner->poll(timeoutMs);
            if (m_role != 2 || !m_woken.load() || !out)
                return out;
            {
                QMutexLocker lock(&m_shared->mutex);
                QDeadlineTimer deadline(20000);
                while (!m_shared->left && m_shared->firstLeft.wait(&m_shared->mutex, deadline)) {
                }
                if (!m_shared->left)
                    return out;
            }
            ++m_shared->lateLooks;
            // The same poll looks at the group again: billing #1 has left meanwhile.
            auto again = m_inner->poll(500);
            if (!again)
                return again;
            for (ConsumerEvent &e : again->events)
                out->events.push_back(std::move(e));
            for (Record &r : again->records)
                out->records.push_back(std::move(r));
            return out;
        }
        Status commit() override { return m_inner->commit(); }
        Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
        {
            return m_inner->commit(offsets);
        }
        std::vector<TopicPartition> assignment() const override { return m_inner->assignment(); }
        std::optional<qint64> position(const TopicPartition &tp) const override { return m_inner->position(tp); }
        Result<std::map<TopicPartition, qint64>> committed() override { return m_inner->committed(); }
        Status seek(const TopicPartition &tp, qint64 offset) override { return m_inner->seek(tp, offset); }
        QString memberId() const override { return m_inner->memberId(); }
        int generation() const override { return m_inner->generation(); }
        void wakeup() override
        {
            m_woken = true;
            m_inner->wakeup();
        }
        void close() override
        {
            m_inner->close();
            if (m_role == 1) {
                QMutexLocker lock(&m_shared->mutex);
                m_shared->left = true;
                m_shared->firstLeft.wakeAll();
            }
        }
        void abandon() override { m_inner->abandon(); }

    private:
        std::unique_ptr<Consumer> m_inner;
        std::shared_ptr<Shared> m_shared;
        const int m_role; // 1: billing #1, 2: billing #2, 0: another
        std::atomic<bool> m_woken{false};
    };
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
};

// The real built-in broker, with one interleaving made certain: when the group is stopped,
// billing #1's wakeup does not return before billing #2 has taken billing #1's partitions over
// after it left, or has stopped too. On 2 cores a woken member
// often runs before the waker's next line: so it was when the stop woke billing #1 before
// billing #2 knew it was leaving (2 of 30 runs of stoppingTheGroupStopsItsMembersTogether
// under load).
class WokenFirstBackend final : public test::ForwardingBackend {
public:
    using ForwardingBackend::ForwardingBackend;

    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        auto created = inner().createConsumer(config);
        if (!created)
            return created.error();
        const QString consumer = consumerIdOfMember(kGroup, config.clientId);
        const int role = consumer == QStringLiteral("billing #1")   ? 1
                         : consumer == QStringLiteral("billing #2") ? 2
                                                                    : 0;
        return std::unique_ptr<Consumer>(std::make_unique<Gated>(std::move(*created), m_shared, role));
    }

    // From now on, billing #1's first wakeup waits as said above.
    void arm() { m_shared->armed = true; }
    // Whether billing #2 took the partitions over after billing #1 had left, or closed, before
    // billing #1's wakeup returned: the interleaving happened.
    bool interleaved() const { return m_shared->interleaved.load(); }

private:
    struct Shared {
        std::atomic<bool> armed{false};
        std::atomic<bool> interleaved{false};
        QMutex mutex;
        QWaitCondition changed;
        bool firstLeft = false;  // guarded by mutex
        bool secondDone = false; // took billing #1's partitions over after it left, or closed (guarded by mutex)
    };
    class Gated final : public Consumer {
    public:
        Gated(std::unique_ptr<Consumer> inner, std::shared_ptr<Shared> shared, int role)
            : m_inner(std::move(inner)), m_shared(std::move(shared)), m_role(role)
        {}
        Result<PollResult> poll(int timeoutMs) override
        {
            auto out = m_inner->poll(timeoutMs);
            if (m_role == 2 && m_inner->assignment().size() == 3)
                noteSecondDone(true);
            return out;
        }
        Status commit() override { return m_inner->commit(); }
        Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
        {
            return m_inner->commit(offsets);
        }
        std::vector<TopicPartition> assignment() const override { return m_inner->assignment(); }
        std::optional<qint64> position(const TopicPartition &tp) const override { return m_inner->position(tp); }
        Result<std::map<TopicPartition, qint64>> committed() override { return m_inner->committed(); }
        Status seek(const TopicPartition &tp, qint64 offset) override { return m_inner->seek(tp, offset); }
        QString memberId() const override { return m_inner->memberId(); }
        int generation() const override { return m_inner->generation(); }
        void wakeup() override
        {
            m_inner->wakeup();
            if (m_role != 1 || !m_shared->armed.exchange(false))
                return;
            QMutexLocker lock(&m_shared->mutex);
            QDeadlineTimer deadline(20000);
            while (!m_shared->secondDone && m_shared->changed.wait(&m_shared->mutex, deadline)) {
            }
            m_shared->interleaved = m_shared->secondDone;
        }
        void close() override
        {
            m_inner->close();
            if (m_role == 1) {
                QMutexLocker lock(&m_shared->mutex);
                m_shared->firstLeft = true;
                m_shared->changed.wakeAll();
            } else if (m_role == 2) {
                noteSecondDone(false);
            }
        }
        void abandon() override { m_inner->abandon(); }

    private:
        void noteSecondDone(bool tookOver)
        {
            QMutexLocker lock(&m_shared->mutex);
            if (tookOver && !m_shared->firstLeft)
                return;
            m_shared->secondDone = true;
            m_shared->changed.wakeAll();
        }

        std::unique_ptr<Consumer> m_inner;
        std::shared_ptr<Shared> m_shared;
        const int m_role; // 1: billing #1, 2: billing #2, 0: another
    };
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
};

// The real built-in broker; the app's `held` consumer (by its client id, of any run) is not
// created until release(): it stays "starting", a consumer of this run that has no member id
// yet, for as long as a test needs.
class HeldBackend final : public test::ForwardingBackend {
public:
    HeldBackend(std::shared_ptr<Backend> inner, QString held)
        : ForwardingBackend(std::move(inner)), m_held(std::move(held))
    {}
    ~HeldBackend() override { release(); }

    Result<std::unique_ptr<Consumer>> createConsumer(const ConsumerConfig &config) override
    {
        if (consumerIdOfMember(config.groupId, config.clientId) == m_held) {
            QMutexLocker lock(&m_mutex);
            QDeadlineTimer deadline(60000);
            while (!m_released && m_releasedChanged.wait(&m_mutex, deadline)) {
            }
        }
        return inner().createConsumer(config);
    }
    void release()
    {
        QMutexLocker lock(&m_mutex);
        m_released = true;
        m_releasedChanged.wakeAll();
    }

private:
    const QString m_held;
    QMutex m_mutex;
    QWaitCondition m_releasedChanged;
    bool m_released = false; // guarded by m_mutex
};

} // namespace

class TestMemberNames final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    // The in-app consumer a member id or client id stands for, in its own group only.
    void consumerIdOfMember_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("memberOrClientId");
        QTest::addColumn<QString>("consumerId");
        const QString uuid = QStringLiteral("-578371d7-de9a-4452-8b95-2a062aca55a5");
        QTest::newRow("member") << kGroup << QStringLiteral("tidemark-billing--4") + uuid
                                << QStringLiteral("billing #4");
        QTest::newRow("client") << kGroup << QStringLiteral("tidemark-billing--4") << QStringLiteral("billing #4");
        QTest::newRow("member of a run") << kGroup << QStringLiteral("tidemark-billing--4.k3x9") + uuid
                                         << QStringLiteral("billing #4");
        QTest::newRow("client of a run") << kGroup << QStringLiteral("tidemark-billing--4.k3x9")
                                         << QStringLiteral("billing #4");
        QTest::newRow("empty run token") << kGroup << QStringLiteral("tidemark-billing--4.") + uuid << QString();
        QTest::newRow("two digits") << kGroup << QStringLiteral("tidemark-billing--12") + uuid
                                    << QStringLiteral("billing #12");
        QTest::newRow("another group") << kGroup << QStringLiteral("tidemark-billing-eu--2") + uuid << QString();
        QTest::newRow("its group") << QStringLiteral("billing-eu") << QStringLiteral("tidemark-billing-eu--2") + uuid
                                   << QStringLiteral("billing-eu #2");
        QTest::newRow("no number") << kGroup << QStringLiteral("tidemark-billing--") + uuid << QString();
        QTest::newRow("not a number") << kGroup << QStringLiteral("tidemark-billing--4x") << QString();
        QTest::newRow("another client") << kGroup << QStringLiteral("rdkafka") + uuid << QString();
        QTest::newRow("the cli") << kGroup << QStringLiteral("tidemark-cli") + uuid << QString();
        QTest::newRow("round trip") << QStringLiteral("счета 2")
                                    << consumerClientId(QStringLiteral("счета 2 #3")) + uuid
                                    << QStringLiteral("счета 2 #3");
    }
    void consumerIdOfMember()
    {
        QFETCH(QString, group);
        QFETCH(QString, memberOrClientId);
        QFETCH(QString, consumerId);
        QCOMPARE(tidemark::consumerIdOfMember(group, memberOrClientId), consumerId);
    }

    // Another program's member is named by its client id, read from its member id when the
    // group's description is not at hand: never its UUID.
    void memberOfAnotherProgram_data()
    {
        QTest::addColumn<QString>("memberId");
        QTest::addColumn<QString>("shown");
        const QString uuid = QStringLiteral("-27758c1e-2698-4303-8d30-f8ff609af41e");
        QTest::newRow("the cli") << QStringLiteral("tidemark-cli") + uuid << QStringLiteral("tidemark-cli");
        QTest::newRow("kafka's java client")
            << QStringLiteral("consumer-billing-1") + uuid << QStringLiteral("consumer-billing-1");
        QTest::newRow("upper-case uuid") << QStringLiteral("rdkafka") + uuid.toUpper() << QStringLiteral("rdkafka");
        QTest::newRow("no uuid") << QStringLiteral("kcat") << QStringLiteral("kcat");
        QTest::newRow("a uuid alone") << uuid.mid(1) << uuid.mid(1);
        QTest::newRow("not a uuid") << QStringLiteral("tidemark-cli-27758c1e-2698-4303-8d30-f8ff609af41g")
                                    << QStringLiteral("tidemark-cli-27758c1e-2698-4303-8d30-f8ff609af41g");
        QTest::newRow("an earlier run's")
            << QStringLiteral("tidemark-billing--4.k3x9") + uuid << QStringLiteral("billing #4 (from an earlier run)");
    }
    void memberOfAnotherProgram()
    {
        QFETCH(QString, memberId);
        QFETCH(QString, shown);
        QCOMPARE(memberDisplayName({}, kGroup, memberId), shown);
    }

    // The lesson's "start it again" after a reset: billing #1 and #2 stay in the list, stopped;
    // billing #3 and #4 read. Killing #3, its lanes are headed "billing #3", greyed, while
    // its session counts down: a stopped consumer owns nothing, whatever it held before it
    // stopped.
    void aKilledMembersLanesNameItNotAStoppedOne()
    {
        test::LocalApp app(QSize(1024, 700), longSessions());
        MainWindow &w = *app.window;
        openOrders(app);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager &consumers = *w.consumerManager();

        const QStringList first = consumers.startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(first.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, first), 20000);
        for (const QString &id : first)
            QVERIFY(consumers.stop(id));
        for (const QString &id : first)
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, id).state, ConsumerStatus::State::Stopped, 20000);

        const QStringList again = consumers.startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(again, QStringList({QStringLiteral("billing #3"), QStringLiteral("billing #4")}));
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, again), 20000);
        const std::vector<TopicPartition> kept = statusOf(w, again[0]).assignment;
        QVERIFY(consumers.kill(again[0]));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, again[0]).state, ConsumerStatus::State::Killed, 20000);
        QVERIFY(statusOf(w, again[0]).holdsPartitions());

        for (const TopicPartition &tp : kept) {
            if (!QTest::qWaitFor([&] { return laneOwner(w, tp.partition).key == again[0]; }, 20000)) {
                qInfo().noquote() << ownersText(w);
                QFAIL("the killed member's lane is not headed by it");
            }
            const LaneOwner owner = laneOwner(w, tp.partition);
            QCOMPARE(owner.label, again[0]);
            QVERIFY2(!owner.active, qPrintable(ownersText(w))); // greyed: killed
        }
        // Still in its session (the takeover has not happened): the check above saw the countdown.
        QVERIFY2(statusOf(w, again[0]).holdsPartitions(), qPrintable(ownersText(w)));
    }

    // Issue 14's "too soon": billing #1 is killed and started again before its session ran out.
    // For the rest of that session its killed membership still holds its partitions (the
    // restarted one is joining and owns nothing yet): their lanes are headed "billing #1
    // (before its restart)", greyed, never "billing #1" in the active colour nor a client id;
    // the takeover when the session runs out is told with that name, never with a member UUID.
    // The session is long (the checks run within it however slow the machine) and the test
    // ends it when they are done (endSessionOf).
    void aRestartedConsumersEarlierMembershipIsNamedAfterIt()
    {
        test::LocalApp app(QSize(1024, 700), longSessions());
        MainWindow &w = *app.window;
        openOrders(app);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager &consumers = *w.consumerManager();
        const QStringList ids = consumers.startGroup(kGroup, {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, ids), 20000);
        const QString one = ids[0];
        const std::vector<TopicPartition> kept = statusOf(w, one).assignment;
        QVERIFY(consumers.kill(one));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, one).state, ConsumerStatus::State::Killed, 20000);
        QVERIFY(consumers.restart(one));
        QCOMPARE(statusOf(w, one).state, ConsumerStatus::State::Starting);

        const QString earlier = QStringLiteral("billing #1 (before its restart)");
        for (const TopicPartition &tp : kept) {
            if (!QTest::qWaitFor([&] { return laneOwner(w, tp.partition).label == earlier; }, 5000)) {
                qInfo().noquote() << ownersText(w);
                QFAIL("the lane of a partition the killed membership keeps is not named after it");
            }
        }
        // The session still runs: nobody reads them; the restarted billing #1 owns none of them.
        const ConsumerStatus restarted = statusOf(w, one);
        for (const TopicPartition &tp : kept) {
            QVERIFY2(
                std::find(restarted.assignment.begin(), restarted.assignment.end(), tp) == restarted.assignment.end(),
                qPrintable(QStringLiteral("the restarted billing #1 reads %1 during the session").arg(tp.toString())));
            const LaneOwner owner = laneOwner(w, tp.partition);
            QVERIFY2(!owner.active, qPrintable(ownersText(w)));
        }
        QVERIFY2(!drawnNamesMention(w, QStringLiteral("tidemark-")), qPrintable(ownersText(w)));
        QVERIFY(!test::eventLogged(w, QStringLiteral("over from ")));

        // The session runs out: the group hands the partitions over, told with the same name.
        QCOMPARE(restarted.earlierMemberIds.size(), 1);
        QVERIFY(endSessionOf(app.dataDir.path(), restarted.earlierMemberIds.front()));
        if (!QTest::qWaitFor([&] { return test::eventLogged(w, QStringLiteral("over from ") + earlier); }, 30000)) {
            qInfo().noquote() << ownersText(w);
            QFAIL("no takeover from the earlier membership was told by its name");
        }
        QVERIFY2(!test::eventLogged(w, QStringLiteral("tidemark-billing")), qPrintable(ownersText(w)));
    }

    // While a restarted consumer's earlier membership holds lanes, at 1024x700 (the lane header
    // column is 112 px), in English and Russian: the header names it whole or in its brief
    // form ("billing #1 (old)"), never cut ("billing #1 (be…"), inside the header column, the
    // whole name kept for the hover card; its committed marker's label names the group once
    // ("billing #1 (before its restart) · 10", not "billing · billing #1 (before ...) · 10").
    void anEarlierMembershipsLaneHeaderAndMarkerAreReadable_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ru") << QStringLiteral("ru");
    }
    void anEarlierMembershipsLaneHeaderAndMarkerAreReadable()
    {
        QFETCH(QString, language);
        Q_INIT_RESOURCE(tidemark_resources_translations);
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        test::LocalApp app(QSize(1024, 700), longSessions(), false, language);
        MainWindow &w = *app.window;
        openOrders(app);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager &consumers = *w.consumerManager();
        const QStringList ids = consumers.startGroup(kGroup, {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, ids), 20000);
        const QString one = ids[0];
        // Something committed, so the committed markers are drawn with their owners.
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(w, one).committed.size() == statusOf(w, one).assignment.size(), 20000);
        const std::vector<TopicPartition> kept = statusOf(w, one).assignment;
        QVERIFY(consumers.kill(one));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, one).state, ConsumerStatus::State::Killed, 20000);
        QVERIFY(consumers.restart(one));

        const QString earlier =
            memberDisplayName({statusOf(w, one)}, kGroup, statusOf(w, one).earlierMemberIds.value(0));
        const QString brief = briefEarlierMemberName(one);
        if (language == QLatin1String("ru")) {
            QVERIFY2(!earlier.contains(QStringLiteral("before")), qPrintable(earlier));
            QVERIFY2(!brief.contains(QStringLiteral("old")), qPrintable(brief));
        }
        TimelineCanvas *canvas = w.timeline()->canvas();
        const auto drawnWell = [&](QString *why) {
            canvas->repaint();
            for (const TopicPartition &tp : kept) {
                const int lane = w.timeline()->model()->laneOfPartition(tp.partition);
                if (laneOwner(w, tp.partition).label != earlier) {
                    *why = QStringLiteral("P%1 not headed by the earlier membership").arg(tp.partition);
                    return false;
                }
                const auto &headers = canvas->laneHeaders();
                const auto h = std::find_if(headers.begin(), headers.end(),
                                            [&](const TimelineLaneHeader &x) { return x.lane == lane; });
                if (h == headers.end()) {
                    *why = QStringLiteral("P%1: no header drawn").arg(tp.partition);
                    return false;
                }
                if ((h->text != earlier && h->text != brief) || h->whole != earlier ||
                    h->rect.right() >= canvas->plotRect().left()) {
                    *why = QStringLiteral("P%1 header '%2' (whole '%3') at %4..%5, the plot from %6")
                               .arg(tp.partition)
                               .arg(h->text, h->whole)
                               .arg(h->rect.left())
                               .arg(h->rect.right())
                               .arg(canvas->plotRect().left());
                    return false;
                }
            }
            // The committed marker of a lane it holds is labelled with its name (once the group's
            // owners are known), the group said once.
            bool named = false;
            for (const TimelineMarkerLabel &l : canvas->markerLabels()) {
                if (l.kind != TimelineMarker::Kind::Committed || !l.text.contains(earlier))
                    continue;
                named = true;
                if (!l.text.startsWith(earlier + QStringLiteral(" · "))) {
                    *why = QStringLiteral("committed label '%1'").arg(l.text);
                    return false;
                }
            }
            if (!named)
                *why = QStringLiteral("no committed label names the earlier membership");
            return named;
        };
        QString why;
        if (!QTest::qWaitFor([&] { return drawnWell(&why); }, 10000)) {
            qInfo().noquote() << ownersText(w);
            for (const TimelineMarkerLabel &l : canvas->markerLabels())
                qInfo().noquote() << "label" << l.lane << l.text;
            QFAIL(qPrintable(why));
        }
        // All of it within the session (60 s): the restarted billing #1 reads none of them yet.
        const ConsumerStatus restarted = statusOf(w, one);
        for (const TopicPartition &tp : kept)
            QVERIFY2(
                std::find(restarted.assignment.begin(), restarted.assignment.end(), tp) == restarted.assignment.end(),
                qPrintable(QStringLiteral("the restarted billing #1 reads %1 during the session").arg(tp.toString())));
    }

    // After an app restart, a member the app's previous run left behind (killed, as when the
    // app was closed by force) is "billing #4 (from an earlier run)": on its lanes while it
    // keeps them and in the takeover line when its session runs out, never its member UUID.
    void aMemberFromAnEarlierRunIsNamedAsTheAppNamedIt()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        MainWindow &w = *app.window;
        openOrders(app, false);
        if (QTest::currentTestFailed())
            return;
        // The earlier run's billing #4, as that run's app made it: its client id, its group; that
        // run ended without leaving the group.
        std::unique_ptr<Consumer> earlierRun;
        vanishedOwnerOfAll(app, QStringLiteral("tidemark-billing--4"), 5000, earlierRun);
        if (QTest::currentTestFailed())
            return;

        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        const QString one = w.consumerManager()->start(kGroup, {kTopic});
        QCOMPARE(one, QStringLiteral("billing #1"));
        const QString earlier = QStringLiteral("billing #4 (from an earlier run)");
        // Until its session runs out it keeps them: its lanes say whose they are (they said
        // "billing #1", the joining one's name, through the whole countdown).
        if (!QTest::qWaitFor([&] { return laneOwner(w, 0).label == earlier || test::eventLogged(w, earlier); },
                             20000)) {
            qInfo().noquote() << ownersText(w);
            QFAIL("the earlier run's member is not named as the app named it");
        }
        if (!QTest::qWaitFor([&] { return test::eventLogged(w, QStringLiteral("over from ") + earlier); }, 30000)) {
            qInfo().noquote() << ownersText(w);
            QFAIL("the takeover from the earlier run's member was not told by its name");
        }
        QVERIFY2(!test::eventLogged(w, QStringLiteral("tidemark-billing")), qPrintable(ownersText(w)));
        QVERIFY2(!drawnNamesMention(w, QStringLiteral("tidemark-")), qPrintable(ownersText(w)));
    }

    // The reviewer's F12: a member of another program (`tidemark-cli consume --group billing`)
    // dies holding partitions, and one of the app's consumers takes them over. The Consumers
    // hint and Events name it by its client id, as its lanes do ("tidemark-cli"), never by its
    // member id: "… over from member tidemark-cli-27758c1e-2698-4303-8d30-f8ff609af41e" pushed
    // the takeover's cost out of the hint's two lines. English and Russian.
    void anotherProgramsMemberIsNamedByItsClientId_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ru") << QStringLiteral("ru");
    }
    void anotherProgramsMemberIsNamedByItsClientId()
    {
        QFETCH(QString, language);
        Q_INIT_RESOURCE(tidemark_resources_translations);
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), false, language);
        MainWindow &w = *app.window;
        openOrders(app);
        if (QTest::currentTestFailed())
            return;
        std::unique_ptr<Consumer> cli; // killed with kill -9: no commit, no leave
        vanishedOwnerOfAll(app, QStringLiteral("tidemark-cli"), 1000, cli);
        if (QTest::currentTestFailed())
            return;
        const QString memberId = cli->memberId();
        QVERIFY2(memberId.startsWith(QStringLiteral("tidemark-cli-")), qPrintable(memberId));

        ConsumerManager &consumers = *w.consumerManager();
        const QString one = consumers.start(kGroup, {kTopic});
        QTRY_VERIFY2_WITH_TIMEOUT(consumers.latestMoment(kGroup).kind == GroupMoment::Kind::TakenOver,
                                  qPrintable(ownersText(w)), 20000);
        const QString hint = w.consumersPanel()->hintText();
        const QString from =
            language == QLatin1String("ru") ? QStringLiteral(" у tidemark-cli") : QStringLiteral(" from tidemark-cli");
        QVERIFY2(hint.startsWith(one) && hint.contains(from + QStringLiteral(":")), qPrintable(hint));
        // The UUID, or any part of it, nowhere in what the learner reads.
        const QString uuid = memberId.mid(QStringLiteral("tidemark-cli-").size());
        QVERIFY2(!hint.contains(uuid.left(8)), qPrintable(hint));
        QVERIFY2(
            test::eventLogged(w, from + (language == QLatin1String("ru") ? QStringLiteral(":") : QStringLiteral(","))),
            qPrintable(ownersText(w)));
        QVERIFY2(!test::eventLogged(w, uuid.left(8)), qPrintable(ownersText(w)));
        QVERIFY2(!drawnNamesMention(w, uuid.left(8)), qPrintable(ownersText(w)));
    }

    // The app was closed by force and started again: the new run numbers its consumers from
    // #1 again while the group still lists the earlier run's billing #1 and #2 until their
    // session expires. The two runs' members never pass for each other: the earlier ones'
    // lanes, the takeover lines and the Consumers hint say "billing #2 (from an earlier run)",
    // never "billing #1 took orders[2] over from billing #2" while this run's billing #2 is
    // starting (a consumer that had not reported its member id yet was taken for any member
    // with its number). This run's billing #2 is held in "starting" (HeldBackend) so that
    // moment lasts. Rows: that run's client ids without a run token (before runs had one) and
    // with another run's token.
    void aNewRunsConsumerIsNotTheEarlierRunsOfTheSameNumber_data()
    {
        QTest::addColumn<QString>("earlierRun");
        QTest::newRow("no token") << QString();
        QTest::newRow("another run") << QStringLiteral("early");
    }
    void aNewRunsConsumerIsNotTheEarlierRunsOfTheSameNumber()
    {
        QFETCH(QString, earlierRun);
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        MainWindow &w = *app.window;
        openOrders(app, false);
        if (QTest::currentTestFailed())
            return;
        auto held = std::make_shared<HeldBackend>(app.window->asyncBackend()->backend(), QStringLiteral("billing #2"));
        const auto releaseAtTheEnd = qScopeGuard([&] { held->release(); }); // its runner can end
        std::vector<std::unique_ptr<Consumer>> earlierMembers;
        for (const QString &id : {QStringLiteral("billing #1"), QStringLiteral("billing #2")}) {
            ConsumerConfig config;
            config.groupId = kGroup;
            config.topics = {kTopic};
            config.clientId = consumerClientId(id, earlierRun);
            config.sessionTimeoutMs = 5000;
            auto created = app.backend().createConsumer(config);
            QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().toString()));
            earlierMembers.push_back(std::move(*created));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                size_t held = 0;
                for (auto &m : earlierMembers) {
                    if (!m->poll(50).ok() || m->assignment().empty())
                        return false;
                    held += m->assignment().size();
                }
                return held == 3;
            },
            20000));
        for (auto &m : earlierMembers)
            m->abandon(); // the app was closed by force: no leave

        ConsumerManager &consumers = *w.consumerManager();
        consumers.setBackend(held);
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QCOMPARE(consumers.startGroup(kGroup, {kTopic}, 2),
                 QStringList({QStringLiteral("billing #1"), QStringLiteral("billing #2")}));
        const QString one = QStringLiteral("billing #1");
        const QString two = QStringLiteral("billing #2");
        // Readable in Kafka's tools, with its run.
        QVERIFY2(statusOf(w, one).clientId.startsWith(QStringLiteral("tidemark-billing--1.")),
                 qPrintable(statusOf(w, one).clientId));
        const QStringList earlier{one + QStringLiteral(" (from an earlier run)"),
                                  two + QStringLiteral(" (from an earlier run)")};
        // The whole line (the label may show it cut to two lines, whole in its tooltip).
        const auto hint = [&] { return w.consumersPanel()->hintText(); };
        // What is told must never take an earlier member for this run's consumer of its number.
        QStringList confusions;
        const auto look = [&] {
            const EventLogModel *events = w.eventsPane()->model();
            QStringList told{QStringLiteral("hint: ") + hint()};
            for (int i = 0; i < events->rowCount(); ++i)
                told << QStringLiteral("event: ") + events->entryAt(i).message;
            for (const QString &line : told)
                for (const QString &id : {one, two})
                    if (line.contains(QStringLiteral("from ") + id) &&
                        !line.contains(QStringLiteral("from ") + id + QStringLiteral(" (")))
                        confusions << line;
            confusions.removeDuplicates();
        };
        // Until their session runs out they keep their partitions: the lanes say whose they are
        // (while billing #2 was starting, they said "billing #2").
        const auto earlierOnLanes = [&] {
            QStringList drawn;
            for (int p = 0; p < 3; ++p)
                drawn << laneOwner(w, p).label;
            return drawn.count(earlier[0]) > 0 && drawn.count(earlier[1]) > 0 &&
                   drawn.count(earlier[0]) + drawn.count(earlier[1]) == 3;
        };
        if (!QTest::qWaitFor(
                [&] {
                    look();
                    return earlierOnLanes();
                },
                20000)) {
            qInfo().noquote() << ownersText(w);
            QFAIL("the earlier run's members hold the lanes and are not named as from an earlier run");
        }
        QCOMPARE(statusOf(w, two).state, ConsumerStatus::State::Starting); // held: no member id yet
        if (!QTest::qWaitFor(
                [&] {
                    look();
                    return consumers.status(one)->assignment.size() == 3;
                },
                30000)) {
            qInfo().noquote() << ownersText(w);
            QFAIL("this run's billing #1 did not take the partitions over");
        }
        QVERIFY2(test::eventLogged(w, QStringLiteral("over from ") + earlier[1]), qPrintable(ownersText(w)));
        held->release();
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, {one, two}), 20000);
        look();
        QVERIFY2(confusions.isEmpty(),
                 qPrintable(confusions.join(QLatin1Char('\n')) + QLatin1Char('\n') + ownersText(w)));
        QVERIFY2(!drawnNamesMention(w, QStringLiteral("tidemark-")), qPrintable(ownersText(w)));
    }

    // "Stop the group" on the offset-reset refusal stops the members together: none of them
    // takes another's partitions over in between (it logged "billing #2: resumes orders[0] at
    // offset 368 ..." between the two stops, a rebalance nobody asked for), and the Events
    // pane tells it as one moment of the group.
    void stoppingTheGroupStopsItsMembersTogether()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        MainWindow &w = *app.window;
        openOrders(app);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager &consumers = *w.consumerManager();
        const QStringList ids = consumers.startGroup(kGroup, {kTopic}, 2);
        QTRY_VERIFY_WITH_TIMEOUT(settled(w, ids), 20000);
        std::map<QString, std::set<TopicPartition>> held;
        for (const QString &id : ids) {
            const ConsumerStatus s = statusOf(w, id);
            held[id] = std::set<TopicPartition>(s.assignment.begin(), s.assignment.end());
        }

        TimelineView *timeline = w.timeline();
        timeline->proposeReset(kGroup, 0, 0);
        QVERIFY(timeline->isResetPending());
        timeline->confirmReset();
        auto *stop = test::child<QPushButton>(timeline, QStringLiteral("offsetResetStopGroup"));
        QVERIFY(stop);
        QTRY_VERIFY_WITH_TIMEOUT(stop->isVisible(), 20000);
        const EventLogModel *events = w.eventsPane()->model();
        const int linesBefore = events->rowCount();
        QSignalSpy statuses(&consumers, &ConsumerManager::statusChanged);
        stop->click();
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, id).state, ConsumerStatus::State::Stopped, 20000);

        // Nobody got a partition it did not hold when the stop was asked for.
        for (const auto &args : statuses) {
            const auto s = args.at(0).value<ConsumerStatus>();
            for (const TopicPartition &tp : s.assignment)
                QVERIFY2(held[s.consumerId].count(tp),
                         qPrintable(s.consumerId + QStringLiteral(" got ") + tp.toString() + QStringLiteral(": ") +
                                    ownersText(w)));
        }
        QStringList told;
        for (int i = linesBefore; i < events->rowCount(); ++i) {
            const LogEntry e = events->entryAt(i);
            const QString line = e.source + QStringLiteral(": ") + e.message;
            QVERIFY2(!e.message.contains(QStringLiteral("resumes")) &&
                         !e.message.contains(QStringLiteral("assigned")) &&
                         !e.message.contains(QStringLiteral("took ")),
                     qPrintable(line));
            if (e.milestone)
                told << line;
        }
        // One moment of the group, not one per member.
        QTRY_VERIFY_WITH_TIMEOUT(
            test::eventLogged(w, QStringLiteral("the group stopped: both members committed and left together")), 20000);
        QCOMPARE(told,
                 QStringList{QStringLiteral("billing: the group stopped: both members committed and left together")});
    }

    // A member whose poll was under way when the group was stopped, and that looks at the group
    // once more after another member left, takes nothing on: no "resumes", no new partition in
    // its status, nothing read of them. Deterministic through LateLookBackend.
    void aStoppingMemberTakesNothingOn()
    {
        QTemporaryDir dir;
        auto local = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(local.ok(), local.ok() ? "" : qPrintable(local.error().toString()));
        auto backend = std::make_shared<LateLookBackend>(*local);
        createOrders(*backend);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager manager;
        manager.setDefaultOptions(test::fastConsumerOptions());
        manager.setBackend(backend);
        const QStringList ids = manager.startGroup(kGroup, {kTopic}, 2);
        auto status = [&](const QString &id) { return manager.status(id).value_or(ConsumerStatus{}); };
        QTRY_VERIFY_WITH_TIMEOUT(status(ids[0]).assignment.size() + status(ids[1]).assignment.size() == 3 &&
                                     status(ids[0]).state == ConsumerStatus::State::Running &&
                                     status(ids[1]).state == ConsumerStatus::State::Running &&
                                     !status(ids[0]).assignment.empty() && !status(ids[1]).assignment.empty(),
                                 20000);
        const std::vector<TopicPartition> heldByTwo = status(ids[1]).assignment;
        QSignalSpy statuses(&manager, &ConsumerManager::statusChanged);
        QSignalSpy log(&manager, &ConsumerManager::eventLogged);
        QCOMPARE(manager.stopGroup(kGroup), 2);
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(status(id).state, ConsumerStatus::State::Stopped, 30000);
        QCOMPARE(backend->lateLooks(), 1); // the interleaving happened
        for (const auto &args : statuses) {
            const auto s = args.at(0).value<ConsumerStatus>();
            if (s.consumerId != ids[1])
                continue;
            for (const TopicPartition &tp : s.assignment)
                QVERIFY2(std::find(heldByTwo.begin(), heldByTwo.end(), tp) != heldByTwo.end(),
                         qPrintable(QStringLiteral("billing #2 took %1 on while stopping").arg(tp.toString())));
        }
        QStringList lines;
        for (const auto &args : log) {
            const auto e = args.at(0).value<LogEntry>();
            lines << e.source + QStringLiteral(": ") + e.message;
        }
        for (const QString &line : lines)
            QVERIFY2(!line.contains(QStringLiteral("resumes")) && !line.contains(QStringLiteral("assigned")),
                     qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(lines.filter(QStringLiteral("the group stopped")),
                 QStringList{QStringLiteral("billing: the group stopped: both members committed and left together")});
    }

    // Stopping the group marks every member as leaving before it wakes any: billing #1, woken
    // first, leaves at once, and billing #2, looking at the group then, takes nothing on (it
    // was handed billing #1's partitions: "billing #2 got orders[0]"). Deterministic through
    // WokenFirstBackend.
    void noMemberTakesOverFromOneWokenFirst()
    {
        QTemporaryDir dir;
        auto local = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, dir.path(), {}});
        QVERIFY2(local.ok(), local.ok() ? "" : qPrintable(local.error().toString()));
        auto backend = std::make_shared<WokenFirstBackend>(*local);
        createOrders(*backend);
        if (QTest::currentTestFailed())
            return;
        ConsumerManager manager;
        manager.setDefaultOptions(test::fastConsumerOptions());
        manager.setBackend(backend);
        const QStringList ids = manager.startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(ids, (QStringList{QStringLiteral("billing #1"), QStringLiteral("billing #2")}));
        auto status = [&](const QString &id) { return manager.status(id).value_or(ConsumerStatus{}); };
        QTRY_VERIFY_WITH_TIMEOUT(status(ids[0]).assignment.size() + status(ids[1]).assignment.size() == 3 &&
                                     status(ids[0]).state == ConsumerStatus::State::Running &&
                                     status(ids[1]).state == ConsumerStatus::State::Running &&
                                     !status(ids[0]).assignment.empty() && !status(ids[1]).assignment.empty(),
                                 20000);
        const std::vector<TopicPartition> heldByTwo = status(ids[1]).assignment;
        QSignalSpy statuses(&manager, &ConsumerManager::statusChanged);
        backend->arm();
        QCOMPARE(manager.stopGroup(kGroup), 2);
        for (const QString &id : ids)
            QTRY_COMPARE_WITH_TIMEOUT(status(id).state, ConsumerStatus::State::Stopped, 30000);
        QVERIFY(backend->interleaved());
        for (const auto &args : statuses) {
            const auto s = args.at(0).value<ConsumerStatus>();
            if (s.consumerId != ids[1])
                continue;
            for (const TopicPartition &tp : s.assignment)
                QVERIFY2(std::find(heldByTwo.begin(), heldByTwo.end(), tp) != heldByTwo.end(),
                         qPrintable(QStringLiteral("billing #2 got %1 while the group stopped").arg(tp.toString())));
        }
    }
};

QTEST_MAIN(TestMemberNames)
#include "tst_member_names.moc"
