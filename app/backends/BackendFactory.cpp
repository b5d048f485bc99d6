#include "backends/BackendFactory.h"

#include "core/ConnectionProfile.h"

#ifdef TIDEMARK_HAVE_LOGBROKER
#include "logbroker/LocalBackend.h"
#endif
#ifdef TIDEMARK_HAVE_KAFKA
#include "kafka/KafkaBackend.h"
#endif

namespace tidemark {

Result<std::shared_ptr<Backend>> openBackend(const ConnectionSpec &spec)
{
    switch (spec.kind) {
    case ConnectionSpec::Kind::Local: {
#ifdef TIDEMARK_HAVE_LOGBROKER
        const QString dir = spec.dataDirectory.isEmpty() ? defaultDataDirectory() : spec.dataDirectory;
        return openLocalBackend(dir);
#else
        return Error(ErrorCode::Unsupported, QStringLiteral("the built-in broker is not part of this build"));
#endif
    }
    case ConnectionSpec::Kind::Kafka:
#ifdef TIDEMARK_HAVE_KAFKA
        return openKafkaBackend(spec.kafka);
#else
        return Error(ErrorCode::Unsupported, QStringLiteral("Kafka mode is not part of this build"));
#endif
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown connection kind"));
}

} // namespace tidemark
