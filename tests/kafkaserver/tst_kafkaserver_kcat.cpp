// kcat (librdkafka) against `tidemark-cli serve`: metadata, keyed produce, consume from the
// beginning, an offset and a timestamp, every compression codec (checked on the server: the
// listener counts the batches it received by codec), and records written by Tidemark's own
// produce path fetched with the same key, value, headers, timestamp and offset.

#include "../common/ServeProcess.h"
#include "TestPaths.h"

#include "core/Backend.h"
#include "core/Partitioner.h"
#include "logbroker/LocalBackend.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tidemark;
using namespace tidemark::test;

class TestKafkaServerKcat : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void metadataListsTopicsAndTheBroker();
    void keyedProduceLandsWhereMurmur2Says();
    void recordsFromTidemarkAreFetchedExactly();
    void consumeFromOffsetAndTimestamp();
    void aTombstoneIsStoredAndFetchedAsNull();
    void everyCodecArrivesCompressed(); // last: it stops the listener to read its summary

private:
    QTemporaryDir m_dir;
    ServeProcess m_serve;
    std::shared_ptr<Backend> m_local;
    int m_uncompressedProduces = 0;
};

void TestKafkaServerKcat::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_serve.start(m_dir.path()), qPrintable(m_serve.error()));
    auto local = openLocalBackend(m_dir.path());
    QVERIFY2(local, qPrintable(local ? QString() : local.error().message));
    m_local = *local;
}

void TestKafkaServerKcat::cleanupTestCase() { m_serve.stop(); }

void TestKafkaServerKcat::metadataListsTopicsAndTheBroker()
{
    QVERIFY(m_local->createTopic({QStringLiteral("orders"), 3, 1, {}}));
    const ProcessResult out = m_serve.kcat({QStringLiteral("-L")});
    QCOMPARE(out.exitCode, 0);
    QVERIFY2(out.out.contains("broker 0 at " + m_serve.bootstrap().toUtf8()), out.out.constData());
    QVERIFY2(out.out.contains("topic \"orders\" with 3 partitions"), out.out.constData());
    QVERIFY2(out.out.contains("partition 2, leader 0, replicas: 0, isrs: 0"), out.out.constData());
}

void TestKafkaServerKcat::keyedProduceLandsWhereMurmur2Says()
{
    QVERIFY(m_local->createTopic({QStringLiteral("keyed"), 3, 1, {}}));
    QByteArray input;
    for (int i = 0; i < 12; ++i)
        input += QByteArray("user-") + QByteArray::number(i) + ":order-" + QByteArray::number(i) + '\n';
    const ProcessResult out =
        m_serve.kcat({QStringLiteral("-P"), QStringLiteral("-t"), QStringLiteral("keyed"), QStringLiteral("-K:"),
                      QStringLiteral("-X"), QStringLiteral("partitioner=murmur2_random")},
                     input);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    ++m_uncompressedProduces;
    int seen = 0;
    for (int p = 0; p < 3; ++p) {
        auto records = m_local->fetch({QStringLiteral("keyed"), p}, 0, 100);
        QVERIFY(records);
        for (const Record &r : *records) {
            QVERIFY(r.key);
            QCOMPARE(hashPartition(PartitionerKind::Murmur2, r.key, 3), std::optional<int>(p));
            QCOMPARE(r.value, QByteArray("order-") + r.key->mid(5));
            ++seen;
        }
    }
    QCOMPARE(seen, 12);
}

void TestKafkaServerKcat::recordsFromTidemarkAreFetchedExactly()
{
    QVERIFY(m_local->createTopic({QStringLiteral("exact"), 1, 1, {}}));
    std::vector<OutgoingRecord> records(3);
    records[0].key = QByteArray("k0");
    records[0].value = QByteArray("{\"order_id\":\"0001\"}");
    records[0].timestampMs = 1700000000123;
    records[0].headers = {{QByteArray("trace"), QByteArray("abc")}, {QByteArray("trace"), QByteArray("def")}};
    records[1].key = std::nullopt;
    records[1].value = QByteArray("no key");
    records[1].timestampMs = 1700000000456;
    records[2].key = QByteArray("");
    records[2].value = QByteArray("empty key");
    records[2].timestampMs = 1700000000789;
    auto produced = m_local->produce(QStringLiteral("exact"), records, {});
    QVERIFY(produced);
    const ProcessResult out =
        m_serve.kcat({QStringLiteral("-C"), QStringLiteral("-t"), QStringLiteral("exact"), QStringLiteral("-o"),
                      QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
                      QStringLiteral("%o|%K|%k|%s|%T|%h\\n")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const QList<QByteArray> lines = out.out.split('\n');
    QCOMPARE(lines.value(0), QByteArray("0|2|k0|{\"order_id\":\"0001\"}|1700000000123|trace=abc,trace=def"));
    QCOMPARE(lines.value(1), QByteArray("1|-1||no key|1700000000456|"));
    QCOMPARE(lines.value(2), QByteArray("2|0||empty key|1700000000789|"));
}

void TestKafkaServerKcat::consumeFromOffsetAndTimestamp()
{
    QVERIFY(m_local->createTopic({QStringLiteral("timed"), 1, 1, {}}));
    std::vector<OutgoingRecord> records(5);
    for (int i = 0; i < 5; ++i) {
        records[static_cast<size_t>(i)].value = QByteArray("r") + QByteArray::number(i);
        records[static_cast<size_t>(i)].timestampMs = 1700000001000 + i * 1000;
    }
    QVERIFY(m_local->produce(QStringLiteral("timed"), records, {}));
    const QStringList common{QStringLiteral("-C"),      QStringLiteral("-t"), QStringLiteral("timed"),
                             QStringLiteral("-e"),      QStringLiteral("-q"), QStringLiteral("-f"),
                             QStringLiteral("%o:%s\\n")};
    ProcessResult out = m_serve.kcat(common + QStringList{QStringLiteral("-o"), QStringLiteral("3")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(out.out, QByteArray("3:r3\n4:r4\n"));
    // s@T: the first record at or after T.
    out = m_serve.kcat(common + QStringList{QStringLiteral("-o"), QStringLiteral("s@1700000002500")});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QCOMPARE(out.out, QByteArray("2:r2\n3:r3\n4:r4\n"));
    // Beyond the end: OFFSET_OUT_OF_RANGE, which kcat turns into its reset policy (end).
    out = m_serve.kcat(common + QStringList{QStringLiteral("-o"), QStringLiteral("99"), QStringLiteral("-X"),
                                            QStringLiteral("auto.offset.reset=error")});
    QVERIFY2(out.err.contains("out of range") || out.err.contains("Out of range") ||
                 out.err.contains("OFFSET_OUT_OF_RANGE"),
             out.err.constData());
}

void TestKafkaServerKcat::everyCodecArrivesCompressed()
{
    const QStringList codecs{QStringLiteral("gzip"), QStringLiteral("snappy"), QStringLiteral("lz4"),
                             QStringLiteral("zstd")};
    for (const QString &codec : codecs) {
        const QString topic = QStringLiteral("codec-") + codec;
        QVERIFY(m_local->createTopic({topic, 1, 1, {}}));
        QByteArray input;
        for (int i = 0; i < 20; ++i)
            input += "key" + QByteArray::number(i) + ":" + QByteArray(100, char('a' + i)) + '\n';
        const ProcessResult out =
            m_serve.kcat({QStringLiteral("-P"), QStringLiteral("-t"), topic, QStringLiteral("-K:"),
                          QStringLiteral("-z"), codec, QStringLiteral("-X"), QStringLiteral("linger.ms=100")},
                         input);
        QVERIFY2(out.exitCode == 0, out.err.constData());
        auto stored = m_local->fetch({topic, 0}, 0, 100);
        QVERIFY(stored);
        QCOMPARE(stored->size(), size_t(20));
        QCOMPARE(stored->at(7).value, QByteArray(100, 'h'));
        const ProcessResult back =
            m_serve.kcat({QStringLiteral("-C"), QStringLiteral("-t"), topic, QStringLiteral("-o"),
                          QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q")});
        QCOMPARE(back.out.count('\n'), 20);
    }
    // The server's own count of batches by codec: each compressed produce arrived compressed.
    const QByteArray summary = m_serve.stop();
    QCOMPARE(m_serve.exitCode(), 0);
    for (const QString &codec : codecs) {
        const QRegularExpression re(codec + QStringLiteral("=(\\d+)"));
        const auto match = re.match(QString::fromUtf8(summary));
        QVERIFY2(match.hasMatch() && match.captured(1).toInt() >= 1, summary.constData());
    }
    const auto none = QRegularExpression(QStringLiteral("none=(\\d+)")).match(QString::fromUtf8(summary));
    QVERIFY2(none.hasMatch() && none.captured(1).toInt() <= m_uncompressedProduces * 3, summary.constData());
}

// A null value (kcat -Z sends an empty value as one) is stored as a tombstone and fetched
// back as null (value length -1): kcat -Z prints it as NULL with length -1, tidemark-cli
// consume as "value":null, and an empty value (kcat without -Z) stays empty (length 0).
void TestKafkaServerKcat::aTombstoneIsStoredAndFetchedAsNull()
{
    QVERIFY(m_local->createTopic({QStringLiteral("tombstones"), 1, 1, {}}));
    ProcessResult out =
        m_serve.kcat({QStringLiteral("-P"), QStringLiteral("-t"), QStringLiteral("tombstones"), QStringLiteral("-p"),
                      QStringLiteral("0"), QStringLiteral("-K:"), QStringLiteral("-Z")},
                     QByteArray("gone:\n"));
    QVERIFY2(out.exitCode == 0, out.err.constData());
    out = m_serve.kcat({QStringLiteral("-P"), QStringLiteral("-t"), QStringLiteral("tombstones"), QStringLiteral("-p"),
                        QStringLiteral("0"), QStringLiteral("-K:")},
                       QByteArray("empty:\nkept:v\n"));
    QVERIFY2(out.exitCode == 0, out.err.constData());
    m_uncompressedProduces += 2;
    auto records = m_local->fetch({QStringLiteral("tombstones"), 0}, 0, 10);
    QVERIFY(records);
    QCOMPARE(records->size(), size_t(3));
    QCOMPARE(records->at(0).key, std::optional<QByteArray>(QByteArray("gone")));
    QVERIFY(records->at(0).isTombstone());
    QCOMPARE(records->at(1).value, std::optional<QByteArray>(QByteArray()));
    QCOMPARE(records->at(2).value, std::optional<QByteArray>(QByteArray("v")));

    const ProcessResult back =
        m_serve.kcat({QStringLiteral("-C"), QStringLiteral("-t"), QStringLiteral("tombstones"), QStringLiteral("-o"),
                      QStringLiteral("beginning"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-Z"),
                      QStringLiteral("-f"), QStringLiteral("%k=%s|%S\n")});
    QVERIFY2(back.exitCode == 0, back.err.constData());
    // kcat -Z prints NULL for any value without bytes; its %S (the value length, -1 when the
    // payload is null) tells the tombstone from the empty value.
    QCOMPARE(back.out, QByteArray("gone=NULL|-1\nempty=NULL|0\nkept=v|1\n"));

    const ProcessResult cli = runProcess(
        tidemark::test::paths::cli(),
        {QStringLiteral("consume"), QStringLiteral("--data"), m_dir.path(), QStringLiteral("--topic"),
         QStringLiteral("tombstones"), QStringLiteral("--partition"), QStringLiteral("0"), QStringLiteral("--offset"),
         QStringLiteral("0"), QStringLiteral("--max"), QStringLiteral("3"), QStringLiteral("--no-commit")});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    const QList<QByteArray> lines = cli.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].contains("\"key\":\"gone\",\"value\":null,"), lines[0].constData());
    QVERIFY2(lines[1].contains("\"key\":\"empty\",\"value\":\"\","), lines[1].constData());
}

QTEST_GUILESS_MAIN(TestKafkaServerKcat)
#include "tst_kafkaserver_kcat.moc"
