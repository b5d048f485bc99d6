// Consumer groups of kcat (librdkafka's balanced consumer, -G) against `tidemark-cli serve`:
// two members split a topic of 6 partitions, commit, one is killed with kill -9, the
// survivor takes its partitions over after the session timeout and every record is seen
// (at least once, nothing skipped); the committed offsets are the built-in broker's own
// (LocalBackend::describeGroup reads them, as `tidemark-cli groups describe` does).

#include "../common/ServeProcess.h"

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
    void start(const QString &bootstrap, const QString &group, const QString &topic)
    {
        m_process.setProgram(QStringLiteral("kcat"));
        m_process.setArguments({QStringLiteral("-b"), bootstrap, QStringLiteral("-G"), group, QStringLiteral("-u"),
                                QStringLiteral("-f"), QStringLiteral("%p %o\\n"), QStringLiteral("-X"),
                                QStringLiteral("session.timeout.ms=%1").arg(kSessionTimeoutMs), QStringLiteral("-X"),
                                QStringLiteral("heartbeat.interval.ms=300"), QStringLiteral("-X"),
                                QStringLiteral("auto.commit.interval.ms=100"), QStringLiteral("-X"),
                                QStringLiteral("auto.offset.reset=earliest"), topic});
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
    QByteArray stderrText() const { return m_err; }

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

private:
    void produce(const QString &topic, int perPartition);

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

void TestKafkaServerGroupsKcat::produce(const QString &topic, int perPartition)
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
    auto committedOf = [&](int p) -> qint64 {
        auto info = m_local->describeGroup(group);
        if (!info)
            return -2;
        for (const GroupPartitionState &s : info->partitions) {
            if (s.tp.partition == p)
                return s.committed;
        }
        return -1;
    };
    for (int p : victims)
        QTRY_COMPARE_WITH_TIMEOUT(committedOf(p), qint64(10), 10000);

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
        QTRY_COMPARE_WITH_TIMEOUT(committedOf(p), qint64(15), 10000);
    b.stop();
}

QTEST_GUILESS_MAIN(TestKafkaServerGroupsKcat)
#include "tst_kafkaserver_groups_kcat.moc"
