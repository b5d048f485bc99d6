// The complete scan behind export, consume --where's sibling and the Messages panel's search
// (core/RecordScan.h), over the in-memory fake broker: every record once, in either order,
// narrowed by ranges and by the filter's own bounds, counted; and exportScan's file, which
// appears whole or not at all.

#include "FakeBackend.h"
#include "ForwardingBackend.h"
#include "core/JsonLines.h"
#include "core/RecordScan.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <limits>
#include <mutex>
#include <set>

using namespace tidemark;

namespace {

constexpr int kPerPartition = 25;

void fill(test::FakeBackend &backend)
{
    QVERIFY(backend.createTopic({QStringLiteral("t"), 3, 1, {}}).ok());
    std::vector<OutgoingRecord> records;
    for (int p = 0; p < 3; ++p) {
        for (int i = 0; i < kPerPartition; ++i) {
            OutgoingRecord r;
            r.partition = p;
            r.key = QByteArray("k") + QByteArray::number(i);
            r.value = i % 5 == 0 ? std::optional<QByteArray>() : QByteArray("{\"i\":") + QByteArray::number(i) + '}';
            r.timestampMs = 1000 + i * 10;
            records.push_back(r);
        }
    }
    QVERIFY(backend.produce(QStringLiteral("t"), records, {}).ok());
}

std::vector<Record> runAll(RecordScan &scan)
{
    std::vector<Record> all;
    if (!scan.plan().ok())
        return all;
    for (int guard = 0; guard < 1000; ++guard) {
        const auto more = scan.step(all);
        if (!more || !*more)
            break;
    }
    return all;
}

// Counts fetches (from any thread) and fails the first fetch of one window, once.
class FlakyBackend final : public test::ForwardingBackend {
public:
    using ForwardingBackend::ForwardingBackend;
    std::atomic<int> fetches{0};
    QString kindName; // what kind() says, if set (RecordScan's automatic threads depend on it)
    QString kind() const override { return kindName.isEmpty() ? ForwardingBackend::kind() : kindName; }
    int failPartition = -1;
    qint64 failOffset = -1;
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        ++fetches;
        {
            std::lock_guard lock(m_mutex);
            if (tp.partition == failPartition && offset == failOffset) {
                failPartition = -1;
                return Error(ErrorCode::Unavailable, QStringLiteral("the broker went away at %1").arg(offset));
            }
        }
        return ForwardingBackend::fetch(tp, offset, maxRecords);
    }

private:
    std::mutex m_mutex;
};

// Offsets without records, as Kafka has them (transaction markers, aborted records): fetch()
// skips them and, as Kafka's clients do, returns up to maxRecords records from `offset` on,
// also past offset + maxRecords (the next records after a gap).
class GappyBackend final : public test::ForwardingBackend {
public:
    GappyBackend(std::shared_ptr<Backend> inner, std::set<std::pair<int, qint64>> gaps)
        : ForwardingBackend(std::move(inner)), m_gaps(std::move(gaps))
    {}
    bool isGap(int partition, qint64 offset) const { return m_gaps.count({partition, offset}) > 0; }
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        auto all = ForwardingBackend::fetch(tp, offset, std::numeric_limits<int>::max());
        if (!all)
            return all;
        std::vector<Record> out;
        for (Record &r : *all) {
            if (int(out.size()) == maxRecords)
                break;
            if (!isGap(tp.partition, r.offset))
                out.push_back(std::move(r));
        }
        return out;
    }

private:
    const std::set<std::pair<int, qint64>> m_gaps;
};

// What each step handed out: its matches (partition@offset) and the progress after it, or
// its error; a failed step is retried once.
QStringList trace(Backend &backend, RecordScan::Options options)
{
    QStringList steps;
    RecordScan scan(backend, options);
    if (!scan.plan().ok())
        return {QStringLiteral("plan failed")};
    for (int guard = 0; guard < 1000; ++guard) {
        std::vector<Record> matches;
        const auto more = scan.step(matches);
        if (!more) {
            steps << QStringLiteral("error: ") + more.error().message;
            continue;
        }
        QStringList line;
        for (const Record &r : matches)
            line << QStringLiteral("%1@%2").arg(r.partition).arg(r.offset);
        steps << QStringLiteral("%1 | %2/%3 %4 %5")
                     .arg(line.join(u' '))
                     .arg(scan.progress().scanned)
                     .arg(scan.progress().total)
                     .arg(scan.progress().matches)
                     .arg(scan.progress().done);
        if (!*more)
            break;
    }
    return steps;
}

} // namespace

class TestRecordScan final : public QObject {
    Q_OBJECT

private slots:
    void oldestFirstReadsEveryRecordOnce()
    {
        test::FakeBackend backend;
        fill(backend);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = 7;
        RecordScan scan(backend, options);
        const auto all = runAll(scan);
        QCOMPARE(int(all.size()), 3 * kPerPartition);
        QCOMPARE(scan.progress().scanned, qint64(3 * kPerPartition));
        QCOMPARE(scan.progress().total, qint64(3 * kPerPartition));
        QCOMPARE(scan.progress().matches, qint64(3 * kPerPartition));
        QVERIFY(scan.progress().done);
        QCOMPARE(scan.progress().partitions, (std::vector<int>{0, 1, 2}));
        std::set<std::pair<int, qint64>> seen;
        std::map<int, qint64> last;
        for (const Record &r : all) {
            QVERIFY(seen.insert({r.partition, r.offset}).second);
            QVERIFY(!last.count(r.partition) || last[r.partition] < r.offset); // ascending per partition
            last[r.partition] = r.offset;
        }
        // Round robin: the first batch of each partition comes before any second batch.
        QCOMPARE(all[0].partition, 0);
        QCOMPARE(all[7].partition, 1);
        QCOMPARE(all[14].partition, 2);
    }

    // Partitions read in parallel: the same batches, matches, progress and errors, step by
    // step, as the sequential scan, in both orders, with more or fewer threads than partitions.
    void parallelScanStepsAsTheSequentialOne_data()
    {
        QTest::addColumn<bool>("newestFirst");
        QTest::addColumn<int>("threads");
        QTest::addColumn<QString>("filter");
        for (bool newest : {false, true})
            for (int threads : {2, 3, 8}) {
                QTest::addRow("%s, %d threads", newest ? "newest first" : "oldest first", threads)
                    << newest << threads << QStringLiteral("value.i > 3 or key == \"k2\"");
            }
        QTest::newRow("everything, 3 threads") << false << 3 << QString();
    }
    void parallelScanStepsAsTheSequentialOne()
    {
        QFETCH(bool, newestFirst);
        QFETCH(int, threads);
        QFETCH(QString, filter);
        auto fake = std::make_shared<test::FakeBackend>();
        fill(*fake);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = 4;
        options.filter = RecordFilter::parse(filter);
        options.order = newestFirst ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;
        options.partitions = {0, 2, 1};
        FlakyBackend sequentialBackend(fake), parallelBackend(fake);
        // One window fails once, in the middle of partition 2.
        sequentialBackend.failPartition = parallelBackend.failPartition = 2;
        sequentialBackend.failOffset = parallelBackend.failOffset = newestFirst ? 13 : 12;
        const QStringList sequential = trace(sequentialBackend, options);
        options.threads = threads;
        const QStringList parallel = trace(parallelBackend, options);
        QCOMPARE(parallel, sequential);
        QVERIFY(sequential.filter(QStringLiteral("error: the broker went away")).size() == 1);
        QVERIFY(sequential.last().endsWith(QStringLiteral("75/75 %1 1").arg(filter.isEmpty() ? 75 : 54)));
    }

    // Pausing (not calling step) stops reading once the batches read ahead are in: at most
    // `threads` of them.
    void offsetsWithoutRecordsLeaveTheTotal_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("threads");
        QTest::addColumn<bool>("newestFirst");
        for (int batch : {1, 2, 3, 7, 100}) {
            QTest::addRow("batch %d", batch) << batch << 1 << false;
            QTest::addRow("batch %d, newest first", batch) << batch << 1 << true;
            QTest::addRow("batch %d, 3 threads", batch) << batch << 3 << false;
        }
    }
    // A scan over offsets that hold no record (gaps in the middle, at a partition's start and
    // at its end, as Kafka's transaction markers and aborted records) ends, reads every record
    // once, and says "N of N": the gaps leave the total as the scan passes them.
    void offsetsWithoutRecordsLeaveTheTotal()
    {
        QFETCH(int, batch);
        QFETCH(int, threads);
        QFETCH(bool, newestFirst);
        auto fake = std::make_shared<test::FakeBackend>();
        fill(*fake);
        const std::set<std::pair<int, qint64>> gaps = {{0, 5}, {0, 6}, {0, 7}, {0, 22}, {0, 23}, {0, 24}, {1, 0}};
        GappyBackend gappy(fake, gaps);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = batch;
        options.threads = threads;
        options.order = newestFirst ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;
        RecordScan scan(gappy, options);
        const std::vector<Record> all = runAll(scan);
        QVERIFY(scan.progress().done);
        const qint64 records = 3 * kPerPartition - qint64(gaps.size());
        QCOMPARE(scan.progress().scanned, records);
        QCOMPARE(scan.progress().total, records);
        std::set<std::pair<int, qint64>> seen;
        for (const Record &r : all) {
            QVERIFY(!gappy.isGap(r.partition, r.offset));
            seen.insert({r.partition, r.offset});
        }
        QCOMPARE(qint64(all.size()), records);
        QCOMPARE(qint64(seen.size()), records);
    }

    void parallelScanReadsAheadBoundedly()
    {
        auto fake = std::make_shared<test::FakeBackend>();
        fill(*fake);
        FlakyBackend counting(fake);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = 2;
        options.threads = 3;
        RecordScan scan(counting, options);
        QVERIFY(scan.plan().ok());
        QCOMPARE(counting.fetches.load(), 0);
        std::vector<Record> matches;
        QVERIFY(scan.step(matches).ok());
        QCOMPARE(scan.readAhead().started, 3);  // bounded: one per thread
        QTRY_COMPARE(scan.readAhead().read, 3); // all read: nothing more is read until the next step
        QCOMPARE(counting.fetches.load(), 4);   // the batch handed out and three read ahead
        QCOMPARE(scan.progress().scanned, qint64(2));
        QCOMPARE(int(matches.size()), 2);
    }

    void automaticThreads_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("readAhead");
        QTest::newRow("kafka: one per partition") << QStringLiteral("kafka") << 3;
        QTest::newRow("other: one") << QStringLiteral("fake") << 0;
    }
    // Options::threads left at 0: Kafka's partitions are read in parallel (a batch mostly
    // waits for its fetches), any other backend but the built-in broker's on the caller's thread.
    void automaticThreads()
    {
        QFETCH(QString, kind);
        QFETCH(int, readAhead);
        auto fake = std::make_shared<test::FakeBackend>();
        fill(*fake);
        FlakyBackend counting(fake);
        counting.kindName = kind;
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = 2;
        RecordScan scan(counting, options);
        QVERIFY(scan.plan().ok());
        std::vector<Record> matches;
        QVERIFY(scan.step(matches).ok());
        QCOMPARE(scan.readAhead().started, readAhead);
        QTRY_COMPARE(scan.readAhead().read, readAhead);   // nothing more is read until the next step
        QCOMPARE(counting.fetches.load(), 1 + readAhead); // the batch handed out and those read ahead
        QCOMPARE(runAll(scan).size(), size_t(3 * kPerPartition));
    }

    void newestFirstReadsBackwards()
    {
        test::FakeBackend backend;
        fill(backend);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.batchSize = 4;
        options.order = RecordScan::Order::NewestFirst;
        RecordScan scan(backend, options);
        const auto all = runAll(scan);
        QCOMPARE(int(all.size()), 3 * kPerPartition);
        QCOMPARE(all.front().offset, qint64(kPerPartition - 1));
        std::map<int, qint64> last;
        std::set<std::pair<int, qint64>> seen;
        for (const Record &r : all) {
            QVERIFY(seen.insert({r.partition, r.offset}).second);
            QVERIFY(!last.count(r.partition) || last[r.partition] > r.offset); // descending per partition
            last[r.partition] = r.offset;
        }
    }

    void filterAndRangesNarrowTheScan()
    {
        test::FakeBackend backend;
        fill(backend);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.filter = RecordFilter::parse(QStringLiteral("partition == 1 and offset >= 10 and value is not null"));
        RecordScan scan(backend, options);
        const auto all = runAll(scan);
        // Only partition 1 from offset 10 is read (the filter's bounds), 15 records; 10, 15, 20
        // are tombstones.
        QCOMPARE(scan.progress().partitions, std::vector<int>{1});
        QCOMPARE(scan.progress().total, qint64(15));
        QCOMPARE(scan.progress().scanned, qint64(15));
        QCOMPARE(int(all.size()), 12);
        QCOMPARE(scan.progress().matches, qint64(12));

        RecordScan::Options ranged;
        ranged.topic = QStringLiteral("t");
        ranged.partitions = {0, 2};
        ranged.fromOffset = 3;
        ranged.toOffset = 6;
        ranged.fromTimeMs = 1050; // offset 5 on
        RecordScan narrow(backend, ranged);
        const auto some = runAll(narrow);
        QCOMPARE(int(some.size()), 4); // offsets 5 and 6 of partitions 0 and 2
        for (const Record &r : some)
            QVERIFY(r.offset >= 5 && r.offset <= 6 && r.partition != 1);
    }

    void errors()
    {
        test::FakeBackend backend;
        fill(backend);
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.filter = RecordFilter::parse(QStringLiteral("key =="));
        QVERIFY(!RecordScan(backend, options).plan().ok());
        options.filter = {};
        options.partitions = {3};
        const Status missing = RecordScan(backend, options).plan();
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("partition 3")));
        options.topic = QStringLiteral("nope");
        options.partitions = {};
        QVERIFY(!RecordScan(backend, options).plan().ok());
    }

    void exportWritesAllOrNothing()
    {
        test::FakeBackend backend;
        fill(backend);
        QTemporaryDir dir;
        RecordScan::Options options;
        options.topic = QStringLiteral("t");
        options.filter = RecordFilter::parse(QStringLiteral("value is null"));
        options.batchSize = 5;
        ExportState state;
        const QString path = dir.filePath(QStringLiteral("x.jsonl"));
        const auto written = exportScan(backend, options, path, ExportFormat::JsonLines, state);
        QVERIFY(written.ok());
        QCOMPARE(*written, qint64(15));
        QCOMPARE(state.scanned.load(), qint64(75));
        QCOMPARE(state.total.load(), qint64(75));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 16);
        for (int i = 0; i < 15; ++i) {
            const auto r = outgoingRecordFromJsonLine(lines[i]);
            QVERIFY(r.ok());
            QVERIFY(!r->value.has_value());
        }

        ExportState cancelled;
        cancelled.cancel = true;
        const QString never = dir.filePath(QStringLiteral("never.csv"));
        const auto stopped = exportScan(backend, options, never, ExportFormat::Csv, cancelled);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(never));
    }
};

QTEST_GUILESS_MAIN(TestRecordScan)
#include "tst_recordscan.moc"
