// Consumer groups of Kafka's Java client (GroupMember.java, compiled against the
// kafka-clients jar that tests/kafka/cluster.sh fetches) against `tidemark-cli serve`: a
// cooperative-sticky pair splits a topic of 6 partitions, one is killed with kill -9 and the
// survivor takes over after the session timeout with every record seen; a range pair splits
// it and a clean leave hands the partitions over at once; a member whose assignors share none
// with the group's is refused with INCONSISTENT_GROUP_PROTOCOL.

#include "../common/ServeProcess.h"
#include "TestPaths.h"

#include "core/Backend.h"
#include "logbroker/LocalBackend.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <set>

using namespace tidemark;
using namespace tidemark::test;

namespace {

constexpr int kPartitions = 6;
constexpr int kSessionTimeoutMs = 2000; // GroupMember.java

class JavaMember {
public:
    ~JavaMember()
    {
        if (m_process.state() != QProcess::NotRunning)
            kill();
    }
    void start(const QString &classpath, const QString &bootstrap, const QString &topic, const QString &group,
               const QString &assignors)
    {
        m_process.setProgram(QStringLiteral("java"));
        m_process.setArguments({QStringLiteral("-Xmx128m"), QStringLiteral("-XX:TieredStopAtLevel=1"),
                                QStringLiteral("-XX:+UseSerialGC"),
                                QStringLiteral("-Dlog4j.configuration=file:/dev/null"), QStringLiteral("-cp"),
                                classpath, QStringLiteral("GroupMember"), bootstrap, topic, group, assignors});
        m_process.start();
    }
    void kill()
    {
        ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
    }
    // Closes stdin: the member leaves the group cleanly and exits.
    void leave()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(20000))
            kill();
    }
    bool finished() { return m_process.state() == QProcess::NotRunning; }
    void read()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        qsizetype nl;
        while ((nl = m_out.indexOf('\n')) >= 0) {
            const QList<QByteArray> f = m_out.left(nl).split('\t');
            m_out.remove(0, nl + 1);
            if (f.value(0) == "record" && f.size() == 3)
                m_seen.insert({f[1].toInt(), f[2].toLongLong()});
            else if (f.value(0) == "assigned") {
                m_assigned.clear();
                for (const QByteArray &p : f.value(1).split(','))
                    if (!p.isEmpty())
                        m_assigned.insert(p.toInt());
            } else if (f.value(0) == "error")
                m_error = f.mid(1).join(' ');
        }
    }
    const std::set<std::pair<int, qint64>> &seen()
    {
        read();
        return m_seen;
    }
    std::set<int> assigned()
    {
        read();
        return m_assigned;
    }
    QByteArray error()
    {
        read();
        return m_error;
    }
    QByteArray stderrText()
    {
        read();
        return m_err.right(3000);
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QByteArray m_error;
    std::set<std::pair<int, qint64>> m_seen;
    std::set<int> m_assigned;
};

} // namespace

class TestKafkaServerGroupsJava : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cooperativeStickyPairSurvivesKill();
    void rangePairHandsOverOnLeave();
    void disjointAssignorsAreInconsistent();

private:
    void produce(const QString &topic, int perPartition);
    qint64 committed(const QString &group, int partition);

    QTemporaryDir m_dir;
    QTemporaryDir m_classes;
    QString m_classpath;
    ServeProcess m_serve;
    std::shared_ptr<Backend> m_local;
};

void TestKafkaServerGroupsJava::initTestCase()
{
    const QString cache = qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + QStringLiteral("/.cache"));
    const QString libs = qEnvironmentVariable("TIDEMARK_KAFKA_HOME", cache + QStringLiteral("/tidemark/kafka-3.7.2")) +
                         QStringLiteral("/libs");
    if (!QDir(libs).exists())
        QFAIL(qPrintable(
            QStringLiteral("%1 is missing: run tests/kafka/cluster.sh fetch (packaging/dev.sh test does)").arg(libs)));
    if (QStandardPaths::findExecutable(QStringLiteral("javac")).isEmpty())
        QFAIL("javac is not installed (packaging/dev.sh installs a JDK)");
    const ProcessResult compiled =
        runProcess(QStringLiteral("javac"),
                   {QStringLiteral("-cp"), libs + QStringLiteral("/*"), QStringLiteral("-d"), m_classes.path(),
                    (tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafkaserver/GroupMember.java"))});
    QVERIFY2(compiled.exitCode == 0, compiled.err.constData());
    m_classpath = m_classes.path() + QLatin1Char(':') + libs + QStringLiteral("/*");
    QVERIFY2(m_serve.start(m_dir.path()), qPrintable(m_serve.error()));
    auto local = openLocalBackend(m_dir.path());
    QVERIFY(local);
    m_local = *local;
}

void TestKafkaServerGroupsJava::cleanupTestCase() { m_serve.stop(); }

void TestKafkaServerGroupsJava::produce(const QString &topic, int perPartition)
{
    for (int p = 0; p < kPartitions; ++p) {
        std::vector<OutgoingRecord> records(static_cast<size_t>(perPartition));
        for (auto &r : records) {
            r.partition = p;
            r.value = QByteArray("order");
        }
        QVERIFY(m_local->produce(topic, records, {}));
    }
}

qint64 TestKafkaServerGroupsJava::committed(const QString &group, int partition)
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

void TestKafkaServerGroupsJava::cooperativeStickyPairSurvivesKill()
{
    const QString topic = QStringLiteral("coop6");
    const QString group = QStringLiteral("coop");
    QVERIFY(m_local->createTopic({topic, kPartitions, 1, {}}));
    produce(topic, 4);
    JavaMember a, b;
    a.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("cooperative-sticky"));
    QTRY_VERIFY2_WITH_TIMEOUT(a.assigned().size() == kPartitions, a.stderrText().constData(), 30000);
    b.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("cooperative-sticky"));
    QTRY_VERIFY2_WITH_TIMEOUT(a.assigned().size() == 3 && b.assigned().size() == 3, b.stderrText().constData(), 30000);
    produce(topic, 4);
    auto all = [&] {
        std::set<std::pair<int, qint64>> u = a.seen();
        const auto &more = b.seen();
        u.insert(more.begin(), more.end());
        return u;
    };
    QTRY_COMPARE_WITH_TIMEOUT(all().size(), size_t(kPartitions * 8), 20000);
    for (int p : a.assigned())
        QTRY_COMPARE_WITH_TIMEOUT(committed(group, p), qint64(8), 10000);

    QElapsedTimer sinceKill;
    a.kill();
    sinceKill.start();
    produce(topic, 4);
    QTRY_COMPARE_WITH_TIMEOUT(b.assigned().size(), size_t(kPartitions), 20000);
    qInfo("java cooperative-sticky: takeover %lld ms after kill -9 (session timeout %d ms)", sinceKill.elapsed(),
          kSessionTimeoutMs);
    QVERIFY(sinceKill.elapsed() >= kSessionTimeoutMs - 400); // its last heartbeat may precede the kill
    QTRY_COMPARE_WITH_TIMEOUT(all().size(), size_t(kPartitions * 12), 20000);
    for (int p = 0; p < kPartitions; ++p)
        QTRY_COMPARE_WITH_TIMEOUT(committed(group, p), qint64(12), 10000);
    b.leave();
}

void TestKafkaServerGroupsJava::rangePairHandsOverOnLeave()
{
    const QString topic = QStringLiteral("range6");
    const QString group = QStringLiteral("ranged");
    QVERIFY(m_local->createTopic({topic, kPartitions, 1, {}}));
    produce(topic, 3);
    JavaMember a, b;
    a.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("range"));
    b.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("range"));
    QTRY_VERIFY2_WITH_TIMEOUT(a.assigned().size() == 3 && b.assigned().size() == 3, b.stderrText().constData(), 30000);
    // Range: consecutive partitions per member.
    const std::set<int> low{0, 1, 2}, high{3, 4, 5};
    QVERIFY(a.assigned() == low || a.assigned() == high);
    // The built-in broker's group files show the Java members and the assignor they agreed on.
    QTRY_COMPARE_WITH_TIMEOUT(m_local->describeGroup(group).valueOr({}).state, QStringLiteral("Stable"), 10000);
    const GroupInfo info = m_local->describeGroup(group).valueOr({});
    QCOMPARE(info.members.size(), size_t(2));
    QCOMPARE(info.protocol, QStringLiteral("range"));
    for (const GroupMember &m : info.members)
        QCOMPARE(m.assignment.size(), size_t(3));
    QElapsedTimer sinceLeave;
    b.leave();
    sinceLeave.start();
    QTRY_COMPARE_WITH_TIMEOUT(a.assigned().size(), size_t(kPartitions), 20000);
    // A clean leave rebalances at once, long before the session timeout would have.
    QVERIFY2(sinceLeave.elapsed() < 20000, qPrintable(QString::number(sinceLeave.elapsed())));
    auto all = [&] {
        std::set<std::pair<int, qint64>> u = a.seen();
        const auto &more = b.seen();
        u.insert(more.begin(), more.end());
        return u;
    };
    QTRY_COMPARE_WITH_TIMEOUT(all().size(), size_t(kPartitions * 3), 20000);
    a.leave();
}

void TestKafkaServerGroupsJava::disjointAssignorsAreInconsistent()
{
    const QString topic = QStringLiteral("mixed6");
    const QString group = QStringLiteral("mixed");
    QVERIFY(m_local->createTopic({topic, kPartitions, 1, {}}));
    JavaMember ranged, coop;
    ranged.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("range"));
    QTRY_VERIFY2_WITH_TIMEOUT(ranged.assigned().size() == kPartitions, ranged.stderrText().constData(), 30000);
    coop.start(m_classpath, m_serve.bootstrap(), topic, group, QStringLiteral("cooperative-sticky"));
    QTRY_VERIFY2_WITH_TIMEOUT(coop.finished(), coop.stderrText().constData(), 30000);
    QVERIFY2(coop.error().startsWith("InconsistentGroupProtocolException"), coop.error().constData());
    // The group itself is untouched.
    QCOMPARE(ranged.assigned().size(), size_t(kPartitions));
    ranged.leave();
}

QTEST_GUILESS_MAIN(TestKafkaServerGroupsJava)
#include "tst_kafkaserver_groups_java.moc"
