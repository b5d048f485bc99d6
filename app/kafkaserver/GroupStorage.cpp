#include "kafkaserver/GroupStorage.h"

#include "logbroker/GroupDirectory.h"
#include "logbroker/LogStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QSysInfo>

namespace tidemark::kafkaserver {

using namespace logbroker;

GroupStorage::GroupStorage(std::shared_ptr<LogStore> store) : m_store(std::move(store)) {}

bool GroupStorage::partitionExists(const TopicPartition &tp) const
{
    auto meta = m_store->readMetadata(tp.topic);
    return meta && tp.partition >= 0 && tp.partition < meta->partitions;
}

Status GroupStorage::commit(const QString &groupId, const TopicPartition &tp, qint64 offset, const QString &memberId,
                            int generation) const
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s;
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    if (auto s = group.ensureExists(); !s)
        return s;
    // The claim of a file-based member is never bypassed: while the member it names is alive,
    // only that member commits the partition. Under group.lock, so the claim cannot be taken
    // between the check and the write.
    auto held = group.lock(std::chrono::seconds(5));
    if (!held)
        return held.error();
    const QString holder = group.claimHolder(tp);
    if (!holder.isEmpty() &&
        GroupDirectory::isMember(group.probe(GroupDirectory::encodeName(holder) + QStringLiteral(".lease"), false)))
        return Error(ErrorCode::Conflict,
                     QStringLiteral("%1 of consumer group '%2' is claimed by the built-in broker's consumer %3; a "
                                    "group is managed either by the built-in broker's own consumers or by Kafka "
                                    "clients, never both")
                         .arg(tp.toString(), groupId, holder));
    return group.writeCommitted(tp, offset, memberId, generation);
}

GroupStorage::Lease::~Lease()
{
    bestEffort(removeFile(m_path)); // then the lock goes with the descriptor
}

void GroupStorage::Lease::touch() const { bestEffort(touchFile(m_fd.get(), m_path)); }

Result<std::unique_ptr<GroupStorage::Lease>>
GroupStorage::enterGroup(const QString &groupId, const ProtocolMember &member, const QString &coordinator) const
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s.error();
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    if (auto s = group.ensureExists(); !s)
        return s.error();
    auto held = group.lock(std::chrono::seconds(5));
    if (!held)
        return held.error();
    QStringList fileMembers;
    for (const MemberLease &m : group.liveMembers(true)) {
        if (m.coordinator.isEmpty())
            fileMembers.append(
                QStringLiteral("%1 (client %2, pid %3 on %4)").arg(m.memberId, m.clientId).arg(m.pid).arg(m.host));
    }
    if (!fileMembers.isEmpty())
        return Error(ErrorCode::Conflict,
                     QStringLiteral("consumer group '%1' is held by the built-in broker's own consumers: %2. A group "
                                    "is managed either by them or by Kafka clients, never both: use another group id "
                                    "or stop them")
                         .arg(groupId, fileMembers.join(QStringLiteral(", "))));
    MemberLease lease;
    lease.memberId = member.memberId;
    lease.clientId = member.clientId;
    lease.host = member.host;
    lease.pid = QCoreApplication::applicationPid();
    lease.topics = member.topics;
    lease.strategy = member.assignor;
    lease.sessionTimeoutMs = member.sessionTimeoutMs;
    lease.joinedAtMs = QDateTime::currentMSecsSinceEpoch();
    lease.coordinator = coordinator;
    auto leased = group.createLease(lease);
    if (!leased)
        return leased.error();
    return std::make_unique<Lease>(std::move(leased->fd), leased->path);
}

Status GroupStorage::publish(const QString &groupId, int generation, const QString &assignor,
                             const std::vector<ProtocolMember> &members) const
{
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    if (auto s = group.ensureExists(); !s)
        return s;
    auto held = group.lock(std::chrono::seconds(5));
    if (!held)
        return held.error();
    GroupState state;
    state.generation = generation;
    state.protocol = assignor;
    state.updatedAtMs = QDateTime::currentMSecsSinceEpoch();
    for (const ProtocolMember &m : members) {
        MemberLease lease;
        lease.memberId = m.memberId;
        lease.clientId = m.clientId;
        lease.host = m.host;
        lease.topics = m.topics;
        lease.strategy = m.assignor;
        lease.sessionTimeoutMs = m.sessionTimeoutMs;
        state.members.push_back(lease);
        state.assignment[m.memberId] = m.assignment;
        for (const TopicPartition &tp : m.assignment)
            state.topicPartitions[tp.topic] = std::max(state.topicPartitions[tp.topic], tp.partition + 1);
    }
    std::sort(state.members.begin(), state.members.end(),
              [](const auto &a, const auto &b) { return a.memberId < b.memberId; });
    return group.writeState(state);
}

Status GroupStorage::deleteGroup(const QString &groupId) const
{
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    if (!group.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("consumer group '%1' does not exist").arg(groupId));
    auto held = group.lock(std::chrono::seconds(5));
    if (!held)
        return held.error();
    if (!group.liveMembers(true).empty())
        return Error(ErrorCode::Conflict, QStringLiteral("consumer group '%1' has live members").arg(groupId));
    return removeTree(group.path());
}

Status GroupStorage::deleteCommitted(const QString &groupId, const TopicPartition &tp) const
{
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    const QString path = group.offsetPath(tp);
    if (!pathExists(path))
        return {};
    return removeFile(path);
}

Result<std::optional<qint64>> GroupStorage::committed(const QString &groupId, const TopicPartition &tp) const
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s.error();
    return GroupDirectory(m_store->groupsDirectory(), groupId).readCommitted(tp);
}

Result<std::vector<std::pair<TopicPartition, qint64>>> GroupStorage::allCommitted(const QString &groupId) const
{
    if (auto s = GroupDirectory::validateGroupId(groupId); !s)
        return s.error();
    GroupDirectory group(m_store->groupsDirectory(), groupId);
    std::vector<std::pair<TopicPartition, qint64>> out;
    if (!group.exists())
        return out;
    auto all = group.readAllCommitted();
    if (!all)
        return all.error();
    for (const CommittedOffset &c : *all)
        out.emplace_back(c.tp, c.offset);
    return out;
}

QStringList GroupStorage::groupIds() const
{
    QStringList ids;
    for (const QString &dir : QDir(m_store->groupsDirectory()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        ids.append(GroupDirectory::decodeName(dir));
    return ids;
}

bool GroupStorage::groupExists(const QString &groupId) const
{
    return !groupId.isEmpty() && GroupDirectory(m_store->groupsDirectory(), groupId).exists();
}

} // namespace tidemark::kafkaserver
