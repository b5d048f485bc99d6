// `tidemark-cli dump`: every record with its file and byte position, corrupt frames named
// with their position and expected offset, hex and index views, and a clear error for a
// partition that does not exist.

#include "LogbrokerTestSupport.h"

#include "logbroker/Crc32c.h"
#include "logbroker/FrameFormat.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>

using namespace tidemark;
using namespace tidemark::test;
using tidemark::logbroker::encodedFrameSize;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run dump(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(LOGBROKER_DUMP_DRIVER_PATH), args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestLogbrokerDump final : public QObject {
    Q_OBJECT

private slots:
    void printsEveryRecordWithItsPosition()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("orders"), 2, 1, {}}));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 5; ++i)
            records.push_back(
                keyed("0000" + QByteArray::number(i), "{\"order_id\":\"000" + QByteArray::number(i) + "\"}", 1));
        records[4].key.reset();
        records[3].headers = {{"trace", QByteArray("t1")}};
        QVERIFY(produceAll(*b, QStringLiteral("orders"), records));
        const Run r = dump({QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), QStringLiteral("orders"),
                            QStringLiteral("--partition"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(QStringLiteral("segment 00000000000000000000.log")));
        QVERIFY(r.out.contains(QStringLiteral("high watermark 5")));
        QVERIFY(r.out.contains(QStringLiteral("byte 0  offset 0  ")));
        QVERIFY(r.out.contains(QStringLiteral("key \"00000\"  value {\"order_id\":\"0000\"}")));
        QVERIFY(r.out.contains(QStringLiteral("key null")));
        QVERIFY(r.out.contains(QStringLiteral("headers trace=t1")));
        QVERIFY(r.out.contains(QStringLiteral("5 records, 0 problems, 1 segment files")));
        // The byte positions add up: each frame starts where the previous one ended.
        const int size0 = int(encodedFrameSize(records[0]));
        QVERIFY(r.out.contains(QStringLiteral("byte %1  offset 1  ").arg(size0)));
    }

    void namesCorruptFramesAndCarriesOn()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 6; ++i)
            records.push_back(keyed("k", "value number " + QByteArray::number(i), 0));
        QVERIFY(produceAll(*b, QStringLiteral("t"), records));
        b.reset();
        const QString log = dir.filePath(QStringLiteral("topics/t/t-0/00000000000000000000.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const qint64 frame = encodedFrameSize(records[0]);
        const qint64 at = 2 * frame + 40; // inside record 2's value
        bytes[at] = static_cast<char>(bytes[at] ^ 0x20);
        qToBigEndian<qint32>(7, bytes.data() + 4 * frame + 8); // record 4's length field
        f.seek(0);
        f.write(bytes);
        f.close();
        const Run r = dump({QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), QStringLiteral("t"),
                            QStringLiteral("--partition"), QStringLiteral("0")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("byte %1  CORRUPT  expected offset 2: CRC mismatch").arg(2 * frame)),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(
            QStringLiteral("byte %1  CORRUPT  expected offset 4: impossible length field").arg(4 * frame)));
        QVERIFY(r.out.contains(QStringLiteral("next valid frame is offset 3")));
        QVERIFY(r.out.contains(QStringLiteral("next valid frame is offset 5")));
        QVERIFY(r.out.contains(QStringLiteral("value value number 5")));
        QVERIFY(r.out.contains(QStringLiteral("4 records, 2 problems")));
    }

    // A tombstone prints as null, distinct from an empty value; a frame of a newer format is
    // named as such (not as corruption) and dumping carries on after it.
    void tombstonesAndNewerFramesAreNamed()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        std::vector<OutgoingRecord> records{keyed("a", "", 0), keyed("b", "", 0)};
        records[1].value = std::nullopt;
        QVERIFY(produceAll(*b, QStringLiteral("t"), records));
        b.reset();
        QByteArray newer;
        logbroker::appendFrame(newer, 2, 1, keyed("c", "future", 0));
        newer[16] = char(3);
        qToBigEndian<quint32>(logbroker::crc32c(newer.constData() + 16, size_t(newer.size() - 16)), newer.data() + 12);
        QByteArray after;
        logbroker::appendFrame(after, 3, 1, keyed("d", "after", 0));
        QFile f(dir.filePath(QStringLiteral("topics/t/t-0/00000000000000000000.log")));
        QVERIFY(f.open(QIODevice::Append));
        f.write(newer + after);
        f.close();
        const Run r = dump({QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), QStringLiteral("t"),
                            QStringLiteral("--partition"), QStringLiteral("0")});
        QVERIFY2(r.out.contains(QStringLiteral("key \"a\"  value \n")), qPrintable(r.out)); // empty, not null
        QVERIFY2(r.out.contains(QStringLiteral("key \"b\"  value null (tombstone)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("NEWER FORMAT  offset 2, %1 bytes: written by a newer Tidemark (frame "
                                               "format 3")
                                    .arg(newer.size())),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("CORRUPT")));
        QVERIFY2(r.out.contains(QStringLiteral("key \"d\"  value after")), qPrintable(r.out));
    }

    void hexAndIndexViews()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 100; ++i)
            records.push_back(keyed("k", QByteArray(200, 'v'), 0));
        QVERIFY(produceAll(*b, QStringLiteral("t"), records));
        const Run r = dump({QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), QStringLiteral("t"),
                            QStringLiteral("--partition"), QStringLiteral("0"), QStringLiteral("--hex"),
                            QStringLiteral("--index")});
        QCOMPARE(r.exitCode, 0);
        // Offset 0 (8 bytes), then the length, big-endian.
        const QString firstRow = QStringLiteral("00000000  00 00 00 00 00 00 00 00 00 00 00 %1")
                                     .arg(encodedFrameSize(records[0]) - 12, 2, 16, QLatin1Char('0'));
        QVERIFY2(r.out.contains(firstRow), qPrintable(r.out.left(2000)));
        QVERIFY(r.out.contains(QStringLiteral("index entry 0: offset ")));
        QVERIFY(r.out.contains(QStringLiteral("timeindex entry 0: records before offset ")));
    }

    void missingPartitionIsAClearError()
    {
        QTemporaryDir dir;
        auto b = openLocal(dir.path());
        QVERIFY(b->createTopic({QStringLiteral("t"), 1, 1, {}}));
        const Run r = dump({QStringLiteral("--data"), dir.path(), QStringLiteral("--topic"), QStringLiteral("t"),
                            QStringLiteral("--partition"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no partition 3 of topic 't'")), qPrintable(r.err));
        const Run usage = dump({QStringLiteral("--data"), dir.path()});
        QCOMPARE(usage.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLogbrokerDump)
#include "tst_logbroker_dump.moc"
