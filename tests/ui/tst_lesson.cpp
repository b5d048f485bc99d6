// The first lesson on a fresh data directory of the real built-in broker (issue 14 item 6):
// the window offers it; one click creates "orders" (3 partitions) and sends a first keyed
// order; then the strip follows what the user does, step by step, by what the app observes
// (the broker state, the consumers), each step's line checked as it appears; dismissed, it
// stays dismissed when the window is opened again, and Help > Show the Lesson brings it back.

#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "core/Lesson.h"
#include "core/Order.h"
#include "ui/LessonStrip.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolBar>
#include <QToolButton>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kOne = QStringLiteral("billing #1");
const QString kTwo = QStringLiteral("billing #2");

QString lineOf(LessonStrip *strip)
{
    return test::child<QLabel>(strip, QStringLiteral("lessonTitle"))->text() + QStringLiteral(" · ") + strip->text();
}

ConsumerStatus statusOf(MainWindow &w, const QString &id)
{
    return w.consumerManager()->status(id).value_or(ConsumerStatus{});
}

QString describe(MainWindow &w)
{
    QStringList out;
    for (const ConsumerStatus &s : w.consumerManager()->statuses()) {
        QStringList parts;
        for (const TopicPartition &tp : s.assignment)
            parts << tp.toString();
        out << QStringLiteral("%1 %2 [%3] replayed %4")
                   .arg(s.consumerId, consumerStateName(s.state), parts.join(QLatin1Char(',')))
                   .arg(s.recordsReplayed);
    }
    out << QStringLiteral("step %1: %2").arg(int(w.lessonStrip()->lesson()->step())).arg(lineOf(w.lessonStrip()));
    return out.join(QLatin1Char('\n'));
}

} // namespace

class TestLesson final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void walksTheLessonOnAFreshDataDirectory()
    {
        // As the real app starts (main.cpp): with the Broker menu's "Serve Kafka Clients".
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), true, QStringLiteral("en"), true);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        LessonStrip *strip = w.lessonStrip();
        Lesson *lesson = strip->lesson();
        // Every line the strip shows, in order, as the lesson moves on.
        QStringList lines;
        connect(lesson, &Lesson::changed, strip, [&] { lines << lineOf(strip); });

        // Offered on the empty data directory, in one line under the toolbar.
        QTRY_VERIFY(strip->isVisible());
        QCOMPARE(lesson->step(), Lesson::Step::CreateTopic);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 1/8 · Start with one click: a topic 'orders' with 3 "
                                               "partitions and a first order keyed by its user id."));
        auto *start = test::child<QPushButton>(strip, QStringLiteral("lessonStartButton"));
        QVERIFY(start->isVisible());
        QVERIFY(strip->height() <= 2 * strip->fontMetrics().height() + 16); // one line, not a panel
        // The user guide shows this picture as the first launch: the menus the real app has.
        QStringList menus;
        for (QAction *menu : w.menuBar()->actions())
            menus << menu->text().remove(QLatin1Char('&'));
        QCOMPARE(menus.join(QLatin1Char(' ')), QStringLiteral("File Edit View Broker Topic Help"));
        QVERIFY(test::child<QToolButton>(&w, QStringLiteral("serveKafkaButton"))->isVisible());
        QVERIFY(app.settle());
        TIDEMARK_COMPARE_SCREENSHOT(&w, QStringLiteral("lesson-first-launch-1024x700"));
        lines.clear();

        // One click: the topic of 3 partitions and a first order keyed by its user id.
        QSignalSpy produced(w.producerPanel(), &ProducerPanel::produced);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Generate, 10000);
        QCOMPARE(produced.count(), 1);
        QCOMPARE(app.backend().describeTopic(kTopic)->partitionCount, 3);
        QCOMPARE(w.selectedTopic(), kTopic);
        const int partition = *hashPartition(PartitionerKind::Murmur2, QByteArray("00042"), 3);
        auto first = app.backend().fetch({kTopic, partition}, 0, 1);
        QVERIFY(first.ok() && first->size() == 1);
        QCOMPARE(*first->front().key, QByteArray("00042"));
        QCOMPARE(parseOrder(*first->front().value)->orderId, QStringLiteral("0001"));
        QVERIFY(!start->isVisible());
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 3/8 · Next: generate orders (Ctrl+G) and watch the keys "
                                               "spread them over the 3 partitions."));

        // Generate: the count the broker state reports moves the lesson on.
        ProducerPanel *producer = w.producerPanel();
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(30);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(0);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::StartGroup, 10000);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 4/8 · Next: start a group of 2 consumers (Ctrl+Shift+N): "
                                               "the group shares the partitions."));

        // A group of 2: done once both run with partitions, not when the button is pressed.
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("startConsumersButton")),
                          Qt::LeftButton);
        QCOMPARE(lesson->step(), Lesson::Step::StartGroup);
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Kill, qPrintable(describe(w)), 20000);
        QCOMPARE(lesson->group(), QStringLiteral("billing"));
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 5/8 · Next: select a consumer and kill it (Ctrl+Shift+K): "
                                               "no commit, no goodbye to the group."));

        // Kill #2 with its shortcut; its partitions wait for the session timeout, then #1 takes
        // them over.
        const std::vector<TopicPartition> kept = statusOf(w, kTwo).assignment;
        QVERIFY(!kept.empty());
        w.consumersPanel()->selectConsumer(kTwo);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Restart, qPrintable(describe(w)), 20000);
        QCOMPARE(lesson->killedConsumer(), kTwo);
        for (const TopicPartition &tp : kept) {
            const auto &now = statusOf(w, kOne).assignment;
            QVERIFY(std::find(now.begin(), now.end(), tp) != now.end());
        }
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 7/8 · The group took over. Next: restart billing #2 "
                                               "(Ctrl+Shift+R): it resumes at the committed offset."));

        // Restart it with its shortcut.
        QTest::keyClick(&w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Replay, qPrintable(describe(w)), 20000);
        QCOMPARE(statusOf(w, kTwo).state, ConsumerStatus::State::Running);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 8/8 · Last: drag the committed offset back on the timeline, "
                                               "stop the group when asked, Reset, start again: a replay."));

        // Stop the group, reset its offsets to the start (as the timeline's Reset or
        // `tidemark-cli group reset` do), start it again: the replay ends the lesson.
        QTRY_VERIFY_WITH_TIMEOUT(statusOf(w, kOne).recordsConsumed + statusOf(w, kTwo).recordsConsumed >= 31, 20000);
        ConsumerManager *consumers = w.consumerManager();
        QVERIFY(consumers->stop(kOne));
        QVERIFY(consumers->stop(kTwo));
        QTRY_VERIFY_WITH_TIMEOUT(consumers->activeCount() == 0 &&
                                     app.backend().describeGroup(QStringLiteral("billing"))->members.empty(),
                                 20000);
        QCOMPARE(lesson->step(), Lesson::Step::Replay);
        QVERIFY(
            app.backend()
                .resetGroupOffsets(QStringLiteral("billing"), {{{kTopic, 0}, 0}, {{kTopic, 1}, 0}, {{kTopic, 2}, 0}})
                .ok());
        QVERIFY(consumers->restart(kOne));
        QVERIFY(consumers->restart(kTwo));
        QTRY_VERIFY2_WITH_TIMEOUT(lesson->step() == Lesson::Step::Done, qPrintable(describe(w)), 20000);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson complete · You saw keys, partitions, a group, a takeover, a "
                                               "restart and a replay."));

        // Every step was shown, in order, none skipped (the takeover's line names the killed
        // consumer and, while it counts, the seconds left).
        QCOMPARE(lines.size(), 8);
        QCOMPARE(lines.at(0), QStringLiteral("Lesson 2/8 · Send an order (Ctrl+Return): its key, the user id, "
                                             "decides its partition."));
        // billing #2 holds one of the three partitions: "its partition", "takes it over".
        QVERIFY2(lines.at(4).startsWith(QStringLiteral("Lesson 6/8 · Watch: billing #2 keeps its partition until "
                                                       "its session times out")),
                 qPrintable(lines.at(4)));
        QVERIFY(lines.at(4).endsWith(QStringLiteral("then the other member takes it over.")));

        // Dismissed for good: hidden now and when the window opens again on the same data.
        QTest::mouseClick(test::child<QToolButton>(strip, QStringLiteral("lessonDismissButton")), Qt::LeftButton);
        QVERIFY(!strip->isVisible());
        QVERIFY(!test::child<QToolBar>(&w, QStringLiteral("lessonBar"))->isVisible());
        app.window.reset();
        app.window = test::makeMainWindow(app.setup(QSize(1024, 700), test::fastConsumerOptions(), true), app.clock,
                                          app.settingsDir);
        MainWindow &again = *app.window;
        QVERIFY(app.showAndConnect());
        QTRY_VERIFY(again.topicBrowser()->topicInfo(kTopic).has_value());
        QVERIFY(again.lessonStrip()->lesson()->isOffered());
        QCOMPARE(again.lessonStrip()->lesson()->step(), Lesson::Step::Done); // kept, not what the data alone says
        QVERIFY(!again.lessonStrip()->isVisible());

        // Help > Show the Lesson: back, as it was left.
        QAction *show = test::child<QAction>(&again, QStringLiteral("showLesson"));
        QVERIFY(show);
        show->trigger();
        QTRY_VERIFY(again.lessonStrip()->isVisible());
        QCOMPARE(lineOf(again.lessonStrip()), QStringLiteral("Lesson complete · You saw keys, partitions, a group, a "
                                                             "takeover, a restart and a replay."));
    }

    // A restart (a new language) or a relaunch goes on where the user was (the progress is
    // kept in the settings file, read again by the new window): the consumers do not survive
    // it, so the steps that need the group ask to start it again instead of going back.
    void keepsItsProgressAcrossARelaunch()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), true);
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        std::vector<OutgoingRecord> records(12);
        for (int i = 0; i < 12; ++i) {
            records[size_t(i)].partition = i % 3;
            records[size_t(i)].key = QByteArray::number(i);
        }
        QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(app.window->lessonStrip()->lesson()->step(), Lesson::Step::StartGroup, 10000);
        const auto relaunch = [&app] {
            app.window.reset();
            app.window = test::makeMainWindow(app.setup(QSize(1024, 700), test::fastConsumerOptions(), true), app.clock,
                                              app.settingsDir);
            return app.showAndConnect();
        };
        const auto startGroup = [&app] {
            app.window->selectTopic(kTopic); // the panel starts consumers on the selected topic
            QTRY_COMPARE(app.window->selectedTopic(), kTopic);
            QTest::mouseClick(
                test::child<QPushButton>(app.window->consumersPanel(), QStringLiteral("startConsumersButton")),
                Qt::LeftButton);
        };

        startGroup();
        QTRY_VERIFY2_WITH_TIMEOUT(app.window->lessonStrip()->lesson()->step() == Lesson::Step::Kill,
                                  qPrintable(describe(*app.window)), 20000);
        // Saved as it happened, for a process that ends without closing its window.
        const QVariantMap saved =
            QSettings(app.settingsDir.filePath(QStringLiteral("tidemark.ini")), QSettings::IniFormat)
                .value(QStringLiteral("lesson/progress"))
                .toMap();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().toMap().value(QStringLiteral("step")).toInt(), int(Lesson::Step::Kill));

        // Relaunched before the kill: still step 5, the group to start again.
        QVERIFY(relaunch());
        LessonStrip *strip = app.window->lessonStrip();
        QTRY_VERIFY(app.window->topicBrowser()->topicInfo(kTopic).has_value());
        QCOMPARE(strip->lesson()->step(), Lesson::Step::Kill);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 5/8 · Next: start the group billing again (Ctrl+Shift+N), "
                                               "select a consumer and kill it (Ctrl+Shift+K)."));
        startGroup();
        QTRY_COMPARE_WITH_TIMEOUT(lineOf(strip),
                                  QStringLiteral("Lesson 5/8 · Next: select a consumer and kill it (Ctrl+Shift+K): "
                                                 "no commit, no goodbye to the group."),
                                  20000);
        QTRY_VERIFY_WITH_TIMEOUT(!statusOf(*app.window, kTwo).assignment.empty(), 20000);
        QVERIFY(app.window->consumerManager()->kill(kTwo));
        QTRY_VERIFY2_WITH_TIMEOUT(strip->lesson()->step() == Lesson::Step::Restart, qPrintable(describe(*app.window)),
                                  20000);

        // Relaunched after the takeover (the reviewer's case): step 7 again, and starting the
        // group again is the restart that resumes at the committed offset.
        QVERIFY(relaunch());
        strip = app.window->lessonStrip();
        QTRY_VERIFY(app.window->topicBrowser()->topicInfo(kTopic).has_value());
        QCOMPARE(strip->lesson()->step(), Lesson::Step::Restart);
        QCOMPARE(lineOf(strip), QStringLiteral("Lesson 7/8 · The group took over. Next: start the group billing "
                                               "again (Ctrl+Shift+N): it resumes at the committed offset."));
        startGroup();
        QTRY_VERIFY2_WITH_TIMEOUT(strip->lesson()->step() == Lesson::Step::Replay, qPrintable(describe(*app.window)),
                                  20000);
    }

    // Reviewer F7: step 6 with nobody left to take over. Stop billing #1, then kill billing #2:
    // the strip said "...then the other member takes them over" though no member ran, and the
    // step waited for a restart it never asked for. It asks for one now; a restarted member
    // takes the partitions over and the lesson moves on.
    void takeoverWithNoMemberRunningAsksForARestart()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), true);
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        std::vector<OutgoingRecord> records(12);
        for (int i = 0; i < 12; ++i) {
            records[size_t(i)].partition = i % 3;
            records[size_t(i)].key = QByteArray::number(i);
        }
        QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        MainWindow &w = *app.window;
        LessonStrip *strip = w.lessonStrip();
        QTRY_COMPARE_WITH_TIMEOUT(strip->lesson()->step(), Lesson::Step::StartGroup, 10000);
        w.selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("startConsumersButton")),
                          Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(strip->lesson()->step() == Lesson::Step::Kill, qPrintable(describe(w)), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!statusOf(w, kTwo).assignment.empty(), 20000);
        ConsumerManager *consumers = w.consumerManager();
        QVERIFY(consumers->stop(kOne));
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kOne).state, ConsumerStatus::State::Stopped, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(w, kTwo).assignment.size(), size_t(3), 20000); // the last one running
        QVERIFY(consumers->kill(kTwo));
        QTRY_VERIFY2_WITH_TIMEOUT(strip->lesson()->step() == Lesson::Step::Takeover, qPrintable(describe(w)), 20000);
        QTRY_VERIFY2(lineOf(strip).startsWith(QStringLiteral("Lesson 6/8 · Watch: billing #2 keeps its partitions, "
                                                             "but no other member of billing runs to take them over: "
                                                             "restart one (Ctrl+Shift+R) to see the takeover.")),
                     qPrintable(lineOf(strip)));
        QVERIFY(consumers->restart(kOne));
        QTRY_VERIFY2_WITH_TIMEOUT(strip->lesson()->step() == Lesson::Step::Restart, qPrintable(describe(w)), 30000);
    }

    // A data directory with other topics is not a first launch: the strip stays away until
    // asked for.
    void notOfferedOnADataDirectoryInUse()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions(), true);
        QVERIFY(app.showAndConnect());
        MainWindow &w = *app.window;
        QTRY_VERIFY(w.lessonStrip()->isVisible());
        w.close();
        app.window.reset();
        {
            auto backend = test::LocalApp::localOpener(app.dataDir.path())({});
            QVERIFY(backend.ok());
            QVERIFY((*backend)->createTopic(TopicSpec{QStringLiteral("payments"), 1, 1, {}}).ok());
        }
        app.window = test::makeMainWindow(app.setup(QSize(1024, 700), test::fastConsumerOptions(), true), app.clock,
                                          app.settingsDir);
        QVERIFY(app.showAndConnect());
        QTRY_VERIFY(app.window->topicBrowser()->topicInfo(QStringLiteral("payments")).has_value());
        QVERIFY(!app.window->lessonStrip()->lesson()->isOffered());
        QVERIFY(!app.window->lessonStrip()->isVisible());
        test::child<QAction>(app.window.get(), QStringLiteral("showLesson"))->trigger();
        QTRY_VERIFY(app.window->lessonStrip()->isVisible());
        QCOMPARE(app.window->lessonStrip()->lesson()->step(), Lesson::Step::CreateTopic);
    }
};

QTEST_MAIN(TestLesson)
#include "tst_lesson.moc"
