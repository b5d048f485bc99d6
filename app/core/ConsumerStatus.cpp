#include "core/ConsumerStatus.h"

namespace tidemark {

QString consumerStateName(ConsumerStatus::State state)
{
    switch (state) {
    case ConsumerStatus::State::Starting: return QStringLiteral("starting");
    case ConsumerStatus::State::Running: return QStringLiteral("running");
    case ConsumerStatus::State::Rebalancing: return QStringLiteral("rebalancing");
    case ConsumerStatus::State::Stopped: return QStringLiteral("stopped");
    case ConsumerStatus::State::Killed: return QStringLiteral("killed");
    case ConsumerStatus::State::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

} // namespace tidemark
