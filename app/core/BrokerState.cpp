#include "core/BrokerState.h"

#include "core/AsyncBackend.h"
#include "core/GroupIdListing.h"
#include "core/GroupsInBulk.h"
#include "core/Lag.h"

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>
#include <limits>
#include <memory>
#include <set>
#include <utility>

namespace tidemark {

namespace {

struct OffsetsAnswer {
    Result<std::vector<GroupInfo>> groups = std::vector<GroupInfo>{};
    qint64 calls = 0;
};

struct GroupsAnswer {
    std::optional<Error> error;
    std::vector<QString> listed;
    std::vector<GroupInfo> described;
    std::vector<QString> gone; // listed, but describeGroup() says NotFound
    size_t recheck = 0;
    qint64 calls = 0;
};

bool touches(const GroupInfo &g, const QString &topic)
{
    return std::any_of(g.partitions.begin(), g.partitions.end(),
                       [&](const GroupPartitionState &p) { return p.tp.topic == topic; }) ||
           std::any_of(g.members.begin(), g.members.end(), [&](const GroupMember &m) {
               return std::any_of(m.assignment.begin(), m.assignment.end(),
                                  [&](const TopicPartition &tp) { return tp.topic == topic; });
           });
}

size_t fingerprintOf(const std::vector<TopicInfo> &topics)
{
    size_t h = topics.size();
    for (const TopicInfo &t : topics)
        h = qHashMulti(h, t.name, t.partitionCount, t.recordCount);
    return h;
}

size_t fingerprintOf(const std::vector<GroupInfo> &groups, const std::set<QString> &readers)
{
    size_t h = qHashRange(readers.begin(), readers.end());
    for (const GroupInfo &g : groups) {
        h = qHashMulti(h, g.groupId, g.state, g.generation, g.members.size());
        for (const GroupMember &m : g.members) {
            h = qHashMulti(h, m.memberId, m.clientId, m.host, m.vanished, m.sessionExpiresAtMs);
            for (const TopicPartition &tp : m.assignment)
                h = qHashMulti(h, tp.topic, tp.partition);
        }
        for (const GroupPartitionState &p : g.partitions)
            h = qHashMulti(h, p.tp.topic, p.tp.partition, p.committed, p.ownerMemberId);
    }
    return h;
}

size_t logEndsOf(const std::vector<GroupInfo> &groups)
{
    size_t h = 0;
    for (const GroupInfo &g : groups)
        for (const GroupPartitionState &p : g.partitions)
            h = qHashMulti(h, p.highWatermark);
    return h;
}

bool samePartition(const PartitionInfo &a, const PartitionInfo &b)
{
    return a.partition == b.partition && a.leader == b.leader && a.logStartOffset == b.logStartOffset &&
           a.highWatermark == b.highWatermark && a.error == b.error && a.replicas == b.replicas && a.isr == b.isr;
}

} // namespace

BrokerState::BrokerState(AsyncBackend *backend) : QObject(backend), m_backend(backend)
{
    auto monotonic = std::make_shared<QElapsedTimer>();
    monotonic->start();
    m_clock = [monotonic] { return monotonic->elapsed(); };
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &BrokerState::tick);
}

BrokerState::~BrokerState() = default;

BrokerState *BrokerState::of(AsyncBackend *backend)
{
    if (auto *state = backend->findChild<BrokerState *>(QString(), Qt::FindDirectChildrenOnly))
        return state;
    return new BrokerState(backend);
}

BrokerState::Watch BrokerState::watchTopics(int intervalMs)
{
    const Watch id = m_nextWatch++;
    m_subscriptions[id] = Subscription{Kind::Topics, QString(), std::max(kTickMs, intervalMs)};
    if (const Key key{Kind::Topics, QString()}; !m_polls.count(key))
        start(key);
    updateTimer();
    return id;
}

BrokerState::Watch BrokerState::watchTopic(const QString &topic, int intervalMs)
{
    const Watch id = m_nextWatch++;
    m_subscriptions[id] = Subscription{Kind::Topic, topic, std::max(kTickMs, intervalMs)};
    if (const Key key{Kind::Topic, topic}; !m_polls.count(key))
        start(key); // a new key: asked now; a watched one answers every watcher
    updateTimer();
    return id;
}

BrokerState::Watch BrokerState::watchGroups(const QString &topic, int intervalMs)
{
    const Watch id = m_nextWatch++;
    m_subscriptions[id] = Subscription{Kind::Groups, topic, std::max(kTickMs, intervalMs)};
    if (const Key key{Kind::Groups, topic}; !m_polls.count(key))
        start(key);
    updateTimer();
    return id;
}

BrokerState::Watch BrokerState::watchAllOffsets(int intervalMs)
{
    const Watch id = m_nextWatch++;
    m_subscriptions[id] = Subscription{Kind::Offsets, QString(), std::max(kTickMs, intervalMs)};
    if (const Key key{Kind::Offsets, QString()}; !m_polls.count(key))
        start(key);
    updateTimer();
    return id;
}

void BrokerState::unwatch(Watch watch)
{
    const auto it = m_subscriptions.find(watch);
    if (it == m_subscriptions.end())
        return;
    const Key key{it->second.kind, it->second.topic};
    m_subscriptions.erase(it);
    if (intervalOf(key) > 0)
        return; // still watched by another view
    m_polls.erase(key);
    if (key.first == Kind::Topic) {
        // Not watched any more: its count falls back to the topic list, starting from the
        // freshest number known, so no panel sees it jump back.
        const auto t = m_topics.find(key.second);
        if (t != m_topics.end() && t->second.described) {
            t->second.listed.recordCount = recordCount(key.second);
            t->second.described = false;
            t->second.partitions.clear();
        }
    } else if (key.first == Kind::Groups) {
        m_groupsOf.erase(key.second);
    } else if (key.first == Kind::Offsets) {
        m_offsets.clear();
        m_offsetsError.clear();
        m_offsetsFingerprint = 0;
    }
    updateTimer();
}

int BrokerState::intervalOf(const Key &key) const
{
    int interval = 0;
    for (const auto &[id, s] : m_subscriptions)
        if (s.kind == key.first && s.topic == key.second)
            interval = interval == 0 ? s.intervalMs : std::min(interval, s.intervalMs);
    return interval;
}

void BrokerState::updateTimer()
{
    if (m_ticking && !m_subscriptions.empty()) {
        if (!m_timer.isActive())
            m_timer.start();
    } else {
        m_timer.stop();
    }
}

void BrokerState::setTicking(bool on)
{
    m_ticking = on;
    updateTimer();
}

void BrokerState::setClock(Clock clock) { m_clock = std::move(clock); }

void BrokerState::tick()
{
    const qint64 now = m_clock();
    std::vector<Key> due;
    for (const auto &[key, poll] : m_polls) {
        const int interval = intervalOf(key);
        if (interval > 0 && !poll.inFlight &&
            (poll.lastStartMs < 0 || now - poll.lastStartMs >= qint64(interval) * poll.backoff))
            due.push_back(key);
    }
    for (const Key &key : due)
        start(key);
}

void BrokerState::refresh()
{
    std::vector<Key> keys;
    for (auto &[key, poll] : m_polls) {
        poll.backoff = 1;
        keys.push_back(key);
    }
    for (const Key &key : keys)
        start(key);
}

void BrokerState::noteTopicsChanged()
{
    wake({Kind::Topics, QString()});
    if (m_polls.count({Kind::Topics, QString()}))
        start({Kind::Topics, QString()});
}

bool BrokerState::isIdle() const
{
    return std::none_of(m_polls.begin(), m_polls.end(), [](const auto &p) { return p.second.inFlight; });
}

void BrokerState::start(const Key &key)
{
    Poll &poll = m_polls[key];
    if (poll.inFlight) {
        poll.again = true;
        return;
    }
    poll.inFlight = true;
    poll.again = false;
    poll.lastStartMs = m_clock();
    switch (key.first) {
    case Kind::Topics: pollTopics(); break;
    case Kind::Topic: pollTopic(key.second); break;
    case Kind::Groups: pollGroups(key.second); break;
    case Kind::Offsets: pollOffsets(); break;
    }
}

void BrokerState::wake(const Key &key)
{
    if (const auto it = m_polls.find(key); it != m_polls.end())
        it->second.backoff = 1;
}

void BrokerState::finish(const Key &key, bool changed)
{
    const auto it = m_polls.find(key);
    if (it == m_polls.end())
        return; // unwatched meanwhile
    it->second.inFlight = false;
    it->second.backoff = changed ? 1 : std::min(kMaxBackoff, it->second.backoff * 2);
    if (it->second.again)
        start(key);
}

void BrokerState::pollTopics()
{
    ++m_calls;
    m_backend->run(
        this, [](Backend &b) { return b.listTopics(); },
        [this](Result<std::vector<TopicInfo>> answer) {
            const Key key{Kind::Topics, QString()};
            if (!answer) {
                const bool changed = m_topicsError != answer.error().message;
                m_topicsError = answer.error().message;
                finish(key, changed);
                if (changed)
                    emit topicsChanged();
                return;
            }
            const size_t fingerprint = fingerprintOf(*answer);
            const bool changed = !m_topicsLoaded || !m_topicsError.isEmpty() || fingerprint != m_topicsFingerprint;
            m_topicsFingerprint = fingerprint;
            m_topicsError.clear();
            m_topicsLoaded = true;
            std::set<QString> names;
            for (TopicInfo &info : *answer) {
                names.insert(info.name);
                m_topics[info.name].listed = std::move(info);
            }
            for (auto it = m_topics.begin(); it != m_topics.end();) {
                if (!names.count(it->first) && !it->second.described)
                    it = m_topics.erase(it);
                else {
                    if (!names.count(it->first))
                        it->second.listed.name.clear(); // described (watched), but gone from the list
                    ++it;
                }
            }
            finish(key, changed);
            if (changed)
                emit topicsChanged();
        });
}

void BrokerState::pollTopic(const QString &topic)
{
    const quint64 sent = ++m_seq;
    ++m_calls;
    m_backend->run(
        this, [topic](Backend &b) { return b.describeTopic(topic); },
        [this, topic, sent](Result<TopicInfo> answer) {
            const Key key{Kind::Topic, topic};
            if (!m_polls.count(key)) // unwatched meanwhile: what it says is not kept
                return;
            TopicState &t = m_topics[topic];
            const qint64 countBefore = recordCount(topic);
            bool changed = !t.described;
            if (!answer) {
                changed = changed || !t.error || t.error->message != answer.error().message;
                t.error = answer.error();
                if (answer.error().code == ErrorCode::NotFound) {
                    changed = changed || !t.partitions.empty();
                    t.partitions.clear();
                    t.described = true;
                }
            } else {
                changed = changed || t.error.has_value();
                t.error.reset();
                t.described = true;
                t.described_info = *answer;
                t.described_info.partitions.clear();
                std::map<int, Partition> merged;
                for (const PartitionInfo &p : answer->partitions) {
                    Partition next{p, sent};
                    const auto known = t.partitions.find(p.partition);
                    if (known != t.partitions.end() && known->second.seq > sent) {
                        // A delivery was noted after this poll left: it cannot take it back.
                        next.seq = known->second.seq;
                        next.info.highWatermark = std::max(p.highWatermark, known->second.info.highWatermark);
                    }
                    if (known == t.partitions.end() || !samePartition(known->second.info, next.info))
                        changed = true;
                    merged[p.partition] = next;
                }
                changed = changed || merged.size() != t.partitions.size();
                t.partitions = std::move(merged);
            }
            finish(key, changed);
            if (changed)
                emit topicChanged(topic);
            if (recordCount(topic) != countBefore)
                emit topicsChanged();
        });
}

void BrokerState::pollGroups(const QString &topic)
{
    const quint64 sent = ++m_seq;
    std::set<QString> known = m_goneGroups;
    for (const auto &[id, g] : m_groups)
        known.insert(id);
    const auto of = m_groupsOf.find(topic);
    const std::set<QString> readers = of != m_groupsOf.end() ? of->second.members : std::set<QString>{};
    m_backend->run(
        this,
        [known, readers, recheck = m_recheck, all = topic.isEmpty()](Backend &b) {
            GroupsAnswer answer;
            answer.recheck = recheck;
            auto describe = [&](const QString &id) {
                ++answer.calls;
                if (auto info = b.describeGroup(id))
                    answer.described.push_back(std::move(*info));
                else if (info.error().code == ErrorCode::NotFound)
                    answer.gone.push_back(id);
            };
            ++answer.calls;
            auto listed = groupIdsOf(b); // ids only: its cost does not grow with the groups' contents
            if (!listed) {
                answer.error = listed.error();
                return answer;
            }
            if (all) { // every group, the first kMaxAllGroups of them
                for (const QString &id : *listed) {
                    answer.listed.push_back(id);
                    if (answer.calls > kMaxAllGroups)
                        continue;
                    describe(id);
                }
                return answer;
            }
            std::vector<QString> others;
            for (const QString &id : *listed) {
                answer.listed.push_back(id);
                if (readers.count(id) || !known.count(id)) {
                    describe(id);
                } else {
                    others.push_back(id);
                }
            }
            for (int i = 0; i < kGroupRecheck && !others.empty() && size_t(i) < others.size(); ++i) {
                describe(others[(recheck + size_t(i)) % others.size()]);
            }
            answer.recheck = others.empty() ? 0 : (recheck + kGroupRecheck) % others.size();
            return answer;
        },
        [this, topic, sent](GroupsAnswer answer) {
            m_calls += answer.calls;
            const Key key{Kind::Groups, topic};
            m_recheck = answer.recheck;
            if (!m_polls.count(key))
                return;
            GroupsState &state = m_groupsOf[topic];
            if (answer.error) {
                const bool changed = state.error != answer.error->message;
                state.error = answer.error->message;
                finish(key, changed);
                if (changed)
                    emit groupsChanged(topic);
                return;
            }
            bool changed = !state.loaded || !state.error.isEmpty();
            state.error.clear();
            state.loaded = true;
            const std::set<QString> listed(answer.listed.begin(), answer.listed.end());
            for (auto it = m_groups.begin(); it != m_groups.end();)
                it = listed.count(it->first) ? std::next(it) : m_groups.erase(it);
            // A group gone (deleted) starts afresh if it comes back: its new commits are no reset.
            for (auto it = m_known.begin(); it != m_known.end();)
                it = listed.count(it->first.first) || it->second.seq > sent ? std::next(it) : m_known.erase(it);
            // Listed but not there when described (Kafka lists an Empty group whose offsets went
            // with their topic until it expires): known, so only the round robin asks again.
            for (auto it = m_goneGroups.begin(); it != m_goneGroups.end();)
                it = listed.count(*it) ? std::next(it) : m_goneGroups.erase(it);
            for (const QString &id : answer.gone) {
                m_goneGroups.insert(id);
                m_groups.erase(id);
            }
            std::vector<QString> described;
            for (GroupInfo &g : answer.described) {
                m_goneGroups.erase(g.groupId);
                described.push_back(g.groupId);
                applyGroup(std::move(g), sent);
            }
            std::set<QString> readers;
            if (topic.isEmpty()) {
                readers.insert(described.begin(), described.end());
            } else {
                for (const auto &[id, g] : m_groups)
                    if (touches(g, topic))
                        readers.insert(id);
            }
            std::vector<GroupInfo> shown;
            for (const QString &id : readers)
                shown.push_back(m_groups.at(id));
            const size_t fingerprint = fingerprintOf(shown, readers);
            changed = changed || fingerprint != state.fingerprint;
            state.fingerprint = fingerprint;
            state.members = std::move(readers);
            finish(key, changed);
            if (changed)
                emit groupsChanged(topic);
            tellResets();
        });
}

void BrokerState::pollOffsets()
{
    const quint64 sent = ++m_seq;
    m_backend->run(
        this,
        [](Backend &b) {
            OffsetsAnswer answer;
            answer.groups = describeAllGroups(b, &answer.calls);
            return answer;
        },
        [this, sent](OffsetsAnswer offsets) {
            m_calls += offsets.calls;
            Result<std::vector<GroupInfo>> &answer = offsets.groups;
            const Key key{Kind::Offsets, QString()};
            if (!m_polls.count(key))
                return; // unwatched meanwhile
            if (!answer) {
                const bool changed = m_offsetsError != answer.error().message;
                m_offsetsError = answer.error().message;
                finish(key, changed);
                emit offsetsSampled();
                return;
            }
            // Commits the app noted after this poll left win over what it says.
            std::set<QString> answered;
            for (GroupInfo &g : *answer) {
                for (GroupPartitionState &p : g.partitions) {
                    const auto noted = m_commits.find({g.groupId, p.tp});
                    if (noted != m_commits.end() && noted->second.seq > sent) {
                        p.committed = noted->second.offset;
                        p.lag = partitionLag(p.highWatermark, p.committed);
                    }
                }
                learnCommitted(g, sent);
                answered.insert(g.groupId);
            }
            for (auto it = m_known.begin(); it != m_known.end();) // every group: the others are gone
                it = answered.count(it->first.first) || it->second.seq > sent ? std::next(it) : m_known.erase(it);
            const size_t fingerprint = qHashMulti(fingerprintOf(*answer, {}), logEndsOf(*answer));
            const bool changed = !m_offsetsError.isEmpty() || fingerprint != m_offsetsFingerprint;
            m_offsetsFingerprint = fingerprint;
            m_offsetsError.clear();
            m_offsets = std::move(*answer);
            finish(key, changed);
            emit offsetsSampled();
            tellResets();
        });
}

void BrokerState::applyGroup(GroupInfo info, quint64 sentSeq)
{
    // Commits the app noted after this poll left win over what it says.
    for (GroupPartitionState &p : info.partitions) {
        const auto noted = m_commits.find({info.groupId, p.tp});
        if (noted != m_commits.end() && noted->second.seq > sentSeq)
            p.committed = noted->second.offset;
    }
    learnCommitted(info, sentSeq);
    const QString id = info.groupId;
    m_groups[id] = std::move(info);
}

void BrokerState::learnCommitted(const GroupInfo &group, quint64 sentSeq)
{
    // Members only commit forward, and both brokers refuse to reset a group that has members:
    // a committed offset below the one known, in a group without members, was reset.
    const bool withoutMembers =
        group.members.empty() &&
        (group.state.isEmpty() || group.state == QLatin1String("Empty") || group.state == QLatin1String("Dead"));
    const auto first = m_known.lower_bound({group.groupId, TopicPartition{}});
    std::set<TopicPartition> answered;
    for (const GroupPartitionState &p : group.partitions) {
        if (p.committed < 0)
            continue;
        answered.insert(p.tp);
        KnownCommit &known = m_known[{group.groupId, p.tp}];
        if (known.seq > sentSeq)
            continue; // a later answer or the app's own note knows better
        if (known.offset == p.committed) {
            known.seq = sentSeq;
            continue;
        }
        const bool reset = withoutMembers && known.offset >= 0 && p.committed < known.offset;
        if (reset)
            m_foundResets.push_back(FoundReset{group.groupId, p.tp, known.offset, p.committed});
        known = KnownCommit{p.committed, sentSeq, reset};
    }
    // Offsets that went (with their topic, or the group's): a later commit starts afresh.
    for (auto it = first; it != m_known.end() && it->first.first == group.groupId;)
        it = answered.count(it->first.second) || it->second.seq > sentSeq ? std::next(it) : m_known.erase(it);
}

void BrokerState::tellResets()
{
    const std::vector<FoundReset> found = std::exchange(m_foundResets, {});
    for (const FoundReset &r : found)
        emit offsetReset(r.groupId, r.tp, r.before, r.offset);
}

void BrokerState::noteDelivered(const QString &topic, const std::map<int, qint64> &nextOffsets)
{
    if (nextOffsets.empty())
        return;
    wake({Kind::Topic, topic});
    wake({Kind::Topics, QString()});
    const auto t = m_topics.find(topic);
    if (t == m_topics.end() || !t->second.described) {
        noteTopicsChanged(); // not watched: the list tells the count soon
        return;
    }
    bool changed = false;
    for (const auto &[partition, next] : nextOffsets) {
        const auto p = t->second.partitions.find(partition);
        if (p == t->second.partitions.end() || next <= p->second.info.highWatermark)
            continue;
        p->second.info.highWatermark = next;
        p->second.seq = ++m_seq;
        changed = true;
    }
    if (!changed)
        return;
    emit topicChanged(topic);
    emit topicsChanged();
}

void BrokerState::noteCommitted(const QString &groupId, const std::map<TopicPartition, qint64> &offsets)
{
    std::set<QString> topics;
    for (const auto &entry : offsets) {
        // Named, not a structured binding: the lambda below captures it (clang before 16 refuses).
        const TopicPartition &tp = entry.first;
        const qint64 offset = entry.second;
        Commit &c = m_commits[{groupId, tp}];
        if (c.offset == offset)
            continue;
        c = Commit{offset, ++m_seq};
        KnownCommit &known = m_known[{groupId, tp}];
        known = KnownCommit{offset, c.seq, known.resetTold && known.offset == offset};
        GroupInfo &g = m_groups[groupId];
        g.groupId = groupId;
        auto p = std::find_if(g.partitions.begin(), g.partitions.end(),
                              [&](const GroupPartitionState &s) { return s.tp == tp; });
        if (p == g.partitions.end()) {
            g.partitions.push_back(GroupPartitionState{tp, offset, -1, -1, -1, QString()});
            std::sort(g.partitions.begin(), g.partitions.end(),
                      [](const auto &a, const auto &b) { return a.tp < b.tp; });
        } else {
            p->committed = offset;
        }
        wake({Kind::Groups, tp.topic});
        const auto of = m_groupsOf.find(tp.topic);
        if (of != m_groupsOf.end()) {
            of->second.members.insert(groupId);
            topics.insert(tp.topic);
        }
    }
    for (const QString &topic : topics)
        emit groupsChanged(topic);
}

void BrokerState::noteOffsetReset(const QString &groupId, const TopicPartition &tp, qint64 before, qint64 offset)
{
    // A poll that read the broker just after the reset may have found it first, and told it.
    const auto known = m_known.find({groupId, tp});
    const bool told = known != m_known.end() && known->second.offset == offset && known->second.resetTold;
    noteCommitted(groupId, {{tp, offset}});
    m_known[{groupId, tp}] = KnownCommit{offset, ++m_seq, true}; // also when the app noted `offset` before
    if (!told)
        emit offsetReset(groupId, tp, before, offset);
}

std::optional<qint64> BrokerState::knownCommitted(const QString &groupId, const TopicPartition &tp) const
{
    const auto known = m_known.find({groupId, tp});
    if (known == m_known.end() || known->second.offset < 0)
        return std::nullopt;
    return known->second.offset;
}

std::vector<TopicInfo> BrokerState::topics() const
{
    std::vector<TopicInfo> out;
    out.reserve(m_topics.size());
    for (const auto &[name, t] : m_topics) {
        if (t.listed.name.isEmpty())
            continue;
        TopicInfo info = t.listed;
        if (t.described && !t.error) {
            info.partitionCount = int(t.partitions.size());
            info.recordCount = recordCount(name);
        }
        out.push_back(std::move(info));
    }
    return out;
}

std::optional<TopicInfo> BrokerState::topic(const QString &name) const
{
    const auto it = m_topics.find(name);
    if (it == m_topics.end())
        return std::nullopt;
    const TopicState &t = it->second;
    if (!t.described) {
        if (t.listed.name.isEmpty())
            return std::nullopt;
        return t.listed;
    }
    if (t.error)
        return std::nullopt;
    TopicInfo info = t.described_info;
    for (const auto &[p, part] : t.partitions)
        info.partitions.push_back(part.info);
    info.partitionCount = int(info.partitions.size());
    info.recordCount = recordCount(name);
    return info;
}

qint64 BrokerState::recordCount(const QString &topic) const
{
    const auto it = m_topics.find(topic);
    if (it == m_topics.end())
        return -1;
    const TopicState &t = it->second;
    if (!t.described)
        return t.listed.recordCount;
    qint64 n = 0;
    for (const auto &[p, part] : t.partitions)
        n += std::max<qint64>(0, part.info.highWatermark - part.info.logStartOffset);
    return n;
}

bool BrokerState::isTopicLoaded(const QString &topic) const
{
    const auto it = m_topics.find(topic);
    return it != m_topics.end() && it->second.described;
}

std::optional<Error> BrokerState::topicError(const QString &topic) const
{
    const auto it = m_topics.find(topic);
    return it == m_topics.end() ? std::nullopt : it->second.error;
}

std::vector<GroupInfo> BrokerState::groups(const QString &topic) const
{
    std::vector<GroupInfo> out;
    const auto of = m_groupsOf.find(topic);
    if (of == m_groupsOf.end())
        return out;
    const auto t = m_topics.find(topic);
    for (const QString &id : of->second.members) {
        const auto g = m_groups.find(id);
        if (g == m_groups.end())
            continue;
        GroupInfo info = g->second;
        // Lag against the watermarks every view shows now.
        if (t != m_topics.end() && t->second.described) {
            for (GroupPartitionState &p : info.partitions) {
                if (p.tp.topic != topic)
                    continue;
                const auto part = t->second.partitions.find(p.tp.partition);
                if (part == t->second.partitions.end())
                    continue;
                p.highWatermark = part->second.info.highWatermark;
                p.logStartOffset = part->second.info.logStartOffset;
                p.lag = partitionLag(p.highWatermark, p.committed);
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

bool BrokerState::areGroupsLoaded(const QString &topic) const
{
    const auto of = m_groupsOf.find(topic);
    return of != m_groupsOf.end() && of->second.loaded;
}

QString BrokerState::groupsError(const QString &topic) const
{
    const auto of = m_groupsOf.find(topic);
    return of == m_groupsOf.end() ? QString() : of->second.error;
}

std::vector<GroupInfo> BrokerState::allGroups() const
{
    std::vector<GroupInfo> out;
    for (const auto &[id, g] : m_groups)
        out.push_back(g);
    return out;
}

} // namespace tidemark
