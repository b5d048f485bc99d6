// LaneSummary: the level-of-detail pyramid agrees with a brute-force aggregate of the same
// offsets at every level, column sampling reads only what it should, missing-offset search
// and retention work, and memory stays at a few bytes per record.

#include "core/timeline/LaneSummary.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <map>
#include <random>

using namespace tidemark;

namespace {

// The reference: what each offset holds, as a plain map.
struct Reference {
    std::map<qint64, OffsetCell> cells;

    // Aggregate of offsets [from, to) the way the pyramid defines it.
    LodCell aggregate(qint64 from, qint64 to) const
    {
        LodCell out;
        qint64 loaded = 0;
        std::map<quint8, int> votes;
        for (auto it = cells.lower_bound(from); it != cells.end() && it->first < to; ++it) {
            const OffsetCell c = it->second;
            if (c.size == LaneSummary::kUnknown)
                continue;
            ++loaded;
            if (c.size >= LaneSummary::kFirstSizeCode) {
                out.minSize = out.minSize == 0 ? c.size : std::min(out.minSize, c.size);
                out.maxSize = std::max(out.maxSize, c.size);
                ++votes[c.colour];
            }
        }
        out.fill = loaded == 0 ? 0 : (loaded == to - from ? 255 : 128);
        // Only a strict majority colour is guaranteed by the majority vote.
        for (const auto &[colour, n] : votes)
            if (n * 2 > loaded)
                out.colour = colour;
        return out;
    }
};

RecordSummary record(qint64 offset, quint32 size, quint32 hash)
{
    RecordSummary r;
    r.offset = offset;
    r.timestampMs = 1000 + offset * 10;
    r.keyHash = hash;
    r.keyIsNull = false;
    r.size = size;
    return r;
}

} // namespace

class TestLaneSummary final : public QObject {
    Q_OBJECT

private slots:
    void sizeCodesAreMonotonic()
    {
        quint8 previous = 0;
        for (quint32 bytes : {0u, 1u, 2u, 10u, 100u, 1000u, 10'000u, 1u << 20, 1u << 30, 0xffffffffu}) {
            const quint8 code = LaneSummary::sizeCode(bytes);
            QVERIFY(code >= LaneSummary::kFirstSizeCode);
            QVERIFY2(code >= previous, qPrintable(QString::number(bytes)));
            previous = code;
            // The inverse is within one code step (about 10%).
            const quint32 back = LaneSummary::approximateBytes(code);
            QVERIFY2(qint64(back) <= qint64(bytes) + 1 && (bytes < 16 || back * 1.2 >= bytes),
                     qPrintable(QString::number(bytes)));
        }
        QCOMPARE(LaneSummary::colourIndex(true, 1234), quint8(0));
        QVERIFY(LaneSummary::colourIndex(false, 0) != 0);
        QCOMPARE(LaneSummary::colourIndex(false, 77), LaneSummary::colourIndex(false, 77));
    }

    void pyramidMatchesBruteForce_data()
    {
        QTest::addColumn<qint64>("logStart");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<int>("keys");
        QTest::newRow("one chunk, few keys") << qint64(0) << qint64(5000) << 3;
        QTest::newRow("several chunks, one key") << qint64(0) << qint64(200'000) << 1;
        QTest::newRow("unaligned start, many keys") << qint64(70'001) << qint64(150'000) << 500;
    }
    void pyramidMatchesBruteForce()
    {
        QFETCH(qint64, logStart);
        QFETCH(qint64, count);
        QFETCH(int, keys);
        QRandomGenerator rng(42);
        LaneSummary lane;
        lane.setRange(logStart, logStart + count);
        Reference ref;
        std::vector<RecordSummary> batch;
        // Load about 80% of the offsets, in shuffled batches; a few are gaps.
        for (qint64 o = logStart; o < logStart + count; ++o) {
            const quint32 roll = rng.bounded(100u);
            if (roll < 15)
                continue; // not loaded
            if (roll < 20) {
                lane.addGap(o, o + 1);
                ref.cells[o] = OffsetCell{LaneSummary::kGap, 0};
                continue;
            }
            const quint32 size = 50 + rng.bounded(2000u);
            const quint32 hash = rng.bounded(quint32(keys)) * 2654435761u;
            batch.push_back(record(o, size, hash));
            ref.cells[o] = OffsetCell{LaneSummary::sizeCode(size), LaneSummary::colourIndex(false, hash)};
            if (batch.size() == 777) {
                std::shuffle(batch.begin(), batch.end(), std::mt19937(7));
                lane.add(batch);
                batch.clear();
            }
        }
        lane.add(batch);
        QCOMPARE(lane.loadedCount(), qint64(ref.cells.size()));

        const int top = lane.levelFor(1e18);
        QVERIFY(top >= LaneSummary::kChunkLevel);
        for (int level = 0; level <= top; ++level) {
            const qint64 span = LaneSummary::levelSpan(level);
            // Levels inside a chunk use absolute indices; the ones above count from the first chunk.
            const qint64 base = level >= LaneSummary::kChunkLevel ? (logStart >> LaneSummary::kChunkBits) : 0;
            const qint64 firstIndex = level >= LaneSummary::kChunkLevel ? 0 : logStart / span;
            const qint64 lastIndex =
                level >= LaneSummary::kChunkLevel
                    ? (((logStart + count - 1) >> LaneSummary::kChunkBits) - base) / (span >> LaneSummary::kChunkBits) +
                          1
                    : (logStart + count - 1) / span + 1;
            for (qint64 i = firstIndex; i < lastIndex; i += std::max<qint64>(1, (lastIndex - firstIndex) / 300)) {
                const qint64 from = level >= LaneSummary::kChunkLevel ? (base << 16) + i * span : i * span;
                const LodCell got = lane.cell(level, i);
                const LodCell want = ref.aggregate(from, from + span);
                const QString where = QStringLiteral("level %1 cell %2").arg(level).arg(i);
                QVERIFY2(got.minSize == want.minSize, qPrintable(where));
                QVERIFY2(got.maxSize == want.maxSize, qPrintable(where));
                QVERIFY2((got.fill == 0) == (want.fill == 0), qPrintable(where));
                QVERIFY2((got.fill == 255) == (want.fill == 255), qPrintable(where));
                // The vote is exact for a majority within 16 offsets; above, cells vote with
                // their representative, which is exact when every cell agrees (one key).
                if (want.colour != 0 && (level <= 1 || keys == 1))
                    QVERIFY2(got.colour == want.colour, qPrintable(where));
            }
        }

        // Missing-offset search against the reference.
        for (int trial = 0; trial < 200; ++trial) {
            const qint64 a = logStart + qint64(rng.bounded(quint32(count)));
            const qint64 b = std::min(logStart + count, a + qint64(rng.bounded(5000u)));
            qint64 first = -1, last = -1;
            for (qint64 o = a; o < b; ++o) {
                if (!ref.cells.count(o)) {
                    if (first < 0)
                        first = o;
                    last = o;
                }
            }
            QCOMPARE(lane.firstMissing(a, b), first);
            QCOMPARE(lane.lastMissing(a, b), last);
        }
    }

    void columnsAggregateTheirOffsets()
    {
        // Eight regions of 2^17 offsets; sizes encode the region, so a column's min/max tells
        // which offsets it read. Regions align with cells, so columns of one region see only it.
        constexpr qint64 region = 131072;
        constexpr qint64 n = 8 * region;
        LaneSummary lane;
        lane.setRange(0, n);
        std::vector<RecordSummary> batch;
        for (qint64 o = 0; o < n; ++o) {
            batch.push_back(record(o, quint32(16 << (o / region)), 5));
            if (batch.size() == 65536) {
                lane.add(batch);
                batch.clear();
            }
        }
        lane.add(batch);
        QCOMPARE(lane.loadedCount(), n);
        const LodCell total = lane.total();
        QCOMPARE(total.minSize, LaneSummary::sizeCode(16));
        QCOMPARE(total.maxSize, LaneSummary::sizeCode(16 << 7));

        for (const int perRegion : {1, 4, 64}) {
            const int columnsCount = 8 * perRegion;
            std::vector<LodCell> columns(static_cast<size_t>(columnsCount));
            lane.sampleColumns(0, double(region) / perRegion, columnsCount, columns.data());
            for (int c = 0; c < columnsCount; ++c) {
                const quint8 want = LaneSummary::sizeCode(quint32(16 << (c / perRegion)));
                const QString where = QStringLiteral("%1 columns per region, column %2").arg(perRegion).arg(c);
                QVERIFY2(columns[size_t(c)].minSize == want, qPrintable(where));
                QVERIFY2(columns[size_t(c)].maxSize == want, qPrintable(where));
                QVERIFY2(columns[size_t(c)].fill == 255, qPrintable(where));
            }
        }
        const qint64 end = n;
        // Zoomed in past the end: columns beyond the log are empty.
        std::vector<LodCell> tail(100);
        lane.sampleColumns(double(end - 50), 1.0, 100, tail.data());
        QVERIFY(tail[49].hasRecords());
        QVERIFY(!tail[50].hasRecords());
        QCOMPARE(tail[99].fill, quint8(0));
        // The level read per column stays within 2..32 cells per column.
        for (double opp : {1.0, 3.0, 40.0, 700.0, 12'345.0, 600'000.0}) {
            const int level = lane.levelFor(opp);
            const double cells = opp / double(LaneSummary::levelSpan(level));
            QVERIFY2(cells >= 1 && cells <= 32,
                     qPrintable(QStringLiteral("%1 offsets/column: %2 cells").arg(opp).arg(cells)));
        }
    }

    void retentionDropsWhatFallsBelowTheLogStart()
    {
        LaneSummary lane;
        lane.setRange(0, 300'000);
        std::vector<RecordSummary> batch;
        for (qint64 o = 0; o < 300'000; ++o)
            batch.push_back(record(o, 100, 1));
        lane.add(batch);
        const size_t before = lane.memoryBytes();
        lane.setRange(200'000, 300'000);
        QCOMPARE(lane.loadedCount(), qint64(100'000));
        QVERIFY(!lane.isLoaded(199'999));
        QVERIFY(lane.isLoaded(200'000));
        QVERIFY(lane.memoryBytes() < before);
        QCOMPARE(lane.firstMissing(0, 300'000), qint64(-1));
        // A stale, lower high watermark is ignored; a log start that goes back clears everything.
        lane.setRange(200'000, 250'000);
        QCOMPARE(lane.highWatermark(), qint64(300'000));
        lane.setRange(0, 10);
        QCOMPARE(lane.loadedCount(), qint64(0));
        QCOMPARE(lane.highWatermark(), qint64(10));
    }

    void recordsBeyondTheWatermarkRaiseIt()
    {
        LaneSummary lane;
        lane.setRange(0, 5);
        std::vector<RecordSummary> batch{record(7, 10, 1)};
        lane.add(batch);
        QCOMPARE(lane.highWatermark(), qint64(8));
        QCOMPARE(lane.firstMissing(0, 100), qint64(0));
        QCOMPARE(lane.lastMissing(0, 100), qint64(6));
    }

    void timeRanges()
    {
        LaneSummary lane;
        lane.setRange(0, 1000);
        std::vector<RecordSummary> batch;
        for (qint64 o = 0; o < 1000; ++o)
            batch.push_back(record(o, 10, 1));
        lane.add(batch);
        const auto all = lane.timeRange(0, 1000);
        QVERIFY(all);
        QCOMPARE(all->first, qint64(1000));
        QCOMPARE(all->second, qint64(1000 + 999 * 10));
        QVERIFY(!lane.timeRange(2000, 3000));
    }

    void memoryIsAFewBytesPerRecord()
    {
        LaneSummary lane;
        constexpr qint64 n = 2'000'000;
        lane.setRange(0, n);
        std::vector<RecordSummary> batch;
        for (qint64 from = 0; from < n; from += 65536) {
            batch.clear();
            for (qint64 o = from; o < std::min(n, from + 65536); ++o)
                batch.push_back(record(o, 100, quint32(o)));
            lane.add(batch);
        }
        const double perRecord = double(lane.memoryBytes()) / double(n);
        qInfo("LaneSummary: %.2f bytes per record", perRecord);
        QVERIFY2(perRecord < 3.0, qPrintable(QString::number(perRecord)));
    }
};

QTEST_MAIN(TestLaneSummary)
#include "tst_lanesummary.moc"
