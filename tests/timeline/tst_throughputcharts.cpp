// The charts dock: rates come out right from cumulative counters, the windows stay bounded
// after an hour of samples, the background sampler feeds them from a Backend, and the
// picture matches its golden.

#include "TimelineRecords.h"
#include "UiTestSupport.h"

#include "core/AsyncBackend.h"
#include "core/timeline/ThroughputHistory.h"
#include "ui/charts/ThroughputCharts.h"

#include <QChart>
#include <QChartView>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace tidemark;

class TestThroughputCharts final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { test::setupDeterministicUi(); }

    void ratesFromCounters()
    {
        RateSeries s(60'000, 100);
        s.addCounter(0, 1000); // baseline, no point yet
        QVERIFY(s.points().empty());
        s.addCounter(1000, 1100); // +100 in 1 s
        s.addCounter(3000, 1500); // +400 in 2 s
        QCOMPARE(s.points().size(), size_t(2));
        QCOMPARE(s.points()[0].y(), 100.0);
        QCOMPARE(s.points()[1].y(), 200.0);
        s.addCounter(4000, 10); // went down: recreated topic, a new baseline and no negative rate
        QCOMPARE(s.points().size(), size_t(2));
        s.addCounter(5000, 60);
        QCOMPARE(s.points().back().y(), 50.0);
        s.addCounter(4500, 70); // a late answer is ignored
        QCOMPARE(s.points().back().x(), 5000.0);
    }

    void windowsStayBounded()
    {
        ThroughputCharts charts;
        const qint64 hour = 3600 * 1000;
        for (qint64 t = 0; t <= hour; t += 1000) {
            // Feed the history in bulk, then draw once.
            charts.history().addTopicSample(QStringLiteral("orders"), t, t / 10);
            charts.history().addGroupSample(QStringLiteral("billing"), t, t / 20, 42);
        }
        charts.refresh();
        QCOMPARE(charts.seriesCount(), 3);
        // A five-minute window at one sample a second: at most ~300 points per series.
        QVERIFY2(charts.pointCount() <= 3 * 301, qPrintable(QString::number(charts.pointCount())));
        QVERIFY(charts.history().pointCount() <= 3 * 301);
        const auto &orders = charts.history().produced().at(QStringLiteral("orders"));
        QVERIFY(orders.points().front().x() >= double(hour - 5 * 60 * 1000));
        QCOMPARE(orders.points().back().y(), 100.0);
        // Many groups: the number of series is capped too.
        for (int g = 0; g < 30; ++g)
            charts.addGroupSample(QStringLiteral("group-%1").arg(g), hour + 1000 + g, g, g);
        QVERIFY(charts.seriesCount() <= 1 + 2 * 8);
    }

    void samplerFeedsTheCharts()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, QStringLiteral("orders"), 0, 10);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{QStringLiteral("orders"), 0}, 4);
        AsyncBackend async(backend);
        ThroughputCharts charts;
        charts.setBackend(&async, 100);
        QTRY_VERIFY(charts.history().produced().count(QStringLiteral("orders")) == 1);
        QTRY_VERIFY(charts.history().lag().count(QStringLiteral("billing")) == 1);
        test::appendRecords(*backend, QStringLiteral("orders"), 0, 50);
        QTRY_VERIFY(charts.history().produced().at(QStringLiteral("orders")).maxValue() > 0);
        QTRY_COMPARE(charts.history().lag().at(QStringLiteral("billing")).points().back().y(), 56.0);
        charts.setBackend(nullptr);
    }

    // The value axes were changed from inside Qt Charts' own layout pass (plotAreaChanged),
    // while a range was still being handed between an axis and its domain: the two then
    // handed an old and a new range back and forth until the GUI thread ran out of stack (a
    // reviewer's crash at 1024x700 right after a kill, when the lag jumped). A short, narrow
    // chart whose lag jumps over magnitudes and that is resized by a few pixels: every
    // change of the value ranges settles after a few.
    void valueRangesSettle()
    {
        ThroughputCharts charts;
        charts.resize(400, 200);
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        const QList<QChartView *> views = {charts.findChild<QChartView *>(QStringLiteral("throughputChart")),
                                           charts.findChild<QChartView *>(QStringLiteral("lagChart"))};
        int changes = 0;
        bool runaway = false;
        for (QChartView *view : views) {
            auto *y = qobject_cast<QValueAxis *>(view->chart()->axes(Qt::Vertical).value(0));
            QVERIFY(y);
            connect(y, &QValueAxis::rangeChanged, &charts, [&] {
                if (++changes <= 100 || runaway)
                    return;
                // Endless: cut the charts' own fitting off, so that the stack unwinds and the
                // test fails rather than crash.
                runaway = true;
                for (QChartView *v : views)
                    disconnect(v->chart(), &QChart::plotAreaChanged, &charts, nullptr);
            });
        }
        const qint64 lags[] = {0,   3,    9,    10,   11,   12,   19,   20,    21,    24,    25,     26,    49,  50,
                               51,  99,   100,  101,  120,  199,  200,  201,   249,   250,   251,    499,   500, 501,
                               999, 1000, 1001, 2400, 2500, 2600, 9999, 10000, 10001, 99999, 100000, 100001};
        qint64 t = 0, produced = 0, consumed = 0;
        for (const int width : {200, 213}) {
            changes = 0;
            charts.resize(width, 100);
            QCoreApplication::processEvents();
            QVERIFY2(!runaway, qPrintable(QStringLiteral("resized to %1x100").arg(width)));
            for (const qint64 lag : lags) {
                t += 1000;
                produced += lag / 2 + 1;
                consumed += 1;
                changes = 0;
                charts.history().addTopicSample(QStringLiteral("orders"), t, produced);
                charts.history().addGroupSample(QStringLiteral("billing"), t, consumed, lag);
                charts.refresh();
                QVERIFY2(!runaway, qPrintable(QStringLiteral("lag %1 at %2x100").arg(lag).arg(width)));
            }
        }
    }

    void golden()
    {
        ThroughputCharts charts;
        charts.resize(640, 440);
        for (qint64 t = 0; t <= 300'000; t += 2000) {
            const double s = double(t) / 1000.0;
            const auto produced = qint64(120 * s + 400 * std::sin(s / 20.0));
            const auto consumed = qint64(std::min(110 * s, 120 * s - 300));
            charts.history().addTopicSample(QStringLiteral("orders"), t, produced);
            charts.history().addGroupSample(QStringLiteral("billing"), t, std::max<qint64>(0, consumed),
                                            std::max<qint64>(0, produced - consumed));
        }
        charts.refresh();
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        TIDEMARK_COMPARE_SCREENSHOT(&charts, QStringLiteral("charts-throughput"));
    }
};

QTEST_MAIN(TestThroughputCharts)
#include "tst_throughputcharts.moc"
