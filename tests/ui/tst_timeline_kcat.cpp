// The timeline fed by a Kafka client we did not write: the app serves its built-in broker
// (Broker > Serve Kafka Clients), kcat produces keyed orders to it, and the timeline draws
// them as they arrive, in the lanes murmur2 puts their keys in (kcat runs with Kafka's
// partitioner), coloured by key. Two rounds: the second arrives while the timeline shows
// the first. The picture is the timeline alone (no ports, no times).

#include "ServingAppFixture.h"
#include "core/timeline/TimelineLoader.h"
#include "core/timeline/TimelineModel.h"
#include "ui/timeline/TimelineView.h"

#include <QProcess>
#include <QStandardPaths>

using namespace tidemark;

namespace {

const QString kTopic = QStringLiteral("orders");

QByteArray keyedOrders(int first, int count)
{
    QByteArray input;
    for (int i = first; i < first + count; ++i)
        input += QByteArray("user-") + QByteArray::number(i % 7) + "|{\"order_id\":\"" +
                 QByteArray::number(i).rightJustified(4, '0') + "\"}\n";
    return input;
}

} // namespace

class TestTimelineKcat final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void timelineDrawsWhatKcatProduces()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kcat")).isEmpty())
            QFAIL("kcat is not installed (apt install kcat)");
        test::ServingApp app(QSize(1280, 800), QStringLiteral("/home/user/.local/share/Tidemark/data"));
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{kTopic, 3, 1, {}}).ok());
        w.topicBrowser()->refresh();
        w.selectTopic(kTopic);
        QTRY_COMPARE(w.selectedTopic(), kTopic);
        TimelineModel &model = *w.timeline()->model();
        QTRY_COMPARE(model.laneCount(), 3);
        w.timeline()->loader()->setPollInterval(100);

        app.serveAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.serveSwitch()->isServing(), 10000);
        const QString broker = QStringLiteral("127.0.0.1:%1").arg(app.port());

        // kcat runs beside the app (the app's event loop keeps going while it produces).
        auto produce = [&](int first, int count) {
            QProcess kcat;
            kcat.start(QStringLiteral("kcat"),
                       {QStringLiteral("-P"), QStringLiteral("-b"), broker, QStringLiteral("-t"), kTopic,
                        QStringLiteral("-K|"), QStringLiteral("-X"), QStringLiteral("partitioner=murmur2_random")});
            QVERIFY(kcat.waitForStarted(10000));
            kcat.write(keyedOrders(first, count));
            kcat.closeWriteChannel();
            QTRY_VERIFY_WITH_TIMEOUT(kcat.state() == QProcess::NotRunning, 60000);
            QVERIFY2(kcat.exitStatus() == QProcess::NormalExit && kcat.exitCode() == 0,
                     kcat.readAllStandardError().constData());
        };
        produce(0, 40);
        QTRY_COMPARE_WITH_TIMEOUT(model.recordCount(), qint64(40), 10000);
        QVERIFY(app.logged(QStringLiteral("connected")));
        produce(40, 44);
        // The timeline picks the second round up on its own (its poll), no refresh asked.
        QTRY_COMPARE_WITH_TIMEOUT(model.recordCount(), qint64(84), 10000);
        // The count comes from the watermarks; the lanes' records come with the loader's next
        // read, a moment later (CI once saw 40 of 84 loaded right after the count said 84).
        auto loaded = [&] {
            qint64 n = 0;
            for (int lane = 0; lane < model.laneCount(); ++lane)
                n += model.summary(lane).loadedCount();
            return n;
        };
        QTRY_COMPARE_WITH_TIMEOUT(loaded(), qint64(84), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w.timeline()->loader()->isIdle(), 10000);
        QVERIFY(test::settleWindow(w));
        TIDEMARK_COMPARE_SCREENSHOT(w.timeline(), QStringLiteral("timeline-fed-by-kcat"));
    }
};

QTEST_MAIN(TestTimelineKcat)
#include "tst_timeline_kcat.moc"
