#pragma once

// The real ServeStarter (core/ServeSwitch.h): a kafkaserver::KafkaListener over a Local
// connection's data directory. Empty where the listener is not built (no built-in broker):
// the app then offers no "Serve Kafka clients" switch. Thread: the returned function runs
// on any thread but the GUI's (it blocks).

#include "core/ServeSwitch.h"

namespace tidemark {

ServeStarter kafkaServeStarter();

} // namespace tidemark
