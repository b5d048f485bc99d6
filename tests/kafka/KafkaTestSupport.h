#pragma once

// Helpers shared by the Kafka tests: the profile of the test cluster that
// tests/kafka/cluster.sh runs (127.0.0.1:9094-9096), unique topic and group names so reruns
// never collide, and runners for cluster.sh and external tools (kcat, Kafka's own Java
// tools, tidemark-cli).

#include "TestPaths.h"
#include "core/Backend.h"
#include "core/ConnectionProfile.h"
#include "kafka/KafkaBackend.h"

#include "../common/ProcessRunner.h"
#include "../common/ServeProcess.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tidemark::test {

inline const QString kBootstrap = QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096");

// The broker these tests talk to. Normally the JVM test cluster (3 brokers). A test built with
// TIDEMARK_TEST_AGAINST_SERVE talks to `tidemark-cli serve` over a fresh data directory
// instead: one broker, on a port the system picks, started once per test executable (the
// built-in broker speaking Kafka must pass the same contract). Tests that need 3 brokers,
// groups or an outage skip there (TIDEMARK_REQUIRE_CLUSTER).
struct KafkaTarget {
    QString bootstrap;
    int brokers = 3;
    bool builtIn = false;
};

#ifdef TIDEMARK_TEST_AGAINST_SERVE
inline const KafkaTarget &kafkaTarget()
{
    static QTemporaryDir dir;
    static ServeProcess serve;
    static const KafkaTarget target = [] {
        if (!serve.start(dir.path()))
            qFatal("tidemark-cli serve did not start: %s", qPrintable(serve.error()));
        return KafkaTarget{serve.bootstrap(), 1, true};
    }();
    return target;
}
#else
inline const KafkaTarget &kafkaTarget()
{
    static const KafkaTarget target{kBootstrap, 3, false};
    return target;
}
#endif

// The replication factor to ask for: `wanted`, or 1 on the single built-in broker.
inline int replicas(int wanted) { return kafkaTarget().builtIn ? 1 : wanted; }

#define TIDEMARK_REQUIRE_CLUSTER(why)                                                                                  \
    do {                                                                                                               \
        if (tidemark::test::kafkaTarget().builtIn)                                                                     \
            QSKIP("needs the 3-broker JVM cluster: " why);                                                             \
    } while (false)

inline KafkaProfile clusterProfile()
{
    KafkaProfile p;
    p.name = QStringLiteral("test cluster");
    p.bootstrapServers = kafkaTarget().bootstrap;
    p.clientId = QStringLiteral("tidemark-test");
    p.connectTimeoutMs = 5000;
    p.requestTimeoutMs = 15000;
    // TIDEMARK_KAFKA_DEBUG=metadata,topic,... turns on librdkafka's debug log for a run.
    if (const QString debug = qEnvironmentVariable("TIDEMARK_KAFKA_DEBUG"); !debug.isEmpty())
        p.extraConfig.insert(QStringLiteral("debug"), debug);
    return p;
}

// "prefix-<ms>-<random>": unique per run, legal as a Kafka topic and group name.
inline QString uniqueName(const QString &prefix)
{
    return QStringLiteral("%1-%2-%3")
        .arg(prefix)
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(QRandomGenerator::global()->bounded(1000000));
}

// tests/kafka/cluster.sh with the test cluster's state dir (TIDEMARK_KAFKA_STATE, set by CTest).
inline ProcessResult cluster(const QStringList &args, int timeoutMs = 180000)
{
    return runProcess((tidemark::test::paths::sourceDir() + QStringLiteral("/tests/kafka/cluster.sh")), args, {},
                      timeoutMs);
}

// The backend of the test cluster, after making sure all three brokers run: `cluster.sh
// start` relaunches any node an earlier test left stopped (a test killed by its timeout
// never restarts the broker it stopped) and waits until every node serves metadata.
inline std::shared_ptr<Backend> openCluster()
{
    const ProcessResult whole =
        kafkaTarget().builtIn ? ProcessResult{0, {}, {}, true} : cluster({QStringLiteral("start")});
    if (whole.exitCode != 0)
        qWarning("cluster.sh start: exit %d: %s", whole.exitCode, whole.err.constData());
    auto backend = openKafkaBackend(clusterProfile());
    if (!backend)
        qFatal("openKafkaBackend: %s", qPrintable(backend.error().toString()));
    return backend.value();
}

inline ProcessResult cli(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000)
{
    return runProcess(tidemark::test::paths::cli(), args, input, timeoutMs);
}

inline QString describe(const ProcessResult &r)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out.left(2000)), QString::fromUtf8(r.err.left(2000)));
}

inline Status createTopic(Backend &backend, const QString &topicName, int partitionCount, int replication)
{
    TopicSpec spec;
    spec.name = topicName;
    spec.partitions = partitionCount;
    spec.replicationFactor = replicas(replication);
    return backend.createTopic(spec);
}

// Creates a topic or fails the calling test.
#define TIDEMARK_CREATE_TOPIC(backend_, name_, partitions_, rf_)                                                       \
    do {                                                                                                               \
        const auto created_ = tidemark::test::createTopic((backend_), (name_), (partitions_), (rf_));                  \
        QVERIFY2(created_.ok(), qPrintable(created_.ok() ? QString() : created_.error().toString()));                  \
    } while (false)

} // namespace tidemark::test
