// Our partitioners against the real clients: librdkafka's own public partitioner functions
// (linked here and nowhere else in the product) and the Java client's murmur2 test vectors.

#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <librdkafka/rdkafka.h>

#include <QTest>

#include <vector>

using namespace tidemark;

namespace {

using RdPartitioner = int32_t (*)(const rd_kafka_topic_t *, const void *, size_t, int32_t, void *, void *);

struct Reference {
    PartitionerKind kind;
    RdPartitioner function;
    // Which keys the librdkafka function hashes deterministically (others it sends to
    // rd_kafka_msg_partitioner_random, which needs a live topic handle).
    bool nullKeyIsRandom;
    bool emptyKeyIsRandom;
};

const std::vector<Reference> &references()
{
    static const std::vector<Reference> refs{
        {PartitionerKind::Murmur2, rd_kafka_msg_partitioner_murmur2, false, false},
        {PartitionerKind::Murmur2Random, rd_kafka_msg_partitioner_murmur2_random, true, false},
        {PartitionerKind::Consistent, rd_kafka_msg_partitioner_consistent, false, false},
        {PartitionerKind::ConsistentRandom, rd_kafka_msg_partitioner_consistent_random, true, true},
        {PartitionerKind::Fnv1a, rd_kafka_msg_partitioner_fnv1a, false, false},
        {PartitionerKind::Fnv1aRandom, rd_kafka_msg_partitioner_fnv1a_random, true, false},
    };
    return refs;
}

std::vector<QByteArray> testKeys()
{
    std::vector<QByteArray> keys;
    // Edge cases: empty (non-null), one byte of each value, high bytes, NULs, lengths 1-9
    // around the 4-byte block size, long keys.
    keys.push_back(QByteArray(""));
    for (int b = 0; b < 256; ++b)
        keys.push_back(QByteArray(1, char(b)));
    keys.push_back(QByteArray("\0\0\0\0", 4));
    keys.push_back(QByteArray("\xff\xff\xff\xff\xff", 5));
    for (int len = 1; len <= 9; ++len)
        keys.push_back(QByteArray("abcdefghi", len));
    keys.push_back(QByteArray(10000, 'x'));
    // UTF-8, as a Russian-speaking learner might type.
    keys.push_back(QStringLiteral("заказ-42").toUtf8());
    keys.push_back(QStringLiteral("пользователь 00042").toUtf8());
    keys.push_back(QStringLiteral("🙂 emoji key").toUtf8());
    // The generator's user ids, the default key of every order.
    OrderGenerator gen(1);
    for (int i = 0; i < 2000; ++i)
        keys.push_back(gen.next().userId.toUtf8());
    // Random binary keys of random lengths.
    SplitMix64 rng(2024);
    for (int i = 0; i < 5000; ++i) {
        QByteArray key(int(rng.below(64)), Qt::Uninitialized);
        for (char &c : key)
            c = char(rng.below(256));
        keys.push_back(key);
    }
    return keys;
}

const int kPartitionCounts[] = {1, 2, 3, 5, 6, 7, 12, 16, 100, 1000, 65535};

} // namespace

class TestPartitioner final : public QObject {
    Q_OBJECT

private slots:
    void javaMurmur2Vectors_data()
    {
        // org.apache.kafka.common.utils.UtilsTest#testMurmur2 (signed Java ints).
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<int>("hash");
        QTest::newRow("21") << QByteArray("21") << -973932308;
        QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
        QTest::newRow("long") << QByteArray("a-little-bit-long-string") << -985981536;
        QTest::newRow("longer") << QByteArray("a-little-bit-longer-string") << -1486304829;
        QTest::newRow("lkjh") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
        QTest::newRow("abc") << QByteArray("abc") << 479470107;
    }

    void javaMurmur2Vectors()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, hash);
        QCOMPARE(static_cast<int>(murmur2(key.constData(), size_t(key.size()))), hash);
        // Java: Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions
        for (int n : kPartitionCounts)
            QCOMPARE(*hashPartition(PartitionerKind::Murmur2, key, n), (hash & 0x7fffffff) % n);
    }

    void crc32Vectors()
    {
        // The standard check value of CRC-32/ISO-HDLC (zlib's crc32).
        QCOMPARE(crc32("123456789", 9), 0xCBF43926u);
        QCOMPARE(crc32("", 0), 0u);
    }

    void matchesLibrdkafka()
    {
        const auto keys = testKeys();
        QVERIFY(keys.size() > 7000);
        qint64 compared = 0;
        for (const Reference &ref : references()) {
            for (int n : kPartitionCounts) {
                for (const QByteArray &key : keys) {
                    if (key.isEmpty() && ref.emptyKeyIsRandom)
                        continue;
                    // A non-null pointer even for the empty key, as a client passes "".
                    const int expected =
                        ref.function(nullptr, key.constData(), size_t(key.size()), n, nullptr, nullptr);
                    const auto ours = hashPartition(ref.kind, std::optional<QByteArray>(key), n);
                    QVERIFY2(ours.has_value(), qPrintable(partitionerName(ref.kind)));
                    if (*ours != expected) {
                        QFAIL(qPrintable(QStringLiteral("%1 key %2 n=%3: ours %4, librdkafka %5")
                                             .arg(partitionerName(ref.kind), QString::fromLatin1(key.toHex()))
                                             .arg(n)
                                             .arg(*ours)
                                             .arg(expected)));
                    }
                    ++compared;
                }
                // The null key.
                if (!ref.nullKeyIsRandom) {
                    const int expected = ref.function(nullptr, nullptr, 0, n, nullptr, nullptr);
                    QCOMPARE(hashPartition(ref.kind, std::nullopt, n), std::optional<int>(expected));
                } else {
                    QCOMPARE(hashPartition(ref.kind, std::nullopt, n), std::optional<int>());
                }
            }
        }
        qInfo("compared %lld partition choices with librdkafka", compared);
    }

    void emptyKeyIsRandomOnlyForConsistentRandom()
    {
        const std::optional<QByteArray> empty(QByteArray(""));
        QVERIFY(!hashPartition(PartitionerKind::ConsistentRandom, empty, 6).has_value());
        QVERIFY(hashPartition(PartitionerKind::Murmur2Random, empty, 6).has_value());
        QVERIFY(hashPartition(PartitionerKind::Fnv1aRandom, empty, 6).has_value());
        QVERIFY(!hashPartition(PartitionerKind::Random, QByteArray("k"), 6).has_value());
    }

    void nullKeysSpreadLikeTheClients()
    {
        // Both clients send null keys to a random (sticky) partition, whatever the partitioner.
        for (const QString &name : partitionerNames()) {
            PartitionChooser chooser(*partitionerFromName(name));
            std::vector<int> counts(6);
            for (int i = 0; i < 6000; ++i) {
                const int p = chooser.choose(std::nullopt, 6);
                QVERIFY(p >= 0 && p < 6);
                ++counts[size_t(p)];
            }
            for (int c : counts)
                QVERIFY2(c > 800, qPrintable(name));
        }
    }

    void chooserHashesKeys()
    {
        PartitionChooser chooser(PartitionerKind::Murmur2);
        // Java client: "foobar" -> toPositive(-790332482) % 3
        QCOMPARE(chooser.choose(QByteArray("foobar"), 3), (-790332482 & 0x7fffffff) % 3);
        QCOMPARE(chooser.choose(QByteArray("foobar"), 1), 0);
    }

    void namesRoundTrip()
    {
        QCOMPARE(partitionerNames().size(), 7);
        for (const QString &name : partitionerNames())
            QCOMPARE(partitionerName(*partitionerFromName(name)), name);
        QVERIFY(!partitionerFromName(QStringLiteral("murmur3")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestPartitioner)
#include "tst_partitioner.moc"
