#pragma once

// Helpers shared by the Kafka tests: the profile of the test cluster that
// tests/kafka/cluster.sh runs (127.0.0.1:9094-9096), unique topic and group names so reruns
// never collide, and runners for cluster.sh and external tools (kcat, Kafka's own Java
// tools, tidemark-cli).

#include "core/Backend.h"
#include "core/ConnectionProfile.h"
#include "kafka/KafkaBackend.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

namespace tidemark::test {

inline const QString kBootstrap = QStringLiteral("127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096");

inline KafkaProfile clusterProfile()
{
    KafkaProfile p;
    p.name = QStringLiteral("test cluster");
    p.bootstrapServers = kBootstrap;
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

struct ProcessResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
};

inline ProcessResult runProcess(const QString &program, const QStringList &args, const QByteArray &input = {},
                                int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "could not start " + program.toUtf8() + ": " + p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// tests/kafka/cluster.sh with the test cluster's state dir (TIDEMARK_KAFKA_STATE, set by CTest).
inline ProcessResult cluster(const QStringList &args, int timeoutMs = 180000)
{
    return runProcess(QStringLiteral(TIDEMARK_KAFKA_CLUSTER_SCRIPT), args, {}, timeoutMs);
}

// The backend of the test cluster, after making sure all three brokers run: `cluster.sh
// start` relaunches any node an earlier test left stopped (a test killed by its timeout
// never restarts the broker it stopped) and waits until every node serves metadata.
inline std::shared_ptr<Backend> openCluster()
{
    const ProcessResult whole = cluster({QStringLiteral("start")});
    if (whole.exitCode != 0)
        qWarning("cluster.sh start: exit %d: %s", whole.exitCode, whole.err.constData());
    auto backend = openKafkaBackend(clusterProfile());
    if (!backend)
        qFatal("openKafkaBackend: %s", qPrintable(backend.error().toString()));
    return backend.value();
}

inline ProcessResult cli(const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000)
{
    return runProcess(QStringLiteral(TIDEMARK_CLI_PATH), args, input, timeoutMs);
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
    spec.replicationFactor = replication;
    return backend.createTopic(spec);
}

// Creates a topic or fails the calling test.
#define TIDEMARK_CREATE_TOPIC(backend_, name_, partitions_, rf_)                                                       \
    do {                                                                                                               \
        const auto created_ = tidemark::test::createTopic((backend_), (name_), (partitions_), (rf_));                  \
        QVERIFY2(created_.ok(), qPrintable(created_.ok() ? QString() : created_.error().toString()));                  \
    } while (false)

} // namespace tidemark::test
