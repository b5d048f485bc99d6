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
// Every event the GUI thread dispatches is timed (TimedApplication): when the timer was late,
// the slowest dispatches (receiver class, event type, milliseconds) say what held the thread.

#include "LocalAppFixture.h"
#include "core/ConsumerManager.h"
#include "ui/panels/MessagesPanel.h"
#include "ui/panels/ProducerPanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMetaEnum>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace tidemark;

namespace {

// A QApplication that times each event it delivers on the GUI thread, nested deliveries too
// (a window's UpdateRequest paints its widgets through nested Paint events), and keeps the
// slowest ones while recording.
class TimedApplication final : public QApplication {
public:
    using QApplication::QApplication;

    struct Dispatch {
        qint64 ms = 0;
        int depth = 0;
        QString what;
    };

    void record(bool on)
    {
        m_recording = on;
        if (on)
            m_slowest.clear();
    }
    // The slowest dispatches, slowest first, one per line.
    QString slowest(int count) const
    {
        std::vector<Dispatch> sorted = m_slowest;
        std::sort(sorted.begin(), sorted.end(), [](const Dispatch &a, const Dispatch &b) { return a.ms > b.ms; });
        QStringList lines;
        for (int i = 0; i < int(sorted.size()) && i < count; ++i)
            lines << QStringLiteral("  %1 ms  depth %2  %3").arg(sorted[i].ms).arg(sorted[i].depth).arg(sorted[i].what);
        return lines.join(QLatin1Char('\n'));
    }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Taken before delivery: the event may delete its receiver. Class names are static.
        const int type = event->type();
        const char *receiverClass = receiver->metaObject()->className();
        QElapsedTimer timer;
        timer.start();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ms = timer.elapsed();
        if (ms >= 20 && m_slowest.size() < 10000) {
            const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
            m_slowest.push_back({ms, m_depth,
                                 QStringLiteral("%1 to %2")
                                     .arg(QLatin1String(typeName ? typeName : "?"), QLatin1String(receiverClass))});
        }
        return result;
    }

private:
    bool m_recording = false;
    int m_depth = 0;
    std::vector<Dispatch> m_slowest;
};

} // namespace

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
        auto *timedApp = static_cast<TimedApplication *>(qApp);
        test::GuiThreadWatch::instance().arm();
        timedApp->record(true);
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
        timedApp->record(false);
        const QStringList guiThreadCalls = test::GuiThreadWatch::instance().disarm();

        const auto result = finished.at(0).at(0).value<ProducerJobResult>();
        QCOMPARE(result.sent, qint64(total));
        qInfo("produced %d orders in %lld ms (%.0f/s), consumed them all; %lld timer ticks, worst lateness %lld ms",
              total, producingMs, total * 1000.0 / double(std::max<qint64>(1, producingMs)), ticks, worstLateness);
        QVERIFY2(guiThreadCalls.isEmpty(), qPrintable(QStringLiteral("broker calls on the GUI thread: ") +
                                                      guiThreadCalls.join(QStringLiteral(", "))));
        QVERIFY(ticks > 0);
        const QString slowest = timedApp->slowest(12);
        if (!slowest.isEmpty())
            qInfo("slowest dispatches on the GUI thread (20 ms or more):\n%s", qPrintable(slowest));
        QVERIFY2(worstLateness < 250, qPrintable(QStringLiteral("the GUI thread froze for %1 ms").arg(worstLateness)));
    }
};

// QTEST_MAIN's, with the timed application.
int main(int argc, char **argv)
{
    TimedApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestResponsiveness test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_responsiveness.moc"
