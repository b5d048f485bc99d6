// Crash safety and damaged files: torn tails (including a writer that died mid-append while
// others keep going), a lost or corrupt head, data lost under the head, flipped bytes,
// truncated indexes, garbage topic metadata and missing segments. Each is either repaired
// (and reported naming the file, byte position and offset) or reported and skipped; the rest
// of the data stays readable and nothing bad is ever returned as a record.

#include "LogbrokerTestSupport.h"

#include "logbroker/Crc32c.h"
#include "logbroker/FrameFormat.h"
#include "logbroker/PartitionHead.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtEndian>

using namespace tidemark;
using namespace tidemark::test;
using namespace tidemark::logbroker;

namespace {

QString partitionDir(const QTemporaryDir &dir, const QString &topic = QStringLiteral("t"), int p = 0)
{
    return dir.filePath(QStringLiteral("topics/%1/%1-%2").arg(topic).arg(p));
}

QString segmentPath(const QTemporaryDir &dir, qint64 base, const char *ext, const QString &topic = QStringLiteral("t"))
{
    return partitionDir(dir, topic) +
           QStringLiteral("/%1.%2").arg(base, 20, 10, QLatin1Char('0')).arg(QLatin1String(ext));
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

void appendToFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Byte position of every frame in a segment file.
std::vector<qint64> framePositions(const QByteArray &log)
{
    std::vector<qint64> out;
    qint64 pos = 0;
    while (pos + 12 <= log.size()) {
        out.push_back(pos);
        pos += 12 + qFromBigEndian<qint32>(log.constData() + pos + 8);
    }
    return out;
}

QByteArray frameFor(qint64 offset, const std::optional<QByteArray> &value)
{
    OutgoingRecord r;
    r.key = QByteArray("k");
    r.value = value;
    QByteArray out;
    appendFrame(out, offset, QDateTime::currentMSecsSinceEpoch(), r);
    return out;
}

// A frame of frame format `magic` (above what this build knows): a valid CRC, so not damage.
QByteArray newerFormatFrame(qint64 offset, int magic = 3)
{
    QByteArray frame = frameFor(offset, QByteArray("from a newer Tidemark"));
    frame[16] = static_cast<char>(magic);
    qToBigEndian<quint32>(crc32c(frame.constData() + 16, static_cast<size_t>(frame.size() - 16)), frame.data() + 12);
    return frame;
}

// What another process (a newer Tidemark) does when it appends `frame` and acknowledges it:
// the frame after the written end, then the head counting it.
void appendAcknowledged(const QString &headPath, const QString &logPath, const QByteArray &frame)
{
    auto head = PartitionHead::open(headPath);
    QVERIFY(head);
    QVERIFY(head->lockForWrite(std::chrono::seconds(5)));
    HeadState h;
    QCOMPARE(head->load(h), HeadLoad::Ok);
    QCOMPARE(QFileInfo(logPath).size(), h.writtenEnd);
    appendToFile(logPath, frame);
    h.writtenEnd += frame.size();
    h.visibleEnd = h.pendingEnd = h.writtenEnd;
    h.writtenNext += 1;
    h.visibleNext = h.writtenNext;
    head->store(h);
    head->unlockWrite();
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

std::shared_ptr<LocalBackend> topicWithRecords(const QTemporaryDir &dir, int count,
                                               const QMap<QString, QString> &configs = {}, int perCall = 10)
{
    auto b = openLocal(dir.path());
    if (!b->createTopic({QStringLiteral("t"), 1, 1, configs}))
        return nullptr;
    for (int i = 0; i < count; i += perCall) {
        std::vector<OutgoingRecord> batch;
        for (int k = i; k < std::min(count, i + perCall); ++k)
            batch.push_back(keyed("k", "record-" + QByteArray::number(k).rightJustified(5, '0'), 0));
        if (!produceAll(*b, QStringLiteral("t"), batch))
            return nullptr;
    }
    return b;
}

// Reads everything through a manually assigned consumer; returns offsets and error events.
std::pair<std::vector<qint64>, QStringList> consumeAll(Backend &b, qint64 expectedEnd)
{
    ConsumerConfig config;
    config.assignment = {{{QStringLiteral("t"), 0}, 0}};
    auto consumer = b.createConsumer(config);
    std::vector<qint64> offsets;
    QStringList errors;
    if (!consumer)
        return {offsets, {consumer.error().message}};
    for (int polls = 0; polls < 200; ++polls) {
        auto r = (*consumer)->poll(50);
        if (!r)
            break;
        for (const Record &rec : r->records)
            offsets.push_back(rec.offset);
        for (const ConsumerEvent &e : r->events)
            if (e.kind == ConsumerEvent::Kind::Error)
                errors.append(e.message);
        if ((*consumer)->position({QStringLiteral("t"), 0}).value_or(0) >= expectedEnd)
            break;
    }
    return {offsets, errors};
}

} // namespace

class TestLogbrokerRecovery final : public QObject {
    Q_OBJECT

private slots:
    void tornTailIsTruncatedOnOpen_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<qint64>("keptRecords");
        const QByteArray whole = frameFor(50, "a complete record nobody acknowledged");
        QTest::newRow("half a frame") << whole.left(whole.size() / 2) << qint64(0);
        QTest::newRow("only the length") << whole.left(10) << qint64(0);
        QTest::newRow("zeros (power loss)") << QByteArray(4096, '\0') << qint64(0);
        QByteArray garbage(300, Qt::Uninitialized);
        QRandomGenerator rng(3);
        for (char &c : garbage)
            c = static_cast<char>(rng.bounded(256));
        QTest::newRow("garbage") << garbage << qint64(0);
        QTest::newRow("whole frame then half") << whole + whole.left(20) << qint64(1);
    }
    void tornTailIsTruncatedOnOpen()
    {
        QFETCH(QByteArray, tail);
        QFETCH(qint64, keptRecords);
        QTemporaryDir dir;
        qint64 sizeBefore = 0;
        {
            auto b = topicWithRecords(dir, 50);
            QVERIFY(b);
            sizeBefore = QFileInfo(segmentPath(dir, 0, "log")).size();
        } // the "process" ends
        appendToFile(segmentPath(dir, 0, "log"), tail);

        auto b = openLocal(dir.path());
        auto wm = b->watermarks({QStringLiteral("t"), 0});
        QVERIFY(wm);
        QCOMPARE(wm->high, 50 + keptRecords);
        if (keptRecords == 0) {
            QCOMPARE(QFileInfo(segmentPath(dir, 0, "log")).size(), sizeBefore);
            QVERIFY(diagnosticsMention(*b, {QStringLiteral("00000000000000000000.log"), QStringLiteral("torn tail"),
                                            QStringLiteral("byte %1").arg(sizeBefore), QStringLiteral("offset 50")}));
        }
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "after recovery", 0)}));
        const auto all = readAll(*b, {QStringLiteral("t"), 0});
        QCOMPARE(qint64(all.size()), 51 + keptRecords);
        for (size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].offset, qint64(i));
        QCOMPARE(all.back().value, QByteArray("after recovery"));
    }

    void writerDyingMidAppendIsRepairedByTheNextAppender()
    {
        // Backend `a` keeps the partition open (already recovered); a second writer "dies"
        // after announcing an append (pendingEnd) and writing half of it.
        QTemporaryDir dir;
        auto a = topicWithRecords(dir, 20);
        QVERIFY(a);
        const QString headPath = partitionDir(dir) + QStringLiteral("/partition.head");
        {
            auto head = PartitionHead::open(headPath);
            QVERIFY(head);
            QVERIFY(head->lockForWrite(std::chrono::seconds(5)));
            HeadState h;
            QCOMPARE(head->load(h), HeadLoad::Ok);
            const QByteArray frame = frameFor(h.writtenNext, "never acknowledged");
            h.pendingEnd = h.writtenEnd + frame.size();
            head->store(h);
            appendToFile(segmentPath(dir, 0, "log"), frame.left(frame.size() - 5));
            head->unlockWrite();
        }
        std::vector<DeliveryReport> reports;
        QVERIFY(produceAll(*a, QStringLiteral("t"), {keyed("k", "next", 0)}, &reports));
        QCOMPARE(reports.front().offset, 20);
        QVERIFY(diagnosticsMention(*a, {QStringLiteral("torn tail"), QStringLiteral("offset 20")}));
        const auto all = readAll(*a, {QStringLiteral("t"), 0});
        QCOMPARE(all.size(), size_t(21));
        QCOMPARE(all.back().value, QByteArray("next"));
    }

    void rollThatDiedLeavesNoSegmentBehind()
    {
        // Regression: a producer killed between creating the next segment's files and storing
        // the head left an empty segment that later sat in the middle of the log.
        QTemporaryDir dir;
        auto a = topicWithRecords(dir, 20);
        QVERIFY(a);
        const QString headPath = partitionDir(dir) + QStringLiteral("/partition.head");
        {
            auto head = PartitionHead::open(headPath);
            QVERIFY(head);
            QVERIFY(head->lockForWrite(std::chrono::seconds(5)));
            HeadState h;
            QCOMPARE(head->load(h), HeadLoad::Ok);
            h.pendingEnd = -1; // what rollLocked announces before creating files
            head->store(h);
            writeFile(segmentPath(dir, 20, "log"), {});
            writeFile(segmentPath(dir, 20, "index"), {});
            head->unlockWrite();
        }
        QVERIFY(produceAll(*a, QStringLiteral("t"), {keyed("k", "x", 0)}));
        QVERIFY(!QFileInfo::exists(segmentPath(dir, 20, "log")));
        QVERIFY(!QFileInfo::exists(segmentPath(dir, 20, "index")));
        QCOMPARE(readAll(*a, {QStringLiteral("t"), 0}).size(), size_t(21));
    }

    void lostOrCorruptHeadIsRebuilt_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("mention");
        QTest::newRow("deleted") << "delete"
                                 << "missing or empty";
        QTest::newRow("flipped byte") << "flip"
                                      << "corrupt";
        QTest::newRow("zeroed") << "zero"
                                << "missing or empty";
    }
    void lostOrCorruptHeadIsRebuilt()
    {
        QFETCH(QString, damage);
        QFETCH(QString, mention);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 300, {{QStringLiteral("segment.bytes"), QStringLiteral("4096")}});
            QVERIFY(b);
        }
        const QString headPath = partitionDir(dir) + QStringLiteral("/partition.head");
        if (damage == QLatin1String("delete")) {
            QVERIFY(QFile::remove(headPath));
        } else if (damage == QLatin1String("flip")) {
            QByteArray bytes = readFile(headPath);
            bytes[40] = static_cast<char>(bytes[40] ^ 0x01);
            writeFile(headPath, bytes);
        } else {
            writeFile(headPath, QByteArray(4096, '\0'));
        }
        auto b = openLocal(dir.path());
        auto wm = b->watermarks({QStringLiteral("t"), 0});
        QVERIFY(wm);
        QCOMPARE(wm->low, 0);
        QCOMPARE(wm->high, 300);
        QVERIFY(diagnosticsMention(*b, {QStringLiteral("partition.head"), mention}));
        const auto all = readAll(*b, {QStringLiteral("t"), 0});
        QCOMPARE(all.size(), size_t(300));
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "more", 0)}));
        QCOMPARE(b->watermarks({QStringLiteral("t"), 0})->high, 301);
    }

    void dataLostUnderTheHeadIsRescanned()
    {
        QTemporaryDir dir;
        qint64 size = 0;
        {
            auto b = topicWithRecords(dir, 40);
            size = QFileInfo(segmentPath(dir, 0, "log")).size();
        }
        QFile log(segmentPath(dir, 0, "log"));
        QVERIFY(log.resize(size - 30)); // the last record lost its end (power loss, os durability)
        auto b = openLocal(dir.path());
        auto wm = b->watermarks({QStringLiteral("t"), 0});
        QVERIFY(wm);
        QCOMPARE(wm->high, 40); // offset 39 was acknowledged: it is a hole, never reused
        QVERIFY(diagnosticsMention(*b, {QStringLiteral("data was lost"), QStringLiteral("00000000000000000000.log")}));
        QVERIFY(diagnosticsMention(
            *b, {QStringLiteral("offsets 39 to 39 are lost"), QStringLiteral("new segment at offset 40")}));
        QCOMPARE(readAll(*b, {QStringLiteral("t"), 0}).size(), size_t(39));
        QCOMPARE(QFileInfo(segmentPath(dir, 0, "log")).size(), size - 30); // nothing cut
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "more", 0)}));
        auto more = b->fetch({QStringLiteral("t"), 0}, 40, 1);
        QVERIFY(more && more->size() == 1);
        QCOMPARE(more->front().value, QByteArray("more"));
    }

    void corruptRecordInTheMiddleIsReportedAndSkipped_data()
    {
        QTest::addColumn<int>("byteInFrame");
        QTest::addColumn<QString>("reason");
        QTest::newRow("value byte") << 45 << "CRC mismatch";
        QTest::newRow("crc byte") << 13 << "CRC mismatch";
        QTest::newRow("length byte") << 10 << "";
        QTest::newRow("offset byte") << 7 << "offset field";
        QTest::newRow("magic byte") << 16 << "CRC mismatch";
    }
    void corruptRecordInTheMiddleIsReportedAndSkipped()
    {
        QFETCH(int, byteInFrame);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 100);
            QVERIFY(b);
        }
        const QString path = segmentPath(dir, 0, "log");
        QByteArray bytes = readFile(path);
        const auto positions = framePositions(bytes);
        QCOMPARE(positions.size(), size_t(100));
        const qint64 at = positions[40] + byteInFrame;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x5A);
        writeFile(path, bytes);

        auto b = openLocal(dir.path());
        const TopicPartition tp{QStringLiteral("t"), 0};
        QCOMPARE(b->watermarks(tp)->high, 100); // not a tail: nothing truncated
        auto bad = b->fetch(tp, 40, 10);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Corrupt);
        QVERIFY2(bad.error().message.contains(path), qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains(QStringLiteral("byte %1").arg(positions[40])),
                 qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains(QStringLiteral("offset 40")), qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains(reason), qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains(QStringLiteral("resumes at offset 41")), qPrintable(bad.error().message));

        auto before = b->fetch(tp, 0, 100);
        QVERIFY(before);
        QCOMPARE(before->size(), size_t(40)); // stops before the bad record
        auto after = b->fetch(tp, 41, 100);
        QVERIFY(after);
        QCOMPARE(after->size(), size_t(59));
        QCOMPARE(after->front().value, QByteArray("record-00041"));

        const auto [offsets, errors] = consumeAll(*b, 100);
        QCOMPARE(offsets.size(), size_t(99));
        QVERIFY(std::find(offsets.begin(), offsets.end(), 40) == offsets.end());
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(QStringLiteral("offset 40")) && errors.front().contains(path),
                 qPrintable(errors.front()));
    }

    // Tombstones (null values) are frames like any other for recovery: kept through a reopen,
    // a lost head (rebuilt from the segment: a tombstone at the end is not a torn write), a
    // torn tail after them, and when found whole beyond the head.
    void tombstonesSurviveRecovery_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<qint64>("extra"); // records that recovery finds beyond the head
        QTest::newRow("reopen") << QStringLiteral("none") << qint64(0);
        QTest::newRow("head deleted") << QStringLiteral("head") << qint64(0);
        QTest::newRow("torn tail after a tombstone") << QStringLiteral("torn") << qint64(0);
        QTest::newRow("whole tombstone beyond the head") << QStringLiteral("beyond") << qint64(1);
    }
    void tombstonesSurviveRecovery()
    {
        QFETCH(QString, damage);
        QFETCH(qint64, extra);
        using V = std::optional<QByteArray>;
        const std::vector<V> values{V(QByteArray("v")), V(), V(QByteArray()), V(QByteArray("w")), V()};
        QTemporaryDir dir;
        {
            auto b = openLocal(dir.path());
            QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
            std::vector<OutgoingRecord> records;
            for (const V &v : values) {
                records.push_back(keyed("k", QByteArray(), 0));
                records.back().value = v;
            }
            QVERIFY(produceAll(*b, QStringLiteral("t"), records));
        }
        const QString log = segmentPath(dir, 0, "log");
        QCOMPARE(QByteArray(1, readFile(log).at(framePositions(readFile(log)).back() + 16)), QByteArray(1, char(2)));
        if (damage == QLatin1String("head"))
            QVERIFY(QFile::remove(partitionDir(dir) + QStringLiteral("/partition.head")));
        else if (damage == QLatin1String("torn"))
            appendToFile(log, frameFor(qint64(values.size()), V()).left(20));
        else if (damage == QLatin1String("beyond"))
            appendToFile(log, frameFor(qint64(values.size()), V()));

        auto b = openLocal(dir.path());
        QVERIFY(b);
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "after", 0)}));
        const auto all = readAll(*b, {QStringLiteral("t"), 0});
        QCOMPARE(qint64(all.size()), qint64(values.size()) + extra + 1);
        for (size_t i = 0; i < values.size(); ++i) {
            QCOMPARE(all[i].offset, qint64(i));
            QCOMPARE(all[i].value, values[i]);
        }
        if (extra)
            QVERIFY(all[values.size()].isTombstone());
        QCOMPARE(all.back().value, V(QByteArray("after")));
        // Summaries (the timeline) count a tombstone's value as 0 bytes and flag it.
        auto summaries = b->fetchSummaries({QStringLiteral("t"), 0}, 0, 100);
        QVERIFY(summaries);
        QCOMPARE(summaries->size(), all.size());
        QVERIFY((*summaries)[1].valueIsNull);
        QCOMPARE((*summaries)[1].size, 1u); // the key "k"
        QVERIFY(!(*summaries)[2].valueIsNull);
    }

    // A CRC-valid frame of a newer format is never taken for a corrupt or torn tail: whatever
    // recovery would have done there (truncate, seal, rebuild from the segment), it stops with
    // an error that says to upgrade, and the file keeps every byte.
    void newerFormatFrameIsNeverCut_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("beyond the head (a torn tail's place)") << QStringLiteral("beyond");
        QTest::newRow("beyond the head, head deleted") << QStringLiteral("head");
        QTest::newRow("last frame, acknowledged") << QStringLiteral("acknowledged");
    }
    void newerFormatFrameIsNeverCut()
    {
        QFETCH(QString, where);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 50);
            QVERIFY(b);
        }
        const QString log = segmentPath(dir, 0, "log");
        const QString headPath = partitionDir(dir) + QStringLiteral("/partition.head");
        if (where == QLatin1String("acknowledged")) {
            appendAcknowledged(headPath, log, newerFormatFrame(50));
        } else {
            appendToFile(log, newerFormatFrame(50));
            if (where == QLatin1String("head"))
                QVERIFY(QFile::remove(headPath));
        }
        const QByteArray before = readFile(log);

        auto opened = openLocalBackend(dir.path());
        QVERIFY(opened);
        auto produced = (*opened)->produce(QStringLiteral("t"), {keyed("k", "refused", 0)}, ProduceOptions{});
        QString error = produced ? (produced->front().error ? produced->front().error->message : QString())
                                 : produced.error().message;
        QVERIFY2(error.contains(QStringLiteral("written by a newer Tidemark (frame format 3")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("offset 50")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("upgrade")), qPrintable(error));
        // Reads never go past it: the records before, or the same error.
        auto fetched = (*opened)->fetch({QStringLiteral("t"), 0}, 0, 1000);
        if (fetched) {
            QVERIFY(fetched->size() <= 50);
            for (const Record &r : *fetched)
                QVERIFY(r.offset < 50);
        } else {
            QVERIFY2(fetched.error().message.contains(QStringLiteral("newer Tidemark")),
                     qPrintable(fetched.error().message));
        }
        opened->reset();
        QCOMPARE(readFile(log), before); // not truncated, not sealed, nothing appended
        QVERIFY(!QFileInfo::exists(segmentPath(dir, 51, "log")));
    }

    // A process that already recovered the partition reads up to a newer frame another
    // process acknowledged, then reports it on every read that starts there; never skips it.
    void readerStopsAtANewerFormatFrame()
    {
        QTemporaryDir dir;
        auto b = topicWithRecords(dir, 20);
        QVERIFY(b);
        QCOMPARE(readAll(*b, {QStringLiteral("t"), 0}).size(), size_t(20));
        appendAcknowledged(partitionDir(dir) + QStringLiteral("/partition.head"), segmentPath(dir, 0, "log"),
                           newerFormatFrame(20, 9));
        auto upTo = b->fetch({QStringLiteral("t"), 0}, 15, 1000);
        QVERIFY(upTo);
        QCOMPARE(upTo->size(), size_t(5));
        QCOMPARE(upTo->back().offset, qint64(19));
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto at = b->fetch({QStringLiteral("t"), 0}, 20, 1000);
            QVERIFY(!at);
            QVERIFY2(at.error().message.contains(QStringLiteral("written by a newer Tidemark (frame format 9")),
                     qPrintable(at.error().message));
        }
    }

    void corruptLastRecordIsReportedNotTruncated()
    {
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 30);
        }
        const QString path = segmentPath(dir, 0, "log");
        QByteArray bytes = readFile(path);
        const auto positions = framePositions(bytes);
        bytes[positions.back() + 30] = static_cast<char>(bytes[positions.back() + 30] ^ 1);
        writeFile(path, bytes);
        auto b = openLocal(dir.path());
        QCOMPARE(b->watermarks({QStringLiteral("t"), 0})->high, 30); // offset 29 is never reused
        QVERIFY(diagnosticsMention(*b, {QStringLiteral("corrupt tail"), QStringLiteral("offset 29"),
                                        QStringLiteral("byte %1").arg(positions.back())}));
        QCOMPARE(readAll(*b, {QStringLiteral("t"), 0}).size(), size_t(29));
        QCOMPARE(readFile(path), bytes); // left in place
    }

    void damagedIndexesStillFindEveryRecord_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("mention");
        QTest::newRow("torn entry") << "torn"
                                    << "truncated at byte";
        QTest::newRow("half the entries") << "half"
                                          << "";
        QTest::newRow("garbage entries") << "garbage"
                                         << "out-of-order";
        QTest::newRow("index deleted") << "delete"
                                       << "is missing";
        QTest::newRow("active index truncated") << "active"
                                                << "shorter than the head says";
    }
    void damagedIndexesStillFindEveryRecord()
    {
        QFETCH(QString, damage);
        QFETCH(QString, mention);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 3000, {{QStringLiteral("segment.bytes"), QStringLiteral("60000")}}, 100);
            QVERIFY(b);
        }
        const QString sealed = segmentPath(dir, 0, "index");
        QByteArray index = readFile(sealed);
        QVERIFY(index.size() >= 64);
        const QStringList logs = QDir(partitionDir(dir)).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
        const QString active = partitionDir(dir) + QLatin1Char('/') + logs.last().chopped(4) + QStringLiteral(".index");
        if (damage == QLatin1String("torn"))
            writeFile(sealed, index.left(index.size() / 2 - 3));
        else if (damage == QLatin1String("half"))
            writeFile(sealed, index.left(index.size() / 16 * 8));
        else if (damage == QLatin1String("garbage")) {
            QByteArray g = index;
            for (qsizetype i = 8; i < g.size(); i += 16)
                qToBigEndian<quint32>(7, g.data() + i + 4); // positions that go backwards
            writeFile(sealed, g);
        } else if (damage == QLatin1String("delete"))
            QVERIFY(QFile::remove(sealed));
        else
            writeFile(active, readFile(active).left(8));

        auto b = openLocal(dir.path());
        const TopicPartition tp{QStringLiteral("t"), 0};
        QRandomGenerator rng(5);
        for (int round = 0; round < 200; ++round) {
            const qint64 offset = rng.bounded(3000);
            auto got = b->fetch(tp, offset, 1);
            QVERIFY(got);
            QCOMPARE(got->size(), size_t(1));
            QCOMPARE(got->front().value, "record-" + QByteArray::number(offset).rightJustified(5, '0'));
        }
        if (!mention.isEmpty())
            QVERIFY(diagnosticsMention(*b, {mention}));
        if (damage == QLatin1String("torn") || damage == QLatin1String("delete"))
            QCOMPARE(readFile(sealed), index); // rebuilt exactly
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "record-03000", 0)}));
        QCOMPARE(readAll(*b, tp).size(), size_t(3001));
    }

    void garbageTopicMetadataKeepsDataReadable_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mention");
        QTest::newRow("not json") << QByteArray("{\"name\": \"t\", \"partitions\": 2,,}") << "not valid JSON at byte";
        QTest::newRow("empty") << QByteArray() << "not valid JSON at byte 0";
        QTest::newRow("wrong partitions") << QByteArray("{\"name\":\"t\",\"partitions\":\"two\"}") << "partitions";
        QTest::newRow("binary") << QByteArray("\x00\x01\x02garbage", 10) << "not valid JSON";
    }
    void garbageTopicMetadataKeepsDataReadable()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mention);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 10);
            QVERIFY(b->createTopic({QStringLiteral("other"), 1, 1, {}}));
        }
        const QString meta = dir.filePath(QStringLiteral("topics/t/topic.json"));
        writeFile(meta, content);
        auto b = openLocal(dir.path());
        auto info = b->describeTopic(QStringLiteral("t"));
        QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
        QCOMPARE(info->partitionCount, 1);
        QCOMPARE(info->partitions.front().highWatermark, 10);
        QVERIFY2(info->partitions.front().error.contains(meta) && info->partitions.front().error.contains(mention),
                 qPrintable(info->partitions.front().error));
        auto topics = b->listTopics();
        QVERIFY(topics);
        QCOMPARE(topics->size(), size_t(2));
        QCOMPARE(readAll(*b, {QStringLiteral("t"), 0}).size(), size_t(10));
        auto refused = b->produce(QStringLiteral("t"), {keyed("k", "v")}, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Corrupt);
        QVERIFY(refused.error().message.contains(meta));
        QVERIFY(produceAll(*b, QStringLiteral("other"), {keyed("k", "v")})); // the rest is untouched
    }

    void missingSegmentIsReportedAndTheRestIsReadable_data()
    {
        QTest::addColumn<int>("which"); // index into the sorted segment list; -1: the active one
        QTest::newRow("first") << 0;
        QTest::newRow("middle") << 2;
        QTest::newRow("active") << -1;
    }
    void missingSegmentIsReportedAndTheRestIsReadable()
    {
        QFETCH(int, which);
        QTemporaryDir dir;
        {
            auto b = topicWithRecords(dir, 1000, {{QStringLiteral("segment.bytes"), QStringLiteral("8000")}}, 20);
            QVERIFY(b);
        }
        const QStringList logs = QDir(partitionDir(dir)).entryList({QStringLiteral("*.log")}, QDir::Files, QDir::Name);
        QVERIFY(logs.size() > 4);
        const int idx = which < 0 ? int(logs.size()) - 1 : which;
        const qint64 base = logs[idx].left(20).toLongLong();
        const qint64 end = idx + 1 < logs.size() ? logs[idx + 1].left(20).toLongLong() : 1000;
        const QString missing = partitionDir(dir) + QLatin1Char('/') + logs[idx];
        QVERIFY(QFile::remove(missing));

        auto b = openLocal(dir.path());
        const TopicPartition tp{QStringLiteral("t"), 0};
        auto wm = b->watermarks(tp);
        QVERIFY(wm);
        QCOMPARE(wm->high, 1000); // offsets are never reused
        if (which < 0) {
            QVERIFY(diagnosticsMention(*b, {missing, QStringLiteral("offsets %1 to 999 are lost").arg(base)}));
        }
        auto lost = b->fetch(tp, base + (end - base) / 2, 5);
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, ErrorCode::Corrupt);
        QVERIFY2(lost.error().message.contains(missing),
                 qPrintable(lost.error().message + QStringLiteral(" / ") + missing));
        QVERIFY2(lost.error().message.contains(QStringLiteral("offsets %1 to %2").arg(base).arg(end - 1)),
                 qPrintable(lost.error().message));
        if (base > 0) {
            auto before = b->fetch(tp, base - 1, 1);
            QVERIFY(before && before->size() == 1);
        }
        if (end < 1000) {
            auto after = b->fetch(tp, end, 1);
            QVERIFY(after && after->size() == 1);
            QCOMPARE(after->front().offset, end);
        }
        const auto [offsets, errors] = consumeAll(*b, 1000);
        QCOMPARE(qint64(offsets.size()), 1000 - (end - base));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.front().contains(missing), qPrintable(errors.front()));
        QVERIFY(produceAll(*b, QStringLiteral("t"), {keyed("k", "after", 0)}));
        auto last = b->fetch(tp, 1000, 1);
        QVERIFY(last && last->size() == 1);
        QCOMPARE(last->front().value, QByteArray("after"));
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerRecovery)
#include "tst_logbroker_recovery.moc"
