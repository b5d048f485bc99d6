#pragma once

// Consumer groups on disk, with no coordinator process:
//
//   <data>/groups/<group>/group.lock              flock'd while membership or assignment changes
//   <data>/groups/<group>/state.json              generation, members, assignment; replaced
//                                                 atomically (temp + rename) under group.lock
//   <data>/groups/<group>/members/<member>.lease  one per live member, flock'd by it for its whole
//                                                 life; its mtime is the heartbeat
//   <data>/groups/<group>/claims/<topic>-<p>.claim  flock'd by the member that owns the partition
//   <data>/groups/<group>/offsets/<topic>-<p>.offset committed offset (JSON), temp+fsync+rename
//
// Liveness: a member is alive while its lease is locked. kill -9 closes the member's files,
// which drops the lock at once, so a prober's non-blocking flock succeeds and it knows the
// member is dead. A member whose lease is locked but whose heartbeat is older than its
// session timeout is hung and is evicted (its lease is unlinked; it notices and rejoins).
//
// Ownership: a member reads and commits a partition only while it holds the partition's
// claim lock. A new owner cannot take the lock before the old owner let go, so two live
// members never own one partition, even while a rebalance is in flight. The one exception
// is a holder that is no longer a member (evicted: it did not poll within its session
// timeout): takeOverClaim() replaces the claim file, so the wait for a hung member is
// bounded; the evicted holder checks its lease before it reads again and its commits are
// refused (its claim file is unlinked).
//
// Group ids may contain any character; the directory name percent-encodes everything but
// [A-Za-z0-9._-] (and a leading '.').
//
// Threading: GroupDirectory holds only paths; its methods are thread-safe and may be called
// from several processes at once (the files and locks above make that safe).

#include "core/Backend.h"
#include "core/Result.h"

#include "logbroker/FileIo.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <map>
#include <optional>
#include <vector>

namespace tidemark::logbroker {

class LogStore;

struct MemberLease {
    QString memberId;
    QString clientId;
    QString host;
    qint64 pid = 0;
    QStringList topics;
    QString strategy;
    int sessionTimeoutMs = 10000;
    qint64 joinedAtMs = 0;
    qint64 heartbeatMs = 0; // the lease file's mtime
    QString fileName;

    QByteArray toJson() const;
    static std::optional<MemberLease> fromJson(const QByteArray &json);
};

struct GroupState {
    int generation = 0;
    QString protocol;
    std::vector<MemberLease> members; // sorted by memberId
    std::map<QString, std::vector<TopicPartition>> assignment;
    std::map<QString, int> topicPartitions; // partition counts the assignment was made for
    qint64 updatedAtMs = 0;

    QStringList memberIds() const;
    QByteArray toJson(const QString &groupId) const;
    static Result<GroupState> fromJson(const QByteArray &json, const QString &path);
};

struct CommittedOffset {
    TopicPartition tp;
    qint64 offset = -1;
    QString memberId;
    int generation = -1;
    qint64 committedAtMs = 0;
};

// Computes an assignment: "range" (per topic, consecutive partitions to members sorted by
// id, like Kafka's RangeAssignor) or "roundrobin" (all partitions in turn).
std::map<QString, std::vector<TopicPartition>> computeAssignment(const QString &strategy,
                                                                 const std::vector<MemberLease> &members,
                                                                 const std::map<QString, int> &topicPartitions);

class GroupDirectory {
public:
    GroupDirectory(const QString &groupsRoot, const QString &groupId);

    static QString encodeName(const QString &name);
    static QString decodeName(const QString &fileName);
    static Status validateGroupId(const QString &groupId);

    const QString &groupId() const { return m_groupId; }
    const QString &path() const { return m_path; }
    QString membersPath() const { return m_path + QStringLiteral("/members"); }
    QString claimsPath() const { return m_path + QStringLiteral("/claims"); }
    QString offsetsPath() const { return m_path + QStringLiteral("/offsets"); }
    QString statePath() const { return m_path + QStringLiteral("/state.json"); }
    QString lockPath() const { return m_path + QStringLiteral("/group.lock"); }
    QString claimPath(const TopicPartition &tp) const;
    QString offsetPath(const TopicPartition &tp) const;
    bool exists() const;
    Status ensureExists() const;

    // Holds group.lock; released when the returned fd closes.
    Result<UniqueFd> lock(std::chrono::milliseconds timeout) const;

    Result<GroupState> readState() const; // an empty state (generation 0) if there is none
    Status writeState(const GroupState &state) const;

    enum class Liveness { Alive, Dead, Hung, Gone };
    // Probes one lease file. With `evict`, a dead or hung member's lease is deleted.
    Liveness probe(const QString &leaseFile, bool evict, MemberLease *lease = nullptr) const;
    // Every member whose lease is alive; with `evict`, deletes the leases of dead and hung ones.
    std::vector<MemberLease> liveMembers(bool evict) const;
    QStringList leaseFiles() const;

    // The member a claim file names (written by its holder once it has the lock, under
    // group.lock; informational, the lock is what counts). Empty if none or unreadable.
    static QString readClaimHolder(int fd, const QString &path);
    // Call right after locking the claim of `tp` through `fd`: under group.lock, checks that
    // `fd` is still the claim file (a takeover may have replaced it) and writes the holder
    // into it. False: it was replaced; close `fd` and open the claim again.
    Result<bool> recordClaim(int fd, const TopicPartition &tp, const QString &memberId, int generation,
                             std::chrono::milliseconds timeout) const;
    // Takes the claim of `tp` over from a holder that is no longer a live member (its lease is
    // gone, unlocked, or older than its session timeout: such a lease is deleted here), under
    // group.lock: the old claim file is unlinked and a new one created, locked and recorded.
    // nullopt if the holder turns out to be alive or unknown. `previousHolder` gets its id.
    Result<std::optional<UniqueFd>> takeOverClaim(const TopicPartition &tp, const QString &memberId, int generation,
                                                  std::chrono::milliseconds timeout,
                                                  QString *previousHolder = nullptr) const;

    Result<std::optional<qint64>> readCommitted(const TopicPartition &tp) const;
    Result<std::vector<CommittedOffset>> readAllCommitted() const;
    Status writeCommitted(const TopicPartition &tp, qint64 offset, const QString &memberId, int generation) const;

    // Recomputes membership and assignment under group.lock; writes a new generation if
    // anything changed (members joined, left or died; partition counts changed). Returns the
    // current state.
    Result<GroupState> rebalance(const LogStore &store, std::chrono::milliseconds timeout,
                                 const QString &leavingMemberId = {}) const;

private:
    QString m_groupsRoot;
    QString m_groupId;
    QString m_path;
};

} // namespace tidemark::logbroker
