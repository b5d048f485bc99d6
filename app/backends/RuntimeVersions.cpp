#include "backends/RuntimeVersions.h"

#include "core/Version.h"

#ifdef TIDEMARK_HAVE_KAFKA
#include "kafka/KafkaVersion.h"
#endif

#include <QtGlobal>

namespace tidemark {

QString librdkafkaRuntimeVersion()
{
#ifdef TIDEMARK_HAVE_KAFKA
    return kafka::librdkafkaRuntimeVersion();
#else
    return {};
#endif
}

namespace {

QString withBuildVersion(const QString &runtime, const QString &built)
{
    return runtime == built ? runtime : runtime + QStringLiteral(", built with ") + built;
}

} // namespace

QString runtimeVersionBanner()
{
    const QString qt = withBuildVersion(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
#ifdef TIDEMARK_HAVE_KAFKA
    const QString rdkafka = withBuildVersion(kafka::librdkafkaRuntimeVersion(), kafka::librdkafkaBuildVersion());
#else
    const QString rdkafka = QStringLiteral("not in this build");
#endif
    return QStringLiteral("Tidemark %1 (Qt %2, librdkafka %3)").arg(tidemarkVersion(), qt, rdkafka);
}

} // namespace tidemark
