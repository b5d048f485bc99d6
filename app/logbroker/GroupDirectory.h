#pragma once

// Consumer groups on disk, with no coordinator process:
//
//   <data>/groups/<group>/group.lock              flock'd while membership or assignment changes
//   <data>/groups/<group>/state.json              generation, members, assignment; replaced
//                                                 atomically (temp + rename) under group.lock
//   <data>/groups/<group>/members/<member>.lease  one per live member, flock'd by it for its whole
//                                                 life; its mtime is the heartbeat
//   <data>/groups/<group>/claims/<topic>-<p>.claim  names the member that owns the partition
//                                                 (JSON, written under group.lock; removed on release)
//   <data>/groups/<group>/offsets/<topic>-<p>.offset committed offset (JSON), temp+fsync+rename
//
// Liveness, one rule (Kafka's, and the Kafka listener's coordinator's in kafkaserver/): a
// member stays in the group, with its partitions, until its session timeout has passed since
// its last heartbeat (the lease's mtime), however it went away. kill -9 closes the member's
// files, which drops the lease's lock at once, so a prober's non-blocking flock succeeds: the
// member has vanished and will never heartbeat again, but it is still a member (Vanished)
// until its session expires; then it is Dead and evicted. A member whose lease is still locked
// but whose heartbeat is older than its session timeout is Hung and evicted the same way (its
// lease is unlinked; it notices and rejoins). So a killed consumer's partitions stay assigned
// to it, unread, their lag growing, for the session timeout, as they do with Kafka; a member
// that leaves cleanly (close(): its lease removed) hands them over at once.
//
// Ownership: a member reads and commits a partition only while the partition's claim file
// names it. A claim is held while the member it names is alive (its lease locked), so a
// member holds one descriptor (its lease) however many partitions it owns. Claim records are
// written and removed only under group.lock, and only by a member that found the claim free
// (no file), its own, or held by a member that is no longer a member: so two members
// never own one partition, even while a rebalance is in flight. A dead holder (kill -9 and its
// session expired) frees its claims at once; an evicted or hung one after the caller's grace
// (LocalConsumer waits one more heartbeat interval), and the evicted holder checks its lease
// before it reads again and its commits are refused (the claim names another member).
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
#include <set>
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
    // Non-empty for a member of a Kafka protocol group: who serves it ("Kafka listener pid 12,
    // 127.0.0.1:9092"). Such a group belongs to the listener's coordinator: rebalance() refuses
    // the built-in broker's own consumers there, and the coordinator refuses Kafka clients in a
    // group that has them (kafkaserver/GroupStorage.h).
    QString coordinator;

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
// id, like Kafka's RangeAssignor) or "roundrobin" (all partitions in turn), of the partitions
// not `taken` (held by a member that does not rejoin).
std::map<QString, std::vector<TopicPartition>> computeAssignment(const QString &strategy,
                                                                 const std::vector<MemberLease> &members,
                                                                 const std::map<QString, int> &topicPartitions,
                                                                 const std::set<TopicPartition> &taken = {});

class GroupDirectory {
public:
    GroupDirectory(const QString &groupsRoot, const QString &groupId);

    static QString encodeName(const QString &name);
    static QString decodeName(const QString &fileName);
    // Longest file name (bytes) file systems take (ext4, XFS, APFS, NTFS in UTF-16 units).
    static constexpr qsizetype kMaxFileNameBytes = 255;
    // Refused up front, with the reason, when a name made from it would not fit
    // kMaxFileNameBytes (it failed later with only "file name too long").
    static Status validateGroupId(const QString &groupId);
    static Status validateClientId(const QString &clientId);
    // Whether the group's files for `tp` (its claim and committed offset, and their temporary
    // names) fit kMaxFileNameBytes. Topic names are limited so that they do; a topic made by an
    // older version may be longer, and its partitions cannot be consumed in a group: the
    // error says so once, instead of every claim and commit failing with "file name too long".
    Status checkFileNamesFit(const TopicPartition &tp) const;

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

    // A member's lease as its member holds it: the open descriptor keeps the flock (the
    // member's liveness) for as long as it lives.
    struct HeldLease {
        UniqueFd fd;
        QString path; // members/<encoded member id>.lease
    };
    // Creates the lease of `lease.memberId` (its JSON) and locks it: written and locked under a
    // temporary name, then renamed, so a prober never sees an unlocked lease. Nothing is left
    // behind on failure. Call it under group.lock when membership must not change meanwhile.
    Result<HeldLease> createLease(const MemberLease &lease) const;

    enum class Liveness {
        Alive,    // its lease is locked and its session valid
        Vanished, // its process is gone (lease unlocked) but its session is still valid: a member
        Dead,     // its process is gone and its session expired
        Hung,     // its lease is locked but its session expired (not polled)
        Gone,     // no lease file (left, or evicted)
    };
    // Whether a member in this state still belongs to the group (keeps its partitions).
    static bool isMember(Liveness l) { return l == Liveness::Alive || l == Liveness::Vanished; }
    // When a lease's session expires: its last heartbeat (the lease's mtime) plus its session
    // timeout (at least kMinSessionTimeoutMs). 0 if the heartbeat is unknown (expired).
    static constexpr int kMinSessionTimeoutMs = 1000;
    static qint64 sessionExpiresAtMs(const MemberLease &lease);
    // Probes one lease file. With `evict` (only under group.lock), a dead or hung member's lease
    // is deleted, and a dead member's claims are freed with it (its process is gone: nobody can
    // be reading them), so the takeover follows its session's expiry at once.
    Liveness probe(const QString &leaseFile, bool evict, MemberLease *lease = nullptr) const;
    // Every member (Alive or Vanished); with `evict` (only under group.lock), evicts dead and
    // hung ones as probe() does.
    // `vanished`, if given, receives the ids of the Vanished ones among them.
    std::vector<MemberLease> liveMembers(bool evict, QStringList *vanished = nullptr) const;
    QStringList leaseFiles() const;

    // The member the claim of `tp` names; empty if it is free (no file, freed) or unreadable.
    QString claimHolder(const TopicPartition &tp) const;
    // The claim of `tp`: its holder, and for a claim freed when its dead holder was evicted
    // (probe()), whose it was.
    struct Claim {
        QString holder;
        QString freedFrom;
    };
    Claim readClaim(const TopicPartition &tp) const;
    // Under group.lock, for each (partition, holder the caller saw): records `memberId` as
    // the holder if the claim still names that holder (empty: free) or already `memberId`.
    // The caller decides beforehand that the holder it saw is gone (not alive). Returns,
    // per entry, whether it is now ours.
    Result<std::vector<bool>> takeClaims(const std::vector<std::pair<TopicPartition, QString>> &claims,
                                         const QString &memberId, int generation,
                                         std::chrono::milliseconds timeout) const;
    // Under group.lock, removes the claims of `tps` that still name `memberId`.
    Status releaseClaims(const std::vector<TopicPartition> &tps, const QString &memberId,
                         std::chrono::milliseconds timeout) const;

    Result<std::optional<qint64>> readCommitted(const TopicPartition &tp) const;
    Result<std::vector<CommittedOffset>> readAllCommitted() const;
    Status writeCommitted(const TopicPartition &tp, qint64 offset, const QString &memberId, int generation) const;

    // Recomputes membership and assignment under group.lock; writes a new generation if
    // anything changed (members joined, left or died; partition counts changed). Returns the
    // current state.
    Result<GroupState> rebalance(const LogStore &store, std::chrono::milliseconds timeout,
                                 const QString &leavingMemberId = {}) const;

private:
    // Frees every claim that names `memberId` (under group.lock): rewrites it with no holder,
    // naming `memberId` as the one it was freed from.
    void freeClaimsOf(const QString &memberId) const;

    QString m_groupsRoot;
    QString m_groupId;
    QString m_path;
};

} // namespace tidemark::logbroker
