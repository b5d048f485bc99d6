#include "kafkaserver/GroupStorage.h"

#include "logbroker/GroupDirectory.h"
#include "logbroker/LogStore.h"

#include <QDir>

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
    return group.writeCommitted(tp, offset, memberId, generation);
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
