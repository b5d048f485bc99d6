#pragma once

// The one place that knows every Backend implementation: turns a ConnectionSpec (a local
// data directory or a Kafka profile) into a Backend. The mains call it and inject the
// result; nothing else includes logbroker/ or kafka/ headers.

#include "core/Backend.h"
#include "core/ConnectionProfile.h"

#include <memory>

namespace tidemark {

// May block briefly (opening a data directory). Kafka connections are lazy: errors about
// unreachable brokers come from the first call, within the profile's connect timeout.
Result<std::shared_ptr<Backend>> openBackend(const ConnectionSpec &spec);

} // namespace tidemark
