// A Kafka profile whose bootstrap servers refuse the connection (a closed port, nothing to
// start): the first call fails with "nothing is listening on ..." instead of waiting the
// connect timeout, which librdkafka would, retrying. Needs no cluster.
//
// No clocks: the connect timeout is set to 5 minutes, so a call that waited for it would
// hit the test's time limit; and the message proves which path answered (only the
// bootstrap probe says "nothing is listening").

#include "../common/ClosedPort.h"
#include "core/ConnectionLifecycle.h"
#include "kafka/KafkaBackend.h"
#include "kafka/KafkaProbe.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace tidemark;
using namespace tidemark::kafka;

using test::closedPort;

class TestKafkaRefused final : public QObject {
    Q_OBJECT

private slots:
    void parsesBootstrapServers_data()
    {
        QTest::addColumn<QString>("servers");
        QTest::addColumn<QStringList>("parsed");
        QTest::newRow("one") << QStringLiteral("127.0.0.1:9099") << QStringList{QStringLiteral("127.0.0.1:9099")};
        QTest::newRow("three, spaces") << QStringLiteral("a:1, b:2 ,c:3")
                                       << QStringList{QStringLiteral("a:1"), QStringLiteral("b:2"),
                                                      QStringLiteral("c:3")};
        QTest::newRow("protocol prefix") << QStringLiteral("PLAINTEXT://h:9092,SASL_SSL://k:9093")
                                         << QStringList{QStringLiteral("h:9092"), QStringLiteral("k:9093")};
        QTest::newRow("ipv6") << QStringLiteral("[::1]:9092") << QStringList{QStringLiteral("[::1]:9092")};
        QTest::newRow("no port, bad port") << QStringLiteral("h,h:0,h:70000,h:x") << QStringList{};
    }

    void parsesBootstrapServers()
    {
        QFETCH(QString, servers);
        QFETCH(QStringList, parsed);
        QStringList out;
        for (const BootstrapServer &s : parseBootstrapServers(servers))
            out << s.toString();
        QCOMPARE(out, parsed);
    }

    void probeTellsRefusedFromListening()
    {
        const quint16 closed = closedPort();
        QVERIFY(closed != 0);
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost, 0));
        const BootstrapServer refused{QStringLiteral("127.0.0.1"), closed};
        const BootstrapServer open{QStringLiteral("127.0.0.1"), listening.serverPort()};
        ProbeOutcome all = probeBootstrapServers({refused, refused}, 5000);
        QCOMPARE(all.kind, ProbeOutcome::Kind::AllRefused);
        QCOMPARE(all.refused.size(), 2);
        // One listening server is enough for the client to try.
        QCOMPARE(probeBootstrapServers({refused, open}, 5000).kind, ProbeOutcome::Kind::SomeoneListens);
        QCOMPARE(probeBootstrapServers({}, 5000).kind, ProbeOutcome::Kind::SomeoneListens);
    }

    void aClosedPortFailsAtOnceAndSaysSo()
    {
        const quint16 closed = closedPort();
        QVERIFY(closed != 0);
        KafkaProfile profile = test::kafkaProfileOnPort(closed, QStringLiteral("nothing there"));
        profile.requestTimeoutMs = 300000; // as the connect timeout: beyond the test's time limit (60 s)
        auto backend = KafkaBackend::open(profile);
        QVERIFY2(backend.ok(), qPrintable(backend.ok() ? QString() : backend.error().message));
        QElapsedTimer timer;
        timer.start();
        const auto info = (*backend)->clusterInfo();
        qInfo("clusterInfo() on a closed port answered after %lld ms: %s", timer.elapsed(),
              qPrintable(info.ok() ? QString() : info.error().message));
        QVERIFY(!info.ok());
        QCOMPARE(info.error().code, ErrorCode::Unavailable);
        const QString expected = QStringLiteral("nothing is listening on 127.0.0.1:%1").arg(closed);
        QVERIFY2(info.error().message.contains(expected), qPrintable(info.error().message));
        // What the app shows from it.
        ConnectionSpec spec;
        spec.kind = ConnectionSpec::Kind::Kafka;
        spec.kafka = profile;
        const ConnectionFailure failure = explainConnectionFailure(spec, info.error());
        QCOMPARE(failure.kind, ConnectionFailure::Kind::Refused);
        QVERIFY2(failure.headline.startsWith(QStringLiteral("Nothing is listening on 127.0.0.1:%1.").arg(closed)),
                 qPrintable(failure.headline));
    }
};

QTEST_GUILESS_MAIN(TestKafkaRefused)
#include "tst_kafka_refused.moc"
