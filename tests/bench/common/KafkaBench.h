#pragma once

// The benchmarks' connection to the Apache Kafka test cluster (tests/kafka/cluster.sh).

#include "BenchSupport.h"

#include "core/ConnectionProfile.h"
#include "kafka/KafkaBackend.h"

#include <memory>

namespace tidemark::bench {

inline KafkaProfile kafkaProfile(const QString &bootstrap)
{
    KafkaProfile p;
    p.name = QStringLiteral("bench");
    p.bootstrapServers = bootstrap;
    p.clientId = QStringLiteral("tidemark-bench");
    p.connectTimeoutMs = 10000;
    p.requestTimeoutMs = 30000;
    return p;
}

// The backend, or the run ends with the connection's error.
inline std::shared_ptr<kafka::KafkaBackend> openKafka(const char *bench, const KafkaProfile &profile)
{
    auto backend = kafka::KafkaBackend::open(profile);
    if (!backend)
        die(bench, backend.error().toString());
    return backend.value();
}

} // namespace tidemark::bench
