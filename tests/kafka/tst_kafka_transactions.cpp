// Topics written by transactional producers, on the real 3-broker cluster: the data comes from
// Kafka's own Java client (tests/kafka/TxnProducer.java, compiled here with javac against the
// kafka-clients jar cluster.sh fetched): commit, abort, commit on partition 0 (its last offset
// is a commit marker) and commit, abort, abort on partition 1 (its last offsets are aborted
// records and an abort marker). Markers take offsets but are not records; aborted records are
// never shown (the Kafka backend reads read_committed, see kafka/KafkaReader.h).
//
// The search's streaming scanner (kafka/KafkaScanner.h) must return exactly what fetch and test
// (Backend::fetch + the filter) returns, window by window, offsets exact, in windows that start
// and end on markers and aborted records; reach the end of each partition without waiting for
// an offset that is a marker; and a whole RecordScan must say it scanned all it planned
// ("N of N"), whatever the order and threads.

#include "KafkaTestSupport.h"
#include "TestPaths.h"

#include "core/FilteredScan.h"
#include "core/RecordScan.h"
#include "kafka/KafkaBackend.h"

#include <QDir>
#include <QStandardPaths>

#include <map>
#include <set>

using namespace tidemark;
using namespace tidemark::test;

namespace {

constexpr int kPartitions = 2;
constexpr int kPerTxn = 5;

struct Written {
    QString txn;
    bool committed = false;
    int partition = -1;
    qint64 offset = -1;
    QByteArray key;
};

QString describeRecords(const std::vector<Record> &records)
{
    QStringList out;
    for (const Record &r : records)
        out << QStringLiteral("%1@%2 %3")
                   .arg(r.partition)
                   .arg(r.offset)
                   .arg(QString::fromUtf8(r.key.value_or("<null>")));
    return out.join(QStringLiteral(", "));
}

} // namespace

class TestKafkaTransactions final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<Backend> m_backend;
    QTemporaryDir m_classes;
    QString m_classpath;
    QString m_topic;
    std::vector<Written> m_written; // in the producer's order

    std::vector<Written> committedIn(int partition) const
    {
        std::vector<Written> out;
        for (const Written &w : m_written)
            if (w.partition == partition && w.committed)
                out.push_back(w);
        std::sort(out.begin(), out.end(), [](const Written &a, const Written &b) { return a.offset < b.offset; });
        return out;
    }
    // The records a read_committed reader gets from partition `p` in [from, until) that
    // `filter` matches (by their keys: the producer's own account of what it wrote).
    std::vector<std::pair<qint64, QByteArray>> expected(int p, qint64 from, qint64 until, const RecordFilter &filter,
                                                        const std::vector<Record> &all) const
    {
        std::vector<std::pair<qint64, QByteArray>> out;
        for (const Record &r : all)
            if (r.offset >= from && r.offset < until && filter.matches(RecordView::of(r)))
                out.emplace_back(r.offset, r.key.value_or(QByteArray()));
        Q_UNUSED(p);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_backend = openCluster();
        const ProcessResult version = cluster({QStringLiteral("version")});
        QVERIFY2(version.exitCode == 0, qPrintable(describe(version)));
        const QString cache = qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + QStringLiteral("/.cache"));
        const QString home = qEnvironmentVariable("TIDEMARK_KAFKA_HOME", cache + QStringLiteral("/tidemark/kafka-") +
                                                                             QString::fromUtf8(version.out.trimmed()));
        const QString libs = home + QStringLiteral("/libs");
        QVERIFY2(QDir(libs).exists(),
                 qPrintable(libs + QStringLiteral(" is missing: run tests/kafka/cluster.sh fetch")));
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("javac")).isEmpty(),
                 "javac is not installed (packaging/dev.sh installs a JDK)");
        const ProcessResult compiled =
            runProcess(QStringLiteral("javac"),
                       {QStringLiteral("-cp"), libs + QStringLiteral("/*"), QStringLiteral("-d"), m_classes.path(),
                        (tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafka/TxnProducer.java"))});
        QVERIFY2(compiled.exitCode == 0, qPrintable(describe(compiled)));
        m_classpath = m_classes.path() + QLatin1Char(':') + libs + QStringLiteral("/*");

        m_topic = uniqueName(QStringLiteral("txn"));
        TIDEMARK_CREATE_TOPIC(*m_backend, m_topic, kPartitions, 3);
        const ProcessResult produced = runProcess(
            QStringLiteral("java"),
            {QStringLiteral("-Xmx256m"), QStringLiteral("-XX:TieredStopAtLevel=1"), QStringLiteral("-XX:+UseSerialGC"),
             QStringLiteral("-Dlog4j.configuration=file:/dev/null"), QStringLiteral("-cp"), m_classpath,
             QStringLiteral("TxnProducer"), kBootstrap, m_topic, QString::number(kPerTxn)});
        QVERIFY2(produced.exitCode == 0, qPrintable(describe(produced)));
        for (const QByteArray &line : produced.out.split('\n')) {
            const QList<QByteArray> f = line.split('\t');
            if (f.size() != 5)
                continue;
            m_written.push_back({QString::fromUtf8(f[0]), f[1] == "committed", f[2].toInt(), f[3].toLongLong(), f[4]});
        }
        QCOMPARE(int(m_written.size()), 6 * kPerTxn);
    }

    // What the message table reads (Backend::fetch): the committed records at their offsets,
    // never an aborted one; the high watermark is past the trailing markers.
    void fetchReturnsTheCommittedRecords()
    {
        for (int p = 0; p < kPartitions; ++p) {
            const TopicPartition tp{m_topic, p};
            const auto marks = m_backend->watermarks(tp);
            QVERIFY(marks.ok());
            qint64 lastWritten = -1;
            for (const Written &w : m_written)
                if (w.partition == p)
                    lastWritten = std::max(lastWritten, w.offset);
            QCOMPARE(marks->low, qint64(0));
            QCOMPARE(marks->high, lastWritten + 2); // the last transaction's marker
            const auto records = m_backend->fetch(tp, 0, 1000);
            QVERIFY2(records.ok(), qPrintable(records.ok() ? QString() : records.error().toString()));
            const std::vector<Written> committed = committedIn(p);
            QCOMPARE(records->size(), committed.size());
            for (size_t i = 0; i < committed.size(); ++i) {
                QCOMPARE((*records)[i].offset, committed[i].offset);
                QCOMPARE((*records)[i].key.value_or(QByteArray()), committed[i].key);
            }
            // From the last offset (a marker): nothing, at once.
            const auto tail = m_backend->fetch(tp, marks->high - 1, 10);
            QVERIFY(tail.ok());
            QVERIFY(tail->empty());
        }
    }

    void scanAgreesWithFetchAndTest_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("window");
        QTest::addColumn<bool>("matchesSome");
        // Every window size over every filter adds nothing but time (a window of 1 costs ~5 s):
        // each filter once, each window size at least once.
        const struct {
            const char *filter;
            int window;
            bool some;
        } rows[] = {
            {"", 1, true},
            {"", 4, true}, // [4, 8) takes 4 and, read ahead, 12-14 past the gap: kept in order
            {"", 1000, true},
            {"key contains \"kept\"", kPerTxn + 1, true}, // windows that end on the markers
            {"gone", 1000, false},                        // the aborted records' keys: never read
            {"value.n >= 3", 3, true},
            {"value.state == \"aborted\"", kPerTxn + 1, false},
        };
        for (const auto &row : rows)
            QTest::addRow("%s, window %d", *row.filter ? row.filter : "(all)", row.window)
                << QString::fromUtf8(row.filter) << row.window << row.some;
    }

    // Window by window from the log start to the high watermark: the scanner and fetch and
    // test read the same records, match the same ones, say the same `next` (the window's end,
    // also when its last offsets are markers or aborted records) and never time out.
    void scanAgreesWithFetchAndTest()
    {
        QFETCH(QString, filter);
        QFETCH(int, window);
        QFETCH(bool, matchesSome);
        auto *kafka = dynamic_cast<kafka::KafkaBackend *>(m_backend.get());
        QVERIFY(kafka);
        ScanPredicate predicate;
        predicate.filter = RecordFilter::parse(filter);
        QVERIFY(predicate.filter.isValid());
        qint64 matched = 0;
        for (int p = 0; p < kPartitions; ++p) {
            const TopicPartition tp{m_topic, p};
            const auto marks = m_backend->watermarks(tp);
            QVERIFY(marks.ok());
            const auto all = m_backend->fetch(tp, 0, 1000);
            QVERIFY(all.ok());
            std::vector<Record> scanned, fetched;
            qint64 scannedCount = 0;
            for (qint64 from = marks->low; from < marks->high; from += window) {
                const qint64 until = std::min(marks->high, from + window);
                const auto viaScanner = kafka->scanFiltered(tp, from, until, predicate, scanned);
                QVERIFY2(viaScanner.ok(),
                         qPrintable(QStringLiteral("[%1, %2): %3")
                                        .arg(from)
                                        .arg(until)
                                        .arg(viaScanner.ok() ? QString() : viaScanner.error().toString())));
                const auto viaFetch = fetchAndFilter(*m_backend, tp, from, until, predicate, fetched);
                QVERIFY(viaFetch.ok());
                const QString where = QStringLiteral("partition %1 [%2, %3)").arg(p).arg(from).arg(until);
                QVERIFY2(viaScanner->next == until,
                         qPrintable(where + QStringLiteral(": scanner next %1").arg(viaScanner->next)));
                QVERIFY2(viaFetch->next == until,
                         qPrintable(where + QStringLiteral(": fetch next %1").arg(viaFetch->next)));
                QVERIFY2(
                    viaScanner->scanned == viaFetch->scanned,
                    qPrintable(
                        where +
                        QStringLiteral(": scanned %1, fetched %2").arg(viaScanner->scanned).arg(viaFetch->scanned)));
                scannedCount += viaScanner->scanned;
            }
            QVERIFY2(
                scanned == fetched,
                qPrintable(
                    QStringLiteral("scanner: %1\nfetch: %2").arg(describeRecords(scanned), describeRecords(fetched))));
            QCOMPARE(scannedCount, qint64(committedIn(p).size()));
            // And what the producer says it committed, offsets exact.
            const auto want = expected(p, marks->low, marks->high, predicate.filter, *all);
            QCOMPARE(scanned.size(), want.size());
            for (size_t i = 0; i < want.size(); ++i) {
                QCOMPARE(scanned[i].offset, want[i].first);
                QCOMPARE(scanned[i].key.value_or(QByteArray()), want[i].second);
                QVERIFY(scanned[i].key->startsWith("kept-"));
            }
            matched += qint64(scanned.size());
        }
        QCOMPARE(matched > 0, matchesSome);
    }

    void wholeScanReachesItsTotal_data()
    {
        QTest::addColumn<bool>("newestFirst");
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("batch");
        QTest::newRow("oldest first") << false << 1 << 4;
        QTest::newRow("newest first") << true << 1 << 4;
        QTest::newRow("oldest first, 2 threads") << false << 2 << 3;
        QTest::newRow("oldest first, one batch") << false << 1 << 1000;
    }

    // A RecordScan, as the Messages panel runs it: its progress reaches its total (every
    // planned record scanned, none left "unscanned" because markers took offsets), and its
    // matches are the committed records the filter matches.
    void wholeScanReachesItsTotal()
    {
        QFETCH(bool, newestFirst);
        QFETCH(int, threads);
        QFETCH(int, batch);
        RecordScan::Options options;
        options.topic = m_topic;
        options.filter = RecordFilter::parse(QStringLiteral("value.n >= 1"));
        QVERIFY(options.filter.isValid());
        options.order = newestFirst ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;
        options.threads = threads;
        options.batchSize = batch;
        RecordScan scan(*m_backend, options);
        QVERIFY(scan.plan().ok());
        std::vector<Record> matches;
        int steps = 0;
        for (bool more = true; more; ++steps) {
            QVERIFY2(steps < 1000, "the scan does not end");
            const auto stepped = scan.step(matches);
            QVERIFY2(stepped.ok(), qPrintable(stepped.ok() ? QString() : stepped.error().toString()));
            more = *stepped;
            QVERIFY(scan.progress().scanned <= scan.progress().total);
        }
        const RecordScan::Progress &progress = scan.progress();
        QVERIFY(progress.done);
        const qint64 committed = qint64(committedIn(0).size() + committedIn(1).size());
        QVERIFY2(progress.scanned == committed,
                 qPrintable(QStringLiteral("scanned %1 of %2 committed records; matches: %3")
                                .arg(progress.scanned)
                                .arg(committed)
                                .arg(describeRecords(matches))));
        QCOMPARE(progress.total, committed); // "N of N", not short by the markers' offsets
        std::set<std::pair<int, qint64>> want, got;
        for (const Written &w : m_written)
            if (w.committed && !w.key.endsWith("-0"))
                want.insert({w.partition, w.offset});
        for (const Record &r : matches)
            got.insert({r.partition, r.offset});
        QCOMPARE(int(matches.size()), int(got.size()));
        QVERIFY(got == want);
        QCOMPARE(progress.matches, qint64(want.size()));
    }
};

QTEST_GUILESS_MAIN(TestKafkaTransactions)
#include "tst_kafka_transactions.moc"
