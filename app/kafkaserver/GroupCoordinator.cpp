#include "kafkaserver/GroupCoordinator.h"

#include "kafkaserver/BrokerContext.h"
#include "kafkaserver/RequestRouter.h"
#include "kafkaserver/protocol/ErrorCodes.h"
#include "kafkaserver/protocol/Messages.h"

#include <QCoreApplication>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <set>

namespace tidemark::kafkaserver {

using namespace protocol;
using std::chrono::milliseconds;

struct GroupCoordinator::Member {
    QString memberId;
    std::optional<QString> instanceId;
    QString clientId;
    QString clientHost; // "/127.0.0.1", as Kafka shows it
    int sessionTimeoutMs = 10000;
    int rebalanceTimeoutMs = 60000;
    std::vector<std::pair<QString, QByteArray>> protocols; // name, metadata, in the member's order
    Clock::time_point lastHeartbeat;
    std::function<void(JoinGroupResponse)> pendingJoin; // set while its JoinGroup waits
    std::function<void(SyncGroupResponse)> pendingSync; // set while its SyncGroup waits
    QByteArray assignment;
    std::unique_ptr<GroupStorage::Lease> lease; // its lease file in the group's directory

    QByteArray metadataFor(const QString &protocol) const
    {
        for (const auto &[name, metadata] : protocols) {
            if (name == protocol)
                return metadata;
        }
        return {};
    }
    bool supports(const QString &protocol) const
    {
        return std::any_of(protocols.begin(), protocols.end(), [&](const auto &p) { return p.first == protocol; });
    }
};

struct GroupCoordinator::Group {
    QString id;
    State state = State::Empty;
    int generation = 0;
    QString protocolType;
    QString protocolName;
    QString leader;
    std::map<QString, Member> members;
    std::map<QString, QString> instances;                  // group.instance.id -> member id
    std::map<QString, Clock::time_point> pendingMemberIds; // MEMBER_ID_REQUIRED handed out, until
    Clock::time_point deadline; // PreparingRebalance: for the joins; CompletingRebalance: for the syncs

    // A request of a static member whose instance id now belongs to another member id.
    bool fenced(const std::optional<QString> &instanceId, const QString &memberId) const
    {
        if (!instanceId)
            return false;
        auto it = instances.find(*instanceId);
        return it != instances.end() && it->second != memberId;
    }
    int maxRebalanceTimeoutMs() const
    {
        int t = 0;
        for (const auto &[id, m] : members)
            t = std::max(t, m.rebalanceTimeoutMs);
        return t;
    }
    // The protocols every member supports.
    std::set<QString> candidates(const QString &except = {}) const
    {
        std::set<QString> out;
        bool first = true;
        for (const auto &[id, m] : members) {
            if (id == except)
                continue;
            std::set<QString> mine;
            for (const auto &p : m.protocols)
                mine.insert(p.first);
            if (first) {
                out = mine;
                first = false;
            } else {
                std::set<QString> both;
                std::set_intersection(out.begin(), out.end(), mine.begin(), mine.end(),
                                      std::inserter(both, both.begin()));
                out = both;
            }
        }
        return out;
    }
    // Kafka's vote: each member votes for its most preferred candidate; most votes win (ties:
    // the name first in order, so the choice is deterministic).
    QString selectProtocol() const
    {
        const std::set<QString> c = candidates();
        std::map<QString, int> votes;
        for (const auto &[id, m] : members) {
            for (const auto &p : m.protocols) {
                if (c.count(p.first)) {
                    ++votes[p.first];
                    break;
                }
            }
        }
        QString best;
        int most = -1;
        for (const auto &[name, n] : votes) {
            if (n > most) {
                best = name;
                most = n;
            }
        }
        return best;
    }
};

namespace {

QString joinedNames(const std::vector<std::pair<QString, QByteArray>> &protocols)
{
    QStringList names;
    for (const auto &p : protocols)
        names.append(p.first);
    return names.join(QStringLiteral(", "));
}

QString peerHost(const QString &peer)
{
    const qsizetype colon = peer.lastIndexOf(QLatin1Char(':'));
    return QLatin1Char('/') + (colon > 0 ? peer.left(colon) : peer);
}

// The consumer protocol's subscription (ConsumerProtocolSubscription, any version): the topics.
QStringList subscribedTopics(const QByteArray &metadata)
{
    WireReader r(metadata);
    r.readInt16();
    const qint32 n = r.readInt32();
    QStringList out;
    for (qint32 i = 0; i < n && r.ok(); ++i)
        out.append(r.readString(false));
    return r.ok() ? out : QStringList();
}

// The consumer protocol's assignment (ConsumerProtocolAssignment, any version): the partitions.
std::vector<TopicPartition> assignedPartitions(const QByteArray &assignment)
{
    std::vector<TopicPartition> out;
    if (assignment.isEmpty())
        return out;
    WireReader r(assignment);
    r.readInt16();
    const qint32 topics = r.readInt32();
    for (qint32 t = 0; t < topics && r.ok(); ++t) {
        const QString topic = r.readString(false);
        const qint32 n = r.readInt32();
        for (qint32 i = 0; i < n && r.ok(); ++i)
            out.push_back({topic, r.readInt32()});
    }
    return r.ok() ? out : std::vector<TopicPartition>();
}

const QString kConsumerProtocol = QStringLiteral("consumer");

template <typename Response>
std::function<void(Response)> responder(const RequestContext &rc, ReplyFn reply)
{
    return [rc, reply = std::move(reply)](Response response) { reply(Reply::withBody(encodeResponse(rc, response))); };
}

} // namespace

GroupCoordinator::GroupCoordinator(BrokerContext &context, GroupStorage storage, CoordinatorOptions options)
    : m_context(context), m_storage(std::move(storage)), m_options(options)
{
    m_writer.setMaxThreadCount(1);
    m_writer.setExpiryTimeout(-1);
}

GroupCoordinator::~GroupCoordinator() { m_writer.waitForDone(); }

QString GroupCoordinator::coordinatorName() const
{
    return QStringLiteral("Kafka listener pid %1, %2:%3")
        .arg(QCoreApplication::applicationPid())
        .arg(m_context.advertisedHost())
        .arg(m_context.advertisedPort());
}

bool GroupCoordinator::isMember(const QString &groupId, const QString &memberId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_groups.find(groupId);
    return it != m_groups.end() && it->second->members.count(memberId);
}

void GroupCoordinator::publishLocked(const Group &g)
{
    std::vector<ProtocolMember> members;
    for (const auto &[id, m] : g.members) {
        ProtocolMember pm;
        pm.memberId = id;
        pm.clientId = m.clientId;
        pm.host = m.clientHost.mid(1);
        pm.assignor = g.protocolName;
        pm.sessionTimeoutMs = m.sessionTimeoutMs;
        if (g.protocolType == kConsumerProtocol) {
            pm.topics = subscribedTopics(m.metadataFor(g.protocolName));
            pm.assignment = assignedPartitions(m.assignment);
        }
        members.push_back(pm);
    }
    m_writer.start([storage = m_storage, groupId = g.id, generation = g.generation, assignor = g.protocolName,
                    members = std::move(members)] {
        if (auto s = storage.publish(groupId, generation, assignor, members); !s)
            qCWarning(lcKafkaServer).noquote()
                << "group" << groupId << ": cannot write generation" << generation << ":" << s.error().message;
    });
}

QString GroupCoordinator::stateName(State s)
{
    switch (s) {
    case State::Empty: return QStringLiteral("Empty");
    case State::PreparingRebalance: return QStringLiteral("PreparingRebalance");
    case State::CompletingRebalance: return QStringLiteral("CompletingRebalance");
    case State::Stable: return QStringLiteral("Stable");
    }
    return QStringLiteral("Dead");
}

void GroupCoordinator::event(const QString &client, const QString &message)
{
    qCInfo(lcKafkaServer).noquote() << message;
    m_context.emitEvent(ListenerEvent::Kind::Info, client, message);
}

GroupCoordinator::Group &GroupCoordinator::groupLocked(const QString &groupId)
{
    auto &slot = m_groups[groupId];
    if (!slot) {
        slot = std::make_unique<Group>();
        slot->id = groupId;
    }
    return *slot;
}

int GroupCoordinator::memberCount(const QString &groupId) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_groups.find(groupId);
    return it == m_groups.end() ? 0 : static_cast<int>(it->second->members.size());
}

void GroupCoordinator::joinGroup(const RequestContext &rc, const JoinGroupRequest &request, ReplyFn reply)
{
    auto respond = responder<JoinGroupResponse>(rc, std::move(reply));
    auto fail = [&](KafkaError error, const QString &memberId = {}) {
        JoinGroupResponse r;
        r.errorCode = code(error);
        r.memberId = memberId;
        r.protocolName = QString();
        respond(r);
    };
    if (request.groupId.isEmpty())
        return fail(KafkaError::InvalidGroupId);
    if (request.sessionTimeoutMs < m_options.minSessionTimeoutMs ||
        request.sessionTimeoutMs > m_options.maxSessionTimeoutMs) {
        event(rc.peer, QStringLiteral("group '%1': join of %2 refused: session timeout %3 ms is outside %4 to %5 ms")
                           .arg(request.groupId, rc.clientId)
                           .arg(request.sessionTimeoutMs)
                           .arg(m_options.minSessionTimeoutMs)
                           .arg(m_options.maxSessionTimeoutMs));
        return fail(KafkaError::InvalidSessionTimeout, request.memberId);
    }
    if (request.protocolType.isEmpty() || request.protocols.empty())
        return fail(KafkaError::InconsistentGroupProtocol, request.memberId);

    // A request that may add a member enters the group's files first (blocking I/O, so before
    // the mutex): that is where a group held by the built-in broker's own consumers is refused.
    QString newMemberId;
    std::unique_ptr<GroupStorage::Lease> lease;
    const bool mayAdd = request.memberId.isEmpty() ? (request.groupInstanceId.has_value() || rc.apiVersion < 4)
                                                   : !isMember(request.groupId, request.memberId);
    if (mayAdd) {
        newMemberId = !request.memberId.isEmpty()
                          ? request.memberId
                          : (rc.clientId.isEmpty() ? QStringLiteral("member") : rc.clientId) + QLatin1Char('-') +
                                QUuid::createUuid().toString(QUuid::WithoutBraces);
        ProtocolMember pm;
        pm.memberId = newMemberId;
        pm.clientId = rc.clientId;
        pm.host = peerHost(rc.peer).mid(1);
        pm.assignor = request.protocols.front().name;
        pm.sessionTimeoutMs = request.sessionTimeoutMs;
        if (request.protocolType == kConsumerProtocol)
            pm.topics = subscribedTopics(request.protocols.front().metadata);
        auto entered = m_storage.enterGroup(request.groupId, pm, coordinatorName());
        if (!entered) {
            qCWarning(lcKafkaServer).noquote() << rc.describe() << ": join refused:" << entered.error().message;
            m_context.emitEvent(ListenerEvent::Kind::ClientError, rc.peer,
                                QStringLiteral("join of %1 refused (INCONSISTENT_GROUP_PROTOCOL): %2")
                                    .arg(rc.clientId, entered.error().message));
            return fail(KafkaError::InconsistentGroupProtocol, request.memberId);
        }
        lease = std::move(*entered);
    }

    std::lock_guard lock(m_mutex);
    Group &g = groupLocked(request.groupId);
    const auto now = Clock::now();
    std::vector<std::pair<QString, QByteArray>> protocols;
    for (const auto &p : request.protocols)
        protocols.emplace_back(p.name, p.metadata);

    // The member's protocols must fit the group's: same type, and one assignor every member has.
    const bool known = !request.memberId.isEmpty() && g.members.count(request.memberId);
    const bool othersPresent = g.members.size() > (known ? 1u : 0u);
    if (othersPresent) {
        const std::set<QString> candidates = g.candidates(known ? request.memberId : QString());
        const bool shared = std::any_of(protocols.begin(), protocols.end(),
                                        [&](const auto &p) { return candidates.count(p.first) > 0; });
        if (request.protocolType != g.protocolType || !shared) {
            QStringList groupNames(candidates.begin(), candidates.end());
            event(rc.peer,
                  QStringLiteral("group '%1': join of %2 refused with INCONSISTENT_GROUP_PROTOCOL: its %3 assignors "
                                 "(%4) share none with the group's members (%5 assignors: %6)")
                      .arg(request.groupId, rc.clientId, request.protocolType, joinedNames(protocols), g.protocolType,
                           groupNames.join(QStringLiteral(", "))));
            return fail(KafkaError::InconsistentGroupProtocol, request.memberId);
        }
    }

    QString memberId = request.memberId;
    bool isNew = false;
    if (memberId.isEmpty()) {
        memberId = !newMemberId.isEmpty() ? newMemberId
                                          : (rc.clientId.isEmpty() ? QStringLiteral("member") : rc.clientId) +
                                                QLatin1Char('-') + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (request.groupInstanceId) {
            // A static member coming back (or a second process with the same instance id):
            // the new member id replaces the old one, which is fenced from now on.
            auto it = g.instances.find(*request.groupInstanceId);
            if (it != g.instances.end()) {
                const QString old = it->second;
                auto node = g.members.extract(old);
                if (!node.empty()) {
                    Member m = std::move(node.mapped());
                    if (m.pendingJoin) {
                        JoinGroupResponse fenced;
                        fenced.errorCode = code(KafkaError::FencedInstanceId);
                        fenced.memberId = old;
                        fenced.protocolName = QString();
                        m.pendingJoin(fenced);
                        m.pendingJoin = nullptr;
                    }
                    if (m.pendingSync) {
                        SyncGroupResponse fenced;
                        fenced.errorCode = code(KafkaError::FencedInstanceId);
                        m.pendingSync(fenced);
                        m.pendingSync = nullptr;
                    }
                    m.memberId = memberId;
                    m.lease = std::move(lease);
                    const bool sameProtocols = m.protocols == protocols;
                    if (g.leader == old)
                        g.leader = memberId;
                    g.members.emplace(memberId, std::move(m));
                    it->second = memberId;
                    event(rc.peer, QStringLiteral("group '%1': static member %2 rejoined as %3")
                                       .arg(request.groupId, *request.groupInstanceId, memberId));
                    if (g.state == State::Stable && sameProtocols && g.leader != memberId) {
                        // Kafka's point of static membership: no rebalance, the same assignment.
                        Member &back = g.members.at(memberId);
                        back.lastHeartbeat = now;
                        JoinGroupResponse r;
                        r.generationId = g.generation;
                        r.protocolType = g.protocolType;
                        r.protocolName = g.protocolName;
                        r.leader = g.leader;
                        r.memberId = memberId;
                        respond(r);
                        return;
                    }
                }
            }
            isNew = !g.members.count(memberId);
        } else if (rc.apiVersion >= 4) {
            // KIP-394: the client learns its id first and joins again with it.
            g.pendingMemberIds[memberId] = now + milliseconds(request.sessionTimeoutMs);
            return fail(KafkaError::MemberIdRequired, memberId);
        } else {
            isNew = true;
        }
    } else if (!g.members.count(memberId)) {
        auto pending = g.pendingMemberIds.find(memberId);
        if (pending == g.pendingMemberIds.end())
            return fail(KafkaError::UnknownMemberId, memberId);
        g.pendingMemberIds.erase(pending);
        isNew = true;
    } else if (request.groupInstanceId) {
        auto it = g.instances.find(*request.groupInstanceId);
        if (it != g.instances.end() && it->second != memberId)
            return fail(KafkaError::FencedInstanceId, memberId);
    }

    Member &m = g.members[memberId];
    if (lease)
        m.lease = std::move(lease);
    const bool protocolsChanged = m.protocols != protocols;
    m.memberId = memberId;
    m.instanceId = request.groupInstanceId;
    m.clientId = rc.clientId;
    m.clientHost = peerHost(rc.peer);
    m.sessionTimeoutMs = request.sessionTimeoutMs;
    m.rebalanceTimeoutMs = request.rebalanceTimeoutMs > 0 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs;
    m.protocols = protocols;
    m.lastHeartbeat = now;
    m.pendingJoin = respond;
    if (request.groupInstanceId)
        g.instances[*request.groupInstanceId] = memberId;
    if (g.members.size() == 1)
        g.protocolType = request.protocolType;
    if (isNew)
        event(rc.peer, QStringLiteral("group '%1': member %2 (client %3, %4) joins with %5 assignors %6")
                           .arg(request.groupId, memberId, rc.clientId, m.clientHost, request.protocolType,
                                joinedNames(protocols)));

    if (!isNew && !protocolsChanged && g.leader != memberId &&
        (g.state == State::Stable || g.state == State::CompletingRebalance)) {
        // A follower that rejoins without changes (it missed the answer, or polls again):
        // the current generation, no rebalance.
        JoinGroupResponse r;
        r.generationId = g.generation;
        r.protocolType = g.protocolType;
        r.protocolName = g.protocolName;
        r.leader = g.leader;
        r.memberId = memberId;
        m.pendingJoin = nullptr;
        respond(r);
        return;
    }
    if (g.state != State::PreparingRebalance)
        prepareRebalanceLocked(g, isNew ? QStringLiteral("member %1 joined").arg(memberId)
                                        : QStringLiteral("member %1 rejoined").arg(memberId));
    maybeCompleteJoinLocked(g, false);
}

void GroupCoordinator::prepareRebalanceLocked(Group &g, const QString &reason)
{
    if (g.state == State::CompletingRebalance) {
        for (auto &[id, m] : g.members) {
            if (m.pendingSync) {
                SyncGroupResponse r;
                r.errorCode = code(KafkaError::RebalanceInProgress);
                m.pendingSync(r);
                m.pendingSync = nullptr;
            }
        }
    }
    g.state = State::PreparingRebalance;
    g.deadline = Clock::now() + milliseconds(std::max(0, g.maxRebalanceTimeoutMs()));
    event(QString(),
          QStringLiteral("group '%1': rebalancing generation %2 (%3)").arg(g.id).arg(g.generation).arg(reason));
}

void GroupCoordinator::maybeCompleteJoinLocked(Group &g, bool deadlinePassed)
{
    if (g.state != State::PreparingRebalance)
        return;
    const bool allJoined =
        std::all_of(g.members.begin(), g.members.end(), [](const auto &e) { return bool(e.second.pendingJoin); });
    if (!allJoined && !deadlinePassed)
        return;
    if (!allJoined) {
        std::vector<QString> silent;
        for (const auto &[id, m] : g.members) {
            if (!m.pendingJoin)
                silent.push_back(id);
        }
        for (const QString &id : silent)
            removeMemberLocked(g, id, QStringLiteral("it did not rejoin within the rebalance timeout"));
    }
    ++g.generation;
    if (g.members.empty()) {
        g.state = State::Empty;
        g.protocolName.clear();
        g.leader.clear();
        event(QString(), QStringLiteral("group '%1': empty (generation %2)").arg(g.id).arg(g.generation));
        publishLocked(g);
        return;
    }
    g.protocolName = g.selectProtocol();
    if (g.leader.isEmpty() || !g.members.count(g.leader))
        g.leader = g.members.begin()->first;
    g.state = State::CompletingRebalance;
    g.deadline = Clock::now() + milliseconds(std::max(0, g.maxRebalanceTimeoutMs()));
    const auto now = Clock::now();
    QStringList ids;
    for (auto &[id, m] : g.members) {
        ids.append(id);
        JoinGroupResponse r;
        r.generationId = g.generation;
        r.protocolType = g.protocolType;
        r.protocolName = g.protocolName;
        r.leader = g.leader;
        r.memberId = id;
        if (id == g.leader) {
            for (const auto &[otherId, other] : g.members) {
                JoinGroupResponse::JoinGroupResponseMember jm;
                jm.memberId = otherId;
                jm.groupInstanceId = other.instanceId;
                jm.metadata = other.metadataFor(g.protocolName);
                r.members.push_back(jm);
            }
        }
        m.assignment.clear();
        m.lastHeartbeat = now;
        auto pending = std::move(m.pendingJoin);
        m.pendingJoin = nullptr;
        pending(r);
    }
    event(QString(), QStringLiteral("group '%1': generation %2 with %3 member(s) (%4, leader %5): %6")
                         .arg(g.id)
                         .arg(g.generation)
                         .arg(g.members.size())
                         .arg(g.protocolName, g.leader, ids.join(QStringLiteral(", "))));
}

void GroupCoordinator::removeMemberLocked(Group &g, const QString &memberId, const QString &why)
{
    auto it = g.members.find(memberId);
    if (it == g.members.end())
        return;
    Member &m = it->second;
    if (m.pendingJoin) {
        JoinGroupResponse r;
        r.errorCode = code(KafkaError::UnknownMemberId);
        r.memberId = memberId;
        r.protocolName = QString();
        m.pendingJoin(r);
    }
    if (m.pendingSync) {
        SyncGroupResponse r;
        r.errorCode = code(KafkaError::UnknownMemberId);
        m.pendingSync(r);
    }
    if (m.instanceId) {
        auto inst = g.instances.find(*m.instanceId);
        if (inst != g.instances.end() && inst->second == memberId)
            g.instances.erase(inst);
    }
    const QString client = m.clientHost.mid(1);
    g.members.erase(it);
    if (g.leader == memberId)
        g.leader.clear();
    event(client, QStringLiteral("group '%1': member %2 left: %3").arg(g.id, memberId, why));
}

void GroupCoordinator::membersChangedLocked(Group &g, const QString &reason)
{
    if (g.state == State::Stable || g.state == State::CompletingRebalance)
        prepareRebalanceLocked(g, reason);
    if (g.state == State::PreparingRebalance)
        maybeCompleteJoinLocked(g, false);
    if (g.members.empty() && g.state != State::Empty) {
        g.state = State::Empty;
        ++g.generation;
        g.protocolName.clear();
        g.leader.clear();
        publishLocked(g);
    }
}

void GroupCoordinator::syncGroup(const RequestContext &rc, const SyncGroupRequest &request, ReplyFn reply)
{
    auto respond = responder<SyncGroupResponse>(rc, std::move(reply));
    auto fail = [&](KafkaError error) {
        SyncGroupResponse r;
        r.errorCode = code(error);
        respond(r);
    };
    std::lock_guard lock(m_mutex);
    auto git = m_groups.find(request.groupId);
    if (git == m_groups.end())
        return fail(KafkaError::UnknownMemberId);
    Group &g = *git->second;
    auto mit = g.members.find(request.memberId);
    if (mit == g.members.end())
        return fail(KafkaError::UnknownMemberId);
    Member &m = mit->second;
    if (g.fenced(request.groupInstanceId, request.memberId))
        return fail(KafkaError::FencedInstanceId);
    if (request.generationId != g.generation)
        return fail(KafkaError::IllegalGeneration);
    if ((request.protocolType && *request.protocolType != g.protocolType) ||
        (request.protocolName && *request.protocolName != g.protocolName))
        return fail(KafkaError::InconsistentGroupProtocol);
    m.lastHeartbeat = Clock::now();
    auto answer = [&g](const Member &member) {
        SyncGroupResponse r;
        r.protocolType = g.protocolType;
        r.protocolName = g.protocolName;
        r.assignment = member.assignment;
        return r;
    };
    switch (g.state) {
    case State::Empty: return fail(KafkaError::UnknownMemberId);
    case State::PreparingRebalance: return fail(KafkaError::RebalanceInProgress);
    case State::Stable: respond(answer(m)); return;
    case State::CompletingRebalance: break;
    }
    m.pendingSync = respond;
    if (request.memberId != g.leader)
        return;
    for (auto &[id, member] : g.members)
        member.assignment.clear();
    for (const auto &a : request.assignments) {
        auto target = g.members.find(a.memberId);
        if (target != g.members.end())
            target->second.assignment = a.assignment;
    }
    g.state = State::Stable;
    const auto now = Clock::now();
    for (auto &[id, member] : g.members) {
        if (member.pendingSync) {
            auto pending = std::move(member.pendingSync);
            member.pendingSync = nullptr;
            member.lastHeartbeat = now;
            pending(answer(member));
        }
    }
    event(rc.peer, QStringLiteral("group '%1': generation %2 is stable, assignment from leader %3")
                       .arg(g.id)
                       .arg(g.generation)
                       .arg(g.leader));
    publishLocked(g);
}

void GroupCoordinator::heartbeat(const RequestContext &rc, const HeartbeatRequest &request, ReplyFn reply)
{
    auto respond = responder<HeartbeatResponse>(rc, std::move(reply));
    auto answer = [&](KafkaError error) {
        HeartbeatResponse r;
        r.errorCode = code(error);
        respond(r);
    };
    std::lock_guard lock(m_mutex);
    auto git = m_groups.find(request.groupId);
    if (git == m_groups.end())
        return answer(KafkaError::UnknownMemberId);
    Group &g = *git->second;
    auto mit = g.members.find(request.memberId);
    if (mit == g.members.end())
        return answer(KafkaError::UnknownMemberId);
    if (g.fenced(request.groupInstanceId, request.memberId))
        return answer(KafkaError::FencedInstanceId);
    if (g.state == State::Empty)
        return answer(KafkaError::UnknownMemberId);
    if (request.generationId != g.generation)
        return answer(KafkaError::IllegalGeneration);
    mit->second.lastHeartbeat = Clock::now();
    answer(g.state == State::PreparingRebalance ? KafkaError::RebalanceInProgress : KafkaError::None);
}

void GroupCoordinator::leaveGroup(const RequestContext &rc, const LeaveGroupRequest &request, ReplyFn reply)
{
    auto respond = responder<LeaveGroupResponse>(rc, std::move(reply));
    std::vector<LeaveGroupRequest::MemberIdentity> leaving = request.members;
    if (rc.apiVersion < 3) {
        LeaveGroupRequest::MemberIdentity one;
        one.memberId = request.memberId;
        leaving.push_back(one);
    }
    LeaveGroupResponse response;
    std::lock_guard lock(m_mutex);
    auto git = m_groups.find(request.groupId);
    int removed = 0;
    for (const auto &who : leaving) {
        LeaveGroupResponse::MemberResponse mr;
        mr.memberId = who.memberId;
        mr.groupInstanceId = who.groupInstanceId;
        QString id = who.memberId;
        if (git != m_groups.end() && who.groupInstanceId) {
            auto inst = git->second->instances.find(*who.groupInstanceId);
            if (inst == git->second->instances.end())
                mr.errorCode = code(KafkaError::UnknownMemberId);
            else if (!id.isEmpty() && id != QLatin1String("UNKNOWN_MEMBER_ID") && inst->second != id)
                mr.errorCode = code(KafkaError::FencedInstanceId);
            else
                id = inst->second;
        }
        if (mr.errorCode == 0 && (git == m_groups.end() || !git->second->members.count(id)))
            mr.errorCode = code(KafkaError::UnknownMemberId);
        if (mr.errorCode == 0) {
            removeMemberLocked(*git->second, id,
                               who.reason ? QStringLiteral("it left the group (%1)").arg(*who.reason)
                                          : QStringLiteral("it left the group"));
            ++removed;
        }
        response.members.push_back(mr);
    }
    if (removed > 0)
        membersChangedLocked(*git->second, QStringLiteral("%1 member(s) left").arg(removed));
    if (rc.apiVersion < 3)
        response.errorCode = response.members.front().errorCode;
    respond(response);
}

void GroupCoordinator::tick()
{
    std::lock_guard lock(m_mutex);
    const auto now = Clock::now();
    // The lease files' heartbeat, for the built-in broker's probers (they evict a lease older
    // than its session timeout; the minimum is 1 s there).
    const bool touch = now - m_lastTouch >= milliseconds(300);
    if (touch)
        m_lastTouch = now;
    for (auto &[groupId, gp] : m_groups) {
        if (touch) {
            for (const auto &[id, m] : gp->members) {
                if (m.lease)
                    m.lease->touch();
            }
        }
        Group &g = *gp;
        std::erase_if(g.pendingMemberIds, [&](const auto &e) { return e.second <= now; });
        std::vector<std::pair<QString, int>> expired;
        for (const auto &[id, m] : g.members) {
            if (!m.pendingJoin && !m.pendingSync && now - m.lastHeartbeat > milliseconds(m.sessionTimeoutMs))
                expired.emplace_back(id, m.sessionTimeoutMs);
        }
        for (const auto &[id, timeout] : expired)
            removeMemberLocked(
                g, id, QStringLiteral("expired, no heartbeat within its session timeout of %1 ms").arg(timeout));
        if (!expired.empty())
            membersChangedLocked(g, QStringLiteral("%1 member(s) expired").arg(expired.size()));
        if (g.state == State::PreparingRebalance && now >= g.deadline)
            maybeCompleteJoinLocked(g, true);
        if (g.state == State::CompletingRebalance && now >= g.deadline) {
            std::vector<QString> silent;
            for (const auto &[id, m] : g.members) {
                if (!m.pendingSync)
                    silent.push_back(id);
            }
            for (const QString &id : silent)
                removeMemberLocked(g, id, QStringLiteral("no SyncGroup within the rebalance timeout"));
            membersChangedLocked(g, QStringLiteral("the assignment did not come in time"));
        }
    }
}

void GroupCoordinator::offsetCommit(const RequestContext &rc, const OffsetCommitRequest &request, ReplyFn reply)
{
    KafkaError groupError = KafkaError::None;
    if (request.groupId.isEmpty()) {
        groupError = KafkaError::InvalidGroupId;
    } else {
        std::lock_guard lock(m_mutex);
        auto git = m_groups.find(request.groupId);
        Group *g = git == m_groups.end() ? nullptr : git->second.get();
        const bool empty = !g || g->members.empty();
        if (request.generationIdOrMemberEpoch < 0 && empty) {
            // A consumer without group management (or Kafka's offset tool): offsets only.
        } else if (!g || !g->members.count(request.memberId)) {
            groupError = KafkaError::UnknownMemberId;
        } else if (g->fenced(request.groupInstanceId, request.memberId)) {
            groupError = KafkaError::FencedInstanceId;
        } else if (g->state == State::CompletingRebalance) {
            groupError = KafkaError::RebalanceInProgress;
        } else if (request.generationIdOrMemberEpoch != g->generation) {
            groupError = KafkaError::IllegalGeneration;
        } else {
            g->members.at(request.memberId).lastHeartbeat = Clock::now();
        }
    }
    OffsetCommitResponse response;
    for (const auto &topic : request.topics) {
        OffsetCommitResponse::OffsetCommitResponseTopic rt;
        rt.name = topic.name;
        for (const auto &p : topic.partitions) {
            OffsetCommitResponse::OffsetCommitResponsePartition rp;
            rp.partitionIndex = p.partitionIndex;
            KafkaError error = groupError;
            const TopicPartition tp{topic.name, p.partitionIndex};
            if (error == KafkaError::None && !m_storage.partitionExists(tp))
                error = KafkaError::UnknownTopicOrPartition;
            if (error == KafkaError::None) {
                if (auto s = m_storage.commit(request.groupId, tp, p.committedOffset, request.memberId,
                                              request.generationIdOrMemberEpoch);
                    !s) {
                    qCWarning(lcKafkaServer).noquote()
                        << rc.describe() << ": commit to group" << request.groupId << "failed:" << s.error().message;
                    m_context.emitEvent(ListenerEvent::Kind::ClientError, rc.peer,
                                        QStringLiteral("commit of %1 to group '%2' failed: %3")
                                            .arg(tp.toString(), request.groupId, s.error().message));
                    // A file-based member's claim: the group is not this client's (as Kafka answers a
                    // commit from a non-member); anything else is the disk's fault, retriable.
                    error = s.error().code == ErrorCode::Conflict ? KafkaError::UnknownMemberId
                                                                  : KafkaError::KafkaStorageError;
                }
            }
            rp.errorCode = code(error);
            rt.partitions.push_back(rp);
        }
        response.topics.push_back(rt);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void GroupCoordinator::offsetFetch(const RequestContext &rc, const OffsetFetchRequest &request, ReplyFn reply)
{
    // One group's committed offsets: the partitions asked for (or every committed one).
    struct Fetched {
        KafkaError error = KafkaError::None;
        std::vector<std::pair<QString, std::vector<std::pair<qint32, qint64>>>> topics;
    };
    auto fetchGroup = [&](const QString &groupId,
                          const std::optional<std::vector<std::pair<QString, std::vector<qint32>>>> &wanted) {
        Fetched out;
        if (!wanted) {
            auto all = m_storage.allCommitted(groupId);
            if (!all) {
                out.error = KafkaError::UnknownServerError;
                qCWarning(lcKafkaServer).noquote() << rc.describe() << ":" << all.error().message;
                return out;
            }
            std::map<QString, std::vector<std::pair<qint32, qint64>>> byTopic;
            for (const auto &[tp, offset] : *all)
                byTopic[tp.topic].emplace_back(tp.partition, offset);
            for (auto &[topic, partitions] : byTopic)
                out.topics.emplace_back(topic, partitions);
            return out;
        }
        for (const auto &[topic, partitions] : *wanted) {
            std::vector<std::pair<qint32, qint64>> found;
            for (qint32 p : partitions) {
                auto c = m_storage.committed(groupId, {topic, p});
                found.emplace_back(p, c && *c ? **c : -1);
            }
            out.topics.emplace_back(topic, found);
        }
        return out;
    };
    OffsetFetchResponse response;
    if (rc.apiVersion < 8) {
        std::optional<std::vector<std::pair<QString, std::vector<qint32>>>> wanted;
        if (request.topics) {
            wanted.emplace();
            for (const auto &t : *request.topics)
                wanted->emplace_back(t.name, t.partitionIndexes);
        }
        const Fetched f = fetchGroup(request.groupId, wanted);
        response.errorCode = code(f.error);
        for (const auto &[topic, partitions] : f.topics) {
            OffsetFetchResponse::OffsetFetchResponseTopic rt;
            rt.name = topic;
            for (const auto &[p, offset] : partitions) {
                OffsetFetchResponse::OffsetFetchResponsePartition rp;
                rp.partitionIndex = p;
                rp.committedOffset = offset;
                rp.metadata = QString();
                rt.partitions.push_back(rp);
            }
            response.topics.push_back(rt);
        }
    } else {
        for (const auto &group : request.groups) {
            std::optional<std::vector<std::pair<QString, std::vector<qint32>>>> wanted;
            if (group.topics) {
                wanted.emplace();
                for (const auto &t : *group.topics)
                    wanted->emplace_back(t.name, t.partitionIndexes);
            }
            const Fetched f = fetchGroup(group.groupId, wanted);
            OffsetFetchResponse::OffsetFetchResponseGroup rg;
            rg.groupId = group.groupId;
            rg.errorCode = code(f.error);
            for (const auto &[topic, partitions] : f.topics) {
                OffsetFetchResponse::OffsetFetchResponseTopics rt;
                rt.name = topic;
                for (const auto &[p, offset] : partitions) {
                    OffsetFetchResponse::OffsetFetchResponsePartitions rp;
                    rp.partitionIndex = p;
                    rp.committedOffset = offset;
                    rp.metadata = QString();
                    rt.partitions.push_back(rp);
                }
                rg.topics.push_back(rt);
            }
            response.groups.push_back(rg);
        }
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void GroupCoordinator::listGroups(const RequestContext &rc, const ListGroupsRequest &request, ReplyFn reply)
{
    std::map<QString, std::pair<QString, QString>> listed; // id -> protocol type, state
    for (const QString &id : m_storage.groupIds())
        listed[id] = {QStringLiteral("consumer"), QStringLiteral("Empty")};
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, g] : m_groups) {
            if (g->state == State::Empty && g->members.empty() && !listed.count(id))
                continue; // never had a commit and nobody is in it
            listed[id] = {g->protocolType.isEmpty() ? QStringLiteral("consumer") : g->protocolType,
                          stateName(g->state)};
        }
    }
    ListGroupsResponse response;
    for (const auto &[id, typeState] : listed) {
        const QString &state = typeState.second; // a lambda may not capture a structured binding before clang 16
        if (!request.statesFilter.empty() &&
            std::none_of(request.statesFilter.begin(), request.statesFilter.end(),
                         [&](const QString &s) { return s.compare(state, Qt::CaseInsensitive) == 0; }))
            continue;
        ListGroupsResponse::ListedGroup lg;
        lg.groupId = id;
        lg.protocolType = typeState.first;
        lg.groupState = typeState.second;
        response.groups.push_back(lg);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void GroupCoordinator::describeGroups(const RequestContext &rc, const DescribeGroupsRequest &request, ReplyFn reply)
{
    DescribeGroupsResponse response;
    for (const QString &id : request.groups) {
        DescribeGroupsResponse::DescribedGroup dg;
        dg.groupId = id;
        bool inMemory = false;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_groups.find(id);
            if (it != m_groups.end() && !(it->second->members.empty() && it->second->state == State::Empty)) {
                inMemory = true;
                const Group &g = *it->second;
                dg.groupState = stateName(g.state);
                dg.protocolType = g.protocolType;
                dg.protocolData =
                    g.state == State::Stable || g.state == State::CompletingRebalance ? g.protocolName : QString();
                for (const auto &[memberId, m] : g.members) {
                    DescribeGroupsResponse::DescribedGroupMember dm;
                    dm.memberId = memberId;
                    dm.groupInstanceId = m.instanceId;
                    dm.clientId = m.clientId;
                    dm.clientHost = m.clientHost;
                    dm.memberMetadata = m.metadataFor(g.protocolName);
                    dm.memberAssignment = g.state == State::Stable ? m.assignment : QByteArray();
                    dg.members.push_back(dm);
                }
            }
        }
        if (!inMemory) {
            const bool exists = m_storage.groupExists(id);
            dg.groupState = exists ? QStringLiteral("Empty") : QStringLiteral("Dead");
            dg.protocolType = exists ? QStringLiteral("consumer") : QString();
        }
        response.groups.push_back(dg);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void GroupCoordinator::deleteGroups(const RequestContext &rc, const DeleteGroupsRequest &request, ReplyFn reply)
{
    DeleteGroupsResponse response;
    for (const QString &id : request.groupsNames) {
        DeleteGroupsResponse::DeletableGroupResult result;
        result.groupId = id;
        bool inMemory = false;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_groups.find(id);
            if (it != m_groups.end()) {
                inMemory = true;
                if (!it->second->members.empty())
                    result.errorCode = code(KafkaError::NonEmptyGroup);
            }
        }
        if (result.errorCode == 0) {
            const Status s = m_storage.deleteGroup(id);
            if (!s && s.error().code == ErrorCode::NotFound)
                result.errorCode = inMemory ? 0 : code(KafkaError::GroupIdNotFound);
            else if (!s && s.error().code == ErrorCode::Conflict)
                result.errorCode = code(KafkaError::NonEmptyGroup);
            else if (!s)
                result.errorCode = code(KafkaError::UnknownServerError);
            if (!s)
                qCWarning(lcKafkaServer).noquote()
                    << rc.describe() << ": delete group" << id << ":" << s.error().message;
        }
        if (result.errorCode == 0) {
            std::lock_guard lock(m_mutex);
            auto it = m_groups.find(id);
            if (it != m_groups.end() && it->second->members.empty())
                m_groups.erase(it);
            event(rc.peer, QStringLiteral("group '%1' deleted").arg(id));
        }
        response.results.push_back(result);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

void GroupCoordinator::offsetDelete(const RequestContext &rc, const OffsetDeleteRequest &request, ReplyFn reply)
{
    OffsetDeleteResponse response;
    std::set<QString> subscribed;
    bool inMemory = false;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_groups.find(request.groupId);
        if (it != m_groups.end()) {
            inMemory = true;
            const Group &g = *it->second;
            for (const auto &[id, m] : g.members) {
                for (const QString &t : subscribedTopics(m.metadataFor(g.protocolName)))
                    subscribed.insert(t);
            }
        }
    }
    if (!inMemory && !m_storage.groupExists(request.groupId)) {
        response.errorCode = code(KafkaError::GroupIdNotFound);
        reply(Reply::withBody(encodeResponse(rc, response)));
        return;
    }
    for (const auto &topic : request.topics) {
        OffsetDeleteResponse::OffsetDeleteResponseTopic rt;
        rt.name = topic.name;
        for (const auto &p : topic.partitions) {
            OffsetDeleteResponse::OffsetDeleteResponsePartition rp;
            rp.partitionIndex = p.partitionIndex;
            if (subscribed.count(topic.name)) {
                rp.errorCode = code(KafkaError::GroupSubscribedToTopic);
            } else if (auto s = m_storage.deleteCommitted(request.groupId, {topic.name, p.partitionIndex}); !s) {
                qCWarning(lcKafkaServer).noquote() << rc.describe() << ":" << s.error().message;
                rp.errorCode = code(KafkaError::UnknownServerError);
            }
            rt.partitions.push_back(rp);
        }
        response.topics.push_back(rt);
    }
    reply(Reply::withBody(encodeResponse(rc, response)));
}

} // namespace tidemark::kafkaserver
