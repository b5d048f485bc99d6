// The contract's target: the Kafka backend (librdkafka) against the 3-broker test cluster of
// tests/kafka, or, built with TIDEMARK_TEST_AGAINST_SERVE, against `tidemark-cli serve`: the
// built-in broker speaking Kafka (KafkaTestSupport.h).

#include "BackendContract.h"

#include "KafkaTestSupport.h"

tidemark::test::ContractTarget tidemark::test::contractTarget()
{
    ContractTarget target;
    target.name = kafkaTarget().builtIn ? QStringLiteral("serve") : QStringLiteral("kafka");
    target.open = [] { return openCluster(); };
    target.sessionTimeoutMs = 6000; // the cluster's group.min.session.timeout.ms
    target.heartbeatIntervalMs = 500;
    return target;
}
