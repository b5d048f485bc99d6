// Offsets after the active segment loses its tail (a power cut in `os` durability, or an
// outside change): an offset once acknowledged is never given to another record. The next
// offset is never below what the head proves nor below the highest committed offset of any
// group; the lost range stays a reported hole; a group committed past the log end is reset
// as Kafka resets an out-of-range offset, with an event that says what was lost; a process
// that only reads never truncates acknowledged data. Each case works on real files: the
// damage is done to the files between two openings of the data directory (two LogStores, as
// two processes would see it).

#include "LogbrokerTestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace tidemark;
using namespace tidemark::test;

namespace {

const TopicPartition kTp{QStringLiteral("t"), 0};

QString partitionDir(const QTemporaryDir &dir) { return dir.filePath(QStringLiteral("topics/t/t-0")); }
QString activeLog(const QTemporaryDir &dir)
{
    const QStringList logs = QDir(partitionDir(dir)).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
    return logs.isEmpty() ? QString() : partitionDir(dir) + QLatin1Char('/') + logs.last();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray oldValue(qint64 offset) { return "record-" + QByteArray::number(offset).rightJustified(5, '0'); }
QByteArray newValue(int i) { return "new-" + QByteArray::number(i).rightJustified(5, '0'); }

bool produceValues(Backend &b, int count, const std::function<QByteArray(int)> &value, int perCall = 10,
                   std::vector<qint64> *offsets = nullptr)
{
    for (int i = 0; i < count; i += perCall) {
        std::vector<OutgoingRecord> batch;
        for (int k = i; k < std::min(count, i + perCall); ++k)
            batch.push_back(keyed("k", value(k), 0));
        std::vector<DeliveryReport> reports;
        if (!produceAll(b, QStringLiteral("t"), batch, &reports))
            return false;
        if (offsets)
            for (const DeliveryReport &r : reports)
                offsets->push_back(r.offset);
    }
    return true;
}

struct Consumed {
    std::vector<Record> records;
    QStringList errors;
};

// Consumes partition t[0] as group `group` (committed offset, else earliest) until its
// position reaches `end` (or 100 empty polls), then commits.
Consumed consumeGroup(Backend &b, const QString &group, qint64 end, qint64 from = -1)
{
    ConsumerConfig config;
    config.groupId = group;
    config.assignment = {{kTp, from}};
    Consumed out;
    auto consumer = b.createConsumer(config);
    if (!consumer) {
        out.errors.append(consumer.error().message);
        return out;
    }
    for (int idle = 0; idle < 100;) {
        auto r = (*consumer)->poll(20);
        if (!r) {
            out.errors.append(r.error().message);
            break;
        }
        idle = r->records.empty() ? idle + 1 : 0;
        out.records.insert(out.records.end(), r->records.begin(), r->records.end());
        for (const ConsumerEvent &e : r->events)
            if (e.kind == ConsumerEvent::Kind::Error)
                out.errors.append(e.message);
        if ((*consumer)->position(kTp).value_or(0) >= end)
            break;
    }
    if (!group.isEmpty())
        if (auto s = (*consumer)->commit(); !s)
            out.errors.append(s.error().message);
    (*consumer)->close();
    return out;
}

bool diagnosticsMention(const LocalBackend &b, const QStringList &needles)
{
    for (const QString &m : b.diagnostics()) {
        bool all = true;
        for (const QString &n : needles)
            all = all && m.contains(n);
        if (all)
            return true;
    }
    qWarning() << "diagnostics:" << b.diagnostics() << "wanted:" << needles;
    return false;
}

} // namespace

class TestLogbrokerLostTail final : public QObject {
    Q_OBJECT

private slots:
    // Produce 50, consume them in group g, lose the log's tail (and maybe the head's), produce
    // 30 more: g gets exactly the 30, at offsets 50 to 79; no offset is handed out twice.
    void lostTailNeverHandsOutAnOffsetTwice_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<qint64>("firstLost"); // first offset whose record is gone
        // The .log cut to half its size; the head still says 50 records.
        QTest::newRow("log cut in half") << "cut" << qint64(25);
        // The second half of the .log zeroed (the file kept its size: pages never written).
        QTest::newRow("log tail zeroed") << "zero" << qint64(25);
        // Head and log both rolled back to 20 records: only the group's commit proves 50.
        QTest::newRow("head rolled back too") << "rollback" << qint64(20);
    }
    void lostTailNeverHandsOutAnOffsetTwice()
    {
        QFETCH(QString, damage);
        QFETCH(qint64, firstLost);
        QTemporaryDir dir;
        const QString headPath = partitionDir(dir) + QStringLiteral("/partition.head");
        QByteArray headAt20;
        qint64 logSizeAt20 = 0;
        {
            auto b = openLocal(dir.path());
            QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
            QVERIFY(produceValues(*b, 20, oldValue));
            headAt20 = readFile(headPath);
            logSizeAt20 = QFileInfo(activeLog(dir)).size();
            QVERIFY(produceValues(*b, 30, [](int i) { return oldValue(20 + i); }));
            const Consumed first = consumeGroup(*b, QStringLiteral("g"), 50);
            QCOMPARE(first.records.size(), size_t(50));
            QVERIFY2(first.errors.isEmpty(), qPrintable(first.errors.join(u'\n')));
        }
        const QString log = activeLog(dir);
        QByteArray bytes = readFile(log);
        if (damage == QLatin1String("cut")) {
            QVERIFY(QFile::resize(log, bytes.size() / 2));
        } else if (damage == QLatin1String("zero")) {
            bytes.replace(bytes.size() / 2, bytes.size() - bytes.size() / 2,
                          QByteArray(bytes.size() - bytes.size() / 2, '\0'));
            QVERIFY(writeFile(log, bytes));
        } else {
            QVERIFY(writeFile(headPath, headAt20));
            QVERIFY(QFile::resize(log, logSizeAt20));
        }

        auto b = openLocal(dir.path());
        std::vector<qint64> offsets;
        QVERIFY(produceValues(*b, 30, newValue, 10, &offsets));
        QCOMPARE(offsets.front(), qint64(50)); // the bug: 24 (or 20), offsets handed out twice
        QCOMPARE(offsets.back(), qint64(79));
        QCOMPARE(b->watermarks(kTp)->high, 80);
        QVERIFY(diagnosticsMention(*b, {QStringLiteral("offsets %1 to 49 are lost").arg(firstLost)}));

        const Consumed again = consumeGroup(*b, QStringLiteral("g"), 80);
        QCOMPARE(again.records.size(), size_t(30)); // the bug: 8 (or 0)
        for (int i = 0; i < 30; ++i) {
            QCOMPARE(again.records[size_t(i)].offset, qint64(50 + i));
            QCOMPARE(again.records[size_t(i)].value, newValue(i));
        }

        // A reader from the start sees the hole reported once, and never a record at an offset
        // that another record was acknowledged with.
        const Consumed all = consumeGroup(*b, QString(), 80, 0);
        QCOMPARE(qint64(all.records.size()), firstLost + 30);
        for (const Record &r : all.records)
            QCOMPARE(r.value, r.offset < 50 ? oldValue(r.offset) : newValue(int(r.offset - 50)));
        QCOMPARE(all.errors.size(), 1);
        QVERIFY2(all.errors.front().contains(QStringLiteral("offset %1").arg(firstLost)) &&
                     all.errors.front().contains(QStringLiteral("resumes at offset 50")),
                 qPrintable(all.errors.front()));

        // A second opening finds nothing more to repair and keeps the offsets.
        auto reopened = openLocal(dir.path());
        QCOMPARE(reopened->watermarks(kTp)->high, 80);
        QVERIFY(reopened->diagnostics().isEmpty());
    }

    // A process that only reads meets a corrupt last record: it reports it, and the bytes on
    // disk and the offsets stay as they are (the bug: the record was truncated away and its
    // offset given to the next record produced).
    void readerNeverTruncatesACorruptTail()
    {
        QTemporaryDir dir;
        {
            auto b = openLocal(dir.path());
            QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
            QVERIFY(produceValues(*b, 30, oldValue));
        }
        const QString log = activeLog(dir);
        QByteArray bytes = readFile(log);
        bytes[bytes.size() - 5] = static_cast<char>(bytes[bytes.size() - 5] ^ 1);
        QVERIFY(writeFile(log, bytes));

        auto b = openLocal(dir.path());
        QCOMPARE(b->watermarks(kTp)->high, 30);
        auto bad = b->fetch(kTp, 29, 1);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Corrupt);
        QVERIFY2(bad.error().message.contains(log) && bad.error().message.contains(QStringLiteral("offset 29")),
                 qPrintable(bad.error().message));
        QCOMPARE(b->fetch(kTp, 0, 100)->size(), size_t(29));
        QVERIFY(diagnosticsMention(*b, {QStringLiteral("corrupt tail"), QStringLiteral("offset 29")}));
        QCOMPARE(readFile(log), bytes); // not truncated

        std::vector<qint64> offsets;
        QVERIFY(produceValues(*b, 1, newValue, 1, &offsets));
        QCOMPARE(offsets.front(), qint64(30));
        QCOMPARE(readFile(log), bytes);
    }

    // A group whose committed offset lies beyond the log end (here: it was committed for an
    // earlier topic of the same name) starts where Kafka's out-of-range reset puts it, with an
    // event naming the offsets it will never see.
    void groupCommittedPastTheLogEndIsResetWithAnEvent()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        QVERIFY(produceValues(*b, 10, oldValue));
        QCOMPARE(consumeGroup(*b, QStringLiteral("g"), 10).records.size(), size_t(10));
        const qint64 committedAt = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(b->deleteTopic(QStringLiteral("t")));
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > committedAt); // the next topic is newer
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        QVERIFY(produceValues(*b, 3, newValue));

        auto fresh = openLocal(dir.path());
        QCOMPARE(fresh->watermarks(kTp)->high, 3); // a former topic's commit is no floor
        const Consumed got = consumeGroup(*fresh, QStringLiteral("g"), 3);
        QCOMPARE(got.records.size(), size_t(3));
        QCOMPARE(got.records.front().value, newValue(0));
        QCOMPARE(got.errors.size(), 1);
        QVERIFY2(got.errors.front().contains(QStringLiteral("beyond the log end 3")) &&
                     got.errors.front().contains(QStringLiteral("offsets 3 to 9")) &&
                     got.errors.front().contains(QStringLiteral("earliest (offset 0)")),
                 qPrintable(got.errors.front()));
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerLostTail)
#include "tst_logbroker_lost_tail.moc"
