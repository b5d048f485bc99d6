#include "kafka/KafkaVersion.h"

#include <librdkafka/rdkafka.h>

namespace tidemark::kafka {

QString librdkafkaRuntimeVersion() { return QString::fromLatin1(rd_kafka_version_str()); }

QString librdkafkaBuildVersion()
{
    // 0xMMmmrrpp: major, minor, revision, pre-release (0xff for a final release).
    const int v = RD_KAFKA_VERSION;
    return QStringLiteral("%1.%2.%3").arg((v >> 24) & 0xff).arg((v >> 16) & 0xff).arg((v >> 8) & 0xff);
}

} // namespace tidemark::kafka
