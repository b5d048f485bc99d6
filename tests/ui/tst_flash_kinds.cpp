// Issue 14, item 3: the timeline flashes re-read records in two kinds, and each must be the
// right one, on the real built-in broker with the app's consumers. A consumer that is killed
// before it commits leaves what it read to be read again by the member that takes its
// partition over: at-least-once redelivery, amber. A group whose committed offsets are reset
// back (the timeline's Reset) reads them again on purpose: a replay, in the replay colour.
// Checked through what the canvas drew (TimelineCanvas::drawnFlashes), not pixels. The
// animation clock stands still while a kind is checked, so a flash does not fade away
// before a frame is drawn on a busy machine; it is moved past the flash between the two.

#include "LocalAppFixture.h"
#include "TimelineLabels.h"
#include "core/ConsumerManager.h"
#include "core/MemberNames.h"
#include "core/timeline/TimelineModel.h"
#include "ui/Language.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/timeline/TimelinePalette.h"

#include "TestPaths.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>

#include <atomic>
#include <memory>
#include <set>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");
constexpr int kPerPartition = 60;

// Slow readers that never commit on their own while the test runs (only a clean stop
// commits), so a killed one leaves everything it read uncommitted.
ConsumerOptions slowConsumers()
{
    ConsumerOptions options = test::fastConsumerOptions();
    options.maxRecordsPerSecond = 60;
    options.commitIntervalMs = 600'000;
    return options;
}

} // namespace

class TestFlashKinds final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void redeliveryAfterAKillThenReplayAfterAReset()
    {
        test::LocalApp app(QSize(1024, 700), slowConsumers());
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        TimelineCanvas *canvas = view->canvas();
        // The animation clock: still unless the test moves it.
        auto clock = std::make_shared<std::atomic<qint64>>(1'000'000);
        view->setClock([clock] { return clock->load(); });
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 2, 1, {}}).ok());
        for (int p = 0; p < 2; ++p) {
            std::vector<OutgoingRecord> records;
            for (int i = 0; i < kPerPartition; ++i) {
                OutgoingRecord r;
                r.key = QByteArray::number(i);
                r.value = QByteArray("v");
                r.partition = p;
                records.push_back(r);
            }
            QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        }
        // The group starts from committed offsets at 0 (as after `tidemark-cli group reset`),
        // so the timeline knows where a member that takes a partition over starts reading.
        QVERIFY(app.backend().resetGroupOffsets(kGroup, {{{kTopic, 0}, 0}, {{kTopic, 1}, 0}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->recordCount(), qint64(2 * kPerPartition), 10000);
        for (int p = 0; p < 2; ++p)
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->committed(kGroup, p).value_or(-1), qint64(0), 10000);

        // A group of two, one partition each; the second is killed after reading some records.
        ConsumerManager *consumers = w.consumerManager();
        const QString one = consumers->start(kGroup, {kTopic});
        const QString two = consumers->start(kGroup, {kTopic});
        QVERIFY(!one.isEmpty() && !two.isEmpty());
        auto status = [&](const QString &id) { return consumers->status(id).value_or(ConsumerStatus{}); };
        QTRY_VERIFY_WITH_TIMEOUT(status(one).assignment.size() == 1 && status(two).assignment.size() == 1, 20000);
        const int killedPartition = status(two).assignment.front().partition;
        // Nothing it reads is committed (the commit interval is long): kill it after it read 10.
        const qint64 committedAtKill = view->model()->committed(kGroup, killedPartition).value_or(-1);
        const TopicPartition killedTp{kTopic, killedPartition};
        auto positionOfTwo = [&] {
            const auto s = status(two);
            return s.positions.count(killedTp) ? s.positions.at(killedTp) : qint64(-1);
        };
        QTRY_VERIFY_WITH_TIMEOUT(positionOfTwo() >= committedAtKill + 10, 20000);
        const qint64 seenRead = positionOfTwo(); // the timeline saw it read this far
        QVERIFY(consumers->kill(two));
        QTRY_COMPARE(status(two).state, ConsumerStatus::State::Killed);
        const qint64 readByKilled = positionOfTwo();
        QCOMPARE(view->model()->committed(kGroup, killedPartition).value_or(-1), committedAtKill);
        QVERIFY2(committedAtKill >= 0 && readByKilled < kPerPartition,
                 qPrintable(QStringLiteral("committed %1, read %2").arg(committedAtKill).arg(readByKilled)));

        // After the session timeout the first consumer takes the partition over and reads it
        // again from the committed offset: a redelivery flash over what the killed one had read.
        auto flashesOn = [&](int partition, bool replay) {
            std::vector<TimelineDrawnFlash> out;
            for (const TimelineDrawnFlash &f : canvas->drawnFlashes())
                if (f.partition == partition && f.replay == replay)
                    out.push_back(f);
            return out;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(!flashesOn(killedPartition, false).empty(),
                                  qPrintable(test::flashesText(canvas->drawnFlashes())), 20000);
        const TimelinePalette palette = TimelinePalette::fromPalette(canvas->palette());
        for (const TimelineDrawnFlash &f : canvas->drawnFlashes()) {
            QVERIFY2(!f.replay, qPrintable(test::flashesText(canvas->drawnFlashes()))); // nobody reset anything
            QCOMPARE(f.partition, killedPartition);
            // Only what the killed one had read and not committed.
            QVERIFY2(f.from >= committedAtKill && f.to <= readByKilled,
                     qPrintable(test::flashesText(canvas->drawnFlashes())));
            QCOMPARE(f.colour, palette.flash);
        }
        // From the committed offset on, through all it was seen to read, as the new owner reads it.
        QCOMPARE(canvas->drawnFlashes().front().from, committedAtKill);
        QTRY_VERIFY2_WITH_TIMEOUT(canvas->drawnFlashes().back().to >= seenRead,
                                  qPrintable(test::flashesText(canvas->drawnFlashes())), 20000);

        // The flashes fade; the group stops cleanly (committing where it is), and its offsets
        // are reset to the start on the timeline: reading again is now a replay, on both lanes.
        for (int p = 0; p < 2; ++p)
            QTRY_COMPARE_WITH_TIMEOUT(view->model()->position(one, p).value_or(0), qint64(kPerPartition), 20000);
        QVERIFY(consumers->stop(one));
        QTRY_VERIFY_WITH_TIMEOUT(consumers->activeCount() == 0 && app.backend().describeGroup(kGroup)->members.empty(),
                                 20000);
        for (int p = 0; p < 2; ++p)
            QTRY_VERIFY_WITH_TIMEOUT(view->model()->committed(kGroup, p).value_or(0) == kPerPartition, 20000);
        clock->fetch_add(TimelineTiming::kFlashMs + 1); // every flash so far is over
        QTRY_VERIFY(canvas->drawnFlashes().empty());
        QSignalSpy finished(view, &TimelineView::offsetResetFinished);
        for (int p = 0; p < 2; ++p) {
            view->proposeReset(kGroup, p, 0);
            QVERIFY(view->isResetPending());
            view->confirmReset();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), p + 1, 10000);
            QCOMPARE(finished.last().at(3).toString(), QString());
        }
        QVERIFY(consumers->restart(one));
        QTRY_VERIFY2_WITH_TIMEOUT(!flashesOn(0, true).empty() && !flashesOn(1, true).empty(),
                                  qPrintable(test::flashesText(canvas->drawnFlashes())), 20000);
        for (const TimelineDrawnFlash &f : canvas->drawnFlashes()) {
            QVERIFY2(f.replay, qPrintable(test::flashesText(canvas->drawnFlashes())));
            QCOMPARE(f.colour, palette.replay);
        }
        QVERIFY(palette.replay != palette.flash);
    }

    // The reviewer's case (a Russian walk after a language restart): the group read and
    // committed the topic in an earlier process; in this one (a new window on the same data)
    // it is reset back on the timeline while it is stopped, then started again. What it reads
    // again is a replay although this process never saw it read those records: the app knows
    // the committed offset before the reset from the broker, when it applies the reset.
    void replayAfterTheAppRestarted()
    {
        constexpr qint64 kResetTo = 20;
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        readAndCommitThenRestart(app);
        if (QTest::currentTestFailed())
            return;
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        QSignalSpy finished(view, &TimelineView::offsetResetFinished);
        view->proposeReset(kGroup, 0, kResetTo);
        QVERIFY(view->isResetPending());
        view->confirmReset();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.last().at(3).toString(), QString());
        QCOMPARE(committedOf(app), kResetTo);
        startAndSeeTheReplay(app, kResetTo);
    }

    // Issue 14: a reset made by another process while the app runs, `tidemark-cli groups reset`
    // on the same data directory, reaches the app's consumers as the timeline's own does. The
    // app (restarted since the group read) sees the group's committed offset go back from 60 to
    // 20 in its poll: the Consumers dock tells the reset while the group is stopped, Events logs
    // it, and what the group reads again once started is a replay (40), flashed and counted as
    // one and told in Events and the dock. Before, the timeline flashed a replay while the
    // consumers counted nothing read again and the dock said 'No consumer runs…'.
    void replayAfterACliReset()
    {
        constexpr qint64 kResetTo = 20;
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        readAndCommitThenRestart(app);
        if (QTest::currentTestFailed())
            return;
        MainWindow &w = *app.window;
        QProcess cli;
        cli.start(test::paths::cli(), {QStringLiteral("groups"), QStringLiteral("reset"), QStringLiteral("--group"),
                                       kGroup, QStringLiteral("--topic"), kTopic, QStringLiteral("--partition"),
                                       QStringLiteral("0"), QStringLiteral("--to-offset"), QString::number(kResetTo),
                                       QStringLiteral("--data"), app.dataDir.path()});
        QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));
        // The GUI thread keeps running while the other process works (no blocking wait).
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 cli.readAllStandardError().constData());
        QCOMPARE(cli.readAllStandardOutput(), QByteArray("orders\t0\t20\n"));
        QCOMPARE(committedOf(app), kResetTo);

        // Seen by the app's poll: the timeline's committed marker, the dock's line, Events.
        QTRY_COMPARE_WITH_TIMEOUT(w.timeline()->model()->committed(kGroup, 0).value_or(-1), kResetTo, 10000);
        auto *hint = test::child<QLabel>(w.consumersPanel(), QStringLiteral("consumerHint"));
        QTRY_COMPARE(hint->text(),
                     QStringLiteral("The group billing's offsets were reset: start it again to replay from there."));
        QVERIFY(test::eventLogged(w, QStringLiteral("offset of orders[0] reset to 20")));
        startAndSeeTheReplay(app, kResetTo);
    }

    // The reviewer's F13: the app was killed (kill -9) while its group of two ran, and started
    // again. The earlier run's billing #1 and #2 are still on disk, holding their partitions,
    // their sessions long over. The learner resets the group back and starts it: its new
    // members take the partitions from those leftovers, and read again. That is the replay the
    // learner asked for, and the dock tells it with its count. It said 'billing #1 took
    // orders[2] over from billing #2 (from an earlier run); nothing is read twice: everything
    // had been committed.', or, after tidemark-cli reset it to the earliest, that what the
    // leftover 'processed but never committed comes again': a redelivery. Rows: orders[0] reset
    // to 20 on the timeline; every partition reset to the earliest by tidemark-cli.
    void replayAfterTheAppWasKilled_data()
    {
        QTest::addColumn<bool>("byCli");
        QTest::addColumn<qint64>("replayed");
        QTest::newRow("timeline, orders[0] to 20") << false << qint64(kPerPartition - 20);
        QTest::newRow("tidemark-cli, all to the earliest") << true << qint64(3 * kPerPartition);
    }
    void replayAfterTheAppWasKilled()
    {
        QFETCH(bool, byCli);
        QFETCH(qint64, replayed);
        constexpr qint64 kResetTo = 20;
        constexpr int kPartitions = 3;
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        killedAfterCommittingAllThenRestarted(app, kPartitions);
        if (QTest::currentTestFailed())
            return;
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        // The leftovers' sessions are over (the group lists no member), their claims still on disk.
        QTRY_VERIFY_WITH_TIMEOUT(app.backend().describeGroup(kGroup)->members.empty(), 20000);

        if (byCli) {
            // The app has seen where the group was before another process moves it.
            for (int p = 0; p < kPartitions; ++p)
                QTRY_COMPARE_WITH_TIMEOUT(view->model()->committed(kGroup, p).value_or(-1), qint64(kPerPartition),
                                          10000);
            QProcess cli;
            cli.start(test::paths::cli(), {QStringLiteral("groups"), QStringLiteral("reset"), QStringLiteral("--group"),
                                           kGroup, QStringLiteral("--topic"), kTopic, QStringLiteral("--to-earliest"),
                                           QStringLiteral("--data"), app.dataDir.path()});
            QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));
            QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
            QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                     cli.readAllStandardError().constData());
            for (int p = 0; p < kPartitions; ++p)
                QCOMPARE(committedOf(app, p), qint64(0));
        } else {
            QSignalSpy finished(view, &TimelineView::offsetResetFinished);
            view->proposeReset(kGroup, 0, kResetTo);
            QVERIFY(view->isResetPending());
            view->confirmReset();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
            QCOMPARE(finished.last().at(3).toString(), QString());
            QCOMPARE(committedOf(app), kResetTo);
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            w.consumersPanel()->hintText(),
            QStringLiteral("The group billing's offsets were reset: start it again to replay from there."), 10000);

        ConsumerManager *consumers = w.consumerManager();
        const QStringList ids = consumers->startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(ids.size(), 2);
        const auto sum = [&](qint64 ConsumerStatus::*count) {
            qint64 n = 0;
            for (const QString &id : ids)
                n += consumers->status(id).value_or(ConsumerStatus{}).*count;
            return n;
        };
        const auto readToTheEnd = [&] {
            std::set<TopicPartition> done;
            for (const QString &id : ids) {
                const ConsumerStatus s = consumers->status(id).value_or(ConsumerStatus{});
                for (const auto &[tp, position] : s.positions)
                    if (position == kPerPartition &&
                        std::find(s.assignment.begin(), s.assignment.end(), tp) != s.assignment.end())
                        done.insert(tp);
            }
            return done.size() == size_t(kPartitions);
        };
        const auto told = [&] {
            QStringList out{QStringLiteral("hint: ") + w.consumersPanel()->hintText()};
            for (const QString &id : ids) {
                const ConsumerStatus s = consumers->status(id).value_or(ConsumerStatus{});
                out << QStringLiteral("%1: replayed %2, redelivered %3")
                           .arg(id)
                           .arg(s.recordsReplayed)
                           .arg(s.recordsRedelivered);
            }
            return out.join(QLatin1Char('\n'));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(readToTheEnd() && sum(&ConsumerStatus::recordsReplayed) == replayed,
                                  qPrintable(told()), 20000);
        QVERIFY2(sum(&ConsumerStatus::recordsRedelivered) == 0, qPrintable(told()));
        const qint64 from = byCli ? 0 : kResetTo;
        QVERIFY(test::eventLogged(w, QStringLiteral("replays orders[0] offsets %1-59: the group's committed offset was "
                                                    "reset from 60 to %1 (a replay you asked for, not a redelivery)")
                                         .arg(from)));
        // The dock tells the replay, with its count; not a takeover from the leftovers.
        QTRY_VERIFY2(w.consumersPanel()->hintText().endsWith(
                         QStringLiteral(" read %1 records again after the offset reset: a replay, not a redelivery.")
                             .arg(replayed)),
                     qPrintable(told()));
        QVERIFY2(!w.consumersPanel()->hintText().contains(QStringLiteral("took")), qPrintable(told()));
    }

    // Issue 14: the app was killed (kill -9) while its group of two ran, and started again at
    // once; the learner starts the group again while the earlier run's billing #1 and #2 still
    // hold every partition (their 15 s sessions run). The new members wait, and the Consumers hint
    // says how long and for whom ("Waiting 5 s for billing #1 (from an earlier run), billing #2
    // (from an earlier run) to time out: …"), counting down, not "Kill one (Ctrl+Shift+K)…"; the
    // lanes show those members greyed, and the legend each one ("billing #1 (old)") "killed · N s",
    // as a killed consumer. Once their sessions are over the new members take every lane, and the hint stops
    // waiting. English and Russian ("Ждём 5 с, пока у … истекут сессии: …").
    void aRelaunchWaitsForTheEarlierRunsMembersToTimeOut_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("ru") << QStringLiteral("ru");
    }
    void aRelaunchWaitsForTheEarlierRunsMembersToTimeOut()
    {
        QFETCH(QString, language);
        const bool ru = language == QLatin1String("ru");
        Q_INIT_RESOURCE(tidemark_resources_translations);
        Translations translations;
        QCOMPARE(translations.install(QLocale(language), false), language);
        constexpr int kPartitions = 3;
        ConsumerOptions earlierRun = test::fastConsumerOptions();
        earlierRun.sessionTimeoutMs = 15000; // room for the relaunch on a loaded machine (ASan)
        test::LocalApp app(QSize(1024, 700), earlierRun, false, language);
        killedAfterCommittingAllThenRestarted(app, kPartitions);
        if (QTest::currentTestFailed())
            return;
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        TimelineCanvas *canvas = view->canvas();
        auto elapsed = std::make_shared<QElapsedTimer>();
        elapsed->start();
        view->setClock([elapsed] { return 1'000'000 + elapsed->elapsed(); }); // countdowns run on it

        ConsumerManager *consumers = w.consumerManager();
        const QStringList ids = consumers->startGroup(kGroup, {kTopic}, 2);
        QCOMPARE(ids.size(), 2);
        // As memberDisplayName names them (translated: checked by their beginnings in Russian),
        // and briefly ("billing #1 (old)") where room is short.
        const QStringList earlier{QStringLiteral("billing #1 (from an earlier run)"),
                                  QStringLiteral("billing #2 (from an earlier run)")};
        const QStringList brief{briefEarlierMemberName(ids[0]), briefEarlierMemberName(ids[1])};
        const auto isEarlier = [&](const QString &label) {
            if (!ru)
                return earlier.contains(label);
            return (label.startsWith(ids[0] + QStringLiteral(" (")) ||
                    label.startsWith(ids[1] + QStringLiteral(" ("))) &&
                   !brief.contains(label);
        };
        const auto hint = [&] { return w.consumersPanel()->hintText(); };
        const auto told = [&] {
            canvas->repaint();
            QStringList out{QStringLiteral("hint: ") + hint()};
            const TimelineFrame frame = view->model()->frame(view->model()->now());
            for (const TimelineLaneFrame &l : frame.lanes)
                out << QStringLiteral("P%1 owner '%2' (%3)")
                           .arg(l.partition)
                           .arg(l.owner.label, QLatin1String(l.owner.active ? "active" : "inactive"));
            for (const TimelineLegendEntry &e : canvas->legendEntries())
                out << QStringLiteral("legend: ") + e.text + QLatin1Char(' ') + e.detail;
            for (const ConsumerStatus &s : consumers->statuses())
                out << QStringLiteral("%1 %2 [%3]")
                           .arg(s.consumerId, consumerStateName(s.state))
                           .arg(s.assignment.size());
            return out.join(QLatin1Char('\n'));
        };
        // The hint says what the new members wait for, and counts it down, the seconds first:
        // shown whole in the label, which cuts a long hint to two lines (in Russian the
        // countdown came after the two long names and was cut: "…billing #2 (из прошлого запуска
        // прилож…").
        const auto *hintLabel = test::child<QLabel>(w.consumersPanel(), QStringLiteral("consumerHint"));
        const QString head = ru ? QStringLiteral("Ждём ") : QStringLiteral("Waiting ");
        const QString rest = ru ? QStringLiteral(" с, пока у %1 (").arg(ids[0])
                                : QStringLiteral(" s for %1 to time out: ").arg(earlier.join(QStringLiteral(", ")));
        const QString tail =
            ru ? QStringLiteral(" истекут сессии: они убиты и до тех пор держат orders[0], orders[1], orders[2].")
               : QStringLiteral("they were killed and keep orders[0], orders[1], orders[2] until then.");
        std::set<int> seconds;
        const auto waits = [&] {
            const QString text = hint();
            if (!text.startsWith(head) || !text.endsWith(tail))
                return false;
            const qsizetype at = text.indexOf(rest, head.size());
            if (at < 0 || (ru && !text.contains(QStringLiteral(", ") + ids[1] + QStringLiteral(" ("))))
                return false;
            const int left = text.mid(head.size(), at - head.size()).toInt();
            if (left <= 0 || !hintLabel->text().startsWith(head + QString::number(left) + rest.left(2)))
                return false;
            seconds.insert(left);
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(waits(), qPrintable(told()), 10000);
        // Meanwhile the lanes are the earlier members', greyed, and the legend counts each down.
        const auto drawnKilled = [&] {
            canvas->repaint();
            const TimelineFrame frame = view->model()->frame(view->model()->now());
            if (frame.lanes.size() != size_t(kPartitions))
                return false;
            for (const TimelineLaneFrame &l : frame.lanes)
                if (!isEarlier(l.owner.label) || l.owner.active)
                    return false;
            // Each by its brief name, as its lane header where room is short.
            for (const QString &name : brief) {
                const auto &entries = canvas->legendEntries();
                if (std::none_of(entries.begin(), entries.end(), [&](const TimelineLegendEntry &e) {
                        return e.text == name &&
                               e.detail.startsWith(ru ? QStringLiteral("убит · ") : QStringLiteral("killed · ")) &&
                               e.detail.endsWith(ru ? QStringLiteral(" с") : QStringLiteral(" s"));
                    }))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(drawnKilled(), qPrintable(told()), 10000);
        QTRY_VERIFY2_WITH_TIMEOUT(waits() && seconds.size() >= 2, qPrintable(told()), 10000);

        // Their sessions over, the new members take every lane; nobody is waited for.
        const auto handedOver = [&] {
            canvas->repaint();
            const TimelineFrame frame = view->model()->frame(view->model()->now());
            for (const TimelineLaneFrame &l : frame.lanes)
                if (!ids.contains(l.owner.label) || !l.owner.active)
                    return false;
            const auto &entries = canvas->legendEntries();
            return !hint().startsWith(head) &&
                   std::none_of(entries.begin(), entries.end(),
                                [&](const TimelineLegendEntry &e) { return brief.contains(e.text); });
        };
        QTRY_VERIFY2_WITH_TIMEOUT(handedOver(), qPrintable(told()), 30000);
        // The reviewer's F9: the takeover's sentence ("billing #1 took orders[2] over from billing
        // #2 (from an earlier run); nothing is read twice: everything had bee…") was cut at
        // 1024x700: it is shown whole, in at most two lines.
        QTRY_VERIFY2(hint().contains(ru ? QStringLiteral(" подхватил ") : QStringLiteral(" took ")),
                     qPrintable(told()));
        QTRY_VERIFY2(hintLabel->text() == hint(), qPrintable(hintLabel->text() + QStringLiteral(" | ") + hint()));
        consumers->stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(consumers->activeCount(), 0, 20000);
    }

private:
    // The group's committed offset of orders[partition], as the broker has it (-1: none).
    static qint64 committedOf(test::LocalApp &app, int partition = 0)
    {
        const auto group = app.backend().describeGroup(kGroup);
        if (!group)
            return -1;
        for (const GroupPartitionState &s : group->partitions)
            if (s.tp == TopicPartition{kTopic, partition})
                return s.committed;
        return -1;
    }

    // The app restarts (a new window, a new consumer manager, the same data) and shows the
    // topic and its group's committed offset of orders[0], with the timeline's animation
    // clock standing still.
    // Run A: a group of two reads and commits all of kPerPartition records on each of
    // `partitions` partitions, then the app dies: its members neither commit nor leave (a kill
    // leaves the lease files as kill -9 does). Then the app starts again (restartTheApp).
    void killedAfterCommittingAllThenRestarted(test::LocalApp &app, int partitions)
    {
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, partitions, 1, {}}).ok());
        std::vector<OutgoingRecord> records(size_t(kPerPartition * partitions));
        for (int i = 0; i < kPerPartition * partitions; ++i) {
            records[size_t(i)].partition = i % partitions;
            records[size_t(i)].key = QByteArray::number(i);
        }
        QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        {
            ConsumerManager *consumers = app.window->consumerManager();
            const QStringList ids = consumers->startGroup(kGroup, {kTopic}, 2);
            QCOMPARE(ids.size(), 2);
            const auto allCommitted = [&] {
                for (int p = 0; p < partitions; ++p)
                    if (committedOf(app, p) != kPerPartition)
                        return false;
                return true;
            };
            QTRY_VERIFY_WITH_TIMEOUT(allCommitted(), 20000);
            for (const QString &id : ids)
                QVERIFY(consumers->kill(id));
            QTRY_COMPARE_WITH_TIMEOUT(consumers->activeCount(), 0, 20000);
        }
        restartTheApp(app);
    }

    void restartTheApp(test::LocalApp &app)
    {
        app.window.reset();
        app.window = test::makeMainWindow(app.setup(QSize(1024, 700), test::fastConsumerOptions(), false), app.clock,
                                          app.settingsDir);
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        view->setClock([] { return qint64(1'000'000); });
        QVERIFY(app.showAndConnect());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->committed(kGroup, 0).value_or(-1), qint64(kPerPartition), 10000);
    }

    // Run A: the group reads all of orders[0] and commits it on a clean stop. Then the app
    // restarts (a new window, a new consumer manager, the same data), shows the topic and its
    // group's committed offset, with the timeline's animation clock standing still.
    void readAndCommitThenRestart(test::LocalApp &app)
    {
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 1, 1, {}}).ok());
        std::vector<OutgoingRecord> records(kPerPartition);
        for (int i = 0; i < kPerPartition; ++i) {
            records[size_t(i)].partition = 0;
            records[size_t(i)].key = QByteArray::number(i);
        }
        QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        {
            ConsumerManager *consumers = app.window->consumerManager();
            const QString id = consumers->start(kGroup, {kTopic});
            QVERIFY(!id.isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(committedOf(app), qint64(kPerPartition), 20000);
            QVERIFY(consumers->stop(id));
            QTRY_VERIFY_WITH_TIMEOUT(
                consumers->activeCount() == 0 && app.backend().describeGroup(kGroup)->members.empty(), 20000);
        }

        restartTheApp(app);
    }

    // The group, reset back to `resetTo` while stopped, starts again: what it reads again is a
    // replay, never a redelivery, on the timeline, in its counts, in Events and in the dock.
    void startAndSeeTheReplay(test::LocalApp &app, qint64 resetTo)
    {
        MainWindow &w = *app.window;
        TimelineCanvas *canvas = w.timeline()->canvas();
        const TopicPartition tp{kTopic, 0};
        ConsumerManager *consumers = w.consumerManager();
        const QString id = consumers->start(kGroup, {kTopic});
        QVERIFY(!id.isEmpty());
        auto status = [&] { return consumers->status(id).value_or(ConsumerStatus{}); };
        // The timeline flashes what it reads again in the replay colour, never as a redelivery.
        QTRY_VERIFY2_WITH_TIMEOUT(!canvas->drawnFlashes().empty(),
                                  qPrintable(test::flashesText(canvas->drawnFlashes())), 20000);
        for (const TimelineDrawnFlash &f : canvas->drawnFlashes())
            QVERIFY2(f.replay && f.from >= resetTo && f.to <= kPerPartition,
                     qPrintable(test::flashesText(canvas->drawnFlashes())));
        QTRY_COMPARE_WITH_TIMEOUT(status().positions.count(tp) ? status().positions.at(tp) : qint64(-1),
                                  qint64(kPerPartition), 20000);
        // Counted as replayed, all of them, none as redelivered.
        QTRY_COMPARE_WITH_TIMEOUT(status().recordsReplayed, qint64(kPerPartition - resetTo), 10000);
        QCOMPARE(status().recordsRedelivered, qint64(0));
        // Told in Events and in the Consumers dock's story line.
        QVERIFY(test::eventLogged(w, QStringLiteral("replays orders[0] offsets 20-59: the group's committed offset was "
                                                    "reset from 60 to 20 (a replay you asked for, not a redelivery)")));
        QLabel *hint = test::child<QLabel>(w.consumersPanel(), QStringLiteral("consumerHint"));
        QVERIFY(hint);
        QTRY_VERIFY2(hint->text().contains(QStringLiteral("read 40 records again after the offset reset: a replay, "
                                                          "not a redelivery")),
                     qPrintable(hint->text()));
    }
};

QTEST_MAIN(TestFlashKinds)
#include "tst_flash_kinds.moc"
