// What is Kafka's own in the Kafka backend, against the real 3-broker cluster (and, built as
// tst_kafka_backend_serve, against `tidemark-cli serve`): metadata of the brokers, replicas and
// topic configs, Kafka's refusals of topic specs, per-record failures, many producing threads,
// the search's streaming readers (kafka/KafkaScanner.h: thread-safe, bounded, closed when done
// or idle), and the errors a person meets (unreachable cluster, wrong port, bad settings). What every
// backend must do alike (topics, bytes, offsets, commits, missing things) is the Backend
// contract suite, tests/contract (tst_contract_kafka, tst_contract_serve).

#include "KafkaTestSupport.h"

#include "core/FilteredScan.h"
#include "core/OrderGenerator.h"
#include "kafka/KafkaBackend.h"

#include <QElapsedTimer>

#include <thread>

using namespace tidemark;
using namespace tidemark::test;

class TestKafkaBackend final : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<Backend> m_backend;

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

    // Kafka's side of topics (the rest is the Backend contract suite, tests/contract):
    // replicas, leaders and in-sync replicas, and configs, with the local broker's
    // "durability" = "fsync" mapped to flush.messages=1.
    void topicReplicasAndConfigs()
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
        QCOMPARE(topic->replicationFactor, replicas(3));
        QCOMPARE(topic->configs.value(QStringLiteral("retention.ms")), QStringLiteral("3600000"));
        QCOMPARE(topic->configs.value(QStringLiteral("flush.messages")), QStringLiteral("1"));
        QCOMPARE(topic->partitions.size(), size_t(3));
        for (const PartitionInfo &p : topic->partitions) {
            QCOMPARE(p.replicas.size(), size_t(replicas(3)));
            QVERIFY(std::find(p.replicas.begin(), p.replicas.end(), p.leader) != p.replicas.end());
            QVERIFY(p.isr.size() >= size_t(replicas(2)));
        }
        auto deleted = m_backend->deleteTopic(name);
        QVERIFY2(deleted.ok(), qPrintable(deleted.ok() ? QString() : deleted.error().toString()));
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

    // The search's readers (KafkaBackend::scanFiltered): windows of several partitions read
    // from several threads at once find what fetch() and the filter find; a reader is closed
    // when its partition has been read to the end, or after the idle timeout, and no more than
    // kMaxStreams are kept.
    void scanReadersAreThreadSafeAndBounded()
    {
        auto *kafka = dynamic_cast<kafka::KafkaBackend *>(m_backend.get());
        QVERIFY(kafka);
        const QString topic = uniqueName(QStringLiteral("scan-readers"));
        constexpr int partitions = 10;
        TIDEMARK_CREATE_TOPIC(*m_backend, topic, partitions, 1);
        std::vector<OutgoingRecord> records;
        OrderGenerator orders(15);
        for (int i = 0; i < 120; ++i) {
            const Order o = orders.next();
            OutgoingRecord r;
            r.key = o.orderId.toUtf8();
            r.value = orderToJson(o);
            r.partition = i < 90 ? i % 3 : 3 + i % 7; // 30 in each of 0-2, a few in 3-9
            records.push_back(std::move(r));
        }
        auto reports = m_backend->produce(topic, records, ProduceOptions{});
        QVERIFY(reports.ok());
        ScanPredicate predicate;
        predicate.filter = RecordFilter::parse(QStringLiteral("value.total_price > 1000"));
        QVERIFY(predicate.filter.isValid());

        // Partitions 0-2 from three threads at once, in windows of 4, to their ends.
        std::vector<std::vector<Record>> found(3);
        std::atomic<int> failures{0};
        std::vector<std::thread> workers;
        for (int p = 0; p < 3; ++p) {
            workers.emplace_back([&, p] {
                for (qint64 at = 0; at < 30; at += 4) {
                    auto read =
                        kafka->scanFiltered({topic, p}, at, std::min<qint64>(30, at + 4), predicate, found[size_t(p)]);
                    if (!read || read->scanned != std::min<qint64>(30, at + 4) - at) {
                        if (failures++ == 0 && !read)
                            qWarning("%s", qPrintable(read.error().toString()));
                        return;
                    }
                }
            });
        }
        for (auto &w : workers)
            w.join();
        QCOMPARE(failures.load(), 0);
        qint64 matches = 0;
        for (int p = 0; p < 3; ++p) {
            std::vector<Record> expected;
            QVERIFY(fetchAndFilter(*m_backend, {topic, p}, 0, 30, predicate, expected).ok());
            QCOMPARE(found[size_t(p)].size(), expected.size());
            QVERIFY(found[size_t(p)] == expected);
            matches += qint64(expected.size());
        }
        QVERIFY(matches > 0 && matches < 90);
        // Read to their ends: closed without waiting for the idle timeout.
        QTRY_COMPARE_WITH_TIMEOUT(kafka->scanHandles(), 0, 5000);

        // A window of each of the 10 partitions, none to its end: at most kMaxStreams kept.
        for (int p = 0; p < partitions; ++p) {
            std::vector<Record> some;
            QVERIFY(kafka->scanFiltered({topic, p}, 0, 1, ScanPredicate{}, some).ok());
            QCOMPARE(some.size(), size_t(1));
        }
        QTRY_COMPARE_WITH_TIMEOUT(kafka->scanHandles(), 8, 5000);
        // Left idle: closed after the idle timeout.
        kafka->setScanIdleTimeout(300);
        QTRY_COMPARE_WITH_TIMEOUT(kafka->scanHandles(), 0, 5000);
        kafka->setScanIdleTimeout(10000);
    }

    void unreachableClusterFailsFast_data()
    {
        QTest::addColumn<QString>("bootstrap");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says"); // the human sentence, found at once (no timeout wait)
        // Nothing listens on port 1; the controller listener speaks Kafka but serves no
        // clients; the .invalid top-level domain never resolves.
        QTest::newRow("nothing listening")
            << QStringLiteral("127.0.0.1:1") << QStringLiteral("127.0.0.1:1") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on 127.0.0.1:1");
        if (!kafkaTarget().builtIn) // the built-in broker has no controller listener
            QTest::newRow("wrong port (controller listener)")
                << QStringLiteral("127.0.0.1:19094") << QStringLiteral("client listener") << int(ErrorCode::Unsupported)
                << QString();
        QTest::newRow("unresolvable host")
            << QStringLiteral("kafka.invalid:9092") << QStringLiteral("kafka.invalid") << int(ErrorCode::Unavailable)
            << QStringLiteral("host not found: kafka.invalid:9092");
    }

    void unreachableClusterFailsFast()
    {
        QFETCH(QString, bootstrap);
        QFETCH(QString, mentions);
        QFETCH(int, code);
        QFETCH(QString, says);
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
            if (!says.isEmpty())
                QVERIFY2(error->message.contains(says), qPrintable(error->message));
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
