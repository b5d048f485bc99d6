// The connection state machine: "Connected" only after the broker answered, late results of
// superseded attempts ignored, and a failure explained in one sentence with the library's
// text kept as details.

#include "core/ConnectionLifecycle.h"

#include <QSignalSpy>
#include <QTest>

using namespace tidemark;

namespace {

ConnectionSpec kafkaAt(const QString &servers)
{
    ConnectionSpec spec;
    spec.kind = ConnectionSpec::Kind::Kafka;
    spec.kafka.name = QStringLiteral("test");
    spec.kafka.bootstrapServers = servers;
    return spec;
}

ClusterInfo someCluster()
{
    ClusterInfo info;
    info.kind = QStringLiteral("kafka");
    info.clusterId = QStringLiteral("abc");
    info.brokers.push_back(BrokerInfo{1, QStringLiteral("127.0.0.1"), 9094, true});
    return info;
}

QList<ConnectionState> states(const QSignalSpy &spy)
{
    QList<ConnectionState> out;
    for (const auto &args : spy)
        out << args.at(0).value<ConnectionState>();
    return out;
}

} // namespace

class TestConnectionLifecycle final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ConnectionState>(); }

    void connectsOnlyWhenTheBrokerAnswered()
    {
        ConnectionLifecycle lifecycle;
        QSignalSpy spy(&lifecycle, &ConnectionLifecycle::stateChanged);
        QCOMPARE(lifecycle.state(), ConnectionState::Disconnected);
        const quint64 attempt = lifecycle.begin(kafkaAt(QStringLiteral("127.0.0.1:9094")));
        QCOMPARE(lifecycle.state(), ConnectionState::Connecting);
        lifecycle.succeeded(attempt, QStringLiteral("Kafka: 127.0.0.1:9094"), someCluster());
        QCOMPARE(lifecycle.state(), ConnectionState::Connected);
        QCOMPARE(lifecycle.clusterInfo().clusterId, QStringLiteral("abc"));
        QCOMPARE(lifecycle.where(), QStringLiteral("Kafka: 127.0.0.1:9094"));
        QCOMPARE(states(spy), (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Connected}));
        lifecycle.disconnect();
        QCOMPARE(lifecycle.state(), ConnectionState::Disconnected);
        QVERIFY(lifecycle.where().isEmpty());
    }

    void aFailedAttemptIsNeverConnected()
    {
        ConnectionLifecycle lifecycle;
        QSignalSpy spy(&lifecycle, &ConnectionLifecycle::stateChanged);
        const quint64 attempt = lifecycle.begin(kafkaAt(QStringLiteral("127.0.0.1:9099")));
        lifecycle.failed(attempt,
                         Error(ErrorCode::Unavailable,
                               QStringLiteral("reading the cluster metadata: nothing is listening on 127.0.0.1:9099 "
                                              "(connection refused): Connect to ipv4#127.0.0.1:9099 failed")));
        QCOMPARE(lifecycle.state(), ConnectionState::Unreachable);
        // A late success of the same attempt (a backend that answered after all) changes nothing.
        lifecycle.succeeded(attempt, QStringLiteral("Kafka: 127.0.0.1:9099"), someCluster());
        QCOMPARE(lifecycle.state(), ConnectionState::Unreachable);
        QCOMPARE(states(spy), (QList<ConnectionState>{ConnectionState::Connecting, ConnectionState::Unreachable}));
        QVERIFY(lifecycle.failure());
        QCOMPARE(lifecycle.failure()->kind, ConnectionFailure::Kind::Refused);
        QCOMPARE(lifecycle.failure()->headline,
                 QStringLiteral("Nothing is listening on 127.0.0.1:9099. Is Kafka running "
                                "there? Or switch back to the built-in broker."));
        QVERIFY(lifecycle.failure()->details.contains(QStringLiteral("Connect to ipv4#127.0.0.1:9099 failed")));
    }

    void resultsOfSupersededAttemptsAreIgnored()
    {
        ConnectionLifecycle lifecycle;
        QSignalSpy spy(&lifecycle, &ConnectionLifecycle::stateChanged);
        const quint64 first = lifecycle.begin(kafkaAt(QStringLiteral("a:9092")));
        const quint64 second = lifecycle.begin(kafkaAt(QStringLiteral("b:9092")));
        QVERIFY(first != second);
        QCOMPARE(spy.count(), 2); // each attempt is news, even from Connecting
        lifecycle.succeeded(first, QStringLiteral("Kafka: a:9092"), someCluster());
        QCOMPARE(lifecycle.state(), ConnectionState::Connecting);
        lifecycle.failed(first, Error(ErrorCode::Timeout, QStringLiteral("late")));
        QCOMPARE(lifecycle.state(), ConnectionState::Connecting);
        QCOMPARE(lifecycle.spec()->kafka.bootstrapServers, QStringLiteral("b:9092"));
        // Disconnect while connecting: the answer on its way belongs to no attempt.
        lifecycle.disconnect();
        lifecycle.succeeded(second, QStringLiteral("Kafka: b:9092"), someCluster());
        QCOMPARE(lifecycle.state(), ConnectionState::Disconnected);
        QVERIFY(!states(spy).contains(ConnectionState::Connected));
    }

    void aConnectionLostAfterItAnswered()
    {
        ConnectionLifecycle lifecycle;
        lifecycle.lost(Error(ErrorCode::Unavailable, QStringLiteral("x"))); // not connected: nothing to lose
        QCOMPARE(lifecycle.state(), ConnectionState::Disconnected);
        const quint64 attempt = lifecycle.begin(kafkaAt(QStringLiteral("127.0.0.1:9094")));
        lifecycle.succeeded(attempt, QStringLiteral("Kafka"), someCluster());
        lifecycle.lost(Error(ErrorCode::Timeout, QStringLiteral("did not answer within 15000 ms")));
        QCOMPARE(lifecycle.state(), ConnectionState::Unreachable);
        QCOMPARE(lifecycle.failure()->kind, ConnectionFailure::Kind::NoAnswer);
    }

    void explainsFailures_data()
    {
        QTest::addColumn<bool>("kafka");
        QTest::addColumn<QString>("servers");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("headlineStart");

        QTest::newRow("refused, three servers")
            << true << QStringLiteral("127.0.0.1:9094,127.0.0.1:9095, 127.0.0.1:9096") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on 127.0.0.1:9094, 127.0.0.1:9095, 127.0.0.1:9096")
            << int(ConnectionFailure::Kind::Refused)
            << QStringLiteral("Nothing is listening on 127.0.0.1:9094, 127.0.0.1:9095, 127.0.0.1:9096. Is Kafka "
                              "running? Start it (the cluster of packaging/compose starts with “docker compose up "
                              "-d”) or switch back to the built-in broker.");
        // The compose cluster by another name of this machine: starting it is still the fix.
        QTest::newRow("refused, the compose cluster as localhost")
            << true << QStringLiteral("localhost:9094,[::1]:9095") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on localhost:9094, [::1]:9095")
            << int(ConnectionFailure::Kind::Refused)
            << QStringLiteral("Nothing is listening on localhost:9094, [::1]:9095. Is Kafka running? Start it (the "
                              "cluster of packaging/compose starts with “docker compose up -d”)");
        // Any other address: "docker compose up -d" would leave it closed, so no such advice.
        QTest::newRow("refused, another port")
            << true << QStringLiteral("127.0.0.1:9099") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on 127.0.0.1:9099") << int(ConnectionFailure::Kind::Refused)
            << QStringLiteral("Nothing is listening on 127.0.0.1:9099. Is Kafka running there? Or switch back to the "
                              "built-in broker.");
        QTest::newRow("refused, the compose ports on another host")
            << true << QStringLiteral("10.0.0.5:9094") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on 10.0.0.5:9094") << int(ConnectionFailure::Kind::Refused)
            << QStringLiteral("Nothing is listening on 10.0.0.5:9094. Is Kafka running there? Or switch back to the "
                              "built-in broker.");
        QTest::newRow("refused, one of the compose cluster's and another")
            << true << QStringLiteral("127.0.0.1:9094,127.0.0.1:9099") << int(ErrorCode::Unavailable)
            << QStringLiteral("nothing is listening on 127.0.0.1:9094, 127.0.0.1:9099")
            << int(ConnectionFailure::Kind::Refused)
            << QStringLiteral("Nothing is listening on 127.0.0.1:9094, 127.0.0.1:9099. Is Kafka running there?");
        QTest::newRow("host not found") << true << QStringLiteral("nosuchhost.invalid:9092")
                                        << int(ErrorCode::Unavailable)
                                        << QStringLiteral("host not found: nosuchhost.invalid")
                                        << int(ConnectionFailure::Kind::HostNotFound)
                                        << QStringLiteral("The address nosuchhost.invalid:9092 does not resolve");
        QTest::newRow("librdkafka resolve failure")
            << true << QStringLiteral("x:1") << int(ErrorCode::Unavailable)
            << QStringLiteral("x:1/bootstrap: Failed to resolve 'x:1': Name or service not known")
            << int(ConnectionFailure::Kind::HostNotFound) << QStringLiteral("The address x:1 does not resolve");
        QTest::newRow("no answer")
            << true << QStringLiteral("10.0.0.1:9092") << int(ErrorCode::Unavailable)
            << QStringLiteral(
                   "reading the cluster metadata: the Kafka cluster at 10.0.0.1:9092 did not answer within 5000 ms")
            << int(ConnectionFailure::Kind::NoAnswer) << QStringLiteral("No Kafka broker at 10.0.0.1:9092 answered");
        QTest::newRow("security: its own words")
            << true << QStringLiteral("h:9093") << int(ErrorCode::Unavailable)
            << QStringLiteral("The broker h:9093 rejected the user name or password")
            << int(ConnectionFailure::Kind::Other)
            << QStringLiteral("Cannot connect to Kafka: h:9093: The broker h:9093 rejected");
        QTest::newRow("built-in broker") << false << QString() << int(ErrorCode::Unavailable)
                                         << QStringLiteral("the data directory is in use by another process")
                                         << int(ConnectionFailure::Kind::Other)
                                         << QStringLiteral("Cannot open the built-in broker's data directory: the data "
                                                           "directory is in use by another process");
    }

    void explainsFailures()
    {
        QFETCH(bool, kafka);
        QFETCH(QString, servers);
        QFETCH(int, code);
        QFETCH(QString, message);
        QFETCH(int, kind);
        QFETCH(QString, headlineStart);
        ConnectionSpec spec = kafka ? kafkaAt(servers) : ConnectionSpec{};
        const ConnectionFailure f = explainConnectionFailure(spec, Error(ErrorCode(code), message));
        QCOMPARE(int(f.kind), kind);
        QVERIFY2(f.headline.startsWith(headlineStart), qPrintable(f.headline));
        QCOMPARE(f.details, message);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLifecycle)
#include "tst_connectionlifecycle.moc"
