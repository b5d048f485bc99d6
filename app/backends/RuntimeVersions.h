#pragma once

// Versions of what Tidemark runs on, for the About box, diagnostics and --version: Qt and
// librdkafka as loaded at run time (the headers they were built against may be older).
// The mains call these and hand the results to the UI. Thread: any.

#include <QString>

namespace tidemark {

// The librdkafka shared library in use, e.g. "2.0.2"; empty if Kafka mode is not built.
QString librdkafkaRuntimeVersion();

// "Tidemark 0.1.0 (Qt 6.4.2, librdkafka 2.0.2)" with the run-time versions; a library that
// differs from its build-time headers says so: "librdkafka 2.3.0, built with 2.0.2".
QString runtimeVersionBanner();

} // namespace tidemark
