// The consumers panel over the fake broker: start a group of two on the selected topic, see
// each member's partitions, positions, commits and lag; kill one (no commit) and watch the
// other take its partitions and get its uncommitted records again; restart it and see it
// resume from the committed offset. Commits happen only on revocation and clean stops here,
// so every number in the pictures is deterministic.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/ConsumerManager.h"
#include "core/timeline/TimelineModel.h"
#include "ui/Style.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/GroupTreeModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeView>

using namespace tidemark;

namespace {

ConsumerStatus statusOf(MainWindow &w, const QString &id)
{
    return w.consumerManager()->status(id).value_or(ConsumerStatus{});
}

bool settledAt(MainWindow &w, const QString &id, size_t partitions, qint64 end)
{
    const ConsumerStatus s = statusOf(w, id);
    if (s.state != ConsumerStatus::State::Running || s.assignment.size() != partitions)
        return false;
    for (const TopicPartition &tp : s.assignment)
        if (s.positions.count(tp) == 0 || s.positions.at(tp) != end || s.unread(tp) != 0)
            return false;
    return true;
}

bool logged(EventsPane *pane, const QString &source, const QString &text)
{
    for (int i = 0; i < pane->model()->rowCount(); ++i) {
        const LogEntry &e = pane->model()->entryAt(i);
        if (e.source == source && e.message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class TestConsumersPanel final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    // Issue 14: one lag for one group at one moment. The dock, the lane labels and the legend
    // all say what Kafka says: end of the partition minus the group's committed offset (the
    // reviewer's moment at 1024: the dock said 118 + 86 from the positions while the legend said
    // 3,347). What the consumer has not read yet (end minus position) is only in the tooltip,
    // under that name.
    void dockAndTimelineShowOneLag()
    {
        const QString topic = QStringLiteral("orders");
        auto status = [&](const QString &id, std::vector<std::tuple<int, qint64, qint64, qint64>> parts) {
            ConsumerStatus s;
            s.consumerId = id;
            s.groupId = QStringLiteral("billing");
            s.state = ConsumerStatus::State::Running;
            s.topics = {topic};
            for (const auto &[partition, end, committed, position] : parts) {
                const TopicPartition tp{topic, partition};
                s.assignment.push_back(tp);
                s.highWatermarks[tp] = end;
                s.committed[tp] = committed;
                s.positions[tp] = position;
            }
            return s;
        };
        // (partition, end, committed, position): read far ahead of what was committed.
        const std::vector<ConsumerStatus> statuses{
            status(QStringLiteral("billing #1"), {{0, 2812, 1526, 2694}, {1, 1877, 1044, 1791}}),
            status(QStringLiteral("billing #2"), {{2, 1250, 900, 1000}})};

        ConsumerTreeModel dock;
        dock.setStatuses(statuses);
        TimelineModel timeline;
        timeline.setTopic(topic);
        timeline.setPartitions({PartitionInfo{0, 0, {}, {}, 0, 2812, {}}, PartitionInfo{1, 0, {}, {}, 0, 1877, {}},
                                PartitionInfo{2, 0, {}, {}, 0, 1250, {}}});
        timeline.setConsumers(statuses);

        const QLocale locale;
        const auto number = [&](const QModelIndex &index) {
            bool ok = false;
            const qint64 n = locale.toLongLong(index.data().toString(), &ok);
            return ok ? n : qint64(-1);
        };
        // The dock: 1,286 + 833 for billing #1, 350 for billing #2.
        const QModelIndex first = dock.index(0, 0);
        QCOMPARE(number(dock.index(0, ConsumerTreeModel::LagColumn, first)), qint64(2812 - 1526));
        QCOMPARE(number(dock.index(1, ConsumerTreeModel::LagColumn, first)), qint64(1877 - 1044));
        QCOMPARE(number(dock.index(0, ConsumerTreeModel::LagColumn)), qint64(1286 + 833));
        QCOMPARE(number(dock.index(1, ConsumerTreeModel::LagColumn)), qint64(350));
        // The lanes' lag labels say the same per partition ...
        const TimelineFrame frame = timeline.frame(timeline.now());
        std::map<int, qint64> laneLag;
        for (const TimelineLagSpan &span : frame.lags)
            laneLag[timeline.partitionOfLane(span.lane)] = span.lag;
        QCOMPARE(laneLag, (std::map<int, qint64>{{0, 1286}, {1, 833}, {2, 350}}));
        // ... and the legend the sum of the dock's rows.
        const auto groups = timeline.groups();
        QCOMPARE(groups.size(), size_t(1));
        QCOMPARE(groups.front().totalLag, number(dock.index(0, ConsumerTreeModel::LagColumn)) +
                                              number(dock.index(1, ConsumerTreeModel::LagColumn)));
        // The position-based number is in the tooltip, named for what it is.
        const QString tip = dock.index(0, ConsumerTreeModel::LagColumn, first).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Lag 1,286")) &&
                     tip.contains(QStringLiteral("not read yet by billing #1: 118")),
                 qPrintable(tip));
        // Nothing committed yet: unknown, as kafka-consumer-groups.sh says ("-").
        ConsumerStatus fresh = statuses[1];
        fresh.committed.clear();
        dock.updateStatus(fresh);
        QCOMPARE(dock.index(1, ConsumerTreeModel::LagColumn).data().toString(), QString());
        QCOMPARE(dock.index(0, ConsumerTreeModel::LagColumn, dock.index(1, 0)).data().toString(), QStringLiteral("–"));
    }

    // Issue 14: during its session a killed consumer still owns its partitions (the lesson):
    // the dock keeps its partition rows, greyed, with their growing lag (the row read "killed ·
    // 5 s | (blank)" while the lane said lag 156, then 373). Once the session ran out and until
    // the takeover: "timed out · rebalancing" (it said plain "killed" for a second). Then the
    // partitions are the new owner's.
    void killedConsumerKeepsItsPartitionRows()
    {
        const TopicPartition tp{QStringLiteral("orders"), 2};
        ConsumerStatus s;
        s.consumerId = QStringLiteral("billing #2");
        s.groupId = QStringLiteral("billing");
        s.topics = {tp.topic};
        s.state = ConsumerStatus::State::Running;
        s.assignment = {tp};
        s.highWatermarks[tp] = 521;
        s.committed[tp] = 365;
        s.positions[tp] = 365;
        ConsumerTreeModel dock;
        dock.setStatuses({s});
        const auto cell = [&](int column, const QModelIndex &parent = {}) {
            return dock.index(0, column, parent).data().toString();
        };
        const QModelIndex row = dock.index(0, 0);
        QCOMPARE(dock.rowCount(row), 1);

        s.state = ConsumerStatus::State::Killed;
        s.sessionTimeoutMs = 6000;
        s.sessionRemainingMs = 4200;
        dock.updateStatus(s);
        QCOMPARE(cell(ConsumerTreeModel::StateColumn), QStringLiteral("killed · 5 s"));
        QCOMPARE(dock.rowCount(row), 1);
        QCOMPARE(cell(ConsumerTreeModel::NameColumn, row), QStringLiteral("partition 2"));
        QCOMPARE(cell(ConsumerTreeModel::LagColumn, row), QStringLiteral("156"));
        QCOMPARE(cell(ConsumerTreeModel::LagColumn), QStringLiteral("156"));
        // Greyed: nobody reads it.
        QCOMPARE(dock.index(0, ConsumerTreeModel::LagColumn, row).data(Qt::ForegroundRole).value<QColor>(),
                 style::toneColor(style::Tone::Muted, QApplication::palette()));
        // Its lag grows with the partition.
        s.highWatermarks[tp] = 738;
        s.sessionRemainingMs = 1200;
        dock.updateStatus(s);
        QCOMPARE(cell(ConsumerTreeModel::LagColumn, row), QStringLiteral("373"));
        QCOMPARE(cell(ConsumerTreeModel::LagColumn), QStringLiteral("373"));

        // The session ran out, the partition not handed over yet.
        s.sessionRemainingMs = 0;
        dock.updateStatus(s);
        QCOMPARE(cell(ConsumerTreeModel::StateColumn), QStringLiteral("timed out · rebalancing"));
        QCOMPARE(dock.rowCount(row), 1);
        QCOMPARE(cell(ConsumerTreeModel::LagColumn), QStringLiteral("373"));

        // Taken over: the rows go to the new owner.
        s.assignment.clear();
        dock.updateStatus(s);
        QCOMPARE(cell(ConsumerTreeModel::StateColumn), QStringLiteral("killed"));
        QCOMPARE(dock.rowCount(row), 0);
        QCOMPARE(cell(ConsumerTreeModel::LagColumn), QString());
    }

    void startKillRestart()
    {
        test::FakeApp app;
        ConsumerOptions options = app.window->consumerManager()->defaultOptions();
        options.commitIntervalMs = 600000; // commit on revoke and clean stop only
        app.window->consumerManager()->setDefaultOptions(options);
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        MainWindow &w = *app.window;
        auto *panel = w.consumersPanel();
        auto *group = test::child<QLineEdit>(panel, QStringLiteral("groupId"));
        QCOMPARE(group->text(), QStringLiteral("billing"));
        QCOMPARE(test::child<QSpinBox>(panel, QStringLiteral("consumerCount"))->value(), 2);
        // A session timeout long enough to watch the killed consumer keep its partition.
        test::child<QSpinBox>(panel, QStringLiteral("sessionTimeout"))->setValue(3);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("startConsumersButton")), Qt::LeftButton);
        const QString one = QStringLiteral("billing #1"), two = QStringLiteral("billing #2");
        QTRY_VERIFY_WITH_TIMEOUT(settledAt(w, one, 2, 0) && settledAt(w, two, 1, 0), 5000);
        QCOMPARE(panel->model()->consumerCount(), 2);

        // 100 records per partition, all consumed, nothing committed yet.
        std::vector<OutgoingRecord> records(300);
        for (int i = 0; i < 300; ++i) {
            records[size_t(i)].partition = i % 3;
            records[size_t(i)].key = QByteArray::number(i);
            records[size_t(i)].value = "{}";
        }
        QVERIFY(app.backend->produce(QStringLiteral("orders"), records, {}).ok());
        QTRY_VERIFY_WITH_TIMEOUT(settledAt(w, one, 2, 100) && settledAt(w, two, 1, 100), 5000);
        QCOMPARE(statusOf(w, one).recordsConsumed, qint64(200));
        QCOMPARE(statusOf(w, two).recordsConsumed, qint64(100));
        QVERIFY(statusOf(w, two).committed.empty());
        panel->selectConsumer(two);
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(w.dock(QStringLiteral("consumersDock")), QStringLiteral("consumers-running"));

        // Kill #2 (the selected one) with its shortcut: no commit, no leave.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(statusOf(w, two).state, ConsumerStatus::State::Killed);
        // Until its session expires it keeps partition 2: the countdown (the app's clock stands
        // still here) in the State column and the hint, the takeover still to come.
        QCOMPARE(statusOf(w, two).sessionSecondsLeft(), 3);
        QCOMPARE(statusOf(w, two).assignment.size(), size_t(1));
        QVERIFY2(test::child<QLabel>(panel, QStringLiteral("consumerHint"))
                     ->text()
                     .contains(QStringLiteral("it keeps orders[2] for 3 s more (its session timeout)")),
                 qPrintable(test::child<QLabel>(panel, QStringLiteral("consumerHint"))->text()));
        QVERIFY(logged(w.eventsPane(), two, QStringLiteral("keeps orders[2] until its session timeout of 3 s")));
        QVERIFY(!logged(w.eventsPane(), one, QStringLiteral("took orders[2] over")));
        QVERIFY(app.settle());
        if (statusOf(w, one).assignment.size() == 2) // (the fake broker's 3 s may run out first on a slow machine)
            TIDEMARK_COMPARE_SCREENSHOT(w.dock(QStringLiteral("consumersDock")),
                                        QStringLiteral("consumers-killed-countdown"));
        // After the session timeout #1 owns all three and got #2's 100 records again.
        QTRY_VERIFY_WITH_TIMEOUT(settledAt(w, one, 3, 100), 10000);
        QVERIFY(logged(w.eventsPane(), one, QStringLiteral("took orders[2] over from billing #2")));
        QCOMPARE(statusOf(w, two).sessionSecondsLeft(), 0);
        QTRY_COMPARE(statusOf(w, one).recordsRedelivered, qint64(100));
        QCOMPARE(statusOf(w, one).recordsConsumed, qint64(300));
        QVERIFY(logged(w.eventsPane(), one, QStringLiteral("re-delivered orders[2] from offset 0:")));
        QVERIFY(logged(w.eventsPane(), two, QStringLiteral("killed")));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(w.dock(QStringLiteral("consumersDock")), QStringLiteral("consumers-after-kill"));

        // Restart #2: #1 commits what it gives up, #2 resumes exactly there.
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("restartConsumerButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settledAt(w, one, 2, 100) && settledAt(w, two, 1, 100), 5000);
        const ConsumerStatus restarted = statusOf(w, two);
        QCOMPARE(restarted.committed.at(TopicPartition{QStringLiteral("orders"), 2}), qint64(100));
        QCOMPARE(restarted.recordsRedelivered, qint64(0));
        QVERIFY(logged(w.eventsPane(), two, QStringLiteral("resumes orders[2] at offset 100, the committed offset")));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(w.dock(QStringLiteral("consumersDock")), QStringLiteral("consumers-restarted"));

        // Stop commits and leaves; Remove forgets.
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("stopConsumerButton")), Qt::LeftButton);
        QTRY_COMPARE(statusOf(w, two).state, ConsumerStatus::State::Stopped);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("removeConsumerButton")), Qt::LeftButton);
        QTRY_COMPARE(panel->model()->consumerCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(settledAt(w, one, 3, 100), 5000);
    }

    // Issue 13: a group with no member in the app is still a group of the topic. One whose
    // member is a client outside the app (a consumer on the broker, not the manager's) shows
    // with that member's client id, host, member id and partitions; when it leaves, the group
    // stays (empty) with its committed offsets and lag.
    void groupsOutsideTheApp()
    {
        test::FakeApp app;
        const QString topic = QStringLiteral("orders");
        QVERIFY(app.backend->createTopic(TopicSpec{topic, 3, 1, {}}).ok());
        std::vector<OutgoingRecord> records(30);
        for (int i = 0; i < 30; ++i) {
            records[size_t(i)].partition = i % 3;
            records[size_t(i)].value = "{}";
        }
        QVERIFY(app.backend->produce(topic, records, {}).ok());
        ConsumerConfig config;
        config.groupId = QStringLiteral("external");
        config.topics = {topic};
        config.clientId = QStringLiteral("kcat-like");
        auto consumer = app.backend->createConsumer(config);
        QVERIFY(consumer.ok());
        for (int i = 0; i < 20 && (*consumer)->assignment().size() < 3; ++i)
            QVERIFY((*consumer)->poll(50).ok());
        QCOMPARE((*consumer)->assignment().size(), size_t(3));
        QVERIFY((*consumer)->commit({{TopicPartition{topic, 0}, 4}, {TopicPartition{topic, 1}, 10}}).ok());

        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), topic);
        ConsumersPanel *panel = app.window->consumersPanel();
        GroupTreeModel *groups = panel->groupModel();
        QTRY_COMPARE(groups->groupCount(), 1);
        QCOMPARE(panel->model()->consumerCount(), 0); // none of the app's own
        const QModelIndex group = groups->index(0, 0);
        QCOMPARE(group.data(GroupTreeModel::GroupIdRole).toString(), QStringLiteral("external"));
        QCOMPARE(group.data().toString(), QStringLiteral("external (generation %1)").arg((*consumer)->generation()));
        QCOMPARE(groups->index(0, GroupTreeModel::StateColumn).data().toString(), QStringLiteral("stable"));
        // Each column holds what its header says: committed offsets only on partition rows (a
        // count of partitions under "Committed" read as an offset), the member's partitions as
        // the rows under it, its member id in its tooltip, not cut in the State column.
        QCOMPARE(groups->index(0, GroupTreeModel::CommittedColumn).data().toString(), QString());
        QVERIFY(
            group.data(Qt::ToolTipRole).toString().contains(QStringLiteral("committed offsets on 2 of 3 partitions")));
        QCOMPARE(groups->index(0, GroupTreeModel::LagColumn).data().toString(), QStringLiteral("6"));
        QCOMPARE(groups->rowCount(group), 1);
        const QModelIndex member = groups->index(0, 0, group);
        QCOMPARE(member.data().toString(), QStringLiteral("kcat-like (localhost)"));
        QCOMPARE(groups->index(0, GroupTreeModel::StateColumn, group).data().toString(), QString());
        QCOMPARE(groups->index(0, GroupTreeModel::CommittedColumn, group).data().toString(), QString());
        QVERIFY(member.data(Qt::ToolTipRole).toString().contains((*consumer)->memberId()));
        QCOMPARE(groups->rowCount(member), 3);
        QCOMPARE(groups->index(1, GroupTreeModel::CommittedColumn, member).data().toString(), QStringLiteral("10"));
        QCOMPARE(groups->index(1, GroupTreeModel::LagColumn, member).data().toString(), QStringLiteral("0"));
        QCOMPARE(groups->index(2, GroupTreeModel::CommittedColumn, member).data().toString(), QStringLiteral("–"));
        QVERIFY(test::child<QTreeView>(panel, QStringLiteral("groupView"))->isExpanded(member));
        QCOMPARE(panel->tabs()->tabText(1), QStringLiteral("All groups (1)"));

        // It leaves: the group stays, empty, its partitions with a commit under it.
        (*consumer)->close();
        QTRY_COMPARE(groups->index(0, GroupTreeModel::StateColumn).data().toString(), QStringLiteral("empty"));
        QCOMPARE(groups->rowCount(groups->index(0, 0)), 2);
        QCOMPARE(groups->index(0, 0, groups->index(0, 0)).data().toString(), QStringLiteral("partition 0"));
        QCOMPARE(groups->index(0, GroupTreeModel::StateColumn, groups->index(0, 0)).data().toString(),
                 QStringLiteral("no owner"));
        QCOMPARE(groups->index(0, GroupTreeModel::LagColumn).data().toString(), QStringLiteral("6"));
    }

    void startNeedsATopic()
    {
        test::FakeApp app;
        QVERIFY(app.showAndConnect());
        auto *start = test::child<QPushButton>(app.window->consumersPanel(), QStringLiteral("startConsumersButton"));
        QVERIFY(!start->isEnabled());
        QVERIFY(test::child<QLabel>(app.window->consumersPanel(), QStringLiteral("consumerHint"))
                    ->text()
                    .contains(QStringLiteral("Select a topic")));
    }
};

QTEST_MAIN(TestConsumersPanel)
#include "tst_consumerspanel.moc"
