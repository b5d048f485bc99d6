#include "core/timeline/TimelineModel.h"

#include "core/Lag.h"
#include "core/MemberNames.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <array>
#include <memory>
#include <set>

namespace tidemark {

using namespace TimelineTiming;

namespace {

bool isActive(ConsumerStatus::State state)
{
    using S = ConsumerStatus::State;
    return state == S::Starting || state == S::Running || state == S::Rebalancing;
}

// FNV-1a of the name's UTF-8: the same in every run and on every platform (qHash is seeded
// per process).
quint32 nameHash(const QString &name)
{
    quint32 h = 2166136261u;
    for (const char c : name.toUtf8()) {
        h ^= quint8(c);
        h *= 16777619u;
    }
    return h;
}

// Whether a consumer still counts `partition` of `topic` as its own: it runs, or it was killed
// and keeps the partition until its session expires and another member takes it over.
bool holds(const ConsumerStatus &status, const QString &topic, int partition)
{
    if (isActive(status.state))
        return true;
    return status.state == ConsumerStatus::State::Killed &&
           std::find(status.assignment.begin(), status.assignment.end(), TopicPartition{topic, partition}) !=
               status.assignment.end();
}

} // namespace

TimelineModel::TimelineModel(QObject *parent) : QObject(parent)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_clock = [timer] { return timer->elapsed(); };
    m_historyClock = m_clock;
    m_wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
}

TimelineModel::~TimelineModel() = default;

void TimelineModel::setClock(Clock clock)
{
    if (!clock)
        return;
    m_clock = std::move(clock);
    if (!m_ownHistoryClock)
        m_historyClock = m_clock;
}

qint64 TimelineModel::now() const { return m_clock(); }

void TimelineModel::setHistoryClock(Clock clock)
{
    if (!clock)
        return;
    m_historyClock = std::move(clock);
    m_ownHistoryClock = true;
}

qint64 TimelineModel::historyNow() const { return m_historyClock(); }

void TimelineModel::setWallClock(Clock clock)
{
    if (clock)
        m_wallClock = std::move(clock);
}

int TimelineModel::memberColour(const QString &memberId) const
{
    const auto it = m_memberColours.find(memberId);
    return it == m_memberColours.end() ? -1 : it->second;
}

void TimelineModel::setTopic(const QString &topic)
{
    m_topic = topic;
    m_lanes.clear();
    m_groups.clear();
    m_consumers.clear();
    m_flashes.clear();
    m_history.setTopic(topic);
    m_memberColours.clear();
    emit lanesChanged();
    emit changed();
}

TimelineModel::Lane *TimelineModel::laneFor(int partition)
{
    auto it = std::lower_bound(m_lanes.begin(), m_lanes.end(), partition,
                               [](const Lane &l, int p) { return l.partition < p; });
    return it != m_lanes.end() && it->partition == partition ? &*it : nullptr;
}

const TimelineModel::Lane *TimelineModel::laneFor(int partition) const
{
    return const_cast<TimelineModel *>(this)->laneFor(partition);
}

int TimelineModel::laneOfPartition(int partition) const
{
    const Lane *lane = laneFor(partition);
    return lane ? int(lane - m_lanes.data()) : -1;
}

int TimelineModel::partitionOfLane(int lane) const
{
    return lane >= 0 && lane < laneCount() ? m_lanes[size_t(lane)].partition : -1;
}

const LaneSummary &TimelineModel::summary(int lane) const { return m_lanes.at(size_t(lane)).summary; }
qint64 TimelineModel::logStart(int lane) const { return m_lanes.at(size_t(lane)).summary.logStart(); }
qint64 TimelineModel::highWatermark(int lane) const { return m_lanes.at(size_t(lane)).summary.highWatermark(); }

void TimelineModel::setPartitions(const std::vector<PartitionInfo> &partitions)
{
    const qint64 t = now();
    bool lanesDiffer = partitions.size() != m_lanes.size();
    std::vector<Lane> next;
    next.reserve(partitions.size());
    for (const PartitionInfo &info : partitions) {
        Lane *existing = laneFor(info.partition);
        if (existing) {
            next.push_back(std::move(*existing));
        } else {
            lanesDiffer = true;
            Lane lane;
            lane.partition = info.partition;
            lane.summary.setRange(info.logStartOffset, info.highWatermark);
            // A lane seen for the first time appears at its size, without growing from zero.
            lane.shownLogStart.set(double(lane.summary.logStart()));
            lane.shownHighWatermark.set(double(lane.summary.highWatermark()));
            lane.ownerBlend.set(1);
            next.push_back(std::move(lane));
        }
        Lane &lane = next.back();
        lane.summary.setRange(info.logStartOffset, info.highWatermark);
        lane.shownLogStart.retarget(double(lane.summary.logStart()), t, kGrowMs);
        lane.shownHighWatermark.retarget(double(lane.summary.highWatermark()), t, kGrowMs);
    }
    std::sort(next.begin(), next.end(), [](const Lane &a, const Lane &b) { return a.partition < b.partition; });
    m_lanes = std::move(next);
    updateOwners(t);
    if (lanesDiffer)
        emit lanesChanged();
    emit changed();
}

void TimelineModel::setWatermarks(int partition, qint64 logStart, qint64 highWatermark)
{
    Lane *lane = laneFor(partition);
    if (!lane)
        return;
    const qint64 t = now();
    lane->summary.setRange(logStart, highWatermark);
    lane->shownLogStart.retarget(double(lane->summary.logStart()), t, kGrowMs);
    lane->shownHighWatermark.retarget(double(lane->summary.highWatermark()), t, kGrowMs);
    emit changed();
}

void TimelineModel::addSummaries(int partition, const RecordSummary *summaries, size_t count)
{
    Lane *lane = laneFor(partition);
    if (!lane || count == 0)
        return;
    lane->summary.add(summaries, count);
    lane->shownHighWatermark.retarget(double(lane->summary.highWatermark()), now(), kGrowMs);
    emit changed();
}

void TimelineModel::addSamples(int partition, const std::vector<RecordSummary> &samples, qint64 span)
{
    Lane *lane = laneFor(partition);
    if (!lane || samples.empty())
        return;
    lane->summary.addSample(samples, span);
    emit changed();
}

void TimelineModel::addGap(int partition, qint64 from, qint64 to)
{
    Lane *lane = laneFor(partition);
    if (!lane)
        return;
    lane->summary.addGap(from, to);
    emit changed();
}

int TimelineModel::colourFor(std::map<QString, int> &registry, const QString &key)
{
    auto it = registry.find(key);
    if (it != registry.end())
        return it->second;
    const int colour = int(registry.size());
    registry.emplace(key, colour);
    return colour;
}

TimelineModel::GroupTrack &TimelineModel::groupTrack(const QString &groupId)
{
    auto it = m_groups.find(groupId);
    if (it == m_groups.end()) {
        it = m_groups.emplace(groupId, GroupTrack{}).first;
        it->second.id = groupId;
    }
    return it->second;
}

void TimelineModel::setCommitted(GroupTrack &group, int partition, qint64 offset, qint64 now)
{
    auto &c = group.committed[partition];
    if (c.offset < 0)
        c.shown.set(double(offset));
    else
        c.shown.retarget(double(offset), now, kGlideMs);
    c.offset = offset;
}

void TimelineModel::setGroups(const std::vector<GroupInfo> &groups)
{
    const qint64 t = now();
    const qint64 sampledAt = historyNow();
    std::vector<int> partitions;
    for (const Lane &lane : m_lanes)
        partitions.push_back(lane.partition);
    for (auto &[id, track] : m_groups)
        track.polled = false;
    for (const GroupInfo &info : groups) {
        bool relevant = false;
        for (const GroupPartitionState &p : info.partitions)
            relevant = relevant || p.tp.topic == m_topic;
        for (const GroupMember &m : info.members)
            for (const TopicPartition &tp : m.assignment)
                relevant = relevant || tp.topic == m_topic;
        if (!relevant)
            continue;
        GroupTrack &group = groupTrack(info.groupId);
        group.polled = true;
        group.state = info.state;
        // A member's colour: its in-app consumer's if it is one, else its own, for good.
        for (const GroupMember &m : info.members) {
            if (m_memberColours.count(m.memberId))
                continue;
            QString key = QStringLiteral("member:") + m.memberId;
            for (const auto &[cid, consumer] : m_consumers)
                if (!m.memberId.isEmpty() && consumer.status.memberId == m.memberId)
                    key = cid;
            m_memberColours[m.memberId] = colourFor(m_ownerColours, key);
        }
        m_history.sample(info, partitions, sampledAt);
        group.memberLabel.clear();
        group.ownerMember.clear();
        group.vanishedUntil.clear();
        const qint64 wallNow = m_wallClock();
        for (const GroupMember &m : info.members) {
            group.memberLabel[m.memberId] = m.clientId;
            // Its session's end on the animation clock: the countdown runs on without a poll.
            if (m.vanished && m.sessionExpiresAtMs > 0)
                group.vanishedUntil[m.memberId] = t + (m.sessionExpiresAtMs - wallNow);
            for (const TopicPartition &tp : m.assignment)
                if (tp.topic == m_topic)
                    group.ownerMember[tp.partition] = m.memberId;
        }
        for (const GroupPartitionState &p : info.partitions) {
            if (p.tp.topic != m_topic)
                continue;
            if (!p.ownerMemberId.isEmpty())
                group.ownerMember[p.tp.partition] = p.ownerMemberId;
            if (p.committed < 0)
                continue;
            auto last = group.lastPolled.find(p.tp.partition);
            if (last == group.lastPolled.end() || last->second != p.committed) {
                // The broker's own commits only go forward: one that went back was reset (by
                // `tidemark-cli group reset`, or another app).
                if (last != group.lastPolled.end() && p.committed < last->second)
                    noteReset(group, p.tp.partition, p.committed, last->second);
                group.lastPolled[p.tp.partition] = p.committed;
                setCommitted(group, p.tp.partition, p.committed, t);
            }
        }
        settleReadAgain(info.groupId, group);
    }
    // Forget groups the broker no longer lists, unless an in-app consumer belongs to one.
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        bool inApp = false;
        for (const auto &[cid, consumer] : m_consumers)
            inApp = inApp || consumer.status.groupId == it->first;
        if (!it->second.polled && !inApp)
            it = m_groups.erase(it);
        else
            ++it;
    }
    std::vector<QString> kept;
    for (const auto &[id, group] : m_groups)
        kept.push_back(id);
    m_history.forgetOthers(kept);
    updateOwners(t);
    emit changed();
}

void TimelineModel::movePosition(ConsumerTrack &consumer, GroupTrack &group, int partition, qint64 position, qint64 now)
{
    auto &pos = consumer.positions[partition];
    qint64 previous = pos.offset;
    if (previous < 0) {
        // First sighting: the consumer started at the committed offset (if it is behind us).
        auto committed = group.committed.find(partition);
        previous =
            committed != group.committed.end() && committed->second.offset >= 0 && committed->second.offset <= position
                ? committed->second.offset
                : position;
        pos.shown.set(double(previous));
    }
    auto maxIt = group.maxDelivered.find(partition);
    const qint64 maxDelivered = maxIt != group.maxDelivered.end() ? maxIt->second : -1;
    if (position > previous && previous < maxDelivered) {
        // Reading again what this group had read before: a replay inside a reset's window,
        // at-least-once redelivery otherwise.
        const qint64 to = std::min(position, maxDelivered);
        bool replay = false;
        if (auto w = group.replays.find(partition); w != group.replays.end()) {
            replay = previous >= w->second.first && previous < w->second.second;
            if (to >= w->second.second)
                group.replays.erase(w); // replayed through
        }
        m_flashes.push_back(Flash{partition, previous, to, now, replay});
        auto pending = group.pending.find(partition);
        if (pending != group.pending.end()) {
            pending->second.first = std::max(pending->second.first, to);
            if (pending->second.first >= pending->second.second)
                group.pending.erase(pending);
        }
    } else if (position < previous) {
        group.pending[partition] = {position, std::max(previous, maxDelivered)};
    }
    group.maxDelivered[partition] = std::max(maxDelivered, position);
    pos.offset = position;
    pos.shown.retarget(double(position), now, kGlideMs);
}

void TimelineModel::setConsumers(const std::vector<ConsumerStatus> &consumers)
{
    const qint64 t = now();
    pruneFlashes(t);
    std::map<QString, bool> seen;
    for (const ConsumerStatus &status : consumers) {
        seen[status.consumerId] = true;
        auto it = m_consumers.find(status.consumerId);
        const bool active = isActive(status.state);
        if (it == m_consumers.end()) {
            it = m_consumers.emplace(status.consumerId, ConsumerTrack{}).first;
            it->second.grey.set(active ? 0 : 1);
            colourFor(m_ownerColours, status.consumerId);
        }
        ConsumerTrack &consumer = it->second;
        const ConsumerStatus &before = consumer.status;
        if (before.state == ConsumerStatus::State::Killed && active && !before.memberId.isEmpty() &&
            status.memberId != before.memberId) {
            // Started again while its killed membership keeps its partitions (its session runs).
            consumer.earlierMemberId = before.memberId;
            consumer.earlierHeld.clear();
            consumer.earlierAt.clear();
            for (const TopicPartition &tp : before.assignment) {
                if (tp.topic != m_topic)
                    continue;
                consumer.earlierHeld.insert(tp.partition);
                // Its marker stays where the killed one's stood (its committed offset).
                if (auto p = consumer.positions.find(tp.partition);
                    p != consumer.positions.end() && p->second.offset >= 0)
                    consumer.earlierAt[tp.partition] = p->second.offset;
            }
        }
        consumer.status = status;
        consumer.grey.retarget(active ? 0 : 1, t, kGreyMs);
        GroupTrack &group = groupTrack(status.groupId);

        for (const auto &[tp, offset] : status.committed) {
            if (tp.topic != m_topic || offset < 0)
                continue;
            auto last = consumer.lastCommitted.find(tp.partition);
            if (last == consumer.lastCommitted.end() || last->second != offset) {
                consumer.lastCommitted[tp.partition] = offset;
                setCommitted(group, tp.partition, offset, t);
            }
        }
        if (active) {
            for (const auto &[tp, offset] : status.positions)
                if (tp.topic == m_topic && offset >= 0)
                    movePosition(consumer, group, tp.partition, offset, t);
            // Partitions revoked by a rebalance lose their marker.
            for (auto p = consumer.positions.begin(); p != consumer.positions.end();) {
                const bool assigned =
                    std::any_of(status.assignment.begin(), status.assignment.end(), [&](const TopicPartition &tp) {
                        return tp.topic == m_topic && tp.partition == p->first;
                    });
                const bool positioned = status.positions.count(TopicPartition{m_topic, p->first}) != 0;
                if (!assigned && !positioned)
                    p = consumer.positions.erase(p);
                else
                    ++p;
            }
        } else {
            // Stopped or killed: the marker settles on the committed offset, where a restart
            // will resume; what it had read beyond that will be delivered again.
            for (auto &[partition, pos] : consumer.positions) {
                qint64 target = -1;
                auto own = status.committed.find(TopicPartition{m_topic, partition});
                if (own != status.committed.end())
                    target = own->second;
                else if (auto g = group.committed.find(partition); g != group.committed.end())
                    target = g->second.offset;
                if (target < 0 || target == pos.offset)
                    continue;
                auto maxIt = group.maxDelivered.find(partition);
                const qint64 maxDelivered =
                    std::max(pos.offset, maxIt != group.maxDelivered.end() ? maxIt->second : -1);
                if (target < maxDelivered)
                    group.pending[partition] = {target, maxDelivered};
                group.maxDelivered[partition] = maxDelivered;
                pos.offset = target;
                pos.shown.retarget(double(target), t, kGlideMs);
            }
        }
    }
    for (auto it = m_consumers.begin(); it != m_consumers.end();) {
        if (!seen.count(it->first))
            it = m_consumers.erase(it);
        else
            ++it;
    }
    // After every member's moves (a move through a replay window flashes as a replay first).
    for (auto &[id, group] : m_groups)
        settleReadAgain(id, group);
    // Groups known only through consumers that are gone go with them.
    for (auto it = m_groups.begin(); it != m_groups.end();) {
        const bool inApp = std::any_of(m_consumers.begin(), m_consumers.end(),
                                       [&](const auto &c) { return c.second.status.groupId == it->first; });
        if (!it->second.polled && !inApp)
            it = m_groups.erase(it);
        else
            ++it;
    }
    updateOwners(t);
    emit changed();
}

void TimelineModel::applyCommitted(const QString &groupId, int partition, qint64 offset, qint64 committedBefore)
{
    const qint64 t = now();
    GroupTrack &group = groupTrack(groupId);
    group.polled = true; // the broker has it; the next poll confirms
    noteReset(group, partition, offset, committedBefore);
    setCommitted(group, partition, offset, t);
    settleReadAgain(groupId, group); // a reset forward: what it skipped is not read again
    emit changed();
}

void TimelineModel::noteReset(GroupTrack &group, int partition, qint64 offset, qint64 committedBefore)
{
    // Where the group will resume moved back: what it had read beyond that will be read
    // again, on purpose. What it had read is at least what it had committed: after a restart
    // of the app this process saw nothing read.
    // Not what a reset forward skipped since (readUpTo): those records were never read.
    auto maxIt = group.maxDelivered.find(partition);
    const auto c = group.committed.find(partition);
    qint64 committedRead = std::max(committedBefore, c != group.committed.end() ? c->second.offset : -1);
    if (const auto r = group.readUpTo.find(partition); r != group.readUpTo.end())
        committedRead = std::min(committedRead, r->second);
    qint64 maxDelivered = std::max(maxIt != group.maxDelivered.end() ? maxIt->second : -1, committedRead);
    const qint64 before = committedBefore >= 0 ? committedBefore : c != group.committed.end() ? c->second.offset : -1;
    if (before >= 0 && offset >= before) {
        // Forward (skipping records) replays nothing, and takes back only what it skips: what a
        // killed member read past it and never committed is still redelivered to the member that
        // takes the partition over, and a replay still to come stays one (settleReadAgain trims
        // both to the new committed offset). What it skips is not counted as read.
        if (offset > before)
            group.readUpTo.try_emplace(partition, before);
        group.maxDelivered[partition] = maxDelivered;
        return;
    }
    group.readUpTo.erase(partition);
    if (offset < maxDelivered) {
        group.maxDelivered[partition] = maxDelivered;
        group.replays[partition] = {offset, maxDelivered};
        group.pending[partition] = {offset, maxDelivered};
    } else {
        group.replays.erase(partition);
        group.pending.erase(partition);
        group.maxDelivered[partition] = offset;
    }
}

void TimelineModel::settleReadAgain(const QString &groupId, GroupTrack &group)
{
    const auto committedAt = [&group](int partition) -> qint64 {
        const auto c = group.committed.find(partition);
        return c != group.committed.end() ? c->second.offset : -1;
    };
    for (auto it = group.pending.begin(); it != group.pending.end();) {
        it->second.first = std::max(it->second.first, committedAt(it->first));
        if (it->second.first >= it->second.second)
            it = group.pending.erase(it);
        else
            ++it;
    }
    for (auto it = group.replays.begin(); it != group.replays.end();) {
        const int partition = it->first;
        const qint64 end = it->second.second;
        const bool readingInside = std::any_of(m_consumers.begin(), m_consumers.end(), [&](const auto &c) {
            const ConsumerTrack &consumer = c.second;
            const auto p = consumer.positions.find(partition);
            return consumer.status.groupId == groupId && isActive(consumer.status.state) &&
                   p != consumer.positions.end() && p->second.offset >= 0 && p->second.offset < end;
        });
        if (committedAt(partition) >= end && !readingInside)
            it = group.replays.erase(it);
        else
            ++it;
    }
}

void TimelineModel::setFocusGroup(const QString &groupId)
{
    m_focus = groupId;
    updateOwners(now());
    emit changed();
}

QString TimelineModel::focusGroup() const
{
    if (!m_focus.isEmpty() && m_groups.count(m_focus))
        return m_focus;
    for (const auto &[id, consumer] : m_consumers)
        if (!consumer.status.groupId.isEmpty())
            return consumer.status.groupId;
    return m_groups.empty() ? QString() : m_groups.begin()->first;
}

std::vector<ConsumerStatus> TimelineModel::consumerStatuses() const
{
    std::vector<ConsumerStatus> out;
    out.reserve(m_consumers.size());
    for (const auto &[id, consumer] : m_consumers)
        out.push_back(consumer.status);
    return out;
}

void TimelineModel::updateOwners(qint64 now)
{
    const std::vector<ConsumerStatus> statuses = consumerStatuses();
    for (auto &[id, group] : m_groups) {
        group.memberName.clear();
        for (const auto &[memberId, clientId] : group.memberLabel)
            group.memberName[memberId] = memberDisplayName(statuses, id, memberId, clientId);
    }
    // An earlier membership of a restarted consumer holds its partitions until the group drops
    // it (its session expired) or an in-app member reads them.
    // (A plain loop variable, not a structured binding: the lambdas below capture it, which
    // clang 14, the fuzz tree's compiler, refuses for a binding.)
    for (auto &entry : m_consumers) {
        auto &consumer = entry.second;
        if (consumer.earlierHeld.empty())
            continue;
        // Gone from the group the broker describes (its session expired), or the consumer let
        // go again (stopped, failed, killed: then its own claims say what it holds). A
        // description without members or owners says nothing either way.
        const auto g = m_groups.find(consumer.status.groupId);
        const bool described = g != m_groups.end() && g->second.polled &&
                               (!g->second.memberLabel.empty() || !g->second.ownerMember.empty());
        const bool listed = g != m_groups.end() &&
                            (g->second.memberLabel.count(consumer.earlierMemberId) ||
                             std::any_of(g->second.ownerMember.begin(), g->second.ownerMember.end(),
                                         [&](const auto &owner) { return owner.second == consumer.earlierMemberId; }));
        if ((described && !listed) || !isActive(consumer.status.state)) {
            consumer.earlierHeld.clear();
            continue;
        }
        for (auto p = consumer.earlierHeld.begin(); p != consumer.earlierHeld.end();) {
            const TopicPartition tp{m_topic, *p};
            const bool readByOne = std::any_of(m_consumers.begin(), m_consumers.end(), [&](const auto &c) {
                return c.second.status.groupId == consumer.status.groupId && isActive(c.second.status.state) &&
                       std::find(c.second.status.assignment.begin(), c.second.status.assignment.end(), tp) !=
                           c.second.status.assignment.end();
            });
            p = readByOne ? consumer.earlierHeld.erase(p) : std::next(p);
        }
    }
    const QString focus = focusGroup();
    const GroupTrack *group = nullptr;
    if (auto it = m_groups.find(focus); it != m_groups.end())
        group = &it->second;
    for (Lane &lane : m_lanes) {
        const TopicPartition tp{m_topic, lane.partition};
        LaneOwner owner;
        // A stopped or failed consumer owns nothing, whatever its last assignment was.
        auto claims = [&](const ConsumerTrack &c) {
            return c.status.groupId == focus && holds(c.status, m_topic, lane.partition) &&
                   std::find(c.status.assignment.begin(), c.status.assignment.end(), tp) != c.status.assignment.end();
        };
        // An active in-app claim wins, then a killed one (it keeps its partitions until its
        // session expires), then what the broker says.
        for (int pass = 0; pass < 2 && owner.key.isEmpty(); ++pass) {
            for (const auto &[id, consumer] : m_consumers) {
                if (claims(consumer) && isActive(consumer.status.state) == (pass == 0)) {
                    owner = LaneOwner{id, id, m_ownerColours[id], pass == 0};
                    break;
                }
            }
        }
        // A consumer restarted before its killed membership's session expired: that membership
        // still holds the partition (greyed), whatever the group's next assignment says.
        for (const auto &[id, consumer] : m_consumers) {
            if (!owner.key.isEmpty())
                break;
            if (consumer.status.groupId == focus && consumer.earlierHeld.count(lane.partition))
                owner = LaneOwner{QStringLiteral("member:") + consumer.earlierMemberId,
                                  memberDisplayName(statuses, focus, consumer.earlierMemberId), m_ownerColours[id],
                                  false, briefEarlierMemberName(id)};
        }
        if (owner.key.isEmpty() && group) {
            auto member = group->ownerMember.find(lane.partition);
            if (member != group->ownerMember.end() && !member->second.isEmpty()) {
                for (const auto &[id, consumer] : m_consumers) {
                    if (consumer.status.memberId == member->second) {
                        owner = LaneOwner{id, id, m_ownerColours[id], isActive(consumer.status.state)};
                        break;
                    }
                }
                if (owner.key.isEmpty()) {
                    const QString key = QStringLiteral("member:") + member->second;
                    const auto name = group->memberName.find(member->second);
                    const QString label = name != group->memberName.end()
                                              ? name->second
                                              : memberDisplayName(statuses, focus, member->second);
                    // An earlier membership of one of the app's consumers: over for the app,
                    // drawn in that consumer's colour, greyed.
                    QString earlierOf;
                    for (const auto &[id, consumer] : m_consumers)
                        if (consumer.status.earlierMemberIds.contains(member->second))
                            earlierOf = id;
                    // Known gone (killed, its session running): greyed, as a killed in-app consumer.
                    const bool gone = group->vanishedUntil.count(member->second) != 0;
                    owner = earlierOf.isEmpty() ? LaneOwner{key, label, colourFor(m_ownerColours, key), !gone}
                                                : LaneOwner{key, label, m_ownerColours[earlierOf], false};
                    // "billing #4 (from an earlier run)": brief, "billing #4 (old)".
                    const QString appConsumer =
                        earlierOf.isEmpty() ? consumerIdOfMember(focus, member->second) : earlierOf;
                    if (!appConsumer.isEmpty() && label != appConsumer)
                        owner.brief = briefEarlierMemberName(appConsumer);
                }
            }
        }
        if (owner.key != lane.owner.key) {
            lane.previousOwner = lane.owner;
            lane.ownerBlend.set(0);
            lane.ownerBlend.retarget(1, now, kRecolourMs);
            lane.ownerGrey.set(owner.active || owner.key.isEmpty() ? 0 : 1);
        } else {
            lane.ownerGrey.retarget(owner.active || owner.key.isEmpty() ? 0 : 1, now, kGreyMs);
        }
        lane.owner = owner;
    }
}

int TimelineModel::groupColour(const QString &groupId) const
{
    std::array<bool, kGroupColourCount> taken{};
    int known = 0;
    for (const auto &[id, group] : m_groups) { // in name order
        int slot = int(nameHash(id) % kGroupColourCount);
        if (known++ < kGroupColourCount) {
            while (taken[size_t(slot)])
                slot = (slot + 1) % kGroupColourCount;
            taken[size_t(slot)] = true;
        }
        if (id == groupId)
            return slot;
    }
    return int(nameHash(groupId) % kGroupColourCount);
}

bool TimelineModel::isStopped(const GroupTrack &group) const
{
    bool inApp = false;
    for (const auto &[id, consumer] : m_consumers) {
        if (consumer.status.groupId != group.id)
            continue;
        inApp = true;
        if (isActive(consumer.status.state) ||
            (consumer.status.state == ConsumerStatus::State::Killed && !consumer.status.assignment.empty()))
            return false;
    }
    // The broker's members, but not the app's own that stopped (a poll from before the stop
    // still lists them).
    // Named, not a structured binding: the lambda below captures it (clang before 16 refuses).
    for (const auto &member : group.memberLabel) {
        const QString &memberId = member.first;
        const bool ours = std::any_of(m_consumers.begin(), m_consumers.end(), [&](const auto &c) {
            return !memberId.isEmpty() && c.second.status.memberId == memberId;
        });
        if (!ours)
            return false;
    }
    // Without in-app consumers the broker's word decides (a describe may not list members).
    return inApp || (group.polled && group.state == QLatin1String("Empty"));
}

void TimelineModel::pruneFlashes(qint64 now)
{
    m_flashes.erase(
        std::remove_if(m_flashes.begin(), m_flashes.end(), [&](const Flash &f) { return now - f.startMs >= kFlashMs; }),
        m_flashes.end());
}

std::optional<qint64> TimelineModel::committed(const QString &groupId, int partition) const
{
    auto g = m_groups.find(groupId);
    if (g == m_groups.end())
        return std::nullopt;
    auto c = g->second.committed.find(partition);
    if (c == g->second.committed.end() || c->second.offset < 0)
        return std::nullopt;
    return c->second.offset;
}

std::optional<qint64> TimelineModel::position(const QString &consumerId, int partition) const
{
    auto c = m_consumers.find(consumerId);
    if (c == m_consumers.end())
        return std::nullopt;
    auto p = c->second.positions.find(partition);
    if (p == c->second.positions.end())
        return std::nullopt;
    return p->second.offset;
}

qint64 TimelineModel::contentStart() const
{
    if (m_lanes.empty())
        return 0;
    qint64 lo = m_lanes.front().summary.logStart();
    for (const Lane &lane : m_lanes)
        lo = std::min(lo, lane.summary.logStart());
    return lo;
}

qint64 TimelineModel::contentEnd() const
{
    qint64 hi = 0;
    for (const Lane &lane : m_lanes)
        hi = std::max(hi, lane.summary.highWatermark());
    return hi;
}

qint64 TimelineModel::recordCount() const
{
    qint64 n = 0;
    for (const Lane &lane : m_lanes)
        n += lane.summary.highWatermark() - lane.summary.logStart();
    return n;
}

size_t TimelineModel::memoryBytes() const
{
    size_t bytes = sizeof(*this);
    for (const Lane &lane : m_lanes)
        bytes += lane.summary.memoryBytes();
    return bytes;
}

std::vector<TimelineGroupSummary> TimelineModel::groups() const
{
    const QString focus = focusGroup();
    std::vector<TimelineGroupSummary> out;
    for (const auto &[id, group] : m_groups) {
        TimelineGroupSummary s;
        s.groupId = id;
        s.colour = groupColour(id);
        s.state = group.state;
        s.focus = id == focus;
        s.stopped = isStopped(group);
        for (const auto &[partition, c] : group.committed) {
            const Lane *lane = laneFor(partition);
            if (lane && c.offset >= 0)
                s.totalLag += std::max<qint64>(0, partitionLag(lane->summary.highWatermark(), c.offset));
        }
        out.push_back(s);
    }
    return out;
}

QString TimelineModel::earlierName(const QString &consumerId) { return briefEarlierMemberName(consumerId); }

const EarlierSession *TimelineModel::earlierSession(const ConsumerTrack &consumer)
{
    for (const EarlierSession &session : consumer.status.earlierSessions)
        if (session.memberId == consumer.earlierMemberId)
            return &session;
    return nullptr;
}

std::vector<TimelineConsumerSummary> TimelineModel::consumers() const
{
    std::vector<TimelineConsumerSummary> out;
    for (const auto &[id, c] : m_consumers) {
        out.push_back(TimelineConsumerSummary{id,
                                              c.status.groupId,
                                              m_ownerColours.at(id),
                                              c.status.state,
                                              c.status.sessionSecondsLeft(),
                                              c.status.sessionTimedOut(),
                                              {}});
        // Restarted too soon: its killed membership still holds lanes, its session counting down.
        if (!c.earlierHeld.empty()) {
            const EarlierSession *session = earlierSession(c);
            out.push_back(TimelineConsumerSummary{
                earlierName(id), c.status.groupId, m_ownerColours.at(id), ConsumerStatus::State::Killed,
                session ? session->sessionSecondsLeft() : 0, session && session->sessionTimedOut(), id});
        }
    }
    // Members the broker knows are gone (another program's killed, or this app's of an earlier
    // run) that still hold lanes: killed, their sessions counting down, as a killed consumer's.
    // Not those that are (or were, before a restart) the app's consumers: they are listed above.
    const qint64 t = now();
    std::set<QString> listed;
    for (const auto &[groupId, group] : m_groups) {
        // A named reference, not a structured binding: the lambda below captures it (clang 14).
        for (const auto &owner : group.ownerMember) {
            const QString &memberId = owner.second;
            const auto until = group.vanishedUntil.find(memberId);
            if (until == group.vanishedUntil.end() || !laneFor(owner.first) || !listed.insert(memberId).second)
                continue;
            const bool inApp = std::any_of(m_consumers.begin(), m_consumers.end(), [&](const auto &c) {
                return c.second.status.memberId == memberId || c.second.earlierMemberId == memberId ||
                       c.second.status.earlierMemberIds.contains(memberId);
            });
            if (inApp)
                continue;
            const auto name = group.memberName.find(memberId);
            // One of this app's consumers of an earlier run: "billing #1 (old)" (the legend's room).
            const QString appConsumer = consumerIdOfMember(groupId, memberId);
            const QString shown = !appConsumer.isEmpty()           ? briefEarlierMemberName(appConsumer)
                                  : name != group.memberName.end() ? name->second
                                                                   : memberId;
            const qint64 left = until->second - t;
            TimelineConsumerSummary summary{shown,
                                            groupId,
                                            memberColour(memberId),
                                            ConsumerStatus::State::Killed,
                                            sessionSecondsLeft(left),
                                            left <= 0,
                                            {},
                                            memberId};
            out.push_back(summary);
        }
    }
    return out;
}

TimelineFrame TimelineModel::frame(qint64 now) const
{
    TimelineFrame f;
    f.timeMs = now;
    const QString focus = focusGroup();
    std::set<QString> stoppedGroups;
    for (const auto &[id, group] : m_groups)
        if (isStopped(group))
            stoppedGroups.insert(id);
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        const Lane &lane = m_lanes[i];
        const int laneIndex = int(i);
        TimelineLaneFrame lf;
        lf.partition = lane.partition;
        lf.logStart = lane.summary.logStart();
        lf.highWatermark = lane.summary.highWatermark();
        lf.shownLogStart = lane.shownLogStart.at(now);
        lf.shownHighWatermark = std::max(lf.shownLogStart, lane.shownHighWatermark.at(now));
        lf.owner = lane.owner;
        lf.previousOwner = lane.previousOwner;
        lf.ownerBlend = lane.ownerBlend.at(now);
        lf.ownerGrey = lane.ownerGrey.at(now);
        f.animating = f.animating || !lane.shownLogStart.settled(now) || !lane.shownHighWatermark.settled(now) ||
                      !lane.ownerBlend.settled(now) || !lane.ownerGrey.settled(now);
        f.lanes.push_back(lf);

        TimelineMarker start;
        start.kind = TimelineMarker::Kind::LogStart;
        start.lane = laneIndex;
        start.partition = lane.partition;
        start.shownOffset = lf.shownLogStart;
        start.offset = lf.logStart;
        f.markers.push_back(start);
        TimelineMarker head = start;
        head.kind = TimelineMarker::Kind::HighWatermark;
        head.shownOffset = lf.shownHighWatermark;
        head.offset = lf.highWatermark;
        f.markers.push_back(head);

        for (const auto &[id, group] : m_groups) {
            auto c = group.committed.find(lane.partition);
            if (c != group.committed.end() && c->second.offset >= 0) {
                TimelineMarker m = start;
                m.kind = TimelineMarker::Kind::Committed;
                m.groupId = id;
                m.colour = groupColour(id);
                m.groupStopped = stoppedGroups.count(id) != 0;
                m.offset = c->second.offset;
                m.shownOffset = c->second.shown.at(now);
                if (const auto owner = group.ownerMember.find(lane.partition);
                    owner != group.ownerMember.end() && !owner->second.isEmpty()) {
                    // Named by the client that owns the partition, unless it is one of the
                    // app's consumers (their position markers carry their names).
                    const bool inApp = std::any_of(m_consumers.begin(), m_consumers.end(), [&](const auto &c) {
                        return c.second.status.memberId == owner->second;
                    });
                    const auto label = group.memberName.find(owner->second);
                    if (!inApp && label != group.memberName.end()) {
                        m.ownerLabel = label->second;
                        m.ownerMemberId = owner->second;
                    }
                }
                f.animating = f.animating || !c->second.shown.settled(now);
                f.markers.push_back(m);
                if (lf.highWatermark > m.offset || lf.shownHighWatermark > m.shownOffset) {
                    TimelineLagSpan lag;
                    lag.lane = laneIndex;
                    lag.groupId = id;
                    lag.colour = m.colour;
                    lag.shownFrom = m.shownOffset;
                    lag.shownTo = lf.shownHighWatermark;
                    lag.lag = std::max<qint64>(0, partitionLag(lf.highWatermark, m.offset));
                    lag.focus = id == focus;
                    f.lags.push_back(lag);
                }
            }
            auto pending = group.pending.find(lane.partition);
            if (pending != group.pending.end() && pending->second.second > pending->second.first) {
                const auto replay = group.replays.find(lane.partition);
                f.redeliveries.push_back(
                    TimelineRedelivery{laneIndex, id, pending->second.first, pending->second.second,
                                       replay != group.replays.end() && pending->second.first >= replay->second.first});
            }
        }
        for (const auto &[id, consumer] : m_consumers) {
            auto p = consumer.positions.find(lane.partition);
            if (p == consumer.positions.end() || p->second.offset < 0)
                continue;
            // A consumer that let the partition go (stopped, failed, or killed and taken over)
            // is drawn only while its marker settles on the committed offset: from then on the
            // group's marker there says where it resumes, once, however many members it had.
            if (!holds(consumer.status, m_topic, lane.partition) && consumer.grey.settled(now) &&
                p->second.shown.settled(now))
                continue;
            TimelineMarker m = start;
            m.kind = TimelineMarker::Kind::Position;
            m.groupId = consumer.status.groupId;
            m.consumerId = id;
            m.colour = m_ownerColours.at(id);
            m.offset = p->second.offset;
            m.shownOffset = p->second.shown.at(now);
            m.grey = consumer.grey.at(now);
            f.animating = f.animating || !p->second.shown.settled(now) || !consumer.grey.settled(now);
            f.markers.push_back(m);
        }
        // A restarted consumer's killed membership that still holds the partition: its marker
        // stays where the killed one's stood (TimelineConsumerSummary::earlierOf).
        for (const auto &[id, consumer] : m_consumers) {
            if (!consumer.earlierHeld.count(lane.partition))
                continue;
            qint64 at = -1;
            if (const auto e = consumer.earlierAt.find(lane.partition); e != consumer.earlierAt.end())
                at = e->second;
            else if (const auto g = m_groups.find(consumer.status.groupId); g != m_groups.end())
                if (const auto c = g->second.committed.find(lane.partition); c != g->second.committed.end())
                    at = c->second.offset;
            if (at < 0)
                continue;
            TimelineMarker m = start;
            m.kind = TimelineMarker::Kind::Position;
            m.groupId = consumer.status.groupId;
            m.consumerId = earlierName(id);
            m.colour = m_ownerColours.at(id);
            m.offset = at;
            m.shownOffset = double(at);
            m.grey = 1;
            f.markers.push_back(m);
        }
    }
    // The focus group's ownership over time.
    f.historyNowMs = historyNow();
    if (!focus.isEmpty()) {
        for (size_t i = 0; i < m_lanes.size(); ++i) {
            for (const OwnershipSpan &span : m_history.spans(focus, m_lanes[i].partition)) {
                f.ownership.push_back(TimelineOwnershipBand{int(i), span.memberId, span.label,
                                                            span.owned() ? memberColour(span.memberId) : -1,
                                                            span.generation, span.fromMs, span.toMs});
            }
        }
    }
    for (const Flash &flash : m_flashes) {
        const qint64 age = now - flash.startMs;
        if (age < 0 || age >= kFlashMs)
            continue;
        const double t = double(age) / kFlashMs;
        const int lane = laneOfPartition(flash.partition);
        if (lane < 0)
            continue;
        f.flashes.push_back(TimelineFlash{lane, flash.from, flash.to, (1 - t) * (1 - t), flash.replay});
        f.animating = true;
    }
    return f;
}

bool TimelineModel::isAnimating(qint64 now) const { return frame(now).animating; }

} // namespace tidemark
