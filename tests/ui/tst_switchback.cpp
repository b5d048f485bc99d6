// A switch to Kafka and back (issue 14 review): the learner, halfway through the lesson on
// the real built-in broker (1600x1000, as the reviewer's window), after a replay, picks a
// Kafka profile where nothing listens, stops the running consumers to connect, and comes
// back to the built-in broker from the notice. The Consumers dock keeps room for the names:
// the Consumed column, widened while hidden for counts that are gone with their consumers,
// once came back at that width and squeezed the names to "Cons" / "b...". The lesson strip
// keeps the progress made on this broker.

#include "../common/ClosedPort.h"
#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "core/Lesson.h"
#include "ui/ColumnFitter.h"
#include "ui/ConnectionBar.h"
#include "ui/ConnectionNotice.h"
#include "ui/LessonStrip.h"
#include "ui/models/ConsumerTreeModel.h"
#include "ui/panels/ConsumersPanel.h"
#include "ui/panels/EventsPane.h"
#include "ui/panels/ProducerPanel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeView>

using namespace tidemark;

namespace {

QString lineOf(LessonStrip *strip)
{
    return test::child<QLabel>(strip, QStringLiteral("lessonTitle"))->text() + QStringLiteral(" · ") + strip->text();
}

// What is wrong with the Consumers dock's columns: every cut name or number, and a name
// column narrower than "partition 0" under its member (the width ConsumersPanel keeps for
// the names before it shows the Consumed column). Empty: all is well.
QString columnsOf(QTreeView *view)
{
    QStringList out;
    for (int c : {ConsumerTreeModel::NameColumn, ConsumerTreeModel::PositionColumn, ConsumerTreeModel::CommittedColumn,
                  ConsumerTreeModel::LagColumn, ConsumerTreeModel::ConsumedColumn})
        out << test::cutCells(view, c);
    const int names = ColumnFitter::cellWidth(view, QStringLiteral("partition 0")) + view->indentation();
    if (view->columnWidth(ConsumerTreeModel::NameColumn) < names)
        out << QStringLiteral("names squeezed to %1 px (%2 px needed), Consumed %3 px")
                   .arg(view->columnWidth(ConsumerTreeModel::NameColumn))
                   .arg(names)
                   .arg(view->columnWidth(ConsumerTreeModel::ConsumedColumn));
    return out.join(QStringLiteral("; "));
}

} // namespace

class TestSwitchBack final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void consumersAndLessonSurviveASwitchToKafkaAndBack()
    {
        const quint16 port = test::closedPort();
        QVERIFY(port != 0);
        test::LocalApp app(QSize(1600, 1000), test::fastConsumerOptions(), true);
        // The built-in broker in the app's data directory; Kafka profiles open the real Kafka
        // backend (refused at once on the closed port).
        test::WindowSetup setup = app.setup(QSize(1600, 1000), test::fastConsumerOptions(), true);
        setup.opener = [local = test::LocalApp::localOpener(app.dataDir.path())](const ConnectionSpec &spec) {
            return spec.kind == ConnectionSpec::Kind::Local ? local(spec) : openBackend(spec);
        };
        app.window.reset();
        app.window = test::makeMainWindow(setup, app.clock, app.settingsDir);
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        LessonStrip *strip = w.lessonStrip();
        Lesson *lesson = strip->lesson();

        // The lesson up to its group of 2 on "orders".
        QTRY_VERIFY(strip->isVisible());
        QTest::mouseClick(test::child<QPushButton>(strip, QStringLiteral("lessonStartButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Generate, 10000);
        ProducerPanel *producer = w.producerPanel();
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(3000);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(0);
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::StartGroup, 10000);
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("startConsumersButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Kill, 20000);

        // The dock: names whole (the Consumed column shown only if there is room).
        QTreeView *view = w.consumersPanel()->view();
        QTRY_COMPARE(view->model()->rowCount(view->model()->index(0, 0)) +
                         view->model()->rowCount(view->model()->index(1, 0)),
                     3);
        QVERIFY(app.settle());
        QVERIFY2(columnsOf(view).isEmpty(), qPrintable(columnsOf(view)));

        // Kill one, the other takes over after the session timeout, restart it.
        ConsumerManager *consumers = w.consumerManager();
        std::vector<ConsumerStatus> members = consumers->statuses();
        QCOMPARE(members.size(), size_t(2));
        QVERIFY(consumers->kill(members[1].consumerId));
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Restart, 20000);
        QVERIFY(consumers->restart(members[1].consumerId));
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Replay, 20000);

        // The replay that ends the lesson: the group stops, its offsets go back to the start,
        // it reads everything again. The counts ("3,000 (3,000 replayed)") need more room
        // than the dock has: the Consumed column, hidden, was widened for them all the same.
        for (const ConsumerStatus &s : members)
            QVERIFY(consumers->stop(s.consumerId));
        QTRY_VERIFY_WITH_TIMEOUT(consumers->activeCount() == 0 &&
                                     app.backend().describeGroup(QStringLiteral("billing"))->members.empty(),
                                 20000);
        QVERIFY(app.backend()
                    .resetGroupOffsets(QStringLiteral("billing"), {{{QStringLiteral("orders"), 0}, 0},
                                                                   {{QStringLiteral("orders"), 1}, 0},
                                                                   {{QStringLiteral("orders"), 2}, 0}})
                    .ok());
        for (const ConsumerStatus &s : members)
            QVERIFY(consumers->restart(s.consumerId));
        QTRY_VERIFY_WITH_TIMEOUT(consumers->status(members[0].consumerId)->recordsReplayed +
                                         consumers->status(members[1].consumerId)->recordsReplayed >=
                                     3000,
                                 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(view->model()->index(0, 0)) +
                                      view->model()->rowCount(view->model()->index(1, 0)),
                                  3, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(lesson->step(), Lesson::Step::Done, 20000);
        const QString done = lineOf(strip);
        QVERIFY2(done.startsWith(QStringLiteral("Lesson complete · ")), qPrintable(done));
        QVERIFY(app.settle());
        QVERIFY2(columnsOf(view).isEmpty(), qPrintable(columnsOf(view)));

        // To Kafka on the closed port: the running consumers stop, the connection fails.
        ConnectionBar *bar = w.connectionBar();
        bar->setProfiles({test::kafkaProfileOnPort(port, QStringLiteral("closed"))});
        bar->combo()->setCurrentIndex(1);
        emit bar->combo()->activated(1);
        QPointer<QMessageBox> box;
        QTRY_VERIFY((box = test::child<QMessageBox>(&w, QStringLiteral("switchConnectionBox"))));
        test::child<QPushButton>(box, QStringLiteral("switchConnectionButton"))->click();
        QTRY_COMPARE(w.connectionLifecycle()->state(), ConnectionState::Unreachable);
        QCOMPARE(w.consumerManager()->activeCount(), 0);
        // Each consumer the switch stopped says so in the events, and why.
        const EventLogModel *events = w.eventsPane()->model();
        for (const ConsumerStatus &s : members) {
            bool said = false;
            for (int i = 0; i < events->rowCount() && !said; ++i)
                said = events->entryAt(i).source == s.consumerId &&
                       events->entryAt(i).message.startsWith(
                           QStringLiteral("stopped: the app left Local: %1 for Kafka: 127.0.0.1:%2 (a clean stop")
                               .arg(test::shownDataDirectory())
                               .arg(port));
            QVERIFY2(said, qPrintable(s.consumerId));
        }
        // The producer's last count was about the broker left behind: not shown on this one.
        QCOMPARE(test::child<QProgressBar>(producer, QStringLiteral("jobProgress"))->value(), 0);
        QCOMPARE(test::child<QLabel>(producer, QStringLiteral("jobStatus"))->text(), QString());

        // Back to the built-in broker from the notice.
        test::child<QPushButton>(w.connectionNotice(), QStringLiteral("connectionNoticeBuiltIn"))->click();
        QTRY_COMPARE(w.connectionLifecycle()->state(), ConnectionState::Connected);
        QTRY_VERIFY(!w.connectionNotice()->isVisible());
        QVERIFY(app.settle());

        // The lesson goes on where it was on this broker.
        QTRY_VERIFY(strip->isVisible());
        QCOMPARE(lesson->step(), Lesson::Step::Done);
        QCOMPARE(lineOf(strip), done);

        // The dock as before the switch, and again once a group runs again.
        QVERIFY2(columnsOf(view).isEmpty(), qPrintable(columnsOf(view)));
        QTest::mouseClick(test::child<QPushButton>(w.consumersPanel(), QStringLiteral("startConsumersButton")),
                          Qt::LeftButton);
        const auto states = [&] {
            QStringList out;
            for (const ConsumerStatus &s : w.consumerManager()->statuses())
                out << s.consumerId + QLatin1Char(' ') + consumerStateName(s.state) + QLatin1Char(' ') + s.lastError;
            return out.join(QStringLiteral("; "));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(w.consumerManager()->activeCount() == 2, qPrintable(states()), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(view->model()->index(0, 0)) +
                                      view->model()->rowCount(view->model()->index(1, 0)),
                                  3, 20000);
        QVERIFY(app.settle());
        QVERIFY2(columnsOf(view).isEmpty(), qPrintable(columnsOf(view)));
        QCOMPARE(lesson->step(), Lesson::Step::Done);
    }
};

QTEST_MAIN(TestSwitchBack)
#include "tst_switchback.moc"
