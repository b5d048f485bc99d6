// tidemark-cli's broker commands against the built-in broker, as real processes on a real
// data directory: topic lifecycle, produce summaries, consume output and resume, groups.

#include "TestPaths.h"
#include "core/Order.h"
#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QByteArray &input = {}, const QProcessEnvironment &env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(tidemark::test::paths::cli(), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QByteArray orders(int count, quint64 seed = 1)
{
    OrderGenerator gen(seed);
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += orderToJson(gen.next()) + '\n';
    return out;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            lines << QJsonDocument::fromJson(line).object();
    }
    return lines;
}

} // namespace

class TestCliLocal final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString data() const { return m_dir.path(); }
    QStringList with(QStringList args) const
    {
        args << QStringLiteral("--data") << data();
        return args;
    }

private slots:
    void topicLifecycle()
    {
        Run r = cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                          QStringLiteral("life"), QStringLiteral("--partitions"), QStringLiteral("4")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("created topic life with 4 partition(s)\n"));

        r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"), QStringLiteral("life")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("life"), r.err.constData());

        r = cli(with({QStringLiteral("topic"), QStringLiteral("list")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("life\t4\t0\n"), r.out.constData());

        r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("describe"), QStringLiteral("--topic"), QStringLiteral("life")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("topic life\tpartitions 4\t"));
        QCOMPARE(r.out.count("\npartition "), 4);

        r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("delete"), QStringLiteral("--topic"), QStringLiteral("life")}));
        QCOMPARE(r.exitCode, 0);
        r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("describe"), QStringLiteral("--topic"), QStringLiteral("life")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("life"), r.err.constData());
    }

    void produceSummaryAndPartitions()
    {
        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                           QStringLiteral("orders"), QStringLiteral("--partitions"), QStringLiteral("3")}))
                     .exitCode,
                 0);
        const QByteArray input = orders(300);
        const Run r =
            cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("orders")}), input);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("produced 300 records ("), r.out.constData());
        // The summary's per-partition counts are murmur2 of each order's user_id.
        int expected[3] = {};
        for (const QByteArray &line : input.trimmed().split('\n'))
            ++expected[*hashPartition(PartitionerKind::Murmur2, *extractKeyField(line, QStringLiteral("user_id")), 3)];
        for (int p = 0; p < 3; ++p)
            QVERIFY2(r.out.contains(QStringLiteral("partition %1: %2").arg(p).arg(expected[p]).toUtf8()),
                     r.out.constData());
    }

    void consumeResumesFromCommittedOffsets()
    {
        // Reads 100, exits, and the next run continues: no gap, no duplicate.
        const QStringList consume =
            with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                  QStringLiteral("--group"), QStringLiteral("resume")});
        const Run first = cli(consume + QStringList{QStringLiteral("--max"), QStringLiteral("100")});
        QCOMPARE(first.exitCode, 0);
        const auto a = jsonLines(first.out);
        QCOMPARE(a.size(), 100);
        const QJsonObject one = a.first();
        QCOMPARE(one.keys(), (QStringList{QStringLiteral("headers"), QStringLiteral("key"), QStringLiteral("offset"),
                                          QStringLiteral("partition"), QStringLiteral("timestamp"),
                                          QStringLiteral("topic"), QStringLiteral("value")}));
        QVERIFY(parseOrder(one.value(QStringLiteral("value")).toString().toUtf8()).ok());
        QCOMPARE(one.value(QStringLiteral("key")).toString(),
                 QString::fromUtf8(*extractKeyField(one.value(QStringLiteral("value")).toString().toUtf8(),
                                                    QStringLiteral("user_id"))));

        const Run rest = cli(consume);
        QCOMPARE(rest.exitCode, 0);
        const auto b = jsonLines(rest.out);
        QCOMPARE(a.size() + b.size(), 300);
        QSet<QString> seen;
        for (const auto &list : {a, b})
            for (const QJsonObject &o : list)
                seen.insert(QStringLiteral("%1/%2")
                                .arg(o.value(QStringLiteral("partition")).toInt())
                                .arg(o.value(QStringLiteral("offset")).toInteger()));
        QCOMPARE(seen.size(), 300);

        // Nothing left: a third run prints nothing and succeeds.
        const Run none = cli(consume);
        QCOMPARE(none.exitCode, 0);
        QCOMPARE(none.out, QByteArray());

        const Run d = cli(with({QStringLiteral("groups"), QStringLiteral("describe"), QStringLiteral("--group"),
                                QStringLiteral("resume")}));
        QCOMPARE(d.exitCode, 0);
        QVERIFY2(d.out.contains("TOPIC\tPARTITION\tCOMMITTED\tLOG-END\tLAG\tOWNER\n"), d.out.constData());
        for (const QByteArray &line : d.out.split('\n')) {
            if (line.startsWith("orders\t"))
                QVERIFY2(line.split('\t').at(4) == "0", line.constData()); // lag 0 everywhere
        }
    }

    // Without --follow, consume ends when the group's committed offsets are at the end
    // already and when a new group starts at the latest offset (tst_kafka_interop runs the
    // same on Kafka, where the first used to wait forever).
    void consumeEndsWhenTheGroupIsAlreadyAtTheEnd()
    {
        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                           QStringLiteral("at-end"), QStringLiteral("--partitions"), QStringLiteral("2")}))
                     .exitCode,
                 0);
        QCOMPARE(cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("at-end"),
                           QStringLiteral("--no-key")}),
                     "only\n")
                     .exitCode,
                 0);
        const QStringList consume =
            with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("at-end")});
        const QStringList group{QStringLiteral("--group"), QStringLiteral("at-end")};
        const Run first = cli(consume + group);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(jsonLines(first.out).size(), 1);
        const Run again = cli(consume + group);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out, QByteArray());
        const Run latest = cli(consume + QStringList{QStringLiteral("--group"), QStringLiteral("latest"),
                                                     QStringLiteral("--from"), QStringLiteral("latest")});
        QCOMPARE(latest.exitCode, 0);
        QCOMPARE(latest.out, QByteArray());
    }

    void groupsResetAndList()
    {
        Run r = cli(with({QStringLiteral("groups"), QStringLiteral("reset"), QStringLiteral("--group"),
                          QStringLiteral("resume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                          QStringLiteral("--partition"), QStringLiteral("1"), QStringLiteral("--to-earliest")}));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("orders\t1\t0\n"));
        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                      QStringLiteral("--group"), QStringLiteral("resume")}));
        QCOMPARE(r.exitCode, 0);
        const auto again = jsonLines(r.out);
        QVERIFY(!again.isEmpty());
        for (const QJsonObject &o : again)
            QCOMPARE(o.value(QStringLiteral("partition")).toInt(), 1);

        r = cli(with({QStringLiteral("groups"), QStringLiteral("list")}));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("resume\t"), r.out.constData());
    }

    void manualAssignmentFromOffset()
    {
        const Run r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                                QStringLiteral("--partition"), QStringLiteral("2"), QStringLiteral("--offset"),
                                QStringLiteral("5"), QStringLiteral("--max"), QStringLiteral("3")}));
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(lines[i].value(QStringLiteral("partition")).toInt(), 2);
            QCOMPARE(lines[i].value(QStringLiteral("offset")).toInteger(), 5 + i);
        }
    }

    void badInputIsReportedAndNothingIsLost()
    {
        // Line 2 is not JSON, line 4 lacks the key field: both reported, the others produced.
        const QByteArray input = orders(1, 5) + "not json\n" + orders(1, 6) + "{\"x\":1}\n";
        Run r = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("orders")}), input);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("produced 2 records"), r.out.constData());
        QVERIFY2(r.out.contains("2 line(s) skipped"), r.out.constData());
        QVERIFY2(r.err.contains("line 2: malformed JSON"), r.err.constData());
        QVERIFY2(r.err.contains("line 4: the key field \"user_id\" is missing"), r.err.constData());

        r = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("nope")}), orders(1));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("nope"), r.err.constData());

        r = cli({QStringLiteral("topic"), QStringLiteral("list"), QStringLiteral("--data"), data(),
                 QStringLiteral("--bootstrap"), QStringLiteral("127.0.0.1:9")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("exclude each other"), r.err.constData());

        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--group is required"), r.err.constData());
    }

    // `topic delete --data "$UNSET"` deleted a topic in the real (default) data directory:
    // an empty --data is refused by every command, whatever the default would be.
    void emptyDataDirectoryIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString empty;
        QTest::newRow("topic delete") << QStringList{QStringLiteral("topic"),   QStringLiteral("delete"),
                                                     QStringLiteral("--topic"), QStringLiteral("keep"),
                                                     QStringLiteral("--data"),  empty};
        QTest::newRow("topic delete, --data=")
            << QStringList{QStringLiteral("topic"), QStringLiteral("delete"), QStringLiteral("--topic"),
                           QStringLiteral("keep"), QStringLiteral("--data=")};
        QTest::newRow("topic list") << QStringList{QStringLiteral("topic"), QStringLiteral("list"),
                                                   QStringLiteral("--data"), empty};
        QTest::newRow("produce") << QStringList{QStringLiteral("produce"), QStringLiteral("--topic"),
                                                QStringLiteral("keep"), QStringLiteral("--data"), empty};
        QTest::newRow("groups reset") << QStringList{QStringLiteral("groups"),
                                                     QStringLiteral("reset"),
                                                     QStringLiteral("--group"),
                                                     QStringLiteral("g"),
                                                     QStringLiteral("--topic"),
                                                     QStringLiteral("keep"),
                                                     QStringLiteral("--to-earliest"),
                                                     QStringLiteral("--data"),
                                                     empty};
        QTest::newRow("dump") << QStringList{QStringLiteral("dump"),
                                             QStringLiteral("--topic"),
                                             QStringLiteral("keep"),
                                             QStringLiteral("--partition"),
                                             QStringLiteral("0"),
                                             QStringLiteral("--data"),
                                             empty};
    }

    void emptyDataDirectoryIsRefused()
    {
        QFETCH(QStringList, args);
        QTemporaryDir defaultData; // where TIDEMARK_DATA points: the "real" data directory
        QVERIFY(defaultData.isValid());
        QCOMPARE(cli({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                      QStringLiteral("keep"), QStringLiteral("--data"), defaultData.path()})
                     .exitCode,
                 0);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TIDEMARK_DATA"), defaultData.path());

        const Run r = cli(args, orders(1), env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--data is empty (an unset variable?)"), r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const Run list =
            cli({QStringLiteral("topic"), QStringLiteral("list"), QStringLiteral("--data"), defaultData.path()});
        QCOMPARE(list.out, QByteArray("keep\t1\t0\n")); // still there, nothing produced
    }

    // `topic delete` of a topic whose directory is a symbolic link emptied the link's target.
    void deleteThroughASymbolicLinkIsRefused()
    {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        QCOMPARE(cli({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                      QStringLiteral("linked"), QStringLiteral("--data"), elsewhere.path()})
                     .exitCode,
                 0);
        QVERIFY(QFile::link(elsewhere.filePath(QStringLiteral("topics/linked")),
                            m_dir.filePath(QStringLiteral("topics/linked"))));
        const Run r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("delete"), QStringLiteral("--topic"), QStringLiteral("linked")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is a symbolic link or leads out of the data directory"), r.err.constData());
        QVERIFY(QFileInfo(elsewhere.filePath(QStringLiteral("topics/linked/topic.json"))).isFile());
        QVERIFY(QFileInfo(elsewhere.filePath(QStringLiteral("topics/linked/linked-0/partition.head"))).isFile());
        QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("topics/linked")))); // the other tests list topics
    }

    // A name ending in a newline passed the topic regex ('$' matches before a final newline).
    void topicNameEndingInANewlineIsRefused()
    {
        const Run r = cli(with(
            {QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"), QStringLiteral("nl\n")}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("invalid topic name"), r.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("topics/nl\n"))));
    }

    // Names whose file names would pass 255 bytes are refused up front with the reason; the
    // longest accepted topic name really works (every commit failed at 230-249 characters).
    void namesTooLongForFileNamesAreRefused()
    {
        const QString longest(226, QLatin1Char('t'));
        Run r = cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                          longest + QLatin1Char('t')}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is 227 characters; the built-in broker's file names fit at most 226 (Kafka allows "
                                "249)"),
                 r.err.constData());

        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"), longest,
                           QStringLiteral("--partitions"), QStringLiteral("1")}))
                     .exitCode,
                 0);
        QCOMPARE(cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), longest}), orders(3)).exitCode, 0);
        const QStringList consume = with({QStringLiteral("consume"), QStringLiteral("--topic"), longest,
                                          QStringLiteral("--group"), QStringLiteral("long")});
        r = cli(consume);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(jsonLines(r.out).size(), 3);
        r = cli(consume); // committed: nothing left
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray());

        // 66 x U+20AC is 198 bytes of UTF-8, 594 bytes percent-encoded.
        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), longest, QStringLiteral("--group"),
                      QString(66, QChar(0x20AC))}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is too long for the built-in broker: its directory name would be 594 bytes, at most "
                                "255 fit"),
                 r.err.constData());
        // A member file is <client id>-<uuid>.lease: 212 characters fit, 213 do not.
        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), longest, QStringLiteral("--group"),
                      QStringLiteral("long"), QStringLiteral("--client-name"), QString(213, QLatin1Char('c'))}));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("client id 'ccc"), r.err.constData());
        QVERIFY2(r.err.contains("its member file name would be 256 bytes, at most 255 fit"), r.err.constData());
        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), longest, QStringLiteral("--group"),
                      QStringLiteral("long"), QStringLiteral("--client-name"), QString(212, QLatin1Char('c'))}));
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    // A topic made before the length limit (here: renamed on disk to 240 characters) cannot
    // commit: consume says so and fails instead of exiting 0 (and re-reading next time). It
    // says so once: every poll used to try the claims again and print "File name too long"
    // (~48,000 lines in a 30 s wait).
    void consumeFailsWhenCommitsFail()
    {
        const QString shortName = QStringLiteral("legacy");
        const QString longName(240, QLatin1Char('l'));
        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"), shortName}))
                     .exitCode,
                 0);
        QCOMPARE(cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), shortName}), orders(2)).exitCode, 0);
        QDir topics(m_dir.filePath(QStringLiteral("topics")));
        QVERIFY(topics.rename(shortName, longName));
        QVERIFY(
            QDir(topics.filePath(longName)).rename(shortName + QStringLiteral("-0"), longName + QStringLiteral("-0")));
        QFile meta(topics.filePath(longName + QStringLiteral("/topic.json")));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
        meta.close();
        o.insert(QStringLiteral("name"), longName);
        QVERIFY(meta.open(QIODevice::WriteOnly | QIODevice::Truncate));
        meta.write(QJsonDocument(o).toJson());
        meta.close();

        const Run r =
            cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), longName, QStringLiteral("--group"),
                      QStringLiteral("legacy"), QStringLiteral("--wait-ms"), QStringLiteral("2000")}));
        QCOMPARE(r.exitCode, 1);       // never a success
        QCOMPARE(r.out, QByteArray()); // nothing read that could not be committed
        const QByteArray why = "topic '" + longName.toUtf8() +
                               "' (240 characters, made by an older version) cannot be "
                               "consumed in group 'legacy'";
        QVERIFY2(r.err.count(why) == 1, r.err.right(2000).constData());
        QVERIFY2(!r.err.contains("File name too long"), r.err.right(2000).constData());
        QVERIFY2(r.err.count('\n') <= 3, r.err.right(2000).constData()); // that, and that nothing was consumed
        QVERIFY(QDir(topics.filePath(longName)).removeRecursively());    // the other tests list topics
    }

    // A produce call was bounded by lines only (200 lines of 5 MB made one 1 GB batch): it is
    // bounded by bytes too, and a record larger than the bound goes alone.
    void produceBatchesAreBoundedByBytes()
    {
        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                           QStringLiteral("big")}))
                     .exitCode,
                 0);
        QByteArray input;
        for (int i = 0; i < 10; ++i)
            input += QByteArray(1000, char('a' + i)) + '\n';
        input += QByteArray(5000, 'z') + '\n';
        const Run r = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("big"),
                                QStringLiteral("--no-key"), QStringLiteral("--batch-bytes"), QStringLiteral("3000")}),
                          input);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // 3 + 3 + 3 + 1 records of 1000 bytes, then the 5000-byte one alone.
        QVERIFY2(r.out.startsWith("produced 11 records (15000 bytes) to big in "), r.out.constData());
        QVERIFY2(r.out.contains(" records/s, 5 produce calls)"), r.out.constData());
        const Run c = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("big"),
                                QStringLiteral("--group"), QStringLiteral("big")}));
        QCOMPARE(jsonLines(c.out).size(), 11);
    }

    void failedOutputCommitsNothing()
    {
        // Regression: records that could not be written to stdout (a full disk) must not be
        // committed, or the group would skip them.
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("needs /dev/full");
        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(tidemark::test::paths::cli(),
                with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                      QStringLiteral("--group"), QStringLiteral("fulldisk")}));
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("cannot write to stdout"));
        const Run d = cli(with({QStringLiteral("groups"), QStringLiteral("describe"), QStringLiteral("--group"),
                                QStringLiteral("fulldisk")}));
        for (const QByteArray &line : d.out.split('\n'))
            QVERIFY2(!line.startsWith("orders\t"), d.out.constData()); // no committed partition
        const Run again = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("orders"),
                                    QStringLiteral("--group"), QStringLiteral("fulldisk")}));
        QCOMPARE(again.exitCode, 0);
        QVERIFY(jsonLines(again.out).size() >= 300); // everything is still there for the group
    }

    void explicitAndNullKeys()
    {
        QCOMPARE(cli(with({QStringLiteral("topic"), QStringLiteral("create"), QStringLiteral("--topic"),
                           QStringLiteral("keys"), QStringLiteral("--partitions"), QStringLiteral("5")}))
                     .exitCode,
                 0);
        Run r = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("keys"),
                          QStringLiteral("--key"), QStringLiteral("same")}),
                    orders(20));
        QCOMPARE(r.exitCode, 0);
        const int p = *hashPartition(PartitionerKind::Murmur2, QByteArray("same"), 5);
        QVERIFY2(r.out.contains(QStringLiteral("partition %1: 20").arg(p).toUtf8()), r.out.constData());

        r = cli(with({QStringLiteral("produce"), QStringLiteral("--topic"), QStringLiteral("keys"),
                      QStringLiteral("--no-key"), QStringLiteral("--batch"), QStringLiteral("1")}),
                orders(50));
        QCOMPARE(r.exitCode, 0);
        r = cli(with({QStringLiteral("consume"), QStringLiteral("--topic"), QStringLiteral("keys"),
                      QStringLiteral("--group"), QStringLiteral("k")}));
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 70);
        int nullKeys = 0;
        for (const QJsonObject &o : lines)
            nullKeys += o.value(QStringLiteral("key")).isNull();
        QCOMPARE(nullKeys, 50);
    }
};

QTEST_GUILESS_MAIN(TestCliLocal)
#include "tst_cli_local.moc"
