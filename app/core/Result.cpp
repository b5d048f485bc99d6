#include "core/Result.h"

namespace tidemark {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unknown: return QStringLiteral("Error");
    case ErrorCode::InvalidArgument: return QStringLiteral("Invalid argument");
    case ErrorCode::NotFound: return QStringLiteral("Not found");
    case ErrorCode::AlreadyExists: return QStringLiteral("Already exists");
    case ErrorCode::Corrupt: return QStringLiteral("Corrupt data");
    case ErrorCode::Io: return QStringLiteral("I/O error");
    case ErrorCode::Unavailable: return QStringLiteral("Unavailable");
    case ErrorCode::Timeout: return QStringLiteral("Timed out");
    case ErrorCode::Conflict: return QStringLiteral("Conflict");
    case ErrorCode::Unsupported: return QStringLiteral("Unsupported");
    case ErrorCode::Cancelled: return QStringLiteral("Cancelled");
    }
    return QStringLiteral("Error");
}

QString Error::toString() const { return errorCodeName(code) + QStringLiteral(": ") + message; }

} // namespace tidemark
