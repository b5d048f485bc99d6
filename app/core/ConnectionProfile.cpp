#include "core/ConnectionProfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace tidemark {

QString ConnectionSpec::describe() const
{
    if (kind == Kind::Local)
        return QCoreApplication::translate("tidemark::ConnectionSpec", "Local: %1")
            .arg(QDir::toNativeSeparators(dataDirectory.isEmpty() ? defaultDataDirectory() : dataDirectory));
    return QCoreApplication::translate("tidemark::ConnectionSpec", "Kafka: %1").arg(kafka.bootstrapServers);
}

QString shownProfileName(const QString &name)
{
    return name == defaultKafkaProfileName()
               ? QCoreApplication::translate("tidemark::KafkaProfile", "Local cluster (compose)")
               : name;
}

QString savedProfileName(const QString &shown)
{
    return shown == shownProfileName(defaultKafkaProfileName()) ? defaultKafkaProfileName() : shown;
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
