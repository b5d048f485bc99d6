#include "FakeBackend.h"

#include "core/SummaryReads.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace tidemark::test {

namespace {

using SteadyClock = std::chrono::steady_clock;

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now().time_since_epoch()).count();
}

} // namespace

struct FakeBackend::State {
    struct Partition {
        qint64 logStart = 0;
        std::vector<Record> records;
        qint64 high() const { return logStart + qint64(records.size()); }
    };
    struct Topic {
        std::vector<Partition> partitions;
        QMap<QString, QString> configs;
    };
    // addComputedTopic: records computed from their offsets, nothing stored.
    struct Computed {
        int partitions = 0;
        qint64 records = 0; // per partition
        int valueBytes = 0;
        qint64 recordBytes() const { return 8 + valueBytes + kRecordOverheadBytes; } // "key-000K" is 8
    };
    struct Member {
        QString memberId;
        QString clientId;
        QStringList topics;
        qint64 lastSeenMs = 0;
        int sessionTimeoutMs = 10000;
        std::vector<TopicPartition> assignment;
    };
    // A rebalance works like Kafka's eager protocol: a membership change bumps the
    // generation and takes every assignment away; each member acknowledges on its next poll
    // (after the poll that reported the revocation, so it can commit first); when all have,
    // the new assignment is computed and handed out. A dead member stalls the rebalance
    // until its session expires, as on a real cluster.
    struct Group {
        int generation = 0;
        bool syncing = false;
        std::set<QString> acked;
        QString strategy = QStringLiteral("range");
        std::map<QString, Member> members; // memberIds sort in join order
        std::map<TopicPartition, qint64> committed;
    };

    mutable std::mutex mutex;
    std::condition_variable changed;
    std::map<QString, Topic> topics;
    std::map<QString, Computed> computed; // names never in `topics` too
    std::map<QString, Group> groups;
    qint64 memberCounter = 0;
    quint64 randomCounter = 0;
    int latencyMs = 0;
    std::atomic<int> commitHangMs{0};
    std::optional<Error> failure;
    FakeBackend::Clock clock;
    std::atomic<qint64> calls{0};
    std::atomic<qint64> fetchCalls{0};
    std::atomic<bool> positionsUnknownUntilFetched{false}; // like librdkafka before the first fetch
    std::set<std::pair<TopicPartition, qint64>> corrupt;   // setCorrupt
    std::set<QString> activeElsewhere;                     // setGroupActive
    std::set<QString> listedOnly;                          // addListedOnlyGroup
    std::vector<std::pair<QString, std::pair<TopicPartition, qint64>>> offsetResets; // applied resets
    std::vector<std::pair<int, qint64>> summaryFetches;                              // (partition, offset)
    std::vector<FakeBackend::FetchCall> fetches;                                     // every fetch()
    std::atomic<qint64> recordsServed{0};                                            // by fetch and fetchSummaries
    std::atomic<qint64> bytesServed{0};
    std::atomic<qint64> reads{0};

    qint64 now() const { return clock ? clock() : QDateTime::currentMSecsSinceEpoch(); }

    // Caller holds the mutex.
    bool exists(const QString &topic) const { return topics.count(topic) || computed.count(topic); }
    // Caller holds the mutex. The log start and high watermark of a stored or computed
    // partition; nullopt if there is no such partition.
    std::optional<Watermarks> bounds(const TopicPartition &tp) const
    {
        if (auto t = topics.find(tp.topic); t != topics.end()) {
            if (tp.partition < 0 || tp.partition >= int(t->second.partitions.size()))
                return std::nullopt;
            const auto &p = t->second.partitions[size_t(tp.partition)];
            return Watermarks{p.logStart, p.high()};
        }
        if (auto c = computed.find(tp.topic); c != computed.end()) {
            if (tp.partition < 0 || tp.partition >= c->second.partitions)
                return std::nullopt;
            return Watermarks{0, c->second.records};
        }
        return std::nullopt;
    }
    void served(qint64 records, qint64 bytes)
    {
        ++reads;
        recordsServed += records;
        bytesServed += bytes;
    }

    // Caller holds the mutex.
    void membershipChanged(Group &group)
    {
        ++group.generation;
        group.syncing = true;
        group.acked.clear();
        for (auto &[id, m] : group.members)
            m.assignment.clear();
        changed.notify_all();
        maybeComplete(group);
    }
    void maybeComplete(Group &group)
    {
        if (!group.syncing)
            return;
        for (const auto &[id, m] : group.members)
            if (!group.acked.count(id))
                return;
        group.syncing = false;
        assign(group);
    }
    void assign(Group &group)
    {
        std::map<QString, std::vector<Member *>> byTopic;
        for (auto &[id, m] : group.members)
            for (const QString &t : m.topics)
                byTopic[t].push_back(&m);
        if (group.strategy == QLatin1String("roundrobin")) {
            std::vector<TopicPartition> all;
            std::vector<Member *> everyone;
            for (auto &[id, m] : group.members)
                everyone.push_back(&m);
            for (const auto &[topic, members] : byTopic) {
                auto t = topics.find(topic);
                if (t == topics.end())
                    continue;
                for (int p = 0; p < int(t->second.partitions.size()); ++p)
                    all.push_back({topic, p});
            }
            size_t next = 0;
            for (const TopicPartition &tp : all) {
                for (size_t tries = 0; tries < everyone.size(); ++tries) {
                    Member *m = everyone[next++ % everyone.size()];
                    if (m->topics.contains(tp.topic)) {
                        m->assignment.push_back(tp);
                        break;
                    }
                }
            }
        } else {
            for (const auto &[topic, members] : byTopic) {
                auto t = topics.find(topic);
                if (t == topics.end())
                    continue;
                const int n = int(t->second.partitions.size());
                const int m = int(members.size());
                int p = 0;
                for (int i = 0; i < m; ++i) {
                    const int count = n / m + (i < n % m ? 1 : 0);
                    for (int k = 0; k < count; ++k)
                        members[size_t(i)]->assignment.push_back({topic, p++});
                }
            }
        }
        changed.notify_all();
    }

    // Caller holds the mutex. Drops members silent for longer than their session timeout.
    void expire(Group &group)
    {
        const qint64 t = steadyMs();
        bool any = false;
        for (auto it = group.members.begin(); it != group.members.end();) {
            if (t - it->second.lastSeenMs > it->second.sessionTimeoutMs) {
                it = group.members.erase(it);
                any = true;
            } else {
                ++it;
            }
        }
        if (any)
            membershipChanged(group);
    }
};

namespace {

// The real brokers' NotFound for a topic or partition that is not there. Caller holds the mutex.
Error missingPartition(const FakeBackend::State &state, const TopicPartition &tp)
{
    auto t = state.topics.find(tp.topic);
    if (t == state.topics.end())
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(tp.topic));
    if (t == state.topics.end()) {
        auto c = state.computed.find(tp.topic);
        if (c == state.computed.end())
            return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(tp.topic));
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                              .arg(tp.topic)
                                              .arg(tp.partition)
                                              .arg(c->second.partitions));
    }
    return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' has no partition %2 (it has %3)")
                                          .arg(tp.topic)
                                          .arg(tp.partition)
                                          .arg(t->second.partitions.size()));
}

// Caller holds the mutex. Checks a read of up to maxRecords from `offset` and returns the end
// (exclusive) of what it serves: it stops before a corrupt record, and one starting at it
// fails with Corrupt, as the built-in broker's check does.
Result<qint64> readEnd(const FakeBackend::State &state, const TopicPartition &tp, qint64 offset, int maxRecords)
{
    const auto bounds = state.bounds(tp);
    if (!bounds)
        return missingPartition(state, tp);
    if (offset < bounds->low)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is below the log start %3")
                                                     .arg(offset)
                                                     .arg(tp.toString())
                                                     .arg(bounds->low));
    if (offset > bounds->high)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 of %2 is beyond the high watermark %3")
                                                     .arg(offset)
                                                     .arg(tp.toString())
                                                     .arg(bounds->high));
    const qint64 end = std::min(bounds->high, offset + qint64(std::max(0, maxRecords)));
    for (qint64 o = offset; o < end; ++o) {
        if (state.corrupt.count({tp, o})) {
            if (o == offset)
                return Error(ErrorCode::Corrupt,
                             QStringLiteral("record %1 of %2 is corrupt").arg(o).arg(tp.toString()));
            return o;
        }
    }
    return end;
}

// Record `offset` of a computed topic (see FakeBackend.h).
qint64 computedKeyIndex(qint64 offset) { return (offset / 100'000) % 7; }

Record computedRecord(const TopicPartition &tp, qint64 offset, int valueBytes)
{
    Record r;
    r.topic = tp.topic;
    r.partition = tp.partition;
    r.offset = offset;
    r.timestampMs = FakeBackend::kComputedEpochMs + offset;
    r.key = QByteArray("key-") + QByteArray::number(computedKeyIndex(offset)).rightJustified(4, '0');
    r.value = QByteArray(valueBytes, 'v');
    return r;
}

// Its summary without building the record. The key hash is the key index times a constant,
// not murmur2 of the key: cheap, and the colours the timeline's goldens were drawn with.
RecordSummary computedSummary(qint64 offset, int valueBytes)
{
    RecordSummary s;
    s.offset = offset;
    s.timestampMs = FakeBackend::kComputedEpochMs + offset;
    s.keyIsNull = false;
    s.keyHash = quint32(computedKeyIndex(offset) * 2654435761u);
    s.size = quint32(8 + valueBytes);
    return s;
}

class FakeConsumer final : public Consumer {
public:
    FakeConsumer(std::shared_ptr<FakeBackend::State> state, ConsumerConfig config)
        : m_state(std::move(state)), m_config(std::move(config))
    {
        std::lock_guard lock(m_state->mutex);
        if (!m_config.assignment.empty()) {
            for (const auto &[tp, offset] : m_config.assignment) {
                m_assignment.push_back(tp);
                m_positions[tp] = offset >= 0 ? offset : startOffsetLocked(tp);
            }
            return;
        }
        auto &group = m_state->groups[m_config.groupId];
        group.strategy = m_config.assignmentStrategy;
        m_memberId = m_config.clientId + QStringLiteral("-") +
                     QStringLiteral("%1").arg(++m_state->memberCounter, 6, 10, QLatin1Char('0'));
        FakeBackend::State::Member member;
        member.memberId = m_memberId;
        member.clientId = m_config.clientId;
        member.topics = m_config.topics;
        member.lastSeenMs = steadyMs();
        member.sessionTimeoutMs = m_config.sessionTimeoutMs;
        group.members[m_memberId] = member;
        m_state->membershipChanged(group);
    }

    ~FakeConsumer() override
    {
        if (!m_closed)
            close();
    }

    Result<PollResult> poll(int timeoutMs) override
    {
        if (m_closed)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("poll on a closed consumer"));
        const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeoutMs);
        std::unique_lock lock(m_state->mutex);
        PollResult result;
        for (;;) {
            if (m_state->failure)
                return *m_state->failure;
            if (!m_memberId.isEmpty()) {
                auto &group = m_state->groups[m_config.groupId];
                auto self = group.members.find(m_memberId);
                if (self == group.members.end()) {
                    // Expired while silent: rejoin, as a real client does after a session timeout.
                    if (!m_assignment.empty()) {
                        result.events.push_back(event(ConsumerEvent::Kind::Lost, m_assignment));
                        m_assignment.clear();
                        m_positions.clear();
                        m_fetched.clear();
                    }
                    m_revokeReported = false;
                    FakeBackend::State::Member member;
                    member.memberId = m_memberId;
                    member.clientId = m_config.clientId;
                    member.topics = m_config.topics;
                    member.sessionTimeoutMs = m_config.sessionTimeoutMs;
                    group.members[m_memberId] = member;
                    m_state->membershipChanged(group);
                    self = group.members.find(m_memberId);
                }
                self->second.lastSeenMs = steadyMs();
                m_state->expire(group);
                if (group.syncing && !group.acked.count(m_memberId)) {
                    if (!m_assignment.empty() && !m_revokeReported) {
                        // Report the revocation; acknowledge on the next poll, after the
                        // caller had its chance to commit.
                        result.events.push_back(event(ConsumerEvent::Kind::Revoked, m_assignment));
                        m_revokeReported = true;
                        return result;
                    }
                    m_assignment.clear();
                    m_positions.clear();
                    m_fetched.clear();
                    m_revokeReported = false;
                    group.acked.insert(m_memberId);
                    m_state->maybeComplete(group);
                }
                self = group.members.find(m_memberId);
                if (self != group.members.end() && !group.syncing && group.generation != m_generation) {
                    m_generation = group.generation;
                    m_assignment = self->second.assignment;
                    m_positions.clear();
                    m_fetched.clear();
                    for (const TopicPartition &tp : m_assignment)
                        m_positions[tp] = startOffsetLocked(tp);
                    result.events.push_back(event(ConsumerEvent::Kind::Assigned, m_assignment));
                    // librdkafka serves the rebalance in a poll of its own, before any fetch.
                    if (m_state->positionsUnknownUntilFetched.load())
                        return result;
                }
            }
            // Round robin over the assigned partitions, up to maxPollRecords.
            const int max = std::max(1, m_config.maxPollRecords);
            bool progress = true;
            while (int(result.records.size()) < max && progress) {
                progress = false;
                for (const TopicPartition &tp : m_assignment) {
                    auto t = m_state->topics.find(tp.topic);
                    if (t == m_state->topics.end() || tp.partition >= int(t->second.partitions.size()))
                        continue;
                    const auto &part = t->second.partitions[size_t(tp.partition)];
                    qint64 &pos = m_positions[tp];
                    m_fetched.insert(tp);
                    if (pos < part.logStart)
                        pos = part.logStart;
                    const int take = int(std::min<qint64>(part.high() - pos, std::max(1, max / 8)));
                    for (int i = 0; i < take && int(result.records.size()) < max; ++i) {
                        result.records.push_back(part.records[size_t(pos - part.logStart)]);
                        ++pos;
                        progress = true;
                    }
                }
            }
            if (!result.records.empty() || !result.events.empty())
                return result;
            if (m_woken.exchange(false))
                return result;
            if (m_state->changed.wait_until(lock,
                                            std::min(deadline, SteadyClock::now() + std::chrono::milliseconds(50))) ==
                    std::cv_status::timeout &&
                SteadyClock::now() >= deadline)
                return result;
        }
    }

    Status commit() override
    {
        std::vector<std::pair<TopicPartition, qint64>> offsets;
        {
            std::lock_guard lock(m_state->mutex);
            for (const auto &[tp, pos] : m_positions)
                offsets.emplace_back(tp, pos);
        }
        return commit(offsets);
    }

    Status commit(const std::vector<std::pair<TopicPartition, qint64>> &offsets) override
    {
        // A coordinator that does not answer (a Kafka commit against a cluster that went away).
        if (const int hang = m_state->commitHangMs.load(); hang > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(hang));
        std::lock_guard lock(m_state->mutex);
        if (m_state->failure)
            return *m_state->failure;
        if (m_config.groupId.isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("commit needs a group id"));
        auto &group = m_state->groups[m_config.groupId];
        if (!m_memberId.isEmpty() && !group.members.count(m_memberId))
            return Error(ErrorCode::Conflict, QStringLiteral("member %1 is no longer in group '%2' (session expired)")
                                                  .arg(m_memberId, m_config.groupId));
        for (const auto &[tp, offset] : offsets)
            group.committed[tp] = offset;
        return {};
    }

    std::vector<TopicPartition> assignment() const override
    {
        std::lock_guard lock(m_state->mutex);
        return m_assignment;
    }

    std::optional<qint64> position(const TopicPartition &tp) const override
    {
        std::lock_guard lock(m_state->mutex);
        auto it = m_positions.find(tp);
        if (it == m_positions.end())
            return std::nullopt;
        if (m_state->positionsUnknownUntilFetched.load() && !m_fetched.count(tp))
            return std::nullopt;
        return it->second;
    }

    Result<std::map<TopicPartition, qint64>> committed() override
    {
        std::lock_guard lock(m_state->mutex);
        std::map<TopicPartition, qint64> out;
        auto g = m_state->groups.find(m_config.groupId);
        if (g == m_state->groups.end())
            return out;
        for (const TopicPartition &tp : m_assignment) {
            auto c = g->second.committed.find(tp);
            if (c != g->second.committed.end())
                out[tp] = c->second;
        }
        return out;
    }

    Status seek(const TopicPartition &tp, qint64 offset) override
    {
        std::lock_guard lock(m_state->mutex);
        if (!m_positions.count(tp))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is not assigned").arg(tp.toString()));
        m_positions[tp] = offset;
        return {};
    }

    QString memberId() const override { return m_memberId; }
    int generation() const override
    {
        std::lock_guard lock(m_state->mutex);
        return m_generation;
    }

    void wakeup() override
    {
        m_woken = true;
        m_state->changed.notify_all();
    }

    void close() override
    {
        std::lock_guard lock(m_state->mutex);
        if (m_closed)
            return;
        m_closed = true;
        if (m_memberId.isEmpty())
            return;
        auto &group = m_state->groups[m_config.groupId];
        if (group.members.erase(m_memberId)) {
            group.acked.erase(m_memberId);
            m_state->membershipChanged(group);
        }
    }

    void abandon() override
    {
        // The member stays in the group until its session times out.
        std::lock_guard lock(m_state->mutex);
        m_closed = true;
    }

private:
    ConsumerEvent event(ConsumerEvent::Kind kind, std::vector<TopicPartition> partitions) const
    {
        ConsumerEvent e;
        e.kind = kind;
        e.reason = ConsumerEvent::Reason::Rebalance; // its events are a group's (no text: the app words them)
        e.partitions = std::move(partitions);
        e.generation = m_generation;
        e.groupId = m_config.groupId;
        e.memberId = m_memberId;
        e.timestampMs = m_state->now();
        return e;
    }

    qint64 startOffsetLocked(const TopicPartition &tp) const
    {
        auto g = m_state->groups.find(m_config.groupId);
        if (g != m_state->groups.end()) {
            auto c = g->second.committed.find(tp);
            if (c != g->second.committed.end())
                return c->second;
        }
        auto t = m_state->topics.find(tp.topic);
        if (t == m_state->topics.end() || tp.partition >= int(t->second.partitions.size()))
            return 0;
        const auto &part = t->second.partitions[size_t(tp.partition)];
        return m_config.reset == OffsetReset::Earliest ? part.logStart : part.high();
    }

    std::shared_ptr<FakeBackend::State> m_state;
    ConsumerConfig m_config;
    QString m_memberId;
    int m_generation = -1;
    std::vector<TopicPartition> m_assignment;
    std::map<TopicPartition, qint64> m_positions;
    std::set<TopicPartition> m_fetched; // partitions poll() has returned records of (guarded by the state mutex)
    std::atomic<bool> m_woken{false};
    bool m_closed = false;
    bool m_revokeReported = false;
};

} // namespace

FakeBackend::FakeBackend(QString displayName, Clock clock)
    : m_displayName(std::move(displayName)), m_state(std::make_shared<State>())
{
    m_state->clock = std::move(clock);
}

FakeBackend::~FakeBackend() = default;

void FakeBackend::setCommitHangMs(int ms) { m_state->commitHangMs = ms; }

void FakeBackend::setLatencyMs(int ms)
{
    std::lock_guard lock(m_state->mutex);
    m_state->latencyMs = ms;
}

void FakeBackend::setFailure(std::optional<Error> error)
{
    std::lock_guard lock(m_state->mutex);
    m_state->failure = std::move(error);
    m_state->changed.notify_all();
}

void FakeBackend::setClock(Clock clock)
{
    std::lock_guard lock(m_state->mutex);
    m_state->clock = std::move(clock);
}

int FakeBackend::memberCount(const QString &groupId) const
{
    std::lock_guard lock(m_state->mutex);
    auto g = m_state->groups.find(groupId);
    return g == m_state->groups.end() ? 0 : int(g->second.members.size());
}

qint64 FakeBackend::calls() const { return m_state->calls.load(); }
qint64 FakeBackend::fetchCalls() const { return m_state->fetchCalls.load(); }

std::vector<FakeBackend::FetchCall> FakeBackend::fetches() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->fetches;
}

void FakeBackend::setPositionsUnknownUntilFetched(bool unknown) { m_state->positionsUnknownUntilFetched = unknown; }

void FakeBackend::ensurePartitions(const QString &topic, int count)
{
    std::lock_guard lock(m_state->mutex);
    if (m_state->computed.count(topic))
        return; // a computed topic has the partitions it was made with
    auto &partitions = m_state->topics[topic].partitions;
    if (int(partitions.size()) < count)
        partitions.resize(size_t(count));
    m_state->changed.notify_all();
}

void FakeBackend::setCommitted(const QString &groupId, const TopicPartition &tp, qint64 offset)
{
    std::lock_guard lock(m_state->mutex);
    m_state->groups[groupId].committed[tp] = offset;
}

void FakeBackend::setCorrupt(const TopicPartition &tp, qint64 offset)
{
    std::lock_guard lock(m_state->mutex);
    m_state->corrupt.insert({tp, offset});
}

void FakeBackend::addListedOnlyGroup(const QString &groupId)
{
    std::lock_guard lock(m_state->mutex);
    m_state->listedOnly.insert(groupId);
}

void FakeBackend::setGroupActive(const QString &groupId, bool active)
{
    std::lock_guard lock(m_state->mutex);
    m_state->groups[groupId]; // the group exists from now on
    if (active)
        m_state->activeElsewhere.insert(groupId);
    else
        m_state->activeElsewhere.erase(groupId);
}

std::vector<std::pair<QString, std::pair<TopicPartition, qint64>>> FakeBackend::offsetResets() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->offsetResets;
}

std::vector<std::pair<int, qint64>> FakeBackend::summaryFetches() const
{
    std::lock_guard lock(m_state->mutex);
    return m_state->summaryFetches;
}

qint64 FakeBackend::summaryFetchCalls() const
{
    std::lock_guard lock(m_state->mutex);
    return qint64(m_state->summaryFetches.size());
}

bool FakeBackend::addComputedTopic(const QString &topic, int partitions, qint64 recordsPerPartition, int valueBytes)
{
    std::lock_guard lock(m_state->mutex);
    if (m_state->exists(topic) || partitions < 1 || recordsPerPartition < 0 || valueBytes < 0)
        return false;
    m_state->computed[topic] = State::Computed{partitions, recordsPerPartition, valueBytes};
    m_state->changed.notify_all();
    return true;
}

qint64 FakeBackend::recordBytes(const QString &computedTopic) const
{
    std::lock_guard lock(m_state->mutex);
    auto c = m_state->computed.find(computedTopic);
    return c == m_state->computed.end() ? 0 : c->second.recordBytes();
}

qint64 FakeBackend::topicBytes(const QString &computedTopic) const
{
    std::lock_guard lock(m_state->mutex);
    auto c = m_state->computed.find(computedTopic);
    return c == m_state->computed.end() ? 0
                                        : qint64(c->second.partitions) * c->second.records * c->second.recordBytes();
}

qint64 FakeBackend::recordsServed() const { return m_state->recordsServed.load(); }
qint64 FakeBackend::bytesServed() const { return m_state->bytesServed.load(); }
qint64 FakeBackend::reads() const { return m_state->reads.load(); }

std::optional<Error> FakeBackend::enter()
{
    ++m_state->calls;
    int latency = 0;
    std::optional<Error> failure;
    {
        std::lock_guard lock(m_state->mutex);
        latency = m_state->latencyMs;
        failure = m_state->failure;
    }
    if (latency > 0)
        QThread::msleep(static_cast<unsigned long>(latency));
    return failure;
}

Result<ClusterInfo> FakeBackend::clusterInfo()
{
    if (auto e = enter())
        return *e;
    ClusterInfo info;
    info.kind = kind();
    info.clusterId = QStringLiteral("fake-cluster");
    info.controllerId = 0;
    info.brokers.push_back(BrokerInfo{0, QStringLiteral("memory"), 0, true});
    return info;
}

Result<std::vector<TopicInfo>> FakeBackend::listTopics()
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    std::vector<TopicInfo> out;
    for (const auto &[name, topic] : m_state->topics) {
        TopicInfo info;
        info.name = name;
        info.partitionCount = int(topic.partitions.size());
        info.recordCount = 0;
        for (const auto &p : topic.partitions)
            info.recordCount += qint64(p.records.size());
        out.push_back(info);
    }
    for (const auto &[name, c] : m_state->computed) {
        TopicInfo info;
        info.name = name;
        info.partitionCount = c.partitions;
        info.recordCount = qint64(c.partitions) * c.records;
        out.push_back(info);
    }
    std::sort(out.begin(), out.end(), [](const TopicInfo &a, const TopicInfo &b) { return a.name < b.name; });
    return out;
}

Result<TopicInfo> FakeBackend::describeTopic(const QString &topicName)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    if (auto c = m_state->computed.find(topicName); c != m_state->computed.end()) {
        TopicInfo info;
        info.name = topicName;
        info.partitionCount = c->second.partitions;
        info.recordCount = qint64(c->second.partitions) * c->second.records;
        for (int i = 0; i < info.partitionCount; ++i) {
            PartitionInfo pi;
            pi.partition = i;
            pi.leader = 0;
            pi.replicas = {0};
            pi.isr = {0};
            pi.logStartOffset = 0;
            pi.highWatermark = c->second.records;
            info.partitions.push_back(pi);
        }
        return info;
    }
    auto t = m_state->topics.find(topicName);
    if (t == m_state->topics.end())
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topicName));
    TopicInfo info;
    info.name = topicName;
    info.partitionCount = int(t->second.partitions.size());
    info.configs = t->second.configs;
    info.recordCount = 0;
    for (int i = 0; i < info.partitionCount; ++i) {
        const auto &p = t->second.partitions[size_t(i)];
        PartitionInfo pi;
        pi.partition = i;
        pi.leader = 0;
        pi.replicas = {0};
        pi.isr = {0};
        pi.logStartOffset = p.logStart;
        pi.highWatermark = p.high();
        info.recordCount += qint64(p.records.size());
        info.partitions.push_back(pi);
    }
    return info;
}

Status FakeBackend::createTopic(const TopicSpec &spec)
{
    if (auto e = enter())
        return *e;
    static const QRegularExpression legal(QStringLiteral("^[A-Za-z0-9._-]{1,249}$"));
    if (!legal.match(spec.name).hasMatch())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("topic name '%1' is not legal: use 1-249 of A-Z a-z 0-9 . _ -").arg(spec.name));
    if (spec.partitions < 1)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a topic needs at least one partition"));
    std::lock_guard lock(m_state->mutex);
    if (m_state->exists(spec.name))
        return Error(ErrorCode::AlreadyExists, QStringLiteral("topic '%1' already exists").arg(spec.name));
    State::Topic topic;
    topic.partitions.resize(size_t(spec.partitions));
    topic.configs = spec.configs;
    m_state->topics[spec.name] = std::move(topic);
    return {};
}

Status FakeBackend::deleteTopic(const QString &topic)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    if (!m_state->topics.erase(topic) && !m_state->computed.erase(topic))
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topic));
    for (auto &[id, group] : m_state->groups)
        for (auto it = group.committed.begin(); it != group.committed.end();)
            it = it->first.topic == topic ? group.committed.erase(it) : std::next(it);
    m_state->changed.notify_all();
    return {};
}

Result<Watermarks> FakeBackend::watermarks(const TopicPartition &tp)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    if (auto bounds = m_state->bounds(tp))
        return *bounds;
    return missingPartition(*m_state, tp);
}

Result<std::vector<DeliveryReport>>
FakeBackend::produce(const QString &topic, const std::vector<OutgoingRecord> &records, const ProduceOptions &options)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    if (m_state->computed.count(topic))
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("topic '%1' is computed from its offsets and takes no records").arg(topic));
    auto t = m_state->topics.find(topic);
    if (t == m_state->topics.end())
        return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topic));
    const int n = int(t->second.partitions.size());
    if (auto bad = checkExplicitPartitions(topic, records, n); !bad) // as the real backends
        return bad.error();
    PartitionChooser chooser(options.partitioner, 0x5eed + (m_state->randomCounter++));
    std::vector<DeliveryReport> reports;
    reports.reserve(records.size());
    for (const OutgoingRecord &r : records) {
        DeliveryReport d;
        const int p = r.partition >= 0 ? r.partition : chooser.choose(r.key, n);
        if (p < 0 || p >= n) {
            d.error = Error(ErrorCode::InvalidArgument,
                            QStringLiteral("partition %1 does not exist in topic '%2'").arg(p).arg(topic));
            reports.push_back(d);
            continue;
        }
        auto &part = t->second.partitions[size_t(p)];
        Record rec;
        rec.topic = topic;
        rec.partition = p;
        rec.offset = part.high();
        rec.timestampMs = r.timestampMs != 0 ? r.timestampMs : m_state->now();
        rec.key = r.key;
        rec.value = r.value;
        rec.headers = r.headers;
        d.partition = p;
        d.offset = rec.offset;
        d.timestampMs = rec.timestampMs;
        part.records.push_back(std::move(rec));
        reports.push_back(d);
    }
    m_state->changed.notify_all();
    return reports;
}

Result<std::vector<Record>> FakeBackend::fetch(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    ++m_state->fetchCalls;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->fetches.push_back(FetchCall{tp.partition, offset, maxRecords});
    }
    return fetchRecords(tp, offset, maxRecords);
}

Result<std::vector<RecordSummary>> FakeBackend::fetchSummaries(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    int computedValueBytes = -1;
    {
        std::lock_guard lock(m_state->mutex);
        m_state->summaryFetches.emplace_back(tp.partition, offset);
        if (auto c = m_state->computed.find(tp.topic); c != m_state->computed.end())
            computedValueBytes = c->second.valueBytes;
    }
    if (computedValueBytes < 0) {
        auto records = fetchRecords(tp, offset, maxRecords);
        if (!records)
            return records.error();
        std::vector<RecordSummary> out;
        out.reserve(records->size());
        for (const Record &r : *records)
            out.push_back(summarize(r));
        return out;
    }
    if (auto e = enter())
        return *e;
    qint64 end = 0;
    {
        std::lock_guard lock(m_state->mutex);
        auto checked = readEnd(*m_state, tp, offset, maxRecords);
        if (!checked)
            return checked.error();
        end = *checked;
    }
    std::vector<RecordSummary> out;
    out.reserve(size_t(end - offset));
    for (qint64 o = offset; o < end; ++o)
        out.push_back(computedSummary(o, computedValueBytes));
    m_state->served(qint64(out.size()), qint64(out.size()) * (8 + computedValueBytes + kRecordOverheadBytes));
    return out;
}

Result<std::vector<Record>> FakeBackend::fetchRecords(const TopicPartition &tp, qint64 offset, int maxRecords)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    auto end = readEnd(*m_state, tp, offset, maxRecords);
    if (!end)
        return end.error();
    std::vector<Record> out;
    out.reserve(size_t(*end - offset));
    qint64 bytes = 0;
    if (auto c = m_state->computed.find(tp.topic); c != m_state->computed.end()) {
        for (qint64 o = offset; o < *end; ++o)
            out.push_back(computedRecord(tp, o, c->second.valueBytes));
    } else {
        const auto &p = m_state->topics.at(tp.topic).partitions[size_t(tp.partition)];
        for (qint64 o = offset; o < *end; ++o)
            out.push_back(p.records[size_t(o - p.logStart)]);
    }
    for (const Record &r : out)
        bytes += payloadSize(r.key) + payloadSize(r.value) + kRecordOverheadBytes;
    m_state->served(qint64(out.size()), bytes);
    return out;
}

Result<qint64> FakeBackend::offsetForTimestamp(const TopicPartition &tp, qint64 timestampMs)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    if (auto c = m_state->computed.find(tp.topic); c != m_state->computed.end()) {
        if (tp.partition < 0 || tp.partition >= c->second.partitions)
            return missingPartition(*m_state, tp);
        return std::clamp(timestampMs - kComputedEpochMs, qint64(0), c->second.records); // timestamps are offsets
    }
    auto t = m_state->topics.find(tp.topic);
    if (t == m_state->topics.end() || tp.partition < 0 || tp.partition >= int(t->second.partitions.size()))
        return missingPartition(*m_state, tp);
    const auto &p = t->second.partitions[size_t(tp.partition)];
    auto it =
        std::find_if(p.records.begin(), p.records.end(), [&](const Record &r) { return r.timestampMs >= timestampMs; });
    return it == p.records.end() ? p.high() : it->offset;
}

Result<std::unique_ptr<Consumer>> FakeBackend::createConsumer(const ConsumerConfig &config)
{
    if (auto e = enter())
        return *e;
    if (config.topics.isEmpty() && config.assignment.empty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a consumer needs topics or an assignment"));
    if (!config.topics.isEmpty() && config.groupId.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("subscribing needs a group id"));
    {
        std::lock_guard lock(m_state->mutex);
        std::vector<QString> asked(config.topics.begin(), config.topics.end());
        for (const auto &[tp, offset] : config.assignment)
            asked.push_back(tp.topic);
        for (const QString &topic : asked)
            if (m_state->computed.count(topic))
                return Error(ErrorCode::Unsupported,
                             QStringLiteral("topic '%1' is computed from its offsets: no consumers").arg(topic));
        for (const QString &topic : config.topics)
            if (!m_state->topics.count(topic))
                return Error(ErrorCode::NotFound, QStringLiteral("topic '%1' does not exist").arg(topic));
        for (const auto &[tp, offset] : config.assignment) {
            auto t = m_state->topics.find(tp.topic);
            if (t == m_state->topics.end() || tp.partition < 0 || tp.partition >= int(t->second.partitions.size()))
                return missingPartition(*m_state, tp);
        }
    }
    return std::unique_ptr<Consumer>(new FakeConsumer(m_state, config));
}

Result<std::vector<GroupInfo>> FakeBackend::listGroups()
{
    if (auto e = enter())
        return *e;
    std::vector<GroupInfo> out;
    std::lock_guard lock(m_state->mutex);
    for (const auto &[id, group] : m_state->groups) {
        GroupInfo info;
        info.groupId = id;
        info.state = group.members.empty() && !m_state->activeElsewhere.count(id) ? QStringLiteral("Empty")
                     : group.syncing                                              ? QStringLiteral("PreparingRebalance")
                                                                                  : QStringLiteral("Stable");
        info.generation = group.generation;
        info.protocol = group.strategy;
        out.push_back(info);
    }
    for (const QString &id : m_state->listedOnly) {
        if (m_state->groups.count(id))
            continue;
        GroupInfo info;
        info.groupId = id;
        info.state = QStringLiteral("Empty");
        out.push_back(info);
    }
    return out;
}

Result<GroupInfo> FakeBackend::describeGroup(const QString &groupId)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    return describeLocked(groupId);
}

// One call however many groups (the lag history's sample), as a broker that answers in bulk.
Result<std::vector<GroupInfo>> FakeBackend::describeGroups()
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    std::vector<GroupInfo> out;
    for (const auto &[id, group] : m_state->groups)
        if (auto info = describeLocked(id))
            out.push_back(std::move(*info));
    return out;
}

Result<GroupInfo> FakeBackend::describeLocked(const QString &groupId) const
{
    auto g = m_state->groups.find(groupId);
    if (g == m_state->groups.end())
        return Error(ErrorCode::NotFound, QStringLiteral("group '%1' does not exist").arg(groupId));
    GroupInfo info;
    info.groupId = groupId;
    info.state = g->second.members.empty() && !m_state->activeElsewhere.count(groupId) ? QStringLiteral("Empty")
                 : g->second.syncing ? QStringLiteral("PreparingRebalance")
                                     : QStringLiteral("Stable");
    info.generation = g->second.generation;
    info.protocol = g->second.strategy;
    std::map<TopicPartition, QString> owners;
    for (const auto &[id, m] : g->second.members) {
        info.members.push_back(GroupMember{id, m.clientId, QStringLiteral("localhost"), m.assignment});
        for (const TopicPartition &tp : m.assignment)
            owners[tp] = id;
    }
    std::map<TopicPartition, qint64> all = g->second.committed;
    for (const auto &[tp, owner] : owners)
        all.emplace(tp, -1);
    for (const auto &[tp, committed] : all) {
        GroupPartitionState s;
        s.tp = tp;
        s.committed = committed;
        if (const auto bounds = m_state->bounds(tp)) {
            s.logStartOffset = bounds->low;
            s.highWatermark = bounds->high;
            s.lag = committed >= 0 ? bounds->high - committed : -1;
        }
        auto o = owners.find(tp);
        if (o != owners.end())
            s.ownerMemberId = o->second;
        info.partitions.push_back(s);
    }
    return info;
}

Status FakeBackend::resetGroupOffsets(const QString &groupId,
                                      const std::vector<std::pair<TopicPartition, qint64>> &offsets)
{
    if (auto e = enter())
        return *e;
    std::lock_guard lock(m_state->mutex);
    auto &group = m_state->groups[groupId];
    if (!group.members.empty() || m_state->activeElsewhere.count(groupId))
        return Error(ErrorCode::Conflict,
                     QStringLiteral("group '%1' has active members; stop its consumers first").arg(groupId));
    for (const auto &[tp, offset] : offsets) {
        group.committed[tp] = offset;
        m_state->offsetResets.push_back({groupId, {tp, offset}});
    }
    return {};
}

} // namespace tidemark::test
