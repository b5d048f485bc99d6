// "Produce again" for a range (core/Replay.h) over the in-memory fake broker: the dry run
// says what goes where and produces nothing; the real run does exactly what the dry run said,
// byte for byte (null keys, tombstones, empty values, binary bytes, headers with null values
// and repeated keys, timestamps); a target without
// the source's partitions is refused before anything is written; replaying into the source
// topic reads only what was there; a filter narrows it; cancelling stops.

#include "FakeBackend.h"
#include "core/Partitioner.h"
#include "core/Replay.h"

#include <QTest>

using namespace tidemark;

namespace {

const QString kSource = QStringLiteral("orders");

std::vector<OutgoingRecord> sourceRecords()
{
    std::vector<OutgoingRecord> records;
    for (int p = 0; p < 3; ++p)
        for (int i = 0; i < 40; ++i) {
            OutgoingRecord r;
            r.partition = p;
            if (i % 7 != 3) // some null keys
                r.key = QByteArray("user-") + QByteArray::number(i % 9);
            if (i % 10 == 4)
                r.value = std::nullopt; // tombstones
            else if (i % 10 == 6)
                r.value = QByteArray(); // empty, not null
            else
                r.value = QByteArray("{\"n\":") + QByteArray::number(p * 100 + i) + QByteArray("}\x00\xff\x80", 4);
            if (i % 4 == 0)
                r.headers = {{QByteArray("trace"), QByteArray("\x01\x02", 2)},
                             {QByteArray("empty"), QByteArray()},
                             {QByteArray("null"), std::nullopt},
                             {QByteArray("trace"), QByteArray("again")}}; // a repeated key, in order
            r.timestampMs = 1'700'000'000'000 + p * 1000 + i;
            records.push_back(r);
        }
    return records;
}

std::vector<Record> all(test::FakeBackend &backend, const QString &topic, int partition)
{
    const auto read = backend.fetch({topic, partition}, 0, 100000);
    return read ? *read : std::vector<Record>{};
}

} // namespace

class TestReplay final : public QObject {
    Q_OBJECT

    test::FakeBackend backend;

private slots:
    void init()
    {
        backend.~FakeBackend();
        new (&backend) test::FakeBackend;
        QVERIFY(backend.createTopic({kSource, 3, 1, {}}).ok());
        QVERIFY(backend.produce(kSource, sourceRecords(), {}).ok());
    }

    void dryRunThenTheSameForRealSamePartition()
    {
        QVERIFY(backend.createTopic({QStringLiteral("copy"), 3, 1, {}}).ok());
        ReplayOptions options;
        options.source.topic = kSource;
        options.targetTopic = QStringLiteral("copy");
        ReplayState state;
        const auto dry = replayScan(backend, options, state);
        QVERIFY2(dry.ok(), dry.ok() ? "" : qPrintable(dry.error().toString()));
        QCOMPARE(dry->selected, qint64(120));
        QCOMPARE(dry->produced, qint64(0));
        QCOMPARE(dry->routes.size(), size_t(3));
        QCOMPARE(dry->routes.at({1, 1}).records, qint64(40));
        QCOMPARE(dry->samples.size(), ReplayReport::kSamples);
        for (int p = 0; p < 3; ++p)
            QVERIFY(all(backend, QStringLiteral("copy"), p).empty()); // nothing written

        options.dryRun = false;
        ReplayState real;
        const auto done = replayScan(backend, options, real);
        QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().toString()));
        QCOMPARE(done->produced, qint64(120));
        QCOMPARE(done->routes, dry->routes);
        QCOMPARE(real.produced.load(), qint64(120));
        for (int p = 0; p < 3; ++p) {
            const std::vector<Record> from = all(backend, kSource, p), to = all(backend, QStringLiteral("copy"), p);
            QCOMPARE(to.size(), from.size());
            for (size_t i = 0; i < from.size(); ++i) {
                QCOMPARE(to[i].key, from[i].key);
                QCOMPARE(to[i].value, from[i].value);
                QCOMPARE(to[i].headers, from[i].headers);
                QCOMPARE(to[i].timestampMs, from[i].timestampMs);
            }
        }
        // The samples name where each record went.
        QCOMPARE(done->samples.front().targetPartition, done->samples.front().sourcePartition);
        QVERIFY(done->samples.front().targetOffset >= 0);
    }

    void byKeyGoesWhereTheDryRunSaid()
    {
        QVERIFY(backend.createTopic({QStringLiteral("two"), 2, 1, {}}).ok());
        ReplayOptions options;
        options.source.topic = kSource;
        options.targetTopic = QStringLiteral("two");
        options.placement = ReplayOptions::Placement::ByKey;
        ReplayState state;
        const auto dry = replayScan(backend, options, state);
        QVERIFY(dry.ok());
        options.dryRun = false;
        const auto done = replayScan(backend, options, state);
        QVERIFY(done.ok());
        QCOMPARE(done->routes, dry->routes);
        // Per target partition, what arrived is what the dry run counted; keyed records follow murmur2.
        qint64 arrived = 0;
        for (int p = 0; p < 2; ++p) {
            qint64 expected = 0;
            for (const auto &[route, counts] : dry->routes)
                if (route.second == p)
                    expected += counts.records;
            const std::vector<Record> records = all(backend, QStringLiteral("two"), p);
            QCOMPARE(qint64(records.size()), expected);
            arrived += qint64(records.size());
            for (const Record &r : records)
                if (r.key)
                    QCOMPARE(hashPartition(PartitionerKind::Murmur2, r.key, 2), std::optional<int>(p));
        }
        QCOMPARE(arrived, qint64(120));
        for (size_t i = 0; i < dry->samples.size(); ++i)
            QCOMPARE(done->samples[i].targetPartition, dry->samples[i].targetPartition);
    }

    void refusedBeforeAnythingIsWritten()
    {
        QVERIFY(backend.createTopic({QStringLiteral("two"), 2, 1, {}}).ok());
        ReplayOptions options;
        options.source.topic = kSource;
        options.targetTopic = QStringLiteral("two");
        options.dryRun = false;
        ReplayState state;
        const auto refused = replayScan(backend, options, state);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("records of partition 2 cannot keep their partition")),
                 qPrintable(refused.error().message));
        QVERIFY(all(backend, QStringLiteral("two"), 0).empty() && all(backend, QStringLiteral("two"), 1).empty());
        // Only partitions 0 and 1 of the source: allowed.
        options.source.partitions = {0, 1};
        const auto fine = replayScan(backend, options, state);
        QVERIFY(fine.ok());
        QCOMPARE(fine->produced, qint64(80));
        options.targetTopic = QStringLiteral("missing");
        QCOMPARE(replayScan(backend, options, state).error().code, ErrorCode::NotFound);
    }

    void intoTheSourceTopicWithAFilter()
    {
        ReplayOptions options;
        options.source.topic = kSource;
        options.source.filter = RecordFilter::parse(QStringLiteral("value is null"));
        options.targetTopic = kSource;
        options.dryRun = false;
        options.keepTimestamps = false;
        options.batchRecords = 5;
        ReplayState state;
        const auto done = replayScan(backend, options, state);
        QVERIFY2(done.ok(), done.ok() ? "" : qPrintable(done.error().toString()));
        QCOMPARE(done->scanned, qint64(120)); // what was there, not what it added
        QCOMPARE(done->produced, qint64(12)); // 4 tombstones per partition
        for (int p = 0; p < 3; ++p) {
            const std::vector<Record> records = all(backend, kSource, p);
            QCOMPARE(records.size(), size_t(44));
            for (size_t i = 40; i < 44; ++i) {
                QVERIFY(records[i].isTombstone());
                QVERIFY(records[i].timestampMs != records[i - 40].timestampMs); // stamped now
            }
        }
    }

    void cancelStops()
    {
        ReplayOptions options;
        options.source.topic = kSource;
        options.source.batchSize = 10;
        options.targetTopic = kSource;
        options.dryRun = false;
        ReplayState state;
        state.cancel = true;
        const auto cancelled = replayScan(backend, options, state);
        QCOMPARE(cancelled.error().code, ErrorCode::Cancelled);
        QCOMPARE(all(backend, kSource, 0).size(), size_t(40));
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
