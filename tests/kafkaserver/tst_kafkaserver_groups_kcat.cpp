// Consumer groups of kcat (librdkafka's balanced consumer, -G) against `tidemark-cli serve`:
// two members split a topic of 6 partitions, commit, one is killed with kill -9, the
// survivor takes its partitions over after the session timeout and every record is seen
// (at least once, nothing skipped); the committed offsets are the built-in broker's own
// (LocalBackend::describeGroup reads them, as `tidemark-cli groups describe` does). A group is
// either the Kafka clients' or the built-in broker's own consumers', never both, and an offset
// reset waits until no protocol member is live. Kafka's own kafka-consumer-groups tool lists,
// describes, resets and deletes. Committed offsets survive a restart of serve.

#include "../common/ServeProcess.h"
#include "TestPaths.h"

#include "core/Backend.h"
#include "logbroker/LocalBackend.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <set>

using namespace tidemark;
using namespace tidemark::test;

namespace {

constexpr int kPartitions = 6;
constexpr int kSessionTimeoutMs = 1500;

// One `kcat -G` member; its output lines are "partition offset".
class KcatMember {
public:
    ~KcatMember() { stop(); }
    void start(const QString &bootstrap, const QString &group, const QString &topic, const QStringList &extra = {})
    {
        m_process.setProgram(QStringLiteral("kcat"));
        m_process.setArguments(QStringList{QStringLiteral("-b"), bootstrap, QStringLiteral("-G"), group,
                                           QStringLiteral("-u"), QStringLiteral("-f"), QStringLiteral("%p %o\\n"),
                                           QStringLiteral("-X"),
                                           QStringLiteral("session.timeout.ms=%1").arg(kSessionTimeoutMs),
                                           QStringLiteral("-X"), QStringLiteral("heartbeat.interval.ms=300"),
                                           QStringLiteral("-X"), QStringLiteral("auto.commit.interval.ms=100"),
                                           QStringLiteral("-X"), QStringLiteral("auto.offset.reset=earliest")} +
                               extra + QStringList{topic});
        m_process.start();
    }
    void kill()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Reads what arrived; returns the records seen so far.
    const std::set<std::pair<int, qint64>> &seen()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        qsizetype nl;
        while ((nl = m_out.indexOf('\n')) >= 0) {
            const QList<QByteArray> parts = m_out.left(nl).split(' ');
            m_out.remove(0, nl + 1);
            if (parts.size() == 2)
                m_seen.insert({parts[0].toInt(), parts[1].toLongLong()});
        }
        return m_seen;
    }
    // The partitions of the latest "assigned:" line kcat printed.
    std::set<int> assigned()
    {
        seen();
        static const QRegularExpression line(QStringLiteral("assigned: ([^\\n]*)"));
        static const QRegularExpression partition(QStringLiteral("\\[(\\d+)\\]"));
        std::set<int> out;
        auto it = line.globalMatch(QString::fromUtf8(m_err));
        QString last;
        bool any = false;
        while (it.hasNext()) {
            last = it.next().captured(1);
            any = true;
        }
        if (!any)
            return out;
        auto p = partition.globalMatch(last);
        while (p.hasNext())
            out.insert(p.next().captured(1).toInt());
        return out;
    }
    QByteArray stderrText()
    {
        seen();
        return m_err;
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    std::set<std::pair<int, qint64>> m_seen;
};

} // namespace

class TestKafkaServerGroupsKcat : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void killedMemberIsTakenOverWithNothingSkipped();
    void staticMemberRestartedGetsItsPartitionsBackWithoutARebalance();
    void groupsAreEitherKafkaClientsOrBuiltInConsumers();
    void kafkaConsumerGroupsToolListsDescribesResetsDeletes();
    void commitsSurviveARestartOfServe();

private:
    void produce(const QString &topic, int perPartition, int partitions = kPartitions);
    qint64 committedOf(const QString &group, int partition);
    ProcessResult groupTool(const QStringList &args)
    {
        return runProcess((tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafka/cluster.sh")),
                          QStringList{QStringLiteral("run"), QStringLiteral("consumer-groups"),
                                      QStringLiteral("--bootstrap-server"), m_serve.bootstrap()} +
                              args);
    }

    QTemporaryDir m_dir;
    ServeProcess m_serve;
    std::shared_ptr<Backend> m_local;
};

void TestKafkaServerGroupsKcat::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_serve.start(m_dir.path()), qPrintable(m_serve.error()));
    auto local = openLocalBackend(m_dir.path());
    QVERIFY2(local, qPrintable(local ? QString() : local.error().message));
    m_local = *local;
}

void TestKafkaServerGroupsKcat::cleanupTestCase() { m_serve.stop(); }

qint64 TestKafkaServerGroupsKcat::committedOf(const QString &group, int partition)
{
    auto info = m_local->describeGroup(group);
    if (!info)
        return -2;
    for (const GroupPartitionState &s : info->partitions) {
        if (s.tp.partition == partition)
            return s.committed;
    }
    return -1;
}

void TestKafkaServerGroupsKcat::produce(const QString &topic, int perPartition, int partitions)
{
    for (int p = 0; p < partitions; ++p) {
        std::vector<OutgoingRecord> records(static_cast<size_t>(perPartition));
        for (auto &r : records) {
            r.partition = p;
            r.value = QByteArray("order");
        }
        QVERIFY(m_local->produce(topic, records, {}));
    }
}

void TestKafkaServerGroupsKcat::killedMemberIsTakenOverWithNothingSkipped()
{
    const QString topic = QStringLiteral("orders6");
    const QString group = QStringLiteral("kcat-pair");
    QVERIFY(m_local->createTopic({topic, kPartitions, 1, {}}));
    produce(topic, 5);

    KcatMember a, b;
    a.start(m_serve.bootstrap(), group, topic);
    QTRY_COMPARE_WITH_TIMEOUT(a.assigned().size(), size_t(kPartitions), 20000);
    b.start(m_serve.bootstrap(), group, topic);
    // The second join rebalances the group: three partitions each.
    QTRY_VERIFY2_WITH_TIMEOUT(a.assigned().size() == 3 && b.assigned().size() == 3, a.stderrText().constData(), 20000);
    produce(topic, 5);
    auto all = [&] {
        std::set<std::pair<int, qint64>> u = a.seen();
        const auto &more = b.seen();
        u.insert(more.begin(), more.end());
        return u;
    };
    QTRY_COMPARE_WITH_TIMEOUT(all().size(), size_t(kPartitions * 10), 20000);

    // Everything a owns is committed (auto commit every 100 ms), visible as the built-in
    // broker's committed offsets.
    const std::set<int> victims = a.assigned();
    for (int p : victims)
        QTRY_COMPARE_WITH_TIMEOUT(committedOf(group, p), qint64(10), 10000);

    QElapsedTimer sinceKill;
    a.kill();
    sinceKill.start();
    produce(topic, 5);
    QTRY_COMPARE_WITH_TIMEOUT(b.assigned().size(), size_t(kPartitions), 20000);
    const qint64 takeoverMs = sinceKill.elapsed();
    qInfo("takeover after kill -9: %lld ms (session timeout %d ms)", takeoverMs, kSessionTimeoutMs);
    // The survivor only gets them once the dead member's session ran out (its last heartbeat
    // may have come up to one heartbeat interval, 300 ms, before the kill).
    QVERIFY2(takeoverMs >= kSessionTimeoutMs - 400, qPrintable(QString::number(takeoverMs)));
    QTRY_COMPARE_WITH_TIMEOUT(all().size(), size_t(kPartitions * 15), 20000);
    for (int p = 0; p < kPartitions; ++p)
        QTRY_COMPARE_WITH_TIMEOUT(committedOf(group, p), qint64(15), 10000);
    b.stop();
}

// Static membership (group.instance.id): a static member killed with kill -9 and started
// again with the same instance id, within its session timeout, gets its partitions back and
// the other member sees no rebalance (no new assignment, same generation). The restarted one
// is not the group's leader (a leader coming back rebalances here, as the coordinator says).
void TestKafkaServerGroupsKcat::staticMemberRestartedGetsItsPartitionsBackWithoutARebalance()
{
    const QString topic = QStringLiteral("static6");
    const QString group = QStringLiteral("kcat-static");
    QVERIFY(m_local->createTopic({topic, kPartitions, 1, {}}));
    produce(topic, 5);
    // A session long enough for a restart (kcat takes its last -X of a name).
    auto staticOpts = [](const QString &instance) {
        return QStringList{QStringLiteral("-X"), QStringLiteral("session.timeout.ms=6000"), QStringLiteral("-X"),
                           QStringLiteral("group.instance.id=") + instance};
    };
    KcatMember leader, a;
    leader.start(m_serve.bootstrap(), group, topic, staticOpts(QStringLiteral("static-leader")));
    QTRY_COMPARE_WITH_TIMEOUT(leader.assigned().size(), size_t(kPartitions), 20000);
    a.start(m_serve.bootstrap(), group, topic, staticOpts(QStringLiteral("static-a")));
    QTRY_VERIFY2_WITH_TIMEOUT(leader.assigned().size() == 3 && a.assigned().size() == 3,
                              leader.stderrText().constData(), 20000);
    const std::set<int> ofA = a.assigned();
    auto info = m_local->describeGroup(group);
    QVERIFY(info);
    const int generation = info->generation;
    const qsizetype leaderLogBefore = leader.stderrText().size();

    a.kill();
    KcatMember again;
    again.start(m_serve.bootstrap(), group, topic, staticOpts(QStringLiteral("static-a")));
    QTRY_VERIFY2_WITH_TIMEOUT(again.assigned() == ofA, again.stderrText().constData(), 20000);
    // Records produced now reach both: nobody waits for a rebalance.
    produce(topic, 1);
    auto partitionsSeen = [](KcatMember &m) {
        std::set<int> out;
        for (const auto &[p, o] : m.seen())
            if (o == 5)
                out.insert(p);
        return out;
    };
    QTRY_COMPARE_WITH_TIMEOUT(partitionsSeen(again), ofA, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(partitionsSeen(leader).size(), size_t(3), 20000);
    // Nothing happened to the leader since the kill: no revoke, no new assignment.
    const QByteArray sinceKill = leader.stderrText().mid(leaderLogBefore);
    QVERIFY2(!sinceKill.contains("revoked") && !sinceKill.contains("assigned:"), sinceKill.constData());
    info = m_local->describeGroup(group);
    QVERIFY(info);
    QCOMPARE(info->generation, generation);
    again.stop();
    leader.stop();
}

void TestKafkaServerGroupsKcat::groupsAreEitherKafkaClientsOrBuiltInConsumers()
{
    const QString topic = QStringLiteral("exclusive");
    QVERIFY(m_local->createTopic({topic, 2, 1, {}}));
    produce(topic, 2, 2);

    // A group of Kafka clients: the built-in broker shows its members and refuses its own
    // consumers there, and an offset reset while the member is live.
    KcatMember kafka;
    kafka.start(m_serve.bootstrap(), QStringLiteral("kafka-held"), topic);
    QTRY_COMPARE_WITH_TIMEOUT(kafka.assigned().size(), size_t(2), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_local->describeGroup(QStringLiteral("kafka-held")).valueOr({}).state,
                              QStringLiteral("Stable"), 10000);
    const GroupInfo info = m_local->describeGroup(QStringLiteral("kafka-held")).valueOr({});
    QCOMPARE(info.members.size(), size_t(1));
    QCOMPARE(info.members[0].clientId, QStringLiteral("rdkafka"));
    QCOMPARE(info.members[0].assignment.size(), size_t(2));
    ConsumerConfig config;
    config.groupId = QStringLiteral("kafka-held");
    config.topics = {topic};
    auto refused = m_local->createConsumer(config);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QVERIFY2(refused.error().message.contains(QStringLiteral("held by Kafka clients")),
             qPrintable(refused.error().message));
    auto reset = m_local->resetGroupOffsets(QStringLiteral("kafka-held"), {{{topic, 0}, 0}});
    QVERIFY(!reset);
    QVERIFY2(reset.error().message.contains(QStringLiteral("live protocol members")),
             qPrintable(reset.error().message));
    kafka.stop();
    // Once it left, the reset is applied.
    QTRY_VERIFY_WITH_TIMEOUT(m_local->resetGroupOffsets(QStringLiteral("kafka-held"), {{{topic, 0}, 1}}).ok(), 10000);
    QCOMPARE(committedOf(QStringLiteral("kafka-held"), 0), qint64(1));

    // A group of the built-in broker's own consumers: a Kafka client is refused.
    config.groupId = QStringLiteral("file-held");
    auto local = m_local->createConsumer(config);
    QVERIFY2(local, qPrintable(local ? QString() : local.error().message));
    KcatMember refusedKafka;
    // librdkafka retries the join quietly; its group debug log shows the answer.
    refusedKafka.start(m_serve.bootstrap(), QStringLiteral("file-held"), topic,
                       {QStringLiteral("-d"), QStringLiteral("cgrp")});
    QTRY_VERIFY2_WITH_TIMEOUT(refusedKafka.stderrText().contains("nconsistent group protocol") ||
                                  refusedKafka.stderrText().contains("INCONSISTENT_GROUP_PROTOCOL"),
                              refusedKafka.stderrText().right(2000).constData(), 20000);
    QVERIFY(refusedKafka.assigned().empty());
    refusedKafka.stop();
    (*local)->close();
}

void TestKafkaServerGroupsKcat::kafkaConsumerGroupsToolListsDescribesResetsDeletes()
{
    const QString topic = QStringLiteral("tooled");
    const QString group = QStringLiteral("tool-group");
    QVERIFY(m_local->createTopic({topic, 2, 1, {}}));
    produce(topic, 4, 2);
    KcatMember k;
    k.start(m_serve.bootstrap(), group, topic);
    QTRY_COMPARE_WITH_TIMEOUT(k.seen().size(), size_t(8), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(committedOf(group, 0) == 4 && committedOf(group, 1) == 4, 10000);

    ProcessResult out = groupTool({QStringLiteral("--list")});
    QVERIFY2(out.exitCode == 0, out.err.right(2000).constData());
    QVERIFY2(out.out.split('\n').contains(group.toUtf8()), out.out.constData());
    out = groupTool({QStringLiteral("--describe"), QStringLiteral("--group"), group});
    QVERIFY2(out.exitCode == 0, out.err.right(2000).constData());
    int rows = 0;
    for (const QByteArray &line : out.out.split('\n')) {
        const QList<QByteArray> cols = line.simplified().split(' ');
        // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
        if (cols.size() >= 9 && cols[1] == topic.toUtf8()) {
            QCOMPARE(cols[3], QByteArray("4"));
            QCOMPARE(cols[5], QByteArray("0"));
            QVERIFY2(cols[6].startsWith("rdkafka-"), line.constData());
            ++rows;
        }
    }
    QVERIFY2(rows == 2, out.out.constData());

    // A reset needs an inactive group, as on Kafka.
    const QStringList reset{QStringLiteral("--reset-offsets"),
                            QStringLiteral("--group"),
                            group,
                            QStringLiteral("--topic"),
                            topic,
                            QStringLiteral("--to-offset"),
                            QStringLiteral("1"),
                            QStringLiteral("--execute")};
    out = groupTool(reset);
    QVERIFY2(out.out.contains("inactive") || out.err.contains("inactive"), out.out.constData());
    QCOMPARE(committedOf(group, 0), qint64(4));
    k.stop();
    out = groupTool(reset);
    QVERIFY2(out.exitCode == 0, out.err.right(2000).constData());
    QCOMPARE(committedOf(group, 0), qint64(1));
    QCOMPARE(committedOf(group, 1), qint64(1));
    // ...and honoured by the next member.
    KcatMember again;
    again.start(m_serve.bootstrap(), group, topic);
    QTRY_COMPARE_WITH_TIMEOUT(again.seen().size(), size_t(6), 20000);
    QVERIFY(!again.seen().count({0, 0}));
    again.stop();

    out = groupTool({QStringLiteral("--delete"), QStringLiteral("--group"), group});
    QVERIFY2(out.exitCode == 0, (out.out + out.err.right(2000)).constData());
    auto gone = m_local->describeGroup(group);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
}

void TestKafkaServerGroupsKcat::commitsSurviveARestartOfServe()
{
    const QString topic = QStringLiteral("durable");
    const QString group = QStringLiteral("resumer");
    QVERIFY(m_local->createTopic({topic, 2, 1, {}}));
    produce(topic, 5, 2);
    KcatMember first;
    first.start(m_serve.bootstrap(), group, topic);
    QTRY_COMPARE_WITH_TIMEOUT(first.seen().size(), size_t(10), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(committedOf(group, 0) == 5 && committedOf(group, 1) == 5, 10000);
    first.stop();
    m_serve.stop();
    produce(topic, 3, 2);
    QVERIFY2(m_serve.start(m_dir.path()), qPrintable(m_serve.error()));
    KcatMember second;
    second.start(m_serve.bootstrap(), group, topic);
    QTRY_COMPARE_WITH_TIMEOUT(second.seen().size(), size_t(6), 20000);
    for (const auto &[p, offset] : second.seen())
        QVERIFY2(offset >= 5, qPrintable(QStringLiteral("re-read %1 of partition %2").arg(offset).arg(p)));
    second.stop();
}

QTEST_GUILESS_MAIN(TestKafkaServerGroupsKcat)
#include "tst_kafkaserver_groups_kcat.moc"
