// Kafka's Java client (the kafka-clients jar that tests/kafka/cluster.sh fetches) against
// `tidemark-cli serve`: an idempotent producer (acks=all, the client's default since 3.0)
// puts keyed records where its own murmur2 partitioner says, and Tidemark's built-in broker
// and its Kafka backend put the same keys on the same partitions; records Tidemark wrote are
// read by the Java consumer with the same key, value, headers, timestamp and offset.

#include "../common/ServeProcess.h"
#include "TestPaths.h"

#include "core/Backend.h"
#include "core/ConnectionProfile.h"
#include "kafka/KafkaBackend.h"
#include "logbroker/LocalBackend.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace tidemark;
using namespace tidemark::test;

class TestKafkaServerJava : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void idempotentJavaProducerAndMurmur2Agree();
    void javaConsumerReadsTidemarkRecordsExactly();

private:
    ProcessResult java(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(QStringLiteral("java"),
                          QStringList{QStringLiteral("-Xmx256m"), QStringLiteral("-XX:TieredStopAtLevel=1"),
                                      QStringLiteral("-XX:+UseSerialGC"),
                                      QStringLiteral("-Dlog4j.configuration=file:/dev/null"), QStringLiteral("-cp"),
                                      m_classpath, QStringLiteral("JavaClient"), m_serve.bootstrap()} +
                              args,
                          input);
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_classes;
    QString m_classpath;
    ServeProcess m_serve;
    std::shared_ptr<Backend> m_local;
};

void TestKafkaServerJava::initTestCase()
{
    const QString cache = qEnvironmentVariable("XDG_CACHE_HOME", QDir::homePath() + QStringLiteral("/.cache"));
    const QString libs = qEnvironmentVariable("TIDEMARK_KAFKA_HOME", cache + QStringLiteral("/tidemark/kafka-3.7.2")) +
                         QStringLiteral("/libs");
    if (!QDir(libs).exists())
        QFAIL(qPrintable(
            QStringLiteral("%1 is missing: run tests/kafka/cluster.sh fetch (packaging/dev.sh test does)").arg(libs)));
    if (QStandardPaths::findExecutable(QStringLiteral("javac")).isEmpty())
        QFAIL("javac is not installed (packaging/dev.sh installs a JDK)");
    const ProcessResult compiled =
        runProcess(QStringLiteral("javac"),
                   {QStringLiteral("-cp"), libs + QStringLiteral("/*"), QStringLiteral("-d"), m_classes.path(),
                    (tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafkaserver/JavaClient.java"))});
    QVERIFY2(compiled.exitCode == 0, compiled.err.constData());
    m_classpath = m_classes.path() + QLatin1Char(':') + libs + QStringLiteral("/*");
    QVERIFY2(m_serve.start(m_dir.path()), qPrintable(m_serve.error()));
    auto local = openLocalBackend(m_dir.path());
    QVERIFY(local);
    m_local = *local;
}

void TestKafkaServerJava::idempotentJavaProducerAndMurmur2Agree()
{
    constexpr int partitions = 6;
    QVERIFY(m_local->createTopic({QStringLiteral("java-keys"), partitions, 1, {}}));
    QStringList keys;
    for (int i = 0; i < 40; ++i)
        keys << QStringLiteral("user-%1").arg(i * 7919);
    keys << QStringLiteral("ключ") << QStringLiteral("a");
    QByteArray input;
    for (const QString &k : keys)
        input += k.toUtf8() + "\tfrom java " + k.toUtf8() + '\n';
    const ProcessResult produced = java({QStringLiteral("produce"), QStringLiteral("java-keys")}, input);
    QVERIFY2(produced.exitCode == 0, produced.err.right(3000).constData());
    std::map<QByteArray, int> javaPartition;
    for (const QByteArray &line : produced.out.split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() == 3)
            javaPartition[f[0]] = f[1].toInt();
    }
    QCOMPARE(javaPartition.size(), size_t(keys.size()));
    // Stored where the Java client said, once each (idempotent produce, no duplicates).
    int stored = 0;
    for (int p = 0; p < partitions; ++p) {
        auto records = m_local->fetch({QStringLiteral("java-keys"), p}, 0, 1000);
        QVERIFY(records);
        for (const Record &r : *records) {
            QCOMPARE(javaPartition.at(r.key.value_or(QByteArray())), p);
            ++stored;
        }
    }
    QCOMPARE(stored, keys.size());
    QVERIFY2(QDir(m_dir.path() + QStringLiteral("/kafka/producers")).entryList(QDir::Files).size() >= 1,
             "the idempotent producer's sequences are journalled");
    // The built-in broker and Tidemark's Kafka backend (through the listener) with murmur2.
    std::vector<OutgoingRecord> records;
    for (const QString &k : keys)
        records.push_back(OutgoingRecord{k.toUtf8(), QByteArray("from tidemark"), {}, -1, 0});
    QVERIFY(m_local->createTopic({QStringLiteral("tidemark-keys"), partitions, 1, {}}));
    auto local =
        m_local->produce(QStringLiteral("tidemark-keys"), records, ProduceOptions{PartitionerKind::Murmur2, 30000});
    QVERIFY(local);
    KafkaProfile profile;
    profile.bootstrapServers = m_serve.bootstrap();
    auto kafka = openKafkaBackend(profile);
    QVERIFY(kafka);
    auto viaKafka =
        (*kafka)->produce(QStringLiteral("tidemark-keys"), records, ProduceOptions{PartitionerKind::Murmur2, 30000});
    QVERIFY(viaKafka);
    for (size_t i = 0; i < records.size(); ++i) {
        QVERIFY(!(*local)[i].error && !(*viaKafka)[i].error);
        QCOMPARE((*local)[i].partition, javaPartition.at(*records[i].key));
        QCOMPARE((*viaKafka)[i].partition, javaPartition.at(*records[i].key));
    }
}

void TestKafkaServerJava::javaConsumerReadsTidemarkRecordsExactly()
{
    QVERIFY(m_local->createTopic({QStringLiteral("for-java"), 1, 1, {}}));
    std::vector<OutgoingRecord> records(2);
    records[0] = OutgoingRecord{QByteArray("k1"),
                                QByteArray("{\"order_id\":\"0001\"}"),
                                {{QByteArray("trace"), QByteArray("a")}, {QByteArray("trace"), QByteArray("b")}},
                                -1,
                                1700000000123};
    records[1] = OutgoingRecord{std::nullopt, QByteArray("no key"), {}, -1, 1700000000456};
    QVERIFY(m_local->produce(QStringLiteral("for-java"), records, {}));
    const ProcessResult consumed = java({QStringLiteral("consume"), QStringLiteral("for-java")});
    QVERIFY2(consumed.exitCode == 0, consumed.err.right(3000).constData());
    QCOMPARE(consumed.out, QByteArray("0\t0\t1700000000123\tk1\t{\"order_id\":\"0001\"}\ttrace=a,trace=b\n"
                                      "0\t1\t1700000000456\t<null>\tno key\t\n"));
}

QTEST_GUILESS_MAIN(TestKafkaServerJava)
#include "tst_kafkaserver_java.moc"
