// The round-trip property (tests/cli/RoundTripProperty.h) on Kafka: random records produced
// through tidemark-cli and through the Backend, consumed through both, byte for byte. Values
// stay below Kafka's default 1 MB message size (the 50 MB value is the built-in broker's).

#include "KafkaTestSupport.h"

#include "../cli/RoundTripProperty.h"

using namespace tidemark;
using namespace tidemark::test;

class TestRoundTripKafka final : public QObject {
    Q_OBJECT

private slots:
    void everyByteRoundTrips()
    {
        const quint64 seed = qEnvironmentVariableIsSet("TIDEMARK_ROUNDTRIP_SEED")
                                 ? qEnvironmentVariable("TIDEMARK_ROUNDTRIP_SEED").toULongLong()
                                 : 20261206;
        qInfo("seed %llu (set TIDEMARK_ROUNDTRIP_SEED to repeat another)", seed);
        RoundTripShape shape;
        shape.bigValue = 900'000;
        shape.nulInHeaderKeys = false; // refused, see nulInAHeaderKeyIsRefused
        const std::vector<OutgoingRecord> records = randomRecords(seed, shape);

        std::shared_ptr<Backend> backend = openCluster();
        const QString viaBackend = uniqueName(QStringLiteral("rt-backend"));
        const QString viaCli = uniqueName(QStringLiteral("rt-cli"));
        TIDEMARK_CREATE_TOPIC(*backend, viaBackend, 1, replicas(3));
        TIDEMARK_CREATE_TOPIC(*backend, viaCli, 1, replicas(3));
        const QString bootstrap = QStringLiteral("--bootstrap=") + kafkaTarget().bootstrap;

        const auto produced = backend->produce(viaBackend, records, {});
        QVERIFY2(produced.ok(), qPrintable(produced.ok() ? QString() : produced.error().message));
        for (const DeliveryReport &d : *produced)
            QVERIFY2(!d.error, qPrintable(d.error ? d.error->message : QString()));
        const ProcessResult p = cli({QStringLiteral("produce"), bootstrap, QStringLiteral("--topic"), viaCli,
                                     QStringLiteral("--format"), QStringLiteral("json")},
                                    cliInput(records));
        QVERIFY2(p.exitCode == 0, qPrintable(describe(p)));

        for (const QString &topic : {viaBackend, viaCli}) {
            const ProcessResult c =
                cli({QStringLiteral("consume"), bootstrap, QStringLiteral("--topic"), topic, QStringLiteral("--group"),
                     uniqueName(QStringLiteral("rt")), QStringLiteral("--no-commit")});
            QVERIFY2(c.exitCode == 0, qPrintable(describe(c)));
            QVERIFY(sameRecords(parseConsumed(c.out), records, qPrintable(topic + QStringLiteral(" -> cli"))));
            QVERIFY(sameRecords(fetchAll(*backend, topic, records.size()), records,
                                qPrintable(topic + QStringLiteral(" -> backend"))));
        }
    }

    // The round trip found it: librdkafka gives consumers header keys as C strings, so a key
    // "a\0b" came back as "a". Such a record is refused with a per-record error instead.
    void nulInAHeaderKeyIsRefused()
    {
        std::shared_ptr<Backend> backend = openCluster();
        const QString topic = uniqueName(QStringLiteral("rt-nul-key"));
        TIDEMARK_CREATE_TOPIC(*backend, topic, 1, replicas(1));
        std::vector<OutgoingRecord> records(2);
        records[0].value = QByteArray("refused");
        records[0].headers = {{QByteArray("a\0b", 3), QByteArray("v")}};
        records[1].value = QByteArray("sent");
        records[1].headers = {{QByteArray("a"), QByteArray("v\0w", 3)}};
        const auto produced = backend->produce(topic, records, {});
        QVERIFY(produced.ok());
        QCOMPARE(produced->size(), size_t(2));
        QVERIFY((*produced)[0].error);
        QVERIFY2((*produced)[0].error->message.contains(QLatin1String("header key 610062 contains a NUL byte")),
                 qPrintable((*produced)[0].error->message));
        QVERIFY(!(*produced)[1].error);
        const auto read = fetchAll(*backend, topic, 1);
        QCOMPARE(read.size(), size_t(1));
        QCOMPARE(read[0].value, QByteArray("sent"));
        QCOMPARE(read[0].headers, records[1].headers);
    }
};

QTEST_GUILESS_MAIN(TestRoundTripKafka)
#include "tst_roundtrip_kafka.moc"
