// The message table's paging cache: rows map to (partition, offset) across partitions,
// only requested pages are fetched, pages are evicted LRU, live tail appends rows and
// refetches the short last page; and the filter matches what it says.

#include "FakeBackend.h"
#include "core/MessagePager.h"

#include <QTest>

using namespace tidemark;

class TestMessagePager final : public QObject {
    Q_OBJECT

private slots:
    void rowsMapToPartitionsAndOffsets_data()
    {
        QTest::addColumn<qint64>("row");
        QTest::addColumn<int>("partition");
        QTest::addColumn<qint64>("offset");
        QTest::newRow("first") << qint64(0) << 0 << qint64(10);
        QTest::newRow("end of p0") << qint64(4) << 0 << qint64(14);
        QTest::newRow("skips empty p1") << qint64(5) << 2 << qint64(0);
        QTest::newRow("last") << qint64(1000004) << 2 << qint64(999999);
        QTest::newRow("past the end") << qint64(1000005) << -1 << qint64(-1);
    }
    void rowsMapToPartitionsAndOffsets()
    {
        QFETCH(qint64, row);
        QFETCH(int, partition);
        QFETCH(qint64, offset);
        MessagePager pager(100, 4);
        pager.reset(QStringLiteral("t"), {{0, 10, 15}, {1, 7, 7}, {2, 0, 1000000}});
        QCOMPARE(pager.rowCount(), qint64(1000005));
        const auto loc = pager.locate(row);
        QCOMPARE(loc.has_value(), partition >= 0);
        if (!loc)
            return;
        QCOMPARE(loc->partition, partition);
        QCOMPARE(loc->offset, offset);
        QCOMPARE(pager.rowOf(partition, offset), std::optional<qint64>(row));
    }

    void pagesAreFetchedOnceAndEvictedLeastRecentlyUsed()
    {
        test::FakeBackend backend;
        QVERIFY(backend.createTopic(TopicSpec{QStringLiteral("t"), 1, 1, {}}).ok());
        std::vector<OutgoingRecord> records(1000);
        for (size_t i = 0; i < records.size(); ++i) {
            records[i].partition = 0;
            records[i].value = QByteArray::number(qulonglong(i));
        }
        QVERIFY(backend.produce(QStringLiteral("t"), records, {}).ok());
        MessagePager pager(100, 3);
        pager.reset(QStringLiteral("t"), {{0, 0, 1000}});
        auto load = [&](qint64 row) {
            const auto key = pager.pageOf(*pager.locate(row));
            if (!pager.claim(key))
                return std::optional<MessagePager::RowSpan>();
            auto page = backend.fetch({QStringLiteral("t"), key.partition}, key.start, pager.pageSize());
            return pager.store(key, std::move(page.value()));
        };
        QCOMPARE(pager.record(150), nullptr);
        const auto span = load(150);
        QVERIFY(span);
        QCOMPARE(span->first, qint64(100));
        QCOMPARE(span->second, qint64(199));
        QCOMPARE(pager.record(150)->value, QByteArray("150"));
        QVERIFY(!load(199)); // same page: not claimed twice
        QCOMPARE(backend.fetchCalls(), qint64(1));
        load(0);
        load(900);
        QVERIFY(pager.record(150)); // touch page 1: page 0 is now the oldest
        load(500);
        QCOMPARE(pager.cachedPages(), 3);
        QVERIFY(pager.record(0) == nullptr);
        QVERIFY(pager.record(150) != nullptr);
        QVERIFY(pager.record(950) != nullptr);
        // A result for a page not asked for since the last reset is ignored.
        pager.reset(QStringLiteral("t"), {{0, 0, 1000}});
        QVERIFY(!pager.store({0, 0}, {}));
        QCOMPARE(pager.cachedPages(), 0);
    }

    void fetchesNeverStartBelowTheFirstOffsetShown_data()
    {
        QTest::addColumn<qint64>("begin");
        QTest::addColumn<qint64>("pageStart");
        QTest::addColumn<qint64>("fetchStart");
        QTest::addColumn<int>("fetchCount");
        QTest::newRow("aligned") << qint64(0) << qint64(100) << qint64(100) << 100;
        // Regression: after retention the log starts mid-page (1234); reading from the page
        // start (1200) was refused by the brokers and the first rows stayed empty.
        QTest::newRow("log start mid-page") << qint64(1234) << qint64(1200) << qint64(1234) << 66;
        QTest::newRow("page after the start") << qint64(1234) << qint64(1300) << qint64(1300) << 100;
    }

    void fetchesNeverStartBelowTheFirstOffsetShown()
    {
        QFETCH(qint64, begin);
        QFETCH(qint64, pageStart);
        QFETCH(qint64, fetchStart);
        QFETCH(int, fetchCount);
        MessagePager pager(100, 3);
        pager.reset(QStringLiteral("t"), {{0, begin, 5000}});
        const auto key = pager.pageOf(*pager.locate(*pager.rowOf(0, std::max(begin, pageStart))));
        QCOMPARE(key.start, pageStart);
        QCOMPARE(pager.fetchWindow(key), std::make_pair(fetchStart, fetchCount));
    }

    void liveTailAppendsRowsAndRefetchesTheShortPage()
    {
        MessagePager pager(10, 8);
        pager.reset(QStringLiteral("t"), {{0, 0, 5}, {1, 0, 3}});
        auto key = pager.pageOf(*pager.locate(0));
        QVERIFY(pager.claim(key));
        std::vector<Record> short0;
        for (int i = 0; i < 5; ++i)
            short0.push_back(Record{QStringLiteral("t"), 0, i, 0, std::nullopt, QByteArray::number(i), {}});
        pager.store(key, short0);
        QVERIFY(pager.record(4));
        const auto rows = pager.rowsForExtension(0, 8);
        QVERIFY(rows);
        QCOMPARE(rows->first, qint64(5));
        QCOMPARE(rows->second, qint64(7));
        pager.extend(0, 8);
        QCOMPARE(pager.rowCount(), qint64(11));
        QCOMPARE(pager.locate(8)->partition, 1);
        QVERIFY(!pager.record(4)); // the short page was dropped
        QVERIFY(pager.claim(key));
        QVERIFY(!pager.rowsForExtension(0, 8)); // nothing new
    }

    void filterMatchesTextOffsetsAndTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("fromOffset");
        QTest::addColumn<qint64>("toTime");
        QTest::addColumn<bool>("matches");
        QTest::newRow("key, any case") << QStringLiteral("abc") << qint64(-1) << qint64(-1) << true;
        QTest::newRow("value") << QStringLiteral("\"total") << qint64(-1) << qint64(-1) << true;
        QTest::newRow("absent") << QStringLiteral("zzz") << qint64(-1) << qint64(-1) << false;
        QTest::newRow("offset below") << QString() << qint64(8) << qint64(-1) << false;
        QTest::newRow("offset ok") << QString() << qint64(7) << qint64(-1) << true;
        QTest::newRow("too late") << QString() << qint64(-1) << qint64(999) << false;
    }
    void filterMatchesTextOffsetsAndTimes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, fromOffset);
        QFETCH(qint64, toTime);
        QFETCH(bool, matches);
        MessageFilter f;
        f.text = text;
        if (fromOffset >= 0)
            f.fromOffset = fromOffset;
        if (toTime >= 0)
            f.toTimeMs = toTime;
        const Record r{QStringLiteral("t"), 0, 7, 1000, QByteArray("ABC"), QByteArray("{\"TOTAL\":1}"), {}};
        QCOMPARE(f.matches(r), matches);
    }
};

QTEST_GUILESS_MAIN(TestMessagePager)
#include "tst_messagepager.moc"
