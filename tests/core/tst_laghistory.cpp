// The lag history (core/LagHistory.h) and its recorder (core/LagRecorder.h): the store is
// bounded in bytes, compacts older data to coarser ticks, drops a torn tail with a report
// instead of misreading it, and survives a restart; all on a manual clock, so "the previous
// hour" and "8 days" are stepped, not waited for. The recorder samples a group the app does
// not run (committed by tidemark-cli, a second process, on the built-in broker) with one
// describeGroups() per tick counted by the broker state.

#include "FakeBackend.h"
#include "ProcessRunner.h"
#include "TestPaths.h"
#include "backends/BackendFactory.h"
#include "core/AsyncBackend.h"
#include "core/BrokerState.h"
#include "core/LagHistory.h"
#include "core/LagRecorder.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace tidemark;

namespace {

constexpr qint64 kStart = 1'780'000'000'000; // a fixed wall-clock time (2026)
constexpr qint64 kHour = 3600'000;

LagSeriesKey key(const QString &group, const QString &topic, int partition)
{
    return LagSeriesKey{group, TopicPartition{topic, partition}};
}

// One group on one partition: the log grows by `produced` per tick, the group reads `read`.
std::map<LagSeriesKey, LagValue> sample(qint64 committed, qint64 logEnd)
{
    return {{key(QStringLiteral("billing"), QStringLiteral("orders"), 0), LagValue{committed, logEnd}}};
}

struct ManualClock {
    std::shared_ptr<std::atomic<qint64>> now = std::make_shared<std::atomic<qint64>>(kStart);
    Clock clock() const
    {
        return [n = now] { return n->load(); };
    }
    void advance(qint64 ms) { *now += ms; }
};

} // namespace

class TestLagHistory final : public QObject {
    Q_OBJECT

private slots:
    void quietSeriesCostNoBytesPerTick()
    {
        LagData data;
        const QByteArray first = data.add(kStart, sample(10, 20));
        const QByteArray same = data.add(kStart + 10'000, sample(10, 20));
        const QByteArray moved = data.add(kStart + 20'000, sample(15, 20));
        QVERIFY(same.size() < first.size());
        QCOMPARE(same.size(), qsizetype(8 + 1 + 8 + 4)); // a tick with no change
        QCOMPARE(moved.size(), same.size() + 20);
        QCOMPARE(data.valueAt(key(QStringLiteral("billing"), QStringLiteral("orders"), 0), kStart + 15'000),
                 LagValue(LagValue{10, 20}));
        QVERIFY(data.add(kStart + 20'000, sample(1, 2)).isEmpty()); // not after the last tick: refused
        // A group that disappears becomes unknown, and its lag is not counted.
        data.add(kStart + 30'000, {});
        QVERIFY(data.rows(QStringLiteral("billing"), kStart + 30'000, kStart + 30'000).empty());
    }

    void lagInRecordsAndTimeWithTrend()
    {
        // The log grows 100 records per 10 s tick; the group reads nothing for 5 minutes, then
        // 300 per tick. The oldest unconsumed record's age is counted from the tick its offset
        // was first passed by the log end.
        LagData data;
        qint64 logEnd = 1000, committed = 1000, t = kStart;
        data.add(t, sample(committed, logEnd)); // caught up when the history starts
        for (int i = 0; i < 30; ++i) {
            t += 10'000;
            logEnd += 100;
            data.add(t, sample(committed, logEnd));
        }
        auto rows = data.rows(QStringLiteral("billing"), kStart, t);
        QCOMPARE(rows.size(), size_t(31));
        QCOMPARE(rows.back().lag, qint64(3000));
        QCOMPARE(rows.back().ageMs, qint64(290'000)); // offset 1000 was written by the first tick
        QVERIFY(!rows.back().ageIsLowerBound);
        LagTrend rising = lagTrend(rows, 120'000);
        QVERIFY(rising.known);
        QVERIFY(qAbs(rising.recordsPerSecond - 10.0) < 1e-6);
        QVERIFY(!rising.catchUpAtMs);
        for (int i = 0; i < 6; ++i) {
            t += 10'000;
            logEnd += 100;
            committed += 300;
            data.add(t, sample(committed, logEnd));
        }
        rows = data.rows(QStringLiteral("billing"), kStart, t);
        QCOMPARE(rows.back().lag, qint64(1800));
        const LagTrend falling = lagTrend(rows, 60'000);
        QVERIFY(falling.known);
        QVERIFY(qAbs(falling.recordsPerSecond + 20.0) < 1e-6);
        QVERIFY(falling.catchUpAtMs);
        QCOMPARE(*falling.catchUpAtMs, t + 90'000); // 1800 records at 20/s
    }

    void compactionKeepsTiersAndDropsAWeekAgo()
    {
        // Eight days at 10 s: the last hour stays at 10 s, the last day at one per minute, the
        // week at one per 10 minutes, the eighth day is gone; the values stay exact at the
        // ticks that remain.
        LagData data;
        qint64 t = kStart;
        const qint64 days = 8;
        for (qint64 i = 0; i < days * 24 * 360; ++i) {
            t += 10'000;
            data.add(t, sample(i, i + 50));
        }
        const size_t before = data.ticks().size();
        const LagLimits limits;
        const int dropped = data.compact(t, limits);
        QCOMPARE(size_t(dropped), before - data.ticks().size());
        qint64 raw = 0, minute = 0, tenMinutes = 0;
        for (const qint64 tick : data.ticks()) {
            const qint64 age = t - tick;
            QVERIFY(age <= limits.keepMs);
            (age <= limits.rawMs ? raw : age <= limits.minuteMs ? minute : tenMinutes) += 1;
        }
        qInfo("8 days at 10 s: %zu ticks -> %zu (%lld at 10 s, %lld at 1 min, %lld at 10 min), %lld bytes", before,
              data.ticks().size(), raw, minute, tenMinutes, qint64(data.encode().size()));
        QVERIFY(raw >= 359 && raw <= 361);
        QVERIFY(minute >= 23 * 60 - 1 && minute <= 23 * 60 + 1);
        QVERIFY(tenMinutes >= 6 * 144 - 1 && tenMinutes <= 6 * 144 + 1);
        const LagSeriesKey k = key(QStringLiteral("billing"), QStringLiteral("orders"), 0);
        for (const qint64 tick : {data.ticks().front(), data.ticks()[data.ticks().size() / 2], data.ticks().back()}) {
            const qint64 i = (tick - kStart) / 10'000 - 1;
            QCOMPARE(data.valueAt(k, tick), LagValue(LagValue{i, i + 50}));
        }
        // Compacting again at the same time changes nothing (the buckets are fixed in time).
        const QByteArray once = data.encode();
        QCOMPARE(data.compact(t, limits), 0);
        QCOMPARE(data.encode(), once);
    }

    void boundedInBytes()
    {
        // 200 groups x 3 partitions, every offset moving every tick, for an hour: the file is
        // kept under the bound by dropping the oldest ticks, on disk as in memory.
        QTemporaryDir dir;
        ManualClock clock;
        LagLimits limits;
        limits.maxBytes = 256 * 1024;
        const QString path = dir.filePath(QStringLiteral("h.lag"));
        LagHistory history(path, clock.clock(), limits);
        QTRY_VERIFY(history.isLoaded());
        qint64 largest = 0;
        for (int tick = 0; tick < 360; ++tick) {
            clock.advance(10'000);
            std::vector<GroupInfo> groups;
            for (int g = 0; g < 200; ++g) {
                GroupInfo info;
                info.groupId = QStringLiteral("group-%1").arg(g);
                for (int p = 0; p < 3; ++p)
                    info.partitions.push_back(GroupPartitionState{
                        TopicPartition{QStringLiteral("orders"), p}, tick * 10, 0, tick * 12, 0, {}});
                groups.push_back(info);
            }
            history.record(groups);
            if (tick % 60 == 0) {
                history.flush();
                largest = std::max(largest, QFileInfo(path).size());
            }
        }
        history.flush();
        largest = std::max(largest, QFileInfo(path).size());
        const qint64 oneTick = 8 + 1 + 8 + 4 + 600 * 20;
        qInfo("600 series moving every tick, bound %lld bytes: largest file %lld bytes, %zu ticks kept",
              limits.maxBytes, largest, history.data().ticks().size());
        QVERIFY2(largest <= limits.maxBytes * 9 / 8 + oneTick, qPrintable(QString::number(largest)));
        QVERIFY(history.data().ticks().size() < 360);
        QCOMPARE(history.data().ticks().back(), clock.now->load()); // the newest is kept
        QVERIFY(history.lastError().isEmpty());
    }

    void tornTail_data()
    {
        QTest::addColumn<int>("damage");
        QTest::newRow("cut inside the last record") << 0;
        QTest::newRow("a flipped byte in the last record") << 1;
        QTest::newRow("garbage appended") << 2;
        QTest::newRow("a length that runs past the end") << 3;
    }

    void tornTail()
    {
        QFETCH(int, damage);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.lag"));
        LagData data;
        for (int i = 1; i <= 10; ++i)
            data.add(kStart + i * 10'000, sample(i * 10, i * 20));
        QVERIFY(LagFile::rewrite(path, data.encode()).ok());
        const QByteArray whole = data.encode();
        QByteArray damaged = whole;
        switch (damage) {
        case 0: damaged.chop(7); break;
        case 1: damaged[damaged.size() - 3] = char(damaged[damaged.size() - 3] ^ 0x40); break;
        case 2: damaged.append("\x05\x00\x00\x00garbage", 12); break;
        case 3: damaged.append(QByteArray("\xff\xff\x00\x00\x01\x02\x03\x04T", 9)); break;
        }
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(damaged);
        }
        const LagLoad load = LagFile::load(path);
        QVERIFY(!load.error);
        QVERIFY2(load.report.contains(QStringLiteral("dropped")), qPrintable(load.report));
        const int kept = damage >= 2 ? 10 : 9; // a damaged last tick is dropped, never misread
        QCOMPARE(load.data.ticks().size(), size_t(kept));
        const LagSeriesKey k = key(QStringLiteral("billing"), QStringLiteral("orders"), 0);
        QCOMPARE(load.data.valueAt(k, kStart + kept * 10'000), LagValue(LagValue{kept * 10, kept * 20}));

        // The history says so, cuts the tail off the file, and appends after it cleanly.
        ManualClock clock;
        clock.advance(11 * 10'000);
        LagHistory history(path, clock.clock());
        QSignalSpy problems(&history, &LagHistory::problem);
        QTRY_VERIFY(history.isLoaded());
        QCOMPARE(problems.count(), 1);
        QVERIFY(history.loadReport().contains(QStringLiteral("dropped")));
        history.record({});
        GroupInfo g;
        g.groupId = QStringLiteral("billing");
        g.partitions.push_back(GroupPartitionState{TopicPartition{QStringLiteral("orders"), 0}, 500, 0, 600, 100, {}});
        clock.advance(10'000);
        history.record({g});
        history.flush();
        const LagLoad again = LagFile::load(path);
        QVERIFY2(again.report.isEmpty(), qPrintable(again.report));
        QCOMPARE(again.data.ticks().size(), size_t(kept + 2));
        QCOMPARE(again.data.valueAt(k, clock.now->load()), LagValue(LagValue{500, 600}));
    }

    void notOursIsKeptAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.lag"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("something else entirely\n");
        }
        ManualClock clock;
        LagHistory history(path, clock.clock());
        QTRY_VERIFY(history.isLoaded());
        history.flush();
        QVERIFY(history.loadReport().contains(QStringLiteral("not a Tidemark lag history")));
        QFile aside(path + QStringLiteral(".unreadable"));
        QVERIFY(aside.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), QByteArray("something else entirely\n"));
        QVERIFY(LagFile::load(path).report.isEmpty());
    }

    void restartShowsThePreviousHour()
    {
        // An hour and a half of samples, the history closed, time moves on 5 minutes (the app
        // was not running), a new history on the same file: the previous hour is all there,
        // at its resolution, and new samples continue it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.lag"));
        ManualClock clock;
        std::vector<LagRow> before;
        {
            LagHistory history(path, clock.clock());
            QTRY_VERIFY(history.isLoaded());
            for (int i = 0; i < 540; ++i) {
                clock.advance(10'000);
                GroupInfo g;
                g.groupId = QStringLiteral("billing");
                g.partitions.push_back(
                    GroupPartitionState{TopicPartition{QStringLiteral("orders"), 0}, i * 5, 0, i * 7, 0, {}});
                history.record({g});
            }
            const qint64 now = clock.now->load();
            before = history.data().rows(QStringLiteral("billing"), now - kHour, now);
        }
        QCOMPARE(before.size(), size_t(361));
        clock.advance(5 * 60'000);
        LagHistory history(path, clock.clock());
        QTRY_VERIFY(history.isLoaded());
        QVERIFY(history.loadReport().isEmpty());
        // The hour before now: the 55 minutes before the app closed, every 10 s sample of them.
        const qint64 now = clock.now->load();
        before.erase(before.begin(), std::find_if(before.begin(), before.end(),
                                                  [&](const LagRow &r) { return r.timeMs >= now - kHour; }));
        QCOMPARE(before.size(), size_t(55 * 6 + 1));
        const auto after = history.data().rows(QStringLiteral("billing"), now - kHour, now);
        QCOMPARE(after.size(), before.size());
        for (size_t i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].timeMs, before[i].timeMs);
            QCOMPARE(after[i].lag, before[i].lag);
        }
        QCOMPARE(after.back().lag, qint64(539 * 2));
    }

    void exportsCsvAndJsonLines()
    {
        LagData data;
        data.add(kStart, {{key(QStringLiteral("a,b"), QStringLiteral("orders"), 0), LagValue{1, 5}},
                          {key(QStringLiteral("c"), QStringLiteral("orders"), 1), LagValue{-1, 9}}});
        data.add(kStart + 10'000, {{key(QStringLiteral("a,b"), QStringLiteral("orders"), 0), LagValue{4, 5}}});
        QBuffer csv;
        QVERIFY(csv.open(QIODevice::WriteOnly));
        const auto lines = data.exportTo(csv, LagData::Format::Csv);
        QVERIFY(lines.ok());
        QCOMPARE(*lines, qint64(3)); // the group "c" is gone (unknown) at the second tick
        const QList<QByteArray> rows = csv.data().split('\n');
        QCOMPARE(rows.value(0), QByteArray("time,group,topic,partition,committed,log_end,lag"));
        QCOMPARE(rows.value(1), QByteArray("2026-05-28T20:26:40.000Z,\"a,b\",orders,0,1,5,4"));
        QCOMPARE(rows.value(2), QByteArray("2026-05-28T20:26:40.000Z,c,orders,1,-1,9,-1"));
        QBuffer json;
        QVERIFY(json.open(QIODevice::WriteOnly));
        QCOMPARE(*data.exportTo(json, LagData::Format::JsonLines, QStringLiteral("a,b")), qint64(2));
        const QJsonObject last = QJsonDocument::fromJson(json.data().trimmed().split('\n').last()).object();
        QCOMPARE(last.value(QStringLiteral("group")).toString(), QStringLiteral("a,b"));
        QCOMPARE(last.value(QStringLiteral("timeMs")).toDouble(), double(kStart + 10'000));
        QCOMPARE(last.value(QStringLiteral("lag")).toInt(), 1);
    }

    void pathPerConnection()
    {
        const QString a = lagHistoryPath(QStringLiteral("/h"),
                                         ConnectionSpec{ConnectionSpec::Kind::Local, QStringLiteral("/d1"), {}});
        const QString b = lagHistoryPath(QStringLiteral("/h"),
                                         ConnectionSpec{ConnectionSpec::Kind::Local, QStringLiteral("/d2"), {}});
        ConnectionSpec k1{ConnectionSpec::Kind::Kafka, {}, {}};
        k1.kafka.bootstrapServers = QStringLiteral("b:1, a:2");
        ConnectionSpec k2 = k1;
        k2.kafka.bootstrapServers = QStringLiteral("a:2,b:1");
        QVERIFY(a != b);
        QVERIFY(a.startsWith(QStringLiteral("/h/local-")));
        QCOMPARE(lagHistoryPath(QStringLiteral("/h"), k1), lagHistoryPath(QStringLiteral("/h"), k2));
        QVERIFY(lagHistoryPath(QStringLiteral("/h"), k1).startsWith(QStringLiteral("/h/kafka-")));
    }

    void recorderSamplesAGroupTheAppDoesNotRun()
    {
        // The built-in broker; a topic produced and a group committed by tidemark-cli (another
        // process); the app's state and recorder, on manual clocks, record it.
        QTemporaryDir data;
        auto cli = [&](QStringList args, const QByteArray &input = {}) {
            args << QStringLiteral("--data") << data.path();
            return test::runProcess(tidemark::test::paths::cli(), args, input);
        };
        QCOMPARE(cli({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                      QStringLiteral("orders"), QStringLiteral("--partitions"), QStringLiteral("1")})
                     .exitCode,
                 0);
        QByteArray input;
        for (int i = 0; i < 40; ++i)
            input += QStringLiteral("{\"user_id\":\"%1\"}\n").arg(i, 5, 10, QLatin1Char('0')).toUtf8();
        QCOMPARE(cli({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("orders")}, input).exitCode,
                 0);
        const auto consumed =
            cli({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                 QStringLiteral("--group"), QStringLiteral("external"), QStringLiteral("--max"), QStringLiteral("15")});
        QVERIFY2(consumed.exitCode == 0, consumed.err.constData());

        auto backend = openBackend(ConnectionSpec{ConnectionSpec::Kind::Local, data.path(), {}});
        QVERIFY(backend.ok());
        AsyncBackend async(*backend);
        BrokerState *state = BrokerState::of(&async);
        qint64 monotonic = 0;
        state->setTicking(false);
        state->setClock([&monotonic] { return monotonic; });
        ManualClock wall;
        QTemporaryDir dir;
        LagHistory history(dir.filePath(QStringLiteral("h.lag")), wall.clock());
        LagRecorder recorder(state, &history);
        QTRY_VERIFY(history.isLoaded());
        QTRY_COMPARE(recorder.samples(), qint64(1));
        QTRY_VERIFY(state->isIdle());
        const qint64 callsBefore = state->callsStarted();
        // A minute of the state's time: one describeGroups() per 10 s at most (fewer when quiet).
        for (int step = 0; step < 600; ++step) {
            monotonic += BrokerState::kTickMs;
            wall.advance(BrokerState::kTickMs);
            state->tick();
            QTRY_VERIFY(state->isIdle());
        }
        const qint64 calls = state->callsStarted() - callsBefore;
        qInfo("recorder at idle: %lld calls in 60 s, %lld samples", calls, recorder.samples());
        QVERIFY(calls >= 60 / (10 * BrokerState::kMaxBackoff));
        QVERIFY(calls <= 6);
        const LagSeriesKey k = key(QStringLiteral("external"), QStringLiteral("orders"), 0);
        QCOMPARE(history.data().valueAt(k, wall.now->load()), LagValue(LagValue{15, 40}));
        const auto rows = history.data().rows(QStringLiteral("external"), kStart, wall.now->load());
        QVERIFY(!rows.empty());
        QCOMPARE(rows.back().lag, qint64(25));
    }
};

QTEST_MAIN(TestLagHistory)
#include "tst_laghistory.moc"
