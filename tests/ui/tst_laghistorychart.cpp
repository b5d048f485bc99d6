// Issue 15's "the lag chart after an app restart still shows the previous hour", on the real
// app over the built-in broker: a group the app does not run (its offsets committed by the
// test through the broker, as an outside client would) is recorded for 65 minutes of a manual
// clock, the window is closed, a minute passes, a new window on the same data and settings
// opens, and its lag history chart shows the previous hour as it was, with the trend and an
// export of the history. Nothing waits for real time: the broker state's clock and the wall
// clock are stepped together, 30 s a step.

#include "LocalAppFixture.h"
#include "core/BrokerState.h"
#include "core/LagHistory.h"
#include "ui/charts/LagHistoryChart.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

namespace {

constexpr qint64 kHour = 3600'000;

// Steps the connection's broker state and the wall clock through `ms` in 30 s steps, letting
// every poll finish.
bool stepThrough(test::LocalApp &app, qint64 &monotonic, qint64 ms, const std::function<void(int)> &eachStep)
{
    BrokerState *state = BrokerState::of(app.window->asyncBackend());
    for (int step = 0; step * 30'000 < ms; ++step) {
        eachStep(step);
        monotonic += 30'000;
        app.clock.advance(30'000);
        state->tick();
        if (!QTest::qWaitFor([&] { return state->isIdle() && app.window->asyncBackend()->pending() == 0; }, 10000))
            return false;
    }
    return true;
}

} // namespace

class TestLagHistoryChart final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void previousHourAfterRestart()
    {
        test::LocalApp app;
        QVERIFY(app.showAndConnect());
        Backend &broker = app.backend();
        QVERIFY(broker.createTopic(TopicSpec{QStringLiteral("orders"), 1, 1, {}}).ok());
        const TopicPartition tp{QStringLiteral("orders"), 0};
        auto produce = [&](int n) {
            std::vector<OutgoingRecord> records(static_cast<size_t>(n));
            for (OutgoingRecord &r : records) {
                r.partition = 0;
                r.value = QByteArray("{}");
            }
            return broker.produce(tp.topic, records, {}).ok();
        };
        QVERIFY(produce(100));
        QVERIFY(broker.resetGroupOffsets(QStringLiteral("billing"), {{tp, 0}}).ok());

        BrokerState *state = BrokerState::of(app.window->asyncBackend());
        qint64 monotonic = 1'000'000'000;
        state->setTicking(false);
        state->setClock([&monotonic] { return monotonic; });
        auto lagChart = [&app] { return app.window->findChild<LagHistoryChart *>(QStringLiteral("lagHistory")); };
        QVERIFY(lagChart());
        LagHistory *history = lagChart()->history();
        QVERIFY(history);
        QTRY_VERIFY(history->isLoaded());
        // 65 minutes: 20 records a minute arrive; the group reads 30 a minute for the last
        // 20 minutes (it falls behind, then catches up).
        qint64 committed = 0;
        QVERIFY(stepThrough(app, monotonic, 65 * 60'000, [&](int step) {
            if (step % 2 == 0)
                QVERIFY(produce(20));
            if (step >= 90 && step % 2 == 0) {
                committed += 30;
                QVERIFY(broker.resetGroupOffsets(QStringLiteral("billing"), {{tp, committed}}).ok());
            }
        }));
        const qint64 closedAt = app.clock.now();
        const std::vector<LagRow> before = history->data().rows(QStringLiteral("billing"), closedAt - kHour, closedAt);
        QVERIFY(before.size() >= 100);
        qInfo("before the restart: %zu samples of 'billing' in the last hour, lag %lld -> %lld", before.size(),
              before.front().lag, before.back().lag);

        // The app closes; a minute later it starts again on the same data and settings.
        app.window.reset();
        app.clock.advance(60'000);
        app.window = test::makeMainWindow(
            test::WindowSetup{test::LocalApp::localOpener(app.dataDir.path()), QSize(1280, 800), true, {}}, app.clock,
            app.settingsDir);
        QVERIFY(app.showAndConnect());
        LagHistoryChart *chart = lagChart();
        QVERIFY(chart->history());
        QTRY_VERIFY(chart->history()->isLoaded());
        chart->setGroup(QStringLiteral("billing"));
        QCOMPARE(chart->group(), QStringLiteral("billing"));
        QCOMPARE(chart->rangeMs(), kHour);
        const qint64 now = app.clock.now();
        QCOMPARE(chart->shownRangeMs(), std::make_pair(now - kHour, now));
        // Every sample of the hour before now that was taken before the restart is shown.
        std::vector<LagRow> expected;
        for (const LagRow &r : before)
            if (r.timeMs >= now - kHour)
                expected.push_back(r);
        std::vector<LagRow> shown;
        for (const LagRow &r : chart->shownRows())
            if (r.timeMs <= closedAt)
                shown.push_back(r);
        QCOMPARE(shown.size(), expected.size());
        for (size_t i = 0; i < shown.size(); ++i) {
            QCOMPARE(shown[i].timeMs, expected[i].timeMs);
            QCOMPARE(shown[i].lag, expected[i].lag);
        }
        QVERIFY(chart->pointCount() >= int(expected.size()));
        QVERIFY2(chart->summary().contains(QStringLiteral("Lag now:")), qPrintable(chart->summary()));
        QVERIFY(chart->trend().known);
        QVERIFY2(chart->trend().recordsPerSecond < 0, qPrintable(chart->summary())); // catching up
        QVERIFY2(chart->summary().contains(QStringLiteral("caught up in about")), qPrintable(chart->summary()));

        // Export, as CSV: a header and one line per sample and partition.
        const QString path = app.settingsDir.filePath(QStringLiteral("lag.csv"));
        QSignalSpy exported(chart, &LagHistoryChart::exportFinished);
        chart->exportTo(path);
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.at(0).at(2).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("time,group,topic,partition,committed,log_end,lag"));
        QCOMPARE(qint64(lines.size() - 1), exported.at(0).at(1).toLongLong());
        QVERIFY(lines.size() > int(expected.size()));
    }
};

QTEST_MAIN(TestLagHistoryChart)
#include "tst_laghistorychart.moc"
