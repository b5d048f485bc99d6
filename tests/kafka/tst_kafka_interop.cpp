// Tidemark against other Kafka clients on the real cluster:
//  - orders produced by tidemark-cli are read back by kcat with the same keys, values and
//    partitions, and records produced by kcat are consumed by tidemark-cli;
//  - a key lands on the same partition through Tidemark's murmur2 partitioner (Kafka
//    backend and built-in broker alike) as through the Java client's default partitioner.

#include "KafkaTestSupport.h"

#include "backends/BackendFactory.h"
#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <map>

using namespace tidemark;
using namespace tidemark::test;

Q_DECLARE_METATYPE(tidemark::PartitionerKind)

namespace {

struct KcatRecord {
    int partition = -1;
    qint64 offset = -1;
    QByteArray key;
    QByteArray value;
};

// kcat -C prints one line per record in this format; values here never contain tabs.
std::vector<KcatRecord> kcatRead(const QString &topic, const QStringList &extra = {})
{
    const ProcessResult r =
        runProcess(QStringLiteral("kcat"),
                   QStringList{QStringLiteral("-C"), QStringLiteral("-b"), kBootstrap, QStringLiteral("-t"), topic,
                               QStringLiteral("-o"), QStringLiteral("beginning"), QStringLiteral("-e"),
                               QStringLiteral("-q"), QStringLiteral("-f"), QStringLiteral("%p\\t%o\\t%k\\t%s\\n")} +
                       extra);
    std::vector<KcatRecord> out;
    if (r.exitCode != 0) {
        qWarning("kcat failed: %s", qPrintable(describe(r)));
        return out;
    }
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() != 4) {
            qWarning("unexpected kcat line: %s", line.constData());
            continue;
        }
        out.push_back({cols[0].toInt(), cols[1].toLongLong(), cols[2], cols[3]});
    }
    return out;
}

QString bootstrapArg() { return QStringLiteral("--bootstrap=") + kBootstrap; }

} // namespace

class TestKafkaInterop final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<Backend> m_backend;

private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kcat")).isEmpty())
            QFAIL("kcat is not installed (packaging/dev.sh installs it)");
        m_backend = openCluster();
        QVERIFY(m_backend->clusterInfo().ok());
    }

    void ordersFromTidemarkCliAreReadByKcat()
    {
        const QString topic = uniqueName(QStringLiteral("cli-to-kcat"));
        const ProcessResult created =
            cli({QStringLiteral("topic"), QStringLiteral("create"), bootstrapArg(), QStringLiteral("--topic"), topic,
                 QStringLiteral("--partitions"), QStringLiteral("3"), QStringLiteral("--replication-factor"),
                 QStringLiteral("3")});
        QVERIFY2(created.exitCode == 0, qPrintable(describe(created)));

        const ProcessResult generated = cli({QStringLiteral("generate"), QStringLiteral("--count"),
                                             QStringLiteral("300"), QStringLiteral("--seed"), QStringLiteral("11")});
        QCOMPARE(generated.exitCode, 0);
        const ProcessResult produced =
            cli({QStringLiteral("produce"), bootstrapArg(), QStringLiteral("--topic"), topic}, generated.out);
        QVERIFY2(produced.exitCode == 0, qPrintable(describe(produced)));
        QVERIFY2(produced.out.contains("produced 300 records"), qPrintable(describe(produced)));

        // What was sent: value = the JSON line, key = its user_id.
        std::map<QByteArray, QByteArray> sentKeyOf; // value -> key
        for (const QByteArray &line : generated.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            sentKeyOf[line] = o.value(QLatin1String("user_id")).toString().toUtf8();
        }
        QCOMPARE(sentKeyOf.size(), size_t(300));

        const std::vector<KcatRecord> read = kcatRead(topic);
        QCOMPARE(read.size(), size_t(300));
        std::map<std::pair<int, qint64>, KcatRecord> byPosition;
        for (const KcatRecord &r : read) {
            QVERIFY2(sentKeyOf.count(r.value), r.value.constData());
            QCOMPARE(r.key, sentKeyOf[r.value]);
            QCOMPARE(r.partition, *hashPartition(PartitionerKind::Murmur2, std::optional<QByteArray>(r.key), 3));
            byPosition[{r.partition, r.offset}] = r;
        }

        // tidemark-cli reads the same records at the same partitions and offsets.
        const ProcessResult consumed =
            cli({QStringLiteral("consume"), bootstrapArg(), QStringLiteral("--topic"), topic, QStringLiteral("--group"),
                 uniqueName(QStringLiteral("cli")), QStringLiteral("--max"), QStringLiteral("300")});
        QVERIFY2(consumed.exitCode == 0, qPrintable(describe(consumed)));
        int lines = 0;
        for (const QByteArray &line : consumed.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const auto it = byPosition.find(
                {o.value(QLatin1String("partition")).toInt(), qint64(o.value(QLatin1String("offset")).toDouble())});
            QVERIFY2(it != byPosition.end(), line.constData());
            QCOMPARE(o.value(QLatin1String("key")).toString().toUtf8(), it->second.key);
            QCOMPARE(o.value(QLatin1String("value")).toString().toUtf8(), it->second.value);
            ++lines;
        }
        QCOMPARE(lines, 300);
    }

    void recordsFromKcatAreConsumedByTidemarkCli_data()
    {
        QTest::addColumn<QString>("partitioner");
        QTest::addColumn<PartitionerKind>("kind");
        QTest::newRow("kcat default (consistent_random)") << QString() << PartitionerKind::ConsistentRandom;
        QTest::newRow("murmur2_random") << QStringLiteral("murmur2_random") << PartitionerKind::Murmur2Random;
    }

    void recordsFromKcatAreConsumedByTidemarkCli()
    {
        QFETCH(QString, partitioner);
        QFETCH(PartitionerKind, kind);
        const QString topic = uniqueName(QStringLiteral("kcat-to-cli"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 4, 3);
        QByteArray input;
        std::map<QByteArray, QByteArray> sent; // value -> key
        OrderGenerator gen(5);
        for (int i = 0; i < 100; ++i) {
            const Order o = gen.next();
            const QByteArray value = orderToJson(o);
            sent[value] = o.userId.toUtf8();
            input += o.userId.toUtf8() + '\t' + value + '\n';
        }
        QStringList args{QStringLiteral("-P"), QStringLiteral("-b"), kBootstrap, QStringLiteral("-t"), topic,
                         QStringLiteral("-K"), QStringLiteral("\t")};
        if (!partitioner.isEmpty())
            args << QStringLiteral("-X") << QStringLiteral("partitioner=") + partitioner;
        const ProcessResult kcat = runProcess(QStringLiteral("kcat"), args, input);
        QVERIFY2(kcat.exitCode == 0, qPrintable(describe(kcat)));

        const ProcessResult consumed =
            cli({QStringLiteral("consume"), bootstrapArg(), QStringLiteral("--topic"), topic, QStringLiteral("--group"),
                 uniqueName(QStringLiteral("from-kcat")), QStringLiteral("--max"), QStringLiteral("100")});
        QVERIFY2(consumed.exitCode == 0, qPrintable(describe(consumed)));
        int lines = 0;
        for (const QByteArray &line : consumed.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QByteArray value = o.value(QLatin1String("value")).toString().toUtf8();
            const QByteArray key = o.value(QLatin1String("key")).toString().toUtf8();
            QVERIFY2(sent.count(value), value.constData());
            QCOMPARE(key, sent[value]);
            // kcat used librdkafka's partitioner; ours computes the same partition.
            QCOMPARE(o.value(QLatin1String("partition")).toInt(),
                     *hashPartition(kind, std::optional<QByteArray>(key), 4));
            ++lines;
        }
        QCOMPARE(lines, 100);
    }

    // Issue 10 items 1 and 3 on Kafka: kcat -H dup=1 -H dup=2 came out of consume as
    // {"dup":"2"}, and a non-UTF-8 value as "\ufffd..." under "value" (docs/json-lines.md).
    void kcatBytesAndRepeatedHeadersReachTidemarkCliExactly()
    {
        const QString topic = uniqueName(QStringLiteral("kcat-bytes"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 1, 1);
        const QByteArray raw("\xff\xfe\xc3\x28 raw");
        const ProcessResult kcat =
            runProcess(QStringLiteral("kcat"),
                       {QStringLiteral("-P"), QStringLiteral("-b"), kBootstrap, QStringLiteral("-t"), topic,
                        QStringLiteral("-H"), QStringLiteral("dup=1"), QStringLiteral("-H"), QStringLiteral("dup=2"),
                        QStringLiteral("-H"), QStringLiteral("other=x")},
                       raw + '\n');
        QVERIFY2(kcat.exitCode == 0, qPrintable(describe(kcat)));
        const ProcessResult consumed =
            cli({QStringLiteral("consume"), bootstrapArg(), QStringLiteral("--topic"), topic, QStringLiteral("--group"),
                 uniqueName(QStringLiteral("bytes")), QStringLiteral("--max"), QStringLiteral("1")});
        QVERIFY2(consumed.exitCode == 0, qPrintable(describe(consumed)));
        const QJsonObject o = QJsonDocument::fromJson(consumed.out.trimmed()).object();
        QVERIFY2(!o.contains(QLatin1String("value")), consumed.out.constData());
        QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("value_base64")).toString().toLatin1()), raw);
        QCOMPARE(o.value(QLatin1String("key")), QJsonValue()); // kcat without -K: a null key
        QVERIFY(o.contains(QLatin1String("key")));
        QCOMPARE(QJsonDocument(o.value(QLatin1String("headers")).toArray()).toJson(QJsonDocument::Compact),
                 QByteArray(R"([{"key":"dup","value":"1"},{"key":"dup","value":"2"},{"key":"other","value":"x"}])"));
    }

    // Without --follow, consume ends once every assigned partition is read to its end: also
    // when the group's committed offset is there already (librdkafka knows no position until
    // a record comes; this run used to wait forever) and when a new group starts at the
    // latest offset. tst_cli_local runs the same on the built-in broker.
    void consumeEndsWhenTheGroupIsAlreadyAtTheEnd()
    {
        const QString topic = uniqueName(QStringLiteral("at-end"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 2, 1);
        const ProcessResult produced = cli(
            {QStringLiteral("produce"), bootstrapArg(), QStringLiteral("--topic"), topic, QStringLiteral("--no-key")},
            "only\n");
        QVERIFY2(produced.exitCode == 0, qPrintable(describe(produced)));

        const QStringList consume{QStringLiteral("consume"),
                                  bootstrapArg(),
                                  QStringLiteral("--topic"),
                                  topic,
                                  QStringLiteral("--session-timeout-ms"),
                                  QStringLiteral("6000")};
        const QString group = uniqueName(QStringLiteral("at-end"));
        const ProcessResult first = cli(consume + QStringList{QStringLiteral("--group"), group}, {}, 60000);
        QVERIFY2(first.finished && first.exitCode == 0, qPrintable(describe(first)));
        QCOMPARE(first.out.count('\n'), 1);
        QVERIFY2(first.out.contains("\"value\":\"only\""), first.out.constData());

        const ProcessResult again = cli(consume + QStringList{QStringLiteral("--group"), group}, {}, 60000);
        QVERIFY2(again.finished && again.exitCode == 0, qPrintable(describe(again)));
        QCOMPARE(again.out, QByteArray());

        const ProcessResult latest =
            cli(consume + QStringList{QStringLiteral("--group"), uniqueName(QStringLiteral("latest")),
                                      QStringLiteral("--from"), QStringLiteral("latest")},
                {}, 60000);
        QVERIFY2(latest.finished && latest.exitCode == 0, qPrintable(describe(latest)));
        QCOMPARE(latest.out, QByteArray());
    }

    void murmur2MatchesTheJavaClientAndTheBuiltInBroker()
    {
        constexpr int partitions = 6;
        QStringList keys;
        OrderGenerator gen(99);
        for (int i = 0; i < 60; ++i)
            keys << gen.next().userId;
        keys << QStringLiteral("a") << QStringLiteral("order-0001") << QStringLiteral("ключ") << QStringLiteral("🦀");

        // 1. The Java client (Kafka's console producer) with its default partitioner.
        const QString javaTopic = uniqueName(QStringLiteral("java-murmur2"));
        TIDEMARK_CREATE_TOPIC(*m_backend, javaTopic, partitions, 1);
        QByteArray input;
        for (const QString &k : keys)
            input += k.toUtf8() + '\t' + "from java " + k.toUtf8() + '\n';
        const ProcessResult java = runProcess(
            (tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafka/cluster.sh")),
            {QStringLiteral("run"), QStringLiteral("console-producer"), QStringLiteral("--bootstrap-server"),
             kBootstrap, QStringLiteral("--topic"), javaTopic, QStringLiteral("--property"),
             QStringLiteral("parse.key=true"), QStringLiteral("--property"), QStringLiteral("key.separator=\t")},
            input);
        QVERIFY2(java.exitCode == 0, qPrintable(describe(java)));
        std::map<QByteArray, int> javaPartition;
        for (int p = 0; p < partitions; ++p) {
            auto records = m_backend->fetch({javaTopic, p}, 0, 1000);
            QVERIFY2(records.ok(), qPrintable(records.ok() ? QString() : records.error().toString()));
            for (const Record &r : *records)
                javaPartition[r.key.value_or(QByteArray())] = p;
        }
        QCOMPARE(javaPartition.size(), size_t(keys.size()));

        // 2. Tidemark's Kafka backend and 3. Tidemark's built-in broker, both with murmur2.
        std::vector<OutgoingRecord> records;
        for (const QString &k : keys) {
            OutgoingRecord r;
            r.key = k.toUtf8();
            r.value = "from tidemark";
            records.push_back(r);
        }
        const QString tidemarkTopic = uniqueName(QStringLiteral("tidemark-murmur2"));
        TIDEMARK_CREATE_TOPIC(*m_backend, tidemarkTopic, partitions, 1);
        auto kafkaReports = m_backend->produce(tidemarkTopic, records, ProduceOptions{PartitionerKind::Murmur2, 30000});
        QVERIFY(kafkaReports.ok());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ConnectionSpec local;
        local.kind = ConnectionSpec::Kind::Local;
        local.dataDirectory = dir.path();
        auto localBackend = openBackend(local);
        if (!localBackend && localBackend.error().code == ErrorCode::Unsupported)
            QSKIP("this build has no built-in broker to compare with");
        QVERIFY2(localBackend.ok(), qPrintable(localBackend.ok() ? QString() : localBackend.error().toString()));
        TIDEMARK_CREATE_TOPIC(**localBackend, QStringLiteral("orders"), partitions, 1);
        auto localReports =
            (*localBackend)
                ->produce(QStringLiteral("orders"), records, ProduceOptions{PartitionerKind::Murmur2, 30000});
        QVERIFY(localReports.ok());

        int moved = 0;
        for (size_t i = 0; i < records.size(); ++i) {
            const QByteArray key = *records[i].key;
            QVERIFY(!(*kafkaReports)[i].error);
            QVERIFY(!(*localReports)[i].error);
            QCOMPARE((*kafkaReports)[i].partition, javaPartition.at(key));
            QCOMPARE((*localReports)[i].partition, javaPartition.at(key));
            moved += javaPartition.at(key) != 0;
        }
        QVERIFY(moved > 0); // the keys really spread over the partitions
    }
};

QTEST_GUILESS_MAIN(TestKafkaInterop)
#include "tst_kafka_interop.moc"
