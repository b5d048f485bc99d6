// The search's predicate pushed down to the built-in broker's storage
// (LocalBackend::scanFiltered, core/FilteredScan.h) against the path every other backend takes
// (fetch() Records, then test them): a RecordScan through each, on the same
// real on-disk topic, must give the same matches record for record, byte for byte, with the
// same progress, for every kind of filter, bound and order; and both must equal an oracle
// that reads the whole topic with fetch() and tests it with RecordFilter::matches. On damaged
// segments both stop with the same clear error at the same step, never skipping silently.

#include "LogbrokerTestSupport.h"

#include "../common/ForwardingBackend.h"

#include "core/FilteredScan.h"
#include "core/OrderGenerator.h"
#include "core/RecordFilter.h"
#include "core/RecordScan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

using namespace tidemark;
using namespace tidemark::test;

namespace {

const QString kTopic = QStringLiteral("orders");
constexpr int kPartitions = 3;
constexpr int kRecords = 900;
constexpr qint64 kBaseTime = 1'780'000'000'000; // 2026-05-28, well inside any zone's range

// The non-pushdown path: no FilteredScanner, so scanFiltered() fetches through this wrapper
// and tests each Record.
class PlainReads final : public ForwardingBackend {
public:
    using ForwardingBackend::ForwardingBackend;
};

// Forwards FilteredScanner as well, and counts the fetch() calls a scan makes.
class CountingFetches final : public ForwardingBackend, public FilteredScanner {
public:
    using ForwardingBackend::ForwardingBackend;
    std::atomic<int> fetches{0};
    std::mutex mutex;
    std::set<std::thread::id> scanThreads; // guarded by mutex
    Result<std::vector<Record>> fetch(const TopicPartition &tp, qint64 offset, int maxRecords) override
    {
        ++fetches;
        return ForwardingBackend::fetch(tp, offset, maxRecords);
    }
    Result<FilteredRead> scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                      const ScanPredicate &predicate, std::vector<Record> &matches) override
    {
        {
            std::lock_guard lock(mutex);
            scanThreads.insert(std::this_thread::get_id());
        }
        return dynamic_cast<FilteredScanner &>(inner()).scanFiltered(tp, from, until, predicate, matches);
    }
};

// The built-in broker under another kind's name (and with its pushdown): neither "local" nor
// "kafka", the kinds whose scans are parallel by default.
class RenamedKind final : public ForwardingBackend, public FilteredScanner {
public:
    using ForwardingBackend::ForwardingBackend;
    QString kind() const override { return QStringLiteral("other"); }
    Result<FilteredRead> scanFiltered(const TopicPartition &tp, qint64 from, qint64 until,
                                      const ScanPredicate &predicate, std::vector<Record> &matches) override
    {
        return dynamic_cast<FilteredScanner &>(inner()).scanFiltered(tp, from, until, predicate, matches);
    }
};

// Record i of the fixture: mostly seed orders keyed by user id, with every shape a filter
// must tell apart: tombstones, empty values, null and binary keys, repeated and null
// headers, timestamps out of order, values that are not JSON.
OutgoingRecord fixtureRecord(int i, OrderGenerator &gen)
{
    const Order order = gen.next();
    OutgoingRecord r;
    r.partition = i % kPartitions;
    r.key = order.userId.toUtf8();
    r.value = orderToJson(order);
    r.timestampMs = kBaseTime + qint64(i) * 1000 + ((i % 17 == 0) ? -5000 : 0);
    if (i % 11 == 0)
        r.value = std::nullopt; // tombstone
    if (i % 13 == 0)
        r.value = QByteArray();
    if (i % 19 == 0)
        r.key = std::nullopt;
    if (i % 23 == 0)
        r.key = QByteArray("\xff\x00\x35\x33\x35", 5);
    if (i % 29 == 0) {
        static const char notJson[] = "not json: 535 \xfe\x00 total_price"; // binary, with a NUL inside
        r.value = QByteArray(notJson, sizeof(notJson) - 1);
    }
    if (i % 5 == 0)
        r.headers.push_back({"trace-id", QByteArray::number(i)});
    if (i % 7 == 0) {
        r.headers.push_back({"source", QByteArray("web")});
        r.headers.push_back({"source", std::nullopt});
    }
    if (i % 9 == 0)
        r.headers.push_back({"source", QByteArray("app")});
    return r;
}

// Creates the topic (small segments: every partition spans several) and fills it.
bool fillTopic(Backend &backend)
{
    TopicSpec spec;
    spec.name = kTopic;
    spec.partitions = kPartitions;
    spec.configs.insert(QStringLiteral("segment.bytes"), QStringLiteral("8192"));
    spec.configs.insert(QStringLiteral("retention.ms"), QStringLiteral("-1")); // the timestamps are old
    if (const Status s = backend.createTopic(spec); !s) {
        qWarning("createTopic: %s", qPrintable(s.error().toString()));
        return false;
    }
    OrderGenerator gen(15);
    std::vector<OutgoingRecord> batch;
    for (int i = 0; i < kRecords; ++i) {
        batch.push_back(fixtureRecord(i, gen));
        if (batch.size() == 50) {
            if (!produceAll(backend, kTopic, batch))
                return false;
            batch.clear();
        }
    }
    return batch.empty() || produceAll(backend, kTopic, batch);
}

struct Run {
    std::vector<Record> matches;
    RecordScan::Progress progress;
    std::optional<Error> error; // the first step that failed
    int steps = 0;
    std::vector<std::pair<qint64, qint64>> afterEachStep; // progress: scanned, matches
};

Run runScan(Backend &backend, const RecordScan::Options &options)
{
    Run run;
    RecordScan scan(backend, options);
    if (const Status planned = scan.plan(); !planned) {
        run.error = planned.error();
        return run;
    }
    bool more = !scan.progress().done;
    while (more) {
        const auto stepped = scan.step(run.matches);
        if (!stepped) {
            run.error = stepped.error();
            // The scan stays where it was: a retry fails the same way, counting nothing.
            const RecordScan::Progress before = scan.progress();
            const size_t kept = run.matches.size();
            const auto again = scan.step(run.matches);
            if (again || again.error().message != stepped.error().message || run.matches.size() != kept ||
                scan.progress().scanned != before.scanned || scan.progress().matches != before.matches)
                run.error->message += QStringLiteral(" [retry did not fail the same way]");
            break;
        }
        ++run.steps;
        run.afterEachStep.emplace_back(scan.progress().scanned, scan.progress().matches);
        more = *stepped;
    }
    run.progress = scan.progress();
    return run;
}

QString describe(const Record &r)
{
    return QStringLiteral("%1@%2 key=%3 value=%4 headers=%5")
        .arg(r.partition)
        .arg(r.offset)
        .arg(r.key ? QString::fromLatin1(r.key->toHex()) : QStringLiteral("null"))
        .arg(r.value ? QString::fromLatin1(r.value->left(40).toHex()) : QStringLiteral("null"))
        .arg(r.headers.size());
}

// Fails with the first difference.
bool sameMatches(const std::vector<Record> &actual, const std::vector<Record> &expected, const char *what)
{
    const size_t n = std::min(actual.size(), expected.size());
    for (size_t i = 0; i < n; ++i) {
        if (!(actual[i] == expected[i])) {
            qWarning("%s: match %zu differs: %s vs %s", what, i, qPrintable(describe(actual[i])),
                     qPrintable(describe(expected[i])));
            return false;
        }
    }
    if (actual.size() != expected.size()) {
        qWarning("%s: %zu matches vs %zu", what, actual.size(), expected.size());
        return false;
    }
    return true;
}

// What a complete scan must return, per partition: every record read with fetch(), those in
// the bounds and matching, in the scan's order.
std::vector<std::vector<Record>> oracle(Backend &backend, const RecordScan::Options &o)
{
    std::vector<std::vector<Record>> perPartition;
    for (int p = 0; p < kPartitions; ++p) {
        std::vector<Record> kept;
        for (Record &r : readAll(backend, TopicPartition{kTopic, p})) {
            if ((o.fromOffset && r.offset < *o.fromOffset) || (o.toOffset && r.offset > *o.toOffset) ||
                (o.fromTimeMs && r.timestampMs < *o.fromTimeMs) || (o.toTimeMs && r.timestampMs > *o.toTimeMs) ||
                !o.filter.matches(r))
                continue;
            kept.push_back(std::move(r));
        }
        if (o.order == RecordScan::Order::NewestFirst)
            std::reverse(kept.begin(), kept.end());
        perPartition.push_back(std::move(kept));
    }
    return perPartition;
}

std::vector<std::vector<Record>> byPartition(const std::vector<Record> &records)
{
    std::vector<std::vector<Record>> out(kPartitions);
    for (const Record &r : records)
        out[size_t(r.partition)].push_back(r);
    return out;
}

std::optional<qint64> optional(qint64 v) { return v < 0 ? std::nullopt : std::optional<qint64>(v); }

} // namespace

class TestPushdown : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_local = openLocal(m_dir.path());
        QVERIFY(m_local);
        QVERIFY(fillTopic(*m_local));
        m_plain = std::make_shared<PlainReads>(m_local);
    }

    void sameMatchesBothPaths_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("newestFirst");
        QTest::addColumn<qint64>("fromOffset");
        QTest::addColumn<qint64>("toOffset");
        QTest::addColumn<qint64>("fromTime");
        QTest::addColumn<qint64>("toTime");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("expectMatches");

        struct Row {
            const char *name;
            const char *filter;
            bool expectMatches = true;
        };
        const Row rows[] = {
            {"empty filter", ""},
            {"key equality", R"(key == "00042")", false}, // random users: maybe none
            {"key substring", R"(key contains "12")"},
            {"key bytes", R"(key == "\xff\x00535")"},
            {"value substring", R"(value contains "535")"},
            {"bare word", "535"},
            {"value regex", R"(value ~ /"product_id":"5\d5"/)"},
            {"value regex, case", R"(value ~ /NOT JSON/i)"},
            {"json string", R"(value.user_id ~ /^0/ and value.user_id != "99999")"},
            {"json number", "value.total_price > 1000"},
            {"json number le", "value.total_price <= 300.5"},
            {"json any element", R"(value.items[*].product_id contains "3")"},
            {"json missing path !=", R"(value.nothing != 5 and key contains "3")"},
            {"tombstones", "value is null"},
            {"empty values", "value is empty"},
            {"null keys", "key is null"},
            {"header exists", "header.trace-id exists"},
            {"header value, repeated", R"(header.source == "web")"},
            {"header null value", R"(header.source == "app" or header.source is null)"},
            {"offset range", "offset >= 40 and offset < 200"},
            {"partition", R"(partition in (0, 2) and value contains "5")"},
            {"size", "size > 200"},
            {"timestamp", "timestamp >= 1780000300000"},
            {"not/or", R"(not (value is null or key is null) and (value.total_price < 100 or key contains "7"))"},
        };
        int n = 0;
        for (const Row &row : rows) {
            for (bool newest : {false, true}) {
                const int batch = (n++ % 3 == 0) ? 7 : 100;
                QTest::addRow("%s, %s", row.name, newest ? "newest first" : "oldest first")
                    << QString::fromUtf8(row.filter) << newest << qint64(-1) << qint64(-1) << qint64(-1) << qint64(-1)
                    << batch << row.expectMatches;
            }
        }
        for (bool newest : {false, true}) {
            const char *order = newest ? "newest first" : "oldest first";
            QTest::addRow("offset bounds, %s", order) << QStringLiteral("value contains \"5\"") << newest << qint64(33)
                                                      << qint64(251) << qint64(-1) << qint64(-1) << 64 << true;
            QTest::addRow("time bounds, out-of-order timestamps, %s", order)
                << QStringLiteral("value.total_price > 500") << newest << qint64(-1) << qint64(-1)
                << kBaseTime + 100'000 << kBaseTime + 600'500 << 50 << true;
            QTest::addRow("all bounds with a header filter, %s", order)
                << QStringLiteral("header.source exists") << newest << qint64(10) << qint64(280) << kBaseTime + 20'000
                << kBaseTime + 700'000 << 1000 << true;
        }
    }

    void sameMatchesBothPaths()
    {
        QFETCH(QString, filter);
        QFETCH(bool, newestFirst);
        QFETCH(qint64, fromOffset);
        QFETCH(qint64, toOffset);
        QFETCH(qint64, fromTime);
        QFETCH(qint64, toTime);
        QFETCH(int, batch);
        QFETCH(bool, expectMatches);

        RecordScan::Options options;
        options.topic = kTopic;
        options.filter = RecordFilter::parse(filter, FilterOptions{QTimeZone::utc()});
        QVERIFY2(options.filter.isValid(),
                 qPrintable(options.filter.error() ? options.filter.error()->toString() : QString()));
        options.order = newestFirst ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;
        options.fromOffset = optional(fromOffset);
        options.toOffset = optional(toOffset);
        options.fromTimeMs = optional(fromTime);
        options.toTimeMs = optional(toTime);
        options.batchSize = batch;
        options.threads = 1; // sequential: the reference for the parallel run below

        const Run pushed = runScan(*m_local, options);
        const Run plain = runScan(*m_plain, options);
        QVERIFY2(!pushed.error, qPrintable(pushed.error ? pushed.error->toString() : QString()));
        QVERIFY2(!plain.error, qPrintable(plain.error ? plain.error->toString() : QString()));
        QVERIFY(sameMatches(pushed.matches, plain.matches, "pushdown vs fetch-and-test"));
        QCOMPARE(pushed.progress.scanned, plain.progress.scanned);
        QCOMPARE(pushed.progress.total, plain.progress.total);
        QCOMPARE(pushed.progress.matches, plain.progress.matches);
        QCOMPARE(pushed.progress.matches, qint64(pushed.matches.size()));
        QCOMPARE(pushed.steps, plain.steps);
        QVERIFY(pushed.progress.done);
        // Partitions in parallel: the same matches in the same order, step by step.
        options.threads = 3;
        const Run parallel = runScan(*m_local, options);
        QVERIFY2(!parallel.error, qPrintable(parallel.error ? parallel.error->toString() : QString()));
        QVERIFY(sameMatches(parallel.matches, pushed.matches, "parallel vs sequential"));
        QVERIFY(parallel.afterEachStep == pushed.afterEachStep);
        QCOMPARE(parallel.progress.total, pushed.progress.total);
        QVERIFY(parallel.progress.done);
        // Both equal what reading everything and testing it gives (so neither is wrong the
        // same way), and the filter is not vacuous.
        const auto expected = oracle(*m_local, options);
        const auto actual = byPartition(pushed.matches);
        for (int p = 0; p < kPartitions; ++p)
            QVERIFY(sameMatches(actual[size_t(p)], expected[size_t(p)], "pushdown vs oracle"));
        if (expectMatches) {
            QVERIFY(!pushed.matches.empty());
            if (options.filter.needsPayload())
                QVERIFY(pushed.progress.matches < pushed.progress.scanned);
        }
    }

    // RecordScan on the built-in broker goes through the pushdown, not fetch().
    void scanDoesNotFetch()
    {
        CountingFetches counting(m_local);
        RecordScan::Options options;
        options.topic = kTopic;
        options.filter = RecordFilter::parse(QStringLiteral("value.total_price > 1000"));
        const Run run = runScan(counting, options);
        QVERIFY(!run.error);
        QCOMPARE(run.progress.scanned, qint64(kRecords));
        QVERIFY(run.progress.matches > 0);
        QCOMPARE(counting.fetches.load(), 0);
        PlainReads plain(m_local);
        QVERIFY(sameMatches(run.matches, runScan(plain, options).matches, "counting vs plain"));
    }

    // Threads left automatic: on the built-in broker the partitions are read on the scan's
    // workers, never on the caller's thread (when the machine has more than one core), with
    // the sequential scan's result; on another kind of backend on the caller's thread.
    void automaticThreads()
    {
        RecordScan::Options options;
        options.topic = kTopic;
        options.batchSize = 50;
        options.filter = RecordFilter::parse(QStringLiteral("value.total_price > 1000"));
        QCOMPARE(options.threads, 0);
        CountingFetches local(m_local);
        const Run automatic = runScan(local, options);
        options.threads = 1;
        const Run sequential = runScan(*m_local, options);
        QVERIFY(!automatic.error);
        QVERIFY(sameMatches(automatic.matches, sequential.matches, "automatic vs sequential"));
        QVERIFY(automatic.afterEachStep == sequential.afterEachStep);
        // Read on the workers (which of them took which batch is up to the scheduler).
        QVERIFY(!local.scanThreads.empty());
        if (QThread::idealThreadCount() > 1)
            QVERIFY(!local.scanThreads.count(std::this_thread::get_id()));

        RenamedKind other(m_local);
        options.threads = 0;
        CountingFetches otherCounting(std::shared_ptr<Backend>(&other, [](Backend *) {}));
        const Run elsewhere = runScan(otherCounting, options);
        QVERIFY(sameMatches(elsewhere.matches, sequential.matches, "other kind vs sequential"));
        QCOMPARE(otherCounting.scanThreads.size(), size_t(1));
        QCOMPARE(*otherCounting.scanThreads.begin(), std::this_thread::get_id());
    }

    // Damaged segments: a flipped byte in a sealed segment, and an active segment cut short
    // (as a power cut leaves it). Both paths fail at the same step with the same message
    // (naming the file), keep the same matches before it, and a retry fails the same way.
    void damagedSegments_data()
    {
        QTest::addColumn<bool>("truncateTail");
        QTest::addColumn<bool>("newestFirst");
        QTest::newRow("flipped byte, oldest first") << false << false;
        QTest::newRow("flipped byte, newest first") << false << true;
        QTest::newRow("truncated tail, oldest first") << true << false;
        QTest::newRow("truncated tail, newest first") << true << true;
    }

    void damagedSegments()
    {
        QFETCH(bool, truncateTail);
        QFETCH(bool, newestFirst);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            auto writer = openLocal(dir.path());
            QVERIFY(writer);
            QVERIFY(fillTopic(*writer));
        }
        const QString partitionDir = dir.filePath(QStringLiteral("topics/orders/orders-1"));
        const QStringList logs = QDir(partitionDir).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
        QVERIFY2(logs.size() >= 3, qPrintable(logs.join(u' ')));
        if (truncateTail) {
            QFile active(partitionDir + QLatin1Char('/') + logs.last());
            QVERIFY(active.size() > 300);
            QVERIFY(active.resize(active.size() - 150));
        } else {
            QFile sealed(partitionDir + QLatin1Char('/') + logs.at(1));
            QVERIFY(sealed.open(QIODevice::ReadWrite));
            QVERIFY(sealed.seek(sealed.size() / 2));
            char byte = 0;
            QVERIFY(sealed.getChar(&byte));
            QVERIFY(sealed.seek(sealed.size() / 2));
            QVERIFY(sealed.putChar(char(byte ^ 0x5a)));
        }
        auto local = openLocal(dir.path());
        QVERIFY(local);
        auto plainBackend = std::make_shared<PlainReads>(local);

        for (const char *text : {"", R"(key contains "1")", "value.total_price > 1000", "header.source exists"}) {
            RecordScan::Options options;
            options.topic = kTopic;
            options.filter = RecordFilter::parse(QString::fromUtf8(text));
            options.order = newestFirst ? RecordScan::Order::NewestFirst : RecordScan::Order::OldestFirst;
            options.batchSize = 20;
            options.threads = 1;
            const Run pushed = runScan(*local, options);
            const Run plain = runScan(*plainBackend, options);
            // Never a silent skip: the lost or damaged records are an error in both paths
            // (recovery seals a cut active segment and reads report the gap).
            QVERIFY2(pushed.error.has_value(), text);
            QVERIFY2(plain.error.has_value(), text);
            QCOMPARE(pushed.error->code, plain.error->code);
            QCOMPARE(pushed.error->message, plain.error->message);
            QVERIFY2(pushed.error->message.contains(QStringLiteral(".log")), qPrintable(pushed.error->message));
            QVERIFY2(!pushed.error->message.contains(QStringLiteral("retry")), qPrintable(pushed.error->message));
            QCOMPARE(pushed.steps, plain.steps);
            QCOMPARE(pushed.progress.scanned, plain.progress.scanned);
            QVERIFY(sameMatches(pushed.matches, plain.matches, text));
            // In parallel: the same error at the same step, after the same matches.
            options.threads = 3;
            const Run parallel = runScan(*local, options);
            QVERIFY2(parallel.error.has_value(), text);
            QCOMPARE(parallel.error->message, pushed.error->message);
            QCOMPARE(parallel.steps, pushed.steps);
            QVERIFY(parallel.afterEachStep == pushed.afterEachStep);
            QVERIFY(sameMatches(parallel.matches, pushed.matches, text));
        }
    }

private:
    QTemporaryDir m_dir;
    std::shared_ptr<LocalBackend> m_local;
    std::shared_ptr<PlainReads> m_plain;
};

QTEST_GUILESS_MAIN(TestPushdown)
#include "tst_logbroker_pushdown.moc"
