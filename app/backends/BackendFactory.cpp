#include "backends/BackendFactory.h"

namespace tidemark {

Result<std::shared_ptr<Backend>> openBackend(const ConnectionSpec &spec)
{
    switch (spec.kind) {
    case ConnectionSpec::Kind::Local:
        return Error(ErrorCode::Unsupported, QStringLiteral("the built-in broker is not part of this build yet"));
    case ConnectionSpec::Kind::Kafka:
        return Error(ErrorCode::Unsupported, QStringLiteral("Kafka mode is not part of this build yet"));
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown connection kind"));
}

} // namespace tidemark
