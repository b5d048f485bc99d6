#include "core/timeline/OwnershipHistory.h"

#include <algorithm>
#include <set>

namespace tidemark {

OwnershipHistory::OwnershipHistory(size_t maxSpans, size_t maxGenerations)
    : m_maxSpans(std::max<size_t>(1, maxSpans)), m_maxGenerations(std::max<size_t>(1, maxGenerations))
{}

void OwnershipHistory::setTopic(const QString &topic)
{
    m_topic = topic;
    m_groups.clear();
}

bool OwnershipHistory::sample(const GroupInfo &group, const std::vector<int> &partitions, qint64 nowMs)
{
    // Who owns what now: the members' assignments, then the per-partition owner the broker
    // may report instead.
    std::map<int, const GroupMember *> owners;
    std::map<QString, const GroupMember *> byId;
    for (const GroupMember &m : group.members) {
        byId[m.memberId] = &m;
        for (const TopicPartition &tp : m.assignment)
            if (tp.topic == m_topic)
                owners[tp.partition] = &m;
    }
    std::set<int> all(partitions.begin(), partitions.end());
    for (const GroupPartitionState &p : group.partitions) {
        if (p.tp.topic != m_topic)
            continue;
        all.insert(p.tp.partition);
        if (!p.ownerMemberId.isEmpty() && !owners.count(p.tp.partition)) {
            const auto m = byId.find(p.ownerMemberId);
            if (m != byId.end())
                owners[p.tp.partition] = m->second;
        }
    }
    for (const auto &[partition, m] : owners)
        all.insert(partition);

    GroupHistory &history = m_groups[group.groupId];
    bool changed = false;
    if (history.generations.empty() || history.generations.back().generation != group.generation) {
        history.generations.push_back(GenerationChange{group.generation, group.state, nowMs});
        while (history.generations.size() > m_maxGenerations)
            history.generations.pop_front();
        changed = true;
    }
    for (const int partition : all) {
        OwnershipSpan next;
        next.generation = group.generation;
        next.fromMs = nowMs;
        if (const auto o = owners.find(partition); o != owners.end()) {
            next.memberId = o->second->memberId;
            next.label = o->second->clientId.isEmpty() ? o->second->memberId : o->second->clientId;
            next.host = o->second->host;
        }
        std::deque<OwnershipSpan> &spans = history.partitions[partition];
        if (!spans.empty() && spans.back().memberId == next.memberId)
            continue; // same owner (a new generation that kept it is not a hand-over)
        if (!spans.empty())
            spans.back().toMs = nowMs;
        spans.push_back(next);
        while (spans.size() > m_maxSpans)
            spans.pop_front();
        changed = true;
    }
    return changed;
}

void OwnershipHistory::forgetOthers(const std::vector<QString> &keep)
{
    const std::set<QString> kept(keep.begin(), keep.end());
    for (auto it = m_groups.begin(); it != m_groups.end();)
        it = kept.count(it->first) ? std::next(it) : m_groups.erase(it);
}

std::vector<QString> OwnershipHistory::groups() const
{
    std::vector<QString> out;
    for (const auto &[id, h] : m_groups)
        out.push_back(id);
    return out;
}

std::vector<OwnershipSpan> OwnershipHistory::spans(const QString &groupId, int partition) const
{
    const auto g = m_groups.find(groupId);
    if (g == m_groups.end())
        return {};
    const auto p = g->second.partitions.find(partition);
    if (p == g->second.partitions.end())
        return {};
    return {p->second.begin(), p->second.end()};
}

std::vector<GenerationChange> OwnershipHistory::generations(const QString &groupId) const
{
    const auto g = m_groups.find(groupId);
    if (g == m_groups.end())
        return {};
    return {g->second.generations.begin(), g->second.generations.end()};
}

OwnershipSpan OwnershipHistory::current(const QString &groupId, int partition) const
{
    const auto g = m_groups.find(groupId);
    if (g == m_groups.end())
        return {};
    const auto p = g->second.partitions.find(partition);
    if (p == g->second.partitions.end() || p->second.empty())
        return {};
    return p->second.back();
}

} // namespace tidemark
