// A real protocol rebalance, seen and drawn by the app: the app serves its built-in broker
// (Broker > Serve Kafka Clients), two `kcat -G` consumers (client ids kcat-a and kcat-b) join
// one group on a topic of 4 partitions and commit; kcat-a is killed with kill -9 and kcat-b
// takes its partitions over once the session timeout runs out. The Consumers panel shows the
// group with its members (client id, host, member id, partitions), state, generation and
// commits, although no member is the app's; the timeline's model holds who owned which
// partition when. The pictures of the timeline and the Consumers dock after the takeover are
// written to the test output directory (not compared with goldens: the times are real).

#include "ServingAppFixture.h"
#include "core/BrokerState.h"
#include "core/timeline/TimelineLoader.h"
#include "core/timeline/TimelineModel.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/GroupTreeModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/timeline/TimelineView.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeView>

#include <algorithm>
#include <csignal>
#include <set>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("kcat-pair");
constexpr int kPartitions = 4;
constexpr int kSessionTimeoutMs = 3000;

class KcatMember {
public:
    ~KcatMember() { stop(); }
    void start(const QString &bootstrap, const QString &clientId)
    {
        m_process.setProgram(QStringLiteral("kcat"));
        m_process.setArguments({QStringLiteral("-b"), bootstrap, QStringLiteral("-G"), kGroup, QStringLiteral("-u"),
                                QStringLiteral("-q"), QStringLiteral("-X"), QStringLiteral("client.id=") + clientId,
                                QStringLiteral("-X"), QStringLiteral("session.timeout.ms=%1").arg(kSessionTimeoutMs),
                                QStringLiteral("-X"), QStringLiteral("heartbeat.interval.ms=300"), QStringLiteral("-X"),
                                QStringLiteral("auto.commit.interval.ms=100"), QStringLiteral("-X"),
                                QStringLiteral("auto.offset.reset=earliest"), kTopic});
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start();
    }
    bool started() { return m_process.waitForStarted(10000); }
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

private:
    QProcess m_process;
};

// Client id -> partitions of the group as the panel's model shows it.
std::map<QString, std::set<int>> ownersShown(const GroupTreeModel &model, int *generation, QString *state)
{
    std::map<QString, std::set<int>> out;
    for (const GroupInfo &g : model.groups()) {
        if (g.groupId != kGroup)
            continue;
        *generation = g.generation;
        *state = g.state;
        for (const GroupMember &m : g.members)
            for (const TopicPartition &tp : m.assignment)
                if (tp.topic == kTopic)
                    out[m.clientId].insert(tp.partition);
    }
    return out;
}

} // namespace

class TestGroupsKcat final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void rebalanceSeenInPanelAndTimeline()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kcat")).isEmpty())
            QFAIL("kcat is not installed (apt install kcat)");
        test::ServingApp app(QSize(1280, 800), QStringLiteral("/home/user/.local/share/Tidemark/data"));
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, kPartitions, 1, {}}).ok());
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 40; ++i) {
            OutgoingRecord r;
            r.partition = i % kPartitions;
            r.value = QByteArray("order-") + QByteArray::number(i);
            records.push_back(r);
        }
        QVERIFY(app.backend().produce(kTopic, records, ProduceOptions{}).ok());
        w.topicBrowser()->refresh();
        w.selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        TimelineModel &timeline = *w.timeline()->model();
        // Real time for who owned what when (the fixture's clock stands still).
        QElapsedTimer real;
        real.start();
        timeline.setHistoryClock([real] { return real.elapsed(); });
        QTRY_COMPARE(timeline.laneCount(), kPartitions);
        w.timeline()->loader()->setPollInterval(100);

        app.serveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.serveSwitch()->isServing(), 10000);
        const QString broker = QStringLiteral("127.0.0.1:%1").arg(app.port());

        GroupTreeModel &groups = *w.consumersPanel()->groupModel();
        KcatMember a, b;
        a.start(broker, QStringLiteral("kcat-a"));
        QVERIFY(a.started());
        b.start(broker, QStringLiteral("kcat-b"));
        QVERIFY(b.started());

        // Both members, two partitions each, everything read and committed (40 records, 10 a
        // partition), as the panel shows it: the app has no consumer of its own.
        int generationBefore = -1;
        QString state;
        auto split = [&] {
            const auto owners = ownersShown(groups, &generationBefore, &state);
            if (state != QLatin1String("Stable") || owners.size() != 2 || !owners.count(QStringLiteral("kcat-a")) ||
                owners.at(QStringLiteral("kcat-a")).size() != 2 || owners.at(QStringLiteral("kcat-b")).size() != 2)
                return false;
            for (const GroupInfo &g : groups.groups())
                for (const GroupPartitionState &p : g.partitions)
                    if (p.tp.topic == kTopic && p.committed != 10)
                        return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(split(), 30000);
        QCOMPARE(w.consumersPanel()->model()->consumerCount(), 0);
        const std::set<int> ofA = ownersShown(groups, &generationBefore, &state).at(QStringLiteral("kcat-a"));
        const QModelIndex groupRow = groups.index(groups.rowOfGroup(kGroup), 0);
        QCOMPARE(groups.rowCount(groupRow), 2); // the two members
        QCOMPARE(groups.index(0, 0, groupRow).data().toString(),
                 QStringLiteral("kcat-a (%1)").arg(groups.groups().front().members.front().host));
        QCOMPARE(groups.rowCount(groups.index(0, 0, groupRow)), 2); // its partitions
        QCOMPARE(groups.index(0, 0, groups.index(0, 0, groupRow)).data().toString(),
                 QStringLiteral("partition %1").arg(*ofA.begin()));
        // The timeline knows them as owners, and names each committed marker by its client.
        QTRY_VERIFY(timeline.ownership().current(kGroup, *ofA.begin()).label == QLatin1String("kcat-a"));
        bool named = false;
        for (const TimelineMarker &m : timeline.frame(timeline.now()).markers)
            named = named || (m.kind == TimelineMarker::Kind::Committed && m.ownerLabel == QLatin1String("kcat-a"));
        QVERIFY(named);

        // kill -9: no leave. kcat-b gets everything in a new generation once kcat-a's session
        // runs out.
        QElapsedTimer sinceKill;
        sinceKill.start();
        a.kill();
        int generationAfter = -1;
        auto takenOver = [&] {
            const auto owners = ownersShown(groups, &generationAfter, &state);
            return state == QLatin1String("Stable") && owners.size() == 1 && owners.count(QStringLiteral("kcat-b")) &&
                   owners.at(QStringLiteral("kcat-b")).size() == 4;
        };
        QTRY_VERIFY_WITH_TIMEOUT(takenOver(), 30000);
        const qint64 takeoverMs = sinceKill.elapsed();
        QVERIFY2(generationAfter > generationBefore,
                 qPrintable(QStringLiteral("generation %1 -> %2").arg(generationBefore).arg(generationAfter)));
        QTRY_VERIFY(timeline.ownership().current(kGroup, *ofA.begin()).label == QLatin1String("kcat-b"));

        // The history of one of kcat-a's partitions: (whoever had it while the group formed,)
        // kcat-a, maybe a gap without owner (if a sample fell inside the rebalance), then
        // kcat-b in the new generation.
        const auto spans = timeline.ownership().spans(kGroup, *ofA.begin());
        auto lastOfA = std::find_if(spans.rbegin(), spans.rend(),
                                    [](const OwnershipSpan &s) { return s.label == QLatin1String("kcat-a"); });
        QVERIFY(lastOfA != spans.rend());
        QCOMPARE(spans.back().label, QStringLiteral("kcat-b"));
        QVERIFY(spans.back().generation > lastOfA->generation);
        QVERIFY(lastOfA->toMs >= 0);
        const qint64 ownedA = lastOfA->toMs - lastOfA->fromMs;
        const qint64 gapMs = spans.back().fromMs - lastOfA->toMs; // the sampled pause without owner
        for (auto s = lastOfA.base(); s != spans.end() - 1; ++s)
            QVERIFY(!s->owned()); // nobody between them
        qInfo("takeover seen by the panel %lld ms after kill -9 (session timeout %d ms); sampled gap without owner "
              "%lld ms; generation %d -> %d; kcat-a owned partition %d for %lld ms as sampled",
              takeoverMs, kSessionTimeoutMs, gapMs, generationBefore, generationAfter, *ofA.begin(), ownedA);
        QVERIFY(takeoverMs >= kSessionTimeoutMs - 400); // not before its session could have run out

        // The pictures: the timeline (bands under the lanes) and the Consumers dock showing
        // every group.
        w.consumersPanel()->tabs()->setCurrentIndex(1);
        // Long enough after the takeover for kcat-b's new stretch to be seen in the picture.
        QTRY_VERIFY(timeline.historyNow() - spans.back().fromMs >= 1500);
        QVERIFY(test::settleWindow(w));
        const QString dir = test::outputDirectory();
        QVERIFY(test::grab(w.timeline()).save(dir + QStringLiteral("/groups-kcat-timeline.png")));
        QVERIFY(test::grab(w.dock(QStringLiteral("consumersDock")))
                    .save(dir + QStringLiteral("/groups-kcat-consumers.png")));
        QVERIFY(test::grab(&w).save(dir + QStringLiteral("/groups-kcat-window.png")));
        qInfo("pictures in %s", qPrintable(dir));
        b.stop();
    }
};

QTEST_MAIN(TestGroupsKcat)
#include "tst_groups_kcat.moc"
