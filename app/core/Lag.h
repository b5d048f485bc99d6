#pragma once

// Lag, defined once (issue 14): every view that says "lag" (the Consumers dock, the timeline's
// lane labels and legend, the charts, the lag history, `tidemark-cli groups describe`) and both
// brokers compute it here, so two views never show two numbers for one group at one moment.
//
// Lag is what Kafka and kafka-consumer-groups.sh call it: per partition, the log end offset (the
// high watermark: the offset the next record will get) minus the group's committed offset, the
// records the group would process again or for the first time if it resumed now. A consumer's
// position (the next offset it will process) does not count: records between the committed
// offset and the position were processed but not committed, and a crash delivers them again.
// The records after the position are a different number, "not yet read" (unreadRecords), shown
// under that name where it helps (the dock's tooltips), never as "lag".
//
// Thread: pure functions, any thread.

#include <QtGlobal>

namespace tidemark {

// Log end minus committed, never negative (a commit can be ahead of a watermark polled
// earlier); -1 when either is unknown (nothing committed yet: kafka-consumer-groups.sh
// prints "-").
constexpr qint64 partitionLag(qint64 logEnd, qint64 committed)
{
    if (logEnd < 0 || committed < 0)
        return -1;
    return logEnd > committed ? logEnd - committed : 0;
}

// Log end minus a consumer's position: records it has not read yet. Never negative; -1 when
// either is unknown.
constexpr qint64 unreadRecords(qint64 logEnd, qint64 position)
{
    if (logEnd < 0 || position < 0)
        return -1;
    return logEnd > position ? logEnd - position : 0;
}

// Adds a partition's lag to a sum that starts at -1 (nothing known): unknown lags are left out.
constexpr qint64 addLag(qint64 sum, qint64 lag) { return lag < 0 ? sum : (sum < 0 ? 0 : sum) + lag; }

} // namespace tidemark
