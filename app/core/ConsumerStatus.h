#pragma once

// What the UI knows about one in-app consumer at a moment: a value type published by the
// consumer manager (GUI thread) and read by the consumers panel and the timeline.

#include "core/Record.h"

#include <QMetaType>
#include <QString>

#include <map>
#include <vector>

namespace tidemark {

struct ConsumerStatus {
    enum class State {
        Starting,    // created, joining the group
        Running,     // polling
        Rebalancing, // partitions revoked, waiting for an assignment
        Stopped,     // stopped cleanly (committed, left the group)
        Killed,      // hard stop: no commit, no leave (re-delivery will follow)
        Failed,      // stopped by an error (lastError says which)
    };

    QString consumerId; // UI-local, stable across restarts: e.g. "billing #2"
    QString groupId;
    QString memberId;   // the broker's member id; changes on every join
    int generation = -1;
    State state = State::Starting;
    std::vector<TopicPartition> assignment;
    std::map<TopicPartition, qint64> positions; // next offset to read, per assigned partition
    std::map<TopicPartition, qint64> committed; // last committed offsets known to this consumer
    qint64 recordsConsumed = 0;
    QString lastError;
    qint64 updatedAtMs = 0;
};

} // namespace tidemark

Q_DECLARE_METATYPE(tidemark::ConsumerStatus)
