#pragma once

// The version of the librdkafka library loaded at run time, which may differ from the
// headers Tidemark was built against (a newer shared library from the system).
// Thread: any.

#include <QString>

namespace tidemark::kafka {

QString librdkafkaRuntimeVersion(); // rd_kafka_version_str(), e.g. "2.0.2"
QString librdkafkaBuildVersion();   // RD_KAFKA_VERSION of the headers, e.g. "2.0.2"

} // namespace tidemark::kafka
