// The contract's target: the built-in broker (LocalBackend) in a fresh temporary directory.

#include "BackendContract.h"

#include "logbroker/LocalBackend.h"

#include <QTemporaryDir>

tidemark::test::ContractTarget tidemark::test::contractTarget()
{
    ContractTarget target;
    target.name = QStringLiteral("local");
    target.open = []() -> std::shared_ptr<Backend> {
        static QTemporaryDir dir; // lives until the executable ends, as the backend does
        auto backend = openLocalBackend(dir.path());
        if (!backend) {
            qWarning("openLocalBackend: %s", qPrintable(backend.error().toString()));
            return nullptr;
        }
        return *backend;
    };
    return target;
}
