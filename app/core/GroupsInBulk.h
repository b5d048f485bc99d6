#pragma once

// An optional capability of a Backend (core/Backend.h): every consumer group described in one
// call, with committed offsets and the log ends of their partitions, for the lag history's
// sample (BrokerState::watchAllOffsets). A backend that can answer it cheaper than listGroups()
// plus one describeGroup() per group implements it beside Backend; describeAllGroups() uses it
// when the backend has it and falls back to listing and describing each group otherwise. The
// built-in broker, the Kafka backend (one describe of all groups, one offsets request per group,
// the watermarks of all their partitions together) and the tests' fake backend implement it.
//
// Threads: as Backend (any thread; the implementation is thread-safe).

#include "core/Backend.h"

#include <vector>

namespace tidemark {

class GroupsInBulk {
public:
    virtual ~GroupsInBulk() = default;
    // Every group, by group id, as describeGroup() describes it; a group that vanished meanwhile
    // is left out.
    virtual Result<std::vector<GroupInfo>> describeGroups() = 0;
};

// Every group described: through GroupsInBulk if `backend` has it, else listGroups() and a
// describeGroup() per group. `calls` (if given) is increased by the Backend calls made.
inline Result<std::vector<GroupInfo>> describeAllGroups(Backend &backend, qint64 *calls = nullptr)
{
    if (auto *bulk = dynamic_cast<GroupsInBulk *>(&backend)) {
        if (calls)
            ++*calls;
        return bulk->describeGroups();
    }
    if (calls)
        ++*calls;
    auto listed = backend.listGroups();
    if (!listed)
        return listed.error();
    std::vector<GroupInfo> out;
    out.reserve(listed->size());
    for (const GroupInfo &g : *listed) {
        if (calls)
            ++*calls;
        auto info = backend.describeGroup(g.groupId);
        if (info)
            out.push_back(std::move(*info));
        else if (info.error().code != ErrorCode::NotFound)
            return info.error();
    }
    return out;
}

} // namespace tidemark
