// The contract's target: the in-memory FakeBackend (tests/common) the UI and core tests stand
// on. It must keep the contract, or tests on it prove nothing about the real brokers.

#include "BackendContract.h"

#include "FakeBackend.h"

tidemark::test::ContractTarget tidemark::test::contractTarget()
{
    ContractTarget target;
    target.name = QStringLiteral("fake");
    target.open = [] { return std::shared_ptr<Backend>(std::make_shared<FakeBackend>()); };
    return target;
}
