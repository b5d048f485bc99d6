#include "core/Result.h"

#include <QCoreApplication>

namespace tidemark {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Unknown: return QCoreApplication::translate("tidemark::Error", "Error");
    case ErrorCode::InvalidArgument: return QCoreApplication::translate("tidemark::Error", "Invalid argument");
    case ErrorCode::NotFound: return QCoreApplication::translate("tidemark::Error", "Not found");
    case ErrorCode::AlreadyExists: return QCoreApplication::translate("tidemark::Error", "Already exists");
    case ErrorCode::Corrupt: return QCoreApplication::translate("tidemark::Error", "Corrupt data");
    case ErrorCode::Io: return QCoreApplication::translate("tidemark::Error", "I/O error");
    case ErrorCode::Unavailable: return QCoreApplication::translate("tidemark::Error", "Unavailable");
    case ErrorCode::Timeout: return QCoreApplication::translate("tidemark::Error", "Timed out");
    case ErrorCode::Conflict: return QCoreApplication::translate("tidemark::Error", "Conflict");
    case ErrorCode::Unsupported: return QCoreApplication::translate("tidemark::Error", "Unsupported");
    case ErrorCode::Cancelled: return QCoreApplication::translate("tidemark::Error", "Cancelled");
    }
    return QCoreApplication::translate("tidemark::Error", "Error");
}

QString Error::toString() const { return errorCodeName(code) + QStringLiteral(": ") + message; }

} // namespace tidemark
