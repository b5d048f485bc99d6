#pragma once

// The Backend contract suite (tst_backend_contract.cpp) runs one body of test cases against
// every Backend we have: the built-in broker (LocalBackend), Apache Kafka (the test cluster of
// tests/kafka), the built-in broker through its Kafka listener (`tidemark-cli serve`, spoken to
// by the Kafka backend), and the in-memory FakeBackend the UI tests stand on. Each executable
// links one target_*.cpp that says how to open its backend; the cases themselves never ask
// which backend they run on, except through the few facts below.

#include "core/Backend.h"

#include <QString>

#include <functional>
#include <memory>

namespace tidemark::test {

struct ContractTarget {
    QString name; // for messages: "local", "kafka", "serve", "fake"
    // Opens the backend once per executable (initTestCase); a null pointer fails the suite.
    std::function<std::shared_ptr<Backend>()> open;
    // Timeouts for group membership: the Kafka test cluster needs session.timeout.ms >= 6000.
    int sessionTimeoutMs = 6000;
    int heartbeatIntervalMs = 500;
};

// Defined by the executable's target_*.cpp.
ContractTarget contractTarget();

} // namespace tidemark::test
