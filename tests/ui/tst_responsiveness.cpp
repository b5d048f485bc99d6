// The GUI thread never waits on disk or network while the app produces 20,000 orders per
// second into the built-in broker and a group of two consumers reads them, with the live
// tail and the timeline on:
// - not one broker call (Backend or Consumer, see GuiThreadWatch) is made on the GUI thread
//   from the first click to the last record consumed; this is the exact check;
// - a 10 ms timer on the GUI thread keeps ticking: its worst lateness is printed, and the
//   test fails only past 250 ms, a freeze anyone would see (on 2 loaded cores a scheduler
//   alone can delay a tick by tens of milliseconds, so a tighter bound would measure the
//   machine, not the app).
// Throughput is not checked (the job may fall short of the rate on a slow or sanitized build).

#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTimer>

using namespace tidemark;

class TestResponsiveness final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    // The watch sees a call on the GUI thread (so an empty list below means something).
    void watchNotesGuiThreadCalls()
    {
        test::LocalApp app;
        QVERIFY(app.showAndConnect());
        test::GuiThreadWatch::instance().arm();
        QVERIFY(app.backend().listTopics().ok());
        QCOMPARE(test::GuiThreadWatch::instance().disarm(), QStringList{QStringLiteral("listTopics")});
    }

    void timerStaysOnTimeWhileProducingAndConsuming()
    {
        test::LocalApp app;
        MainWindow &w = *app.window;
        QVERIFY(app.showAndConnect());
        QVERIFY(app.backend().createTopic(TopicSpec{QStringLiteral("orders"), 3, 1, {}}).ok());
        w.topicBrowser()->refresh();
        w.selectTopic(QStringLiteral("orders"));
        QTRY_COMPARE(w.selectedTopic(), QStringLiteral("orders"));
        const QStringList ids =
            w.consumerManager()->startGroup(QStringLiteral("billing"), {QStringLiteral("orders")}, 2);
        QCOMPARE(ids.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(w.consumerManager()->status(ids[0])->state == ConsumerStatus::State::Running &&
                                     w.consumerManager()->status(ids[1])->state == ConsumerStatus::State::Running,
                                 20000);
        w.messagesPanel()->setLiveTail(true);

        const int total = 40000; // two seconds at 20,000 per second
        ProducerPanel *producer = w.producerPanel();
        test::child<QSpinBox>(producer, QStringLiteral("generateCount"))->setValue(total);
        test::child<QSpinBox>(producer, QStringLiteral("generateRate"))->setValue(20000);
        QSignalSpy finished(producer, &ProducerPanel::jobFinished);

        QElapsedTimer clock;
        qint64 last = -1, worstLateness = 0, ticks = 0;
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            if (last >= 0)
                worstLateness = std::max(worstLateness, now - last - 10);
            last = now;
            ++ticks;
        });
        test::GuiThreadWatch::instance().arm();
        clock.start();
        ticker.start();
        QTest::mouseClick(test::child<QPushButton>(producer, QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        const qint64 producingMs = clock.elapsed();
        auto consumed = [&] {
            qint64 n = 0;
            for (const ConsumerStatus &s : w.consumerManager()->statuses())
                n += s.recordsConsumed;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(consumed() >= total, 120000);
        ticker.stop();
        const QStringList guiThreadCalls = test::GuiThreadWatch::instance().disarm();

        const auto result = finished.at(0).at(0).value<ProducerJobResult>();
        QCOMPARE(result.sent, qint64(total));
        qInfo("produced %d orders in %lld ms (%.0f/s), consumed them all; %lld timer ticks, worst lateness %lld ms",
              total, producingMs, total * 1000.0 / double(std::max<qint64>(1, producingMs)), ticks, worstLateness);
        QVERIFY2(guiThreadCalls.isEmpty(), qPrintable(QStringLiteral("broker calls on the GUI thread: ") +
                                                      guiThreadCalls.join(QStringLiteral(", "))));
        QVERIFY(ticks > 0);
        QVERIFY2(worstLateness < 250, qPrintable(QStringLiteral("the GUI thread froze for %1 ms").arg(worstLateness)));
    }
};

QTEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
