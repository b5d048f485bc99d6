// The Kafka backend against the real 3-broker cluster (and, built as tst_kafka_backend_serve,
// against `tidemark-cli serve`: the built-in broker must keep the same contract): metadata, topic administration,
// produce with every partitioner, fetch, watermarks, timestamps, and the errors a person
// meets (unreachable cluster, wrong port, missing topic, bad settings).

#include "KafkaTestSupport.h"

#include "core/OrderGenerator.h"
#include "core/Partitioner.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <set>
#include <thread>

using namespace tidemark;
using namespace tidemark::test;

Q_DECLARE_METATYPE(tidemark::PartitionerKind)

class TestKafkaBackend final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<Backend> m_backend;

    std::vector<Record> readAll(const QString &topic, int partition)
    {
        auto r = m_backend->fetch({topic, partition}, 0, 100000);
        if (!r)
            qWarning("fetch %s[%d]: %s", qPrintable(topic), partition, qPrintable(r.error().toString()));
        return r ? *r : std::vector<Record>{};
    }

private slots:
    void initTestCase()
    {
        m_backend = openCluster();
        auto info = m_backend->clusterInfo();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
    }

    void clusterInfoListsAllBrokers()
    {
        const QStringList addresses = kafkaTarget().bootstrap.split(QLatin1Char(','));
        QCOMPARE(m_backend->kind(), QStringLiteral("kafka"));
        QVERIFY(m_backend->displayName().contains(addresses.first()));
        auto info = m_backend->clusterInfo();
        QVERIFY(info.ok());
        QCOMPARE(info->kind, QStringLiteral("kafka"));
        QVERIFY(!info->clusterId.isEmpty());
        QCOMPARE(info->brokers.size(), size_t(kafkaTarget().brokers));
        for (int i = 0; i < kafkaTarget().brokers; ++i) {
            QCOMPARE(info->brokers[size_t(i)].id, i);
            QCOMPARE(info->brokers[size_t(i)].host, QStringLiteral("127.0.0.1"));
            QCOMPARE(QStringLiteral("127.0.0.1:%1").arg(info->brokers[size_t(i)].port), addresses[i]);
        }
        QVERIFY(info->controllerId >= 0 && info->controllerId < kafkaTarget().brokers);
        QCOMPARE(
            std::count_if(info->brokers.begin(), info->brokers.end(), [](const auto &b) { return b.isController; }), 1);
    }

    void topicLifecycle()
    {
        const QString name = uniqueName(QStringLiteral("lifecycle"));
        TopicSpec spec;
        spec.name = name;
        spec.partitions = 3;
        spec.replicationFactor = replicas(3);
        spec.configs.insert(QStringLiteral("retention.ms"), QStringLiteral("3600000"));
        spec.configs.insert(QStringLiteral("durability"), QStringLiteral("fsync"));
        auto created = m_backend->createTopic(spec);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));

        auto topic = m_backend->describeTopic(name);
        QVERIFY2(topic.ok(), qPrintable(topic.ok() ? QString() : topic.error().toString()));
        QCOMPARE(topic->name, name);
        QCOMPARE(topic->partitionCount, 3);
        QCOMPARE(topic->replicationFactor, replicas(3));
        QCOMPARE(topic->recordCount, qint64(0));
        QCOMPARE(topic->configs.value(QStringLiteral("retention.ms")), QStringLiteral("3600000"));
        QCOMPARE(topic->configs.value(QStringLiteral("flush.messages")), QStringLiteral("1"));
        QCOMPARE(topic->partitions.size(), size_t(3));
        for (const PartitionInfo &p : topic->partitions) {
            QCOMPARE(p.replicas.size(), size_t(replicas(3)));
            QVERIFY(std::find(p.replicas.begin(), p.replicas.end(), p.leader) != p.replicas.end());
            QVERIFY(p.isr.size() >= size_t(replicas(2)));
            QCOMPARE(p.highWatermark, qint64(0));
            QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        }

        auto topics = m_backend->listTopics();
        QVERIFY(topics.ok());
        const auto it =
            std::find_if(topics->begin(), topics->end(), [&](const TopicInfo &t) { return t.name == name; });
        QVERIFY(it != topics->end());
        QCOMPARE(it->partitionCount, 3);
        QCOMPARE(it->recordCount, qint64(0));
        for (const TopicInfo &t : *topics)
            QVERIFY2(!t.name.startsWith(QLatin1String("__")), qPrintable(t.name));

        auto again = m_backend->createTopic(spec);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        QVERIFY(again.error().message.contains(name));

        auto deleted = m_backend->deleteTopic(name);
        QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().toString()));
        auto gone = m_backend->describeTopic(name);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        auto deletedAgain = m_backend->deleteTopic(name);
        QVERIFY(!deletedAgain.ok());
        QCOMPARE(deletedAgain.error().code, ErrorCode::NotFound);
    }

    void createTopicErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<int>("replicationFactor");
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        const QString good = uniqueName(QStringLiteral("bad"));
        QTest::newRow("more replicas than brokers")
            << good << 1 << 4 << QString() << int(ErrorCode::InvalidArgument) << QStringLiteral("replication");
        QTest::newRow("illegal name") << QStringLiteral("orders and more!") << 1 << 1 << QString()
                                      << int(ErrorCode::InvalidArgument) << QStringLiteral("orders and more!");
        QTest::newRow("no partitions") << good << 0 << 1 << QString() << int(ErrorCode::InvalidArgument)
                                       << QStringLiteral("partition");
        QTest::newRow("unknown config") << good << 1 << 1 << QStringLiteral("no.such.setting")
                                        << int(ErrorCode::InvalidArgument) << QStringLiteral("no.such.setting");
        QTest::newRow("bad durability") << good << 1 << 1 << QStringLiteral("durability")
                                        << int(ErrorCode::InvalidArgument) << QStringLiteral("durability");
    }

    void createTopicErrors()
    {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(int, replicationFactor);
        QFETCH(QString, config);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        TopicSpec spec{name, partitions, replicationFactor, {}};
        if (!config.isEmpty())
            spec.configs.insert(config, QStringLiteral("x"));
        auto s = m_backend->createTopic(spec);
        QVERIFY(!s.ok());
        QCOMPARE(int(s.error().code), code);
        QVERIFY2(s.error().message.contains(mentions, Qt::CaseInsensitive), qPrintable(s.error().message));
        QCOMPARE(m_backend->describeTopic(name).ok(), false);
    }

    void produceAndFetchRoundTrip()
    {
        const QString topic = uniqueName(QStringLiteral("roundtrip"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 3, replicas(3));

        std::vector<OutgoingRecord> records;
        OrderGenerator gen(42);
        for (int i = 0; i < 30; ++i) {
            const Order o = gen.next();
            OutgoingRecord r;
            r.key = o.userId.toUtf8();
            r.value = orderToJson(o);
            records.push_back(r);
        }
        OutgoingRecord nullKey;
        nullKey.value = "no key";
        records.push_back(nullKey);
        OutgoingRecord emptyKey;
        emptyKey.key = QByteArray("");
        emptyKey.value = "empty key";
        records.push_back(emptyKey);
        OutgoingRecord withHeaders;
        withHeaders.key = QByteArray("h");
        withHeaders.value = QByteArray("bin\0ary", 7);
        withHeaders.headers = {{"trace", QByteArray("abc")}, {"null-header", std::nullopt}, {"trace", QByteArray("2")}};
        records.push_back(withHeaders);
        OutgoingRecord pinned;
        pinned.key = QByteArray("pinned");
        pinned.value = "to partition 2";
        pinned.partition = 2;
        records.push_back(pinned);
        OutgoingRecord stamped;
        stamped.key = QByteArray("stamped");
        stamped.value = "old";
        stamped.timestampMs = 1'600'000'000'000;
        records.push_back(stamped);

        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        QVERIFY2(reports.ok(), qPrintable(reports.ok() ? QString() : reports.error().toString()));
        QCOMPARE(reports->size(), records.size());
        std::map<int, std::vector<size_t>> byPartition; // partition -> record indexes in offset order
        for (size_t i = 0; i < records.size(); ++i) {
            const DeliveryReport &d = (*reports)[i];
            QVERIFY2(!d.error, qPrintable(d.error ? d.error->toString() : QString()));
            QVERIFY(d.partition >= 0 && d.partition < 3);
            QVERIFY(d.offset >= 0);
            QVERIFY(d.timestampMs > 0);
            if (records[i].partition >= 0)
                QCOMPARE(d.partition, records[i].partition);
            else if (records[i].key)
                QCOMPARE(d.partition, *hashPartition(PartitionerKind::Murmur2, records[i].key, 3));
            byPartition[d.partition].push_back(i);
        }

        qint64 total = 0;
        for (int p = 0; p < 3; ++p) {
            auto marks = m_backend->watermarks({topic, p});
            QVERIFY(marks.ok());
            QCOMPARE(marks->low, qint64(0));
            QCOMPARE(marks->high, qint64(byPartition[p].size()));
            total += marks->high;
            const std::vector<Record> read = readAll(topic, p);
            QCOMPARE(read.size(), byPartition[p].size());
            for (size_t k = 0; k < read.size(); ++k) {
                const Record &r = read[k];
                const size_t i = byPartition[p][k];
                const OutgoingRecord &sent = records[i];
                QCOMPARE(r.topic, topic);
                QCOMPARE(r.partition, p);
                QCOMPARE(r.offset, (*reports)[i].offset);
                QCOMPARE(r.offset, qint64(k));
                QCOMPARE(r.key, sent.key);
                QCOMPARE(r.value, sent.value);
                QCOMPARE(r.headers, sent.headers);
                QCOMPARE(r.timestampMs, (*reports)[i].timestampMs);
                if (sent.timestampMs)
                    QCOMPARE(r.timestampMs, sent.timestampMs);
            }
        }
        QCOMPARE(total, qint64(records.size()));
        auto described = m_backend->describeTopic(topic);
        QVERIFY(described.ok());
        QCOMPARE(described->recordCount, total);

        // Ranges, the end of the log, and bad offsets.
        const int p = byPartition[0].size() >= 3 ? 0 : (byPartition[1].size() >= 3 ? 1 : 2);
        auto middle = m_backend->fetch({topic, p}, 1, 2);
        QVERIFY(middle.ok());
        QCOMPARE(middle->size(), size_t(2));
        QCOMPARE(middle->front().offset, qint64(1));
        QCOMPARE(middle->back().offset, qint64(2));
        auto end = m_backend->fetch({topic, p}, qint64(byPartition[p].size()), 10);
        QVERIFY(end.ok());
        QVERIFY(end->empty());
        auto beyond = m_backend->fetch({topic, p}, qint64(byPartition[p].size()) + 1, 10);
        QVERIFY(!beyond.ok());
        QVERIFY2(beyond.error().message.contains(QStringLiteral("beyond the high watermark")),
                 qPrintable(beyond.error().message));
        auto negative = m_backend->fetch({topic, p}, -1, 10);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().code, ErrorCode::InvalidArgument);
        auto noPartition = m_backend->fetch({topic, 7}, 0, 10);
        QVERIFY(!noPartition.ok());
        QCOMPARE(noPartition.error().code, ErrorCode::NotFound);
        QVERIFY2(noPartition.error().message.contains(QStringLiteral("partition 7")),
                 qPrintable(noPartition.error().message));
        auto summaries = m_backend->fetchSummaries({topic, p}, 0, 100);
        QVERIFY(summaries.ok());
        QCOMPARE(summaries->size(), byPartition[p].size());
    }

    void partitionersMatchLibrdkafka_data()
    {
        QTest::addColumn<PartitionerKind>("kind");
        for (const PartitionerKind kind :
             {PartitionerKind::Murmur2, PartitionerKind::Murmur2Random, PartitionerKind::Consistent,
              PartitionerKind::ConsistentRandom, PartitionerKind::Fnv1a, PartitionerKind::Fnv1aRandom})
            QTest::newRow(qPrintable(partitionerName(kind))) << kind;
    }

    void partitionersMatchLibrdkafka()
    {
        QFETCH(PartitionerKind, kind);
        static const QString topic = uniqueName(QStringLiteral("partitioner"));
        if (!m_backend->describeTopic(topic).ok())
            TIDEMARK_CREATE_TOPIC(*m_backend, topic, 7, 1);
        std::vector<OutgoingRecord> records;
        for (int i = 0; i < 60; ++i) {
            OutgoingRecord r;
            r.key = QByteArray::number(10000 + i * 37);
            r.value = "v";
            records.push_back(r);
        }
        ProduceOptions options;
        options.partitioner = kind;
        auto reports = m_backend->produce(topic, records, options);
        QVERIFY2(reports.ok(), qPrintable(reports.ok() ? QString() : reports.error().toString()));
        std::set<int> used;
        for (size_t i = 0; i < records.size(); ++i) {
            QVERIFY2(!(*reports)[i].error,
                     qPrintable((*reports)[i].error ? (*reports)[i].error->toString() : QString()));
            QCOMPARE((*reports)[i].partition, *hashPartition(kind, records[i].key, 7));
            used.insert((*reports)[i].partition);
        }
        QVERIFY(used.size() > 3);
    }

    void offsetForTimestamp()
    {
        const QString topic = uniqueName(QStringLiteral("timestamps"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 1, 1);
        std::vector<OutgoingRecord> records;
        for (qint64 ts : {1'700'000'001'000LL, 1'700'000'002'000LL, 1'700'000'003'000LL}) {
            OutgoingRecord r;
            r.value = QByteArray::number(ts);
            r.timestampMs = ts;
            r.partition = 0;
            records.push_back(r);
        }
        QVERIFY(m_backend->produce(topic, records, ProduceOptions{}).ok());
        const TopicPartition tp{topic, 0};
        QCOMPARE(m_backend->offsetForTimestamp(tp, 0).valueOr(-1), qint64(0));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'700'000'001'500LL).valueOr(-1), qint64(1));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'700'000'003'000LL).valueOr(-1), qint64(2));
        QCOMPARE(m_backend->offsetForTimestamp(tp, 1'800'000'000'000LL).valueOr(-1), qint64(3)); // none: the end
    }

    void producePartialFailure()
    {
        const QString topic = uniqueName(QStringLiteral("partial"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 1, 1);
        std::vector<OutgoingRecord> records(3);
        records[0].value = "small";
        records[1].value = QByteArray(2 * 1024 * 1024, 'x'); // over message.max.bytes
        records[2].value = "small too";
        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        QVERIFY(reports.ok());
        QVERIFY(!(*reports)[0].error);
        QVERIFY((*reports)[1].error);
        QVERIFY2((*reports)[1].error->message.contains(QStringLiteral("too large"), Qt::CaseInsensitive),
                 qPrintable((*reports)[1].error->message));
        QVERIFY(!(*reports)[2].error);
        QCOMPARE(m_backend->watermarks({topic, 0}).value().high, qint64(2));
    }

    // As on the built-in broker: the whole call fails and nothing is written.
    void explicitPartitionOutOfRangeFailsTheWholeCall()
    {
        const QString topic = uniqueName(QStringLiteral("nopart"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 2, 1);
        std::vector<OutgoingRecord> records(2);
        records[0].value = "fine";
        records[0].partition = 0;
        records[1].value = "nowhere";
        records[1].partition = 5;
        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        QVERIFY(!reports.ok());
        QCOMPARE(reports.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(reports.error().message.contains(QStringLiteral("has no partition 5 (it has 2)")),
                 qPrintable(reports.error().message));
        QCOMPARE(m_backend->watermarks({topic, 0}).value().high, qint64(0));
    }

    void concurrentProducersFromManyThreads()
    {
        const QString topic = uniqueName(QStringLiteral("threads"));
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, 4, replicas(2));
        constexpr int threads = 4, perThread = 2500;
        std::atomic<int> failures{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                std::vector<OutgoingRecord> records(perThread);
                for (int i = 0; i < perThread; ++i) {
                    records[size_t(i)].key = QByteArray::number(t * perThread + i);
                    records[size_t(i)].value = "x";
                }
                // Two calls per thread, so calls interleave on the shared producer.
                for (int half = 0; half < 2; ++half) {
                    std::vector<OutgoingRecord> part(records.begin() + half * perThread / 2,
                                                     records.begin() + (half + 1) * perThread / 2);
                    auto reports = m_backend->produce(topic, part, ProduceOptions{});
                    if (!reports) {
                        ++failures;
                        continue;
                    }
                    for (const auto &r : *reports) {
                        if (r.error && failures++ == 0)
                            qWarning("%s", qPrintable(r.error->toString()));
                    }
                }
            });
        }
        for (auto &w : workers)
            w.join();
        QCOMPARE(failures.load(), 0);
        qint64 total = 0;
        for (int p = 0; p < 4; ++p)
            total += m_backend->watermarks({topic, p}).value().high;
        QCOMPARE(total, qint64(threads * perThread));
    }

    void missingTopic_data()
    {
        QTest::addColumn<QString>("call");
        for (const char *call : {"describeTopic", "produce", "fetch", "watermarks", "offsetForTimestamp", "deleteTopic",
                                 "subscribe", "assign"})
            QTest::newRow(call) << QString::fromLatin1(call);
    }

    void missingTopic()
    {
        QFETCH(QString, call);
        const QString topic = uniqueName(QStringLiteral("no-such-topic"));
        const TopicPartition tp{topic, 0};
        QElapsedTimer clock;
        clock.start();
        std::optional<Error> error;
        auto take = [&](const auto &result) {
            if (!result.ok())
                error = result.error();
        };
        if (call == QLatin1String("describeTopic"))
            take(m_backend->describeTopic(topic));
        else if (call == QLatin1String("produce"))
            take(m_backend->produce(topic, {OutgoingRecord{QByteArray("k"), "v", {}, -1, 0}}, ProduceOptions{}));
        else if (call == QLatin1String("fetch"))
            take(m_backend->fetch(tp, 0, 10));
        else if (call == QLatin1String("watermarks"))
            take(m_backend->watermarks(tp));
        else if (call == QLatin1String("offsetForTimestamp"))
            take(m_backend->offsetForTimestamp(tp, 0));
        else if (call == QLatin1String("deleteTopic"))
            take(m_backend->deleteTopic(topic));
        else if (call == QLatin1String("subscribe"))
            take(m_backend->createConsumer(ConsumerConfig{QStringLiteral("g"), {topic}}));
        else if (call == QLatin1String("assign")) {
            ConsumerConfig c;
            c.assignment.push_back({tp, 0});
            take(m_backend->createConsumer(c));
        }
        QVERIFY2(error.has_value(), "a missing topic must be an error");
        QCOMPARE(error->code, ErrorCode::NotFound);
        QVERIFY2(error->message.contains(QStringLiteral("'%1'").arg(topic)), qPrintable(error->message));
        // A hang guard, not a benchmark: the answer comes from metadata, in milliseconds.
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }

    void unreachableClusterFailsFast_data()
    {
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<int>("code");
        // Nothing listens on port 1; the controller listener speaks Kafka but serves no
        // clients; the .invalid top-level domain never resolves.
        QTest::newRow("nothing listening")
            << QStringLiteral("127.0.0.1:1") << QStringLiteral("127.0.0.1:1") << int(ErrorCode::Unavailable);
        if (!kafkaTarget().builtIn) // the built-in broker has no controller listener
            QTest::newRow("wrong port (controller listener)")
                << QStringLiteral("127.0.0.1:19094") << QStringLiteral("client listener") << int(ErrorCode::Unsupported);
        QTest::newRow("unresolvable host")
            << QStringLiteral("kafka.invalid:9092") << QStringLiteral("kafka.invalid") << int(ErrorCode::Unavailable);
    }

    void unreachableClusterFailsFast()
    {
        QFETCH(QString, bootstrap);
        QFETCH(QString, mentions);
        QFETCH(int, code);
        KafkaProfile profile = clusterProfile();
        profile.bootstrapServers = bootstrap;
        profile.connectTimeoutMs = 1000;
        auto opened = openKafkaBackend(profile);
        QVERIFY2(opened.ok(), "opening is lazy: it must not fail before the first call");
        auto backend = opened.value();
        for (const char *call : {"listTopics", "produce", "listGroups"}) {
            QElapsedTimer clock;
            clock.start();
            std::optional<Error> error;
            if (qstrcmp(call, "listTopics") == 0) {
                if (auto r = backend->listTopics(); !r)
                    error = r.error();
            } else if (qstrcmp(call, "produce") == 0) {
                if (auto r = backend->produce(QStringLiteral("orders"), {OutgoingRecord{}}, ProduceOptions{}); !r)
                    error = r.error();
            } else if (auto r = backend->listGroups(); !r) {
                error = r.error();
            }
            const qint64 elapsed = clock.elapsed();
            QVERIFY2(error.has_value(), call);
            qInfo("%s via %s: %s (%lld ms)", call, qPrintable(bootstrap), qPrintable(error->toString()), elapsed);
            QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
            QCOMPARE(int(error->code), code);
            QVERIFY2(error->message.contains(bootstrap), qPrintable(error->message));
            if (code == int(ErrorCode::Unavailable))
                QVERIFY2(error->message.contains(QStringLiteral("did not answer within 1000 ms")),
                         qPrintable(error->message));
            // A hang guard: the connect timeout is 1 s; anything near the OS's TCP timeouts
            // (minutes) or the request timeout (15 s) means the timeout was not applied.
            QVERIFY2(elapsed < 6000, qPrintable(QStringLiteral("%1 took %2 ms").arg(QLatin1String(call)).arg(elapsed)));
        }
    }

    void badProfilesAreRefusedUpFront_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("security protocol")
            << QStringLiteral("securityProtocol") << QStringLiteral("TLS") << QStringLiteral("TLS");
        QTest::newRow("sasl mechanism") << QStringLiteral("saslMechanism") << QStringLiteral("GSSAPI")
                                        << QStringLiteral("GSSAPI");
        QTest::newRow("bootstrap without port")
            << QStringLiteral("bootstrapServers") << QStringLiteral("127.0.0.1") << QStringLiteral("HOST:PORT");
        QTest::newRow("empty bootstrap") << QStringLiteral("bootstrapServers") << QString()
                                         << QStringLiteral("bootstrap");
        QTest::newRow("unknown librdkafka setting")
            << QStringLiteral("extra") << QStringLiteral("no.such.property") << QStringLiteral("no.such.property");
        QTest::newRow("missing CA file") << QStringLiteral("caFile") << QStringLiteral("/nonexistent/ca.pem")
                                         << QStringLiteral("/nonexistent/ca.pem");
        QTest::newRow("sasl without user") << QStringLiteral("saslUser") << QString() << QStringLiteral("user name");
    }

    void badProfilesAreRefusedUpFront()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, mentions);
        KafkaProfile p = clusterProfile();
        if (field == QLatin1String("securityProtocol")) {
            p.securityProtocol = value;
        } else if (field == QLatin1String("saslMechanism")) {
            p.securityProtocol = QStringLiteral("SASL_PLAINTEXT");
            p.username = QStringLiteral("u");
            p.saslMechanism = value;
        } else if (field == QLatin1String("bootstrapServers")) {
            p.bootstrapServers = value;
        } else if (field == QLatin1String("extra")) {
            p.extraConfig.insert(value, QStringLiteral("1"));
        } else if (field == QLatin1String("caFile")) {
            p.securityProtocol = QStringLiteral("SSL");
            p.caFile = value;
        } else if (field == QLatin1String("saslUser")) {
            p.securityProtocol = QStringLiteral("SASL_SSL");
            p.saslMechanism = QStringLiteral("SCRAM-SHA-512");
        }
        auto opened = openKafkaBackend(p);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code,
                 field == QLatin1String("caFile") ? ErrorCode::NotFound : ErrorCode::InvalidArgument);
        QVERIFY2(opened.error().message.contains(mentions), qPrintable(opened.error().message));
    }

    void securitySettingsReachLibrdkafka()
    {
        // A SASL/SCRAM profile against the PLAINTEXT listener: the client must try SASL (so
        // the settings were applied) and fail with an error naming the broker.
        KafkaProfile p = clusterProfile();
        const QString broker = kafkaTarget().bootstrap.section(QLatin1Char(','), 0, 0);
        p.bootstrapServers = broker;
        p.securityProtocol = QStringLiteral("SASL_PLAINTEXT");
        p.saslMechanism = QStringLiteral("SCRAM-SHA-256");
        p.username = QStringLiteral("alice");
        p.password = QStringLiteral("secret");
        p.connectTimeoutMs = 2000;
        auto opened = openKafkaBackend(p);
        QVERIFY(opened.ok());
        auto topics = opened.value()->listTopics();
        QVERIFY(!topics.ok());
        QVERIFY2(topics.error().message.contains(broker), qPrintable(topics.error().message));
        QVERIFY2(!topics.error().message.contains(QStringLiteral("secret")), "passwords never appear in errors");
        qInfo("%s", qPrintable(topics.error().message));
    }
};

QTEST_GUILESS_MAIN(TestKafkaBackend)
#include "tst_kafka_backend.moc"
