#include "logbroker/LocalConsumer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>
#include <QUuid>

#include <algorithm>

#include <unistd.h>

namespace tidemark::logbroker {

namespace {

using namespace std::chrono;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

constexpr qint64 kMaxPollBytes = 8 << 20;
constexpr int kQuickRecheckMs = 2;
constexpr int kPendingClaimRetryMs = 25;
constexpr int kFallbackPollMs = 10;

QString tpList(const std::vector<TopicPartition> &tps)
{
    QStringList parts;
    for (const auto &tp : tps)
        parts.append(tp.toString());
    return parts.join(QStringLiteral(", "));
}

} // namespace

LocalConsumer::LocalConsumer(std::shared_ptr<LogStore> store, const ConsumerConfig &config)
    : m_store(std::move(store)), m_config(config)
{
    if (m_config.heartbeatIntervalMs <= 0)
        m_config.heartbeatIntervalMs = 1000;
    if (m_config.sessionTimeoutMs < m_config.heartbeatIntervalMs)
        m_config.sessionTimeoutMs = 3 * m_config.heartbeatIntervalMs;
    if (m_config.maxPollRecords <= 0)
        m_config.maxPollRecords = 500;
}

LocalConsumer::~LocalConsumer()
{
    if (!m_closed)
        close();
}

ConsumerEvent LocalConsumer::event(ConsumerEvent::Kind kind, std::vector<TopicPartition> partitions,
                                   const QString &message) const
{
    ConsumerEvent e;
    e.kind = kind;
    e.partitions = std::move(partitions);
    e.generation = m_generation;
    e.groupId = m_config.groupId;
    e.memberId = m_memberId;
    e.message = message;
    e.timestampMs = nowMs();
    return e;
}

ConsumerEvent LocalConsumer::storyEvent(ConsumerEvent::Kind kind, ConsumerEvent::Reason reason,
                                        std::vector<TopicPartition> partitions) const
{
    ConsumerEvent e = event(kind, std::move(partitions), QString());
    e.reason = reason;
    return e;
}

Result<std::unique_ptr<Consumer>> LocalConsumer::create(std::shared_ptr<LogStore> store, const ConsumerConfig &config)
{
    if (!config.topics.isEmpty() && !config.assignment.empty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("give either topics to subscribe to or a manual assignment, not both"));
    if (config.topics.isEmpty() && config.assignment.empty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("nothing to consume: no topics and no assignment"));
    if (config.assignmentStrategy != QLatin1String("range") && config.assignmentStrategy != QLatin1String("roundrobin"))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("unknown assignment strategy '%1' (use range or roundrobin)")
                         .arg(config.assignmentStrategy));
    std::unique_ptr<LocalConsumer> c(new LocalConsumer(std::move(store), config));
    if (!config.groupId.isEmpty()) {
        if (auto s = GroupDirectory::validateGroupId(config.groupId); !s)
            return s.error();
        if (auto s = GroupDirectory::validateClientId(config.clientId); !s)
            return s.error();
        c->m_group.emplace(c->m_store->groupsDirectory(), config.groupId);
    }
    if (!config.topics.isEmpty()) {
        if (!c->m_group)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("subscribing to topics needs a consumer group id"));
        for (const QString &t : config.topics) {
            if (auto s = LogStore::validateTopicName(t); !s)
                return s.error();
        }
        c->m_subscribed = true;
        if (auto s = c->m_group->ensureExists(); !s)
            return s.error();
        c->m_watcher.watch(c->m_group->path(), ChangeWatcher::Group);
        c->m_watcher.watch(c->m_group->membersPath(), ChangeWatcher::Group);
        c->m_watcher.watch(c->m_group->claimsPath(), ChangeWatcher::Claims);
        if (auto s = c->join(); !s)
            return s.error();
        return std::unique_ptr<Consumer>(std::move(c));
    }
    // Manual assignment.
    std::vector<TopicPartition> assigned;
    for (const auto &[tp, start] : config.assignment) {
        auto log = c->m_store->partition(tp);
        if (!log)
            return log.error();
        Owned owned;
        owned.log = *log;
        owned.watchId = c->m_watcher.watch((*log)->directory(), ChangeWatcher::Data);
        if (start >= 0) {
            owned.position = start;
        } else {
            std::vector<ConsumerEvent> events;
            c->initPosition(tp, owned, events);
            c->m_events.insert(c->m_events.end(), events.begin(), events.end());
        }
        c->m_owned[tp] = std::move(owned);
        assigned.push_back(tp);
    }
    c->m_events.insert(c->m_events.begin(),
                       c->storyEvent(ConsumerEvent::Kind::Assigned, ConsumerEvent::Reason::Manual, assigned));
    return std::unique_ptr<Consumer>(std::move(c));
}

Status LocalConsumer::join()
{
    m_memberId = m_config.clientId + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::WithoutBraces);
    MemberLease lease;
    lease.memberId = m_memberId;
    lease.clientId = m_config.clientId;
    lease.host = QSysInfo::machineHostName();
    lease.pid = static_cast<qint64>(::getpid());
    lease.topics = m_config.topics;
    lease.topics.sort();
    lease.topics.removeDuplicates();
    lease.strategy = m_config.assignmentStrategy;
    lease.sessionTimeoutMs = m_config.sessionTimeoutMs;
    lease.joinedAtMs = nowMs();
    auto held = m_group->createLease(lease);
    if (!held)
        return held.error();
    m_leasePath = held->path;
    m_lease = std::move(held->fd);
    m_lastHeartbeatMs = nowMs();
    auto state = m_group->rebalance(*m_store, milliseconds(std::max(5000, m_config.sessionTimeoutMs)));
    if (!state)
        return state.error();
    std::vector<ConsumerEvent> events;
    applyState(*state, events);
    m_events.insert(m_events.end(), events.begin(), events.end());
    m_lastCheckMs = nowMs();
    m_groupDirty = false;
    return {};
}

bool LocalConsumer::membershipChanged(const GroupState &state)
{
    m_nextExpiryMs = 0;
    QStringList inState = state.memberIds();
    if (!inState.contains(m_memberId))
        return true;
    QStringList leases;
    for (const QString &file : m_group->leaseFiles())
        leases.append(GroupDirectory::decodeName(file.chopped(6)));
    leases.sort();
    inState.sort();
    if (leases != inState)
        return true;
    for (const MemberLease &m : state.members) {
        if (m.memberId == m_memberId)
            continue;
        const QString file = GroupDirectory::encodeName(m.memberId) + QStringLiteral(".lease");
        MemberLease lease;
        const GroupDirectory::Liveness liveness = m_group->probe(file, false, &lease);
        if (!GroupDirectory::isMember(liveness))
            return true; // its session expired (killed, or not polled): rebalance without it
        if (liveness == GroupDirectory::Liveness::Vanished) {
            // Gone, its session still valid: check again the moment it expires, not up to a
            // heartbeat interval later.
            const qint64 expires = GroupDirectory::sessionExpiresAtMs(lease);
            if (expires > 0 && (m_nextExpiryMs == 0 || expires < m_nextExpiryMs))
                m_nextExpiryMs = expires;
        }
    }
    for (const QString &topic : m_config.topics) {
        auto meta = m_store->readMetadata(topic);
        const int count = meta ? meta->partitions : 0;
        auto it = state.topicPartitions.find(topic);
        if (it == state.topicPartitions.end() || it->second != count)
            return true;
    }
    return false;
}

Status LocalConsumer::maintainGroup(std::vector<ConsumerEvent> &events, bool force)
{
    const qint64 now = nowMs();
    if (!m_lease.valid()) {
        if (auto s = join(); !s)
            return s;
        events.insert(events.end(), m_events.begin(), m_events.end());
        m_events.clear();
    }
    if (now - m_lastHeartbeatMs >= m_config.heartbeatIntervalMs / 2) {
        bestEffort(touchFile(m_lease.get(), m_leasePath)); // a lost lease shows in the link count below
        m_lastHeartbeatMs = now;
        auto links = linkCount(m_lease.get(), m_leasePath);
        if (links && *links == 0) {
            // Evicted (not polled within the session timeout): whatever we owned is lost.
            std::vector<TopicPartition> lost;
            for (const auto &[tp, owned] : m_owned)
                lost.push_back(tp);
            ConsumerEvent evicted = storyEvent(ConsumerEvent::Kind::Lost, ConsumerEvent::Reason::Evicted, lost);
            evicted.sessionTimeoutMs = m_config.sessionTimeoutMs;
            events.push_back(std::move(evicted));
            releaseAll();
            m_lease.reset();
            if (auto s = join(); !s)
                return s;
            events.insert(events.end(), m_events.begin(), m_events.end());
            m_events.clear();
            return {};
        }
    }
    const bool vanishedExpired = m_nextExpiryMs > 0 && now > m_nextExpiryMs;
    if (force || m_groupDirty || vanishedExpired || now - m_lastCheckMs >= m_config.heartbeatIntervalMs) {
        m_groupDirty = false;
        m_lastCheckMs = now;
        auto state = m_group->readState();
        if (!state || membershipChanged(*state)) {
            if (!state)
                events.push_back(
                    event(ConsumerEvent::Kind::Error, {}, state.error().message + QStringLiteral("; rewriting it")));
            state = m_group->rebalance(*m_store, milliseconds(std::max(5000, m_config.sessionTimeoutMs)));
            if (!state) {
                events.push_back(event(
                    ConsumerEvent::Kind::Error, {},
                    QStringLiteral("rebalance of group '%1' failed: %2").arg(m_config.groupId, state.error().message)));
                return {};
            }
        }
        applyState(*state, events);
    }
    if (!m_pending.empty())
        tryClaims(events);
    return {};
}

void LocalConsumer::applyState(const GroupState &state, std::vector<ConsumerEvent> &events)
{
    if (state.generation != m_generation) {
        m_generation = state.generation;
        m_failed.clear();
    }
    for (const QString &topic : m_config.topics) {
        auto it = state.topicPartitions.find(topic);
        if ((it == state.topicPartitions.end() || it->second == 0) && !m_reportedMissingTopics.count(topic)) {
            m_reportedMissingTopics.insert(topic);
            ConsumerEvent missing = storyEvent(ConsumerEvent::Kind::Info, ConsumerEvent::Reason::TopicMissing, {});
            missing.topic = topic;
            events.push_back(std::move(missing));
        } else if (it != state.topicPartitions.end() && it->second > 0) {
            m_reportedMissingTopics.erase(topic);
        }
    }
    std::vector<TopicPartition> target;
    if (auto it = state.assignment.find(m_memberId); it != state.assignment.end())
        target = it->second;
    std::set<TopicPartition> wanted(target.begin(), target.end());
    std::vector<TopicPartition> revoked;
    for (auto it = m_owned.begin(); it != m_owned.end();) {
        if (!wanted.count(it->first)) {
            revoked.push_back(it->first);
            if (it->second.watchId >= 0)
                m_watcher.unwatch(it->second.watchId);
            it->second.watchId = -1;
            // Not read any more, but the claim stays ours until the next poll, so the app can
            // commit what it processed; the new owner starts from that commit.
            m_revoked[it->first] = std::move(it->second);
            it = m_owned.erase(it);
        } else {
            ++it;
        }
    }
    if (!revoked.empty())
        events.push_back(storyEvent(ConsumerEvent::Kind::Revoked, ConsumerEvent::Reason::Rebalance, revoked));
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (!wanted.count(it->first))
            it = m_pending.erase(it);
        else
            ++it;
    }
    for (const TopicPartition &tp : target) {
        if (m_owned.count(tp) || m_pending.count(tp) || m_failed.count(tp) || m_unfitTopics.count(tp.topic))
            continue;
        if (auto fit = m_group->checkFileNamesFit(tp); !fit) {
            // Every claim and commit would fail: say so once for the topic, and never try.
            m_unfitTopics.insert(tp.topic);
            events.push_back(event(ConsumerEvent::Kind::Error, {tp}, fit.error().message));
            continue;
        }
        m_pending.emplace(tp, Pending{});
    }
    tryClaims(events);
}

bool LocalConsumer::claimHolderGone(const QString &holder, Pending &pending, qint64 now)
{
    if (holder != pending.staleHolder) {
        pending.staleHolder = holder;
        pending.staleSinceMs = -1;
        pending.lastProbeMs = 0;
    }
    if (now - pending.lastProbeMs >= std::max(1, m_config.heartbeatIntervalMs / 2)) {
        pending.lastProbeMs = now;
        const auto liveness = m_group->probe(GroupDirectory::encodeName(holder) + QStringLiteral(".lease"), false);
        if (liveness == GroupDirectory::Liveness::Dead)
            return true; // the process is gone (kill -9) and its session expired: take it at once
        if (GroupDirectory::isMember(liveness)) // alive, or killed with its session still valid
            pending.staleSinceMs = -1;
        else if (pending.staleSinceMs < 0)
            pending.staleSinceMs = now;
    }
    // Evicted or hung: one more heartbeat interval gives a holder that is still polling the
    // time to notice its eviction and let go.
    return pending.staleSinceMs >= 0 && now - pending.staleSinceMs >= m_config.heartbeatIntervalMs;
}

void LocalConsumer::tryClaims(std::vector<ConsumerEvent> &events)
{
    const qint64 now = nowMs();
    std::vector<std::pair<TopicPartition, QString>> wanted; // (partition, the holder we saw)
    std::map<TopicPartition, QString> freedFrom;            // claims freed when their holder died
    for (auto &[tp, pending] : m_pending) {
        const GroupDirectory::Claim claim = m_group->readClaim(tp);
        const QString &holder = claim.holder;
        if (holder.isEmpty() && !claim.freedFrom.isEmpty())
            freedFrom[tp] = claim.freedFrom;
        if (holder.isEmpty() || holder == m_memberId || claimHolderGone(holder, pending, now))
            wanted.emplace_back(tp, holder);
    }
    if (wanted.empty())
        return;
    auto taken = m_group->takeClaims(wanted, m_memberId, m_generation, milliseconds(2000));
    if (!taken) {
        // group.lock busy (another member takes or releases many claims): try at the next poll.
        if (taken.error().code == ErrorCode::Unavailable || taken.error().code == ErrorCode::Timeout)
            return;
        events.push_back(
            event(ConsumerEvent::Kind::Error, {},
                  QStringLiteral("cannot take claims in group '%1': %2").arg(m_config.groupId, taken.error().message)));
        return;
    }
    std::vector<TopicPartition> acquired;
    for (size_t i = 0; i < wanted.size(); ++i) {
        if (!(*taken)[i])
            continue;
        const auto &[tp, seen] = wanted[i];
        const auto freed = freedFrom.find(tp);
        const QString previous = seen.isEmpty() && freed != freedFrom.end() ? freed->second : seen;
        m_pending.erase(tp);
        if (!previous.isEmpty() && previous != m_memberId) {
            ConsumerEvent takeover = storyEvent(ConsumerEvent::Kind::Info, ConsumerEvent::Reason::Takeover, {tp});
            takeover.previousOwner = previous;
            events.push_back(std::move(takeover));
        }
        auto log = m_store->partition(tp);
        if (!log) {
            events.push_back(event(ConsumerEvent::Kind::Error, {tp},
                                   QStringLiteral("cannot open %1: %2").arg(tp.toString(), log.error().message)));
            bestEffort(m_group->releaseClaims({tp}, m_memberId, milliseconds(2000)));
            m_failed.insert(tp);
            continue;
        }
        Owned owned;
        owned.log = *log;
        owned.watchId = m_watcher.watch((*log)->directory(), ChangeWatcher::Data);
        initPosition(tp, owned, events);
        m_owned[tp] = std::move(owned);
        acquired.push_back(tp);
    }
    if (!acquired.empty())
        events.push_back(storyEvent(ConsumerEvent::Kind::Assigned, ConsumerEvent::Reason::Rebalance, acquired));
}

qint64 LocalConsumer::resetPosition(const Owned &owned) const
{
    auto wm = owned.log->watermarks();
    if (!wm)
        return 0;
    return m_config.reset == OffsetReset::Earliest ? wm->low : wm->high;
}

void LocalConsumer::initPosition(const TopicPartition &tp, Owned &owned, std::vector<ConsumerEvent> &events)
{
    std::optional<qint64> committed;
    if (m_group) {
        auto c = m_group->readCommitted(tp);
        if (!c)
            events.push_back(event(ConsumerEvent::Kind::Error, {tp},
                                   c.error().message + QStringLiteral("; starting from the reset position")));
        else
            committed = *c;
    }
    auto wm = owned.log->watermarks();
    const QString resetName =
        m_config.reset == OffsetReset::Earliest ? QStringLiteral("earliest") : QStringLiteral("latest");
    if (committed) {
        owned.lastCommitted = *committed;
        owned.position = *committed;
        if (wm && (*committed < wm->low || *committed > wm->high)) {
            // Kafka's OFFSET_OUT_OF_RANGE: start at the reset position and say what that skips.
            owned.position = resetPosition(owned);
            const QString what =
                *committed > wm->high
                    ? QStringLiteral("is beyond the log end %1: offsets %1 to %2 were lost (a power cut in `os` "
                                     "durability, or the topic was deleted and created again)")
                          .arg(wm->high)
                          .arg(*committed - 1)
                    : QStringLiteral("is below the log start %1 (retention deleted offsets %2 to %3)")
                          .arg(wm->low)
                          .arg(*committed)
                          .arg(wm->low - 1);
            events.push_back(event(ConsumerEvent::Kind::Error, {tp},
                                   QStringLiteral("committed offset %1 of %2 %3; reset to %4 (offset %5)")
                                       .arg(*committed)
                                       .arg(tp.toString(), what, resetName)
                                       .arg(owned.position)));
        }
    } else {
        owned.position = resetPosition(owned);
    }
}

void LocalConsumer::release(const TopicPartition &tp)
{
    auto it = m_owned.find(tp);
    if (it == m_owned.end())
        return;
    if (it->second.watchId >= 0)
        m_watcher.unwatch(it->second.watchId);
    m_owned.erase(it);
    if (m_subscribed)
        bestEffort(m_group->releaseClaims({tp}, m_memberId, milliseconds(2000)));
}

void LocalConsumer::releaseRevoked()
{
    // Removing the claims lets the new owners take them (inotify on claims/ wakes them).
    std::vector<TopicPartition> tps;
    for (const auto &[tp, owned] : m_revoked)
        tps.push_back(tp);
    m_revoked.clear();
    if (m_subscribed && !tps.empty())
        bestEffort(m_group->releaseClaims(tps, m_memberId, milliseconds(2000)));
}

void LocalConsumer::releaseAll()
{
    std::vector<TopicPartition> tps;
    for (auto &[tp, owned] : m_owned) {
        if (owned.watchId >= 0)
            m_watcher.unwatch(owned.watchId);
        tps.push_back(tp);
    }
    m_owned.clear();
    for (const auto &[tp, owned] : m_revoked)
        tps.push_back(tp);
    m_revoked.clear();
    m_pending.clear();
    if (m_subscribed && !tps.empty())
        bestEffort(m_group->releaseClaims(tps, m_memberId, milliseconds(2000)));
}

LocalConsumer::Owned *LocalConsumer::committable(const TopicPartition &tp)
{
    if (auto it = m_owned.find(tp); it != m_owned.end())
        return &it->second;
    if (auto it = m_revoked.find(tp); it != m_revoked.end())
        return &it->second;
    return nullptr;
}

void LocalConsumer::readRecords(PollResult &out)
{
    if (m_owned.empty())
        return;
    std::vector<TopicPartition> order;
    for (const auto &[tp, owned] : m_owned)
        order.push_back(tp);
    const size_t start = m_roundRobin++ % order.size();
    int remaining = m_config.maxPollRecords;
    qint64 bytes = 0;
    for (size_t i = 0; i < order.size() && remaining > 0 && bytes < kMaxPollBytes; ++i) {
        const TopicPartition &tp = order[(start + i) % order.size()];
        auto found = m_owned.find(tp);
        if (found == m_owned.end())
            continue;
        Owned &owned = found->second;
        if (owned.broken || owned.position < 0)
            continue;
        auto head = owned.log->head();
        if (!head) {
            out.events.push_back(event(ConsumerEvent::Kind::Error, {tp}, head.error().message));
            if (m_subscribed && head.error().code == ErrorCode::NotFound) {
                release(tp); // deleted, maybe recreated: claimed afresh after the next group check
                m_groupDirty = true;
            } else {
                owned.broken = true;
            }
            continue;
        }
        if (owned.position == head->visibleNext)
            continue;
        if (owned.position < head->logStartOffset || owned.position > head->visibleNext) {
            const qint64 was = owned.position;
            owned.position = m_config.reset == OffsetReset::Earliest ? head->logStartOffset : head->visibleNext;
            owned.hint = {};
            out.events.push_back(event(ConsumerEvent::Kind::Error, {tp},
                                       QStringLiteral("offset %1 of %2 is outside the log (%3 to %4); reset to %5")
                                           .arg(was)
                                           .arg(tp.toString())
                                           .arg(head->logStartOffset)
                                           .arg(head->visibleNext)
                                           .arg(owned.position)));
            continue;
        }
        std::optional<Corruption> corruption;
        const size_t before = out.records.size();
        auto outcome =
            owned.log->scan(owned.position, remaining, kMaxPollBytes - bytes, &owned.hint, [&](const FrameView &frame) {
                out.records.push_back(toRecord(frame, tp.topic, tp.partition));
                bytes += frame.frameSize();
                return true;
            });
        if (!outcome) {
            out.events.push_back(event(ConsumerEvent::Kind::Error, {tp}, outcome.error().message));
            owned.hint = {};
            if (outcome.error().code == ErrorCode::NotFound) {
                if (m_subscribed) {
                    // Deleted (maybe recreated): let go and claim it afresh after the next group check.
                    release(tp);
                    m_groupDirty = true;
                } else {
                    owned.broken = true;
                }
            }
            continue;
        }
        const int n = static_cast<int>(out.records.size() - before);
        remaining -= n;
        if (n > 0)
            owned.position = out.records.back().offset + 1;
        if (outcome->corruption) {
            const Corruption &c = *outcome->corruption;
            out.events.push_back(event(ConsumerEvent::Kind::Error, {tp},
                                       QStringLiteral("skipped offsets %1 to %2 of %3: %4")
                                           .arg(c.offset)
                                           .arg(c.resumeOffset - 1)
                                           .arg(tp.toString(), c.message())));
            owned.position = c.resumeOffset;
        }
    }
}

Result<PollResult> LocalConsumer::poll(int timeoutMs)
{
    if (m_closed)
        return Error(ErrorCode::Cancelled, QStringLiteral("the consumer is closed"));
    const qint64 deadline = nowMs() + std::max(0, timeoutMs);
    releaseRevoked(); // the app had its chance to commit them after the previous poll
    PollResult out;
    out.events = std::move(m_events);
    m_events.clear();
    for (;;) {
        if (m_subscribed) {
            if (auto s = maintainGroup(out.events, false); !s)
                return s.error();
        }
        readRecords(out);
        if (!out.records.empty() || !out.events.empty())
            return out;
        const qint64 now = nowMs();
        if (now >= deadline)
            return out;
        qint64 wait = deadline - now;
        if (m_subscribed) {
            wait =
                std::min<qint64>(wait, std::max<qint64>(1, m_lastHeartbeatMs + m_config.heartbeatIntervalMs / 2 - now));
            wait = std::min<qint64>(wait, std::max<qint64>(1, m_lastCheckMs + m_config.heartbeatIntervalMs - now));
            if (m_nextExpiryMs > 0)
                wait = std::min<qint64>(wait, std::max<qint64>(1, m_nextExpiryMs + 1 - now));
            if (!m_pending.empty())
                wait = std::min<qint64>(wait, kPendingClaimRetryMs);
        }
        if (!m_watcher.available())
            wait = std::min<qint64>(wait, kFallbackPollMs);
        if (m_quickRechecks > 0) {
            // A frame was written but may not be visible yet (the head is updated just after
            // the data): look again shortly, as no further event may come.
            --m_quickRechecks;
            wait = std::min<qint64>(wait, kQuickRecheckMs);
        }
        const int kinds = m_watcher.wait(static_cast<int>(wait));
        if (kinds & ChangeWatcher::Woken)
            return out;
        if (kinds & ChangeWatcher::Data)
            m_quickRechecks = 3;
        if (kinds & (ChangeWatcher::Group | ChangeWatcher::Claims))
            m_groupDirty = true;
    }
}

Status LocalConsumer::commit()
{
    std::vector<std::pair<TopicPartition, qint64>> offsets;
    for (const auto *owners : {&m_owned, &m_revoked}) {
        for (const auto &[tp, owned] : *owners) {
            if (owned.position >= 0 && owned.position != owned.lastCommitted)
                offsets.emplace_back(tp, owned.position);
        }
    }
    if (m_closed)
        return Error(ErrorCode::Cancelled, QStringLiteral("the consumer is closed"));
    if (!m_group)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("this consumer has no group id to commit to"));
    if (offsets.empty())
        return {};
    return commitOffsets(offsets);
}

Status LocalConsumer::commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    if (m_closed)
        return Error(ErrorCode::Cancelled, QStringLiteral("the consumer is closed"));
    if (!m_group)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("this consumer has no group id to commit to"));
    return commitOffsets(offsets);
}

Status LocalConsumer::commitOffsets(const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    std::vector<TopicPartition> done;
    for (const auto &[tp, offset] : offsets) {
        if (offset < 0)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("cannot commit negative offset %1 for %2").arg(offset).arg(tp.toString()));
        Owned *owned = committable(tp); // revoked partitions too, until the next poll
        if (m_subscribed) {
            if (!owned)
                return Error(ErrorCode::Conflict, QStringLiteral("%1 is not assigned to member %2 of group '%3' "
                                                                 "(generation %4); commit refused")
                                                      .arg(tp.toString(), m_memberId, m_config.groupId)
                                                      .arg(m_generation));
            if (m_group->claimHolder(tp) != m_memberId)
                return Error(ErrorCode::Conflict,
                             QStringLiteral("member %1 no longer holds %2 (it was evicted from group '%3' and the "
                                            "partition taken over); commit refused")
                                 .arg(m_memberId, tp.toString(), m_config.groupId));
        } else {
            if (auto s = m_group->ensureExists(); !s)
                return s;
            const QString holder = m_group->claimHolder(tp);
            if (!holder.isEmpty() && GroupDirectory::isMember(m_group->probe(
                                         GroupDirectory::encodeName(holder) + QStringLiteral(".lease"), false)))
                return Error(ErrorCode::Conflict, QStringLiteral("%1 is owned by an active member of group '%2'; "
                                                                 "commit refused")
                                                      .arg(tp.toString(), m_config.groupId));
        }
        if (auto s = m_group->writeCommitted(tp, offset, m_memberId, m_generation); !s)
            return s;
        if (owned)
            owned->lastCommitted = offset;
        done.push_back(tp);
    }
    if (!done.empty())
        m_events.push_back(event(ConsumerEvent::Kind::Committed, done, tpList(done)));
    return {};
}

std::vector<TopicPartition> LocalConsumer::assignment() const
{
    std::vector<TopicPartition> out;
    for (const auto &[tp, owned] : m_owned)
        out.push_back(tp);
    return out;
}

std::optional<qint64> LocalConsumer::position(const TopicPartition &tp) const
{
    auto it = m_owned.find(tp);
    if (it == m_owned.end()) {
        it = m_revoked.find(tp); // until the next poll, for committing what was processed
        if (it == m_revoked.end())
            return std::nullopt;
    }
    if (it->second.position < 0)
        return std::nullopt;
    return it->second.position;
}

Result<std::map<TopicPartition, qint64>> LocalConsumer::committed()
{
    std::map<TopicPartition, qint64> out;
    if (!m_group)
        return out;
    for (const auto &[tp, owned] : m_owned) {
        auto c = m_group->readCommitted(tp);
        if (!c)
            return c.error();
        if (*c)
            out[tp] = **c;
    }
    return out;
}

Status LocalConsumer::seek(const TopicPartition &tp, qint64 offset)
{
    auto it = m_owned.find(tp);
    if (it == m_owned.end())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot seek %1: not assigned to this consumer").arg(tp.toString()));
    if (offset < 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot seek %1 to negative offset %2").arg(tp.toString()).arg(offset));
    it->second.position = offset;
    it->second.hint = {};
    it->second.broken = false;
    return {};
}

void LocalConsumer::close()
{
    if (m_closed)
        return;
    m_closed = true;
    releaseAll();
    if (m_subscribed && m_lease.valid()) {
        // Leave: drop the lease, then publish the new generation so the others take over now.
        bestEffort(removeFile(m_leasePath)); // if it stays, it is unlocked once closed: dead
        auto state = m_group->rebalance(*m_store, milliseconds(5000), m_memberId);
        if (!state)
            qCWarning(lcLogbroker).noquote()
                << QStringLiteral("leaving group '%1': %2").arg(m_config.groupId, state.error().message);
    }
    m_lease.reset();
    m_watcher.shutdown();
}

void LocalConsumer::abandon()
{
    if (m_closed)
        return;
    m_closed = true;
    // As if the process died: close every file (the kernel would), commit nothing, leave the
    // lease file behind for the others to find unlocked. It dies right after a heartbeat, so
    // its session expires a whole session timeout after the kill, when the countdown the app
    // shows ends (a kill -9 of a process falls anywhere between two heartbeats: up to half a
    // heartbeat interval earlier).
    if (m_lease.valid())
        bestEffort(touchFile(m_lease.get(), m_leasePath));
    m_owned.clear();
    m_revoked.clear();
    m_pending.clear();
    m_lease.reset();
    m_watcher.shutdown();
}

} // namespace tidemark::logbroker
