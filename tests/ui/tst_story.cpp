// The whole story of issue 5 on the real built-in broker, driven like a new user would:
// the window opens on the built-in broker; create a topic of 3 partitions; send a keyed
// order; generate 1,000 more; start a group of two consumers; kill one and watch the other
// take over; restart it and see it resume from the committed offset. Screenshots at each
// step; where a number legitimately depends on thread timing (how many records each member
// happened to read, the order of rebalance events) the picture masks it and the test
// asserts the invariant instead.

#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "core/Order.h"
#include "core/timeline/TimelineModel.h"
#include "ui/dialogs/CreateTopicDialog.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/models/EventLogModel.h"
#include "ui/models/TopicListModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/MessageInspector.h"
#include "ui/panels/ProducerPanel.h"
#include "ui/panels/TopicBrowser.h"
#include "ui/timeline/TimelineView.h"

#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTreeView>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kOne = QStringLiteral("billing #1");
const QString kTwo = QStringLiteral("billing #2");

ConsumerStatus statusOf(MainWindow &w, const QString &id)
{
    return w.consumerManager()->status(id).value_or(ConsumerStatus{});
}

// The panel's Start button pressed (a group of two on the three partitions, both with some),
// then `count` records written round the partitions and read by the two.
void startTwoAndConsume(test::LocalApp &app, ConsumersPanel *panel, int count)
{
    MainWindow &w = *app.window;
    QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("startConsumersButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(w, kOne).assignment.size() + statusOf(w, kTwo).assignment.size() == 3 &&
                                 !statusOf(w, kTwo).assignment.empty(),
                             20000);
    std::vector<OutgoingRecord> records(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        records[size_t(i)].partition = i % 3;
    QVERIFY(app.backend().produce(kTopic, records, {}).ok());
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kOne).recordsConsumed + statusOf(w, kTwo).recordsConsumed, qint64(count),
                              20000);
}

qint64 high(Backend &b, int partition) { return b.watermarks({kTopic, partition}).valueOr({}).high; }

// Running, holding exactly `partitions`, caught up and committed to the end of each.
bool caughtUp(MainWindow &w, Backend &b, const QString &id, const std::vector<int> &partitions)
{
    const ConsumerStatus s = statusOf(w, id);
    if (s.state != ConsumerStatus::State::Running || s.assignment.size() != partitions.size())
        return false;
    for (size_t i = 0; i < partitions.size(); ++i) {
        const TopicPartition tp{kTopic, partitions[i]};
        if (s.assignment[i] != tp)
            return false;
        const qint64 end = high(b, partitions[i]);
        if (s.positions.count(tp) == 0 || s.positions.at(tp) != end)
            return false;
        if (s.committed.count(tp) == 0 || s.committed.at(tp) != end)
            return false;
    }
    return true;
}

QString describe(MainWindow &w, Backend &b)
{
    QStringList out;
    for (int p = 0; p < 3; ++p)
        out << QStringLiteral("hw[%1]=%2").arg(p).arg(high(b, p));
    for (const ConsumerStatus &s : w.consumerManager()->statuses()) {
        QStringList parts;
        for (const TopicPartition &tp : s.assignment)
            parts << QStringLiteral("%1 pos %2 com %3")
                         .arg(tp.toString())
                         .arg(s.positions.count(tp) ? s.positions.at(tp) : -1)
                         .arg(s.committed.count(tp) ? s.committed.at(tp) : -1);
        out << QStringLiteral("%1 %2 gen %3 [%4] %5")
                   .arg(s.consumerId, consumerStateName(s.state))
                   .arg(s.generation)
                   .arg(parts.join(QStringLiteral("; ")), s.lastError);
    }
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->rowCount(); ++i)
        out << m->entryAt(i).source + QStringLiteral(": ") + m->entryAt(i).message;
    return out.join(QLatin1Char('\n'));
}

bool logged(MainWindow &w, const QString &source, const QString &text)
{
    EventLogModel *m = w.eventsPane()->model();
    for (int i = 0; i < m->totalCount() && i < m->rowCount(); ++i)
        if (m->entryAt(i).source == source && m->entryAt(i).message.contains(text))
            return true;
    return false;
}

// What legitimately varies between runs: per-member counts, commit timing, event order.
QList<QRect> volatileAreas(MainWindow &w, bool committedToo)
{
    QList<QRect> rects;
    QTreeView *tree = w.consumersPanel()->view();
    auto column = [&](int c) {
        const QRect header(tree->header()->sectionViewportPosition(c), 0, tree->header()->sectionSize(c),
                           tree->viewport()->height());
        return test::rectIn(&w, tree->viewport(), header);
    };
    rects << column(ConsumerTreeModel::ConsumedColumn);
    if (committedToo)
        rects << column(ConsumerTreeModel::CommittedColumn);
    if (w.eventsPane()->isVisible()) { // it may sit behind the inspector's tab
        rects << test::rectIn(&w, w.eventsPane()->view()->viewport());
        rects << test::rectIn(&w, test::child<QLabel>(w.eventsPane(), QStringLiteral("eventCount")));
    }
    return rects;
}

} // namespace

class TestStory final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void newUserStory()
    {
        // As the real app starts (main.cpp): with the Broker menu's "Serve Kafka Clients". The
        // user guide shows these pictures.
        test::LocalApp app(QSize(1280, 800), std::nullopt, false, QStringLiteral("en"), true);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(w.connectionStatusText().contains(QStringLiteral("Connected · Local: ") + test::shownDataDirectory()));
        QCOMPARE(w.topicBrowser()->model()->rowCount(), 0);
        QVERIFY(test::child<QLabel>(&w, QStringLiteral("topicStatus"))->text().contains(QStringLiteral("Create one")));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(&w, QStringLiteral("story-1-start"));

        // Create a topic of 3 partitions (Ctrl+N, type, Create).
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_N, Qt::ControlModifier);
        QPointer<CreateTopicDialog> dialog;
        QTRY_VERIFY((dialog = test::child<CreateTopicDialog>(&w, QStringLiteral("createTopicDialog"))));
        QTest::keyClicks(test::child<QLineEdit>(dialog, QStringLiteral("topicName")), kTopic);
        QCOMPARE(test::child<QSpinBox>(dialog, QStringLiteral("topicPartitions"))->value(), 3);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QCOMPARE(app.backend().describeTopic(kTopic)->partitionCount, 3);

        // Send the keyed order the form starts with (user 00042), where the preview says.
        ProducerPanel *producer = w.producerPanel();
        const int expected = *hashPartition(PartitionerKind::Murmur2, QByteArray("00042"), 3);
        QCOMPARE(producer->previewText(), QStringLiteral("key 00042 → murmur2 → partition %1").arg(expected));
        QSignalSpy produced(producer, &ProducerPanel::produced);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("sendButton")), Qt::LeftButton);
        QTRY_COMPARE(produced.count(), 1);
        auto sent = app.backend().fetch({kTopic, expected}, 0, 1);
        QVERIFY(sent.ok() && sent->size() == 1);
        QCOMPARE(*sent->front().key, QByteArray("00042"));
        QCOMPARE(parseOrder(*sent->front().value)->orderId, QStringLiteral("0001"));

        // Generate 1,000 more at full speed.
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(1000);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(0);
        QSignalSpy jobs(producer, &ProducerPanel::jobFinished);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(jobs.wait(30000));
        QCOMPARE(jobs.at(0).at(0).value<ProducerJobResult>().sent, qint64(1000));
        QTRY_COMPARE(w.topicBrowser()->topicInfo(kTopic).value_or(TopicInfo{}).recordCount, qint64(1001));
        w.selectRecord(kTopic, expected, 0);
        QTRY_VERIFY(w.inspector()->record() && w.inspector()->record()->offset == 0);
        QVERIFY(w.inspector()->valueText().contains(QStringLiteral("\"user_id\": \"00042\"")));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(&w, QStringLiteral("story-2-produced"));

        // Start a group of two: #1 gets partitions 0 and 1, #2 gets 2 (range, by member id);
        // both catch up and commit.
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("startConsumersButton")),
                          Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(caughtUp(w, app.backend(), kOne, {0, 1}) && caughtUp(w, app.backend(), kTwo, {2}),
                                  qPrintable(describe(w, app.backend())), 20000);
        QVERIFY(statusOf(w, kOne).recordsConsumed + statusOf(w, kTwo).recordsConsumed >= 1001);
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w, false)), QStringLiteral("story-3-group"));

        // Kill #2 (Ctrl+Shift+K on the selected consumer): #1 takes partition 2 over and
        // continues from its committed offset.
        w.consumersPanel()->selectConsumer(kTwo);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Killed);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), kOne, {0, 1, 2}), 20000);
        QVERIFY(logged(w, kTwo, QStringLiteral("killed: no commit, no leave")));
        // New orders now all go to #1.
        const qint64 oneBefore = statusOf(w, kOne).recordsConsumed;
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(300);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(jobs.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), kOne, {0, 1, 2}), 20000);
        QVERIFY(statusOf(w, kOne).recordsConsumed >= oneBefore + 300);
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w, false)), QStringLiteral("story-4-killed"));

        // Restart #2: it rejoins, gets partition 2 back and resumes at the committed offset.
        const qint64 committedBefore = high(app.backend(), 2);
        // (Re-deliveries so far are real: the built-in broker hands a partition over before
        // the old owner can commit it, so up to one commit interval is read twice.)
        const qint64 againBefore = statusOf(w, kTwo).recordsRedelivered;
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("restartConsumerButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(caughtUp(w, app.backend(), kOne, {0, 1}) && caughtUp(w, app.backend(), kTwo, {2}),
                                 20000);
        QVERIFY(logged(w, kTwo,
                       QStringLiteral("resumes orders[2] at offset %1, the committed offset").arg(committedBefore)));
        QCOMPARE(statusOf(w, kTwo).recordsRedelivered, againBefore); // nothing read twice on resume
        auto group = app.backend().describeGroup(QStringLiteral("billing"));
        QVERIFY(group.ok());
        QCOMPARE(group->members.size(), size_t(2));
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_IMAGE(test::grabMasked(&w, volatileAreas(w, false)), QStringLiteral("story-5-restarted"));
    }

    // Issue 14: the line under the consumers tells the group's latest moment, with what was read
    // again since that moment only. It said "billing #1 got 100 records again after a kill" from
    // the first takeover on, through the killed member's restart and every later kill (the
    // statuses count for a consumer's whole life), and "Kill one" after a takeover that had
    // nothing to read twice. On the real built-in broker, at 1024x700 (the line whole there).
    void hintTellsTheLatestMoment()
    {
        ConsumerOptions options = test::fastConsumerOptions();
        options.commitIntervalMs = 600000; // commits on revoke and clean stop only: a kill leaves records
        test::LocalApp app(QSize(1024, 700), options);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        ConsumersPanel *panel = w.consumersPanel();
        auto *hint = test::child<QLabel>(panel, QStringLiteral("consumerHint"));
        // Whole: the line wraps within the room the dock keeps for it. (Waited for below: the line is
        // fitted to the label's width, again once the dock's layout settled after a change.)
        const auto whole = [&] {
            const QRect room = hint->contentsRect();
            return hint->isVisible() && hint->heightForWidth(room.width()) <= room.height() + 1;
        };
        const auto settled = [&](const QString &id) { // running, read and committed to each end (nothing to redeliver)
            const ConsumerStatus s = statusOf(w, id);
            if (s.state != ConsumerStatus::State::Running || s.assignment.empty())
                return false;
            for (const TopicPartition &tp : s.assignment)
                if (s.positions.count(tp) == 0 || s.positions.at(tp) != high(app.backend(), tp.partition) ||
                    s.committed.count(tp) == 0 || s.committed.at(tp) != s.positions.at(tp))
                    return false;
            return true;
        };
        const auto partitionsOf = [&](const QString &id) {
            QStringList parts;
            for (const TopicPartition &tp : statusOf(w, id).assignment)
                parts << tp.toString();
            return parts.join(QStringLiteral(", "));
        };
        startTwoAndConsume(app, panel, 300);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(hint->text().startsWith(QStringLiteral("Kill one (Ctrl+Shift+K)")), qPrintable(hint->text()));

        // Kill #2 with records it never committed: #1 takes them over after the session
        // timeout and reads them again.
        const qint64 uncommitted = 100 * qint64(statusOf(w, kTwo).assignment.size());
        panel->selectConsumer(kTwo);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("killConsumerButton")), Qt::LeftButton);
        QTRY_COMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Killed);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kOne).assignment.size(), size_t(3), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kOne).recordsRedelivered, uncommitted, 20000);
        QTRY_COMPARE(hint->text(), QStringLiteral("billing #1 got %1 records again after billing #2 was killed: "
                                                  "processed, but never committed.")
                                       .arg(uncommitted));
        QTRY_VERIFY(whole());

        // Restart #2: the redelivery is over; the line tells the restart.
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("restartConsumerButton")), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(settled(kTwo) && statusOf(w, kOne).state == ConsumerStatus::State::Running &&
                                      statusOf(w, kOne).assignment.size() + statusOf(w, kTwo).assignment.size() == 3,
                                  qPrintable(describe(w, app.backend())), 20000);
        QCOMPARE(statusOf(w, kOne).recordsRedelivered, uncommitted); // the status still counts it
        QVERIFY2(!hint->text().contains(QStringLiteral("again")), qPrintable(hint->text()));
        QTRY_COMPARE(hint->text(), QStringLiteral("billing #2 restarted: it resumes at the committed offset."));
        QTRY_VERIFY(whole());

        // Kill #2 again: it read nothing it did not commit. The line tells this takeover, not
        // the first one's count, and not "Kill one".
        const QString kept = partitionsOf(kTwo);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("killConsumerButton")), Qt::LeftButton);
        QTRY_COMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Killed);
        QTRY_VERIFY2(hint->text().contains(QStringLiteral("it keeps %1").arg(kept)), qPrintable(hint->text()));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kOne).assignment.size(), size_t(3), 20000);
        QTRY_COMPARE(
            hint->text(),
            QStringLiteral("billing #1 took %1 from billing #2: all committed, nothing read twice.").arg(kept));
        QTRY_VERIFY(whole());
        QCOMPARE(statusOf(w, kOne).recordsRedelivered, uncommitted);
        w.consumerManager()->stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(w.consumerManager()->activeCount(), 0, 20000);
    }

    // Issue 14's "too soon": billing #2 is killed, then restarted before its session ran out. Its
    // killed membership still holds its partitions; the line under the consumers went on with
    // "billing #2 restarted: it resumes at the committed offset." (it does not: nobody reads them
    // until the session expires) and the countdown was gone. Now it counts that session down,
    // as for a killed member, until the group hands the partitions over. The app's clock stands
    // still here: the seconds move when the test moves it.
    void hintCountsAnEarlierMembershipsSessionDown()
    {
        ConsumerOptions options = test::fastConsumerOptions();
        options.sessionTimeoutMs = 6000; // the checks run well within it
        test::LocalApp app(QSize(1024, 700), options);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        ConsumersPanel *panel = w.consumersPanel();
        auto *hint = test::child<QLabel>(panel, QStringLiteral("consumerHint"));
        const auto whole = [&] {
            const QRect room = hint->contentsRect();
            return hint->isVisible() && hint->heightForWidth(room.width()) <= room.height() + 1;
        };
        startTwoAndConsume(app, panel, 30);
        if (QTest::currentTestFailed())
            return;
        QStringList parts;
        for (const TopicPartition &tp : statusOf(w, kTwo).assignment)
            parts << tp.toString();
        const QString kept = parts.join(QStringLiteral(", "));
        panel->selectConsumer(kTwo);
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("killConsumerButton")), Qt::LeftButton);
        QTRY_COMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Killed);
        QTRY_VERIFY2(hint->text().contains(QStringLiteral("it keeps %1").arg(kept)), qPrintable(hint->text()));
        QTest::mouseClick(test::child<QPushButton>(panel, QStringLiteral("restartConsumerButton")), Qt::LeftButton);
        const QString countdown = QStringLiteral("billing #2 came back too soon: its killed membership keeps %1 for %2 "
                                                 "s more.");
        QTRY_COMPARE(panel->hintText(), countdown.arg(kept).arg(6));
        QTRY_VERIFY2(whole() && hint->text() == panel->hintText(), qPrintable(hint->text()));
        // Whichever member is selected: it is the group's moment.
        panel->selectConsumer(kOne);
        QTRY_COMPARE(panel->hintText(), countdown.arg(kept).arg(6));
        app.clock.advance(1000);
        QTRY_COMPARE(panel->hintText(), countdown.arg(kept).arg(5));
        QTRY_VERIFY2(whole() && hint->text() == panel->hintText(), qPrintable(hint->text()));
        // The broker's session runs out (its own clock): the group hands them over, and the line
        // tells that instead.
        QTRY_VERIFY2_WITH_TIMEOUT(
            panel->hintText().contains(QStringLiteral(" over from billing #2 (before its restart)")) ||
                panel->hintText().contains(QStringLiteral(" after billing #2 (before its restart) was killed")),
            qPrintable(panel->hintText() + u'\n' + describe(w, app.backend())), 20000);
        QTRY_VERIFY(whole());
        w.consumerManager()->stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(w.consumerManager()->activeCount(), 0, 20000);
    }

    // An offset reset while no member runs is the group's latest moment: the line under the
    // list says what happened and what to do ("The group billing's offsets were reset: start
    // it again to replay from there."), whole at 1024x700. It said only "No consumer runs:
    // restart one ...", as if nothing had happened.
    void hintTellsTheResetWhileStopped_data()
    {
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("back") << qint64(0)
                              << QStringLiteral(
                                     "The group billing's offsets were reset: start it again to replay from there.");
        // Records skipped, none replayed: it said "start it again to replay from there" too.
        QTest::newRow("forward") << qint64(15)
                                 << QStringLiteral("The group billing's offsets were moved ahead: start it again to "
                                                   "resume there, skipping records.");
    }

    void hintTellsTheResetWhileStopped()
    {
        QFETCH(qint64, to);
        QFETCH(QString, expected);
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        ConsumersPanel *panel = w.consumersPanel();
        auto *hint = test::child<QLabel>(panel, QStringLiteral("consumerHint"));
        startTwoAndConsume(app, panel, 30);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(w.consumerManager()->stopGroup(QStringLiteral("billing")), 2);
        QTRY_COMPARE_WITH_TIMEOUT(w.consumerManager()->activeCount(), 0, 20000);
        QTRY_VERIFY2(hint->text().startsWith(QStringLiteral("No consumer runs")), qPrintable(hint->text()));
        // Records the group has not read yet (orders[0] 10..19), to skip.
        std::vector<OutgoingRecord> more(10);
        for (OutgoingRecord &r : more)
            r.partition = 0;
        QVERIFY(app.backend().produce(kTopic, more, {}).ok());

        // Drag-to-reset partition 0 (back to its start, or ahead past records), and confirm.
        TimelineView *timeline = w.timeline();
        QTRY_VERIFY(timeline->model()->committed(QStringLiteral("billing"), 0).value_or(0) == 10);
        QTRY_VERIFY(timeline->model()->highWatermark(timeline->model()->laneOfPartition(0)) == 20);
        QSignalSpy finished(timeline, &TimelineView::offsetResetFinished);
        timeline->proposeReset(QStringLiteral("billing"), 0, to);
        QVERIFY(timeline->isResetPending());
        timeline->confirmReset();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(3).toString(), QString()); // accepted
        QVERIFY(test::eventLogged(w, QStringLiteral("offset of orders[0] reset to %1").arg(to)));
        QTRY_COMPARE(hint->text(), expected);
        const QRect room = hint->contentsRect();
        QVERIFY2(hint->isVisible() && hint->heightForWidth(room.width()) <= room.height() + 1,
                 qPrintable(QStringLiteral("%1 px of %2").arg(room.height()).arg(hint->heightForWidth(room.width()))));
    }
};

QTEST_MAIN(TestStory)
#include "tst_story.moc"
