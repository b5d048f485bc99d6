#pragma once

// The coordinator's only touch point with the built-in broker's group storage
// (logbroker/GroupDirectory.h): committed offsets of protocol groups live in the same
// <data>/groups/<group>/offsets files the built-in broker's own consumers use, so
// `tidemark-cli groups describe/reset`, the app's lag and its committed markers see them, and
// they survive a restart of the listener.
//
// Members of protocol groups are members there too: each has a lease file in
// <group>/members (flock'd by the listener for as long as the member is in the group, touched
// as it heartbeats, marked with the coordinator's name), and every stable generation is
// written to <group>/state.json with the members' assigned partitions. So the built-in broker
// sees who is in the group: an offset reset is refused while the group has live protocol
// members, the app and `groups describe` show them, and the built-in broker's own consumers
// cannot join the group (GroupDirectory::rebalance refuses: the group is the Kafka clients').
// The other way round, enterGroup() refuses a Kafka client in a group that has live
// file-based members, and commit() never writes a partition whose claim names a live
// file-based member.
//
// Everything here is blocking file I/O: call it from the handler threads or the coordinator's
// writer thread, never while holding the coordinator's mutex (Lease's destructor and touch()
// are single system calls and may run under it).
//
// Threading: holds only the store; every method is thread-safe (GroupDirectory's files and
// locks make concurrent use from threads and processes safe).

#include "core/Record.h"
#include "core/Result.h"
#include "logbroker/FileIo.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tidemark::logbroker {
class LogStore;
}

namespace tidemark::kafkaserver {

// A protocol group member as the built-in broker's group files show it.
struct ProtocolMember {
    QString memberId;
    QString clientId;
    QString host;
    QStringList topics; // subscribed (from its consumer-protocol metadata)
    QString assignor;   // the group's protocol name ("range", "cooperative-sticky", ...)
    int sessionTimeoutMs = 10000;
    std::vector<TopicPartition> assignment;
};

class GroupStorage {
public:
    explicit GroupStorage(std::shared_ptr<logbroker::LogStore> store);

    // A member's lease file, locked while this object lives; the destructor deletes it.
    class Lease {
    public:
        Lease(logbroker::UniqueFd fd, QString path) : m_fd(std::move(fd)), m_path(std::move(path)) {}
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        void touch() const; // the heartbeat the built-in broker's probers read

    private:
        logbroker::UniqueFd m_fd;
        QString m_path;
    };
    // Enters `member` into the group's files under group.lock. A Conflict Error (naming them)
    // if the built-in broker's own consumers are live members of the group.
    Result<std::unique_ptr<Lease>> enterGroup(const QString &groupId, const ProtocolMember &member,
                                              const QString &coordinator) const;
    // Writes the group's state.json (generation, assignor, members and their partitions).
    Status publish(const QString &groupId, int generation, const QString &assignor,
                   const std::vector<ProtocolMember> &members) const;
    // Deletes a group's files: NonEmpty-style Conflict if it has live members of any kind.
    Status deleteGroup(const QString &groupId) const;
    Status deleteCommitted(const QString &groupId, const TopicPartition &tp) const;

    // Whether `tp` exists (a commit or fetch for anything else is UNKNOWN_TOPIC_OR_PARTITION).
    bool partitionExists(const TopicPartition &tp) const;

    // Writes one committed offset (fsync'd) under group.lock. A Conflict Error if a live
    // file-based member holds the partition's claim; other Errors say why.
    Status commit(const QString &groupId, const TopicPartition &tp, qint64 offset, const QString &memberId,
                  int generation) const;
    Result<std::optional<qint64>> committed(const QString &groupId, const TopicPartition &tp) const;
    Result<std::vector<std::pair<TopicPartition, qint64>>> allCommitted(const QString &groupId) const;

    // Every group that has a directory (protocol groups and the built-in broker's own).
    QStringList groupIds() const;
    bool groupExists(const QString &groupId) const;

private:
    std::shared_ptr<logbroker::LogStore> m_store;
};

} // namespace tidemark::kafkaserver
