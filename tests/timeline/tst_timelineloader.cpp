// TimelineLoader over an in-memory Backend: it loads every lane in the background (visible
// range first), notices records and groups that appear later, reports errors once, and
// drops answers that belong to a previous topic. On a topic too large to read, it reads what
// the screen shows: a sample for the overview, everything in a zoomed-in window, within the
// fetch budget, and a range completely only when asked (counted through the Backend).

#include "BatchReads.h"
#include "FakeBackend.h"
#include "TimelineRecords.h"

#include "core/AsyncBackend.h"
#include "core/timeline/TimelineLoader.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <set>

using namespace tidemark;

namespace {
const QString kTopic = QStringLiteral("orders");

// Runs the event loop until the loader is idle (QTRY_* would sleep 10 ms between answers,
// which makes a few thousand probes slow for no reason).
bool waitUntilIdle(TimelineLoader &loader, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!loader.isIdle() && timer.elapsed() < timeoutMs) {
        QSignalSpy idle(&loader, &TimelineLoader::idleChanged);
        idle.wait(200);
    }
    return loader.isIdle();
}
} // namespace

class TestTimelineLoader final : public QObject {
    Q_OBJECT

private slots:
    void loadsEveryLane()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 1000);
        test::appendRecords(*backend, kTopic, 1, 700);
        test::appendRecords(*backend, kTopic, 2, 0);
        backend->setCommitted(QStringLiteral("billing"), TopicPartition{kTopic, 1}, 300);
        backend->setCommitted(QStringLiteral("elsewhere"), TopicPartition{QStringLiteral("payments"), 0}, 1);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBatchSize(128);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QCOMPARE(model.laneCount(), 3);
        QCOMPARE(model.summary(0).loadedCount(), qint64(1000));
        QCOMPARE(model.summary(1).loadedCount(), qint64(700));
        QCOMPARE(model.highWatermark(2), qint64(0));
        QCOMPARE(model.committed(QStringLiteral("billing"), 1), std::optional<qint64>(300));
        QCOMPARE(model.groups().size(), size_t(1)); // "elsewhere" reads another topic
        // Summaries carry the key hash: two records with the same key share a colour.
        QCOMPARE(model.summary(0).at(0).colour, model.summary(0).at(5).colour);
        QVERIFY(model.summary(0).at(0).colour != model.summary(0).at(1).colour ||
                model.summary(0).at(1).colour != model.summary(0).at(2).colour);
    }

    void aDamagedRecordIsAHoleNotAStall()
    {
        // Regression: a Corrupt answer for the first record asked for was retried every
        // second forever; the lane never finished loading past it.
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 600);
        backend->setCorrupt({kTopic, 0}, 250);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        QSignalSpy errors(&loader, &TimelineLoader::errorOccurred);
        loader.setBatchSize(100);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle() && loader.isFullyLoaded());
        QCOMPARE(model.summary(0).loadedCount(), qint64(600)); // 599 records and the hole
        QCOMPARE(model.summary(0).at(250).size, LaneSummary::kGap);
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.constLast().at(0).toString().contains(QStringLiteral("offset 250")));
    }

    void visibleRangeLoadsFirst()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 5000);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBatchSize(100);
        loader.setVisibleRange(3000, 3100);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(backend->summaryFetchCalls() > 0);
        const auto first = backend->summaryFetches().front();
        QVERIFY2(first.second >= 3000 && first.second < 3100, qPrintable(QString::number(first.second)));
        // Then the rest, newest first.
        QTRY_VERIFY(backend->summaryFetches().size() >= 2);
        QCOMPARE(backend->summaryFetches()[1].second, qint64(4900));
        QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 20000);
        QCOMPARE(model.summary(0).loadedCount(), qint64(5000));
    }

    void noticesRecordsFromOtherProcesses()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 10);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setPollInterval(50);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QCOMPARE(model.highWatermark(0), qint64(10));
        test::appendRecords(*backend, kTopic, 0, 25);
        backend->setCommitted(QStringLiteral("late"), TopicPartition{kTopic, 0}, 7);
        QTRY_COMPARE(model.highWatermark(0), qint64(35));
        QTRY_COMPARE(model.summary(0).loadedCount(), qint64(35));
        QTRY_COMPARE(model.committed(QStringLiteral("late"), 0), std::optional<qint64>(7));
    }

    void missingTopicIsReportedOnce()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setPollInterval(50);
        QSignalSpy errors(&loader, &TimelineLoader::errorOccurred);
        loader.setBackend(&async);
        loader.setTopic(QStringLiteral("nope"));
        QTRY_COMPARE(errors.count(), 1);
        const QString message = errors.at(0).at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("nope")) && message.contains(QStringLiteral("Fake: in memory")),
                 qPrintable(message));
        // Several polls later (counted on the backend, not timed), still one report.
        const qint64 callsThen = backend->calls();
        QTRY_VERIFY_WITH_TIMEOUT(backend->calls() >= callsThen + 4, 10000);
        QCOMPARE(errors.count(), 1);
        QCOMPARE(model.laneCount(), 0);
    }

    void fetchesOneRecordForTheHoverCard()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 20);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QSignalSpy ready(&loader, &TimelineLoader::recordReady);
        loader.requestRecord(0, 13);
        QTRY_COMPARE(ready.count(), 1);
        QCOMPARE(ready.at(0).at(1).toLongLong(), qint64(13));
        const auto record = ready.at(0).at(2).value<Record>();
        QCOMPARE(record.key, std::optional<QByteArray>(QByteArray("user-3")));
    }

    void resetsOffsetsThroughTheBackend()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, kTopic, 0, 20);
        backend->setCommitted(QStringLiteral("g"), TopicPartition{kTopic, 0}, 15);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(kTopic);
        QTRY_VERIFY(loader.isIdle());
        QSignalSpy finished(&loader, &TimelineLoader::resetFinished);
        loader.resetOffset(QStringLiteral("g"), 0, 4);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(3).toString(), QString());
        QCOMPARE(model.committed(QStringLiteral("g"), 0), std::optional<qint64>(4));
        backend->setGroupActive(QStringLiteral("g"), true);
        loader.resetOffset(QStringLiteral("g"), 0, 9);
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(finished.at(1).at(3).toString().contains(QStringLiteral("active members")));
        QCOMPARE(model.committed(QStringLiteral("g"), 0), std::optional<qint64>(4));
        // Without a backend the reset fails at once, saying why.
        TimelineModel other;
        TimelineLoader offline(&other);
        QSignalSpy offlineFinished(&offline, &TimelineLoader::resetFinished);
        offline.resetOffset(QStringLiteral("g"), 0, 1);
        QCOMPARE(offlineFinished.count(), 1);
        QVERIFY(!offlineFinished.at(0).at(3).toString().isEmpty());
    }

    void answersForAnOldTopicAreDropped()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        test::appendRecords(*backend, QStringLiteral("a"), 0, 50);
        test::appendRecords(*backend, QStringLiteral("a"), 1, 50);
        test::appendRecords(*backend, QStringLiteral("b"), 0, 3);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setTopic(QStringLiteral("a"));
        loader.setTopic(QStringLiteral("b"));
        QTRY_VERIFY(loader.isIdle());
        QTRY_COMPARE(async.pending(), 0);
        QCOMPARE(model.topic(), QStringLiteral("b"));
        QCOMPARE(model.laneCount(), 1);
        QCOMPARE(model.highWatermark(0), qint64(3));
        // And no backend at all: nothing happens, nothing breaks.
        loader.setBackend(nullptr);
        QCOMPARE(model.laneCount(), 0);
        QVERIFY(loader.isIdle());
    }
    // Opening a 30M-record topic (6.9 GB) and zooming in: counted through the Backend.
    void overviewOfALargeTopicReadsOnlyWhatTheScreenShows()
    {
        constexpr qint64 kPerPartition = 10'000'000;
        constexpr int kColumns = 1000;
        auto backend = std::make_shared<test::FakeBackend>();
        QVERIFY(backend->addComputedTopic(kTopic, 3, kPerPartition));
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setVisibleRange(0, double(kPerPartition), kColumns);
        loader.setTopic(kTopic);
        QVERIFY(waitUntilIdle(loader));
        // Exact things stay exact: the watermarks are the broker's, not a sample's.
        QCOMPARE(model.laneCount(), 3);
        for (int lane = 0; lane < 3; ++lane)
            QCOMPARE(model.highWatermark(lane), kPerPartition);
        // The overview costs a few probes per lane: at most one per 2 columns (and the coarser
        // levels before it), each of TimelineLoader::kProbeRecords records.
        const qint64 overviewBudget =
            3 * (kColumns / 2) * 2 * TimelineLoader::kProbeRecords * backend->recordBytes(kTopic);
        QVERIFY2(backend->bytesServed() <= overviewBudget,
                 qPrintable(QStringLiteral("the overview read %1 bytes (%2 records), budget %3")
                                .arg(backend->bytesServed())
                                .arg(backend->recordsServed())
                                .arg(overviewBudget)));
        QVERIFY(backend->bytesServed() * 100 <= backend->topicBytes(kTopic)); // <= 1% of the topic
        QCOMPARE(loader.bytesFetched(), backend->bytesServed());              // the loader counts what it read
        QVERIFY(!loader.isFullyLoaded());
        // ... and still draws every column of every lane.
        std::vector<LodCell> cells(kColumns);
        for (int lane = 0; lane < 3; ++lane) {
            const LaneSummary &s = model.summary(lane);
            QVERIFY(s.samples().count() > 0);
            s.sampleColumns(0, double(kPerPartition) / kColumns, kColumns, cells.data());
            const auto drawn =
                std::count_if(cells.begin(), cells.end(), [](const LodCell &c) { return c.hasRecords(); });
            QVERIFY2(drawn >= kColumns * 9 / 10, qPrintable(QString::number(drawn)));
            QVERIFY2(s.memoryBytes() < 2'000'000, qPrintable(QString::number(s.memoryBytes())));
        }

        // Zoom in to a 3,000-record window: it is read completely, and not much more.
        const qint64 before = backend->recordsServed();
        loader.setVisibleRange(5'000'000, 5'003'000, kColumns);
        QVERIFY(waitUntilIdle(loader));
        for (int lane = 0; lane < 3; ++lane)
            QCOMPARE(model.summary(lane).loadedCountIn(5'000'000, 5'003'000), qint64(3000));
        const qint64 zoomRecords = backend->recordsServed() - before;
        QVERIFY2(zoomRecords <= 3 * 3000 + 3 * TimelineLoader::kProbeRecords, qPrintable(QString::number(zoomRecords)));
    }

    // On Kafka a probe costs a whole record batch (KIP-74), however few records it uses: the
    // overview uses every record of the batches it paid for, draws the whole topic after one
    // coarse pass over every lane, and refines only while it costs <= 1% of the topic's bytes.
    void anOverviewOfBatchesCostsAPercentOfTheTopic()
    {
        constexpr qint64 kPerPartition = 2'000'000;
        constexpr int kColumns = 1000;
        auto fake = std::make_shared<test::FakeBackend>();
        QVERIFY(fake->addComputedTopic(kTopic, 3, kPerPartition));
        // 16 KB batches of 228-byte records, as batch.size=16384 makes them.
        auto backend = std::make_shared<test::BatchReads>(fake, 72, fake->recordBytes(kTopic));
        const qint64 topicBytes = fake->topicBytes(kTopic);
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        loader.setVisibleRange(0, double(kPerPartition), kColumns);
        loader.setTopic(kTopic);
        QVERIFY(waitUntilIdle(loader));
        const qint64 bytes = backend->bytesServed();
        QVERIFY2(bytes * 100 <= topicBytes,
                 qPrintable(QStringLiteral("the overview read %1 bytes in %2 probes, %3% of the topic")
                                .arg(bytes)
                                .arg(backend->probes().size())
                                .arg(100.0 * double(bytes) / double(topicBytes))));
        qInfo("overview: %d probes, %lld records, %lld bytes = %.3f%% of the topic", loader.probeCount(),
              loader.recordsFetched(), bytes, 100.0 * double(bytes) / double(topicBytes));
        QCOMPARE(loader.bytesFetched(), bytes);
        QCOMPARE(loader.probeBytes(), bytes);
        // Every record of each probe's batch is used: a probe brings more than the 16 records
        // a batch-less backend would.
        QVERIFY2(
            loader.recordsFetched() > 16 * loader.readCount(),
            qPrintable(QStringLiteral("%1 records in %2 probes").arg(loader.recordsFetched()).arg(loader.readCount())));
        // The first reads are one coarse pass over every lane (4 probes each: one per 256
        // columns on a power-of-two grid), newest first, lanes taking turns; then finer ones.
        const auto probes = backend->probes();
        QVERIFY(probes.size() > 12);
        constexpr qint64 kCoarseCell = 524'288;
        std::set<std::pair<int, qint64>> coarse;
        for (size_t i = 0; i < 12; ++i)
            coarse.insert(probes[i]);
        for (int partition = 0; partition < 3; ++partition) {
            for (qint64 cell = 0; cell < kPerPartition; cell += kCoarseCell)
                QVERIFY2(
                    coarse.count({partition, cell}),
                    qPrintable(QStringLiteral("no coarse probe at %1:%2 among the first 12").arg(partition).arg(cell)));
        }
        // Every probe lies on the power-of-two grid (so a zoom reuses them).
        for (const auto &[partition, offset] : probes)
            QVERIFY2(offset % 16'384 == 0, qPrintable(QStringLiteral("a probe at %1:%2").arg(partition).arg(offset)));
        QVERIFY(loader.isCoarsePassDone());
        // ... and every column of every lane is drawn.
        std::vector<LodCell> cells(kColumns);
        for (int lane = 0; lane < 3; ++lane) {
            QCOMPARE(model.highWatermark(lane), kPerPartition); // exact, never from a sample
            model.summary(lane).sampleColumns(0, double(kPerPartition) / kColumns, kColumns, cells.data());
            const auto drawn =
                std::count_if(cells.begin(), cells.end(), [](const LodCell &c) { return c.hasRecords(); });
            QCOMPARE(drawn, std::ptrdiff_t(kColumns));
        }

        // A zoom to a 10,000-record window fetches that window plus at most one batch at each
        // side, per lane (each batch once), and reads it completely.
        const qint64 before = backend->bytesServed();
        loader.setVisibleRange(1'000'000, 1'010'000, kColumns);
        QVERIFY(waitUntilIdle(loader));
        for (int lane = 0; lane < 3; ++lane)
            QCOMPARE(model.summary(lane).loadedCountIn(1'000'000, 1'010'000), qint64(10'000));
        const qint64 zoomBytes = backend->bytesServed() - before;
        const qint64 windowBytes = 3 * 10'000 * fake->recordBytes(kTopic);
        QVERIFY2(zoomBytes <= windowBytes + 3 * 2 * backend->batchBytes(),
                 qPrintable(QStringLiteral("the zoom read %1 bytes, %2 batches beyond the window")
                                .arg(zoomBytes)
                                .arg(double(zoomBytes - windowBytes) / double(backend->batchBytes()))));
    }

    void theFetchBudgetStopsReading()
    {
        auto backend = std::make_shared<test::FakeBackend>();
        QVERIFY(backend->addComputedTopic(kTopic, 2, 5'000'000));
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        QSignalSpy fetched(&loader, &TimelineLoader::fetchedChanged);
        constexpr qint64 kBudget = 64 * 1024;
        loader.setFetchBudget(kBudget);
        loader.setBackend(&async);
        loader.setVisibleRange(0, 5'000'000, 1000);
        loader.setTopic(kTopic);
        QVERIFY(waitUntilIdle(loader));
        QVERIFY(loader.isBudgetSpent());
        // It stops at the first read past the budget: at most one probe over.
        const qint64 probeBytes = TimelineLoader::kProbeRecords * backend->recordBytes(kTopic);
        QVERIFY2(backend->bytesServed() <= kBudget + probeBytes, qPrintable(QString::number(backend->bytesServed())));
        QVERIFY(!fetched.isEmpty());
        QCOMPARE(fetched.constLast().at(0).toLongLong(), loader.bytesFetched());
        QCOMPARE(fetched.constLast().at(1).toLongLong(), kBudget);

        // Loading a range completely is the user's call: past the budget, with progress.
        QSignalSpy progress(&loader, &TimelineLoader::rangeLoadProgress);
        QSignalSpy finished(&loader, &TimelineLoader::rangeLoadFinished);
        QCOMPARE(loader.missingRecordsIn(1'000'000, 1'002'000) > 3000, true);
        QVERIFY(loader.estimateRangeBytes(1'000'000, 1'002'000) > 0);
        const qint64 before = backend->recordsServed();
        loader.setBatchSize(500);
        loader.loadRangeCompletely(1'000'000, 1'002'000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.constLast().at(0).toBool(), true);
        QCOMPARE(loader.missingRecordsIn(1'000'000, 1'002'000), qint64(0));
        QVERIFY(progress.count() >= 2);
        QCOMPARE(progress.constLast().at(0).toLongLong(), qint64(4000)); // 2 lanes x 2,000
        QCOMPARE(progress.constLast().at(1).toLongLong(), qint64(4000));
        QVERIFY(backend->recordsServed() - before <= 4000 + 2 * 500);

        // A cancelled range load stops.
        loader.loadRangeCompletely(3'000'000, 3'500'000);
        loader.cancelRangeLoad();
        QCOMPARE(finished.constLast().at(0).toBool(), false);
        QTRY_VERIFY(loader.isIdle());
        QVERIFY(loader.missingRecordsIn(3'000'000, 3'500'000) > 900'000);
    }
};

QTEST_MAIN(TestTimelineLoader)
#include "tst_timelineloader.moc"
