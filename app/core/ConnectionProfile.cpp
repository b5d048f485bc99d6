#include "core/ConnectionProfile.h"

#include <QDir>
#include <QStandardPaths>

namespace tidemark {

QString ConnectionSpec::describe() const
{
    if (kind == Kind::Local)
        return QStringLiteral("Local: ") +
               QDir::toNativeSeparators(dataDirectory.isEmpty() ? defaultDataDirectory() : dataDirectory);
    return QStringLiteral("Kafka: ") + kafka.bootstrapServers;
}

QString defaultDataDirectory()
{
    const QString env = qEnvironmentVariable("TIDEMARK_DATA");
    if (!env.isEmpty())
        return env;
    // GenericDataLocation keeps the path stable whatever the application name is set to.
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/Tidemark/data");
}

} // namespace tidemark
