// Issue 14: `tidemark-cli groups reset` moves a group back while the app runs, and the learner
// starts a consumer before the app's poll (about once a second) has seen the reset. The
// consumer reads the records again; that is the replay the learner asked for, and the app
// tells it as one: flashed in the replay colour, counted, in Events and the Consumers dock.
// Before, nothing was told: the app (restarted since the group read) knew nothing it could
// compare with, and the poll, once it came, found a member in the group and saw no reset.
//
// The real built-in broker and a real tidemark-cli process. The poll is held back
// deterministically: the connection's BrokerState stops ticking before the reset and ticks
// again only after the consumer has read everything (no sleeps, no timing).

#include "LocalAppFixture.h"
#include "TimelineLabels.h"
#include "core/BrokerState.h"
#include "core/ConsumerManager.h"
#include "core/timeline/TimelineModel.h"
#include "ui/panels/ConsumersPanel.h"

#include "TestPaths.h"

#include <QProcess>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");
const QString kGroup = QStringLiteral("billing");
constexpr qint64 kRecords = 60;
constexpr qint64 kResetTo = 20;

qint64 committedOf(test::LocalApp &app)
{
    const auto group = app.backend().describeGroup(kGroup);
    if (!group)
        return -1;
    for (const GroupPartitionState &p : group->partitions)
        if (p.tp == TopicPartition{kTopic, 0})
            return p.committed;
    return -1;
}

} // namespace

class TestCliResetLate final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void replayOfACliResetThePollHadNotSeen()
    {
        test::LocalApp app(QSize(1024, 700), test::fastConsumerOptions());
        MainWindow &w = *app.window;
        TimelineView *view = w.timeline();
        view->setClock([] { return qint64(1'000'000); }); // flashes do not fade while checked
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 1, 1, {}}).ok());
        std::vector<OutgoingRecord> records(kRecords);
        for (qint64 i = 0; i < kRecords; ++i)
            records[size_t(i)].key = QByteArray::number(i);
        QVERIFY(app.backend().produce(kTopic, records, {}).ok());
        // The group read and committed everything in an earlier run of the app: this process
        // saw nobody read, it knows the committed offset from its polls only.
        QVERIFY(app.backend().resetGroupOffsets(kGroup, {{{kTopic, 0}, kRecords}}).ok());
        w.topicBrowser()->selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->committed(kGroup, 0).value_or(-1), kRecords, 10000);

        // From here the app polls nothing until the test says so.
        BrokerState *state = BrokerState::of(w.asyncBackend());
        state->setTicking(false);
        QTRY_VERIFY(state->isIdle());
        QProcess cli;
        cli.start(test::paths::cli(), {QStringLiteral("groups"), QStringLiteral("reset"), QStringLiteral("--group"),
                                       kGroup, QStringLiteral("--topic"), kTopic, QStringLiteral("--partition"),
                                       QStringLiteral("0"), QStringLiteral("--to-offset"), QString::number(kResetTo),
                                       QStringLiteral("--data"), app.dataDir.path()});
        QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 60000);
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
                 cli.readAllStandardError().constData());
        QCOMPARE(committedOf(app), kResetTo);
        QCOMPARE(view->model()->committed(kGroup, 0).value_or(-1), kRecords); // not seen

        ConsumerManager *consumers = w.consumerManager();
        const QString id = consumers->start(kGroup, {kTopic});
        QVERIFY(!id.isEmpty());
        const auto status = [&] { return consumers->status(id).value_or(ConsumerStatus{}); };
        const TopicPartition tp{kTopic, 0};
        QTRY_COMPARE_WITH_TIMEOUT(status().positions.count(tp) ? status().positions.at(tp) : qint64(-1), kRecords,
                                  20000);
        // Counted and told as a replay, all of it, none as a redelivery.
        QCOMPARE(status().recordsReplayed, kRecords - kResetTo);
        QCOMPARE(status().recordsRedelivered, qint64(0));
        QVERIFY(test::eventLogged(w, QStringLiteral("replays orders[0] offsets 20-59: the group's committed offset was "
                                                    "reset from 60 to 20 (a replay you asked for, not a redelivery)")));
        QTRY_VERIFY2(w.consumersPanel()->hintText().contains(
                         QStringLiteral("read 40 records again after the offset reset: a replay, not a redelivery")),
                     qPrintable(w.consumersPanel()->hintText()));
        // The timeline flashed it in the replay colour, from the reset offset.
        TimelineCanvas *canvas = view->canvas();
        QTRY_VERIFY2(!canvas->drawnFlashes().empty(), qPrintable(test::flashesText(canvas->drawnFlashes())));
        for (const TimelineDrawnFlash &f : canvas->drawnFlashes())
            QVERIFY2(f.replay && f.from >= kResetTo && f.to <= kRecords,
                     qPrintable(test::flashesText(canvas->drawnFlashes())));
        QCOMPARE(canvas->drawnFlashes().front().from, kResetTo);

        // The poll comes late: the group has its member and has committed forward; the count stays.
        state->setTicking(true);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->committed(kGroup, 0).value_or(-1), kRecords, 10000);
        QTRY_VERIFY(state->isIdle());
        QCOMPARE(status().recordsReplayed, kRecords - kResetTo);
        consumers->stopAll();
        QTRY_COMPARE_WITH_TIMEOUT(consumers->activeCount(), 0, 20000);
    }
};

QTEST_MAIN(TestCliResetLate)
#include "tst_cli_reset_late.moc"
