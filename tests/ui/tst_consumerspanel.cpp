// The consumers panel over the fake broker: start a group of two on the selected topic, see
// each member's partitions, positions, commits and lag; kill one (no commit) and watch the
// other take its partitions and get its uncommitted records again; restart it and see it
// resume from the committed offset. Commits happen only on revocation and clean stops here,
// so every number in the pictures is deterministic.

#include "AppFixture.h"
#include "UiTestSupport.h"
#include "core/ConsumerManager.h"
#include "core/MemberNames.h"
#include "core/timeline/TimelineModel.h"
#include "ui/Style.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/GroupTreeModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

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

    // Issue 14: a consumer restarted before its killed self's session ran out. That killed
    // membership still holds orders[2] (nobody reads it) until its session ends; the row said
    // nothing of it. Now the consumer has a child row per partition it holds, after its own:
    // "partition 2 held by billing #2 (old) · killed · 4 s", counting down as the lanes do, its
    // tooltip saying what and how long; the consumer's tooltip says it too. At the timeout:
    // "… · timed out · rebalancing"; once handed over the row is gone.
    void aRebalancingConsumerSaysWhatTheGroupWaitsFor()
    {
        // billing #1 killed and restarted at once: its earlier membership holds P0, P1 for its
        // session; billing #2 holds nothing meanwhile and rebalances. Its tooltip says why.
        const TopicPartition p0{QStringLiteral("orders"), 0}, p1{QStringLiteral("orders"), 1};
        ConsumerStatus one;
        one.consumerId = QStringLiteral("billing #1");
        one.groupId = QStringLiteral("billing");
        one.topics = {p0.topic};
        one.state = ConsumerStatus::State::Rebalancing;
        EarlierSession earlier;
        earlier.memberId = QStringLiteral("billing #1-member-1");
        earlier.kept = {p0, p1};
        earlier.sessionTimeoutMs = 6000;
        earlier.sessionRemainingMs = 3200; // "4 s"
        one.earlierMemberIds = {earlier.memberId};
        one.earlierSessions = {earlier};
        ConsumerStatus two = one;
        two.consumerId = QStringLiteral("billing #2");
        two.earlierMemberIds.clear();
        two.earlierSessions.clear();
        ConsumerTreeModel dock;
        dock.setStatuses({one, two});
        QCOMPARE(dock.index(1, ConsumerTreeModel::NameColumn).data().toString(), two.consumerId);
        const QString tip = dock.index(1, ConsumerTreeModel::StateColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("the group waits for billing #1's killed membership (before its "
                                             "restart): it holds orders[0], orders[1] for 4 more s")),
                 qPrintable(tip));
        // Once that session is over, nothing to wait for is claimed.
        one.earlierSessions.front().sessionRemainingMs = 0;
        dock.setStatuses({one, two});
        QVERIFY(!dock.index(1, ConsumerTreeModel::StateColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("waits for")));
    }

    void anEarlierMembershipHasItsRows()
    {
        const TopicPartition p1{QStringLiteral("orders"), 1}, p2{QStringLiteral("orders"), 2};
        ConsumerStatus s;
        s.consumerId = QStringLiteral("billing #2");
        s.groupId = QStringLiteral("billing");
        s.topics = {p1.topic};
        s.state = ConsumerStatus::State::Running;
        s.assignment = {p1};
        s.positions[p1] = 120;
        s.committed[p1] = 100;
        s.highWatermarks[p1] = 130;
        s.committed[p2] = 365;
        EarlierSession earlier;
        earlier.memberId = QStringLiteral("billing #2-member-1");
        earlier.kept = {p2};
        earlier.sessionTimeoutMs = 6000;
        earlier.sessionRemainingMs = 3200; // "4 s"
        s.earlierMemberIds = {earlier.memberId};
        s.earlierSessions = {earlier};
        ConsumerTreeModel dock;
        QAbstractItemModelTester tester(&dock, QAbstractItemModelTester::FailureReportingMode::QtTest);
        dock.setStatuses({s});
        const QModelIndex row = dock.index(0, 0);
        const auto cell = [&](int child, int column, int role = Qt::DisplayRole) {
            return dock.index(child, column, row).data(role);
        };
        QCOMPARE(dock.rowCount(row), 2);
        QCOMPARE(cell(0, ConsumerTreeModel::NameColumn).toString(), QStringLiteral("partition 1"));
        QCOMPARE(cell(0, 0, ConsumerTreeModel::EarlierRole).toBool(), false);
        // One line (the panel spans it over the row), the membership named as on the lanes.
        const QString old = briefEarlierMemberName(s.consumerId);
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn).toString(),
                 QStringLiteral("partition 2 held by %1 · killed · 4 s").arg(old));
        for (int column = ConsumerTreeModel::StateColumn; column < ConsumerTreeModel::ColumnCount; ++column)
            QCOMPARE(cell(1, column).toString(), QString());
        QCOMPARE(cell(1, 0, ConsumerTreeModel::EarlierRole).toBool(), true);
        QCOMPARE(cell(1, 0, ConsumerTreeModel::PartitionRole).toInt(), 2);
        QCOMPARE(cell(1, 0, ConsumerTreeModel::ConsumerIdRole).toString(), s.consumerId); // selects billing #2
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn, Qt::ForegroundRole).value<QColor>(),
                 style::toneColor(style::Tone::Muted, QApplication::palette()));
        const QString held = QStringLiteral("its membership before the restart was killed and still holds "
                                            "orders[2]: nobody reads it for 4 more s (its session timeout), then the "
                                            "group hands it over");
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("billing #2 before its restart: orders[2]\n") + held);
        const QString tip = dock.index(0, ConsumerTreeModel::NameColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(held), qPrintable(tip));

        // In the panel, at the Consumers dock's width at 1024x700: the line spans the row, whole.
        ConsumerManager manager;
        ConsumersPanel panel(&manager);
        panel.resize(352, 260);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.model()->updateStatus(s);
        const QModelIndex shown = panel.model()->index(1, 0, panel.model()->index(0, 0));
        QVERIFY(panel.view()->isFirstColumnSpanned(1, panel.model()->index(0, 0)));
        QTRY_VERIFY2(panel.view()->visualRect(shown).width() >=
                         panel.view()->fontMetrics().horizontalAdvance(shown.data().toString()) + 8,
                     qPrintable(QString::number(panel.view()->visualRect(shown).width())));

        // It counts down, then its session is over.
        s.earlierSessions.front().sessionRemainingMs = 1200;
        dock.updateStatus(s);
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn).toString(),
                 QStringLiteral("partition 2 held by %1 · killed · 2 s").arg(old));
        s.earlierSessions.front().sessionRemainingMs = 0;
        dock.updateStatus(s);
        QCOMPARE(dock.rowCount(row), 2);
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn).toString(),
                 QStringLiteral("partition 2 held by %1 · timed out · rebalancing").arg(old));
        QVERIFY2(cell(1, 0, Qt::ToolTipRole).toString().contains(QStringLiteral("session is over")),
                 qPrintable(cell(1, 0, Qt::ToolTipRole).toString()));

        // Handed over, here to billing #2 itself: its own rows only.
        s.earlierSessions.clear();
        s.assignment = {p1, p2};
        dock.updateStatus(s);
        QCOMPARE(dock.rowCount(row), 2);
        QCOMPARE(cell(1, ConsumerTreeModel::NameColumn).toString(), QStringLiteral("partition 2"));
        QCOMPARE(cell(1, 0, ConsumerTreeModel::EarlierRole).toBool(), false);
        QVERIFY(!dock.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("before the restart")));
    }

    // Issue 14: after the lesson's restarts the list held billing #1 … #8, most of them
    // stopped, the running ones somewhere among them. The consumers that run or still hold
    // partitions come first, those that are over after them, each in the order they were
    // started; one that stops moves down, one started again moves back up (moved, not reset:
    // the selection and what is expanded stay with it).
    void stoppedConsumersGoLast()
    {
        using State = ConsumerStatus::State;
        const TopicPartition p0{QStringLiteral("orders"), 0}, p1{QStringLiteral("orders"), 1};
        const auto make = [](int n, State state, std::vector<TopicPartition> assignment = {}) {
            ConsumerStatus s;
            s.consumerId = QStringLiteral("billing #%1").arg(n);
            s.groupId = QStringLiteral("billing");
            s.state = state;
            s.assignment = std::move(assignment);
            return s;
        };
        ConsumerStatus counting = make(5, State::Killed, {p1}); // killed, its session runs: it holds P1
        counting.sessionRemainingMs = 2000;
        ConsumerStatus handedOver = make(3, State::Killed); // killed, its session over
        handedOver.sessionRemainingMs = 0;
        ConsumerTreeModel dock;
        QAbstractItemModelTester tester(&dock, QAbstractItemModelTester::FailureReportingMode::QtTest);
        dock.setStatuses(
            {make(1, State::Stopped), make(2, State::Running, {p0}), handedOver, make(4, State::Running), counting});
        const auto order = [&] {
            QStringList out;
            for (int row = 0; row < dock.rowCount(); ++row)
                out << dock.index(row, 0).data().toString();
            return out.join(QStringLiteral(", "));
        };
        QCOMPARE(order(), QStringLiteral("billing #2, billing #4, billing #5, billing #1, billing #3"));
        QVERIFY(!ConsumerTreeModel::isOver(counting));
        QVERIFY(ConsumerTreeModel::isOver(handedOver));

        // billing #1 started again: back on top, moved with its selection; billing #2's
        // partition row still billing #2's.
        QSignalSpy moved(&dock, &QAbstractItemModel::rowsMoved);
        QSignalSpy reset(&dock, &QAbstractItemModel::modelReset);
        const QPersistentModelIndex one = dock.index(3, ConsumerTreeModel::StateColumn);
        const QPersistentModelIndex twoP0 = dock.index(0, 0, dock.index(0, 0));
        dock.updateStatus(make(1, State::Running));
        QCOMPARE(order(), QStringLiteral("billing #1, billing #2, billing #4, billing #5, billing #3"));
        QCOMPARE(moved.count(), 1);
        QCOMPARE(one.row(), 0);
        QCOMPARE(one.data().toString(), QStringLiteral("idle"));
        QCOMPARE(twoP0.parent().data().toString(), QStringLiteral("billing #2"));
        QCOMPARE(twoP0.data().toString(), QStringLiteral("partition 0"));

        // billing #2 stopped: after the running ones, before billing #3 (started after it).
        dock.updateStatus(make(2, State::Stopped));
        QCOMPARE(order(), QStringLiteral("billing #1, billing #4, billing #5, billing #2, billing #3"));
        // A new one joins the running ones; its partitions handed over, billing #5 goes down too.
        dock.updateStatus(make(6, State::Starting));
        QCOMPARE(order(), QStringLiteral("billing #1, billing #4, billing #5, billing #6, billing #2, billing #3"));
        counting.assignment.clear();
        counting.sessionRemainingMs = 0;
        dock.updateStatus(counting);
        QCOMPARE(order(), QStringLiteral("billing #1, billing #4, billing #6, billing #2, billing #3, billing #5"));
        QCOMPARE(reset.count(), 0);
    }

    // Issue 14: stopped members pile up in the list. Over a few, "Remove stopped" clears
    // them at once, the running ones staying on top; from the keyboard in the list, Ctrl+Delete
    // does the same and Delete removes the selected one (both in its context menu too).
    void removeStoppedClearsThePile()
    {
        test::FakeApp app(QSize(1024, 700));
        QVERIFY(app.backend->createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        QVERIFY(app.showAndConnect());
        QTRY_COMPARE(app.window->selectedTopic(), QStringLiteral("orders"));
        MainWindow &w = *app.window;
        ConsumerManager *manager = w.consumerManager();
        auto *panel = w.consumersPanel();
        test::child<QSpinBox>(panel, QStringLiteral("consumerCount"))->setValue(5);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("startConsumersButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(manager->activeCount(), 5, 5000);
        const auto id = [](int n) { return QStringLiteral("billing #%1").arg(n); };
        const auto order = [&] {
            QStringList out;
            for (int row = 0; row < panel->model()->rowCount(); ++row)
                out << panel->model()->index(row, 0).data().toString();
            return out.join(QStringLiteral(", "));
        };
        auto *button = test::child<QToolButton>(panel, QStringLiteral("removeStoppedButton"));
        auto *removeStopped = test::child<QAction>(panel, QStringLiteral("removeStoppedAction"));
        const int width = panel->width();
        QVERIFY(!button->isVisible());
        QVERIFY(!removeStopped->isEnabled());
        for (int n : {1, 2})
            manager->stop(id(n));
        QTRY_COMPARE(order(), QStringLiteral("billing #3, billing #4, billing #5, billing #1, billing #2"));
        // A stopped one selected: the hint offers what is enabled for it (Restart), not Kill.
        panel->selectConsumer(id(1));
        auto *hint = test::child<QLabel>(panel, QStringLiteral("consumerHint"));
        const auto hintText = [hint] { return hint->toolTip().isEmpty() ? hint->text() : hint->toolTip(); };
        QVERIFY(!test::child<QPushButton>(panel, QStringLiteral("killConsumerButton"))->isEnabled());
        QTRY_VERIFY2(hintText().contains(QStringLiteral("Restart (Ctrl+Shift+R)")), qPrintable(hintText()));
        QVERIFY2(!hintText().contains(QStringLiteral("Kill")), qPrintable(hintText()));
        // Two are not a pile yet: the list's menu offers them, the row of buttons does not.
        QVERIFY(!button->isVisible());
        QVERIFY(removeStopped->isEnabled());
        QVERIFY(panel->view()->actions().contains(removeStopped));
        QCOMPARE(panel->view()->contextMenuPolicy(), Qt::ActionsContextMenu);
        manager->stop(id(3));
        QTRY_COMPARE(order(), QStringLiteral("billing #4, billing #5, billing #1, billing #2, billing #3"));
        QTRY_VERIFY(button->isVisible());
        QCOMPARE(button->text(), QStringLiteral("Remove stopped"));
        QCOMPARE(removeStopped->text(), button->text());
        QVERIFY2(button->toolTip().startsWith(QStringLiteral("Remove the 3 consumers that no longer run")),
                 qPrintable(button->toolTip()));
        // Whole, at the list's bottom right corner at 1024x700 (where the stopped ones are), in a
        // strip under the rows: no row scrolls under it (over the viewport's corner it covered the
        // last row's Position, Committed and Lag). The dock keeps its width (in the row of buttons
        // it widened the dock).
        QVERIFY(button->width() >= button->sizeHint().width());
        const auto rect = [](const QRect &r) {
            return QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        };
        QTreeView *view = panel->view();
        QTRY_VERIFY2(!view->viewport()->geometry().intersects(button->geometry()),
                     qPrintable(rect(button->geometry())));
        const QRect viewport = view->viewport()->geometry(); // both in the view's coordinates
        const QRect over = button->geometry();
        QVERIFY2(view->rect().contains(over) && over.top() > viewport.bottom() && over.right() > viewport.right() - 12,
                 qPrintable(rect(over)));
        view->scrollToBottom();
        QModelIndex last = view->model()->index(view->model()->rowCount() - 1, 0);
        while (view->isExpanded(last) && view->model()->rowCount(last) > 0)
            last = view->model()->index(view->model()->rowCount(last) - 1, 0, last);
        for (int column = 0; column < view->model()->columnCount(); ++column) {
            const QRect cell = view->visualRect(last.siblingAtColumn(column));
            const QRect inView(view->viewport()->mapTo(view, cell.topLeft()), cell.size());
            QVERIFY2(!inView.intersects(over), qPrintable(rect(inView)));
        }
        QCOMPARE(panel->width(), width);

        // From the keyboard: Ctrl+Delete in the list.
        panel->selectConsumer(id(4));
        panel->view()->setFocus();
        QTRY_VERIFY(panel->view()->hasFocus());
        QTest::keyClick(panel->view(), Qt::Key_Delete, Qt::ControlModifier);
        QTRY_COMPARE(order(), QStringLiteral("billing #4, billing #5"));
        QCOMPARE(manager->activeCount(), 2);
        QTRY_VERIFY(!button->isVisible());
        QVERIFY(!removeStopped->isEnabled());
        QCOMPARE(panel->selectedConsumer(), id(4));
        // Delete removes the selected one (stopped cleanly first).
        QTest::keyClick(panel->view(), Qt::Key_Delete);
        QTRY_COMPARE(order(), QStringLiteral("billing #5"));
        // Both keys are in the list of shortcuts (F1 … Keyboard Shortcuts), which no menu shows.
        w.showShortcuts();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = test::child<QDialog>(&w, QStringLiteral("shortcutsDialog"))));
        auto *list = test::child<QTreeWidget>(dialog, QStringLiteral("shortcutList"));
        QMap<QString, QString> keysOf;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            keysOf[list->topLevelItem(i)->text(0)] = list->topLevelItem(i)->text(1);
        QCOMPARE(keysOf.value(QStringLiteral("Consumers list: Remove")), QStringLiteral("Del"));
        QCOMPARE(keysOf.value(QStringLiteral("Consumers list: Remove stopped")), QStringLiteral("Ctrl+Del"));
        dialog->reject();
        manager->stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(manager->activeCount(), 0, 5000);
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
