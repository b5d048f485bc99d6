#pragma once

// What a poller needs to notice a new consumer group: the ids of every group, and nothing
// else. Backend::listGroups() answers with each group's state and members, which on the
// built-in broker means reading every group's files; a Backend that can name its groups for
// less (the built-in broker: one directory listing, whatever the groups hold) also implements
// this interface. BrokerState's groups poll asks through groupIdsOf(), so its cost does not
// grow with what 200 groups hold.
//
// Threads: as Backend (any thread; the implementation is thread-safe).

#include "core/Backend.h"

#include <vector>

namespace tidemark {

class GroupIdListing {
public:
    virtual ~GroupIdListing() = default;
    // The ids of the groups listGroups() would return, in the same order.
    virtual Result<std::vector<QString>> listGroupIds() = 0;
};

// The ids of `backend`'s groups: through GroupIdListing if it offers it, else listGroups().
inline Result<std::vector<QString>> groupIdsOf(Backend &backend)
{
    if (auto *cheap = dynamic_cast<GroupIdListing *>(&backend))
        return cheap->listGroupIds();
    auto groups = backend.listGroups();
    if (!groups)
        return groups.error();
    std::vector<QString> ids;
    ids.reserve(groups->size());
    for (const GroupInfo &g : *groups)
        ids.push_back(g.groupId);
    return ids;
}

} // namespace tidemark
