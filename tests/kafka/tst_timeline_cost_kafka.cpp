// What the timeline costs on a real Kafka cluster (issue 16): a topic of 120,000 seed orders
// in 3 partitions, produced with realistic batches (batch.size=16384), opened through the
// timeline's loader as the app does. The bytes are what the brokers sent, from librdkafka's
// statistics (rxbytes of the Kafka backend's summary reader), not counted from records:
//  - the overview reads a sample: at most about one record batch per probe, at most 5% of the
//    topic's bytes, within the fetch budget;
//  - a zoom to a small window reads that window plus at most one batch at each side (the
//    records librdkafka brought and the fetches it dropped, from its partition statistics).
// Against the old reads (probes through a fetcher that prefetches, 8 MB per partition) the
// overview alone moved the whole topic.

#include "KafkaTestSupport.h"

#include "core/AsyncBackend.h"
#include "core/Order.h"
#include "core/OrderGenerator.h"
#include "core/timeline/TimelineLoader.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

namespace {

constexpr int kPartitions = 3;
constexpr int kPerPartition = 40'000;
constexpr int kBatchBytes = 16384; // batch.size of the producer
// What one probe may cost: one batch and its framing (a Fetch response's headers, the batch
// header), and the metadata and offset requests that come with a read.
constexpr qint64 kReadSlack = 4096;
// Long enough for librdkafka's statistics (every 100 ms) to include every read before.
constexpr int kSettleMs = 500;

bool waitUntilIdle(TimelineLoader &loader, int timeoutMs)
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

class TestTimelineCostKafka final : public QObject {
    Q_OBJECT

private slots:
    void openingAndZoomingReadOnlyWhatTheScreenShows()
    {
        TIDEMARK_REQUIRE_CLUSTER("batch sizes and statistics of Apache Kafka");
        auto backend = test::openCluster();
        auto *kafka = dynamic_cast<kafka::KafkaBackend *>(backend.get());
        QVERIFY(kafka);
        const QString topic = test::uniqueName(QStringLiteral("timeline-cost"));
        const Status created = backend->createTopic(TopicSpec{topic, kPartitions, 1, {}});
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().toString()));

        QElapsedTimer clock;
        clock.start();
        // Produce with realistic batches: a producer of its own with batch.size=16384.
        qint64 topicBytes = 0;                                // keys and values: what the topic holds at least
        std::vector<std::vector<quint32>> sizes(kPartitions); // per partition, by offset
        {
            KafkaProfile profile = test::clusterProfile();
            profile.extraConfig.insert(QStringLiteral("batch.size"), QString::number(kBatchBytes));
            profile.extraConfig.insert(QStringLiteral("linger.ms"), QStringLiteral("20"));
            auto producer = openKafkaBackend(profile);
            QVERIFY2(producer.ok(), producer.ok() ? "" : qPrintable(producer.error().toString()));
            OrderGenerator generator(16);
            for (int chunk = 0; chunk < kPartitions * kPerPartition / 30'000; ++chunk) {
                std::vector<OutgoingRecord> records;
                records.reserve(30'000);
                for (int i = 0; i < 30'000; ++i) {
                    const Order o = generator.next();
                    OutgoingRecord r;
                    r.key = o.userId.toUtf8();
                    r.value = orderToJson(o);
                    r.partition = (chunk * 30'000 + i) % kPartitions;
                    topicBytes += r.key->size() + r.value->size();
                    sizes[size_t(r.partition)].push_back(quint32(r.key->size() + r.value->size()));
                    records.push_back(std::move(r));
                }
                auto reports = (*producer)->produce(topic, records, ProduceOptions{PartitionerKind::Murmur2, 60000});
                QVERIFY2(reports.ok(), reports.ok() ? "" : qPrintable(reports.error().toString()));
                for (const DeliveryReport &d : *reports)
                    QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
            }
        }

        qInfo("produced in %lld ms", qlonglong(clock.elapsed()));
        clock.restart();
        AsyncBackend async(backend);
        TimelineModel model;
        TimelineLoader loader(&model);
        loader.setBackend(&async);
        // A narrow canvas: the overview's probes are few, as on a topic of millions on a wide one.
        constexpr int kColumns = 32;
        loader.setVisibleRange(0, kPerPartition, kColumns);
        const qint64 before = kafka->summaryBytesReceived(0);
        loader.setTopic(topic);
        QVERIFY(waitUntilIdle(loader, 60000));
        for (int lane = 0; lane < kPartitions; ++lane) {
            QCOMPARE(model.highWatermark(lane), qint64(kPerPartition)); // from the broker, not a sample
            QVERIFY(model.summary(lane).samples().count() > 0);
        }
        QVERIFY(!loader.isFullyLoaded());
        const qint64 overview = kafka->summaryBytesReceived(kSettleMs) - before;
        const QString numbers = QStringLiteral("overview: %1 bytes received in %2 reads (%3 records); topic %4 bytes; "
                                               "loader counted %5; %6 ms")
                                    .arg(overview)
                                    .arg(loader.readCount())
                                    .arg(loader.recordsFetched())
                                    .arg(topicBytes)
                                    .arg(loader.bytesFetched())
                                    .arg(clock.elapsed());
        qInfo("%s", qPrintable(numbers));
        QVERIFY(overview > 0);
        QVERIFY2(overview * 20 <= topicBytes, qPrintable(numbers)); // <= 5% of the topic
        QVERIFY2(overview <= loader.fetchBudget(), qPrintable(numbers));
        // About a batch a probe (a few fetches more: a read that waits assigns again, and a
        // fetch under way then is wasted).
        QVERIFY2(overview <= loader.readCount() * (kBatchBytes + kReadSlack) + 4 * kBatchBytes, qPrintable(numbers));
        // The loader counts what the brokers sent, as of the statistics of its last read. They
        // come every 100 ms, so a read's bytes are counted by a later read: on a quiet machine
        // the whole overview can end before the first statistics (CI saw "loader counted 0").
        // Never more than was sent; the count catches up with the next reads (checked below).
        QVERIFY2(loader.bytesFetched() <= overview, qPrintable(numbers));

        // Zoom to a 1,200-record window of each lane: read completely, and about one batch more
        // at each side.
        constexpr qint64 kFrom = 20'000, kTo = 21'200;
        const kafka::KafkaBackend::SummaryCounters beforeZoom = kafka->summaryCounters(kSettleMs);
        const int readsBefore = loader.readCount();
        clock.restart();
        loader.setVisibleRange(kFrom, kTo, 1000);
        QVERIFY(waitUntilIdle(loader, 60000));
        qint64 windowBytes = 0;
        for (int lane = 0; lane < kPartitions; ++lane) {
            QCOMPARE(model.summary(lane).loadedCountIn(kFrom, kTo), kTo - kFrom);
            for (qint64 o = kFrom; o < kTo; ++o) // one producer, one call per chunk: offsets in order
                windowBytes += sizes[size_t(lane)][size_t(o)] + kRecordOverheadBytes;
        }
        const kafka::KafkaBackend::SummaryCounters afterZoom = kafka->summaryCounters(kSettleMs);
        const qint64 zoom = afterZoom.bytes - beforeZoom.bytes;
        // What librdkafka brought past the window (its records: exact; a batch's records before
        // the offset asked for are not counted) may be at most one batch per lane: the one that
        // holds the window's last record. Its records: at most those after the window that fit
        // in 16 KB with the least framing a record has in a v2 batch (8 bytes).
        const qint64 beyond = afterZoom.records - beforeZoom.records - kPartitions * (kTo - kFrom);
        qint64 oneBatchBeyond = 0;
        for (int lane = 0; lane < kPartitions; ++lane) {
            qint64 bytes = 0;
            for (qint64 o = kTo; o < kPerPartition && bytes < kBatchBytes; ++o, ++oneBatchBeyond)
                bytes += sizes[size_t(lane)][size_t(o)] + 8;
        }
        const qint64 dropped = afterZoom.droppedResponses - beforeZoom.droppedResponses;
        const QString zoomNumbers =
            QStringLiteral("zoom: %1 bytes received in %2 reads; the window holds %3 bytes; librdkafka brought %4 "
                           "records beyond it (one batch at the side of each lane: %5) and dropped %6 fetch "
                           "responses; %7 ms")
                .arg(zoom)
                .arg(loader.readCount() - readsBefore)
                .arg(windowBytes)
                .arg(beyond)
                .arg(oneBatchBeyond)
                .arg(dropped)
                .arg(clock.elapsed());
        qInfo("%s", qPrintable(zoomNumbers));
        QVERIFY2(zoom <= windowBytes + kPartitions * 2 * (kBatchBytes + kReadSlack) + 4 * kBatchBytes,
                 qPrintable(zoomNumbers));
        // The window plus at most one batch at each side, per lane: beyond the last record, the
        // batch that holds it; before the first, a batch fetched and dropped (a read that waited
        // and assigned again while a fetch was under way) at most once per lane.
        // Under load one lane may bring one batch more (the sanitizer pass once: 221 records
        // against 216), still within the "one batch at each side" (a zoom reads from
        // the window's start, so the side before it is unused). One such batch in all is
        // allowed; without the reader's hold-back it was 357.
        QVERIFY2(beyond >= 0 && beyond <= oneBatchBeyond + oneBatchBeyond / kPartitions, qPrintable(zoomNumbers));
        QVERIFY2(dropped <= kPartitions, qPrintable(zoomNumbers));
        // By now the statistics that followed the overview have been seen by the zoom's reads:
        // the loader's count holds at least the overview's bytes, and never more than was sent.
        const qint64 sent = kafka->summaryBytesReceived(0) - before;
        QVERIFY2(loader.bytesFetched() >= overview && loader.bytesFetched() <= sent,
                 qPrintable(QStringLiteral("loader counted %1; overview %2; sent %3")
                                .arg(loader.bytesFetched())
                                .arg(overview)
                                .arg(sent)));
        QVERIFY(backend->deleteTopic(topic).ok());
    }
};

QTEST_GUILESS_MAIN(TestTimelineCostKafka)
#include "tst_timeline_cost_kafka.moc"
