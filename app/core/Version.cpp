#include "core/Version.h"

#include <QtGlobal>

namespace tidemark {

QString tidemarkVersion() { return QStringLiteral(TIDEMARK_VERSION); }

QString versionBanner()
{
    // librdkafka's version is the one we built against (the kafka layer reports the runtime one).
    return QStringLiteral("Tidemark %1 (Qt %2, librdkafka %3)")
        .arg(tidemarkVersion(), QString::fromLatin1(qVersion()), QStringLiteral(TIDEMARK_RDKAFKA_VERSION));
}

} // namespace tidemark
