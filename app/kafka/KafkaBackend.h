#pragma once

// Real Kafka mode: a Backend over librdkafka (the only code in Tidemark that includes
// librdkafka's headers lives next to this file).
//
// Threading: the returned Backend is thread-safe, as core/Backend.h requires. It owns one
// librdkafka producer handle (produce, metadata, admin, offset queries) served by one
// private poll thread (delivery reports, error callbacks), plus a small pool of group-less
// consumer handles for fetch(), guarded by a mutex. Consumers from createConsumer() have
// their own handles and follow the Consumer contract.
//
// Errors say what failed and where: the broker address and librdkafka's reason ("127.0.0.1:
// 9099/bootstrap: Connect to ipv4#127.0.0.1:9099 failed: Connection refused"). Until the
// cluster has answered once, calls wait at most the profile's connect timeout.

#include "core/Backend.h"
#include "core/ConnectionProfile.h"

#include <memory>

namespace tidemark {

// Validates the profile and creates the client handles. Does not contact the cluster:
// connection problems surface from the first call, within profile.connectTimeoutMs.
Result<std::shared_ptr<Backend>> openKafkaBackend(const KafkaProfile &profile);

} // namespace tidemark
